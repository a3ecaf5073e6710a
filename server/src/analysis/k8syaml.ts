// Where a position is in a YAML manifest, read from indentation alone: the key path of the
// mapping the cursor is in (or of the key / value under it). Works on half-typed and broken
// text (completion asks while a key is being typed), on rendered output and, with action-only
// lines skipped, on template text. Sequence items appear in the path as index 0 (the schema
// path ignores indices).

/** YamlSpot is the position's place: the parent path, and the key under or before the cursor. */
export interface YamlSpot {
  /** parents: the keys (and 0 for sequence items) of the mapping the cursor's line belongs to. */
  readonly parents: readonly (string | number)[];
  /** where: on a key (or typing one), in the value after `key:`, or on an empty spot of the mapping. */
  readonly where: 'key' | 'value' | 'empty';
  /** key: the key on the cursor's line ('' for 'empty'), and its column range in the line. */
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  /** indent: the column a key at this place starts at. */
  readonly indent: number;
}

/** LineFilter says whether a preceding line is ignored (template actions, comments). */
export type LineFilter = (line: string) => boolean;

const ACTION_ONLY = /^\s*(\{\{[\s\S]*?\}\}\s*)+$/;

/** skipActionLines ignores lines holding only template actions (`{{- if … }}`, `{{ toYaml … }}`). */
export const skipActionLines: LineFilter = (line) => ACTION_ONLY.test(line);

/** ParsedLine is a YAML line's indentation, sequence dashes and key. */
interface ParsedLine {
  /** indent: column of the first non-space character. */
  readonly indent: number;
  /** dashes: columns of `- ` sequence markers before the key. */
  readonly dashes: readonly number[];
  /** keyCol: column of the key (or content) after the dashes. */
  readonly keyCol: number;
  readonly key: string | undefined;
  /** rest: text after `key:`. */
  readonly rest: string;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\-?:,][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s|$)/;

function unquote(k: string): string {
  if (k.startsWith('"') && k.endsWith('"') && k.length >= 2) {
    try {
      return JSON.parse(k) as string;
    } catch {
      return k.slice(1, -1);
    }
  }
  if (k.startsWith("'") && k.endsWith("'") && k.length >= 2) return k.slice(1, -1).replace(/''/g, "'");
  return k.trimEnd();
}

function parseLine(line: string): ParsedLine {
  let i = 0;
  while (i < line.length && line[i] === ' ') i++;
  const indent = i;
  const dashes: number[] = [];
  while (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ')) {
    dashes.push(i);
    i++;
    while (i < line.length && line[i] === ' ') i++;
  }
  const m = KEY.exec(line.slice(i));
  return { indent, dashes, keyCol: i, key: m !== null ? unquote(m[1]) : undefined, rest: m !== null ? line.slice(i + m[0].length) : '' };
}

function isBlank(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

/**
 * parentsOf walks the lines before `lines.length` upward and collects the keys that contain a
 * key at column `col` (`inItem`: the cursor's line starts a sequence item at `col`).
 */
function parentsOf(lines: readonly string[], col: number, inItem: boolean, skip: LineFilter | undefined): (string | number)[] {
  const out: (string | number)[] = [];
  let need = col;
  let item = inItem;
  for (let n = lines.length - 1; n >= 0 && (need > 0 || item); n--) {
    const line = lines[n];
    if (isBlank(line) || line.startsWith('---') || (skip !== undefined && skip(line))) continue;
    const p = parseLine(line);
    if (item ? p.indent > need || p.dashes.includes(need) : p.indent >= need && !p.dashes.some((d) => d < need)) continue;
    // This line opens the place: its key (a sequence's key may sit at the items' column), or
    // the item mappings of its dashes.
    if (p.key !== undefined && (item ? p.keyCol <= need : p.keyCol < need)) {
      out.push(p.key);
      for (let d = 0; d < p.dashes.length; d++) out.push(0);
      item = p.dashes.length > 0;
      need = item ? p.dashes[0] : p.keyCol;
      continue;
    }
    const inner = p.dashes.filter((d) => d < need);
    if (inner.length > 0) {
      for (let d = 0; d < inner.length; d++) out.push(0);
      need = inner[0];
      item = true;
      continue;
    }
    // A line we cannot read as a parent (a scalar, flow content): stop.
    break;
  }
  return out.reverse();
}

/**
 * yamlSpotAt reads the place of column `col` of the last line of `before` (the text up to and
 * including the cursor's line prefix; lines above are the document so far).
 */
export function yamlSpotAt(before: string, lineRest: string, skip?: LineFilter): YamlSpot {
  const lines = before.split('\n');
  const cur = lines.pop() ?? '';
  const whole = cur + lineRest;
  const col = cur.length;
  const p = parseLine(whole);
  const inItem = p.dashes.length > 0;
  if (p.key !== undefined && col > p.keyCol + p.key.length && whole.indexOf(':', p.keyCol) < col) {
    // In the value after `key:`.
    const parents = [...parentsOf(lines, p.dashes.length > 0 ? p.dashes[0] : p.keyCol, inItem, skip), ...p.dashes.map(() => 0)];
    return { parents, where: 'value', key: p.key, keyStart: p.keyCol, keyEnd: p.keyCol + rawKeyLength(whole, p.keyCol), indent: p.keyCol };
  }
  const word = /^[A-Za-z0-9_.\-/"']*/.exec(whole.slice(p.keyCol))?.[0] ?? '';
  if (col >= p.keyCol && col <= p.keyCol + word.length && (word !== '' || whole.slice(0, col).trim() !== '' || col >= p.indent)) {
    const parents = [...parentsOf(lines, p.dashes.length > 0 ? p.dashes[0] : p.keyCol, inItem, skip), ...p.dashes.map(() => 0)];
    const key = p.key ?? word;
    return { parents, where: key === '' ? 'empty' : 'key', key, keyStart: p.keyCol, keyEnd: p.keyCol + (p.key !== undefined ? rawKeyLength(whole, p.keyCol) : word.length), indent: p.keyCol };
  }
  // An empty spot left of the line's content (or a blank line): the mapping at this column.
  const parents = parentsOf(lines, col, false, skip);
  return { parents, where: 'empty', key: '', keyStart: col, keyEnd: col, indent: col };
}

function rawKeyLength(line: string, from: number): number {
  const m = KEY.exec(line.slice(from));
  return m === null ? 0 : m[1].trimEnd().length;
}

/** topLevel reads a top-level scalar `name: value` of a YAML document text (quotes removed). */
export function topLevel(doc: string, name: string): string | undefined {
  const m = new RegExp(`^${name}:[ \\t]*([^\\n#]*)`, 'm').exec(doc);
  if (m === null) return undefined;
  const v = m[1].trim();
  if (v === '' || v.includes('{{')) return undefined;
  return unquote(v);
}
