// Generators and helpers shared by the robustness tests: corpus loading, template mutation,
// random well-formed templates over the real function map, random Go values, AST range checks.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FuncDef } from '../../server/src/template/func';
import type { Runtime } from '../../server/src/template/func';
import { GoInt } from '../../server/src/template/value';
import type { Value } from '../../server/src/template/value';

/**
 * boundedBy returns `timed(label, f, bound?)`: it runs f and asserts it took less than `bound` ms
 * (default `defaultMs`) — a generous bound that only proves "does not hang".
 */
export function boundedBy(defaultMs: number): <T>(label: string, f: () => T, bound?: number) => T {
  return <T>(label: string, f: () => T, bound = defaultMs): T => {
    const t0 = performance.now();
    const r = f();
    const ms = performance.now() - t0;
    assert.ok(ms < bound, `${label} took ${Math.round(ms)} ms (bound ${bound} ms)`);
    return r;
  };
}

/** RUNS scales every property: FUZZ_RUNS (npm run fuzz) or the CI default. */
export function runs(ciDefault: number): number {
  const env = Number(process.env.FUZZ_RUNS ?? '');
  return Number.isFinite(env) && env > 0 ? env : ciDefault;
}

/** SEED makes every CI run replay the same cases (override with FUZZ_SEED). */
export const SEED = Number(process.env.FUZZ_SEED ?? '20240607');

let prng = 0x2545f491;

/**
 * fixedRuntime is a deterministic clock and a deterministic byte stream (xorshift32), so random
 * functions still produce varied output (a constant stream no longer hangs rejection sampling:
 * sizes.test.ts).
 */
export const fixedRuntime: Runtime = {
  now: () => new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
  randomBytes: (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      prng ^= prng << 13;
      prng ^= prng >>> 17;
      prng ^= prng << 5;
      out[i] = prng & 0xff;
    }
    return out;
  },
  localZone: 'UTC',
};

/** CORPUS is the shared chart corpus (tests skip parts that need it when it is absent). */
export const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'charts');

function walkFiles(dir: string, out: string[], pred: (p: string) => boolean, limit: number, maxSize: number): void {
  if (out.length >= limit) return;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const n of names) {
    if (out.length >= limit) return;
    const p = join(dir, n);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) walkFiles(p, out, pred, limit, maxSize);
    else if (st.size <= maxSize && pred(p)) out.push(p);
  }
}

/** corpusFiles lists up to `limit` corpus files (≤ maxSize bytes) matching pred (sorted walk), [] if absent. */
export function corpusFiles(pred: (p: string) => boolean, limit: number, maxSize = 200_000): string[] {
  if (!existsSync(CORPUS)) return [];
  const out: string[] = [];
  walkFiles(CORPUS, out, pred, limit, maxSize);
  return out;
}

/** corpusTexts reads the files of corpusFiles. */
export function corpusTexts(pred: (p: string) => boolean, limit: number, maxSize = 200_000): string[] {
  return corpusFiles(pred, limit, maxSize).map((p) => readFileSync(p, 'utf8'));
}

// Pieces a mutation inserts: delimiters, trim markers, quotes, parens, keywords, pipes.
const PIECES = [
  '{{', '}}', '{{-', '-}}', '{{- ', ' -}}', '-', '"', '`', "'", '(', ')', '|', ' | ', ':=', '=', '$', '.', ',',
  'if', 'else', 'else if', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue', 'nil',
  '{{ end }}', '{{ else }}', '{{ if . }}', '{{ range . }}', '{{/*', '*/}}', '\n', '\t', '\r\n', '\\', '0x', '1e9',
  '\u00e9', '\ud83d\ude00', '\ud800', '\u0000', 'include', 'tpl', '"x"', '.Values', '$x', '$x :=',
];

/** Mutation edits a text: delete a range, duplicate a range, or insert a piece. */
export type Mutation =
  | { readonly op: 'delete'; readonly at: number; readonly len: number }
  | { readonly op: 'dup'; readonly at: number; readonly len: number }
  | { readonly op: 'insert'; readonly at: number; readonly piece: string };

/** mutationArb generates one mutation (positions are taken modulo the text length). */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('dup' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom(...PIECES) }),
);

/** applyMutations applies the edits in order. */
export function applyMutations(text: string, ms: readonly Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = t.length === 0 ? 0 : m.at % (t.length + 1);
    switch (m.op) {
      case 'delete':
        t = t.slice(0, at) + t.slice(at + m.len);
        break;
      case 'dup':
        t = t.slice(0, at + m.len) + t.slice(at, at + m.len) + t.slice(at + m.len);
        break;
      case 'insert':
        t = t.slice(0, at) + m.piece + t.slice(at);
        break;
    }
  }
  return t;
}

/** tokenSoupArb is random text made of template pieces and plain characters. */
export const tokenSoupArb: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 }), fc.constantFrom(' ', 'a', '1', '.a')), {
    maxLength: 40,
  })
  .map((xs) => xs.join(''));

// ---- random Go values ------------------------------------------------------------------------

const keyArb = fc.constantFrom('a', 'b', 'name', 'list', 'x', 'Values', '', 'enabled', 'image');

