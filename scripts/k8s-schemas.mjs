// Generates server/data/k8s/ (the Kubernetes schema data of server/src/k8s/) from npm packages, offline
// from anything but the npm registry: `node scripts/k8s-schemas.mjs`. Deterministic and rerunnable;
// its output is committed and never edited by hand.
//
// Sources (each `npm pack`ed into os.tmpdir() and read there, nothing installed):
// - @kubernetes/client-node, one release per Kubernetes minor (the minor is the "OpenAPI spec version"
//   in the header of its generated models, checked below): the models' attributeTypeMap (field names,
//   wire names, types, formats), their .d.ts (descriptions; a field without `?` is required), and the
//   API classes (`create*(…, body: V1Deployment, …)` with their `/apis/<group>/<version>/` paths) for
//   group/version/kind. Releases 0.21/0.22 predate formats in the type map: their integer/number split
//   is taken from the same type's field in a newer release, else left `number` (which accepts both).
// - @pulumi/kubernetes for the minors client-node skipped (1.31, 1.35): the release generated from
//   each (checked against the client-node neighbours' apiVersions), its types/input.d.ts (and a
//   resource class's `…Args` where that lacks the type), merged with the neighbours as pulumiMinor says.
// - kubernetes-models (one release): what client-node's generator drops — enum values (string literal
//   unions in its .d.ts) and which string fields are a resource.Quantity (the API server also accepts
//   a number there) — keyed by the fully qualified definition name.
//
// Output (see server/src/k8s/store.ts for the reader):
//   index.json        {format, base, versions: {"1.36": "v1.36.json", …}, sources}
//   strings.json      every description once; types refer to them by index
//   v<base>.json      {types: {Name: TypeRow}, resources: {apiVersion: {Kind: Name}}}
//   v<other>.json     {types: {changed or added}, removed: [Name], resources: {…}} — a delta to the base
// TypeRow = [descriptionIndex, [[field, typeCode, descriptionIndex, required0or1]…], open0or1]
// typeCode: s | s:<format> | i:<format> | n | n:<format> | b | ios | q | any | @Name | [<code> | {<code>
//           | e:<json array of strings> (a string enum)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'server', 'data', 'k8s');

/** CLIENT_NODE maps each Kubernetes minor that has a client-node release to the release generated from it. */
const CLIENT_NODE = [
  ['1.29', '0.21.0'],
  ['1.30', '0.22.3'],
  ['1.32', '1.1.2'],
  ['1.33', '1.3.0'],
  ['1.34', '1.4.0'],
  ['1.36', '2.0.1'],
];
/**
 * PULUMI: the minors client-node has no release for (1.31, 1.35), each from the @pulumi/kubernetes
 * release generated from it (checked below: it serves an apiVersion that is new in the next higher
 * client-node minor and lacks another one), with a Pulumi release of an older minor: Pulumi keeps
 * every apiVersion it ever generated, so one it already had then and no client-node neighbour serves
 * is one Kubernetes removed, and is left out.
 */
const PULUMI = [
  ['1.31', '4.18.1', '4.15.0'],
  ['1.35', '4.29.0', '4.25.0'],
];
const KUBERNETES_MODELS = '5.1.0';
const BASE = '1.36';

const cacheDir = join(tmpdir(), 'chartwright-k8s-schemas');

