// `chartwright lint` = `helm lint` as a pure function over a ChartFS (pkg/cmd/lint.go): flag
// parsing, --with-subcharts discovery, value merging, per-chart linting and Helm's printing and
// exit codes; `--format json` prints the findings with positions instead.
import type { KubeVersion } from '../chart/capabilities';
import { parseKubeVersion } from '../chart/capabilities';
import type { ChartFS } from '../chart/fs';
import { expandForLint, isArchivePath } from './archive';
import { cleanPath } from '../chart/fs';
import { mergeCliValues } from '../chart/values';
import { type FlagSpec, parsePflags, splitCSV } from '../render/pflag';
import type { HelmVersion, Runtime } from '../template/func';
import { type LintResult, goJoin, hasWarningsOrErrors, lintChart } from './index';
import { githubAnnotations, sarif } from './formats';
import type { LintFinding } from './finding';
import { formatMessage, severityRank } from './support';
import { nodeCrypto } from '../render/nativecrypto';
import { readCliFile } from '../chart/clipath';
import { errorLine } from '../render/debuglines';
import { helmVersionIn } from '../render/flags';
import { earlyDebug } from '../render/rootflags';
import { goParseFloat32Error, goParseInt32Error, goParseIntError } from '../render/pflagvalues';

/** LintEnv is the outside world the command sees. */
export interface LintEnv {
  readonly fs: ChartFS;
  /** cwd is the working directory as a path of `fs` ('' = its root). */
  readonly cwd: string;
  /** helmVersion is the default when --helm-version is not given (4). */
  readonly helmVersion?: HelmVersion;
  readonly runtime?: Runtime;
}

/** LintRun is the command's outcome. */
export interface LintRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** LintFlags are the flags `chartwright lint` understands. */
export interface LintFlags {
  strict: boolean;
  quiet: boolean;
  withSubcharts: boolean;
  skipSchemaValidation: boolean;
  /** kubeSchemas: check rendered manifests against the Kubernetes schemas (not a helm flag). */
  kubeSchemas: boolean;
  debug: boolean;
  /** debugSet: cobra's parse gave --debug (else debug is Helm's early read of the root flags). */
  debugSet: boolean;
  kubeVersion: string;
  namespace: string;
  helmVersion: HelmVersion;
  format: 'text' | 'json' | 'github' | 'sarif';
  help: boolean;
  valueFiles: string[];
  set: string[];
  setString: string[];
  setFile: string[];
  setJson: string[];
  setLiteral: string[];
  args: string[];
}

export type { LintFinding };

// Global Helm flags accepted and ignored offline.
const GLOBAL_NOOPS = ['kube-context', 'kubeconfig', 'registry-config', 'repository-cache', 'repository-config', 'burst-limit', 'qps',
  'kube-apiserver', 'kube-token', 'kube-as-user', 'kube-ca-file', 'content-cache', 'color', 'colour'];

// The global flags whose values Helm parses (and refuses when malformed).
const GLOBAL_CHECKS = new Map([['burst-limit', goParseIntError], ['qps', goParseFloat32Error]]);

const HELP = `This command takes a path to a chart and runs a series of tests to verify that
the chart is well-formed.

If the linter encounters things that will cause the chart to fail installation,
it will emit [ERROR] messages. If it encounters issues that break with convention
or recommendation, it will emit [WARNING] messages.

Usage:
  chartwright lint PATH [flags]

Flags:
      --format string               output format: text, json (findings with file/line/column), github (Actions annotations), sarif (code scanning)
      --helm-version 3|4            behave like Helm 3 or Helm 4 (default 4)
      --kube-schemas                also check the rendered manifests against the Kubernetes schemas of --kube-version (and the chart's CRDs)
      --kube-version string         Kubernetes version used for capabilities and deprecation checks
  -n, --namespace string            namespace scope for this request
      --quiet                       print only warnings and errors
      --set stringArray             set values on the command line (key1=val1,key2=val2)
      --set-file stringArray        set values from files
      --set-json stringArray        set JSON values on the command line
      --set-literal stringArray     set a literal STRING value on the command line
      --set-string stringArray      set STRING values on the command line
      --skip-schema-validation      if set, disables JSON schema validation
      --strict                      fail on lint warnings
  -f, --values strings              specify values in a YAML file (can specify multiple)
      --with-subcharts              lint dependent charts
      --debug                       print Helm's debug lines on stderr
  -h, --help                        help for lint

Global Helm flags accepted for compatibility (no effect offline):
  ${GLOBAL_NOOPS.map((n) => `--${n}`).join(', ')}, --kube-insecure-skip-tls-verify, -v/--v
`;

/** lintHelp is \`chartwright lint --help\`. */
export function lintHelp(): string {
  return HELP;
}

/** lintFlagNames lists the long names of every flag lint takes (for tests of the help). */
export function lintFlagNames(): string[] {
  return SPECS.map((s) => s.long);
}

type Spec = FlagSpec<LintFlags>;

const bool = (set: (f: LintFlags, b: boolean) => void) => (f: LintFlags, v: string): undefined => {
  set(f, v === 'true');
  return undefined;
};

