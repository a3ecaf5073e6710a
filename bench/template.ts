// Benchmark: `chartwright template` against `helm template` on the corpus's largest charts,
// measured side by side in one run.
//
//   node --import tsx bench/template.ts [--runs N] [--warm N] [--charts K] [--chart NAME ...]
//
// `--chart NAME` (repeatable) measures the named corpus charts instead of the K largest, e.g.
// `--chart bitnami-harbor --chart bitnami-airflow`, and prints the table without writing it.
//
// Columns: helm as a process, chartwright as a process (`bin/chartwright.js`, the command users
// run: the bundled CLI when built and up to date, else tsx),
// and chartwright warm in-process (chart loaded and rendered again in the same process with the
// language server's runtime: what the language server does on each edit, including its session
// memo that reuses a generated key or certificate for the same call site and arguments). Ratios are helm time / chartwright time (higher = faster).
// The CPU columns are the processes' user+sys time (all their threads: Go's and V8's helpers
// included), from /usr/bin/time when the machine has it: on a loaded machine wall time mostly
// measures the scheduler, CPU time what a run costs.
// Helm comes from $HELM4, else `helm4` or `helm` on PATH; without it the helm columns are empty.
// Results are written to bench/results/template.{md,json}.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultRuntime, runTemplateCommand } from '../server/src/render/template-command';
import { SessionCrypto } from '../server/src/render/nativecrypto';
import { nodeFS } from '../server/src/chart/fs';
import { ParseCache } from '../server/src/render/engine';

const repo = resolve(__dirname, '..');
const corpus = resolve(repo, '..', 'shared', 'corpus');

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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const TIME = '/usr/bin/time';

interface ProcessRun {
  ms: number;
  cpuMs?: number;
  ok: boolean;
}

/** timeProcess runs cmd `runs` times: median wall time, and median user+sys time when measurable. */
function timeProcess(cmd: string, args: string[], runs: number, env: NodeJS.ProcessEnv, cpuFile: string | undefined): ProcessRun {
  const times: number[] = [];
  const cpu: number[] = [];
  let ok = true;
  for (let i = 0; i < runs; i++) {
    const [c, a] = cpuFile !== undefined ? [TIME, ['-f', '%U %S', '-o', cpuFile, cmd, ...args]] : [cmd, args];
    const t0 = performance.now();
    const r = spawnSync(c, a, { env, encoding: 'utf8', maxBuffer: 1 << 28 });
    times.push(performance.now() - t0);
    if (r.status !== 0) ok = false;
    if (cpuFile !== undefined) {
      const [u, s] = (readFileSync(cpuFile, 'utf8').trim().split('\n').pop() ?? '').split(/\s+/).map(Number);
      if (u !== undefined && s !== undefined && Number.isFinite(u + s)) cpu.push((u + s) * 1000);
    }
  }
  return { ms: median(times), cpuMs: cpu.length === runs ? median(cpu) : undefined, ok };
}

interface Row {
  chart: string;
  templateLines: number;
  helmMs?: number;
  cliMs: number;
  helmCpuMs?: number;
  cliCpuMs?: number;
  warmMs: number;
  identical?: boolean;
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

function main(): void {
  if (!existsSync(corpus)) {
    console.log(`bench: ${corpus} is absent; nothing to measure`);
    return;
  }
  const runs = arg('--runs', 5);
  const warm = arg('--warm', 20);
  const helm = findHelm();
  const home = mkdtempSync(join(tmpdir(), 'cw-bench-'));
  const env = { ...process.env, HOME: home, HELM_CONFIG_HOME: home, HELM_CACHE_HOME: home, HELM_DATA_HOME: home, TZ: 'UTC' };
  // The launcher, not server/out/cli.js: run directly, the bundle would start its big-stack
  // worker from itself and so be loaded twice, which users never pay.
  const cli = [join(repo, 'bin', 'chartwright.js')];
  const cpuFile = existsSync(TIME) ? join(home, 'cpu.txt') : undefined;
  const loadStart = loadavg()[0];
  const rows: Row[] = [];
  for (const { name, lines } of largestCharts(arg('--charts', 5), named())) {
    const dir = join(corpus, 'charts', name);
    const helmRun = helm ? timeProcess(helm, ['template', dir], runs, env, cpuFile) : undefined;
    const cliRun = timeProcess(process.execPath, [...cli, 'template', dir], runs, env, cpuFile);
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
    const golden = join(corpus, 'golden', `${name}.helm4.yaml`);
    rows.push({
      chart: name,
      templateLines: lines,
      helmMs: helmRun?.ms,
      cliMs: cliRun.ms,
      helmCpuMs: helmRun?.cpuMs,
      cliCpuMs: cliRun.cpuMs,
      warmMs: median(times),
      identical: existsSync(golden) ? readFileSync(golden, 'utf8') === out : undefined,
    });
    console.error(`measured ${name}`);
  }
  const f = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(1));
  // /usr/bin/time counts in 10 ms steps.
  const ms = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(0));
  const ratio = (a: number | undefined, b: number | undefined): string => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(1)}x`);
  const loadEnd = loadavg()[0];
  const md = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${process.platform}/${process.arch}, node ${process.version}, ${runs} process runs (median), ${warm} warm renders (median).`,
    `The process column runs \`bin/chartwright.js template\`. Load average (1 min): ${loadStart.toFixed(1)} at the start, ${loadEnd.toFixed(1)} at the end (${cpus().length} CPUs).`,
    '',
    '| chart | template lines | helm template (ms) | chartwright process (ms) | ratio | chartwright warm (ms) | ratio | output identical |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.chart} | ${r.templateLines} | ${f(r.helmMs)} | ${f(r.cliMs)} | ${ratio(r.helmMs, r.cliMs)} | ${f(r.warmMs)} | ${ratio(r.helmMs, r.warmMs)} | ${r.identical === undefined ? '—' : r.identical ? 'yes' : 'no'} |`,
    ),
    '',
    'CPU time (user+sys of the whole process, all threads; median of the same runs) where wall time is',
    'mostly the load of the machine:',
    '',
    '| chart | helm template CPU (ms) | chartwright process CPU (ms) | ratio |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.chart} | ${ms(r.helmCpuMs)} | ${ms(r.cliCpuMs)} | ${ratio(r.helmCpuMs, r.cliCpuMs)} |`),
    '',
    '"output identical: no" rows are charts whose output holds random values (generated passwords and',
    'certificates); the corpus test masks those lines and matches Helm on them. The warm column uses',
    "the language server's runtime: a generated key or certificate is reused for the same call site",
    'and arguments between renders (the process column generates every key, as Helm does).',
  ].join('\n');
  console.log(md);
  // A run on chosen charts is a spot check: it does not replace the recorded table.
  if (named().length > 0) return;
  mkdirSync(join(repo, 'bench', 'results'), { recursive: true });
  writeFileSync(join(repo, 'bench', 'results', 'template.md'), md + '\n');
  writeFileSync(join(repo, 'bench', 'results', 'template.json'), JSON.stringify({ helm: helm === undefined ? null : basename(helm), command: 'bin/chartwright.js', loadAverage: { start: loadStart, end: loadEnd, cpus: cpus().length }, rows }, null, 2) + '\n');
}

main();
