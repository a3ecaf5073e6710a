// The Kubernetes pieces of Helm's template and CRD lint rules: k8sYamlStruct decoding (a YAML
// document through sigs.k8s.io/yaml over the go-yaml port, or a JSON value; yamlorjson.ts reads
// the stream), object-name validation (apimachinery validation), and API deprecation
// (k8s.io/apiserver endpoints/deprecation over the lifecycle table recorded from Helm in
// k8s/deprecations.ts).
import { YAMLDecodeError, unmarshalYAML } from '../yaml/yamlDecode';
import type { HelmVersion } from '../template/func';
import { float32String } from '../chart/metadata';
import { floatLiteralFinder } from '../chart/yamlLiterals';
import { compareGoStrings, type GoMap } from '../template/value';
import { DEPRECATIONS_V3, DEPRECATIONS_V4, type DeprecationRow } from '../k8s/deprecations';
import { goQuoteQ } from './support';

/** K8sYamlStruct is the lint's stub of an object: apiVersion, kind, metadata.name/namespace. */
export interface K8sYamlStruct {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

/** jsonKind is the JSON type encoding/json names in its errors (JSON numbers are `{ num }`). */
function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number' || (typeof v === 'object' && 'num' in v)) return 'number';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

/** fieldFor is encoding/json's field match: the exact name, else a case-insensitive one. */
function fieldFor<N extends string>(names: readonly N[], key: string): N | undefined {
  return names.find((n) => n === key) ?? names.find((n) => n.toLowerCase() === key.toLowerCase());
}

/**
 * StructSource says how a decoded object reaches encoding/json: from YAML (sigs.k8s.io/yaml:
 * keys sorted by json.Marshal, scalars turned into strings for string fields — an int with
 * FormatInt, a go-yaml float with FormatFloat(f, 'g', -1, 32), asked through `isFloat`) or
 * straight from JSON (document order, no conversion).
 */
type StructSource = { readonly yaml: true; readonly isFloat: (path: readonly string[]) => boolean } | { readonly yaml: false };

/**
 * fillStruct is json.Unmarshal of an object into *k8sYamlStruct: fields set in key order; a type
 * error leaves the field and is kept if it is the first (encoding/json's saveError).
 */
function fillStruct(m: ReadonlyMap<string, unknown>, S: string, src: StructSource): { value: K8sYamlStruct } | { error: string } {
  const out = { apiVersion: '', kind: '', name: '', namespace: '' };
  let first: string | undefined;
  const fail = (kind: unknown, into: string): void => {
    first ??= `json: cannot unmarshal ${jsonKind(kind)} into Go struct field ${into}`;
  };
  const keys = (o: ReadonlyMap<string, unknown>): string[] => (src.yaml ? [...o.keys()].sort(compareGoStrings) : [...o.keys()]);
  const str = (v: unknown, path: readonly string[], goField: string): string | undefined => {
    if (v === null) return undefined;
    if (typeof v === 'string') return v;
    if (src.yaml && typeof v === 'boolean') return v ? 'true' : 'false';
    if (src.yaml && typeof v === 'number') return Number.isInteger(v) && !src.isFloat(path) ? String(v) : float32String(v);
    fail(v, `${goField} of type string`);
    return undefined;
  };
  for (const k of keys(m)) {
    const v = m.get(k);
    const f = fieldFor(['apiVersion', 'kind', 'metadata'] as const, k);
    if (f === 'apiVersion' || f === 'kind') {
      const x = str(v, [k], f === 'kind' ? `${S}.Kind` : `${S}.apiVersion`);
      if (x !== undefined) out[f] = x;
    } else if (f === 'metadata') {
      if (v === null) continue;
      if (!(v instanceof Map)) {
        fail(v, `${S}.Metadata of type rules.k8sYamlMetadata`);
        continue;
      }
      const md = v as ReadonlyMap<string, unknown>;
      for (const mk of keys(md)) {
        const g = fieldFor(['name', 'namespace'] as const, mk);
        if (g === undefined) continue;
        const x = str(md.get(mk), [k, mk], `k8sYamlMetadata.Metadata.${g === 'name' ? 'Name' : 'Namespace'}`);
        if (x !== undefined) out[g] = x;
      }
    }
  }
  return first !== undefined ? { error: first } : { value: out };
}

/** K8sDoc is one Decode(&yamlStruct) of Helm's lint loop: the stub (undefined for null) or the error text. */
export type K8sDoc = { value: K8sYamlStruct | undefined } | { error: string };

/** structName is the lint's struct type: Helm 3.17 names it K8sYamlStruct, Helm 4 k8sYamlStruct. */
function structName(hv: HelmVersion): string {
  return hv === 3 ? 'K8sYamlStruct' : 'k8sYamlStruct';
}

/**
 * decodeK8sStruct is sigs.k8s.io/yaml.Unmarshal(doc, &yamlStruct) over the go-yaml port:
 * undefined for a null document, the struct, or Go's error text.
 */
export function decodeK8sStruct(doc: string, hv: HelmVersion = 4): K8sDoc {
  const S = structName(hv);
  let m: GoMap;
  try {
    m = unmarshalYAML(doc, 'map') as GoMap;
    // A null document leaves the *k8sYamlStruct nil (the map target reads it as an empty map).
    if (m.size === 0 && unmarshalYAML(doc, 'any') === null) return { value: undefined };
  } catch (e) {
    if (e instanceof YAMLDecodeError) {
      return { error: e.message.replace('Go value of type map[string]interface {}', `Go value of type rules.${S}`) };
    }
    return { error: e instanceof Error ? e.message : String(e) };
  }
  const isFloat = floatLiteralFinder(doc);
  const r = fillStruct(m, S, { yaml: true, isFloat });
  return 'error' in r ? { error: `error unmarshaling JSON: while decoding JSON: ${r.error}` } : r;
}

/** decodeJSONStruct is encoding/json's Decode of one JSON value into *k8sYamlStruct. */
export function decodeJSONStruct(v: unknown, hv: HelmVersion): K8sDoc {
  const S = structName(hv);
  if (v === null) return { value: undefined };
  if (!(v instanceof Map)) return { error: `json: cannot unmarshal ${jsonKind(v)} into Go value of type rules.${S}` };
  return fillStruct(v as ReadonlyMap<string, unknown>, S, { yaml: false });
}

// --- object names (k8s.io/apimachinery/pkg/util/validation) ---------------------------------

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

function maxLen(n: number): string {
  return `must be no more than ${n} characters`;
}

function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLen(253));
  if (!DNS1123_SUBDOMAIN.test(v)) {
    errs.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  }
  return errs;
}

