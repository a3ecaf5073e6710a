// The compact Kubernetes schema model shared by the built-in schemas (store.ts), CRDs (crd.ts) and
// user JSON Schemas (jsonschema.ts); validate.ts and the editor features read only this.

/** K8sScalarKind names the scalar types as the API server decodes them. */
export type K8sScalarKind = 'string' | 'integer' | 'number' | 'boolean' | 'int-or-string' | 'quantity' | 'any';

/** K8sType is a field's type: a named object, an array, a string-keyed map or a scalar. */
export type K8sType =
  | { readonly t: 'object'; readonly ref: string }
  | { readonly t: 'array'; readonly items: K8sType }
  | { readonly t: 'map'; readonly values: K8sType }
  | { readonly t: K8sScalarKind; readonly format?: string; readonly enum?: readonly string[] };

/** K8sField is one field of an object type. */
export interface K8sField {
  readonly name: string;
  readonly type: K8sType;
  readonly description: string;
  readonly required: boolean;
}

/** K8sObjectType is an object type; open means fields beyond `fields` are allowed (preserve-unknown-fields). */
export interface K8sObjectType {
  readonly name: string;
  readonly description: string;
  readonly fields: ReadonlyMap<string, K8sField>;
  readonly required: readonly string[];
  readonly open?: boolean;
}

/** ApiStatus is the lifecycle of an apiVersion/kind: the minors (e.g. "1.25") it was deprecated and removed in. */
export interface ApiStatus {
  readonly deprecatedIn?: string;
  readonly removedIn?: string;
  /** replacement: `apiVersion kind` to use instead, when Kubernetes names one. */
  readonly replacement?: { readonly apiVersion: string; readonly kind: string };
}

/** TypeLookup resolves an object type by its ref. */
export interface TypeLookup {
  type(ref: string): K8sObjectType | undefined;
}

/** SchemaSet is the schema knowledge for one Kubernetes minor (or one CRD / JSON Schema source). */
export interface SchemaSet extends TypeLookup {
  /** version: the Kubernetes minor ("1.34"); "" for sets that are not tied to one. */
  readonly version: string;
  /** resource: the top-level type of apiVersion/kind, undefined when this set does not know it. */
  resource(apiVersion: string, kind: string): K8sObjectType | undefined;
  /** apiStatus: the deprecation/removal of apiVersion/kind (empty when none is known). */
  apiStatus(apiVersion: string, kind: string): ApiStatus;
  /** kinds: every apiVersion/kind this set knows (for completion of `kind:`/`apiVersion:`). */
  kinds(): ReadonlyArray<{ readonly apiVersion: string; readonly kind: string }>;
}

/** ANY is the permissive type (anything goes). */
export const ANY: K8sType = { t: 'any' };
