// Command-line parsing for `chartwright template` with spf13/pflag's rules as Helm configures
// them: `--flag value`, `--flag=value`, `-f value`, `-fvalue`, `-f=value`, bool flags taking no
// value (`--debug`, `--debug=false`), string slices split as CSV (`-f a.yaml,b.yaml`,
// `-a x/v1,y/v1`), string arrays kept whole (`--set a=1,b=2`), `--` ending the flags.
import { type FlagSpec as PflagSpec, parsePflags, splitCSV } from './pflag';
import type { HelmVersion } from '../template/func';

/** splitCSV is re-exported from the generic parser for existing importers. */
export { splitCSV };

/** TemplateFlags holds every `helm template` flag Chartwright understands. */
export interface TemplateFlags {
  valueFiles: string[];
  set: string[];
  setString: string[];
  setFile: string[];
  setJson: string[];
  setLiteral: string[];
  namespace: string;
  namespaceSet: boolean;
  kubeVersion: string;
  apiVersions: string[];
  showOnly: string[];
  includeCrds: boolean;
  skipCrds: boolean;
  skipTests: boolean;
  noHooks: boolean;
  isUpgrade: boolean;
  skipSchemaValidation: boolean;
  nameTemplate: string;
  generateName: boolean;
  outputDir: string;
  useReleaseName: boolean;
  debug: boolean;
  enableDns: boolean;
  renderSubchartNotes: boolean;
  helmVersion: HelmVersion;
  help: boolean;
  /** Positional arguments ([NAME] CHART). */
  args: string[];
}

type FlagSpec = PflagSpec<TemplateFlags>;

const S = (get: (f: TemplateFlags) => string[]) => (f: TemplateFlags, v: string): undefined => {
  get(f).push(v);
  return undefined;
};
const SL = (get: (f: TemplateFlags) => string[]) => (f: TemplateFlags, v: string): undefined => {
  get(f).push(...splitCSV(v));
  return undefined;
};

// Flags whose value is optional in Helm (NoOptDefVal): `--dry-run` alone means "unset", `--wait` "watcher".
const NO_OPT_DEFAULT: ReadonlyMap<string, string> = new Map([
  ['dry-run', 'unset'],
  ['wait', 'watcher'],
  ['color', 'auto'],
  ['colour', 'auto'],
]);

