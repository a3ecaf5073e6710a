// Completion of the top-level `kind:` and `apiVersion:` values in templates over LSP (issue 11):
// kinds of the document's apiVersion (or all), group/versions serving the document's kind (or
// all), for the configured Kubernetes version (`chartwright.kubeVersion`), with deprecated and
// removed apiVersions tagged deprecated (CompletionItemTag.Deprecated = 1) and the replacement in
// the detail; a CRD from crds/ adds its kinds. No Helm text is involved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { memoryHost } from '../../server/src/analysis/host';
import { withCursor } from '../analysis/fixture';
import { inMemory } from './harness';

const R = '/ws/kinds';
const T = `${R}/templates/x.yaml`;
const CRD =
  'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  names:\n    kind: Widget\n    plural: widgets\n  scope: Namespaced\n' +
  '  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n';

interface Item {
  readonly label: string;
  readonly detail?: string;
  readonly tags?: readonly number[];
}

interface Case {
  readonly name: string;
  /** text: the template, `$0` at the cursor. */
  readonly text: string;
  readonly kubeVersion?: string;
  readonly crds?: boolean;
  /** has: labels offered, with `true` when tagged deprecated; hasNot: labels not offered. */
  readonly has: Readonly<Record<string, boolean>>;
  readonly hasNot?: readonly string[];
  /** detail: a label's detail must match. */
  readonly detail?: readonly [string, RegExp];
  /** exactly: the whole sorted label list. */
  readonly exactly?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'kind: the kinds of the literal apiVersion', text: 'apiVersion: apps/v1\nkind: $0\n', has: { Deployment: false, StatefulSet: false, DaemonSet: false }, hasNot: ['Pod', 'Service'] },
  { name: 'kind: every kind without an apiVersion', text: 'kind: Dep$0\nmetadata:\n  name: x\n', has: { Deployment: false, Pod: false, ConfigMap: false, CronJob: false } },
  { name: 'kind: of a removed apiVersion, marked', text: 'apiVersion: extensions/v1beta1\nkind: $0\n', has: { Ingress: true, Deployment: true }, hasNot: ['Pod'], detail: ['Ingress', /removed in Kubernetes 1\.22; use networking\.k8s\.io\/v1 Ingress/] },
  {
    name: 'apiVersion: the group/versions of the literal kind, the removed one marked with its replacement',
    text: 'apiVersion: $0\nkind: PodDisruptionBudget\n',
    exactly: ['policy/v1', 'policy/v1beta1'],
    has: { 'policy/v1': false, 'policy/v1beta1': true },
    detail: ['policy/v1beta1', /removed in Kubernetes 1\.25; use policy\/v1 PodDisruptionBudget/],
  },
  { name: 'apiVersion: every group/version without a kind', text: 'apiVersion: $0\n', has: { v1: false, 'apps/v1': false, 'batch/v1': false, 'networking.k8s.io/v1': false }, hasNot: ['policy/v1beta1'] },
  {
    name: 'per version: flowcontrol v1beta3 is deprecated on 1.29',
    kubeVersion: '1.29.0',
    text: 'apiVersion: flow$0\nkind: FlowSchema\n',
    has: { 'flowcontrol.apiserver.k8s.io/v1': false, 'flowcontrol.apiserver.k8s.io/v1beta3': true },
    detail: ['flowcontrol.apiserver.k8s.io/v1beta3', /deprecated since Kubernetes 1\.29, removed in 1\.32; use flowcontrol\.apiserver\.k8s\.io\/v1 FlowSchema \(Kubernetes 1\.29\)|\(Kubernetes 1\.29\) — deprecated since Kubernetes 1\.29, removed in 1\.32/],
  },
  {
    name: 'per version: flowcontrol v1beta3 is removed on 1.32',
    kubeVersion: '1.32.0',
    text: 'apiVersion: flow$0\nkind: FlowSchema\n',
    has: { 'flowcontrol.apiserver.k8s.io/v1': false, 'flowcontrol.apiserver.k8s.io/v1beta3': true },
    detail: ['flowcontrol.apiserver.k8s.io/v1beta3', /removed in Kubernetes 1\.32/],
  },
  { name: "a CRD from crds/: its kinds for its group/version", crds: true, text: 'apiVersion: example.com/v1\nkind: $0\n', exactly: ['Widget'], has: { Widget: false } },
  { name: 'a CRD from crds/: its group/version for its kind', crds: true, text: 'apiVersion: $0\nkind: Widget\n', exactly: ['example.com/v1'], has: { 'example.com/v1': false } },
];

for (const c of CASES) {
  test(`kind/apiVersion completion: ${c.name}`, async () => {
    const { text, offset } = withCursor(c.text);
    const files: Record<string, string> = { [`${R}/Chart.yaml`]: 'apiVersion: v2\nname: kinds\nversion: 0.1.0\n', [T]: text };
    if (c.crds === true) files[`${R}/crds/widget.yaml`] = CRD;
    const client = await inMemory(memoryHost(files), undefined, c.kubeVersion !== undefined ? { kubeVersion: c.kubeVersion } : {});
    try {
      const u = pathToFileURL(T).href;
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'helm', version: 1, text } });
      const before = text.slice(0, offset);
      const position = { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
      const r = (await client.conn.sendRequest('textDocument/completion', { textDocument: { uri: u }, position })) as Item[] | { items: Item[] };
      const items = Array.isArray(r) ? r : r.items;
      const byLabel = new Map(items.map((i) => [i.label, i]));
      for (const [label, deprecated] of Object.entries(c.has)) {
        const it = byLabel.get(label);
        assert.ok(it !== undefined, `${label} not offered: ${items.map((i) => i.label).join(', ')}`);
        assert.equal(it.tags?.includes(1) ?? false, deprecated, `${label}: ${JSON.stringify(it)}`);
      }
      for (const label of c.hasNot ?? []) assert.ok(!byLabel.has(label), `${label} offered`);
      if (c.exactly !== undefined) assert.deepEqual(items.map((i) => i.label).sort(), [...c.exactly].sort());
      if (c.detail !== undefined) assert.match(byLabel.get(c.detail[0])?.detail ?? '', c.detail[1]);
    } finally {
      client.dispose();
    }
  });
}
