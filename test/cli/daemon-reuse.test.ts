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
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { nodeFS } from '../../server/src/chart/fs';
import { recordingFS } from '../../server/src/cli/readhash';
import { Reuse, daemonRunner } from '../../server/src/cli/main';
import { ParseCache } from '../../server/src/render/engine';
import { defaultRuntime, runTemplateCommand, type TemplateRun } from '../../server/src/render/template-command';
import type { Runtime } from '../../server/src/template/func';
import { lstatSync } from 'node:fs';

/** folderId is the `dev:ino` a client sends with its working directory (bin/daemon-client.js). */
function folderId(dir: string): string {
  const st = lstatSync(dir);
  return `${st.dev}:${st.ino}`;
}

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

// The chart: files in the parent's templates run in Helm's order (deepest path first, then
// reverse alphabetical): the subchart's, z-*, y-random, m-set (sets .Values.computed), a-*.
const CHART: Readonly<Record<string, string>> = {
  'parent/Chart.yaml': 'apiVersion: v2\nname: parent\nversion: 0.1.0\nappVersion: "1.0"\ndependencies:\n  - name: sub\n    version: 0.2.0\n',
  'parent/values.yaml': 'greeting: hello\nreplicas: 1\nsub:\n  color: blue\n',
  'parent/files/note.txt': 'note one\n',
  'parent/templates/_helpers.tpl':
    '{{- define "parent.name" -}}{{ .Chart.Name }}-{{ .Values.greeting }}{{- end -}}\n' +
    '{{- define "parent.labels" -}}app: {{ include "parent.name" . }}\nversion: {{ .Chart.Version | quote }}{{- end -}}\n',
  'parent/templates/z-configmap.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "parent.name" . }}\n  namespace: {{ .Release.Namespace }}\n  labels:\n    {{- include "parent.labels" . | nindent 4 }}\n' +
    'data:\n  note: {{ .Files.Get "files/note.txt" | quote }}\n  app: {{ .Chart.AppVersion | quote }}\n  kube: {{ .Capabilities.KubeVersion.Version | quote }}\n  extra: {{ .Values.extra | default "none" | quote }}\n',
  'parent/templates/z-deploy.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  replicas: {{ .Values.replicas }}\n',
  'parent/templates/y-random.yaml':
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}-random\nstringData:\n  token: {{ randAlphaNum 12 | quote }}\n  at: {{ now | date "2006-01-02T15:04:05.000000000" | quote }}\n',
  'parent/templates/m-set.yaml': '{{- $_ := set .Values "computed" (printf "%s-%v" .Values.greeting .Values.replicas) -}}\n# computed here\n',
  'parent/templates/a-reader.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: reader\ndata:\n  computed: {{ .Values.computed | quote }}\n',
  'parent/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.2.0\n',
  'parent/charts/sub/values.yaml': 'color: red\nsize: small\n',
  'parent/charts/sub/templates/cm.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-sub\ndata:\n  color: {{ .Values.color }}\n  size: {{ .Values.size }}\n',
  'ci/extra.yaml': 'extra: from-file\n',
};

/** writeChart writes CHART (with `edits`: undefined removes a file) into a new temporary folder. */
function writeChart(edits: Readonly<Record<string, string | undefined>> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'chartwright-reuse-'));
  roots.push(root);
  for (const [p, text] of Object.entries(CHART)) put(root, p, text);
  edit(root, edits);
  return root;
}

function put(root: string, p: string, text: string): void {
  mkdirSync(dirname(join(root, p)), { recursive: true });
  writeFileSync(join(root, p), text);
}

function edit(root: string, edits: Readonly<Record<string, string | undefined>>): void {
  for (const [p, text] of Object.entries(edits)) {
    if (text === undefined) unlinkSync(join(root, p));
    else put(root, p, text);
  }
}

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

const BASE = ['parent', '-f', 'ci/extra.yaml', '--set', 'replicas=2'];

interface ChangeRow {
  readonly name: string;
  /** files written (undefined: removed) after the warm-up run */
  readonly files?: Readonly<Record<string, string | undefined>>;
  /** argv of the second run (default BASE) */
  readonly argv?: readonly string[];
}

const CHANGES: readonly ChangeRow[] = [
  { name: 'nothing changed' },
  { name: 'a value in values.yaml', files: { 'parent/values.yaml': 'greeting: bonjour\nreplicas: 1\nsub:\n  color: blue\n' } },
  { name: "a template's text", files: { 'parent/templates/z-deploy.yaml': CHART['parent/templates/z-deploy.yaml'].replace('-web', '-www') } },
  { name: "a define's text in _helpers.tpl", files: { 'parent/templates/_helpers.tpl': CHART['parent/templates/_helpers.tpl'].replace('}}-{{', '}}--{{') } },
  { name: 'a file read by .Files.Get', files: { 'parent/files/note.txt': 'note two\n' } },
  { name: "the -f file's content", files: { 'ci/extra.yaml': 'extra: changed\n' } },
  { name: 'a --set value', argv: ['parent', '-f', 'ci/extra.yaml', '--set', 'replicas=3'] },
  { name: 'Chart.yaml version', files: { 'parent/Chart.yaml': CHART['parent/Chart.yaml'].replace('0.1.0', '0.1.1') } },
  { name: 'Chart.yaml appVersion', files: { 'parent/Chart.yaml': CHART['parent/Chart.yaml'].replace('"1.0"', '"1.1"') } },
  { name: "the subchart's values.yaml", files: { 'parent/charts/sub/values.yaml': 'color: red\nsize: large\n' } },
  { name: 'a new template file', files: { 'parent/templates/z-new.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: new\n' } },
  { name: 'a removed template file', files: { 'parent/templates/z-deploy.yaml': undefined } },
  { name: 'a template that now fails', files: { 'parent/templates/z-deploy.yaml': '{{ fail "no deploy" }}\n' } },
  { name: '--namespace', argv: [...BASE, '--namespace', 'other'] },
  { name: '--kube-version', argv: [...BASE, '--kube-version', '1.29.0'] },
  { name: '--helm-version 3', argv: [...BASE, '--helm-version', '3'] },
];

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

