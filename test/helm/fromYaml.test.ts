// fromYaml / fromYamlArray / parseValues.
// Expectations recorded from helm v4.1.4 (equal to v3.17.3) by test/helm/data/record_fromyaml.py,
// plus the values/* and helm/fromYaml conformance vectors (read from ../shared when present).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { marshalJSON } from '../../server/src/sprig/json';
import { ValuesLoadError, fromYaml, fromYamlArray, parseValues } from '../../server/src/helm/helmYaml';

interface Case {
  yaml: string;
  fromYaml: string;
  fromYamlArray: string;
}
const table = JSON.parse(readFileSync(join(__dirname, 'data', 'fromyaml.json'), 'utf8')) as { cases: Case[] };

test('fromYaml/fromYamlArray match helm on valid documents', () => {
  const failures: string[] = [];
  for (const c of table.cases) {
    if (c.fromYaml.includes('yaml: ')) continue;
    const a = marshalJSON(fromYaml(c.yaml));
    const b = marshalJSON(fromYamlArray(c.yaml));
    if (a !== c.fromYaml) failures.push(`${JSON.stringify(c.yaml)}: fromYaml ${a} want ${c.fromYaml}`);
    if (b !== c.fromYamlArray) failures.push(`${JSON.stringify(c.yaml)}: fromYamlArray ${b} want ${c.fromYamlArray}`);
  }
  assert.deepEqual(failures, []);
});

test('fromYaml error texts match go-yaml on invalid documents', () => {
  const failures: string[] = [];
  let n = 0;
  for (const c of table.cases) {
    if (!c.fromYaml.includes('yaml: ')) continue;
    n++;
    const a = marshalJSON(fromYaml(c.yaml));
    if (a !== c.fromYaml) failures.push(`${JSON.stringify(c.yaml)}: ${a} want ${c.fromYaml}`);
  }
  assert.deepEqual(failures, [], `${failures.length}/${n} error texts differ`);
});

test('parseValues wraps errors like helm 3 and helm 4', () => {
  const cases: Array<[string, string, string]> = [
    // [values text, helm4 error, helm3 error] — from vectors vals-values-not-map, vals-values-invalid-yaml, vals-inf-nan
    ['- a\n- b\n', 'cannot load values.yaml: cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}', 'cannot load values.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['a: [\n', 'cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 1: did not find expected node content', 'cannot load values.yaml: error converting YAML to JSON: yaml: line 1: did not find expected node content'],
    ['inf: .inf\n', 'cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: json: unsupported value: +Inf', 'cannot load values.yaml: error converting YAML to JSON: json: unsupported value: +Inf'],
  ];
  for (const [text, e4, e3] of cases) {
    assert.throws(() => parseValues(text, 'values.yaml', 4), (e: unknown) => e instanceof ValuesLoadError && e.message === e4);
    assert.throws(() => parseValues(text, 'values.yaml', 3), (e: unknown) => e instanceof ValuesLoadError && e.message === e3);
  }
  assert.equal(marshalJSON(parseValues('', 'values.yaml', 4)), '{}');
  assert.equal(marshalJSON(parseValues('# c\n', 'values.yaml', 4)), '{}');
  const v = parseValues('x: 1\nnn: null\nn: 2\n', 'values.yaml', 4);
  assert.equal(typeof v.get('x'), 'number');
  assert.equal(v.get('false'), 2); // YAML 1.1: the key n is the boolean false
  assert.ok(v.has('nn'));
});

const vectorsPath = join(__dirname, '..', '..', '..', 'shared', 'conformance', 'vectors.jsonl');
test('fromYaml conformance vectors with literal arguments', { skip: existsSync(vectorsPath) ? false : 'shared vectors absent' }, () => {
  const lines = readFileSync(vectorsPath, 'utf8').split('\n').filter((l) => l.trim() !== '');
  let checked = 0;
  for (const l of lines) {
    const d = JSON.parse(l) as { id: string; template: string | null; helm4: { wrapped?: { rendered?: string | null } } };
    const m = /^# \{\{ (fromYaml|fromYamlArray) "((?:[^"\\]|\\.)*)" \| toJson \}\}\n$/.exec(d.template ?? '');
    if (!m) continue;
    const arg = JSON.parse('"' + m[2] + '"') as string;
    const got = '# ' + marshalJSON(m[1] === 'fromYaml' ? fromYaml(arg) : fromYamlArray(arg)) + '\n';
    assert.equal(got, d.helm4.wrapped?.rendered, d.id);
    checked++;
  }
  assert.ok(checked >= 4, `checked ${checked}`);
});
