// Renders every chart of the real-chart corpus (../shared/corpus, Helm v4.1.4 / v3.17.3 goldens)
// and compares byte for byte. Rows listed in corpus-known-failures.txt may differ; any other
// difference is a regression. Listed rows that now match are reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareRow, loadCorpus, renderRow } from './corpus-harness';

const rows = loadCorpus();
const knownPath = join(__dirname, 'corpus-known-failures.txt');
const known = new Set(
  existsSync(knownPath)
    ? readFileSync(knownPath, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter((l) => l !== '')
    : [],
);

if (rows === undefined) {
  test('corpus', { skip: '../shared/corpus not found' }, () => {});
} else {
  for (const hv of [4, 3] as const) {
    test(`corpus (helm ${hv})`, () => {
      let identical = 0;
      const regressions: string[] = [];
      const fixed: string[] = [];
      for (const row of rows) {
        const key = hv === 4 ? row.id : `v3:${row.id}`;
        const failure = compareRow(row, hv, renderRow(row, hv));
        if (failure === undefined) {
          identical++;
          if (known.has(key)) fixed.push(key);
        } else if (!known.has(key)) regressions.push(`${row.id}: ${failure}`);
      }
      console.log(`corpus helm ${hv}: identical ${identical}/${rows.length}`);
      if (fixed.length > 0) console.log(`now identical (remove from corpus-known-failures.txt): ${fixed.join(' ')}`);
      assert.deepEqual(regressions, [], `helm ${hv}: corpus renders differing that are not in corpus-known-failures.txt`);
    });
  }
}
