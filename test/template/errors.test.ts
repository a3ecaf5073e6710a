// TemplateError structure: Go's message, 1-based line, 0-based *byte* column (UTF-8 bytes, tabs
// count 1), UTF-16 ranges, context, cause chains (include), parse errors, lookups, limits.
// Message texts follow the helm-recorded vectors (e.g. xerr-include-chain-error: same defines give
// column 65 for `.x.y`; define-infinite-template for the depth limit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateSet, TemplateError, lineAndByteCol, parseErrorToTemplateError } from '../../server/src/template/index';
import { stubFuncs } from './exec.test';
import { fromJS } from '../../server/src/template/value';
import type { Value } from '../../server/src/template/value';

const runtime = { now: () => new Date(0), randomBytes: (n: number) => new Uint8Array(n), localZone: 'UTC' };

function run(text: string, data: Value = null, extra: Record<string, string> = {}): TemplateError {
  const set = new TemplateSet({ funcs: stubFuncs(), helmVersion: 4, runtime });
  for (const [n, t] of Object.entries(extra)) assert.equal(set.addFile(n, t), null);
  assert.equal(set.addFile('f.yaml', text), null);
  try {
    set.execute('f.yaml', data);
  } catch (e) {
    assert.ok(e instanceof TemplateError, String(e));
    return e;
  }
  throw new Error('expected an error');
}

test('lineAndByteCol counts UTF-8 bytes, tabs as one', () => {
  const text = 'a\n\té€𝄞x';
  assert.deepEqual(lineAndByteCol(text, 0), { line: 1, byteCol: 0 });
  assert.deepEqual(lineAndByteCol(text, 2), { line: 2, byteCol: 0 });
  // \t(1) é(2) €(3) 𝄞(4, two UTF-16 units)
  assert.deepEqual(lineAndByteCol(text, text.indexOf('x')), { line: 2, byteCol: 10 });
});

test('exec error fields and Go message', () => {
  const text = 'é: {{ .Values.x.y }}';
  const e = run(text, fromJS({ Values: {} }));
  assert.equal(e.kind, 'exec');
  // helm: template: mychart/templates/case.yaml:1:14: ... for the same line (é is 2 bytes).
  assert.equal(e.goMessage, 'template: f.yaml:1:14: executing "f.yaml" at <.Values.x.y>: nil pointer evaluating interface {}.y');
  assert.equal(e.message, 'nil pointer evaluating interface {}.y');
  assert.equal(e.name, 'f.yaml');
  assert.equal(e.parseName, 'f.yaml');
  assert.equal(e.line, 1);
  assert.equal(e.byteCol, 14);
  assert.equal(e.context, '.Values.x.y');
  // The node position is the chain's second segment (`.x`), UTF-16 offset 13.
  assert.equal(e.start, text.indexOf('.x'));
  assert.ok(e.end > e.start);
  assert.equal(String(e), e.goMessage);
});

test('errors inside defines report the file and the define name', () => {
  const e = run('{{ template "t" . }}', fromJS({}), { 'h.tpl': 'x\n{{ define "t" }}\n  {{ .a.b }}{{ end }}' });
  assert.equal(e.goMessage, 'template: h.tpl:3:7: executing "t" at <.a.b>: nil pointer evaluating interface {}.b');
  assert.equal(e.parseName, 'h.tpl');
  assert.equal(e.name, 't');
});

test('include errors chain through cause', () => {
  const e = run('# {{ include "a" . }}', fromJS({}), { 'h.tpl': '{{ define "a" }}{{ include "b" . }}{{ end }}{{ define "b" }}{{ .x.y }}{{ end }}' });
  assert.equal(
    e.goMessage,
    'template: f.yaml:1:5: executing "f.yaml" at <include "a" .>: error calling include: ' +
      'template: h.tpl:1:19: executing "a" at <include "b" .>: error calling include: ' +
      'template: h.tpl:1:65: executing "b" at <.x.y>: nil pointer evaluating interface {}.y',
  );
  const c1 = e.cause;
  assert.ok(c1 instanceof TemplateError);
  assert.equal(c1.name, 'a');
  const c2 = c1.cause;
  assert.ok(c2 instanceof TemplateError);
  assert.equal(c2.name, 'b');
  assert.equal(c2.cause, undefined);
  assert.equal(e.message, 'error calling include: ' + c1.goMessage);
});

