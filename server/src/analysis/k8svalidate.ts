// Kubernetes schema problems of a render, placed at the template text that wrote the offending
// node: each rendered document is decoded as Kubernetes clients decode it (YAML → JSON), checked
// by k8s/validate.ts against the schema of its kind (unknown kinds are skipped), and each
// problem's manifest path goes to its rendered key (or the deepest existing one), then through
// the source map to the template (`place` in rendered.ts: the include stack as related
// information, a copy at each call site in another file; a key written by `toYaml … | nindent`
// lands on that action). A pure function of the outcome and the schemas, so it can run wherever
// the outcome is.
import type { SchemaSet } from '../k8s/model';
import type { SchemaProblem } from '../k8s/validate';
import { validateResource } from '../k8s/validate';
import type { DiagnosticCode } from './codes';
import { unmarshalJSONValue } from './k8sjson';
import type { KubeSchemas } from './k8sschemas';
import { documents, place, type RenderedProblem } from './rendered';
import type { RenderOutcome } from './snapshot';
import { parseValuesDoc } from './valuesdoc';

/** RawSchemaProblem is a problem at an offset of one rendered file (independent of the source map). */
interface RawSchemaProblem {
  readonly pos: number;
  readonly code: DiagnosticCode;
  readonly message: string;
}

/** MAX_DOCUMENT bounds the documents checked (characters): decoding costs about 1 ms per 2 KB. */
export const MAX_DOCUMENT = 256 * 1024;

const memo = new WeakMap<RenderOutcome, Map<string, RenderedProblem[]>>();
// Rendered texts rarely all change: the problems of each (schema set, file) with the text they are
// for, and the CRD set they depend on (none when every document is of a built-in kind: editing a
// CRD template then re-checks that file only).
const rawMemo = new Map<string, { readonly text: string; readonly crds: string | undefined; readonly raw: RawSchemaProblem[] }>();

let filesChecked = 0;

/** kubeSchemaFilesChecked counts the rendered files checked so far, memo hits not counted (for tests of the memo). */
export function kubeSchemaFilesChecked(): number {
  return filesChecked;
}

/** clearKubeSchemaMemo forgets the per-text results (benchmarks measure a cold pass). */
export function clearKubeSchemaMemo(): void {
  rawMemo.clear();
}

/** SchemaFinding is one schema problem of a rendered file: its offset there and where the editor reports it. */
export interface SchemaFinding {
  /** name: the engine path of the rendered file; pos: the offset of the offending key in its text. */
  readonly name: string;
  readonly pos: number;
  readonly code: DiagnosticCode;
  readonly message: string;
  /** placed: the template places (first the text that wrote the key, then call sites in other files). */
  readonly placed: readonly RenderedProblem[];
}

/** kubeSchemaFindings checks every rendered YAML file of an outcome (per-file results memoized by text). */
export function kubeSchemaFindings(outcome: RenderOutcome, schemas: KubeSchemas): SchemaFinding[] {
  const out: SchemaFinding[] = [];
  for (const [name, file] of outcome.files) {
    if (!/\.ya?ml$/i.test(name) || file.sourceMap === undefined || file.text.trim() === '') continue;
    const path = outcome.pathOf.get(name);
    const set = path !== undefined ? schemas.forFile(path, outcome.textOf.get(name)) : schemas;
    // A file without a user schema is checked against the common set: its documents of built-in
    // kinds only keep their result when the CRDs change (an edit of a rendered CRD).
    const common = set === schemas || set === schemas.common;
    const key = `${schemas.builtinKey}\u0000${common ? '' : (path ?? '')}\u0000${name}`;
    const was = rawMemo.get(key);
    let raw = was !== undefined && was.text === file.text && (was.crds === undefined || was.crds === schemas.key) ? was.raw : undefined;
    if (raw === undefined) {
      filesChecked++;
      const r = rawProblems(file.text, set, schemas.builtin);
      raw = r.raw;
      if (rawMemo.size > 2048) rawMemo.clear();
      rawMemo.set(key, { text: file.text, crds: r.builtinOnly && common ? undefined : schemas.key, raw });
    }
    for (const r of raw) {
      const placed: RenderedProblem[] = [];
      place(outcome, name, file.text, file.sourceMap, r.pos, r.code, r.message, placed, false);
      out.push({ name, pos: r.pos, code: r.code, message: r.message, placed });
    }
  }
  return out;
}

/** kubeSchemaProblems lists the schema problems of a render's manifests (memoized per outcome and schemas). */
export function kubeSchemaProblems(outcome: RenderOutcome, schemas: KubeSchemas): RenderedProblem[] {
  let byKey = memo.get(outcome);
  if (byKey === undefined) {
    byKey = new Map();
    memo.set(outcome, byKey);
  }
  const hit = byKey.get(schemas.key);
  if (hit !== undefined) return hit;
  const out = kubeSchemaFindings(outcome, schemas).flatMap((f) => f.placed);
  // A `range` body (or a define included several times) writes the same text for each item: one
  // problem per template place, whatever the item index.
  const seen = new Set<string>();
  const unique = out.filter((p) => {
    const k = `${p.path}\u0000${p.start}\u0000${p.end}\u0000${p.code}\u0000${p.message.replace(/\[\d+\]/g, '[]')}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  byKey.set(schemas.key, unique);
  return unique;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** rawProblems checks every document of one rendered file; builtinOnly: every document checked is of a kind `builtin` knows. */
function rawProblems(text: string, schemas: SchemaSet, builtin: SchemaSet): { readonly raw: RawSchemaProblem[]; readonly builtinOnly: boolean } {
  const out: RawSchemaProblem[] = [];
  let builtinOnly = true;
  for (const d of documents(text)) {
    // Cheap tests first: a document without a literal kind line has nothing to check; a huge
    // one (a generated CRD) is not checked (MAX_DOCUMENT).
    if (d.text.length > MAX_DOCUMENT || !/^kind:/m.test(d.text)) continue;
    const obj = unmarshalJSONValue(d.text);
    if (!isObject(obj) || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') continue;
    if (builtin.resource(obj.apiVersion, obj.kind) === undefined) builtinOnly = false;
    const meta = obj.metadata;
    const name = isObject(meta) && typeof meta.name === 'string' ? meta.name : '';
    const problems: SchemaProblem[] = schemas.resource(obj.apiVersion, obj.kind) !== undefined || schemas.apiStatus(obj.apiVersion, obj.kind).removedIn !== undefined ? validateResource(schemas, obj) : [];
    if (problems.length === 0) continue;
    const doc = parseValuesDoc(d.text);
    for (const p of problems) {
      const path = p.path.map(String);
      let node = undefined;
      for (let n = path.length; n > 0 && node === undefined; n--) node = doc.find(path.slice(0, n));
      const pos = d.start + (node !== undefined ? node.key.start : firstContent(d.text));
      out.push({ pos, code: p.code, message: `${obj.kind}${name !== '' ? ` ${name}` : ''}: ${p.message}` });
    }
  }
  return { raw: out, builtinOnly };
}

function firstContent(s: string): number {
  const m = /^(?!#)\S/m.exec(s);
  return m === null ? 0 : m.index;
}
