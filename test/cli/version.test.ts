// `chartwright version`: its own version (package.json's) and the Helm versions it reproduces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VERSION, versionText } from '../../server/src/version';

const root = join(__dirname, '..', '..');

test('VERSION is package.json version', () => {
  const pkg: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.ok(pkg !== null && typeof pkg === 'object' && 'version' in pkg);
  assert.equal(VERSION, pkg.version);
});

test('chartwright version / --short / a bad flag', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'chartwright.js'), ...args], { encoding: 'utf8', timeout: 60_000 });
  const long = run('version');
  assert.equal(long.status, 0);
  assert.equal(long.stdout, versionText(false));
  assert.match(long.stdout, /Helm v4\.1\.4 .*Helm v3\.17\.3/);
  const short = run('version', '--short');
  assert.equal(short.status, 0);
  assert.equal(short.stdout, `v${VERSION}\n`);
  const bad = run('version', '--bogus');
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^Error: unknown flag: --bogus/);
});
