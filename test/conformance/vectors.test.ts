// Runs every conformance vector (../shared/conformance/vectors.jsonl: Helm v4.1.4 and v3.17.3's
// recorded answers) through our `helm template` and compares stdout, stderr and exit status.
// Also runs the project's own recorded cases (extra-vectors.jsonl). Vectors listed in
// known-failures.txt may fail; any other failure is a regression. Listed
// vectors that now pass are reported so the list can shrink.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXTRA_VECTORS_PATH, areaTable, loadVectors, runAll, type VectorResult } from './harness';
import { knownKey, readKnownFailures } from './known';

const vectors = loadVectors();

if (vectors === undefined) {
  test('conformance vectors', { skip: '../shared/conformance/vectors.jsonl not found' }, () => {});
} else {
  const known = readKnownFailures();
  const results: Record<3 | 4, VectorResult[]> = { 4: [], 3: [] };
  for (const hv of [4, 3] as const) {
    test(`conformance vectors (helm ${hv})`, () => {
      results[hv] = runAll(vectors, hv);
      const regressions = results[hv].filter((r) => r.failure !== undefined && !known.has(knownKey(r.id, hv)));
      const fixed = results[hv].filter((r) => r.failure === undefined && known.has(knownKey(r.id, hv)));
      if (fixed.length > 0) {
        console.log(`helm ${hv}: ${fixed.length} vectors in known-failures.txt now pass (remove them): ${fixed.map((r) => r.id).join(' ')}`);
      }
      assert.deepEqual(
        regressions.map((r) => `${r.id}: ${r.failure}`),
        [],
        `helm ${hv}: vectors failing that are not in known-failures.txt`,
      );
    });
  }
  test('conformance summary', () => {
    console.log(areaTable(results[4], results[3]));
  });
}

// The project's own Helm-recorded cases (extra-vectors.jsonl, from cwextra.py): same harness, same
// known-failures list (their ids start with `cw-`).
const extra = loadVectors(EXTRA_VECTORS_PATH) ?? [];
for (const hv of [4, 3] as const) {
  test(`extra conformance vectors (helm ${hv})`, () => {
    const known = readKnownFailures();
    const rs = runAll(extra, hv);
    console.log(`extra vectors helm ${hv}: ${rs.filter((r) => r.failure === undefined).length}/${rs.length}`);
    const regressions = rs.filter((r) => r.failure !== undefined && !known.has(knownKey(r.id, hv)));
    assert.deepEqual(
      regressions.map((r) => `${r.id}: ${r.failure}`),
      [],
      `helm ${hv}: extra vectors failing that are not in known-failures.txt`,
    );
  });
}
