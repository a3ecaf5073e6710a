// Loader tests. Error texts recorded from helm v4.1.4 / v3.17.3 (`helm template` on the same
// layouts); the corpus test loads every chart of ../shared/corpus/charts with both versions.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { tar } from '../helpers/tar';
import { memoryFS, nodeFS } from '../../server/src/chart/fs';
import { INVALID_API_VERSION, chartFullPath, helm4ApiVersionRefusal, loadArchive, loadChart } from '../../server/src/chart/loader';
import type { HelmVersion } from '../../server/src/template/func';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'charts');

test('loads every corpus chart (v3 and v4)', { skip: existsSync(CORPUS) ? false : '../shared/corpus absent' }, () => {
  const fs = nodeFS(CORPUS);
  const names = readdirSync(CORPUS);
  assert.ok(names.length > 10);
  for (const n of names) {
    for (const v of [3, 4] as const) {
      const r = loadChart(fs, n, v);
      assert.ok(!('error' in r), `${n} v${v}: ${'error' in r ? r.error : ''}`);
    }
  }
});

const CHART = 'apiVersion: v2\nname: mychart\nversion: 0.1.0\n';

const errorCases: ReadonlyArray<{ name: string; files: Record<string, string>; v4: string; v3: string }> = [
  { name: 'missing Chart.yaml', files: { 'mychart/templates/a.yaml': 'x' }, v4: 'unable to detect chart at mychart/Chart.yaml: open mychart/Chart.yaml: no such file or directory', v3: 'Chart.yaml file is missing' },
  { name: 'bad Chart.yaml', files: { 'mychart/Chart.yaml': 'apiVersion: v2\nname: x\nversion: 0.1.0\n  bad: [\n' }, v4: 'cannot load Chart.yaml: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context', v3: 'cannot load Chart.yaml: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context' },
  { name: 'bad values.yaml', files: { 'mychart/Chart.yaml': CHART, 'mychart/values.yaml': 'a: 1\nb: [\n' }, v4: 'cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 2: did not find expected node content', v3: 'cannot load values.yaml: error converting YAML to JSON: yaml: line 2: did not find expected node content' },
  { name: 'missing name', files: { 'mychart/Chart.yaml': '' }, v4: 'validation: chart.metadata.name is required', v3: 'validation: chart.metadata.name is required' },
  { name: 'missing version', files: { 'mychart/Chart.yaml': 'apiVersion: v2\nname: mychart\n' }, v4: 'validation: chart.metadata.version is required', v3: 'validation: chart.metadata.version is required' },
  { name: 'invalid semver', files: { 'mychart/Chart.yaml': 'apiVersion: v2\nname: mychart\nversion: one\n' }, v4: 'validation: chart.metadata.version "one" is invalid', v3: 'validation: chart.metadata.version "one" is invalid' },
  { name: 'bad type', files: { 'mychart/Chart.yaml': CHART + 'type: weird\n' }, v4: 'validation: chart.metadata.type must be application or library', v3: 'validation: chart.metadata.type must be application or library' },
  { name: 'subchart without Chart.yaml', files: { 'mychart/Chart.yaml': CHART, 'mychart/charts/nochart/values.yaml': 'x: 1\n' }, v4: 'error unpacking subchart nochart in mychart: Chart.yaml file is missing', v3: 'error unpacking subchart nochart in mychart: Chart.yaml file is missing' },
  { name: 'invalid subchart', files: { 'mychart/Chart.yaml': CHART, 'mychart/charts/bad/Chart.yaml': 'apiVersion: v2\nname: bad\n' }, v4: 'error unpacking subchart bad in mychart: validation: chart.metadata.version is required', v3: 'error unpacking subchart bad in mychart: validation: chart.metadata.version is required' },
];

for (const c of errorCases) {
  for (const v of [4, 3] as const) {
    test(`load error: ${c.name} (v${v})`, () => {
      const r = loadChart(memoryFS(c.files), 'mychart', v);
      assert.ok('error' in r);
      assert.equal(r.error, v === 4 ? c.v4 : c.v3);
    });
  }
}

