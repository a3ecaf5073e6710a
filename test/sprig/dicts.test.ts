// sprig dict functions. Expectations recorded from helm v4.1.4 (cases/dicts.ts, generated
// by record.py from cases/dicts.txt), evaluated through the real engine with sprigFuncs().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASES } from './cases/dicts';
import { evaluate } from './harness';

import { KNOWN_GAPS, sameUnordered } from './harness';

for (const [expr, want] of CASES) {
  test(`dicts: ${expr}`, (t) => {
    const gap = KNOWN_GAPS.get(expr);
    if (gap !== undefined) return t.skip(gap);
    const got = evaluate(expr);
    // keys/values iterate a Go map: Helm's order is random, ours sorted.
    if (/^(keys|values)\b/.test(expr) && sameUnordered(got, want)) return;
    assert.equal(got, want);
  });
}
