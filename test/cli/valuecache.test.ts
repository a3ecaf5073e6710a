// The CLI's on-disk store of decoded values files (cli/valuecache.ts, yaml/yamlDecode.ts
// DecodeStore): a stored value is exactly the decoded one (types, key order, -0, bytes that are
// not UTF-8), and a corrupted or foreign entry is a miss, never a wrong value.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TextCache } from '../../server/src/cli/diskcache';
import { decodeValue, diskDecodeStore, encodeValue } from '../../server/src/cli/valuecache';
import { loadValuesText } from '../../server/src/helm/helmYaml';
import { utf8Decode, type GoMap, type Value } from '../../server/src/template/value';
import { unmarshalYAML, useDecodeStore, type DecodeStore } from '../../server/src/yaml/yamlDecode';

function memoryTextCache(): TextCache & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, get: (k) => map.get(k), set: (k, t) => void map.set(k, t) };
}

function roundTrip(v: Value): Value {
  return decodeValue(JSON.parse(JSON.stringify(encodeValue(v))));
}

// Padding makes each document long enough for the store (it keeps documents of 4096+ chars).
const PAD = `# ${'x'.repeat(4100)}\n`;

const DOCS: ReadonlyArray<[string, string]> = [
  ['integer-like keys keep their order', '"2": a\n"1": b\nz: c\n"0": d\n'],
  ['numbers, -0, floats, big ints', 'a: -0.0\nb: 1e300\nc: 12345678901234567890\nd: 0.1\ne: -7\nf: 0x1F\n'],
  ['scalars and nesting', 'a: ~\nb: true\nc: "s"\nd: [1, [2, {x: y}]]\ne: {}\nf: []\ng:\n  h:\n    i: j\n'],
  ['strings with invalid UTF-8 and U+FFFD', 'a: "\\x80"\nb: "\ufffd"\nc: "é"\n'],
  ['anchors and merge keys', 'base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\n'],
];

test('values store: stored documents decode to exactly the decoded value', () => {
  for (const [name, doc] of DOCS) {
    const text = PAD + doc;
    const want = unmarshalYAML(text, 'map');
    assert.deepStrictEqual(roundTrip(want), want, name);
    for (const hv of [4, 3] as const) {
      const cache = memoryTextCache();
      useDecodeStore(diskDecodeStore(cache, 'b'));
      try {
        // A text this process has not decoded yet (decodes are memoized per process).
        const fresh = `${text}# helm ${hv}\n`;
        const cold = loadValuesText(fresh, hv);
        assert.deepStrictEqual(cold, { values: want }, `${name} cold`);
        assert.equal(cache.map.size, 1, `${name} stored`);
        const warm = loadValuesText(fresh, hv);
        assert.deepStrictEqual(warm, { values: want }, `${name} warm`);
      } finally {
        useDecodeStore(undefined);
      }
    }
  }
  const neg = roundTrip(new Map([['z', -0]])) as GoMap;
  assert.ok(Object.is(neg.get('z'), -0));
});

test('values store: errors, small and deep documents are not stored', () => {
  const deep = `${PAD}${Array.from({ length: 40 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n')} v\n`;
  const rows: ReadonlyArray<[string, string]> = [
    ['error', `${PAD}a: [\n`],
    ['small', 'a: 1\n'],
    ['nested past 32 levels', deep],
  ];
  for (const [name, text] of rows) {
    const cache = memoryTextCache();
    useDecodeStore(diskDecodeStore(cache, 'b'));
    try {
      const a = loadValuesText(text, 4);
      assert.deepStrictEqual(loadValuesText(text, 4), a, name);
      assert.equal(cache.map.size, 0, name);
    } finally {
      useDecodeStore(undefined);
    }
  }
});

test('values store: corrupted, malformed or other builds\' entries are misses', () => {
  const text = `${PAD}a: 1\nb: [x, {c: d}]\n`;
  const want = unmarshalYAML(text, 'map');
  const cache = memoryTextCache();
  diskDecodeStore(cache, 'b').put(text, want as GoMap);
  const [key] = [...cache.map.keys()];
  const bad = ['', 'garbage', '[1,2]', '{"m":[1,2]}', '{"m":["a"]}', '{"q":1}', '{"m":["a",{"x":1}]}', '"str"'];
  for (const t of bad) {
    cache.map.set(key, t);
    assert.equal(diskDecodeStore(cache, 'b').get(text), undefined, t);
  }
  assert.equal(diskDecodeStore(cache, 'other').get(text), undefined);
  const store: DecodeStore = diskDecodeStore(cache, 'b');
  useDecodeStore(store);
  try {
    assert.deepStrictEqual(loadValuesText(text, 4), { values: want });
  } finally {
    useDecodeStore(undefined);
  }
});

// Every values.yaml of the corpus round-trips exactly.
const charts = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'charts');
function valuesFiles(dir: string, out: string[]): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) valuesFiles(p, out);
    else if (/^values.*\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

test('values store: corpus values files round-trip exactly', { skip: existsSync(charts) ? false : '../shared/corpus not found' }, () => {
  let n = 0;
  for (const f of valuesFiles(charts, [])) {
    const text = utf8Decode(readFileSync(f));
    let v: Value;
    try {
      v = unmarshalYAML(text, 'map');
    } catch {
      continue;
    }
    assert.deepStrictEqual(roundTrip(v), v, f);
    n++;
  }
  assert.ok(n > 100, String(n));
});
