// The outcome codec sends recorded include contexts once: a list made of the same objects as in
// the previous outcome of the worker travels as null and the main thread keeps its decoded
// values (a reused file's contexts belong to an older release, whose roots the new render's
// index lacks: encoding them structurally again cost tens of ms per render on argo-cd).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RenderOutcome } from '../../server/src/analysis/snapshot';
import { OutcomeDecoder, OutcomeEncoder } from '../../server/src/lsp/outcomeCodec';
import { GoInt, type Value } from '../../server/src/template/value';

function outcome(contexts: ReadonlyArray<readonly [string, Value[]]>): RenderOutcome {
  return { error: undefined, pathOf: new Map(), files: new Map(), textOf: new Map(), includeContexts: new Map(contexts), substituted: new Set() };
}

/** roundTrip runs outcomes through one encoder/decoder pair, as a worker and the main thread do. */
function roundTrip(outcomes: RenderOutcome[]): Array<{ wire: unknown[]; decoded: Map<string, readonly Value[]> }> {
  const enc = new OutcomeEncoder();
  const dec = new OutcomeDecoder();
  return outcomes.map((o) => {
    const w = structuredClone(enc.encode(o));
    return { wire: w.includeContexts.map(([, l]) => l), decoded: new Map(dec.decode(w, []).includeContexts) };
  });
}

test('include contexts: unchanged lists travel as null and decode to the previous values', () => {
  const ctx = new Map<string, Value>([['n', new GoInt('int', 3n)], ['s', 'x']]);
  const other = new Map<string, Value>([['k', 'v']]);
  const [a, b, c] = roundTrip([outcome([['lbl', [ctx]]]), outcome([['lbl', [ctx]]]), outcome([['lbl', [ctx, other]]])]);
  assert.notEqual(a.wire[0], null);
  assert.equal(b.wire[0], null);
  assert.notEqual(c.wire[0], null);
  assert.equal(b.decoded.get('lbl'), a.decoded.get('lbl'), 'the decoded list itself is kept');
  const cases: Array<[string, readonly Value[] | undefined, number]> = [
    ['first', a.decoded.get('lbl'), 1],
    ['same', b.decoded.get('lbl'), 1],
    ['grown', c.decoded.get('lbl'), 2],
  ];
  for (const [name, list, n] of cases) {
    assert.equal(list?.length, n, name);
    const m = list?.[0];
    assert.ok(m instanceof Map, name);
    assert.deepEqual(m.get('n'), new GoInt('int', 3n), name);
    assert.equal(m.get('s'), 'x', name);
  }
  assert.deepEqual(c.decoded.get('lbl')?.[1], new Map([['k', 'v']]));
});
