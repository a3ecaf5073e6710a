// The Kubernetes resource under a template position: kind, apiVersion and the schema path of the
// key or mapping at the cursor. From the last render when it reached this text (template offset →
// rendered offset through the source map → the rendered document's indentation above it), else
// from the template's own literal `apiVersion:`/`kind:` lines and indentation (a render that
// failed, a branch not taken, a template never rendered). Never renders.
import type { RenderedFile } from '../render/engine';
import { documents } from './rendered';
import type { Snapshot } from './snapshot';
import { skipActionLines, topLevel, type YamlSpot, yamlSpotAt } from './k8syaml';

/** RenderedPlace is where the cursor's line was written in the last render. */
export interface RenderedPlace {
  /** file: the rendered file's text; docStart/docText: the YAML document holding the place. */
  readonly docStart: number;
  readonly docText: string;
  /** keyOffset: offset in docText of the key under the cursor (when the cursor's line was rendered unchanged). */
  readonly keyOffset?: number;
}

/** ResourceAt is the resource and schema place at a template position. */
export interface ResourceAt {
  readonly apiVersion: string | undefined;
  readonly kind: string | undefined;
  readonly spot: YamlSpot;
  /** from: the last render's output or the template text. */
  readonly from: 'render' | 'template';
  readonly rendered?: RenderedPlace;
}

/** schemaPathText prints a path like `spec.template.spec.containers[].ports[]`. */
export function schemaPathText(path: readonly (string | number)[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? '[]' : s === '' ? p : `.${p}`;
  return s;
}

/** insideAction tells whether `offset` is inside a `{{ … }}` action (or a half-typed one). */
export function insideAction(text: string, offset: number): boolean {
  const open = text.lastIndexOf('{{', offset - 1);
  if (open < 0) return false;
  const close = text.lastIndexOf('}}', offset - 1);
  return close < open;
}

/**
 * mapToOld maps an offset of the current text into the text that was last rendered: unchanged
 * prefixes and suffixes shift, an offset inside the edited region maps to the edit's start.
 */
export function mapToOld(cur: string, old: string, offset: number): number {
  if (cur === old) return offset;
  const max = Math.min(cur.length, old.length);
  let p = 0;
  while (p < max && cur.charCodeAt(p) === old.charCodeAt(p)) p++;
  if (offset <= p) return offset;
  let s = 0;
  while (s < max - p && cur.charCodeAt(cur.length - 1 - s) === old.charCodeAt(old.length - 1 - s)) s++;
  if (offset >= cur.length - s) return offset - (cur.length - old.length);
  return p;
}

const STEP_BACK = 4000;

/** renderedOffset finds output written from template offset `o` of `name` (or the nearest text before it). */
function renderedOffset(files: ReadonlyMap<string, RenderedFile>, name: string, o: number): { file: RenderedFile; out: number; at: number } | undefined {
  const ordered: RenderedFile[] = [];
  const own = files.get(name);
  if (own !== undefined) ordered.push(own);
  for (const [k, f] of files) if (k !== name) ordered.push(f);
  // The nearest template text at or before `o` that was written out (a branch not taken or a
  // trimmed blank writes nothing: the text before it is the document around the cursor).
  let best: { file: RenderedFile; out: number; at: number } | undefined;
  for (const file of ordered) {
    const segs = file.sourceMap?.segments;
    if (segs === undefined) continue;
    for (const s of segs) {
      if (s.kind !== 'text' || s.loc.parseName !== name || s.loc.start > o || o - s.loc.end > STEP_BACK) continue;
      const at = Math.min(o, s.loc.end - 1);
      if (at < s.loc.start) continue;
      if (best === undefined || at > best.at) best = { file, out: s.outStart + (at - s.loc.start), at };
      if (at === o) return best;
    }
  }
  return best;
}

function lineStart(text: string, off: number): number {
  return text.lastIndexOf('\n', off - 1) + 1;
}

function lineEnd(text: string, off: number): number {
  const i = text.indexOf('\n', off);
  return i < 0 ? text.length : i;
}

/** templateDoc is the `---`-separated part of a template text around `offset`. */
function templateDoc(text: string, offset: number): { start: number; end: number } {
  const sep = /^---[ \t]*$/gm;
  let start = 0;
  let end = text.length;
  for (let m = sep.exec(text); m !== null; m = sep.exec(text)) {
    if (m.index + m[0].length <= offset) start = m.index + m[0].length;
    else if (m.index > offset) {
      end = m.index;
      break;
    }
  }
  return { start, end };
}

/** resourceAt answers the resource and schema place at `offset` of the template at `path`. */
export function resourceAt(snap: Snapshot, path: string, offset: number): ResourceAt | undefined {
  const text = snap.text(path);
  const dc = snap.docChart(path);
  if (text === undefined || dc === undefined || dc.kind !== 'template' || insideAction(text, offset)) return undefined;
  const ls = lineStart(text, offset);
  const prefix = text.slice(ls, offset);
  const rest = text.slice(offset, lineEnd(text, offset));
  const tdoc = templateDoc(text, offset);
  const tdocText = text.slice(tdoc.start, tdoc.end);
  const outcome = snap.lastRender(dc.model);
  if (outcome !== undefined && outcome.files.size > 0) {
    let name: string | undefined;
    for (const [k, p] of outcome.pathOf) if (p === path) name = k;
    const old = name !== undefined ? outcome.textOf.get(name) : undefined;
    if (name !== undefined && old !== undefined) {
      const o = mapToOld(text, old, offset);
      const found = renderedOffset(outcome.files, name, o);
      if (found !== undefined) {
        const r = found.file.text;
        const doc = documents(r).find((d) => d.start <= found.out && found.out <= d.start + d.text.length);
        if (doc !== undefined) {
          const oldLs = lineStart(old, o);
          const rls = lineStart(r, found.out);
          let before: string;
          let keyLine: number | undefined;
          if (found.at >= oldLs) {
            // The cursor's own line was written: keep its rendered column (a define's text
            // re-indented by `nindent` sits further right than in its file).
            const delta = found.out - rls - (found.at - oldLs);
            const lead = prefix.length - prefix.trimStart().length;
            const line = delta >= 0 ? ' '.repeat(delta) + prefix : prefix.slice(Math.min(lead, -delta));
            before = r.slice(doc.start, Math.max(doc.start, rls)) + line;
            keyLine = rls;
          } else {
            before = r.slice(doc.start, lineEnd(r, found.out)) + '\n' + prefix;
          }
          const spot = yamlSpotAt(before, rest);
          const keyOffset = keyLine !== undefined && spot.where !== 'empty' ? keyLine - doc.start + spot.keyStart : undefined;
          return {
            apiVersion: topLevel(doc.text, 'apiVersion') ?? topLevel(tdocText, 'apiVersion'),
            kind: topLevel(doc.text, 'kind') ?? topLevel(tdocText, 'kind'),
            spot,
            from: 'render',
            rendered: { docStart: doc.start, docText: doc.text, keyOffset },
          };
        }
      }
    }
  }
  const spot = yamlSpotAt(text.slice(tdoc.start, offset), rest, skipActionLines);
  return { apiVersion: topLevel(tdocText, 'apiVersion'), kind: topLevel(tdocText, 'kind'), spot, from: 'template' };
}
