// Benchmark: `chartwright template` against `helm template` on the corpus's largest charts,
// measured side by side in one run.
//
//   node --import tsx bench/template.ts [--runs N] [--warm N] [--charts K] [--chart NAME ...]
//
// `--chart NAME` (repeatable) measures the named corpus charts instead of the K largest, e.g.
// `--chart bitnami-harbor --chart bitnami-airflow`, and prints the table without writing it.
//
// Columns, per chart:
// - helm as a process;
// - chartwright one-shot: `bin/chartwright.js template` (the command users run: the bundled CLI
//   when built and up to date, else tsx) with CHARTWRIGHT_DAEMON=0, so it loads and runs the
//   renderer itself, as under CI;
// - chartwright with the daemon: the same command with CHARTWRIGHT_DAEMON=1, answered by the CLI's
//   daemon (bin/daemon-client.js, server/src/cli/daemon.ts). The bench starts a daemon of its own
//   (its own XDG_CACHE_HOME in the bench's temporary home) before timing with one untimed run,
//   waits for its pid file, warms it on each chart with one untimed run it answered, and stops it
//   (SIGTERM) at the end;
// - chartwright warm in-process (chart loaded and rendered again in the same process with the
//   language server's runtime: what the language server does on each edit, including its session
//   memo that reuses a generated key or certificate for the same call site and arguments).
// The three process columns are interleaved: each round runs helm, one-shot and daemon in turn, so
// a change of the machine's load touches all three alike. Ratios are helm time / chartwright time
// (higher = faster).
// The CPU columns are the processes' user+sys time (all their threads: Go's and V8's helpers
// included), from /usr/bin/time when the machine has it: on a loaded machine wall time mostly
// measures the scheduler, CPU time what a run costs. A daemon run's CPU is the client's plus the
// daemon's (utime+stime of /proc/<pid>/stat) from the start of that run to the start of the
// daemon's next run, so work the daemon does after answering (garbage collection) counts too.
// Helm comes from $HELM4, else `helm4` or `helm` on PATH; without it the helm columns are empty.
// Results are written to bench/results/template.{md,json}.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultRuntime, runTemplateCommand } from '../server/src/render/template-command';
import { SessionCrypto } from '../server/src/render/nativecrypto';
import { nodeFS } from '../server/src/chart/fs';
import { ParseCache } from '../server/src/render/engine';

const repo = resolve(__dirname, '..');
const corpus = resolve(repo, '..', 'shared', 'corpus');
const launcher = join(repo, 'bin', 'chartwright.js');
const bundle = join(repo, 'server', 'out', 'cli.js');

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

