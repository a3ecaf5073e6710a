// Renders the real-chart corpus and prints identical/total for Helm 4 and Helm 3.
// Usage: node --import tsx scripts/corpus.ts [--v4|--v3] [--id SUBSTR] [--fail] [--write-known-failures]
//          [--cli-cache DIR]
// `--cli-cache DIR` renders with the CLI's on-disk stores (template parses, values documents,
// manifest heads) in DIR, as `chartwright template` does (run twice: cold, then warm).
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compareRow, loadCorpus, renderRow } from '../test/render/corpus-harness';
import { diskCache } from '../server/src/cli/diskcache';
import { diskTreeStore } from '../server/src/cli/parsecache';
import { diskDecodeStore } from '../server/src/cli/valuecache';
import { diskHeadStore } from '../server/src/cli/headcache';
import { useHeadStore } from '../server/src/render/fasthead';
import { useDecodeStore } from '../server/src/yaml/yamlDecode';

const argv = process.argv.slice(2);
const idx = argv.indexOf('--id');
const idFilter = idx >= 0 ? argv[idx + 1] : undefined;
const cacheIdx = argv.indexOf('--cli-cache');
const cacheDir = cacheIdx >= 0 ? resolve(argv[cacheIdx + 1]) : undefined;
const treeStore = cacheDir !== undefined ? diskTreeStore(diskCache(cacheDir, 'parse'), 'corpus') : undefined;
if (cacheDir !== undefined) {
  useDecodeStore(diskDecodeStore(diskCache(cacheDir, 'values'), 'corpus'));
  useHeadStore(diskHeadStore(diskCache(cacheDir, 'heads'), 'corpus'));
}
const rows = loadCorpus();
if (rows === undefined) {
  console.error('../shared/corpus not found');
  process.exit(1);
}
const selected = rows.filter((r) => idFilter === undefined || r.id.includes(idFilter));
const versions = argv.includes('--v3') ? [3 as const] : argv.includes('--v4') ? [4 as const] : [4 as const, 3 as const];
const failing: string[] = [];
for (const hv of versions) {
  let identical = 0;
  for (const row of selected) {
    const out = renderRow(row, hv, { treeStore });
    const failure = compareRow(row, hv, out);
    if (failure === undefined) identical++;
    else {
      failing.push(hv === 4 ? row.id : `v3:${row.id}`);
      if (argv.includes('--fail')) console.log(`[v${hv}] ${row.id} (${out.ms} ms): ${failure}`);
    }
  }
  console.log(`helm ${hv}: identical ${identical}/${selected.length}`);
}
if (argv.includes('--write-known-failures')) {
  const p = join(__dirname, '..', 'test', 'render', 'corpus-known-failures.txt');
  writeFileSync(p, ['# Corpus renders that do not match Helm yet (`id` = Helm 4, `v3:id` = Helm 3).', ...failing].join('\n') + '\n');
  console.log(`wrote ${failing.length} entries to ${p}`);
}
