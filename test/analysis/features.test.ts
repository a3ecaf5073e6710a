// Hover, definition, symbols and diagnostics over in-memory fixture charts ($0 marks the cursor).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cursorContext } from '../../server/src/analysis/context';
import { definition } from '../../server/src/analysis/definition';
import { diagnostics } from '../../server/src/analysis/diagnostics';
import { hover } from '../../server/src/analysis/hover';
import { documentSymbols } from '../../server/src/analysis/symbols';
import { BASE_FILES, ROOT, openAt, withCursor } from './fixture';

const contexts: Array<[string, string]> = [
  ['{{ .Values.a$0 }}', 'path'],
  ['{{ .Values.$0', 'path'],
  ['{{ $x$0 }}', 'variable'],
  ['{{ $.Values.$0 }}', 'path'],
  ['{{ to$0 }}', 'operand'],
  ['{{ include "x$0" . }}', 'templateName'],
  ['{{ template "x$0" }}', 'templateName'],
  ['{{ quote "x$0" }}', 'none'],
  ['text $0 {{ x }}', 'text'],
  ['{{ x }} $0', 'text'],
  ['{{/* c$0 */}}', 'text'],
];
for (const [src, kind] of contexts) {
  test(`context ${src}`, () => {
    const { text, offset } = withCursor(src);
    assert.equal(cursorContext(text, offset).kind, kind);
  });
}

function hoverAt(src: string, file?: string): string {
  const { ws, path, offset } = openAt(src, file);
  return hover(ws.snapshot(), path, offset)?.markdown ?? '';
}

test('hover: values path with effective value and layer', () => {
  const md = hoverAt('{{ .Values.image.t$0ag }}');
  assert.match(md, /\.Values\.image\.tag/);
  assert.match(md, /"1\.25"/);
  assert.match(md, /values\.yaml of chart mychart/);
  assert.match(hoverAt('{{ .Values.nope$0 }}'), /Not set in any values layer/);
  // Subchart: parent's values.yaml wins over the subchart's default.
  assert.match(hoverAt('{{ .Values.ena$0bled }}', 'charts/sub/templates/x.yaml'), /true[\s\S]*values\.yaml of chart mychart/);
  assert.match(hoverAt('{{ .Values.service.po$0rt }}', 'charts/sub/templates/x.yaml'), /8080[\s\S]*values\.yaml of chart sub/);
  assert.match(hoverAt('{{ .Values.global.e$0nv }}', 'charts/sub/templates/x.yaml'), /prod[\s\S]*values\.yaml of chart mychart/);
});

test('hover: functions, variables, defines', () => {
  assert.match(hoverAt('{{ to$0Yaml . }}'), /toYaml VALUE/);
  assert.match(hoverAt('{{ $x := .Values.image }}{{ $$0x }}'), /repository: nginx/);
  const md = hoverAt('{{ include "mychart.la$0bels" . }}');
  assert.match(md, /templates\/_helpers\.tpl/);
  assert.match(md, /app: mychart/);
  assert.match(hoverAt('{{ .Release.Na$0me }}'), /release-name/);
});

test('definition: values key, define, variable', () => {
  const d1 = openAt('{{ .Values.image.t$0ag }}');
  const [l1] = definition(d1.ws.snapshot(), d1.path, d1.offset);
  assert.equal(l1.path, `${ROOT}/values.yaml`);
  assert.equal(BASE_FILES[l1.path].slice(l1.start, l1.end), 'tag');
  const d2 = openAt('{{ .Values.service.po$0rt }}', 'charts/sub/templates/x.yaml');
  const [l2] = definition(d2.ws.snapshot(), d2.path, d2.offset);
  assert.equal(l2.path, `${ROOT}/charts/sub/values.yaml`);
  const d3 = openAt('{{ include "common.full$0name" . }}');
  const [l3] = definition(d3.ws.snapshot(), d3.path, d3.offset);
  assert.equal(l3.path, `${ROOT}/charts/common/templates/_names.tpl`);
  assert.equal(BASE_FILES[l3.path].slice(l3.start, l3.end), '"common.fullname"');
  const d4 = openAt('{{ $v := 1 }}{{ $$0v }}');
  const [l4] = definition(d4.ws.snapshot(), d4.path, d4.offset);
  assert.deepEqual([l4.start, l4.end], [3, 5]);
});

