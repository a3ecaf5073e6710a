// Go's encoding/json (Marshal, MarshalIndent, Encoder without HTML escaping, Unmarshal into
// interface{}) over the template value model, plus Sprig's JSON template functions.
//
// Helm and Sprig call encoding/json directly, and toYaml goes through it too (sigs.k8s.io/yaml
// marshals to JSON first), so the byte-level details matter: sorted map keys, HTML escaping,
// Go's float formatting, base64 for []byte, and Go's error texts.
import { FuncError, type FuncDef } from '../template/func';
import {
  isNilMap,
  isNilSlice,
  isStructData,
  GoComplex,
  GoFunc,
  GoInt,
  GoObject,
  compareGoStrings,
  typeName,
  type GoMap,
  type Value,
} from '../template/value';

/** JSONError is a marshal/unmarshal failure carrying Go's error text. */
export class JSONError extends Error {
  constructor(
    message: string,
    /** offset: for a syntax error, the index of the character it points at. */
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'JSONError';
  }
}

// ---------------------------------------------------------------------------------------------
// Float formatting (strconv.FormatFloat with shortest precision).

/** shortestDecimal returns the shortest round-trip digits and exponent of a finite |f| > 0. */
function shortestDecimal(f: number): { digits: string; exp: number } {
  // JS's Number#toExponential() without an argument yields the shortest digit string that
  // round-trips, which is what Go's strconv (Ryu) picks as well.
  const s = Math.abs(f).toExponential();
  const e = s.indexOf('e');
  const digits = s.slice(0, e).replace('.', '');
  return { digits, exp: Number(s.slice(e + 1)) };
}

function expSuffix(exp: number, minDigits: number): string {
  const sign = exp < 0 ? '-' : '+';
  let d = String(Math.abs(exp));
  while (d.length < minDigits) d = '0' + d;
  return 'e' + sign + d;
}

/** formatFloatG is strconv.FormatFloat(f, 'g', -1, 64) (what %v and go-yaml print). */
export function formatFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const neg = f < 0 ? '-' : '';
  const { digits, exp } = shortestDecimal(f);
  // Go's 'g' with shortest precision fixes eprec = 6: exponent form iff exp < -4 || exp >= 6.
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    return neg + mant + expSuffix(exp, 2);
  }
  return neg + plainDecimal(digits, exp);
}

/** plainDecimal renders digits d1d2..dn × 10^exp (d1 before the point) without exponent. */
function plainDecimal(digits: string, exp: number): string {
  const dp = exp + 1; // position of the decimal point within digits
  if (dp <= 0) return '0.' + '0'.repeat(-dp) + digits;
  if (dp >= digits.length) return digits + '0'.repeat(dp - digits.length);
  return digits.slice(0, dp) + '.' + digits.slice(dp);
}

/** formatFloatJSON formats a float64 as encoding/json does (ES6-like, 'e' outside [1e-6,1e21)). */
export function formatFloatJSON(f: number): string {
  if (!Number.isFinite(f)) throw new JSONError('json: unsupported value: ' + formatFloatG(f));
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const abs = Math.abs(f);
  const neg = f < 0 ? '-' : '';
  const { digits, exp } = shortestDecimal(f);
  if (abs < 1e-6 || abs >= 1e21) {
    // strconv 'e' format, then encoding/json rewrites e-07 as e-7.
    const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    let s = neg + mant + expSuffix(exp, 2);
    s = s.replace(/e-0(\d)$/, 'e-$1');
    return s;
  }
  return neg + plainDecimal(digits, exp);
}

// ---------------------------------------------------------------------------------------------
// Marshal

/** MarshalOptions selects encoder behaviour. */
export interface MarshalOptions {
  /** escapeHTML escapes < > & as \u003c \u003e \u0026 (json.Marshal: true). */
  readonly escapeHTML: boolean;
}

const HEX = '0123456789abcdef';

