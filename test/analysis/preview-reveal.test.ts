// Preview → template reveal over real charts (issue 12): for every output line of a corpus chart's
// preview, the template line the preview reveals holds the text that produced it. Lines written by
// a text node must start with that node's text at the revealed position; lines written by an action
// reveal the action (`{{ … }}`). The prometheus-community helpers (labels built from nested defines
// and `include … | nindent`) were revealed one line above the right one before the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { memoryHost } from '../../server/src/analysis/host';
import { Workspace } from '../../server/src/analysis/snapshot';
import { lineSourceAt } from '../../server/src/lsp/lineMap';
import type { RenderLineSource } from '../../server/src/lsp/protocol';
import { handleRender } from '../../server/src/lsp/requests';
import { previewLinesOf } from '../../client/src/preview-core';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'charts');
const ROOT = '/ws';

function loadChart(name: string): Record<string, string> {
  const dir = join(CORPUS, name);
  const files: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else files[`${ROOT}/${name}${p.slice(dir.length).split('\\').join('/')}`] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** revealed is the template text a preview line reveals: its line, from the range start on that line. */
const splitCache = new Map<string, string[]>();
function revealed(files: Record<string, string>, s: RenderLineSource): { lineText: string; text: string } {
  const text0 = files[decodeURIComponent(s.uri.replace(/^file:\/\//, ''))] ?? '';
  let lines = splitCache.get(text0);
  if (lines === undefined) splitCache.set(text0, (lines = text0.split('\n')));
  const lineText = lines[s.line] ?? '';
  const r = s.range;
  assert.ok(r, 'every mapped line has a range');
  assert.equal(r.start.line, s.line);
  const text = r.end.line === r.start.line ? lineText.slice(r.start.character, r.end.character) : lineText.slice(r.start.character);
  return { lineText, text };
}

const skip = existsSync(CORPUS) ? false : '../shared/corpus absent';

// opensearch and vault print `tpl` output (revealed at the `tpl` call). argo-cd: 33,000 lines of chart preview, which took over two minutes when every line re-read its
// template (a generous bound proves it no longer does).
for (const chart of ['prometheus-snmp-exporter', 'prometheus-node-exporter', 'alertmanager', 'opensearch', 'vault', 'argo-cd']) {
  test(`preview reveal: every output line of ${chart}`, { skip }, () => {
    const files = loadChart(chart);
    const ws = new Workspace(memoryHost(files));
    const t0 = Date.now();
    const r = handleRender(ws, { uri: `file://${ROOT}/${chart}/Chart.yaml`, scope: 'chart' });
    assert.ok(Date.now() - t0 < 30_000, `${chart} chart preview within 30 s`);
    assert.equal(r.error, undefined);
    const out = r.text.split('\n');
    let mapped = 0;
    for (let i = 0; i < out.length; i++) {
      const s = lineSourceAt(r.lineMap, i);
      const line = out[i].trimStart();
      if (s === null || s === undefined) {
        // Only headers, separators and blank lines are unmapped.
        assert.ok(line === '' || line === '---' || line.startsWith('# Source: '), `line ${i} unmapped: ${out[i]}`);
        continue;
      }
      mapped++;
      const { lineText, text } = revealed(files, s);
      if (text.startsWith('{{')) continue; // written by an action: the action is revealed
      assert.ok(text.length > 0 && line.startsWith(text), `${chart} output line ${i} ${JSON.stringify(out[i])} revealed ${JSON.stringify(lineText)}`);
    }
    assert.ok(mapped > 100, `${mapped} lines mapped`);
  });
}

test('preview reveal: the helper lines of issue 12 (prometheus-community labels)', { skip }, () => {
  const chart = 'prometheus-snmp-exporter';
  const files = loadChart(chart);
  const ws = new Workspace(memoryHost(files));
  const r = handleRender(ws, { uri: `file://${ROOT}/${chart}/templates/deployment.yaml`, scope: 'template' });
  assert.equal(r.error, undefined);
  const out = r.text.split('\n');
  // output line (trimmed) → the _helpers.tpl line that must be revealed.
  const cases: readonly [output: string, template: string][] = [
    ['app.kubernetes.io/managed-by: Helm', 'app.kubernetes.io/managed-by: {{ .Release.Service }}'],
    ['app.kubernetes.io/component: metrics', 'app.kubernetes.io/component: metrics'],
    ['app.kubernetes.io/part-of: prometheus-snmp-exporter', 'app.kubernetes.io/part-of: {{ template "prometheus-snmp-exporter.name" . }}'],
    ['app.kubernetes.io/name: prometheus-snmp-exporter', 'app.kubernetes.io/name: {{ include "prometheus-snmp-exporter.name" . }}'],
    ['app.kubernetes.io/instance: release-name', 'app.kubernetes.io/instance: {{ .Release.Name }}'],
    ['app.kubernetes.io/version: "v0.30.1"', 'app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}'],
  ];
  for (const [output, template] of cases) {
    const idx = out.map((l, i) => [l.trim(), i] as const).filter(([l]) => l === output).map(([, i]) => i);
    assert.ok(idx.length > 0, `${output} is in the preview`);
    for (const i of idx) {
      const s = lineSourceAt(r.lineMap, i);
      assert.ok(s, `${output} (line ${i}) is mapped`);
      assert.ok(s.uri.endsWith('/templates/_helpers.tpl'), s.uri);
      assert.equal(revealed(files, s).lineText, template, `${output} (line ${i})`);
    }
  }
});

test('template → preview: an include line reveals every line its helper wrote there', { skip }, () => {
  const chart = 'prometheus-snmp-exporter';
  const files = loadChart(chart);
  const ws = new Workspace(memoryHost(files));
  const uri = `file://${ROOT}/${chart}/templates/deployment.yaml`;
  const r = handleRender(ws, { uri, scope: 'template' });
  const out = r.text.split('\n');
  const tpl = files[`${ROOT}/${chart}/templates/deployment.yaml`].split('\n');
  // template line (0-based, found by its text) → the trimmed preview lines it produced.
  const at = (needle: string): number => tpl.findIndex((l) => l.includes(needle));
  const cases: readonly [line: number, want: string[]][] = [
    [at('kind: Deployment'), ['kind: Deployment']],
    [
      at('include "prometheus-snmp-exporter.selectorLabels"'),
      ['app.kubernetes.io/name: prometheus-snmp-exporter', 'app.kubernetes.io/instance: release-name'],
    ],
    [
      at('{{- include "prometheus-snmp-exporter.labels" . | indent 4 }}'),
      [
        'helm.sh/chart: prometheus-snmp-exporter-9.17.1',
        'app.kubernetes.io/managed-by: Helm',
        'app.kubernetes.io/component: metrics',
        'app.kubernetes.io/part-of: prometheus-snmp-exporter',
        'app.kubernetes.io/name: prometheus-snmp-exporter',
        'app.kubernetes.io/instance: release-name',
        'app.kubernetes.io/version: "v0.30.1"',
      ],
    ],
  ];
  for (const [line, want] of cases) {
    assert.ok(line >= 0);
    assert.deepEqual(previewLinesOf(r, uri, line).map((i) => out[i].trim()), want, tpl[line]);
  }
  // From inside the helper: every use of the define's line in this template.
  const helpers = `file://${ROOT}/${chart}/templates/_helpers.tpl`;
  const h = files[`${ROOT}/${chart}/templates/_helpers.tpl`].split('\n');
  const inst = h.findIndex((l) => l.startsWith('app.kubernetes.io/instance:'));
  assert.deepEqual(previewLinesOf(r, helpers, inst).map((i) => out[i].trim()), Array(3).fill('app.kubernetes.io/instance: release-name'));
});
