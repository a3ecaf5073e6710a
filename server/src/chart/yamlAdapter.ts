// TEMPORARY adapter: YAML → Go values for the chart layer until server/src/helm/yamlDecode.ts
// (the Go-exact sigs.k8s.io/yaml decoder) lands. Approximates YAML 1.1 via the `yaml` package;
// error texts only roughly follow Helm's. Only this file needs to change when switching.
import { parseDocument } from 'yaml';
import type { HelmVersion } from '../template/func';
import { type GoMap, type Value } from '../template/value';

/** DecodeResult is a decoded YAML document or a Go-style error text (without file prefix). */
export type DecodeResult = { value: Value } | { error: string };

function toValue(x: unknown): Value {
  if (x === null || x === undefined) return null;
  switch (typeof x) {
    case 'boolean':
    case 'string':
      return x;
    case 'number':
      return x;
    case 'bigint':
      return Number(x);
  }
  if (x instanceof Uint8Array) return new TextDecoder().decode(x);
  if (Array.isArray(x)) return x.map(toValue);
  if (x instanceof Map) {
    const m: GoMap = new Map();
    for (const [k, v] of x) m.set(keyString(k), toValue(v));
    return m;
  }
  if (typeof x === 'object') {
    const m: GoMap = new Map();
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) m.set(k, toValue(v));
    return m;
  }
  return null;
}

function keyString(k: unknown): string {
  if (k === null || k === undefined) return 'null';
  if (typeof k === 'number') return String(k);
  return String(k);
}

/** decodeYaml decodes one YAML document to Go values (numbers float64, YAML 1.1 booleans). */
export function decodeYaml(text: string): DecodeResult {
  const doc = parseDocument(text, {
    version: '1.1',
    merge: true,
    uniqueKeys: false,
    // sigs.k8s.io/yaml keeps timestamps as strings.
    customTags: (tags) => tags.filter((t) => typeof t !== 'object' || t.tag !== 'tag:yaml.org,2002:timestamp'),
  });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0].line ?? 1;
    return { error: `error converting YAML to JSON: yaml: line ${line}: ${e.message.split(' at line')[0]}` };
  }
  const js: unknown = doc.toJS({ mapAsMap: true, maxAliasCount: -1 });
  const v = toValue(js);
  if (typeof v === 'number' && !Number.isFinite(v)) {
    return { error: `error converting YAML to JSON: json: unsupported value: ${v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN'}` };
  }
  return { value: v };
}

/** parseValuesText decodes a values document into a map; errors carry Helm's wording. */
export function parseValuesText(text: string, fileLabel: string, v: HelmVersion): { values: GoMap } | { error: string } {
  const r = decodeYaml(text);
  const prefix = v === 4 ? 'cannot unmarshal yaml document: ' : '';
  if ('error' in r) return { error: `${fileLabel}${prefix}${r.error}` };
  if (r.value === null) return { values: new Map() };
  if (!(r.value instanceof Map)) {
    const kind = Array.isArray(r.value) ? 'array' : typeof r.value === 'string' ? 'string' : typeof r.value === 'boolean' ? 'bool' : 'number';
    return {
      error: `${fileLabel}${prefix}error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`,
    };
  }
  return { values: r.value };
}
