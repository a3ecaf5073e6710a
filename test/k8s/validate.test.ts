// validateResource on the built-in schemas (1.34): what the API server's decoding and validation
// reject is flagged, what it accepts is not. The messages are Chartwright's own, modelled on the API
// server's (`unknown field "spec.replicaz"`, `Unsupported value: …: supported values: …`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemaSet } from '../../server/src/k8s/store';
import { formatPath, isQuantity, validateResource } from '../../server/src/k8s/validate';

const set = schemaSet('1.34');

function deployment(spec: Record<string, unknown>, top: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } }, ...spec },
    ...top,
  };
}

function container(c: Record<string, unknown>): Record<string, unknown> {
  return deployment({ template: { spec: { containers: [{ name: 'web', image: 'nginx', ...c }] } } });
}

const C = 'spec.template.spec.containers[0]';

test('validateResource: problems (or none) per case', () => {
  const table: Array<[string, unknown, Array<[string, string, string]>]> = [
    ['a valid Deployment', deployment({}), []],
    ['unknown field under spec', deployment({ replicaz: 2 }), [['k8s-unknown-field', 'spec.replicaz', 'unknown field "spec.replicaz"']]],
    ['unknown top-level field', deployment({}, { sepc: {} }), [['k8s-unknown-field', 'sepc', 'unknown field "sepc"']]],
    ['unknown field in metadata', deployment({}, { metadata: { name: 'x', label: {} } }), [['k8s-unknown-field', 'metadata.label', 'unknown field "metadata.label"']]],
    ['status is not checked', deployment({}, { status: { anything: [1] } }), []],
    ['null is unset anywhere', deployment({ replicas: null, strategy: null }, { metadata: { name: 'x', creationTimestamp: null, labels: null } }), []],
    ['integer as a string', deployment({ replicas: '2' }), [['k8s-type', 'spec.replicas', 'spec.replicas: Invalid type: expected integer, got string']]],
    ['integer as a fraction', deployment({ replicas: 1.5 }), [['k8s-type', 'spec.replicas', 'spec.replicas: Invalid type: expected integer, got number']]],
    ['boolean as a string', deployment({ paused: 'true' }), [['k8s-type', 'spec.paused', 'spec.paused: Invalid type: expected boolean, got string']]],
    ['string as a number', container({ image: 1.0 }), [['k8s-type', `${C}.image`, `${C}.image: Invalid type: expected string, got integer`]]],
    ['array as an object', container({ args: { a: 1 } }), [['k8s-type', `${C}.args`, `${C}.args: Invalid type: expected array, got object`]]],
    ['object as a string', deployment({ strategy: 'RollingUpdate' }), [['k8s-type', 'spec.strategy', 'spec.strategy: Invalid type: expected object, got string']]],
    ['map values typed', deployment({}, { metadata: { name: 'x', labels: { a: 1 } } }), [['k8s-type', 'metadata.labels.a', 'metadata.labels.a: Invalid type: expected string, got integer']]],
    ['int-or-string: number and string', deployment({ strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } } }), []],
    [
      'int-or-string: not a boolean',
      deployment({ strategy: { rollingUpdate: { maxSurge: true } } }),
      [['k8s-type', 'spec.strategy.rollingUpdate.maxSurge', 'spec.strategy.rollingUpdate.maxSurge: Invalid type: expected integer or string, got boolean']],
    ],
    ['quantity: number and strings', container({ resources: { limits: { cpu: 1, memory: '128Mi' }, requests: { cpu: '100m', memory: 1e9, 'nvidia.com/gpu': '1' } } }), []],
    [
      'quantity: bad syntax',
      container({ resources: { limits: { memory: '128MB' } } }),
      [['k8s-type', `${C}.resources.limits.memory`, `${C}.resources.limits.memory: Invalid value: "128MB": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`]],
    ],
    [
      'enum: unsupported value',
      container({ imagePullPolicy: 'Sometimes' }),
      [['k8s-enum', `${C}.imagePullPolicy`, `${C}.imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"`]],
    ],
    ['enum: "" is unset (defaulted)', container({ imagePullPolicy: '' }), []],
    ['missing required field', deployment({ selector: undefined }), [['k8s-required', 'spec.selector', 'missing required field "selector" in Deployment.spec']]],
    ['required field set to null', container({ name: null }), [['k8s-required', `${C}.name`, `missing required field "name" in Deployment.${C}`]]],
    ['free-form data (RawExtension)', { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data: { any: { thing: [1, 'x'] } } }, []],
    ['unknown kind: skipped quietly', { apiVersion: 'example.com/v1', kind: 'Widget', spec: { anything: 1 } }, []],
    ['no kind: skipped', { apiVersion: 'v1', data: {} }, []],
    ['not an object: skipped', ['a'], []],
  ];
  for (const [what, obj, want] of table) {
    const got = validateResource(set, obj).map((p) => [p.code, formatPath(p.path), p.message]);
    assert.deepEqual(got, want, what);
  }
});

test('problem paths are keys and indexes into the manifest', () => {
  const [p] = validateResource(set, container({ ports: [{ containerPort: 80 }, { containerPort: 'http' }] }));
  assert.deepEqual(p.path, ['spec', 'template', 'spec', 'containers', 0, 'ports', 1, 'containerPort']);
});

test('isQuantity: resource.Quantity syntax', () => {
  const table: Array<[string, boolean]> = [
    ['1', true],
    ['0.5', true],
    ['.5', true],
    ['100m', true],
    ['1Gi', true],
    ['1e3', true],
    ['1E-3', true],
    ['+1k', true],
    [' 2Mi ', true],
    ['', false],
    ['1MB', false],
    ['1gi', false],
    ['Gi', false],
    ['1.2.3', false],
  ];
  for (const [s, want] of table) assert.equal(isQuantity(s), want, JSON.stringify(s));
});