function findHelm(): string | undefined {
  if (process.env.HELM4 && existsSync(process.env.HELM4)) return process.env.HELM4;
  for (const name of ['helm4', 'helm']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const TIME = '/usr/bin/time';

/** One process run: wall time, user+sys when /usr/bin/time measured it, and its output. */
interface Run {
  ms: number;
  cpuMs?: number;
  ok: boolean;
  stdout: string;
}

/** runOnce runs cmd once (under /usr/bin/time when `cpuFile` is set). */
function runOnce(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv, cpuFile: string | undefined): Run {
  const [c, a] = cpuFile !== undefined ? [TIME, ['-f', '%U %S', '-o', cpuFile, cmd, ...args]] : [cmd, [...args]];
  const t0 = performance.now();
  const r = spawnSync(c, a, { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  let cpuMs: number | undefined;
  if (cpuFile !== undefined) {
    const [u, s] = (readFileSync(cpuFile, 'utf8').trim().split('\n').pop() ?? '').split(/\s+/).map(Number);
    if (u !== undefined && s !== undefined && Number.isFinite(u + s)) cpuMs = (u + s) * 1000;
  }
  return { ms, cpuMs, ok: r.status === 0, stdout: r.stdout ?? '' };
}

/** Sample is a process's CPU (utime+stime, ms) and bytes written (wchar) at one moment. */
interface Sample {
  pid: number;
  cpuMs: number;
  written?: number;
}

/** clockTicks is the unit of /proc/<pid>/stat's times (getconf CLK_TCK; 100 on Linux). */
function clockTicks(): number {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout?.trim());
  return r.status === 0 && n > 0 ? n : 100;
}

/**
 * BenchDaemon is the daemon the bench starts: its socket (as the launcher computes it, from the
 * same environment and bundle), its pid file, and its CPU from /proc.
 */
class BenchDaemon {
  private readonly ticks = clockTicks();
  readonly pids = new Set<number>();
  constructor(
    readonly sock: string | undefined,
    private readonly xdg: string,
  ) {}

  pid(): number | undefined {
    if (this.sock === undefined) return undefined;
    try {
      const pid = Number(readFileSync(`${this.sock}.pid`, 'utf8').trim());
      if (!(pid > 0)) return undefined;
      this.pids.add(pid);
      return pid;
    } catch {
      return undefined;
    }
  }

  /** sample reads the daemon's stat (fields 14 and 15) and io; undefined without /proc or a daemon. */
  sample(): Sample | undefined {
    const pid = this.pid();
    if (pid === undefined) return undefined;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return undefined;
    }
    // The fields after the command name in parentheses start at field 3 (state).
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(f[14 - 3]) + Number(f[15 - 3]);
    if (!Number.isFinite(ticks)) return undefined;
    let written: number | undefined;
    try {
      const m = /^wchar:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
      written = m ? Number(m[1]) : undefined;
    } catch {
      written = undefined;
    }
    return { pid, cpuMs: (ticks * 1000) / this.ticks, written };
  }

  /** waitForPid waits up to `ms` for the daemon's pid file. */
  waitForPid(ms: number): number | undefined {
    const end = performance.now() + ms;
    for (;;) {
      const pid = this.pid();
      if (pid !== undefined && alive(pid)) return pid;
      if (performance.now() > end) return undefined;
      sleep(50);
    }
  }

  /** stop sends SIGTERM to every daemon pid the bench saw and waits for them to go. */
  stop(): void {
    this.pid();
    for (const pid of this.pids) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // gone already
      }
    }
    const end = performance.now() + 5000;
    while ([...this.pids].some(alive) && performance.now() < end) sleep(50);
  }

  /** leftovers: `__daemon` processes still running with this bench's cache folder. */
  leftovers(): number[] {
    const out: number[] = [];
    let entries: string[];
    try {
      entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
    } catch {
      return [...this.pids].filter(alive);
    }
    for (const e of entries) {
      try {
        if (!readFileSync(`/proc/${e}/cmdline`, 'utf8').split('\0').includes('__daemon')) continue;
        if (readFileSync(`/proc/${e}/environ`, 'utf8').split('\0').includes(`XDG_CACHE_HOME=${this.xdg}`) && alive(Number(e))) out.push(Number(e));
      } catch {
        // gone, or another user's
      }
    }
    return out;
  }
}

/** alive: the process exists and is not a zombie. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** socketOf is the launcher's socket path for `env` (bin/daemon-client.js socketPath). */
function socketOf(env: NodeJS.ProcessEnv): string | undefined {
  const client = createRequire(__filename)(join(repo, 'bin', 'daemon-client.js')) as { socketPath: (e: NodeJS.ProcessEnv, b: string) => string | undefined };
  return client.socketPath(env, bundle);
}

/** DaemonRun is a run with the daemon: its client's run, the daemon's CPU for it, whether the daemon answered. */
interface DaemonRun extends Run {
  before?: Sample;
  after?: Sample;
}

/**
 * daemonCpu is the daemon's CPU between two samples (undefined without /proc, or when the daemon
 * was replaced meanwhile).
 */
function daemonCpu(a: Sample | undefined, b: Sample | undefined): number | undefined {
  return a !== undefined && b !== undefined && a.pid === b.pid ? b.cpuMs - a.cpuMs : undefined;
}

