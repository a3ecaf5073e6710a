// The live render path over the LSP protocol: renders run in worker threads (memory hosts are
// rebuilt there from their spec), are cancelled by newer edits (a cancelled or superseded
// render's diagnostics are never published), a worker that dies leaves the server answering,
// deep include recursion ends in Helm's error text (the worker's big stack), and requests
// never wait for a render. Helm's text is recorded in fixtures/live/include-loop.helm4.txt
// (see fixtures/live/README.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { memoryHost } from '../../server/src/analysis/host';
import type { RenderEvent, ServerOptions } from '../../server/src/lsp/server';
import { type PublishParams, inMemory } from './harness';

const uri = (p: string): string => pathToFileURL(p).href;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const L = '/ws/r';
const LOOP: Record<string, string> = {
  [`${L}/Chart.yaml`]: 'apiVersion: v2\nname: r\nversion: 0.1.0\n',
  [`${L}/values.yaml`]: '{}\n',
  [`${L}/templates/_helpers.tpl`]: '{{- define "r.loop" -}}{{ include "r.loop" . }}{{- end -}}\n',
  [`${L}/templates/a.yaml`]: 'kind: A\nx: {{ include "r.loop" . }}\n',
};

const S = '/ws/slow';
/** SLOW_LOOP runs 16M range iterations: seconds of work, cancellable at every iteration. */
const SLOW_LOOP = '{{- range until 4000 }}{{ range until 4000 }}{{ end }}{{ end }}';
const SLOW: Record<string, string> = {
  [`${S}/Chart.yaml`]: 'apiVersion: v2\nname: slow\nversion: 0.1.0\n',
  [`${S}/values.yaml`]: 'image:\n  tag: "1"\n',
  [`${S}/templates/a.yaml`]: `kind: A\n${SLOW_LOOP}\nx: {{ required "A is required" .Values.a }}\n`,
  [`${S}/templates/b.yaml`]: 'kind: B\ntag: {{ .Values.image.tag }}\n',
};

/** recording starts a server that records every render event and every publication. */
async function recording(files: Record<string, string>, extra: Partial<ServerOptions> = {}) {
  const events: RenderEvent[] = [];
  const published: PublishParams[] = [];
  const c = await inMemory(memoryHost(files), { debounceMs: 1, renderDelayMs: 1, onRender: (e) => events.push(e), ...extra });
  // A waiter that never matches sees every publication of the document.
  const open = (p: string, text = files[p], version = 1): void => {
    void c.diags(uri(p), (x) => {
      published.push(x);
      return false;
    });
    void c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(p), languageId: 'helm', version, text } });
  };
  const change = (p: string, text: string, version: number): void =>
    void c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri(p), version }, contentChanges: [{ text }] });
  const close = async (): Promise<void> => {
    await c.conn.sendRequest('shutdown');
    c.dispose();
  };
  return { c, events, published, open, change, close };
}

test('deep include recursion in the editor gives Helm\'s error text (the worker has the CLI\'s stack)', async () => {
  const helm = fs.readFileSync(path.join(__dirname, 'fixtures/live/include-loop.helm4.txt'), 'utf8');
  // `helm template` prints "Error: <message>" and a hint after a blank line.
  const expected = helm.replace(/^Error: /, '').replace(/\n\nUse --debug flag to render out invalid YAML\n$/, '');
  const r = await recording(LOOP);
  try {
    const got = r.c.diags(uri(`${L}/templates/a.yaml`), (p) => p.diagnostics.some((d) => d.code === 'render-error'));
    r.open(`${L}/templates/a.yaml`);
    const p = await got;
    const d = p.diagnostics.find((x) => x.code === 'render-error');
    assert.equal(d?.message, expected);
    assert.deepEqual(d?.range.start, { line: 1, character: 6 });
  } finally {
    await r.close();
  }
});

test('a render superseded by a newer edit is cancelled and its diagnostics are never published', async () => {
  const r = await recording(SLOW);
  const a = `${S}/templates/a.yaml`;
  try {
    const fast = r.c.diags(uri(a), (p) => p.version === 1);
    r.open(a);
    await fast;
    await sleep(50);
    const final = r.c.diags(uri(a), (p) => p.diagnostics.some((d) => /B is required/.test(d.message)));
    r.change(a, 'kind: A\nx: {{ required "B is required" .Values.b }}\n', 2);
    const p = await final;
    assert.equal(p.version, 2);
    assert.ok(r.events.some((e) => e.kind === 'cancelled'), `a cancelled render: ${JSON.stringify(r.events)}`);
    assert.ok(!r.published.some((x) => x.diagnostics.some((d) => /A is required/.test(d.message))), 'the superseded render published nothing');
  } finally {
    await r.close();
  }
});

