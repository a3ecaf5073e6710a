// Benchmark: the time Kubernetes schema validation (analysis/k8svalidate.ts) adds to the
// language server's render pass, per corpus chart, and every schema problem it finds (for the
// false-positive review).
//
//   node --import tsx bench/k8slsp-pass.ts [--list] [chart ...]     (default: argo-cd bitnami-harbor)
//
// Each time is shown as wall ms and, in brackets, CPU ms of the process (user+system: what to
// compare on a busy machine).
// First pass: a fresh workspace renders the chart (snap.render + renderedProblems: the render
// pass without schemas) and validates every document (loading the schema set counts here).
// Edit passes (median of 7): a template's buffer changes (a comment appended), the chart renders
// again and both passes run over the new outcome: only the edited file's text is new, the other
// files' results come from the per-text memos, as in the editor.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { kubeSchemas } from '../server/src/analysis/k8sschemas';
import { kubeSchemaProblems } from '../server/src/analysis/k8svalidate';
import { renderedProblems } from '../server/src/analysis/rendered';
import { Workspace } from '../server/src/analysis/snapshot';
import { nodeHost } from '../server/src/lsp/nodeHost';

const corpus = resolve(__dirname, '..', '..', 'shared', 'corpus', 'charts');
const charts = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const list = process.argv.includes('--list');

/** Clock reads wall and CPU time together. */
interface Clock {
  readonly wall: number;
  readonly cpu: number;
}

function now(): Clock {
  const u = process.cpuUsage();
  return { wall: performance.now(), cpu: (u.user + u.system) / 1000 };
}

function since(t: Clock): Clock {
  const n = now();
  return { wall: n.wall - t.wall, cpu: n.cpu - t.cpu };
}

function show(c: Clock): string {
  return `${c.wall.toFixed(1)} [${c.cpu.toFixed(1)}]`;
}

function pct(part: Clock, whole: Clock): string {
  return `+${((100 * part.wall) / whole.wall).toFixed(1)}% [+${((100 * part.cpu) / whole.cpu).toFixed(1)}%]`;
}

function medianClock(xs: Clock[]): Clock {
  return { wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function largestTemplate(ws: Workspace, root: string): string | undefined {
  const snap = ws.snapshot();
  const model = snap.model(root);
  const out = snap.render(model);
  let best: [string, number] | undefined;
  for (const [name, f] of out.files) {
    const p = out.pathOf.get(name);
    if (p !== undefined && p.startsWith(root + '/templates/') && /\.ya?ml$/.test(p) && (best === undefined || f.text.length > best[1])) best = [p, f.text.length];
  }
  return best?.[0];
}

for (const name of charts.length > 0 ? charts : ['argo-cd', 'bitnami-harbor']) {
  const root = join(corpus, name);
  if (!existsSync(root)) {
    console.log(`${name}: not found under ${corpus}`);
    continue;
  }
  const ws = new Workspace(nodeHost());
  let snap = ws.snapshot();
  let t = now();
  let outcome = snap.render(snap.model(root));
  renderedProblems(outcome);
  const firstRender = since(t);
  if (outcome.error !== undefined) {
    console.log(`${name}: render error ${outcome.error.message}`);
    continue;
  }
  t = now();
  let problems = kubeSchemaProblems(outcome, kubeSchemas(snap, snap.model(root), outcome));
  const firstCheck = since(t);
  const edited = largestTemplate(ws, root);
  const base = edited !== undefined ? readFileSync(edited, 'utf8') : '';
  const renders: Clock[] = [];
  const checks: Clock[] = [];
  for (let i = 0; i < 7 && edited !== undefined; i++) {
    ws.openDocument(edited, i + 1, `${base}\n# edit ${i}\n`);
    snap = ws.snapshot();
    const model = snap.model(root);
    t = now();
    outcome = snap.render(model);
    renderedProblems(outcome);
    renders.push(since(t));
    t = now();
    problems = kubeSchemaProblems(outcome, kubeSchemas(snap, model, outcome));
    checks.push(since(t));
  }
  const r = medianClock(renders);
  const c = medianClock(checks);
  console.log(
    `${name}: first pass: render ${show(firstRender)} ms + schemas ${show(firstCheck)} ms (${pct(firstCheck, firstRender)}); ` +
      `edit pass (median of ${renders.length}, edited ${edited?.slice(root.length + 1)}): render ${show(r)} ms + schemas ${show(c)} ms (${pct(c, r)}); ${problems.length} problems`,
  );
  if (list) for (const p of problems) console.log(`  ${p.code} ${p.path.slice(root.length + 1)}:${p.start} ${p.message}`);
}
