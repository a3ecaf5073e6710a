// Render-context object tests. Expectations recorded from helm v4.1.4 / v3.17.3: conformance
// vectors helm/files (files-glob-*, files-lines*, files-asConfig, files-asSecrets) and
// helm/builtin-objects (obj-capabilities*, obj-helmversion*, obj-chart*), plus
// `{{ printf "%v" .Capabilities.KubeVersion }}` / `typeOf` runs recorded for this file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeCapabilities, parseKubeVersion } from '../../server/src/chart/capabilities';
import { loadChart } from '../../server/src/chart/loader';
import { memoryFS } from '../../server/src/chart/fs';
import { prepareRelease } from '../../server/src/chart/index';
import { capabilitiesObject, chartMapV4, chartObjectV3, filesMap, valuesMap } from '../../server/src/chart/objects';
import { marshalJSON } from '../../server/src/sprig/json';
import { formatOutput, sprintf } from '../../server/src/template/fmt';
import { type GoMap, GoObject, NamedMap, type Value, sliceTypeInfo, typeName, utf8Decode, utf8Encode } from '../../server/src/template/value';

const enc = (s: string) => utf8Encode(s);
const FILES = filesMap([
  { name: 'files/a.txt', data: enc('A content\n') },
  { name: 'files/b.txt', data: enc('B1\nB2\nB3\n') },
  { name: 'files/sub/c.yaml', data: enc('c: 3\n') },
  { name: 'files/empty.txt', data: enc('') },
  { name: 'config.json', data: enc('{"k": "v"}') },
  { name: 'README.md', data: enc('readme\n') },
]);

function call(recv: NamedMap, name: string, ...args: Value[]): Value {
  const m = recv.typeInfo.method(recv, name);
  assert.ok(m !== undefined, `no method ${name}`);
  return m.call(args);
}

function keys(v: Value): string[] {
  assert.ok(v instanceof Map);
  return [...v.keys()].sort();
}

test('.Files.Glob (gobwas/glob)', () => {
  assert.deepEqual(keys(call(FILES, 'Glob', 'files/**')), ['files/a.txt', 'files/b.txt', 'files/empty.txt', 'files/sub/c.yaml']);
  assert.deepEqual(keys(call(FILES, 'Glob', 'files/*')), ['files/a.txt', 'files/b.txt', 'files/empty.txt']);
  assert.deepEqual(keys(call(FILES, 'Glob', '**.txt')), ['files/a.txt', 'files/b.txt', 'files/empty.txt']);
  // An invalid pattern silently becomes "**".
  assert.deepEqual(keys(call(FILES, 'Glob', '[')), ['README.md', 'config.json', 'files/a.txt', 'files/b.txt', 'files/empty.txt', 'files/sub/c.yaml']);
  assert.equal(typeName(call(FILES, 'Glob', '*')), 'engine.files');
});

test('.Files.Get / GetBytes / Lines', () => {
  assert.equal(call(FILES, 'Get', 'files/a.txt'), 'A content\n');
  assert.equal(call(FILES, 'Get', 'nope.txt'), '');
  const b = call(FILES, 'GetBytes', 'files/a.txt');
  assert.equal(typeName(b), '[]uint8');
  assert.ok(b instanceof Uint8Array && b.length === 10);
  const lines = call(FILES, 'Lines', 'files/b.txt');
  assert.deepEqual(lines, ['B1', 'B2', 'B3']);
  assert.equal(typeName(lines), '[]string');
  assert.throws(() => call(FILES, 'Lines', 'files/empty.txt'), /index out of range \[-1\]/);
  assert.deepEqual(call(FILES, 'Lines', 'nope'), []);
});

test('.Files.AsConfig / AsSecrets', () => {
  const g = call(FILES, 'Glob', 'files/*.txt') as NamedMap;
  assert.equal(call(g, 'AsConfig'), 'a.txt: |\n  A content\nb.txt: |\n  B1\n  B2\n  B3\nempty.txt: ""');
  assert.equal(call(g, 'AsSecrets'), 'a.txt: QSBjb250ZW50Cg==\nb.txt: QjEKQjIKQjMK\nempty.txt: ""');
});

