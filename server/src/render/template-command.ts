// `helm template` as a pure function over a ChartFS: flag parsing, release naming, values,
// chart loading and checks, rendering, sorting and printing, with Helm's texts and exit codes.
// Sources: pkg/cmd/template.go, pkg/cmd/install.go runInstall, pkg/action/install.go, action.go.
import type { ChartFS } from '../chart/fs';
import type { HelmVersion, NativeCrypto, Runtime } from '../template/func';
import { nodeCrypto } from './nativecrypto';
import type { EngineLimits } from '../template/index';
import { quote } from '../template/fmt';
import { helmVersionIn, dryRunCheck, parseTemplateFlags, templateHelp, type TemplateFlags } from './flags';
import { printTemplateOutput, renderResources, type OutputFS } from './manifests';
import { prepareRender, renderNameTemplate, type Prepared } from './pipeline';
import type { ParseCache, TreeStore } from './engine';
import type { IncrementalCache } from './incremental';
import type { SchemaCodeCache } from '../chart/schema';
import { kubeVersionFlagError } from './release';
import { resolvePath } from './args';
import { downloaderLine, errorLine, versionLines } from './debuglines';
import { type GoURL, parseURL, urlString } from '../sprig/urls';

/** TemplateEnv is the outside world the command sees. */
export interface TemplateEnv {
  /** fs holds the chart and value files; paths are resolved against `cwd` inside it. */
  readonly fs: ChartFS;
  /** cwd is the working directory as a path of `fs` ('' = its root). */
  readonly cwd: string;
  /** helmVersion is the default when `--helm-version` is not given (4). */
  readonly helmVersion?: HelmVersion;
  /** runtime supplies time and randomness (defaults to the real clock and crypto). */
  readonly runtime?: Runtime;
  /** out receives --output-dir writes; without it they are skipped. */
  readonly out?: OutputFS;
  /** cache keeps parsed templates between runs. */
  readonly cache?: ParseCache;
  /** limits bound each file's execution (default EDITOR_LIMITS; the CLI passes CLI_LIMITS). */
  readonly limits?: EngineLimits;
  /** readCliFile reads `-f` / `--set-file` paths (the CLI adds stdin and FIFOs); default: fs. */
  readonly readCliFile?: (path: string) => Uint8Array | undefined;
  /** schemaCache keeps compiled values-schema validators between runs (the CLI's disk cache). */
  readonly schemaCache?: SchemaCodeCache;
  /** treeStore keeps template parses between runs (the CLI's disk cache). */
  readonly treeStore?: TreeStore;
  /**
   * reuse keeps files' outputs between runs (the CLI's daemon, with `cache`): a file is reused
   * when its execution was deterministic and left shared state alone (render/incremental.ts)
   * and `inputs()` — called after the chart and values are read — names the same inputs: the
   * caller's digest of the command line and of everything the run read (cli/readhash.ts). The
   * release name (made by --name-template), the Helm version and the runtime's local zone are
   * added here. `cache` may be asked for with the run's Helm version (the CLI's disk cache keeps
   * one per command line and version: a `byContent` cache, which needs no `cache`).
   */
  readonly reuse?: { readonly cache: IncrementalCache | ((helmVersion: HelmVersion) => IncrementalCache); readonly inputs: () => string };
}

/** TemplateRun is the command's outcome. */
export interface TemplateRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

const USAGE = 'Usage:  helm template [NAME] [CHART] [flags]';


export { validateReleaseName } from './releasename';
export { releaseNameCheck, resolvePath } from './args';

/**
 * defaultRuntime is the real clock, randomness and native key generation (UTC as Go's Local,
 * like Helm's goldens; `tz` is the TZ variable of the command's environment). `crypto` defaults to
 * node's generator without a memo (the CLI); the language server passes a SessionCrypto.
 */
export function defaultRuntime(crypto: NativeCrypto = nodeCrypto(), tz: string | undefined = process.env.TZ): Runtime {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  return {
    now: () => new Date(),
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    localZone: tz !== undefined && tz !== '' ? tz : 'UTC',
    crypto,
  };
}

// V8's maximum string length on 64-bit hosts.
const MAX_STRING_LENGTH = 2 ** 29 - 24;

class Failure {
  constructor(
    readonly message: string,
    /** withRelease: the error came out of renderResources, so Helm adds the --debug hint. */
    readonly withRelease: boolean,
  ) {}
}