/** answered: the daemon wrote at least the client's output meanwhile (undefined: not measurable). */
function answered(r: DaemonRun): boolean | undefined {
  const a = r.before?.written;
  const b = r.after?.written;
  if (a === undefined || b === undefined || r.before?.pid !== r.after?.pid) return undefined;
  return b - a >= Buffer.byteLength(r.stdout) && r.stdout !== '';
}

function daemonRun(args: readonly string[], env: NodeJS.ProcessEnv, cpuFile: string | undefined, d: BenchDaemon): DaemonRun {
  const before = d.sample();
  const r = runOnce(process.execPath, args, env, cpuFile);
  return { ...r, before, after: d.sample() };
}

interface Row {
  chart: string;
  templateLines: number;
  helmMs?: number;
  /** cliMs: chartwright one-shot (CHARTWRIGHT_DAEMON=0). */
  cliMs: number;
  daemonMs?: number;
  helmCpuMs?: number;
  cliCpuMs?: number;
  /** daemonCpuMs: median over runs of the client's user+sys plus the daemon's CPU for the run. */
  daemonCpuMs?: number;
  daemonClientCpuMs?: number;
  daemonServerCpuMs?: number;
  /** daemonAnswered: timed runs the daemon answered (out of `runs`); undefined: not measurable. */
  daemonAnswered?: number;
  warmMs: number;
  /** failed: process columns with a run that exited non-zero. */
  failed: string[];
  identical?: boolean;
  identicalByMode?: { warm: boolean; oneShot: boolean; daemon?: boolean };
}

function named(): string[] {
  const out: string[] = [];
  process.argv.forEach((a, i) => {
    if (a === '--chart' && process.argv[i + 1] !== undefined) out.push(process.argv[i + 1]!);
  });
  return out;
}

function largestCharts(k: number, only: readonly string[]): { name: string; lines: number }[] {
  const lines = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  const head = lines[0]!.split('\t');
  const iName = head.indexOf('name');
  const iLines = head.indexOf('template_lines');
  const iExit = head.indexOf('helm4_exit');
  return lines
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => (only.length > 0 ? only.includes(c[iName]!) : c[iExit] === '0'))
    .map((c) => ({ name: c[iName]!, lines: Number(c[iLines]) }))
    .sort((a, b) => b.lines - a.lines)
    .slice(0, only.length > 0 ? only.length : k);
}

/** warmInProcess renders `dir` in this process: its output, and the median of `warm` renders. */
function warmInProcess(dir: string, warm: number): { out: string; ms: number } {
  const fs = nodeFS('/');
  const cache = new ParseCache();
  const runtime = defaultRuntime(new SessionCrypto());
  let out = '';
  for (let i = 0; i < 3; i++) out = runTemplateCommand([dir], { fs, cwd: repo, cache, runtime }).stdout;
  const times: number[] = [];
  for (let i = 0; i < warm; i++) {
    const t0 = performance.now();
    runTemplateCommand([dir], { fs, cwd: repo, cache, runtime });
    times.push(performance.now() - t0);
  }
  return { out, ms: median(times) };
}

/** Env is the three process columns' environments. */
interface Envs {
  helm: NodeJS.ProcessEnv;
  oneShot: NodeJS.ProcessEnv;
  daemon: NodeJS.ProcessEnv;
}

