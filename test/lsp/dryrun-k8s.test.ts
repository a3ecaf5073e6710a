// The built-in dry run's Kubernetes schema problems (chartwright/dryRun) on the editor's schema
// layer (server/src/k8s/ via analysis/k8sschemas.ts): the configured Kubernetes version picks the
// schema set as in the editor, the chart's crds/ validate its custom resources, and each problem
// is at the output line of the offending key and at the template text the editor reports it at
// (a define's key in the define with the include call as `via`, a key written by `toYaml |
// nindent` at that action). The messages are k8s/validate.ts's (API server style), not Helm texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { memoryHost } from '../../server/src/analysis/host';
import type { DryRunResult } from '../../server/src/lsp/protocol';
import { inMemory } from './harness';

const R = '/ws/dr';
const uri = (p: string): string => pathToFileURL(p).href;
const CHART = { [`${R}/Chart.yaml`]: 'apiVersion: v2\nname: dr\nversion: 0.1.0\n' };
const POD = (spec: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n${spec}`;
const CRD =
  'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  names:\n    kind: Widget\n    plural: widgets\n  scope: Namespaced\n' +
  '  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                size:\n                  type: integer\n';

interface Want {
  readonly message: string;
  /** outputLine: the text of the dry run's output line the problem is at. */
  readonly outputLine: string;
  /** source: template file (relative to the chart) and 0-based line. */
  readonly source: readonly [string, number];
  readonly via?: readonly (readonly [string, number])[];
}

interface Case {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  readonly kubeVersion?: string;
  readonly want: readonly Want[];
}

const CASES: readonly Case[] = [
  {
    name: 'a wrong type at the literal line',
    files: { [`${R}/values.yaml`]: 'port: http\n', [`${R}/templates/svc.yaml`]: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n    - name: web\n      port: {{ .Values.port }}\n' },
    want: [{ message: 'Service s: spec.ports[0].port: Invalid type: expected integer, got string', outputLine: '      port: http', source: ['templates/svc.yaml', 7] }],
  },
  {
    name: "a define's key: in the define, the include call as via",
    files: {
      [`${R}/templates/_h.tpl`]: '{{- define "extra" -}}\nworkingDir: /x\nnotAField: 1\n{{- end }}\n',
      [`${R}/templates/pod.yaml`]: POD('      {{- include "extra" . | nindent 6 }}\n'),
    },
    want: [{ message: 'Pod p: unknown field "spec.containers[0].notAField"', outputLine: '      notAField: 1', source: ['templates/_h.tpl', 2], via: [['templates/pod.yaml', 8]] }],
  },
  {
    name: 'a key written by toYaml | nindent: at the action',
    files: { [`${R}/values.yaml`]: 'res:\n  limits:\n    cpu: 1\n  bogus: 2\n', [`${R}/templates/pod.yaml`]: POD('      resources: {{ toYaml .Values.res | nindent 8 }}\n') },
    want: [{ message: 'Pod p: unknown field "spec.containers[0].resources.bogus"', outputLine: '        bogus: 2', source: ['templates/pod.yaml', 8] }],
  },
  {
    name: 'per Kubernetes version: PodSpec.resources is unknown on 1.30',
    kubeVersion: '1.30.0',
    files: { [`${R}/templates/pod.yaml`]: POD('  resources:\n    limits:\n      cpu: 1\n') },
    want: [{ message: 'Pod p: unknown field "spec.resources"', outputLine: '  resources:', source: ['templates/pod.yaml', 8] }],
  },
  {
    name: 'per Kubernetes version: PodSpec.resources is known on 1.33',
    kubeVersion: '1.33.0',
    files: { [`${R}/templates/pod.yaml`]: POD('  resources:\n    limits:\n      cpu: 1\n') },
    want: [],
  },
  {
    name: 'a removed apiVersion, at the apiVersion line',
    files: { [`${R}/templates/pdb.yaml`]: 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: b\nspec:\n  minAvailable: 1\n' },
    want: [{ message: 'PodDisruptionBudget b: policy/v1beta1 PodDisruptionBudget is not served by Kubernetes 1.36: removed in 1.25; use policy/v1 PodDisruptionBudget', outputLine: 'apiVersion: policy/v1beta1', source: ['templates/pdb.yaml', 0] }],
  },
  {
    name: "a CRD from crds/ validates the chart's custom resource; a kind without a CRD is skipped",
    files: {
      [`${R}/crds/widget.yaml`]: CRD,
      [`${R}/templates/w.yaml`]: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: big\n---\napiVersion: other.example.com/v1\nkind: Gadget\nmetadata:\n  name: g\nspec:\n  anything: 1\n',
    },
    want: [{ message: 'Widget w: spec.size: Invalid type: expected integer, got string', outputLine: '  size: big', source: ['templates/w.yaml', 5] }],
  },
];

for (const c of CASES) {
  test(`dry run schema problems: ${c.name}`, async () => {
    const client = await inMemory(memoryHost({ ...CHART, ...c.files }), undefined, c.kubeVersion !== undefined ? { kubeVersion: c.kubeVersion } : {});
    try {
      const file = Object.keys(c.files).find((f) => f.includes('/templates/') && !f.endsWith('.tpl')) ?? '';
      const r = (await client.conn.sendRequest('chartwright/dryRun', { uri: uri(file) })) as DryRunResult;
      assert.equal(r.error, undefined);
      const lines = r.text.split('\n');
      const got = (r.problems ?? []).map((p) => {
        const w: Want = { message: p.message, outputLine: lines[p.line], source: [p.source?.uri.slice(uri(R).length + 1) ?? '', p.source?.line ?? -1] };
        const via = p.source?.via?.map((v) => [v.uri.slice(uri(R).length + 1), v.line] as const);
        return via !== undefined ? { ...w, via } : w;
      });
      assert.deepEqual(got, c.want);
    } finally {
      client.dispose();
    }
  });
}
