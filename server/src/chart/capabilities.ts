// Package capabilities: `.Capabilities` data per Helm version (chartutil/capabilities.go in v3,
// chart/common/capabilities.go in v4): default Kubernetes version, default API versions,
// --kube-version parsing, --api-versions, and the Helm build info.
import type { HelmVersion } from '../template/func';
import { quote as goQuote } from '../template/strconv';
import { GoRegexp } from '../sprig/re2';
import { SemverError, type Version, newVersion, versionString } from '../sprig/semver';

/** KubeVersion is the Kubernetes version data (Helm's KubeVersion struct). */
export interface KubeVersion {
  /** version: the Version field (GitVersion) as given, "v"-prefixed. */
  readonly version: string;
  /** normalized: v4's unexported normalizedVersion (what String() returns); '' in v3. */
  readonly normalized: string;
  readonly major: string;
  readonly minor: string;
}

/** BuildInfo is version.BuildInfo of the Helm binary being imitated. */
export interface BuildInfo {
  readonly version: string;
  readonly gitCommit: string;
  readonly gitTreeState: string;
  readonly goVersion: string;
  /** kubeClientVersion exists only in Helm 4. */
  readonly kubeClientVersion: string | undefined;
}

/** Capabilities is the data behind `.Capabilities`. */
export interface Capabilities {
  readonly helmVersion: HelmVersion;
  readonly kubeVersion: KubeVersion;
  readonly apiVersions: readonly string[];
  readonly buildInfo: BuildInfo;
}

// Default API version lists, recorded from helm v4.1.4 / v3.17.3 (conformance vector
// obj-apiversions-list: `{{ range .Capabilities.APIVersions }}{{ . }}` rendered output).
const COMMON_HEAD = [
  'v1', 'admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1alpha1', 'admissionregistration.k8s.io/v1beta1',
  'internal.apiserver.k8s.io/v1alpha1', 'apps/v1', 'apps/v1beta1', 'apps/v1beta2', 'authentication.k8s.io/v1',
  'authentication.k8s.io/v1alpha1', 'authentication.k8s.io/v1beta1', 'authorization.k8s.io/v1', 'authorization.k8s.io/v1beta1',
  'autoscaling/v1', 'autoscaling/v2', 'autoscaling/v2beta1', 'autoscaling/v2beta2', 'batch/v1', 'batch/v1beta1',
  'certificates.k8s.io/v1', 'certificates.k8s.io/v1beta1', 'certificates.k8s.io/v1alpha1', 'coordination.k8s.io/v1alpha2',
  'coordination.k8s.io/v1beta1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1', 'events.k8s.io/v1',
  'events.k8s.io/v1beta1', 'extensions/v1beta1', 'flowcontrol.apiserver.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta2', 'flowcontrol.apiserver.k8s.io/v1beta3', 'networking.k8s.io/v1',
];
const COMMON_MID = [
  'networking.k8s.io/v1beta1', 'node.k8s.io/v1', 'node.k8s.io/v1alpha1', 'node.k8s.io/v1beta1', 'policy/v1', 'policy/v1beta1',
  'rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1',
];
const COMMON_TAIL = [
  'resource.k8s.io/v1beta1', 'resource.k8s.io/v1alpha3', 'scheduling.k8s.io/v1alpha1', 'scheduling.k8s.io/v1beta1',
  'scheduling.k8s.io/v1', 'storage.k8s.io/v1beta1', 'storage.k8s.io/v1', 'storage.k8s.io/v1alpha1',
];

/** DEFAULT_API_VERSIONS are the built-in APIVersions of each Helm version (57 in v4, 56 in v3). */
export const DEFAULT_API_VERSIONS: Readonly<Record<HelmVersion, readonly string[]>> = {
  4: [
    ...COMMON_HEAD, ...COMMON_MID, 'resource.k8s.io/v1', 'resource.k8s.io/v1beta2', ...COMMON_TAIL,
    'storagemigration.k8s.io/v1beta1', 'apiextensions.k8s.io/v1beta1', 'apiextensions.k8s.io/v1',
  ],
  3: [
    ...COMMON_HEAD, 'networking.k8s.io/v1alpha1', ...COMMON_MID, ...COMMON_TAIL,
    'storagemigration.k8s.io/v1alpha1', 'apiextensions.k8s.io/v1beta1', 'apiextensions.k8s.io/v1',
  ],
};