/** runTemplateCommand runs `helm template ARGS...` (argv excludes the word "template"). */
export function runTemplateCommand(argv: readonly string[], env: TemplateEnv): TemplateRun {
  const parsed = parseTemplateFlags(argv, env.helmVersion ?? 4);
  if (!parsed.ok) {
    // Helm 3 repeats a flag-parse error as its debug line when --debug was read (rootflags.ts).
    const debug = parsed.debug ? errorLine(helmVersionIn(argv, env.helmVersion ?? 4), env.runtime ?? defaultRuntime(), parsed.error) : '';
    return { stdout: '', stderr: parsed.notices.map((l) => l + '\n').join('') + `Error: ${parsed.error}\n${debug}`, exitCode: 1 };
  }
  const flags = parsed.flags;
  const notices = flags.notices.map((l) => l + '\n').join('');
  if (flags.help) return { stdout: templateHelp(flags.helmVersion), stderr: notices, exitCode: 0 };
  if (flags.args.length < 1) {
    const msg = `"helm template" requires at least 1 argument\n\n${USAGE}`;
    const debug = flags.debug ? errorLine(flags.helmVersion, env.runtime ?? defaultRuntime(), msg) : '';
    return { stdout: '', stderr: `${notices}Error: ${msg}\n${debug}`, exitCode: 1 };
  }
  let stdout = '';
  let stderr = notices;
  let result: Failure | undefined;
  try {
    result = run(flags, env, (s) => (stdout += s), (s) => (stderr += s));
  } catch (e) {
    // Each file is bounded by the limits, but all of them together may still exceed what a JS
    // string can hold (Helm would print them): a clear error instead of an exception.
    if (!(e instanceof RangeError) || !/^(Invalid string length|Cannot create a string longer)/.test(e.message)) throw e;
    return { stdout: '', stderr: `Error: the rendered output exceeds the maximum length of a JavaScript string (${MAX_STRING_LENGTH} characters)\n`, exitCode: 1 };
  }
  if (result instanceof Failure) {
    let msg = result.message;
    if (result.withRelease && !flags.debug) msg += '\n\nUse --debug flag to render out invalid YAML';
    const debug = flags.debug ? errorLine(flags.helmVersion, env.runtime ?? defaultRuntime(), msg) : '';
    return { stdout, stderr: stderr + `Error: ${msg}\n` + debug, exitCode: 1 };
  }
  return { stdout, stderr, exitCode: 0 };
}

/** nameAndChart is action.Install.NameAndChart with `helm template`'s preset "release-name". */
function nameAndChart(flags: TemplateFlags, helmVersion: HelmVersion, runtime: Runtime): { name: string; chart: string } | Failure {
  const args = flags.args;
  if (args.length > 2) {
    return new Failure(`expected at most two arguments, unexpected arguments: ${args.slice(2).join(', ')}`, false);
  }
  if (args.length === 2) {
    if (flags.generateName) return new Failure('cannot set --generate-name and also specify a name', false);
    if (flags.nameTemplate !== '') return new Failure('cannot set --name-template and also specify a name', false);
    return { name: args[0], chart: args[1] };
  }
  if (flags.nameTemplate !== '') {
    const r = renderNameTemplate(flags.nameTemplate, helmVersion, runtime);
    if ('error' in r) return new Failure(r.error, false);
    return { name: r.name, chart: args[0] };
  }
  // `helm template` presets ReleaseName = "release-name", which wins over --generate-name.
  return { name: 'release-name', chart: args[0] };
}

/**
 * remoteChartError is LocateChart for a name that is not on disk: Chartwright refuses what Helm
 * would download (`oci://...`, a URL, `repo/chart` — any name with a `/` that is neither
 * absolute nor starts with `.`), and gives Helm's error for a bare name (no repository part);
 * `downloader`: Helm 4 had logged setting up its downloader (--debug). Absolute and `.` paths
 * that do not exist are left to the caller (`path "…" not found`).
 */
