// Outline entries for the Kubernetes resources a template renders (`Deployment release-name-web`),
// from the last render: each rendered document's `kind:` key goes through the source map to the
// template text that wrote it (or the include call in this file that led there). Without a render
// of this file, the template's own literal `kind:`/`name:` lines stand in. Never renders.
import { callStack, segmentAt } from '../template/sourcemap';
import { topLevel } from './k8syaml';
import { documents } from './rendered';
import type { Snapshot } from './snapshot';
import type { DocSymbol, Span } from './types';

/** ResourceHead is a rendered document's kind, apiVersion and metadata.name. */
export interface ResourceHead {
  readonly kind: string;
  readonly apiVersion: string;
  readonly name: string;
  /** kindAt: offset of the `kind:` key in the document text. */
  readonly kindAt: number;
}

/** resourceHead reads the head of one YAML document from its text (no full decode). */
export function resourceHead(doc: string): ResourceHead | undefined {
  const kind = topLevel(doc, 'kind');
  if (kind === undefined) return undefined;
  const meta = /^metadata:[ \t]*\n((?:[ \t]+.*\n?|[ \t]*\n)*)/m.exec(doc);
  const nm = meta !== null ? /^([ \t]+)name:[ \t]*([^\n#]*)/m.exec(meta[1]) : null;
  // Only metadata's own `name:` (the least indented one).
  const minIndent = meta !== null ? Math.min(...meta[1].split('\n').filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length)) : 0;
  const name = nm !== null && nm[1].length === minIndent ? nm[2].trim().replace(/^(["'])(.*)\1$/, '$2') : '';
  return { kind, apiVersion: topLevel(doc, 'apiVersion') ?? '', name, kindAt: /^kind:/m.exec(doc)?.index ?? 0 };
}

function lineSpan(text: string, off: number): Span {
  const s = text.lastIndexOf('\n', off - 1) + 1;
  const e = text.indexOf('\n', off);
  return { start: s, end: e < 0 ? text.length : e };
}

/** resourceSymbols lists the resources the template at `path` rendered, at their template text. */
export function resourceSymbols(snap: Snapshot, path: string, text: string): DocSymbol[] {
  const dc = snap.docChart(path);
  if (dc === undefined) return [];
  const outcome = snap.lastRender(dc.model);
  let name: string | undefined;
  if (outcome !== undefined) for (const [k, p] of outcome.pathOf) if (p === path) name = k;
  const file = name !== undefined ? outcome?.files.get(name) : undefined;
  const out: DocSymbol[] = [];
  if (file !== undefined && name !== undefined && outcome?.textOf.get(name) === text) {
    for (const d of documents(file.text)) {
      const h = resourceHead(d.text);
      if (h === undefined) continue;
      const at = d.start + h.kindAt;
      const seg = file.sourceMap !== undefined ? segmentAt(file.sourceMap, at) : undefined;
      let sel: Span | undefined;
      if (seg !== undefined && seg.loc.parseName === name) {
        sel = seg.kind === 'text' ? lineSpan(text, Math.min(seg.loc.end, seg.loc.start + (at - seg.outStart))) : { start: seg.loc.start, end: seg.loc.end };
      } else if (seg !== undefined) {
        const call = callStack(seg).find((c) => c.loc.parseName === name);
        if (call !== undefined) sel = { start: call.loc.start, end: call.loc.end };
      }
      sel ??= { start: 0, end: 0 };
      out.push(symbol(h, sel));
    }
    return out;
  }
  // No render of this text: the literal heads of the template's `---` parts.
  let start = 0;
  for (const part of text.split(/^---[ \t]*$/m)) {
    const h = resourceHead(part);
    if (h !== undefined) out.push(symbol(h, lineSpan(text, start + h.kindAt)));
    start += part.length + 3;
  }
  return out;
}

function symbol(h: ResourceHead, sel: Span): DocSymbol {
  return { name: h.name !== '' ? `${h.kind} ${h.name}` : h.kind, kind: 'resource', detail: h.apiVersion, start: sel.start, end: sel.end, selection: sel, children: [] };
}
