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
