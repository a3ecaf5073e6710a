// CRDs → the schema model, on real CRDs from ../shared/corpus: prometheus-operator's ServiceMonitor
// (bitnami-kube-prometheus's crds/ folder) and cert-manager's Certificate (rendered by the chart,
// taken from its helm v4.1.4 golden).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unmarshalJSONValue } from '../../server/src/analysis/k8sjson';
import { crdSchemaSet, isCrd, layered } from '../../server/src/k8s/crd';
import { schemaSet } from '../../server/src/k8s/store';
import { formatPath, validateResource } from '../../server/src/k8s/validate';

const corpus = join(__dirname, '..', '..', '..', 'shared', 'corpus');
const skip = !existsSync(corpus) && 'no ../shared/corpus';

function yamlDocs(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split(/^---[ \t]*$/m)
    .map((d) => unmarshalJSONValue(d))
    .filter((d) => d !== null && d !== undefined);
}

const builtin = schemaSet('1.34');

test('ServiceMonitor CRD from a chart\'s crds/ folder validates custom resources', { skip }, () => {
  const crds = yamlDocs(join(corpus, 'charts', 'bitnami-kube-prometheus', 'charts', 'kube-prometheus-crds', 'crds', 'crd-servicemonitors.yaml'));
  const set = layered('1.34', builtin, crdSchemaSet(crds, builtin));
  assert.deepEqual(crdSchemaSet(crds).kinds(), [{ apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor' }]);
  const sm = (spec: Record<string, unknown>, top: Record<string, unknown> = {}) => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: 'm', labels: { a: 'b' } },
    spec: { selector: { matchLabels: { app: 'x' } }, endpoints: [{ port: 'http', interval: '30s', scheme: 'http', targetPort: 8080 }], ...spec },
    ...top,
  });
  const table: Array<[string, unknown, Array<[string, string, string]>]> = [
    ['valid', sm({}), []],
    ['int-or-string takes a string', sm({ endpoints: [{ targetPort: 'http' }] }), []],
    ['status is not checked', sm({}, { status: { x: 1 } }), []],
    ['unknown field', sm({ endpointz: [] }), [['k8s-unknown-field', 'spec.endpointz', 'unknown field "spec.endpointz"']]],
    ['enum', sm({ endpoints: [{ scheme: 'ftp' }] }), [['k8s-enum', 'spec.endpoints[0].scheme', 'spec.endpoints[0].scheme: Unsupported value: "ftp": supported values: "http", "https"']]],
    ['integer', sm({ sampleLimit: '10' }), [['k8s-type', 'spec.sampleLimit', 'spec.sampleLimit: Invalid type: expected integer, got string']]],
    ['boolean', sm({ endpoints: [{ honorLabels: 'yes' }] }), [['k8s-type', 'spec.endpoints[0].honorLabels', 'spec.endpoints[0].honorLabels: Invalid type: expected boolean, got string']]],
    ['metadata is ObjectMeta', sm({}, { metadata: { name: 'm', labelz: {} } }), [['k8s-unknown-field', 'metadata.labelz', 'unknown field "metadata.labelz"']]],
    ['required spec', { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'm' } }, [['k8s-required', 'spec', 'missing required field "spec" in ServiceMonitor']]],
    ['a version the CRD does not serve: skipped', { apiVersion: 'monitoring.coreos.com/v2', kind: 'ServiceMonitor', spec: { x: 1 } }, []],
  ];
  for (const [what, obj, want] of table) {
    assert.deepEqual(validateResource(set, obj).map((p) => [p.code, formatPath(p.path), p.message]), want, what);
  }
  // Descriptions and field types come across for hover and completion.
  const spec = set.type(set.resource('monitoring.coreos.com/v1', 'ServiceMonitor')?.fields.get('spec')?.type.t === 'object' ? 'monitoring.coreos.com/v1/ServiceMonitor.spec' : '');
  assert.ok(spec?.fields.get('endpoints')?.description.includes('endpoints'));
  assert.equal(spec?.fields.get('sampleLimit')?.type.t, 'integer');
});