test('completion answers while a slow render runs', async () => {
  const r = await recording(SLOW);
  const a = `${S}/templates/a.yaml`;
  const b = `${S}/templates/b.yaml`;
  try {
    const fast = r.c.diags(uri(a), (p) => p.version === 1);
    r.open(a);
    r.open(b, 'kind: B\ntag: {{ .Values.image. }}\n');
    await fast;
    await sleep(100);
    const t0 = Date.now();
    const res = (await r.c.conn.sendRequest('textDocument/completion', { textDocument: { uri: uri(b) }, position: { line: 1, character: 22 } })) as { items: Array<{ label: string }> } | Array<{ label: string }>;
    const ms = Date.now() - t0;
    const items = Array.isArray(res) ? res : res.items;
    assert.ok(items.some((i) => i.label === 'tag'), JSON.stringify(items.map((i) => i.label)));
    // The render of the chart had not finished when completion answered.
    assert.ok(!r.events.some((e) => e.kind === 'rendered'), `no render finished yet (${JSON.stringify(r.events)})`);
    assert.ok(ms < 5000, `completion took ${ms} ms`);
  } finally {
    await r.close();
  }
});

test('a render worker that dies (out of memory) leaves the server answering; the next edit renders again', async () => {
  const r = await recording(SLOW, { workerResourceLimits: { maxOldGenerationSizeMb: 96 } });
  const a = `${S}/templates/a.yaml`;
  try {
    r.open(a, 'kind: A\n{{ $l := list }}{{ range until 16000000 }}{{ $l = append $l (list . . . .) }}{{ end }}\n');
    // Wait for the worker to fail.
    for (let i = 0; i < 600 && !r.events.some((e) => e.kind === 'failed'); i++) await sleep(100);
    assert.ok(r.events.some((e) => e.kind === 'failed'), `the render failed: ${JSON.stringify(r.events)}`);
    const res = (await r.c.conn.sendRequest('textDocument/completion', { textDocument: { uri: uri(a) }, position: { line: 0, character: 0 } })) as unknown;
    assert.ok(res !== null);
    const final = r.c.diags(uri(a), (p) => p.diagnostics.some((d) => /C is required/.test(d.message)));
    r.change(a, 'kind: A\nx: {{ required "C is required" .Values.c }}\n', 2);
    await final;
  } finally {
    await r.close();
  }
});

test('an unsaved parse error in one template does not hide the render diagnostics of the others', async () => {
  const files: Record<string, string> = {
    [`${S}/Chart.yaml`]: 'apiVersion: v2\nname: slow\nversion: 0.1.0\n',
    [`${S}/values.yaml`]: '{}\n',
    [`${S}/templates/deploy.yaml`]: 'kind: D\nx: {{ required "x is required" .Values.x }}\n',
    [`${S}/templates/scratch.yaml`]: 'kind: S\n',
  };
  const r = await recording(files);
  try {
    const scratch = `${S}/templates/scratch.yaml`;
    const deploy = `${S}/templates/deploy.yaml`;
    r.open(scratch);
    const parseErr = r.c.diags(uri(scratch), (p) => p.version === 2 && p.diagnostics.some((d) => d.code === 'parse-error'));
    r.change(scratch, 'kind: S\n{{ .Values.}}\n', 2);
    await parseErr;
    const req = r.c.diags(uri(deploy), (p) => p.diagnostics.some((d) => d.code === 'template-fail'));
    r.open(deploy);
    const p = await req;
    assert.equal(p.diagnostics.find((d) => d.code === 'template-fail')?.message, 'required: x is required');
    // The preview of deploy.yaml shows its own failure, not the other file's parse error.
    const prev = (await r.c.conn.sendRequest('chartwright/render', { uri: uri(deploy) })) as { error?: string };
    assert.match(prev.error ?? '', /x is required/);
  } finally {
    await r.close();
  }
});
