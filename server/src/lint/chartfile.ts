// Helm's Chart.yaml lint rules (pkg/chart/v2/lint/rules/chartfile.go): the file is decoded on its
// own (no defaulting, no sanitising — chartutil.LoadChartfile), then name, apiVersion, version,
// maintainers, sources, icon, type and dependencies are checked in Helm's order.
import type { ChartFS } from '../chart/fs';
import { joinPath } from '../chart/fs';
import { DecodeError, type Metadata, decodeMetadataInto, emptyMetadata, float32String, isValidSemver } from '../chart/metadata';
import { decodeYaml } from '../chart/yamlAdapter';
import type { HelmVersion } from '../template/func';
import { type GoMap, type Value, utf8Decode } from '../template/value';
import { isEmail, isRequestURL, isURL } from './validators';
import type { Linter } from './support';

const FILE = 'Chart.yaml';

/** goTypeName is fmt's %T of a value decoded by sigs.k8s.io/yaml into interface{}. */
export function goTypeName(v: Value): string {
  if (v === null) return '<nil>';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof Map) return 'map[string]interface {}';
  return 'interface {}';
}

/** lintChartfile runs rules.Chartfile. */
export function lintChartfile(l: Linter, fs: ChartFS, dir: string, v: HelmVersion): void {
  const path = joinPath(dir, FILE);
  if (fs.isDirectory(path)) l.run('ERROR', FILE, 'should be a file, not a directory', { file: FILE });
  const data = fs.readFile(path);
  const text = data === undefined ? '' : utf8Decode(data);
  const doc = decodeYaml(text);
  const md = emptyMetadata();
  let loadErr: string | undefined;
  if (data === undefined) loadErr = `open ${fs.displayPath(path)}: no such file or directory`;
  else if ('error' in doc) loadErr = doc.error;
  else {
    try {
      decodeMetadataInto(md, doc.value, text);
    } catch (e) {
      loadErr = e instanceof DecodeError ? `error unmarshaling JSON: while decoding JSON: ${e.message}` : String(e);
    }
  }
  if (!l.run('ERROR', FILE, loadErr === undefined ? undefined : `unable to parse YAML\n\t${loadErr}`, { file: FILE })) return;
  const raw: GoMap = 'value' in doc && doc.value instanceof Map ? doc.value : new Map();
  const at = { file: FILE };
  if (v === 4) l.run('WARNING', FILE, strictFormat(raw), at);
  l.run('ERROR', FILE, validateName(md), at);
  l.run('ERROR', FILE, validateAPIVersion(md), at);
  l.run('ERROR', FILE, stringType(raw, 'version'), at);
  l.run('ERROR', FILE, validateVersion(md), at);
  l.run('ERROR', FILE, stringType(raw, 'appVersion'), at);
  l.run('ERROR', FILE, validateMaintainers(md, raw), at);
  l.run('ERROR', FILE, validateSources(md), at);
  l.run('INFO', FILE, md.icon === '' ? 'icon is recommended' : undefined, at);
  l.run('ERROR', FILE, md.icon !== '' && !isRequestURL(md.icon) ? `invalid icon URL '${md.icon}'` : undefined, at);
  l.run('ERROR', FILE, validateType(md), at);
  l.run('ERROR', FILE, validateDependencies(md), at);
  if (v === 4) l.run('WARNING', FILE, strictSemVerV2(md.version), at);
}

const META_FIELDS = [
  'name', 'home', 'sources', 'version', 'description', 'keywords', 'maintainers', 'icon', 'apiVersion',
  'condition', 'tags', 'appVersion', 'deprecated', 'annotations', 'kubeVersion', 'dependencies', 'type',
];
const DEP_FIELDS = ['name', 'version', 'repository', 'condition', 'tags', 'enabled', 'import-values', 'alias'];
const MAINT_FIELDS = ['name', 'email', 'url'];

function unknownField(m: GoMap, known: readonly string[]): string | undefined {
  // encoding/json matches field names case-insensitively, also with DisallowUnknownFields.
  for (const k of m.keys()) if (!known.some((n) => n.toLowerCase() === k.toLowerCase())) return k;
  return undefined;
}

