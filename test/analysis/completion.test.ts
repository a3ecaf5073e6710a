// Completion over in-memory fixture charts; `$0` marks the cursor. Expected labels come from the
// fixture's own values/objects (no Helm output involved).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete, resolveDocumentation } from '../../server/src/analysis/completion';
import type { Snapshot } from '../../server/src/analysis/snapshot';
import type { CompletionEntry } from '../../server/src/analysis/types';
import { openAt } from './fixture';

function labels(src: string, file?: string, extra: Record<string, string> = {}): string[] {
  const { ws, path, offset } = openAt(src, file, extra);
  return complete(ws.snapshot(), path, offset).map((e) => e.label);
}

/** check asserts the exact label list of keys/fields (order-insensitive; methods are tested apart). */
function check(src: string, expected: string[], file?: string): void {
  const { ws, path, offset } = openAt(src, file);
  const got = complete(ws.snapshot(), path, offset).filter((e) => e.kind !== 'method').map((e) => e.label);
  assert.deepEqual(got.sort(), [...expected].sort(), src);
}

/** doc returns an entry's documentation, resolving it lazily like completionItem/resolve. */
function doc(snap: Snapshot, e: CompletionEntry | undefined): string {
  if (e === undefined) return '';
  if (e.documentation !== undefined) return e.documentation;
  return e.resolve !== undefined ? (resolveDocumentation(snap, e.resolve) ?? '') : '';
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
  assert.match(doc(ws.snapshot(), e), /values\.yaml of chart mychart/);
  const { ws: w2, path: p2, offset: o2 } = openAt('{{ .Values.$0 }}', 'charts/sub/templates/x.yaml');
  const svc = complete(w2.snapshot(), p2, o2).find((x) => x.label === 'service');
  assert.match(doc(w2.snapshot(), svc), /values\.yaml of chart sub/);
});

test('function completion has signature and docs from FuncDefs', () => {
  const { ws, path, offset } = openAt('{{ toYa$0 }}');
  const e = complete(ws.snapshot(), path, offset).find((x) => x.label === 'toYaml');
  assert.ok(e?.detail !== undefined && e.detail.startsWith('toYaml'));
  assert.ok(e?.documentation === undefined, 'function docs come on resolve');
  assert.match(doc(ws.snapshot(), e), /toYaml/);
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
  assert.match(doc(ws.snapshot(), e), /user values ci\.yaml/);
});

const FILES = {
  'files/app.conf': 'a=1\n',
  'files/nested/b.json': '{}\n',
  'config/x.txt': 'x\n',
  'ignored/secret.txt': 's\n',
  '.helmignore': 'ignored/\n',
};

const methods: Array<[string, string[]]> = [
  ['{{ .Files.$0 }}', ['AsConfig', 'AsSecrets', 'Get', 'GetBytes', 'Glob', 'Lines']],
  ['{{ $.Files.G$0 }}', ['Get', 'GetBytes', 'Glob']],
  ['{{ .Capabilities.APIVersions.$0 }}', ['Has']],
  ['{{ .Capabilities.KubeVersion.$0 }}', ['GitVersion', 'Major', 'Minor', 'String', 'Version']],
  ['{{ .Values.T$0 }}', ['Table']],
];

for (const [src, expected] of methods) test(`method completion ${src}`, () => assert.deepEqual(labels(src).sort(), [...expected].sort()));

test('method completion carries Go signatures and docs', () => {
  const { ws, path, offset } = openAt('{{ .Files.Gl$0 }}');
  const e = complete(ws.snapshot(), path, offset).find((x) => x.label === 'Glob');
  assert.equal(e?.kind, 'method');
  assert.equal(e?.detail, 'Glob(pattern string) files');
  assert.match(e?.documentation ?? '', /glob pattern/);
  const h = complete(openAt('{{ .Capabilities.APIVersions.$0 }}').ws.snapshot(), openAt('{{ .Capabilities.APIVersions.$0 }}').path, openAt('{{ .Capabilities.APIVersions.$0 }}').offset)[0];
  assert.equal(h.detail, 'Has(apiVersion string) bool');
  // Values methods are offered only once typed (test/analysis/completion-methods.test.ts).
});

test('file paths inside .Files.Get/Glob strings honour .helmignore', () => {
  // .helmignore itself is a chart file in Helm (it is not ignored by its own rules).
  assert.deepEqual(labels('{{ .Files.Get "$0" }}', undefined, FILES).sort(), ['.helmignore', 'config/x.txt', 'files/app.conf', 'files/nested/b.json']);
  assert.deepEqual(labels('{{ .Files.Get "files/$0', undefined, FILES).sort(), ['files/app.conf', 'files/nested/b.json']);
  assert.deepEqual(labels('{{ .Files.Lines "con$0" }}', undefined, FILES), ['config/x.txt']);
  const glob = labels('{{ (.Files.Glob "files/$0").AsConfig }}', undefined, FILES);
  for (const l of ['files/*', 'files/**', 'files/nested/*', 'files/app.conf']) assert.ok(glob.includes(l), `${l} in ${glob.join(',')}`);
  assert.ok(!labels('{{ .Files.Get "$0" }}', undefined, FILES).some((l) => l.startsWith('ignored/') || l.startsWith('templates/') || l === 'values.yaml'));
  const { ws, path, offset } = openAt('{{ .Files.Get "files/a$0" }}', undefined, FILES);
  const e = complete(ws.snapshot(), path, offset)[0];
  assert.deepEqual([e.label, e.replace], ['files/app.conf', { start: 15, end: 22 }]);
});

test('API versions inside .Capabilities.APIVersions.Has strings', () => {
  const got = labels('{{ if .Capabilities.APIVersions.Has "apps/$0" }}{{ end }}');
  assert.ok(got.includes('apps/v1'), got.join(','));
  assert.ok(got.every((l) => l.startsWith('apps/')));
  assert.ok(labels('{{ $.Capabilities.APIVersions.Has "$0').includes('v1'));
});