test('.Values methods and shared storage', () => {
  const inner: GoMap = new Map<string, Value>([['x', 1]]);
  const plain: GoMap = new Map<string, Value>([['sub', inner], ['k', 'v']]);
  const vals = valuesMap(plain, 4);
  assert.equal(typeName(vals), 'common.Values');
  assert.equal(typeName(valuesMap(plain, 3)), 'chartutil.Values');
  const t = call(vals, 'Table', 'sub') as NamedMap;
  assert.equal(typeName(t), 'common.Values');
  t.set('y', 2);
  assert.equal(inner.get('y'), 2);
  assert.equal(call(vals, 'PathValue', 'sub.x'), 1);
  assert.throws(() => call(vals, 'PathValue', 'sub'), /"sub" is not a value/);
  assert.throws(() => call(vals, 'Table', 'k'), /"k" is not a table/);
  assert.equal(call(vals, 'YAML'), 'k: v\nsub:\n  x: 1\n  "y": 2\n');
  assert.equal(call(vals, 'AsMap'), plain);
});

test('.Capabilities v4 / v3 defaults', () => {
  const c4 = capabilitiesObject(makeCapabilities(4));
  assert.equal(typeName(c4), '*common.Capabilities');
  const kv = c4.field('KubeVersion')?.value as GoObject;
  assert.equal(sprintf('%v', [kv]), '{v1.35.0 v1.35.0 1 35}');
  assert.equal(formatOutput(kv, true), 'v1.35.0');
  assert.equal(typeName(kv), 'common.KubeVersion');
  const api = c4.field('APIVersions')?.value as Value[];
  assert.equal(typeName(api), 'common.VersionSet');
  assert.equal(api.length, 57);
  assert.equal(sliceTypeInfo(api)?.method(api, 'Has')?.call(['apps/v1']), true);
  assert.equal(sliceTypeInfo(api)?.method(api, 'Has')?.call(['apps/v1/Deployment']), false);
  const hv = c4.field('HelmVersion')?.value as GoObject;
  assert.equal(sprintf('%+v', [hv]), '{Version:v4.1.4 GitCommit:05fa37973dc9e42b76e1d2883494c87174b6074f GitTreeState:clean GoVersion:go1.25.9 KubeClientVersion:v1.35}');
  assert.equal(marshalJSON(hv), // struct field order (helm4: {{ toJson .Capabilities.HelmVersion }})
    '{"version":"v4.1.4","git_commit":"05fa37973dc9e42b76e1d2883494c87174b6074f","git_tree_state":"clean","go_version":"go1.25.9","kube_client_version":"v1.35"}');
  const c3 = capabilitiesObject(makeCapabilities(3, undefined, ['foo/v1']));
  assert.equal(typeName(c3), '*chartutil.Capabilities');
  assert.equal(sprintf('%v', [c3.field('KubeVersion')?.value ?? null]), '{v1.32.0 1 32}');
  assert.equal((c3.field('APIVersions')?.value as Value[]).length, 57);
});

test('--kube-version parsing', () => {
  const cases: ReadonlyArray<[string, 3 | 4, string]> = [
    ['1.30.1-gke.1200', 4, '{v1.30.1-gke.1200 v1.30.1 1 30}|v1.30.1'],
    ['1.30.1-gke.1200', 3, '{v1.30.1-gke.1200 1 30}|v1.30.1-gke.1200'],
    ['1.28', 4, '{v1.28 v1.28 1 28}|v1.28'],
    ['1.28', 3, '{v1.28.0 1 28}|v1.28.0'],
  ];
  for (const [s, v, want] of cases) {
    const k = parseKubeVersion(s, v);
    assert.ok(!('error' in k));
    const kv = capabilitiesObject(makeCapabilities(v, k)).field('KubeVersion')?.value as GoObject;
    assert.equal(`${sprintf('%v', [kv])}|${formatOutput(kv, true)}`, want, `${s} v${v}`);
  }
  assert.deepEqual(parseKubeVersion('notaversion', 4), { error: `invalid kube version 'notaversion': could not parse "notaversion" as version` });
  assert.deepEqual(parseKubeVersion('notaversion', 3), { error: "invalid kube version 'notaversion': Invalid Semantic Version" });
});

const FULL_CHART = 'apiVersion: v2\nname: mychart\nversion: 0.1.0\nappVersion: 1.10\nmaintainers:\n- name: J\ndependencies:\n- name: sub\n  version: 0.1.0\n  import-values: [a]\n';

