// Kubernetes-aware templates over LSP (issue 11) on real charts from ../shared/corpus (skipped
// when absent): schema problems placed at the template text that wrote the offending node (a
// `range` body, a define's body with the include call as related information, a key written by
// `toYaml … | nindent` at that call), a field that exists in one Kubernetes version and not in
// another, a CRD from the chart's crds/ folder validating a custom resource, key completion
// under `spec:` with enum values, and hover on a key. The charts are read from the corpus; edits
// are unsaved buffers only. No Helm text is asserted (the messages are the API server's style,
// produced by k8s/validate.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeHost } from '../../server/src/lsp/nodeHost';
import { type PublishParams, type TestClient, inMemory } from './harness';

const CHARTS = path.resolve(__dirname, '../../../shared/corpus/charts');
const NGINX = path.join(CHARTS, 'ingress-nginx');
const TRAEFIK = path.join(CHARTS, 'traefik');
const skip = fs.existsSync(NGINX) && fs.existsSync(TRAEFIK) ? false : `corpus charts missing under ${CHARTS} (../shared is absent)`;

type Diag = PublishParams['diagnostics'][number] & { relatedInformation?: Array<{ location: { uri: string; range: { start: { line: number } } }; message: string }> };

const uri = (p: string): string => pathToFileURL(p).href;
const read = (p: string): string => fs.readFileSync(p, 'utf8');

function pos(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `missing ${needle}`);
  return pos(text, i).line;
}

async function open(c: TestClient, file: string, text: string, until: (d: Diag) => boolean, version = 1): Promise<Diag[]> {
  const u = uri(file);
  const got = c.diags(u, (p) => p.diagnostics.some((d) => until(d as Diag)));
  await c.conn.sendNotification(version === 1 ? 'textDocument/didOpen' : 'textDocument/didChange', version === 1 ? { textDocument: { uri: u, languageId: 'helm', version, text } } : { textDocument: { uri: u, version }, contentChanges: [{ text }] });
  return (await got).diagnostics as Diag[];
}

const k8s = (ds: readonly Diag[]): Diag[] => ds.filter((d) => typeof d.code === 'string' && d.code.startsWith('k8s-'));

test('schema problems at the template text: range body, define body (include stack), toYaml | nindent', { skip }, async () => {
  const c = await inMemory(nodeHost());
  try {
    // A values buffer whose controller.resources has a key ResourceRequirements does not define.
    const valuesPath = path.join(NGINX, 'values.yaml');
    const values = read(valuesPath).replace(/^  resources:\n/m, '  resources:\n    bogusResource: 1\n');
    assert.notEqual(values, read(valuesPath));
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(valuesPath), languageId: 'yaml', version: 1, text: values } });
    // A define with a key the container does not have, included into the container.
    const helpersPath = path.join(NGINX, 'templates/_helpers.tpl');
    const helpers = `${read(helpersPath)}\n{{- define "test.extra" -}}\nworkingDir: /x\nnotAContainerField: 1\n{{- end }}\n`;
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(helpersPath), languageId: 'helm', version: 1, text: helpers } });
    const depPath = path.join(NGINX, 'templates/controller-deployment.yaml');
    const dep0 = read(depPath);
    const anchor = '          resources: {{ toYaml .Values.controller.resources | nindent 12 }}\n';
    assert.ok(dep0.includes(anchor));
    const dep = dep0.replace(anchor, `${anchor}          {{- include "test.extra" . | nindent 10 }}\n          {{- range tuple "a" "b" }}\n          notInRange{{ . }}: 1\n          {{- end }}\n`);
    const ds = k8s(await open(c, depPath, dep, (d) => d.code === 'k8s-unknown-field' && /notInRangeb/.test(d.message)));
    const at = (re: RegExp): Diag[] => ds.filter((d) => re.test(d.message));
    // Each range iteration's key, at the range body's line.
    assert.deepEqual(at(/notInRange[ab]/).map((d) => d.range.start.line), [lineOf(dep, 'notInRange{{'), lineOf(dep, 'notInRange{{')]);
    // The key toYaml wrote, at the toYaml call.
    const toYaml = at(/bogusResource/);
    assert.equal(toYaml.length, 1, JSON.stringify(ds));
    assert.equal(toYaml[0].range.start.line, lineOf(dep, 'toYaml .Values.controller.resources'));
    assert.equal(toYaml[0].code, 'k8s-unknown-field');
    // The define's key: at the include call in this file, the define's line as related information.
    const inc = at(/notAContainerField/);
    assert.equal(inc.length, 1, JSON.stringify(ds));
    assert.equal(inc[0].range.start.line, lineOf(dep, 'include "test.extra"'));
    assert.ok((inc[0].relatedInformation ?? []).some((r) => r.location.uri === uri(helpersPath) && r.location.range.start.line === lineOf(helpers, 'notAContainerField')), JSON.stringify(inc[0]));
    // And in the define itself, at its line, with the include call as related information.
    const inDefine = k8s(await open(c, helpersPath, helpers + '\n', (d) => /notAContainerField/.test(d.message), 2));
    assert.equal(inDefine[0].range.start.line, lineOf(helpers, 'notAContainerField'));
    assert.ok((inDefine[0].relatedInformation ?? []).some((r) => r.location.uri === uri(depPath)));
    // The chart as shipped has no schema problem in this template.
    assert.deepEqual(ds.filter((d) => !/notInRange|bogusResource|notAContainerField/.test(d.message)), []);
  } finally {
    c.dispose();
  }
});

