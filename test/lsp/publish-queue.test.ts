// The language server's render-diagnostics queue: one key per macrotask, in order, a key queued
// twice keeps one place, `first` moves it to the front, deleted keys are skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PublishQueue } from '../../server/src/lsp/publishQueue';

const CASES: ReadonlyArray<{ readonly name: string; readonly ops: ReadonlyArray<readonly ['add', string, boolean?] | readonly ['delete', string]>; readonly want: readonly string[] }> = [
  { name: 'in order', ops: [['add', 'a'], ['add', 'b'], ['add', 'c']], want: ['a', 'b', 'c'] },
  { name: 'a key queued twice keeps its place', ops: [['add', 'a'], ['add', 'b'], ['add', 'a']], want: ['a', 'b'] },
  { name: 'first goes to the front', ops: [['add', 'a'], ['add', 'b'], ['add', 'c', true]], want: ['c', 'a', 'b'] },
  { name: 'first moves a queued key', ops: [['add', 'a'], ['add', 'b'], ['add', 'b', true]], want: ['b', 'a'] },
  { name: 'deleted keys are skipped', ops: [['add', 'a'], ['add', 'b'], ['delete', 'a']], want: ['b'] },
];

for (const tc of CASES) {
  test(`PublishQueue: ${tc.name}`, async () => {
    const ran: string[] = [];
    const q = new PublishQueue((k) => ran.push(k));
    for (const op of tc.ops) {
      if (op[0] === 'add') q.add(op[1], op[2] ?? false);
      else q.delete(op[1]);
    }
    // Nothing runs inside the caller.
    assert.deepEqual(ran, []);
    while (q.size > 0) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(ran, tc.want);
  });
}

test('PublishQueue: one key per macrotask', async () => {
  const ran: string[] = [];
  const q = new PublishQueue((k) => ran.push(k));
  q.add('a');
  q.add('b');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(ran, ['a']);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(ran, ['a', 'b']);
  q.dispose();
});