test('.Chart v4 map and v3 struct (toJson recorded from helm)', () => {
  const fs = memoryFS({
    'mychart/Chart.yaml': FULL_CHART,
    'mychart/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
  });
  for (const v of [4, 3] as const) {
    const r = loadChart(fs, 'mychart', v);
    assert.ok('chart' in r);
    const p = prepareRelease(r.chart, new Map(), { releaseName: 'r', namespace: '', isUpgrade: false, apiVersions: [], helmVersion: v, skipSchemaValidation: false });
    assert.ok(!('error' in p));
    const chart = p.root.context.get('Chart') ?? null;
    if (v === 4) {
      assert.equal(
        marshalJSON(chart),
        '{"APIVersion":"v2","Annotations":null,"AppVersion":"1.1","Condition":"","Dependencies":[{"Alias":"","Condition":"","Enabled":true,"ImportValues":[{"child":"exports.a","parent":"."}],"Name":"sub","Repository":"","Tags":[],"Version":"0.1.0"}],"Deprecated":false,"Description":"","Home":"","Icon":"","IsRoot":true,"Keywords":[],"KubeVersion":"","Maintainers":[{"Email":"","Name":"J","URL":""}],"Name":"mychart","Sources":[],"Tags":"","Type":"","Version":"0.1.0"}',
      );
      assert.equal(typeName(chart), 'map[string]interface {}');
      assert.deepEqual(p.warnings, ['level=WARN msg="ImportValues missing table" error="\\"exports\\" is not a table"']);
    } else {
      // Helm 3 prints struct fields in declaration order; our JSON encoder sorts map keys, so
      // compare as data.
      const want = JSON.parse('{"name":"mychart","version":"0.1.0","maintainers":[{"name":"J"}],"apiVersion":"v2","appVersion":"1.1","dependencies":[{"name":"sub","version":"0.1.0","repository":"","enabled":true,"import-values":[{"child":"exports.a","parent":"."}]}],"IsRoot":true}') as unknown;
      assert.deepEqual(JSON.parse(marshalJSON(chart)), want);
      assert.equal(typeName(chart), 'struct { chart.Metadata; IsRoot bool }');
      assert.ok(chart instanceof GoObject);
      assert.equal(typeName(chart.field('Keywords')?.value), '[]string');
      assert.deepEqual(p.warnings, ['dependencies.go:286: Warning: ImportValues missing table: "exports" is not a table']);
    }
  }
  assert.equal(typeName(chartMapV4(emptyMd(), false).get('Keywords')), '[]interface {}');
  assert.equal(chartObjectV3(emptyMd(), true).field('IsRoot')?.value, true);
});

function emptyMd() {
  const r = loadChart(memoryFS({ 'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n' }), 'c', 4);
  assert.ok('chart' in r);
  return r.chart.metadata;
}

test('context tree: subchart Values alias parent storage; Release and Template shapes', () => {
  const r = loadChart(
    memoryFS({
      'm/Chart.yaml': 'apiVersion: v2\nname: m\nversion: 0.1.0\n',
      'm/values.yaml': 'sub:\n  x: 10\n',
      'm/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
      'm/charts/sub/values.yaml': 'x: 1\ny: 2\n',
      'm/charts/sub/data.txt': 'd',
      'm/pdata.txt': 'p',
    }),
    'm',
    4,
  );
  assert.ok('chart' in r);
  const p = prepareRelease(r.chart, new Map(), { releaseName: 'r1', namespace: 'prod', isUpgrade: true, apiVersions: [], helmVersion: 4, skipSchemaValidation: false });
  assert.ok(!('error' in p));
  const sub = p.charts[1];
  assert.equal(sub.fullPath, 'm/charts/sub');
  const sv = sub.context.get('Values') as NamedMap;
  assert.equal(typeName(sv), 'common.Values');
  sv.set('added', true);
  assert.equal(((p.values.get('sub') as GoMap).get('added')), true);
  assert.deepEqual(keys(sub.context.get('Files') ?? null), ['data.txt']);
  assert.deepEqual(keys(p.root.context.get('Files') ?? null), ['pdata.txt']);
  assert.equal((p.root.context.get('Subcharts') as GoMap).get('sub'), sub.context);
  assert.equal(marshalJSON(p.root.context.get('Release') ?? null), '{"IsInstall":false,"IsUpgrade":true,"Name":"r1","Namespace":"prod","Revision":1,"Service":"Helm"}');
  assert.equal(typeName((p.root.context.get('Release') as GoMap).get('Revision')), 'int');
  assert.equal(utf8Decode(((sub.context.get('Files') as NamedMap).get('data.txt') as Uint8Array)), 'd');
});
