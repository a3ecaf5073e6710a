// Table tests for sprig random functions, run through the real engine. Expectations recorded
// from helm v4.1.4 (h4) and helm v3.17.3 (h3, only where it differs) by rendering each
// expression in a temp chart with TZ=UTC; never typed by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, type Case } from '../helpers/sprigcall';

const cases: Case[] = [
  {"expr": "randAlpha 0", "mode": "v", "h4": {"out": ""}},
  {"expr": "randAlpha -3", "mode": "v", "h4": {"out": ""}},
  {"expr": "randAlphaNum 0", "mode": "v", "h4": {"out": ""}},
  {"expr": "randNumeric -1", "mode": "v", "h4": {"out": ""}},
  {"expr": "randAscii 0", "mode": "v", "h4": {"out": ""}},
  {"expr": "randInt 5 6", "mode": "v", "h4": {"out": "5"}},
  {"expr": "randInt 5 5", "mode": "v", "h4": {"err": "invalid argument to Intn"}},
  {"expr": "randInt 6 5", "mode": "v", "h4": {"err": "invalid argument to Intn"}},
  {"expr": "randInt 0 1 | typeOf", "mode": "v", "h4": {"out": "int"}},
  {"expr": "uuidv4 | len", "mode": "v", "h4": {"out": "36"}},
  {"expr": "getHostByName \"localhost\"", "mode": "v", "h4": {"out": ""}},
  {"expr": "getHostByName \"example.com\"", "mode": "v", "h4": {"out": ""}},
  {"expr": "randAlpha 5 | len", "mode": "v", "h4": {"out": "5"}},
  {"expr": "randAlphaNum 7 | len", "mode": "v", "h4": {"out": "7"}},
  {"expr": "randNumeric 9 | len", "mode": "v", "h4": {"out": "9"}},
  {"expr": "randAscii 11 | len", "mode": "v", "h4": {"out": "11"}},
  {"expr": "randAlpha 1.5", "mode": "v", "h4": {"err": "expected integer; found 1.5"}},
];

for (const c of cases) {
  test(`random: ${c.expr} (${c.mode})`, (t) => {
    const got = run(c, 4);
    // Gap outside this domain: helm/json does not yet encode nil slices (nilSlice) as null.
    if ('out' in c.h4 && c.h4.out === 'null' && 'out' in got && got.out === '[]') return t.skip('nil slice JSON');
    assert.deepEqual(got, c.h4);
    assert.deepEqual(run(c, 3), c.h3 ?? c.h4);
  });
}

