// Runs the unit test suite with node's built-in test runner (its summary is what CI reads).
// Usage: node scripts/test.mjs [filter-substring...]
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures' || name === 'e2e') continue;
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

const files = collect(join(root, 'test'), []).sort()
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// Helm lets `include` nest 1000 deep; node's default stack allows about half of that. The CLI
// renders in a worker with a big stack; in tests the main thread gets a bigger V8 stack limit,
// kept well inside the OS thread stack (ulimit -s) so it can never overflow the real stack.
const ulimit = spawnSync('sh', ['-c', 'ulimit -s'], { encoding: 'utf8' }).stdout.trim();
const osStackKb = ulimit === 'unlimited' ? Infinity : Number(ulimit) || 0;
const stackFlags = osStackKb >= 8192 ? ['--stack-size=4000'] : [];
// Commands the tests start cache compiled values schemas under $XDG_CACHE_HOME/chartwright: a
// throw-away folder for this run, never the user's own cache.
const cacheHome = mkdtempSync(join(tmpdir(), 'chartwright-test-cache-'));
const r = spawnSync(process.execPath, [...stackFlags, '--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
  // No CLI daemon (bin/daemon-client.js) outlives the tests: the daemon's own tests start theirs.
  env: { ...process.env, XDG_CACHE_HOME: cacheHome, CHARTWRIGHT_DAEMON: '0' },
});
rmSync(cacheHome, { recursive: true, force: true });
process.exit(r.status ?? 1);
