// Helm's release name rule (chartutil.ValidateReleaseName), on its own so the VS Code client can
// check `chartwright.releaseName` before running helm without bundling the renderer.

const VALID_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const INVALID_NAME =
  'invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53';

/** validateReleaseName returns Helm's error text for an invalid name, or undefined. */
export function validateReleaseName(name: string): string | undefined {
  if (name === '' || new TextEncoder().encode(name).length > 53 || !VALID_NAME.test(name)) return INVALID_NAME;
  return undefined;
}