const SPECS: readonly Spec[] = [
  { long: 'strict', kind: 'bool', apply: bool((f, b) => (f.strict = b)) },
  { long: 'quiet', kind: 'bool', apply: bool((f, b) => (f.quiet = b)) },
  { long: 'with-subcharts', kind: 'bool', apply: bool((f, b) => (f.withSubcharts = b)) },
  { long: 'skip-schema-validation', kind: 'bool', apply: bool((f, b) => (f.skipSchemaValidation = b)) },
  { long: 'kube-schemas', kind: 'bool', apply: bool((f, b) => (f.kubeSchemas = b)) },
  { long: 'help', short: 'h', kind: 'bool', apply: bool((f, b) => (f.help = b)) },
  { long: 'debug', kind: 'bool', apply: (f, v) => ((f.debug = v === 'true'), (f.debugSet = true), undefined) },
  { long: 'kube-version', kind: 'string', apply: (f, v) => ((f.kubeVersion = v), undefined) },
  { long: 'namespace', short: 'n', kind: 'string', apply: (f, v) => ((f.namespace = v), undefined) },
  {
    long: 'helm-version', kind: 'string',
    apply: (f, v) => {
      if (v !== '3' && v !== '4') return `invalid argument "${v}" for "--helm-version" flag: must be 3 or 4`;
      f.helmVersion = v === '3' ? 3 : 4;
      return undefined;
    },
  },
  {
    long: 'format', kind: 'string',
    apply: (f, v) => {
      if (v !== 'text' && v !== 'json' && v !== 'github' && v !== 'sarif') return `invalid argument "${v}" for "--format" flag: must be text, json, github or sarif`;
      f.format = v;
      return undefined;
    },
  },
  { long: 'values', short: 'f', kind: 'stringSlice', apply: (f, v) => (f.valueFiles.push(...splitCSV(v)), undefined) },
  { long: 'set', kind: 'stringArray', apply: (f, v) => (f.set.push(v), undefined) },
  { long: 'set-string', kind: 'stringArray', apply: (f, v) => (f.setString.push(v), undefined) },
  { long: 'set-file', kind: 'stringArray', apply: (f, v) => (f.setFile.push(v), undefined) },
  { long: 'set-json', kind: 'stringArray', apply: (f, v) => (f.setJson.push(v), undefined) },
  { long: 'set-literal', kind: 'stringArray', apply: (f, v) => (f.setLiteral.push(v), undefined) },
  ...GLOBAL_NOOPS.map((long): Spec => ({ long, kind: 'string', check: GLOBAL_CHECKS.get(long), apply: () => undefined })),
  { long: 'kube-insecure-skip-tls-verify', kind: 'bool', apply: () => undefined },
  { long: 'v', short: 'v', kind: 'string', check: goParseInt32Error, apply: () => undefined },
];

/** parseLintFlags parses argv (after the word "lint") the way cobra/pflag does. */
export function parseLintFlags(argv: readonly string[], defaultVersion: HelmVersion): { flags: LintFlags } | { error: string; debug: boolean } {
  const f: LintFlags = {
    strict: false, quiet: false, withSubcharts: false, skipSchemaValidation: false, kubeSchemas: false, debug: false, debugSet: false, kubeVersion: '', namespace: 'default',
    helmVersion: defaultVersion, format: 'text', help: false,
    valueFiles: [], set: [], setString: [], setFile: [], setJson: [], setLiteral: [], args: [],
  };
  const r = parsePflags(argv, SPECS, f);
  if (!f.debugSet) f.debug = earlyDebug(argv);
  if (!r.ok) return { error: r.error, debug: f.debug };
  f.args.push(...r.args);
  return { flags: f };
}

function resolve(cwd: string, p: string): string {
  return p.startsWith('/') ? cleanPath(p) : cleanPath(cwd === '' ? p : `${cwd}/${p}`);
}

/** subchartPaths is the --with-subcharts walk of PATH/charts (filepath.Walk order). */
function subchartPaths(fs: ChartFS, cwd: string, p: string): string[] {
  const out: string[] = [];
  const walk = (display: string): void => {
    const entries = fs.readDir(resolve(cwd, display)) ?? [];
    for (const e of entries) {
      const child = goJoin(display, e.name);
      if (e.name === 'Chart.yaml') out.push(display);
      else if (!e.isDirectory && (child.endsWith('.tgz') || child.endsWith('.tar.gz'))) out.push(child);
      if (e.isDirectory) walk(child);
    }
  };
  const root = goJoin(p, 'charts');
  if (fs.isDirectory(resolve(cwd, root))) walk(root);
  return out;
}

function defaultRuntime(): Runtime {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  return { now: () => new Date(), randomBytes: (n) => new Uint8Array(randomBytes(n)), localZone: 'UTC', crypto: nodeCrypto() };
}

