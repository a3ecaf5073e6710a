// Property tests for hostile YAML (issue 15, items 1 and 7): alias- and anchor-heavy documents
// (nested "billion laughs", merge keys through aliases, self-references, unknown anchors) and
// deeply nested ones, fed to every YAML reader — sigs.k8s.io/yaml decoding (values, -f,
// fromYaml, fromYamlArray), manifest heads, the editor's values index — and the decoded values
// back through the encoders. Every call must end quickly in a value or a clean error (Go's
// texts: YAMLDecodeError / HeadError), never another exception, a hang or a heap blow-up.
// Fixed seed; FUZZ_RUNS scales the run counts (e.g. FUZZ_RUNS=20000).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { fromYamlArray } from '../../server/src/helm/helmYaml';
import { unmarshalYAML, YAMLDecodeError } from '../../server/src/yaml/yamlDecode';
import { decodeSimpleHead, defaultYamlToJson, HeadError } from '../../server/src/render/simplehead';
import { parseValuesDoc } from '../../server/src/analysis/valuesdoc';
import { marshalJSON, JSONError } from '../../server/src/sprig/json';
import { toYaml } from '../../server/src/helm/helmYaml';
import type { Value } from '../../server/src/template/value';
import { SEED, runs } from './gen';

/** BOUND_MS is a generous "it did not hang" bound per document (all readers together). */
const BOUND_MS = 8000;

const stats = { values: 0, errors: new Map<string, number>(), maxMs: 0 };

function note(kind: string): void {
  stats.errors.set(kind, (stats.errors.get(kind) ?? 0) + 1);
}

/** classify shortens a Go error text to its kind for the run summary. */
function classify(msg: string): string {
  if (msg.includes('excessive aliasing')) return 'excessive aliasing';
  if (msg.includes('contains itself')) return 'anchor contains itself';
  if (msg.includes('unknown anchor')) return 'unknown anchor';
  if (msg.includes('map merge requires')) return 'merge';
  if (msg.includes('max depth') || msg.includes('too deep')) return 'depth';
  if (msg.includes('cannot unmarshal')) return 'type';
  return 'syntax/other';
}

/** readAll runs every reader over one text; throws on anything but a value or a clean error. */
function readAll(text: string): void {
  const t0 = performance.now();
  let decoded: Value | undefined;
  try {
    decoded = unmarshalYAML(text, 'map');
    stats.values++;
  } catch (e) {
    if (!(e instanceof YAMLDecodeError)) throw e;
    note(classify(e.message));
  }
  const arr = fromYamlArray(text);
  assert.ok(Array.isArray(arr));
  try {
    decodeSimpleHead(text, 4, defaultYamlToJson);
  } catch (e) {
    if (!(e instanceof HeadError)) throw e;
  }
  parseValuesDoc(text);
  if (decoded !== undefined) {
    try {
      marshalJSON(decoded);
    } catch (e) {
      if (!(e instanceof JSONError)) throw e;
    }
    assert.equal(typeof toYaml(decoded), 'string');
  }
  const ms = performance.now() - t0;
  stats.maxMs = Math.max(stats.maxMs, ms);
  assert.ok(ms < BOUND_MS, `took ${Math.round(ms)} ms`);
}

const scalarArb = fc.constantFrom('x', '1', 'yes', '~', '"q"', "'s'", '1.5', '0x1F', '2024-01-02', '.inf', '');

/**
 * aliasDocArb: anchored definitions a0..an, each a flow or block node referring to earlier
 * anchors (sometimes to itself, a later or an unknown one), with merge keys, repeated anchor
 * names (the latest wins) and wide fan-out: nested billion-laughs shapes of every size.
 */
