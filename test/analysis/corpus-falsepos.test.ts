// Every template and values.yaml of every corpus chart, opened unmodified with the language
// server's settings (fast checks + render pass, no lint): the only warnings and errors left are
// these, each one right. Measure the whole list with scripts/diag-corpus.ts. Skipped when
// ../shared/corpus is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusChartDiagnostics, corpusCharts } from '../helpers/corpusdiag';

/** RESIDUAL: chart/file:line code — why it is right. */
const RESIDUAL: ReadonlyArray<readonly [string, string]> = [
  // Charts whose default values fail `helm template` too (recorded in ../shared/corpus/golden/*.stderr).
  ['opentelemetry-collector/templates/NOTES.txt:2 template-fail', "helm fails: [ERROR] 'image.repository' must be set"],
  ['prometheus-postgres-exporter/templates/secrets.yaml:2 template-fail', 'helm fails: config.datasource.password is required'],
  ['tempo-distributed/templates/validate.yaml:5 template-fail', 'helm fails: ingest.kafka.address is required'],
  ['loki/templates/tests/test-canary.yaml:28 render-error', 'helm fails on loki defaults (its first error is another one of the same render: bucketNames.chunks); this include names a define the chart lacks'],
  // Reads of values no values file sets, in code the last render ran.
  ['bitnami-metallb/templates/_helpers.tpl:34 values-missing', 'existingConfigMap is read on every render and documented nowhere'],
  ['bitnami-metallb/templates/controller/configmap.yaml:18 values-missing', 'configInline is unset: the ConfigMap renders an empty config'],
  ['helmtest-import-from-aliased/templates/dummy.yaml:6 values-missing', 'defaults is unset: helm renders `null` there (golden)'],
  ['loki-stack/charts/loki/templates/statefulset.yaml:70 values-missing', 'persistence.subPath is unset: helm renders `subPath: ` (golden)'],
  ['loki-stack/templates/tests/loki-test-pod.yaml:17 values-missing', 'test_pod.imagePullPolicy is unset: helm renders `imagePullPolicy: ""` (golden)'],
  ['opentelemetry-demo/templates/component.yaml:8 values-missing', 'observability is unset: copied into every component as nil'],
];

const charts = corpusCharts();

test('corpus charts open with only the listed warnings and errors', { skip: charts.length === 0 ? 'corpus missing: ../shared/corpus/charts' : false }, () => {
  const got: string[] = [];
  for (const chart of charts) {
    for (const d of corpusChartDiagnostics(chart)) {
      if (d.severity === 'error' || d.severity === 'warning') got.push(`${chart}/${d.file}:${d.line} ${d.code}`);
    }
  }
  assert.deepEqual(got.sort(), RESIDUAL.map(([k]) => k).sort());
});
