// The per-file memo of schema problems (analysis/k8svalidate.ts) across edits of a chart whose
// templates render a CRD: a file of built-in kinds keeps its results when only the CRD changes, a
// custom resource is checked again against the changed CRD.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeSchemas } from '../../server/src/analysis/k8sschemas';
import { kubeSchemaFilesChecked, kubeSchemaProblems } from '../../server/src/analysis/k8svalidate';
import { Workspace } from '../../server/src/analysis/snapshot';
import { nodeHost } from '../../server/src/lsp/nodeHost';

const crd = (sizeType: string): string => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names:
    kind: Widget
    plural: widgets
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size:
                description: |-
                  How big.
                type: ${sizeType}
`;

const FILES: Record<string, string> = {
  'Chart.yaml': 'apiVersion: v2\nname: widgets\nversion: 0.1.0\n',
  'templates/crd.yaml': crd('integer'),
  'templates/widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: big\n',
  'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndataz: {}\n',
};

test('editing a rendered CRD re-checks its custom resources, and files of built-in kinds keep their results', () => {
  const root = mkdtempSync(join(tmpdir(), 'chartwright-crd-memo-'));
  try {
    for (const [name, text] of Object.entries(FILES)) {
      mkdirSync(join(root, name, '..'), { recursive: true });
      writeFileSync(join(root, name), text);
    }
    const ws = new Workspace(nodeHost());
    const pass = (): string[] => {
      const snap = ws.snapshot();
      const model = snap.model(root);
      const outcome = snap.render(model);
      return kubeSchemaProblems(outcome, kubeSchemas(snap, model, outcome))
        .map((p) => `${p.path.slice(root.length + 1)} ${p.code} ${p.message}`)
        .sort();
    };
    const configMap = 'templates/cm.yaml k8s-unknown-field ConfigMap c: unknown field "dataz"';
    const widget = 'templates/widget.yaml k8s-type Widget w: spec.size: Invalid type: expected integer, got string';
    assert.deepEqual(pass(), [configMap, widget]);
    const checked = kubeSchemaFilesChecked();
    ws.openDocument(join(root, 'templates/crd.yaml'), 1, crd('string'));
    assert.deepEqual(pass(), [configMap]);
    // The CRD's own file and the custom resource's are checked again; the ConfigMap's is not.
    assert.equal(kubeSchemaFilesChecked() - checked, 2);
    ws.openDocument(join(root, 'templates/crd.yaml'), 2, crd('integer'));
    assert.deepEqual(pass(), [configMap, widget]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
