// Hostile charts on disk and in archives (issue 15, items 5 and 7 and the loader findings):
// every load ends in a chart or Helm's error, in bounded time and memory. Expected texts were
// recorded from helm v4.1.4 and v3.17.3 (`helm template x PATH` / `helm lint PATH` on the same
// layouts generated under os.tmpdir(); permission errors recorded as the unprivileged user
// `nobody` via `setpriv --reuid=65534`). Chartwright-only bounds (no Helm text) say so.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { tar, tarHeader } from '../helpers/tar';
import { performance } from 'node:perf_hooks';
import { type ChartFS, memoryFS, nodeFS } from '../../server/src/chart/fs';
import { loadChart } from '../../server/src/chart/loader';
import { MAX_TOTAL_DECOMPRESSED, TOTAL_TOO_LARGE } from '../../server/src/chart/archive';
import { runTemplateCommand } from '../../server/src/render/template-command';
import { Workspace } from '../../server/src/analysis/snapshot';
import { diagnostics } from '../../server/src/analysis/diagnostics';
import { confinementOf, nodeHost } from '../../server/src/lsp/nodeHost';
import { fixedRuntime } from '../robustness/gen';

const BIN = join(__dirname, '..', '..', 'bin', 'chartwright.js');
const CHART = (name: string): string => `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`;
const BOUND_MS = 20_000;

