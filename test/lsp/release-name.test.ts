// chartwright.releaseName that Helm refuses (`-x`, `UPPER`, 54 characters): the server reports
// Helm's own text as a values-error on values.yaml, and the preview fails with that text — the
// name is never parsed as a flag (`unknown shorthand flag`). The server keeps answering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { memoryHost } from '../../server/src/analysis/host';
import { inMemory } from './harness';

const R = '/ws/c';
const FILES = {
  [`${R}/Chart.yaml`]: 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
  [`${R}/values.yaml`]: 'a: 1\n',
  [`${R}/templates/cm.yaml`]: 'name: {{ .Release.Name }}\n',
};
const RULE = 'invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53';

// Recorded from helm v4.1.4 / v3.17.3: `helm template -- NAME c` prints
//   helm4: Error: release name check failed: release name "-x": <RULE>
//   helm3: Error: release name "-x": <RULE>
const helmText = (name: string, hv: 3 | 4): string => (hv === 4 ? 'release name check failed: ' : '') + `release name ${JSON.stringify(name)}: ${RULE}`;

test('an invalid release name is a values-error with Helm\'s text and fails the preview; never a flag', async () => {
  for (const hv of [4, 3] as const) {
    for (const name of ['-x', '--foo', 'UPPER', 'a'.repeat(54)]) {
      const c = await inMemory(memoryHost(FILES), { debounceMs: 1, renderDelayMs: 1 }, { releaseName: name, helmVersion: hv });
      try {
        const v = pathToFileURL(`${R}/values.yaml`).href;
        const got = c.diags(v, (p) => p.diagnostics.some((d) => d.code === 'values-error'));
        await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: v, languageId: 'yaml', version: 1, text: FILES[`${R}/values.yaml`] } });
        const diags = (await got).diagnostics.filter((d) => d.code === 'values-error').map((d) => d.message);
        assert.deepEqual(diags, [`chartwright.releaseName: ${helmText(name, hv)}`], `${name} helm${hv}`);
        const r = (await c.conn.sendRequest('chartwright/render', { uri: pathToFileURL(`${R}/templates/cm.yaml`).href })) as { text: string; error?: string };
        assert.equal(r.error, helmText(name, hv), `${name} helm${hv}`);
        // Still answering.
        const h = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: pathToFileURL(`${R}/templates/cm.yaml`).href }, position: { line: 0, character: 12 } });
        assert.ok(h !== undefined);
      } finally {
        c.dispose();
      }
    }
  }
  // A valid name: no values-error, the preview renders it.
  const c = await inMemory(memoryHost(FILES), { debounceMs: 1, renderDelayMs: 1 }, { releaseName: 'my.rel-1' });
  try {
    const r = (await c.conn.sendRequest('chartwright/render', { uri: pathToFileURL(`${R}/templates/cm.yaml`).href })) as { text: string; error?: string };
    assert.equal(r.error, undefined);
    assert.match(r.text, /name: my\.rel-1/);
  } finally {
    c.dispose();
  }
});
