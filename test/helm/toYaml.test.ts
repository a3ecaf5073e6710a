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
