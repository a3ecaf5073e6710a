// chartwright/render, chartwright/dryRun, completionItem/resolve and the new diagnostics over the
// LSP protocol (in-memory streams). The rendered texts are recorded from helm v4.1.4 into
// fixtures/rqchart.helm4.json with the chart below written to disk:
//   helm template rel rqchart -n team; helm template rel rqchart -n team -s templates/cm.yaml;
//   helm install rel rqchart -n team --dry-run=client   (LAST DEPLOYED line removed)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { memoryHost } from '../../server/src/analysis/host';
import { lineSourceAt } from '../../server/src/lsp/lineMap';
import type { DryRunResult, RenderResult } from '../../server/src/lsp/protocol';
import { BASE_FILES, ROOT, withCursor } from '../analysis/fixture';
import { inMemory } from './harness';

const R = '/ws/rqchart';
const RQ: Record<string, string> = {
  [`${R}/Chart.yaml`]: 'apiVersion: v2\nname: rqchart\nversion: 0.1.0\n',
  [`${R}/values.yaml`]: 'replicas: two\nname: web\n',
  [`${R}/templates/cm.yaml`]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  ns: {{ .Release.Namespace }}\n  install: {{ .Release.IsInstall | quote }}\n',
  [`${R}/templates/deploy.yaml`]:
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.name }}\nspec:\n  replicas: {{ .Values.replicas }}\n  selector:\n    matchLabels:\n      app: {{ .Values.name }}\n  template:\n    metadata:\n      labels:\n        app: {{ .Values.name }}\n    spec:\n      containers:\n        - name: {{ .Values.name }}\n          image: nginx\n',
  [`${R}/templates/test-pod.yaml`]: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-test\n  annotations:\n    "helm.sh/hook": test\nspec:\n  containers:\n    - name: t\n      image: busybox\n',
  [`${R}/templates/NOTES.txt`]: 'Installed {{ .Release.Name }} in {{ .Release.Namespace }}.\n',
};

const HELM = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/rqchart.helm4.json'), 'utf8')) as { template: string; showOnly: string; install: string };
const SETTINGS = { releaseName: 'rel', namespace: 'team' };
const uri = (p: string): string => pathToFileURL(p).href;

/** itemsOf reads a completion answer (the harness announces itemDefaults support: a CompletionList). */
function itemsOf(r: unknown): Array<{ label: string; detail?: string; documentation?: unknown; data?: unknown; textEdit?: unknown }> {
  if (Array.isArray(r)) return r as Array<{ label: string }>;
  const list = r as { items: Array<{ label: string }>; itemDefaults?: { editRange?: unknown } };
  assert.ok(list.itemDefaults?.editRange !== undefined, 'itemDefaults.editRange');
  return list.items;
}

test('chartwright/render: helm template output with a line map into the templates', async () => {
  const c = await inMemory(memoryHost(RQ), undefined, SETTINGS);
  try {
    const chart = (await c.conn.sendRequest('chartwright/render', { uri: uri(`${R}/values.yaml`) })) as RenderResult;
    assert.equal(chart.error, undefined);
    assert.equal(chart.text, HELM.template);
    const lines = chart.text.split('\n');
    const i = lines.indexOf('  replicas: two');
    const at = lineSourceAt(chart.lineMap, i);
    assert.deepEqual([at?.uri, at?.line], [uri(`${R}/templates/deploy.yaml`), 5]);
    assert.equal(lineSourceAt(chart.lineMap, lines.indexOf('---')), null);
    // One template: like --show-only.
    const one = (await c.conn.sendRequest('chartwright/render', { uri: uri(`${R}/templates/cm.yaml`) })) as RenderResult;
    assert.equal(one.text, HELM.showOnly);
    // Unsaved text sent with the request is rendered.
    const edited = (await c.conn.sendRequest('chartwright/render', { uri: uri(`${R}/templates/cm.yaml`), text: RQ[`${R}/templates/cm.yaml`].replace('-cm', '-edited') })) as RenderResult;
    assert.match(edited.text, /name: rel-edited/);
    // A render failure is Helm's text.
    const bad = (await c.conn.sendRequest('chartwright/render', { uri: uri(`${R}/templates/cm.yaml`), text: '{{ fail "nope" }}' })) as RenderResult;
    assert.match(bad.error ?? '', /execution error at \(rqchart\/templates\/cm\.yaml:1:3\): nope/);
  } finally {
    c.dispose();
  }
});

test('chartwright/dryRun: helm install --dry-run=client output, hooks and NOTES, schema problems mapped to templates', async () => {
  const c = await inMemory(memoryHost(RQ), undefined, SETTINGS);
  try {
    const r = (await c.conn.sendRequest('chartwright/dryRun', { uri: uri(`${R}/templates/cm.yaml`) })) as DryRunResult;
    assert.equal(r.error, undefined);
    const lines = r.text.split('\n');
    // The fixed test clock; helm prints the real time there.
    assert.equal(lines[1], 'LAST DEPLOYED: Thu Jan  1 00:00:00 1970');
    assert.equal(lines.filter((_, i) => i !== 1).join('\n'), HELM.install);
    const p = r.problems ?? [];
    assert.equal(p.length, 1, JSON.stringify(p));
    assert.equal(p[0].message, 'Deployment web: spec.replicas: Invalid type: expected integer, got string');
    assert.equal(lines[p[0].line], '  replicas: two');
    assert.deepEqual([p[0].source?.uri, p[0].source?.line], [uri(`${R}/templates/deploy.yaml`), 5]);
  } finally {
    c.dispose();
  }
});

