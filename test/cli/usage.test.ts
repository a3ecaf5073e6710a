// `chartwright --help`: every command, lint's output formats, and where each command's flags are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const bin = join(__dirname, '..', '..', 'bin', 'chartwright.js');

test('chartwright --help names the commands and both flag helps', () => {
  const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  for (const want of ['template [NAME] CHART [flags]', 'lint CHART [flags]', 'language-server --stdio', 'version [--short]', '--format text|json|github|sarif', '--kube-schemas', "'chartwright template --help'", "'chartwright lint --help'"]) {
    assert.ok(r.stdout.includes(want), `${want} missing from:\n${r.stdout}`);
  }
});
