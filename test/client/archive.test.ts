// Unit tests of the archive document helpers (client/src/archive-core.ts, no vscode module).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { archiveLanguage, archiveParams, archiveText, isArchiveUri } from '../../client/src/archive-core';

const URI = 'chartwright-archive:///ws/app/charts/common-2.31.4.tgz/templates/_names.tpl';

test('archive documents: URIs, request, text and language', () => {
  const CASES: ReadonlyArray<readonly [string, boolean]> = [
    [URI, true],
    ['file:///ws/app/templates/a.yaml', false],
    ['chartwright-preview:/x', false],
  ];
  for (const [uri, want] of CASES) assert.equal(isArchiveUri(uri), want, uri);
  assert.deepEqual(archiveParams(URI), { uri: URI });
  assert.equal(archiveText(URI, { text: '{{- define "x" }}{{ end }}' }), '{{- define "x" }}{{ end }}');
  assert.match(archiveText(URI, null), /not \(or no longer\) a file of a packaged dependency/);
  assert.match(archiveText(URI, undefined), /packaged dependency/);
  const LANGS: ReadonlyArray<readonly [string, string]> = [
    ['/ws/app/charts/common-2.31.4.tgz/templates/_names.tpl', 'helm-tpl'],
    ['/ws/app/charts/x.tgz/templates/deploy.yaml', 'helm'],
    ['/ws/app/charts/x.tgz/values.yaml', 'yaml'],
  ];
  for (const [p, lang] of LANGS) assert.equal(archiveLanguage(p), lang, p);
});