test('apiVersion v3 charts: loaded by both, refused by v4 only (after the installable check)', () => {
  // Helm's texts: test/cli/fidelity.test.ts (v3-*), recorded from helm v4.1.4 / v3.17.3.
  const files = { 'mychart/Chart.yaml': 'apiVersion: v3\nname: a3\nversion: 0.1.0\n' };
  const r4 = loadChart(memoryFS(files), 'mychart', 4);
  assert.ok('chart' in r4);
  assert.equal(helm4ApiVersionRefusal(r4.chart, 4), INVALID_API_VERSION);
  const r3 = loadChart(memoryFS(files), 'mychart', 3);
  assert.ok('chart' in r3);
  assert.equal(helm4ApiVersionRefusal(r3.chart, 3), undefined);
});

test('file classification, hidden/underscore subcharts, appVersion float', () => {
  const r = loadChart(
    memoryFS({
      'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\nappVersion: 1.10\n',
      'c/values.yaml': 'a: 1\n',
      'c/values.schema.json': '{}',
      'c/Chart.lock': 'dependencies: []\n',
      'c/templates/a.yaml': 'x',
      'c/templates/.hidden.yaml': 'x',
      'c/templates/sub/b.tpl': 'x',
      'c/crds/crd.yaml': 'x',
      'c/.helmignore': '*.md\n',
      'c/README.md': 'x',
      'c/files/x.txt': 'x',
      'c/charts/s/Chart.yaml': 'apiVersion: v2\nname: s\nversion: 1.0.0\n',
      'c/charts/s/templates/t.yaml': 'x',
      'c/charts/.hidden/Chart.yaml': 'apiVersion: v2\nname: h\nversion: 1.0.0\n',
      'c/charts/_u/Chart.yaml': 'apiVersion: v2\nname: u\nversion: 1.0.0\n',
      'c/charts/s.prov': 'sig',
    }),
    'c',
    4,
  );
  assert.ok('chart' in r);
  const c = r.chart;
  assert.equal(c.metadata.appVersion, '1.1');
  assert.deepEqual(c.templates.map((t) => t.name), ['templates/a.yaml', 'templates/sub/b.tpl']);
  assert.deepEqual(c.files.map((f) => f.name).sort(), ['.helmignore', 'charts/s.prov', 'crds/crd.yaml', 'files/x.txt']);
  assert.equal(c.rawValues, 'a: 1\n');
  assert.ok(c.schema !== undefined);
  assert.deepEqual(c.dependencies.map((d) => chartFullPath(d)), ['c/charts/s']);
});

/** tgz is a gzipped tar of the entries. */
function tgz(entries: ReadonlyArray<[string, string]>): Uint8Array {
  return new Uint8Array(gzipSync(tar(entries)));
}

test('packaged charts and .tgz subcharts', () => {
  const sub = tgz([
    ['s/Chart.yaml', 'apiVersion: v2\nname: s\nversion: 0.2.0\n'],
    ['s/values.yaml', 'x: 5\n'],
    ['s/templates/a.yaml', '# {{ .Chart.Name }}\n'],
  ]);
  const r = loadChart(memoryFS({ 'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n', 'c/charts/s-0.2.0.tgz': sub }), 'c', 4);
  assert.ok('chart' in r);
  assert.equal(r.chart.dependencies[0].metadata.name, 's');
  assert.equal(r.chart.dependencies[0].values.get('x'), 5);
  const direct = loadArchive(sub, 3 as HelmVersion, { path: 's.tgz', archive: 's.tgz' });
  assert.ok('chart' in direct && direct.chart.templates.length === 1);
  const bad = loadArchive(tgz([['Chart.yaml', 'x']]), 4, { path: 'x', archive: 'x' });
  // Helm checks "." (no top folder) before the Chart.yaml-at-root rule (LoadArchiveFiles order).
  assert.ok('error' in bad && bad.error === 'chart illegally contains content outside the base directory: "Chart.yaml"');
});

test('nodeFS refuses paths escaping the root', () => {
  const fs = nodeFS(join(__dirname, '..'));
  assert.equal(fs.readFile('../package.json'), fs.readFile('package.json'));
  assert.equal(fs.readFile('/etc/passwd'), undefined);
  assert.ok(readFileSync(join(__dirname, 'loader.test.ts')).length > 0);
});
