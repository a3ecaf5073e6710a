// The fast YAML decoder (server/src/yaml/yamlFast.ts) must give exactly what the full decoder
// gives (values, key conversions, error texts) whenever it answers. Expectations are not typed by
// hand: every case is compared with the full parser path (decodeWithFullParser), whose texts are
// calibrated on Helm's recorded outputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWithFullParser, unmarshalYAML } from '../../server/src/yaml/yamlDecode';
import { fastYamlDecode } from '../../server/src/yaml/yamlFast';

function show(f: () => unknown): string {
  try {
    return JSON.stringify(f(), (_k, v: unknown) =>
      v instanceof Map ? { $map: [...v] } : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
    );
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

/** agree compares both paths for both targets; returns whether the fast path answered. */
function agree(text: string): boolean {
  if (fastYamlDecode(text) === undefined) return false;
  for (const target of ['map', 'slice'] as const) {
    assert.equal(show(() => unmarshalYAML(text, target)), show(() => decodeWithFullParser(text, target)), `${target}: ${JSON.stringify(text)}`);
  }
  return true;
}

const FAST = [
  'a: 1\nb: 1.5\nc: yes\nd: ~\ne: "x"\nf: \'it\'\'s\'\ng: 0x1F\nh: 2024-01-02\ni: .inf\nj: 1e3\n',
  '---\n# values\nimage:\n  repository: nginx\n  tag: ""\n  pullPolicy: IfNotPresent\nlist:\n- a\n- b: 1\n  c: [1, "two", three]\n- - x\n  - y\nempty: {}\nnone: []\n',
  'config: |\n  line one\n\n  line three\n    indented\nstripped: |-\n  text\n\nnext: 1\n',
  '1: int key\ntrue: bool key\n1.5: float key\nnull: null key\n"1": string key\n',
  'dup: 1\ndup: 2\n',
  '- 1\n- two\n',
  'a: b\n---\nc: d\n',
  'flow: {a: 1, "b": [x, y], c: {d: e}}\n',
  'esc: "tab\\tnew\\nline \\u00e9"\n',
  'a: &x 1\nc: &m\n  k: [1]\ne: &x 2\n',
  // Multi-line plain scalars (CRD descriptions), folded to one space per line break.
  'a: b\n  c\n',
  'a: one\n   two  \n  three\nb: 1\n',
  '- description: Total number of pods that\n    have the template\n  name: x\n- a\n  b\n',
  'a:\n  b: 1\n    2\n  c: &n x\n    y\n',
  'a: yes\n  no\nb: 1\n  2\n',
];

// Aliases go to the full decoder, which applies go-yaml's alias budget (yaml/yamlAlias.ts).
const BAIL = ['a: *x\n', 'a: &x 1\nb: *x\nc: &m\n  k: [1]\nd: *m\ne: &x 2\nf: *x\n', '- &s v\n- *s\n- &t\n  a: 1\n- *t\n', 'a: [&x 1, *x]\n', 'a: &x\n  b: *x\n', 'a: !!str 1\n', 'a: >\n  folded\n', 'a: |+\n  keep\n', 'a: "multi\n  line"\n', 'a: b\n\n  c\n', 'a: b\n  # c\n  d\n', 'a: b # c\n  d\n', 'a: b\n  - c\n', 'a: b\n  "c"\n', 'a: b\n  c # d\n', 'a:\tb\n', 'a: b\n...\n', '<<: {a: 1}\n', 'a: "\\x41"\n'];

test('fast YAML decoding agrees with the full parser', () => {
  for (const t of FAST) assert.ok(agree(t), `expected the fast path on ${JSON.stringify(t)}`);
});

test('fast YAML decoding leaves unusual input to the full parser', () => {
  for (const t of BAIL) assert.equal(fastYamlDecode(t), undefined, JSON.stringify(t));
});

test('fast YAML decoding agrees on the corpus values files and on mutations of them', (t) => {
  const root = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'charts');
  if (!existsSync(root)) {
    t.skip('../shared/corpus is absent');
    return;
  }
  const texts: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/(values.*\.ya?ml|Chart\.yaml)$/.test(e)) texts.push(readFileSync(p, 'utf8'));
    }
  };
  walk(root);
  let fast = 0;
  for (const x of texts) if (agree(x)) fast++;
  assert.ok(fast > texts.length * 0.8, `fast path taken on ${fast}/${texts.length}`);
  const bits = ['\t', ' ', ':', ': ', '- ', '#', '"', "'", '|', '|-', '>', '\n', '\n  ', '{', '[', ']', '}', ',', '&a ', '---\n', '\\', 'x', '\n-', '1', 'true', '~', '0x1', '.5', "''"];
  let seed = 9;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const small = texts.filter((x) => x.length < 6000);
  for (let i = 0; i < 4000; i++) {
    let d = small[rnd(small.length)];
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

test('fast YAML decoding agrees on generated line soups', () => {
  let seed = 21;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const keys = ['a', 'b', 'true', '1', '1.5', '~', '"q"', "'s'", 'x.y/z', 'null'];
  const vals = ['v', '1', '-5', '0o7', '0x1F', '1e3', 'yes', '~', '2024-01-01', '"x"', "'y'", '"a\\"b"', "'it''s'", '[]', '{}', '[a, "b", 1]', '{a: 1, b: [2]}', '|', '|-', '>', 'x # c', 'x#c', 'a: b', '&a x', '*a', '- x', '', '[a,', 'line"', '---', '"\\u00e9"'];
  for (let i = 0; i < 40000; i++) {
    const lines: string[] = [];
    for (let j = 1 + rnd(8); j > 0; j--) {
      const ind = ' '.repeat(rnd(4) * (rnd(3) === 0 ? 1 : 2));
      const r = rnd(10);
      let l: string;
      if (r < 5) l = `${keys[rnd(keys.length)]}:${rnd(5) === 0 ? '' : ' ' + vals[rnd(vals.length)]}`;
      else if (r < 7) l = `- ${rnd(2) ? vals[rnd(vals.length)] : keys[rnd(keys.length)] + ': ' + vals[rnd(vals.length)]}`;
      else if (r < 8) l = rnd(2) ? '# comment' : '';
      else if (r < 9) l = rnd(2) ? 'more words here' : vals[rnd(vals.length)] + ' ' + vals[rnd(vals.length)];
      else l = vals[rnd(vals.length)];
      if (rnd(15) === 0) l += rnd(2) ? '\t' : '  ';
      lines.push(ind + l);
    }
    agree(lines.join('\n') + (rnd(2) ? '\n' : ''));
  }
});
