// The language server over in-memory streams (vscode-jsonrpc client ↔ startServer), plus a
// process test spawning the stdio server against a real corpus chart (skipped when absent).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import { memoryHost } from '../../server/src/analysis/host';
import { startServer } from '../../server/src/lsp/server';
import { BASE_FILES, ROOT } from '../analysis/fixture';

interface PublishParams {
  uri: string;
  version?: number;
  diagnostics: Array<{ code?: string; message: string; range: { start: { line: number; character: number } } }>;
}

function client(reader: NodeJS.ReadableStream, writer: NodeJS.WritableStream): { conn: MessageConnection; diags: (uri: string, pred: (p: PublishParams) => boolean) => Promise<PublishParams> } {
  const conn = createMessageConnection(new StreamMessageReader(reader), new StreamMessageWriter(writer));
  const waiters: Array<{ uri: string; pred: (p: PublishParams) => boolean; resolve: (p: PublishParams) => void }> = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishParams) => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].uri === p.uri && waiters[i].pred(p)) waiters.splice(i, 1)[0].resolve(p);
    }
  });
  conn.onRequest('workspace/configuration', () => [{}]);
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  return {
    conn,
    diags: (uri, pred) => new Promise((resolve) => waiters.push({ uri, pred, resolve })),
  };
}

function uri(rel: string): string {
  return pathToFileURL(`${ROOT}/${rel}`).href;
}

test('LSP over in-memory streams: initialize, completion, hover, definition, diagnostics', async () => {
  const up = new PassThrough();
  const down = new PassThrough();
  const server = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
  startServer(server, memoryHost({ ...BASE_FILES }), { debounceMs: 1, renderDelayMs: 1 });
  const { conn, diags } = client(down, up);
  const init = (await conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} })) as { capabilities: { completionProvider?: unknown; hoverProvider?: boolean } };
  assert.ok(init.capabilities.completionProvider);
  assert.equal(init.capabilities.hoverProvider, true);
  await conn.sendNotification('initialized', {});

  const doc = uri('templates/cm.yaml');
  const text = 'image: {{ .Values.image.tag }}\nname: {{ include "mychart.name" . }}\n';
  const first = diags(doc, () => true);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: doc, languageId: 'helm', version: 1, text } });
  assert.deepEqual((await first).diagnostics, []);

  const items = (await conn.sendRequest('textDocument/completion', { textDocument: { uri: doc }, position: { line: 0, character: 24 } })) as Array<{ label: string }>;
  assert.deepEqual(items.map((i) => i.label).sort(), ['repository', 'tag']);

  const h = (await conn.sendRequest('textDocument/hover', { textDocument: { uri: doc }, position: { line: 0, character: 26 } })) as { contents: { value: string } };
  assert.match(h.contents.value, /1\.25/);

  const defs = (await conn.sendRequest('textDocument/definition', { textDocument: { uri: doc }, position: { line: 1, character: 22 } })) as Array<{ uri: string; range: { start: { line: number } } }>;
  assert.equal(defs[0].uri, uri('templates/_helpers.tpl'));
  assert.equal(defs[0].range.start.line, 0);

  const syms = (await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: uri('templates/_helpers.tpl') } })) as Array<{ name: string }>;
  assert.deepEqual(syms.map((s) => s.name), ['mychart.name', 'mychart.labels']);

  // A broken edit: parse error published against version 2.
  const broken = diags(doc, (p) => p.version === 2 && p.diagnostics.length > 0);
  await conn.sendNotification('textDocument/didChange', {
    textDocument: { uri: doc, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 28 }, end: { line: 0, character: 30 } }, text: ' | nosuch }}' }],
  });
  const p = await broken;
  assert.equal(p.diagnostics[0].code, 'undefined-function');
  assert.equal(p.diagnostics[0].range.start.line, 0);

  // Bad requests never crash the server.
  const none = await conn.sendRequest('textDocument/hover', { textDocument: { uri: 'untitled:x' }, position: { line: 99, character: 99 } });
  assert.equal(none, null);
  await conn.sendRequest('shutdown');
  conn.dispose();
  server.dispose();
});

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/charts/ingress-nginx');

test('`chartwright language-server --stdio` process against a corpus chart', { skip: fs.existsSync(CORPUS) ? false : `corpus chart missing: ${CORPUS}` }, async () => {
  const repo = path.resolve(__dirname, '../..');
  // The CLI as users start it (bundle when current, else the sources through tsx).
  const child = spawn(process.execPath, [path.join(repo, 'bin/chartwright.js'), 'language-server', '--stdio'], { cwd: repo, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  try {
    const { conn, diags } = client(child.stdout, child.stdin);
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(CORPUS).href, capabilities: {} });
    await conn.sendNotification('initialized', {});
    const file = path.join(CORPUS, 'templates', 'zz-chartwright-test.yaml');
    const docUri = pathToFileURL(file).href;
    const text = 'a: {{ .Values.controller. }}\nb: {{ .Values.controller.nosuchkey }}\nc: {{ .Files. }}\nd: {{ if .Values.nosuch }}{{ .Values.nosuch.x }}{{ end }}\n';
    // values-missing waits for the chart's first render (so its view of what ran applies).
    const published = diags(docUri, (p) => p.diagnostics.some((d) => d.code === 'values-missing'));
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: docUri, languageId: 'helm', version: 1, text } });
    const items = (await conn.sendRequest('textDocument/completion', { textDocument: { uri: docUri }, position: { line: 0, character: 25 } })) as Array<{ label: string }>;
    assert.ok(items.some((i) => i.label === 'image'), `completions: ${items.map((i) => i.label).slice(0, 20).join(',')}`);
    const files = (await conn.sendRequest('textDocument/completion', { textDocument: { uri: docUri }, position: { line: 2, character: 13 } })) as Array<{ label: string; detail?: string }>;
    assert.equal(files.find((i) => i.label === 'Glob')?.detail, 'Glob(pattern string) files');
    const p = await published;
    const codes = p.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('parse-error'), JSON.stringify(p.diagnostics));
    // Only the unguarded read on line 1 is missing (line 3 is guarded by its `if`).
    assert.deepEqual(p.diagnostics.filter((d) => d.code === 'values-missing').map((d) => d.range.start.line), [1], JSON.stringify(p.diagnostics));
    // The half-typed test document would fail the render: close it first.
    await conn.sendNotification('textDocument/didClose', { textDocument: { uri: docUri } });
    const r = (await conn.sendRequest('chartwright/render', { uri: pathToFileURL(path.join(CORPUS, 'templates', 'controller-service.yaml')).href })) as { text: string; error?: string; lineMap: { lines: unknown[] } };
    assert.equal(r.error, undefined);
    assert.match(r.text, /^---\n# Source: ingress-nginx\/templates\/controller-service\.yaml\n/);
    assert.ok(r.lineMap.lines.some((x) => x !== null));
    await conn.sendRequest('shutdown');
    conn.dispose();
  } finally {
    child.kill();
    if (stderr.includes('uncaught')) assert.fail(stderr);
  }
});