/** unpacked npm-packs name@version into the cache (once) and returns its package/ directory. */
function unpacked(name, version) {
  const dir = join(cacheDir, `${name.replace(/[@/]/g, '_')}-${version}`);
  const pkg = join(dir, 'package');
  if (existsSync(join(pkg, 'package.json'))) return pkg;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const out = execFileSync('npm', ['pack', `${name}@${version}`, '--silent'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['xzf', out], { cwd: dir });
  return pkg;
}

/** jsdocText returns the text of a /** … *\/ block's lines (client-node escapes quotes there as \' and \"). */
function jsdocText(lines) {
  return lines
    .map((l) => l.replace(/^\s*\/?\*+\/?\s?/, '').replace(/\s*\*\/\s*$/, ''))
    .join('\n')
    .trim()
    .replace(/\\(['"])/g, '$1');
}

/** parseDts reads a model's .d.ts: class description, field descriptions and requiredness. */
function parseDts(text) {
  const lines = text.split('\n');
  let comment = null;
  let inComment = false;
  let buf = [];
  let cls = null;
  let classDescription = '';
  const fields = new Map();
  for (const line of lines) {
    if (inComment) {
      buf.push(line);
      if (line.includes('*/')) {
        inComment = false;
        comment = jsdocText(buf);
      }
      continue;
    }
    if (/^\s*\/\*\*/.test(line)) {
      buf = [line];
      if (line.includes('*/')) comment = jsdocText(buf);
      else inComment = true;
      continue;
    }
    const c = /^export declare class (\w+)/.exec(line);
    if (c) {
      cls = c[1];
      classDescription = comment ?? '';
      comment = null;
      continue;
    }
    const f = cls && /^ {4}'([^']+)'(\?)?: /.exec(line);
    if (f) {
      fields.set(f[1], { description: comment ?? '', required: f[2] !== '?' });
      comment = null;
      continue;
    }
    if (line.trim() !== '') comment = null;
  }
  return { cls, classDescription, fields };
}

/** parseTypeMap reads `X.attributeTypeMap = [ … ];` from a model's .js. */
function parseTypeMap(text) {
  const m = /\.attributeTypeMap = (\[[\s\S]*?\n\]);/.exec(text);
  return m ? JSON.parse(m[1]) : [];
}

/** readClientNode returns {models: Map<name, {description, fields: [{name, type, format, description, required}]}>, resources}. */
function readClientNode(minor, version) {
  const pkg = unpacked('@kubernetes/client-node', version);
  const gen = join(pkg, 'dist', 'gen');
  const modelDir = existsSync(join(gen, 'models')) ? join(gen, 'models') : join(gen, 'model');
  const apiDir = existsSync(join(gen, 'apis')) ? join(gen, 'apis') : join(gen, 'api');
  const models = new Map();
  let specVersion = '';
  for (const file of readdirSync(modelDir).sort()) {
    if (!file.endsWith('.d.ts')) continue;
    const dts = readFileSync(join(modelDir, file), 'utf8');
    const sv = /(?:OpenAPI spec version|version of the OpenAPI document): \D*(\d+\.\d+)/.exec(dts);
    if (sv) specVersion ||= sv[1];
    const { cls, classDescription, fields } = parseDts(dts);
    if (!cls || !/^[A-Z]/.test(cls) || ['ObjectSerializer', 'all', 'models'].includes(cls)) continue;
    const js = join(modelDir, file.replace(/\.d\.ts$/, '.js'));
    if (!existsSync(js)) continue;
    const map = parseTypeMap(readFileSync(js, 'utf8'));
    if (map.length === 0 && fields.size === 0 && !/attributeTypeMap/.test(readFileSync(js, 'utf8'))) continue;
    models.set(cls, {
      description: classDescription,
      fields: map.map((a) => ({
        name: a.baseName,
        type: a.type,
        format: a.format ?? null,
        description: fields.get(a.name)?.description ?? '',
        required: fields.get(a.name)?.required ?? false,
      })),
    });
  }
  if (specVersion !== minor) throw new Error(`@kubernetes/client-node@${version} is generated from ${specVersion}, not ${minor}`);
  const resources = {};
  for (const file of readdirSync(apiDir).sort()) {
    if (!file.endsWith('Api.d.ts')) continue;
    const dts = readFileSync(join(apiDir, file), 'utf8');
    const js = readFileSync(join(apiDir, file.replace(/\.d\.ts$/, '.js')), 'utf8');
    const p = /'\/apis\/([^/']+)\/([^/']+)\/|'\/api\/(v1)\//.exec(js);
    if (!p) continue;
    const apiVersion = p[3] ? p[3] : `${p[1]}/${p[2]}`;
    for (const m of dts.matchAll(/^\s+create\w*\([^)]*?\bbody: (\w+)/gm)) {
      const name = m[1];
      const model = models.get(name);
      if (!model || !model.fields.some((f) => f.name === 'kind')) continue;
      const kind = bareName(name);
      (resources[apiVersion] ??= {})[kind] = name;
    }
  }
  return { models, resources };
}

/** capital upper-cases a name's first letter (v1beta1 → V1beta1). */
function capital(s) {
  return s.replace(/^./, (c) => c.toUpperCase());
}

/**
 * pulumiModelName names a Pulumi input type (group namespace, version, name) as client-node names the
 * same definition: `V1PodSpec`, or with the group in front where client-node needs it to tell two
 * definitions apart (`CoreV1EndpointPort`, `DiscoveryV1EndpointPort`); `known` is every client-node name.
 */
function pulumiModelName(group, version, name, known) {
  const bare = `${capital(version)}${name}`;
  if (group === 'meta') return bare;
  const prefixed = `${capital(group)}${bare}`;
  return known.has(prefixed) ? prefixed : bare;
}

/** pulumiType turns a Pulumi input type (`pulumi.Input<pulumi.Input<inputs.core.v1.Container>[]>`) into client-node's vocabulary (`Array<V1Container>`). */
function pulumiType(text, known) {
  let t = text.replace(/\s+/g, ' ').trim();
  for (let m; (m = /^pulumi\.Input<(.*)>$/.exec(t)) !== null; ) t = m[1].trim();
  if (topLevelUnion(t)) {
    if (t === 'number | string') return 'IntOrString';
    // `string | enums.core.v1.ServiceSpecType`: Pulumi's enum of a string field (kubernetes-models gives the values).
    return /^string \| enums\.[\w.]+$/.test(t) ? 'string' : 'any';
  }
  const arr = /^(.*)\[\]$/.exec(t);
  if (arr) return `Array<${pulumiType(arr[1], known)}>`;
  const map = /^\{ \[key: string\]: (.*); \}$/.exec(t);
  if (map) return `{ [key: string]: ${pulumiType(map[1], known)}; }`;
  if (['string', 'number', 'boolean', 'any'].includes(t)) return t;
  if (/^"[^"]*"$/.test(t)) return 'string';
  const ref = /^inputs\.(\w+)\.(\w+)\.(\w+)$/.exec(t);
  if (ref) return pulumiModelName(ref[1], ref[2], ref[3], known);
  return 'any';
}

/** pulumiInterfaces reads the interfaces of Pulumi's `namespace group { namespace version { interface … } }` text. */
function pulumiInterfaces(lines) {
  const raw = [];
  let group = null;
  let ver = null;
  let cur = null;
  let comment = '';
  let buf = null;
  let pending = null;
  for (const line of lines) {
    if (buf !== null) {
      buf.push(line);
      if (line.includes('*/')) {
        comment = jsdocText(buf);
        buf = null;
      }
      continue;
    }
    if (pending !== null) {
      pending.type += ` ${line.trim()}`;
      if (/;$/.test(line.trim()) && depth(pending.type) === 0) {
        cur.fields.push(pending);
        pending = null;
      }
      continue;
    }
    if (/^\s*\/\*\*/.test(line)) {
      buf = [line];
      if (line.includes('*/')) {
        comment = jsdocText(buf);
        buf = null;
      }
      continue;
    }
    let m;
    if ((m = /^export declare namespace (\w+) \{/.exec(line))) [group, ver] = [m[1], null];
    else if ((m = /^ {4}namespace (\w+) \{/.exec(line))) ver = m[1];
    else if ((m = /^ {8}interface (\w+) \{/.exec(line)) && group !== null && ver !== null) raw.push((cur = { group, ver, name: m[1], description: comment, fields: [] }));
    else if (/^ {8}\}/.test(line)) cur = null;
    else if ((m = /^ {12}(\$?\w+)(\?)?: (.*)$/.exec(line)) && cur !== null) {
      const f = { name: m[1].replace(/^x_kubernetes_(\w+)$/, (_, r) => `x-kubernetes-${r.replace(/_/g, '-')}`), required: m[2] !== '?', description: comment, type: m[3].trim() };
      if (/;$/.test(f.type) && depth(f.type) === 0) cur.fields.push(f);
      else pending = f;
    }
    if (!/^\s*$/.test(line)) comment = '';
  }
  return raw;
}

/**
 * readPulumi reads @pulumi/kubernetes's types/input.d.ts (one interface per definition, per group
 * namespace and version; field descriptions in JSDoc, required fields without `?`). Its `…Patch`
 * twins are skipped, and the `x_kubernetes_…` fields of JSONSchemaProps get their wire names back.
 * Returns {models (client-node names, as readClientNode), resources, apiVersions}.
 */
function readPulumi(version, known) {
  const pkg = unpacked('@pulumi/kubernetes', version);
  const raw = pulumiInterfaces(readFileSync(join(pkg, 'types', 'input.d.ts'), 'utf8').split('\n'));
  // A resource whose type input.d.ts lacks (resource.k8s.io/v1alpha3 ResourceSlice in 4.18.1): its class's `…Args`.
  const have = new Set(raw.map((r) => `${r.group}.${r.ver}.${r.name}`));
  for (const group of readdirSync(pkg).sort()) {
    if (!statSync(join(pkg, group)).isDirectory() || ['helm', 'kustomize', 'yaml', 'types', 'scripts', 'node_modules'].includes(group)) continue;
    for (const ver of readdirSync(join(pkg, group)).sort()) {
      if (!/^v\d/.test(ver)) continue;
      for (const file of readdirSync(join(pkg, group, ver)).sort()) {
        if (!file.endsWith('.d.ts') || file === 'index.d.ts' || /(List|Patch)\.d\.ts$/.test(file)) continue;
        const m = /\nexport interface (\w+)Args \{\n([\s\S]*?)\n\}/.exec(readFileSync(join(pkg, group, ver, file), 'utf8'));
        if (m === null || have.has(`${group}.${ver}.${m[1]}`)) continue;
        const lines = [`export declare namespace ${group} {`, `    namespace ${ver} {`, `        interface ${m[1]} {`, ...m[2].split('\n').map((l) => `        ${l}`), '        }'];
        raw.push(...pulumiInterfaces(lines));
      }
    }
  }
  const names = new Set(raw.map((r) => `${r.group}.${r.ver}.${r.name}`));
  const models = new Map();
  const resources = {};
  for (const r of raw) {
    if (['helm', 'kustomize', 'yaml'].includes(r.group)) continue;
    if (r.name.endsWith('Patch') && names.has(`${r.group}.${r.ver}.${r.name.slice(0, -'Patch'.length)}`)) continue;
    const name = pulumiModelName(r.group, r.ver, r.name, known);
    const fields = r.fields.map((f) => ({ name: f.name, type: pulumiType(f.type.replace(/;$/, ''), known), format: null, description: f.description, required: f.required }));
    models.set(name, { description: r.description, fields });
    const lit = (field) => /^pulumi\.Input<"([^"]+)">;$/.exec(r.fields.find((f) => f.name === field)?.type ?? '')?.[1];
    const apiVersion = lit('apiVersion');
    const kind = lit('kind');
    if (apiVersion !== undefined && kind !== undefined && !kind.endsWith('List')) (resources[apiVersion] ??= {})[kind] = name;
  }
  return { models, resources, apiVersions: new Set(Object.keys(resources)) };
}

/** topLevelUnion tells whether a type text is a union outside any <…> or {…}. */
function topLevelUnion(text) {
  let d = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '<' || c === '{') d++;
    else if (c === '>' || c === '}') d--;
    else if (c === '|' && d === 0) return true;
  }
  return false;
}

