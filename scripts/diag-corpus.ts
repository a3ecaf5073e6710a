// Counts the diagnostics the language server shows on the unmodified corpus charts (every
// template and values.yaml opened, fast checks + render pass, no lint), by code and severity.
// Usage: node --stack-size=4000 --import tsx scripts/diag-corpus.ts [--list] [--chart SUBSTR]
import { corpusChartDiagnostics, corpusCharts } from '../test/helpers/corpusdiag';

const argv = process.argv.slice(2);
const ci = argv.indexOf('--chart');
const filter = ci >= 0 ? argv[ci + 1] : undefined;
const charts = corpusCharts().filter((c) => filter === undefined || c.includes(filter));
if (charts.length === 0) {
  console.error('../shared/corpus/charts not found (or no chart matched)');
  process.exit(1);
}
const counts = new Map<string, number>();
let total = 0;
for (const chart of charts) {
  const t0 = Date.now();
  const ds = corpusChartDiagnostics(chart);
  for (const d of ds) {
    const k = `${d.severity} ${d.code}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    total++;
    if (argv.includes('--list')) console.log(`${chart}/${d.file}:${d.line} ${d.severity} ${d.code}: ${d.message.split('\n')[0]}`);
  }
  if (argv.includes('--list')) console.error(`${chart}: ${ds.length} (${Date.now() - t0} ms)`);
}
console.log(`${charts.length} charts, ${total} diagnostics`);
for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(6)}  ${k}`);
