// The CLI's on-disk store of template parses (cli/parsecache.ts over cli/diskcache.ts, the
// encoding in template/parse/codec.ts): a stored parse is exactly the fresh parse, a render from
// stored parses is exactly the render without them, and a pack that is corrupted, truncated,
// altered, of another build or of other texts is a miss (the file is parsed), never a wrong render.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { memoryFS, nodeFS } from '../../server/src/chart/fs';
import { type Chart, loadChart } from '../../server/src/chart/loader';
import { diskCache, prune, type TextCache } from '../../server/src/cli/diskcache';
import { cliCaches } from '../../server/src/cli/main';
import { diskTreeStore } from '../../server/src/cli/parsecache';
import { textHash } from '../../server/src/render/texthash';
import { diskDecodeStore } from '../../server/src/cli/valuecache';
import { diskHeadStore } from '../../server/src/cli/headcache';
import { forgetHeads, useHeadStore } from '../../server/src/render/fasthead';
import { forgetDecodes, useDecodeStore } from '../../server/src/yaml/yamlDecode';
import type { TreeStore } from '../../server/src/render/engine';
import { helmFuncMap } from '../../server/src/render/funcmap';
import { runTemplateCommand } from '../../server/src/render/template-command';
import { nodeCrypto } from '../../server/src/render/nativecrypto';
import type { HelmVersion, NativeCrypto, Runtime } from '../../server/src/template/func';
import type { Value } from '../../server/src/template/value';
import { BUILTINS } from '../../server/src/template/index';
import { decodeTrees, encodeTrees } from '../../server/src/template/parse/codec';
import { parse } from '../../server/src/template/parse/parse';
import { utf8Decode } from '../../server/src/template/value';

function memoryTextCache(): TextCache & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, get: (k) => map.get(k), set: (k, t) => void map.set(k, t) };
}

/** counting wraps a store and counts the files it gave back. */
function counting(store: TreeStore): TreeStore & { hits: number; puts: number } {
  const c = {
    hits: 0,
    puts: 0,
    open: (files: Parameters<TreeStore['open']>[0], hv: HelmVersion) => {
      const p = store.open(files, hv);
      return {
        get: (i: number) => {
          const t = p.get(i);
          if (t !== undefined) c.hits++;
          return t;
        },
        put: (i: number, trees: Parameters<ReturnType<TreeStore['open']>['put']>[1]) => {
          c.puts++;
          p.put(i, trees);
        },
        close: () => p.close(),
      };
    },
  };
  return c;
}

/** runtime: a fixed clock, a counter for randomness and a shared key memo, so renders compare. */
function runtime(memo: Map<string, Value>): Runtime {
  let n = 0;
  const crypto: NativeCrypto = {
    generatePrivateKey: nodeCrypto().generatePrivateKey,
    reuse: (key, compute) => {
      if (!memo.has(key)) memo.set(key, compute());
      return memo.get(key) as Value;
    },
  };
  return {
    now: () => new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
    randomBytes: (k) => Uint8Array.from({ length: k }, () => n++ & 0xff),
    localZone: 'UTC',
    crypto,
  };
}

const SMALL: Record<string, string> = {
  'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
  'c/values.yaml': 'a: 1\nlist: [x, z]\n',
  'c/templates/_h.tpl': '{{- define "h" }}h: {{ .Values.a | quote }}{{ end }}\n{{- define "empty" }}{{ end }}\n',
  'c/templates/a.yaml': '{{/* a comment */}}\nk: {{ include "h" . | quote }}\nl: |\n{{- range $i, $v := .Values.list }}\n  {{ $i }} {{ $v | upper }} {{ 0x1F }} {{ 1.5e3 }} {{ \'a\' }} {{ 1i }} {{ "q\\"t" }} {{ `raw` }}\n{{- else }}none{{ end }}\n  {{ with .Values.a }}{{ . }}{{ else with .Values.b }}b{{ end }}\n  {{ block "blk" . }}default{{ end }}\n  {{ (.Values).a | default 2 }}{{ if and true false }}t{{ end }}\n',
  'c/templates/b.yaml': 'x:\n  {{ template "h" . }}\ny: "\u00e9\udc80"\n',
};

function renderSmall(store: TreeStore | undefined, hv: HelmVersion = 4): string {
  const r = runTemplateCommand(['c', '--helm-version', String(hv)], { fs: memoryFS(SMALL), cwd: '', runtime: runtime(new Map()), treeStore: store });
  return `${r.exitCode}\n${r.stdout}${r.stderr}`;
}

