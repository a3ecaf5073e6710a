// Unit tests of the client's pure helpers (no vscode module): helm argument construction, the trust
// gate, settings parsing, the chart-template language rule, preview URIs and the line map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  chartNameOf,
  externalBinaryAllowed,
  formatHelmFailure,
  helmDryRun,
  statusText,
} from '../../client/src/commands-core';
import { chartRootOf, enclosingChartOf, languageChange } from '../../client/src/detect-core';
import {
  parsePreviewQuery,
  previewText,
  previewUri,
  scopeFor,
  sourceOfLine,
} from '../../client/src/preview-core';
import { EMPTY_LINE_MAP, encodeLineMap } from '../../server/src/lsp/lineMap';
import type { RenderLineSource } from '../../server/src/lsp/protocol';
import { DEFAULTS, parseSettings, type ClientSettings } from '../../client/src/settings-core';

const posix = path.posix;
const files = new Set([
  '/w/mychart/Chart.yaml',
  '/w/mychart/charts/sub/Chart.yaml',
  '/w/notachart/templates/x.yaml',
  '/w/mychart/templates/x.yaml',
]);
const isFile = (p: string): boolean => files.has(p);

test('languageChange: table', () => {
  const cases: readonly [file: string, current: string, want: string | undefined][] = [
    ['/w/mychart/templates/deployment.yaml', 'yaml', 'helm'],
    ['/w/mychart/templates/deployment.yaml', 'helm', undefined],
    ['/w/mychart/templates/svc/service.yml', 'yaml', 'helm'],
    ['/w/mychart/templates/_helpers.tpl', 'plaintext', 'helm-tpl'],
    ['/w/mychart/templates/_helpers.tpl', 'helm', 'helm-tpl'],
    ['/w/mychart/templates/NOTES.txt', 'plaintext', 'helm-tpl'],
    ['/w/mychart/templates/NOTES.txt', 'helm-tpl', undefined],
    // a subchart's templates belong to the subchart
    ['/w/mychart/charts/sub/templates/cm.yaml', 'yaml', 'helm'],
    // chart files that are not templates stay YAML
    ['/w/mychart/values.yaml', 'yaml', undefined],
    ['/w/mychart/Chart.yaml', 'yaml', undefined],
    ['/w/mychart/ci/values-prod.yaml', 'yaml', undefined],
    // templates/ folders of things that are not charts: the file-name guess is undone
    ['/w/notachart/templates/x.yaml', 'helm', 'yaml'],
    ['/w/notachart/templates/x.tpl', 'helm-tpl', 'plaintext'],
    ['/w/other/config.yaml', 'yaml', undefined],
    // a language the user chose stays
    ['/w/mychart/templates/deployment.yaml', 'json', undefined],
    // unknown extensions in templates are left alone
    ['/w/mychart/templates/config.json', 'json', undefined],
  ];
  for (const [file, current, want] of cases) {
    assert.equal(languageChange(file, current, isFile, posix), want, `${file} (${current})`);
  }
});

test('chartRootOf / enclosingChartOf', () => {
  assert.equal(chartRootOf('/w/mychart/templates/a/b.yaml', isFile, posix), '/w/mychart');
  assert.equal(chartRootOf('/w/mychart/values.yaml', isFile, posix), undefined);
  assert.equal(chartRootOf('/w/notachart/templates/x.yaml', isFile, posix), undefined);
  assert.equal(enclosingChartOf('/w/mychart/values.yaml', isFile, posix), '/w/mychart');
  assert.equal(enclosingChartOf('/w/mychart/charts/sub/templates/x.yaml', isFile, posix), '/w/mychart/charts/sub');
  assert.equal(enclosingChartOf('/w/other/x.yaml', isFile, posix), undefined);
  // Windows paths
  const winFiles = new Set(['C:\\w\\c\\Chart.yaml']);
  assert.equal(chartRootOf('C:\\w\\c\\templates\\d.yaml', (p) => winFiles.has(p), path.win32), 'C:\\w\\c');
});

test('parseSettings: defaults, types and trimming', () => {
  const cases: readonly [raw: Record<string, unknown>, want: Partial<ClientSettings>][] = [
    [{}, DEFAULTS],
    [{ valuesFiles: ['a.yaml', ' ', 3, ' b.yaml '] }, { valuesFiles: ['a.yaml', 'b.yaml'] }],
    [{ valuesFiles: 'a.yaml' }, { valuesFiles: [] }],
    [{ releaseName: '' }, { releaseName: 'release-name' }],
    [{ releaseName: ' rel ' }, { releaseName: 'rel' }],
    [{ namespace: 'prod' }, { namespace: 'prod' }],
    [{ helmVersion: 3 }, { helmVersion: 3 }],
    [{ helmVersion: '3' }, { helmVersion: 3 }],
    [{ helmVersion: 5 }, { helmVersion: 4 }],
    [{ 'diagnostics.severity': { 'values-missing': 'off', 'parse-error': 'loud', x: 1 } }, { severity: { 'values-missing': 'off' } }],
    [{ 'diagnostics.severity': ['error'] }, { severity: {} }],
    [{ helmPath: '' }, { helmPath: 'helm' }],
    [{ helmPath: '/opt/helm/bin/helm' }, { helmPath: '/opt/helm/bin/helm' }],
    [{ 'trace.server': 'verbose' }, { trace: 'verbose' }],
    [{ 'trace.server': true }, { trace: 'off' }],
    [{ apiVersions: ['monitoring.coreos.com/v1'] }, { apiVersions: ['monitoring.coreos.com/v1'] }],
  ];
  for (const [raw, want] of cases) {
    const got = parseSettings((k) => raw[k]);
    assert.deepEqual(got, { ...DEFAULTS, ...want }, JSON.stringify(raw));
  }
});