test('symbols: defines and values keys', () => {
  const { ws } = openAt('$0');
  const snap = ws.snapshot();
  assert.deepEqual(documentSymbols(snap, `${ROOT}/templates/_helpers.tpl`).map((s) => s.name), ['mychart.name', 'mychart.labels']);
  const keys = documentSymbols(snap, `${ROOT}/values.yaml`);
  assert.deepEqual(keys.map((s) => s.name), ['image', 'imagePullSecrets', 'replicaCount', 'ports', 'global', 'sub']);
  assert.deepEqual(keys[0].children.map((s) => s.name), ['repository', 'tag']);
});

function diag(src: string, render = true, extra: Record<string, string> = {}): Array<{ code: string; text: string; message: string }> {
  const { ws, path, text } = openAt(src, 'templates/test.yaml', extra);
  return diagnostics(ws.snapshot(), path, { render }).map((d) => ({ code: d.code, text: text.slice(d.start, d.end), message: d.message }));
}

test('diagnostics: parse errors with exact ranges', () => {
  const d = diag('$0{{ .Values.x ) }}', false);
  assert.equal(d[0].code, 'parse-error');
  assert.equal(d[0].text, ')');
  const u = diag('$0{{ nosuch 1 }}', false);
  assert.deepEqual(u.map((x) => [x.code, x.text]), [['undefined-function', 'nosuch']]);
});

test('diagnostics: missing values paths', () => {
  const d = diag('$0{{ .Values.image.nope }}{{ .Values.replicaCount }}{{ with .Values.image }}{{ .bad }}{{ end }}', false);
  assert.deepEqual(d.map((x) => [x.code, x.text]), [['values-missing', 'nope'], ['values-missing', 'bad']]);
});

test('diagnostics: render errors mapped to the template with include stack', () => {
  const d = diag('$0a: {{ include "mychart.bad" . }}', true, { 'templates/_bad.tpl': '{{ define "mychart.bad" }}{{ fail "boom" }}{{ end }}' });
  // `fail` stops the render on purpose: reported as template-fail with its own text.
  const r = d.find((x) => x.code === 'template-fail');
  assert.ok(r !== undefined);
  assert.equal(r.text, 'include "mychart.bad" .');
  assert.equal(r.message, 'fail: boom');
  const { ws, path } = openAt('$0a: {{ include "mychart.bad" . }}', 'templates/test.yaml', { 'templates/_bad.tpl': '{{ define "mychart.bad" }}{{ fail "boom" }}{{ end }}' });
  const full = diagnostics(ws.snapshot(), path, { render: true }).find((x) => x.code === 'template-fail');
  assert.ok(full?.related?.some((x) => x.location.path === `${ROOT}/templates/_bad.tpl`));
});

test('diagnostics: severity overrides and off', () => {
  const { ws, path } = openAt('$0{{ .Values.nope }}');
  ws.setSettings({ ...ws.snapshot().settings, severity: { 'values-missing': 'off' } });
  assert.equal(diagnostics(ws.snapshot(), path, { render: false }).length, 0);
  ws.setSettings({ ...ws.snapshot().settings, severity: { 'values-missing': 'error' } });
  assert.equal(diagnostics(ws.snapshot(), path, { render: false })[0].severity, 'error');
});

test('snapshots: an edit makes the old snapshot stale; template edits do not reload the chart', () => {
  const { ws, path } = openAt('$0{{ .Values.image }}');
  const s1 = ws.snapshot();
  const m1 = s1.model(ROOT);
  ws.changeDocument(path, 2, '{{ .Values.replicaCount }}');
  assert.equal(s1.isCurrent(), false);
  const s2 = ws.snapshot();
  assert.equal(s2.model(ROOT), m1);
  ws.changeDocument(`${ROOT}/values.yaml`, 1, 'x: 1\n');
  assert.notEqual(ws.snapshot().model(ROOT), m1);
});

test('bad input never throws', () => {
  const srcs = ['{{', '{{ .', '{{ $', '{{ include "', '{{ define }}', '{{ range $a, $b, $c := . }}', '{{ (.Values).x$0 }}', '}}{{{{', '{{ template "a" (.Values.x }}'];
  for (const s of srcs) {
    const src = s.includes('$0') ? s : s + '$0';
    const { ws, path, offset } = openAt(src);
    const snap = ws.snapshot();
    for (let o = 0; o <= offset; o++) {
      hover(snap, path, o);
      definition(snap, path, o);
    }
    diagnostics(snap, path, { render: true });
  }
});
