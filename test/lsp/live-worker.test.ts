// The live render path's sharing and bounds (issue 12): the preview and the dry run answer from
// the worker's live render when it is what `helm template` renders (no second render of the
// chart; a values schema takes the command's own path), idle workers of other charts are
// terminated, and the caches of the main thread and of the worker stay bounded over many edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { memoryHost } from '../../server/src/analysis/host';
import { inMemory } from './harness';

const uri = (p: string): string => pathToFileURL(p).href;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** chart builds a small deterministic chart at `root` (extra files merged in). */
function chart(root: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    [`${root}/Chart.yaml`]: `apiVersion: v2\nname: ${root.split('/').pop()}\nversion: 0.1.0\n`,
    [`${root}/values.yaml`]: 'replicas: 2\nname: web\n',
    [`${root}/templates/_helpers.tpl`]: '{{- define "lbl" -}}app: {{ .Values.name }}{{- end -}}\n',
    [`${root}/templates/deploy.yaml`]: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n    {{- include "lbl" . | nindent 4 }}\nspec:\n  replicas: {{ .Values.replicas }}\n',
    [`${root}/templates/cm.yaml`]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  x: "1"\n',
    ...extra,
  };
}

/** A values schema that accepts everything: the preview must take the command's path (the live release skips schemas). */
const SCHEMA = '{"$schema": "https://json-schema.org/draft-07/schema#", "type": "object"}\n';

const CASES: ReadonlyArray<{ name: string; extra: Record<string, string>; previewRenders: boolean }> = [
  { name: 'no schema: the live render is reused', extra: {}, previewRenders: false },
  { name: 'a values schema: the command renders', extra: { '/ws/p/values.schema.json': SCHEMA }, previewRenders: true },
];

for (const tc of CASES) {
  test(`preview and dry run: ${tc.name}`, async () => {
    const files = chart('/ws/p', tc.extra);
    const c = await inMemory(memoryHost(files), { debounceMs: 1, renderDelayMs: 1 });
    try {
      const d = '/ws/p/templates/deploy.yaml';
      const text = files[d].replace('replicas: {{ .Values.replicas }}', 'replicas: {{ required "need r" .Values.nope }}');
      const failing = c.diags(uri(d), (p) => p.diagnostics.some((x) => x.code === 'template-fail'));
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(d), languageId: 'helm', version: 1, text: files[d] } });
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri(d), version: 2 }, contentChanges: [{ text }] });
      await failing;
      // Fix it again and ask for the preview right away (before the live render was asked for).
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri(d), version: 3 }, contentChanges: [{ text: files[d].replace('replicas: {{', 'replicas: {{ add 1 ') }] });
      const one = (await c.conn.sendRequest('chartwright/render', { uri: uri(d) })) as { text: string; error?: string; lineMap: { lines: unknown[] } };
      assert.equal(one.error, undefined);
      assert.match(one.text, /^---\n# Source: p\/templates\/deploy.yaml\n[\s\S]*replicas: 3\n$/);
      const dry = (await c.conn.sendRequest('chartwright/dryRun', { uri: uri(d) })) as { text: string; error?: string };
      assert.equal(dry.error, undefined);
      assert.match(dry.text, /STATUS: pending-install[\s\S]*replicas: 3\n/);
      const stats = [...(await c.live.renders.stats()).values()];
      assert.equal(stats.length, 1);
      assert.equal(stats[0].caches.previewIncremental > 0, tc.previewRenders, JSON.stringify(stats[0].caches));
    } finally {
      c.dispose();
    }
  });
}

