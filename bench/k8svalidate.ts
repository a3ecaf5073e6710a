// Benchmark: Kubernetes schema validation (server/src/k8s) against the warm render it follows, on
// the bench charts (bench/template.ts's five largest corpus charts).
//
//   node --stack-size=4000 --import tsx bench/k8svalidate.ts [--warm N]
//
// Columns: the warm in-process render (as bench/template.ts measures it), decoding every rendered
// document to JSON data (analysis/k8sjson, what a caller without decoded data pays), validating the
// decoded documents (validateResource, the 1.34 set and the chart's rendered CRDs), and validation's
// share of the render. The first load of a schema set (read + parse of the data files) is shown apart.
import { performance } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { unmarshalJSONValue } from '../server/src/analysis/k8sjson';
import { nodeFS } from '../server/src/chart/fs';
import { ParseCache } from '../server/src/render/engine';
import { SessionCrypto } from '../server/src/render/nativecrypto';
import { defaultRuntime, runTemplateCommand } from '../server/src/render/template-command';
import { crdSchemaSet, isCrd, layered } from '../server/src/k8s/crd';
import { fileData, SchemaStore } from '../server/src/k8s/store';
import { validateResource } from '../server/src/k8s/validate';

const repo = resolve(__dirname, '..');
const corpus = resolve(repo, '..', 'shared', 'corpus');
const CHARTS = ['argo-cd', 'datadog-operator', 'bitnami-harbor', 'argo-rollouts', 'bitnami-airflow'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const i = process.argv.indexOf('--warm');
const warm = i >= 0 ? Number(process.argv[i + 1]) : 20;
const t0 = performance.now();
const builtin = new SchemaStore(fileData()).schemaSet('1.34');
builtin.resource('apps/v1', 'Deployment');
const loadMs = performance.now() - t0;
const rows: string[] = [];
for (const name of CHARTS) {
  const dir = join(corpus, 'charts', name);
  const fs = nodeFS('/');
  const cache = new ParseCache();
  const runtime = defaultRuntime(new SessionCrypto());
  let out = '';
  for (let k = 0; k < 3; k++) out = runTemplateCommand([dir], { fs, cwd: repo, cache, runtime }).stdout;
  const render: number[] = [];
  const decode: number[] = [];
  const validate: number[] = [];
  let problems = 0;
  let docs = 0;
  for (let k = 0; k < warm; k++) {
    let t = performance.now();
    runTemplateCommand([dir], { fs, cwd: repo, cache, runtime });
    render.push(performance.now() - t);
    t = performance.now();
    const objs = out.split(/^---[ \t]*$/m).map((d) => unmarshalJSONValue(d)).filter((o) => o !== null && o !== undefined);
    decode.push(performance.now() - t);
    t = performance.now();
    const set = layered('1.34', builtin, crdSchemaSet(objs.filter(isCrd), builtin));
    problems = 0;
    for (const o of objs) problems += validateResource(set, o).length;
    validate.push(performance.now() - t);
    docs = objs.length;
  }
  const r = median(render);
  const d = median(decode);
  const v = median(validate);
  rows.push(`| ${name} | ${docs} | ${r.toFixed(1)} | ${d.toFixed(1)} | ${v.toFixed(1)} | ${((100 * v) / r).toFixed(1)}% | ${((100 * (d + v)) / r).toFixed(1)}% | ${problems} |`);
  console.error(`measured ${name}`);
}
console.log(`First load of the 1.34 set (index, strings, base, delta; parse): ${loadMs.toFixed(1)} ms. Medians of ${warm} warm runs.\n`);
console.log('| chart | documents | warm render (ms) | decode (ms) | validate (ms) | validate / render | decode+validate / render | problems |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(r);
