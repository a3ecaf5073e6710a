// Source maps: each output range maps to the node (file, UTF-16 range) that wrote it, with the
// call stack of template/include/tpl call sites. (Pure engine behaviour; no Helm oracle needed.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateSet, segmentAt, callStack } from '../../server/src/template/index';
import type { SourceMap } from '../../server/src/template/index';
import { stubFuncs } from './exec.test';
import { fromJS } from '../../server/src/template/value';

const runtime = { now: () => new Date(0), randomBytes: (n: number) => new Uint8Array(n), localZone: 'UTC' };

function render(files: Record<string, string>, main: string): { output: string; map: SourceMap } {
  const set = new TemplateSet({ funcs: stubFuncs(), helmVersion: 4, runtime });
  for (const [n, t] of Object.entries(files)) assert.equal(set.addFile(n, t), null);
  const r = set.execute(main, fromJS({ Values: { name: 'web', list: [1, 2] } }), { sourceMap: true });
  assert.ok(r.sourceMap);
  return { output: r.output, map: r.sourceMap };
}

function srcOf(files: Record<string, string>, map: SourceMap, off: number): string {
  const s = segmentAt(map, off);
  assert.ok(s, `no segment at ${off}`);
  return files[s.loc.parseName].slice(s.loc.start, s.loc.end);
}

test('text and action segments', () => {
  const files = { 'f.yaml': 'name: {{ .Values.name }}\nx: 1\n' };
  const { output, map } = render(files, 'f.yaml');
  assert.equal(output, 'name: web\nx: 1\n');
  assert.equal(srcOf(files, map, 0), 'name: ');
  const act = segmentAt(map, output.indexOf('web'));
  assert.equal(act?.kind, 'action');
  assert.equal(srcOf(files, map, output.indexOf('web')), '{{ .Values.name }}');
  assert.equal(act?.stack, null);
  assert.equal(srcOf(files, map, output.indexOf('x')), '\nx: 1\n');
  // Segments are ordered and cover the whole output here.
  let pos = 0;
  for (const s of map.segments) {
    assert.equal(s.outStart, pos);
    pos = s.outEnd;
  }
  assert.equal(pos, output.length);
});

test('template calls record the call site', () => {
  const files = {
    'h.tpl': '{{ define "t" }}<{{ . }}>{{ end }}',
    'f.yaml': 'a {{ template "t" .Values.name }} b',
  };
  const { output, map } = render(files, 'f.yaml');
  assert.equal(output, 'a <web> b');
  const s = segmentAt(map, output.indexOf('web'));
  assert.ok(s);
  assert.equal(s.loc.parseName, 'h.tpl');
  assert.equal(s.loc.templateName, 't');
  assert.equal(files['h.tpl'].slice(s.loc.start, s.loc.end), '{{ . }}');
  const stack = callStack(s);
  assert.equal(stack.length, 1);
  assert.equal(stack[0].kind, 'template');
  assert.equal(files['f.yaml'].slice(stack[0].loc.start, stack[0].loc.end), '{{ template "t" .Values.name }}');
});

test('include results are attributed inside the printing action (exact and indented)', () => {
  const files = {
    'h.tpl': '{{ define "lbl" }}app: {{ .Values.name }}\ntier: x{{ end }}',
    'f.yaml': 'm:\n{{ include "lbl" . }}\nn:{{ include "lbl" . | nindent 2 }}\n',
  };
  const { output, map } = render(files, 'f.yaml');
  assert.equal(output, 'm:\napp: web\ntier: x\nn:\n  app: web\n  tier: x\n');
  const first = output.indexOf('web');
  const s1 = segmentAt(map, first);
  assert.ok(s1);
  assert.equal(files['h.tpl'].slice(s1.loc.start, s1.loc.end), '{{ .Values.name }}');
  assert.equal(callStack(s1)[0].kind, 'include');
  assert.equal(files['f.yaml'].slice(callStack(s1)[0].loc.start, callStack(s1)[0].loc.end), '{{ include "lbl" . }}');
  const second = output.indexOf('web', first + 1);
  const s2 = segmentAt(map, second);
  assert.ok(s2);
  assert.equal(s2.loc.parseName, 'h.tpl');
  assert.equal(files['h.tpl'].slice(s2.loc.start, s2.loc.end), '{{ .Values.name }}');
  // The indentation itself belongs to the action.
  const s3 = segmentAt(map, output.indexOf('  app'));
  assert.equal(s3?.loc.parseName, 'f.yaml');
});

test('range bodies and no map when off', () => {
  const files = { 'f.yaml': '{{ range .Values.list }}[{{ . }}]{{ end }}' };
  const { output, map } = render(files, 'f.yaml');
  assert.equal(output, '[1][2]');
  assert.equal(srcOf(files, map, 1), '{{ . }}');
  assert.equal(srcOf(files, map, 4), '{{ . }}');
  assert.equal(srcOf(files, map, 3), '[');
  const set = new TemplateSet({ funcs: stubFuncs(), helmVersion: 4, runtime });
  set.addFile('f', 'x');
  assert.equal(set.execute('f', null).sourceMap, undefined);
});
