// Benchmark: the time Kubernetes schema validation (analysis/k8svalidate.ts) adds to the
// language server's render pass, per corpus chart, and every schema problem it finds (for the
// false-positive review).
//
//   node --import tsx bench/k8slsp-pass.ts [--list] [chart ...]     (default: argo-cd bitnami-harbor)
//
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
  let t = performance.now();
  let outcome = snap.render(snap.model(root));
  renderedProblems(outcome);
  const firstRender = performance.now() - t;
  if (outcome.error !== undefined) {
    console.log(`${name}: render error ${outcome.error.message}`);
    continue;
  }
  t = performance.now();
  let problems = kubeSchemaProblems(outcome, kubeSchemas(snap, snap.model(root), outcome));
  const firstCheck = performance.now() - t;
  const edited = largestTemplate(ws, root);
  const base = edited !== undefined ? readFileSync(edited, 'utf8') : '';
  const renders: number[] = [];
  const checks: number[] = [];
  for (let i = 0; i < 7 && edited !== undefined; i++) {
    ws.openDocument(edited, i + 1, `${base}\n# edit ${i}\n`);
    snap = ws.snapshot();
    const model = snap.model(root);
    t = performance.now();
    outcome = snap.render(model);
    renderedProblems(outcome);
    renders.push(performance.now() - t);
    t = performance.now();
    problems = kubeSchemaProblems(outcome, kubeSchemas(snap, model, outcome));
    checks.push(performance.now() - t);
  }
  const r = median(renders);
  const c = median(checks);
  console.log(
    `${name}: first pass: render ${firstRender.toFixed(0)} ms + schemas ${firstCheck.toFixed(0)} ms (+${((100 * firstCheck) / firstRender).toFixed(1)}%); ` +
      `edit pass (median of ${renders.length}, edited ${edited?.slice(root.length + 1)}): render ${r.toFixed(1)} ms + schemas ${c.toFixed(1)} ms (+${((100 * c) / r).toFixed(1)}%); ${problems.length} problems`,
  );
  if (list) for (const p of problems) console.log(`  ${p.code} ${p.path.slice(root.length + 1)}:${p.start} ${p.message}`);
}
