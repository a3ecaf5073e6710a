// Helm's templates lint rule (rules/template.go): load the chart, coalesce values, validate the
// schema, render every template in lint mode (`required` and `fail` only log), then check each
// of the root chart's templates: allowed extension, and for YAML files the rendered documents
// (indentation, YAML syntax, metadata.name, deprecated APIs, selectors, List annotations).
import type { Chart } from '../chart/loader';
import type { ChartFS } from '../chart/fs';
import { joinPath } from '../chart/fs';
import { INVALID_API_VERSION, V3_DEPENDENCY_ERROR, loadChart } from '../chart/loader';
import { Log, noteLines } from '../chart/log';
import { makeCapabilities, type KubeVersion } from '../chart/capabilities';
import { cloneChart, processDependencies } from '../chart/dependencies';
import { validateAgainstSchema } from '../chart/schema';
import { CoalesceError, Coalescer } from '../chart/values';
import { buildRenderContext, type RenderChart } from '../chart/objects';
import { unmarshalYAML, YAMLDecodeError } from '../yaml/yamlDecode';
import { render, type EngineTemplate, type RenderError } from '../render/engine';
import { helmFuncMap } from '../render/funcmap';
import { goTrimSpace, slogValue } from '../render/gostrings';
import type { FuncDef, FuncMap, HelmVersion, Runtime } from '../template/func';
import { type GoMap, type Value, utf8Decode } from '../template/value';
import { DEFAULT_LINT_KUBE, validateMetadataName, validateNoDeprecations, type K8sYamlStruct } from './k8s';
import { decodeManifestStream } from './yamlorjson';
import { objectPosition } from './objectpos';
import { offsetPosition } from './positions';
import { kubeSchemaMessages } from './kubeschemas';
import type { LintMessage, Linter, Position } from './support';

/** TemplateLintOptions configure the templates rule. */
export interface TemplateLintOptions {
  readonly helmVersion: HelmVersion;
  readonly namespace: string;
  readonly kubeVersion: KubeVersion | undefined;
  readonly skipSchemaValidation: boolean;
  readonly runtime: Runtime;
  /** log receives stderr lines (coalescing warnings, lint-mode required/fail). */
  readonly log: (line: string) => void;
  /** schemaMessages, when given, receives the Kubernetes schema findings of the rendered manifests (`--kube-schemas`). */
  readonly schemaMessages?: LintMessage[];
  /** debug: --debug (Helm 4's debug lines of the values-schema walk go to `log`). */
  readonly debug?: boolean;
}

const DIR = 'templates/';

/**
 * loadForLint is loader.Load as the lint rules call it (the chart/v2 loader); the loader's log
 * lines (symbolic links, requirements.yaml) go to `log` as each rule's load prints them.
 */
export function loadForLint(fs: ChartFS, dir: string, v: HelmVersion, log: (line: string) => void): { chart: Chart } | { error: string } {
  let r = loadChart(fs, dir, v);
  // Helm 4's version-dispatching loader rejects unknown apiVersions; the v2 loader lint uses
  // does not (the Chart.yaml rule reports them). The v3 loader has the same texts past this point.
  if ('error' in r && v === 4 && (r.error === INVALID_API_VERSION || r.error === V3_DEPENDENCY_ERROR)) r = loadChart(fs, dir, 3);
  noteLines(r.notes, v).forEach(log);
  return r;
}

/** lintFuncMap is the engine's FuncMap with LintMode set: required and fail log instead of failing. */
export function lintFuncMap(v: HelmVersion, log: (line: string) => void): FuncMap {
  const m = new Map<string, FuncDef>(helmFuncMap(v));
  const req = m.get('required');
  if (req !== undefined) {
    m.set('required', {
      ...req,
      impl: ([msg, val]) => {
        const warn = msg as string;
        if (val === null) {
          log(v === 4 ? `level=WARN msg="missing required value" message=${slogValue(warn)}` : `engine.go:206: [INFO] Missing required value: ${warn}`);
          return '';
        }
        if (val === '') {
          log(v === 4 ? `level=WARN msg="missing required values" message=${slogValue(warn)}` : `engine.go:214: [INFO] Missing required value: ${warn}`);
          return '';
        }
        return val;
      },
    });
  }
  const fail = m.get('fail');
  if (fail !== undefined) {
    m.set('fail', {
      ...fail,
      impl: ([msg]) => {
        log(v === 4 ? `level=INFO msg="funcMap fail" message=${slogValue(msg as string)}` : `engine.go:227: [INFO] Fail: ${msg as string}`);
        return '';
      },
    });
  }
  return m;
}

