// The version of Chartwright and of the Helm releases whose behaviour it reproduces. VERSION
// must equal package.json's "version" (test/cli/version.test.ts checks it); the Helm versions
// are the binaries every recorded expectation in test/ and ../shared was made with.

/** VERSION is Chartwright's own version (package.json). */
export const VERSION = '0.1.0';

/** HELM_VERSIONS are the Helm releases reproduced: `--helm-version 4` (default) and `3`. */
export const HELM_VERSIONS = { 4: 'v4.1.4', 3: 'v3.17.3' } as const;

/** versionText is what `chartwright version` prints (`--short`: the version alone). */
export function versionText(short: boolean): string {
  if (short) return `v${VERSION}\n`;
  return `chartwright v${VERSION} (renders like Helm ${HELM_VERSIONS[4]} and, with --helm-version 3, Helm ${HELM_VERSIONS[3]}; node ${process.version})\n`;
}
