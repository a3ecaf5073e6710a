// Go's strconv, the parts template printing needs: FormatFloat ('e','E','f','g','G','b','x','X'
// with shortest round-trip digits or an explicit precision), Quote/QuoteToASCII/QuoteRune,
// CanBackquote, IsPrint (approximated) and Unquote of Go string literals.
//
// Floats: Go's shortest digits (Ryū) and JS's Number#toExponential() without argument both
// produce the shortest digit string that round-trips, choosing the closest one on ties, so the
// digits are taken from JS and only the layout is Go's. With an explicit precision Go rounds the
// *exact* binary value half-to-even (strconv/decimal.go shouldRoundUp, ftoaryu.go); JS's toFixed
// rounds ties up, so fixed precision is done here on the exact decimal expansion with BigInt.

/** FloatFmt is a strconv.FormatFloat format byte. */
export type FloatFmt = 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X';

/** Digits is a decimal digit string d (no trailing zeros) with value 0.d × 10^dp (Go's decimalSlice). */
interface Digits {
  d: string;
  dp: number;
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** floatBits returns the IEEE-754 bits of f. */
function floatBits(f: number): bigint {
  f64[0] = f;
  return u64[0];
}

/** shortestDigits returns the shortest round-trip digits of a > 0 (finite). */
function shortestDigits(a: number): Digits {
  const s = a.toExponential();
  const e = s.indexOf('e');
  const d = s.charCodeAt(1) === 46 /* . */ ? s[0] + s.slice(2, e) : s.slice(0, e);
  return { d, dp: Number(s.slice(e + 1)) + 1 };
}

/** exactDigits returns the exact decimal expansion of a >= 0 (finite). */
function exactDigits(a: number): Digits {
  if (a === 0) return { d: '', dp: 0 };
  let s: string;
  let dp: number;
  if (Number.isInteger(a)) {
    s = BigInt(a).toString();
    dp = s.length;
  } else {
    const bits = floatBits(a);
    const bexp = Number((bits >> 52n) & 0x7ffn);
    let mant = bits & 0xfffffffffffffn;
    let e: number;
    if (bexp === 0) e = -1074;
    else {
      mant |= 1n << 52n;
      e = bexp - 1075;
    }
    // Non-integers have e < 0: a = mant × 2^e = mant × 5^-e / 10^-e.
    s = (mant * 5n ** BigInt(-e)).toString();
    dp = s.length + e;
  }
  let n = s.length;
  while (n > 0 && s.charCodeAt(n - 1) === 48) n--;
  return { d: s.slice(0, n), dp };
}

/** roundDigits is Go's decimal.Round(nd): keep nd digits, rounding the exact value half-to-even. */
function roundDigits(x: Digits, nd: number): Digits {
  const { d } = x;
  if (nd < 0 || nd >= d.length) return x;
  const c = d.charCodeAt(nd);
  let up: boolean;
  if (c === 53 /* 5 */ && nd + 1 === d.length) {
    // Exactly halfway: round to even.
    up = nd > 0 && (d.charCodeAt(nd - 1) - 48) % 2 === 1;
  } else up = c >= 53;
  if (!up) {
    let n = nd;
    while (n > 0 && d.charCodeAt(n - 1) === 48) n--;
    return { d: d.slice(0, n), dp: x.dp };
  }
  let i = nd - 1;
  while (i >= 0 && d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  return { d: d.slice(0, i) + String.fromCharCode(d.charCodeAt(i) + 1), dp: x.dp };
}

/** fmtE is strconv's %e layout: d.ddddde±dd. */
function fmtE(neg: boolean, x: Digits, prec: number, ch: string): string {
  let s = neg ? '-' : '';
  s += x.d.length ? x.d[0] : '0';
  if (prec > 0) {
    s += '.';
    const m = Math.min(x.d.length, prec + 1);
    if (m > 1) s += x.d.slice(1, m);
    for (let i = Math.max(m, 1); i <= prec; i++) s += '0';
  }
  let exp = x.d.length === 0 ? 0 : x.dp - 1;
  let sign = '+';
  if (exp < 0) {
    sign = '-';
    exp = -exp;
  }
  return s + ch + sign + (exp < 10 ? '0' + exp : String(exp));
}

/** fmtF is strconv's %f layout: ddd.ddd. */
function fmtF(neg: boolean, x: Digits, prec: number): string {
  let s = neg ? '-' : '';
  if (x.dp > 0) {
    const m = Math.min(x.d.length, x.dp);
    s += x.d.slice(0, m);
    if (m < x.dp) s += '0'.repeat(x.dp - m);
  } else s += '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) {
      const j = x.dp + i;
      s += j >= 0 && j < x.d.length ? x.d[j] : '0';
    }
  }
  return s;
}

