// Conversions as sprig performs them: spf13/cast v1.7 (ToInt, ToInt64, ToFloat64), Go's strconv
// number parsing (ParseInt, ParseFloat, Atoi) and sprig's `strval` (what toString/join/quote use).
import { formatValue } from '../template/fmt';
import { GoInt, GoObject, utf8Decode, type Value } from '../template/value';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const TWO63 = 9223372036854775808; // 2^63 as a float64

/** ParseResult is strconv's (value, error) pair; `err` is null on success. */
export interface ParseResult<T> {
  readonly v: T;
  readonly err: 'syntax' | 'range' | null;
}

/**
 * floatToInt64 converts a float64 to int64 the way Go does on amd64: truncation toward zero;
 * NaN and out-of-range values give the "integer indefinite" value -9223372036854775808
 * (Go leaves this implementation-defined; Helm's release binaries are amd64/arm64 builds and
 * the vectors show the amd64 result for `int64 1e20`).
 */
export function floatToInt64(f: number): bigint {
  if (Number.isNaN(f) || f >= TWO63 || f < -TWO63) return INT64_MIN;
  return BigInt(Math.trunc(f));
}

function lower(c: string): string {
  return c.toLowerCase();
}

// underscoreOK is strconv.underscoreOK: underscores only between digits (or after a base prefix).
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(lower(s[1]))) {
    i = 2;
    saw = '0';
    hex = lower(s[1]) === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
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

/** parseUint is strconv.ParseUint(s, base, 64); base 0 honours 0x/0o/0b/0 prefixes and underscores. */
export function parseUint(s: string, base: number): ParseResult<bigint> {
  if (s === '') return { v: 0n, err: 'syntax' };
  const s0 = s;
  const base0 = base === 0;
  if (base === 0) {
    base = 10;
    if (s[0] === '0') {
      if (s.length >= 3 && lower(s[1]) === 'b') {
        base = 2;
        s = s.slice(2);
      } else if (s.length >= 3 && lower(s[1]) === 'o') {
        base = 8;
        s = s.slice(2);
      } else if (s.length >= 3 && lower(s[1]) === 'x') {
        base = 16;
        s = s.slice(2);
      } else {
        base = 8;
        s = s.slice(1);
      }
    }
  }
  const max = (1n << 64n) - 1n;
  const b = BigInt(base);
  let n = 0n;
  let underscores = false;
  for (const c of s) {
    let d: number;
    if (c === '_' && base0) {
      underscores = true;
      continue;
    } else if (c >= '0' && c <= '9') d = c.charCodeAt(0) - 48;
    else if (lower(c) >= 'a' && lower(c) <= 'z') d = lower(c).charCodeAt(0) - 87;
    else return { v: 0n, err: 'syntax' };
    if (d >= base) return { v: 0n, err: 'syntax' };
    n = n * b + BigInt(d);
    if (n > max) return { v: max, err: 'range' };
  }
  if (underscores && !underscoreOK(s0)) return { v: 0n, err: 'syntax' };
  return { v: n, err: null };
}

/** parseInt64 is strconv.ParseInt(s, base, 64): on overflow the value is clamped and err='range'. */
export function parseInt64(s: string, base: number): ParseResult<bigint> {
  if (s === '') return { v: 0n, err: 'syntax' };
  let neg = false;
  let body = s;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    body = s.slice(1);
  }
  const u = parseUint(body, base);
  if (u.err === 'syntax') return { v: 0n, err: 'syntax' };
  if (u.err === null && !neg && u.v <= INT64_MAX) return { v: u.v, err: null };
  if (u.err === null && neg && u.v <= -INT64_MIN) return { v: -u.v, err: null };
  return { v: neg ? INT64_MIN : INT64_MAX, err: 'range' };
}

/** atoi is strconv.Atoi with sprig's error dropping: syntax errors give 0, overflow clamps. */
export function atoi(s: string): bigint {
  const r = parseInt64(s, 10);
  return r.err === 'syntax' ? 0n : r.v;
}

