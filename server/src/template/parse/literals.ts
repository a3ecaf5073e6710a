// Go literal handling the template parser relies on: strconv.Unquote/UnquoteChar/Quote, strconv.ParseInt/
// ParseUint/ParseFloat with base 0, and parse.NumberNode's typing rules (node.go newNumber).

import { utf8Decode } from '../value';

const printRe = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** isPrint approximates Go's strconv.IsPrint (letters, marks, numbers, punctuation, symbols, ASCII space). */
export function isPrint(c: number): boolean {
  if (c < 0x80) return c >= 0x20 && c < 0x7f;
  return printRe.test(String.fromCodePoint(c));
}

/** formatRuneU is Go's `%#U`: `U+002D '-'` (the quoted char only when printable). */
export function formatRuneU(c: number): string {
  const hex = c.toString(16).toUpperCase().padStart(4, '0');
  return isPrint(c) ? `U+${hex} '${String.fromCodePoint(c)}'` : `U+${hex}`;
}

/** goQuote is Go's strconv.Quote (also fmt's %q for strings). */
export function goQuote(s: string): string {
  const parts: string[] = ['"'];
  for (const ch of s) {
    let c = ch.codePointAt(0) as number;
    if (c === 0x22 || c === 0x5c) {
      parts.push('\\', ch);
      continue;
    }
    if (isPrint(c)) {
      parts.push(ch);
      continue;
    }
    switch (c) {
      case 0x07: parts.push('\\a'); continue;
      case 0x08: parts.push('\\b'); continue;
      case 0x0c: parts.push('\\f'); continue;
      case 0x0a: parts.push('\\n'); continue;
      case 0x0d: parts.push('\\r'); continue;
      case 0x09: parts.push('\\t'); continue;
      case 0x0b: parts.push('\\v'); continue;
    }
    if (c < 0x20 || c === 0x7f) {
      parts.push('\\x', c.toString(16).padStart(2, '0'));
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate: not a valid rune
    if (c < 0x10000) parts.push('\\u', c.toString(16).padStart(4, '0'));
    else parts.push('\\U', c.toString(16).padStart(8, '0'));
  }
  parts.push('"');
  return parts.join('');
}

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return 99;
}

interface Unquoted {
  /** The code point (multibyte) or byte value. */
  readonly value: number;
  /** false for \x and octal escapes, which denote raw bytes. */
  readonly multibyte: boolean;
  readonly next: number;
}

/** unquoteChar is Go's strconv.UnquoteChar on s at index i; null = ErrSyntax. */
export function unquoteChar(s: string, i: number, quote: number): Unquoted | null {
  let c = s.charCodeAt(i);
  if (c === quote && (quote === 0x27 || quote === 0x22)) return null;
  if (c >= 0x80) {
    const cp = s.codePointAt(i) as number;
    return { value: cp, multibyte: true, next: i + (cp > 0xffff ? 2 : 1) };
  }
  if (c !== 0x5c) return { value: c, multibyte: false, next: i + 1 };
  if (i + 1 >= s.length) return null;
  c = s.charCodeAt(i + 1);
  i += 2;
  switch (c) {
    case 0x61: return { value: 7, multibyte: false, next: i };
    case 0x62: return { value: 8, multibyte: false, next: i };
    case 0x66: return { value: 12, multibyte: false, next: i };
    case 0x6e: return { value: 10, multibyte: false, next: i };
    case 0x72: return { value: 13, multibyte: false, next: i };
    case 0x74: return { value: 9, multibyte: false, next: i };
    case 0x76: return { value: 11, multibyte: false, next: i };
    case 0x78: // x
    case 0x75: // u
    case 0x55: { // U
      const n = c === 0x78 ? 2 : c === 0x75 ? 4 : 8;
      if (s.length - i < n) return null;
      let v = 0;
      for (let j = 0; j < n; j++) {
        const d = hexVal(s.charCodeAt(i + j));
        if (d > 15) return null;
        v = v * 16 + d;
      }
      i += n;
      if (c === 0x78) return { value: v, multibyte: false, next: i }; // single byte
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return null; // !utf8.ValidRune
      return { value: v, multibyte: true, next: i };
    }
    case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: case 0x36: case 0x37: {
      let v = c - 0x30;
      if (s.length - i < 2) return null;
      for (let j = 0; j < 2; j++) {
        const d = s.charCodeAt(i + j) - 0x30;
        if (d < 0 || d > 7) return null;
        v = v * 8 + d;
      }
      i += 2;
      if (v > 255) return null;
      return { value: v, multibyte: false, next: i };
    }
    case 0x5c: return { value: 0x5c, multibyte: false, next: i };
    case 0x27:
    case 0x22:
      if (c !== quote) return null;
      return { value: c, multibyte: false, next: i };
  }
  return null;
}

function pushUTF8(out: number[], cp: number): void {
  if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}


