// Package metadata: Chart.yaml (chart.Metadata) — decoding with sigs.k8s.io/yaml's rules and
// Helm's validation (pkg/chart/metadata.go, dependency.go).
import type { GoMap, Value } from '../template/value';
import { SemverError, newVersion } from '../sprig/semver';
import type { HelmVersion } from '../template/func';
import { type KeyPath, floatLiteralFinder } from './yamlLiterals';
import { jsonKind } from '../yaml/yamlDecode';

/** Maintainer is chart.Maintainer. */
export interface Maintainer {
  name: string;
  email: string;
  url: string;
}

/** Dependency is chart.Dependency (one entry of Chart.yaml `dependencies`). */
export interface Dependency {
  name: string;
  version: string;
  repository: string;
  condition: string;
  tags: string[];
  enabled: boolean;
  /** importValues: strings or {child, parent} maps, as declared (normalised after processing). */
  importValues: Value[];
  alias: string;
}

/** Metadata is chart.Metadata; field names follow the Chart.yaml (json tag) names. */
export interface Metadata {
  name: string;
  home: string;
  sources: string[];
  version: string;
  description: string;
  keywords: string[];
  maintainers: Maintainer[];
  icon: string;
  apiVersion: string;
  condition: string;
  tags: string;
  appVersion: string;
  deprecated: boolean;
  /** annotations: null when absent (Go nil map). */
  annotations: Map<string, string> | null;
  kubeVersion: string;
  dependencies: Dependency[];
  /** dependenciesNil: Chart.yaml declared no `dependencies` (Go nil slice; skips processing). */
  dependenciesNil: boolean;
  type: string;
}

/** emptyMetadata returns Metadata with every field at its Go zero value. */
export function emptyMetadata(): Metadata {
  return {
    name: '',
    home: '',
    sources: [],
    version: '',
    description: '',
    keywords: [],
    maintainers: [],
    icon: '',
    apiVersion: '',
    condition: '',
    tags: '',
    appVersion: '',
    deprecated: false,
    annotations: null,
    kubeVersion: '',
    dependencies: [],
    dependenciesNil: true,
    type: '',
  };
}

/** DecodeError is a JSON decoding error with encoding/json's text. */
export class DecodeError extends Error {}

/** float32String is strconv.FormatFloat(f, 'g', -1, 32) (sigs.k8s.io/yaml's float→string). */
export function float32String(f: number): string {
  if (Number.isInteger(f) && Math.abs(f) < 1e6) return String(f);
  const target = Math.fround(f);
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const s = f.toExponential(p - 1);
    if (Math.fround(Number(s)) === target) {
      const [mant, e] = s.split('e');
      digits = mant.replace('-', '').replace('.', '');
      exp = Number(e);
      break;
    }
  }
  const neg = f < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const es = Math.abs(exp) < 10 ? '0' + Math.abs(exp) : String(Math.abs(exp));
    return `${neg}${m}e${exp < 0 ? '-' : '+'}${es}`;
  }
  if (exp < 0) return `${neg}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return neg + digits + '0'.repeat(exp + 1 - digits.length);
  return `${neg}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** Where a value sits in the document, to ask whether its literal was a float (chart/yamlLiterals.ts). */
interface At {
  readonly path: KeyPath;
  readonly isFloat: (path: KeyPath) => boolean;
}

function asString(v: Value, field: string, at?: At): string {
  // sigs.k8s.io/yaml converts scalars to strings when the Go target field is a string: an int
  // with FormatInt, a float64 (`1234567.0`, `72445e2`) with FormatFloat(f, 'g', -1, 32).
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) && !(at?.isFloat(at.path) ?? false) ? String(v) : float32String(v);
  throw new DecodeError(`json: cannot unmarshal ${jsonKind(v)} into Go struct field ${field} of type string`);
}

function asBool(v: Value, field: string): boolean {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  throw new DecodeError(`json: cannot unmarshal ${jsonKind(v)} into Go struct field ${field} of type bool`);
}

function asList(v: Value, field: string, elem: string): Value[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v;
  throw new DecodeError(`json: cannot unmarshal ${jsonKind(v)} into Go struct field ${field} of type ${elem}`);
}

function asMap(v: Value, field: string, type: string): GoMap | null {
  if (v === null) return null;
  if (v instanceof Map) return v;
  throw new DecodeError(`json: cannot unmarshal ${jsonKind(v)} into Go struct field ${field} of type ${type}`);
}

