// Template positions of the per-object lint findings (deprecated API, metadata name, selector,
// annotations). `helm lint` checks the rendered objects; without a source map the object is found
// in its template by its `apiVersion:` line: the n-th object of the output is the n-th
// `apiVersion:` line of the template when the counts agree, else the first line whose literal
// value is the object's apiVersion. A key the finding is about (`selector:`) is looked for after
// that line, before the next `apiVersion:` line.
import { offsetPosition } from './positions';
import type { Position } from './support';

const API_LINE = /^[ \t]*apiVersion:[ \t]*(.*)$/gm;

interface ApiLine {
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

function apiLines(source: string): ApiLine[] {
  const out: ApiLine[] = [];
  API_LINE.lastIndex = 0;
  for (let m = API_LINE.exec(source); m !== null; m = API_LINE.exec(source)) {
    const start = m.index + m[0].indexOf('apiVersion');
    out.push({ start, end: m.index + m[0].trimEnd().length, value: m[1].trim().replace(/^["']|["']$/g, '') });
  }
  return out;
}

/**
 * objectPosition locates the `index`-th object (of `count`) of a template's output in its source,
 * at its `apiVersion:` line or at `key:` inside it; just the file when it cannot be told.
 */
export function objectPosition(file: string, source: string | undefined, index: number, count: number, apiVersion: string | undefined, key?: string): Position {
  if (source === undefined) return { file };
  const lines = apiLines(source);
  let i = lines.length === count ? index : lines.findIndex((l) => apiVersion !== undefined && l.value === apiVersion);
  if (i < 0 && lines.length === 1) i = 0;
  if (i < 0 || i >= lines.length) return { file };
  let { start, end } = lines[i];
  if (key !== undefined) {
    const limit = i + 1 < lines.length ? lines[i + 1].start : source.length;
    const re = new RegExp(`^[ \\t]*${key}:`, 'gm');
    re.lastIndex = lines[i].end;
    const m = re.exec(source);
    if (m !== null && m.index < limit) {
      start = m.index + m[0].indexOf(key);
      end = start + key.length;
    }
  }
  return { file, ...offsetPosition(source, start), start, end };
}
