// Dependency processing tests: aliases (one chart twice), conditions on nested subcharts, YAML 1.1
// keys in conditions, library charts. Expectations recorded with helm v4.1.4 and v3.17.3 (same
// output for both): the `# Source:` paths and `{{ toJson .Values }}` of each chart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryFS } from '../../server/src/chart/fs';
import { type RenderChart, mergeCliValues, prepareRelease } from '../../server/src/chart/index';
import { loadChart } from '../../server/src/chart/loader';
import { marshalJSON } from '../../server/src/sprig/json';
import type { GoMap } from '../../server/src/template/value';

const FILES: Record<string, string> = {
  'mychart/Chart.yaml':
    'apiVersion: v2\nname: mychart\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 0.1.0\n  alias: first\n- name: sub\n  version: "~0.1"\n  alias: second\n  condition: second.on\n- name: lib\n  version: 1.0.0\n',
  'mychart/values.yaml': 'first: {x: f}\nsecond: {on: false}\n',
  'mychart/templates/t.yaml': 'x',
  'mychart/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\ndependencies:\n- name: inner\n  version: 0.1.0\n  condition: inner.enabled\n',
  'mychart/charts/sub/values.yaml': 'x: 1\ninner: {enabled: false}\n',
  'mychart/charts/sub/templates/s.yaml': 'x',
  'mychart/charts/sub/charts/inner/Chart.yaml': 'apiVersion: v2\nname: inner\nversion: 0.1.0\n',
  'mychart/charts/sub/charts/inner/templates/i.yaml': 'x',
  'mychart/charts/lib/Chart.yaml': 'apiVersion: v2\nname: lib\nversion: 1.0.0\ntype: library\n',
  'mychart/charts/lib/templates/_h.tpl': 'x',
  'mychart/charts/lib/templates/notrendered.yaml': 'x',
};

const CASES: ReadonlyArray<{ set: string[]; sources: string[]; values: Record<string, string> }> = [
  {
    set: [],
    sources: ['mychart/charts/first/templates/s.yaml', 'mychart/charts/lib/templates/_h.tpl', 'mychart/charts/second/templates/s.yaml', 'mychart/templates/t.yaml'],
    values: {
      mychart: '{"first":{"global":{},"inner":{"enabled":false},"x":"f"},"lib":{"global":{}},"second":{"global":{},"inner":{"enabled":false},"true":false,"x":1}}',
      'mychart/charts/first': '{"global":{},"inner":{"enabled":false},"x":"f"}',
      'mychart/charts/second': '{"global":{},"inner":{"enabled":false},"true":false,"x":1}',
    },
  },
  {
    set: ['second.on=true', 'first.inner.enabled=true'],
    sources: [
      'mychart/charts/first/charts/inner/templates/i.yaml',
      'mychart/charts/first/templates/s.yaml',
      'mychart/charts/lib/templates/_h.tpl',
      'mychart/charts/second/templates/s.yaml',
      'mychart/templates/t.yaml',
    ],
    values: {
      mychart: '{"first":{"global":{},"inner":{"enabled":true,"global":{}},"x":"f"},"lib":{"global":{}},"second":{"global":{},"inner":{"enabled":false},"on":true,"true":false,"x":1}}',
      'mychart/charts/first': '{"global":{},"inner":{"enabled":true,"global":{}},"x":"f"}',
      'mychart/charts/second': '{"global":{},"inner":{"enabled":false},"on":true,"true":false,"x":1}',
    },
  },
];

for (const c of CASES) {
  for (const v of [4, 3] as const) {
    test(`aliases, nested conditions, library (--set ${c.set.join(' ')}) v${v}`, () => {
      const fs = memoryFS(FILES);
      const user = mergeCliValues((p) => fs.readFile(p), { valueFiles: [], set: c.set, setString: [], setFile: [], setJson: [], setLiteral: [] }, v);
      assert.ok('values' in user);
      const r = loadChart(fs, 'mychart', v);
      assert.ok('chart' in r);
      const p = prepareRelease(r.chart, user.values, { releaseName: 'r', namespace: '', isUpgrade: false, apiVersions: [], helmVersion: v, skipSchemaValidation: false });
      if ('error' in p) throw new Error(p.error);
      // Library charts keep only `_` templates (engine isTemplateValid); Helm prints none of them.
      const sources = p.charts.flatMap((x) => x.templates.map((t) => `${x.fullPath}/${t.name}`)).sort();
      assert.deepEqual(sources, c.sources);
      for (const [path, json] of Object.entries(c.values)) {
        const rc: RenderChart | undefined = p.charts.find((x) => x.fullPath === path);
        assert.ok(rc !== undefined, path);
        assert.equal(marshalJSON(rc.context.get('Values') as GoMap), json, path);
      }
      // The loaded chart is untouched: it can be prepared again.
      assert.equal(r.chart.dependencies.map((d) => d.metadata.name).join(','), 'lib,sub');
    });
  }
}
