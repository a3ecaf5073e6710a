// values-unused over small in-memory charts, one rule per row: what counts as a read of a values
// key (valuesreads.ts). Each row names the keys left flagged in one values file (the key text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnostics } from '../../server/src/analysis/diagnostics';
import { memoryHost } from '../../server/src/analysis/host';
import { Workspace } from '../../server/src/analysis/snapshot';

const R = '/ws/app';
const CHART = 'apiVersion: v2\nname: app\nversion: 0.1.0\n';
const SUB = 'apiVersion: v2\nname: sub\nversion: 0.1.0\n';
const LIB = 'apiVersion: v2\nname: lib\nversion: 0.1.0\ntype: library\n';
const withDeps = (deps: string): string => `${CHART}dependencies:\n${deps}`;

interface Row {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  /** at: the values file checked (default values.yaml). */
  readonly at?: string;
  readonly unused: readonly string[];
}

const ROWS: readonly Row[] = [
  { name: 'a direct read covers its subtree', files: { 'values.yaml': 'a:\n  b: 1\n  c: 2\nd: 3\n', 'templates/t.yaml': '{{ .Values.a }}' }, unused: ['d'] },
  { name: 'topmost unread key only', files: { 'values.yaml': 'a:\n  b: 1\n  c:\n    x: 1\n', 'templates/t.yaml': '{{ .Values.a.b }}' }, unused: ['c'] },
  { name: 'toYaml / toJson / include / tpl read wholesale', files: { 'values.yaml': 'a: {x: 1}\nb: {x: 1}\nc: {x: 1}\nd: {x: 1}\ne: 1\n', 'templates/t.yaml': '{{ toYaml .Values.a }}{{ .Values.b | toJson }}{{ include "x" .Values.c }}{{ tpl (toYaml .Values.d) . }}' }, unused: ['e'] },
  { name: 'range $k, $v reads the whole map', files: { 'values.yaml': 'env:\n  A: 1\n  B: 2\nz: 1\n', 'templates/t.yaml': '{{ range $k, $v := .Values.env }}{{ $k }}={{ $v }}{{ end }}' }, unused: ['z'] },
  { name: 'index/get/hasKey/dig/pick with literal keys narrow', files: { 'values.yaml': 'a: {b: 1, c: 1}\nd: {e: 1, f: 1}\ng: {h: {i: 1, j: 1}}\nk: {l: 1, m: 1}\nn: {o: 1, p: 1}\n', 'templates/t.yaml': '{{ index .Values "a" "b" }}{{ get .Values.d "e" }}{{ dig "g" "h" "i" "" .Values }}{{ pick .Values.k "l" }}{{ if hasKey .Values.n "o" }}{{ end }}' }, unused: ['c', 'f', 'j', 'm', 'p'] },
  { name: 'a dynamic key reads the whole map', files: { 'values.yaml': 'a: {b: 1}\nc: 1\n', 'templates/t.yaml': '{{ $k := "b" }}{{ index .Values.a $k }}' }, unused: ['c'] },
  { name: 'index .Values $name reads everything', files: { 'values.yaml': 'a: 1\nc: 1\n', 'templates/t.yaml': '{{ $k := "a" }}{{ index .Values $k }}' }, unused: [] },
  { name: 'with and variables carry the path', files: { 'values.yaml': 'a: {b: 1, c: 1}\nd: {e: 1, f: 1}\n', 'templates/t.yaml': '{{ with .Values.a }}{{ .b }}{{ end }}{{ $d := .Values.d }}{{ $d.e }}' }, unused: ['c', 'f'] },
  { name: 'a truth test reads the key, not its subtree', files: { 'values.yaml': 'a: {b: 1, c: 1}\n', 'templates/t.yaml': '{{ if .Values.a }}{{ .Values.a.b }}{{ end }}' }, unused: ['c'] },
  { name: '$ / $root / (.Values.a).b', files: { 'values.yaml': 'a: {b: 1, c: 1}\nd: 1\ne: 1\nf: 1\n', 'templates/t.yaml': '{{ $root := . }}{{ range list 1 }}{{ $.Values.d }}{{ $root.Values.e }}{{ end }}{{ (.Values.a).b }}' }, unused: ['c', 'f'] },
  { name: 'defines read through .context.Values / .root.Values', files: { 'values.yaml': 'a: 1\nb: 1\nc: 1\n', 'templates/_h.tpl': '{{ define "h" }}{{ .context.Values.a }}{{ .root.Values.b }}{{ end }}', 'templates/t.yaml': '{{ include "h" (dict "context" $ "root" .) }}' }, unused: ['c'] },
  { name: 'a helper looking up literal paths (bitnami providedValues)', files: { 'values.yaml': 'auth:\n  password: ""\n  other: 1\nadminPassword: ""\n', 'templates/_h.tpl': '{{ define "get" }}{{ $o := .context.Values }}{{ range .keys }}{{ index $o . }}{{ end }}{{ end }}', 'templates/t.yaml': '{{ include "get" (dict "keys" (list "auth.password" "adminPassword") "context" $) }}' }, unused: ['other'] },
  { name: 'dict keys are not paths', files: { 'values.yaml': 'name: 1\n', 'templates/t.yaml': '{{ dict "name" 1 }}' }, unused: ['name'] },
  { name: 'values strings rendered with tpl', files: { 'values.yaml': 'config: "level={{ .Values.level }}"\nlevel: info\nz: 1\n', 'templates/t.yaml': '{{ tpl .Values.config . }}' }, unused: ['z'] },
  {
    name: 'subchart table in the parent: read by the subchart templates',
    files: { 'Chart.yaml': withDeps('  - name: sub\n    version: 0.1.0\n'), 'values.yaml': 'sub:\n  port: 1\n  extra: 2\n', 'charts/sub/Chart.yaml': SUB, 'charts/sub/values.yaml': 'port: 0\n', 'charts/sub/templates/t.yaml': '{{ .Values.port }}' },
    unused: ['extra'],
  },
  {
    name: "parent templates read a subchart's key (in the subchart's values.yaml)",
    files: { 'Chart.yaml': withDeps('  - name: sub\n    version: 0.1.0\n'), 'values.yaml': 'x: 1\n', 'templates/t.yaml': '{{ .Values.x }}{{ .Values.sub.host }}', 'charts/sub/Chart.yaml': SUB, 'charts/sub/values.yaml': 'host: h\nport: 1\n', 'charts/sub/templates/t.yaml': 'x' },
    at: 'charts/sub/values.yaml',
    unused: ['port'],
  },
  {
    name: 'dependency condition and tags',
    files: { 'Chart.yaml': withDeps('  - name: sub\n    version: 0.1.0\n    condition: sub.enabled,other.on\n    tags: [backend]\n'), 'values.yaml': 'sub:\n  enabled: true\nother:\n  on: true\n  off: true\ntags:\n  backend: true\n  frontend: true\n', 'charts/sub/Chart.yaml': SUB, 'charts/sub/values.yaml': 'enabled: false\n', 'charts/sub/templates/t.yaml': 'x' },
    unused: ['off', 'frontend'],
  },
  {
    name: "the subchart's own enabled is the parent's condition",
    files: { 'Chart.yaml': withDeps('  - name: sub\n    version: 0.1.0\n    condition: sub.enabled\n'), 'values.yaml': 'sub: {}\n', 'charts/sub/Chart.yaml': SUB, 'charts/sub/values.yaml': 'enabled: false\nz: 1\n', 'charts/sub/templates/t.yaml': 'x' },
    at: 'charts/sub/values.yaml',
    unused: ['z'],
  },
  { name: "the root chart's enabled (an umbrella's condition)", files: { 'values.yaml': 'enabled: true\nz: 1\n', 'templates/t.yaml': 'x' }, unused: ['z'] },
  {
    name: 'alias: the table is under the alias',
    files: { 'Chart.yaml': withDeps('  - name: sub\n    version: 0.1.0\n    alias: db\n'), 'values.yaml': 'db:\n  port: 1\n  extra: 2\n', 'charts/sub/Chart.yaml': SUB, 'charts/sub/values.yaml': 'port: 0\n', 'charts/sub/templates/t.yaml': '{{ .Values.port }}' },
    unused: ['extra'],
  },
  {
    name: 'global read by any chart of the tree',
    files: { 'Chart.yaml': withDeps('  - name: sub\n    version: 0.1.0\n'), 'values.yaml': 'global:\n  registry: r\n  unused: u\nsub: {}\n', 'charts/sub/Chart.yaml': SUB, 'charts/sub/values.yaml': 'global:\n  registry: ""\n', 'charts/sub/templates/t.yaml': '{{ .Values.global.registry }}' },
    unused: ['unused'],
  },
  {
    name: "a library chart's helpers read their includer's values",
    files: { 'Chart.yaml': withDeps('  - name: lib\n    version: 0.1.0\n'), 'values.yaml': 'clusterDomain: x\nz: 1\n', 'templates/t.yaml': '{{ include "lib.d" (dict "context" $) }}', 'charts/lib/Chart.yaml': LIB, 'charts/lib/templates/_h.tpl': '{{ define "lib.d" }}{{ default .context.Values.clusterDomain "" }}{{ end }}' },
    unused: ['z'],
  },
  {
    name: 'import-values: child exports and the parent target; exports itself',
    files: {
      'Chart.yaml': withDeps('  - name: sub\n    version: 0.1.0\n    import-values:\n      - data\n      - child: deep.x\n        parent: fromChild\n'),
      'values.yaml': 'fromData: 1\nfromChild: 1\nz: 1\n',
      'charts/sub/Chart.yaml': SUB,
      'charts/sub/values.yaml': 'exports:\n  data:\n    fromData: 2\ndeep:\n  x: {a: 1}\n  y: 1\n',
      'charts/sub/templates/t.yaml': 'x',
    },
    unused: ['z'],
  },
  {
    name: 'import-values: the child side',
    files: { 'Chart.yaml': withDeps('  - name: sub\n    version: 0.1.0\n    import-values:\n      - child: deep.x\n        parent: fromChild\n'), 'values.yaml': 'fromChild: 1\n', 'charts/sub/Chart.yaml': SUB, 'charts/sub/values.yaml': 'deep:\n  x: {a: 1}\n  y: 1\n', 'charts/sub/templates/t.yaml': 'x' },
    at: 'charts/sub/values.yaml',
    unused: ['y'],
  },
  { name: 'a declared dependency that is not downloaded', files: { 'Chart.yaml': withDeps('  - name: gone\n    version: 0.1.0\n    repository: https://example.com\n'), 'values.yaml': 'gone:\n  a: 1\nz: 1\n', 'templates/t.yaml': 'x' }, unused: ['z'] },
  { name: 'a dependency only Chart.lock lists', files: { 'Chart.lock': 'dependencies:\n- name: gone\n  repository: https://example.com\n  version: 0.1.0\n', 'values.yaml': 'gone:\n  a: 1\nz: 1\n', 'templates/t.yaml': 'x' }, unused: ['z'] },
];

