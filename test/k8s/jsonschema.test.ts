// A user's JSON Schema → the schema model: the keywords understood (type, properties, required,
// items, additionalProperties, string enum, local $ref), everything else permissive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonSchemaModel } from '../../server/src/k8s/jsonschema';
import { formatPath, validateObject, validateValue } from '../../server/src/k8s/validate';

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    replicas: { type: ['integer', 'null'] },
    ratio: { type: 'number' },
    mode: { type: 'string', enum: ['a', 'b'] },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    ports: { type: 'array', items: { $ref: '#/definitions/port' } },
    loose: { type: 'object', properties: { x: { type: 'boolean' } } },
    either: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
    tree: { $ref: '#/$defs/node' },
    remote: { $ref: 'https://example.com/schema.json' },
  },
  definitions: { port: { type: 'object', additionalProperties: false, required: ['port'], properties: { port: { type: 'integer' }, name: { type: 'string' } } } },
  $defs: { node: { type: 'object', additionalProperties: false, properties: { value: { type: 'integer' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } } } },
};

test('jsonSchemaModel: validation through the converted model', () => {
  const m = jsonSchemaModel(schema, 'values');
  assert.ok(m.rootObject);
  const check = (v: Record<string, unknown>) => validateObject(m, m.rootObject!, v, 'values').map((p) => `${p.code} ${formatPath(p.path)}`);
  const table: Array<[Record<string, unknown>, string[]]> = [
    [{ name: 'x', replicas: null, ratio: 0.5, mode: 'a', labels: { a: 'b' }, ports: [{ port: 80 }], loose: { x: true, y: 1 }, either: true, remote: 1 }, []],
    [{ name: 'x', extra: 1 }, ['k8s-unknown-field extra']],
    [{}, ['k8s-required name']],
    [{ name: 'x', replicas: 1.5, ratio: 'half' }, ['k8s-type replicas', 'k8s-type ratio']],
    [{ name: 'x', mode: 'c' }, ['k8s-enum mode']],
    [{ name: 'x', labels: { a: 1 } }, ['k8s-type labels.a']],
    [{ name: 'x', ports: [{ name: 'http' }, { port: 1, proto: 'TCP' }] }, ['k8s-required ports[0].port', 'k8s-unknown-field ports[1].proto']],
    [{ name: 'x', loose: { x: 'yes' } }, ['k8s-type loose.x']],
    [{ name: 'x', tree: { value: 1, children: [{ value: 2, children: [{ value: 'three' }] }] } }, ['k8s-type tree.children[0].children[0].value']],
  ];
  for (const [v, want] of table) assert.deepEqual(check(v), want, JSON.stringify(v));
  assert.equal(m.rootObject!.fields.get('name')?.required, true);
});

test('jsonSchemaModel: roots that are not objects, and non-schemas', () => {
  const arr = jsonSchemaModel({ type: 'array', items: { type: 'string' } }, 'list');
  assert.equal(arr.rootObject, undefined);
  assert.deepEqual(validateValue(arr, arr.root, ['a', 2], 'list').map((p) => formatPath(p.path)), ['[1]']);
  for (const s of [null, 'x', 42, [], {}, { type: 'object' }, { $ref: '#/nowhere' }]) {
    const m = jsonSchemaModel(s, 'x');
    assert.deepEqual(validateValue(m, m.root, { anything: [1] }, 'x'), [], JSON.stringify(s));
  }
});
