// Small Go standard-library string helpers the renderer needs with Go's exact semantics
// (strings.TrimSpace, path/filepath.Match, log/slog text quoting).
import { quote } from '../template/fmt';

/** isGoSpace reports whether the code point is unicode.IsSpace in Go. */
export function isGoSpace(c: number): boolean {
  // Go's unicode.IsSpace: '\t', '\n', '\v', '\f', '\r', ' ', U+0085, U+00A0 and the Z category
  // space separators. Note: unlike JS's trim(), U+FEFF (BOM) is NOT a space in Go.
  switch (c) {
    case 0x09:
    case 0x0a:
    case 0x0b:
    case 0x0c:
    case 0x0d:
    case 0x20:
    case 0x85:
    case 0xa0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x3000:
      return true;
  }
  return c >= 0x2000 && c <= 0x200a;
}

/** goTrimSpace is strings.TrimSpace (Go's notion of white space, not JS's). */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s.charCodeAt(start))) start++;
  while (end > start && isGoSpace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/**
 * filepathMatch is path/filepath.Match on a Unix system: `*` matches any run of non-'/'
 * characters, `?` one non-'/' character, `[...]` a class (`^` negates, `a-z` ranges, `\` escapes).
 * A malformed pattern (Go's ErrBadPattern) reports false, as Helm ignores that error.
 */
export function filepathMatch(pattern: string, name: string): boolean {
  const p = [...pattern];
  const s = [...name];
  return matchFrom(p, 0, s, 0) === true;
}

// matchFrom returns true/false, or null for a bad pattern.
function matchFrom(p: string[], pi: number, s: string[], si: number): boolean | null {
  while (pi < p.length) {
    const c = p[pi];
    if (c === '*') {
      // Collapse consecutive stars; try every split that does not cross '/'.
      while (pi < p.length && p[pi] === '*') pi++;
      if (pi === p.length) return !s.slice(si).includes('/');
      for (let k = si; k <= s.length; k++) {
        const r = matchFrom(p, pi, s, k);
        if (r === null) return null;
        if (r) return true;
        if (k < s.length && s[k] === '/') break;
      }
      // Go still validates the rest of the pattern; a bad pattern reports false either way.
      return false;
    }
    if (si >= s.length) {
      return validateRest(p, pi) ? false : null;
    }
    const ch = s[si];
    if (c === '?') {
      if (ch === '/') return false;
      pi++;
      si++;
      continue;
    }
    if (c === '[') {
      const r = matchClass(p, pi + 1, ch);
      if (r === null) return null;
      if (!r.ok) return false;
      pi = r.next;
      si++;
      continue;
    }
    let lit = c;
    if (c === '\\') {
      pi++;
      if (pi >= p.length) return null;
      lit = p[pi];
    }
    if (lit !== ch) return false;
    pi++;
    si++;
  }
  return si === s.length;
}

function validateRest(p: string[], pi: number): boolean {
  for (let i = pi; i < p.length; i++) {
    if (p[i] === '\\') {
      i++;
      if (i >= p.length) return false;
    } else if (p[i] === '[') {
      const r = matchClass(p, i + 1, '\u0000');
      if (r === null) return false;
      i = r.next - 1;
    }
  }
  return true;
}

function matchClass(p: string[], i: number, ch: string): { ok: boolean; next: number } | null {
  let negated = false;
  if (i < p.length && p[i] === '^') {
    negated = true;
    i++;
  }
  let matched = false;
  let n = 0;
  for (;;) {
    if (i < p.length && p[i] === ']' && n > 0) {
      i++;
      break;
    }
    const lo = classChar(p, i);
    if (lo === null) return null;
    i = lo.next;
    let hi = lo.ch;
    if (i < p.length && p[i] === '-') {
      const h = classChar(p, i + 1);
      if (h === null) return null;
      hi = h.ch;
      i = h.next;
    }
    if (lo.ch <= ch && ch <= hi) matched = true;
    n++;
  }
  return { ok: matched !== negated, next: i };
}

function classChar(p: string[], i: number): { ch: string; next: number } | null {
  if (i >= p.length) return null;
  const c = p[i];
  if (c === '-' || c === ']') return null;
  if (c === '\\') {
    if (i + 1 >= p.length) return null;
    return { ch: p[i + 1], next: i + 2 };
  }
  return { ch: c, next: i + 1 };
}

/** slogValue formats a value as log/slog's TextHandler does (quoted when needed). */
export function slogValue(s: string): string {
  let needs = s.length === 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '=' || ch === '"' || isGoSpace(c) || c < 0x20 || c === 0x7f) {
      needs = true;
      break;
    }
  }
  return needs ? quote(s) : s;
}
