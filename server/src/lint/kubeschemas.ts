// `chartwright lint --kube-schemas`: every rendered manifest (root chart and subcharts) checked
// against the Kubernetes schemas of `--kube-version` (k8s/: schemaVersionFor, the chart's CRDs
// from crds/ and from the render), reported as kubeconform would — resource, path, message — at
// the template text that wrote the offending key (through the render's source map). Not a Helm
// rule: the findings come after Helm's own, and only with the flag.
import type { KubeVersion } from '../chart/capabilities';
import type { Chart } from '../chart/loader';
import { crdSchemaSet, isCrd, layered } from '../k8s/crd';
import type { SchemaSet } from '../k8s/model';
import { schemaSet } from '../k8s/store';
import { type SchemaProblemCode, validateResource } from '../k8s/validate';
import { schemaVersionFor } from '../k8s/versions';
import { unmarshalYAML } from '../yaml/yamlDecode';
import type { RenderedFile } from '../render/engine';
import { crdObjects } from '../render/pipeline';
import { marshalJSON } from '../sprig/json';
import { segmentAt } from '../template/sourcemap';
import { composeFirstDocument, Kind, type YNode } from '../yaml/goyaml/compose';
import { offsetPosition } from './positions';
import type { LintMessage } from './support';

/** decode reads one YAML document as JSON data, as Kubernetes clients do (undefined when it does not decode). */
function decode(text: string): unknown {
  try {
    return JSON.parse(marshalJSON(unmarshalYAML(text, 'map'), { escapeHTML: false })) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** docsOf splits a rendered file at `---` lines, keeping each document's offset. */
function docsOf(text: string): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  const sep = /^---[^\n]*\n?/gm;
  let last = 0;
  for (let m = sep.exec(text); m !== null; m = sep.exec(text)) {
    out.push({ start: last, text: text.slice(last, m.index) });
    last = m.index + m[0].length;
  }
  out.push({ start: last, text: text.slice(last) });
  return out.filter((d) => d.text.trim() !== '');
}

// go-yaml's line breaks (its marks count lines and characters as it reads them).
const GO_YAML_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/** markOffset turns a go-yaml mark (0-based line and character column) into a string offset. */
function markOffset(text: string, n: YNode): number {
  let at = 0;
  GO_YAML_BREAK.lastIndex = 0;
  for (let line = 0; line < n.line; line++) {
    if (GO_YAML_BREAK.exec(text) === null) return text.length;
    at = GO_YAML_BREAK.lastIndex;
  }
  for (let col = 0; col < n.column && at < text.length; col++) at += (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
  return at;
}

/**
 * keyOffset finds the key of a manifest path in a document (the deepest one that exists; the
 * first content otherwise), in the go-yaml port's node tree of the document (which decoded).
 */
function keyOffset(text: string, path: readonly (string | number)[]): number {
  let node: YNode | undefined;
  try {
    node = composeFirstDocument(text)?.children[0];
  } catch {
    node = undefined;
  }
  let at = Math.max(0, text.search(/^(?!#)\S/m));
  for (const p of path) {
    if (node?.kind === Kind.Alias) node = node.alias;
    if (node?.kind === Kind.Mapping) {
      const c = node.children;
      // The last of duplicate keys is the one decoded.
      let i = c.length - 2;
      while (i >= 0 && !(c[i].kind === Kind.Scalar && c[i].value === String(p))) i -= 2;
      if (i < 0) break;
      at = markOffset(text, c[i]);
      node = c[i + 1];
    } else if (node?.kind === Kind.Sequence && typeof p === 'number' && p < node.children.length) {
      node = node.children[p];
      at = markOffset(text, node);
    } else break;
  }
  return at;
}

const WARNING_CODES: ReadonlySet<SchemaProblemCode> = new Set(['k8s-api-deprecated']);

/** kubeSchemaMessages checks the rendered files of a chart; `sources` are the template texts by engine path. */
export function kubeSchemaMessages(
  chart: Chart,
  rootName: string,
  files: ReadonlyMap<string, RenderedFile>,
  sources: ReadonlyMap<string, string>,
  kubeVersion: KubeVersion | undefined,
): LintMessage[] {
  const version = schemaVersionFor(kubeVersion !== undefined ? `${kubeVersion.major}.${kubeVersion.minor}` : undefined);
  const builtin = schemaSet(version);
  const docs: Array<{ name: string; file: RenderedFile; start: number; text: string; obj: Record<string, unknown> }> = [];
  for (const [name, file] of files) {
    if (!/\.ya?ml$/i.test(name)) continue;
    for (const d of docsOf(file.text)) {
      if (!/^kind:/m.test(d.text)) continue;
      const obj = decode(d.text);
      if (isObject(obj) && typeof obj.apiVersion === 'string' && typeof obj.kind === 'string') docs.push({ name, file, ...d, obj });
    }
  }
  // The chart's CRDs (crds/ and rendered) only when a custom kind needs them.
  let set: SchemaSet = builtin;
  if (docs.some((d) => builtin.resource(d.obj.apiVersion as string, d.obj.kind as string) === undefined)) {
    const crds = [...crdObjects(chart).flatMap((c) => docsOf(c.data).map((d) => decode(d.text))), ...docs.map((d) => d.obj)].filter(isCrd);
    set = layered(version, builtin, crdSchemaSet(crds, builtin));
  }
  const out: LintMessage[] = [];
  for (const d of docs) {
    const problems = validateResource(set, d.obj);
    if (problems.length === 0) continue;
    const meta = d.obj.metadata;
    const resource = `${d.obj.kind as string}${isObject(meta) && typeof meta.name === 'string' ? ` ${meta.name}` : ''}`;
    for (const p of problems) {
      const off = d.start + keyOffset(d.text, p.path);
      const seg = d.file.sourceMap !== undefined ? segmentAt(d.file.sourceMap, off) : undefined;
      const parse = seg?.loc.parseName ?? d.name;
      const file = parse.startsWith(`${rootName}/`) ? parse.slice(rootName.length + 1) : parse;
      const src = sources.get(parse);
      const at = seg === undefined ? 0 : seg.kind === 'text' ? seg.loc.start + (off - seg.outStart) : seg.loc.start;
      const pos = src !== undefined && seg !== undefined ? { file, ...offsetPosition(src, at), start: at } : { file };
      out.push({ severity: WARNING_CODES.has(p.code) ? 'WARNING' : 'ERROR', path: file, message: `${resource}: ${p.message} (${p.code})`, position: pos });
    }
  }
  return out;
}
