// The structural part of OpenAPI v3 / JSON Schema that both CRDs (crd.ts) and user JSON Schemas
// (jsonschema.ts) convert: one walk that names each object schema it meets and records it in a
// type table, so both produce the same K8sObjectType model validate.ts reads.
import { ANY, type K8sField, type K8sObjectType, type K8sType, type TypeLookup } from './model';

/** Schema is a JSON object node of a schema document. */
export type Schema = Readonly<Record<string, unknown>>;

export function asSchema(v: unknown): Schema | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Schema) : undefined;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** SchemaDialect tells the walk how the two sources differ. */
export interface SchemaDialect {
  /** closedByDefault: an object with properties rejects other fields unless marked open (CRDs: yes; JSON Schema: only with additionalProperties: false). */
  readonly closedByDefault: boolean;
  /** resolve follows a `$ref` (JSON Schema only); undefined when it cannot. */
  resolve?(ref: string): Schema | undefined;
}

/** TypeTable is a TypeLookup that conversions fill. */
export class TypeTable implements TypeLookup {
  readonly types = new Map<string, K8sObjectType>();
  type(ref: string): K8sObjectType | undefined {
    return this.types.get(ref);
  }
}

/** LazyFields is a field map whose fields are made on first lookup (iteration makes them all). */
export class LazyFields implements ReadonlyMap<string, K8sField> {
  private readonly made = new Map<string, K8sField>();
  private readonly names: ReadonlySet<string>;

  constructor(
    names: readonly string[],
    private readonly make: (name: string) => K8sField,
  ) {
    this.names = new Set(names);
  }

  get size(): number {
    return this.names.size;
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  get(name: string): K8sField | undefined {
    if (!this.names.has(name)) return undefined;
    let f = this.made.get(name);
    if (f === undefined) {
      f = this.make(name);
      this.made.set(name, f);
    }
    return f;
  }

  *entries(): MapIterator<[string, K8sField]> {
    for (const n of this.names) yield [n, this.get(n) as K8sField];
  }

  keys(): MapIterator<string> {
    return this.names.keys();
  }

  *values(): MapIterator<K8sField> {
    for (const n of this.names) yield this.get(n) as K8sField;
  }

  forEach(cb: (value: K8sField, key: string, map: ReadonlyMap<string, K8sField>) => void): void {
    for (const [k, v] of this.entries()) cb(v, k, this);
  }

  [Symbol.iterator](): MapIterator<[string, K8sField]> {
    return this.entries();
  }
}

/** SchemaConverter turns schema nodes into K8sTypes, naming object types `<prefix><path>`. */
export class SchemaConverter {
  private readonly refNames = new Map<string, string>();
  private depth = 0;

  constructor(
    readonly table: TypeTable,
    private readonly dialect: SchemaDialect,
  ) {}

  /** convert turns a schema node at a name into a type (object types are added to the table). */
  convert(node: unknown, name: string): K8sType {
    const s = asSchema(node);
    if (s === undefined || this.depth > 64) return ANY;
    this.depth++;
    try {
      return this.convertNode(s, name);
    } finally {
      this.depth--;
    }
  }

  private convertNode(s: Schema, name: string): K8sType {
    if (typeof s.$ref === 'string') {
      const target = this.dialect.resolve?.(s.$ref);
      if (target === undefined) return ANY;
      const refName = this.refNames.get(s.$ref) ?? `#${s.$ref.replace(/^#\/?/, '')}`;
      this.refNames.set(s.$ref, refName);
      // An object schema is in the table from the start of its conversion, so recursion ends here.
      if (this.table.types.has(refName)) return { t: 'object', ref: refName };
      return this.convertNode(target, refName);
    }
    if (s['x-kubernetes-int-or-string'] === true) return { t: 'int-or-string' };
    const type = this.typeOf(s);
    switch (type) {
      case 'string': {
        const values = Array.isArray(s.enum) && s.enum.every((e) => typeof e === 'string') ? (s.enum as string[]) : undefined;
        const format = str(s.format);
        return { t: 'string', ...(format ? { format } : {}), ...(values && values.length > 0 ? { enum: values } : {}) };
      }
      case 'integer':
        return { t: 'integer', ...(str(s.format) ? { format: str(s.format) } : {}) };
      case 'number':
        return { t: 'number', ...(str(s.format) ? { format: str(s.format) } : {}) };
      case 'boolean':
        return { t: 'boolean' };
      case 'array':
        return { t: 'array', items: s.items === undefined ? ANY : this.convert(s.items, `${name}[]`) };
      case 'object':
        return this.objectType(s, name);
      default:
        return ANY;
    }
  }

  /** typeOf reads `type` ("object", ["string", "null"]); objects and arrays are also recognised by their keywords. */
  private typeOf(s: Schema): string | undefined {
    let t = s.type;
    if (Array.isArray(t)) {
      const nonNull = t.filter((x) => x !== 'null');
      t = nonNull.length === 1 ? nonNull[0] : undefined;
      if (t === undefined) return undefined;
    }
    if (typeof t === 'string') return t;
    if (s.type !== undefined) return undefined;
    if (asSchema(s.properties) !== undefined) return 'object';
    if (s.items !== undefined) return 'array';
    return undefined;
  }

  private objectType(s: Schema, name: string): K8sType {
    const props = asSchema(s.properties);
    const addl = s.additionalProperties;
    const preserve = s['x-kubernetes-preserve-unknown-fields'] === true || s['x-kubernetes-embedded-resource'] === true;
    // Composition keywords can add fields this walk does not follow: such an object stays open.
    const composed = ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'patternProperties', 'dependentSchemas'].some((k) => s[k] !== undefined);
    if (props === undefined) {
      if (asSchema(addl) !== undefined) return { t: 'map', values: this.convert(addl, `${name}{}`) };
      // An object with nothing said of its fields takes anything, except in a CRD (structural: no field is allowed).
      if (preserve || composed || addl === true || !this.dialect.closedByDefault) return ANY;
    }
    const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : [];
    // Fields convert on first lookup: a big schema (a CRD's) is mostly fields no manifest uses.
    // Descriptions are read on first use too (validation never reads them).
    const fields = new LazyFields(props === undefined ? [] : Object.keys(props), (k) => {
      const sub = props?.[k];
      return {
        name: k,
        type: this.convert(sub, `${name}.${k}`),
        get description(): string {
          return str(asSchema(sub)?.description);
        },
        required: required.includes(k),
      };
    });
    const open = preserve || composed || addl === true || asSchema(addl) !== undefined || (!this.dialect.closedByDefault && addl !== false);
    this.table.types.set(name, {
      name,
      get description(): string {
        return str(s.description);
      },
      fields,
      required,
      ...(open ? { open: true } : {}),
    });
    return { t: 'object', ref: name };
  }
}
