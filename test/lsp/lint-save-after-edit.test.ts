// Lint on save after an unsaved edit (as a user does: type, then save): the `helm lint` finding
// still arrives at its template position, also when the editor reports the saved file as changed
// on disk right after the save (which replaces the render workers while the lint runs). The e2e
// session found it missing once in a real VS Code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { memoryHost } from '../../server/src/analysis/host';
import { inMemory } from './harness';

const ROOT = '/ws/lintsave';
const CHART = {
  [`${ROOT}/Chart.yaml`]: 'apiVersion: v2\nname: lintsave\nversion: 0.1.0\nicon: https://example.com/i.png\n',
  [`${ROOT}/values.yaml`]: 'replicaCount: 1\n',
};
const PDB = ['apiVersion: policy/v1beta1', 'kind: PodDisruptionBudget', 'metadata:', '  name: {{ .Release.Name }}-pdb', 'spec:', '  minAvailable: 1', ''].join('\n');
// Recorded from helm v4.1.4 (the same text with v3.17.3), as in lint-positions.test.ts.
const MESSAGE = 'helm lint: policy/v1beta1 PodDisruptionBudget is deprecated in v1.21+, unavailable in v1.25+; use policy/v1 PodDisruptionBudget';

// [case, ms between typing and saving (undefined: no edit), the file-changed notice after the save]
const cases: Array<[string, number | undefined, boolean]> = [
  ['save 0 ms after typing', 0, false],
  ['save 30 ms after typing', 30, false],
  ['save 400 ms after typing', 400, false],
  ['the file-changed-on-disk notice that follows the save', undefined, true],
];

for (const [name, pauseMs, watched] of cases) {
  test(`lint on save publishes the finding: ${name}`, async () => {
    const file = `${ROOT}/templates/pdb.yaml`;
    const c = await inMemory(memoryHost({ ...CHART, [file]: PDB }));
    try {
      const uri = pathToFileURL(file).href;
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'helm', version: 1, text: PDB } });
      await new Promise((r) => setTimeout(r, 300));
      if (pauseMs !== undefined) {
        const edited = `${PDB}# saved by the test\n`;
        await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
        await new Promise((r) => setTimeout(r, pauseMs));
      }
      const linted = c.diags(uri, (p) => p.diagnostics.some((d) => d.code === 'chart-lint'));
      await c.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
      // FileChangeType.Changed = 2
      if (watched) await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
      const found = (await linted).diagnostics.filter((d) => d.code === 'chart-lint');
      assert.deepEqual(found.map((d) => [d.message, d.range.start.line]), [[MESSAGE, 0]]);
    } finally {
      c.dispose();
    }
  });
}