test('cert-manager CRDs rendered by the chart: every served version, required fields, nested enums', { skip }, () => {
  const crds = yamlDocs(join(corpus, 'golden', 'cert-manager-crds-monitoring.helm4.yaml')).filter(isCrd);
  const set = crdSchemaSet(crds, builtin);
  const kinds = set.kinds().map((k) => `${k.apiVersion} ${k.kind}`);
  for (const k of ['cert-manager.io/v1 Certificate', 'cert-manager.io/v1 Issuer', 'cert-manager.io/v1 ClusterIssuer', 'acme.cert-manager.io/v1 Challenge']) assert.ok(kinds.includes(k), k);
  const cert = (spec: Record<string, unknown>) => ({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c' }, spec });
  const table: Array<[string, unknown, string[]]> = [
    ['valid', cert({ secretName: 's', issuerRef: { name: 'i', kind: 'ClusterIssuer' }, dnsNames: ['a.example.com'], privateKey: { algorithm: 'ECDSA', size: 256 } }), []],
    ['missing required', cert({ dnsNames: ['a'] }), ['k8s-required spec.issuerRef', 'k8s-required spec.secretName']],
    ['nested enum', cert({ secretName: 's', issuerRef: { name: 'i' }, privateKey: { algorithm: 'DSA' } }), ['k8s-enum spec.privateKey.algorithm']],
    ['array of strings', cert({ secretName: 's', issuerRef: { name: 'i' }, dnsNames: 'a.example.com' }), ['k8s-type spec.dnsNames']],
  ];
  for (const [what, obj, want] of table) {
    assert.deepEqual(validateResource(set, obj).map((p) => `${p.code} ${formatPath(p.path)}`).sort(), want, what);
  }
});

test('crdSchemaSet: v1beta1 CRDs, unserved versions, preserve-unknown-fields, non-CRDs ignored', () => {
  const crd = (apiVersion: string, spec: Record<string, unknown>) => ({ apiVersion, kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' }, spec });
  const schema = {
    type: 'object',
    properties: {
      spec: { type: 'object', required: ['size'], properties: { size: { type: 'integer' }, extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, tags: { type: 'object', additionalProperties: { type: 'string' } } } },
    },
  };
  const set = crdSchemaSet([
    crd('apiextensions.k8s.io/v1', {
      group: 'example.com',
      names: { kind: 'Widget' },
      versions: [
        { name: 'v1', served: true, schema: { openAPIV3Schema: schema } },
        { name: 'v0', served: false, schema: { openAPIV3Schema: schema } },
      ],
    }),
    crd('apiextensions.k8s.io/v1beta1', { group: 'example.com', names: { kind: 'Gadget' }, version: 'v1beta1', validation: { openAPIV3Schema: schema } }),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
  ]);
  assert.deepEqual(set.kinds(), [
    { apiVersion: 'example.com/v1', kind: 'Widget' },
    { apiVersion: 'example.com/v1beta1', kind: 'Gadget' },
  ]);
  const table: Array<[unknown, string[]]> = [
    [{ apiVersion: 'example.com/v1', kind: 'Widget', spec: { size: 1, extra: { a: { b: 1 } }, tags: { t: 'x' } } }, []],
    [{ apiVersion: 'example.com/v1', kind: 'Widget', spec: { size: 1, tags: { t: 2 } } }, ['k8s-type spec.tags.t']],
    [{ apiVersion: 'example.com/v1', kind: 'Widget', spec: { colour: 'red' } }, ['k8s-unknown-field spec.colour', 'k8s-required spec.size']],
    [{ apiVersion: 'example.com/v1beta1', kind: 'Gadget', spec: { size: 'big' } }, ['k8s-type spec.size']],
    [{ apiVersion: 'example.com/v0', kind: 'Widget', spec: { colour: 'red' } }, []],
  ];
  for (const [obj, want] of table) assert.deepEqual(validateResource(set, obj).map((p) => `${p.code} ${formatPath(p.path)}`), want, JSON.stringify(obj));
});
