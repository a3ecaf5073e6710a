// unmarshalJSONValue converts decoded YAML to plain data directly; the reference is the JSON round
// trip it replaced (marshalJSON, then JSON.parse): equal values, equal key order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonRoundTrip, unmarshalJSONValue } from '../../server/src/analysis/k8sjson';

const same = (text: string, what: string): void => {
  const want = jsonRoundTrip(text);
  const got = unmarshalJSONValue(text);
  assert.deepStrictEqual(got, want, what);
  assert.equal(JSON.stringify(got), JSON.stringify(want), `${what}: key order`);
};

test('unmarshalJSONValue equals the JSON round trip on tricky documents', () => {
  const table: Array<[string, string]> = [
    ['key order (Go sorts keys; integer-like keys first in JS either way)', 'b: 1\na: 2\n"10": x\n"9": y\nZ: 3\n'],
    ['numbers', 'a: 1\nb: -0.0\nc: 1e21\nd: 0x1F\ne: 1.5\nf: 123456789012345678901234567890\n'],
    ['YAML 1.1 scalars', 'a: yes\nb: off\nc: ~\nd: null\ne: "1"\n'],
    ['__proto__ is an own key', '__proto__: {a: 1}\nb: 2\n'],
    ['non-ASCII keys in Go order', 'é: 1\nz: 2\n"\\U0001F600": 3\n"\\uFFFD": 4\n'],
    ['nesting', 'a: [1, {b: [c, {d: e}]}]\n'],
    ['not a map', '- a\n'],
    ['not YAML', 'a: [\n'],
    // The fast decoder's direct path (plain block mappings) and its fallbacks.
    ['multi-line plain scalars, unsorted keys', 'z: one\n  two\ny:\n  b: x\n    y\n  a: [1, 2]\n'],
    ['non-string keys', '1: a\ntrue: b\n1.5: c\nnull: d\n'],
    ['mixed keys that meet', '1: a\n"1": b\n'],
    ['not finite', 'a: .inf\n'],
    ['duplicate keys', 'a: 1\nb: 2\na: 3\n'],
    ['nested 300 deep', 'a: ' + '['.repeat(300) + ']'.repeat(300) + '\n'],
    ['nested past go-yaml and the stack', 'a: ' + '['.repeat(120000) + ']'.repeat(120000) + '\n'],
    ['block nesting', Array.from({ length: 300 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' v\n'],
  ];
  for (const [what, text] of table) same(text, what);
});

const golden = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'golden');

test('unmarshalJSONValue equals the JSON round trip on every corpus manifest', { skip: !existsSync(golden) && 'no ../shared/corpus' }, () => {
  let n = 0;
  for (const f of readdirSync(golden).filter((x) => x.endsWith('.helm4.yaml')).sort()) {
    for (const d of readFileSync(join(golden, f), 'utf8').split(/^---[ \t]*$/m)) {
      same(d, f);
      n++;
    }
  }
  assert.ok(n > 1500, `${n} documents`);
});
