// Validation of one decoded manifest (plain JSON data, as sigs.k8s.io/yaml hands it to the API
// server) against a SchemaSet, judging as the API server's strict decoding and validation do:
// null is "unset" everywhere; integers must be whole numbers; int-or-string takes a whole number or
// a string; a quantity takes a number or a string in quantity syntax; `status` is not checked (the
// API server resets it on create); open objects (preserve-unknown-fields) take any field.
import type { K8sObjectType, K8sType, SchemaSet, TypeLookup } from './model';
import { isDeprecatedIn, isRemovedIn } from './store';

/** SchemaProblemCode is the configurable code of a schema problem. */
export type SchemaProblemCode = 'k8s-unknown-field' | 'k8s-type' | 'k8s-required' | 'k8s-enum' | 'k8s-api-removed' | 'k8s-api-deprecated';

/** SchemaProblem is one problem at a path into the manifest (keys and array indexes). */
export interface SchemaProblem {
  readonly path: ReadonlyArray<string | number>;
  readonly code: SchemaProblemCode;
  readonly message: string;
}

/** QUANTITY_RE is resource.Quantity's syntax as the API server states it in its error. */
const QUANTITY_RE_TEXT = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
const QUANTITY_RE = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+|(?:Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** formatPath prints a manifest path as the API server does: `spec.containers[0].image`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? p : `.${p}`;
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'bigint') return 'integer';
  return typeof v;
}

/** isQuantity tells whether a string parses as a resource.Quantity (after trimming, as the API server does). */
export function isQuantity(s: string): boolean {
  return QUANTITY_RE.test(s.trim());
}

class Walker {
  readonly problems: SchemaProblem[] = [];
  constructor(
    private readonly types: TypeLookup,
    private readonly kind: string,
  ) {}

  private add(path: ReadonlyArray<string | number>, code: SchemaProblemCode, message: string): void {
    this.problems.push({ path: [...path], code, message });
  }

  private wrongType(path: ReadonlyArray<string | number>, want: string, v: unknown): void {
    this.add(path, 'k8s-type', `${formatPath(path)}: Invalid type: expected ${want}, got ${jsonType(v)}`);
  }

  value(v: unknown, t: K8sType, path: Array<string | number>): void {
    if (v === null || v === undefined) return;
    switch (t.t) {
      case 'any':
        return;
      case 'object': {
        const obj = this.types.type(t.ref);
        if (obj === undefined) return;
        if (!isObject(v)) return this.wrongType(path, 'object', v);
        return this.object(v, obj, path);
      }
      case 'array':
        if (!Array.isArray(v)) return this.wrongType(path, 'array', v);
        v.forEach((item, i) => {
          path.push(i);
          this.value(item, t.items, path);
          path.pop();
        });
        return;
      case 'map':
        if (!isObject(v)) return this.wrongType(path, 'object', v);
        for (const [k, item] of Object.entries(v)) {
          path.push(k);
          this.value(item, t.values, path);
          path.pop();
        }
        return;
      case 'string':
        if (typeof v !== 'string') return this.wrongType(path, 'string', v);
        // "" is Go's zero value: the same as unset (and defaulted, e.g. imagePullPolicy), never an unsupported value.
        if (t.enum !== undefined && t.enum.length > 0 && v !== '' && !t.enum.includes(v)) {
          this.add(path, 'k8s-enum', `${formatPath(path)}: Unsupported value: ${JSON.stringify(v)}: supported values: ${t.enum.map((e) => JSON.stringify(e)).join(', ')}`);
        }
        return;
      case 'integer':
        if (!(typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v)))) this.wrongType(path, 'integer', v);
        return;
      case 'number':
        if (typeof v !== 'number' && typeof v !== 'bigint') this.wrongType(path, 'number', v);
        return;
      case 'boolean':
        if (typeof v !== 'boolean') this.wrongType(path, 'boolean', v);
        return;
      case 'int-or-string':
        if (!(typeof v === 'string' || typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v)))) this.wrongType(path, 'integer or string', v);
        return;
      case 'quantity':
        if (typeof v === 'number' || typeof v === 'bigint') return;
        if (typeof v !== 'string') return this.wrongType(path, 'quantity (string or number)', v);
        if (!isQuantity(v)) this.add(path, 'k8s-type', `${formatPath(path)}: Invalid value: ${JSON.stringify(v)}: quantities must match the regular expression '${QUANTITY_RE_TEXT}'`);
        return;
    }
  }

  object(v: Record<string, unknown>, t: K8sObjectType, path: Array<string | number>): void {
    for (const [k, item] of Object.entries(v)) {
      const f = t.fields.get(k);
      if (f === undefined) {
        if (!t.open) {
          path.push(k);
          this.add(path, 'k8s-unknown-field', `unknown field ${JSON.stringify(formatPath(path))}`);
          path.pop();
        }
        continue;
      }
      if (path.length === 0 && k === 'status') continue;
      path.push(k);
      this.value(item, f.type, path);
      path.pop();
    }
    for (const r of t.required) {
      if (v[r] === undefined || v[r] === null) {
        const where = path.length === 0 ? this.kind : `${this.kind}.${formatPath(path)}`;
        this.add([...path, r], 'k8s-required', `missing required field ${JSON.stringify(r)} in ${where}`);
      }
    }
  }
}

/** validateObject checks a value against an object type of any lookup (CRD and JSON Schema sets too). */
export function validateObject(types: TypeLookup, root: K8sObjectType, obj: Record<string, unknown>, label: string): SchemaProblem[] {
  const w = new Walker(types, label);
  w.object(obj, root, []);
  return w.problems;
}

/** validateValue checks any value against any type (a JSON Schema's root that is not an object). */
export function validateValue(types: TypeLookup, type: K8sType, value: unknown, label: string): SchemaProblem[] {
  const w = new Walker(types, label);
  w.value(value, type, []);
  return w.problems;
}

/**
 * validateResource checks one decoded manifest. A manifest whose apiVersion/kind the set does not know
 * gets no schema problems; a removed or deprecated apiVersion is reported at `apiVersion`.
 */
export function validateResource(set: SchemaSet, obj: unknown): SchemaProblem[] {
  if (!isObject(obj)) return [];
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return [];
  const problems: SchemaProblem[] = [];
  const status = set.apiStatus(apiVersion, kind);
  const instead = status.replacement ? `; use ${status.replacement.apiVersion} ${status.replacement.kind}` : '';
  const type = set.resource(apiVersion, kind);
  // Removed per Kubernetes' lifecycle table even when the generated data still carries the type
  // (client-node keeps flowcontrol v1beta3 after 1.32).
  if (set.version !== '' && isRemovedIn(status, set.version)) {
    problems.push({ path: ['apiVersion'], code: 'k8s-api-removed', message: `${apiVersion} ${kind} is not served by Kubernetes ${set.version}: removed in ${status.removedIn}${instead}` });
    return problems;
  }
  if (set.version !== '' && isDeprecatedIn(status, set.version)) {
    const until = status.removedIn ? `, to be removed in ${status.removedIn}` : '';
    problems.push({ path: ['apiVersion'], code: 'k8s-api-deprecated', message: `${apiVersion} ${kind} is deprecated since Kubernetes ${status.deprecatedIn}${until}${instead}` });
  }
  if (type === undefined) return problems;
  return problems.concat(validateObject(set, type, obj, kind));
}
