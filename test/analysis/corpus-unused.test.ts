// values-unused over a sample of unmodified corpus charts: every hint left is a key that no
// template, dependency condition/tag, import-values, exports, tpl'd values string or file, or
// subchart reads. The whole corpus is measured with
// `node --stack-size=4000 --import tsx scripts/diag-corpus.ts --list` (277 hints before the
// tree-wide read index, 99 after). Skipped when ../shared/corpus is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusChartDiagnostics, corpusCharts } from '../helpers/corpusdiag';

/** RESIDUAL: per chart, `file:line key` of every hint left — and why the key is unread. */
const RESIDUAL: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>> = {
  'bitnami-harbor': [
    ['charts/common/values.yaml:8 exampleValue', "the common library's placeholder: no chart reads .Values.common"],
    ['values.yaml:433 persistence.imageChartStorage.azure.storagePrefix', 'documented, read by no template (the registry config uses other azure keys)'],
    ['values.yaml:485 persistence.imageChartStorage.s3.sse', 'documented, read by no template'],
    ['values.yaml:554 persistence.imageChartStorage.oss.secretkey', 'documented, read by no template'],
    ['values.yaml:679 migration.networkPolicy.allowExternal', 'the migration job has no NetworkPolicy template'],
    ['values.yaml:718 migration.extraVolumes', 'migrate-job.yaml reads extraEnvVars*, not extraVolumes'],
  ],
  'helmtest-subchart': [
    ['charts/subchartB/values.yaml:28 global', 'global.kolla is read by no chart of the tree'],
    ['values.yaml:12 SC1data', 'Helm test fixture: no template reads it'],
    ['values.yaml:32 overridden-chartA-B', 'not an import-values target (imported-chartA-B is)'],
  ],
  'loki-stack': [
    ['charts/grafana/values.yaml:943 sidecar.plugins.initPlugins', 'no grafana template reads it'],
    ['charts/grafana/values.yaml:1039 imageRenderer.service.appProtocol', 'templates read imageRenderer.appProtocol'],
    ['charts/grafana/values.yaml:1045 imageRenderer.podPortName', 'templates read the top-level podPortName'],
    ['values.yaml:4 test_pod.pullPolicy', 'the test pod reads test_pod.imagePullPolicy'],
    ['values.yaml:43 grafana.sidecar.datasources.maxLines', 'the grafana subchart reads no maxLines'],
    ['values.yaml:76 logstash.filters', 'the logstash subchart reads logstashPipeline, not filters'],
    ['values.yaml:93 logstash.outputs', 'the logstash subchart reads logstashPipeline, not outputs'],
  ],
  'external-secrets': [
    ['values.yaml:57 installCRDs', 'read by templates/crds/*.yaml, which the corpus copy leaves out'],
    ['values.yaml:61 crds.createClusterExternalSecret', 'same: the CRD templates are not in the corpus copy'],
    ['values.yaml:65 crds.createSecretStore', 'same'],
    ['values.yaml:67 crds.createClusterGenerator', 'same'],
    ['values.yaml:69 crds.createClusterPushSecret', 'same'],
    ['values.yaml:71 crds.createPushSecret', 'same'],
    ['values.yaml:72 crds.annotations', 'same'],
    ['values.yaml:73 crds.conversion', 'same'],
    ['values.yaml:79 crds.unsafeServeV1Beta1', 'same'],
  ],
  'opentelemetry-operator': [['values.yaml:134 manager.metrics.tls', 'neither templates nor the tpl-rendered conf/ files read it']],
  prometheus: [
    ['values.yaml:641 server.statefulSet.annotations', 'deploy.yaml reads statefulSet.labels/headless.annotations, not annotations'],
    ['values.yaml:671 server.daemonSet.annotations', 'no template reads it'],
  ],
};

const charts = new Set(corpusCharts());

for (const [chart, expected] of Object.entries(RESIDUAL)) {
  test(`corpus ${chart}: only unread keys are hinted as unused`, { skip: charts.has(chart) ? false : 'corpus missing: ../shared/corpus/charts' }, () => {
    const got = corpusChartDiagnostics(chart)
      .filter((d) => d.code === 'values-unused')
      .map((d) => `${d.file}:${d.line} ${d.message.replace(/^\.Values\.(\S+) .*$/, '$1')}`);
    assert.deepEqual(got.sort(), expected.map(([k]) => k).sort());
  });
}