/** fmtB is strconv's %b layout: mantissa p binary-exponent. */
function fmtB(f: number): string {
  const bits = floatBits(f);
  const neg = bits >> 63n === 1n;
  const bexp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let exp: number;
  if (bexp === 0) exp = 1 - 1023;
  else {
    mant |= 1n << 52n;
    exp = bexp - 1023;
  }
  exp -= 52;
  return (neg ? '-' : '') + mant.toString() + 'p' + (exp >= 0 ? '+' : '') + exp;
}

const MASK60 = (1n << 60n) - 1n;
const MASK64 = (1n << 64n) - 1n;

/** fmtX is strconv's %x layout for floats: -0x1.yyyyp±dd (strconv/ftoa.go fmtX). */
function fmtX(f: number, prec: number, fmt: 'x' | 'X'): string {
  const bits = floatBits(f);
  const neg = bits >> 63n === 1n;
  const bexp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let exp: number;
  if (bexp === 0) exp = 1 - 1023;
  else {
    mant |= 1n << 52n;
    exp = bexp - 1023;
  }
  if (mant === 0n) exp = 0;
  // Shift digits so the leading 1 (if any) is at bit 1<<60.
  mant <<= 8n;
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = ((mant << shift) & MASK64) & MASK60;
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = fmt === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
  let s = (neg ? '-' : '') + '0' + fmt + String((mant >> 60n) & 1n);
  mant = (mant << 4n) & MASK64;
  if (prec < 0 && mant !== 0n) {
    s += '.';
    while (mant !== 0n) {
      s += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & MASK64;
    }
  } else if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) {
      s += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & MASK64;
    }
  }
  s += fmt === 'X' ? 'P' : 'p';
  let sign = '+';
  if (exp < 0) {
    sign = '-';
    exp = -exp;
  }
  return s + sign + (exp < 10 ? '0' + exp : String(exp));
}

/** formatFloat is strconv.FormatFloat(f, fmt, prec, 64); prec < 0 means shortest round-trip digits. */
export function formatFloat(f: number, fmt: FloatFmt, prec: number): string {
  if (fmt === 'b') return fmtB(f);
  if (fmt === 'x' || fmt === 'X') return fmtX(f, prec, fmt);
  if (f !== f) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const neg = f < 0 || Object.is(f, -0);
  const a = neg ? -f : f;
  let x: Digits;
  const shortest = prec < 0;
  if (shortest) {
    x = a === 0 ? { d: '', dp: 0 } : shortestDigits(a);
    switch (fmt) {
      case 'e':
      case 'E':
        prec = Math.max(x.d.length - 1, 0);
        break;
      case 'f':
        prec = Math.max(x.d.length - x.dp, 0);
        break;
      default:
        prec = x.d.length;
    }
  } else if (fmt === 'f') {
    const ex = exactDigits(a);
    x = roundDigits(ex, ex.dp + prec);
  } else {
    if ((fmt === 'g' || fmt === 'G') && prec === 0) prec = 1;
    x = roundDigits(exactDigits(a), fmt === 'e' || fmt === 'E' ? prec + 1 : prec);
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(neg, x, prec, fmt);
    case 'f':
      return fmtF(neg, x, prec);
    default: {
      // %e is used if the exponent from the conversion is less than -4 or greater than or
      // equal to the precision; for shortest output Go uses precision 6 for this decision.
      let eprec = prec;
      if (eprec > x.d.length && x.d.length >= x.dp) eprec = x.d.length;
      if (shortest) eprec = 6;
      const exp = x.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > x.d.length) prec = x.d.length;
        return fmtE(neg, x, prec - 1, fmt === 'g' ? 'e' : 'E');
      }
      if (prec > x.dp) prec = x.d.length;
      return fmtF(neg, x, Math.max(prec - x.dp, 0));
    }
  }
}