const FLAGS: readonly FlagSpec[] = [
  { long: 'values', short: 'f', kind: 'stringSlice', apply: SL((f) => f.valueFiles) },
  { long: 'set', kind: 'stringArray', apply: S((f) => f.set) },
  { long: 'set-string', kind: 'stringArray', apply: S((f) => f.setString) },
  { long: 'set-file', kind: 'stringArray', apply: S((f) => f.setFile) },
  { long: 'set-json', kind: 'stringArray', apply: S((f) => f.setJson) },
  { long: 'set-literal', kind: 'stringArray', apply: S((f) => f.setLiteral) },
  {
    long: 'namespace', short: 'n', kind: 'string',
    apply: (f, v) => {
      f.namespace = v;
      f.namespaceSet = true;
      return undefined;
    },
  },
  { long: 'kube-version', kind: 'string', apply: (f, v) => ((f.kubeVersion = v), undefined) },
  { long: 'api-versions', short: 'a', kind: 'stringSlice', apply: SL((f) => f.apiVersions) },
  { long: 'show-only', short: 's', kind: 'stringArray', apply: S((f) => f.showOnly) },
  { long: 'include-crds', kind: 'bool', apply: (f, v) => ((f.includeCrds = v === 'true'), undefined) },
  { long: 'skip-crds', kind: 'bool', apply: (f, v) => ((f.skipCrds = v === 'true'), undefined) },
  { long: 'skip-tests', kind: 'bool', apply: (f, v) => ((f.skipTests = v === 'true'), undefined) },
  { long: 'no-hooks', kind: 'bool', apply: (f, v) => ((f.noHooks = v === 'true'), undefined) },
  { long: 'is-upgrade', kind: 'bool', apply: (f, v) => ((f.isUpgrade = v === 'true'), undefined) },
  { long: 'skip-schema-validation', kind: 'bool', apply: (f, v) => ((f.skipSchemaValidation = v === 'true'), undefined) },
  { long: 'name-template', kind: 'string', apply: (f, v) => ((f.nameTemplate = v), undefined) },
  { long: 'generate-name', short: 'g', kind: 'bool', apply: (f, v) => ((f.generateName = v === 'true'), undefined) },
  { long: 'output-dir', kind: 'string', apply: (f, v) => ((f.outputDir = v), undefined) },
  { long: 'release-name', kind: 'bool', apply: (f, v) => ((f.useReleaseName = v === 'true'), undefined) },
  { long: 'debug', kind: 'bool', apply: (f, v) => ((f.debug = v === 'true'), undefined) },
  { long: 'enable-dns', kind: 'bool', apply: (f, v) => ((f.enableDns = v === 'true'), undefined) },
  { long: 'render-subchart-notes', kind: 'bool', apply: (f, v) => ((f.renderSubchartNotes = v === 'true'), undefined) },
  { long: 'help', short: 'h', kind: 'bool', apply: (f, v) => ((f.help = v === 'true'), undefined) },
  {
    long: 'helm-version', kind: 'string',
    apply: (f, v) => {
      if (v !== '3' && v !== '4') return `invalid argument "${v}" for "--helm-version" flag: must be 3 or 4`;
      f.helmVersion = v === '3' ? 3 : 4;
      return undefined;
    },
  },
  // Accepted for compatibility; they do not change what `helm template` prints offline.
  ...['create-namespace', 'dependency-update', 'devel', 'disable-openapi-validation', 'force', 'hide-notes',
    'insecure-skip-tls-verify', 'plain-http', 'replace', 'verify', 'wait-for-jobs', 'atomic', 'rollback-on-failure',
    'validate', 'pass-credentials', 'hide-secret', 'take-ownership', 'skip-refresh']
    .map((long): FlagSpec => ({ long, kind: 'bool' })),
  ...['description', 'repo', 'username', 'password', 'version', 'timeout', 'ca-file', 'cert-file', 'key-file',
    'keyring', 'post-renderer', 'labels', 'kube-context', 'kubeconfig', 'kube-apiserver', 'kube-token',
    'kube-as-user', 'kube-ca-file', 'registry-config', 'repository-cache', 'repository-config', 'burst-limit',
    'qps', 'wait', 'dry-run', 'post-renderer-args', 'password-stdin', 'kube-tls-server-name', 'kube-as-group',
    'kube-insecure-skip-tls-verify', 'content-cache', 'color', 'colour']
    .map((long): FlagSpec => ({ long, kind: 'string', noOptDefault: NO_OPT_DEFAULT.get(long) })),
];

/** newTemplateFlags returns the defaults. */
export function newTemplateFlags(defaultHelmVersion: HelmVersion): TemplateFlags {
  return {
    valueFiles: [], set: [], setString: [], setFile: [], setJson: [], setLiteral: [],
    namespace: 'default', namespaceSet: false, kubeVersion: '', apiVersions: [], showOnly: [],
    includeCrds: false, skipCrds: false, skipTests: false, noHooks: false, isUpgrade: false,
    skipSchemaValidation: false, nameTemplate: '', generateName: false, outputDir: '', useReleaseName: false,
    debug: false, enableDns: false, renderSubchartNotes: false, helmVersion: defaultHelmVersion, help: false, args: [],
  };
}

/** ParseResult is the parsed flags or pflag's error text. */
export type ParseResult = { ok: true; flags: TemplateFlags } | { ok: false; error: string };

/** parseTemplateFlags parses argv (after the `template` word) the way cobra/pflag does. */
export function parseTemplateFlags(argv: readonly string[], defaultHelmVersion: HelmVersion): ParseResult {
  const f = newTemplateFlags(defaultHelmVersion);
  const r = parsePflags(argv, FLAGS, f);
  if (!r.ok) return { ok: false, error: r.error };
  f.args.push(...r.args);
  return { ok: true, flags: f };
}
