// Chart-level diagnostics for files that are not open: once the chart renders, its Chart.yaml and
// values.yaml get their diagnostics published (values hints here), `helm lint` findings about
// Chart.yaml after a save ("icon is recommended" is helm lint's INFO text, produced by lint/), and
// an edit since the save clears the lint findings at the next render.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { memoryHost } from '../../server/src/analysis/host';
import { inMemory } from './harness';

const R = '/ws/files';
const FILES: Record<string, string> = {
  [`${R}/Chart.yaml`]: 'apiVersion: v2\nname: files\nversion: 0.1.0\n',
  [`${R}/values.yaml`]: 'replicas: 1\nunusedKey: 2\n',
  [`${R}/templates/a.yaml`]: 'kind: ConfigMap\nreplicas: {{ .Values.replicas }}\n',
};
const uri = (p: string): string => pathToFileURL(p).href;

test('Chart.yaml and values.yaml diagnostics are published without opening them, lint ones after a save, cleared by an edit', async () => {
  // values-unused raised to a warning: as a hint (its default) it is not computed for a values.yaml
  // that is not open (editors show hints only in an open editor; see the next test).
  const c = await inMemory(memoryHost(FILES), { debounceMs: 1, renderDelayMs: 1 }, { diagnostics: { severity: { 'values-unused': 'warning' } } });
  try {
    const chart = uri(`${R}/Chart.yaml`);
    const values = uri(`${R}/values.yaml`);
    const doc = uri(`${R}/templates/a.yaml`);
    const hints = c.diags(values, (p) => p.diagnostics.some((d) => d.code === 'values-unused'));
    const clean = c.diags(chart, () => true);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: doc, languageId: 'helm', version: 1, text: FILES[`${R}/templates/a.yaml`] } });
    assert.deepEqual((await hints).diagnostics.map((d) => [d.range.start.line, d.message]), [[1, '.Values.unusedKey is not read by any template of chart files']]);
    assert.deepEqual((await clean).diagnostics, []);
    const linted = c.diags(chart, (p) => p.diagnostics.some((d) => d.code === 'chart-lint'));
    await c.conn.sendNotification('textDocument/didSave', { textDocument: { uri: doc } });
    const icon = (await linted).diagnostics.filter((d) => d.code === 'chart-lint').map((d) => d.message);
    assert.ok(icon.some((m) => m.includes('icon is recommended')), JSON.stringify(icon));
    const cleared = c.diags(chart, (p) => p.diagnostics.every((d) => d.code !== 'chart-lint'));
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc, version: 2 }, contentChanges: [{ text: 'kind: ConfigMap\nreplicas: {{ .Values.replicas }}\n# edited\n' }] });
    assert.deepEqual((await cleared).diagnostics, []);
    await c.conn.sendRequest('shutdown');
  } finally {
    c.dispose();
  }
});

test('an unopened values.yaml gets no values-unused hints (they show only in an open editor); opened, it does', async () => {
  const c = await inMemory(memoryHost(FILES));
  try {
    const values = uri(`${R}/values.yaml`);
    const doc = uri(`${R}/templates/a.yaml`);
    const first = c.diags(values, () => true);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: doc, languageId: 'helm', version: 1, text: FILES[`${R}/templates/a.yaml`] } });
    assert.deepEqual((await first).diagnostics.filter((d) => d.code === 'values-unused'), []);
    const opened = c.diags(values, (p) => p.diagnostics.some((d) => d.code === 'values-unused'));
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: values, languageId: 'yaml', version: 1, text: FILES[`${R}/values.yaml`] } });
    assert.deepEqual((await opened).diagnostics.filter((d) => d.code === 'values-unused').map((d) => d.message), ['.Values.unusedKey is not read by any template of chart files']);
    await c.conn.sendRequest('shutdown');
  } finally {
    c.dispose();
  }
});