test('completionItem/resolve fills documentation lazily', async () => {
  const c = await inMemory(memoryHost({ ...BASE_FILES }));
  try {
    const doc = uri(`${ROOT}/templates/r.yaml`);
    const { text, offset } = withCursor('{{ .Files.G$0 }}{{ toY }}{{ .Values.ima }}');
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: doc, languageId: 'helm', version: 1, text } });
    const m = itemsOf(await c.conn.sendRequest('textDocument/completion', { textDocument: { uri: doc }, position: { line: 0, character: offset } }));
    assert.deepEqual(m.map((x) => x.label).sort(), ['Get', 'GetBytes', 'Glob']);
    assert.equal(m.find((x) => x.label === 'Get')?.detail, 'Get(name string) string');
    const f = itemsOf(await c.conn.sendRequest('textDocument/completion', { textDocument: { uri: doc }, position: { line: 0, character: text.indexOf('toY') + 3 } }));
    const toYaml = f.find((x) => x.label === 'toYaml');
    assert.ok(toYaml !== undefined && toYaml.documentation === undefined && toYaml.data !== undefined);
    const resolved = (await c.conn.sendRequest('completionItem/resolve', toYaml)) as { documentation?: { value: string } };
    assert.match(resolved.documentation?.value ?? '', /toYaml/);
    const v = itemsOf(await c.conn.sendRequest('textDocument/completion', { textDocument: { uri: doc }, position: { line: 0, character: text.indexOf('.ima') + 4 } }));
    const image = v.find((x) => x.label === 'image');
    const rv = (await c.conn.sendRequest('completionItem/resolve', image)) as { documentation?: { value: string } };
    assert.match(rv.documentation?.value ?? '', /repository: "nginx"[\s\S]*values\.yaml of chart mychart/);
  } finally {
    c.dispose();
  }
});

test('diagnostics over LSP: guards, template-fail, rendered YAML at the include, values hints, lint on save', async () => {
  const files = { ...BASE_FILES, [`${ROOT}/templates/_lbl.tpl`]: '{{- define "lbl" -}}\napp: x\nteam: y\n{{- end }}' };
  const c = await inMemory(memoryHost(files));
  try {
    const doc = uri(`${ROOT}/templates/d.yaml`);
    const text = 'a: {{ .Values.nope | default 1 }}\nb: {{ .Values.missing }}\nmetadata:\n  labels:\n    {{- include "lbl" . | nindent 1 }}\n  name: z\nc: {{ required "c is required" .Values.c }}\n';
    const got = c.diags(doc, (p) => p.diagnostics.some((d) => d.code === 'template-fail'));
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: doc, languageId: 'helm', version: 1, text } });
    const p = await got;
    const byCode = (code: string): Array<{ line: number; character: number }> => p.diagnostics.filter((d) => d.code === code).map((d) => d.range.start);
    assert.deepEqual(byCode('values-missing'), [{ line: 1, character: 14 }]);
    assert.deepEqual(byCode('template-fail'), [{ line: 6, character: 6 }]);
    // Rendering stops at `required`: fix it and the YAML problem from the include shows up.
    const yaml = c.diags(doc, (x) => x.version === 2 && x.diagnostics.some((d) => d.code === 'rendered-yaml-invalid'));
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc, version: 2 }, contentChanges: [{ text: text.replace('.Values.c', '.Values.replicaCount') }] });
    const y = (await yaml).diagnostics.find((d) => d.code === 'rendered-yaml-invalid');
    assert.equal(y?.range.start.line, 4);
    // values.yaml: unused keys are hints (severity 4).
    const vuri = uri(`${ROOT}/values.yaml`);
    const hints = c.diags(vuri, (x) => x.diagnostics.some((d) => d.code === 'values-unused'));
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: vuri, languageId: 'yaml', version: 1, text: BASE_FILES[`${ROOT}/values.yaml`] } });
    const h = await hints;
    assert.ok(h.diagnostics.filter((d) => d.code === 'values-unused').every((d) => d.severity === 4));
    // Save: helm lint findings (Chart.yaml has no icon → INFO "icon is recommended").
    const curi = uri(`${ROOT}/Chart.yaml`);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: curi, languageId: 'yaml', version: 1, text: BASE_FILES[`${ROOT}/Chart.yaml`] } });
    const linted = c.diags(curi, (x) => x.diagnostics.some((d) => d.code === 'chart-lint'));
    await c.conn.sendNotification('textDocument/didSave', { textDocument: { uri: curi } });
    const l = await linted;
    assert.ok(l.diagnostics.some((d) => d.code === 'chart-lint' && /icon is recommended/.test(d.message) && d.severity === 3), JSON.stringify(l.diagnostics));
  } finally {
    c.dispose();
  }
});
