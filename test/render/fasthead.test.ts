// The manifest-head fast path (server/src/render/fasthead.ts) and the linear manifest splitter
// must agree with the full decoder and Go's separator regexp. Expectations here are not typed by
// hand: each case compares the fast path with the reference implementation (the full `yaml`
// decoder, whose texts are calibrated on Helm's recorded outputs, and the regexp Helm uses).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fastSimpleHead, readSimpleHead } from '../../server/src/render/fasthead';
import { decodeSimpleHead, defaultYamlToJson, type SimpleHead } from '../../server/src/render/simplehead';
import { splitManifests } from '../../server/src/render/manifests';
import { goTrimSpace } from '../../server/src/render/gostrings';

function show(h: SimpleHead): string {
  const a = h.metadata?.annotations;
  return JSON.stringify({
    version: h.version,
    kind: h.kind,
    name: h.metadata?.name ?? null,
    meta: h.metadata !== null,
    annotations: a === undefined || a === null ? null : { size: a.size > 0, hook: a.get('helm.sh/hook'), weight: a.get('helm.sh/hook-weight') },
  });
}

function full(doc: string): string {
  try {
    return show(decodeSimpleHead(doc, 4, defaultYamlToJson));
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

/** agree checks the fast path against the full decoder; returns whether it took the fast path. */
function agree(doc: string): boolean {
  const f = fastSimpleHead(doc);
  if (f === undefined) return false;
  assert.equal(show(f), full(doc), `fast path differs on ${JSON.stringify(doc)}`);
  return true;
}

const FAST = [
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: "1"\n',
  'kind: Job\nmetadata:\n  name: j\n  annotations:\n    "helm.sh/hook": pre-install,post-install\n    helm.sh/hook-weight: "-5"\n',
  'kind: Pod\nmetadata:\n  annotations: {}\n  name: p # c\nspec:\n  containers:\n  - name: c\n    args: ["a", "b", c]\n    env:\n      - name: X\n        value: \'it\'\'s\'\n',
  'metadata:\n  name: x\n  annotations:\n    helm.sh/hook: test\n    note: |\n      multi\n        line\n\n    other: 5\n',
  'a:\n- x\n- - y\n  - z\n- k: v\n  l: w\nb: >-\n  folded\n  text\n',
  '# only a comment\n',
  'description: this is a\n  multi-line plain\n  scalar\nkind: X\n',
  "description: 'quoted\n  over lines'\nkind: Z\n",
  'spec:\n  resources:\n    {}\n  list: []\n  map: {a: b, "c": [1, 2]}\n',
];

// Invalid (or unusual) documents: the fast path must give up (the full decoder then reports).
const BAIL = [
  'kind: a: b\n',
  'kind: X\n  bad: indent\n',
  'a:\n\tb: 1\n',
  'a: b\n---\nc: d\n',
  'a: [1, 2\n',
  'a: "unterminated\n',
  'a: |\n    x\n  y: 1\n',
  'kind: X\nkind: Y\n',
  'Kind: X\n',
  'metadata:\n  name: 123\n',
  'metadata:\n  name: yes\n',
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  '- a\n- b\n',
  'plain scalar\n',
  'a: b\n  # comment\n  c\n',
  'a: "bad \\q escape"\n',
  'metadata:\n  annotations:\n    when: 2024-01-01\n',
  'metadata: "x"\n',
  'metadata:\n  annotations: \'x\'\n',
];

test('fast head agrees with the full decoder on simple documents', () => {
  for (const d of FAST) assert.ok(agree(d), `expected the fast path on ${JSON.stringify(d)}`);
});

test('fast head gives up on invalid or unusual documents', () => {
  for (const d of BAIL) assert.equal(fastSimpleHead(d), undefined, JSON.stringify(d));
});

test('readSimpleHead caches heads and errors with the full decoder texts', () => {
  for (const d of [...FAST, ...BAIL]) {
    for (let i = 0; i < 2; i++) {
      let got: string;
      try {
        got = show(readSimpleHead(d, 4, undefined));
      } catch (e) {
        got = `error: ${(e as Error).message}`;
      }
      assert.equal(got, full(d));
    }
  }
});

test('fast head agrees with the full decoder on the corpus and on mutated documents', (t) => {
  const dir = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'golden');
  if (!existsSync(dir)) {
    t.skip('../shared/corpus is absent');
    return;
  }
  const docs: string[] = [];
  for (const f of readdirSync(dir)) if (f.endsWith('.helm4.yaml')) docs.push(...splitManifests(readFileSync(join(dir, f), 'utf8')));
  let fast = 0;
  for (const d of docs) if (agree(d)) fast++;
  assert.ok(fast > docs.length * 0.9, `fast path taken on ${fast}/${docs.length}`);
  // Mutations: wherever the fast path still answers, it must agree.
  const bits = ['\t', ' ', ':', ': ', '- ', '#', '"', "'", '|', '>', '\n', '\n  ', '{', '[', ']', '&a ', '*a', '---\n', '\\', 'x', '  ', '\n-', '? ', ','];
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < 3000; i++) {
    let d = docs[rnd(docs.length)].slice(0, 2000);
    for (let k = 1 + rnd(3); k > 0; k--) {
      const p = rnd(d.length + 1);
      const op = rnd(3);
      if (op === 0) d = d.slice(0, p) + bits[rnd(bits.length)] + d.slice(p);
      else if (op === 1) d = d.slice(0, p) + d.slice(p + 1 + rnd(3));
      else {
        const q = rnd(d.length + 1);
        d = d.slice(0, p) + d.slice(q, q + rnd(20)) + d.slice(p);
      }
    }
    agree(d);
  }
});