/** BUILD_INFO is what `.Capabilities.HelmVersion` reports (recorded from the binaries). */
export const BUILD_INFO: Readonly<Record<HelmVersion, BuildInfo>> = {
  4: { version: 'v4.1.4', gitCommit: '05fa37973dc9e42b76e1d2883494c87174b6074f', gitTreeState: 'clean', goVersion: 'go1.25.9', kubeClientVersion: 'v1.35' },
  3: { version: 'v3.17.3', gitCommit: 'e4da49785aa6e6ee2b86efd5dd9e43400318262b', gitTreeState: 'clean', goVersion: 'go1.23.7', kubeClientVersion: undefined },
};

/** DEFAULT_KUBE_VERSION is the built-in Kubernetes version (client-go's module version). */
export const DEFAULT_KUBE_VERSION: Readonly<Record<HelmVersion, KubeVersion>> = {
  4: { version: 'v1.35.0', normalized: 'v1.35.0', major: '1', minor: '35' },
  3: { version: 'v1.32.0', normalized: '', major: '1', minor: '32' },
};

/** kubeVersionString is KubeVersion.String(): v4 prints the normalized version. */
export function kubeVersionString(k: KubeVersion): string {
  return k.normalized !== '' ? k.normalized : k.version;
}

// k8s.io/apimachinery's versionMatchRE, a Go regexp: `.` stops only at \n, `\s` is ASCII and `$`
// is the end of the text. On V8's backtracking engine `(.*)*$` is exponential in the length of
// what follows a newline; re2js matches it in linear time.
const K8S_VERSION_RE = new GoRegexp('^\\s*v?([0-9]+(?:\\.[0-9]+)*)(.*)*$');

/**
 * parseKubeVersion is ParseKubeVersion: v3 parses SemVer (Masterminds) and re-prints it; v4 uses
 * k8s.io's ParseGeneric, keeps the input as Version and normalises String(). Errors are the full
 * Helm text ("invalid kube version '...': ...").
 */
export function parseKubeVersion(s: string, v: HelmVersion): KubeVersion | { error: string } {
  if (v === 3) {
    let sv: Version;
    try {
      sv = newVersion(s, 3);
    } catch (e) {
      if (e instanceof SemverError) return { error: `invalid kube version '${s}': ${e.message}` };
      throw e;
    }
    return { version: 'v' + versionString(sv), normalized: '', major: String(sv.major), minor: String(sv.minor) };
  }
  const m = K8S_VERSION_RE.exec(s, 0);
  if (m === undefined) return { error: `invalid kube version '${s}': could not parse ${goQuote(s)} as version` };
  const comps = s.slice(m[2], m[3]).split('.');
  if (comps.length < 2) return { error: `invalid kube version '${s}': illegal version string ${goQuote(s)}` };
  const nums: bigint[] = [];
  for (let i = 0; i < comps.length; i++) {
    const c = comps[i];
    if (i === 0 && c.startsWith('0') && c !== '0') {
      return { error: `invalid kube version '${s}': illegal zero-prefixed version component ${goQuote(c)} in ${goQuote(s)}` };
    }
    const n = BigInt(c);
    if (n > (1n << 64n) - 1n) {
      return {
        error: `invalid kube version '${s}': illegal non-numeric version component ${goQuote(c)} in ${goQuote(s)}: strconv.ParseUint: parsing ${goQuote(c)}: value out of range`,
      };
    }
    nums.push(n);
  }
  return {
    version: s.startsWith('v') ? s : 'v' + s,
    normalized: 'v' + nums.join('.'),
    major: String(nums[0]),
    minor: String(nums[1]),
  };
}

/**
 * makeCapabilities is DefaultCapabilities.Copy() with `--kube-version` (already parsed) replacing
 * KubeVersion and `--api-versions` appended verbatim to the default list.
 */
export function makeCapabilities(v: HelmVersion, kubeVersion?: KubeVersion, apiVersions: readonly string[] = []): Capabilities {
  return {
    helmVersion: v,
    kubeVersion: kubeVersion ?? DEFAULT_KUBE_VERSION[v],
    apiVersions: [...DEFAULT_API_VERSIONS[v], ...apiVersions],
    buildInfo: BUILD_INFO[v],
  };
}
