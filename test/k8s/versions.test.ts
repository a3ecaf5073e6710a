// The shipped Kubernetes minors and what differs between them, with real differences found in the
// generated data (server/data/k8s, from @kubernetes/client-node per minor, and @pulumi/kubernetes for
// 1.31 and 1.35, which have no client-node release): each asserted on both sides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemaSet, shippedVersions, SchemaStore, fileData } from '../../server/src/k8s/store';
import { validateResource } from '../../server/src/k8s/validate';
import { KUBE_SCHEMA_VERSIONS, schemaVersionFor } from '../../server/src/k8s/versions';

test('the data ships exactly KUBE_SCHEMA_VERSIONS, every minor from 1.29 to 1.36, newest last', () => {
  assert.deepEqual(shippedVersions(), [...KUBE_SCHEMA_VERSIONS]);
  assert.deepEqual(KUBE_SCHEMA_VERSIONS, ['1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36']);
});

test('schemaVersionFor: the nearest shipped minor not above, clamped', () => {
  const table: Array<[string | undefined, string]> = [
    [undefined, '1.36'],
    ['', '1.36'],
    ['not a version', '1.36'],
    ['v1.35.0', '1.35'], // Helm 4's default
    ['1.32.0', '1.32'], // Helm 3's default
    ['v1.31.4-gke.1000', '1.31'],
    ['1.30', '1.30'],
    ['v1.36.2', '1.36'],
    ['1.40.0', '1.36'],
    ['1.20.0', '1.29'],
    ['2.0.0', '1.36'],
  ];
  for (const [v, want] of table) assert.equal(schemaVersionFor(v), want, String(v));
});

/** A minimal valid manifest of each kind used below (plus the field under test). */
const manifests = {
  vap: (apiVersion: string) => ({ apiVersion, kind: 'ValidatingAdmissionPolicy', metadata: { name: 'p' }, spec: {} }),
  cidr: { apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: 'c' }, spec: { cidrs: ['10.0.0.0/16'] } },
  service: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }], trafficDistribution: 'PreferClose' } },
  pod: (extra: Record<string, unknown>, container: Record<string, unknown> = {}) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'c', image: 'nginx', ...container }], ...extra },
  }),
  job: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { managedBy: 'x', template: { spec: { containers: [{ name: 'c' }] } } } },
};

test('per version: apiVersions and kinds present in one minor and not in another', () => {
  const table: Array<[string, string, string, string]> = [
    // [apiVersion, kind, a minor that serves it, a minor that does not]
    ['admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy', '1.30', '1.29'],
    ['networking.k8s.io/v1', 'ServiceCIDR', '1.33', '1.32'],
    ['resource.k8s.io/v1', 'ResourceClaim', '1.34', '1.33'],
    ['storage.k8s.io/v1', 'VolumeAttributesClass', '1.34', '1.33'],
    ['admissionregistration.k8s.io/v1beta1', 'ValidatingAdmissionPolicy', '1.33', '1.34'],
    ['resource.k8s.io/v1alpha3', 'DeviceClass', '1.33', '1.34'],
    ['certificates.k8s.io/v1beta1', 'PodCertificateRequest', '1.36', '1.34'],
    // 1.31 and 1.35 (from @pulumi/kubernetes): apiVersions new in them, and one that 1.31 alone serves.
    ['coordination.k8s.io/v1alpha1', 'LeaseCandidate', '1.31', '1.30'],
    ['coordination.k8s.io/v1alpha1', 'LeaseCandidate', '1.31', '1.32'],
    ['resource.k8s.io/v1alpha3', 'ResourceClaim', '1.31', '1.30'],
    ['resource.k8s.io/v1beta1', 'ResourceClaim', '1.32', '1.31'],
    ['storagemigration.k8s.io/v1beta1', 'StorageVersionMigration', '1.35', '1.34'],
    ['scheduling.k8s.io/v1alpha1', 'Workload', '1.35', '1.34'],
    ['certificates.k8s.io/v1beta1', 'PodCertificateRequest', '1.35', '1.34'],
    ['scheduling.k8s.io/v1alpha2', 'Workload', '1.36', '1.35'],
  ];
  for (const [apiVersion, kind, yes, no] of table) {
    assert.ok(schemaSet(yes).resource(apiVersion, kind), `${apiVersion} ${kind} in ${yes}`);
    assert.equal(schemaSet(no).resource(apiVersion, kind), undefined, `${apiVersion} ${kind} not in ${no}`);
    assert.ok(schemaSet(yes).kinds().some((k) => k.apiVersion === apiVersion && k.kind === kind));
  }
});

