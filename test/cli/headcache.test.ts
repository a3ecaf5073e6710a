// The CLI's on-disk store of rendered documents' heads (cli/headcache.ts, render/fasthead.ts
// HeadStore): a stored outcome is exactly the one reading the document gives (heads, decoding
// errors, reader problems), and a malformed entry is a miss.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TextCache } from '../../server/src/cli/diskcache';
import { decodeHead, diskHeadStore, encodeHead } from '../../server/src/cli/headcache';
import { readManifestHead, useHeadStore, type HeadOutcome } from '../../server/src/render/fasthead';
import { HeadError } from '../../server/src/render/simplehead';

function memoryTextCache(): TextCache & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, get: (k) => map.get(k), set: (k, t) => void map.set(k, t) };
}

/** outcome reads a document's head as the renderer does, errors as their texts. */
function outcome(doc: string, hv: 3 | 4): HeadOutcome {
  try {
    return readManifestHead(doc, hv, undefined);
  } catch (e) {
    if (e instanceof HeadError) return e.message;
    throw e;
  }
}

// Long enough for the store (documents of 8192+ characters); each row unique per Helm version,
// since heads are memoized per process.
const BODY = `data:\n${Array.from({ length: 400 }, (_, i) => `  k${i}: "${'v'.repeat(20)}"`).join('\n')}\n`;
const DOCS: ReadonlyArray<[string, string]> = [
  ['head with annotations in order', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    "2": b\n    "1": a\n    helm.sh/hook: pre-install\n${BODY}`],
  ['no metadata', `apiVersion: v1\nkind: List\n${BODY}`],
  ['null annotations, names with invalid UTF-8', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: "\\x80\\ufffd"\n  annotations: ~\n${BODY}`],
  ['decoding error', `apiVersion: v1\nkind: [\n${BODY}`],
  ['reader problem', `apiVersion: v1\nkind: A\u0001\n${BODY}`],
  ['flow style (the full decoder)', `{apiVersion: v1, kind: K, metadata: {name: n}}\n# ${'x'.repeat(9000)}\n`],
];

test('head store: stored outcomes equal the outcome of reading the document', () => {
  for (const [name, doc] of DOCS) {
    for (const hv of [4, 3] as const) {
      const want = outcome(`${doc}# want ${hv}\n`, hv);
      assert.deepStrictEqual(decodeHead(JSON.parse(JSON.stringify(encodeHead(want)))), want, name);
      const cache = memoryTextCache();
      useHeadStore(diskHeadStore(cache, 'b'));
      try {
        assert.deepStrictEqual(outcome(`${doc}# cold ${hv}\n`, hv), want, `${name} cold`);
        assert.equal(cache.map.size, 1, `${name} stored`);
        // Another process: the same text, not memoized there, read from the store.
        const [[key, text]] = [...cache.map];
        const other = memoryTextCache();
        other.map.set(key, text);
        assert.deepStrictEqual(diskHeadStore(other, 'b').get(`${doc}# cold ${hv}\n`, hv), want, `${name} warm`);
        assert.equal(diskHeadStore(other, 'c').get(`${doc}# cold ${hv}\n`, hv), undefined, `${name}: another build`);
      } finally {
        useHeadStore(undefined);
      }
    }
  }
});

test('head store: malformed entries are misses; small documents are not stored', () => {
  const doc = `${DOCS[0][1]}# malformed\n`;
  const cache = memoryTextCache();
  const store = diskHeadStore(cache, 'b');
  store.put(doc, 4, outcome(doc, 4));
  const [key] = [...cache.map.keys()];
  for (const bad of ['', 'x', '{}', '{"h":[1,2,3]}', '{"h":["v","k",["n",["a"]]]}', '{"h":["v","k",[1,null]]}', '{"r":5}', 'null']) {
    cache.map.set(key, bad);
    assert.equal(store.get(doc, 4), undefined, bad);
  }
  const small = memoryTextCache();
  useHeadStore(diskHeadStore(small, 'b'));
  try {
    outcome('apiVersion: v1\nkind: Small\n', 4);
    assert.equal(small.map.size, 0);
  } finally {
    useHeadStore(undefined);
  }
});
