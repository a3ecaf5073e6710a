// Command-line parsing for `chartwright template` with spf13/pflag's rules as Helm configures
// them: `--flag value`, `--flag=value`, `-f value`, `-fvalue`, `-f=value`, bool flags taking no
// value (`--debug`, `--debug=false`), string slices split as CSV (`-f a.yaml,b.yaml`,
// `-a x/v1,y/v1`), string arrays kept whole (`--set a=1,b=2`), `--` ending the flags.
import { type FlagKind, type FlagSpec as PflagSpec, parsePflags, splitCSV } from './pflag';
import { earlyDebug } from './rootflags';
import { goDurationError, goParseFloat32Error, goParseInt32Error, goParseIntError, stringToStringError } from './pflagvalues';
import { slogValue } from '../chart/log';
import { quote } from '../template/fmt';
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
  /** debugSet: cobra's parse gave --debug (else debug is Helm's early read of the root flags, rootflags.ts). */
  debugSet: boolean;
  enableDns: boolean;
  renderSubchartNotes: boolean;
  helmVersion: HelmVersion;
  help: boolean;
  /** chartVersion and devel: --version, --devel (only --debug shows them for a local chart). */
  chartVersion: string;
  devel: boolean;
  /** dryRun is --dry-run's value when given (checked by dryRunCheck). */
  dryRun: string | undefined;
  /** notices are the stderr lines flag parsing printed (deprecations, Helm 4's --wait warnings). */
  notices: string[];
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

const B = (set: (f: TemplateFlags, b: boolean) => void) => (f: TemplateFlags, v: string): undefined => {
  set(f, v === 'true');
  return undefined;
};

/** refuse is the error for a flag that needs what Chartwright does not do (never silently ignored). */
const refuse = (flag: string, why: string) => (_f: TemplateFlags, v: string): string | undefined =>
  v === '' || v === 'false' ? undefined : `${flag} is not supported: ${why}`;

const NO_CLUSTER = 'it needs a live Kubernetes cluster, which Chartwright never contacts';
const LOCAL_ONLY = 'Chartwright renders local charts only (a chart directory or a .tgz)';

