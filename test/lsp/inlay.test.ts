// Inlay hints with values over the LSP protocol on real corpus charts: after `{{ .Values.x }}`
// the text the last render printed there, in a define the first call's value with the number of
// evaluations, nothing before the chart has rendered, and nothing when
// `chartwright.inlayHints.values` is off. Skipped when ../shared/corpus is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeHost } from '../../server/src/lsp/nodeHost';
import type { RenderEvent } from '../../server/src/lsp/server';
import { inMemory } from './harness';

const CHARTS = path.resolve(__dirname, '../../../shared/corpus/charts');
const skip = fs.existsSync(CHARTS) ? false : `corpus missing: ${CHARTS}`;

interface Hint {
  position: { line: number; character: number };
  label: string;
  tooltip?: string;
}

/** hintsOf opens a corpus template, waits for its chart's render and returns the hints asked for by `ask`. */
async function withRendered(file: string, ask: (q: () => Promise<Hint[]>, configure: (s: unknown) => Promise<void>) => Promise<void>): Promise<void> {
  let done: (e: RenderEvent) => void = () => undefined;
  const rendered = new Promise<RenderEvent>((r) => (done = r));
  const c = await inMemory(nodeHost(), { debounceMs: 1, renderDelayMs: 1, onRender: (e) => e.published && done(e) });
  try {
    const p = path.join(CHARTS, file);
    const text = fs.readFileSync(p, 'utf8');
    const uri = pathToFileURL(p).href;
    const lines = text.split('\n').length;
    const q = async (): Promise<Hint[]> => (await c.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } } })) as Hint[];
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'helm', version: 1, text } });
    await rendered;
    await ask(q, async (s) => {
      await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { chartwright: s } });
    });
    await c.conn.sendRequest('shutdown');
  } finally {
    c.dispose();
  }
}

test('values inlay hints after .Values reads in a corpus template, and the setting turns them off', { skip }, async () => {
  await withRendered('bitnami-kube-prometheus/templates/prometheus/prometheus.yaml', async (q, configure) => {
    const hints = await q();
    const at = (line: number): string | undefined => hints.find((h) => h.position.line === line)?.label;
    // Line 17: `replicas: {{ .Values.prometheus.replicaCount }}` (values.yaml: replicaCount: 1).
    assert.equal(at(16), '= 1');
    assert.equal(at(53), '= IfNotPresent');
    assert.match(hints[0].tooltip ?? '', /^Printed in the last render:\n/);
    await configure({ inlayHints: { values: false } });
    assert.deepEqual(await q(), []);
    await configure({ inlayHints: { values: true } });
    assert.equal((await q()).find((h) => h.position.line === 16)?.label, '= 1');
  });
});

test('in a define: the first call site\'s value with the number of evaluations (bitnami-redis helpers)', { skip }, async () => {
  await withRendered('bitnami-redis/templates/_helpers.tpl', async (q) => {
    const hints = await q();
    // Line 136: `{{ default (printf "%s-master" …) .Values.master.serviceAccount.name }}`, included twice.
    assert.equal(hints.find((h) => h.position.line === 135)?.label, '= release-name-redis-master (×2)');
  });
});
