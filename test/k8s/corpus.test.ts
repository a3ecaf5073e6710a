// No false positives: every manifest of every helm v4.1.4 golden in ../shared/corpus/golden (the
// output of `helm4 template`, recorded there) is validated against the schemas of the Kubernetes
// version Helm 4 renders for by default (v1.35.0 → the shipped 1.35 set), custom resources against
// the CRDs of the same chart (its crds/ folders and the CRDs it renders). The only problems left are
// ones the real API server rejects too; each is listed below with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unmarshalJSONValue } from '../../server/src/analysis/k8sjson';
import { crdSchemaSet, isCrd, layered } from '../../server/src/k8s/crd';
import { schemaSet } from '../../server/src/k8s/store';
import { formatPath, validateResource } from '../../server/src/k8s/validate';
import { schemaVersionFor } from '../../server/src/k8s/versions';

const corpus = join(__dirname, '..', '..', '..', 'shared', 'corpus');

/** EXPECTED: golden id, source template, code, path — each rejected by a real API server of that version. */
const EXPECTED: ReadonlyArray<readonly [string, string, string, string, string]> = [
  // traefik picks policy/v1 only when `.Capabilities.APIVersions.Has "policy/v1/PodDisruptionBudget"`;
  // `helm template` without a cluster has no such API version, so it renders policy/v1beta1, which
  // Kubernetes stopped serving in 1.25: an API server of 1.35 answers "no matches for kind".
  [
    'traefik-metrics-autoscaling',
    'traefik/templates/poddisruptionbudget.yaml',
    'k8s-api-removed',
    'apiVersion',
    'policy/v1beta1 PodDisruptionBudget is not served by Kubernetes 1.35: removed in 1.25; use policy/v1 PodDisruptionBudget',
  ],
];

function docs(text: string): string[] {
  return text.split(/^---[ \t]*$/m);
}

function crdFiles(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (!statSync(p).isDirectory()) continue;
    if (name === 'crds') {
      for (const f of readdirSync(p).sort()) if (/\.ya?ml$/.test(f) && statSync(join(p, f)).isFile()) out.push(join(p, f));
    }
    crdFiles(p, out);
  }
  return out;
}

function chartOf(): Map<string, string> {
  const rows = readFileSync(join(corpus, 'RESULTS.tsv'), 'utf8').trim().split('\n').slice(1);
  return new Map(rows.map((r) => r.split('\t')).map((c) => [c[0], c[1]]));
}

test('corpus: helm4 goldens validate with no problems but those the API server rejects', { skip: !existsSync(corpus) && 'no ../shared/corpus' }, () => {
  const version = schemaVersionFor('v1.35.0');
  assert.equal(version, '1.35');
  const builtin = schemaSet(version);
  const charts = chartOf();
  const found: string[] = [];
  let manifests = 0;
  let checked = 0;
  for (const f of readdirSync(join(corpus, 'golden')).filter((n) => n.endsWith('.helm4.yaml')).sort()) {
    const id = f.slice(0, -'.helm4.yaml'.length);
    const objs = docs(readFileSync(join(corpus, 'golden', f), 'utf8')).map((d) => ({ source: /^# Source: (.*)$/m.exec(d)?.[1] ?? '', obj: unmarshalJSONValue(d) }));
    const chartDir = join(corpus, 'charts', charts.get(id) ?? id);
    const crds = [...objs.map((o) => o.obj).filter(isCrd)];
    for (const file of existsSync(chartDir) ? crdFiles(chartDir, []) : []) for (const d of docs(readFileSync(file, 'utf8'))) crds.push(unmarshalJSONValue(d));
    const set = layered(version, builtin, crdSchemaSet(crds, builtin));
    for (const { source, obj } of objs) {
      if (obj === null || obj === undefined) continue;
      manifests++;
      const o = obj as Record<string, unknown>;
      if (set.resource(String(o.apiVersion), String(o.kind))) checked++;
      for (const p of validateResource(set, obj)) found.push(JSON.stringify([id, source, p.code, formatPath(p.path), p.message]));
    }
  }
  assert.ok(manifests > 1500 && checked > 1500, `${manifests} manifests, ${checked} with a schema`);
  assert.deepEqual(found, EXPECTED.map((e) => JSON.stringify(e)));
});
