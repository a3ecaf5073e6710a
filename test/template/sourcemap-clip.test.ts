// Source maps of indented include output: the include's text segments are cut line by line
// (`nindent` inserts spaces between them) and a cut text segment must keep "output offset
// outStart + k comes from source offset loc.start + k" (issue 12: preview reveal one line off).
// Pure engine behaviour; no Helm oracle needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateSet, segmentAt } from '../../server/src/template/index';
import { fromJS } from '../../server/src/template/value';
import { stubFuncs } from './exec.test';

const runtime = { now: () => new Date(0), randomBytes: (n: number) => new Uint8Array(n), localZone: 'UTC' };

test('every line of an nindented include maps to its own source line', () => {
  const files: Record<string, string> = {
    'h.tpl': '{{- define "lbl" -}}\na: {{ .Values.name }}\nb: fixed\nc: {{ .Values.name }}\n{{- if true }}\nd: x\n{{- end }}\n{{- end }}',
    'f.yaml': 'labels:{{ include "lbl" . | nindent 2 }}\n',
  };
  const set = new TemplateSet({ funcs: stubFuncs(), helmVersion: 4, runtime });
  for (const [n, t] of Object.entries(files)) assert.equal(set.addFile(n, t), null);
  const r = set.execute('f.yaml', fromJS({ Values: { name: 'web' } }), { sourceMap: true });
  assert.equal(r.output, 'labels:\n  a: web\n  b: fixed\n  c: web\n  d: x\n');
  assert.ok(r.sourceMap);
  const src = files['h.tpl'];
  const cases: readonly [outputText: string, sourceText: string][] = [
    ['a: ', 'a: '],
    ['b: fixed', 'b: fixed'],
    ['c: ', 'c: '],
    ['d: x', 'd: x'],
  ];
  for (const [out, want] of cases) {
    const off: number = r.output.indexOf(out);
    const seg = segmentAt(r.sourceMap, off);
    assert.ok(seg, out);
    assert.equal(seg.kind, 'text', out);
    assert.equal(seg.loc.parseName, 'h.tpl', out);
    const at: number = seg.loc.start + (off - seg.outStart);
    assert.ok(at >= seg.loc.start && at + want.length <= seg.loc.end + 1, `${out}: inside the segment`);
    assert.equal(src.slice(at, at + want.length), want, out);
    // The segment's source text is exactly its output text.
    assert.equal(src.slice(seg.loc.start, seg.loc.end), r.output.slice(seg.outStart, seg.outEnd), out);
  }
});