test('tree store: cold then warm renders equal the render without it; Helm versions keep apart', () => {
  for (const hv of [4, 3] as const) {
    const want = renderSmall(undefined, hv);
    const cache = memoryTextCache();
    const store = counting(diskTreeStore(cache, 'build-1'));
    assert.equal(renderSmall(store, hv), want);
    assert.equal(store.hits, 0);
    assert.equal(cache.map.size, 1);
    assert.equal(renderSmall(store, hv), want);
    assert.equal(store.hits, 3, 'every file from the pack');
    const other = counting(diskTreeStore(cache, 'build-1'));
    assert.equal(renderSmall(other, hv === 4 ? 3 : 4), renderSmall(undefined, hv === 4 ? 3 : 4));
    assert.equal(other.hits, 0, 'a pack of the other Helm version is not read');
    const newer = counting(diskTreeStore(cache, 'build-2'));
    assert.equal(renderSmall(newer, hv), want);
    assert.equal(newer.hits, 0, 'a pack of another build is not read');
  }
});

test('tree store: an edited file is parsed again, the others come from the pack', () => {
  const cache = memoryTextCache();
  const store = counting(diskTreeStore(cache, 'b'));
  renderSmall(store);
  const saved = SMALL['c/templates/b.yaml'];
  try {
    SMALL['c/templates/b.yaml'] = 'x:\n  {{ template "h" . }}\nedited: true\n';
    const want = renderSmall(undefined);
    store.hits = 0;
    store.puts = 0;
    assert.equal(renderSmall(store), want);
    assert.deepEqual([store.hits, store.puts], [2, 1]);
    store.hits = 0;
    assert.equal(renderSmall(store), want);
    assert.equal(store.hits, 3);
  } finally {
    SMALL['c/templates/b.yaml'] = saved;
  }
});

test('tree store: corrupted, truncated, altered or foreign packs are misses, never a wrong render', () => {
  const want = renderSmall(undefined);
  const cache = memoryTextCache();
  renderSmall(diskTreeStore(cache, 'b'));
  const [key, pack] = [...cache.map][0];
  const entries = JSON.parse(pack) as unknown[];
  // Each entry is [text hash, flat array]: tree count, then per tree key, name, parseName,
  // 0 or 1 + define range, and its root list: LIST code, pos, end, count, span, children.
  const rootAt = (a: unknown[]): number => (a[4] === 0 ? 5 : 9);
  const altered = (f: (a: unknown[], e: unknown[]) => void): string => {
    const copy = JSON.parse(pack) as unknown[][];
    for (const e of copy) if (Array.isArray(e)) f(e[1] as unknown[], e);
    return JSON.stringify(copy);
  };
  const bad: ReadonlyArray<[string, string]> = [
    ['truncated', pack.slice(0, pack.length >> 1)],
    ['empty', ''],
    ['not JSON', 'garbage'],
    ['other shape', JSON.stringify({ a: 1 })],
    ['fewer entries', JSON.stringify(entries.slice(1))],
    ['hash of another text', altered((_, e) => (e[0] = textHash('other')))],
    ['position not a number', altered((a) => (a[rootAt(a) + 1] = 'x'))],
    ['not a list at the root', altered((a) => (a[rootAt(a)] = 4))],
    ['list span beyond the end', altered((a) => (a[rootAt(a) + 4] = 1e9))],
    ['list span too short', altered((a) => (a[rootAt(a) + 4] = 1))],
    ['tree name not a string', altered((a) => (a[2] = 1))],
    ['more trees than encoded', altered((a) => (a[0] = 9))],
    ['trailing data', altered((a) => a.push(0))],
    ['trees not a list', altered((_, e) => (e[1] = 5))],
  ];
  for (const [name, text] of bad) {
    const c = memoryTextCache();
    c.map.set(key, text);
    const store = counting(diskTreeStore(c, 'b'));
    assert.equal(renderSmall(store), want, name);
    assert.equal(renderSmall(store), want, `${name}, rewritten`);
  }
  // A list's nodes are decoded when first read: a forged entry that passes the cache's hash
  // check but is malformed inside a list is an error saying so, never a wrong output.
  const forged: ReadonlyArray<[string, string]> = [
    ['unknown node code', altered((a) => (a[rootAt(a) + 5] = 99))],
    ['slice beyond the text', altered((a) => (a[rootAt(a) + 8] = 1e9))],
  ];
  for (const [name, text] of forged) {
    const c = memoryTextCache();
    c.map.set(key, text);
    const out = renderSmall(diskTreeStore(c, 'b'));
    assert.match(out, /^1\n[^]*a stored template parse is malformed \(run with --no-cache\)/, name);
  }
});