/** depth is the nesting of <…> and {…} left open in a type text. */
function depth(text) {
  let d = 0;
  for (const c of text) {
    if (c === '<' || c === '{') d++;
    else if (c === '>' || c === '}') d--;
  }
  return d;
}

/** readKubernetesModels returns Map<definition suffix (e.g. CoreV1ServicePort), Map<field, {enum?, quantity?}>>. */
function readKubernetesModels() {
  const pkg = unpacked('kubernetes-models', KUBERNETES_MODELS);
  const out = new Map();
  const groupPrefix = (g) => (g === '' ? 'Core' : g.split('.')[0].replace(/^./, (c) => c.toUpperCase()));
  for (const groupDir of readdirSync(pkg).sort()) {
    if (groupDir.startsWith('_') || groupDir.includes('node_modules')) continue;
    const gpath = join(pkg, groupDir);
    if (!existsSync(gpath) || !readdirSync(pkg, { withFileTypes: true }).find((d) => d.name === groupDir)?.isDirectory()) continue;
    const versionDirs = /^v\d/.test(groupDir) ? [['', groupDir, gpath]] : readdirSync(gpath, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => [groupDir, d.name, join(gpath, d.name)]);
    for (const [group, version, dir] of versionDirs) {
      const vp = version.replace(/^./, (c) => c.toUpperCase());
      for (const file of readdirSync(dir).sort()) {
        if (!file.endsWith('.d.ts') || file === 'index.d.ts') continue;
        const text = readFileSync(join(dir, file), 'utf8');
        const iface = /export interface I\w+[^{]*\{([\s\S]*?)\n\}/.exec(text);
        if (!iface) continue;
        const fields = new Map();
        const body = iface[1];
        for (const m of body.matchAll(/^ {4}"([^"]+)"\??: ((?:[^;{]|\{[^}]*\})+);/gm)) {
          const t = m[2].replace(/\s+/g, ' ');
          const info = {};
          if (/IIoK8sApimachineryPkgApiResourceQuantity/.test(t)) info.quantity = true;
          const lit = /^(?:Array<)?((?:"[^"]*"(?: \| )?)+)>?$/.exec(t);
          if (lit) info.enum = [...lit[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]).sort();
          if (info.quantity || info.enum) fields.set(m[1], info);
        }
        if (fields.size > 0) {
          const name = file.replace(/\.d\.ts$/, '');
          out.set(`${groupPrefix(group)}${vp}${name}`, fields);
        }
      }
    }
  }
  return out;
}

/** bareName strips the group/version prefix of a type name: V1beta2CapacityRequirements → CapacityRequirements. */
function bareName(name) {
  return name.replace(/^(?:[A-Z][a-z]+)*?V\d+(?:alpha\d+|beta\d+)?(?=[A-Z])/, '');
}

/**
 * extrasFor finds kubernetes-models' field info for a client-node model name (V1ServicePort,
 * CoreV1Event). A type kubernetes-models lacks (an alpha/beta version it does not ship) takes the
 * quantity fields (not the enums, which change between versions) of a same-named type of another version.
 */
function extrasFor(km, name) {
  if (km.has(name)) return km.get(name);
  const hits = [...km.keys()].filter((k) => k.endsWith(name) && /^[A-Z][a-z]+$/.test(k.slice(0, k.length - name.length)));
  if (hits.length === 1) return km.get(hits[0]);
  const bare = bareName(name);
  const quantities = new Map();
  for (const [k, fields] of km) {
    if (bareName(k.replace(/^[A-Z][a-z]+(?=V\d)/, '')) !== bare) continue;
    for (const [f, info] of fields) if (info.quantity) quantities.set(f, { quantity: true });
  }
  return quantities.size > 0 ? quantities : undefined;
}

function typeCode(type, format, models, fmtHint, extra) {
  const arr = /^Array<(.+)>$/.exec(type);
  if (arr) return `[${typeCode(arr[1], format, models, fmtHint, extra)}`;
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return `{${typeCode(map[1], format, models, fmtHint, extra)}`;
  switch (type) {
    case 'string':
      if (extra?.quantity) return 'q';
      if (extra?.enum) return `e:${JSON.stringify(extra.enum)}`;
      return format ? `s:${format}` : 's';
    case 'Date':
      return 's:date-time';
    case 'number': {
      const f = format || fmtHint || '';
      if (f === 'int32' || f === 'int64') return `i:${f}`;
      return f ? `n:${f}` : 'n';
    }
    case 'boolean':
      return 'b';
    case 'IntOrString':
      return 'ios';
    case 'any':
    case 'object':
      return 'any';
    default:
      return models.has(type) ? `@${type}` : 'any';
  }
}

const strings = [];
const stringIndex = new Map();
function str(s) {
  let i = stringIndex.get(s);
  if (i === undefined) {
    i = strings.length;
    strings.push(s);
    stringIndex.set(s, i);
  }
  return i;
}

/** compareMinor orders "1.9" before "1.10". */
function compareMinor(a, b) {
  const [a0, a1] = a.split('.').map(Number);
  const [b0, b1] = b.split('.').map(Number);
  return a0 - b0 || a1 - b1;
}

/** shape is a type row without its descriptions, fields in name order (rows of two sources compare by it). */
function shape(row) {
  return JSON.stringify([[...row[1]].map((f) => [f[0], f[1], f[3]]).sort((x, y) => (x[0] < y[0] ? -1 : 1)), row[2] ?? 0]);
}

/**
 * pulumiMinor builds the rows of a minor from Pulumi between the client-node minors below (lower)
 * and above (higher) it. Pulumi keeps what Kubernetes removed (old fields such as ObjectMeta's
 * clusterName, old types, old apiVersions) and its required markers and types are looser, so:
 * - a type, field or resource Pulumi already had in the older release and neither neighbour has is
 *   left out (Kubernetes removed it); one new since the older release is kept (new in this minor);
 * - a field a neighbour has takes the neighbours' type and description (where they disagree, the
 *   one Pulumi agrees with, else the higher's); it is required only when Pulumi and every neighbour
 *   that has it say so (the safe side: never a missing-field error the API server would not give);
 * - a field or type both neighbours have and Pulumi lacks (TokenReview, SubjectAccessReview, …) is kept;
 * - a type equal to a neighbour's is that neighbour's row, so a delta holds only real changes.
 */
function pulumiMinor(release, older, lower, higher, ctx) {
  const { known, km, formats } = ctx;
  const p = readPulumi(release, known);
  const o = readPulumi(older, known);
  const newer = Object.keys(higher.data.resources).filter((a) => !(a in lower.data.resources));
  if (!newer.some((a) => p.apiVersions.has(a)) || newer.every((a) => p.apiVersions.has(a))) {
    throw new Error(`@pulumi/kubernetes@${release} is not generated from a minor between ${lower.minor} and ${higher.minor} (apiVersions new in ${higher.minor}: ${newer.join(', ')})`);
  }
  if ([...p.apiVersions].every((a) => o.apiVersions.has(a))) throw new Error(`@pulumi/kubernetes@${older} is not older than ${release}`);
  const L = lower.data;
  const H = higher.data;
  const fieldsOf = (row) => new Map((row?.[1] ?? []).map((f) => [f[0], f]));
  const types = {};
  for (const name of [...p.models.keys()].sort()) {
    const m = p.models.get(name);
    const lt = L.types[name];
    const ht = H.types[name];
    if (lt === undefined && ht === undefined && o.models.has(name)) continue;
    const l = fieldsOf(lt);
    const h = fieldsOf(ht);
    const was = new Set((o.models.get(name)?.fields ?? []).map((f) => f.name));
    const extras = extrasFor(km, name);
    const fields = [];
    for (const f of m.fields) {
      const lf = l.get(f.name);
      const hf = h.get(f.name);
      if (lf === undefined && hf === undefined && (lt !== undefined || ht !== undefined) && was.has(f.name)) continue;
      const hint = formats.get(`${name}.${f.name}`) ?? null;
      const own = typeCode(f.type, hint, p.models, hint, extras?.get(f.name));
      let code = (hf ?? lf)?.[1] ?? own;
      if (lf !== undefined && hf !== undefined && lf[1] !== hf[1] && own === lf[1]) code = own;
      const required = f.required && (lf === undefined || lf[3] === 1) && (hf === undefined || hf[3] === 1);
      fields.push([f.name, code, (hf ?? lf)?.[2] ?? str(f.description), required ? 1 : 0]);
    }
    for (const [fname, hf] of h) if (l.has(fname) && !fields.some((f) => f[0] === fname)) fields.push(hf);
    fields.sort((x, y) => (x[0] < y[0] ? -1 : 1));
    const row = [(ht ?? lt)?.[0] ?? str(m.description), fields, ...(fields.length === 0 ? [1] : [])];
    types[name] = [ht, lt].find((r) => r !== undefined && shape(r) === shape(row)) ?? row;
  }
  for (const name of Object.keys(L.types)) {
    if (!(name in types) && name in H.types) types[name] = shape(H.types[name]) === shape(L.types[name]) ? H.types[name] : L.types[name];
  }
  const resources = {};
  const add = (a, k, name) => {
    (resources[a] ??= {})[k] = name;
    types[name] ??= L.types[name] ?? H.types[name];
  };
  for (const [a, kinds] of Object.entries(p.resources)) {
    for (const [k, name] of Object.entries(kinds)) if (L.resources[a]?.[k] !== undefined || H.resources[a]?.[k] !== undefined || o.resources[a]?.[k] === undefined) add(a, k, name);
  }
  for (const [a, kinds] of Object.entries(L.resources)) {
    for (const [k, name] of Object.entries(kinds)) if (H.resources[a]?.[k] === name && resources[a]?.[k] === undefined) add(a, k, name);
  }
  const sorted = {};
  for (const a of Object.keys(resources).sort()) sorted[a] = Object.fromEntries(Object.entries(resources[a]).sort(([x], [y]) => (x < y ? -1 : 1)));
  return { types, resources: sorted };
}

function main() {
  const km = readKubernetesModels();
  const read = CLIENT_NODE.map(([minor, version]) => ({ minor, version, ...readClientNode(minor, version) }));
  // Format hints for releases whose type map has none: the same type's field in any newer release.
  const formats = new Map();
  for (const r of [...read].reverse()) {
    for (const [name, m] of r.models) for (const f of m.fields) if (f.format && !formats.has(`${name}.${f.name}`)) formats.set(`${name}.${f.name}`, f.format);
  }
  // Descriptions first, newest version first, so the table is stable for the base.
  const rows = new Map();
  for (const r of [...read].reverse()) {
    const types = {};
    for (const name of [...r.models.keys()].sort()) {
      const m = r.models.get(name);
      const extras = extrasFor(km, name);
      const fields = m.fields.map((f) => [
        f.name,
        typeCode(f.type, f.format, r.models, formats.get(`${name}.${f.name}`), extras?.get(f.name)),
        str(f.description),
        f.required ? 1 : 0,
      ]);
      types[name] = fields.length === 0 ? [str(m.description), fields, 1] : [str(m.description), fields];
    }
    rows.set(r.minor, { types, resources: r.resources });
  }
  const known = new Set(read.flatMap((r) => [...r.models.keys()]));
  for (const [minor, release, older] of PULUMI) {
    const minors = [...rows.keys()].sort(compareMinor);
    const lower = minors.filter((m) => compareMinor(m, minor) < 0).pop();
    const higher = minors.find((m) => compareMinor(m, minor) > 0);
    const data = pulumiMinor(release, older, { minor: lower, data: rows.get(lower) }, { minor: higher, data: rows.get(higher) }, { known, km, formats });
    rows.set(minor, data);
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const base = rows.get(BASE);
  const files = {};
  const write = (file, data) => {
    writeFileSync(join(outDir, file), `${JSON.stringify(data)}\n`);
  };
  for (const [minor, data] of rows) {
    const file = `v${minor}.json`;
    files[minor] = file;
    if (minor === BASE) {
      write(file, { types: data.types, resources: data.resources });
      continue;
    }
    const types = {};
    for (const [name, row] of Object.entries(data.types)) {
      if (JSON.stringify(base.types[name]) !== JSON.stringify(row)) types[name] = row;
    }
    const removed = Object.keys(base.types).filter((n) => !(n in data.types)).sort();
    write(file, { base: BASE, types, removed, resources: data.resources });
  }
  write('strings.json', strings);
  const versions = Object.fromEntries([...rows.keys()].sort(compareMinor).map((minor) => [minor, files[minor]]));
  const sources = {
    '@kubernetes/client-node': Object.fromEntries(CLIENT_NODE.map(([m, v]) => [m, v])),
    '@pulumi/kubernetes': Object.fromEntries(PULUMI.map(([m, v]) => [m, v])),
    'kubernetes-models': KUBERNETES_MODELS,
  };
  const digest = createHash('sha256');
  for (const f of Object.values(files).concat('strings.json').sort()) digest.update(readFileSync(join(outDir, f)));
  write('index.json', { format: 1, base: BASE, versions, sources, sha256: digest.digest('hex') });
  let total = 0;
  for (const f of readdirSync(outDir)) total += readFileSync(join(outDir, f)).length;
  process.stdout.write(`server/data/k8s: ${readdirSync(outDir).length} files, ${total} bytes\n`);
}

main();
