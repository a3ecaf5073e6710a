// The CLI daemon reuses deterministic files' outputs between commands (TemplateEnv.reuse, with
// the fingerprint of cli/readhash.ts): that must never change an outcome. On a small chart written
// into a temporary folder (a parent with a subchart, defines used through include, .Files.Get, a
// file that sets .Values read by later files, a -f values file, --set), the caches are warmed by
// one run, one change is made per row, and the warm run must give exactly what a fresh run of the
// same command gives (stdout, stderr, exit code). The oracle is the fresh run, itself checked
// against Helm by the conformance and corpus tests. Files that read the clock or the random
// source are never reused; a release name made at random is the run's own.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { nodeFS } from '../../server/src/chart/fs';
import { recordingFS } from '../../server/src/cli/readhash';
import { Reuse, daemonRunner } from '../../server/src/cli/main';
import { ParseCache } from '../../server/src/render/engine';
import { defaultRuntime, runTemplateCommand, type TemplateRun } from '../../server/src/render/template-command';
import type { Runtime } from '../../server/src/template/func';
import { BASE, CHANGES, CHART, MUTATIONS, NONDETERMINISTIC, edit, mutationChart, folderId, removeCharts, tempFolder, writeChart, type ChangeRow } from './reuse-fixtures';

after(removeCharts);

/** seeded is a clock and random source that give the same sequence on every run. */
function seeded(year = 2024): Runtime {
  let x = 12345;
  return {
    now: () => new Date(Date.UTC(year, 0, 2, 3, 4, 5)),
    randomBytes: (n) => {
      const b = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        x = (x * 1103515245 + 12345) >>> 0;
        b[i] = x >>> 24;
      }
      return b;
    },
    localZone: 'UTC',
  };
}

/** Daemon renders as the daemon does: one parse cache, and reuse per command line (main.ts). */
class Daemon {
  readonly parses = new ParseCache();
  readonly reuse = new Reuse();
  run(root: string, argv: readonly string[], runtime: Runtime = seeded()): TemplateRun {
    const cwd = root.replace(/^\/+/, '');
    const reads = recordingFS(nodeFS('/'));
    const line = JSON.stringify([root, argv]);
    const cache = this.reuse.cacheFor(line);
    return runTemplateCommand(argv, { fs: reads.fs, cwd, runtime, cache: this.parses, reuse: { cache, inputs: () => `${line}\n${reads.digest()}` } });
  }
  /** entries: the outputs kept for `argv` (engine path → entry object). */
  entries(root: string, argv: readonly string[]): Map<string, object> {
    return new Map(this.reuse.cacheFor(JSON.stringify([root, argv])).entries);
  }
}

/** fresh runs the command with no cache at all: a one-shot run. */
function fresh(root: string, argv: readonly string[], runtime: Runtime = seeded()): TemplateRun {
  return runTemplateCommand(argv, { fs: nodeFS('/'), cwd: root.replace(/^\/+/, ''), runtime });
}

for (const row of CHANGES) {
  test(`daemon reuse: after ${row.name}, the warm run gives what a fresh run gives`, () => {
    const root = writeChart();
    const d = new Daemon();
    const warmup = d.run(root, BASE);
    assert.equal(warmup.exitCode, 0, warmup.stderr);
    assert.deepEqual(warmup, fresh(root, BASE));
    const before = d.entries(root, BASE);
    // Files before the one that sets .Values are kept; it and every file after it are not.
    assert.deepEqual([...before.keys()].sort(), ['parent/charts/sub/templates/cm.yaml', 'parent/templates/z-configmap.yaml', 'parent/templates/z-deploy.yaml']);
    edit(root, row.files ?? {});
    const argv = row.argv ?? BASE;
    const want = fresh(root, argv);
    assert.deepEqual(d.run(root, argv), want, 'first run after the change');
    assert.deepEqual(d.run(root, argv), want, 'second run after the change');
    if (row.files === undefined && row.argv === undefined) {
      // Nothing changed: the kept outputs were reused (an executed file replaces its entry).
      const now = d.entries(root, BASE);
      assert.deepEqual([...before].filter(([p, e]) => now.get(p) === e).map(([p]) => p).sort(), [...before.keys()].sort());
    }
  });
}

test('daemon reuse: a file run after another set .Values is not kept (next time the set may not happen)', () => {
  // m-set sets .Values.computed only in 2024: a-reader, run after it, saw the set value then.
  const root = writeChart({
    'parent/templates/m-set.yaml': '{{- if eq (now | date "2006") "2024" }}{{- $_ := set .Values "computed" "stamped" -}}{{- end }}\n# set\n',
    'parent/templates/a-reader.yaml': 'computed: {{ .Values.computed | default "unset" | quote }}\n',
  });
  const d = new Daemon();
  assert.deepEqual(d.run(root, BASE, seeded(2024)), fresh(root, BASE, seeded(2024)));
  const later = d.run(root, BASE, seeded(2025));
  assert.match(later.stdout, /computed: "unset"/);
  assert.deepEqual(later, fresh(root, BASE, seeded(2025)));
});

