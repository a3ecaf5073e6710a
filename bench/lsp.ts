// Benchmark: the language server on the corpus's largest chart (argo-cd), through the real
// server (startServer) over in-memory JSON-RPC streams, with the node file system.
//
//   node --expose-gc --import tsx bench/lsp.ts [--chart argo-cd] [--completions 200] [--edits 50] [--requests-only] [--memory-only] [--diagnostics-only] [--many-edits 5000]
//
// Measures: load (open a template → first publishDiagnostics, includes loading the chart),
// completion round-trip latency at varied positions (`.Values.` paths, `.Files.`, operands,
// include names), edit → publishDiagnostics latency for that version (the fast pass: parse and
// values checks; the render pass follows later on its own timer), the render pass on its own, and
// memory after load (heap/RSS, after a GC). Then the live render path (renders in worker threads):
// edit → render-backed diagnostics (an edit making `required` fail) on the chart and on
// bitnami-harbor, completion latency in the chart while bitnami-harbor renders, preview update
// latency (edit → chartwright/render answer), RSS after 5,000 edits (--many-edits).
// Results go to bench/results/lsp.md.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { nodeHost } from '../server/src/lsp/nodeHost';
import { client, inMemory, type PublishParams } from '../test/lsp/harness';
import { arg, pct, position, templates } from './lspUtil';

const repo = resolve(__dirname, '..');

/** completionPoints picks cursor offsets inside actions: after each '.' of a field path, at operands, in include names. */
function completionPoints(text: string): number[] {
  const pts: number[] = [];
  const re = /\{\{-?\s*/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('}}', start);
    if (end < 0) break;
    pts.push(start);
    for (let i = start; i < end; i++) {
      if (text[i] === '.' && /[A-Za-z]/.test(text[i + 1] ?? '')) pts.push(i + 1);
      if (text[i] === '"' && /include\s*$/.test(text.slice(start, i))) pts.push(i + 1);
    }
  }
  return pts;
}

/** ThreadMem: the fields of one thread's ThreadStats (server/src/lsp/threadStats.ts) printed here. */
interface ThreadMem {
  heapUsedMB: number;
  heapTotalMB: number;
  externalMB: number;
  spaces: Record<string, number>;
  caches: Record<string, number>;
}

function memory(): { heapMB: number; rssMB: number } {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g !== undefined) g();
  const m = process.memoryUsage();
  return { heapMB: m.heapUsed / 1e6, rssMB: m.rss / 1e6 };
}

