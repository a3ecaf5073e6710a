// Completion over in-memory fixture charts; `$0` marks the cursor. Expected labels come from the
// fixture's own values/objects (no Helm output involved).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete } from '../../server/src/analysis/completion';
import { openAt } from './fixture';

function labels(src: string, file?: string): string[] {
  const { ws, path, offset } = openAt(src, file);
  return complete(ws.snapshot(), path, offset).map((e) => e.label);
}

/** check asserts the exact label list (order-insensitive). */
function check(src: string, expected: string[], file?: string): void {
  assert.deepEqual(labels(src, file).sort(), [...expected].sort(), src);
}

/** has asserts that the labels include `expected`. */
function has(src: string, expected: string[], file?: string): void {
  const got = labels(src, file);
  for (const e of expected) assert.ok(got.includes(e), `${src}: missing ${e} in ${got.slice(0, 30).join(',')}`);
}

const exact: Array<[string, string[], string?]> = [
  ['{{ .Values.im$0 }}', ['image', 'imagePullSecrets']],
  ['{{ .Values.image.$0 }}', ['repository', 'tag']],
  ['{{ $.Values.image.r$0 }}', ['repository']],
  ['{{ .Values.global.$0 }}', ['env']],
  ['{{ .Values.sub.$0 }}', ['enabled', 'extra', 'global', 'service']],
  ['{{ .Release.$0 }}', ['Name', 'Namespace', 'IsUpgrade', 'IsInstall', 'Revision', 'Service']],
  ['{{ .Template.$0 }}', ['Name', 'BasePath']],
  ['{{ .Capabilities.$0 }}', ['KubeVersion', 'APIVersions', 'HelmVersion']],
  ['{{ with .Values.image }}{{ .$0 }}{{ end }}', ['repository', 'tag']],
  ['{{ range .Values.ports }}{{ .p$0 }}{{ end }}', ['port']],
  ['{{ range $i, $p := .Values.ports }}{{ $p.$0 }}{{ end }}', ['name', 'port']],
  ['{{ $img := .Values.image }}{{ $img.t$0 }}', ['tag']],
  ['{{ $img := .Values.image }}{{ $i$0 }}', ['$img']],
  ['{{ include "mychart.$0" . }}', ['mychart.name', 'mychart.labels']],
  ['{{ template "common.$0" . }}', ['common.fullname']],
  ['{{ include "$0', ['mychart.name', 'mychart.labels', 'common.fullname']],
  ['plain: text $0', []],
  ['{{ "str$0" }}', []],
  // Inside a subchart's templates: the subchart's view of values (parent overrides + globals).
  ['{{ .Values.$0 }}', ['enabled', 'extra', 'global', 'service'], 'charts/sub/templates/x.yaml'],
  ['{{ .Values.service.$0 }}', ['port'], 'charts/sub/templates/x.yaml'],
  ['{{ .Chart.Na$0 }}', ['Name']],
];

for (const [src, expected, file] of exact) test(`completion ${src}${file ? ' in ' + file : ''}`, () => check(src, expected, file));

test('functions, keywords and snippets at command start', () => {
  has('{{ toY$0 }}', ['toYaml']);
  has('{{ $0 }}', ['if', 'range', 'include', 'default', 'printf']);
  has('{{ ra$0', ['range', 'range … end']);
  assert.ok(!labels('{{ ra$0 }}').includes('range … end'), 'no snippet when the action is closed');
  assert.ok(!labels('{{ .Values.x | $0 }}').includes('if'), 'no keywords mid-pipeline');
  has('{{ .Values.x | $0 }}', ['quote', 'default']);
});

test('values completion carries value and source layer', () => {
  const { ws, path, offset } = openAt('{{ .Values.sub.$0 }}');
  const e = complete(ws.snapshot(), path, offset).find((x) => x.label === 'extra');
  assert.equal(e?.detail, '"fromParent"');
  assert.match(e?.documentation ?? '', /values\.yaml of chart mychart/);
  const { ws: w2, path: p2, offset: o2 } = openAt('{{ .Values.$0 }}', 'charts/sub/templates/x.yaml');
  const svc = complete(w2.snapshot(), p2, o2).find((x) => x.label === 'service');
  assert.match(svc?.documentation ?? '', /values\.yaml of chart sub/);
});

test('function completion has signature and docs from FuncDefs', () => {
  const { ws, path, offset } = openAt('{{ toYa$0 }}');
  const e = complete(ws.snapshot(), path, offset).find((x) => x.label === 'toYaml');
  assert.ok(e?.detail !== undefined && e.detail.startsWith('toYaml'));
  assert.ok((e?.documentation ?? '').length > 10);
});

test('replace range covers the typed prefix', () => {
  const { ws, path, offset } = openAt('{{ .Values.ima$0ge }}');
  const e = complete(ws.snapshot(), path, offset)[0];
  assert.deepEqual(e.replace, { start: 11, end: 16 });
});

test('user values files are a layer', () => {
  const { ws, path, offset } = openAt('{{ .Values.$0 }}', undefined, { 'ci.yaml': 'fromCi: 1\n' });
  ws.setSettings({ ...ws.snapshot().settings, valuesFiles: ['ci.yaml'] });
  const e = complete(ws.snapshot(), path, offset).find((x) => x.label === 'fromCi');
  assert.match(e?.documentation ?? '', /user values ci\.yaml/);
});