function tmp(t: { after: (f: () => void) => void }): string {
  const d = mkdtempSync(join(tmpdir(), 'cw-hostile-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

/** cli runs bin/chartwright.js in `cwd`; stderr with "found symbolic link" log lines left out. */
function cli(cwd: string, args: string[]): { exit: number; stdout: string; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  assert.ok(performance.now() - t0 < 60_000, `${args.join(' ')} hung`);
  return { exit: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const tgz = (files: ReadonlyArray<[string, string | number | Uint8Array]>): Buffer => gzipSync(tar(files), { level: 9 });

// --- item 5: decompressed size limits ----------------------------------------------------------

const MiB = 1024 * 1024;
const archiveCases: ReadonlyArray<{ name: string; files: ReadonlyArray<[string, string | number]>; v4: string; v3: string }> = [
  {
    name: 'a file over 5 MiB',
    files: [['big/Chart.yaml', CHART('big')], ['big/files.bin', 5 * MiB + 1]],
    v4: 'unable to load chart archive',
    v3: 'decompressed chart file "big/files.bin" is larger than the maximum file size 5242880',
  },
  {
    name: 'a chart over 100 MiB',
    files: [['big/Chart.yaml', CHART('big')], ...Array.from({ length: 21 }, (_, i): [string, number] => [`big/f${i}.bin`, 5 * MiB])],
    v4: 'unable to load chart archive',
    v3: 'decompressed chart is larger than the maximum file size 104857600',
  },
  {
    name: 'no Chart.yaml',
    files: [['noc/templates/a.yaml', 'a\n']],
    v4: 'unable to detect chart version, no Chart.yaml found',
    v3: 'Chart.yaml file is missing',
  },
  {
    name: 'parent directory',
    files: [['c/../../x', CHART('c')]],
    v4: 'unable to load chart archive',
    v3: 'chart illegally references parent directory',
  },
];

for (const c of archiveCases) {
  test(`archive: ${c.name} (CLI, both versions)`, (t) => {
    const d = tmp(t);
    writeFileSync(join(d, 'c.tgz'), tgz(c.files));
    for (const v of [4, 3] as const) {
      const r = cli(d, ['template', 'x', 'c.tgz', '--helm-version', String(v)]);
      assert.equal(r.stderr, `Error: ${v === 4 ? c.v4 : c.v3}\n`, `v${v}`);
      assert.equal(r.exit, 1);
    }
  });
}

test('archive: a subchart archive over the limits keeps the inner text in both versions', (t) => {
  const d = tmp(t);
  mkdirSync(join(d, 'parent', 'charts'), { recursive: true });
  writeFileSync(join(d, 'parent', 'Chart.yaml'), CHART('parent'));
  writeFileSync(join(d, 'parent', 'charts', 'sub-0.1.0.tgz'), tgz([['sub/Chart.yaml', CHART('sub')], ...Array.from({ length: 21 }, (_, i): [string, number] => [`sub/f${i}.bin`, 5 * MiB])]));
  const want = {
    4: 'Error: error unpacking subchart sub-0.1.0.tgz in parent: decompressed chart is larger than the maximum size 104857600\n',
    3: 'Error: error unpacking subchart sub-0.1.0.tgz in parent: decompressed chart is larger than the maximum file size 104857600\n',
  };
  for (const v of [4, 3] as const) assert.equal(cli(d, ['template', 'x', 'parent', '--helm-version', String(v)]).stderr, want[v]);
});

test('archive: a file of exactly 5 MiB loads; not gzip / YAML / truncated / corrupt give Helm\'s texts', (t) => {
  const d = tmp(t);
  writeFileSync(join(d, 'ok.tgz'), tgz([['ok/Chart.yaml', CHART('ok')], ['ok/f.bin', 5 * MiB]]));
  assert.equal(cli(d, ['template', 'x', 'ok.tgz']).exit, 0);
  writeFileSync(join(d, 'bad.tgz'), 'not gzip');
  writeFileSync(join(d, 'vals.yaml'), 'a: 1\n');
  const good = tgz([['sub/Chart.yaml', CHART('sub')], ['sub/templates/a.yaml', 'a: 1\n']]);
  writeFileSync(join(d, 'trunc.tgz'), good.subarray(0, 100));
  const rows: [string, 4 | 3, string][] = [
    ['bad.tgz', 4, `file '${join(d, 'bad.tgz')}' does not appear to be a gzipped archive; got 'application/octet-stream'`],
    ['bad.tgz', 3, `file '${join(d, 'bad.tgz')}' does not appear to be a gzipped archive; got 'application/octet-stream'`],
    ['vals.yaml', 4, `file '${join(d, 'vals.yaml')}' seems to be a YAML file, but expected a gzipped archive`],
    ['trunc.tgz', 4, 'unable to load chart archive'],
    ['trunc.tgz', 3, 'unexpected EOF'],
  ];
  for (const [f, v, want] of rows) assert.equal(cli(d, ['template', 'x', f, '--helm-version', String(v)]).stderr, `Error: ${want}\n`, `${f} v${v}`);
});

test('archive: a small gzip cannot expand past the bounds (no out-of-memory)', () => {
  // 256 MiB of zeros after one header compresses to about 250 KB: refused by the stream bound.
  const bomb = gzipSync(Buffer.concat([tarHeader('z/zero.bin', 256 * MiB), Buffer.alloc(256 * MiB)]), { level: 1 });
  assert.ok(bomb.length < 2 * MiB);
  const t0 = performance.now();
  for (const v of [4, 3] as const) {
    const r = loadChart(memoryFS({ 'z.tgz': bomb }), 'z.tgz', v);
    assert.ok('error' in r);
    assert.equal(r.error, v === 4 ? 'unable to load chart archive' : 'decompressed chart is larger than the maximum file size 104857600');
  }
  assert.ok(performance.now() - t0 < BOUND_MS);
});

test('archive: nested archives share one budget per load (Chartwright bound, no Helm text)', () => {
  // Six subchart archives of 60 MiB each: each is within Helm's 100 MiB, together over 256 MiB.
  const sub = (i: number): Buffer => tgz([[`s${i}/Chart.yaml`, CHART(`s${i}`)], ...Array.from({ length: 12 }, (_, k): [string, number] => [`s${i}/f${k}.bin`, 5 * MiB])]);
  const files: Record<string, Uint8Array | string> = { 'p/Chart.yaml': CHART('p') };
  for (let i = 0; i < 6; i++) files[`p/charts/s${i}-0.1.0.tgz`] = sub(i);
  const r = loadChart(memoryFS(files), 'p', 4);
  assert.ok('error' in r);
  assert.match(r.error, new RegExp(TOTAL_TOO_LARGE.replace(/[()]/g, '.')));
  assert.ok(MAX_TOTAL_DECOMPRESSED >= 2 * 100 * MiB);
});

// --- item 7: deep nesting ----------------------------------------------------------------------

test('400 nested subcharts load and render in bounded time (memoryFS and disk)', (t) => {
  const files: Record<string, string> = {};
  let p = 'c';
  for (let i = 0; i <= 400; i++) {
    files[`${p}/Chart.yaml`] = CHART(`c${i}`);
    files[`${p}/values.yaml`] = `v${i}: ${i}\nglobal:\n  g${i}: 1\n`;
    files[`${p}/templates/t.yaml`] = `k: {{ .Values.v${i} }}\n`;
    p += '/charts/s';
  }
  const t0 = performance.now();
  const r = runTemplateCommand(['c'], { fs: memoryFS(files), cwd: '', runtime: fixedRuntime });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout.split('# Source:').length - 1, 401);
  assert.ok(performance.now() - t0 < BOUND_MS, `${Math.round(performance.now() - t0)} ms`);
  const d = tmp(t);
  for (const [k, v] of Object.entries(files)) {
    mkdirSync(join(d, k, '..'), { recursive: true });
    writeFileSync(join(d, k), v);
  }
  const r2 = runTemplateCommand(['c'], { fs: nodeFS(d), cwd: '', runtime: fixedRuntime });
  assert.equal(r2.stdout, r.stdout);
});

// --- other findings: unreadable files, names, symlinks ------------------------------------------

/** denying wraps a ChartFS so that reading `deny` fails as an unreadable entry does on disk. */
function denying(base: ChartFS, deny: string): ChartFS {
  const err = { error: `open ${base.displayPath(deny)}: permission denied` };
  return {
    ...base,
    readFileChecked: (p, max) => (p === deny ? err : base.readFileChecked?.(p, max) ?? base.readFile(p)),
    readDirChecked: (p) => (p === deny ? err : base.readDirChecked?.(p) ?? base.readDir(p)),
  };
}

test('unreadable template, templates/ and .helmignore fail with Helm\'s texts (injected failure)', (t) => {
  const d = tmp(t);
  mkdirSync(join(d, 'c', 'templates'), { recursive: true });
  writeFileSync(join(d, 'c', 'Chart.yaml'), CHART('c'));
  writeFileSync(join(d, 'c', 'templates', 'b.yaml'), 'b: 2\n');
  writeFileSync(join(d, 'c', '.helmignore'), 'x\n');
  const rows: [string, string][] = [
    ['c/templates/b.yaml', `error reading templates/b.yaml: open ${join(d, 'c', 'templates', 'b.yaml')}: permission denied`],
    ['c/templates', `open ${join(d, 'c', 'templates')}: permission denied`],
    ['c/.helmignore', `open ${join(d, 'c', '.helmignore')}: permission denied`],
  ];
  for (const [deny, want] of rows) {
    for (const v of [4, 3] as const) {
      const r = runTemplateCommand(['c', '--helm-version', String(v)], { fs: denying(nodeFS(d), deny), cwd: '', runtime: fixedRuntime });
      assert.equal(r.stderr, `Error: ${want}\n`, `${deny} v${v}`);
    }
  }
  // On disk, as a user chmod 000 applies to (root reads anyway: then the chart renders).
  chmodSync(join(d, 'c', 'templates', 'b.yaml'), 0);
  const r = runTemplateCommand(['c'], { fs: nodeFS(d), cwd: '', runtime: fixedRuntime });
  if (process.getuid?.() !== 0) assert.equal(r.stderr, `Error: ${rows[0][1]}\n`);
  else assert.equal(r.exitCode, 0, r.stderr);
});

test('symlinks: device, dangling, loop, directory cycle (CLI, both versions)', (t) => {
  const d = tmp(t);
  const mk = (name: string): string => {
    mkdirSync(join(d, name, 'templates'), { recursive: true });
    writeFileSync(join(d, name, 'Chart.yaml'), CHART(name));
    writeFileSync(join(d, name, 'templates', 'a.yaml'), 'a: 1\n');
    return join(d, name, 'templates');
  };
  symlinkSync('/dev/null', join(mk('devnull'), 'n.yaml'));
  symlinkSync('nothere', join(mk('dangling'), 'd.yaml'));
  const loop = mk('loop');
  symlinkSync('l2', join(loop, 'l1.yaml'));
  symlinkSync('l1.yaml', join(loop, 'l2'));
  symlinkSync('.', join(mk('self'), 'self'));
  const rows: [string, string][] = [
    ['devnull', `cannot load irregular file ${join(d, 'devnull/templates/n.yaml')} as it has file mode type bits set`],
    ['dangling', `error evaluating symlink ${join(d, 'dangling/templates/d.yaml')}: lstat ${join(d, 'dangling/templates/nothere')}: no such file or directory`],
    ['loop', `error evaluating symlink ${join(d, 'loop/templates/l1.yaml')}: EvalSymlinks: too many links`],
    // Helm descends the cycle until the path holds 41 links (Linux's ELOOP).
    ['self', `open ${join(d, 'self/templates', ...Array<string>(41).fill('self'))}: too many levels of symbolic links`],
  ];
  for (const [c, want] of rows) {
    for (const v of ['4', '3']) {
      const r = cli(d, ['template', 'x', c, '--helm-version', v]);
      // Helm's log lines for the links it followed come first (test/cli/fidelity.test.ts).
      assert.equal(r.stderr.slice(r.stderr.lastIndexOf('Error: ')), `Error: ${want}\n`, `${c} v${v}`);
    }
  }
});

test('file names that are not valid UTF-8 are kept (bytes in, bytes out)', (t) => {
  const d = tmp(t);
  const dir = Buffer.from(join(d, 'nonutf'));
  mkdirSync(join(d, 'nonutf', 'templates'), { recursive: true });
  writeFileSync(join(d, 'nonutf', 'Chart.yaml'), CHART('nonutf'));
  writeFileSync(Buffer.concat([dir, Buffer.from('/templates/x'), Buffer.from([0xff]), Buffer.from('.yaml')]), 'c: 3\n');
  const r = spawnSync(process.execPath, [BIN, 'template', 'x', 'nonutf'], { cwd: d });
  assert.equal(r.status, 0, String(r.stderr));
  // Recorded from helm v4.1.4 and v3.17.3: the raw 0xff byte in the Source line.
  assert.deepEqual(r.stdout, Buffer.concat([Buffer.from('---\n# Source: nonutf/templates/x'), Buffer.from([0xff]), Buffer.from('.yaml\nc: 3\n')]));
});

// --- lint of a packaged chart --------------------------------------------------------------------

test('lint of a .tgz: linted like the directory; broken archives: unable to extract tarball', (t) => {
  const d = tmp(t);
  writeFileSync(join(d, 'sub-ok.tgz'), tgz([['sub/Chart.yaml', CHART('sub')], ['sub/templates/a.yaml', 'a: 1\n']]));
  writeFileSync(join(d, 'noc.tgz'), tgz([['noc/templates/a.yaml', 'a\n']]));
  const ok = [
    '==> Linting sub-ok.tgz',
    '[INFO] Chart.yaml: icon is recommended',
    '[INFO] values.yaml: file does not exist',
    `[WARNING] templates/a.yaml: object name does not conform to Kubernetes naming requirements: "": metadata.name: Invalid value: "": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    '',
    '1 chart(s) linted, 0 chart(s) failed',
    '',
  ].join('\n');
  for (const v of ['4', '3']) {
    const r = cli(d, ['lint', 'sub-ok.tgz', '--helm-version', v]);
    assert.equal(r.stdout, ok, `v${v}`);
    assert.equal(r.exit, 0);
    const bad = cli(d, ['lint', 'noc.tgz', '--helm-version', v]);
    assert.equal(bad.stdout + bad.stderr, '==> Linting noc.tgz\nError unable to extract tarball: chart name not specified\n\nError: 1 chart(s) linted, 1 chart(s) failed\n');
  }
});

// --- language server: a subchart linked into charts/ ---------------------------------------------

test('language server: a symlinked subchart inside the workspace folder is loaded', (t) => {
  const d = tmp(t);
  mkdirSync(join(d, 'charts', 'app', 'templates'), { recursive: true });
  mkdirSync(join(d, 'charts', 'common', 'templates'), { recursive: true });
  mkdirSync(join(d, 'charts', 'app', 'charts'));
  writeFileSync(join(d, 'charts', 'app', 'Chart.yaml'), CHART('app') + 'dependencies:\n  - name: common\n    version: 0.1.0\n');
  writeFileSync(join(d, 'charts', 'common', 'Chart.yaml'), CHART('common'));
  writeFileSync(join(d, 'charts', 'common', 'templates', '_n.tpl'), '{{ define "common.n" }}shared{{ end }}\n');
  const tpl = join(d, 'charts', 'app', 'templates', 'a.yaml');
  writeFileSync(tpl, 'n: {{ include "common.n" . }}\n');
  symlinkSync('../../common', join(d, 'charts', 'app', 'charts', 'common'));
  assert.equal(confinementOf(join(d, 'charts', 'app'), [d]), d);
  const host = nodeHost();
  host.setWorkspaceRoots?.([d]);
  const ws = new Workspace(host);
  const diags = diagnostics(ws.snapshot(), tpl, { render: true, lint: true });
  assert.deepEqual(diags.filter((x) => x.severity === 'error').map((x) => x.message), []);
  // Without the workspace folder the link leaves the chart and is not followed.
  const bare = diagnostics(new Workspace(nodeHost()).snapshot(), tpl, { render: true, lint: true });
  assert.ok(bare.some((x) => x.severity === 'error'), 'the link is confined to the chart without a workspace');
  // The CLI follows it like Helm.
  assert.equal(cli(d, ['template', 'x', 'charts/app']).stdout, '---\n# Source: app/templates/a.yaml\nn: shared\n');
});