test('tree store on disk: a truncated or altered file is a miss, and the miss rewrites it', () => {
  const base = mkdtempSync(join(tmpdir(), 'cw-parse-'));
  try {
    const root = join(base, 'chartwright');
    const want = renderSmall(undefined);
    assert.equal(renderSmall(diskTreeStore(diskCache(root, 'parse'), 'b')), want);
    const dir = join(root, 'parse');
    const [file] = readdirSync(dir);
    const path = join(dir, file as string);
    const data = readFileSync(path, 'utf8');
    for (const text of [data.slice(0, -10), data.replace('"c/templates', '"d/templates'), data.replace(/,(\d+),/, ',9$1,')]) {
      writeFileSync(path, text);
      const store = counting(diskTreeStore(diskCache(root, 'parse'), 'b'));
      assert.equal(renderSmall(store), want);
      assert.equal(store.hits, 0);
    }
    const warm = counting(diskTreeStore(diskCache(root, 'parse'), 'b'));
    assert.equal(renderSmall(warm), want);
    assert.equal(warm.hits, 3, 'the miss rewrote the pack');
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('prune: least recently used entries go first, down to 3/4 of the bound; stale temporary files go', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-prune-'));
  try {
    const now = Date.now();
    for (let i = 0; i < 8; i++) {
      const p = join(dir, `e${i}`);
      writeFileSync(p, 'x'.repeat(100));
      const t = new Date(now - (8 - i) * 1000);
      utimesSync(p, t, t);
    }
    writeFileSync(join(dir, 'old.tmp'), 'x');
    utimesSync(join(dir, 'old.tmp'), new Date(now - 120_000), new Date(now - 120_000));
    writeFileSync(join(dir, 'new.tmp'), 'x');
    prune(dir, 1000, now);
    assert.deepEqual(readdirSync(dir).sort(), ['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'new.tmp']);
    prune(dir, 500, now);
    assert.deepEqual(readdirSync(dir).sort(), ['e5', 'e6', 'e7', 'new.tmp']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('disk cache: writes stay within the bound of their kind', () => {
  const base = mkdtempSync(join(tmpdir(), 'cw-bound-'));
  try {
    const c = diskCache(join(base, 'chartwright'), 'parse', 10_000);
    for (let i = 0; i < 20; i++) c.set(`k${i}`, 'y'.repeat(1000));
    const dir = join(base, 'chartwright', 'parse');
    const total = readdirSync(dir).reduce((s, n) => s + statSync(join(dir, n)).size, 0);
    assert.ok(total <= 10_000, String(total));
    assert.equal(c.get('k19'), 'y'.repeat(1000));
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('cliCaches: --no-cache, CHARTWRIGHT_NO_CACHE and sources without a build', () => {
  const env = { XDG_CACHE_HOME: join(tmpdir(), 'cw-none') };
  // schema, parse, values, heads, render
  const rows: ReadonlyArray<[string, boolean, string | undefined, NodeJS.ProcessEnv, [boolean, boolean, boolean, boolean, boolean]]> = [
    ['default', false, 'b', env, [true, true, true, true, true]],
    ['--no-cache', true, 'b', env, [false, false, false, false, false]],
    ['CHARTWRIGHT_NO_CACHE=1', false, 'b', { ...env, CHARTWRIGHT_NO_CACHE: '1' }, [false, false, false, false, false]],
    ['no build (tsx)', false, undefined, env, [true, false, false, false, false]],
  ];
  for (const [name, noCache, build, e, want] of rows) {
    const c = cliCaches(noCache, build, e);
    const got = [c.schemaCache, c.treeStore, c.decodeStore, c.headStore, c.renderStore].map((x) => x !== undefined);
    assert.deepEqual(got, want, name);
  }
});

/** firstDiff names the first line where two outputs differ (undefined when equal). */
function firstDiff(got: string, want: string): string | undefined {
  if (got === want) return undefined;
  const a = got.split('\n');
  const b = want.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `line ${i + 1}: got ${JSON.stringify(a[i])} want ${JSON.stringify(b[i])}`;
}

// The corpus: every template of every chart (dependencies included) decodes to its fresh parse,
// for both Helm versions' function sets; every corpus row renders the same from stored parses.
const corpus = join(__dirname, '..', '..', '..', 'shared', 'corpus');
const haveCorpus = existsSync(join(corpus, 'charts'));

/** plain is a tree as plain data, lists' nodes read through their getter (decoded lists are lazy). */
function plain(v: unknown): unknown {
  if (v instanceof Map) return [...v].map(([k, x]) => [k, plain(x)]);
  if (Array.isArray(v)) return v.map(plain);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (o.kind === 'list') return { kind: 'list', pos: o.pos, end: o.end, nodes: plain(o.nodes) };
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, plain(x)]));
}

function templatesOf(c: Chart, out: Map<string, string>, prefix: string): void {
  for (const t of c.templates) out.set(`${prefix}/${t.name}`, utf8Decode(t.data));
  for (const d of c.dependencies) templatesOf(d, out, `${prefix}/charts/${d.metadata.name}`);
}

test('codec: every corpus template decodes to its fresh parse', { skip: haveCorpus ? false : '../shared/corpus not found' }, () => {
  let files = 0;
  for (const hv of [4, 3] as const) {
    const funcs = helmFuncMap(hv);
    const isFunc = (n: string): boolean => funcs.has(n) || BUILTINS.has(n);
    for (const name of readdirSync(join(corpus, 'charts')).sort()) {
      const r = loadChart(nodeFS(join(corpus, 'charts')), name, hv);
      if (!('chart' in r)) continue;
      const texts = new Map<string, string>();
      templatesOf(r.chart, texts, name);
      for (const [path, text] of texts) {
        const res = parse(path, text, { isFunc });
        if (res.errors.length > 0) continue;
        const decoded = decodeTrees(JSON.parse(JSON.stringify(encodeTrees(res.trees, text))), text);
        assert.deepStrictEqual(plain(decoded), plain(res.trees), path);
        files++;
      }
    }
  }
  assert.ok(files > 1000, String(files));
});

const rows = haveCorpus
  ? readFileSync(join(corpus, 'RESULTS.tsv'), 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '').map((l) => {
      const f = l.split('\t');
      return { id: f[0], chart: f[1], values: f[3] === '-' || f[3] === '' ? undefined : f[3] };
    })
  : [];

for (const hv of [4, 3] as const) {
  test(`CLI stores: corpus rows render the same cold and warm (helm ${hv})`, { skip: haveCorpus ? false : '../shared/corpus not found' }, () => {
    // Template parses, values documents and manifest heads, each stored in memory as on disk.
    const cache = memoryTextCache();
    const store = counting(diskTreeStore(cache, 'corpus'));
    const values = memoryTextCache();
    const heads = memoryTextCache();
    const withStores = (f: () => string): string => {
      // The process memoizes decodes and heads; forgetting them makes the stores answer.
      forgetDecodes();
      forgetHeads();
      useDecodeStore(diskDecodeStore(values, 'corpus'));
      useHeadStore(diskHeadStore(heads, 'corpus'));
      try {
        return f();
      } finally {
        useDecodeStore(undefined);
        useHeadStore(undefined);
      }
    };
    for (const row of rows) {
      const argv = [`charts/${row.chart}`, '--helm-version', String(hv), ...(row.values !== undefined ? ['-f', row.values] : [])];
      const memo = new Map<string, Value>();
      const run = (treeStore?: TreeStore): string => {
        const r = runTemplateCommand(argv, { fs: nodeFS(corpus), cwd: '', runtime: runtime(memo), treeStore });
        return `${r.exitCode}\n${r.stdout}\n${r.stderr}`;
      };
      run(); // fills the key memo (whose computations consume randomness)
      const want = run();
      assert.equal(firstDiff(withStores(() => run(store)), want), undefined, `${row.id} cold`);
      assert.equal(firstDiff(withStores(() => run(store)), want), undefined, `${row.id} warm`);
    }
    assert.ok(store.hits > 1000, `${store.hits} files from packs`);
    assert.ok(values.map.size > 20 && heads.map.size > 20, `${values.map.size} values documents, ${heads.map.size} heads stored`);
  });
}

test('textHash: distinct texts hash apart, whatever their characters', () => {
  // 'ab' as one byte per character and '\u6261' as UTF-16 code units are the same bytes; invalid
  // UTF-8 (lone surrogates) and U+FFFD are the same in UTF-8.
  const texts = ['', 'a', 'ab', '\u6261', '\u00e9', '\u00e9\u0100', '\udc80', '\ufffd', '\ud83d\ude00', 'a\u0000'];
  const hashes = texts.map(textHash);
  assert.equal(new Set(hashes).size, texts.length);
  assert.equal(textHash('ab'), textHash(`a${'b'}`));
});
