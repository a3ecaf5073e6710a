// One-shot runs (no daemon) reuse deterministic files' outputs kept in the disk cache's `render`
// kind (cli/rendercache.ts, one set per build, Helm version and command line): that must never
// change an outcome. Through the CLI's own command runner (main.ts runCommand: the real file
// system, runtime and disk caches, a throw-away cache folder per test), on the small chart of
// reuse-fixtures.ts: a run warms the cache, one change is made per row, and two more one-shot runs
// must each give exactly what a run without any cache gives (stdout, stderr, exit code). Files
// that read the clock or the random source are never stored; a corrupted set is a miss;
// --no-cache and CHARTWRIGHT_NO_CACHE store nothing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../server/src/cli/main';
import { diskCache } from '../../server/src/cli/diskcache';
import { diskRenderStore } from '../../server/src/cli/rendercache';
import type { Outcome } from '../../server/src/cli/stack-fallback';
import type { HelmVersion } from '../../server/src/template/func';
import { BASE, CHANGES, MUTATIONS, NONDETERMINISTIC, edit, mutationChart, removeCharts, tempFolder, writeChart, type ChangeRow } from './reuse-fixtures';

after(removeCharts);

const BUILD = 'disk-reuse-test';

/** oneShot runs `chartwright template ARGV` in `root` with the disk caches of folder `cache`. */
function oneShot(cache: string, root: string, argv: readonly string[], env: Readonly<Record<string, string>> = {}): Outcome {
  return runCommand('template', argv, { cwd: root, env: { XDG_CACHE_HOME: cache, TZ: 'UTC', ...env }, build: BUILD });
}

/** fresh runs it without any cache. */
function fresh(root: string, argv: readonly string[], env: Readonly<Record<string, string>> = {}): Outcome {
  return runCommand('template', argv, { cwd: root, env: { CHARTWRIGHT_NO_CACHE: '1', TZ: 'UTC', ...env } });
}

/** stored: the outputs kept on disk for the command line (path → output text). */
function stored(cache: string, root: string, argv: readonly string[], hv: HelmVersion = 4): Map<string, string> {
  const session = diskRenderStore(diskCache(join(cache, 'chartwright'), 'render'), BUILD).open(JSON.stringify([root, argv]));
  return new Map([...session.cache(hv).entries].map(([p, e]) => [p, e.out.text]));
}

/** plant replaces the stored output of `path` (a valid entry: the cache vouches for it). */
function plant(cache: string, root: string, argv: readonly string[], path: string, text: string): void {
  const session = diskRenderStore(diskCache(join(cache, 'chartwright'), 'render'), BUILD).open(JSON.stringify([root, argv]));
  const c = session.cache(4);
  const e = c.entries.get(path);
  assert.ok(e !== undefined, `an entry for ${path}`);
  c.entries.set(path, { ...e, out: { text } });
  session.close();
}

/** renderFiles: the files of the disk cache's `render` folder. */
function renderFiles(cache: string): string[] {
  const dir = join(cache, 'chartwright', 'render');
  return existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [];
}

// The chart without its random file: one-shot runs use the real clock and random source.
const NO_RANDOM = { 'parent/templates/y-random.yaml': undefined };

const ROWS: readonly (ChangeRow & { readonly env?: Readonly<Record<string, string>> })[] = [
  ...CHANGES,
  { name: 'the TZ variable (the zone of `date`)', env: { TZ: 'Asia/Tokyo' } },
];

