// Unit tests of the preview's navigation core (vscode-free): template → preview line inversion,
// highlight runs, when to scroll, and the per-scheme change events of the content providers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeLineMap } from '../../server/src/lsp/lineMap';
import type { RenderLineSource, RenderResult } from '../../server/src/lsp/protocol';
import { SchemeEvents, chartSourceOf, lineRuns, previewLinesOf, previewUri, producedBy, revealLine } from '../../client/src/preview-core';

const T = 'file:///w/c/templates/deployment.yaml';
const H = 'file:///w/c/templates/_helpers.tpl';
const src = (uri: string, line: number, endLine = line, via?: RenderLineSource['via']): RenderLineSource => ({
  uri,
  line,
  range: { start: { line, character: 0 }, end: { line: endLine, character: 2 } },
  ...(via === undefined ? {} : { via }),
});
// A preview of deployment.yaml: header, text lines, a multi-line action, a helper called at line 5.
const result: RenderResult = {
  text: '---\n# Source: c/templates/deployment.yaml\nkind: Deployment\nmetadata:\n  labels:\n    a: 1\n    b: 2\nspec:\n  x: 1\n  y: 2\n',
  lineMap: encodeLineMap([
    null,
    null,
    src(T, 0),
    src(T, 1),
    src(T, 2),
    src(H, 10, 10, [{ uri: T, line: 5, endLine: 5 }]),
    src(H, 11, 11, [{ uri: T, line: 5, endLine: 5 }]),
    src(T, 6),
    src(T, 7, 8),
    src(T, 7, 8),
  ]),
};

test('previewLinesOf: template line → preview lines (table)', () => {
  const cases: readonly [uri: string, line: number, want: number[]][] = [
    [T, 0, [2]],
    [T, 2, [4]],
    // the include call line: every line its helper wrote
    [T, 5, [5, 6]],
    // a multi-line action, from either of its lines
    [T, 7, [8, 9]],
    [T, 8, [8, 9]],
    // inside the helper
    [H, 10, [5]],
    [H, 11, [6]],
    // a line that writes nothing (e.g. `{{- if … }}`), another file
    [T, 4, []],
    [T, 99, []],
    ['file:///w/c/templates/other.yaml', 0, []],
  ];
  for (const [uri, line, want] of cases) assert.deepEqual(previewLinesOf(result, uri, line), want, `${uri}:${line}`);
});

test('previewLinesOf: lines shift below an error comment; URIs normalised', () => {
  const withError: RenderResult = { ...result, error: 'Error: one\ntwo' };
  assert.deepEqual(previewLinesOf(withError, T, 5), [7, 8]);
  // The server spells a drive letter encoded, the editor not: norm reconciles them.
  const enc = 'file:///c%3A/w/t.yaml';
  const r: RenderResult = { text: 'a\n', lineMap: encodeLineMap([src(enc, 0)]) };
  assert.deepEqual(previewLinesOf(r, 'file:///c:/w/t.yaml', 0), []);
  assert.deepEqual(previewLinesOf(r, 'file:///c:/w/t.yaml', 0, decodeURIComponent), [0]);
  // A source without a range uses its line.
  assert.equal(producedBy({ uri: T, line: 3 }, T, 3), true);
  assert.equal(producedBy({ uri: T, line: 3 }, T, 4), false);
});

test('lineRuns and revealLine', () => {
  assert.deepEqual(lineRuns([]), []);
  assert.deepEqual(lineRuns([2, 3, 4, 7, 9, 10]), [
    { start: 2, end: 4 },
    { start: 7, end: 7 },
    { start: 9, end: 10 },
  ]);
  const cases: readonly [lines: number[], visible: { start: number; end: number }[], want: number | undefined][] = [
    [[], [{ start: 0, end: 40 }], undefined],
    [[50, 120], [{ start: 0, end: 40 }], 50],
    // one of them is on screen already: don't scroll
    [[5, 120], [{ start: 0, end: 40 }], undefined],
    [[50, 120], [{ start: 100, end: 140 }], undefined],
    [[50], [], 50],
  ];
  for (const [lines, visible, want] of cases) assert.equal(revealLine(lines, visible), want, JSON.stringify([lines, visible]));
});

test('SchemeEvents fires only its own scheme', () => {
  const preview = new SchemeEvents<{ scheme: string; path: string }>('chartwright-preview');
  const output = new SchemeEvents<{ scheme: string; path: string }>('chartwright-output');
  const seen: string[] = [];
  const subs: { dispose(): unknown }[] = [];
  preview.event((u) => seen.push(`preview:${u.path}`), undefined, subs);
  output.event((u) => seen.push(`output:${u.path}`));
  const docs = [
    { scheme: 'chartwright-preview', path: '/a' },
    { scheme: 'chartwright-output', path: '/b' },
    { scheme: 'file', path: '/c' },
  ];
  assert.deepEqual(docs.map((d) => preview.fire(d)), [true, false, false]);
  assert.deepEqual(seen, ['preview:/a']);
  assert.equal(subs.length, 1);
  // thisArgs is honoured and dispose unsubscribes.
  const ctx = { n: 0 };
  const d = preview.event(function (this: typeof ctx) {
    this.n++;
  }, ctx);
  preview.fire(docs[0]);
  d.dispose();
  subs[0].dispose();
  preview.fire(docs[0]);
  assert.equal(ctx.n, 1);
  assert.deepEqual(seen, ['preview:/a', 'preview:/a']);
});

test('chartSourceOf: a preview belongs to its source chart (status bar while the preview has focus)', () => {
  const p = previewUri({ source: T, scope: 'template' }, 'deployment.yaml');
  const cases: readonly [uri: { scheme: string; path: string; query: string }, asString: string, want: string | undefined][] = [
    [{ scheme: 'file', path: '/w/c/templates/deployment.yaml', query: '' }, T, T],
    [p, `chartwright-preview:${p.path}?${p.query}`, T],
    [previewUri({ source: 'file:///w/c/values.yaml', scope: 'chart' }, 'values.yaml'), 'x', 'file:///w/c/values.yaml'],
    [{ scheme: 'chartwright-preview', path: '/x', query: 'bogus' }, 'x', undefined],
    [{ scheme: 'chartwright-output', path: '/c dry run.yaml', query: '1' }, 'x', undefined],
    [{ scheme: 'untitled', path: 'Untitled-1', query: '' }, 'untitled:Untitled-1', undefined],
  ];
  for (const [uri, asString, want] of cases) assert.equal(chartSourceOf(uri, asString), want, asString);
});