async function main(): Promise<void> {
  const chart = arg('--chart', 'argo-cd');
  const nCompletions = Number(arg('--completions', '200'));
  const nEdits = Number(arg('--edits', '50'));
  const root = resolve(repo, '..', 'shared', 'corpus', 'charts', chart);
  if (!existsSync(root)) {
    console.error(`corpus chart missing: ${root}`);
    process.exit(2);
  }
  const before = memory();
  // Default server timings (as in the editor). The server runs as its own process (the CLI) so
  // that the client's JSON parsing and garbage do not count as server latency; --in-process
  // runs it in this process instead (heap numbers are then the server's and the client's).
  const inProcess = process.argv.includes('--in-process');
  // The node flags the VS Code client starts the server with (client/src/extension.ts SERVER_NODE_FLAGS).
  const serverFlags = ['--max-semi-space-size=2'];
  // And its environment (client/src/extension.ts SERVER_ENV).
  const serverEnv = { MALLOC_ARENA_MAX: '2' };
  const child = inProcess ? undefined : spawn(process.execPath, [...serverFlags, join(repo, 'bin', 'chartwright.js'), 'language-server', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...serverEnv } });
  const c =
    child === undefined
      ? await inMemory(nodeHost(), {})
      : await (async () => {
          const cl = client(child.stdout, child.stdin);
          await cl.conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { completion: { completionList: { itemDefaults: ['editRange'] } } } } });
          await cl.conn.sendNotification('initialized', {});
          return { ...cl, dispose: () => cl.conn.dispose() };
        })();
  const files = templates(join(root, 'templates'));
  const main = files.find((f) => f.endsWith('argocd-server/deployment.yaml')) ?? files[0];
  const mainUri = pathToFileURL(main).href;
  const mainText = readFileSync(main, 'utf8');
  const rss = (): number => (child?.pid !== undefined ? Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 'NaN') / 1000 : memory().rssMB);
  /** cpuMs: the server's CPU time (user + system, ms) on its main thread and in all its threads (from /proc). */
  const cpuMs = (): { main: number; all: number } => {
    const pid = child?.pid ?? process.pid;
    const ticks = (file: string): number => {
      const f = readFileSync(file, 'utf8').split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12])) * 10;
    };
    return { main: ticks(`/proc/${pid}/task/${pid}/stat`), all: ticks(`/proc/${pid}/stat`) };
  };
  /** threads prints (stderr) each thread's heap as the server reports it (chartwright/stats). */
  const threads = async (label: string): Promise<void> => {
    const r = (await c.conn.sendRequest('chartwright/stats')) as { rssMB: number; main: ThreadMem; workers: Record<string, ThreadMem> };
    const one = (t: ThreadMem): string => `heap ${t.heapUsedMB}/${t.heapTotalMB} MB (new ${t.spaces.new}, old ${t.spaces.old}, code ${t.spaces.code}, lo ${t.spaces.large_object}) ext ${t.externalMB}`;
    process.stderr.write(`${label}: rss ${rss().toFixed(0)} MB; main ${one(r.main)}\n${Object.entries(r.workers).map(([k, t]) => `  worker ${k.split('/').pop()}: ${one(t)} caches ${JSON.stringify(t.caches)}\n`).join('')}`);
  };
  /** renderDiag: edit a line to a failing `required` with a fresh message; time until it is published. */
  const renderDiag = async (u: string, body: { text: string; version: number }, at: number, n: number): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const msg = `live-${u.length}-${i}`;
      const line = `x: {{ required "${msg}" .Values.nope }}\n`;
      const prevLine = body.text.slice(at, body.text.indexOf('\n', at) + 1);
      const replacing = prevLine.startsWith('x: {{ required "live-');
      const startPos = position(body.text, at);
      const endPos = replacing ? { line: startPos.line + 1, character: 0 } : startPos;
      body.text = body.text.slice(0, at) + line + body.text.slice(at + (replacing ? prevLine.length : 0));
      body.version++;
      const v = body.version;
      const got = c.diags(u, (p: PublishParams) => p.version === v && p.diagnostics.some((d) => d.message.includes(msg)));
      const s = performance.now();
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: v }, contentChanges: [{ range: { start: startPos, end: endPos }, text: line }] });
      await got;
      out.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 30));
    }
    return out;
  };
  /** fastEdits types and deletes a character at `at` (40 ms apart); each edit's time until its version's first diagnostics. */
  const fastEdits = async (body: { text: string; version: number }, at: number, n: number): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      body.version++;
      const pos = position(body.text, at);
      const add = i % 2 === 0;
      body.text = body.text.slice(0, at) + (add ? '#' : '') + body.text.slice(at + (add ? 0 : 1));
      const change = add ? { range: { start: pos, end: pos }, text: '#' } : { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' };
      const v = body.version;
      const got = c.diags(mainUri, (p: PublishParams) => p.version === v);
      const s = performance.now();
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: mainUri, version: v }, contentChanges: [change] });
      await got;
      out.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 40));
    }
    return out;
  };
  /** manyEdits types and deletes a character at `at`, each edit waiting for its fast diagnostics. */
  const manyEdits = async (body: { text: string; version: number }, at: number, n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      const add = i % 2 === 0;
      const pos = position(body.text, at);
      body.text = add ? body.text.slice(0, at) + '#' + body.text.slice(at) : body.text.slice(0, at) + body.text.slice(at + 1);
      body.version++;
      const v = body.version;
      const got = c.diags(mainUri, (p: PublishParams) => p.version === v);
      await c.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: mainUri, version: v },
        contentChanges: [{ range: { start: pos, end: add ? pos : { line: pos.line, character: pos.character + 1 } }, text: add ? '#' : '' }],
      });
      await got;
    }
  };
  const t0 = performance.now();
  const first = c.diags(mainUri, () => true);
  await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: mainUri, languageId: 'helm', version: 1, text: mainText } });
  await first;
  const loadMs = performance.now() - t0;
  // Open a few more documents, as an editor session would.
  const opened = [main, ...files.filter((f) => f !== main && !f.endsWith('.tpl')).slice(0, 9), join(root, 'templates/_helpers.tpl')];
  for (const f of opened.slice(1)) {
    const u = pathToFileURL(f).href;
    const p = c.diags(u, () => true);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'helm', version: 1, text: readFileSync(f, 'utf8') } });
    await p;
  }
  // Let the render pass of the opens settle.
  await new Promise((r) => setTimeout(r, 4000));
  const afterLoad = memory();
  const rssLoad = rss();
  if (process.argv.includes('--memory-only')) {
    // Memory alone (faster): load, --many-edits edits, 25 s idle; each thread's heap on stderr.
    await threads('after load');
    await new Promise((r) => setTimeout(r, 3000));
    await threads('3 s later');
    const body = { text: mainText, version: 1 };
    const at = body.text.indexOf('\n', body.text.indexOf('spec:')) + 1;
    const n = Number(arg('--many-edits', '5000'));
    const t = performance.now();
    await manyEdits(body, at, n);
    const editMs = performance.now() - t;
    const busy = rss();
    await threads(`right after ${n} edits (${(editMs / n).toFixed(1)} ms per edit)`);
    await new Promise((r) => setTimeout(r, 25000));
    await threads('25 s later');
    process.stdout.write(`memory on ${chart}, load average ${loadavg()[0].toFixed(1)}: RSS after load ${rssLoad.toFixed(0)} MB, right after ${n} edits ${busy.toFixed(0)} MB, 25 s later ${rss().toFixed(0)} MB\n`);
    await c.conn.sendRequest('shutdown').catch(() => undefined);
    c.dispose();
    child?.kill();
    return;
  }

  if (process.argv.includes('--diagnostics-only')) {
    // Diagnostics latency alone (faster): fast diagnostics, then render diagnostics, on the main template.
    const body = { text: mainText, version: 1 };
    const at = body.text.indexOf('\n', body.text.indexOf('spec:')) + 1;
    const cpu0 = cpuMs();
    const fast = await fastEdits(body, at, nEdits);
    const cpu1 = cpuMs();
    const rendered = await renderDiag(mainUri, body, at, Number(arg('--live-edits', '20')));
    const f1 = (x: number): string => x.toFixed(1);
    const perEdit = (a: number, b: number): string => f1((b - a) / fast.length);
    process.stdout.write(
      `diagnostics on ${chart}, load average ${loadavg()[0].toFixed(1)}: edit → publishDiagnostics p50/p95 ${f1(pct(fast, 50))}/${f1(pct(fast, 95))} ms (${fast.length} edits; CPU per edit: main thread ${perEdit(cpu0.main, cpu1.main)} ms, process ${perEdit(cpu0.all, cpu1.all)} ms); edit → render diagnostics p50/p95 ${f1(pct(rendered, 50))}/${f1(pct(rendered, 95))} ms (${rendered.length} edits)\n`,
    );
    await c.conn.sendRequest('shutdown').catch(() => undefined);
    c.dispose();
    child?.kill();
    return;
  }

  // Completion at varied positions over the open documents.
  const points: Array<{ uri: string; pos: { line: number; character: number } }> = [];
  for (const f of opened) {
    const t = readFileSync(f, 'utf8');
    for (const o of completionPoints(t)) points.push({ uri: pathToFileURL(f).href, pos: position(t, o) });
  }
  const step = Math.max(1, Math.floor(points.length / nCompletions));
  const chosen = points.filter((_, i) => i % step === 0).slice(0, nCompletions);
  // Warm-up pass over the same points (JIT), then the measured pass.
  for (const p of chosen) await c.conn.sendRequest('textDocument/completion', { textDocument: { uri: p.uri }, position: p.pos });
  const comp: number[] = [];
  let items = 0;
  for (const p of chosen) {
    const s = performance.now();
    const r = (await c.conn.sendRequest('textDocument/completion', { textDocument: { uri: p.uri }, position: p.pos })) as unknown[] | { items: unknown[] };
    comp.push(performance.now() - s);
    items += Array.isArray(r) ? r.length : r.items.length;
    if (process.env.BENCH_DEBUG === '1' && performance.now() - s > 5) console.error(`slow ${(performance.now() - s).toFixed(1)}ms ${p.uri.split('/').slice(-2).join('/')} ${JSON.stringify(p.pos)} items=${Array.isArray(r) ? r.length : r.items.length}`);
  }

  // Hover at the same template points (warm-up pass, then measured), then hover and completion in
  // the chart's values.yaml: on every top-level key, and at a new line after each (key completion).
  const timed = async (n: number, ask: (i: number) => Promise<unknown>): Promise<number[]> => {
    for (let i = 0; i < n; i++) await ask(i);
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await ask(i);
      out.push(performance.now() - s);
    }
    return out;
  };
  const hov = await timed(chosen.length, (i) => c.conn.sendRequest('textDocument/hover', { textDocument: { uri: chosen[i].uri }, position: chosen[i].pos }));
  const valuesPath = join(root, 'values.yaml');
  const valuesUri = pathToFileURL(valuesPath).href;
  const valuesText = readFileSync(valuesPath, 'utf8');
  const valuesDiags = c.diags(valuesUri, () => true);
  await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: valuesUri, languageId: 'yaml', version: 1, text: valuesText } });
  // Let its diagnostics (and the render pass the open starts) settle: they run on the server's thread too.
  await valuesDiags;
  await new Promise((r) => setTimeout(r, 4000));
  const keyLines = valuesText.split('\n').flatMap((l, i) => (/^[A-Za-z][^:#]*:/.test(l) ? [i] : []));
  const valuesHov = await timed(keyLines.length, (i) => c.conn.sendRequest('textDocument/hover', { textDocument: { uri: valuesUri }, position: { line: keyLines[i], character: 1 } }));
  const valuesComp = await timed(keyLines.length, (i) => c.conn.sendRequest('textDocument/completion', { textDocument: { uri: valuesUri }, position: { line: keyLines[i], character: 0 } }));
  await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: valuesUri } });
  if (process.argv.includes('--requests-only')) {
    const f2 = (x: number): string => x.toFixed(2);
    const row = (name: string, xs: number[]): string => `| ${name} (${xs.length}) | ${f2(pct(xs, 50))} | ${f2(pct(xs, 99))} | ${f2(Math.max(...xs))} |`;
    process.stdout.write(
      [`requests on ${chart}, load average ${loadavg()[0].toFixed(1)}`, '| request | p50 ms | p99 ms | max ms |', '| --- | ---: | ---: | ---: |', row('template completion', comp), row('template hover', hov), row('values.yaml hover', valuesHov), row('values.yaml completion', valuesComp), ''].join('\n'),
    );
    await c.conn.sendRequest('shutdown').catch(() => undefined);
    c.dispose();
    child?.kill();
    return;
  }

  // Edits: type into a text line of the main document; wait for that version's diagnostics.
  const insertAt = mainText.indexOf('\n', mainText.indexOf('spec:')) + 1;
  const typed = { text: mainText, version: 1 };
  const edits = await fastEdits(typed, insertAt, nEdits);
  let { text, version } = typed;

  // The render pass on its own: edit, then wait for the second publication of that version.
  const renders: number[] = [];
  for (let i = 0; i < 5; i++) {
    version++;
    const v = version;
    let n = 0;
    const second = c.diags(mainUri, (p: PublishParams) => p.version === v && ++n === 2);
    const pos = position(text, insertAt);
    const s = performance.now();
    text = text.slice(0, insertAt) + '#' + text.slice(insertAt);
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: mainUri, version: v }, contentChanges: [{ range: { start: pos, end: pos }, text: '#' }] });
    await second;
    renders.push(performance.now() - s);
  }
  const afterAll = memory();
  const rssEnd = rss();

  // ---- Live render path ----
  const nLive = Number(arg('--live-edits', '20'));
  const mainBody = { text, version };
  const liveAt = mainBody.text.indexOf('\n', mainBody.text.indexOf('spec:')) + 1;
  const liveMain = await renderDiag(mainUri, mainBody, liveAt, nLive);

  {
    // Remove the failing line again.
    const line = mainBody.text.slice(liveAt, mainBody.text.indexOf('\n', liveAt) + 1);
    const pos = position(mainBody.text, liveAt);
    mainBody.text = mainBody.text.slice(0, liveAt) + mainBody.text.slice(liveAt + line.length);
    mainBody.version++;
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: mainUri, version: mainBody.version }, contentChanges: [{ range: { start: pos, end: { line: pos.line + 1, character: 0 } }, text: '' }] });
  }
  // Preview update: edit, then ask for the preview; time until the answer shows the edit. The
  // whole chart (argo-cd: ~1.9 MB of output and its line map) and the one template (the client's
  // default for a template that renders on its own).
  const previewRun = async (scope: 'chart' | 'template', n: number): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const marker = `# preview-${scope}-${i}`;
      const pos = position(mainBody.text, liveAt);
      mainBody.text = mainBody.text.slice(0, liveAt) + marker + '\n' + mainBody.text.slice(liveAt);
      mainBody.version++;
      const s = performance.now();
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: mainUri, version: mainBody.version }, contentChanges: [{ range: { start: pos, end: pos }, text: marker + '\n' }] });
      const r = (await c.conn.sendRequest('chartwright/render', { uri: mainUri, scope })) as { text: string; error?: string };
      out.push(performance.now() - s);
      if (!r.text.includes(marker) && !(r.error ?? '').includes('live-')) console.error(`preview ${scope} ${i}: edit not shown (${(r.error ?? '').slice(0, 120)})`);
      await new Promise((r) => setTimeout(r, 30));
    }
    return out;
  };
  const previews = await previewRun('chart', 10);
  const previewsOne = await previewRun('template', 20);

  // Many edits: type and delete characters (each waits for its fast diagnostics), then settle.
  const nMany = Number(arg('--many-edits', '5000'));
  await manyEdits(mainBody, liveAt, nMany);
  const rssManyBusy = rss();
  // Idle: the threads compact their heaps (idleGc.ts) and V8's memory reducer runs.
  await new Promise((r) => setTimeout(r, 25000));
  const rssMany = rss();

  /** openSettled opens a template, waits for its first diagnostics and `settleMs`; edits go after its `spec:` line. */
  const openSettled = async (file: string, settleMs: number): Promise<{ uri: string; body: { text: string; version: number }; at: number }> => {
    const u = pathToFileURL(file).href;
    const body = { text: readFileSync(file, 'utf8'), version: 1 };
    const first = c.diags(u, () => true);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'helm', version: 1, text: body.text } });
    await first;
    await new Promise((r) => setTimeout(r, settleMs));
    return { uri: u, body, at: body.text.indexOf('\n', body.text.indexOf('spec:')) + 1 };
  };

  // bitnami-harbor: a heavy chart (certificates) in the same workspace.
  const harborRoot = resolve(repo, '..', 'shared', 'corpus', 'charts', 'bitnami-harbor');
  let liveHarbor: number[] = [];
  let compBusy: number[] = [];
  if (existsSync(harborRoot)) {
    // Warm: the first render of the chart (loading it, cold caches) settles first.
    const { uri: hUri, body: hBody, at: hAt } = await openSettled(join(harborRoot, 'templates', 'core', 'core-dpl.yaml'), 3000);
    liveHarbor = await renderDiag(hUri, hBody, hAt, Math.max(3, Math.floor(nLive / 2)));
    // Completion in the first chart while harbor renders: keep editing harbor (each edit starts a render).
    let editing = true;
    const editor = (async () => {
      while (editing) {
        const pos = position(hBody.text, hAt);
        hBody.text = hBody.text.slice(0, hAt) + '#\n' + hBody.text.slice(hAt);
        hBody.version++;
        await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: hUri, version: hBody.version }, contentChanges: [{ range: { start: pos, end: pos }, text: '#\n' }] });
        await new Promise((r) => setTimeout(r, 300));
      }
    })();
    for (const p of chosen) {
      const s = performance.now();
      await c.conn.sendRequest('textDocument/completion', { textDocument: { uri: p.uri }, position: p.pos });
      compBusy.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 5));
    }
    editing = false;
    await editor;
  }
  // A kube-prometheus-stack-sized chart (the corpus's bitnami-kube-prometheus: prometheus,
  // alertmanager, the operator and its CRDs, node-exporter and kube-state-metrics subcharts).
  const kpRoot = resolve(repo, '..', 'shared', 'corpus', 'charts', 'bitnami-kube-prometheus');
  let liveKp: number[] = [];
  if (existsSync(kpRoot)) {
    const { uri: kUri, body: kBody, at: kAt } = await openSettled(join(kpRoot, 'templates', 'prometheus', 'prometheus.yaml'), 3000);
    liveKp = await renderDiag(kUri, kBody, kAt, nLive);
  }
  const rssLive = rss();
  // The other charts' workers are terminated once idle (not the most recently used: argo-cd's).
  {
    const pos = position(mainBody.text, liveAt);
    mainBody.text = mainBody.text.slice(0, liveAt) + '#\n' + mainBody.text.slice(liveAt);
    mainBody.version++;
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: mainUri, version: mainBody.version }, contentChanges: [{ range: { start: pos, end: pos }, text: '#\n' }] });
  }
  await new Promise((r) => setTimeout(r, 50000));
  const rssIdle = rss();
  // `helm template` of bitnami-harbor in the same run (median of 3), against the editor's warm
  // path (edit → render-backed diagnostics above, debounce and transfer included).
  const helmMs: number[] = [];
  if (existsSync(harborRoot)) {
    for (let i = 0; i < 3; i++) {
      const s = performance.now();
      spawnSync('helm4', ['template', harborRoot], { stdio: 'ignore' });
      helmMs.push(performance.now() - s);
    }
  }

  await c.conn.sendRequest('shutdown').catch(() => undefined);
  c.dispose();
  child?.kill();

  const f1 = (x: number): string => x.toFixed(1);
  const f2 = (x: number): string => x.toFixed(2);
  const md = [
    `# Language server benchmark (${chart})`,
    '',
    `Recorded by \`node --expose-gc --import tsx bench/lsp.ts\` on ${new Date().toISOString().slice(0, 10)}, node ${process.version}, load average ${loadavg()[0].toFixed(1)} (other work on the machine makes the tails noisy), through the real server (see below) with the node file system and default server timings (fast diagnostics debounce, render pass on its own later timer). ${opened.length} documents open.`,
    '',
    '| measure | value | target |',
    '| --- | --- | --- |',
    `| load: open → first diagnostics (loads the chart) | ${f1(loadMs)} ms | |`,
    `| completion p50 (${comp.length} requests, ${Math.round(items / comp.length)} items avg) | ${f2(pct(comp, 50))} ms | |`,
    `| completion p99 | ${f2(pct(comp, 99))} ms | < 5 ms |`,
    `| completion max | ${f2(Math.max(...comp))} ms | |`,
    `| hover p50 / p99 (same template points) | ${f2(pct(hov, 50))} / ${f2(pct(hov, 99))} ms | |`,
    `| values.yaml hover p50 / p99 (${valuesHov.length} top-level keys) | ${f2(pct(valuesHov, 50))} / ${f2(pct(valuesHov, 99))} ms | |`,
    `| values.yaml completion p50 / p99 (${valuesComp.length} points) | ${f2(pct(valuesComp, 50))} / ${f2(pct(valuesComp, 99))} ms | |`,
    `| edit → publishDiagnostics p50 (${edits.length} edits) | ${f1(pct(edits, 50))} ms | |`,
    `| edit → publishDiagnostics p95 | ${f1(pct(edits, 95))} ms | < 30 ms |`,
    `| edit → render-pass diagnostics p50 (5 edits, includes the render delay) | ${f1(pct(renders, 50))} ms | |`,
    `| server RSS after load | ${rssLoad.toFixed(0)} MB | < 150 MB |`,
    `| server RSS after the measures above | ${rssEnd.toFixed(0)} MB | |`,
    `| live: edit → render diagnostics p50 / p95 (${liveMain.length} edits making \`required\` fail, ${chart}) | ${f1(pct(liveMain, 50))} / ${f1(pct(liveMain, 95))} ms | p95 < 150 ms |`,
    ...(liveHarbor.length > 0 ? [`| live: edit → render diagnostics p50 / p95 (${liveHarbor.length} edits, bitnami-harbor) | ${f1(pct(liveHarbor, 50))} / ${f1(pct(liveHarbor, 95))} ms | |`] : []),
    ...(liveKp.length > 0 ? [`| live: edit → render diagnostics p50 / p95 (${liveKp.length} edits, bitnami-kube-prometheus) | ${f1(pct(liveKp, 50))} / ${f1(pct(liveKp, 95))} ms | p95 < 150 ms |`] : []),
    ...(helmMs.length > 0 && liveHarbor.length > 0 ? [`| bitnami-harbor: editor warm (edit → render diagnostics p50) vs \`helm template\` (median of 3, same run) | ${f1(pct(liveHarbor, 50))} ms vs ${f1(pct(helmMs, 50))} ms: ${(pct(helmMs, 50) / pct(liveHarbor, 50)).toFixed(1)}× | ≥ 10× |`] : []),
    `| live: edit → preview answer p50 / p95 (${previewsOne.length} edits, one template, ${chart}) | ${f1(pct(previewsOne, 50))} / ${f1(pct(previewsOne, 95))} ms | p95 < 150 ms |`,
    `| live: edit → preview answer p50 / p95 (${previews.length} edits, whole chart, ${chart}) | ${f1(pct(previews, 50))} / ${f1(pct(previews, 95))} ms | |`,
    ...(compBusy.length > 0 ? [`| live: completion while bitnami-harbor renders p50 / p99 / max (${compBusy.length} requests) | ${f2(pct(compBusy, 50))} / ${f2(pct(compBusy, 99))} / ${f2(Math.max(...compBusy))} ms | |`] : []),
    `| server RSS right after ${nMany} more edits of ${chart} / 25 s later (idle) | ${rssManyBusy.toFixed(0)} / ${rssMany.toFixed(0)} MB | < 150 MB, no growth |`,
    `| server RSS with ${chart}, bitnami-harbor and bitnami-kube-prometheus loaded (2 render workers at most) | ${rssLive.toFixed(0)} MB | |`,
    `| server RSS 50 s later (the idle workers of the other charts terminated; their models stay on the main thread) | ${rssIdle.toFixed(0)} MB | |`,
    ...(inProcess ? [`| heap after load / at the end (server + client; ${before.heapMB.toFixed(0)} MB before) | ${afterLoad.heapMB.toFixed(0)} / ${afterAll.heapMB.toFixed(0)} MB | |`] : []),
    '',
    inProcess
      ? 'In-process run: RSS counts the benchmark process (server, test client and the tsx loader).'
      : `The server is \`${Object.entries(serverEnv).map(([k, v]) => `${k}=${v} `).join('')}node ${serverFlags.join(' ')} bin/chartwright.js language-server --stdio\` (the VS Code client's node flags; ${existsSync(join(repo, 'server', 'out', 'cli.js')) ? 'the bundle from \`npm run build\` when it is newer than the sources, else the sources through tsx' : 'the sources through tsx'}); latencies are JSON-RPC round trips over its stdio; RSS from /proc.`,
    '',
  ].join('\n');
  mkdirSync(join(repo, 'bench', 'results'), { recursive: true });
  writeFileSync(join(repo, 'bench', 'results', 'lsp.md'), md);
  process.stdout.write(md);
}

void main();
