import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fastYamlDecode } from '../server/src/yaml/yamlFast';
import { unmarshalYAML } from '../server/src/yaml/yamlDecode';
import { unmarshalJSONValue } from '../server/src/analysis/k8sjson';
import { validateResource } from '../server/src/k8s/validate';
import { schemaSet } from '../server/src/k8s/store';
const base = readFileSync('../shared/corpus/charts/argo-rollouts/templates/crds/analysis-run-crd.yaml', 'utf8').split('\n').filter((l) => !l.includes('{{')).join('\n');
const set = schemaSet();
for (let r = 0; r < 12; r++) {
  const d = base + `\n# edit ${r}\n`;
  let t = performance.now();
  fastYamlDecode(d);
  const a = performance.now() - t;
  t = performance.now();
  unmarshalYAML(d + ' ', 'map');
  const b = performance.now() - t;
  t = performance.now();
  const o = unmarshalJSONValue(d + '  ');
  const c = performance.now() - t;
  t = performance.now();
  validateResource(set, o as never);
  const v = performance.now() - t;
  console.log('fast', a.toFixed(1), 'unmarshal', b.toFixed(1), 'json', c.toFixed(1), 'validate', v.toFixed(1));
}