// The flags that change what `helm template` prints, the same in Helm 3 and 4.
const RENDER_FLAGS: readonly FlagSpec[] = [
  { long: 'api-versions', short: 'a', kind: 'stringSlice', apply: SL((f) => f.apiVersions), valueName: 'strings', usage: 'Kubernetes api versions used for Capabilities.APIVersions' },
  { long: 'debug', kind: 'bool', apply: B((f, b) => ((f.debug = b), (f.debugSet = true))), usage: 'print invalid YAML on YAML errors' },
  { long: 'enable-dns', kind: 'bool', apply: B((f, b) => (f.enableDns = b)), usage: 'enable DNS lookups when rendering templates' },
  { long: 'generate-name', short: 'g', kind: 'bool', apply: B((f, b) => (f.generateName = b)), usage: 'generate the name (and omit the NAME parameter)' },
  { long: 'help', short: 'h', kind: 'bool', apply: B((f, b) => (f.help = b)), usage: 'help for template' },
  {
    long: 'helm-version', kind: 'string', valueName: '3|4', usage: 'behave like Helm 3 (v3.17.3) or Helm 4 (v4.1.4) (default 4)',
    apply: (f, v) => {
      if (v !== '3' && v !== '4') return `invalid argument "${v}" for "--helm-version" flag: must be 3 or 4`;
      f.helmVersion = v === '3' ? 3 : 4;
      return undefined;
    },
  },
  { long: 'include-crds', kind: 'bool', apply: B((f, b) => (f.includeCrds = b)), usage: 'include CRDs in the templated output' },
  { long: 'is-upgrade', kind: 'bool', apply: B((f, b) => (f.isUpgrade = b)), usage: 'set .Release.IsUpgrade instead of .Release.IsInstall' },
  { long: 'kube-version', kind: 'string', apply: (f, v) => ((f.kubeVersion = v), undefined), usage: 'Kubernetes version used for Capabilities.KubeVersion' },
  { long: 'name-template', kind: 'string', apply: (f, v) => ((f.nameTemplate = v), undefined), usage: 'specify template used to name the release' },
  {
    long: 'namespace', short: 'n', kind: 'string', usage: 'namespace scope for this request',
    apply: (f, v) => {
      f.namespace = v;
      f.namespaceSet = true;
      return undefined;
    },
  },
  { long: 'no-hooks', kind: 'bool', apply: B((f, b) => (f.noHooks = b)), usage: 'prevent hooks from being printed' },
  { long: 'output-dir', kind: 'string', apply: (f, v) => ((f.outputDir = v), undefined), usage: 'writes the executed templates to files in output-dir instead of stdout' },
  { long: 'release-name', kind: 'bool', apply: B((f, b) => (f.useReleaseName = b)), usage: 'use release name in the output-dir path' },
  { long: 'render-subchart-notes', kind: 'bool', apply: B((f, b) => (f.renderSubchartNotes = b)), usage: 'render subchart notes along with the parent' },
  { long: 'set', kind: 'stringArray', apply: S((f) => f.set), usage: 'set values on the command line (key1=val1,key2=val2)' },
  { long: 'set-file', kind: 'stringArray', apply: S((f) => f.setFile), usage: 'set values from files (key1=path1,key2=path2)' },
  { long: 'set-json', kind: 'stringArray', apply: S((f) => f.setJson), usage: 'set JSON values on the command line (key1=jsonval1 or, Helm 4, {"key1": jsonval1})' },
  { long: 'set-literal', kind: 'stringArray', apply: S((f) => f.setLiteral), usage: 'set a literal STRING value on the command line' },
  { long: 'set-string', kind: 'stringArray', apply: S((f) => f.setString), usage: 'set STRING values on the command line (key1=val1,key2=val2)' },
  { long: 'show-only', short: 's', kind: 'stringArray', apply: S((f) => f.showOnly), usage: 'only show manifests rendered from the given templates' },
  { long: 'skip-crds', kind: 'bool', apply: B((f, b) => (f.skipCrds = b)), usage: 'no effect on output (CRDs are printed only with --include-crds)' },
  { long: 'skip-schema-validation', kind: 'bool', apply: B((f, b) => (f.skipSchemaValidation = b)), usage: 'disable JSON schema validation' },
  { long: 'skip-tests', kind: 'bool', apply: B((f, b) => (f.skipTests = b)), usage: 'skip tests from templated output' },
  {
    long: 'values', short: 'f', kind: 'stringSlice', valueName: 'strings', usage: 'specify values in a YAML file (can specify multiple; local files, - for stdin)',
    apply: (f, v) => {
      // (a URL is refused where it is read: chart/clipath.ts)
      f.valueFiles.push(...splitCSV(v));
      return undefined;
    },
  },
];

// Flags that need a cluster, a repository, a plugin or a keyring: refused with the reason.
const REFUSED_FLAGS: readonly FlagSpec[] = [
  { long: 'post-renderer', kind: 'string', apply: refuse('--post-renderer', 'Chartwright does not run post-renderers (pipe its output through the post-renderer instead)') },
  { long: 'repo', kind: 'string', apply: refuse('--repo', `${LOCAL_ONLY} and downloads nothing (helm pull --repo URL CHART --untar first)`) },
  { long: 'verify', kind: 'bool', apply: refuse('--verify', 'Chartwright does not verify chart provenance (.prov files, GnuPG keyrings)') },
];

/** noop declares a flag Helm's template accepts that changes nothing it prints offline. */
const noop = (long: string, kind: FlagKind, more: Partial<FlagSpec> = {}): FlagSpec => ({ long, kind, ...more });

// Accepted by both Helm versions' template and without effect offline (install/cluster/repository options).
const NOOP_BOTH: readonly FlagSpec[] = [
  ...['create-namespace', 'dependency-update', 'disable-openapi-validation', 'hide-notes', 'insecure-skip-tls-verify',
    'kube-insecure-skip-tls-verify', 'pass-credentials', 'plain-http', 'replace', 'take-ownership', 'wait-for-jobs']
    .map((long) => noop(long, 'bool')),
  ...['ca-file', 'cert-file', 'description', 'key-file', 'keyring', 'kube-apiserver', 'kube-as-user', 'kube-ca-file', 'kube-context',
    'kube-tls-server-name', 'kube-token', 'kubeconfig', 'password', 'registry-config', 'repository-cache', 'repository-config',
    'username', 'post-renderer-args']
    .map((long) => noop(long, 'string')),
  noop('devel', 'bool', { apply: B((f, b) => (f.devel = b)) }),
  noop('version', 'string', { apply: (f, v) => ((f.chartVersion = v), undefined) }),
  noop('kube-as-group', 'stringArray'),
  noop('labels', 'stringSlice', { short: 'l', check: (v) => stringToStringError(splitCSV(v)) }),
  noop('timeout', 'string', { check: goDurationError }),
  noop('burst-limit', 'string', { check: goParseIntError }),
  noop('qps', 'string', { check: goParseFloat32Error }),
  noop('v', 'string', { short: 'v', check: goParseInt32Error, valueName: 'Level', usage: 'number for the log level verbosity (klog; no effect)' }),
];

