// Unit tests of the compact line map of chartwright/render answers (server/src/lsp/lineMap.ts):
// every line decodes to what was encoded, URIs and via chains are stored once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_LINE_MAP, encodeLineMap, lineSourceAt } from '../../server/src/lsp/lineMap';
import type { RenderLineSource } from '../../server/src/lsp/protocol';

const T = 'file:///w/c/templates/deployment.yaml';
const H = 'file:///w/c/templates/_helpers.tpl';
const at = (uri: string, line: number, c0: number, endLine: number, c1: number, via?: RenderLineSource['via']): RenderLineSource => ({
  uri,
  line,
  range: { start: { line, character: c0 }, end: { line: endLine, character: c1 } },
  ...(via === undefined ? {} : { via }),
});
const call = [{ uri: T, line: 5, endLine: 6 }];
const nested = [{ uri: H, line: 20, endLine: 20 }, { uri: T, line: 9, endLine: 9 }];
const sources: (RenderLineSource | null)[] = [null, at(T, 0, 0, 0, 16), at(H, 10, 4, 10, 30, call), at(H, 11, 4, 12, 2, call), null, at(H, 3, 0, 3, 8, nested), at(T, 7, 2, 8, 0)];

test('lineMap: each line decodes to its source', () => {
  const m = encodeLineMap(sources);
  assert.equal(m.lines.length, sources.length);
  sources.forEach((s, i) => assert.deepEqual(lineSourceAt(m, i), s, `line ${i}`));
});

test('lineMap: URIs and via chains are tables', () => {
  const m = encodeLineMap(sources);
  assert.deepEqual(m.uris, [T, H]);
  assert.deepEqual(m.vias, [[0, 5, 6], [1, 20, 20, 0, 9, 9]]);
  assert.deepEqual(m.lines[2], [1, 10, 4, 10, 30, 0]);
  assert.deepEqual(m.lines[3], [1, 11, 4, 12, 2, 0]);
});

test('lineMap: out of range and empty maps give null', () => {
  const m = encodeLineMap(sources);
  for (const i of [-1, sources.length, 1000]) assert.equal(lineSourceAt(m, i), null);
  assert.equal(lineSourceAt(EMPTY_LINE_MAP, 0), null);
  assert.deepEqual(encodeLineMap([]), EMPTY_LINE_MAP);
});