function measure(name: string, lines: number, o: { runs: number; warm: number; helm?: string; envs: Envs; cpuFile?: string; daemon?: BenchDaemon }): Row {
  const dir = join(corpus, 'charts', name);
  const args = [launcher, 'template', dir];
  const d = o.daemon;
  // One untimed run the daemon answers: it has then read and rendered this chart once.
  if (d !== undefined) {
    const w = daemonRun(args, o.envs.daemon, undefined, d);
    if (answered(w) === false) console.error(`warning: the daemon did not answer the warm-up run of ${name}`);
  }
  const helmRuns: Run[] = [];
  const oneShot: Run[] = [];
  const withDaemon: DaemonRun[] = [];
  for (let i = 0; i < o.runs; i++) {
    if (o.helm !== undefined) helmRuns.push(runOnce(o.helm, ['template', dir], o.envs.helm, o.cpuFile));
    oneShot.push(runOnce(process.execPath, args, o.envs.oneShot, o.cpuFile));
    if (d !== undefined) withDaemon.push(daemonRun(args, o.envs.daemon, o.cpuFile, d));
  }
  // The last run's window ends after as long a pause as the others' (a helm and a one-shot run).
  if (d !== undefined) sleep(median(oneShot.map((r, i) => r.ms + (helmRuns[i]?.ms ?? 0))));
  const end = d?.sample();
  const serverCpu = withDaemon.map((r, i) => daemonCpu(r.before, i + 1 < withDaemon.length ? withDaemon[i + 1]!.before : end));
  const warm = warmInProcess(dir, o.warm);
  const med = (rs: readonly Run[]): number | undefined => (rs.length === 0 ? undefined : median(rs.map((r) => r.ms)));
  const medCpu = (xs: readonly (number | undefined)[]): number | undefined =>
    xs.length > 0 && xs.every((x) => x !== undefined) ? median(xs as number[]) : undefined;
  const golden = join(corpus, 'golden', `${name}.helm4.yaml`);
  const want = existsSync(golden) ? readFileSync(golden, 'utf8') : undefined;
  const answers = withDaemon.map(answered);
  const failed = [
    ...(helmRuns.some((r) => !r.ok) ? ['helm'] : []),
    ...(oneShot.some((r) => !r.ok) ? ['one-shot'] : []),
    ...(withDaemon.some((r) => !r.ok) ? ['daemon'] : []),
  ];
  const byMode =
    want === undefined
      ? undefined
      : { warm: warm.out === want, oneShot: oneShot.every((r) => r.stdout === want), daemon: d === undefined ? undefined : withDaemon.every((r) => r.stdout === want) };
  return {
    chart: name,
    templateLines: lines,
    helmMs: med(helmRuns),
    cliMs: med(oneShot)!,
    daemonMs: med(withDaemon),
    helmCpuMs: medCpu(helmRuns.map((r) => r.cpuMs)),
    cliCpuMs: medCpu(oneShot.map((r) => r.cpuMs)),
    daemonCpuMs: medCpu(withDaemon.map((r, i) => (r.cpuMs === undefined || serverCpu[i] === undefined ? undefined : r.cpuMs + serverCpu[i]!))),
    daemonClientCpuMs: medCpu(withDaemon.map((r) => r.cpuMs)),
    daemonServerCpuMs: medCpu(serverCpu),
    daemonAnswered: answers.length > 0 && answers.every((a) => a !== undefined) ? answers.filter((a) => a).length : undefined,
    warmMs: warm.ms,
    failed,
    identical: byMode === undefined ? undefined : byMode.warm && byMode.oneShot && byMode.daemon !== false,
    identicalByMode: byMode,
  };
}

/**
 * startDaemon starts the bench's daemon: one untimed run (which runs itself and starts the daemon),
 * then the daemon's pid file. Undefined when no daemon came (a stale bundle, no socket path).
 */
function startDaemon(dir: string, env: NodeJS.ProcessEnv): BenchDaemon | undefined {
  const d = new BenchDaemon(socketOf(env), env.XDG_CACHE_HOME!);
  if (d.sock === undefined) return undefined;
  runOnce(process.execPath, [launcher, 'template', dir], env, undefined);
  return d.waitForPid(30_000) === undefined ? undefined : d;
}

function identicalText(r: Row): string {
  const m = r.identicalByMode;
  if (m === undefined) return '—';
  const differ = [...(m.oneShot ? [] : ['one-shot']), ...(m.daemon === false ? ['daemon'] : []), ...(m.warm ? [] : ['warm'])];
  const modes = m.daemon === undefined ? 2 : 3;
  return differ.length === 0 ? 'yes' : differ.length === modes ? 'no' : `no (${differ.join(', ')})`;
}

