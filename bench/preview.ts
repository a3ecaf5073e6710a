// Benchmark: the preview answer (chartwright/render) over LSP, as an editor sees it: the server as
// its own process (bin/chartwright.js language-server --stdio), argo-cd opened, then edits of
// argocd-server/deployment.yaml each followed by a preview request (whole chart and one template).
// Reports the JSON size of the answers and the edit → answer times (p50/p95).
//
//   node --import tsx bench/preview.ts [--chart argo-cd] [--chart-edits 10] [--template-edits 20]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { client } from '../test/lsp/harness';
import { arg, pct, position, templates } from './lspUtil';

const repo = resolve(__dirname, '..');

async function main(): Promise<void> {
  const chart = arg('--chart', 'argo-cd');
  const root = resolve(repo, '..', 'shared', 'corpus', 'charts', chart);
  const child = spawn(process.execPath, ['--max-semi-space-size=2', join(repo, 'bin', 'chartwright.js'), 'language-server', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const c = client(child.stdout, child.stdin);
  await c.conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await c.conn.sendNotification('initialized', {});
  const files = templates(join(root, 'templates'));
  const main = files.find((f) => f.endsWith('argocd-server/deployment.yaml')) ?? files[0];
  const uri = pathToFileURL(main).href;
  const body = { text: readFileSync(main, 'utf8'), version: 1 };
  const first = c.diags(uri, () => true);
  await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'helm', version: 1, text: body.text } });
  await first;
  const at = body.text.indexOf('\n', body.text.indexOf('spec:')) + 1;
  const sizes = new Map<string, number>();
  const run = async (scope: 'chart' | 'template', n: number): Promise<number[]> => {
    const out: number[] = [];
    // Two warm-up requests (first renders, worker start), not counted.
    for (let i = -2; i < n; i++) {
      const marker = `# preview-${scope}-${i}`;
      const pos = position(body.text, at);
      body.text = body.text.slice(0, at) + marker + '\n' + body.text.slice(at);
      body.version++;
      const s = performance.now();
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: body.version }, contentChanges: [{ range: { start: pos, end: pos }, text: marker + '\n' }] });
      const r = (await c.conn.sendRequest('chartwright/render', { uri, scope })) as { text: string; error?: string };
      const ms = performance.now() - s;
      if (!r.text.includes(marker)) console.error(`preview ${scope} ${i}: edit not shown (${(r.error ?? '').slice(0, 120)})`);
      if (i >= 0) out.push(ms);
      sizes.set(scope, Buffer.byteLength(JSON.stringify(r)));
      await new Promise((res) => setTimeout(res, 30));
    }
    return out;
  };
  const whole = await run('chart', Number(arg('--chart-edits', '10')));
  const one = await run('template', Number(arg('--template-edits', '20')));
  const f1 = (x: number): string => x.toFixed(1);
  console.log(`load average ${loadavg()[0].toFixed(1)}`);
  console.log(`whole chart (${chart}): answer ${(sizes.get('chart') ?? 0) / 1e6} MB, edit → answer p50 / p95 ${f1(pct(whole, 50))} / ${f1(pct(whole, 95))} ms (${whole.length} edits)`);
  console.log(`one template: answer ${(sizes.get('template') ?? 0) / 1e3} kB, edit → answer p50 / p95 ${f1(pct(one, 50))} / ${f1(pct(one, 95))} ms (${one.length} edits)`);
  c.conn.dispose();
  child.kill();
}

void main();
