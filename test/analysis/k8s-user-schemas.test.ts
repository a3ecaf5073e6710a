// User JSON Schemas for templates (issue 11): a `# yaml-language-server: $schema=<path>` modeline
// and the `chartwright.schemas` setting (glob → file) validate the template's rendered documents;
// URLs are never fetched; in an untrusted workspace a schema file outside the workspace is refused
// (a values-error naming the entry) and nothing is validated with it. Also: the outline lists the
// resources a template renders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnostics } from '../../server/src/analysis/diagnostics';
import { DEFAULT_SETTINGS, memoryHost } from '../../server/src/analysis/host';
import { Workspace } from '../../server/src/analysis/snapshot';
import { documentSymbols } from '../../server/src/analysis/symbols';

const R = '/ws/u';
const SCHEMA = JSON.stringify({ type: 'object', properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec: { type: 'object', properties: { size: { type: 'integer' } }, additionalProperties: false } } });
const CR = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: {{ .Release.Name }}-w\nspec:\n  size: 2\n  colour: red\n';

function codes(files: Record<string, string>, path: string, settings = DEFAULT_SETTINGS): Array<[string, number, string]> {
  const ws = new Workspace(memoryHost(files), settings);
  const snap = ws.snapshot();
  const text = snap.text(path) ?? '';
  return diagnostics(snap, path, { render: true })
    .filter((d) => d.code.startsWith('k8s-') || d.code === 'values-error')
    .map((d) => [d.code, text.slice(0, d.start).split('\n').length - 1, d.message]);
}

const base = { [`${R}/Chart.yaml`]: 'apiVersion: v2\nname: u\nversion: 0.1.0\n', [`${R}/values.yaml`]: '', [`${R}/schemas/widget.json`]: SCHEMA, '/outside/widget.json': SCHEMA };

test('modeline, setting, URL and trust', () => {
  const cases: Array<[string, string, Partial<typeof DEFAULT_SETTINGS>, Array<[string, number, RegExp]>]> = [
    ['modeline (relative to the template)', '# yaml-language-server: $schema=../schemas/widget.json\n' + CR, {}, [['k8s-unknown-field', 7, /unknown field "spec.colour"/]]],
    ['setting glob', CR, { schemas: { 'templates/*.yaml': 'schemas/widget.json' } }, [['k8s-unknown-field', 6, /spec.colour/]]],
    ['no schema: unknown kinds are skipped', CR, {}, []],
    ['a URL is not fetched', '# yaml-language-server: $schema=https://example.com/widget.json\n' + CR, {}, []],
    ['untrusted, outside the workspace: refused', CR, { schemas: { 'templates/*.yaml': '/outside/widget.json' }, trust: { trusted: false, folders: [] } }, [['values-error', 0, /chartwright\.schemas "templates\/\*\.yaml": \/outside\/widget\.json was not read: it is outside the workspace folders/]]],
    ['untrusted, inside the chart: read', CR, { schemas: { 'templates/*.yaml': 'schemas/widget.json' }, trust: { trusted: false, folders: [] } }, [['k8s-unknown-field', 6, /spec.colour/]]],
  ];
  for (const [name, text, settings, want] of cases) {
    const got = codes({ ...base, [`${R}/templates/w.yaml`]: text }, `${R}/templates/w.yaml`, { ...DEFAULT_SETTINGS, ...settings });
    assert.equal(got.length, want.length, `${name}: ${JSON.stringify(got)}`);
    want.forEach(([code, line, re], i) => {
      assert.equal(got[i][0], code, name);
      assert.equal(got[i][1], line, name);
      assert.match(got[i][2], re, name);
    });
  }
});

test('outline: the defines, then the resources the template renders', () => {
  const text = '{{- define "x" }}a: 1{{ end }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n';
  const path = `${R}/templates/two.yaml`;
  const ws = new Workspace(memoryHost({ ...base, [path]: text }));
  const snap = ws.snapshot();
  diagnostics(snap, path, { render: true });
  const syms = documentSymbols(snap, path);
  assert.deepEqual(syms.map((s) => [s.kind, s.name, text.slice(s.selection.start, s.selection.end)]), [
    ['define', 'x', '"x"'],
    ['resource', 'ConfigMap release-name-cm', 'kind: ConfigMap'],
    ['resource', 'Secret s', 'kind: Secret'],
  ]);
});
