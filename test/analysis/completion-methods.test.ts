// The Go methods of a values map (`AsMap`, `Encode`, `PathValue`, `Table`, `YAML`) stay out of
// `.Values.` completion until the typed prefix starts one (issue 16), and the list says it is
// incomplete meanwhile so that the client asks again. Expected labels come from the fixture's
// values and the renderer's method sets (no Helm output involved).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { completeList } from '../../server/src/analysis/completion';
import { memoryHost } from '../../server/src/analysis/host';
import { BASE_FILES, ROOT, openAt } from './fixture';
import { inMemory } from '../lsp/harness';

const VALUES_METHODS = ['AsMap', 'Encode', 'PathValue', 'Table', 'YAML'];

function list(src: string): { labels: string[]; methods: string[]; incomplete: boolean } {
  const { ws, path, offset } = openAt(src);
  const r = completeList(ws.snapshot(), path, offset);
  return {
    labels: r.entries.map((e) => e.label).sort(),
    methods: r.entries.filter((e) => e.kind === 'method').map((e) => e.label).sort(),
    incomplete: r.incomplete,
  };
}

// [source with cursor, methods offered, list incomplete]
const table: Array<[string, string[], boolean]> = [
  ['{{ .Values.$0 }}', [], true],
  ['{{ $.Values.$0 }}', [], true],
  // A nested table is a plain map in Helm: no methods at all.
  ['{{ .Values.image.$0 }}', [], false],
  ['{{ with .Values.image }}{{ .T$0 }}{{ end }}', [], false],
  ['{{ with .Values }}{{ .$0 }}{{ end }}', [], true],
  ['{{ with .Values }}{{ .T$0 }}{{ end }}', ['Table'], false],
  ['{{ .Values.As$0 }}', ['AsMap'], false],
  ['{{ .Values.A$0 }}', ['AsMap'], false],
  ['{{ .Values.T$0 }}', ['Table'], false],
  ['{{ .Values.P$0 }}', ['PathValue'], false],
  ['{{ .Values.Y$0 }}', ['YAML'], false],
  ['{{ .Values.E$0 }}', ['Encode'], false],
  // A lowercase prefix is a key being typed: no method.
  ['{{ .Values.i$0 }}', [], false],
  // Other objects keep their methods at an empty prefix (they have no keys to crowd out).
  ['{{ .Files.$0 }}', ['AsConfig', 'AsSecrets', 'Get', 'GetBytes', 'Glob', 'Lines'], false],
];

for (const [src, methods, incomplete] of table) {
  test(`values methods: ${src}`, () => {
    const got = list(src);
    assert.deepEqual(got.methods, methods);
    assert.equal(got.incomplete, incomplete);
  });
}

// `common` is the library subchart's (empty) values table, coalesced into the parent's.
test('.Values. lists exactly the chart keys', () => {
  assert.deepEqual(list('{{ .Values.$0 }}').labels, ['common', 'global', 'image', 'imagePullSecrets', 'ports', 'replicaCount', 'sub']);
  assert.deepEqual(list('{{ .Values.i$0 }}').labels, ['image', 'imagePullSecrets']);
});

test('a values method, once typed, carries its Go signature and docs', () => {
  const { ws, path, offset } = openAt('{{ .Values.As$0 }}');
  const e = completeList(ws.snapshot(), path, offset).entries.find((x) => x.label === 'AsMap');
  assert.equal(e?.kind, 'method');
  assert.equal(e?.detail, 'AsMap() map[string]interface{}');
  assert.match(e?.documentation ?? '', /plain map/);
  for (const m of VALUES_METHODS) {
    const o = openAt(`{{ .Values.${m.slice(0, 2)}$0 }}`);
    const x = completeList(o.ws.snapshot(), o.path, o.offset).entries.find((y) => y.label === m);
    assert.ok(x?.documentation !== undefined && x.documentation.length > 0, m);
  }
});

test('over LSP: `.Values.` is an incomplete list of keys, `.Values.Ta` offers Table', async () => {
  const c = await inMemory(memoryHost({ ...BASE_FILES }));
  try {
    const uri = pathToFileURL(`${ROOT}/templates/cm.yaml`).href;
    const text = 'a: {{ .Values. }}\nb: {{ .Values.Ta }}\n';
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'helm', version: 1, text } });
    type List = { isIncomplete: boolean; items: Array<{ label: string; detail?: string }> };
    const a = (await c.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 14 } })) as List;
    assert.equal(a.isIncomplete, true);
    assert.deepEqual(a.items.map((i) => i.label).sort(), ['common', 'global', 'image', 'imagePullSecrets', 'ports', 'replicaCount', 'sub']);
    const b = (await c.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 16 } })) as List;
    assert.equal(b.isIncomplete, false);
    assert.deepEqual(b.items.map((i) => [i.label, i.detail]), [['Table', 'Table(name string) (Values, error)']]);
  } finally {
    c.dispose();
  }
});
