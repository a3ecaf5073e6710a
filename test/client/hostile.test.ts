// The client against a hostile workspace: Chart.yaml as a symlink to /dev/zero, a FIFO or a huge
// file must not hang or kill the extension host (the status bar reads it); an invalid
// `chartwright.releaseName` is refused before helm runs (and helm's options end with `--`);
// the trust message lists only file folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkReleaseName, chartNameIn, helmDryRun } from '../../client/src/commands-core';
import { DEFAULTS } from '../../client/src/settings-core';
import { initializationOptions, trustParams } from '../../client/src/trust-core';

test('chartNameIn: only a regular Chart.yaml up to 1 MiB is read, at once', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-client-'));
  try {
    const mk = (name: string, make: (chartYaml: string) => void): string => {
      const dir = path.join(base, name);
      fs.mkdirSync(dir);
      make(path.join(dir, 'Chart.yaml'));
      return dir;
    };
    const cases: Array<[string, string, string | undefined]> = [
      ['regular', mk('regular', (p) => fs.writeFileSync(p, 'apiVersion: v2\nname: good\nversion: 1.0.0\n')), 'good'],
      ['symlink to /dev/zero', mk('zero', (p) => fs.symlinkSync('/dev/zero', p)), undefined],
      ['FIFO', mk('fifo', (p) => execFileSync('mkfifo', [p])), undefined],
      ['2 MiB', mk('big', (p) => {
        fs.writeFileSync(p, 'name: big\n');
        fs.truncateSync(p, 2 * 1024 * 1024);
      }), undefined],
      ['directory', mk('dir', (p) => fs.mkdirSync(p)), undefined],
      ['missing', mk('none', () => undefined), undefined],
    ];
    for (const [name, dir, want] of cases) {
      const t = Date.now();
      assert.equal(chartNameIn(dir), want, name);
      assert.ok(Date.now() - t < 2000, `${name} took ${Date.now() - t} ms`);
    }
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
});

test('release names: Helm rule refuses before helm runs; helm gets `--` before positionals', () => {
  // Helm's text, recorded from helm v4.1.4 / v3.17.3 (`helm template -- -x c`):
  // release name "-x": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53
  const invalid = 'invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53';
  const cases: Array<[string, boolean]> = [
    ['-x', false],
    ['--foo', false],
    ['UPPER', false],
    ['a_b', false],
    ['a'.repeat(54), false],
    ['a'.repeat(53), true],
    ['release-name', true],
    ['my.rel-1', true],
  ];
  for (const [name, ok] of cases) {
    const msg = checkReleaseName(name);
    if (ok) assert.equal(msg, undefined, name);
    else assert.equal(msg, `Chartwright: the release name ${JSON.stringify(name)} (setting "chartwright.releaseName") is not valid: ${invalid}`, name);
  }
  const inv = helmDryRun({ ...DEFAULTS, releaseName: '-x', namespace: 'ns' }, '/c');
  assert.deepEqual(inv.args.slice(-3), ['--', '-x', '/c']);
});

test('helm v4 accepts `install --dry-run=client [options] -- NAME CHART` and refuses `-x` as a name, not a flag', { skip: spawnSync('helm4', ['version'], { encoding: 'utf8' }).status !== 0 }, () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-helm-'));
  try {
    const chart = path.join(base, 'c');
    fs.mkdirSync(path.join(chart, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
    fs.writeFileSync(path.join(chart, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n');
    const run = (name: string): { status: number | null; out: string } => {
      const inv = helmDryRun({ ...DEFAULTS, releaseName: name, helmPath: 'helm4', namespace: 'ns' }, chart);
      const r = spawnSync(inv.file, [...inv.args], { cwd: inv.cwd, encoding: 'utf8', timeout: 60_000 });
      return { status: r.status, out: r.stdout + r.stderr };
    };
    const ok = run('good');
    assert.equal(ok.status, 0, ok.out);
    assert.match(ok.out, /NAME: good\n[\s\S]*NAMESPACE: ns\n[\s\S]*name: good/);
    const bad = run('-x');
    assert.notEqual(bad.status, 0);
    assert.match(bad.out, /Error: INSTALLATION FAILED: release name check failed: release name "-x": invalid release name/);
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
});

test('trust message: trusted flag and file folders only', () => {
  const f = (scheme: string, s: string): { uri: { scheme: string; toString(): string } } => ({ uri: { scheme, toString: () => s } });
  assert.deepEqual(trustParams(false, [f('file', 'file:///w/a'), f('vscode-remote', 'vscode-remote://x/b')]), { trusted: false, folders: ['file:///w/a'] });
  assert.deepEqual(trustParams(true, undefined), { trusted: true, folders: [] });
  assert.deepEqual(initializationOptions(false, []), { workspaceTrust: { trusted: false, folders: [] } });
});
