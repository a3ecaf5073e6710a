// The Kubernetes pieces of Helm's template and CRD lint rules: k8sYamlStruct decoding (each
// document of k8s.io/apimachinery's YAMLReader, helm/yamlReader.ts, through sigs.k8s.io/yaml
// and so the go-yaml port), object-name validation
// (apimachinery validation), and API deprecation (k8s.io/apiserver endpoints/deprecation over
// the lifecycle table recorded from Helm in deprecations.ts).
import { YAMLDecodeError, unmarshalYAML } from '../helm/yamlDecode';
import type { HelmVersion } from '../template/func';
import { float32String } from '../chart/metadata';
import { floatLiteralFinder } from '../chart/yamlLiterals';
import type { GoMap, Value } from '../template/value';
import { DEPRECATIONS_V3, DEPRECATIONS_V4, type DeprecationRow } from './deprecations';
import { goQuoteQ } from './support';

/** K8sYamlStruct is the lint's stub of an object: apiVersion, kind, metadata.name/namespace. */
export interface K8sYamlStruct {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

function field(m: GoMap, name: string): Value | undefined {
  // encoding/json: exact match first, else case-insensitive.
  if (m.has(name)) return m.get(name);
  for (const [k, v] of m) if (k.toLowerCase() === name.toLowerCase()) return v;
  return undefined;
}

function jsonKind(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

class StructError extends Error {}

/**
 * str reads a string field as sigs.k8s.io/yaml fills one: scalars become strings (`true`, an int
 * with FormatInt, a float literal with FormatFloat(f, 'g', -1, 32)); `at` asks whether the
 * literal was a float (chart/yamlLiterals.ts).
 */
function str(m: GoMap, name: string, goField: string, at: () => boolean): string {
  const v = field(m, name);
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) && !at() ? String(v) : float32String(v);
  throw new StructError(`json: cannot unmarshal ${jsonKind(v)} into Go struct field ${goField} of type string`);
}

/**
 * decodeK8sStruct is yaml.Unmarshal(doc, &*k8sYamlStruct): undefined for a null document, the
 * struct, or Go's error text.
 */
export function decodeK8sStruct(doc: string, hv: HelmVersion = 4): { value: K8sYamlStruct | undefined } | { error: string } {
  // Helm 3.17 names the struct K8sYamlStruct, Helm 4 k8sYamlStruct; metadata is rules.k8sYamlMetadata in both.
  const S = hv === 3 ? 'K8sYamlStruct' : 'k8sYamlStruct';
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
  try {
    const md = field(m, 'metadata');
    let name = '';
    let namespace = '';
    if (md instanceof Map) {
      name = str(md, 'name', 'k8sYamlMetadata.Metadata.Name', () => isFloat(['metadata', 'name']));
      namespace = str(md, 'namespace', 'k8sYamlMetadata.Metadata.Namespace', () => isFloat(['metadata', 'namespace']));
    } else if (md !== undefined && md !== null) {
      throw new StructError(`json: cannot unmarshal ${jsonKind(md)} into Go struct field ${S}.Metadata of type rules.k8sYamlMetadata`);
    }
    return {
      value: {
        apiVersion: str(m, 'apiVersion', `${S}.apiVersion`, () => isFloat(['apiVersion'])),
        kind: str(m, 'kind', `${S}.Kind`, () => isFloat(['kind'])),
        name,
        namespace,
      },
    };
  } catch (e) {
    if (e instanceof StructError) return { error: `error unmarshaling JSON: while decoding JSON: ${e.message}` };
    throw e;
  }
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
