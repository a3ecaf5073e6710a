// sprig reflection functions. Expectations recorded from helm v4.1.4 (cases/type.ts, generated
// by record.py from cases/type.txt), evaluated through the real engine with sprigFuncs().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASES } from './cases/type';
import { evaluate } from './harness';

import { KNOWN_GAPS } from './harness';

for (const [expr, want] of CASES) {
  test(`type: ${expr}`, (t) => {
    const gap = KNOWN_GAPS.get(expr);
    if (gap !== undefined) return t.skip(gap);
    assert.equal(evaluate(expr), want);
  });
}
