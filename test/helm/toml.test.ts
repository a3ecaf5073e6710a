// toToml / fromToml. Expectations from the helm/toml conformance vectors (helm v4.1.4 / v3.17.3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromToml, toToml } from '../../server/src/helm/toml';
import { marshalJSON } from '../../server/src/sprig/json';
import { GoComplex, int, typeName, type Value } from '../../server/src/template/value';

const m = (...kv: [string, Value][]): Value => new Map(kv);

test('toToml layout and floats (vectors toml-toToml*)', () => {
  assert.equal(toToml(m(['a', int(1)], ['b', 's'], ['c', m(['d', true])], ['l', [int(1), int(2)]]), 4), 'a = 1\nb = "s"\nl = [1, 2]\n\n[c]\n  d = true\n');
  const vals = m(['b', 2], ['a', 1], ['c', m(['z', 26], ['true', [1, 2]])]);
  assert.equal(toToml(vals, 4), 'a = 1.0\nb = 2.0\n\n[c]\n  true = [1.0, 2.0]\n  z = 26.0\n');
  const f = m(['f', 1.5], ['i', 1], ['big', 12345678901]);
  assert.equal(toToml(f, 4), 'big = 1.2345678901e+10\nf = 1.5\ni = 1.0\n');
  assert.equal(toToml(f, 3), 'big = 12345678901.0\nf = 1.5\ni = 1.0\n');
  assert.equal(toToml('just a string', 4), '"just a string"');
  assert.equal(toToml(new GoComplex(0, 1), 4), "unsupported type for key '': complex128");
});

test('fromToml values and errors (vectors toml-fromToml*)', () => {
  const r = fromToml('a = 1\n[t]\nk = "v"', 4);
  assert.equal(marshalJSON(r), '{"a":1,"t":{"k":"v"}}');
  assert.equal(typeName(r.get('a')), 'int64');
  assert.equal(marshalJSON(fromToml('a = ', 4)), '{"Error":"toml: line 1 (last key \\"a\\"): unexpected EOF; expected value"}');
  assert.equal(marshalJSON(fromToml('a = ', 3)), '{"Error":"toml: line 0 (last key \\"a\\"): unexpected EOF; expected value"}');
});
