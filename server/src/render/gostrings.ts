// Small Go standard-library string helpers the renderer needs with Go's exact semantics
// (strings.TrimSpace, path/filepath.Match, log/slog text quoting).
import { quote } from '../template/fmt';
import { BadPatternError, goMatch } from '../chart/gomatch';

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
 * filepathMatch is path/filepath.Match on a Unix system (chart/gomatch.ts). A malformed pattern
 * (Go's ErrBadPattern) reports false, as Helm ignores that error.
 */
export function filepathMatch(pattern: string, name: string): boolean {
  try {
    return goMatch(pattern, name);
  } catch (e) {
    if (e instanceof BadPatternError) return false;
    throw e;
  }
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
