// Checks the npm package as a user meets it: `npm pack` (its prepack builds the bundles), a global
// install into a fresh prefix, then the installed `chartwright` command: `version`, and
// `template` of examples/hello (and of ../shared/corpus's argo-cd when ../shared is there), each
// compared byte for byte with the output recorded from helm v4.1.4, then the same render through the
// daemon the command starts (bin/daemon-client.js). Exit 1 on any difference.
// Usage: node scripts/check-pack.mjs   (run by .ci/run after the unit tests)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'chartwright-pack-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let failed = 0;
try {
  execFileSync(npm, ['pack', '--loglevel=warn', '--pack-destination', work], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (tgz === undefined) throw new Error('npm pack produced no tarball');
  const prefix = join(work, 'prefix');
  execFileSync(npm, ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', join(work, tgz)], { stdio: ['ignore', 'ignore', 'inherit'] });
  const bin = join(prefix, 'bin', 'chartwright');
  // The Kubernetes schema data (server/src/k8s/store.ts reads it next to the bundles, ../data/k8s).
  const installed = join(prefix, process.platform === 'win32' ? '' : 'lib', 'node_modules', 'chartwright');
  const k8sIndex = JSON.parse(readFileSync(join(installed, 'server', 'data', 'k8s', 'index.json'), 'utf8'));
  const k8sMissing = ['strings.json', ...Object.values(k8sIndex.versions)].filter((f) => !existsSync(join(installed, 'server', 'data', 'k8s', f)));
  if (k8sMissing.length > 0) throw new Error(`installed package lacks server/data/k8s/${k8sMissing.join(', ')}`);
  // Run from the temporary folder: the installed command must not depend on this checkout.
  // One-shot commands (no daemon) first.
  const run = (...args) => execFileSync(bin, args, { cwd: work, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, CHARTWRIGHT_DAEMON: '0' } });
  console.log(`check-pack: ${tgz} installed; ${run('version').toString().trim()}`);
  const cases = [[join(root, 'examples', 'hello'), join(root, 'test', 'fixtures', 'expected', 'hello.helm4.yaml'), 'examples/hello']];
  const shared = join(root, '..', 'shared', 'corpus');
  if (existsSync(shared)) cases.push([join(shared, 'charts', 'argo-cd'), join(shared, 'golden', 'argo-cd.helm4.yaml'), '../shared corpus argo-cd']);
  else console.log('check-pack: ../shared is absent: the corpus chart check is skipped');
  for (const [chart, golden, name] of cases) {
    const same = Buffer.compare(run('template', chart), readFileSync(golden)) === 0;
    console.log(`check-pack: ${name}: ${same ? 'identical to helm v4.1.4' : 'DIFFERS from helm v4.1.4'}`);
    if (!same) failed++;
  }
  // The daemon (bin/daemon-client.js): the first command starts it, the next ones are answered
  // by it, byte for byte the same; it is stopped here (CI turns it off by default).
  const cache = join(work, 'cache');
  const env = { ...process.env, CHARTWRIGHT_DAEMON: '1', XDG_CACHE_HOME: cache };
  const [chart, golden] = cases[cases.length - 1];
  const want = readFileSync(golden);
  const viaDaemon = () => execFileSync(bin, ['template', chart], { cwd: work, env, maxBuffer: 256 * 1024 * 1024 });
  let same = Buffer.compare(viaDaemon(), want) === 0;
  const dir = join(cache, 'chartwright', 'daemon');
  const pidFile = () => (existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.sock.pid')) : undefined);
  const t0 = Date.now();
  while (pidFile() === undefined && Date.now() - t0 < 30_000) execFileSync('sleep', ['0.1']);
  const pf = pidFile();
  if (pf === undefined) {
    console.log('check-pack: the first command started no daemon');
    failed++;
  } else {
    for (let i = 0; i < 2; i++) same = same && Buffer.compare(viaDaemon(), want) === 0;
    console.log(`check-pack: through the daemon: ${same ? 'identical to helm v4.1.4' : 'DIFFERS from helm v4.1.4'}`);
    if (!same) failed++;
    try {
      process.kill(Number(readFileSync(join(dir, pf), 'utf8')), 'SIGTERM');
    } catch {
      // gone already
    }
  }
} catch (e) {
  console.error(`check-pack: ${e instanceof Error ? e.message : String(e)}`);
  failed++;
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed === 0 ? 0 : 1);
