// Helm's toToml / fromToml (BurntSushi/toml). The encoder is written here (it is small and its
// layout — direct keys first, then `[table]` sections indented two spaces per level — must match
// byte for byte); parsing uses smol-toml, with its values typed as BurntSushi decodes into
// map[string]interface{} (integers int64, floats float64) and its errors re-worded like
// BurntSushi's `toml: line N (last key "k"): ...`.
//
// Helm 3 vendors an older BurntSushi (floats printed with 'f' and a ".0" suffix, error lines
// 0-based); Helm 4's prints floats with 'g' and reports 1-based lines.
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import type { HelmVersion } from '../template/func';
import { GoComplex, GoFunc, GoInt, GoObject, compareGoStrings, int64, isStructData, type GoMap, type Value } from '../template/value';
import { formatFloatG } from '../sprig/json';

// smol-toml is an ES module; Node >= 20.19 can require() it (and the bundler inlines it). It is
// loaded on first use: fromToml is rare and loading it would cost every CLI start.
let smolToml: typeof SmolToml | undefined;
function toml(): typeof SmolToml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  smolToml ??= require('smol-toml') as typeof SmolToml;
  return smolToml;
}


class TomlEncodeError extends Error {}

function formatTomlFloat(f: number, hv: HelmVersion): string {
  if (Number.isNaN(f)) return 'nan';
  if (f === Infinity) return 'inf';
  if (f === -Infinity) return '-inf';
  let s: string;
  if (hv === 4) s = formatFloatG(f);
  else {
    // strconv.FormatFloat(f, 'f', -1, 64)
    const neg = f < 0 || Object.is(f, -0) ? '-' : '';
    const abs = Math.abs(f);
    s = neg + (abs >= 1e21 || (abs !== 0 && abs < 1e-6) ? expandExp(abs) : String(abs));
  }
  return s.includes('.') || s.includes('e') ? s : s + '.0';
}

/** expandExp writes a float without exponent using its shortest digits. */
function expandExp(abs: number): string {
  const e = abs.toExponential();
  const [mant, exp] = e.split('e');
  const digits = mant.replace('.', '');
  const dp = Number(exp) + 1;
  if (dp <= 0) return '0.' + '0'.repeat(-dp) + digits;
  if (dp >= digits.length) return digits + '0'.repeat(dp - digits.length);
  return digits.slice(0, dp) + '.' + digits.slice(dp);
}

const QUOTE_MAP: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