function remoteChartError(chart: string, env: TemplateEnv): { error: string; downloader: boolean } | undefined {
  const why = 'Chartwright renders local charts only (a chart directory or a .tgz); download it first with helm pull';
  if (/^oci:\/\//i.test(chart)) return { error: `OCI chart reference ${quote(chart)} is not supported: ${why}`, downloader: false };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(chart)) return { error: `chart URL ${quote(chart)} is not supported: ${why}`, downloader: false };
  if (chart.startsWith('/') || chart.startsWith('.') || env.fs.exists(resolvePath(env.cwd, chart))) return undefined;
  // ChartDownloader.ResolveChartVersion: the name as a URL whose path is repo/chart.
  let u: GoURL;
  try {
    u = parseURL(chart);
  } catch {
    return { error: `invalid chart URL format: ${chart}`, downloader: true };
  }
  if (!u.path.includes('/')) return { error: `non-absolute URLs should be in form of repo_name/path_to_chart, got: ${urlString(u)}`, downloader: true };
  return { error: `chart repository reference ${quote(chart)} (repo/chart) is not supported: ${why}`, downloader: false };
}

function run(flags: TemplateFlags, env: TemplateEnv, out: (s: string) => void, err: (s: string) => void): Failure | undefined {
  const hv = flags.helmVersion;
  const dry = dryRunCheck(flags);
  if (dry.warning !== undefined) err(dry.warning + '\n');
  if (dry.error !== undefined) return new Failure(dry.error, false);
  const kvErr = kubeVersionFlagError(flags);
  if (kvErr !== undefined) return new Failure(kvErr, false);
  const runtime = env.runtime ?? defaultRuntime();
  if (flags.debug) err(versionLines(hv, runtime, flags.chartVersion, flags.devel));
  const nc = nameAndChart(flags, hv, runtime);
  if (nc instanceof Failure) return nc;
  const remote = remoteChartError(nc.chart, env);
  if (remote !== undefined) {
    if (flags.debug && remote.downloader) err(downloaderLine(hv));
    return new Failure(remote.error, false);
  }
  const reuse = env.reuse;
  const prepared: Prepared | { error: string; withRelease: boolean } = prepareRender({
    fs: env.fs,
    cwd: env.cwd,
    helmVersion: hv,
    runtime,
    releaseName: nc.name,
    chartPath: nc.chart,
    flags,
    log: err,
    cache: env.cache,
    limits: env.limits,
    readCliFile: env.readCliFile,
    schemaCache: env.schemaCache,
    treeStore: env.treeStore,
    // The local zone (TZ) is Go's Local, which `date`, `toDate`... format and parse in.
    incremental:
      reuse === undefined
        ? undefined
        : () => ({
            cache: typeof reuse.cache === 'function' ? reuse.cache(hv) : reuse.cache,
            fingerprint: `${hv}\n${nc.name}\n${runtime.localZone}\n${reuse.inputs()}`,
          }),
  });
  if ('error' in prepared) {
    // A release object exists for errors raised while rendering: with --debug Helm still prints
    // its (empty) manifest.
    if (prepared.withRelease && flags.debug) out(printTemplateOutput('', [], printOpts(flags, nc.name, env)).stdout);
    return new Failure(prepared.error, prepared.withRelease);
  }
  const rr = renderResources({
    helmVersion: hv,
    files: prepared.files,
    chartName: prepared.chartName,
    includeCrds: flags.includeCrds,
    crds: prepared.crds,
    outputDir: flags.outputDir,
    useReleaseName: flags.useReleaseName,
    releaseName: nc.name,
    yamlToJson: prepared.yamlToJson,
    out: env.out,
  });
  for (const l of rr.logs) err(l + '\n');
  out(rr.stdout);
  if (rr.error !== undefined) {
    if (flags.debug) {
      // With --debug Helm prints what it has (the unsorted files) before failing.
      const p = printTemplateOutput(rr.manifest, rr.hooks, printOpts(flags, nc.name, env));
      out(p.stdout);
      // A hook that cannot be written replaces the error (cmd/template.go returns it first).
      if (p.error !== undefined) return new Failure(p.error, false);
    }
    return new Failure(rr.error, true);
  }
  const p = printTemplateOutput(rr.manifest, rr.hooks, printOpts(flags, nc.name, env));
  out(p.stdout);
  if (p.error !== undefined) return new Failure(p.error, false);
  return undefined;
}

function printOpts(flags: TemplateFlags, releaseName: string, env: TemplateEnv) {
  return {
    noHooks: flags.noHooks,
    skipTests: flags.skipTests,
    showOnly: flags.showOnly,
    outputDir: flags.outputDir,
    useReleaseName: flags.useReleaseName,
    releaseName,
    out: env.out,
  };
}
