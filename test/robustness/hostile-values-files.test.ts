// Values-file hover, completion, definition and CodeLens on hostile values files: every request at
// every offset answers (never throws) and the whole sweep finishes within a generous bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryHost } from '../../server/src/analysis/host';
import { Workspace } from '../../server/src/analysis/snapshot';
import { hover } from '../../server/src/analysis/hover';
import { complete } from '../../server/src/analysis/completion';
import { definition } from '../../server/src/analysis/definition';
import { codeLenses, resolveCodeLens } from '../../server/src/analysis/codelens';
import { boundedBy } from './gen';

const timed = boundedBy(20000);
const ROOT = '/ws/h';

const CASES: ReadonlyArray<readonly [string, string]> = [
  ['aliases', 'a: &x {b: 1, c: [1, 2]}\nd: *x\ne:\n  <<: *x\n  f: 2\n'],
  ['deep block nesting', Array.from({ length: 300 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n') + ' 1\n'],
  ['deep flow nesting', 'a: ' + '['.repeat(2000) + ']'.repeat(2000) + '\n'],
  ['tabs, CRLF, odd keys', 'a:\r\n\tb: 1\r\n"": 2\n? [x]\n: 3\n- 4\n"\u2028": 5\n'],
  ['half-typed', 'service:\n  ty\nimage:\n  - na\n    x: [\n'],
  ['list of maps', 'extra:\n  - name: a\n    port: 1\n  -\n    - deep: 2\n'],
];

for (const [name, values] of CASES) {
  test(`values-file requests on hostile text answer everywhere: ${name}`, () => {
    const ws = new Workspace(
      memoryHost({
        [`${ROOT}/Chart.yaml`]: 'apiVersion: v2\nname: h\nversion: 0.1.0\n',
        [`${ROOT}/values.yaml`]: values,
        [`${ROOT}/values.schema.json`]: '{"$ref": "#", "properties": {"a": {"$ref": "#/properties/a"}}}',
        [`${ROOT}/templates/t.yaml`]: 'a: {{ .Values.a.b }}{{ index .Values "e" "f" }}\n',
      }),
    );
    const path = `${ROOT}/values.yaml`;
    ws.openDocument(path, 1, values);
    const snap = ws.snapshot();
    timed(name, () => {
      for (let o = 0; o <= values.length; o += Math.max(1, Math.floor(values.length / 400))) {
        hover(snap, path, o);
        complete(snap, path, o);
        definition(snap, path, o);
      }
      for (const l of codeLenses(snap, path)) resolveCodeLens(snap, l.data);
    });
    assert.ok(true);
  });
}