function quoteToml(s: string): string {
  return (
    '"' +
    s.replace(/["\\\u0000-\u001f\u007f]/g, (c) => QUOTE_MAP[c] ?? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) +
    '"'
  );
}

function bareKey(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : quoteToml(k);
}

function keyString(key: readonly string[]): string {
  return key.map(bareKey).join('.');
}

type TomlKind = 'table' | 'tableArray' | 'other';

function data(v: Value): Value {
  if (v instanceof GoObject) {
    if (v.isNil()) return null;
    return v.toData() ?? null;
  }
  return v;
}

function kindOf(v: Value): TomlKind {
  const d = data(v);
  if (d instanceof Map) return 'table';
  if (Array.isArray(d) && d.length > 0 && d.every((x) => data(x) instanceof Map)) return 'tableArray';
  return 'other';
}

class TomlEncoder {
  out = '';
  private written = false;
  constructor(private readonly hv: HelmVersion) {}

  private wf(s: string): void {
    this.out += s;
    this.written = true;
  }
  private newline(): void {
    if (this.written) this.wf('\n');
  }
  private indent(key: readonly string[]): string {
    return '  '.repeat(Math.max(0, key.length - 1));
  }

  encode(key: string[], v: Value): void {
    const d = data(v);
    if (d === null) return;
    if (d instanceof Map) {
      this.table(key, d);
      return;
    }
    if (Array.isArray(d) && kindOf(d) === 'tableArray') {
      for (const item of d) {
        const t = data(item);
        if (!(t instanceof Map)) continue;
        this.newline();
        this.wf(`${this.indent(key)}[[${keyString(key)}]]`);
        this.newline();
        this.mapBody(key, t, false);
      }
      return;
    }
    this.keyValue(key, d, false);
  }

  private table(key: string[], m: GoMap): void {
    if (key.length === 1) this.newline();
    if (key.length > 0) {
      this.wf(`${this.indent(key)}[${keyString(key)}]`);
      this.newline();
    }
    this.mapBody(key, m, false);
  }

  private mapBody(key: string[], m: GoMap, inline: boolean): void {
    const direct: string[] = [];
    const sub: string[] = [];
    for (const [k, x] of m) (kindOf(x) === 'other' ? direct : sub).push(k);
    const write = (keys: string[], trailComma: boolean): void => {
      // A struct's fields keep their declaration order; map keys are sorted.
      if (!isStructData(m)) keys.sort(compareGoStrings);
      keys.forEach((k, i) => {
        const x = data(m.get(k) as Value);
        if (x === null) return;
        if (inline) {
          this.keyValue([k], x, true);
          if (trailComma || i !== keys.length - 1) this.wf(', ');
        } else this.encode([...key, k], x);
      });
    };
    if (inline) this.wf('{');
    write(direct, sub.length > 0);
    write(sub, false);
    if (inline) this.wf('}');
  }

  private keyValue(key: string[], v: Value, inline: boolean): void {
    if (key.length === 0) {
      this.element(key, v);
      return;
    }
    this.wf(`${this.indent(key)}${bareKey(key[key.length - 1])} = `);
    this.element(key, v);
    if (!inline) this.newline();
  }

  private element(key: string[], v: Value): void {
    const d = data(v);
    if (typeof d === 'boolean') this.wf(d ? 'true' : 'false');
    else if (typeof d === 'number') this.wf(formatTomlFloat(d, this.hv));
    else if (typeof d === 'string') this.wf(quoteToml(d));
    else if (d instanceof GoInt) this.wf(d.v.toString());
    else if (d instanceof Uint8Array) this.element(key, [...d].map((b) => new GoInt('uint8', BigInt(b))));
    else if (Array.isArray(d)) {
      this.wf('[');
      d.forEach((x, i) => {
        if (i > 0) this.wf(', ');
        this.element(key, x);
      });
      this.wf(']');
    } else if (d instanceof Map) {
      this.mapBody(key, d, true);
    } else {
      const t = d === null ? '<nil>' : d instanceof GoComplex ? 'complex128' : d instanceof GoFunc ? 'func' : 'struct';
      throw new TomlEncodeError(`unsupported type for key '${keyString(key)}': ${t}`);
    }
  }
}

/** toToml is Helm's toTOML: the TOML text, or the encoder's error text on failure. */
export function toToml(v: Value, helmVersion: HelmVersion): string {
  const enc = new TomlEncoder(helmVersion);
  try {
    enc.encode([], v);
  } catch (e) {
    if (e instanceof TomlEncodeError) return e.message;
    throw e;
  }
  return enc.out;
}

function tomlValue(x: unknown): Value {
  if (typeof x === 'bigint') return int64(x);
  if (typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean') return x;
  if (Array.isArray(x)) return x.map(tomlValue);
  if (x instanceof Date) return x.toISOString(); // approximation: BurntSushi yields time.Time
  if (x !== null && typeof x === 'object') {
    const m: GoMap = new Map();
    for (const [k, y] of Object.entries(x as Record<string, unknown>)) m.set(k, tomlValue(y));
    return m;
  }
  return null;
}

/** fromToml is Helm's fromTOML: a map (integers int64), or {"Error": message} on failure. */
export function fromToml(text: string, helmVersion: HelmVersion): GoMap {
  try {
    return tomlValue(toml().parse(text, { integersAsBigInt: true })) as GoMap;
  } catch (e) {
    if (!(e instanceof toml().TomlError)) throw e;
    return new Map([['Error', burntSushiError(text, e, helmVersion)]]);
  }
}

function burntSushiError(text: string, e: SmolToml.TomlError, hv: HelmVersion): string {
  // BurntSushi: `toml: line N (last key "k"): MESSAGE`; Helm 3's version numbers lines from 0.
  const line0 = Math.max(0, (e.line ?? 1) - 1);
  const before = text.split('\n').slice(0, line0 + 1).join('\n');
  const keys = [...before.matchAll(/^\s*([A-Za-z0-9_."-]+)\s*=/gm)];
  const lastKey = keys.length > 0 ? keys[keys.length - 1][1].trim() : '';
  const first = e.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
  let msg = first;
  const afterEq = /=\s*$/.test(text.split('\n')[line0] ?? '');
  if (/invalid value/.test(first) && afterEq && line0 >= text.split('\n').length - 1) msg = 'unexpected EOF; expected value';
  const line = hv === 4 ? line0 + 1 : line0;
  const lk = lastKey !== '' ? ` (last key ${JSON.stringify(lastKey)})` : '';
  return `toml: line ${line}${lk}: ${msg}`;
}