test('function errors keep the thrown error as cause', () => {
  const e = run('{{ div 1 0 }}');
  assert.equal(e.goMessage, 'template: f.yaml:1:3: executing "f.yaml" at <div 1 0>: error calling div: runtime error: integer divide by zero');
  assert.ok(e.cause instanceof Error);
  assert.ok(!(e.cause instanceof TemplateError));
});

test('include of an undefined template', () => {
  const e = run('{{ include "nope" . }}');
  assert.ok(e.cause instanceof TemplateError);
  assert.equal(e.cause.kind, 'notDefined');
  assert.equal(e.cause.goMessage, 'template: no template "nope" associated with template "gotpl"');
});

test('execute of an unknown name', () => {
  const set = new TemplateSet({ funcs: stubFuncs(), helmVersion: 4, runtime });
  assert.throws(() => set.execute('x', null), (e: unknown) => e instanceof TemplateError && e.kind === 'notDefined');
});

test('parse errors', () => {
  const set = new TemplateSet({ funcs: stubFuncs(), helmVersion: 4, runtime });
  const err = set.addFile('p.yaml', 'a\n{{ nope }}');
  assert.ok(err !== null);
  const te = parseErrorToTemplateError(err);
  assert.equal(te.kind, 'parse');
  assert.equal(te.goMessage, 'template: p.yaml:2: function "nope" not defined');
  assert.equal(te.message, 'function "nope" not defined');
  assert.equal(te.line, 2);
  assert.equal(set.has('p.yaml'), false);
  // tpl parse errors come through parseAndExecute as TemplateErrors (Helm wraps them).
  const e = run('{{ tpl "{{ x" . }}');
  assert.match(e.goMessage, /error calling tpl: cannot parse template "\{\{ x": template: gotpl:1: /);
  assert.ok(e.cause instanceof Error && (e.cause as Error & { cause?: unknown }).cause instanceof TemplateError);
});

test('recursive template: Go depth limit message at the node Go reports', () => {
  const e = run('{{ define "r" }}{{ template "r" . }}{{ end }}# {{ template "r" . }}\n');
  // Recorded from helm (vector define-infinite-template, same text).
  assert.equal(e.goMessage, 'template: f.yaml:1:28: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (100000)');
  // Two-template cycle: "a" runs at odd depths, "b" at even ones, so Go fails inside "b".
  const e2 = run('{{ define "a" }}{{ template "b" . }}{{ end }}{{ define "b" }}{{ template "a" . }}{{ end }}{{ template "a" . }}');
  assert.equal(e2.name, 'b');
  assert.equal(e2.context, '{{template "a" .}}');
  const set = new TemplateSet({ funcs: stubFuncs(), helmVersion: 4, runtime, limits: { maxTemplateDepth: 10 } });
  set.addFile('f', '{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}');
  assert.throws(() => set.execute('f', null), /exceeded maximum template depth \(10\)/);
});

test('limits: output size and abort signal', () => {
  const set = new TemplateSet({ funcs: stubFuncs(), helmVersion: 4, runtime, limits: { maxOutputBytes: 100 } });
  set.addFile('f', '{{ range 1000 }}xx{{ end }}');
  assert.throws(() => set.execute('f', null), (e: unknown) => e instanceof TemplateError && e.kind === 'limit');
  const ac = new AbortController();
  ac.abort();
  const set2 = new TemplateSet({ funcs: stubFuncs(), helmVersion: 4, runtime });
  set2.addFile('f', '{{ range 10 }}x{{ end }}');
  assert.throws(() => set2.execute('f', null, { signal: ac.signal }), /aborted/);
});

test('associate: an empty redefinition does not replace; clone is independent', () => {
  const set = new TemplateSet({ funcs: stubFuncs(), helmVersion: 4, runtime });
  set.addFile('a', '{{ define "t" }}A{{ end }}');
  set.addFile('b', '{{ define "t" }}  {{ end }}');
  set.addFile('m', '{{ template "t" }}');
  assert.equal(set.execute('m', null).output, 'A');
  const c = set.clone();
  c.addFile('c', '{{ define "t" }}C{{ end }}');
  assert.equal(c.execute('m', null).output, 'C');
  assert.equal(set.execute('m', null).output, 'A');
  assert.deepEqual(set.names().sort(), ['a', 'b', 'm', 't']);
});
