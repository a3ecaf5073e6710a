// The compact line map of render answers (RenderLineMap): built by the server from per-line
// sources, read by the client one line at a time. No imports beyond protocol types, so the
// client bundle can use it.
import type { RenderLineMap, RenderLineSource } from './protocol';

/** EMPTY_LINE_MAP maps no line. */
export const EMPTY_LINE_MAP: RenderLineMap = { uris: [], vias: [], lines: [] };

/** encodeLineMap tabulates URIs and via chains; each line becomes a few numbers. */
export function encodeLineMap(sources: readonly (RenderLineSource | null)[]): RenderLineMap {
  const uris: string[] = [];
  const uriIds = new Map<string, number>();
  const uriId = (u: string): number => {
    let k = uriIds.get(u);
    if (k === undefined) uriIds.set(u, (k = uris.push(u) - 1));
    return k;
  };
  const vias: number[][] = [];
  const viaIds = new Map<string, number>();
  const lines = sources.map((s) => {
    if (s === null) return null;
    const r = s.range ?? { start: { line: s.line, character: 0 }, end: { line: s.line, character: 0 } };
    const row = [uriId(s.uri), r.start.line, r.start.character, r.end.line, r.end.character];
    if (s.via !== undefined && s.via.length > 0) {
      const flat = s.via.flatMap((v) => [uriId(v.uri), v.line, v.endLine]);
      const key = flat.join(',');
      let k = viaIds.get(key);
      if (k === undefined) viaIds.set(key, (k = vias.push(flat) - 1));
      row.push(k);
    }
    return row;
  });
  return { uris, vias, lines };
}

/** lineSourceAt decodes output line `i` of a map (null when no template produced it or out of range). */
export function lineSourceAt(m: RenderLineMap, i: number): RenderLineSource | null {
  const row = i >= 0 && i < m.lines.length ? m.lines[i] : null;
  if (row === null || row.length < 5) return null;
  const uri = m.uris[row[0]] ?? '';
  const range = { start: { line: row[1], character: row[2] }, end: { line: row[3], character: row[4] } };
  const chain = row.length > 5 ? m.vias[row[5]] : undefined;
  if (chain === undefined) return { uri, line: row[1], range };
  const via: { uri: string; line: number; endLine: number }[] = [];
  for (let k = 0; k + 2 < chain.length; k += 3) via.push({ uri: m.uris[chain[k]] ?? '', line: chain[k + 1], endLine: chain[k + 2] });
  return { uri, line: row[1], range, via };
}
