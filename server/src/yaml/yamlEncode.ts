// Go's YAML encoders: sigs.k8s.io/yaml.Marshal (marshalYAML) and go-yaml v3's Encoder
// (encodeYAMLv3). Helm's toYaml / mustToYaml / toYamlPretty wrap them (helm/helmYaml.ts).
//
// sigs.k8s.io/yaml.Marshal first encodes the value with encoding/json, decodes that JSON with
// go-yaml v2 (which types numbers as int/uint64/float64 by their text) and marshals the result
// with go-yaml v2. Hence: keys sorted with go-yaml's "natural" key order, float64 values that are
// integral and < 1e21 print as integers (JSON wrote them without exponent and go-yaml re-read
// them as ints), other floats print with strconv 'g' (1e+21, 1e-05), and []byte / structs take
// their JSON forms. The emitter itself is a port of go-yaml's (see yamlEmitter.ts for why the
// `yaml` npm package's stringifier cannot be used).
import { GoComplex, GoFunc, GoInt, GoObject, isNilMap, typeName, type Value } from '../template/value';
import { Emitter, type YNode } from './yamlEmitter';
import { JSONError, base64Std, formatFloatG, formatFloatJSON, marshalJSON, quoteJSONString } from '../sprig/json';
import { GO_MAX_DEPTH, GO_YAML_DEPTH_ERROR } from './yamlDepth';
import { needsQuotes } from './yamlResolve';

/** YAMLEncodeError is a marshalling failure with Go's message. */
export class YAMLEncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YAMLEncodeError';
  }
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/**
 * yamlKeyLess is go-yaml's keyList.Less for two string keys: a "natural" order where digit runs
 * compare numerically and letters sort after other characters. `v3` selects go-yaml v3's
 * variant (after a shared digit, letters sort first; leading zeros are weighed). go-yaml v2's
 * variant is not a strict weak order for keys like "1a", "01", "10" (1a < 01 < 10 < 1a); Helm's
 * toYaml output for such key sets depends on Go's random map iteration order.
 */
export function yamlKeyLess(a: string, b: string, v3 = false): boolean {
  const ar = [...a];
  const br = [...b];
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) {
      digits = DIGIT.test(ar[i]);
      continue;
    }
    const al = LETTER.test(ar[i]);
    const bl = LETTER.test(br[i]);
    if (al && bl) return (ar[i].codePointAt(0) as number) < (br[i].codePointAt(0) as number);
    if (al || bl) return v3 && digits ? al : bl;
    let an = 0n;
    let bn = 0n;
    if (v3 && (ar[i] === '0' || br[i] === '0')) {
      for (let j = i - 1; j >= 0 && DIGIT.test(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && DIGIT.test(ar[ai]); ai++) {
      an = BigInt.asIntN(64, an * 10n + BigInt((ar[ai].codePointAt(0) as number) - 0x30));
    }
    let bi = i;
    for (; bi < br.length && DIGIT.test(br[bi]); bi++) {
      bn = BigInt.asIntN(64, bn * 10n + BigInt((br[bi].codePointAt(0) as number) - 0x30));
    }
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return (ar[i].codePointAt(0) as number) < (br[i].codePointAt(0) as number);
  }
  return ar.length < br.length;
}

/** sortYamlKeys sorts keys in go-yaml's key order. */
export function sortYamlKeys(keys: string[], v3 = false): string[] {
  return keys.sort((x, y) => (yamlKeyLess(x, y, v3) ? -1 : yamlKeyLess(y, x, v3) ? 1 : 0));
}

function plain(text: string): YNode {
  return { k: 'scalar', text, style: 'plain' };
}

/** stringNode is go-yaml's stringv: literal for multi-line, plain unless it would re-read as non-string. */
function stringNode(s: string): YNode {
  if (s.includes('\n')) return { k: 'scalar', text: s, style: 'literal' };
  return { k: 'scalar', text: s, style: needsQuotes(s) ? 'double' : 'plain' };
}

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

/** numberText is how go-yaml v2 re-prints a JSON number it decoded (int, uint64 or float64). */
function numberText(json: string): string {
  if (/^-?[0-9]+$/.test(json)) {
    const n = BigInt(json);
    if ((n >= INT64_MIN && n <= INT64_MAX) || (n >= 0n && n <= UINT64_MAX)) return n.toString();
  }
  return formatFloatG(Number(json));
}

