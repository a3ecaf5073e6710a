// analysis/k8slazyyaml.ts: a lazily decoded document reads, value for value, what the whole
// document decodes to (unmarshalJSONValue, the reference); the shapes its line scan does not
// follow fall back to the real decoder (whole mapping, or the whole document's value at that path).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unmarshalJSONValue } from '../../server/src/analysis/k8sjson';
import { lazyDocument } from '../../server/src/analysis/k8slazyyaml';

/** materialized reads every property of a lazy document (JSON.stringify runs every getter). */
function materialized(text: string): unknown {
  const lazy = lazyDocument(text);
  return lazy === undefined ? unmarshalJSONValue(text) : (JSON.parse(JSON.stringify(lazy)) as unknown);
}

test('lazyDocument reads what the whole document decodes to', () => {
  const table: Array<[string, string, boolean]> = [
    // [what, text, followed by the scan (else undefined: the caller decodes it whole)]
    ['nested mappings and scalars', 'a:\n  b:\n    c: 1\n    d: "x"\n  e: [1, 2]\nf: yes\n', true],
    ['a sequence at its key\'s indentation', 'a:\n- x\n- y\nb: 1\n', true],
    ['a sequence of mappings', 'versions:\n  - name: v1\n    served: true\n    schema:\n      openAPIV3Schema:\n        type: object\n  - name: v2\n    served: false\n', true],
    ['a compact sequence of mappings', 'versions:\n- name: v1\n  schema: {}\n- name: v2\n', true],
    ['block scalars with comment-like lines', 'd: |-\n  line1\n\n  # not a comment\nx: >\n  folded\n  text\n', true],
    ['multi-line plain and quoted scalars', 'd: foo\n  bar\n\n  baz\ne: "a\n  b"\nf: \'c\n  d\'\n', true],
    ['comments, a document marker, empty values', '# head\n---\na:\n  # c\n  b: 1\n  c:\nd: # trailing\n  e: 2\n', true],
    ['a comment less indented than its mapping', 'a:\n b: 1\n# comment\n d: 2\ne: 3\n', true],
    ['CRLF line ends', 'a:\r\n  b: 1\r\n  c:\r\n  - x\r\n', true],
    ['an alias of an anchor in another key (from the whole document)', 'a: &x\n  k: 1\nb: *x\nc:\n  d: *x\n', true],
    ['a merge key (that mapping decodes whole)', 'a: &x {k: 1}\nb:\n  <<: *x\n  j: 2\n', true],
    ['YAML 1.1 words as keys (whole)', 'on: 1\nyes: 2\n', false],
    ['a number as a key (whole)', 'a:\n  1: x\n  2: y\n', true],
    ['a quoted key (whole)', '"a": 1\nb: 2\n', false],
    ['a duplicate key (whole)', 'a: 1\na: 2\n', false],
    ['a flow mapping over lines (whole)', 'a: {\n  b: 1\n}\n', false],
    ['a complex key (whole)', '? a\n: 1\n', false],
    ['a tab in indentation (whole)', 'a:\n\tb: 1\n', false],
  ];
  for (const [what, text, followed] of table) {
    assert.equal(lazyDocument(text) !== undefined, followed, `${what}: followed`);
    assert.deepStrictEqual(materialized(text), unmarshalJSONValue(text), what);
  }
});

test('lazyDocument decodes only what is read', () => {
  // The broken flow mapping under `b` is never decoded while only `a` is read.
  const lazy = lazyDocument('a:\n  k: 1\nb:\n  c: [unclosed\n');
  assert.ok(lazy !== undefined);
  assert.deepStrictEqual(lazy.a, { k: 1 });
});

const corpus = join(__dirname, '..', '..', '..', 'shared', 'corpus');

/** crdTexts: the CRD documents of the corpus charts' crds/ folders. */
function crdTexts(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'templates') crdTexts(p, out);
    } else if (/\.ya?ml$/.test(name) && dir.endsWith('/crds')) {
      for (const d of readFileSync(p, 'utf8').split(/^---[ \t]*$/m)) if (/^kind:\s*CustomResourceDefinition/m.test(d) && !d.includes('{{')) out.push(d);
    }
  }
  return out;
}

test('lazyDocument equals the whole decoding on every CRD of the corpus charts', { skip: !existsSync(corpus) && 'no ../shared/corpus' }, () => {
  const texts = crdTexts(join(corpus, 'charts'), []);
  assert.ok(texts.length > 50, `${texts.length} CRDs`);
  for (const t of texts) {
    assert.ok(lazyDocument(t) !== undefined, 'followed');
    assert.deepStrictEqual(materialized(t), unmarshalJSONValue(t));
  }
});

/** rng is a small seeded generator (mulberry32), so a failure is reproducible. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** randomYaml writes block YAML with the shapes CRDs use and some they do not (anchors, flow, odd keys). */
function randomYaml(r: () => number, indent: number, depth: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const pad = ' '.repeat(indent);
  const keys = ['a', 'type', 'description', 'x-kubernetes-preserve-unknown-fields', '$ref', 'on', '1', '"q"', 'a b', 'items'];
  const scalars = ['1', 'yes', '"two\n' + pad + '  lines"', 'plain\n' + pad + '  continued', '|-\n' + pad + '  block\n\n' + pad + '  # text', "'it''s'", '[1, 2]', '{k: v}', '&x 5', '*x', '~', '!!str 3', '>\n' + pad + '  folded'];
  let out = '';
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    if (r() < 0.1) out += `${pad}# comment\n`;
    const k = pick(keys);
    const v = r();
    if (depth > 0 && v < 0.35) out += `${pad}${k}:\n${randomYaml(r, indent + pick([1, 2, 4]), depth - 1)}`;
    else if (depth > 0 && v < 0.5) {
      const col = indent + pick([0, 2]);
      const m = 1 + Math.floor(r() * 3);
      out += `${pad}${k}:\n`;
      for (let j = 0; j < m; j++) out += r() < 0.7 ? `${' '.repeat(col)}- ${randomYaml(r, col + 2, depth - 1).slice(col + 2)}` : `${' '.repeat(col)}- ${pick(['x', '1', '"y"'])}\n`;
    } else out += `${pad}${k}: ${pick(scalars)}\n`;
  }
  return out;
}

test('lazyDocument equals the whole decoding on random block YAML', () => {
  const r = rng(11);
  let followed = 0;
  let compared = 0;
  for (let i = 0; i < 400; i++) {
    const text = randomYaml(r, 0, 3);
    if (lazyDocument(text) !== undefined) followed++;
    const got = materialized(text);
    // A document that does not decode whole (an alias before its anchor, a duplicate key) has no
    // reference value; its lazy reading still reads the parts that decode (never throws).
    const want = unmarshalJSONValue(text);
    if (want === undefined) continue;
    compared++;
    assert.deepStrictEqual(got, want, text);
  }
  assert.ok(followed > 20 && compared > 100, `${followed} followed, ${compared} compared`);
});