test('per Kubernetes version: Service spec.trafficDistribution is unknown in 1.29, a field in 1.30', { skip }, async () => {
  const svcPath = path.join(NGINX, 'templates/controller-service.yaml');
  const svc = read(svcPath).replace('spec:\n  type: {{ .Values.controller.service.type }}\n', 'spec:\n  type: {{ .Values.controller.service.type }}\n  trafficDistribution: PreferClose\n  bogusField: 1\n');
  const seen: Record<string, string[]> = {};
  for (const kubeVersion of ['1.29.0', '1.30.0']) {
    const c = await inMemory(nodeHost(), { debounceMs: 1, renderDelayMs: 1 }, { kubeVersion });
    try {
      const ds = k8s(await open(c, svcPath, svc, (d) => /bogusField/.test(d.message)));
      seen[kubeVersion] = ds.map((d) => d.message.replace(/^.*unknown field /, ''));
    } finally {
      c.dispose();
    }
  }
  assert.deepEqual(seen, { '1.29.0': ['"spec.bogusField"', '"spec.trafficDistribution"'].sort((a, b) => seen['1.29.0'].indexOf(a) - seen['1.29.0'].indexOf(b)), '1.30.0': ['"spec.bogusField"'] });
});

test('a removed apiVersion is flagged at the template apiVersion line with the replacement', { skip }, async () => {
  const c = await inMemory(nodeHost());
  try {
    const p = path.join(NGINX, 'templates/controller-poddisruptionbudget.yaml');
    const text = `apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: x\nspec:\n  minAvailable: 1\n`;
    const ds = k8s(await open(c, p, text, (d) => d.code === 'k8s-api-removed'));
    assert.equal(ds.length, 1, JSON.stringify(ds));
    assert.equal(ds[0].range.start.line, 0);
    assert.match(ds[0].message, /policy\/v1 PodDisruptionBudget/);
  } finally {
    c.dispose();
  }
});

test('a CRD from crds/ validates the chart custom resource (traefik IngressRoute)', { skip }, async () => {
  const c = await inMemory(nodeHost());
  try {
    const valuesPath = path.join(TRAEFIK, 'values.yaml');
    const values = read(valuesPath).replace(/^ingressRoute:\n  dashboard:\n(.*\n)*?    enabled: false\n/m, (m) => m.replace(/enabled: false\n$/, 'enabled: true\n'));
    assert.notEqual(values, read(valuesPath));
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(valuesPath), languageId: 'yaml', version: 1, text: values } });
    const p = path.join(TRAEFIK, 'templates/ingressroute.yaml');
    const text = read(p).replace('  routes:\n', '  notARouteField: 1\n  routes:\n');
    const ds = k8s(await open(c, p, text, (d) => /notARouteField/.test(d.message)));
    assert.equal(ds.length, 1, JSON.stringify(ds));
    assert.match(ds[0].message, /^IngressRoute .*unknown field "spec.notARouteField"/);
    assert.equal(ds[0].range.start.line, lineOf(text, 'notARouteField'));
  } finally {
    c.dispose();
  }
});

