// The one-shot CLI's reuse of files' outputs through its disk cache (the `render` kind,
// cli/rendercache.ts) on the real-chart corpus (../shared/corpus): every row is rendered twice as
// two one-shot runs would render it, each with a fresh process's state (no ParseCache, no object
// kept in memory: what the second run knows of the first is what the disk cache folder holds, a
// throw-away one per row), the fingerprint being the digest of everything the run read
// (cli/readhash.ts) as in main.ts. The second render, which takes the deterministic files'
// outputs from the disk, must still match Helm's goldens (compareRow; the .mask files cover the
// lines Helm itself makes random), and reuse must really have happened: entries read from the
// disk left untouched by the second render are the files it reused. Skips when the corpus is
// absent.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { nodeFS } from '../../server/src/chart/fs';
import { diskCache } from '../../server/src/cli/diskcache';
import { diskTreeStore } from '../../server/src/cli/parsecache';
import { recordingFS } from '../../server/src/cli/readhash';
import { diskRenderStore } from '../../server/src/cli/rendercache';
import type { IncrementalCache, IncrementalEntry } from '../../server/src/render/incremental';
import type { HelmVersion } from '../../server/src/template/func';
import { CORPUS_DIR, compareRow, loadCorpus, renderRow, type CorpusOutcome, type CorpusRow } from '../render/corpus-harness';
import { NO_REUSE, removeCharts, reusedCount, tempFolder } from './reuse-fixtures';

after(removeCharts);

const rows = loadCorpus();
const BUILD = 'disk-reuse-corpus-test';

/** oneShot renders `row` as a new process would, with the disk caches of folder `root`. */
function oneShot(root: string, row: CorpusRow, hv: HelmVersion): { outcome: CorpusOutcome; loaded: ReadonlyMap<string, IncrementalEntry>; after: ReadonlyMap<string, IncrementalEntry> } {
  const reads = recordingFS(nodeFS(CORPUS_DIR));
  const session = diskRenderStore(diskCache(root, 'render'), BUILD).open(JSON.stringify([row.id]));
  let cache: IncrementalCache | undefined;
  let loaded = new Map<string, IncrementalEntry>();
  const outcome = renderRow(row, hv, {
    fs: reads.fs,
    treeStore: diskTreeStore(diskCache(root, 'parse'), BUILD),
    reuse: {
      cache: (v) => {
        cache = session.cache(v);
        loaded = new Map(cache.entries);
        return cache;
      },
      inputs: () => reads.digest(),
    },
  });
  session.close();
  return { outcome, loaded, after: new Map(cache?.entries ?? []) };
}

if (rows === undefined) {
  test('disk reuse on the corpus', { skip: '../shared/corpus not found' }, () => {});
} else {
  for (const hv of [4, 3] as const) {
    test(`disk reuse on the corpus (helm ${hv}): the second one-shot render matches Helm's goldens`, () => {
      const failures: string[] = [];
      let reused = 0;
      let rowsReusing = 0;
      const t0 = Date.now();
      for (const row of rows) {
        const root = tempFolder('chartwright-disk-reuse-');
        const first = oneShot(root, row, hv);
        const second = oneShot(root, row, hv);
        rmSync(root, { recursive: true, force: true });
        const why = compareRow(row, hv, second.outcome);
        if (why !== undefined) failures.push(`${row.id}: ${why}`);
        const n = reusedCount(second.loaded, second.after);
        if (row.exit[hv] === 0 && first.outcome.exit === 0 && (n === 0) !== row.id in NO_REUSE) {
          failures.push(`${row.id}: ${n} files reused, expected ${row.id in NO_REUSE ? 'none' : 'some'}`);
        }
        // What the first run kept is what the second found on disk.
        if (second.loaded.size !== first.after.size) failures.push(`${row.id}: ${first.after.size} entries kept, ${second.loaded.size} read back`);
        reused += n;
        if (n > 0) rowsReusing++;
      }
      console.log(`disk reuse helm ${hv}: ${rows.length} rows, ${rowsReusing} reusing, ${reused} file outputs reused, ${Date.now() - t0} ms`);
      assert.deepEqual(failures, []);
    });
  }
}
