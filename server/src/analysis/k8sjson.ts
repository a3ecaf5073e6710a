// A rendered manifest as plain JSON data, decoded the way Kubernetes clients see it
// (sigs.k8s.io/yaml: YAML → JSON), for schema validation.
import { unmarshalYAML } from '../yaml/yamlDecode';
import { fastYamlDecode } from '../yaml/yamlFast';
import type { GY } from '../yaml/yamlGo';
import { marshalJSON } from '../sprig/json';
import { compareGoStrings, type Value } from '../template/value';
import { isStackOverflow } from '../template/errors';

/** NOT_PLAIN: a value plainData does not convert (the JSON round trip does). */
const NOT_PLAIN: unique symbol = Symbol('not plain');

/**
 * plainData converts decoded data (maps, slices, strings, float64 numbers, booleans, null: what
 * unmarshalYAML returns after its own JSON round trip) to plain JSON data as
 * JSON.parse(marshalJSON(v)) would (map keys in Go's sorted order), without printing it.
 */
function plainData(v: Value): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : NOT_PLAIN;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      const p = plainData(x);
      if (p === NOT_PLAIN) return NOT_PLAIN;
      out.push(p);
    }
    return out;
  }
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const k of [...v.keys()].sort(compareGoStrings)) {
      const p = plainData(v.get(k) as Value);
      if (p === NOT_PLAIN) return NOT_PLAIN;
      setOwn(out, k, p);
    }
    return out;
  }
  return NOT_PLAIN;
}

/** setOwn sets a key of plain data as JSON.parse does ("__proto__" becomes an own key, not the prototype). */
function setOwn(out: Record<string, unknown>, k: string, p: unknown): void {
  if (k === '__proto__') Object.defineProperty(out, k, { value: p, enumerable: true, writable: true, configurable: true });
  else out[k] = p;
}

/**
 * gyPlain converts go-yaml data (the fast decoder's) straight to plain JSON data when every map
 * key is a string and every number finite: what sigs.k8s.io/yaml's conversion and plainData
 * would give, in one walk without the intermediate Go maps (NOT_PLAIN otherwise).
 */
function gyPlain(v: GY, depth: number): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : NOT_PLAIN;
  if (depth > FAST_LEVELS) return NOT_PLAIN;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      const p = gyPlain(x, depth + 1);
      if (p === NOT_PLAIN) return NOT_PLAIN;
      out.push(p);
    }
    return out;
  }
  // Keys are unique (GYMap keys by Go equality) and, for the path, strings; generated CRDs list
  // them sorted already.
  const es = [...v.entries.values()];
  let sorted = true;
  for (let i = 0; i < es.length; i++) {
    const k = es[i].key;
    if (typeof k !== 'string') return NOT_PLAIN;
    if (sorted && i > 0 && compareGoStrings(es[i - 1].key as string, k) > 0) sorted = false;
  }
  if (!sorted) es.sort((a, b) => compareGoStrings(a.key as string, b.key as string));
  const out: Record<string, unknown> = {};
  for (const e of es) {
    const p = gyPlain(e.value, depth + 1);
    if (p === NOT_PLAIN) return NOT_PLAIN;
    setOwn(out, e.key as string, p);
  }
  return out;
}

/**
 * FAST_LEVELS: data nesting deeper takes the full path (go-yaml's and encoding/json's depth
 * checks and the stack check are the full decoder's; they matter thousands of levels down).
 */
const FAST_LEVELS = 256;

/**
 * fastJSONValue decodes a plain block mapping with the fast decoder straight to JSON data
 * (undefined: not in that subset, the full path decides). Large rendered manifests (CRDs)
 * change on every edit of their template; this skips the decoder's Go maps, its cache copy and
 * plainData's walk. A stack overflow in the fast decoder (a deep flow collection) is noted and
 * left to the full path, whose depth checks run before it recurses.
 */
function fastJSONValue(text: string): unknown {
  let gy: GY | undefined;
  try {
    gy = fastYamlDecode(text);
  } catch (e) {
    isStackOverflow(e); // notes an overflow
    return undefined;
  }
  if (gy === undefined || gy === null || typeof gy !== 'object' || Array.isArray(gy)) return undefined;
  const p = gyPlain(gy, 1);
  return p === NOT_PLAIN ? undefined : p;
}

/** unmarshalJSONValue decodes one YAML document to JSON data; undefined when it does not decode (exported for its test: jsonRoundTrip is the reference). */
export function unmarshalJSONValue(text: string): unknown {
  const fast = fastJSONValue(text);
  if (fast !== undefined) return fast;
  try {
    const v = unmarshalYAML(text, 'map');
    const p = plainData(v);
    return p !== NOT_PLAIN ? p : (JSON.parse(marshalJSON(v, { escapeHTML: false })) as unknown);
  } catch {
    return undefined;
  }
}

/** jsonRoundTrip is unmarshalJSONValue through marshalJSON and JSON.parse (the reference plainData must equal). */
export function jsonRoundTrip(text: string): unknown {
  try {
    return JSON.parse(marshalJSON(unmarshalYAML(text, 'map'), { escapeHTML: false })) as unknown;
  } catch {
    return undefined;
  }
}
