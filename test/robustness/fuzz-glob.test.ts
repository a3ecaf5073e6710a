// Glob fuzzing (issue 15 item 3): random patterns with many stars, classes and alternatives.
// On short names the linear matchers agree with trusted backtracking references (a RegExp built
// from the gobwas syntax; a direct recursive reading of Go's filepath.Match spec restricted to
// ASCII, where Go's byte-level '*' and the spec coincide); on long names they finish within a
// generous bound. Small default runs; FUZZ_RUNS scales them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BadPatternError, goMatch } from '../../server/src/chart/gomatch';
import { GlobError, compileGlob } from '../../server/src/helm/glob';
import { SEED, runs } from './gen';

// --- references (backtracking; fine on short inputs) -----------------------------------------

function escRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** gobwasRegExp is the RegExp translation the matcher used before the NFA (negated class fixed). */
function gobwasRegExp(pattern: string): RegExp | undefined {
  const chars = [...pattern];
  let i = 0;
  const parse = (inAlt: boolean): string | undefined => {
    let out = '';
    while (i < chars.length) {
      const c = chars[i];
      if (inAlt && (c === ',' || c === '}')) return out;
      i++;
      if (c === '\\') {
        if (i >= chars.length) return undefined;
        out += escRe(chars[i++]);
      } else if (c === '*') {
        if (chars[i] === '*') {
          while (chars[i] === '*') i++;
          out += '[\\s\\S]*';
        } else out += '[^/]*';
      } else if (c === '?') out += '[^/]';
      else if (c === '[') {
        let neg = false;
        if (chars[i] === '!') {
          neg = true;
          i++;
        }
        let body = '';
        let n = 0;
        while (i < chars.length && chars[i] !== ']') {
          let lo = chars[i++];
          if (lo === '\\') lo = chars[i++] ?? '';
          if (chars[i] === '-' && chars[i + 1] !== undefined && chars[i + 1] !== ']') {
            i++;
            let hi = chars[i++];
            if (hi === '\\') hi = chars[i++] ?? '';
            if (hi < lo) return undefined;
            body += `${escRe(lo)}-${escRe(hi)}`;
          } else body += escRe(lo);
          n++;
        }
        if (i >= chars.length || n === 0) return undefined;
        i++;
        out += neg ? `[^${body}]` : `[${body}]`;
      } else if (c === '{') {
        const alts: string[] = [];
        for (;;) {
          const a = parse(true);
          if (a === undefined) return undefined;
          alts.push(a);
          if (i >= chars.length) return undefined;
          if (chars[i++] === '}') break;
        }
        out += `(?:${alts.join('|')})`;
      } else out += escRe(c);
    }
    if (inAlt) return undefined;
    return out;
  };
  const body = parse(false);
  return body === undefined ? undefined : new RegExp(`^${body}$`);
}

/** specMatch reads Go's filepath.Match grammar literally (ASCII): true/false, or 'bad'. */
function specMatch(p: string, s: string): boolean | 'bad' {
  // Go reports ErrBadPattern only for the parts it reads; compare answers on valid patterns only.
  const rec = (pi: number, si: number): boolean => {
    if (pi === p.length) return si === s.length;
    const c = p[pi];
    if (c === '*') {
      for (let k = si; ; k++) {
        if (rec(pi + 1, k)) return true;
        if (k >= s.length || s[k] === '/') return false;
      }
    }
    if (si >= s.length) return false;
    if (c === '?') return s[si] !== '/' && rec(pi + 1, si + 1);
    if (c === '[') {
      let j = pi + 1;
      const neg = p[j] === '^';
      if (neg) j++;
      let hit = false;
      let first = true;
      while (first || p[j] !== ']') {
        first = false;
        let lo = p[j];
        if (lo === '\\') lo = p[++j];
        j++;
        let hi = lo;
        if (p[j] === '-') {
          hi = p[++j];
          if (hi === '\\') hi = p[++j];
          j++;
        }
        if (lo <= s[si] && s[si] <= hi) hit = true;
      }
      return hit !== neg && rec(j + 1, si + 1);
    }
    const lit = c === '\\' ? p[pi + 1] : c;
    return s[si] === lit && rec(pi + (c === '\\' ? 2 : 1), si + 1);
  };
  return rec(0, 0);
}

/** wellFormed: every class closed and non-empty, no trailing '\' (then Go never errors). */
function wellFormed(p: string): boolean {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') {
      if (++i >= p.length) return false;
    } else if (p[i] === '[') {
      i++;
      if (p[i] === '^') i++;
      let n = 0;
      for (;;) {
        if (p[i] === ']' && n > 0) break;
        if (i >= p.length || p[i] === '-' || p[i] === ']') return false;
        if (p[i] === '\\') i++;
        i++;
        if (i >= p.length) return false;
        if (p[i] === '-') {
          i++;
          if (i >= p.length || p[i] === '-' || p[i] === ']') return false;
          if (p[i] === '\\') i++;
          i++;
          if (i >= p.length) return false;
        }
        n++;
      }
    }
  }
  return true;
}

