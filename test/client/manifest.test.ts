// Checks the extension manifest (package.json contributes) against the code it describes: every
// command is registered, setting defaults match the client's, the severity codes match the analysis
// layer's registry, and the language configuration's folding markers fold what they should.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODES } from '../../server/src/analysis/codes';
import { DEFAULTS } from '../../client/src/settings-core';

const root = join(__dirname, '..', '..');
const readJson = (p: string): unknown => JSON.parse(readFileSync(join(root, p), 'utf8'));

interface Manifest {
  main: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  contributes: {
    languages: { id: string; configuration: string; filenamePatterns: string[] }[];
    grammars: { language: string; scopeName: string; path: string }[];
    commands: { command: string; title: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { default: unknown; description?: string; markdownDescription?: string; properties?: Record<string, unknown> }> };
  };
}
const pkg = readJson('package.json') as Manifest;

test('manifest: commands are registered and titled', () => {
  const src = readFileSync(join(root, 'client', 'src', 'commands.ts'), 'utf8');
  const registered = [...src.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(pkg.contributes.commands.map((c) => c.command).sort(), registered);
  for (const c of pkg.contributes.commands) assert.ok(c.title.length > 0);
  for (const [menu, entries] of Object.entries(pkg.contributes.menus)) {
    for (const e of entries) assert.ok(registered.includes(e.command), `${menu}: ${e.command}`);
  }
  assert.equal(pkg.contributes.commands.find((c) => c.command === 'chartwright.preview')?.title, 'Preview Rendered YAML');
});

test('manifest: languages, grammars and files exist', () => {
  const ids = pkg.contributes.languages.map((l) => l.id);
  assert.deepEqual(ids, ['helm', 'helm-tpl']);
  for (const l of pkg.contributes.languages) {
    assert.ok(existsSync(join(root, l.configuration)), l.configuration);
    // never claim every YAML file: patterns stay under templates/
    for (const p of l.filenamePatterns) assert.match(p, /templates\//);
  }
  for (const g of pkg.contributes.grammars) {
    assert.ok(ids.includes(g.language));
    const grammar = readJson(g.path) as { scopeName: string };
    assert.equal(grammar.scopeName, g.scopeName);
  }
  assert.equal(pkg.main, './client/out/extension.js');
  assert.ok(pkg.activationEvents.includes('onLanguage:helm'));
});

test('manifest: settings have descriptions and the client defaults', () => {
  const props = pkg.contributes.configuration.properties;
  for (const [k, v] of Object.entries(props)) assert.ok(v.description ?? v.markdownDescription, `${k} has no description`);
  const want: Record<string, unknown> = {
    'chartwright.valuesFiles': DEFAULTS.valuesFiles,
    'chartwright.releaseName': DEFAULTS.releaseName,
    'chartwright.namespace': DEFAULTS.namespace,
    'chartwright.kubeVersion': DEFAULTS.kubeVersion,
    'chartwright.apiVersions': DEFAULTS.apiVersions,
    'chartwright.helmVersion': DEFAULTS.helmVersion,
    'chartwright.diagnostics.severity': DEFAULTS.severity,
    'chartwright.helmPath': DEFAULTS.helmPath,
    'chartwright.trace.server': DEFAULTS.trace,
    'chartwright.schemas': DEFAULTS.schemas,
    // Read by the server only (lsp/settings.ts parseEditorSettings): values shown as inlay hints.
    'chartwright.inlayHints.values': true,
  };
  assert.deepEqual(Object.keys(props).sort(), Object.keys(want).sort());
  for (const [k, v] of Object.entries(want)) assert.deepEqual(props[k]?.default, v, k);
  const codes = Object.keys(props['chartwright.diagnostics.severity']?.properties ?? {}).sort();
  assert.deepEqual(codes, Object.keys(CODES).sort());
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  // Settings a workspace could abuse: run a binary, read files, inject a flag, burn CPU.
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['chartwright.helmPath', 'chartwright.valuesFiles', 'chartwright.releaseName', 'chartwright.kubeVersion', 'chartwright.schemas']);
});

test('language configuration: folding markers', () => {
  const conf = readJson('language-configuration.json') as { folding: { markers: { start: string; end: string } } };
  const start = new RegExp(conf.folding.markers.start);
  const end = new RegExp(conf.folding.markers.end);
  const cases: readonly [line: string, isStart: boolean, isEnd: boolean][] = [
    ['{{- if .Values.enabled }}', true, false],
    ['  {{ range $k, $v := .Values.env }}', true, false],
    ['{{- with .Values.x -}}', true, false],
    ['{{- define "chart.name" -}}', true, false],
    ['{{ block "x" . }}', true, false],
    ['{{/*', true, false],
    ['{{/* one line */}}', false, false],
    ['*/}}', false, true],
    ['{{- end }}', false, true],
    ['  {{ end -}}', false, true],
    ['{{ else }}', false, false],
    ['{{ include "x" . }}', false, false],
    ['{{ .Values.ifx }}', false, false],
    ['kind: Service', false, false],
  ];
  for (const [line, isStart, isEnd] of cases) {
    assert.equal(start.test(line), isStart, `start: ${line}`);
    assert.equal(end.test(line), isEnd, `end: ${line}`);
  }
});
