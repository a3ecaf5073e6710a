// Command-line parsing for `chartwright template` with spf13/pflag's rules as Helm configures
// them: `--flag value`, `--flag=value`, `-f value`, `-fvalue`, `-f=value`, bool flags taking no
// value (`--debug`, `--debug=false`), string slices split as CSV (`-f a.yaml,b.yaml`,
// `-a x/v1,y/v1`), string arrays kept whole (`--set a=1,b=2`), `--` ending the flags.
import type { HelmVersion } from '../template/func';

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

type FlagKind = 'bool' | 'string' | 'stringArray' | 'stringSlice' | 'ignoredString' | 'ignoredBool';

interface FlagSpec {
  readonly long: string;
  readonly short?: string;
  readonly kind: FlagKind;
  readonly apply?: (f: TemplateFlags, v: string) => string | undefined;
}

function boolValue(v: string): boolean | undefined {
  // strconv.ParseBool
  switch (v) {
    case '1': case 't': case 'T': case 'TRUE': case 'true': case 'True':
      return true;
    case '0': case 'f': case 'F': case 'FALSE': case 'false': case 'False':
      return false;
  }
  return undefined;
}

/** splitCSV is pflag's StringSlice parsing (encoding/csv, one record). */
export function splitCSV(v: string): string[] {
  if (v === '') return [];
  const out: string[] = [];
  let cur = '';
  let i = 0;
  let quoted = false;
  let fieldStart = true;
  while (i < v.length) {
    const c = v[i];
    if (fieldStart && c === '"') {
      quoted = true;
      fieldStart = false;
      i++;
      continue;
    }
    fieldStart = false;
    if (quoted) {
      if (c === '"') {
        if (v[i + 1] === '"') {
          cur += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cur += c;
      i++;
      continue;
    }
    if (c === ',') {
      out.push(cur);
      cur = '';
      fieldStart = true;
      i++;
      continue;
    }
    cur += c;
    i++;
  }
  out.push(cur);
  return out;
}

const S = (get: (f: TemplateFlags) => string[]) => (f: TemplateFlags, v: string): undefined => {
  get(f).push(v);
  return undefined;
};
const SL = (get: (f: TemplateFlags) => string[]) => (f: TemplateFlags, v: string): undefined => {
  get(f).push(...splitCSV(v));
  return undefined;
};

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
    .map((long): FlagSpec => ({ long, kind: 'ignoredBool' })),
  ...['description', 'repo', 'username', 'password', 'version', 'timeout', 'ca-file', 'cert-file', 'key-file',
    'keyring', 'post-renderer', 'labels', 'kube-context', 'kubeconfig', 'kube-apiserver', 'kube-token',
    'kube-as-user', 'kube-ca-file', 'registry-config', 'repository-cache', 'repository-config', 'burst-limit',
    'qps', 'wait', 'dry-run', 'post-renderer-args', 'password-stdin', 'kube-tls-server-name', 'kube-as-group',
    'kube-insecure-skip-tls-verify', 'content-cache', 'color', 'colour']
    .map((long): FlagSpec => ({ long, kind: 'ignoredString' })),
];

// Flags whose value is optional in Helm (NoOptDefVal): `--dry-run` alone means "unset", `--wait` "watcher".
const NO_OPT_DEFAULT: ReadonlyMap<string, string> = new Map([
  ['dry-run', 'unset'],
  ['wait', 'watcher'],
  ['color', 'auto'],
  ['colour', 'auto'],
]);

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
  const byLong = new Map(FLAGS.map((s) => [s.long, s]));
  const byShort = new Map(FLAGS.filter((s) => s.short !== undefined).map((s) => [s.short as string, s]));
  const set = (spec: FlagSpec, name: string, value: string): string | undefined => {
    if (spec.kind === 'bool' || spec.kind === 'ignoredBool') {
      const b = boolValue(value);
      if (b === undefined) return `invalid argument "${value}" for "${name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`;
      value = b ? 'true' : 'false';
    }
    return spec.apply?.(f, value);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      f.args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const body = a.slice(2);
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const spec = byLong.get(name);
      if (spec === undefined) return { ok: false, error: `unknown flag: --${name}` };
      const isBool = spec.kind === 'bool' || spec.kind === 'ignoredBool';
      let value: string;
      if (eq >= 0) value = body.slice(eq + 1);
      else if (isBool) value = 'true';
      else if (NO_OPT_DEFAULT.has(name)) value = NO_OPT_DEFAULT.get(name) as string;
      else if (i + 1 < argv.length) value = argv[++i];
      else return { ok: false, error: `flag needs an argument: --${name}` };
      const err = set(spec, `--${name}`, value);
      if (err !== undefined) return { ok: false, error: err };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // A run of shorthand flags: -abc, -fvalue, -f=value, -f value.
      let rest = a.slice(1);
      while (rest.length > 0) {
        const c = rest[0];
        const spec = byShort.get(c);
        if (spec === undefined) return { ok: false, error: `unknown shorthand flag: '${c}' in -${rest}` };
        const isBool = spec.kind === 'bool' || spec.kind === 'ignoredBool';
        let value: string;
        if (rest.length > 2 && rest[1] === '=') {
          value = rest.slice(2);
          rest = '';
        } else if (isBool) {
          value = 'true';
          rest = rest.slice(1);
        } else if (rest.length > 1) {
          value = rest.slice(1);
          rest = '';
        } else if (i + 1 < argv.length) {
          value = argv[++i];
          rest = '';
        } else {
          return { ok: false, error: `flag needs an argument: '${c}' in -${c}` };
        }
        const err = set(spec, `-${c}, --${spec.long}`, value);
        if (err !== undefined) return { ok: false, error: err };
      }
      continue;
    }
    f.args.push(a);
  }
  return { ok: true, flags: f };
}
