// The on-disk cache of generated values-schema validator code (cli/diskcache.ts, chart/schema.ts
// SchemaCodeCache): a validator loaded from the cache gives the same text as one compiled by ajv
// (whose texts schema.test.ts and the conformance vectors check against Helm), and a cache that
// is off, corrupted, unwritable or not the user's own changes nothing.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { nodeFS } from '../../server/src/chart/fs';
import { loadChart } from '../../server/src/chart/loader';
import { forgetCompiledSchemas, validateSingle, type SchemaCodeCache } from '../../server/src/chart/schema';
import { cacheRoot, diskCache } from '../../server/src/cli/diskcache';
import { cacheFlag } from '../../server/src/cli/main';
import { utf8Encode, type GoMap, type Value } from '../../server/src/template/value';

function memoryCache(): SchemaCodeCache & { size(): number } {
  const m = new Map<string, string>();
  return { get: (k) => m.get(k), set: (k, t) => void m.set(k, t), size: () => m.size };
}

/** scramble swaps scalar types (strings → numbers, numbers/booleans → strings) to make errors. */
function scramble(v: Value): Value {
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, scramble(x)]));
  if (Array.isArray(v)) return v.map(scramble);
  if (typeof v === 'string') return 7;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v;
}

/** same: no cache, cache miss (stores the code), cache hit (loads it) give the same text. */
function assertSame(values: GoMap, schema: Uint8Array, v: 3 | 4): string | undefined {
  forgetCompiledSchemas();
  const plain = validateSingle(values, schema, v);
  const cache = memoryCache();
  forgetCompiledSchemas();
  assert.equal(validateSingle(values, schema, v, cache), plain);
  forgetCompiledSchemas();
  assert.equal(validateSingle(values, schema, v, cache), plain);
  return plain;
}

const SCHEMAS: ReadonlyArray<{ name: string; schema: unknown; values: GoMap }> = [
  {
    name: 'pattern (Go regexp), format, uniqueItems, minLength, enum',
    schema: {
      type: 'object',
      properties: {
        tag: { type: 'string', pattern: '^v\\d+\\.\\d+$' },
        mail: { type: 'string', format: 'email' },
        when: { type: 'string', format: 'date-time' },
        list: { type: 'array', uniqueItems: true },
        name: { type: 'string', minLength: 5 },
        mode: { enum: ['a', 'b'] },
      },
      required: ['missing'],
    },
    values: new Map<string, Value>([
      ['tag', 'x1'],
      ['mail', 'nope'],
      ['when', 'yesterday'],
      ['list', [1, 1]],
      ['name', 'ab'],
      ['mode', 'c'],
    ]),
  },
  {
    name: 'draft 2019-09 with $ref and $defs',
    schema: {
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      $defs: { port: { type: 'integer', minimum: 1, maximum: 65535 } },
      type: 'object',
      properties: { port: { $ref: '#/$defs/port' }, extra: false },
    },
    values: new Map<string, Value>([
      ['port', 70000],
      ['extra', 1],
    ]),
  },
  {
    name: 'draft-07 with definitions, additionalProperties, oneOf',
    schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      definitions: { s: { type: 'string' } },
      type: 'object',
      additionalProperties: false,
      properties: { a: { $ref: '#/definitions/s' }, b: { oneOf: [{ type: 'string' }, { type: 'integer' }] } },
    },
    values: new Map<string, Value>([
      ['a', 1],
      ['b', true],
      ['c', 'x'],
    ]),
  },
  {
    name: 'valid values',
    schema: { type: 'object', properties: { a: { type: 'integer' } } },
    values: new Map<string, Value>([['a', 1]]),
  },
];

for (const c of SCHEMAS) {
  for (const v of [4, 3] as const) {
    test(`schema code cache: ${c.name} (v${v})`, () => {
      const text = assertSame(c.values, utf8Encode(JSON.stringify(c.schema)), v);
      assert.equal(text === undefined, c.name === 'valid values');
    });
  }
}

test('schema code cache: an invalid pattern is an error, never cached', () => {
  const schema = utf8Encode(JSON.stringify({ properties: { a: { pattern: '(' } } }));
  const cache = memoryCache();
  forgetCompiledSchemas();
  const plain = validateSingle(new Map(), schema, 4);
  forgetCompiledSchemas();
  assert.equal(validateSingle(new Map(), schema, 4, cache), plain);
  assert.equal(cache.size(), 0);
});

test('schema code cache: code that does not load is recompiled', () => {
  const schema = utf8Encode(JSON.stringify({ properties: { a: { type: 'string' } } }));
  const values = new Map<string, Value>([['a', 1]]);
  forgetCompiledSchemas();
  const plain = validateSingle(values, schema, 4);
  for (const bad of ['syntax error (', 'module.exports = 42;', 'require("fs");']) {
    forgetCompiledSchemas();
    const cache: SchemaCodeCache = { get: () => bad, set: () => {} };
    assert.equal(validateSingle(values, schema, 4, cache), plain);
  }
});

