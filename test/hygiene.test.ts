// Repository hygiene: no absolute path of a development machine in any tracked file (tests,
// messages, docs, recorded fixtures): paths are relative to the project, `../shared`,
// os.tmpdir() or an environment variable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
// Home and workspace folders of the machines this project is developed and tested on.
const MACHINE_PATH = /(?<![\w.])\/(?:work|root|home\/[a-z_][\w-]*|Users\/[\w.-]+)\/[\w.-]/;
// This file names the patterns it looks for.
const EXEMPT = new Set(['test/hygiene.test.ts']);

test('no absolute machine paths in tracked files', (t) => {
  const ls = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  if (ls.status !== 0) {
    t.skip('not a git checkout');
    return;
  }
  const found: string[] = [];
  for (const f of ls.stdout.split('\0')) {
    if (f === '' || EXEMPT.has(f) || f === 'package-lock.json' || /\.(png|jpe?g|tgz|gz|vsix|ico)$/.test(f)) continue;
    let text: string;
    try {
      text = readFileSync(join(root, f), 'utf8');
    } catch {
      continue; // a deleted or unreadable file of the work tree
    }
    text.split('\n').forEach((line, i) => {
      if (MACHINE_PATH.test(line)) found.push(`${f}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  assert.deepEqual(found, [], `absolute machine paths:\n${found.join('\n')}`);
});