/** fieldsOf iterates a JSON object's keys matched to known names case-insensitively (encoding/json). */
function* fieldsOf<N extends string>(m: GoMap, names: readonly N[]): Generator<[N, Value, string]> {
  for (const [k, v] of m) {
    const exact = names.find((n) => n === k);
    const name = exact ?? names.find((n) => n.toLowerCase() === k.toLowerCase());
    if (name !== undefined) yield [name, v, k];
  }
}

const sub = (at: At | undefined, ...steps: (string | number)[]): At | undefined =>
  at === undefined ? undefined : { path: [...at.path, ...steps], isFloat: at.isFloat };

const META_FIELDS = [
  'name', 'home', 'sources', 'version', 'description', 'keywords', 'maintainers', 'icon', 'apiVersion',
  'condition', 'tags', 'appVersion', 'deprecated', 'annotations', 'kubeVersion', 'dependencies', 'type',
] as const;
const DEP_FIELDS = ['name', 'version', 'repository', 'condition', 'tags', 'enabled', 'import-values', 'alias'] as const;
const MAINT_FIELDS = ['name', 'email', 'url'] as const;

function decodeMaintainer(v: Value, at: At | undefined): Maintainer | null {
  const m = asMap(v, 'Metadata.maintainers', 'chart.Maintainer');
  if (m === null) return null;
  const out: Maintainer = { name: '', email: '', url: '' };
  for (const [k, x, key] of fieldsOf(m, MAINT_FIELDS)) out[k] = asString(x, `Metadata.maintainers.${k}`, sub(at, key));
  return out;
}

function decodeDependency(v: Value, at: At | undefined): Dependency | null {
  const m = asMap(v, 'Metadata.dependencies', 'chart.Dependency');
  if (m === null) return null;
  const d: Dependency = { name: '', version: '', repository: '', condition: '', tags: [], enabled: false, importValues: [], alias: '' };
  for (const [k, x, key] of fieldsOf(m, DEP_FIELDS)) {
    const f = `Metadata.dependencies.${k}`;
    switch (k) {
      case 'tags':
        d.tags = asList(x, f, '[]string').map((t, i) => asString(t, f, sub(at, key, i)));
        break;
      case 'enabled':
        d.enabled = asBool(x, f);
        break;
      case 'import-values':
        d.importValues = asList(x, f, '[]interface {}');
        break;
      default:
        d[k] = asString(x, f, sub(at, key));
    }
  }
  return d;
}

/** MetadataNodes records null entries in list fields (they fail validation later). */
export interface DecodedMetadata {
  readonly metadata: Metadata;
  readonly nullMaintainer: boolean;
  readonly nullDependency: boolean;
}

/**
 * decodeMetadataInto applies a decoded Chart.yaml (or requirements.yaml) document onto md.
 * `source` (the document's text) tells int from float literals in string fields.
 */
export function decodeMetadataInto(md: Metadata, doc: Value, source?: string): { nullMaintainer: boolean; nullDependency: boolean } {
  const root: At | undefined = source === undefined ? undefined : { path: [], isFloat: floatLiteralFinder(source) };
  let nullMaintainer = false;
  let nullDependency = false;
  if (doc === null) return { nullMaintainer, nullDependency };
  if (!(doc instanceof Map)) {
    throw new DecodeError(`json: cannot unmarshal ${jsonKind(doc)} into Go value of type chart.Metadata`);
  }
  for (const [k, x, key] of fieldsOf(doc, META_FIELDS)) {
    const f = `Metadata.${k}`;
    switch (k) {
      case 'sources':
      case 'keywords':
        md[k] = asList(x, f, '[]string').map((s, i) => asString(s, f, sub(root, key, i)));
        break;
      case 'maintainers': {
        const list = asList(x, f, '[]*chart.Maintainer').map((e, i) => decodeMaintainer(e, sub(root, key, i)));
        if (list.some((e) => e === null)) nullMaintainer = true;
        md.maintainers = list.filter((e): e is Maintainer => e !== null);
        break;
      }
      case 'dependencies': {
        const list = asList(x, f, '[]*chart.Dependency').map((e, i) => decodeDependency(e, sub(root, key, i)));
        if (list.some((e) => e === null)) nullDependency = true;
        md.dependencies = list.filter((e): e is Dependency => e !== null);
        md.dependenciesNil = x === null;
        break;
      }
      case 'deprecated':
        md.deprecated = asBool(x, f);
        break;
      case 'annotations': {
        const m = asMap(x, f, 'map[string]string');
        if (m === null) md.annotations = null;
        else {
          const a = new Map<string, string>();
          for (const [ak, av] of m) a.set(ak, asString(av, f, sub(root, key, ak)));
          md.annotations = a;
        }
        break;
      }
      default:
        md[k] = asString(x, f, sub(root, key));
    }
  }
  return { nullMaintainer, nullDependency };
}

