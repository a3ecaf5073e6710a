// The Kubernetes minors whose schemas ship in server/data/k8s (see scripts/k8s-schemas.mjs for the
// source of each) and the choice of one for a configured Kubernetes version.

/** KUBE_SCHEMA_VERSIONS lists the shipped minors, oldest first, newest last. */
export const KUBE_SCHEMA_VERSIONS: readonly string[] = ['1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36'];

/** DEFAULT_KUBE_SCHEMA_VERSION is used when no Kubernetes version is configured: the newest. */
export const DEFAULT_KUBE_SCHEMA_VERSION = KUBE_SCHEMA_VERSIONS[KUBE_SCHEMA_VERSIONS.length - 1];

/** parseMinor reads "v1.31.2", "1.31", "1.31.0-gke.100", "v1.31+" as [major, minor]; undefined when not a version. */
export function parseMinor(kubeVersion: string): readonly [number, number] | undefined {
  const m = /^\s*v?(\d+)\.(\d+)/.exec(kubeVersion);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** compareMinor orders "1.9" before "1.10". */
export function compareMinor(a: string, b: string): number {
  const pa = parseMinor(a) ?? [0, 0];
  const pb = parseMinor(b) ?? [0, 0];
  return pa[0] - pb[0] || pa[1] - pb[1];
}

/**
 * schemaVersionFor picks the shipped minor for a Kubernetes version: the nearest one not above it,
 * clamped to the oldest and newest shipped; the newest when kubeVersion is empty or not a version.
 */
export function schemaVersionFor(kubeVersion: string | undefined): string {
  const v = kubeVersion === undefined ? undefined : parseMinor(kubeVersion);
  if (v === undefined) return DEFAULT_KUBE_SCHEMA_VERSION;
  const want = `${v[0]}.${v[1]}`;
  let pick = KUBE_SCHEMA_VERSIONS[0];
  for (const s of KUBE_SCHEMA_VERSIONS) if (compareMinor(s, want) <= 0) pick = s;
  return pick;
}
