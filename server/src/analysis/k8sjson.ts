// A rendered manifest as plain JSON data, decoded the way Kubernetes clients see it
// (sigs.k8s.io/yaml: YAML → JSON), for schema validation.
import { unmarshalYAML } from '../yaml/yamlDecode';
import { marshalJSON } from '../sprig/json';
import { compareGoStrings, type Value } from '../template/value';

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
      // JSON.parse makes "__proto__" an own key; an assignment would set the prototype.
      if (k === '__proto__') Object.defineProperty(out, k, { value: p, enumerable: true, writable: true, configurable: true });
      else out[k] = p;
    }
    return out;
  }
  return NOT_PLAIN;
}

/** unmarshalJSONValue decodes one YAML document to JSON data; undefined when it does not decode (exported for its test: jsonRoundTrip is the reference). */
export function unmarshalJSONValue(text: string): unknown {
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