/**
 * formatFloatV is FormatFloat(f, 'g', -1, 64), i.e. fmt's %v of a float64, with a fast path:
 * for 1e-4 <= |f| < 1e21 JS and Go agree on the plain form, and below 1e6 Go keeps it plain.
 */
export function formatFloatV(f: number): string {
  const a = f < 0 ? -f : f;
  if (a >= 1e-4 && a < 1e6) return String(f);
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  if (a < 1e21 && Number.isInteger(a)) {
    // Integral values >= 1e6: String() gives all digits exactly; Go prints d.ddde+XX.
    const s = String(a);
    let n = s.length;
    while (s.charCodeAt(n - 1) === 48) n--;
    const exp = s.length - 1;
    return (f < 0 ? '-' : '') + s[0] + (n > 1 ? '.' + s.slice(1, n) : '') + (exp < 10 ? 'e+0' : 'e+') + exp;
  }
  return formatFloat(f, 'g', -1);
}

// ---------------------------------------------------------------------------------------------
// Quoting

// Go's unicode.IsPrint: letters, marks, numbers, punctuation and symbols, plus ASCII space.
// Approximated with the JS engine's Unicode property tables (Go 1.25 ships Unicode 15.0; Node's
// ICU may be a minor version newer, so newly assigned characters can differ).
const PRINT_RE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** isPrint is strconv.IsPrint (approximation via Unicode property classes; see PRINT_RE). */
export function isPrint(r: number): boolean {
  if (r <= 0xff) {
    if (r >= 0x20 && r <= 0x7e) return true;
    if (r >= 0xa1 && r <= 0xff) return r !== 0xad;
    return false;
  }
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return false;
  return PRINT_RE.test(String.fromCodePoint(r));
}

const HEX = '0123456789abcdef';

function hexPad(n: number, width: number): string {
  const s = n.toString(16);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

/** escapeRune appends Go's escaped form of rune r inside a quote of kind `q` (strconv appendEscapedRune). */
function escapeRune(r: number, q: number, asciiOnly: boolean): string {
  if (r === q || r === 92 /* \ */) return '\\' + String.fromCharCode(r);
  if (asciiOnly) {
    if (r < 0x80 && isPrint(r)) return String.fromCharCode(r);
  } else if (isPrint(r)) return String.fromCodePoint(r);
  switch (r) {
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 11:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return '\\x' + HEX[r >> 4] + HEX[r & 15];
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = 0xfffd;
  if (r < 0x10000) return '\\u' + hexPad(r, 4);
  return '\\U' + hexPad(r, 8);
}

/** quoteWith quotes s with quote char q (strconv appendQuotedWith). */
function quoteWith(s: string, q: number, asciiOnly: boolean): string {
  let out = String.fromCharCode(q);
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Fast path: printable ASCII other than the quote and backslash is copied as is.
    if (c >= 0x20 && c < 0x7f && c !== q && c !== 92) continue;
    if (i > start) out += s.slice(start, i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += escapeRune(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000, q, asciiOnly);
        i++;
        start = i + 1;
        continue;
      }
    }
    if (c >= 0xdc80 && c <= 0xdcff) {
      // A lone low surrogate U+DC80..U+DCFF stands for the invalid UTF-8 byte 0x80..0xFF
      // (Python's "surrogateescape" convention); Go escapes such a byte as \xNN.
      out += '\\x' + hexPad(c & 0xff, 2);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // Any other lone surrogate is invalid UTF-8 too; Go would escape each byte of its
      // 3-byte (WTF-8) encoding as \xNN.
      out += '\\x' + hexPad(0xe0 | (c >> 12), 2) + '\\x' + hexPad(0x80 | ((c >> 6) & 0x3f), 2) + '\\x' + hexPad(0x80 | (c & 0x3f), 2);
    } else out += escapeRune(c, q, asciiOnly);
    start = i + 1;
  }
  if (start < s.length) out += s.slice(start);
  return out + String.fromCharCode(q);
}

