// toYaml / toYamlPretty / toJson over tricky strings and numbers.
// Expectations recorded from helm v4.1.4 (and checked equal with v3.17.3) by
// test/helm/data/record_yaml.py (strings) and the inline tables below; conformance vectors are
// checked in the last test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { marshalJSON } from '../../server/src/helm/json';
import { mustToYaml, toYaml, toYamlPretty, yamlKeyLess } from '../../server/src/helm/yamlEncode';
import { GoComplex, int, int64, type Value } from '../../server/src/template/value';

const m = (...kv: [string, Value][]): Value => new Map(kv);

interface StringCase {
  s: string;
  out: string[];
}

const table = JSON.parse(readFileSync(join(__dirname, 'data', 'yaml-strings.json'), 'utf8')) as { cases: StringCase[] };

function shapes(v: string): string[] {
  return [
    toYaml(m(['key', v])),
    toYaml([v]),
    toYaml(v),
    toYaml(m([v, 1])),
    toYaml(m(['a', m(['b', [v, [v]]], ['c', v])])),
    toYamlPretty(m(['a', [v]], ['k', v])),
    marshalJSON(v),
  ];
}

test('toYaml of tricky strings matches helm (all shapes)', () => {
  const failures: string[] = [];
  for (const c of table.cases) {
    const got = shapes(c.s);
    for (let i = 0; i < got.length; i++) {
      if (got[i] !== c.out[i]) failures.push(`${JSON.stringify(c.s)} shape ${i}: got ${JSON.stringify(got[i])} want ${JSON.stringify(c.out[i])}`);
    }
  }
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} mismatches of ${table.cases.length * 7}`);
});

interface StructCase {
  json: string;
  out: string[];
}
const structs = JSON.parse(readFileSync(join(__dirname, 'data', 'yaml-structs.json'), 'utf8')) as { cases: StructCase[] };

test('toYaml/toYamlPretty/toJson/toPrettyJson/toRawJson of numbers and structures match helm', async () => {
  const { fromJS } = await import('../../server/src/template/value');
  const { marshalIndentJSON } = await import('../../server/src/helm/json');
  const failures: string[] = [];
  for (const c of structs.cases) {
    const v = fromJS(JSON.parse(c.json));
    const got = [toYaml(v), toYamlPretty(v), marshalJSON(v), marshalIndentJSON(v, '  '), marshalJSON(v, { escapeHTML: false })];
    for (let i = 0; i < got.length; i++) {
      // go-yaml v2's key order is not a strict weak order for key sets like "1a", "01", "10";
      // Helm's toYaml output for the big key-order case depends on Go's random map iteration.
      if (i === 0 && c.json.includes('"a10b"')) continue;
      if (got[i] !== c.out[i]) failures.push(`${c.json} shape ${i}: got ${JSON.stringify(got[i])} want ${JSON.stringify(c.out[i])}`);
    }
  }
  assert.deepEqual(failures, []);
});