/** strictFormat is StrictLoadChartfile's unknown-field check (Helm 4 only). */
function strictFormat(raw: GoMap): string | undefined {
  const fail = (k: string): string =>
    `failed to strictly parse chart metadata file\n\terror unmarshaling JSON: while decoding JSON: json: unknown field ${JSON.stringify(k)}`;
  // encoding/json reports the first unknown field in document order, nested ones included.
  for (const [k, val] of raw) {
    if (!META_FIELDS.some((n) => n.toLowerCase() === k.toLowerCase())) return fail(k);
    const lk = k.toLowerCase();
    if ((lk === 'maintainers' || lk === 'dependencies') && Array.isArray(val)) {
      for (const e of val) {
        if (!(e instanceof Map)) continue;
        const u = unknownField(e, lk === 'maintainers' ? MAINT_FIELDS : DEP_FIELDS);
        if (u !== undefined) return fail(u);
      }
    }
  }
  return undefined;
}

function validateName(md: Metadata): string | undefined {
  if (md.name === '') return 'name is required';
  const trimmed = md.name.replace(/\/+$/, '');
  const base = trimmed === '' ? '/' : trimmed.slice(trimmed.lastIndexOf('/') + 1);
  if (base !== md.name) return `chart name ${JSON.stringify(md.name)} is invalid`;
  return undefined;
}

function validateAPIVersion(md: Metadata): string | undefined {
  if (md.apiVersion === '') return 'apiVersion is required. The value must be either "v1" or "v2"';
  if (md.apiVersion !== 'v1' && md.apiVersion !== 'v2') {
    return `apiVersion '${md.apiVersion}' is not valid. The value must be either "v1" or "v2"`;
  }
  return undefined;
}

function stringType(raw: GoMap, key: string): string | undefined {
  if (!raw.has(key)) return undefined;
  const t = goTypeName(raw.get(key) ?? null);
  return t === 'string' ? undefined : `${key} should be of type string but it's of type ${t}`;
}

function validateVersion(md: Metadata): string | undefined {
  if (md.version === '') return 'version is required';
  if (!isValidSemver(md.version)) return `version '${md.version}' is not a valid SemVer`;
  return undefined;
}

// Masterminds semver.StrictNewVersion: exactly MAJOR.MINOR.PATCH, no "v", no leading zeros.
const STRICT_SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

function strictSemVerV2(version: string): string | undefined {
  return STRICT_SEMVER.test(version) ? undefined : `version '${version}' is not a valid SemVerV2`;
}

function validateMaintainers(md: Metadata, raw: GoMap): string | undefined {
  const list = raw.get('maintainers');
  // A null entry decodes to a nil *Maintainer.
  let i = 0;
  for (const entry of Array.isArray(list) ? list : []) {
    if (entry === null) return 'a maintainer entry is empty';
    const m = md.maintainers[i++];
    if (m === undefined) break;
    if (m.name === '') return 'each maintainer requires a name';
    if (m.email !== '' && !isEmail(m.email)) return `invalid email '${m.email}' for maintainer '${m.name}'`;
    if (m.url !== '' && !isURL(m.url)) return `invalid url '${m.url}' for maintainer '${m.name}'`;
  }
  return undefined;
}

function validateSources(md: Metadata): string | undefined {
  for (const s of md.sources) if (s === '' || !isRequestURL(s)) return `invalid source URL '${s}'`;
  return undefined;
}

function validateType(md: Metadata): string | undefined {
  if (md.type.length > 0 && md.apiVersion !== 'v2') {
    return `chart type is not valid in apiVersion '${md.apiVersion}'. It is valid in apiVersion 'v2'`;
  }
  return undefined;
}

function validateDependencies(md: Metadata): string | undefined {
  if (md.dependencies.length > 0 && md.apiVersion !== 'v2') {
    return `dependencies are not valid in the Chart file with apiVersion '${md.apiVersion}'. They are valid in apiVersion 'v2'`;
  }
  return undefined;
}

export { float32String };
