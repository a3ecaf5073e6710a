// Hover on a Kubernetes manifest key in template text: the field's type, required marker and
// description from the schema of the resource, and the value the last render wrote there.
// Schema descriptions (CRDs come from charts) and rendered text enter Markdown only through mdsafe.
import { isMap, isSeq, type Node as YamlNode, parseDocument } from 'yaml';
import { depthError } from '../yaml/yamlDepth';
import { type RenderedPlace, resourceAt, schemaPathText } from './k8spos';
import { kubeSchemas } from './k8sschemas';
import { resolvePath, typeText } from './k8swalk';
import { code, fence, text as mdText } from './mdsafe';
import type { Snapshot } from './snapshot';
import type { HoverResult } from './types';

const MAX_VALUE_LINES = 30;

/** renderedValue is the YAML text of the value of the key at `place.keyOffset` in the rendered document. */
export function renderedValue(place: RenderedPlace): string | undefined {
  if (place.keyOffset === undefined || depthError(place.docText) !== undefined) return undefined;
  const doc = parseDocument(place.docText, { version: '1.1', schema: 'failsafe', uniqueKeys: false, merge: false, strict: false, prettyErrors: false });
  if (doc.errors.length > 0) return undefined;
  const want = place.keyOffset;
  let found: string | undefined;
  const visit = (n: YamlNode | null | undefined, depth: number): void => {
    if (n === null || n === undefined || found !== undefined || depth > 200) return;
    if (isMap(n)) {
      for (const item of n.items) {
        const k = item.key as YamlNode | null;
        const v = item.value as YamlNode | null;
        if (k?.range?.[0] === want) {
          const start = v?.range?.[0];
          const end = v?.range?.[1];
          if (start === undefined || end === undefined) found = '';
          else {
            // Block content keeps its indentation relative to the key's column.
            const lineStart = place.docText.lastIndexOf('\n', start - 1) + 1;
            const raw = place.docText.slice(start > lineStart && place.docText.slice(lineStart, start).trim() === '' ? lineStart : start, end);
            found = dedent(raw.replace(/\s+$/, ''));
          }
          return;
        }
        visit(v, depth + 1);
      }
    } else if (isSeq(n)) {
      for (const item of n.items) visit(item as YamlNode | null, depth + 1);
    }
  };
  visit(doc.contents as YamlNode | null, 0);
  return found;
}

function dedent(s: string): string {
  const lines = s.split('\n');
  const ind = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  const out = Number.isFinite(ind) && ind > 0 ? lines.map((l) => l.slice(Math.min(ind, l.length - l.trimStart().length))) : lines;
  return out.length > MAX_VALUE_LINES ? [...out.slice(0, MAX_VALUE_LINES), `… (${out.length - MAX_VALUE_LINES} more lines)`].join('\n') : out.join('\n');
}

/** kubeHover describes the manifest key under `offset` (template text outside actions). */
export function kubeHover(snap: Snapshot, path: string, offset: number): HoverResult | undefined {
  const text = snap.text(path);
  const dc = snap.docChart(path);
  if (text === undefined || dc === undefined) return undefined;
  const at = resourceAt(snap, path, offset);
  if (at === undefined || at.spot.where !== 'key' || at.apiVersion === undefined || at.kind === undefined) return undefined;
  // The key's span in the template line (the spot's columns may be the rendered line's).
  const ls = text.lastIndexOf('\n', offset - 1) + 1;
  const lineText = text.slice(ls, (text.indexOf('\n', offset) + 1 || text.length + 1) - 1);
  const col = offset - ls;
  const m = /^(\s*(?:-\s+)*)(["']?)([^:#'"]+?)\2\s*:/.exec(lineText);
  if (m === null) return undefined;
  const kStart = m[1].length;
  const kEnd = kStart + m[2].length * 2 + m[3].length;
  if (col < kStart || col > kEnd) return undefined;
  const schemas = kubeSchemas(snap, dc.model);
  const root = schemas.resource(at.apiVersion, at.kind);
  if (root === undefined) return undefined;
  const path2 = [...at.spot.parents, at.spot.key];
  const r = resolvePath(schemas, root, path2);
  const parts: string[] = [];
  if (r?.field === undefined || r.type === undefined) {
    parts.push(`${code(at.spot.key)}: not a field of ${code(`${at.kind}.${schemaPathText(at.spot.parents) || '(root)'}`)} in Kubernetes ${schemas.version}`);
  } else {
    parts.push(`${code(r.field.name)}: ${code(typeText(r.type))}${r.field.required ? ' — **required**' : ''}`);
    parts.push(`${code(at.kind)} ${code(at.apiVersion)} · ${code(schemaPathText(path2))} · Kubernetes ${schemas.version}`);
    if (r.field.description !== '') parts.push(mdText(r.field.description));
  }
  const value = at.rendered !== undefined ? renderedValue(at.rendered) : undefined;
  if (value !== undefined && value !== '') parts.push('Rendered (last render):\n' + fence(value, 'yaml'));
  return { start: ls + kStart, end: ls + kEnd, markdown: parts.join('\n\n') };
}
