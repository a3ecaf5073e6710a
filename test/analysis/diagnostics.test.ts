// Diagnostics over in-memory fixture charts: guards of the values-missing check, required/fail at
// their call, rendered-YAML problems placed through the source map, unused values keys, schema
// violations at keys, lint on save. Expectations name template text, never rendered lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnostics } from '../../server/src/analysis/diagnostics';
import { ROOT, openAt } from './fixture';

interface D {
  code: string;
  text: string;
  message: string;
  severity: string;
}

function diag(src: string, opts: { render?: boolean; lint?: boolean; file?: string; extra?: Record<string, string>; at?: string } = {}): D[] {
  const { ws, path, text } = openAt(src.includes('$0') ? src : '$0' + src, opts.file ?? 'templates/test.yaml', opts.extra ?? {});
  const target = opts.at !== undefined ? `${ROOT}/${opts.at}` : path;
  const t = opts.at !== undefined ? (ws.snapshot().text(target) ?? '') : text;
  return diagnostics(ws.snapshot(), target, { render: opts.render ?? false, lint: opts.lint }).map((d) => ({ code: d.code, text: t.slice(d.start, d.end), message: d.message, severity: d.severity }));
}

function codes(ds: D[], code: string): string[] {
  return ds.filter((d) => d.code === code).map((d) => d.text);
}

const guarded: Array<[string, string[]]> = [
  ['{{ .Values.nope }}', ['nope']],
  ['{{ if .Values.nope }}{{ .Values.nope.deeper }}{{ end }}', []],
  ['{{ if .Values.image }}{{ .Values.image.nope }}{{ end }}', ['nope']],
  ['{{ with .Values.nope }}{{ .x }}{{ end }}', []],
  ['{{ range .Values.nope }}{{ . }}{{ end }}', []],
  ['{{ .Values.nope | default "x" }}', []],
  ['{{ default "x" .Values.nope }}', []],
  ['{{ default "x" .Values.nope | quote }}', []],
  ['{{ .Values.nope | quote }}', ['nope']],
  ['{{ if hasKey .Values.image "nope" }}{{ .Values.image.nope }}{{ end }}', []],
  ['{{ if and .Values.a .Values.b }}{{ .Values.a.x }}{{ .Values.c }}{{ end }}', ['c']],
  ['{{ if .Values.nope }}{{ else }}{{ .Values.nope.x }}{{ end }}', ['nope']],
  ['{{ required "set it" .Values.nope }}', []],
  // A variable bound to an unset value is reported where it is used unguarded.
  ['{{ $x := .Values.nope }}{{ $x }}', ['nope']],
  ['{{ $x := .Values.nope }}{{ if not $x }}{{ end }}{{ and $x 1 }}', []],
  ['{{ coalesce .Values.nope .Values.image.tag }}', []],
  ['{{ if (empty .Values.nope) }}{{ end }}', []],
];

for (const [src, expected] of guarded) {
  test(`values-missing guards: ${src}`, () => assert.deepEqual(codes(diag(src), 'values-missing'), expected));
}

test('required/fail: template-fail at the call with the chart author\'s text', () => {
  const d = diag('a: {{ required "image.tag is required" .Values.nope }}\n', { render: true });
  const f = d.find((x) => x.code === 'template-fail');
  assert.deepEqual([f?.text, f?.message, f?.severity], ['required "image.tag is required" .Values.nope', 'required: image.tag is required', 'error']);
  const g = diag('{{ if not .Values.image.tag }}{{ fail "no tag" }}{{ end }}{{ if .Values.replicaCount }}{{ fail "replicas set" }}{{ end }}', { render: true });
  assert.deepEqual(codes(g, 'template-fail'), ['fail "replicas set"']);
});

test('rendered YAML: a bad nindent is reported at the include call, not at an output line', () => {
  const extra = { 'templates/_lbl.tpl': '{{- define "lbl" -}}\napp: x\nteam: y\n{{- end }}' };
  const d = diag('metadata:\n  labels:\n    {{- include "lbl" . | nindent 1 }}\n  name: z\n', { render: true, extra });
  const bad = d.filter((x) => x.code.startsWith('rendered-'));
  assert.ok(bad.length > 0, JSON.stringify(d));
  for (const b of bad) assert.ok(b.text.includes('include "lbl"') || b.text.includes('nindent'), JSON.stringify(b));
  // The same define with the right width is fine.
  const ok = diag('metadata:\n  labels:\n    {{- include "lbl" . | nindent 4 }}\n  name: z\n', { render: true, extra });
  assert.deepEqual(ok.filter((x) => x.code.startsWith('rendered-')), []);
});

