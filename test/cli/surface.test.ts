// The CLI surface that is Chartwright's own (Helm's texts are in fidelity.test.ts, recorded):
// flags refused with an Error naming the flag and why, `--help` listing every flag taken,
// `language-server` without `--stdio`, and the flag table chosen by --helm-version.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFS } from '../../server/src/chart/fs';
import { runTemplateCommand } from '../../server/src/render/template-command';
import { templateFlagSpecs, templateHelp } from '../../server/src/render/flags';
import { lintFlagNames, lintHelp } from '../../server/src/lint/command';
import type { Runtime } from '../../server/src/template/func';

const root = join(__dirname, '..', '..');
const runtime: Runtime = { now: () => new Date(Date.UTC(2024, 0, 1)), randomBytes: (n) => new Uint8Array(n), localZone: 'UTC' };
const dir = mkdtempSync(join(tmpdir(), 'cwsurface-'));
after(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'c', 'templates'), { recursive: true });
writeFileSync(join(dir, 'c', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
writeFileSync(join(dir, 'c', 'templates', 'cm.yaml'), 'kind: ConfigMap\n');
writeFileSync(join(dir, 'a.yaml'), 'x: 1\n');
const cwd = dir.replace(/^\/+/, '');

const run = (args: string[], hv: 3 | 4) => runTemplateCommand(args, { fs: nodeFS('/'), cwd, helmVersion: hv, runtime });

// [args, the flag or reference the error must name]
const REFUSED: ReadonlyArray<readonly [string[], string]> = [
  [['c', '--post-renderer', 'kustomize'], '--post-renderer'],
  [['c', '--post-renderer=./hook.sh'], '--post-renderer'],
  [['c', '--repo', 'https://charts.example.com'], '--repo'],
  [['c', '--verify'], '--verify'],
  [['c', '--validate'], '--validate'],
  [['c', '-f', 'https://example.com/values.yaml'], '-f https://example.com/values.yaml'],
  [['c', '--values=a.yaml,http://example.com/v.yaml'], '-f http://example.com/v.yaml'],
  [['c', '-f', 'oci://registry.example.com/values'], '-f oci://registry.example.com/values'],
  [['c', '--set-file', 'a=https://example.com/a.txt'], '--set-file https://example.com/a.txt'],
  [['c', '--set-file', 'a=a.yaml,b=HTTP://example.com/b.txt'], '--set-file HTTP://example.com/b.txt'],
  [['c', '--set-file', 'a[0]=oci://registry.example.com/a'], '--set-file oci://registry.example.com/a'],
  [['oci://registry.example.com/charts/app'], 'OCI chart reference "oci://registry.example.com/charts/app"'],
  [['https://example.com/app-1.0.0.tgz'], 'chart URL "https://example.com/app-1.0.0.tgz"'],
  [['bitnami/nginx'], 'chart repository reference "bitnami/nginx" (repo/chart)'],
];

for (const [args, names] of REFUSED) {
  for (const hv of [4, 3] as const) {
    test(`refused (helm ${hv}): ${args.join(' ')}`, () => {
      const r = run(args, hv);
      assert.equal(r.exitCode, 1);
      assert.equal(r.stdout, '');
      const err = r.stderr.slice(r.stderr.indexOf('Error: '));
      assert.ok(err.startsWith(`Error: ${names}`), err);
      assert.match(err, /not supported: .+\n$/);
    });
  }
}

test('--dry-run=server is refused in Helm 4 only (Helm 3 template renders client-side)', () => {
  assert.match(run(['c', '--dry-run=server'], 4).stderr, /^Error: --dry-run=server is not supported: it needs a live Kubernetes cluster/);
  assert.equal(run(['c', '--dry-run=server'], 3).exitCode, 0);
});

test('a local directory that looks like repo/chart is rendered, not refused', () => {
  mkdirSync(join(dir, 'repo', 'chart', 'templates'), { recursive: true });
  writeFileSync(join(dir, 'repo', 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: chart\nversion: 0.1.0\n');
  const r = run(['repo/chart'], 4);
  assert.equal(r.exitCode, 0, r.stderr);
});

test('--helm-version anywhere on the line chooses the flag table', () => {
  // --force-conflicts is Helm 4's; Helm 3's template does not know it.
  assert.equal(run(['c', '--force-conflicts', '--helm-version', '4'], 3).exitCode, 0);
  assert.equal(run(['c', '--force-conflicts', '--helm-version=3'], 4).stderr, 'Error: unknown flag: --force-conflicts\n');
});

for (const hv of [4, 3] as const) {
  test(`template --help lists every flag it takes (helm ${hv})`, () => {
    const help = templateHelp(hv);
    assert.equal(run(['--help', '--helm-version', String(hv)], hv).stdout, help);
    for (const s of templateFlagSpecs(hv)) {
      assert.ok(help.includes(`--${s.long}`), `--${s.long} missing from help`);
      if (s.short !== undefined) assert.ok(help.includes(`-${s.short}`), `-${s.short} missing from help`);
    }
    assert.match(help, /-g, --generate-name/);
  });
}

test('lint --help lists every flag it takes', () => {
  const help = lintHelp();
  for (const long of lintFlagNames()) assert.ok(help.includes(`--${long}`), `--${long} missing from lint help`);
});

test('language-server without --stdio exits non-zero with a usage message (within seconds)', () => {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'chartwright.js'), 'language-server'], { encoding: 'utf8', timeout: 60_000, input: '' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^Error: chartwright language-server needs --stdio/);
  assert.match(r.stderr, /Usage: chartwright language-server --stdio\n$/);
});
