// The preview's outline (client/src/outline-core.ts): one entry per rendered resource.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { previewOutline } from '../../client/src/outline-core';

const TEXT = [
  '---',
  '# Source: web/templates/svc.yaml',
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  labels:',
  '    name: not-this',
  '  name: "release-name-web"',
  'spec: {}',
  '---',
  '# Source: web/templates/deploy.yaml',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: release-name-web',
  '---',
  '# Source: web/templates/empty.yaml',
  '# only a comment',
  '',
].join('\n');

test('previewOutline: kind and metadata.name per document, with lines and source', () => {
  assert.deepEqual(previewOutline(TEXT), [
    { name: 'Service release-name-web', detail: 'v1 · web/templates/svc.yaml', startLine: 1, endLine: 8, kindLine: 3 },
    { name: 'Deployment release-name-web', detail: 'apps/v1 · web/templates/deploy.yaml', startLine: 10, endLine: 14, kindLine: 12 },
  ]);
});

test('previewOutline: no documents, no entries', () => {
  assert.deepEqual(previewOutline(''), []);
  assert.deepEqual(previewOutline('# nothing\n'), []);
});
