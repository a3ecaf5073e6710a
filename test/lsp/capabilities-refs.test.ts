// References of `.Capabilities.*` over the LSP protocol on a corpus chart (argo-cd): asked on
// `.Capabilities.APIVersions` in one template, they list the same path in every template of the
// chart (issue 10's "references for .Chart.*, .Release.*, .Capabilities.*"; .Chart and .Release
// are covered in template-nav.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeHost } from '../../server/src/lsp/nodeHost';
import { LineIndex } from '../../server/src/lsp/convert';
import { inMemory } from './harness';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/charts');
const skip = fs.existsSync(CORPUS) ? false : `corpus missing: ${CORPUS} (../shared is absent)`;

test('references of .Capabilities.APIVersions and .Capabilities.KubeVersion.Version across argo-cd', { skip }, async () => {
  const root = path.join(CORPUS, 'argo-cd');
  const c = await inMemory(nodeHost());
  try {
    const at = async (rel: string, marked: string): Promise<string[]> => {
      const text = fs.readFileSync(path.join(root, rel), 'utf8');
      const i = text.indexOf(marked.replace('^', ''));
      assert.ok(i >= 0, marked);
      const position = new LineIndex(text).positionAt(i + marked.indexOf('^'));
      const locs = (await c.conn.sendRequest('textDocument/references', { textDocument: { uri: pathToFileURL(path.join(root, rel)).href }, position, context: { includeDeclaration: true } })) as Array<{ uri: string; range: { start: { line: number } } }>;
      const prefix = pathToFileURL(root).href + '/';
      return locs.map((l) => `${l.uri.slice(prefix.length)}:${l.range.start.line}`);
    };
    const api = await at('templates/argocd-server/servicemonitor.yaml', '.Capabilities.API^Versions.Has $apiVersion');
    for (const want of ['templates/argocd-server/servicemonitor.yaml:1', 'templates/redis/servicemonitor.yaml:2', 'templates/argocd-application-controller/prometheusrule.yaml:1']) {
      assert.ok(api.includes(want), `${want} missing from\n${api.join('\n')}`);
    }
    const kube = await at('templates/_versions.tpl', '.Capabilities.KubeVersion.Ver^sion');
    assert.ok(kube.includes('templates/_versions.tpl:5') && kube.includes('templates/_helpers.tpl:328'), kube.join('\n'));
    assert.ok(!kube.some((l) => l.startsWith('templates/redis/servicemonitor.yaml')), kube.join('\n'));
  } finally {
    c.dispose();
  }
});