/** quote is strconv.Quote: a double-quoted Go string literal with non-printable runes escaped. */
export function quote(s: string): string {
  return quoteWith(s, 34, false);
}

/** quoteToASCII is strconv.QuoteToASCII: like quote but escapes every non-ASCII rune too. */
export function quoteToASCII(s: string): string {
  return quoteWith(s, 34, true);
}

/** quoteRune is strconv.QuoteRune: a single-quoted Go character literal (invalid runes → U+FFFD). */
export function quoteRune(r: number): string {
  if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = 0xfffd;
  return "'" + escapeRune(r, 39, false) + "'";
}

/** quoteRuneToASCII is strconv.QuoteRuneToASCII. */
export function quoteRuneToASCII(r: number): string {
  if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = 0xfffd;
  return "'" + escapeRune(r, 39, true) + "'";
}

/** canBackquote is strconv.CanBackquote: s can be a raw string literal (no control chars but tab, no ` or BOM). */
export function canBackquote(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 9) || c === 0x60 || c === 0x7f || c === 0xfeff) return false;
    if (c >= 0xd800 && c <= 0xdfff) {
      const paired = c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (!paired) return false; // invalid UTF-8 in Go
      i++;
    }
  }
  return true;
}

/** UnquoteError is strconv.ErrSyntax ("invalid syntax"). */
export class UnquoteError extends Error {
  constructor() {
    super('invalid syntax');
  }
}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

const textDecoder = new TextDecoder('utf-8');

/**
 * unquote is strconv.Unquote for "double-quoted", `raw` and 'c' literals. \x and octal escapes
 * produce raw bytes; the byte string is decoded as UTF-8 (invalid bytes become U+FFFD, since a JS
 * string cannot hold them). Throws UnquoteError on bad syntax.
 */
