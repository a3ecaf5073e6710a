// The CLI daemon's reuse of files' outputs (TemplateEnv.reuse, render/incremental.ts) on the
// real-chart corpus (../shared/corpus): every row is rendered twice with one ParseCache and one
// IncrementalCache, the fingerprint being the digest of everything the run read (cli/readhash.ts
// recordingFS) as in the daemon. The second render, which takes the deterministic files' outputs
// from the first, must still match Helm's goldens (compareRow; the .mask files cover the lines
// Helm itself makes random), and reuse must really have happened: entries of the first render
// left untouched by the second are the files it reused (an executed file replaces or drops its
// entry). Skips when the corpus is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeFS } from '../../server/src/chart/fs';
import { recordingFS } from '../../server/src/cli/readhash';
import { ParseCache } from '../../server/src/render/engine';
import { IncrementalCache } from '../../server/src/render/incremental';
import type { HelmVersion } from '../../server/src/template/func';
import { NO_REUSE, reusedCount } from './reuse-fixtures';
import { CORPUS_DIR, compareRow, loadCorpus, renderRow, type CorpusOutcome, type CorpusRow } from '../render/corpus-harness';

const rows = loadCorpus();

/** Warm is one row's caches, kept between its renders as the daemon keeps them per command line. */
class Warm {
  readonly parses = new ParseCache();
  readonly inc = new IncrementalCache();
  render(row: CorpusRow, hv: HelmVersion): CorpusOutcome {
    const reads = recordingFS(nodeFS(CORPUS_DIR));
    return renderRow(row, hv, { fs: reads.fs, cache: this.parses, reuse: { cache: this.inc, inputs: () => reads.digest() } });
  }
}

if (rows === undefined) {
  test('daemon reuse on the corpus', { skip: '../shared/corpus not found' }, () => {});
} else {
  for (const hv of [4, 3] as const) {
    test(`daemon reuse on the corpus (helm ${hv}): the second, warm render matches Helm's goldens`, () => {
      const failures: string[] = [];
      let reused = 0;
      let rowsReusing = 0;
      const t0 = Date.now();
      for (const row of rows) {
        const warm = new Warm();
        const first = warm.render(row, hv);
        const before = new Map(warm.inc.entries);
        const second = warm.render(row, hv);
        const why = compareRow(row, hv, second);
        if (why !== undefined) failures.push(`${row.id}: ${why}`);
        const n = reusedCount(before, warm.inc.entries);
        if (row.exit[hv] === 0 && first.exit === 0 && (n === 0) !== row.id in NO_REUSE) {
          failures.push(`${row.id}: ${n} files reused, expected ${row.id in NO_REUSE ? 'none' : 'some'}`);
        }
        reused += n;
        if (n > 0) rowsReusing++;
      }
      console.log(`daemon reuse helm ${hv}: ${rows.length} rows, ${rowsReusing} reusing, ${reused} file outputs reused, ${Date.now() - t0} ms`);
      assert.deepEqual(failures, []);
    });
  }
}