test('rendered YAML: invalid text lines are narrowed to the template line', () => {
  const d = diag('a: 1\nb: [1, 2\nc: {{ .Values.replicaCount }}\n', { render: true });
  const bad = d.filter((x) => x.code === 'rendered-yaml-invalid');
  assert.equal(bad.length, 1, JSON.stringify(d));
  assert.match(bad[0].message, /yaml: /);
  assert.ok(!bad[0].text.includes('\n'), JSON.stringify(bad[0]));
});

test('rendered YAML: duplicate keys at the second key', () => {
  const d = diag('a: 1\nb: {{ .Values.replicaCount }}\na: 2\n', { render: true });
  const dup = d.filter((x) => x.code === 'rendered-duplicate-key');
  assert.equal(dup.length, 1, JSON.stringify(d));
  assert.equal(dup[0].text, 'a: 2');
  assert.equal(dup[0].severity, 'warning');
});

test('values.yaml: unused keys are hints at the topmost unread key', () => {
  // The fixture's templates read replicaCount, image.tag and ports (the test document) and
  // sub's service.port (so sub.enabled and sub.extra in the parent's values.yaml are unread);
  // global.env is read by no chart of the tree.
  const d = diag('{{ .Values.image.tag }}{{ .Values.ports }}', { render: true, at: 'values.yaml' });
  const unused = d.filter((x) => x.code === 'values-unused');
  assert.deepEqual(unused.map((x) => x.text).sort(), ['enabled', 'extra', 'global', 'imagePullSecrets', 'repository']);
  assert.ok(unused.every((x) => x.severity === 'hint'));
  // A whole-.Values use turns the check off.
  const all = diag('{{ toYaml .Values }}', { render: true, at: 'values.yaml' });
  assert.deepEqual(codes(all, 'values-unused'), []);
  // index with literal keys counts as a read.
  const idx = diag('{{ .Values.image.tag }}{{ .Values.ports }}{{ index .Values "imagePullSecrets" }}{{ index .Values.image "repository" }}', { render: true, at: 'values.yaml' });
  assert.deepEqual(codes(idx, 'values-unused'), ['global', 'enabled', 'extra']);
});

test('values.yaml: subchart keys are checked against the subchart templates', () => {
  const d = diag('{{ .Values.image }}{{ .Values.ports }}{{ .Values.imagePullSecrets }}', { render: true, at: 'values.yaml' });
  // sub.extra is not read by charts/sub/templates (which reads .Values.service.port only).
  assert.deepEqual(codes(d, 'values-unused'), ['global', 'enabled', 'extra']);
});

test('values.yaml: schema violations at the offending key', () => {
  const schema = JSON.stringify({ type: 'object', properties: { replicaCount: { type: 'string' }, image: { type: 'object', properties: { tag: { type: 'integer' } } } } });
  const d = diag('x', { render: true, at: 'values.yaml', extra: { 'values.schema.json': schema } });
  const s = d.filter((x) => x.code === 'values-schema');
  assert.deepEqual(s.map((x) => x.text).sort(), ['replicaCount', 'tag']);
  assert.ok(s.every((x) => x.severity === 'error' && x.message.startsWith('values.schema.json: ')));
  // Completion/hover keep working: the model is prepared without failing on the schema.
  assert.deepEqual(codes(diag('{{ .Values.image.tag }}', { extra: { 'values.schema.json': schema } }), 'values-missing'), []);
});

test('lint on save: Chart.yaml findings at their key, template findings in their file', () => {
  const extra = { 'Chart.yaml': 'apiVersion: v2\nname: mychart\nversion: notsemver\n' };
  const d = diag('x', { lint: true, at: 'Chart.yaml', extra });
  const l = d.filter((x) => x.code === 'chart-lint');
  const v = l.find((x) => /version/.test(x.message) && x.severity === 'error');
  assert.ok(v !== undefined, JSON.stringify(l));
  assert.equal(v.text, 'version');
  assert.ok(l.some((x) => x.severity === 'information' && /icon/.test(x.message)), JSON.stringify(l));
  const t = diag('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: BAD_NAME\n', { lint: true });
  assert.ok(t.some((x) => x.code === 'chart-lint' && /BAD_NAME/.test(x.message)), JSON.stringify(t));
  // Not without lint.
  assert.deepEqual(codes(diag('x', { at: 'Chart.yaml', extra }), 'chart-lint'), []);
});

test('every new code is configurable', () => {
  const { ws, path } = openAt('$0x: {{ .Values.image.tag }}\na: 1\na: 2\n');
  ws.setSettings({ ...ws.snapshot().settings, severity: { 'rendered-duplicate-key': 'off' } });
  assert.deepEqual(diagnostics(ws.snapshot(), path, { render: true }).filter((d) => d.code === 'rendered-duplicate-key'), []);
  ws.setSettings({ ...ws.snapshot().settings, severity: { 'rendered-duplicate-key': 'error' } });
  assert.equal(diagnostics(ws.snapshot(), path, { render: true }).find((d) => d.code === 'rendered-duplicate-key')?.severity, 'error');
});