test('helmDryRun: argument arrays', () => {
  const s = (o: Partial<ClientSettings>): ClientSettings => ({ ...DEFAULTS, ...o });
  // Options first, `--`, then RELEASE CHART (helm v4.1.4 accepts `install --dry-run=client -- NAME CHART`).
  const cases: readonly [settings: ClientSettings, want: string[]][] = [
    [s({}), ['install', '--dry-run=client', '--', 'release-name', '/w/my chart']],
    [
      s({ releaseName: 'r', namespace: 'ns', valuesFiles: ['ci/a.yaml', '/abs/b.yaml'], kubeVersion: '1.30.0', apiVersions: ['x/v1', 'y/v2/K'] }),
      // `helm install` has no --kube-version/--api-versions (recorded: `Error: unknown flag: --kube-version`).
      ['install', '--dry-run=client', '--namespace', 'ns', '--values', '/w/my chart/ci/a.yaml', '--values', '/abs/b.yaml', '--', 'r', '/w/my chart'],
    ],
    // shell metacharacters stay inside one argument; a name starting with `-` stays positional
    [s({ releaseName: 'a;rm -rf /', valuesFiles: ['$(x).yaml'] }), ['install', '--dry-run=client', '--values', '/w/my chart/$(x).yaml', '--', 'a;rm -rf /', '/w/my chart']],
    [s({ releaseName: '-x' }), ['install', '--dry-run=client', '--', '-x', '/w/my chart']],
  ];
  for (const [settings, want] of cases) {
    const inv = helmDryRun(settings, '/w/my chart', posix);
    assert.deepEqual(inv.args, want);
    assert.equal(inv.file, settings.helmPath);
    assert.equal(inv.cwd, '/w/my chart');
  }
});

test('externalBinaryAllowed and failure texts', () => {
  assert.deepEqual(externalBinaryAllowed(true), { allowed: true });
  const d = externalBinaryAllowed(false);
  assert.equal(d.allowed, false);
  assert.match(d.allowed ? '' : d.message, /Restricted Mode/);
  const inv = helmDryRun(DEFAULTS, '/c', posix);
  assert.match(formatHelmFailure(inv, 'ENOENT', ''), /helm was not found at "helm".*chartwright\.helmPath/);
  assert.equal(formatHelmFailure(inv, 1, 'Error: boom\n'), 'helm install --dry-run=client -- release-name /c\n\nError: boom\n');
});

test('statusText and chartNameOf', () => {
  assert.equal(statusText('mychart', [], posix), '$(package) mychart · values.yaml');
  assert.equal(statusText('mychart', ['ci/prod.yaml', '/x/eu.yaml'], posix), '$(package) mychart · prod.yaml + eu.yaml');
  assert.equal(statusText(undefined, [], posix), '$(package) values.yaml');
  const names: readonly [string, string | undefined][] = [
    ['apiVersion: v2\nname: mychart\nversion: 0.1.0\n', 'mychart'],
    ['name: "quoted" # c\n', 'quoted'],
    ["name: 'single'\n", 'single'],
    ['name: plain # comment\n', 'plain'],
    ['dependencies:\n  - name: sub\n', undefined],
    ['name:\n', undefined],
  ];
  for (const [text, want] of names) assert.equal(chartNameOf(text), want, text);
});

test('preview URIs round-trip', () => {
  const u = previewUri({ source: 'file:///w/c/templates/deployment.yaml', scope: 'template' }, 'deployment.yaml');
  assert.equal(u.scheme, 'chartwright-preview');
  assert.equal(u.path, '/deployment (rendered).yaml');
  assert.deepEqual(parsePreviewQuery(u.query), { source: 'file:///w/c/templates/deployment.yaml', scope: 'template' });
  assert.equal(previewUri({ source: 'file:///w/c/values.yaml', scope: 'chart' }, 'values.yaml').path, '/chart (rendered).yaml');
  assert.equal(parsePreviewQuery('source=x&scope=bogus'), undefined);
  assert.equal(parsePreviewQuery(''), undefined);
  assert.equal(scopeFor('helm'), 'template');
  assert.equal(scopeFor('helm-tpl'), 'template');
  assert.equal(scopeFor('yaml'), 'chart');
});

test('preview text and line map with and without errors', () => {
  const at = (uri: string, line: number): RenderLineSource => ({ uri, line, range: { start: { line, character: 2 }, end: { line, character: 9 } } });
  const ok = { text: '# Source: c/templates/t.yaml\na: 1\nb: 2\n', lineMap: encodeLineMap([null, at('file:///t.yaml', 3), at('file:///h.tpl', 7)]) };
  assert.equal(previewText(ok), ok.text);
  assert.equal(sourceOfLine(ok, 0), null);
  assert.deepEqual(sourceOfLine(ok, 1), at('file:///t.yaml', 3));
  assert.deepEqual(sourceOfLine(ok, 2), at('file:///h.tpl', 7));
  assert.equal(sourceOfLine(ok, 9), null);
  const bad = { ...ok, error: 'Error: template: c/templates/t.yaml:3:4: boom\nmore' };
  assert.equal(previewText(bad), '# Error: template: c/templates/t.yaml:3:4: boom\n# more\n' + ok.text);
  assert.deepEqual(sourceOfLine(bad, 3), at('file:///t.yaml', 3));
  assert.equal(previewText({ text: '', error: 'x', lineMap: EMPTY_LINE_MAP }), '# x\n');
});