/** fixSurrogates replaces lone surrogates by U+FFFD, as a JSON round trip of invalid UTF-8 does. */
function fixSurrogates(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

// Characters go-yaml's reader rejects ("control characters are not allowed"). encoding/json
// escapes C0 controls but writes these raw, so the JSON -> YAML re-read fails and toYaml yields "".
const YAML_FORBIDDEN = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

/**
 * reReadString models go-yaml re-reading a JSON string as a double-quoted YAML scalar: the only
 * raw line break JSON leaves unescaped is NEL (U+0085), which YAML folds like a newline (one
 * break becomes a space, n breaks n-1 newlines, spaces around breaks dropped).
 */
function reReadString(s: string): string {
  if (YAML_FORBIDDEN.test(s)) throw new JSONError('yaml: control characters are not allowed');
  if (!s.includes('\u0085')) return s;
  return s.replace(/ *\u0085[ \u0085]*/g, (run) => {
    const breaks = run.split('').filter((c) => c === '\u0085').length;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

/** reReadKey is reReadString for a mapping key, which must also stay a valid simple key. */
function reReadKey(k: string): string {
  // A key spanning lines (NEL) or longer than 1024 characters (as JSON text, with quotes) is
  // not a simple key in go-yaml's scanner; the flow mapping then fails to parse.
  // JSON escapes one UTF-16 unit to at most 6 characters, so a key of at most 170 units is at
  // most 1022 characters quoted: only longer keys need quoting to tell.
  if (k.includes('\u0085') || (k.length > 170 && [...quoteJSONString(k, true)].length > 1024)) {
    throw new JSONError('yaml: did not find expected \',\' or \'}\'');
  }
  return reReadString(k);
}

/** jsonYamlNode converts a value to emitter nodes via its JSON form (sigs.k8s.io/yaml semantics). */
function jsonYamlNode(v: Value): YNode {
  if (v === null) return plain('null');
  switch (typeof v) {
    case 'boolean':
      return plain(v ? 'true' : 'false');
    case 'number':
      return plain(numberText(formatFloatJSON(v)));
    case 'string':
      return stringNode(reReadString(fixSurrogates(v)));
  }
  if (v instanceof GoInt) return plain(v.v.toString());
  if (v instanceof GoComplex) throw new JSONError('json: unsupported type: complex128');
  if (v instanceof Uint8Array) return stringNode(base64Std(v));
  if (Array.isArray(v)) return { k: 'seq', items: v.map(jsonYamlNode) };
  if (v instanceof Map && isNilMap(v)) return plain('null');
  if (v instanceof Map) {
    const byKey = new Map<string, Value>();
    for (const [k, x] of v) byKey.set(reReadKey(fixSurrogates(k)), x);
    const keys = sortYamlKeys([...byKey.keys()]);
    return { k: 'map', entries: keys.map((k) => [stringNode(k), jsonYamlNode(byKey.get(k) as Value)] as const) };
  }
  if (v instanceof GoObject) {
    if (v.isNil()) return plain('null');
    const d = v.toData();
    if (d === undefined) throw new JSONError('json: unsupported type: ' + v.goType);
    return jsonYamlNode(d);
  }
  if (v instanceof GoFunc) throw new JSONError('json: unsupported type: ' + v.goType);
  const never: never = v;
  return never;
}

/**
 * marshalYAML is sigs.k8s.io/yaml.Marshal: the YAML document text (with its final newline).
 * Throws YAMLEncodeError("error marshaling into JSON: ...") for values JSON cannot encode
 * (unsupported types, a value containing itself: encoding/json's texts), then go-yaml's
 * `yaml: exceeded max depth of 10000` when the JSON nests deeper than go-yaml reads it back.
 */
export function marshalYAML(v: Value): string {
  let json: string;
  try {
    json = marshalJSON(v);
  } catch (e) {
    if (!(e instanceof JSONError)) throw e;
    throw new YAMLEncodeError('error marshaling into JSON: ' + e.message);
  }
  if (jsonNesting(json) > GO_MAX_DEPTH) throw new YAMLEncodeError(GO_YAML_DEPTH_ERROR);
  return new Emitter({ v3: false, indent: 2, width: 80 }).document(jsonYamlNode(v));
}

/** jsonNesting is the deepest `[`/`{` nesting of a JSON text (go-yaml's flow level reading it). */
function jsonNesting(json: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22) {
      // Skip a string (escapes included).
      for (i++; i < json.length && json.charCodeAt(i) !== 0x22; i++) if (json.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/**
 * v3Node converts a Go value directly (no JSON step) as go-yaml v3's encoder does. go-yaml v3
 * has no cycle check: Helm runs out of memory on a value containing itself (recorded: helm
 * v4.1.4 grew past 23 GB); here it is an error naming the cycle.
 */
function v3Node(v: Value, onPath: Set<object> = new Set()): YNode {
  // Each node costs at least its indentation in the output: deep values print quadratically
  // (Helm prints 144 MB for a dict 12000 deep). Past V3_MAX_CHARS the emitter would exhaust the
  // heap; the RangeError is reported as Go's allocation failure (template/errors.ts).
  v3Cost += 1 + 2 * onPath.size;
  if (v3Cost > V3_MAX_CHARS) throw new RangeError('Invalid string length');
  if ((Array.isArray(v) || v instanceof Map) && onPath.has(v)) {
    throw new YAMLEncodeError(`cannot marshal a value that contains itself (a cycle via ${typeName(v)})`);
  }
  if (Array.isArray(v) || v instanceof Map) {
    onPath.add(v);
    try {
      return v3NodeOf(v, onPath);
    } finally {
      onPath.delete(v);
    }
  }
  return v3NodeOf(v, onPath);
}

// The estimated output of the current encodeYAMLv3, and its bound (64 Mi characters).
let v3Cost = 0;
const V3_MAX_CHARS = 2 ** 26;

function v3NodeOf(v: Value, onPath: Set<object>): YNode {
  if (v === null) return plain('null');
  switch (typeof v) {
    case 'boolean':
      return plain(v ? 'true' : 'false');
    case 'number': {
      const s = formatFloatG(v);
      return plain(s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s);
    }
    case 'string':
      return stringNode(fixSurrogates(v));
  }
  if (v instanceof GoInt) return plain(v.v.toString());
  if (v instanceof GoComplex) throw new YAMLEncodeError('cannot marshal type: complex128');
  if (v instanceof Uint8Array) return { k: 'seq', items: [...v].map((b) => plain(String(b))) };
  if (Array.isArray(v)) return { k: 'seq', items: v.map((x) => v3Node(x, onPath)) };
  if (v instanceof Map) {
    const keys = sortYamlKeys([...v.keys()], true);
    return { k: 'map', entries: keys.map((k) => [stringNode(fixSurrogates(k)), v3Node(v.get(k) as Value, onPath)] as const) };
  }
  if (v instanceof GoObject) {
    if (v.isNil()) return plain('null');
    // go-yaml v3 encodes a struct directly, ignoring json tags: exported fields in declaration
    // order, each keyed by its Go name in lower case (Helm's structs carry no yaml tags).
    const fields = v.fieldNames().filter((n) => /^\p{Lu}/u.test(n));
    if (fields.length > 0) {
      return { k: 'map', entries: fields.map((n) => [stringNode(n.toLowerCase()), v3Node(v.field(n)?.value ?? null, onPath)] as const) };
    }
    const d = v.toData();
    if (d === undefined) throw new YAMLEncodeError('cannot marshal type: ' + v.goType);
    return v3Node(d, onPath);
  }
  if (v instanceof GoFunc) throw new YAMLEncodeError('cannot marshal type: ' + v.goType);
  const never: never = v;
  return never;
}

/**
 * encodeYAMLv3 is go-yaml v3's Encoder with SetIndent(indent): the document text with its final
 * newline. Unsupported values throw YAMLEncodeError (go-yaml v3's encoder panics on them). go-yaml
 * v3 sets an unlimited line width, so long strings are never folded.
 */
export function encodeYAMLv3(v: Value, indent: number): string {
  v3Cost = 0;
  return new Emitter({ v3: true, indent, width: Number.MAX_SAFE_INTEGER }).document(v3Node(v));
}