/** quoteJSONString encodes s as a JSON string literal the way encoding/json does. */
export function quoteJSONString(s: string, escapeHTML: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c < 0x7f) {
      if (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26)) {
        out += '\\u00' + HEX[c >> 4] + HEX[c & 15];
      } else out += s[i];
      continue;
    }
    if (c < 0x80) {
      switch (c) {
        case 0x22:
          out += '\\"';
          break;
        case 0x5c:
          out += '\\\\';
          break;
        case 0x0a:
          out += '\\n';
          break;
        case 0x0d:
          out += '\\r';
          break;
        case 0x09:
          out += '\\t';
          break;
        case 0x08:
          out += '\\b'; // Go >= 1.22
          break;
        case 0x0c:
          out += '\\f'; // Go >= 1.22
          break;
        case 0x7f:
          out += s[i];
          break;
        default:
          out += '\\u00' + HEX[c >> 4] + HEX[c & 15];
      }
      continue;
    }
    if (c === 0x2028 || c === 0x2029) {
      // U+2028/2029 are escaped for JSONP safety, even without HTML escaping.
      out += '\\u202' + HEX[c & 15];
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      // A lone surrogate is invalid UTF-8 in Go terms: encoding/json writes \ufffd.
      out += '\\ufffd';
      continue;
    }
    out += s[i];
  }
  return out + '"';
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** base64Std encodes bytes with the standard alphabet and padding. */
export function base64Std(b: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  if (i < b.length) {
    const n = (b[i] << 16) | ((i + 1 < b.length ? b[i + 1] : 0) << 8);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < b.length ? B64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

/** marshalJSON is json.Marshal; throws JSONError with Go's message on unsupported values. */
export function marshalJSON(v: Value, opts: MarshalOptions = { escapeHTML: true }): string {
  const st: EncodeState = { esc: opts.escapeHTML, path: [], onPath: new Set(), done: new Map() };
  return encode(v, st);
}

/**
 * MAX_ENCODED_CHARS bounds one encoding: 256 Mi characters, the CLI's bound on any function
 * result (render/limits.ts), so nothing that could be returned is refused.
 */
const MAX_ENCODED_CHARS = 2 ** 28;

// encoding/json starts tracking the maps and slices on the current path (to report a cycle)
// once it is this many levels deep (startDetectingCyclesAfter; with the interface level Helm
// passes, the container at path index 1000 is the first tracked: recorded from helm v4.1.4).
const CYCLE_TRACKING_START = 1000;

/**
 * EncodeState is one marshalling: the containers on the path from the root (a value containing
 * itself is reported as Go does, at once instead of 1000 levels later) and the encodings of
 * containers already written (a value sharing sub-values encodes each once; its output can
 * still grow exponentially, which the size bound stops — Go runs out of memory).
 */
interface EncodeState {
  readonly esc: boolean;
  readonly path: object[];
  readonly onPath: Set<object>;
  readonly done: Map<object, string>;
}

/** bounded checks an encoding's size: past the bound a RangeError, reported as Go's allocation failure. */
function bounded(s: string): string {
  if (s.length > MAX_ENCODED_CHARS) throw new RangeError('Invalid string length');
  return s;
}

/** cycleVia is the type encoding/json names for a cycle re-entering path[i]. */
function cycleVia(path: readonly object[], i: number): string {
  const len = path.length - i;
  const at = i <= CYCLE_TRACKING_START ? i + ((CYCLE_TRACKING_START - i) % len) : i;
  return typeName(path[at] as Value);
}

/** container encodes a map or slice once per marshalling; one already on the path is a cycle. */
function container(c: Value[] | GoMap, st: EncodeState, body: () => string): string {
  const prior = st.done.get(c);
  if (prior !== undefined) return prior;
  if (st.onPath.has(c)) {
    throw new JSONError(`json: unsupported value: encountered a cycle via ${cycleVia(st.path, st.path.indexOf(c))}`);
  }
  st.path.push(c);
  st.onPath.add(c);
  const out = bounded(body());
  st.path.pop();
  st.onPath.delete(c);
  st.done.set(c, out);
  return out;
}

function encode(v: Value, st: EncodeState): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return formatFloatJSON(v);
    case 'string':
      return bounded(quoteJSONString(v, st.esc));
  }
  if (v instanceof GoInt) return v.v.toString();
  if (v instanceof GoComplex) throw new JSONError('json: unsupported type: complex128');
  if (v instanceof Uint8Array) return bounded('"' + base64Std(v) + '"');
  if (Array.isArray(v)) {
    // A nil slice (e.g. `rest` of an empty list, an empty regexFindAll) marshals as null.
    if (isNilSlice(v)) return 'null';
    return container(v, st, () => '[' + joinBounded(v.map((x) => encode(x, st)), ',') + ']');
  }
  if (v instanceof Map) {
    if (isNilMap(v)) return 'null';
    return container(v, st, () => encodeMap(v, st));
  }
  if (v instanceof GoObject) {
    if (v.isNil()) return 'null';
    const d = v.toData();
    if (d === undefined) throw new JSONError('json: unsupported type: ' + v.goType);
    return encode(d, st);
  }
  if (v instanceof GoFunc) throw new JSONError('json: unsupported type: ' + v.goType);
  const never: never = v;
  throw new JSONError('json: unsupported value ' + String(never));
}