for (const row of NONDETERMINISTIC) {
  test(`daemon reuse: a file calling ${row.expr} is never reused`, () => {
    const root = writeChart({
      'parent/templates/y-random.yaml': `value: {{ ${row.expr} | quote }}\n`,
      'parent/templates/_random.tpl': '{{- define "parent.random" -}}{{ randAlpha 16 }}{{- end -}}\n',
    });
    const d = new Daemon();
    const a = d.run(root, BASE, defaultRuntime());
    const b = d.run(root, BASE, defaultRuntime());
    assert.equal(a.exitCode, 0, a.stderr);
    assert.equal(b.exitCode, 0, b.stderr);
    assert.equal(d.entries(root, BASE).has('parent/templates/y-random.yaml'), false);
    const file = (r: TemplateRun): string => r.stdout.split('---\n').find((doc) => doc.includes('y-random.yaml')) ?? '';
    if (row.differs) assert.notEqual(file(a), file(b), 'a new text on every run, as without the daemon');
    // Everything else is what a one-shot run gives.
    const others = (r: TemplateRun): string => r.stdout.split('---\n').filter((doc) => !doc.includes('y-random.yaml')).join('---\n');
    assert.equal(others(b), others(fresh(root, BASE, defaultRuntime())));
  });
}

// `helm template` presets the release name "release-name", which wins over --generate-name
// (recorded from helm v4.1.4 and v3.17.3: `helm template --generate-name CHART` prints
// `name: release-name`); --name-template makes a new name on every run.
const NAME_ROWS: readonly { readonly argv: readonly string[]; readonly random: boolean }[] = [
  { argv: [...BASE, '--generate-name'], random: false },
  { argv: [...BASE, '--name-template', '{{ randAlpha 8 | lower }}'], random: true },
];

for (const row of NAME_ROWS) {
  test(`daemon reuse: ${row.argv.slice(BASE.length).join(' ')} twice, each run uses its own release name throughout`, () => {
    const root = writeChart();
    const d = new Daemon();
    const names: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = d.run(root, row.argv, defaultRuntime());
      assert.equal(r.exitCode, 0, r.stderr);
      const used = new Set([...r.stdout.matchAll(/name: ([a-z-]+)-(?:web|random|sub)\n/g)].map((m) => m[1]));
      assert.equal(used.size, 1, `one release name in ${r.stdout}`);
      names.push([...used][0]);
    }
    if (row.random) assert.notEqual(names[0], names[1]);
    else assert.deepEqual(names, ['release-name', 'release-name']);
  });
}

// Through the daemon's own runner (main.ts daemonRunner: the request's cwd and environment, the
// CLI's caches), compared with a runner that has never run a command (a one-shot run's state).
const TMP_CACHE = tempFolder('chartwright-reuse-cache-');
const RUNNER_ROWS: readonly (ChangeRow & { readonly env?: Readonly<Record<string, string>> })[] = [
  { name: 'nothing changed' },
  { name: 'a value in values.yaml', files: { 'parent/values.yaml': 'greeting: hi\nreplicas: 1\nsub:\n  color: blue\n' } },
  { name: "a define's text", files: { 'parent/templates/_helpers.tpl': CHART['parent/templates/_helpers.tpl'].replace('}}-{{', '}}_{{') } },
  { name: "the -f file's content", files: { 'ci/extra.yaml': 'extra: again\n' } },
  { name: '--namespace', argv: [...BASE, '--namespace', 'elsewhere'] },
  { name: 'a --set value', argv: ['parent', '-f', 'ci/extra.yaml', '--set', 'replicas=5'] },
  { name: "the subchart's values.yaml", files: { 'parent/charts/sub/values.yaml': 'color: green\nsize: small\n' } },
  { name: '--helm-version 3', argv: [...BASE, '--helm-version', '3'] },
  { name: 'the TZ variable (the zone of `date`)', files: { 'parent/templates/z-date.yaml': 'epoch: {{ date "2006-01-02 15:04 MST" 0 | quote }}\n' }, env: { TZ: 'Asia/Tokyo' } },
];

for (const row of RUNNER_ROWS) {
  test(`daemonRunner: after ${row.name}, the warm daemon answers as a new one`, () => {
    // No random file here: the daemon's runtime is the real one.
    const root = writeChart({ 'parent/templates/y-random.yaml': undefined, 'parent/templates/z-date.yaml': 'epoch: {{ date "2006-01-02 15:04 MST" 0 | quote }}\n' });
    const base = { XDG_CACHE_HOME: TMP_CACHE, TZ: 'UTC' };
    const run = daemonRunner();
    const warm = run({ argv: ['template', ...BASE], cwd: root, cwdId: folderId(root), env: base });
    assert.equal(warm?.exitCode, 0, warm?.stderr);
    assert.deepEqual(warm, daemonRunner()({ argv: ['template', ...BASE], cwd: root, cwdId: folderId(root), env: base }));
    assert.deepEqual(warm, fresh(root, BASE));
    edit(root, row.files ?? {});
    const req = { argv: ['template', ...(row.argv ?? BASE)], cwd: root, cwdId: folderId(root), env: { ...base, ...row.env } };
    const want = daemonRunner()(req);
    assert.equal(want?.exitCode, 0, want?.stderr);
    assert.deepEqual(run(req), want);
    assert.deepEqual(run(req), want);
  });
}