test('completion of keys under spec: (type, required, description) and enum values; actions unchanged; hover on a key', { skip }, async () => {
  const c = await inMemory(nodeHost());
  try {
    const svcPath = path.join(NGINX, 'templates/controller-service.yaml');
    const marker = 'spec:\n  type: {{ .Values.controller.service.type }}\n';
    const svc = read(svcPath).replace(marker, `${marker}  bogusMarker: 1\n  \n  type2: \n`);
    await open(c, svcPath, svc, (d) => /bogusMarker/.test(d.message));
    const u = uri(svcPath);
    type Item = { label: string; kind?: number; detail?: string; documentation?: { value: string } | string; textEdit?: unknown };
    const complete = async (offset: number): Promise<Item[]> => {
      const r = (await c.conn.sendRequest('textDocument/completion', { textDocument: { uri: u }, position: pos(svc, offset) })) as Item[] | { items: Item[] };
      return Array.isArray(r) ? r : r.items;
    };
    // An empty line under spec: the ServiceSpec fields the template does not write (in any branch).
    const empty = svc.indexOf('  \n  type2') + 2;
    // (The template-text snippets — `if … else … end`, … — are offered on a blank line too, after the keys.)
    const keys = (await complete(empty)).filter((k) => !k.label.includes('…'));
    assert.deepEqual(keys.map((k) => k.label).sort(), ['externalName', 'internalTrafficPolicy', 'publishNotReadyAddresses', 'sessionAffinityConfig']);
    const byLabel = new Map(keys.map((k) => [k.label, k]));
    assert.equal(byLabel.get('sessionAffinityConfig')?.detail, 'V1SessionAffinityConfig');
    assert.equal(byLabel.get('publishNotReadyAddresses')?.detail, 'boolean');
    assert.match(JSON.stringify(byLabel.get('internalTrafficPolicy')?.documentation ?? ''), /internalTrafficPolicy/);
    // Enum values after `type: ` of another Service key: sessionAffinity.
    const svc2 = svc.replace('  type2: \n', '  sessionAffinity: \n');
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ text: svc2 }] });
    const r2 = (await c.conn.sendRequest('textDocument/completion', { textDocument: { uri: u }, position: pos(svc2, svc2.indexOf('sessionAffinity: ') + 'sessionAffinity: '.length) })) as Item[] | { items: Item[] };
    const enums = (Array.isArray(r2) ? r2 : r2.items).map((i) => i.label).sort();
    assert.deepEqual(enums, ['ClientIP', 'None']);
    // Inside an action, values completion as before.
    const inAction = svc2.indexOf('.Values.controller.service.type') + '.Values.'.length;
    const r3 = (await c.conn.sendRequest('textDocument/completion', { textDocument: { uri: u }, position: pos(svc2, inAction) })) as Item[] | { items: Item[] };
    const labels = (Array.isArray(r3) ? r3 : r3.items).map((i) => i.label);
    assert.ok(labels.includes('controller') && !labels.includes('ports'), labels.slice(0, 20).join(','));
    // Hover on `type:` of the Service: its type, description and rendered value.
    const h = (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: pos(svc2, svc2.indexOf('  type: {{') + 3) })) as { contents: { value: string } } | null;
    assert.ok(h !== null);
    assert.match(h.contents.value, /^`type`: `string: ClusterIP \| ExternalName \| LoadBalancer \| NodePort`/);
    assert.match(h.contents.value, /`spec\.type`/);
    assert.match(h.contents.value, /Rendered \(last render\):\n```yaml\nLoadBalancer\n```/);
  } finally {
    c.dispose();
  }
});