/** valueArb generates Go values as YAML/JSON decoding produces them (plus GoInt). */
export const valueArb: fc.Arbitrary<Value> = fc.letrec<{ v: Value }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.constantFrom(0, 1, -1, 2.5, 1e21, 0.1),
    fc.integer({ min: -3, max: 8 }).map((n) => new GoInt('int64', BigInt(n))),
    fc.constantFrom('', 'a', 'hello world', '{{ .x }}', '3', 'true', 'a,b', '\u00e9\n'),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.array(fc.tuple(keyArb, tie('v')), { maxLength: 4 }).map((kv) => new Map<string, Value>(kv)),
  ),
})).v;

/** rootValuesArb is a map of values (what `.` or `.Values` would hold). */
export const rootValuesArb: fc.Arbitrary<Map<string, Value>> = fc
  .array(fc.tuple(keyArb, valueArb), { maxLength: 5 })
  .map((kv) => new Map<string, Value>(kv));

// ---- random well-formed templates ------------------------------------------------------------

// Functions whose random use would only measure their cost (key generation, bcrypt) or that
// the render layer special-cases; everything else of the map is fair game.
const SLOW = new Set(['genPrivateKey', 'genCA', 'genCAWithKey', 'genSelfSignedCert', 'genSelfSignedCertWithKey', 'genSignedCert', 'genSignedCertWithKey', 'htpasswd', 'bcrypt', 'derivePassword']);

/** templateArb generates syntactically valid templates calling the given functions. */
export function templateArb(funcs: ReadonlyMap<string, FuncDef>): fc.Arbitrary<string> {
  const names = [...funcs.keys()].filter((n) => !SLOW.has(n)).sort();
  const arity = (n: string): number => {
    const d = funcs.get(n);
    if (d === undefined) return 1;
    const fixed = d.params.filter((p) => !p.startsWith('...')).length;
    return fixed;
  };
  const lit = fc.constantFrom('0', '1', '2', '-1', '3.5', '"a"', '"x,y"', '""', 'true', 'false', 'nil', '"{{ .a }}"', '"\\\\d+"', "'a'", '"x"');
  const operand = fc.oneof(
    lit,
    fc.constantFrom('.', '$', '.a', '.b.x', '.list', '$.a', '$v', '.name', '.Values'),
  );
  const { tmpl } = fc.letrec<{ pipe: string; tmpl: string; item: string }>((tie) => ({
    pipe: fc.oneof(
      { depthSize: 'small' },
      operand,
      fc
        .tuple(fc.constantFrom(...names), fc.array(fc.oneof(operand, tie('pipe').map((p) => `(${p})`)), { maxLength: 3 }), fc.boolean())
        .map(([f, args, exact]) => {
          const a = exact ? args.slice(0, arity(f)) : args;
          while (exact && a.length < arity(f)) a.push('.');
          return [f, ...a].join(' ');
        }),
      fc.tuple(tie('pipe'), fc.constantFrom(...names)).map(([p, f]) => `${p} | ${f}`),
    ),
    item: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom('text ', '\n', 'k: v\n', '  '),
      tie('pipe').map((p) => `{{ ${p} }}`),
      tie('pipe').map((p) => `{{- $v := ${p} -}}`),
      fc.tuple(tie('pipe'), tie('tmpl'), tie('tmpl')).map(([p, a, b]) => `{{ if ${p} }}${a}{{ else }}${b}{{ end }}`),
      fc.tuple(tie('pipe'), tie('tmpl')).map(([p, a]) => `{{ with ${p} }}${a}{{ end }}`),
      fc.tuple(tie('pipe'), tie('tmpl'), fc.boolean()).map(([p, a, brk]) => `{{ range $i, $e := ${p} }}${a}${brk ? '{{ break }}' : ''}{{ else }}none{{ end }}`),
      tie('pipe').map((p) => `{{ include "t1" (${p}) }}`),
      tie('pipe').map((p) => `{{ template "t2" ${p} }}`),
      tie('pipe').map((p) => `{{ tpl "{{ . }}" (${p}) }}`),
    ),
    tmpl: fc.array(tie('item'), { maxLength: 4 }).map((xs) => xs.join('')),
  }));
  return fc
    .tuple(tmpl, tmpl, tmpl)
    .map(([main, t1, t2]) => `{{- $v := . -}}${main}{{ define "t1" }}{{- $v := . -}}${t1}{{ end }}{{ define "t2" }}{{- $v := . -}}${t2}{{ end }}`);
}

// ---- AST checks ------------------------------------------------------------------------------

interface Ranged {
  readonly kind: string;
  readonly pos: number;
  readonly end: number;
}

function isRanged(x: unknown): x is Ranged {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r.kind === 'string' && typeof r.pos === 'number' && typeof r.end === 'number';
}

/** nodeRangeProblems lists nodes of a tree whose range is not inside [0, len]. */
export function nodeRangeProblems(root: unknown, len: number): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const visit = (x: unknown): void => {
    if (typeof x !== 'object' || x === null || seen.has(x)) return;
    seen.add(x);
    if (Array.isArray(x)) {
      for (const e of x) visit(e);
      return;
    }
    if (isRanged(x)) {
      if (!(x.pos >= 0 && x.pos <= len && x.end >= 0 && x.end <= len && x.pos <= x.end)) {
        out.push(`${x.kind} [${x.pos}, ${x.end}) outside [0, ${len}]`);
      }
    }
    for (const v of Object.values(x as Record<string, unknown>)) visit(v);
  };
  visit(root);
  return out;
}