test('per version: a removed apiVersion is flagged in the minors that no longer serve it, with the replacement', () => {
  assert.deepEqual(validateResource(schemaSet('1.33'), manifests.vap('admissionregistration.k8s.io/v1beta1')), [
    {
      path: ['apiVersion'],
      code: 'k8s-api-deprecated',
      message: 'admissionregistration.k8s.io/v1beta1 ValidatingAdmissionPolicy is deprecated since Kubernetes 1.31, to be removed in 1.34',
    },
  ]);
  assert.deepEqual(validateResource(schemaSet('1.34'), manifests.vap('admissionregistration.k8s.io/v1beta1')), [
    { path: ['apiVersion'], code: 'k8s-api-removed', message: 'admissionregistration.k8s.io/v1beta1 ValidatingAdmissionPolicy is not served by Kubernetes 1.34: removed in 1.34' },
  ]);
  const pdb = { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'x' }, spec: {} };
  for (const v of KUBE_SCHEMA_VERSIONS) {
    assert.deepEqual(validateResource(schemaSet(v), pdb), [
      { path: ['apiVersion'], code: 'k8s-api-removed', message: `policy/v1beta1 PodDisruptionBudget is not served by Kubernetes ${v}: removed in 1.25; use policy/v1 PodDisruptionBudget` },
    ]);
  }
  assert.deepEqual(schemaSet('1.36').apiStatus('policy/v1beta1', 'PodDisruptionBudget'), {
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacement: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
  });
  assert.deepEqual(schemaSet('1.36').apiStatus('apps/v1', 'Deployment'), {});
  // The 1.32+ data (client-node) still carries flowcontrol v1beta3: the lifecycle table decides.
  const fs = { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'FlowSchema', metadata: { name: 'x' }, spec: {} };
  assert.ok(schemaSet('1.33').resource(fs.apiVersion, fs.kind) !== undefined);
  assert.deepEqual(validateResource(schemaSet('1.33'), fs), [
    { path: ['apiVersion'], code: 'k8s-api-removed', message: 'flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is not served by Kubernetes 1.33: removed in 1.32; use flowcontrol.apiserver.k8s.io/v1 FlowSchema' },
  ]);
});

