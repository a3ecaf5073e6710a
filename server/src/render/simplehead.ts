// Decoding a manifest's head (apiVersion, kind, metadata.name, metadata.annotations) the way Helm
// does: sigs.k8s.io/yaml.Unmarshal into releaseutil.SimpleHead, i.e. YAML → JSON (scalars converted
// to strings where the Go target field is a string) → encoding/json into the struct. Both steps
// have their own error texts, which `helm template` prints verbatim.
import { jsonDepthError } from '../yaml/yamlDepth';
import { unmarshalYAML, YAMLDecodeError } from '../yaml/yamlDecode';
import type { HelmVersion } from '../template/func';
import type { Value } from '../template/value';

/** SimpleHead is releaseutil.SimpleHead. */
export interface SimpleHead {
  readonly version: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly annotations: ReadonlyMap<string, string> | null } | null;
}

/**
 * YamlToJson converts one YAML document to plain JS data (objects with string keys, arrays,
 * strings, numbers, booleans, null) with Go's go-yaml v2 resolution, or throws an Error whose
 * message is go-yaml's text (e.g. "yaml: line 4: found character that cannot start any token").
 */
export type YamlToJson = (doc: string) => unknown;

/** HeadError is a SimpleHead decoding failure; `message` is sigs.k8s.io/yaml's full text. */
export class HeadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HeadError';
  }
}

/** plainData turns decoded values (maps) into plain JS data (objects with string keys). */
function plainData(v: Value): unknown {
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) Object.defineProperty(o, k, { value: plainData(x), enumerable: true, writable: true, configurable: true });
    return o;
  }
  if (Array.isArray(v)) return v.map(plainData);
  return v;
}

const CONVERTING = 'error converting YAML to JSON: ';

/**
 * defaultYamlToJson is the YAML decoder for manifest heads: sigs.k8s.io/yaml's YAML → JSON step
 * over go-yaml (yaml/yamlDecode.ts, the go-yaml port), as plain data. Errors are go-yaml's texts.
 */
export const defaultYamlToJson: YamlToJson = (text) => {
  try {
    return plainData(unmarshalYAML(text, 'any'));
  } catch (e) {
    if (e instanceof YAMLDecodeError) throw new Error(e.message.startsWith(CONVERTING) ? e.message.slice(CONVERTING.length) : e.message);
    throw e;
  }
};

const STRUCT_METADATA = 'struct { Name string "json:\\"name\\""; Annotations map[string]string "json:\\"annotations\\"" }';

/** jsonKind names a decoded JSON value as encoding/json's UnmarshalTypeError does. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'bool';
    default:
      return 'object';
  }
}

/** toStringTarget is sigs.k8s.io/yaml's conversion of a YAML scalar bound for a Go string field. */
function toStringTarget(v: unknown): unknown {
  switch (typeof v) {
    case 'number':
      return String(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      return v;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);
}

/**
 * decodeSimpleHead parses one split manifest document into a SimpleHead, or throws HeadError
 * with Helm's text (without the `YAML parse error on <file>: ` prefix).
 */
export function decodeSimpleHead(doc: string, helmVersion: HelmVersion, yamlToJson: YamlToJson): SimpleHead {
  let data: unknown;
  try {
    data = yamlToJson(doc);
  } catch (e) {
    throw new HeadError(`error converting YAML to JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  // encoding/json's scanner refuses documents nested more than 10000 deep (which takes at least
  // 10000 characters of YAML).
  const depthErr = doc.length > 10000 ? jsonDepthError(data) : undefined;
  if (depthErr !== undefined) throw new HeadError(`error unmarshaling JSON: while decoding JSON: ${depthErr}`);
  const typeName = helmVersion === 3 ? 'releaseutil.SimpleHead' : 'util.SimpleHead';
  let firstErr: string | undefined;
  const fail = (msg: string): void => {
    if (firstErr === undefined) firstErr = msg;
  };
  const str = (v: unknown, field: string): string => {
    const c = toStringTarget(v);
    if (c === null || c === undefined) return '';
    if (typeof c === 'string') return c;
    fail(`json: cannot unmarshal ${jsonKind(c)} into Go struct field ${field} of type string`);
    return '';
  };
  let version = '';
  let kind = '';
  type Meta = { name: string; annotations: Map<string, string> | null };
  const meta: { v: Meta | null } = { v: null };
  if (data === null || data === undefined) {
    return { version, kind, metadata: null };
  }
  if (!isObject(data)) {
    throw new HeadError(
      `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(data)} into Go value of type ${typeName}`,
    );
  }
  // encoding/json walks the object's keys in (sorted) order; emulate per key.
  for (const key of Object.keys(data).sort()) {
    const lk = key.toLowerCase();
    const v = data[key];
    if (lk === 'apiversion') version = str(v, 'SimpleHead.apiVersion');
    else if (lk === 'kind') kind = str(v, 'SimpleHead.kind');
    else if (lk === 'metadata') {
      if (v === null || v === undefined) {
        meta.v = null;
        continue;
      }
      if (!isObject(v)) {
        fail(`json: cannot unmarshal ${jsonKind(v)} into Go struct field SimpleHead.metadata of type ${STRUCT_METADATA}`);
        continue;
      }
      const prev: Meta | null = meta.v;
      let name: string = prev?.name ?? '';
      let annotations: Map<string, string> | null = prev?.annotations ? new Map(prev.annotations) : null;
      for (const mk of Object.keys(v).sort()) {
        const lmk = mk.toLowerCase();
        const mv = v[mk];
        if (lmk === 'name') name = str(mv, '.metadata.name');
        else if (lmk === 'annotations') {
          if (mv === null || mv === undefined) {
            annotations = null;
            continue;
          }
          if (!isObject(mv)) {
            fail(`json: cannot unmarshal ${jsonKind(mv)} into Go struct field .metadata.annotations of type map[string]string`);
            continue;
          }
          if (annotations === null) annotations = new Map();
          for (const ak of Object.keys(mv).sort()) {
            const av = toStringTarget(mv[ak]);
            if (av === null || av === undefined) {
              // JSON null into a map[string]string element stores "".
              annotations.set(ak, '');
            } else if (typeof av === 'string') annotations.set(ak, av);
            else fail(`json: cannot unmarshal ${jsonKind(av)} into Go struct field .metadata.annotations of type string`);
          }
        }
      }
      meta.v = { name, annotations };
    }
  }
  if (firstErr !== undefined) {
    throw new HeadError(`error unmarshaling JSON: while decoding JSON: ${firstErr}`);
  }
  return { version, kind, metadata: meta.v };
}
