// A values.yaml or Chart.yaml that does not parse: the editor places the load error (and, on save,
// helm lint's "unable to parse YAML") at the line go-yaml names in the file itself, not at line 1;
// a template of that chart keeps the error at its start (the template is not where it is).
// Messages recorded from helm v4.1.4 (`helm template` / `helm lint` of these charts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { memoryHost } from '../../server/src/analysis/host';
import { loadErrorRange, yamlErrorRange } from '../../server/src/analysis/yamlerrpos';
import { inMemory } from './harness';

const ROOT = '/ws/yamlpos';
const BAD_VALUES = 'replicaCount: 1\nimage:\n  repository: nginx\n tag: x\n';
const BAD_CHART = 'apiVersion: v2\nname: yamlpos\n version: 0.1.0\n';
const GOOD_CHART = 'apiVersion: v2\nname: yamlpos\nversion: 0.1.0\nicon: https://example.com/i.png\n';
const TEMPLATE = 'a: {{ .Values.replicaCount }}\n';
const VALUES_ERR = 'yaml: line 3: did not find expected key';
const CHART_ERR = 'yaml: line 3: mapping values are not allowed in this context';

interface Case {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly open: string;
  readonly code: string;
  readonly message: string;
  /** [line, startChar, endChar], 0-based. */
  readonly range: readonly [number, number, number];
  readonly save?: boolean;
}

const cases: Case[] = [
  {
    name: 'values.yaml: the load error at line 3',
    files: { 'Chart.yaml': GOOD_CHART, 'values.yaml': BAD_VALUES, 'templates/cm.yaml': TEMPLATE },
    open: 'values.yaml',
    code: 'chart-load-error',
    message: `cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: ${VALUES_ERR}`,
    range: [2, 2, '  repository: nginx'.length],
  },
  {
    name: 'values.yaml: helm lint on save at line 3',
    files: { 'Chart.yaml': GOOD_CHART, 'values.yaml': BAD_VALUES, 'templates/cm.yaml': TEMPLATE },
    open: 'values.yaml',
    code: 'chart-lint',
    message: `helm lint: unable to parse YAML: error converting YAML to JSON: ${VALUES_ERR}`,
    range: [2, 2, '  repository: nginx'.length],
    save: true,
  },
  {
    name: 'Chart.yaml: the load error at line 3',
    files: { 'Chart.yaml': BAD_CHART, 'values.yaml': 'replicaCount: 1\n', 'templates/cm.yaml': TEMPLATE },
    open: 'Chart.yaml',
    code: 'chart-load-error',
    message: `cannot load Chart.yaml: error converting YAML to JSON: ${CHART_ERR}`,
    range: [2, 1, ' version: 0.1.0'.length],
  },
  {
    name: 'a template of a chart whose values.yaml does not parse: at its start',
    files: { 'Chart.yaml': GOOD_CHART, 'values.yaml': BAD_VALUES, 'templates/cm.yaml': TEMPLATE },
    open: 'templates/cm.yaml',
    code: 'chart-load-error',
    message: `cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: ${VALUES_ERR}`,
    range: [0, 0, 0],
  },
];

for (const c of cases) {
  test(`yaml error position — ${c.name}`, async () => {
    const files = Object.fromEntries(Object.entries(c.files).map(([k, v]) => [`${ROOT}/${k}`, v]));
    const client = await inMemory(memoryHost(files));
    try {
      const uri = pathToFileURL(`${ROOT}/${c.open}`).href;
      const text = c.files[c.open];
      const seen = client.diags(uri, (p) => p.diagnostics.some((d) => d.code === c.code));
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: c.open.startsWith('templates/') ? 'helm' : 'yaml', version: 1, text } });
      if (c.save === true) await client.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
      const found = (await seen).diagnostics.filter((d) => d.code === c.code);
      const [line, from, to] = c.range;
      assert.deepEqual(
        found.map((d) => [d.message, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]),
        [[c.message, line, from, line, to]],
      );
    } finally {
      client.dispose();
    }
  });
}

const ranges: Array<[string, string, string, { start: number; end: number } | undefined]> = [
  ['line 1', 'a: [\n', 'yaml: line 1: did not find expected node content', { start: 0, end: 4 }],
  ['CRLF line end left out', 'a: 1\r\n  b: 2\r\n', 'yaml: line 2: mapping values are not allowed in this context', { start: 8, end: 12 }],
  ['blank line', 'a: 1\n\n', 'yaml: line 2: x', { start: 5, end: 5 }],
  ['no line in the message', 'a: "x', 'yaml: found unexpected end of stream', undefined],
  ['line beyond the text', 'a: 1', 'yaml: line 9: x', undefined],
];
for (const [name, text, message, want] of ranges) {
  test(`yamlErrorRange: ${name}`, () => assert.deepEqual(yamlErrorRange(text, message), want));
}

test('loadErrorRange places only errors about the document itself', () => {
  const msg = 'cannot load values.yaml: error converting YAML to JSON: yaml: line 1: x';
  assert.deepEqual(loadErrorRange('values.yaml', 'a: [\n', msg), { start: 0, end: 4 });
  assert.equal(loadErrorRange('Chart.yaml', 'a: [\n', msg), undefined);
  assert.equal(loadErrorRange('values.yaml', 'a: [\n', `error unpacking subchart sub in hello: ${msg}`), undefined);
});