const aliasDocArb = fc
  .record({
    n: fc.integer({ min: 1, max: 14 }),
    width: fc.integer({ min: 1, max: 12 }),
    style: fc.constantFrom('flow-seq', 'flow-map', 'block-seq', 'block-map', 'merge', 'mixed'),
    oddRefs: fc.array(fc.constantFrom('self', 'later', 'unknown', 'reuse-name', 'merge-scalar', 'key-alias'), { maxLength: 2 }),
    leaves: fc.array(scalarArb, { minLength: 1, maxLength: 4 }),
    seed: fc.integer({ min: 0, max: 1 << 30 }),
  })
  .map(({ n, width, style, oddRefs, leaves, seed }) => {
    let r = seed;
    const rnd = (k: number): number => {
      r = (r * 1103515245 + 12345) & 0x7fffffff;
      return r % k;
    };
    const name = (i: number): string => (oddRefs.includes('reuse-name') && i % 3 === 0 ? 'a0' : `a${i}`);
    let s = `a0: &a0 [${leaves.join(', ')}]\n`;
    for (let i = 1; i <= n; i++) {
      const refs = Array.from({ length: width }, () => `*${name(rnd(i))}`);
      if (oddRefs.includes('self') && i === n) refs[0] = `*${name(i)}`;
      if (oddRefs.includes('later') && i === 1) refs[0] = '*a9';
      if (oddRefs.includes('unknown') && i === n) refs.push('*nope');
      const st = style === 'mixed' ? ['flow-seq', 'flow-map', 'block-seq', 'block-map', 'merge'][rnd(5)] : style;
      switch (st) {
        case 'flow-seq':
          s += `a${i}: &${name(i)} [${refs.join(', ')}]\n`;
          break;
        case 'flow-map':
          s += `a${i}: &${name(i)} {${refs.map((x, j) => `k${j}: ${x}`).join(', ')}}\n`;
          break;
        case 'block-seq':
          s += `a${i}: &${name(i)}\n${refs.map((x) => `  - ${x}\n`).join('')}`;
          break;
        case 'block-map':
          s += `a${i}: &${name(i)}\n${refs.map((x, j) => `  k${j}: ${x}\n`).join('')}`;
          break;
        default: {
          const target = oddRefs.includes('merge-scalar') ? '*a0' : refs[0];
          s += `a${i}: &${name(i)}\n  <<: ${target}\n  own: [${refs.join(', ')}]\n`;
        }
      }
      if (oddRefs.includes('key-alias') && i === 1) s += `? *a0\n: v\n`;
    }
    return s;
  });

/** deepDocArb: flow, block and mixed nesting up to past go-yaml's 10000 levels, with aliases. */
const deepDocArb = fc
  .record({
    depth: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 9990, max: 10010 }), fc.integer({ min: 10000, max: 30000 })),
    kind: fc.constantFrom('flow-seq', 'flow-map', 'block-map', 'block-seq', 'alias-chain'),
    unclosed: fc.boolean(),
  })
  .map(({ depth, kind, unclosed }) => {
    switch (kind) {
      case 'flow-seq':
        return 'a: ' + '['.repeat(depth) + (unclosed ? '' : ']'.repeat(depth)) + '\n';
      case 'flow-map':
        return 'a: ' + '{b: '.repeat(depth) + '1' + (unclosed ? '' : '}'.repeat(depth)) + '\n';
      case 'block-map': {
        const d = Math.min(depth, 3000); // block text grows quadratically with the depth
        let s = '';
        for (let i = 0; i < d; i++) s += ' '.repeat(i) + 'k:\n';
        return s;
      }
      case 'block-seq': {
        const d = Math.min(depth, 3000);
        let s = '';
        for (let i = 0; i < d; i++) s += ' '.repeat(i * 2) + '- \n';
        return s + ' '.repeat(d * 2) + 'x\n';
      }
      default: {
        const d = Math.min(depth, 600);
        let s = 'l0: &l0 x\n';
        for (let i = 1; i <= d; i++) s += `l${i}: &l${i} [*l${i - 1}]\n`;
        return s;
      }
    }
  });

/** soupArb: short texts over YAML's structural characters, anchors and aliases. */
const soupArb = fc
  .array(fc.constantFrom('&a ', '&b ', '*a', '*b', '<<: ', '[', ']', '{', '}', ', ', ': ', '- ', '\n', '  ', 'x', '? ', '!!map ', '!!seq ', '|\n', '"', "'"), { maxLength: 60 })
  .map((parts) => parts.join(''));

function check<T>(name: string, arb: fc.Arbitrary<T>, toText: (x: T) => string, numRuns: number): void {
  const d = fc.check(
    fc.property(arb, (x) => {
      readAll(toText(x));
    }),
    { seed: SEED, numRuns },
  );
  if (d.failed) {
    const inner = d.errorInstance instanceof Error ? d.errorInstance.stack ?? d.errorInstance.message : String(d.errorInstance);
    throw new Error(`${name}: counterexample ${fc.stringify(d.counterexample).slice(0, 2000)} (seed ${d.seed}, path "${d.counterexamplePath}")\n${inner}`);
  }
  console.log(`# fuzz-yaml ${name}: ${d.numRuns} runs passed (seed ${SEED})`);
}

test('fuzz: alias- and anchor-heavy documents end quickly in a value or a clean error', () => {
  check('aliases', aliasDocArb, (s) => s, runs(150));
});

test('fuzz: deeply nested documents end quickly in a value or a clean error', () => {
  check('nesting', deepDocArb, (s) => s, runs(30));
});

test('fuzz: structural soup with anchors and aliases', () => {
  check('soup', soupArb, (s) => s, runs(300));
});

test('fuzz-yaml summary', () => {
  const errs = [...stats.errors].map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`# fuzz-yaml: ${stats.values} documents decoded to values; errors: ${errs}; slowest ${Math.round(stats.maxMs)} ms`);
});
