// values.schema.json as the editor reads it: the schema node describing a values path (local
// `$ref`s followed, allOf/anyOf/oneOf branches one level deep, `items` for list indexes,
// `additionalProperties` for unknown keys), its properties, type and description.
import type { Chart } from '../chart/loader';

/** schemaAt is the values.schema.json node describing `path` of chart `c`'s values (local $refs followed). */
export function schemaAt(c: Chart, path: readonly string[]): SchemaNode | undefined {
  const root = schemaOf(c);
  if (root === undefined) return undefined;
  let cur: SchemaNode | undefined = deref(root, root);
  for (const seg of path) {
    if (cur === undefined) return undefined;
    cur = childSchema(root, cur, seg);
  }
  return cur;
}

/** SchemaNode is a JSON schema object (the fields the editor reads). */
export interface SchemaNode {
  readonly type?: unknown;
  readonly description?: unknown;
  readonly title?: unknown;
  readonly enum?: unknown;
  readonly default?: unknown;
  readonly properties?: unknown;
  readonly items?: unknown;
  readonly additionalProperties?: unknown;
  readonly $ref?: unknown;
  readonly allOf?: unknown;
  readonly anyOf?: unknown;
  readonly oneOf?: unknown;
}

const schemaMemo = new WeakMap<Uint8Array, SchemaNode | null>();

function schemaOf(c: Chart): SchemaNode | undefined {
  const bytes = c.schema;
  if (bytes === undefined) return undefined;
  let s = schemaMemo.get(bytes);
  if (s === undefined) {
    try {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
      s = isObj(parsed) ? parsed : null;
    } catch {
      s = null;
    }
    schemaMemo.set(bytes, s);
  }
  return s ?? undefined;
}

function isObj(x: unknown): x is SchemaNode {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function deref(root: SchemaNode, n: SchemaNode): SchemaNode {
  let cur = n;
  for (let i = 0; i < 16 && typeof cur.$ref === 'string' && cur.$ref.startsWith('#/'); i++) {
    let t: unknown = root;
    for (const part of cur.$ref.slice(2).split('/')) {
      const k = part.replace(/~1/g, '/').replace(/~0/g, '~');
      t = isObj(t) ? (t as Record<string, unknown>)[k] : undefined;
    }
    if (!isObj(t)) break;
    cur = t;
  }
  return cur;
}

/** alternatives: the node itself and its allOf/anyOf/oneOf branches (one level). */
function alternatives(root: SchemaNode, n: SchemaNode): SchemaNode[] {
  const out = [n];
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = n[k];
    if (Array.isArray(list)) for (const x of list) if (isObj(x)) out.push(deref(root, x));
  }
  return out;
}

function childSchema(root: SchemaNode, n: SchemaNode, seg: string): SchemaNode | undefined {
  for (const alt of alternatives(root, n)) {
    if (/^\d+$/.test(seg) && isObj(alt.items)) return deref(root, alt.items);
    const props = alt.properties;
    if (isObj(props)) {
      const p = (props as Record<string, unknown>)[seg];
      if (isObj(p)) return deref(root, p);
    }
  }
  for (const alt of alternatives(root, n)) if (isObj(alt.additionalProperties)) return deref(root, alt.additionalProperties);
  return undefined;
}

/** schemaProperties lists the properties a schema node declares (with their nodes), allOf/anyOf/oneOf included. */
export function schemaProperties(c: Chart, n: SchemaNode): Array<[string, SchemaNode]> {
  const root = schemaOf(c);
  if (root === undefined) return [];
  const out = new Map<string, SchemaNode>();
  for (const alt of alternatives(root, n)) {
    const props = alt.properties;
    if (!isObj(props)) continue;
    for (const [k, v] of Object.entries(props as Record<string, unknown>)) if (isObj(v) && !out.has(k)) out.set(k, deref(root, v));
  }
  return [...out];
}

/** schemaType is a schema node's type as text ("string", "integer | null"), or undefined. */
export function schemaType(n: SchemaNode): string | undefined {
  if (typeof n.type === 'string') return n.type;
  if (Array.isArray(n.type)) return n.type.filter((t) => typeof t === 'string').join(' | ');
  return undefined;
}
