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
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'server', 'data', 'k8s');

/** CLIENT_NODE maps each shipped Kubernetes minor to the client-node release generated from it. */
const CLIENT_NODE = [
  ['1.29', '0.21.0'],
  ['1.30', '0.22.3'],
  ['1.32', '1.1.2'],
  ['1.33', '1.3.0'],
  ['1.34', '1.4.0'],
  ['1.36', '2.0.1'],
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

/** jsdocText returns the text of a /** … *\/ block's lines. */
function jsdocText(lines) {
  return lines
    .map((l) => l.replace(/^\s*\/?\*+\/?\s?/, '').replace(/\s*\*\/\s*$/, ''))
    .join('\n')
    .trim();
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
      const kind = name.replace(/^(?:[A-Z][a-z]+)*?V\d+(?:alpha\d+|beta\d+)?(?=[A-Z])/, '');
      (resources[apiVersion] ??= {})[kind] = name;
    }
  }
  return { models, resources };
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

/** extrasFor finds kubernetes-models' field info for a client-node model name (V1ServicePort, CoreV1Event). */
function extrasFor(km, name) {
  if (km.has(name)) return km.get(name);
  const hits = [...km.keys()].filter((k) => k.endsWith(name) && /^[A-Z][a-z]+$/.test(k.slice(0, k.length - name.length)));
  return hits.length === 1 ? km.get(hits[0]) : undefined;
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
  const versions = Object.fromEntries(CLIENT_NODE.map(([minor]) => [minor, files[minor]]));
  const sources = {
    '@kubernetes/client-node': Object.fromEntries(CLIENT_NODE.map(([m, v]) => [m, v])),
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