function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLen(63));
  if (!DNS1123_LABEL.test(v)) {
    // A valid subdomain that is not a label can only be failing because of dots.
    if (DNS1123_SUBDOMAIN.test(v)) errs.push('must not contain dots');
    else {
      errs.push(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      );
    }
  }
  return errs;
}

function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLen(63));
  if (!DNS1035_LABEL.test(v)) {
    errs.push(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  }
  return errs;
}

function isPathSegmentName(v: string): string[] {
  const errs: string[] = [];
  for (const illegal of ['.', '..']) if (v === illegal) errs.push(`may not be '${illegal}'`);
  for (const illegal of ['/', '%']) if (v.includes(illegal)) errs.push(`may not contain '${illegal}'`);
  return errs;
}

/** nameValidator is validateMetadataNameFunc: the apimachinery check for a kind's names. */
function nameValidator(kind: string): (name: string) => string[] {
  switch (kind.toLowerCase()) {
    case 'service':
      return isDNS1035Label;
    case 'namespace':
      return isDNS1123Label;
    case 'certificatesigningrequest':
      return () => [];
    case 'role':
    case 'clusterrole':
    case 'rolebinding':
    case 'clusterrolebinding':
      return isPathSegmentName;
    default:
      // Pods, Deployments, ServiceAccounts, ... and unknown kinds: DNS subdomains.
      return isDNS1123Subdomain;
  }
}

/** validateMetadataName is Helm's rule: field.ErrorList aggregated into one message. */
export function validateMetadataName(obj: K8sYamlStruct): string | undefined {
  const msgs = nameValidator(obj.kind)(obj.name);
  if (msgs.length === 0) return undefined;
  // field.Invalid(...).Error(), then utilerrors.NewAggregate (duplicates dropped, "[a, b]").
  const errs = [...new Set(msgs.map((m) => `metadata.name: Invalid value: ${goQuoteQ(obj.name)}: ${m}`))];
  const agg = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
  return `object name does not conform to Kubernetes naming requirements: ${goQuoteQ(obj.name)}: ${agg}`;
}

// --- deprecations ---------------------------------------------------------------------------

/** DEFAULT_LINT_KUBE is the k8s version each Helm's lint assumes without --kube-version (ldflags). */
export const DEFAULT_LINT_KUBE: Readonly<Record<HelmVersion, readonly [string, string]>> = {
  4: ['1', '35'],
  3: ['1', '32'],
};

const tables = new Map<HelmVersion, Map<string, DeprecationRow>>();

function table(v: HelmVersion): Map<string, DeprecationRow> {
  let t = tables.get(v);
  if (t === undefined) {
    t = new Map((v === 4 ? DEPRECATIONS_V4 : DEPRECATIONS_V3).map((r) => [`${r[0]} ${r[1]}`, r]));
    tables.set(v, t);
  }
  return t;
}

/** validateNoDeprecations is Helm's deprecation rule for one object. */
export function validateNoDeprecations(obj: K8sYamlStruct, kube: readonly [string, string], v: HelmVersion): string | undefined {
  if (obj.apiVersion === '' || obj.kind === '') return undefined;
  const row = table(v).get(`${obj.apiVersion} ${obj.kind}`);
  // Kinds unknown to Helm's scheme are not Kubernetes resources: no warning.
  if (row === undefined) return undefined;
  const [gv, kind, dMaj, dMin, rMaj, rMin, replGV, replKind] = row;
  const major = goAtoi(kube[0]);
  if (typeof major === 'string') return major;
  const minor = goAtoi(kube[1]);
  if (typeof minor === 'string') return minor;
  if (dMaj === 0 && dMin === 0) return undefined;
  if (!(major === 0 && minor === 0)) {
    if (dMaj > major) return undefined;
    if (dMaj === major && dMin > minor) return undefined;
  }
  let msg = `${gv} ${kind} is deprecated in v${dMaj}.${dMin}+`;
  if (rMaj !== 0 || rMin !== 0) msg += `, unavailable in v${rMaj}.${rMin}+`;
  if (replKind !== '') msg += `; use ${replGV} ${replKind}`;
  return msg;
}

function goAtoi(s: string): number | string {
  if (/^[+-]?\d+$/.test(s)) return Number(s);
  return `strconv.Atoi: parsing ${goQuoteQ(s)}: invalid syntax`;
}
