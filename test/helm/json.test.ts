// encoding/json marshal/unmarshal. Expectations from the sprig/json, helm/json and num-toJson
// conformance vectors and Go's documented error texts (recorded through helm v4.1.4 fromJson).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFloatG, formatFloatJSON, marshalIndentJSON, marshalJSON, sprigJSONFuncs, unmarshalJSON } from '../../server/src/sprig/json';
import { GoComplex, int64, typeName, type Value } from '../../server/src/template/value';

const m = (...kv: [string, Value][]): Value => new Map(kv);

test('float formatting: JSON and %v', () => {
  const table: Array<[number, string, string]> = [
    [0, '0', '0'], [1, '1', '1'], [1.5, '1.5', '1.5'], [12345678901, '12345678901', '1.2345678901e+10'],
    [1e21, '1e+21', '1e+21'], [1e20, '100000000000000000000', '1e+20'], [0.00001, '0.00001', '1e-05'],
    [1e-7, '1e-7', '1e-07'], [0.0001, '0.0001', '0.0001'], [-1000000, '-1000000', '-1e+06'], [123456, '123456', '123456'],
  ];
  for (const [f, j, g] of table) {
    assert.equal(formatFloatJSON(f), j, `json ${f}`);
    assert.equal(formatFloatG(f), g, `g ${f}`);
  }
});

test('marshal: escaping, sorting, bytes, errors (vectors j-toJson-*)', () => {
  assert.equal(marshalJSON('<a href="x">&</a>'), '"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"');
  assert.equal(marshalJSON('<a>&', { escapeHTML: false }), '"<a>&"');
  assert.equal(marshalJSON('\u2028\b\f\x01'), '"\\u2028\\b\\f\\u0001"');
  assert.equal(marshalJSON(m(['b', 1], ['a', [int64(2), null, true]])), '{"a":[2,null,true],"b":1}');
  assert.equal(marshalJSON(new Uint8Array([104, 105])), '"aGk="');
  assert.throws(() => marshalJSON(new GoComplex(1, 1)), { message: 'json: unsupported type: complex128' });
  assert.throws(() => marshalJSON(NaN), { message: 'json: unsupported value: NaN' });
  assert.equal(marshalIndentJSON(m(['one', 1], ['two', 2]), '  '), '{\n  "one": 1,\n  "two": 2\n}');
  assert.equal(marshalIndentJSON(m(['e', new Map()], ['l', []]), '  '), '{\n  "e": {},\n  "l": []\n}');
});

test('unmarshal: values and Go error texts (vectors j-fromJson*, hjson-*)', () => {
  const v = unmarshalJSON('{"a": {"b": 1}, "n": 12345678901}', 'map') as Map<string, Value>;
  assert.equal(typeName(v.get('n')), 'float64');
  assert.equal(marshalJSON(v), '{"a":{"b":1},"n":12345678901}');
  const errs: Array<[string, string]> = [
    ['not json', "invalid character 'o' in literal null (expecting 'u')"],
    ['bad', "invalid character 'b' looking for beginning of value"],
    ['', 'unexpected end of JSON input'],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['[1 2]', "invalid character '2' after array element"],
    ['{"a":1} x', "invalid character 'x' after top-level value"],
    ['{a:1}', "invalid character 'a' looking for beginning of object key string"],
    ['[1,', 'unexpected end of JSON input'],
    ['-x', "invalid character 'x' in numeric literal"],
  ];
  for (const [src, msg] of errs) assert.throws(() => unmarshalJSON(src, 'map'), { message: msg }, src);
  assert.throws(() => unmarshalJSON('{}', 'slice'), { message: 'json: cannot unmarshal object into Go value of type []interface {}' });
  assert.throws(() => unmarshalJSON('[1]', 'map'), { message: 'json: cannot unmarshal array into Go value of type map[string]interface {}' });
  assert.equal(marshalJSON(unmarshalJSON('null', 'map')), '{}');
});

test('sprig JSON function defs', () => {
  const byName = new Map(sprigJSONFuncs.map((d) => [d.name, d]));
  assert.deepEqual([...byName.keys()].sort(), ['mustFromJson', 'mustToJson', 'mustToPrettyJson', 'mustToRawJson', 'toPrettyJson', 'toRawJson']);
});
