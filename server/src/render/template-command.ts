// `helm template` as a pure function over a ChartFS: flag parsing, release naming, values,
// chart loading and checks, rendering, sorting and printing, with Helm's texts and exit codes.
// Sources: pkg/cmd/template.go, pkg/cmd/install.go runInstall, pkg/action/install.go, action.go.
import type { ChartFS } from '../chart/fs';
import type { HelmVersion, NativeCrypto, Runtime } from '../template/func';
import { nodeCrypto } from './nativecrypto';
import type { EngineLimits } from '../template/index';
import { parseTemplateFlags, type TemplateFlags } from './flags';
import { printTemplateOutput, renderResources, type OutputFS } from './manifests';
import { prepareRender, renderNameTemplate, type Prepared } from './pipeline';
import type { ParseCache } from './engine';
import { kubeVersionFlagError } from './release';

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
}

/** TemplateRun is the command's outcome. */
export interface TemplateRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

const USAGE = 'Usage:  helm template [NAME] [CHART] [flags]';

const HELP = `Render chart templates locally and display the output.

Usage:
  chartwright template [NAME] CHART [flags]

Flags:
  -a, --api-versions strings     Kubernetes api versions used for Capabilities.APIVersions
      --debug                    print invalid YAML on YAML errors
      --generate-name            generate the name (and omit the NAME parameter)
      --helm-version 3|4         behave like Helm 3 or Helm 4 (default 4)
      --include-crds             include CRDs in the templated output
      --is-upgrade               set .Release.IsUpgrade instead of .Release.IsInstall
      --kube-version string      Kubernetes version used for Capabilities.KubeVersion
      --name-template string     specify template used to name the release
  -n, --namespace string         namespace scope for this request
      --no-hooks                 prevent hooks from being printed
      --output-dir string        writes the executed templates to files in output-dir instead of stdout
      --release-name             use release name in the output-dir path
      --set stringArray          set values on the command line (key1=val1,key2=val2)
      --set-file stringArray     set values from files (key1=path1,key2=path2)
      --set-json stringArray     set JSON values on the command line
      --set-literal stringArray  set a literal STRING value on the command line
      --set-string stringArray   set STRING values on the command line
  -s, --show-only stringArray    only show manifests rendered from the given templates
      --skip-schema-validation   disable JSON schema validation
      --skip-tests               skip tests from templated output
  -f, --values strings           specify values in a YAML file (can specify multiple)
`;

export { validateReleaseName } from './releasename';
export { releaseNameCheck, resolvePath } from './args';

/**
 * defaultRuntime is the real clock, randomness and native key generation (UTC as Go's Local,
 * like Helm's goldens). `crypto` defaults to node's generator without a memo (the CLI); the
 * language server passes a SessionCrypto.
 */
export function defaultRuntime(crypto: NativeCrypto = nodeCrypto()): Runtime {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  return {
    now: () => new Date(),
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    localZone: process.env.TZ && process.env.TZ !== '' ? process.env.TZ : 'UTC',
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
  if (!parsed.ok) return { stdout: '', stderr: `Error: ${parsed.error}\n`, exitCode: 1 };
  const flags = parsed.flags;
  if (flags.help) return { stdout: HELP, stderr: '', exitCode: 0 };
  if (flags.args.length < 1) {
    return { stdout: '', stderr: `Error: "helm template" requires at least 1 argument\n\n${USAGE}\n`, exitCode: 1 };
  }
  let stdout = '';
  let stderr = '';
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
    return { stdout, stderr: stderr + `Error: ${msg}\n`, exitCode: 1 };
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

function run(flags: TemplateFlags, env: TemplateEnv, out: (s: string) => void, err: (s: string) => void): Failure | undefined {
  const hv = flags.helmVersion;
  const kvErr = kubeVersionFlagError(flags);
  if (kvErr !== undefined) return new Failure(kvErr, false);
  const runtime = env.runtime ?? defaultRuntime();
  const nc = nameAndChart(flags, hv, runtime);
  if (nc instanceof Failure) return nc;
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