test('daemonRunner: a -f file that is a named pipe is read on every run, and what it gave is part of the fingerprint', { skip: process.platform === 'win32' ? 'no mkfifo' : undefined }, () => {
  const root = writeChart({ 'parent/templates/y-random.yaml': undefined });
  execFileSync('mkfifo', [join(root, 'values.fifo')]);
  const run = daemonRunner();
  const env = { XDG_CACHE_HOME: TMP_CACHE };
  const outputs: string[] = [];
  for (const extra of ['one', 'two']) {
    // The writer blocks until the run opens the pipe to read it.
    const writer = spawn('sh', ['-c', `printf 'extra: ${extra}\\n' > values.fifo`], { cwd: root, stdio: 'ignore' });
    const r = run({ argv: ['template', 'parent', '-f', 'values.fifo'], cwd: root, cwdId: folderId(root), env });
    writer.kill();
    assert.equal(r?.exitCode, 0, r?.stderr);
    outputs.push(r?.stdout ?? '');
  }
  assert.match(outputs[0], /extra: "one"/);
  assert.match(outputs[1], /extra: "two"/);
});

test('daemon reuse: merge into a new dict that holds a shared map changes .Values (the merging file is never reused)', () => {
  // mergo merges into the destination's nested maps in place: z-merge changes .Values.sub,
  // which y-random (not reusable: it reads the random source) reads afterwards.
  const root = writeChart({
    'parent/templates/z-merge.yaml': '{{- $d := dict "a" .Values.sub }}{{- $_ := merge $d (dict "a" (dict "extra" "merged")) }}# merged\n',
    'parent/templates/y-random.yaml': 'token: {{ randAlphaNum 4 | quote }}\nextra: {{ .Values.sub.extra | default "none" | quote }}\n',
  });
  const d = new Daemon();
  const want = fresh(root, BASE);
  assert.match(want.stdout, /extra: "merged"/);
  assert.deepEqual(d.run(root, BASE), want);
  assert.deepEqual(d.run(root, BASE), want);
});

for (const row of MUTATIONS) {
  test(`daemon reuse: a later file sees the change made by ${row.name}`, () => {
    const root = mutationChart(row.text);
    const d = new Daemon();
    const want = fresh(root, BASE);
    assert.equal(want.exitCode, 0, want.stderr);
    // The change is visible: without it, y-random says something else.
    edit(root, { 'parent/templates/z-mut.yaml': '# mutated\n' });
    assert.notEqual(fresh(root, BASE).stdout, want.stdout);
    edit(root, { 'parent/templates/z-mut.yaml': `${row.text}\n# mutated\n` });
    assert.deepEqual(d.run(root, BASE), want, 'warming run');
    assert.deepEqual(d.run(root, BASE), want, 'warm run');
  });
}

test('daemon reuse: values changed by a run are not seen by the next run (large values files too)', () => {
  // A values file past the decode memo's threshold (yamlDecode STORE_MIN_CHARS, 4096 chars).
  const pad = Array.from({ length: 300 }, (_, i) => `  key${i}: value-${i}\n`).join('');
  const root = writeChart({
    'parent/values.yaml': `${CHART['parent/values.yaml']}pad:\n${pad}`,
    'parent/templates/z-count.yaml': '{{- $_ := set .Values.sub "count" (add1 (.Values.sub.count | default 0)) }}count: {{ .Values.sub.count }}\n',
  });
  const d = new Daemon();
  const run = daemonRunner();
  const env = { XDG_CACHE_HOME: TMP_CACHE };
  for (let i = 0; i < 3; i++) {
    assert.match(d.run(root, BASE).stdout, /count: 1\n/);
    assert.match(run({ argv: ['template', ...BASE], cwd: root, cwdId: folderId(root), env })?.stdout ?? '', /count: 1\n/);
  }
});

test('daemonRunner: a file whose output the small stack shaped is not kept (the client renders it with the big stack every time)', () => {
  // 9000 levels: within Helm's 10000, beyond what the main thread's stack decodes (yamlDepth.ts);
  // the output does not name the overflow (then the daemon would see it in the text).
  const deep = `{{- $v := fromYaml (printf "a: %s1%s" (repeat 9000 "[") (repeat 9000 "]")) }}decoded: {{ not (hasKey $v "Error") }}\n`;
  const root = writeChart({ 'parent/templates/y-random.yaml': undefined, 'parent/templates/z-deep.yaml': deep });
  const run = daemonRunner();
  const req = { argv: ['template', ...BASE], cwd: root, cwdId: folderId(root), env: { XDG_CACHE_HOME: TMP_CACHE } };
  for (let i = 0; i < 3; i++) assert.equal(run(req), undefined, `run ${i + 1}: the client must run it`);
});
