// Values-file hover and completion documentation built from hostile chart text (keys, values,
// values.schema.json descriptions and enums, template file names): nothing of it may become a
// link, image, HTML or autolink in the Markdown (analysis/mdsafe.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryHost } from '../../server/src/analysis/host';
import { Workspace } from '../../server/src/analysis/snapshot';
import { hover } from '../../server/src/analysis/hover';
import { complete } from '../../server/src/analysis/completion';
import { unsafeIn } from './mdcheck';

const ROOT = '/ws/evil';
const EVIL = '[x](https://evil.example/?q=1) ![i](https://evil.example/i.png) <img src=x> www.evil.example a@b.example ``` `';
const KEY = '"`](https://evil.example)"';
const FILES: Record<string, string> = {
  [`${ROOT}/Chart.yaml`]: 'apiVersion: v2\nname: evil\nversion: 0.1.0\n',
  [`${ROOT}/values.yaml`]: `${KEY}: ${JSON.stringify(EVIL)}\nplain:\n  mode: a\n`,
  [`${ROOT}/values.schema.json`]: JSON.stringify({
    type: 'object',
    properties: {
      plain: { type: 'object', description: EVIL, properties: { mode: { type: 'string', description: EVIL, enum: [EVIL, 'a'] }, other: { type: 'string', description: EVIL } } },
    },
  }),
  [`${ROOT}/templates/[evil](https:x).yaml`]: 'a: {{ .Values.plain.mode }}\nb: {{ index .Values "`](https://evil.example)" }}\nc: {{ .Values.plain.unset }}\n',
};

const CASES: ReadonlyArray<readonly [string, string]> = [
  ['hostile key and value', `${KEY}: `],
  ['schema description and enum, template file name', 'plain:\n  mo'],
  ['parent key', 'pla'],
];

for (const [name, prefix] of CASES) {
  test(`values hover is safe Markdown: ${name}`, () => {
    const ws = new Workspace(memoryHost(FILES));
    const text = FILES[`${ROOT}/values.yaml`];
    const h = hover(ws.snapshot(), `${ROOT}/values.yaml`, text.indexOf(prefix) + prefix.length - 1);
    assert.ok(h !== undefined);
    assert.deepEqual(unsafeIn(h.markdown), [], h.markdown);
  });
}

test('values completion documentation is safe Markdown', () => {
  const ws = new Workspace(memoryHost(FILES));
  const text = 'plain:\n  mode: a\n  \n';
  ws.openDocument(`${ROOT}/values.yaml`, 1, text);
  const items = complete(ws.snapshot(), `${ROOT}/values.yaml`, text.length - 1);
  assert.deepEqual(items.map((i) => i.label).sort(), ['other', 'unset']);
  for (const i of items) assert.deepEqual(unsafeIn(i.documentation ?? ''), [], i.documentation);
});
