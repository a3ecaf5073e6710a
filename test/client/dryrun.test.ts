// Unit tests of the built-in dry run's Problems placement (client/src/dryrun-core.ts): problems with a
// template source go to the template (exact range when the server sent one), others to the output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dryRunSummary, groupProblems, placeProblem } from '../../client/src/dryrun-core';
import type { DryRunProblem, DryRunResult } from '../../server/src/lsp/protocol';

const OUT = 'chartwright-output:/c%20dry%20run%20(built-in).yaml?1';
const T = 'file:///w/c/templates/deploy.yaml';
const MAX = Number.MAX_SAFE_INTEGER;

test('placeProblem: table', () => {
  const cases: Array<[string, DryRunProblem, ReturnType<typeof placeProblem>]> = [
    ['no source: output line', { message: 'm', line: 7, source: null }, { uri: OUT, range: { startLine: 7, startCharacter: 0, endLine: 7, endCharacter: MAX }, message: 'm' }],
    ['source line only', { message: 'm', line: 7, source: { uri: T, line: 5 } }, { uri: T, range: { startLine: 5, startCharacter: 0, endLine: 5, endCharacter: MAX }, message: 'm' }],
    [
      'exact range',
      { message: 'm', line: 7, source: { uri: T, line: 5, range: { start: { line: 5, character: 12 }, end: { line: 5, character: 35 } } } },
      { uri: T, range: { startLine: 5, startCharacter: 12, endLine: 5, endCharacter: 35 }, message: 'm' },
    ],
  ];
  for (const [name, p, want] of cases) assert.deepEqual(placeProblem(p, OUT), want, name);
});

test('groupProblems keeps order per document; dryRunSummary', () => {
  const r: DryRunResult = {
    text: 'x',
    problems: [
      { message: 'a', line: 1, source: { uri: T, line: 2 } },
      { message: 'b', line: 3, source: null },
      { message: 'c', line: 4, source: { uri: T, line: 3 } },
    ],
  };
  const g = groupProblems(r, OUT);
  assert.deepEqual([...g.keys()], [T, OUT]);
  assert.deepEqual(g.get(T)?.map((p) => p.message), ['a', 'c']);
  assert.equal(groupProblems({ text: '' }, OUT).size, 0);
  assert.match(dryRunSummary(r), /found 3 Kubernetes schema problems/);
  assert.match(dryRunSummary({ text: '', problems: [r.problems![0]!] }), /found 1 Kubernetes schema problem \(/);
  assert.match(dryRunSummary({ text: '' }), /passed/);
  assert.equal(dryRunSummary({ text: '', error: 'Error: boom\nmore' }), 'Chartwright: dry run failed: Error: boom');
});