function collect(root: RenderChart): EngineTemplate[] {
  const out: EngineTemplate[] = [];
  const rec = (r: RenderChart): void => {
    r.children.forEach(rec);
    const library = r.chart.metadata.type === 'library';
    for (const t of r.templates) {
      out.push({ path: `${r.fullPath}/${t.name}`, text: utf8Decode(t.data), vals: r.context, basePath: `${r.fullPath}/templates`, library });
    }
  };
  rec(root);
  return out;
}

/** renderErrorPosition locates a render error in the chart: the innermost template level. */
function renderErrorPosition(e: RenderError, rootName: string, sources: ReadonlyMap<string, string>): Position | undefined {
  let file = e.file;
  let start = e.start;
  let end = e.end;
  const inner = e.includeStack[e.includeStack.length - 1];
  if (inner !== undefined && inner.start >= 0) {
    file = inner.file;
    start = inner.start;
    end = inner.end;
  }
  const rel = file.startsWith(rootName + '/') ? file.slice(rootName.length + 1) : file;
  const text = sources.get(file);
  if (text === undefined || start < 0) return { file: rel };
  return { file: rel, ...offsetPosition(text, start), start, end };
}

/** lintTemplates runs rules.Templates. */
export function lintTemplates(l: Linter, fs: ChartFS, dir: string, userValues: GoMap, o: TemplateLintOptions): void {
  const v = o.helmVersion;
  const tdir = joinPath(dir, 'templates');
  if (!fs.exists(tdir)) {
    // Helm 3.17 treats the directory as optional and says nothing.
    if (v === 4) l.run('WARNING', DIR, 'directory does not exist', { file: 'templates' });
    return;
  }
  if (!fs.isDirectory(tdir)) {
    l.run(v === 4 ? 'ERROR' : 'WARNING', DIR, 'not a directory', { file: 'templates' });
    return;
  }
  const loaded = loadForLint(fs, dir, v, o.log);
  if (!l.run('ERROR', DIR, 'error' in loaded ? loaded.error : undefined, { file: 'Chart.yaml' }) || 'error' in loaded) return;
  const log = new Log(v);
  const c = cloneChart(loaded.chart);
  let values: GoMap;
  try {
    processDependencies(c, userValues, log);
    // Helm's Templates rule coalesces, then ToRenderValuesWithSchemaValidation coalesces the
    // result again: warnings print twice, and a null the first pass kept, the second deletes.
    const co = new Coalescer(log);
    values = co.coalesceValues(c, co.coalesceValues(c, userValues));
  } catch (e) {
    log.lines.forEach(o.log);
    // Helm returns silently when dependencies or coalescing fail.
    if (e instanceof CoalesceError) return;
    throw e;
  }
  log.lines.forEach(o.log);
  if (!o.skipSchemaValidation) {
    const dl = new Log(v, o.debug === true);
    const err = validateAgainstSchema(c, values, v, undefined, dl);
    dl.lines.forEach(o.log);
    if (!l.run('ERROR', DIR, err, { file: 'values.yaml' })) return;
  }
  const root = buildRenderContext(c, values, {
    helmVersion: v,
    release: { name: 'test-release', namespace: o.namespace, isUpgrade: false },
    capabilities: makeCapabilities(v, o.kubeVersion, []),
  });
  const templates = collect(root);
  const sources = new Map(templates.map((t) => [t.path, t.text]));
  const result = render(templates, { helmVersion: v, runtime: o.runtime, funcs: lintFuncMap(v, o.log), sourceMaps: o.schemaMessages !== undefined });
  const rootName = c.metadata.name;
  if (result.error !== undefined) {
    l.run('ERROR', DIR, result.error.message, renderErrorPosition(result.error, rootName, sources));
    return;
  }
  o.schemaMessages?.push(...kubeSchemaMessages(c, rootName, result.files, sources, o.kubeVersion));
  const kube: readonly [string, string] = o.kubeVersion !== undefined ? [o.kubeVersion.major, o.kubeVersion.minor] : DEFAULT_LINT_KUBE[v];
  for (const t of loaded.chart.templates) {
    const fileName = t.name;
    l.run('ERROR', fileName, allowedExtension(fileName), { file: fileName });
    if (!isYamlFile(fileName)) continue;
    const rendered = result.files.get(`${rootName}/${fileName}`)?.text ?? '';
    if (goTrimSpace(rendered) === '') continue;
    const at: Position = { file: fileName };
    l.run('WARNING', fileName, topIndentLevel(rendered), at);
    const decoded = decodeManifestStream(rendered, v);
    const firstError = decoded.findIndex((d) => 'error' in d);
    const objects = (firstError < 0 ? decoded : decoded.slice(0, firstError)).filter((d) => 'value' in d && d.value !== undefined).length;
    const source = sources.get(`${rootName}/${fileName}`);
    let index = -1;
    for (const d of decoded) {
      if ('error' in d) {
        l.run('ERROR', fileName, `unable to parse YAML: ${d.error}`, at);
        return;
      }
      const obj = d.value;
      if (obj === undefined) continue;
      index++;
      // Editors get the object's place in the template (the text output is unchanged).
      const objAt = (key?: string): Position => objectPosition(fileName, source, index, objects, obj.apiVersion, key);
      l.run('WARNING', fileName, validateMetadataName(obj), objAt('name'));
      l.run('WARNING', fileName, validateNoDeprecations(obj, kube, v), objAt());
      l.run('ERROR', fileName, matchSelector(obj, rendered), objAt('selector'));
      l.run('ERROR', fileName, listAnnotations(obj, rendered, v), objAt());
    }
  }
}

function extOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const i = base.lastIndexOf('.');
  return i < 0 ? '' : base.slice(i);
}

function allowedExtension(name: string): string | undefined {
  const ext = extOf(name);
  if (['.yaml', '.yml', '.tpl', '.txt'].includes(ext)) return undefined;
  return `file extension '${ext}' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt`;
}

function isYamlFile(name: string): boolean {
  const ext = extOf(name).toLowerCase();
  return ext === '.yaml' || ext === '.yml';
}

/** topIndentLevel is validateTopIndentLevel: the first non-blank line must not be indented. */
function topIndentLevel(content: string): string | undefined {
  for (const raw of content.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (goTrimSpace(line) === '') continue;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      return `document starts with an illegal indent: ${JSON.stringify(line)}, which may cause parsing problems`;
    }
    return undefined;
  }
  return undefined;
}

function matchSelector(obj: K8sYamlStruct, manifest: string): string | undefined {
  switch (obj.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
      if (!manifest.includes('matchLabels') && !manifest.includes('matchExpressions')) {
        return `a ${obj.kind} must contain matchLabels or matchExpressions, and ${JSON.stringify(obj.name)} does not`;
      }
  }
  return undefined;
}

function get(m: Value | undefined, key: string): Value | undefined {
  if (!(m instanceof Map)) return undefined;
  if (m.has(key)) return m.get(key);
  for (const [k, x] of m) if (k.toLowerCase() === key.toLowerCase()) return x;
  return undefined;
}

function listAnnotations(obj: K8sYamlStruct, manifest: string, v: HelmVersion): string | undefined {
  if (obj.kind !== 'List') return undefined;
  let doc: Value;
  try {
    doc = unmarshalYAML(manifest, 'map');
  } catch (e) {
    if (e instanceof YAMLDecodeError) return `unable to parse YAML: ${e.message}`;
    throw e;
  }
  const items = get(doc, 'items');
  for (const it of Array.isArray(items) ? items : []) {
    const ann = get(get(it, 'metadata'), 'annotations');
    if (ann instanceof Map && ann.has('helm.sh/resource-policy')) {
      return `${v === 4 ? 'annotation' : 'Annotation'} 'helm.sh/resource-policy' within List objects are ignored`;
    }
  }
  return undefined;
}
