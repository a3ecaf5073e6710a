// `chartwright lint --kube-schemas`: Kubernetes schema findings of the rendered manifests (a
// Chartwright check, not a Helm rule: the messages are k8s/validate.ts's, API server style), at
// the template text that wrote the key, per --kube-version, with the chart's CRDs; after Helm's
// own findings. Without the flag the output is Helm's (the recorded goldens in lint.test.ts); the
// Helm lines below were recorded from helm v4.1.4 (`helm lint c`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedRuntime } from '../../server/src/analysis/host';
import { memoryFS } from '../../server/src/chart/fs';
import { runLintCommand } from '../../server/src/lint/command';

const CRD =
  'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  names:\n    kind: Widget\n    plural: widgets\n  scope: Namespaced\n' +
  '  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                size:\n                  type: integer\n';

const fs = memoryFS({
  'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
  'c/values.yaml': 'replicas: two\nres:\n  limits:\n    cpu: 1\n  bogus: 2\n',
  'c/crds/widget.yaml': CRD,
  'c/templates/_h.tpl': '{{- define "extra" -}}\nworkingDir: /x\nnotAField: 1\n{{- end }}\n',
  'c/templates/deploy.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: {{ .Values.replicas }}\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n' +
    '      containers:\n        - name: web\n          image: nginx\n          {{- include "extra" . | nindent 10 }}\n          resources: {{ toYaml .Values.res | nindent 12 }}\n',
  'c/templates/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n  resources:\n    limits:\n      cpu: 1\n',
  'c/templates/w.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: big\n---\napiVersion: other.example.com/v1\nkind: Gadget\nmetadata:\n  name: g\n',
});
const lint = (...args: string[]) => runLintCommand(['c', ...args], { fs, cwd: '', runtime: fixedRuntime });

interface Finding {
  readonly severity: string;
  readonly message: string;
  readonly file: string | null;
  readonly line: number | null;
  readonly column: number | null;
}

const HELM_TEXT = '==> Linting c\n[INFO] Chart.yaml: icon is recommended\n\n1 chart(s) linted, 0 chart(s) failed\n';

const CASES: ReadonlyArray<{ name: string; args: readonly string[]; want: ReadonlyArray<readonly [string, string, number, number]> }> = [
  {
    name: 'default version (1.36): a type, a define key (in the define), a toYaml key (at the call), a CRD-typed field; PodSpec.resources is known',
    args: [],
    want: [
      ['templates/deploy.yaml', 'Deployment web: spec.replicas: Invalid type: expected integer, got string (k8s-type)', 6, 3],
      ['templates/_h.tpl', 'Deployment web: unknown field "spec.template.spec.containers[0].notAField" (k8s-unknown-field)', 3, 1],
      ['templates/deploy.yaml', 'Deployment web: unknown field "spec.template.spec.containers[0].resources.bogus" (k8s-unknown-field)', 19, 22],
      ['templates/w.yaml', 'Widget w: spec.size: Invalid type: expected integer, got string (k8s-type)', 6, 3],
    ],
  },
  {
    name: '--kube-version 1.30: PodSpec.resources is unknown there',
    args: ['--kube-version', '1.30.0'],
    want: [
      ['templates/deploy.yaml', 'Deployment web: spec.replicas: Invalid type: expected integer, got string (k8s-type)', 6, 3],
      ['templates/_h.tpl', 'Deployment web: unknown field "spec.template.spec.containers[0].notAField" (k8s-unknown-field)', 3, 1],
      ['templates/deploy.yaml', 'Deployment web: unknown field "spec.template.spec.containers[0].resources.bogus" (k8s-unknown-field)', 19, 22],
      ['templates/pod.yaml', 'Pod p: unknown field "spec.resources" (k8s-unknown-field)', 9, 3],
      ['templates/w.yaml', 'Widget w: spec.size: Invalid type: expected integer, got string (k8s-type)', 6, 3],
    ],
  },
];

for (const c of CASES) {
  test(`lint --kube-schemas --format json: ${c.name}`, () => {
    const r = lint('--kube-schemas', '--format', 'json', ...c.args);
    assert.equal(r.exitCode, 1);
    const got = (JSON.parse(r.stdout) as Finding[]).filter((f) => /\(k8s-/.test(f.message)).map((f) => [f.file, f.message, f.line, f.column] as const);
    assert.deepEqual(
      [...got].sort((a, b) => String(a).localeCompare(String(b))),
      [...c.want].sort((a, b) => String(a).localeCompare(String(b))),
    );
  });
}

test('lint --kube-schemas: text output appends the findings after Helm lines; without the flag it is helm lint', () => {
  assert.deepEqual(lint(), { stdout: HELM_TEXT, stderr: '', exitCode: 0 });
  const r = lint('--kube-schemas');
  assert.equal(r.exitCode, 1);
  const lines = r.stdout.split('\n');
  assert.deepEqual(lines.slice(0, 2), ['==> Linting c', '[INFO] Chart.yaml: icon is recommended']);
  assert.ok(lines.includes('[ERROR] templates/deploy.yaml: Deployment web: spec.replicas: Invalid type: expected integer, got string (k8s-type)'), r.stdout);
  assert.equal(r.stderr, 'Error: 1 chart(s) linted, 1 chart(s) failed\n');
});

test('lint --kube-schemas --format github|sarif: positioned at the template', () => {
  const g = lint('--kube-schemas', '--format', 'github');
  assert.ok(g.stdout.split('\n').includes('::error file=c/templates/_h.tpl,line=3,col=1,title=helm lint%3A c (templates/_h.tpl)::Deployment web: unknown field "spec.template.spec.containers[0].notAField" (k8s-unknown-field)'), g.stdout);
  const s = JSON.parse(lint('--kube-schemas', '--format', 'sarif').stdout) as { runs: Array<{ results: Array<{ message: { text: string }; locations?: Array<{ physicalLocation: unknown }> }> }> };
  const hit = s.runs[0]?.results.find((x) => /^Widget w:/.test(x.message.text));
  assert.deepEqual(hit?.locations?.[0]?.physicalLocation, { artifactLocation: { uri: 'c/templates/w.yaml' }, region: { startLine: 6, startColumn: 3 } });
});
