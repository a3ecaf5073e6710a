// Prints per-area pass/total of the conformance vectors for Helm 4 and Helm 3.
// Usage: node --import tsx scripts/conformance.ts [--v4|--v3] [--area PREFIX] [--id SUBSTR] [--fail]
//        [--write-known-failures] [--extra]
//   --fail prints each failing vector with the reason; --write-known-failures rewrites
//   test/conformance/known-failures.txt from the results.
import { EXTRA_VECTORS_PATH, areaTable, loadVectors, runAll, type VectorResult } from '../test/conformance/harness';
import { writeKnownFailures } from '../test/conformance/known';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
// --extra runs the project's own recorded cases (test/conformance/extra-vectors.jsonl).
const vectors = argv.includes('--extra') ? loadVectors(EXTRA_VECTORS_PATH) : loadVectors();
if (vectors === undefined) {
  console.error('../shared/conformance/vectors.jsonl not found');
  process.exit(1);
}
const area = opt('--area');
const id = opt('--id');
const selected = vectors.filter((v) => (area === undefined || v.area.startsWith(area)) && (id === undefined || v.id.includes(id)));
const only3 = argv.includes('--v3');
const only4 = argv.includes('--v4');
const v4: VectorResult[] = only3 ? [] : runAll(selected, 4);
const v3: VectorResult[] = only4 ? [] : runAll(selected, 3);
if (argv.includes('--fail')) {
  for (const [hv, rs] of [[4, v4], [3, v3]] as const) {
    for (const r of rs) if (r.failure !== undefined) console.log(`[v${hv}] ${r.id} (${r.area}): ${r.failure}`);
  }
}
console.log(areaTable(v4, v3));
if (argv.includes('--write-known-failures')) {
  if (area !== undefined || id !== undefined || only3 || only4 || argv.includes('--extra')) {
    console.error('--write-known-failures needs the full run (no filters, no --extra)');
    process.exit(1);
  }
  console.log(`wrote ${writeKnownFailures(v4, v3)} entries to test/conformance/known-failures.txt`);
}
