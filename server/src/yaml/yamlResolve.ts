// go-yaml's implicit tag resolution of plain scalars (resolve.go), shared by the encoder (to
// decide whether a string needs quotes) and the decoder (to type plain scalars).
//
// go-yaml v2 (used by sigs.k8s.io/yaml, i.e. toYaml/fromYaml/values files) resolves YAML 1.1
// booleans (y, yes, on, ...); v3 (toYamlPretty) resolves only true/false but still quotes the
// YAML 1.1 words when encoding (isOldBool), so for quoting both behave alike.

/** Resolved is the result of resolving a plain scalar. */
export type Resolved =
  | { readonly tag: 'str'; readonly value: string }
  | { readonly tag: 'bool'; readonly value: boolean }
  | { readonly tag: 'null' }
  | { readonly tag: 'int'; readonly value: bigint }
  | { readonly tag: 'float'; readonly value: number }
  | { readonly tag: 'timestamp'; readonly value: string }
  | { readonly tag: 'merge' };

const MAP_V2 = new Map<string, Resolved>();
function addAll(words: string[], r: Resolved): void {
  for (const w of words) MAP_V2.set(w, r);
}
addAll(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'], { tag: 'bool', value: true });
addAll(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'], { tag: 'bool', value: false });
addAll(['', '~', 'null', 'Null', 'NULL'], { tag: 'null' });
addAll(['.nan', '.NaN', '.NAN'], { tag: 'float', value: NaN });
addAll(['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'], { tag: 'float', value: Infinity });
addAll(['-.inf', '-.Inf', '-.INF'], { tag: 'float', value: -Infinity });
addAll(['<<'], { tag: 'merge' });

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** parseGoInt is strconv.ParseInt/ParseUint(s, base 0, 64) without underscores; undefined on error. */
function parseGoInt(s: string, signed: boolean): { v: bigint } | { range: true } | undefined {
  let i = 0;
  let neg = false;
  if (signed && (s[0] === '+' || s[0] === '-')) {
    neg = s[0] === '-';
    i = 1;
  }
  let body = s.slice(i);
  let base = 10;
  if (body.length >= 2 && body[0] === '0') {
    const p = body[1].toLowerCase();
    if (p === 'x') base = 16;
    else if (p === 'o') base = 8;
    else if (p === 'b') base = 2;
    if (base !== 10) body = body.slice(2);
    else {
      base = 8;
      body = body.slice(1);
    }
  }
  if (body === '') return base === 8 && s.slice(i) === '0' ? { v: 0n } : undefined;
  const digits = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!digits.test(body)) return undefined;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  let v = BigInt(prefix + body);
  if (neg) v = -v;
  if (signed ? v < INT64_MIN || v > INT64_MAX : v > UINT64_MAX) return { range: true };
  return { v };
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** parseGoFloat is strconv.ParseFloat(s, 64) for decimal syntax; undefined on error/overflow. */
function parseGoFloat(s: string): number | undefined {
  // Decimal forms only: callers pass strings matching YAML_STYLE_FLOAT or starting with '.'.
  if (!/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return undefined;
  const f = Number(s);
  if (!Number.isFinite(f)) return undefined; // ErrRange
  return f;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** isTimestamp reports whether time.Parse accepts s in one of go-yaml's timestamp layouts. */
export function isTimestamp(s: string): boolean {
  // Quick check: all date formats start with YYYY-.
  const m = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(.*)$/s.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const dim = month === 2 && leap ? 29 : DAYS[month - 1];
  if (day < 1 || day > dim) return false;
  const rest = m[4];
  if (rest === '') return true;
  // "T"/"t" + time + zone (Z07:00), or " " + time without zone.
  const t = /^([Tt ])([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})([.,][0-9]+)?(.*)$/s.exec(rest);
  if (!t) return false;
  if (Number(t[2]) > 23 || Number(t[3]) > 59 || Number(t[4]) > 59) return false;
  const zone = t[6];
  if (t[1] === ' ') return zone === '';
  if (zone === 'Z') return true;
  const z = /^[+-]([0-9]{2}):([0-9]{2})$/.exec(zone);
  if (!z) return false;
  return Number(z[1]) <= 24 && Number(z[2]) <= 60;
}

/** resolvePlain is go-yaml v2's resolve("", s) for a plain (untagged, unquoted) scalar. */
export function resolvePlain(s: string): Resolved {
  const c = s.length === 0 ? 'N' : s[0];
  let hint: string;
  if (s.length === 0) hint = 'N';
  else if (c === '+' || c === '-') hint = 'S';
  else if (c >= '0' && c <= '9') hint = 'D';
  else if ('yYnNtTfFoO~'.includes(c)) hint = 'M';
  else if (c === '.') hint = '.';
  else hint = '';
  if (hint === '') return { tag: 'str', value: s };
  const known = MAP_V2.get(s);
  if (known) return known;
  switch (hint) {
    case '.': {
      const f = parseGoFloat(s);
      if (f !== undefined) return { tag: 'float', value: f };
      break;
    }
    case 'D':
    case 'S': {
      if (isTimestamp(s)) return { tag: 'timestamp', value: s };
      const plain = s.split('_').join('');
      const i = parseGoInt(plain, true);
      if (i && 'v' in i) return { tag: 'int', value: i.v };
      const u = parseGoInt(plain, false);
      if (u && 'v' in u) return { tag: 'int', value: u.v };
      if (YAML_STYLE_FLOAT.test(plain)) {
        const f = parseGoFloat(plain);
        if (f !== undefined) return { tag: 'float', value: f };
      }
      if (plain.startsWith('0b')) {
        const b = parseGoInt(plain.slice(2), false);
        if (b && 'v' in b && /^[01]+$/.test(plain.slice(2))) return { tag: 'int', value: b.v };
      } else if (plain.startsWith('-0b') && /^[01]+$/.test(plain.slice(3))) {
        return { tag: 'int', value: -BigInt('0b' + plain.slice(3)) };
      }
      // (Newer go-yaml forks resolve out-of-range prefixed integers to big.Int; the version
      // Helm vendors leaves them strings.)
      break;
    }
  }
  return { tag: 'str', value: s };
}

const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** isBase60Float reports whether s is a YAML 1.1 sexagesimal float (quoted on output). */
export function isBase60Float(s: string): boolean {
  if (s === '') return false;
  const c = s[0];
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return false;
  return BASE60.test(s);
}

/** needsQuotes reports whether go-yaml's encoder must quote s to keep it a string. */
export function needsQuotes(s: string): boolean {
  return resolvePlain(s).tag !== 'str' || isBase60Float(s);
}
