// values.schema.json files that are valid JSON but not valid schemas. The expected texts are the
// CLI fidelity cases recorded from helm v4.1.4 and v3.17.3 (test/cli/fidelity.recorded.json,
// cases schema-invalid-*): the language server's schemaViolations must report the same error
// the CLI prints. And for a table of schemas broken at every place a schema is expected, the
// error is always Helm's or Chartwright's, never a JavaScript error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaViolations, validateSingle } from '../../server/src/chart/schema';
import type { GoMap } from '../../server/src/template/value';

interface Run {
  readonly stderr: string;
}
interface Case {
  readonly name: string;
  readonly cmd: string;
  readonly files: Record<string, string>;
  readonly helm4: Run;
  readonly helm3: Run;
}

const recorded = (JSON.parse(readFileSync(join(__dirname, '../cli/fidelity.recorded.json'), 'utf8')) as { cases: Case[] }).cases;
const HEADER = "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n";
const values: GoMap = new Map([['a', 'x']]);
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

for (const c of recorded.filter((x) => x.name.startsWith('schema-invalid-') && x.cmd === 'template' && x.files['c/values.schema.json'] !== undefined)) {
  for (const hv of [4, 3] as const) {
    const want = (hv === 4 ? c.helm4 : c.helm3).stderr;
    // (Helm accepted the schema, or failed only the values, a: 1, against it)
    if (!want.startsWith(HEADER) || want.slice(HEADER.length).startsWith('- ')) continue;
    test(`language server: ${c.name} (helm ${hv})`, () => {
      const res = schemaViolations(values, enc(c.files['c/values.schema.json']), hv);
      assert.ok('error' in res, 'a schema error');
      assert.equal(`${res.error}\n`, want.slice(HEADER.length));
      assert.equal(validateSingle(values, enc(c.files['c/values.schema.json']), hv), res.error, 'the CLI path gives the same text');
    });
  }
}

// Every place a schema (or a keyword's value) is expected, with values of every wrong kind.
const WRONG = ['null', '5', '1.5', '"x"', '[]', '[null]', '{}', 'true', '{"type":"strin"}', '{"$ref":"#/nope"}', '{"pattern":"("}'];
const PLACES = [
  (x: string) => x,
  (x: string) => `{"properties":{"a":${x}}}`,
  (x: string) => `{"properties":${x}}`,
  (x: string) => `{"items":${x}}`,
  (x: string) => `{"additionalProperties":${x}}`,
  (x: string) => `{"patternProperties":{"^a":${x}}}`,
  (x: string) => `{"allOf":[${x}]}`,
  (x: string) => `{"anyOf":${x}}`,
  (x: string) => `{"oneOf":[{},${x}]}`,
  (x: string) => `{"not":${x}}`,
  (x: string) => `{"if":${x},"then":${x}}`,
  (x: string) => `{"definitions":{"d":${x}},"$ref":"#/definitions/d"}`,
  (x: string) => `{"$defs":{"d":${x}},"properties":{"a":{"$ref":"#/$defs/d"}}}`,
  (x: string) => `{"dependencies":{"a":${x}}}`,
  (x: string) => `{"type":${x}}`,
  (x: string) => `{"required":${x}}`,
  (x: string) => `{"enum":${x}}`,
  (x: string) => `{"minimum":${x},"maximum":${x}}`,
  (x: string) => `{"exclusiveMinimum":${x},"minimum":1}`,
  (x: string) => `{"minLength":${x},"maxItems":${x}}`,
  (x: string) => `{"pattern":${x}}`,
  (x: string) => `{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"a":${x}}}`,
  (x: string) => `{"$schema":"https://json-schema.org/draft/2019-09/schema","items":[${x}]}`,
  (x: string) => `{"$schema":"http://json-schema.org/draft-04/schema#","properties":{"a":${x}}}`,
];
const JS_ERROR = /Cannot (convert|read)|undefined|TypeError|is not a function|is not iterable|Unexpected token|\[object Object\]/;

test('broken schemas: never a JavaScript error, never a throw (both Helm versions)', () => {
  let errors = 0;
  for (const place of PLACES) {
    for (const w of WRONG) {
      const text = place(w);
      for (const hv of [4, 3] as const) {
        const got = validateSingle(values, enc(text), hv);
        if (got !== undefined && !got.startsWith('- ')) {
          errors++;
          assert.doesNotMatch(got, JS_ERROR, `${text} (helm ${hv}): ${got}`);
        }
      }
    }
  }
  assert.ok(errors > PLACES.length * 4, `most are schema errors (${errors})`);
});
