// The `chartwright` command line: `chartwright template [NAME] CHART [flags]` (Helm's
// `helm template`), `chartwright lint` (`helm lint`). Process I/O only; the work is in render/.
import { nodeFS } from '../chart/fs';
import { defaultRuntime, resolvePath, runTemplateCommand } from '../render/template-command';
import { PooledCrypto, StandingCrypto } from '../render/nativecrypto';
import type { HelmVersion, NativeCrypto } from '../template/func';
import { cliFileReader } from './host-read';
import { CLI_LIMITS } from '../render/limits';
import { runLintCommand } from '../lint/command';
import { runLanguageServer } from '../lsp/cli-entry';
import { diskOutput } from './output-dir';
import { utf8Encode } from '../template/value';
import { versionText } from '../version';
import { firstAttempt, recordingReader, shapedByStack, usesOutputDir, type CliRead, type Outcome } from './stack-fallback';
import { stackOverflowCount } from '../template/stack-signal';
import { cacheRoot, diskCache } from './diskcache';
import type { SchemaCodeCache } from '../chart/schema';
import { ParseCache, type TreeStore } from '../render/engine';
import { diskTreeStore } from './parsecache';
import { diskDecodeStore } from './valuecache';
import { diskHeadStore } from './headcache';
import { useHeadStore, type HeadStore } from '../render/fasthead';
import { useDecodeStore, type DecodeStore } from '../yaml/yamlDecode';
import { VERSION } from '../version';
import { statSync } from 'node:fs';
import { IncrementalCache } from '../render/incremental';
import { recordingFS } from './readhash';
import { diskRenderStore, type RenderStore } from './rendercache';
import { DEFAULT_IDLE_MS, refusal, sameFolder, serveDaemon, type DaemonRequest } from './daemon';

const USAGE = `Usage: chartwright <command> [args]

Commands:
  template [NAME] CHART [flags]   render chart templates locally (like \`helm template\`)
  language-server --stdio         run the language server (LSP over stdio) for any editor
  lint CHART [flags]              check a chart like \`helm lint\` (--strict, --kube-schemas,
                                  --format text|json|github|sarif)
  version [--short]               print Chartwright's version and the Helm versions it reproduces
  daemon status|stop              the background process that keeps the renderer loaded

Run 'chartwright template --help' or 'chartwright lint --help' for their flags.

Compiled values schemas, template parses, decoded values files, manifest heads and the outputs
of deterministic templates (per command line) are cached in $XDG_CACHE_HOME/chartwright (default
~/.cache/chartwright); --no-cache (after the command) or CHARTWRIGHT_NO_CACHE=1 turns the cache off.

The first template or lint starts a daemon that keeps the renderer loaded for the next ones (it
exits after 10 idle minutes); CHARTWRIGHT_DAEMON=0 turns it off. It is off when CI is set.
`;

/**
 * cacheFlag takes Chartwright's own `--no-cache` out of a command's arguments (Helm has no such
 * flag; arguments after `--` are left alone).
 */
export function cacheFlag(args: readonly string[]): { args: string[]; noCache: boolean } {
  const end = args.indexOf('--');
  const head = end < 0 ? args : args.slice(0, end);
  const kept = head.filter((a) => a !== '--no-cache');
  return { args: end < 0 ? kept : [...kept, ...args.slice(end)], noCache: kept.length !== head.length };
}

/**
 * writeOut writes command output as bytes: rendered text may hold raw non-UTF-8 bytes (as lone
 * surrogates U+DC80..U+DCFF, see utf8Decode in template/value.ts), which Helm writes unchanged;
 * writing the JS string would turn each into U+FFFD.
 */
function writeOut(stdout: string, stderr: string): void {
  process.stdout.write(utf8Encode(stdout));
  process.stderr.write(utf8Encode(stderr));
}

/**
 * RunPlace is where a command runs: its working directory (absolute), its environment, and, in
 * the daemon, the parses it keeps in memory between commands.
 */
export interface RunPlace {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly cache?: ParseCache;
  /** reuse: files' outputs kept between commands (see TemplateEnv.reuse), per command line. */
  readonly reuse?: Reuse;
  /** crypto: key generation that outlives the command (the daemon's StandingCrypto). */
  readonly crypto?: NativeCrypto;
  /** build: the build the disk caches are kept for (default: the running bundle's, buildId). */
  readonly build?: string;
}

/** Reuse holds the incremental caches of the last few command lines (least recently used goes). */
export class Reuse {
  private readonly caches = new Map<string, IncrementalCache>();
  constructor(private readonly max = 8) {}
  cacheFor(line: string): IncrementalCache {
    const c = this.caches.get(line) ?? new IncrementalCache();
    this.caches.delete(line);
    this.caches.set(line, c);
    for (const k of this.caches.keys()) {
      if (this.caches.size <= this.max) break;
      this.caches.delete(k);
    }
    return c;
  }
}