/** joinBounded joins parts after checking their total size (before V8 would have to). */
function joinBounded(parts: string[], sep: string): string {
  let n = 0;
  for (const p of parts) n += p.length + sep.length;
  if (n > MAX_ENCODED_CHARS) throw new RangeError('Invalid string length');
  return parts.join(sep);
}

function encodeMap(m: GoMap, st: EncodeState): string {
  // Struct fields are written in declaration order, map keys sorted.
  const keys = isStructData(m) ? [...m.keys()] : [...m.keys()].sort(compareGoStrings);
  const parts: string[] = [];
  for (const k of keys) {
    const key = quoteJSONString(k, st.esc);
    const val = encode(m.get(k) as Value, st);
    if (key.length + val.length > MAX_ENCODED_CHARS) throw new RangeError('Invalid string length');
    parts.push(key + ':' + val);
  }
  return '{' + joinBounded(parts, ',') + '}';
}

/** JSON_MAX_DEPTH is encoding/json's scanner limit (maxNestingDepth). */
const JSON_MAX_DEPTH = 10000;

/**
 * indentJSON is json.Indent(dst, src, prefix "", indent) for compact, valid JSON input; like
 * Go's scanner it refuses nesting past 10000 levels (`invalid character '{' exceeded max depth`).
 */
export function indentJSON(src: string, indent: string): string {
  let out = '';
  let depth = 0;
  let needIndent = false; // set after [ or {: a newline is due before the next value
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '"') {
      if (needIndent) {
        out += '\n' + indent.repeat(depth);
        needIndent = false;
      }
      let j = i + 1;
      while (src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j;
      continue;
    }
    if (needIndent && c !== ']' && c !== '}') {
      out += '\n' + indent.repeat(depth);
      needIndent = false;
    }
    switch (c) {
      case '{':
      case '[':
        out += c;
        depth++;
        if (depth > JSON_MAX_DEPTH) throw new JSONError(`invalid character '${c}' exceeded max depth`);
        needIndent = true;
        break;
      case ',':
        out += ',\n' + indent.repeat(depth);
        break;
      case ':':
        out += ': ';
        break;
      case '}':
      case ']':
        if (needIndent) {
          // Empty object/array stays compact: {} or [].
          needIndent = false;
          depth--;
        } else {
          depth--;
          out += '\n' + indent.repeat(depth);
        }
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

/** marshalIndentJSON is json.MarshalIndent(v, "", indent). */
export function marshalIndentJSON(v: Value, indent: string): string {
  return indentJSON(marshalJSON(v), indent);
}

// ---------------------------------------------------------------------------------------------
// Unmarshal

/** JSONTarget is the Go type json.Unmarshal decodes into. */
export type JSONTarget = 'interface' | 'map' | 'slice';

const TARGET_TYPE: Record<JSONTarget, string> = {
  interface: 'interface {}',
  map: 'map[string]interface {}',
  slice: '[]interface {}',
};

/** quoteChar is encoding/json's quoteChar: how a byte is shown in syntax errors. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return '\'"\'';
  const code = c.codePointAt(0) ?? 0;
  // strconv.Quote of the character without the surrounding double quotes.
  let q: string;
  switch (code) {
    case 7:
      q = '\\a';
      break;
    case 8:
      q = '\\b';
      break;
    case 9:
      q = '\\t';
      break;
    case 10:
      q = '\\n';
      break;
    case 11:
      q = '\\v';
      break;
    case 12:
      q = '\\f';
      break;
    case 13:
      q = '\\r';
      break;
    case 0x5c:
      q = '\\\\';
      break;
    default:
      if (code < 0x20 || code === 0x7f) q = '\\x' + HEX[code >> 4] + HEX[code & 15];
      else q = c;
  }
  return "'" + q + "'";
}

class JSONParser {
  private i = 0;
  constructor(private readonly s: string) {}

  private syntax(what: string): never {
    if (this.i >= this.s.length) throw new JSONError('unexpected end of JSON input', this.i);
    const ch = String.fromCodePoint(this.s.codePointAt(this.i) ?? 0);
    throw new JSONError('invalid character ' + quoteChar(ch) + ' ' + what, this.i);
  }

  private ws(): void {
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else break;
    }
  }

  /** next reads the value after `i` and whitespace (undefined at the end of the input). */
  next(i: number): { value: unknown; end: number } | undefined {
    this.i = i;
    this.ws();
    if (this.i >= this.s.length) return undefined;
    const value = this.value();
    return { value, end: this.i };
  }

  parseTop(): unknown {
    this.ws();
    const v = this.value();
    this.ws();
    if (this.i < this.s.length) this.syntax('after top-level value');
    return v;
  }

  private value(): unknown {
    if (this.i >= this.s.length) this.syntax('');
    const c = this.s[this.i];
    switch (c) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
    }
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    return this.syntax('looking for beginning of value');
  }

  private literal(word: string, v: unknown): unknown {
    for (let k = 1; k < word.length; k++) {
      this.i++;
      if (this.s[this.i] !== word[k]) this.syntax(`in literal ${word} (expecting '${word[k]}')`);
    }
    this.i++;
    return v;
  }

  private number(): { num: string } {
    const start = this.i;
    if (this.s[this.i] === '-') {
      this.i++;
      const c = this.s[this.i];
      if (!(c >= '0' && c <= '9')) this.syntax('in numeric literal');
    }
    if (this.s[this.i] === '0') this.i++;
    else while (this.s[this.i] >= '0' && this.s[this.i] <= '9') this.i++;
    if (this.s[this.i] === '.') {
      this.i++;
      if (!(this.s[this.i] >= '0' && this.s[this.i] <= '9')) this.syntax('after decimal point in numeric literal');
      while (this.s[this.i] >= '0' && this.s[this.i] <= '9') this.i++;
    }
    if (this.s[this.i] === 'e' || this.s[this.i] === 'E') {
      this.i++;
      if (this.s[this.i] === '+' || this.s[this.i] === '-') this.i++;
      if (!(this.s[this.i] >= '0' && this.s[this.i] <= '9')) this.syntax('in exponent of numeric literal');
      while (this.s[this.i] >= '0' && this.s[this.i] <= '9') this.i++;
    }
    return { num: this.s.slice(start, this.i) };
  }

  private string(): string {
    this.i++;
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) this.syntax('');
      const c = this.s[this.i];
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c.charCodeAt(0) < 0x20) this.syntax('in string literal');
      if (c === '\\') {
        this.i++;
        const e = this.s[this.i];
        switch (e) {
          case '"':
          case '\\':
          case '/':
            out += e;
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            let code = 0;
            for (let k = 0; k < 4; k++) {
              this.i++;
              const h = this.s[this.i];
              const d = h === undefined ? -1 : parseInt(h, 16);
              if (Number.isNaN(d) || d < 0) this.syntax('in \\u hexadecimal character escape');
              code = code * 16 + d;
            }
            out += String.fromCharCode(code);
            break;
          }
          default:
            this.syntax('in string escape code');
        }
        this.i++;
        continue;
      }
      out += c;
      this.i++;
    }
  }

  private array(): unknown[] {
    this.i++;
    const out: unknown[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      out.push(this.value());
      this.ws();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === ']') {
        this.i++;
        return out;
      }
      this.syntax('after array element');
    }
  }

  private object(): Map<string, unknown> {
    this.i++;
    const out = new Map<string, unknown>();
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.syntax('looking for beginning of object key string');
      const k = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.syntax('after object key');
      this.i++;
      this.ws();
      out.set(k, this.value());
      this.ws();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++;
        return out;
      }
      this.syntax('after object key:value pair');
    }
  }
}