test('a worker idle for idleWorkerMs is terminated unless it is the most recently used; the chart renders again later', async () => {
  const files = { ...chart('/ws/a'), ...chart('/ws/b') };
  const c = await inMemory(memoryHost(files), { debounceMs: 1, renderDelayMs: 1, idleWorkerMs: 200 });
  try {
    const a = '/ws/a/templates/deploy.yaml';
    const b = '/ws/b/templates/deploy.yaml';
    const broken = (p: string, msg: string, version: number): Promise<unknown> => {
      const got = c.diags(uri(p), (x) => x.diagnostics.some((d) => d.message.includes(msg)));
      const text = files[p].replace('{{ .Values.replicas }}', `{{ required "${msg}" .Values.nope }}`);
      void c.conn.sendNotification(version === 1 ? 'textDocument/didOpen' : 'textDocument/didChange', version === 1 ? { textDocument: { uri: uri(p), languageId: 'helm', version, text } } : { textDocument: { uri: uri(p), version }, contentChanges: [{ text }] });
      return got;
    };
    await broken(a, 'a1', 1);
    await broken(b, 'b1', 1);
    for (let i = 0; i < 100 && c.live.renders.workerCount() > 1; i++) await sleep(50);
    assert.equal(c.live.renders.workerCount(), 1);
    assert.deepEqual([...(await c.live.renders.stats()).keys()], ['/ws/b']);
    // A's next edit starts a fresh worker.
    await broken(a, 'a2', 2);
  } finally {
    c.dispose();
  }
});

test('caches stay bounded over many edits (main thread and worker)', async () => {
  const files = chart('/ws/m');
  const c = await inMemory(memoryHost(files), { debounceMs: 1, renderDelayMs: 1 });
  try {
    const d = '/ws/m/templates/deploy.yaml';
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(d), languageId: 'helm', version: 1, text: files[d] } });
    let text = files[d];
    for (let v = 2; v <= 300; v++) {
      text = text.replace(/\n# edit \d+\n|$/, `\n# edit ${v}\n`);
      const got = c.diags(uri(d), (p) => p.version === v);
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri(d), version: v }, contentChanges: [{ text }] });
      await got;
    }
    const last = c.diags(uri(d), (p) => p.diagnostics.some((x) => x.message.includes('done')));
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri(d), version: 301 }, contentChanges: [{ text: text + 'x: {{ required "done" .Values.nope }}\n' }] });
    await last;
    const worker = [...(await c.live.renders.stats()).values()][0];
    const main = c.live.ws.caches;
    // One chart: one model and one render memo per thread; per-file caches hold the chart's files.
    assert.deepEqual([main.models.size, main.renders.size], [1, 1]);
    assert.ok(main.parses.size <= 3, `main parses ${main.parses.size}`);
    assert.equal(worker.caches.models, 1);
    assert.equal(worker.caches.renders, 1);
    assert.ok(worker.caches.incrementalEntries <= 3, JSON.stringify(worker.caches));
  } finally {
    c.dispose();
  }
});

test('a render that throws (a host whose clock fails) leaves the server answering; the next edit renders', async () => {
  const files = chart('/ws/t');
  const base = memoryHost(files);
  let broken = true;
  // No spec: the render runs through the inline channel with this host's runtime.
  const host = {
    ...base,
    spec: undefined,
    runtime: {
      ...base.runtime,
      now: (): Date => {
        if (broken) throw new Error('clock failed');
        return base.runtime.now();
      },
    },
  };
  const events: string[] = [];
  const c = await inMemory(host, { debounceMs: 1, renderDelayMs: 1, onRender: (e) => events.push(e.kind) });
  try {
    const d = '/ws/t/templates/deploy.yaml';
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(d), languageId: 'helm', version: 1, text: files[d] + 'at: {{ now | date "2006" }}\n' } });
    for (let i = 0; i < 100 && events.length === 0; i++) await sleep(50);
    assert.ok(events.length > 0, 'the render finished');
    const snap = c.live.ws.snapshot();
    assert.match(snap.lastRender(snap.model('/ws/t'))?.error?.message ?? '', /clock failed/);
    const items = (await c.conn.sendRequest('textDocument/completion', { textDocument: { uri: uri(d) }, position: { line: 7, character: 23 } })) as { items: Array<{ label: string }> };
    assert.ok(items.items.some((i) => i.label === 'replicas'), JSON.stringify(items.items.map((i) => i.label)));
    broken = false;
    const req = c.diags(uri(d), (p) => p.diagnostics.some((x) => x.message.includes('after')));
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri(d), version: 2 }, contentChanges: [{ text: files[d] + 'x: {{ required "after" .Values.nope }}\n' }] });
    await req;
  } finally {
    c.dispose();
  }
});
