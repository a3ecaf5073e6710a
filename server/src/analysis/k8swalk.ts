// Walking the Kubernetes schema model (k8s/model.ts) along a manifest path, and printing types.
import type { K8sField, K8sObjectType, K8sType, TypeLookup } from '../k8s/model';

/** Resolved is the schema at a path: its type, the object type when it is an object, and the field that led there. */
export interface Resolved {
  readonly type: K8sType | undefined;
  readonly object: K8sObjectType | undefined;
  readonly field: K8sField | undefined;
}

/** objectOf resolves a type to its object type (undefined for scalars, arrays, maps). */
export function objectOf(s: TypeLookup, t: K8sType | undefined): K8sObjectType | undefined {
  return t !== undefined && t.t === 'object' ? s.type(t.ref) : undefined;
}

/** resolvePath walks `path` (keys; numbers step into array items) from a resource's root type. */
export function resolvePath(s: TypeLookup, root: K8sObjectType, path: readonly (string | number)[]): Resolved | undefined {
  let object: K8sObjectType | undefined = root;
  let type: K8sType | undefined;
  let field: K8sField | undefined;
  for (const step of path) {
    if (typeof step === 'number') {
      if (type === undefined || type.t !== 'array') return undefined;
      type = type.items;
      field = undefined;
    } else if (object !== undefined) {
      field = object.fields.get(step);
      if (field === undefined) return undefined;
      type = field.type;
    } else if (type !== undefined && type.t === 'map') {
      type = type.values;
      field = undefined;
    } else {
      return undefined;
    }
    object = objectOf(s, type);
  }
  return { type, object, field };
}

/** typeText prints a type briefly: `Container`, `[]ContainerPort`, `map[string]string`, `integer`, `string (TCP | UDP)`. */
export function typeText(t: K8sType): string {
  switch (t.t) {
    case 'object': {
      const i = t.ref.lastIndexOf('.');
      return i >= 0 ? t.ref.slice(i + 1) : t.ref;
    }
    case 'array':
      return `[]${typeText(t.items)}`;
    case 'map':
      return `map[string]${typeText(t.values)}`;
    default: {
      const base = t.format !== undefined && t.format !== '' ? `${t.t} (${t.format})` : t.t;
      return t.enum !== undefined && t.enum.length > 0 ? `${base}: ${t.enum.join(' | ')}` : base;
    }
  }
}
