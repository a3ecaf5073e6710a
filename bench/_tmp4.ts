import { join, resolve } from 'node:path';
import { kubeSchemas } from '../server/src/analysis/k8sschemas';
import { kubeSchemaProblems } from '../server/src/analysis/k8svalidate';
import { unmarshalJSONValue } from '../server/src/analysis/k8sjson';
import { documents, renderedProblems } from '../server/src/analysis/rendered';
import { Workspace } from '../server/src/analysis/snapshot';
import { nodeHost } from '../server/src/lsp/nodeHost';
import { schemaSet } from '../server/src/k8s/store';
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const root = join(resolve(__dirname, '..', '..', 'shared', 'corpus', 'charts'), process.argv[2] ?? 'bitnami-kube-prometheus');
const ws = new Workspace(nodeHost());
const snap = ws.snapshot();
let t = cpu();
const outcome = snap.render(snap.model(root));
renderedProblems(outcome);
console.log('render', (cpu() - t).toFixed(1));
t = cpu(); schemaSet('1.36').resource('apps/v1', 'Deployment'); console.log('load set', (cpu() - t).toFixed(1));
let n = 0, bytes = 0;
const texts: string[] = [];
for (const [name, f] of outcome.files) if (/\.ya?ml$/.test(name)) for (const d of documents(f.text)) if (/^kind:/m.test(d.text)) { texts.push(d.text); bytes += d.text.length; }
t = cpu(); for (const x of texts) { unmarshalJSONValue(x + ' '); n++; } console.log('decode manifests', n, bytes, (cpu() - t).toFixed(1));
t = cpu(); const ks = kubeSchemas(snap, snap.model(root), outcome); console.log('kubeSchemas', (cpu() - t).toFixed(1));
t = cpu(); kubeSchemaProblems(outcome, ks); console.log('problems', (cpu() - t).toFixed(1));
import { fastYamlDecode } from '../server/src/yaml/yamlFast';
{
  let bail = 0, bailBytes = 0; const kinds = new Map<string, number>();
  for (const x of texts) if (fastYamlDecode(x) === undefined) { bail++; bailBytes += x.length; const k = /^kind:\s*(\S+)/m.exec(x)?.[1] ?? '?'; kinds.set(k, (kinds.get(k) ?? 0) + 1); }
  console.log('fast path bails', bail, bailBytes, [...kinds]);
}