function markdown(rows: readonly Row[], o: { runs: number; warm: number; loadStart: number; loadEnd: number; daemon: boolean }): string {
  const f = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(1));
  // /usr/bin/time and /proc count in 10 ms steps.
  const ms = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(0));
  // Two decimals: the goal is a ratio of at least 1.00x.
  const ratio = (a: number | undefined, b: number | undefined): string => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(2)}x`);
  const both = (r: Row): string =>
    r.daemonCpuMs === undefined ? '—' : `${ms(r.daemonCpuMs)} (${ms(r.daemonClientCpuMs)} + ${ms(r.daemonServerCpuMs)})`;
  const notes: string[] = [];
  for (const r of rows) {
    if (r.failed.length > 0) notes.push(`${r.chart}: a ${r.failed.join(' and a ')} run exited non-zero.`);
    if (o.daemon && r.daemonAnswered !== undefined && r.daemonAnswered < o.runs) notes.push(`${r.chart}: the daemon answered ${r.daemonAnswered} of ${o.runs} runs (the others ran in the client).`);
    if (o.daemon && r.daemonAnswered === undefined) notes.push(`${r.chart}: whether the daemon answered every run could not be checked (/proc/<pid>/io unreadable).`);
  }
  return [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${process.platform}/${process.arch}, node ${process.version}, ${o.runs} process runs (median; helm, one-shot and daemon runs interleaved), ${o.warm} warm renders (median).`,
    `Load average (1 min): ${o.loadStart.toFixed(1)} at the start, ${o.loadEnd.toFixed(1)} at the end (${cpus().length} CPUs).`,
    '',
    'Both process columns run `bin/chartwright.js template`, the command users run. **One-shot** is',
    'that command with `CHARTWRIGHT_DAEMON=0`: it loads and runs the renderer itself, as it does under',
    'CI. **Daemon** is the same command as users get it by default: the first `template` or `lint` of a',
    'session runs itself and starts a background daemon that keeps the renderer loaded; later commands',
    'are answered by it (it reads the files afresh and reuses the outputs of deterministic files when',
    'nothing the command read changed). The daemon is off under CI (the `CI` variable) and with',
    '`CHARTWRIGHT_DAEMON=0`. Here it was started before timing by one untimed run and warmed on each',
    'chart by one untimed run it answered.' + (o.daemon ? '' : ' **No daemon came up in this run: its columns are empty.**'),
    '',
    '| chart | template lines | helm template (ms) | chartwright one-shot (ms) | ratio | chartwright with daemon (ms) | ratio | chartwright warm in-process (ms) | ratio | output identical |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.chart} | ${r.templateLines} | ${f(r.helmMs)} | ${f(r.cliMs)} | ${ratio(r.helmMs, r.cliMs)} | ${f(r.daemonMs)} | ${ratio(r.helmMs, r.daemonMs)} | ${f(r.warmMs)} | ${ratio(r.helmMs, r.warmMs)} | ${identicalText(r)} |`,
    ),
    '',
    'CPU time (user+sys, all threads; median of the same runs), where wall time is mostly the load',
    "of the machine. With the daemon it is the client's CPU plus the daemon's (from /proc/<pid>/stat,",
    'from the start of the run to the start of its next run): total (client + daemon); the total is the',
    'median of the per-run sums, the parts are medians of their own.',
    '',
    '| chart | helm template CPU (ms) | chartwright one-shot CPU (ms) | ratio | chartwright with daemon CPU (ms) | ratio |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.chart} | ${ms(r.helmCpuMs)} | ${ms(r.cliCpuMs)} | ${ratio(r.helmCpuMs, r.cliCpuMs)} | ${both(r)} | ${ratio(r.helmCpuMs, r.daemonCpuMs)} |`),
    '',
    ...(notes.length > 0 ? [...notes, ''] : []),
    '"output identical: no" rows are charts whose output holds random values (generated passwords and',
    'certificates); the corpus test masks those lines and matches Helm on them. The warm column uses',
    "the language server's runtime: a generated key or certificate is reused for the same call site",
    'and arguments between renders (the process columns generate every key, as Helm does).',
  ].join('\n');
}

