// sprig math functions (numeric.go, cast). Expectations recorded from helm v4.1.4 (cases/math.ts, generated
// by record.py from cases/math.txt), evaluated through the real engine with sprigFuncs().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASES } from './cases/math';
import { evaluate } from './harness';

import { KNOWN_GAPS } from './harness';

for (const [expr, want] of CASES) {
  test(`math: ${expr}`, (t) => {
    const gap = KNOWN_GAPS.get(expr);
    if (gap !== undefined) return t.skip(gap);
    assert.equal(evaluate(expr), want);
  });
}
