// examples/editors/neovim/check.sh as the README tells a user to run it: with `chartwright` on
// PATH (here a shim running this checkout's bin/chartwright.js) it prints the diagnostic and exits
// 0; without it, it says so and exits 1 (it used to print NO DIAGNOSTICS after 30 s and exit 0).
// Skipped where nvim is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = join(__dirname, '..', '..');
const script = join(root, 'examples', 'editors', 'neovim', 'check.sh');
const nvim = spawnSync('sh', ['-c', 'command -v nvim'], { encoding: 'utf8' }).stdout.trim();
const skip = nvim === '' ? 'nvim is not installed' : false;

test('neovim/check.sh with chartwright on PATH prints the diagnostic', { skip }, () => {
  const bin = mkdtempSync(join(tmpdir(), 'cw-nvim-'));
  try {
    const shim = join(bin, 'chartwright');
    // NODE_PATH: from the sources (no bundle), the render worker loads tsx with a bare require
    // resolved from the working directory, which check.sh sets to a temporary folder.
    const nodePath = join(root, 'node_modules');
    writeFileSync(shim, `#!/bin/sh\nNODE_PATH="${nodePath}" exec "${process.execPath}" "${join(root, 'bin', 'chartwright.js')}" "$@"\n`);
    chmodSync(shim, 0o755);
    const r = spawnSync('sh', [script], { cwd: root, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` }, timeout: 90_000 });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^1:12 \.Values\.doesNotExist is not set in any values file of chart hello$/m);
    assert.match(r.stdout, /^DIAGNOSTICS OK$/m);
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});

test('neovim/check.sh without chartwright on PATH says so and fails', { skip }, () => {
  const bin = mkdtempSync(join(tmpdir(), 'cw-nvim-'));
  try {
    // Only nvim and the basic tools: a PATH with a link to nvim and /bin:/usr/bin.
    const link = spawnSync('ln', ['-s', nvim, join(bin, 'nvim')]);
    assert.equal(link.status, 0);
    const path = `${bin}:/usr/bin:/bin`;
    const found = spawnSync('sh', ['-c', 'command -v chartwright'], { encoding: 'utf8', env: { PATH: path } }).stdout.trim();
    if (found !== '') return; // chartwright installed system-wide: nothing to check here
    const r = spawnSync('sh', [script], { cwd: root, encoding: 'utf8', env: { ...process.env, PATH: path }, timeout: 30_000 });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.equal(r.stderr, 'check.sh: chartwright is not on PATH (install it first: README, Install)\n');
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});