/**
 * unquote is Go's strconv.Unquote for "..." and `...` literals; null = "invalid syntax".
 * Raw strings drop every '\r' (Go does). Escapes producing non-UTF-8 bytes ("\x80") keep each
 * invalid byte as a lone surrogate (utf8Decode, the project's surrogateescape mapping).
 */
export function unquote(q: string): string | null {
  const n = q.length;
  if (n < 2) return null;
  const quote = q.charCodeAt(0);
  if (quote !== q.charCodeAt(n - 1)) return null;
  const body = q.slice(1, n - 1);
  if (quote === 0x60) {
    if (body.includes('`')) return null;
    return body.includes('\r') ? body.replaceAll('\r', '') : body;
  }
  if (quote !== 0x22 && quote !== 0x27) return null;
  if (body.includes('\n')) return null;
  if (!body.includes('\\') && !body.includes(String.fromCharCode(quote))) return body;
  const bytes: number[] = [];
  let i = 0;
  while (i < body.length) {
    const u = unquoteChar(body, i, quote);
    if (u === null) return null;
    i = u.next;
    if (u.value < 0x80 || !u.multibyte) bytes.push(u.value);
    else pushUTF8(bytes, u.value);
    if (quote === 0x27 && i !== body.length) return null;
  }
  return utf8Decode(new Uint8Array(bytes));
}

const MAX_U64 = (1n << 64n) - 1n;
const TWO63 = 1n << 63n;

/** underscoreOK is Go's strconv.underscoreOK: underscores only between digits (or after a base prefix). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0') {
    const l = s[1].toLowerCase();
    if (l === 'b' || l === 'o' || l === 'x') {
      i = 2;
      saw = '0';
      hex = l === 'x';
    }
  }
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (hex && hexVal(c) < 16)) {
      saw = '0';
      continue;
    }
    if (c === 0x5f) {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** parseUint0 is strconv.ParseUint(s, 0, 64); null on any error. */
export function parseUint0(s0: string): bigint | null {
  let s = s0;
  if (s.length === 0) return null;
  let base = 10;
  if (s[0] === '0') {
    const l = s.length >= 3 ? s[1].toLowerCase() : '';
    if (l === 'b') { base = 2; s = s.slice(2); }
    else if (l === 'o') { base = 8; s = s.slice(2); }
    else if (l === 'x') { base = 16; s = s.slice(2); }
    else { base = 8; s = s.slice(1); }
  }
  // Fast path: short plain decimal.
  if (base === 10 && s.length <= 15 && /^[0-9]+$/.test(s)) return BigInt(s);
  let n = 0n;
  const b = BigInt(base);
  let underscores = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5f) {
      underscores = true;
      continue;
    }
    const d = hexVal(c);
    if (d >= base) return null;
    n = n * b + BigInt(d);
    if (n > MAX_U64) return null;
  }
  if (underscores && !underscoreOK(s0)) return null;
  return n;
}

/** parseInt0 is strconv.ParseInt(s, 0, 64); null on any error. */
export function parseInt0(s: string): bigint | null {
  if (s.length === 0) return null;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  const u = parseUint0(s);
  if (u === null) return null;
  if (!neg && u >= TWO63) return null;
  if (neg && u > TWO63) return null;
  return neg ? -u : u;
}

function pow2(v: number, e: number): number {
  while (e > 1000) { v *= 2 ** 1000; e -= 1000; }
  while (e < -1000) { v *= 2 ** -1000; e += 1000; }
  return v * 2 ** e;
}

/** parseFloatGo is strconv.ParseFloat(s, 64) for decimal and hex floats; null on syntax or range error. */
export function parseFloatGo(s: string): number | null {
  const n = s.length;
  let i = 0;
  let neg = false;
  if (i < n && (s[i] === '+' || s[i] === '-')) {
    neg = s[i] === '-';
    i++;
  }
  let base = 10;
  if (i + 1 < n && s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    base = 16;
    i += 2;
  }
  const mant: string[] = [];
  let sawDigits = false;
  let sawDot = false;
  let underscores = false;
  let frac = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5f) {
      underscores = true;
      continue;
    }
    if (c === 0x2e) {
      if (sawDot) break;
      sawDot = true;
      continue;
    }
    if (hexVal(c) < base) {
      sawDigits = true;
      mant.push(s[i]);
      if (sawDot) frac++;
      continue;
    }
    break;
  }
  if (!sawDigits) return null;
  let exp = 0;
  const e = i < n ? s[i].toLowerCase() : '';
  if ((base === 10 && e === 'e') || (base === 16 && e === 'p')) {
    i++;
    let esign = 1;
    if (i < n && (s[i] === '+' || s[i] === '-')) {
      esign = s[i] === '-' ? -1 : 1;
      i++;
    }
    if (i >= n || s.charCodeAt(i) < 0x30 || s.charCodeAt(i) > 0x39) return null;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x5f) {
        underscores = true;
        continue;
      }
      if (c < 0x30 || c > 0x39) break;
      if (exp < 100000) exp = exp * 10 + (c - 0x30);
    }
    exp *= esign;
  } else if (base === 16) {
    return null; // hexadecimal mantissa requires a 'p' exponent
  }
  if (i !== n) return null;
  if (underscores && !underscoreOK(s)) return null;
  let v: number;
  if (base === 10) v = Number(`${mant.join('')}e${exp - frac}`);
  else v = pow2(Number(BigInt('0x' + mant.join(''))), exp - 4 * frac);
  if (!Number.isFinite(v)) return null;
  return neg ? -v : v;
}

