// Lint on save places each `helm lint` finding about a rendered object at that object in its
// template (issue 16): the `apiVersion:` line of the object, or the key the finding is about —
// not line 1, column 1. Messages recorded from helm v4.1.4 and v3.17.3 (`helm lint` of these
// charts prints the same text with both).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { memoryHost } from '../../server/src/analysis/host';
import { inMemory } from './harness';

const ROOT = '/ws/lintpos';
const CHART = {
  [`${ROOT}/Chart.yaml`]: 'apiVersion: v2\nname: lintpos\nversion: 0.1.0\nicon: https://example.com/i.png\n',
  [`${ROOT}/values.yaml`]: 'replicaCount: 1\n',
};

const PDB = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: {{ .Release.Name }}-cm',
  'data:',
  '  a: "1"',
  '---',
  'apiVersion: policy/v1beta1',
  'kind: PodDisruptionBudget',
  'metadata:',
  '  name: {{ .Release.Name }}-pdb',
  'spec:',
  '  minAvailable: 1',
  '',
].join('\n');

const DEPLOY = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: cm', '---', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  selector: {}', '  template:', '    metadata:', '      labels: {app: web}', ''].join('\n');

// [template, text, message (recorded from helm lint), range [line, startChar, endChar] (0-based)]
const cases: Array<[string, string, string, [number, number, number]]> = [
  ['templates/pdb.yaml', PDB, 'helm lint: policy/v1beta1 PodDisruptionBudget is deprecated in v1.21+, unavailable in v1.25+; use policy/v1 PodDisruptionBudget', [7, 0, 'apiVersion: policy/v1beta1'.length]],
  ['templates/deploy.yaml', DEPLOY, 'helm lint: a Deployment must contain matchLabels or matchExpressions, and "web" does not', [10, 2, 2 + 'selector'.length]],
];

for (const [file, text, message, [line, from, to]] of cases) {
  test(`lint on save places the finding of ${file} at line ${line + 1}`, async () => {
    const c = await inMemory(memoryHost({ ...CHART, [`${ROOT}/${file}`]: text }));
    try {
      const uri = pathToFileURL(`${ROOT}/${file}`).href;
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'helm', version: 1, text } });
      const linted = c.diags(uri, (p) => p.diagnostics.some((d) => d.code === 'chart-lint'));
      await c.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
      const found = (await linted).diagnostics.filter((d) => d.code === 'chart-lint');
      assert.deepEqual(
        found.map((d) => [d.message, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]),
        [[message, line, from, line, to]],
      );
    } finally {
      c.dispose();
    }
  });
}