test('per version: fields present in one minor and unknown in another', () => {
  const table: Array<[string, unknown, string, string, string]> = [
    // [what, manifest, a minor that has the field, a minor that does not, the unknown field's path]
    ['Service spec.trafficDistribution', manifests.service, '1.30', '1.29', 'spec.trafficDistribution'],
    ['Job spec.managedBy', manifests.job, '1.30', '1.29', 'spec.managedBy'],
    ['PodSpec resources (pod-level)', manifests.pod({ resources: { limits: { cpu: 1 } } }), '1.32', '1.30', 'spec.resources'],
    ['PodSpec hostnameOverride', manifests.pod({ hostnameOverride: 'h' }), '1.34', '1.33', 'spec.hostnameOverride'],
    ['Container restartPolicyRules', manifests.pod({}, { restartPolicyRules: [] }), '1.34', '1.33', 'spec.containers[0].restartPolicyRules'],
    ['ServiceCIDR (new kind)', manifests.cidr, '1.33', '1.32', ''],
    // 1.31 and 1.35 (from @pulumi/kubernetes) against their neighbours on both sides.
    ['Volume image (ImageVolumeSource)', manifests.pod({ volumes: [{ name: 'v', image: { reference: 'r', pullPolicy: 'IfNotPresent' } }] }), '1.31', '1.30', 'spec.volumes[0].image'],
    ['PodSecurityContext supplementalGroupsPolicy', manifests.pod({ securityContext: { supplementalGroupsPolicy: 'Strict' } }), '1.31', '1.30', 'spec.securityContext.supplementalGroupsPolicy'],
    ['PodSecurityContext seLinuxChangePolicy', manifests.pod({ securityContext: { seLinuxChangePolicy: 'MountOption' } }), '1.32', '1.31', 'spec.securityContext.seLinuxChangePolicy'],
    ['PodSpec workloadRef (1.35 only)', manifests.pod({ workloadRef: { name: 'w', podGroup: 'g' } }), '1.35', '1.34', 'spec.workloadRef'],
    ['PodSpec workloadRef (1.35 only)', manifests.pod({ workloadRef: { name: 'w', podGroup: 'g' } }), '1.35', '1.36', 'spec.workloadRef'],
  ];
  for (const [what, m, yes, no, path] of table) {
    assert.deepEqual(validateResource(schemaSet(yes), m), [], `${what}: valid in ${yes}`);
    const got = validateResource(schemaSet(no), m).map((p) => p.message);
    assert.deepEqual(got, path === '' ? [] : [`unknown field "${path}"`], `${what}: in ${no}`);
  }
});

test('the store loads a minor only when asked, and the base file once', () => {
  const reads: string[] = [];
  const data = fileData();
  const store = new SchemaStore({ read: (f) => (reads.push(f), data.read(f)) });
  assert.deepEqual(store.versions(), [...KUBE_SCHEMA_VERSIONS]);
  assert.deepEqual(reads, ['index.json']);
  store.schemaSet('1.30');
  store.schemaSet('1.33');
  store.schemaSet('1.30');
  assert.deepEqual(reads, ['index.json', 'v1.30.json', 'v1.36.json', 'v1.33.json']);
  // Validation reads no description: the description table is read on the first one asked for.
  const pod = store.schemaSet('1.30').resource('v1', 'Pod');
  assert.deepEqual(reads, ['index.json', 'v1.30.json', 'v1.36.json', 'v1.33.json']);
  assert.match(pod?.fields.get('apiVersion')?.description ?? '', /^APIVersion defines the versioned schema/);
  assert.match(store.schemaSet('1.33').resource('v1', 'Pod')?.description ?? '', /^Pod is a collection of containers/);
  assert.deepEqual(reads, ['index.json', 'v1.30.json', 'v1.36.json', 'v1.33.json', 'strings.json']);
  assert.throws(() => store.schemaSet('1.28'), /no Kubernetes schemas for 1\.28 \(shipped: 1\.29, 1\.30, 1\.31, 1\.32, 1\.33, 1\.34, 1\.35, 1\.36\)/);
});

test('1.31 and 1.35 leave out what Pulumi keeps after Kubernetes removed it', () => {
  // @pulumi/kubernetes still generates ObjectMeta.clusterName (removed in 1.24), ServiceSpec.topologyKeys
  // (1.22) and extensions/v1beta1 kinds (1.16); no real 1.31 or 1.35 API server knows them.
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', clusterName: 'c' }, spec: { ports: [{ port: 80 }], topologyKeys: ['*'] } };
  for (const v of ['1.31', '1.35']) {
    assert.deepEqual(
      validateResource(schemaSet(v), svc).map((p) => p.message),
      ['unknown field "metadata.clusterName"', 'unknown field "spec.topologyKeys"'],
      v,
    );
    assert.equal(schemaSet(v).resource('extensions/v1beta1', 'Ingress'), undefined, v);
    assert.equal(schemaSet(v).resource('auditregistration.k8s.io/v1alpha1', 'AuditSink'), undefined, v);
  }
});