// Functions whose result is not a function of the inputs: the file calling them is never kept,
// so every run gives a new text where a one-shot run would (`differs`), or asks again.
const NONDETERMINISTIC: readonly { readonly expr: string; readonly differs: boolean }[] = [
  { expr: 'randAlphaNum 12', differs: true },
  { expr: 'randInt 0 1000000000', differs: true },
  { expr: 'uuidv4', differs: true },
  { expr: 'shuffle "abcdefghijklmnopqrstuvwxyz"', differs: true },
  { expr: 'now | date "2006-01-02T15:04:05.000000000"', differs: true },
  { expr: 'now | unixEpoch', differs: false },
  { expr: 'htpasswd "user" "pass"', differs: true },
  { expr: 'encryptAES "key" "text"', differs: true },
  { expr: 'genPrivateKey "ecdsa" | sha256sum', differs: true },
  { expr: 'lookup "v1" "ConfigMap" "default" "x" | toJson', differs: false },
  { expr: 'getHostByName "localhost"', differs: false },
  { expr: 'include "parent.random" .', differs: true },
];

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
const TMP_CACHE = mkdtempSync(join(tmpdir(), 'chartwright-reuse-cache-'));
roots.push(TMP_CACHE);
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

// Ways a file changes state that later files read. z-mut.yaml runs first among the parent's
// files; y-random reads the state and is run again every time (it reads the random source): if a
// change went unnoticed, z-mut would be reused (not run) and y-random would miss the change.
const MUTATIONS: readonly { readonly name: string; readonly text: string }[] = [
  { name: 'set .Values', text: '{{- $_ := set .Values "probe" "x" }}' },
  { name: 'set on a variable holding .Values', text: '{{- $v := .Values }}{{- $_ := set $v "probe" "x" }}' },
  { name: 'unset .Values', text: '{{- $_ := unset .Values "greeting" }}' },
  { name: 'set on a nested map of .Values', text: '{{- $_ := set .Values.sub "probe" "x" }}' },
  { name: 'set on a map in a list of .Values', text: '{{- $_ := set (first .Values.items) "probe" "x" }}' },
  { name: 'set on the root context', text: '{{- $_ := set $ "probe" "x" }}' },
  { name: 'set on .Release', text: '{{- $_ := set .Release "probe" "x" }}' },
  { name: 'mergeOverwrite into .Values', text: '{{- $_ := mergeOverwrite .Values (dict "probe" "x") }}' },
  { name: 'merge into a dict holding .Values.sub', text: '{{- $_ := merge (dict "a" .Values.sub) (dict "a" (dict "probe" "x")) }}' },
  { name: 'mustMerge into a dict holding .Values.sub', text: '{{- $_ := mustMerge (dict "a" .Values.sub) (dict "a" (dict "probe" "x")) }}' },
  { name: 'mergeOverwrite into a dict holding .Values.sub', text: '{{- $_ := mergeOverwrite (dict "a" .Values.sub) (dict "a" (dict "color" "x")) }}' },
  { name: 'mustMergeOverwrite two levels down', text: '{{- $_ := mustMergeOverwrite (dict "a" (dict "b" .Values.sub)) (dict "a" (dict "b" (dict "probe" "x"))) }}' },
  { name: 'set inside tpl', text: '{{- tpl "{{ $_ := set .Values \\"probe\\" \\"x\\" }}" . }}' },
  { name: 'set inside an included define', text: '{{- define "parent.mutate" }}{{ $_ := set .Values "probe" "x" }}{{ end }}{{- include "parent.mutate" . }}' },
  { name: 'set through a map added to .Values earlier in the file', text: '{{- $m := dict }}{{- $_ := set .Values "probe" $m }}{{- $_ := set $m "deep" "x" }}' },
];

for (const row of MUTATIONS) {
  test(`daemon reuse: a later file sees the change made by ${row.name}`, () => {
    const root = writeChart({
      'parent/values.yaml': `${CHART['parent/values.yaml']}items:\n  - a: 1\n`,
      'parent/templates/z-mut.yaml': `${row.text}\n# mutated\n`,
      'parent/templates/y-random.yaml':
        'token: {{ randAlphaNum 4 | quote }}\nvalues: {{ .Values | toJson | quote }}\nrelease: {{ .Release.probe | default "none" | quote }}\nroot: {{ .probe | default "none" | quote }}\n',
    });
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