function unused(row: Row): string[] {
  const files: Record<string, string> = { [`${R}/Chart.yaml`]: CHART };
  for (const [k, v] of Object.entries(row.files)) files[`${R}/${k}`] = v;
  const ws = new Workspace(memoryHost(files));
  const at = `${R}/${row.at ?? 'values.yaml'}`;
  ws.openDocument(at, 1, files[at]);
  const snap = ws.snapshot();
  const text = snap.text(at) ?? '';
  return diagnostics(snap, at, { render: true })
    .filter((d) => d.code === 'values-unused')
    .map((d) => text.slice(d.start, d.end));
}

for (const row of ROWS) test(`values-unused: ${row.name}`, () => assert.deepEqual(unused(row), row.unused));

test('values-unused: the message names the full key and the chart reading that table', () => {
  const files = { [`${R}/Chart.yaml`]: withDeps('  - name: sub\n    version: 0.1.0\n'), [`${R}/values.yaml`]: 'sub:\n  extra: 2\n', [`${R}/charts/sub/Chart.yaml`]: SUB, [`${R}/charts/sub/templates/t.yaml`]: 'x' };
  const ws = new Workspace(memoryHost(files));
  ws.openDocument(`${R}/values.yaml`, 1, files[`${R}/values.yaml`]);
  const d = diagnostics(ws.snapshot(), `${R}/values.yaml`, { render: true }).filter((x) => x.code === 'values-unused');
  assert.deepEqual(
    d.map((x) => x.message),
    ['.Values.sub.extra is not read by any template of chart sub'],
  );
});
