// sprig default/flow functions. Expectations recorded from helm v4.1.4 (cases/defaults.ts, generated
// by record.py from cases/defaults.txt), evaluated through the real engine with sprigFuncs().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASES } from './cases/defaults';
import { evaluate } from './harness';

import { KNOWN_GAPS } from './harness';

for (const [expr, want] of CASES) {
  test(`defaults: ${expr}`, (t) => {
    const gap = KNOWN_GAPS.get(expr);
    if (gap !== undefined) return t.skip(gap);
    assert.equal(evaluate(expr), want);
  });
}

// sprig's own fail is errors.New(msg) (Helm installs a different fail over it).
test("defaults: sprig's fail returns its message as the error", () => {
  assert.equal(evaluate('fail "boom"'), '!error calling fail: boom');
});