export function unquote(s: string): string {
  const n = s.length;
  if (n < 2) throw new UnquoteError();
  const q = s.charCodeAt(0);
  if (q !== s.charCodeAt(n - 1)) throw new UnquoteError();
  const body = s.slice(1, n - 1);
  if (q === 0x60) {
    if (body.includes('`')) throw new UnquoteError();
    // Carriage returns are discarded from raw strings.
    return body.includes('\r') ? body.replace(/\r/g, '') : body;
  }
  if (q !== 34 && q !== 39) throw new UnquoteError();
  if (body.includes('\n')) throw new UnquoteError();
  if (!body.includes('\\') && !body.includes(String.fromCharCode(q))) {
    if (q === 34) return body;
    // A character literal must hold exactly one rune.
    if ([...body].length === 1) return body;
    throw new UnquoteError();
  }
  let out = '';
  let bytes: number[] | null = null;
  const flush = () => {
    if (bytes) {
      out += textDecoder.decode(new Uint8Array(bytes));
      bytes = null;
    }
  };
  let runes = 0;
  for (let i = 0; i < body.length; ) {
    const c = body.charCodeAt(i);
    if (c === q) throw new UnquoteError();
    runes++;
    if (c !== 92) {
      flush();
      const cp = body.codePointAt(i) ?? c;
      const w = cp > 0xffff ? 2 : 1;
      out += body.slice(i, i + w);
      i += w;
      continue;
    }
    if (i + 1 >= body.length) throw new UnquoteError();
    const e = body[i + 1];
    i += 2;
    let cp = -1;
    switch (e) {
      case 'a':
        cp = 7;
        break;
      case 'b':
        cp = 8;
        break;
      case 'f':
        cp = 12;
        break;
      case 'n':
        cp = 10;
        break;
      case 'r':
        cp = 13;
        break;
      case 't':
        cp = 9;
        break;
      case 'v':
        cp = 11;
        break;
      case '\\':
        cp = 92;
        break;
      case "'":
      case '"':
        if (e.charCodeAt(0) !== q) throw new UnquoteError();
        cp = q;
        break;
      case 'x':
      case 'u':
      case 'U': {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        if (i + len > body.length) throw new UnquoteError();
        let v = 0;
        for (let k = 0; k < len; k++) {
          const h = hexVal(body.charCodeAt(i + k));
          if (h < 0) throw new UnquoteError();
          v = v * 16 + h;
        }
        i += len;
        if (e === 'x') {
          if (q === 39) {
            cp = v;
            break;
          }
          (bytes ??= []).push(v);
          continue;
        }
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new UnquoteError();
        cp = v;
        break;
      }
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7': {
        if (i + 2 > body.length) throw new UnquoteError();
        let v = e.charCodeAt(0) - 48;
        for (let k = 0; k < 2; k++) {
          const d = body.charCodeAt(i + k) - 48;
          if (d < 0 || d > 7) throw new UnquoteError();
          v = v * 8 + d;
        }
        i += 2;
        if (v > 255) throw new UnquoteError();
        if (q === 39) {
          cp = v;
          break;
        }
        (bytes ??= []).push(v);
        continue;
      }
      default:
        throw new UnquoteError();
    }
    flush();
    out += String.fromCodePoint(cp);
  }
  flush();
  if (q === 39 && runes !== 1) throw new UnquoteError();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parsing numbers

/** NumError is strconv.NumError; its message is Go's ("strconv.ParseInt: parsing "x": invalid syntax"). */
export class NumError extends Error {
  constructor(
    readonly func: 'ParseInt' | 'ParseUint' | 'ParseFloat',
    readonly num: string,
    readonly err: string,
  ) {
    super(`strconv.${func}: parsing ${quote(num)}: ${err}`);
  }
  /** isRange reports whether the error is ErrRange ("value out of range"). */
  get isRange(): boolean {
    return this.err === 'value out of range';
  }
}

const SYNTAX = 'invalid syntax';
const RANGE = 'value out of range';

/** underscoreOK reports whether underscores in s are digit separators as Go allows (strconv/atoi.go). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1])) {
    i = 2;
    saw = '0'; // a base prefix counts as a digit
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** parseUint is strconv.ParseUint(s, base, bitSize): base 0 honours 0x/0o/0b/0 prefixes and _ separators. */
export function parseUint(s: string, base: number, bitSize: number): bigint {
  return parseUintFn(s, base, bitSize, 'ParseUint');
}

function parseUintFn(s: string, base: number, bitSize: number, fn: 'ParseInt' | 'ParseUint'): bigint {
  const s0 = s;
  if (s === '') throw new NumError(fn, s0, SYNTAX);
  const base0 = base === 0;
  if (base === 0) {
    base = 10;
    if (s[0] === '0') {
      const p = s.length >= 3 ? s[1].toLowerCase() : '';
      if (p === 'b') base = 2;
      else if (p === 'o') base = 8;
      else if (p === 'x') base = 16;
      else base = 8;
      s = s.slice(base === 8 && p !== 'o' ? 1 : 2);
    }
  } else if (base < 2 || base > 36) throw new NumError(fn, s0, 'invalid base ' + base);
  if (bitSize === 0) bitSize = 64;
  else if (bitSize < 0 || bitSize > 64) throw new NumError(fn, s0, 'invalid bit size ' + bitSize);
  const maxVal = (1n << BigInt(bitSize)) - 1n;
  const b = BigInt(base);
  let n = 0n;
  let underscores = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 0;
    let d: number;
    if (c === 95 && base0) {
      underscores = true;
      continue;
    } else if (c >= 48 && c <= 57) d = c - 48;
    else if ((c | 0x20) >= 97 && (c | 0x20) <= 122) d = (c | 0x20) - 87;
    else throw new NumError(fn, s0, SYNTAX);
    if (d >= base) throw new NumError(fn, s0, SYNTAX);
    n = n * b + BigInt(d);
    if (n > maxVal) {
      const e = new NumError(fn, s0, RANGE);
      throw e;
    }
  }
  if (underscores && !underscoreOK(s0)) throw new NumError(fn, s0, SYNTAX);
  return n;
}