const thisProcess = (): RunPlace => ({ cwd: process.cwd(), env: process.env });

/**
 * renderCommand runs `template` or `lint` and returns its output. Command-line files are read
 * through `replay` first and logged to `log` (see stack-fallback.ts).
 */
function renderCommand(cmd: 'template' | 'lint', argv: readonly string[], replay: readonly CliRead[], log: CliRead[], place: RunPlace = thisProcess()): Outcome {
  const cwd = place.cwd.replace(/^\/+/, '');
  const { args: rest, noCache } = cacheFlag(argv);
  const { decodeStore, headStore, renderStore, ...caches } = cliCaches(noCache, place.build ?? buildId(), place.env);
  useDecodeStore(decodeStore);
  useHeadStore(headStore);
  if (cmd === 'lint') return runLintCommand(rest, { fs: nodeFS('/'), cwd });
  // Files' outputs are reused from the daemon's memory, else (one-shot) from the disk cache.
  const line = JSON.stringify([place.cwd, rest]);
  const memory = place.reuse !== undefined && place.cache !== undefined ? place.reuse.cacheFor(line) : undefined;
  const disk = memory === undefined ? renderStore?.open(line) : undefined;
  // The FS is rooted at '/', so relative paths resolve against the working directory and
  // `-f ../values.yaml` works as in Helm.
  const reads = memory !== undefined || disk !== undefined ? recordingFS(nodeFS('/')) : undefined;
  const fs = reads?.fs ?? nodeFS('/');
  const kept = memory ?? (disk === undefined ? undefined : (hv: HelmVersion) => disk.cache(hv));
  const reuse = reads !== undefined && kept !== undefined ? { cache: kept, inputs: () => `${line}\n${reads.digest()}` } : undefined;
  const readHostFile = cliFileReader((p) => fs.readFile(resolvePath(cwd, p)), place.cwd);
  // A pipe's bytes (`-f fifo`) are read outside `fs`: they join the digest here.
  const readCliFile = recordingReader(
    reads === undefined ? readHostFile : (p) => {
      const r = readHostFile(p);
      reads.note('cliFile', p, r);
      return r;
    },
    replay,
    log,
  );
  // Certificates' RSA primes are made on a second core while this thread renders.
  // (The daemon's crypto outlives the command; a pool of this command's own is closed after it.)
  const own = place.crypto === undefined ? new PooledCrypto() : undefined;
  const overflowsBefore = stackOverflowCount();
  try {
    const r = runTemplateCommand(rest, { fs, cwd, out: diskOutput(), limits: CLI_LIMITS, readCliFile, ...caches, cache: place.cache, reuse, runtime: defaultRuntime(place.crypto ?? own, place.env.TZ) });
    // A run the big stack will repeat stores nothing: a file's output may name an overflow that
    // went uncounted, and the rerun would take it from the disk.
    if (!shapedByStack(overflowsBefore, r)) disk?.close();
    return r;
  } finally {
    own?.close();
  }
}

/**
 * runCommand runs `template` or `lint` in `place` as a one-shot run does (tests: their own cache
 * folder in `place.env`, a build id in `place.build`).
 */
export function runCommand(cmd: 'template' | 'lint', argv: readonly string[], place: RunPlace): Outcome {
  return renderCommand(cmd, argv, [], [], place);
}

/**
 * cliCaches are the on-disk caches of a run: compiled values schemas, and, when running a build
 * (`build`, see buildId), template parses, decoded values files, rendered documents' heads and
 * files' outputs per command line. `--no-cache` or CHARTWRIGHT_NO_CACHE turn them all off.
 */
export function cliCaches(
  noCache: boolean,
  build: string | undefined = buildId(),
  env: NodeJS.ProcessEnv = process.env,
): { schemaCache?: SchemaCodeCache; treeStore?: TreeStore; decodeStore?: DecodeStore; headStore?: HeadStore; renderStore?: RenderStore } {
  const root = noCache ? undefined : cacheRoot(env);
  if (root === undefined) return {};
  if (build === undefined) return { schemaCache: diskCache(root, 'schema') };
  // Keyed by build: the schema code cache may then vouch that a stored schema passed this
  // build's JSON syntax check (chart/schema.ts SchemaCodeCache.checked).
  const schema = diskCache(root, 'schema');
  const schemaCache: SchemaCodeCache = {
    get: (key) => schema.get(`${build}\n${key}`),
    set: (key, code) => schema.set(`${build}\n${key}`, code),
    checked: true,
  };
  return {
    schemaCache,
    treeStore: diskTreeStore(diskCache(root, 'parse'), build),
    decodeStore: diskDecodeStore(diskCache(root, 'values'), build),
    headStore: diskHeadStore(diskCache(root, 'heads'), build),
    renderStore: diskRenderStore(diskCache(root, 'render'), build),
  };
}

/**
 * buildId names the running bundle (version, size and modification time of cli.js): stored
 * parses are valid for the build that made them only. Sources run through tsx have no build, so
 * parses are not stored then (the sources may change between runs under one version).
 */