for (const row of ROWS) {
  test(`disk reuse: after ${row.name}, one-shot runs give what a run without cache gives`, () => {
    const root = writeChart({ ...NO_RANDOM, 'parent/templates/z-date.yaml': 'epoch: {{ date "2006-01-02 15:04 MST" 0 | quote }}\n' });
    const cache = tempFolder('chartwright-disk-reuse-cache-');
    const warmup = oneShot(cache, root, BASE);
    assert.equal(warmup.exitCode, 0, warmup.stderr);
    assert.deepEqual(warmup, fresh(root, BASE));
    // Files before the one that sets .Values are kept; it and every file after it are not.
    const kept = stored(cache, root, BASE);
    assert.deepEqual([...kept.keys()].sort(), [
      'parent/charts/sub/templates/cm.yaml',
      'parent/templates/z-configmap.yaml',
      'parent/templates/z-date.yaml',
      'parent/templates/z-deploy.yaml',
    ]);
    edit(root, row.files ?? {});
    const argv = row.argv ?? BASE;
    const want = fresh(root, argv, row.env);
    assert.deepEqual(oneShot(cache, root, argv, row.env), want, 'first run after the change');
    assert.deepEqual(oneShot(cache, root, argv, row.env), want, 'second run after the change');
    if (row.files === undefined && row.argv === undefined && row.env === undefined) {
      // Nothing changed: the next run takes the stored outputs (a planted one shows).
      plant(cache, root, BASE, 'parent/templates/z-deploy.yaml', `${kept.get('parent/templates/z-deploy.yaml')}# planted\n`);
      assert.match(oneShot(cache, root, BASE).stdout, /# planted\n/);
    }
  });
}

test('disk reuse: a corrupted set is a miss', () => {
  const root = writeChart(NO_RANDOM);
  const cache = tempFolder('chartwright-disk-reuse-cache-');
  const want = fresh(root, BASE);
  assert.deepEqual(oneShot(cache, root, BASE), want);
  const [file] = renderFiles(cache);
  assert.ok(file !== undefined, 'a stored set');
  const text = readFileSync(file, 'latin1');
  // A changed byte (the file's hash no longer matches), then well-hashed texts that are not sets.
  writeFileSync(file, text.replace('parent/templates/z-deploy.yaml', 'parent/templates/z-deplox.yaml'), 'latin1');
  assert.deepEqual(oneShot(cache, root, BASE), want);
  const key = JSON.stringify([root, BASE]);
  const sets = [
    '',
    '[',
    '{}',
    '[[],[],[["parent/templates/z-deploy.yaml","x",0,[],"planted"]]]',
    '[["fp"],[["n",1]],[]]',
    '[["fp"],[],[["p","x",0,[7],"o"]]]',
    // well formed, but for other inputs (fingerprint, text hash)
    '[["fp"],[],[["parent/templates/z-deploy.yaml","x",0,[],"planted"]]]',
  ];
  for (const bad of sets) {
    // The set's own key, written with a valid hash: refused, or not for this run.
    writeSet(cache, key, bad);
    assert.deepEqual(oneShot(cache, root, BASE), want, `set ${JSON.stringify(bad)}`);
  }
});

/** writeSet stores `text` as the set of command line `key` (format of rendercache.ts). */
function writeSet(cache: string, line: string, text: string): void {
  diskCache(join(cache, 'chartwright'), 'render').set(JSON.stringify(['chartwright render set 1', BUILD, 4, line]), text);
}

for (const [name, argv, env] of [
  ['--no-cache', [...BASE, '--no-cache'], {}],
  ['CHARTWRIGHT_NO_CACHE=1', BASE, { CHARTWRIGHT_NO_CACHE: '1' }],
] as const) {
  test(`disk reuse: ${name} stores no outputs`, () => {
    const root = writeChart(NO_RANDOM);
    const cache = tempFolder('chartwright-disk-reuse-cache-');
    const want = fresh(root, BASE);
    assert.deepEqual(oneShot(cache, root, argv, env), want);
    assert.deepEqual(oneShot(cache, root, argv, env), want);
    assert.deepEqual(renderFiles(cache), []);
  });
}

test('disk reuse: an output holding invalid UTF-8 bytes is stored and given back exactly', () => {
  const root = writeChart({ ...NO_RANDOM, 'parent/templates/z-raw.yaml': 'raw: {{ "a\\xffb\\xc3" }}\n' });
  const cache = tempFolder('chartwright-disk-reuse-cache-');
  // Not YAML (the command fails), but --debug prints the manifest's bytes as rendered (as Helm does:
  // helm v4.1.4 prints `raw: a\xffb\xc3` there).
  const argv = [...BASE, '--debug'];
  const want = fresh(root, argv);
  assert.match(want.stdout, /raw: a\udcffb\udcc3\n/);
  assert.deepEqual(oneShot(cache, root, argv), want);
  assert.ok(stored(cache, root, argv).has('parent/templates/z-raw.yaml'));
  assert.deepEqual(oneShot(cache, root, argv), want);
});

test('disk reuse: a run the big stack would repeat (its output names a stack overflow) stores nothing', () => {
  const root = writeChart({ ...NO_RANDOM, 'parent/templates/z-text.yaml': 'note: "Maximum call stack size exceeded"\n' });
  const cache = tempFolder('chartwright-disk-reuse-cache-');
  const r = oneShot(cache, root, BASE);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.deepEqual(renderFiles(cache), []);
});

for (const row of NONDETERMINISTIC) {
  test(`disk reuse: a file calling ${row.expr} is never stored`, () => {
    const root = writeChart({
      'parent/templates/y-random.yaml': `value: {{ ${row.expr} | quote }}\n`,
      'parent/templates/_random.tpl': '{{- define "parent.random" -}}{{ randAlpha 16 }}{{- end -}}\n',
    });
    const cache = tempFolder('chartwright-disk-reuse-cache-');
    const a = oneShot(cache, root, BASE);
    const b = oneShot(cache, root, BASE);
    assert.equal(a.exitCode, 0, a.stderr);
    assert.equal(b.exitCode, 0, b.stderr);
    const kept = stored(cache, root, BASE);
    assert.ok(kept.has('parent/templates/z-deploy.yaml'), 'deterministic files are stored');
    assert.equal(kept.has('parent/templates/y-random.yaml'), false);
    const file = (r: Outcome): string => r.stdout.split('---\n').find((doc) => doc.includes('y-random.yaml')) ?? '';
    if (row.differs) assert.notEqual(file(a), file(b), 'a new text on every run, as without the cache');
    const others = (r: Outcome): string => r.stdout.split('---\n').filter((doc) => !doc.includes('y-random.yaml')).join('---\n');
    assert.equal(others(b), others(fresh(root, BASE)));
  });
}

// A later file that reads the random source (run every time) must see what a stored file changed.
for (const row of MUTATIONS) {
  test(`disk reuse: a later file sees the change made by ${row.name}`, () => {
    const root = mutationChart(row.text);
    const cache = tempFolder('chartwright-disk-reuse-cache-');
    const masked = (r: Outcome): Outcome => ({ ...r, stdout: r.stdout.replace(/token: "[^"]*"/g, 'token: ""') });
    const want = masked(fresh(root, BASE));
    assert.equal(want.exitCode, 0, want.stderr);
    assert.deepEqual(masked(oneShot(cache, root, BASE)), want, 'warming run');
    assert.deepEqual(masked(oneShot(cache, root, BASE)), want, 'warm run');
  });
}