/** sanitizeString replaces whitespace with ' ' and drops non-printable runes (Helm's sanitizeString). */
/**
 * isValidSemver reports whether semver.NewVersion accepts s. Validity is the same for Helm 3 and 4
 * (their Masterminds versions differ only in error text), so the Helm version is irrelevant here.
 */
export function isValidSemver(s: string): boolean {
  try {
    newVersion(s, 4);
    return true;
  } catch (e) {
    if (e instanceof SemverError) return false;
    throw e;
  }
}

export function sanitizeString(s: string): string {
  let out = '';
  for (const ch of s) {
    if (/^\s$/u.test(ch)) out += ' ';
    else if (/^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]$/u.test(ch)) continue;
    else out += ch;
  }
  return out;
}

const ALIAS_RE = /^[a-zA-Z0-9_-]+$/;

/**
 * validateMetadata is Metadata.Validate: sanitises strings in place and returns Helm's error
 * text ("validation: ...") or undefined.
 */
export function validateMetadata(
  md: Metadata,
  flags: { nullMaintainer: boolean; nullDependency: boolean },
  helmVersion: HelmVersion = 4,
): string | undefined {
  md.name = sanitizeString(md.name);
  md.description = sanitizeString(md.description);
  md.home = sanitizeString(md.home);
  md.icon = sanitizeString(md.icon);
  md.condition = sanitizeString(md.condition);
  md.tags = sanitizeString(md.tags);
  md.appVersion = sanitizeString(md.appVersion);
  md.kubeVersion = sanitizeString(md.kubeVersion);
  md.sources = md.sources.map(sanitizeString);
  md.keywords = md.keywords.map(sanitizeString);
  if (md.apiVersion === '') return 'validation: chart.metadata.apiVersion is required';
  if (md.name === '') return 'validation: chart.metadata.name is required';
  // Helm 4 only: "." and ".." pass the filepath.Base check but would make `--output-dir`
  // paths (`<dir>/<name>/templates/...`) point at or above the output directory.
  if (helmVersion === 4 && (md.name === '.' || md.name === '..')) {
    return `validation: chart.metadata.name ${goQuote(md.name)} is not allowed`;
  }
  // filepath.Base(name) must equal the name: no slashes, not "." / "..".
  const base = md.name.replace(/\/+$/, '').split('/').pop() ?? '';
  if (md.name !== (base === '' ? '/' : base)) return `validation: chart.metadata.name ${goQuote(md.name)} is invalid`;
  if (md.version === '') return 'validation: chart.metadata.version is required';
  if (!isValidSemver(md.version)) return `validation: chart.metadata.version ${goQuote(md.version)} is invalid`;
  if (md.type !== '' && md.type !== 'application' && md.type !== 'library') {
    return 'validation: chart.metadata.type must be application or library';
  }
  if (flags.nullMaintainer) return 'validation: maintainers must not contain empty or null nodes';
  for (const m of md.maintainers) {
    m.name = sanitizeString(m.name);
    m.email = sanitizeString(m.email);
    m.url = sanitizeString(m.url);
  }
  if (flags.nullDependency) return 'validation: dependencies must not contain empty or null nodes';
  const seen = new Set<string>();
  for (const d of md.dependencies) {
    d.name = sanitizeString(d.name);
    d.version = sanitizeString(d.version);
    d.repository = sanitizeString(d.repository);
    d.condition = sanitizeString(d.condition);
    d.tags = d.tags.map(sanitizeString);
    if (d.alias !== '' && !ALIAS_RE.test(d.alias)) {
      return `validation: dependency ${goQuote(d.name)} has disallowed characters in the alias`;
    }
    const key = d.alias !== '' ? d.alias : d.name;
    if (seen.has(key)) return `validation: more than one dependency with name or alias ${goQuote(key)}`;
    seen.add(key);
  }
  return undefined;
}

/** goQuote is a minimal strconv.Quote for messages (printable text assumed). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}
