// Incremental renders with a `byContent` IncrementalCache (render/incremental.ts), as the one-shot
// CLI uses it from its disk cache: no ParseCache, every render parses afresh (as a new process
// does), and the trees a file looked up are compared by treeIdentity. With the fingerprint held
// equal, only the texts and the looked-up trees decide: after each edit the render must give
// what a full render gives, and re-execute exactly the files whose text or looked-up trees changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render, type EngineTemplate, type RenderResult } from '../../server/src/render/engine';
import { IncrementalCache, treeIdentity } from '../../server/src/render/incremental';
import { helmFuncMap } from '../../server/src/render/funcmap';
import { parse } from '../../server/src/template/parse/parse';
import type { Runtime } from '../../server/src/template/func';

const runtime: Runtime = { now: () => new Date(0), randomBytes: (n) => new Uint8Array(n), localZone: 'UTC' };

const HELPERS = '{{- define "c.name" -}}name-{{ .Values.n }}{{- end -}}\n{{- define "c.other" -}}other{{- end -}}\n';
const FILES: Readonly<Record<string, string>> = {
  'c/templates/_helpers.tpl': HELPERS,
  'c/templates/a.yaml': 'a: {{ include "c.name" . }}\n',
  'c/templates/b.yaml': 'b: {{ include "c.other" . }}\n',
  'c/templates/c.yaml': 'c: {{ template "c.other" . }}\n',
  'c/templates/d.yaml': 'd: {{ include "c/templates/e.yaml" . | trim }}\n',
  'c/templates/e.yaml': 'e-own\n',
  'c/templates/f.yaml': 'f: {{ if (lookup "v1" "x" "" "") }}{{ end }}plain\n',
};

/** templates: FILES with `edits` (undefined removes a file), each with its own fresh context. */
function templates(edits: Readonly<Record<string, string | undefined>> = {}): EngineTemplate[] {
  const files = { ...FILES, ...edits };
  const vals = new Map<string, unknown>([['Values', new Map([['n', 1]])]]);
  return Object.entries(files)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([path, text]) => ({ path, text, vals: vals as EngineTemplate['vals'], basePath: 'c/templates', library: false }));
}

function run(tpls: EngineTemplate[], inc?: IncrementalCache): RenderResult {
  return render(tpls, { helmVersion: 4, runtime, funcs: helmFuncMap(4), incremental: inc === undefined ? undefined : { cache: inc, fingerprint: 'same' } });
}

function texts(r: RenderResult): Map<string, string> {
  return new Map([...r.files].map(([k, v]) => [k, v.text]));
}

const ROWS: readonly { readonly name: string; readonly edits: Readonly<Record<string, string | undefined>>; readonly executed: readonly string[] }[] = [
  { name: 'nothing', edits: {}, executed: ['c/templates/f.yaml'] },
  { name: "a define's body (same length)", edits: { 'c/templates/_helpers.tpl': HELPERS.replace('name-', 'nome-') }, executed: ['c/templates/f.yaml', 'c/templates/a.yaml'] },
  {
    name: "a define's body (longer: the next define's offsets move)",
    edits: { 'c/templates/_helpers.tpl': HELPERS.replace('name-', 'names-') },
    executed: ['c/templates/f.yaml', 'c/templates/c.yaml', 'c/templates/b.yaml', 'c/templates/a.yaml'],
  },
  { name: 'text after the defines (same offsets, same slices)', edits: { 'c/templates/_helpers.tpl': `${HELPERS}{{/* x */}}\n` }, executed: ['c/templates/f.yaml'] },
  { name: "a file's own text", edits: { 'c/templates/b.yaml': 'b: {{ include "c.other" . }} \n' }, executed: ['c/templates/f.yaml', 'c/templates/b.yaml'] },
  { name: 'a file included by its path', edits: { 'c/templates/e.yaml': 'e-changed\n' }, executed: ['c/templates/f.yaml', 'c/templates/e.yaml', 'c/templates/d.yaml'] },
  {
    name: 'the same define moved to another file',
    edits: { 'c/templates/_helpers.tpl': '{{- define "c.other" -}}other{{- end -}}\n', 'c/templates/_moved.tpl': '{{- define "c.name" -}}name-{{ .Values.n }}{{- end -}}\n' },
    executed: ['c/templates/f.yaml', 'c/templates/c.yaml', 'c/templates/b.yaml', 'c/templates/a.yaml'],
  },
  { name: 'a removed file', edits: { 'c/templates/b.yaml': undefined }, executed: ['c/templates/f.yaml'] },
];

for (const row of ROWS) {
  test(`content cache: after ${row.name}, a render with fresh parses gives the full render, re-executing only what changed`, () => {
    const inc = new IncrementalCache(true);
    const warm = run(templates(), inc);
    assert.equal(warm.error?.message, undefined);
    const again = run(templates(row.edits), inc);
    assert.deepEqual(texts(again), texts(run(templates(row.edits))));
    assert.deepEqual(again.executed, row.executed);
  });
}

test('content cache: entries name the trees looked up by treeIdentity', () => {
  const inc = new IncrementalCache(true);
  run(templates(), inc);
  const kept = inc.entries.get('c/templates/b.yaml');
  assert.ok(kept !== undefined);
  const other = parse('c/templates/_helpers.tpl', HELPERS, { isFunc: () => true }).trees.get('c.other') ?? assert.fail();
  assert.deepEqual([...kept.deps], [['c.other', treeIdentity(other)]]);
});

test('content cache: an identity cache without a ParseCache does not reuse (trees are new objects)', () => {
  const inc = new IncrementalCache();
  run(templates(), inc);
  assert.equal(run(templates(), inc).executed, undefined);
});

const TREE_ROWS: readonly { readonly name: string; readonly a: string; readonly b: string; readonly same: boolean }[] = [
  { name: 'the same text', a: HELPERS, b: HELPERS, same: true },
  { name: 'text after the define', a: HELPERS, b: `${HELPERS}x`, same: true },
  { name: 'text before the define', a: HELPERS, b: ` ${HELPERS}`, same: false },
  { name: "the define's body", a: HELPERS, b: HELPERS.replace('name-', 'nom-'), same: false },
];

for (const row of TREE_ROWS) {
  test(`treeIdentity of a define: ${row.name} → ${row.same ? 'same' : 'different'}`, () => {
    const id = (text: string, file = 'c/templates/_helpers.tpl'): string => treeIdentity(parse(file, text, { isFunc: () => true }).trees.get('c.name') ?? assert.fail());
    assert.equal(id(row.a) === id(row.b), row.same);
    // Another file's copy (parseName) is another tree.
    assert.notEqual(id(row.a), id(row.a, 'c/templates/_copy.tpl'));
  });
}

test("treeIdentity of a file's own tree names its whole text", () => {
  const id = (text: string): string => treeIdentity(parse('c/templates/e.yaml', text, { isFunc: () => true }).trees.get('c/templates/e.yaml') ?? assert.fail());
  assert.equal(id('e\n'), id('e\n'));
  assert.notEqual(id('e\n'), id('e\n{{/* x */}}'));
});