/** NumberValue holds every interpretation Go's parser computes for a numeric constant. */
export interface NumberValue {
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64: bigint;
  uint64: bigint;
  float64: number;
  complex: { re: number; im: number };
}

function emptyNumber(): NumberValue {
  return {
    isInt: false, isUint: false, isFloat: false, isComplex: false,
    int64: 0n, uint64: 0n, float64: 0, complex: { re: 0, im: 0 },
  };
}

function isIntFloat(f: number): boolean {
  return Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63;
}

function isUintFloat(f: number): boolean {
  return Number.isInteger(f) && f >= 0 && f < 2 ** 64;
}

/** simplifyComplex pulls out the other types a complex value with zero imaginary part represents. */
function simplifyComplex(n: NumberValue): void {
  n.isFloat = n.complex.im === 0;
  if (n.isFloat) {
    const f = n.complex.re;
    n.float64 = f;
    n.isInt = isIntFloat(f);
    if (n.isInt) n.int64 = BigInt(f);
    n.isUint = isUintFloat(f);
    if (n.isUint) n.uint64 = BigInt(f);
  }
}

/** parseComplex reads `re±imi` the way fmt.Sscan fills a complex128 (the lexer guarantees that shape). */
function parseComplex(text: string): { re: number; im: number } | null {
  let s = text;
  if (s.startsWith('(') && s.endsWith(')')) s = s.slice(1, -1);
  if (!s.endsWith('i')) return null;
  for (let k = s.length - 2; k > 0; k--) {
    const c = s[k];
    if (c !== '+' && c !== '-') continue;
    const p = s[k - 1];
    if (p === 'e' || p === 'E' || p === 'p' || p === 'P') continue;
    const re = parseFloatGo(s.slice(0, k));
    const im = parseFloatGo(s.slice(k, -1));
    if (re === null || im === null) return null;
    return { re, im };
  }
  return null;
}

/** NumberKind is the lexical kind of a numeric token. */
export type NumberKind = 'number' | 'char' | 'complex';

/** parseNumber is Go's (*Tree).newNumber: the typed interpretations of a numeric literal, or Go's error text. */
export function parseNumber(text: string, kind: NumberKind): NumberValue | string {
  const n = emptyNumber();
  if (kind === 'char') {
    const u = text.length >= 2 ? unquoteChar(text, 1, 0x27) : null;
    if (u === null) return 'invalid syntax';
    if (text.slice(u.next) !== "'") return `malformed character constant: ${text}`;
    n.int64 = BigInt(u.value);
    n.isInt = true;
    n.uint64 = BigInt(u.value);
    n.isUint = true;
    n.float64 = u.value; // odd but those are the rules.
    n.isFloat = true;
    return n;
  }
  if (kind === 'complex') {
    const c = parseComplex(text);
    if (c === null) return `illegal number syntax: ${goQuote(text)}`;
    n.complex = c;
    n.isComplex = true;
    simplifyComplex(n);
    return n;
  }
  // Imaginary constants can only be complex unless they are zero.
  if (text.endsWith('i')) {
    const f = parseFloatGo(text.slice(0, -1));
    if (f !== null) {
      n.isComplex = true;
      n.complex = { re: 0, im: f };
      simplifyComplex(n);
      return n;
    }
  }
  // Do integer test first so we get 0x123 etc.
  const u = parseUint0(text); // will fail for -0; fixed below.
  if (u !== null) {
    n.isUint = true;
    n.uint64 = u;
  }
  const i = parseInt0(text);
  if (i !== null) {
    n.isInt = true;
    n.int64 = i;
    if (i === 0n) {
      n.isUint = true; // in case of -0.
      n.uint64 = u ?? 0n;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = Number(n.int64);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = Number(n.uint64);
  } else {
    const f = parseFloatGo(text);
    if (f !== null) {
      // A float that looks like an integer is a huge number too large to fit in an int: reject it.
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
      n.isFloat = true;
      n.float64 = f;
      if (!n.isInt && isIntFloat(f)) {
        n.isInt = true;
        n.int64 = BigInt(f);
      }
      if (!n.isUint && isUintFloat(f)) {
        n.isUint = true;
        n.uint64 = BigInt(f);
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return `illegal number syntax: ${goQuote(text)}`;
  return n;
}