const HELM4_WAIT = new Map([['true', 'watcher'], ['false', 'hookOnly']]);

// Helm 4's own: server-side apply options, --wait as a strategy, --dry-run validated later, deprecations.
const HELM4_FLAGS: readonly FlagSpec[] = [
  ...['force-conflicts', 'force-replace', 'rollback-on-failure', 'server-side'].map((long) => noop(long, 'bool')),
  ...['color', 'colour', 'content-cache'].map((long) => noop(long, 'string')),
  noop('atomic', 'bool', { deprecated: 'use --rollback-on-failure instead' }),
  noop('force', 'bool', { deprecated: 'use --force-replace instead' }),
  { long: 'validate', kind: 'bool', deprecated: "use '--dry-run=server' instead", apply: refuse('--validate', NO_CLUSTER) },
  { long: 'dry-run', kind: 'string', noOptDefault: 'unset', apply: (f, v) => ((f.dryRun = v), undefined) },
  {
    long: 'wait', kind: 'string', noOptDefault: 'watcher',
    check: (v) => (['watcher', 'hookOnly', 'legacy', 'true', 'false'].includes(v) ? undefined : `invalid wait input ${quote(v)}. Valid inputs are watcher, hookOnly, and legacy`),
    apply: (f, v) => {
      const instead = HELM4_WAIT.get(v);
      if (instead !== undefined) f.notices.push(`level=WARN msg=${slogValue(`--wait=${v} is deprecated (boolean value) and can be replaced with --wait=${instead}`)}`);
      return undefined;
    },
  },
];

const HELM3_FLAGS: readonly FlagSpec[] = [
  ...['atomic', 'force', 'wait'].map((long) => noop(long, 'bool')),
  { long: 'validate', kind: 'bool', apply: refuse('--validate', NO_CLUSTER) },
  { long: 'dry-run', kind: 'string', noOptDefault: 'client', apply: (f, v) => ((f.dryRun = v), undefined) },
];

/** templateFlagSpecs is the flag table of `helm template` in the given Helm version. */
export function templateFlagSpecs(v: HelmVersion): readonly FlagSpec[] {
  return [...RENDER_FLAGS, ...REFUSED_FLAGS, ...NOOP_BOTH, ...(v === 4 ? HELM4_FLAGS : HELM3_FLAGS)];
}

/**
 * dryRunCheck is Helm's reading of --dry-run for `template` (after flag parsing): Helm 4's
 * deprecation warnings and errors, Helm 3's error; `server` needs a cluster (refused in Helm 4,
 * where it contacts one; Helm 3's template renders client-side anyway).
 */
export function dryRunCheck(f: TemplateFlags): { error?: string; warning?: string } {
  const v = f.dryRun;
  if (v === undefined) return {};
  if (f.helmVersion === 3) {
    return ['false', 'true', 'none', 'client', 'server'].includes(v) ? {} : { error: 'Invalid dry-run flag. Flag must one of the following: false, true, none, client, server' };
  }
  switch (v) {
    case 'unset':
      return { warning: `level=WARN msg=${slogValue("--dry-run is deprecated and should be replaced with '--dry-run=client'")}` };
    case 'true':
      return { warning: `level=WARN msg=${slogValue("boolean '--dry-run=true' flag is deprecated and must be replaced with '--dry-run=client'")}` };
    case 'client':
      return {};
    case 'server':
      return { error: `--dry-run=server is not supported: ${NO_CLUSTER}` };
    case 'none':
    case 'false':
      return { error: `invalid dry-run value (${quote(v)}). Must be "server" or "client"` };
    default:
      return { error: `invalid dry-run value (${quote(v)}). Must be "none", "server", or "client"` };
  }
}