// Every values.schema.json of the corpus, with the chart's own values and scrambled ones.
const corpus = resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'charts');
const corpusCharts = existsSync(corpus) ? readdirSync(corpus).filter((n) => existsSync(join(corpus, n, 'values.schema.json'))) : [];
test('schema code cache: corpus schemas', { skip: corpusCharts.length === 0 ? '../shared/corpus not found' : false }, () => {
  let failing = 0;
  for (const name of corpusCharts) {
    const r = loadChart(nodeFS(corpus), name, 4);
    assert.ok('chart' in r, name);
    const schema = r.chart.schema as Uint8Array;
    assertSame(r.chart.values, schema, 4);
    if (assertSame(scramble(r.chart.values) as GoMap, schema, 4) !== undefined) failing++;
  }
  // Most schemas reject scrambled values (some accept anything), so the error paths ran.
  assert.ok(failing >= corpusCharts.length / 2, `${failing} of ${corpusCharts.length}`);
});

test('disk cache: round trip, 0700 folders, corrupted and foreign files are misses', () => {
  const base = mkdtempSync(join(tmpdir(), 'cw-cache-'));
  try {
    const root = join(base, 'chartwright');
    const c = diskCache(root, 'schema');
    assert.equal(c.get('k'), undefined);
    c.set('k', 'text\nwith lines');
    assert.equal(c.get('k'), 'text\nwith lines');
    assert.equal(diskCache(root, 'schema').get('k'), 'text\nwith lines');
    if (process.platform !== 'win32') {
      assert.equal(statSync(root).mode & 0o777, 0o700);
      assert.equal(statSync(join(root, 'schema')).mode & 0o777, 0o700);
    }
    const [file] = readdirSync(join(root, 'schema'));
    const path = join(root, 'schema', file as string);
    const data = readFileSync(path, 'utf8');
    for (const bad of [data.slice(0, -3), data.replace('with', 'WITH'), 'garbage', '']) {
      writeFileSync(path, bad);
      assert.equal(diskCache(root, 'schema').get('k'), undefined);
    }
    if (process.platform !== 'win32') {
      writeFileSync(path, data);
      chmodSync(join(root, 'schema'), 0o777);
      assert.equal(diskCache(root, 'schema').get('k'), undefined, 'a folder others can write is not used');
      chmodSync(join(root, 'schema'), 0o700);
      assert.equal(diskCache(root, 'schema').get('k'), 'text\nwith lines');
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('disk cache: an unusable root is ignored', () => {
  const base = mkdtempSync(join(tmpdir(), 'cw-cache-'));
  try {
    const notDir = join(base, 'file');
    writeFileSync(notDir, 'x');
    const c = diskCache(join(notDir, 'chartwright'), 'schema');
    c.set('k', 'v');
    assert.equal(c.get('k'), undefined);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('cacheRoot: XDG_CACHE_HOME, ~/.cache, CHARTWRIGHT_NO_CACHE', () => {
  const rows: ReadonlyArray<[NodeJS.ProcessEnv, (r: string | undefined) => boolean]> = [
    [{ XDG_CACHE_HOME: join(tmpdir(), 'x') }, (r) => r === join(tmpdir(), 'x', 'chartwright')],
    [{ XDG_CACHE_HOME: 'relative' }, (r) => r !== undefined && r.endsWith(join('.cache', 'chartwright'))],
    [{}, (r) => r !== undefined && r.endsWith(join('.cache', 'chartwright'))],
    [{ CHARTWRIGHT_NO_CACHE: '1', XDG_CACHE_HOME: tmpdir() }, (r) => r === undefined],
    [{ CHARTWRIGHT_NO_CACHE: '0', XDG_CACHE_HOME: tmpdir() }, (r) => r === join(tmpdir(), 'chartwright')],
  ];
  for (const [env, ok] of rows) assert.ok(ok(cacheRoot(env)), JSON.stringify(env));
});

test('cacheFlag: --no-cache is taken out before `--` only', () => {
  const rows: ReadonlyArray<[string[], string[], boolean]> = [
    [['.', '--no-cache'], ['.'], true],
    [['--no-cache', 'r', '.', '-f', 'v.yaml'], ['r', '.', '-f', 'v.yaml'], true],
    [['r', '.'], ['r', '.'], false],
    [['r', '--', '--no-cache'], ['r', '--', '--no-cache'], false],
  ];
  for (const [args, want, noCache] of rows) assert.deepEqual(cacheFlag(args), { args: want, noCache });
});

