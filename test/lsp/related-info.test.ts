// Include stacks as relatedInformation (issue 16): a render error and a problem of the rendered
// YAML carry each call site as a clickable location; a YAML error caused by a wrong `nindent` is
// reported once, at the `include … | nindent` call that chose the width, with the define's line
// as related information, and its message names one line. No Helm text is asserted except the
// go-yaml reason, recorded from helm v4.1.4 and v3.17.3 (`helm template` of the same chart:
// "yaml: line 4: did not find expected key"; the offending output line is 4 there too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { memoryHost } from '../../server/src/analysis/host';
import { type TestClient, inMemory } from './harness';

const ROOT = '/ws/related';
const CHART = {
  [`${ROOT}/Chart.yaml`]: 'apiVersion: v2\nname: related\nversion: 0.1.0\n',
  [`${ROOT}/values.yaml`]: 'replicaCount: 1\n',
  [`${ROOT}/templates/_lbl.tpl`]: '{{- define "lbl" -}}\napp: x\nteam: y\n{{- end }}\n{{- define "dup" -}}\na: 1\na: 2\n{{- end }}\n{{- define "outer" -}}\n{{ include "inner" . }}\n{{- end }}\n{{- define "inner" -}}\n{{ fail "stop here" }}\n{{- end }}\n',
};

interface RelatedDiag {
  code?: string;
  message: string;
  range: { start: { line: number; character: number } };
  relatedInformation?: Array<{ location: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }; message: string }>;
}

const uri = (rel: string): string => pathToFileURL(`${ROOT}/${rel}`).href;

async function published(c: TestClient, rel: string, text: string, code: string): Promise<RelatedDiag[]> {
  const u = uri(rel);
  const got = c.diags(u, (p) => p.diagnostics.some((d) => d.code === code));
  await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'helm', version: 1, text } });
  return ((await got).diagnostics as RelatedDiag[]).filter((d) => d.code === code);
}

const at = (r: { location: { uri: string; range: { start: { line: number; character: number } } } }): string => `${r.location.uri.slice(uri('').length)}:${r.location.range.start.line + 1}:${r.location.range.start.character + 1}`;

test('a wrong nindent: one diagnostic at the include call, the define line as related information', async () => {
  const files = { ...CHART, [`${ROOT}/templates/cm.yaml`]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    {{- include "lbl" . | nindent 1 }}\n  name: z\n' };
  const c = await inMemory(memoryHost(files));
  try {
    const ds = await published(c, 'templates/cm.yaml', files[`${ROOT}/templates/cm.yaml`], 'rendered-yaml-invalid');
    assert.equal(ds.length, 1, JSON.stringify(ds));
    assert.deepEqual(ds[0].range.start, { line: 4, character: 4 });
    assert.equal(ds[0].message, 'rendered YAML of related/templates/cm.yaml does not parse at output line 5: yaml: did not find expected key');
    assert.deepEqual((ds[0].relatedInformation ?? []).map(at), ['templates/_lbl.tpl:2:1']);
    // The define itself is innocent: nothing published for it.
    const helpers = c.diags(uri('templates/_lbl.tpl'), () => true);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('templates/_lbl.tpl'), languageId: 'helm', version: 1, text: CHART[`${ROOT}/templates/_lbl.tpl`] } });
    const h = await helpers;
    assert.deepEqual(h.diagnostics.filter((d) => d.code?.startsWith('rendered-')), []);
  } finally {
    c.dispose();
  }
});

test('a duplicate key written by a define: reported in the define with the include call as related information', async () => {
  const text = 'a0: 1\n{{ include "dup" . }}\n';
  const c = await inMemory(memoryHost({ ...CHART, [`${ROOT}/templates/d.yaml`]: text }));
  try {
    const ds = await published(c, 'templates/d.yaml', text, 'rendered-duplicate-key');
    assert.equal(ds.length, 1, JSON.stringify(ds));
    assert.match(ds[0].message, /\(through this call\)$/);
    assert.deepEqual(ds[0].range.start, { line: 1, character: 0 });
    assert.deepEqual((ds[0].relatedInformation ?? []).map(at), ['templates/_lbl.tpl:7:1']);
    const helpers = c.diags(uri('templates/_lbl.tpl'), (p) => p.diagnostics.some((d) => d.code === 'rendered-duplicate-key'));
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('templates/_lbl.tpl'), languageId: 'helm', version: 1, text: CHART[`${ROOT}/templates/_lbl.tpl`] } });
    const inDefine = ((await helpers).diagnostics as RelatedDiag[]).filter((d) => d.code === 'rendered-duplicate-key');
    assert.deepEqual(inDefine.map((d) => d.range.start), [{ line: 6, character: 0 }]);
    assert.deepEqual((inDefine[0].relatedInformation ?? []).map(at), ['templates/d.yaml:2:1']);
  } finally {
    c.dispose();
  }
});

test('a render error through two includes: each call site is related information', async () => {
  const text = 'x: {{ include "outer" . }}\n';
  const c = await inMemory(memoryHost({ ...CHART, [`${ROOT}/templates/e.yaml`]: text }));
  try {
    const ds = await published(c, 'templates/e.yaml', text, 'template-fail');
    assert.equal(ds.length, 1, JSON.stringify(ds));
    const rel = (ds[0].relatedInformation ?? []).map(at);
    // The include in e.yaml, the include in "outer", the fail in "inner" (at the function names).
    assert.deepEqual(rel, ['templates/e.yaml:1:7', 'templates/_lbl.tpl:10:4', 'templates/_lbl.tpl:13:4']);
  } finally {
    c.dispose();
  }
});