/** runLintCommand runs `helm lint ARGS...` (argv excludes the word "lint"). */
export function runLintCommand(argv: readonly string[], env: LintEnv): LintRun {
  const parsed = parseLintFlags(argv, env.helmVersion ?? 4);
  if ('error' in parsed) {
    // Helm 3 repeats a flag-parse error as its debug line when --debug was read (render/rootflags.ts).
    const debug = parsed.debug ? errorLine(helmVersionIn(argv, env.helmVersion ?? 4), env.runtime ?? defaultRuntime(), parsed.error) : '';
    return { stdout: '', stderr: `Error: ${parsed.error}\n${debug}`, exitCode: 1 };
  }
  const flags = parsed.flags;
  if (flags.help) return { stdout: HELP, stderr: '', exitCode: 0 };
  const v = flags.helmVersion;
  let stderr = '';
  // Helm 3's --debug repeats the error (helm.go:86); Go's stack trace is not reproduced.
  const again = (msg: string): string => (flags.debug ? errorLine(v, env.runtime ?? defaultRuntime(), msg) : '');
  const fail = (msg: string): LintRun => ({ stdout: '', stderr: stderr + `Error: ${msg}\n` + again(msg), exitCode: 1 });
  // Helm 4 requires the path (cobra.MinimumNArgs(1)); Helm 3 lints the working directory.
  if (flags.args.length === 0 && v === 4) return { stdout: '', stderr: 'Error: "helm lint" requires at least 1 argument\n\nUsage:  helm lint PATH [flags]\n', exitCode: 1 };
  let paths = flags.args.length > 0 ? [...flags.args] : ['.'];
  let kubeVersion: KubeVersion | undefined;
  if (flags.kubeVersion !== '') {
    const kv = parseKubeVersion(flags.kubeVersion, v);
    if ('error' in kv) return fail(kv.error);
    kubeVersion = kv;
  }
  if (flags.withSubcharts) {
    for (const p of [...paths]) paths = paths.concat(subchartPaths(env.fs, env.cwd, p));
  }
  const vals = mergeCliValues((p) => readCliFile(env.fs, resolve(env.cwd, p), p), flags, v);
  if ('error' in vals) return fail(vals.error);
  const runtime = env.runtime ?? defaultRuntime();
  let message = '';
  let failed = 0;
  let errorsOrWarnings = 0;
  const findings: LintFinding[] = [];
  for (const p of paths) {
    let chartFS = env.fs;
    let chartDir = resolve(env.cwd, p);
    let extractError: string | undefined;
    if (isArchivePath(p) && !env.fs.isDirectory(chartDir)) {
      const data = env.fs.readFile(chartDir);
      // os.Open(path) fails before anything is extracted; Go prints the path as given.
      const x = data === undefined ? { error: `unable to open tarball: open ${p}: no such file or directory` } : expandForLint(data, v);
      if ('error' in x) extractError = x.error;
      else {
        chartFS = x.fs;
        chartDir = x.dir;
      }
    }
    const result: LintResult = extractError !== undefined ? { messages: [], errors: [extractError], totalChartsLinted: 1 } : lintChart(chartFS, chartDir, p, vals.values, {
      helmVersion: v,
      strict: flags.strict,
      namespace: flags.namespace,
      kubeVersion,
      skipSchemaValidation: flags.skipSchemaValidation,
      kubeSchemas: flags.kubeSchemas,
      debug: flags.debug,
      runtime,
      log: (line) => (stderr += line + '\n'),
    });
    if (result.messages.length === 0) {
      for (const e of result.errors) findings.push({ chart: p, severity: 'ERROR', path: '', message: e, file: null, line: null, column: null });
    }
    for (const m of result.messages) {
      findings.push({
        chart: p,
        severity: m.severity,
        path: m.path,
        message: m.message,
        file: m.position?.file ?? null,
        line: m.position?.line ?? null,
        column: m.position?.column ?? null,
      });
    }
    const has = hasWarningsOrErrors(result);
    if (has) errorsOrWarnings++;
    if (result.errors.length !== 0) failed++;
    if (flags.quiet && !has) continue;
    message += `==> Linting ${p}\n`;
    // Errors of a chart that produced messages are among the messages already.
    if (result.messages.length === 0) for (const e of result.errors) message += `Error ${e}\n`;
    for (const m of result.messages) {
      if (!flags.quiet || severityRank(m.severity) > severityRank('INFO')) message += formatMessage(m) + '\n';
    }
    message += '\n';
  }
  const summary = `${paths.length} chart(s) linted, ${failed} chart(s) failed`;
  if (flags.format === 'json') {
    return { stdout: JSON.stringify(findings, null, 2) + '\n', stderr, exitCode: failed > 0 ? 1 : 0 };
  }
  if (flags.format === 'sarif') {
    return { stdout: JSON.stringify(sarif(findings), null, 2) + '\n', stderr, exitCode: failed > 0 ? 1 : 0 };
  }
  if (flags.format === 'github') {
    return { stdout: githubAnnotations(findings) + summary + '\n', stderr, exitCode: failed > 0 ? 1 : 0 };
  }
  if (failed > 0) return { stdout: message, stderr: stderr + `Error: ${summary}\n` + again(summary), exitCode: 1 };
  let stdout = message;
  if (!flags.quiet || errorsOrWarnings > 0) stdout += summary + '\n';
  return { stdout, stderr, exitCode: 0 };
}