function kindName(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'boolean') return 'bool';
  if (typeof x === 'string') return 'string';
  if (Array.isArray(x)) return 'array';
  if (x instanceof Map) return 'object';
  return 'number';
}

/** toValue converts parsed JSON to the value model (numbers float64, Go's range errors). */
function toValue(x: unknown, errs: string[]): Value {
  if (x === null || typeof x === 'boolean' || typeof x === 'string') return x;
  if (Array.isArray(x)) return x.map((e) => toValue(e, errs));
  if (x instanceof Map) {
    const m: GoMap = new Map();
    for (const [k, v] of x) m.set(k as string, toValue(v, errs));
    return m;
  }
  const num = (x as { num: string }).num;
  const f = Number(num);
  if (!Number.isFinite(f)) {
    errs.push(`json: cannot unmarshal number ${num} into Go value of type float64`);
    return null;
  }
  return f;
}

/**
 * readJSONValue is a json.Decoder's next value in `text` from index `i`: objects are Maps,
 * numbers `{ num }` (their literal); undefined when only whitespace is left. Throws JSONError
 * with Go's syntax text and the offending index (`unexpected end of JSON input` at the end).
 */
export function readJSONValue(text: string, i: number): { value: unknown; end: number } | undefined {
  return new JSONParser(text).next(i);
}

