// Go's path/filepath.Match (Unix: separator '/', '\\' escapes), ported line by line so that
// .helmignore rules and `--show-only` match exactly as Helm does — including its byte-level
// quirks: a '*' skips bytes (so `*??` matches "日", whose last two bytes decode as two
// RuneErrors), a class also matches '/', and the rest of the pattern after a failing chunk is not
// checked for syntax errors.
//
// Cost: Go's algorithm never backtracks over more than one chunk: each chunk (the text between
// stars) is tried at each start position of the name once, so a match is O(len(name) ×
// len(pattern)) — `*a*a*a*a*a*a*a*a*a*a*a*a*b` against a long name is as fast as `*b`.
import { utf8Encode } from '../template/value';

/** BadPatternError is Go's path/filepath.ErrBadPattern. */
export class BadPatternError extends Error {
  constructor() {
    super('syntax error in pattern');
  }
}

const STAR = 0x2a;
const QUESTION = 0x3f;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const BACKSLASH = 0x5c;
const CARET = 0x5e;
const DASH = 0x2d;
const SLASH = 0x2f;
const RUNE_ERROR = 0xfffd;

// matchChunk results that are not a position.
const FAIL = -1;
const BAD = -2;

/** decodeRune is utf8.DecodeRune on b[i:end]: [rune, size]; invalid input is [RuneError, 1]. */
export function decodeRune(b: Uint8Array, i: number, end: number = b.length): [number, number] {
  if (i >= end) return [RUNE_ERROR, 0];
  const c0 = b[i];
  if (c0 < 0x80) return [c0, 1];
  const cont = (j: number, lo = 0x80, hi = 0xbf): number => (i + j < end && b[i + j] >= lo && b[i + j] <= hi ? b[i + j] & 0x3f : -1);
  if (c0 >= 0xc2 && c0 <= 0xdf) {
    const c1 = cont(1);
    return c1 < 0 ? [RUNE_ERROR, 1] : [((c0 & 0x1f) << 6) | c1, 2];
  }
  if (c0 >= 0xe0 && c0 <= 0xef) {
    // E0 needs A0..BF (no overlong forms), ED needs 80..9F (no surrogates).
    const c1 = cont(1, c0 === 0xe0 ? 0xa0 : 0x80, c0 === 0xed ? 0x9f : 0xbf);
    const c2 = c1 < 0 ? -1 : cont(2);
    return c2 < 0 ? [RUNE_ERROR, 1] : [((c0 & 0x0f) << 12) | (c1 << 6) | c2, 3];
  }
  if (c0 >= 0xf0 && c0 <= 0xf4) {
    const c1 = cont(1, c0 === 0xf0 ? 0x90 : 0x80, c0 === 0xf4 ? 0x8f : 0xbf);
    const c2 = c1 < 0 ? -1 : cont(2);
    const c3 = c2 < 0 ? -1 : cont(3);
    return c3 < 0 ? [RUNE_ERROR, 1] : [((c0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3, 4];
  }
  return [RUNE_ERROR, 1];
}

/** getEsc reads a possibly escaped class character of p[i:end]: [rune, next] or undefined (bad). */
function getEsc(p: Uint8Array, i: number, end: number): [number, number] | undefined {
  if (i >= end || p[i] === DASH || p[i] === RBRACKET) return undefined;
  if (p[i] === BACKSLASH) {
    i++;
    if (i >= end) return undefined;
  }
  const [r, n] = decodeRune(p, i, end);
  if (r === RUNE_ERROR && n === 1) return undefined;
  if (i + n >= end) return undefined;
  return [r, i + n];
}

/**
 * matchChunk checks whether the chunk p[cs:ce] (no stars) matches the start of s[si:]: the
 * position after the match, FAIL, or BAD. After a mismatch it keeps reading the chunk to report a
 * malformed one, as Go does.
 */
function matchChunk(p: Uint8Array, cs: number, ce: number, s: Uint8Array, si: number): number {
  let failed = false;
  let c = cs;
  while (c < ce) {
    failed = failed || si >= s.length;
    const pc = p[c];
    if (pc === LBRACKET) {
      let r = 0;
      if (!failed) {
        const [rr, n] = decodeRune(s, si);
        r = rr;
        si += n;
      }
      c++;
      let negated = false;
      if (c < ce && p[c] === CARET) {
        negated = true;
        c++;
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (c < ce && p[c] === RBRACKET && nrange > 0) {
          c++;
          break;
        }
        const lo = getEsc(p, c, ce);
        if (lo === undefined) return BAD;
        c = lo[1];
        let hi = lo[0];
        if (p[c] === DASH) {
          const h = getEsc(p, c + 1, ce);
          if (h === undefined) return BAD;
          hi = h[0];
          c = h[1];
        }
        match = match || (lo[0] <= r && r <= hi);
        nrange++;
      }
      failed = failed || match === negated;
    } else if (pc === QUESTION) {
      if (!failed) {
        failed = s[si] === SLASH;
        si += decodeRune(s, si)[1];
      }
      c++;
    } else {
      if (pc === BACKSLASH) {
        c++;
        if (c >= ce) return BAD;
      }
      if (!failed) {
        failed = p[c] !== s[si];
        si++;
      }
      c++;
    }
  }
  return failed ? FAIL : si;
}

/** matchBytes is filepath.Match on UTF-8 bytes; throws BadPatternError where Go returns it. */
export function matchBytes(p: Uint8Array, s: Uint8Array): boolean {
  let pi = 0;
  let si = 0;
  chunks: while (pi < p.length) {
    // scanChunk
    let star = false;
    while (pi < p.length && p[pi] === STAR) {
      pi++;
      star = true;
    }
    let inrange = false;
    let i = pi;
    for (; i < p.length; i++) {
      const b = p[i];
      if (b === BACKSLASH) {
        if (i + 1 < p.length) i++;
      } else if (b === LBRACKET) inrange = true;
      else if (b === RBRACKET) inrange = false;
      else if (b === STAR && !inrange) break;
    }
    const cs = pi;
    const ce = i;
    pi = i;
    if (star && cs === ce) {
      // A trailing star matches the rest unless it holds a '/'.
      return s.indexOf(SLASH, si) < 0;
    }
    const t = matchChunk(p, cs, ce, s, si);
    if (t >= 0 && (t === s.length || pi < p.length)) {
      si = t;
      continue;
    }
    if (t === BAD) throw new BadPatternError();
    if (star) {
      // Skip i+1 bytes (never a '/') and try the chunk again.
      for (let k = si; k < s.length && s[k] !== SLASH; k++) {
        const t2 = matchChunk(p, cs, ce, s, k + 1);
        if (t2 >= 0) {
          // The last chunk must use up the name.
          if (pi === p.length && t2 < s.length) continue;
          si = t2;
          continue chunks;
        }
        if (t2 === BAD) throw new BadPatternError();
      }
    }
    return false;
  }
  return si === s.length;
}

/** goMatch is Go's filepath.Match(pattern, name); throws BadPatternError for ErrBadPattern. */
export function goMatch(pattern: string, name: string): boolean {
  return matchBytes(utf8Encode(pattern), utf8Encode(name));
}
