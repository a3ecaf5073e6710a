// CustomResourceDefinitions (apiextensions.k8s.io/v1, and v1beta1's shared `validation`) → the schema
// model: every served version's `openAPIV3Schema` becomes a top-level type keyed by group/version/kind,
// judged as the API server judges custom resources: fields outside `properties` are unknown unless
// `x-kubernetes-preserve-unknown-fields`; `metadata` is the API server's ObjectMeta (taken from a
// built-in set when given, otherwise anything); `apiVersion`/`kind` are always allowed.
import { ANY, type ApiStatus, type K8sField, type K8sObjectType, type K8sType, type SchemaSet } from './model';
import { asSchema, LazyFields, SchemaConverter, TypeTable, type Schema } from './schemaobj';

/** CrdKind is one custom resource kind a CRD serves. */
export interface CrdKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** ref: its top-level type in the set's table. */
  readonly ref: string;
}

/** CrdSchemaSet is the schemas of some CRDs (version ""), with the CRDs' apiVersion/kinds. */
export interface CrdSchemaSet extends SchemaSet {
  readonly crdKinds: readonly CrdKind[];
}

const META: K8sType = ANY;

/** withRootFields adds the fields every custom resource has besides its schema's (its own still convert on first lookup). */
function withRootFields(t: K8sObjectType, metadata: K8sType): K8sObjectType {
  const root: Readonly<Record<string, K8sType>> = { apiVersion: { t: 'string' }, kind: { t: 'string' }, metadata };
  const names = [...new Set([...t.fields.keys(), ...Object.keys(root)])];
  const fields = new LazyFields(names, (name) => {
    const own = t.fields.get(name);
    const type = Object.prototype.hasOwnProperty.call(root, name) ? root[name] : undefined;
    return type !== undefined ? { name, type, description: own?.description ?? '', required: false } : (own as K8sField);
  });
  return { ...t, fields };
}

/** isCrd tells whether decoded data is a CustomResourceDefinition. */
export function isCrd(obj: unknown): boolean {
  const o = asSchema(obj);
  return o !== undefined && o.kind === 'CustomResourceDefinition' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith('apiextensions.k8s.io/');
}

/**
 * crdSchemaSet converts CRDs (decoded manifests; anything else is ignored) into one set. `builtin`,
 * when given, supplies ObjectMeta for `metadata` (a CR's metadata is checked like any object's).
 */
export function crdSchemaSet(crds: readonly unknown[], builtin?: SchemaSet): CrdSchemaSet {
  const table = new TypeTable();
  const kinds: CrdKind[] = [];
  const pending = new Map<string, Schema | undefined>();
  const done = new Map<string, string>();
  const meta: K8sType = builtin?.type('V1ObjectMeta') ? { t: 'object', ref: 'V1ObjectMeta' } : META;
  for (const crd of crds) {
    if (!isCrd(crd)) continue;
    const spec = asSchema(asSchema(crd)?.spec);
    const group = typeof spec?.group === 'string' ? spec.group : '';
    const kind = asSchema(spec?.names)?.kind;
    if (spec === undefined || typeof kind !== 'string' || group === '') continue;
    const shared = asSchema(asSchema(spec.validation)?.openAPIV3Schema);
    const versions: Array<{ name: string; schema: Schema | undefined }> = [];
    if (Array.isArray(spec.versions)) {
      for (const v of spec.versions) {
        const vs = asSchema(v);
        if (vs === undefined || typeof vs.name !== 'string' || vs.served === false) continue;
        versions.push({ name: vs.name, schema: asSchema(asSchema(vs.schema)?.openAPIV3Schema) ?? shared });
      }
    } else if (typeof spec.version === 'string') {
      versions.push({ name: spec.version, schema: shared });
    }
    for (const v of versions) {
      const apiVersion = `${group}/${v.name}`;
      const key = `${apiVersion} ${kind}`;
      if (pending.has(key) || done.has(key)) continue;
      kinds.push({ apiVersion, kind, ref: `${apiVersion}/${kind}` });
      pending.set(key, v.schema);
    }
  }
  /** convert builds a kind's types on first use: most charts render CRDs without resources of them. */
  const convert = (key: string): string | undefined => {
    const hit = done.get(key);
    if (hit !== undefined || !pending.has(key)) return hit;
    const schema = pending.get(key);
    pending.delete(key);
    const ref = key.replace(' ', '/');
    const t = schema === undefined ? ANY : new SchemaConverter(table, { closedByDefault: true }).convert(schema, ref);
    const root = t.t === 'object' ? table.type(t.ref) : undefined;
    table.types.set(ref, withRootFields(root ?? { name: ref, description: '', fields: new Map(), required: [], open: true }, meta));
    done.set(key, ref);
    return ref;
  };
  return {
    version: '',
    crdKinds: kinds,
    type: (ref) => {
      const own = table.type(ref);
      if (own !== undefined) return own;
      // A root ref (`group/version/Kind`) of a kind not converted yet.
      const slash = ref.lastIndexOf('/');
      if (slash > 0 && !ref.includes('.', slash) && convert(`${ref.slice(0, slash)} ${ref.slice(slash + 1)}`) !== undefined) return table.type(ref);
      return builtin?.type(ref);
    },
    resource: (apiVersion, kind) => {
      const ref = convert(`${apiVersion} ${kind}`);
      return ref === undefined ? undefined : table.type(ref);
    },
    apiStatus: (): ApiStatus => ({}),
    kinds: () => kinds.map(({ apiVersion, kind }) => ({ apiVersion, kind })),
  };
}

/** layered answers from the first set that knows a resource (e.g. a chart's CRDs over the built-in schemas). */
export function layered(version: string, ...sets: readonly SchemaSet[]): SchemaSet {
  return {
    version,
    type: (ref) => {
      for (const s of sets) {
        const t = s.type(ref);
        if (t) return t;
      }
      return undefined;
    },
    resource: (apiVersion, kind) => {
      for (const s of sets) {
        const t = s.resource(apiVersion, kind);
        if (t) return t;
      }
      return undefined;
    },
    apiStatus: (apiVersion, kind) => {
      for (const s of sets) {
        const st = s.apiStatus(apiVersion, kind);
        if (st.deprecatedIn !== undefined || st.removedIn !== undefined) return st;
      }
      return {};
    },
    kinds: () => sets.flatMap((s) => s.kinds()),
  };
}
