// sprig list functions. Expectations recorded from helm v4.1.4 (cases/lists.ts, generated
// by record.py from cases/lists.txt), evaluated through the real engine with sprigFuncs().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASES } from './cases/lists';
import { evaluate } from './harness';

import { KNOWN_GAPS } from './harness';

for (const [expr, want] of CASES) {
  test(`lists: ${expr}`, (t) => {
    const gap = KNOWN_GAPS.get(expr);
    if (gap !== undefined) return t.skip(gap);
    assert.equal(evaluate(expr), want);
  });
}