// --- generators --------------------------------------------------------------------------------

const nameChar = fc.constantFrom('a', 'b', 'c', '/', '.', '-', ']');
const shortName = fc.array(nameChar, { maxLength: 10 }).map((a) => a.join(''));
const longName = fc.array(fc.constantFrom('a', 'b', 'a', 'a', '/'), { minLength: 150, maxLength: 400 }).map((a) => a.join(''));

const classArb = fc
  .tuple(fc.boolean(), fc.array(fc.constantFrom('a', 'b', 'c', 'a-c', 'b-b', '/', '.'), { minLength: 1, maxLength: 3 }))
  .map(([neg, items]) => ({ neg, items }));
const goToken = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('*', '*', '**', '?') },
  { weight: 3, arbitrary: fc.constantFrom('a', 'b', 'c', '/', '.', '\\*', '\\a') },
  { weight: 1, arbitrary: classArb.map((c) => `[${c.neg ? '^' : ''}${c.items.join('')}]`) },
  { weight: 1, arbitrary: fc.constantFrom('[', ']', '\\', '[]', '[^]', '[-a]', '[a-]') },
);
const gobwasToken: fc.Arbitrary<string> = fc.letrec<{ tok: string; seq: string }>((tie) => ({
  tok: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('*', '*', '**', '?') },
    { weight: 3, arbitrary: fc.constantFrom('a', 'b', 'c', '/', '.', ',', '}', '\\*', '\\a') },
    { weight: 1, arbitrary: classArb.map((c) => `[${c.neg ? '!' : ''}${c.items.join('')}]`) },
    { weight: 1, arbitrary: fc.array(tie('seq'), { minLength: 1, maxLength: 3 }).map((alts) => `{${alts.join(',')}}`) },
    { weight: 1, arbitrary: fc.constantFrom('[', '{', '\\', '[]', '[c-a]') },
  ),
  seq: fc.array(tie('tok'), { maxLength: 4 }).map((a) => a.join('')),
})).tok;
const goPattern = fc.array(goToken, { maxLength: 12 }).map((a) => a.join(''));
const gobwasPattern = fc.array(gobwasToken, { maxLength: 12 }).map((a) => a.join(''));
const starHeavy = fc
  .array(fc.constantFrom('*a', '*b', '*?', '*[ab]', '*[^/]', 'a', '*'), { minLength: 8, maxLength: 30 })
  .map((a) => a.join(''));

const N = runs(300);
const BOUND_MS = 2_000;

test('filepath.Match port agrees with the spec on short ASCII names', () => {
  fc.assert(
    fc.property(goPattern, shortName, (p, s) => {
      let got: boolean | 'bad';
      try {
        got = goMatch(p, s);
      } catch (e) {
        assert.ok(e instanceof BadPatternError);
        got = 'bad';
      }
      if (!wellFormed(p)) return; // Go's lazy syntax check: answers on malformed patterns vary by name.
      // Go never backtracks into an earlier chunk; that equals the spec unless a class can eat a
      // '/' that a later star needed to avoid (`*[^a]*` on "b/" is false in Go, true by the spec).
      if (p.includes('[') && s.includes('/')) return;
      assert.equal(got, specMatch(p, s), `${JSON.stringify(p)} ~ ${JSON.stringify(s)}`);
    }),
    { seed: SEED, numRuns: N },
  );
});

test('gobwas NFA agrees with the RegExp translation on short names', () => {
  fc.assert(
    fc.property(gobwasPattern, shortName, (p, s) => {
      const re = gobwasRegExp(p);
      let nfa;
      try {
        nfa = compileGlob(p);
      } catch (e) {
        assert.ok(e instanceof GlobError);
        assert.equal(re, undefined, `NFA refused ${JSON.stringify(p)}`);
        return;
      }
      assert.ok(re !== undefined, `reference refused ${JSON.stringify(p)}`);
      assert.equal(nfa.matches(s), re.test(s), `${JSON.stringify(p)} ~ ${JSON.stringify(s)}`);
    }),
    { seed: SEED, numRuns: N },
  );
});

test('star-heavy patterns on long names finish in bounded time (both matchers)', () => {
  fc.assert(
    fc.property(fc.oneof(starHeavy, goPattern, gobwasPattern), longName, (p, s) => {
      const t0 = Date.now();
      try {
        goMatch(p, s);
        goMatch(p + 'b', s);
      } catch (e) {
        assert.ok(e instanceof BadPatternError);
      }
      const gp = p.replace(/\[\^/g, '[!');
      try {
        const nfa = compileGlob(gp);
        nfa.matches(s);
        compileGlob(`**${gp}**c`).matches(s);
      } catch (e) {
        assert.ok(e instanceof GlobError);
      }
      const ms = Date.now() - t0;
      assert.ok(ms < BOUND_MS, `${JSON.stringify(p)} on a ${s.length}-char name took ${ms} ms`);
    }),
    { seed: SEED, numRuns: Math.max(20, Math.floor(N / 5)) },
  );
});