/** parseInt is strconv.ParseInt(s, base, bitSize). Throws NumError (range errors included). */
export function parseInt(s: string, base: number, bitSize: number): bigint {
  const s0 = s;
  if (s === '') throw new NumError('ParseInt', s0, SYNTAX);
  let neg = false;
  if (s[0] === '+') s = s.slice(1);
  else if (s[0] === '-') {
    neg = true;
    s = s.slice(1);
  }
  if (bitSize === 0) bitSize = 64;
  let un: bigint;
  try {
    un = parseUintFn(s, base, bitSize, 'ParseInt');
  } catch (e) {
    if (e instanceof NumError && !e.isRange) throw new NumError('ParseInt', s0, e.err);
    throw new NumError('ParseInt', s0, RANGE);
  }
  const cutoff = 1n << BigInt(bitSize - 1);
  if (!neg && un >= cutoff) throw new NumError('ParseInt', s0, RANGE);
  if (neg && un > cutoff) throw new NumError('ParseInt', s0, RANGE);
  return neg ? -un : un;
}

const DEC_FLOAT = /^[+-]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?[pP]([+-]?[0-9_]+)$/;

/** parseFloat is strconv.ParseFloat(s, 64): decimal, hex (0x1.8p3), inf/infinity/nan, _ separators. */
export function parseFloat(s: string): number {
  const special = /^([+-]?)(inf|infinity)$/i.exec(s);
  if (special) return special[1] === '-' ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  let v: number;
  if (DEC_FLOAT.test(s) && /[0-9]/.test(s.replace(/[eE].*$/, ''))) {
    if (s.includes('_') && !underscoreOK(s)) throw new NumError('ParseFloat', s, SYNTAX);
    v = Number(s.replace(/_/g, ''));
  } else {
    const m = HEX_FLOAT.exec(s);
    if (!m || !/[0-9a-fA-F]/.test(m[2] + (m[3] ?? '')) || !/[0-9]/.test(m[4])) throw new NumError('ParseFloat', s, SYNTAX);
    if (s.includes('_') && !underscoreOK(s)) throw new NumError('ParseFloat', s, SYNTAX);
    const intPart = m[2].replace(/_/g, '');
    const frac = (m[3] ?? '').replace(/_/g, '');
    const mant = BigInt('0x' + (intPart + frac || '0'));
    const exp = Number(m[4].replace(/_/g, '')) - 4 * frac.length;
    v = hexToFloat(mant, exp);
    if (m[1] === '-') v = -v;
  }
  if (!Number.isFinite(v)) throw new NumError('ParseFloat', s, RANGE);
  return v;
}

/** hexToFloat returns mant × 2^exp correctly rounded (half-to-even) to a float64. */
function hexToFloat(mant: bigint, exp: number): number {
  if (mant === 0n) return 0;
  const bits = mant.toString(2).length;
  // Result is m × 2^q with m < 2^53 (or = 2^53 after a rounding carry) and q >= -1074.
  const q = Math.max(exp + bits - 53, -1074);
  let m: bigint;
  if (exp >= q) m = mant << BigInt(exp - q);
  else {
    const drop = BigInt(q - exp);
    const rem = mant & ((1n << drop) - 1n);
    const half = 1n << (drop - 1n);
    m = mant >> drop;
    if (rem > half || (rem === half && (m & 1n) === 1n)) m++;
  }
  return Number(m) * 2 ** q;
}
