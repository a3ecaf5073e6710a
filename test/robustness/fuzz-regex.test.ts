// Property tests for Go regexps (fast-check, fixed seed; FUZZ_RUNS scales every property):
// random patterns and inputs compile to a GoRegexp or fail with Go's `error parsing regexp: ...`,
// and every operation the regex* functions use ends in bounded time without any other exception;
// re2js agrees with the independent JavaScript translation of the pattern on short inputs; the
// semver scanners agree with the Masterminds regexps they replace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { GoRegexp, Re2Error, compileRe2 } from '../../server/src/sprig/re2';
import { findConstraints, matchConstraint, matchLooseVersion, rangeParts } from '../../server/src/sprig/semverscan';
import { SEED, boundedBy, runs } from './gen';

/**
 * Per-operation bound: only proves "no blow-up". Inputs stay short because FindAll of a pattern
 * that can match empty after scanning ahead (`\\PN*a|`) is quadratic, in Go as here.
 */
const BOUND_MS = 5_000;

function check<T>(name: string, prop: fc.IProperty<T>, numRuns: number): void {
  const d = fc.check(prop, { seed: SEED, numRuns });
  if (d.failed) {
    const inner = d.errorInstance instanceof Error ? (d.errorInstance.stack ?? d.errorInstance.message) : String(d.errorInstance);
    throw new Error(`${name}: counterexample ${fc.stringify(d.counterexample)} (seed ${d.seed}, path "${d.counterexamplePath}")\n${inner}`);
  }
  console.log(`# fuzz ${name}: ${d.numRuns} runs passed (seed ${SEED})`);
}

// Pattern pieces: Go syntax (valid and not), nested quantifiers, flags, classes, escapes,
// JavaScript-only syntax and invalid UTF-8 (a lone surrogate).
const PIECES = [
  'a', 'b', 'ab', '.', '^', '$', '\\A', '\\z', '\\b', '\\B', '|', '(', ')', '(?:', '(?i)', '(?m)', '(?s)', '(?U)',
  '(?i:', '(?-s:', '(?P<n>', '(?<m>', '*', '+', '?', '*?', '+?', '{2}', '{1,3}', '{0,}', '{1001}', '{,2}',
  '[a-c]', '[^a]', '[[:alpha:]]', '[\\d\\s]', '\\d', '\\w', '\\S', '\\pL', '\\p{Greek}', '\\PN', '\\x{41}', '\\x41',
  '\\Q.*\\E', '\\1', '(?=', '(?<=a)', '\\', '[', ']', '{', '}', 'é', 'Σ', 'K', '\udc80', '\u{1F600}', ' ', '\n',
];
const patternArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((xs) => xs.join(''));

const CHARS = ['a', 'b', 'A', 'c', ' ', '\n', '\r', 'é', 'σ', 'ς', 'Σ', 'K', 'k', 'K', '1', '_', '\udc80', '\ufffd', '\u{1F600}'];
const shortInputArb = fc.array(fc.constantFrom(...CHARS), { maxLength: 8 }).map((xs) => xs.join(''));
// Long inputs: a short unit repeated (the shape that makes backtracking engines explode).
const longInputArb = fc
  .tuple(shortInputArb, fc.integer({ min: 1, max: 3000 }), shortInputArb)
  .map(([unit, n, tail]) => (unit === '' ? 'a' : unit).repeat(n).slice(0, 1500) + tail);

const timed = boundedBy(BOUND_MS);

function compileOrUndefined(p: string): GoRegexp | undefined {
  try {
    return timed('compile', () => new GoRegexp(p));
  } catch (e) {
    assert.ok(e instanceof Re2Error, `unexpected ${String(e)}`);
    assert.match(e.message, /^error parsing regexp: /);
    return undefined;
  }
}

test('fuzz: random Go patterns on long inputs: Go errors only, bounded time', () => {
  check(
    'regex-bounded',
    fc.property(patternArb, longInputArb, fc.constantFrom('$1', '${n}x', '$$', 'lit'), (p, s, repl) => {
      const re = compileOrUndefined(p);
      if (re === undefined) return;
      timed('matchString', () => re.matchString(s));
      timed('findString', () => re.findString(s));
      timed('findAll', () => re.findAll(s, -1));
      timed('replaceAll', () => re.replaceAll(s, (m) => re.expand(repl, s, m)));
      timed('split', () => re.split(s, -1));
    }),
    runs(150),
  );
});

