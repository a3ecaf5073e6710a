// YAML → Go values exactly as sigs.k8s.io/yaml.Unmarshal decodes them: go-yaml v2
// decodes the first document into interface{} (YAML 1.1 booleans y/yes/on..., ints, floats,
// merge keys, aliases, !!binary), the result is converted to JSON-able data (map keys become
// strings: true → "true", 1 → "1", floats via FormatFloat(f,'g',-1,32)), marshalled with
// encoding/json (NaN/Inf fail) and decoded again with encoding/json — so every number ends up a
// float64 and the target type (map or slice) is checked with encoding/json's error texts.
// Helm's uses of it (fromYaml, values files) are in helm/helmYaml.ts.
//
// The syntax work is go-yaml's own, ported (yaml/goyaml/: reader, scanner, parser, composer and
// decoder of go-yaml v2.4.0), so acceptance and error texts are go-yaml's; plain block documents
// take the fast path of yamlFast.ts (checked equal to the port by test/helm/goyaml-diff.test.ts).
import type { GoMap, Value } from '../template/value';
import { formatFloatG } from '../sprig/json';
import type { GY } from './yamlGo';
import { fastYamlDecode } from './yamlFast';
import { GO_MAX_DEPTH, jsonDepthError, stackError, yamlDepthCheck } from './yamlDepth';
import { AliasFailure } from './yamlAlias';
import { composeFirstDocument, goYamlError, GoYamlFailure, type YNode } from './goyaml/compose';
import { GoYamlSyntaxError } from './goyaml/scanner';
import { DecodeFailure, Decoder } from './goyaml/decode';

/** YAMLDecodeError is a sigs.k8s.io/yaml.Unmarshal failure carrying Go's full message. */
export class YAMLDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YAMLDecodeError';
  }
}

class KeyFailure extends Error {}

/** StackFailure: the text nests deeper than the remaining JS stack can decode (not cached). */
class StackFailure extends Error {}

// Nesting reached through aliases is checked against the stack every STACK_PROBE levels.
const STACK_PROBE = 64;
const QUICK_LEVELS = 256;

// --- YAML → JSON-able → JSON → Go ---------------------------------------------------------

/** formatFloat32G is strconv.FormatFloat(f, 'g', -1, 32). */
function formatFloat32G(f: number): string {
  const x = Math.fround(f);
  if (!Number.isFinite(x) || x === 0) return formatFloatG(x);
  for (let p = 1; p <= 9; p++) {
    const s = x.toPrecision(p);
    if (Math.fround(Number(s)) === x) return formatFloatG(Number(s));
  }
  return formatFloatG(x);
}

function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** keyString is sigs.k8s.io/yaml's JSON key for a go-yaml map key (throws for null and collections). */
export function keyString(k: GY, v: GY): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'bigint') return k.toString();
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (typeof k === 'number') {
    const s = formatFloat32G(k);
    return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
  }
  const vs = typeof v === 'string' ? goQuote(v) : v === null ? '<nil>' : String(v);
  if (k === null) throw new KeyFailure(`unsupported map key of type: %!s(<nil>), key: <nil>, value: ${vs}`);
  throw new KeyFailure(`unsupported map key of type: ${Array.isArray(k) ? '[]interface {}' : 'map[interface {}]interface {}'}, key: ..., value: ${vs}`);
}

/** jsonable converts go-yaml data to the value model as the JSON round trip leaves it. */
function jsonable(v: GY, keyErrors: string[], valueErrors: string[]): Value {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) {
      valueErrors.push('json: unsupported value: ' + formatFloatG(v));
      return null;
    }
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => jsonable(x, keyErrors, valueErrors));
  const m: GoMap = new Map();
  for (const { key, value } of v.entries.values()) {
    let k: string;
    try {
      k = keyString(key, value);
    } catch (e) {
      keyErrors.push((e as Error).message);
      continue;
    }
    m.set(k, jsonable(value, keyErrors, valueErrors));
  }
  return m;
}