test('splitManifests matches the separator regexp on random texts', () => {
  const SEP = /(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/g;
  const reference = (big: string): string[] => {
    const text = goTrimSpace(big);
    const pieces: string[] = [];
    if (text.length === 0) pieces.push('');
    else {
      let beg = 0;
      let end = 0;
      SEP.lastIndex = 0;
      for (let m = SEP.exec(text); m !== null; m = SEP.exec(text)) {
        end = m.index;
        const mEnd = m.index + m[0].length;
        if (mEnd !== 0) pieces.push(text.slice(beg, end));
        beg = mEnd;
      }
      if (end !== text.length) pieces.push(text.slice(beg));
    }
    return pieces.filter((p) => p !== '').map(goTrimSpace);
  };
  const alphabet = ['-', '-', '-', '\n', '\n', ' ', '\t', 'a', '\r', '\f', '\v', '---', '\n---'];
  let seed = 11;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < 50000; i++) {
    let s = '';
    for (let j = rnd(14); j > 0; j--) s += alphabet[rnd(alphabet.length)];
    assert.deepEqual(splitManifests(s), reference(s), JSON.stringify(s));
  }
});

test('fast head agrees with the full decoder on generated line soups', () => {
  let seed = 3;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const keys = ['apiVersion', 'kind', 'metadata', 'name', 'annotations', 'helm.sh/hook', 'helm.sh/hook-weight', 'a', 'x.y/z', '"q"', "'s'", 'Kind', '.d'];
  const vals = ['v1', 'Job', 'foo bar', 'yes', '1', '-5', '"x"', "'y'", '"a\\"b"', "'it''s'", '[]', '{}', '[a, "b"]', '{a: b}', '|', '>-', '"multi', "'multi", 'x # c', 'x#c', 'a: b', '&a x', '*a', '2024-01-01', '~', '"\\u0041"', '- x', '? x', ':x', '-x', 'http://a', '', '[a,', 'line"', "end'"];
  for (let i = 0; i < 30000; i++) {
    const lines: string[] = [];
    for (let j = 1 + rnd(8); j > 0; j--) {
      const ind = ' '.repeat(rnd(4) * (rnd(3) === 0 ? 1 : 2));
      const r = rnd(10);
      let l: string;
      if (r < 5) l = `${keys[rnd(keys.length)]}:${rnd(5) === 0 ? '' : ' ' + vals[rnd(vals.length)]}`;
      else if (r < 7) l = `- ${rnd(2) ? vals[rnd(vals.length)] : keys[rnd(keys.length)] + ': ' + vals[rnd(vals.length)]}`;
      else if (r < 8) l = rnd(2) ? '# comment' : '';
      else l = vals[rnd(vals.length)];
      if (rnd(15) === 0) l += rnd(2) ? '\t' : '  ';
      lines.push(ind + l);
    }
    agree(lines.join('\n') + (rnd(2) ? '\n' : ''));
  }
});