/**
 * unmarshalJSON is json.Unmarshal(data, &target) with target `interface{}`, a
 * `map[string]interface{}` or a `[]interface{}`. Returns the decoded value (a null JSON leaves
 * map/slice targets empty) or throws JSONError with Go's message.
 */
export function unmarshalJSON(text: string, target: JSONTarget = 'interface'): Value {
  const parsed = new JSONParser(text).parseTop();
  const errs: string[] = [];
  if (target === 'map') {
    if (parsed === null) return new Map();
    if (!(parsed instanceof Map)) {
      throw new JSONError(`json: cannot unmarshal ${kindName(parsed)} into Go value of type ${TARGET_TYPE[target]}`);
    }
  } else if (target === 'slice') {
    if (parsed === null) return [];
    if (!Array.isArray(parsed)) {
      throw new JSONError(`json: cannot unmarshal ${kindName(parsed)} into Go value of type ${TARGET_TYPE[target]}`);
    }
  }
  const v = toValue(parsed, errs);
  if (errs.length > 0) throw new JSONError(errs[0]);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Sprig JSON functions (sprig/v3 defaults.go) — the sprig registry includes these.

function errMsg(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// orError runs an encoder/decoder and reports its failure as the function's error (sprig's
// returned error, or Helm's recovered panic: the same `error calling NAME: MSG` text).
function orError(f: () => Value): Value {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError) throw e; // beyond a JS string or the stack: not a Go error
    throw new FuncError(errMsg(e));
  }
}

// orEmpty runs an encoder and swallows its failure as "" (sprig's non-must JSON functions).
function orEmpty(f: () => string): string {
  try {
    return f();
  } catch (e) {
    // Results beyond a JS string and stack exhaustion are not Go errors: they fail the call.
    if (e instanceof RangeError) throw e;
    return '';
  }
}

function doc(signature: string, description: string, example: string): FuncDef['doc'] {
  return { signature, description, example, category: 'encoding' };
}

/** sprigJSONFuncs are Sprig's toPrettyJson, toRawJson, mustToJson, mustToPrettyJson, mustToRawJson, mustFromJson. */
export const sprigJSONFuncs: readonly FuncDef[] = [
  {
    name: 'toPrettyJson',
    params: ['interface {}'],
    result: 'string',
    // json.MarshalIndent(v, "", "  "); errors are swallowed (returns "").
    impl: ([v]) => orEmpty(() => marshalIndentJSON(v, '  ')),
    doc: doc('toPrettyJson VALUE', 'Encodes a value as indented JSON (2 spaces); errors yield "".', '{{ dict "a" 1 | toPrettyJson }} → {\n  "a": 1\n}'),
  },
  {
    name: 'toRawJson',
    params: ['interface {}'],
    result: 'string',
    // Encoder with SetEscapeHTML(false); panics on error (reported as a call error).
    impl: ([v]) => orError(() => marshalJSON(v, { escapeHTML: false })),
    doc: doc('toRawJson VALUE', 'Encodes a value as JSON without escaping < > &.', '{{ toRawJson "<a>" }} → "<a>"'),
  },
  {
    name: 'mustToJson',
    params: ['interface {}'],
    result: 'string',
    // Sprig's (returns the error); Helm 4 replaces it with its own panicking one, same text.
    impl: ([v]) => orError(() => marshalJSON(v)),
    doc: doc('mustToJson VALUE', 'Encodes a value as JSON; fails the render when it cannot be encoded.', '{{ mustToJson (dict "a" 1) }} → {"a":1}'),
  },
  {
    name: 'mustToPrettyJson',
    params: ['interface {}'],
    result: 'string',
    impl: ([v]) => orError(() => marshalIndentJSON(v, '  ')),
    doc: doc('mustToPrettyJson VALUE', 'Like toPrettyJson but fails the render on error.', '{{ dict "a" 1 | mustToPrettyJson }}'),
  },
  {
    name: 'mustToRawJson',
    params: ['interface {}'],
    result: 'string',
    impl: ([v]) => orError(() => marshalJSON(v, { escapeHTML: false })),
    doc: doc('mustToRawJson VALUE', 'Like toRawJson but returns the error instead of panicking.', '{{ mustToRawJson "<>" }} → "<>"'),
  },
  {
    name: 'mustFromJson',
    params: ['string'],
    result: 'interface {}',
    impl: ([s]) => orError(() => unmarshalJSON(s as string, 'interface')),
    doc: doc('mustFromJson STRING', 'Decodes JSON into a value (numbers are float64); fails on invalid JSON.', '{{ (mustFromJson "{\\"a\\":1}").a }} → 1'),
  },
];
