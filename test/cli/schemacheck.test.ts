// A schema code cache that holds only this build's code (`checked`, the CLI's) vouches that a
// stored schema text passed the JSON syntax check, which a hit then skips; any other cache never
// skips it (chart/schema.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forgetCompiledSchemas, validateSingle, type SchemaCodeCache } from '../../server/src/chart/schema';
import { utf8Encode, type Value } from '../../server/src/template/value';

const VALID = '{"type":"object","properties":{"a":{"type":"string"}}}';
const values = new Map<string, Value>([['a', 1]]);

function storedCode(): string {
  const m = new Map<string, string>();
  forgetCompiledSchemas();
  validateSingle(values, utf8Encode(VALID), 4, { get: (k) => m.get(k), set: (k, t) => void m.set(k, t) });
  forgetCompiledSchemas();
  const [code] = [...m.values()];
  assert.ok(code !== undefined);
  return code;
}

test('schema code cache: a checked cache skips the syntax check on a hit, another never does', () => {
  const code = storedCode();
  const want = validateSingle(values, utf8Encode(VALID), 4);
  assert.ok(want !== undefined && want.includes('a'), want);
  const rows: ReadonlyArray<[string, boolean, string, (r: string | undefined) => boolean]> = [
    ['checked hit on a valid text', true, VALID, (r) => r === want],
    ['unchecked hit on a valid text', false, VALID, (r) => r === want],
    // Texts no build stores (they fail the check): a checked cache is trusted, another is not.
    ['checked hit on a text the check rejects (trusted)', true, `${VALID.slice(0, -1)},}`, (r) => r === want],
    ['unchecked hit on a text the check rejects', false, `${VALID.slice(0, -1)},}`, (r) => r !== want && r !== undefined],
  ];
  for (const [name, checked, text, ok] of rows) {
    forgetCompiledSchemas();
    const cache: SchemaCodeCache = { get: () => code, set: () => {}, checked };
    assert.ok(ok(validateSingle(values, utf8Encode(text), 4, cache)), name);
  }
  forgetCompiledSchemas();
});