/** jsFindAll is Go's FindAllIndex loop over the backtracking translation (short inputs only). */
function jsFindAll(js: RegExp, s: string): number[][] {
  const out: number[][] = [];
  let pos = 0;
  let prevEnd = -1;
  while (pos <= s.length) {
    js.lastIndex = pos;
    const m = js.exec(s);
    if (!m) break;
    const a = m.index;
    const b = a + m[0].length;
    if (b === pos) {
      if (a !== prevEnd) out.push([a, b]);
      const c = s.codePointAt(pos);
      pos += pos < s.length && c !== undefined && c > 0xffff ? 2 : 1;
    } else {
      out.push([a, b]);
      pos = b;
    }
    prevEnd = b;
  }
  return out;
}

test('fuzz: re2js agrees with the JavaScript translation on short inputs', () => {
  check(
    'regex-differential',
    fc.property(patternArb, shortInputArb, (p, s) => {
      const re = compileOrUndefined(p);
      if (re === undefined) return;
      // The translation works on valid BMP text (V8's lookbehind can stop inside a surrogate
      // pair); Go (and GoRegexp) read invalid bytes as U+FFFD.
      const valid = s.replace(/\udc80/g, '\ufffd');
      const text = valid.replace(/\u{1F600}/gu, 'x');
      let js: RegExp;
      try {
        js = new RegExp(compileRe2(p).source, 'gu');
      } catch {
        // A gap of the translation (e.g. `a{2}(?U)*`, which Go and re2js read as (?:a{2})*?):
        // the oracle has nothing to say.
        return;
      }
      const ours = re.findAll(text, -1).map((m) => [m[0], m[1]]);
      assert.deepEqual(ours, jsFindAll(js, text), `pattern ${JSON.stringify(p)} input ${JSON.stringify(text)}`);
      assert.equal(re.matchString(s), re.matchString(valid));
    }),
    runs(300),
  );
});

// ---- semver scanners against the regexps they replace ---------------------------------------

const CV = '(?:v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?)';
const CVG = CV.replace('(?:', '(');
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const LOOSE = new GoRegexp('^v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?$');
const CONSTRAINT = new GoRegexp(`^\\s*(${OPS})\\s*${CVG}\\s*$`);
const FIND = new GoRegexp(`(${OPS})\\s*${CVG}`);
const RANGE = new GoRegexp(`\\s*${CVG}\\s+-\\s+${CVG}\\s*`);

const semverArb = fc
  .array(fc.constantFrom('0', '1', '12', '.', '-', '+', 'v', 'x', 'X', '*', '|', '=', '<', '>', '~', '^', '!', ' ', '\t', ',', 'a', 'B', '--'), { maxLength: 16 })
  .map((xs) => xs.join(''));

function span(m: number[], g: number): [number, number] | undefined {
  return m[2 * g] >= 0 ? [m[2 * g], m[2 * g + 1]] : undefined;
}

test('fuzz: semver scanners give the regexps\' matches and submatches', () => {
  check(
    'semver-scanners',
    fc.property(semverArb, (s) => {
      const lm = LOOSE.exec(s, 0);
      const ls = matchLooseVersion(s);
      assert.equal(ls !== undefined, lm !== undefined, `loose ${JSON.stringify(s)}`);
      if (lm && ls) {
        assert.deepEqual([ls.major, ls.minor, ls.patch, ls.pre, ls.meta], [span(lm, 1), span(lm, 2), span(lm, 3), span(lm, 4), span(lm, 7)]);
      }
      const cm = CONSTRAINT.exec(s, 0);
      const cs = matchConstraint(s);
      assert.equal(cs !== undefined, cm !== undefined, `constraint ${JSON.stringify(s)}`);
      if (cm && cs) {
        assert.deepEqual(
          [cs.op, [cs.cv.start, cs.cv.end], cs.cv.major, cs.cv.minor, cs.cv.patch, cs.cv.pre],
          [span(cm, 1), span(cm, 2), span(cm, 3), span(cm, 4), span(cm, 5), span(cm, 6)],
          `constraint ${JSON.stringify(s)}`,
        );
      }
      assert.deepEqual(findConstraints(s), FIND.findAll(s, -1).map((m) => [m[0], m[1]]), `find ${JSON.stringify(s)}`);
      for (const m of RANGE.findAll(s, -1, true)) {
        assert.deepEqual(rangeParts(s, m[0], m[1]), [span(m, 1), span(m, 11)], `range ${JSON.stringify(s)}`);
      }
    }),
    runs(2000),
  );
});
