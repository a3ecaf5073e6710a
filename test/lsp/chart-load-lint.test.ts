// Chart-level `helm lint` findings for files that are not open are published once the chart is
// loaded (its first render), without a save: Chart.yaml's "icon is recommended", an apiVersion v1
// chart declaring dependencies, a dependency missing from charts/. Opening another file of the
// chart as it is on disk keeps them; an edit clears them (as after a save). The messages are helm
// lint's, recorded from helm v4.1.4 (`helm4 lint <chart>`):
//   [INFO] Chart.yaml: icon is recommended
//   [ERROR] Chart.yaml: dependencies are not valid in the Chart file with apiVersion 'v1'. They are valid in apiVersion 'v2'
//   [WARNING] <chart dir>: chart directory is missing these dependencies: missing
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { memoryHost } from '../../server/src/analysis/host';
import { nodeHost } from '../../server/src/lsp/nodeHost';
import { type PublishParams, inMemory } from './harness';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/charts');
const skip = fs.existsSync(CORPUS) ? false : `corpus missing: ${CORPUS} (../shared is absent)`;
const uri = (p: string): string => pathToFileURL(p).href;
/** lintOf lists the published helm lint findings (the server prefixes them `helm lint: `). */
const lintOf = (p: PublishParams): string[] => p.diagnostics.filter((d) => d.code === 'chart-lint').map((d) => d.message.replace(/^helm lint: /, ''));

test('a corpus chart (helmtest-subchart): Chart.yaml lint findings once loaded, kept when another file opens, cleared by an edit', { skip }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-loadlint-'));
  const root = path.join(tmp, 'helmtest-subchart');
  fs.cpSync(path.join(CORPUS, 'helmtest-subchart'), root, { recursive: true });
  const c = await inMemory(nodeHost());
  try {
    const chart = uri(path.join(root, 'Chart.yaml'));
    const linted = c.diags(chart, (p) => lintOf(p).length > 0);
    const tpl = path.join(root, 'templates/service.yaml');
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(tpl), languageId: 'helm', version: 1, text: fs.readFileSync(tpl, 'utf8') } });
    const found = lintOf(await linted);
    assert.ok(found.includes('icon is recommended'), found.join('\n'));
    assert.ok(found.includes("dependencies are not valid in the Chart file with apiVersion 'v1'. They are valid in apiVersion 'v2'"), found.join('\n'));
    // Opening another template as it is on disk: the next publication still carries them.
    const other = path.join(root, 'templates/subdir/role.yaml');
    const kept = c.diags(chart, () => true);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(other), languageId: 'helm', version: 1, text: fs.readFileSync(other, 'utf8') } });
    assert.ok(lintOf(await kept).includes('icon is recommended'));
    const cleared = c.diags(chart, (p) => lintOf(p).length === 0);
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri(tpl), version: 2 }, contentChanges: [{ text: `${fs.readFileSync(tpl, 'utf8')}# edited\n` }] });
    assert.deepEqual(lintOf(await cleared), []);
    await c.conn.sendRequest('shutdown');
  } finally {
    c.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('a dependency missing from charts/ is reported on Chart.yaml once the chart is loaded', async () => {
  const R = '/ws/dep';
  const files: Record<string, string> = {
    [`${R}/Chart.yaml`]: 'apiVersion: v2\nname: dep\nversion: 0.1.0\nicon: https://example.com/icon.png\ndependencies:\n  - name: missing\n    version: 1.0.0\n    repository: https://example.com\n',
    [`${R}/values.yaml`]: 'a: 1\n',
    [`${R}/templates/a.yaml`]: 'kind: ConfigMap\nmetadata:\n  name: a\na: {{ .Values.a }}\n',
  };
  const c = await inMemory(memoryHost(files));
  try {
    const linted = c.diags(uri(`${R}/Chart.yaml`), (p) => lintOf(p).length > 0);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(`${R}/templates/a.yaml`), languageId: 'helm', version: 1, text: files[`${R}/templates/a.yaml`] } });
    const found = lintOf(await linted);
    assert.deepEqual(found, [`chart directory is missing these dependencies: missing`]);
    await c.conn.sendRequest('shutdown');
  } finally {
    c.dispose();
  }
});

test('an open Chart.yaml gets the lint findings once the chart is loaded too', async () => {
  const R = '/ws/open';
  const files: Record<string, string> = {
    [`${R}/Chart.yaml`]: 'apiVersion: v2\nname: open\nversion: 0.1.0\n',
    [`${R}/values.yaml`]: 'a: 1\n',
    [`${R}/templates/a.yaml`]: 'kind: ConfigMap\nmetadata:\n  name: a\na: {{ .Values.a }}\n',
  };
  const c = await inMemory(memoryHost(files));
  try {
    const chart = uri(`${R}/Chart.yaml`);
    const linted = c.diags(chart, (p) => lintOf(p).length > 0);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: chart, languageId: 'yaml', version: 1, text: files[`${R}/Chart.yaml`] } });
    assert.deepEqual(lintOf(await linted), ['icon is recommended']);
    await c.conn.sendRequest('shutdown');
  } finally {
    c.dispose();
  }
});