function main(): void {
  if (!existsSync(corpus)) {
    console.log(`bench: ${corpus} is absent; nothing to measure`);
    return;
  }
  const runs = arg('--runs', 5);
  const warm = arg('--warm', 20);
  const helm = findHelm();
  const home = mkdtempSync(join(tmpdir(), 'cw-bench-'));
  const base = { ...process.env, HOME: home, HELM_CONFIG_HOME: home, HELM_CACHE_HOME: home, HELM_DATA_HOME: home, TZ: 'UTC' };
  const envs: Envs = {
    helm: base,
    oneShot: { ...base, CHARTWRIGHT_DAEMON: '0' },
    // A daemon the bench could not stop (an interrupted bench: the bench runs synchronously, so a
    // signal handler would only run at its end) still goes after two idle minutes.
    daemon: { ...base, CHARTWRIGHT_DAEMON: '1', XDG_CACHE_HOME: join(home, 'daemon-cache'), CHARTWRIGHT_DAEMON_IDLE_MS: '120000' },
  };
  // The launcher, not server/out/cli.js: run directly, the bundle would start its big-stack
  // worker from itself and so be loaded twice, which users never pay.
  const cpuFile = existsSync(TIME) ? join(home, 'cpu.txt') : undefined;
  const charts = largestCharts(arg('--charts', 5), named());
  let daemon: BenchDaemon | undefined;
  const cleanUp = (): void => {
    daemon?.stop();
    const left = daemon?.leftovers() ?? [];
    if (left.length > 0) console.error(`warning: the bench's daemon is still running: pid ${left.join(', ')}`);
    else if (daemon !== undefined) console.error(`stopped the bench's daemon (pid ${[...daemon.pids].join(', ')}); none of its __daemon processes is left`);
    rmSync(home, { recursive: true, force: true });
  };
  const loadStart = loadavg()[0];
  const rows: Row[] = [];
  try {
    if (charts.length > 0) {
      daemon = startDaemon(join(corpus, 'charts', charts[0]!.name), envs.daemon);
      if (daemon === undefined) console.error('warning: no daemon came up (is the bundle built and newer than server/src? `npm run build`)');
    }
    for (const { name, lines } of charts) {
      rows.push(measure(name, lines, { runs, warm, helm, envs, cpuFile, daemon }));
      console.error(`measured ${name}`);
    }
  } finally {
    cleanUp();
  }
  const loadEnd = loadavg()[0];
  const md = markdown(rows, { runs, warm, loadStart, loadEnd, daemon: daemon !== undefined });
  console.log(md);
  // A run on chosen charts is a spot check: it does not replace the recorded table.
  if (named().length > 0) return;
  mkdirSync(join(repo, 'bench', 'results'), { recursive: true });
  writeFileSync(join(repo, 'bench', 'results', 'template.md'), md + '\n');
  const json = {
    helm: helm === undefined ? null : basename(helm),
    command: 'bin/chartwright.js',
    columns: {
      cliMs: 'one-shot: CHARTWRIGHT_DAEMON=0',
      daemonMs: 'with the daemon: CHARTWRIGHT_DAEMON=1, answered by a warm daemon',
      daemonCpuMs: "client's user+sys plus the daemon's CPU for the run (median of the sums)",
    },
    runs,
    daemon: daemon !== undefined,
    loadAverage: { start: loadStart, end: loadEnd, cpus: cpus().length },
    rows,
  };
  writeFileSync(join(repo, 'bench', 'results', 'template.json'), JSON.stringify(json, null, 2) + '\n');
}

main();