/**
 * parseFloat is strconv.ParseFloat(s, 64): decimal and hex (0x…p…) literals, optional
 * underscores between digits, "inf"/"infinity"/"nan" in any case. Overflow → err='range'.
 */
export function parseFloat64(s: string): ParseResult<number> {
  const special = /^([+-]?)(inf|infinity)$/i.exec(s);
  if (special) return { v: special[1] === '-' ? -Infinity : Infinity, err: null };
  if (/^nan$/i.test(s)) return { v: NaN, err: null };
  if (s.includes('_')) {
    if (!underscoreOK(s)) return { v: 0, err: 'syntax' };
    s = s.replace(/_/g, '');
  }
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(s);
  if (hex) {
    const [, sign, ip, fp = ''] = hex;
    if (ip === '' && fp === '') return { v: 0, err: 'syntax' };
    const mant = BigInt('0x' + (ip + fp === '' ? '0' : ip + fp));
    const exp = Number(hex[4]) - 4 * fp.length;
    let v = Number(mant) * Math.pow(2, exp);
    if (sign === '-') v = -v;
    if (!Number.isFinite(v)) return { v, err: 'range' };
    return { v, err: null };
  }
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(s)) return { v: 0, err: 'syntax' };
  const v = Number(s);
  if (!Number.isFinite(v)) return { v, err: 'range' };
  return { v, err: null };
}

// trimZeroDecimal is cast's helper that lets "12.00" parse as an integer (but not "12.5").
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    switch (s[i - 1]) {
      case '.':
        if (foundZero) return s.slice(0, i - 1);
        break;
      case '0':
        foundZero = true;
        break;
      default:
        return s;
    }
  }
  return s;
}

/**
 * toInt64 is cast.ToInt64 with the error dropped (sprig ignores it): integers convert with Go's
 * wrapping, floats truncate, strings parse with base prefixes (`"0x10"` → 16, `"010"` → 8,
 * `"3.0"` → 3, `"3.9"` → 0), bools give 0/1, nil and anything else 0.
 */
export function toInt64(v: Value): bigint {
  if (v instanceof GoInt) return BigInt.asIntN(64, v.v);
  switch (typeof v) {
    case 'number':
      return floatToInt64(v);
    case 'boolean':
      return v ? 1n : 0n;
    case 'string': {
      const r = parseInt64(trimZeroDecimal(v), 0);
      return r.err === null ? r.v : 0n;
    }
  }
  return 0n;
}

/** toInt is cast.ToInt; `int` is 64-bit on Helm's platforms, so it equals toInt64. */
export function toInt(v: Value): bigint {
  return toInt64(v);
}

/** toFloat64 is cast.ToFloat64 with the error dropped: unparsable strings and other types give 0. */
export function toFloat64(v: Value): number {
  if (v instanceof GoInt) return Number(v.v);
  switch (typeof v) {
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'string': {
      const r = parseFloat64(v);
      return r.err === null ? r.v : 0;
    }
  }
  return 0;
}

/** bytesToString is Go's string([]byte) (invalid UTF-8 becomes U+FFFD in this model). */
export function bytesToString(b: Uint8Array): string {
  return utf8Decode(b);
}

/**
 * strval is sprig's strval: strings as is, []byte as text, error/Stringer via their method,
 * everything else via fmt's %v (so float64 1000000 → "1e+06", nil → "<nil>").
 */
export function strval(v: Value): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return bytesToString(v);
  if (v instanceof GoObject) {
    const s = v.stringer(false);
    if (s !== undefined) return s;
  }
  return formatValue(v);
}

/** argInt reads an `int`-typed parameter (a GoInt after the executor's conversion) as bigint. */
export function argInt(v: Value): bigint {
  if (v instanceof GoInt) return v.v;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  return 0n;
}

/** argNum reads an `int`-typed parameter as a JS number (for lengths and counts). */
export function argNum(v: Value): number {
  return Number(argInt(v));
}

/** argStr reads a `string`-typed parameter. */
export function argStr(v: Value): string {
  return typeof v === 'string' ? v : v === null ? '' : strval(v);
}