function buildId(): string | undefined {
  if (!__filename.endsWith('.js')) return undefined;
  try {
    const st = statSync(__filename);
    return `${VERSION}:${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/**
 * daemonRunner runs the daemon's commands as start() would on this thread, keeping one parse
 * cache, the last command lines' file outputs (Reuse) and a prime pool (StandingCrypto) between them; undefined: the client
 * runs the command itself (daemon.ts refusal, or the big stack is needed).
 */
export function daemonRunner(): (req: DaemonRequest) => Outcome | undefined {
  const cache = new ParseCache();
  const reuse = new Reuse();
  const crypto = new StandingCrypto();
  return (req) => {
    const [cmd, ...rest] = req.argv;
    if (refusal(req.argv) !== undefined || (cmd !== 'template' && cmd !== 'lint') || !sameFolder(req.cwd, req.cwdId)) return undefined;
    return firstAttempt(() => renderCommand(cmd, rest, [], [], { cwd: req.cwd, env: req.env, cache, reuse, crypto }));
  };
}

/**
 * serve runs the CLI's daemon on `socketPath` (bin/chartwright.js starts it; see daemon.ts).
 * CHARTWRIGHT_DAEMON_IDLE_MS sets how long it outlives its last command.
 */
export function serve(socketPath: string, env: NodeJS.ProcessEnv = process.env): void {
  const idleMs = Number(env.CHARTWRIGHT_DAEMON_IDLE_MS) > 0 ? Number(env.CHARTWRIGHT_DAEMON_IDLE_MS) : DEFAULT_IDLE_MS;
  const build = buildId();
  serveDaemon(socketPath, daemonRunner(), { idleMs, maxRss: 1536 << 20, stale: () => buildId() !== build });
}

/** main runs the CLI with argv (without node and script) and returns the exit code. */
export function main(argv: readonly string[], replay: readonly CliRead[] = []): number {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'template':
    case 'lint': {
      const r = renderCommand(cmd, rest, replay, []);
      writeOut(r.stdout, r.stderr);
      return r.exitCode;
    }
    case 'version':
    case '--version': {
      const bad = rest.find((a) => a !== '--short');
      if (bad !== undefined) {
        process.stderr.write(`Error: unknown flag: ${bad}\n\nUsage: chartwright version [--short]\n`);
        return 1;
      }
      process.stdout.write(versionText(rest.includes('--short')));
      return 0;
    }
    case 'language-server':
      if (!rest.includes('--stdio')) {
        process.stderr.write('Error: chartwright language-server needs --stdio (LSP over standard input and output is its only transport)\n\nUsage: chartwright language-server --stdio\n');
        return 1;
      }
      // Serves until the client disconnects; the process stays alive on its open streams.
      runLanguageServer(rest);
      return 0;
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(USAGE);
      return cmd === undefined ? 1 : 0;
    default:
      process.stderr.write(`Error: unknown command "${cmd}" for "chartwright"\n\n${USAGE}`);
      return 1;
  }
}

/**
 * start runs the CLI. Commands that render may need a large stack: Helm lets `include` nest 1000
 * deep (and Go's own template depth is 100000), far past what node's default main-thread stack
 * allows, and a worker is the portable way to get a bigger one. They run on the main thread
 * first and again in a worker with a 256 MB stack when the small stack shaped the outcome
 * (stack-fallback.ts); CHARTWRIGHT_NO_WORKER=1 keeps the main thread's outcome.
 */
export function start(argv: readonly string[]): void {
  const { isMainThread, Worker, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const cmd = argv[0];
  const needsStack = cmd === 'template' || cmd === 'lint';
  if (!isMainThread || !needsStack || process.env.CHARTWRIGHT_NO_WORKER === '1') {
    const replay = !isMainThread && isReplay(workerData) ? workerData.cliReads : [];
    process.exitCode = main(argv, replay);
    return;
  }
  const log: CliRead[] = [];
  if (!usesOutputDir(argv)) {
    const r = firstAttempt(() => renderCommand(cmd, argv.slice(1), [], log));
    if (r !== undefined) {
      writeOut(r.stdout, r.stderr);
      process.exitCode = r.exitCode;
      return;
    }
  }
  const entry = process.argv[1] ?? __filename;
  const w = new Worker(entry, {
    argv: [...argv],
    execArgv: process.execArgv,
    workerData: { cliReads: log },
    resourceLimits: { stackSizeMb: 256, maxYoungGenerationSizeMb: 96 },
  });
  w.on('error', (e) => {
    process.stderr.write(`Error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 70;
  });
  w.on('exit', (code) => {
    if (process.exitCode === undefined) process.exitCode = code;
  });
}

function isReplay(d: unknown): d is { cliReads: CliRead[] } {
  return typeof d === 'object' && d !== null && 'cliReads' in d && Array.isArray(d.cliReads);
}

if (require.main === module) start(process.argv.slice(2));