/** helmVersionIn finds `--helm-version` in argv before parsing (it chooses the flag table). */
export function helmVersionIn(argv: readonly string[], fallback: HelmVersion): HelmVersion {
  let v = fallback;
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const a = argv[i];
    const val = a === '--helm-version' ? argv[i + 1] : a.startsWith('--helm-version=') ? a.slice('--helm-version='.length) : undefined;
    if (val === '3') v = 3;
    else if (val === '4') v = 4;
  }
  return v;
}

/** flagHelp lists a flag table the way cobra prints it (two columns). */
export function flagHelp(specs: readonly FlagSpec[]): string {
  const rows = specs.map((s) => {
    const name = `${s.short !== undefined ? `-${s.short}, ` : '    '}--${s.long}`;
    const type = s.kind === 'bool' ? '' : ` ${s.valueName ?? s.kind}`;
    return [`  ${name}${type}`, s.usage ?? ''] as const;
  });
  const width = Math.max(...rows.map(([l]) => l.length)) + 3;
  return rows.map(([l, u]) => (u === '' ? l : l.padEnd(width) + u)).join('\n') + '\n';
}

/** templateHelp is `chartwright template --help` for Helm version v: every flag it takes. */
export function templateHelp(v: HelmVersion): string {
  const names = (specs: readonly FlagSpec[]) => specs.map((s) => (s.short !== undefined ? `-${s.short}/--${s.long}` : `--${s.long}`)).join(', ');
  const accepted = [...NOOP_BOTH, ...(v === 4 ? HELM4_FLAGS : HELM3_FLAGS)].filter((s) => s.long !== 'validate');
  const refused = [...REFUSED_FLAGS, ...(v === 4 ? HELM4_FLAGS : HELM3_FLAGS).filter((s) => s.long === 'validate')];
  return `Render chart templates locally and display the output.

Usage:
  chartwright template [NAME] CHART [flags]

Flags:
${flagHelp(RENDER_FLAGS)}
Accepted for compatibility with \`helm template\` (Helm ${v}); they change nothing printed offline:
${wrap(names(accepted))}
Refused with an error (they need a cluster, a repository, a plugin or a keyring; so do
--dry-run=server in Helm 4, OCI and repo/chart references and -f URLs):
${wrap(names(refused))}`;
}

function wrap(text: string): string {
  const out: string[] = [];
  let line = ' ';
  for (const w of text.split(' ')) {
    if (line.length + w.length + 1 > 100) {
      out.push(line);
      line = ' ';
    }
    line += ` ${w}`;
  }
  out.push(line);
  return out.join('\n') + '\n';
}

/** newTemplateFlags returns the defaults. */
export function newTemplateFlags(defaultHelmVersion: HelmVersion): TemplateFlags {
  return {
    valueFiles: [], set: [], setString: [], setFile: [], setJson: [], setLiteral: [],
    namespace: 'default', namespaceSet: false, kubeVersion: '', apiVersions: [], showOnly: [],
    includeCrds: false, skipCrds: false, skipTests: false, noHooks: false, isUpgrade: false,
    skipSchemaValidation: false, nameTemplate: '', generateName: false, outputDir: '', useReleaseName: false,
    debug: false, debugSet: false, enableDns: false, renderSubchartNotes: false, helmVersion: defaultHelmVersion, help: false, args: [],
    dryRun: undefined, notices: [], chartVersion: '', devel: false,
  };
}

/** ParseResult is the parsed flags or pflag's error text. */
export type ParseResult = { ok: true; flags: TemplateFlags } | { ok: false; error: string; notices: readonly string[]; debug: boolean };

/** parseTemplateFlags parses argv (after the `template` word) the way cobra/pflag does. */
export function parseTemplateFlags(argv: readonly string[], defaultHelmVersion: HelmVersion): ParseResult {
  const f = newTemplateFlags(defaultHelmVersion);
  const r = parsePflags(argv, templateFlagSpecs(helmVersionIn(argv, defaultHelmVersion)), f);
  // settings.Debug: what cobra's parse set before it stopped, else Helm's early read of argv.
  if (!f.debugSet) f.debug = earlyDebug(argv);
  if (!r.ok) return { ok: false, error: r.error, notices: r.notices, debug: f.debug };
  f.args.push(...r.args);
  f.notices.unshift(...r.notices);
  return { ok: true, flags: f };
}