/** jsonKind names a decoded value's JSON type as encoding/json's UnmarshalTypeError does. */
export function jsonKind(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

/**
 * UnmarshalTarget is the Go type sigs.k8s.io/yaml decodes into; 'any' returns the converted
 * (JSON-able) value without the target check, for decoders with their own (manifest heads).
 */
export type UnmarshalTarget = 'map' | 'slice' | 'any';

/**
 * unmarshalYAML is sigs.k8s.io/yaml.Unmarshal(text, &target) for a map[string]interface{} or
 * []interface{} target. Throws YAMLDecodeError with Go's message.
 */
export function unmarshalYAML(text: string, target: UnmarshalTarget): Value {
  // Decoding is pure: results (and errors) are cached by text, and each caller gets its own
  // copy (callers such as values coalescing modify the maps they receive).
  const cache = DECODE_CACHE[target];
  let r = cache.get(text);
  if (r === undefined) {
    // Nesting first (yaml/yamlDepth.ts): no decoding that could overflow the stack (that error
    // depends on the caller's stack, so it is not cached). go-yaml's own depth limits are the
    // port's (its scanner and composer do not recurse).
    const depth = yamlDepthCheck(text);
    try {
      r = decode(text, target, depth.levels, depth.deep);
    } catch (e) {
      if (e instanceof StackFailure) throw new YAMLDecodeError(e.message);
      if (!(e instanceof YAMLDecodeError)) throw e;
      r = e;
    }
    if (decodeCacheChars + text.length > DECODE_CACHE_MAX_CHARS) {
      for (const c of Object.values(DECODE_CACHE)) c.clear();
      DEEP_LEVELS.clear();
      decodeCacheChars = 0;
    }
    cache.set(text, r);
    decodeCacheChars += text.length;
    if (depth.levels > 32) DEEP_LEVELS.set(text, depth.levels);
  } else {
    // Copying a cached deep value recurses as deeply as decoding it.
    const levels = DEEP_LEVELS.get(text);
    const stackErr = levels !== undefined ? stackError(levels) : undefined;
    if (stackErr !== undefined) throw new YAMLDecodeError('error converting YAML to JSON: ' + stackErr);
  }
  if (r instanceof YAMLDecodeError) throw new YAMLDecodeError(r.message);
  return cloneValue(r);
}

/**
 * DecodeStore keeps decoded values documents between processes (the CLI's on-disk cache, set
 * with useDecodeStore; the language server sets none). `get` returns exactly what decoding the
 * text into a map gives (a fresh value the caller may change), or undefined.
 */
export interface DecodeStore {
  get(text: string): GoMap | undefined;
  /** put records a successful decode; it must copy or encode `value` before returning. */
  put(text: string, value: GoMap): void;
}

let decodeStore: DecodeStore | undefined;

/** useDecodeStore sets (or, with undefined, removes) the process's DecodeStore. */
export function useDecodeStore(store: DecodeStore | undefined): void {
  decodeStore = store;
}

// Smaller documents decode about as fast as a stored one loads.
const STORE_MIN_CHARS = 4096;

/**
 * unmarshalValuesDocument is unmarshalYAML(text, 'map') for a values file's document, through
 * the DecodeStore for large texts. Only texts nested at most 32 levels are stored: a stored
 * value skips the nesting check, whose stack errors depend on the caller's stack.
 */
export function unmarshalValuesDocument(text: string): GoMap {
  const store = decodeStore;
  if (store === undefined || text.length < STORE_MIN_CHARS || DECODE_CACHE.map.has(text)) return unmarshalYAML(text, 'map') as GoMap;
  const stored = store.get(text);
  if (stored !== undefined) return stored;
  const v = unmarshalYAML(text, 'map') as GoMap;
  if (DECODE_CACHE.map.has(text) && !DEEP_LEVELS.has(text)) store.put(text, v);
  return v;
}

const DECODE_CACHE: Record<UnmarshalTarget, Map<string, Value | YAMLDecodeError>> = { map: new Map(), slice: new Map(), any: new Map() };
const DECODE_CACHE_MAX_CHARS = 16 * 1024 * 1024;
// Nesting levels of cached texts nested more than a few levels deep.
const DEEP_LEVELS = new Map<string, number>();
let decodeCacheChars = 0;

/** forgetDecodes empties the process's memo of decodes (tests of the DecodeStore). */
export function forgetDecodes(): void {
  for (const c of Object.values(DECODE_CACHE)) c.clear();
  DEEP_LEVELS.clear();
  decodeCacheChars = 0;
}

/** cloneValue deep-copies decoded data (maps, slices and scalars only). */
function cloneValue(v: Value): Value {
  if (v instanceof Map) {
    const m: GoMap = new Map();
    for (const [k, x] of v) m.set(k, cloneValue(x));
    return m;
  }
  if (Array.isArray(v)) return v.map(cloneValue);
  return v;
}

function decode(text: string, target: UnmarshalTarget, levels: number, deep: boolean): Value {
  const stackErr = stackError(levels);
  // Plain block YAML (most values files) takes the fast path; anything else the port.
  if (stackErr === undefined) {
    const fast = fastYamlDecode(text);
    if (fast !== undefined) return toTarget(fast, target, deep);
  }
  const full = fullDecode(text, stackErr);
  return toTarget(full.gy, target, deep || full.maxDepth > GO_MAX_DEPTH / 2);
}

/** decodeWithFullParser is unmarshalYAML without the fast path or cache (for differential tests). */
export function decodeWithFullParser(text: string, target: UnmarshalTarget): Value {
  const full = fullDecode(text, undefined);
  return toTarget(full.gy, target, full.maxDepth > GO_MAX_DEPTH / 2);
}

const CONVERTING = 'error converting YAML to JSON: ';

/**
 * fullDecode is go-yaml's yaml.Unmarshal of the first document into interface{} (the port:
 * yaml/goyaml/); maxDepth is the nesting the decoded value reached (aliases included). A
 * `stackErr` is reported after go-yaml's own verdict on the text (which never recurses).
 */
function fullDecode(text: string, stackErr: string | undefined): { gy: GY; maxDepth: number } {
  let doc: YNode | undefined;
  try {
    doc = composeFirstDocument(text);
  } catch (e) {
    if (e instanceof GoYamlSyntaxError || e instanceof GoYamlFailure) throw new YAMLDecodeError(CONVERTING + goYamlError(e));
    throw e;
  }
  if (stackErr !== undefined) throw new StackFailure(CONVERTING + stackErr);
  if (doc === undefined) return { gy: null, maxDepth: 0 };
  const d = new Decoder((depth) => {
    if (depth % STACK_PROBE === 0 && depth > QUICK_LEVELS) {
      const err = stackError(depth + STACK_PROBE);
      if (err !== undefined) throw new StackFailure(CONVERTING + err);
    }
  });
  try {
    return { gy: d.document(doc), maxDepth: d.maxDepth };
  } catch (e) {
    if (e instanceof DecodeFailure || e instanceof AliasFailure) throw new YAMLDecodeError(CONVERTING + 'yaml: ' + e.message);
    throw e;
  }
}

/** toTarget is the JSON round trip of sigs.k8s.io/yaml into a map or slice target. */
function toTarget(gy: GY, target: UnmarshalTarget, deep = false): Value {
  const keyErrors: string[] = [];
  const valueErrors: string[] = [];
  const v = jsonable(gy, keyErrors, valueErrors);
  if (keyErrors.length > 0) throw new YAMLDecodeError('error converting YAML to JSON: ' + keyErrors[0]);
  if (valueErrors.length > 0) throw new YAMLDecodeError('error converting YAML to JSON: ' + valueErrors[0]);
  // encoding/json's scanner checks the nesting (before the target type).
  if (target === 'any') return v;
  const depthErr = deep ? jsonDepthError(v) : undefined;
  if (depthErr !== undefined) throw new YAMLDecodeError('error unmarshaling JSON: while decoding JSON: ' + depthErr);
  const want = target === 'map' ? 'map[string]interface {}' : '[]interface {}';
  if (v === null) return target === 'map' ? new Map() : [];
  const ok = target === 'map' ? v instanceof Map : Array.isArray(v);
  if (!ok) {
    throw new YAMLDecodeError(
      `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go value of type ${want}`,
    );
  }
  return v;
}
