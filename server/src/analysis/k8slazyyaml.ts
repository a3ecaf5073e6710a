// Lazily decoded block YAML, for the CustomResourceDefinitions a chart ships (megabytes in some
// charts, of which validation reads the few schema nodes its custom resources use). A document's
// block mappings become objects whose properties decode on first read: a scan of the lines'
// indentation (made once per document) finds each key's lines (its key line at the mapping's
// indentation up to the next one), and a value is either another lazy mapping (a nested block
// mapping, or a block sequence of `- key: …` mappings), or the real decoder's value of that key's
// lines alone (unmarshalJSONValue of the dedented `key: …` text), so every value read is the one
// the whole document decodes to. A mapping the scan does not follow — a line at its indentation
// that is not a plain key (flow, quoted, complex or merge keys, anchors, a closing bracket), a key
// YAML 1.1 would resolve to something else than its text, a duplicate key — is decoded whole, and a
// value whose lines do not decode alone (an alias of an anchor elsewhere) is taken from the whole
// document's decoding instead. (A document that does not decode whole — a duplicate key, an alias
// before its anchor — still reads the parts that decode alone; the API server rejects such a CRD.)
import { unmarshalJSONValue } from './k8sjson';

/** SAFE_KEY is a plain key that decodes to its own text (not a YAML 1.1 boolean or null, not a number). */
const SAFE_KEY = /^[A-Za-z_$][A-Za-z0-9_$./-]*$/;
const RESOLVED_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;

const SP = 32;
const CR = 13;
const HASH = 35;
const DASH = 45;

type Path = ReadonlyArray<string | number>;

/** Entry is one key of a block mapping: its key line, the line after its last, the offset of its colon. */
interface Entry {
  readonly key: string;
  readonly line: number;
  readonly end: number;
  readonly colon: number;
}

/** Doc is one document's text, its lines' starts and content columns, and its whole decoding (made on first need). */
class Doc {
  /** starts[i]: offset of line i; starts[lines] = text length + 1. */
  readonly starts: Int32Array;
  /** cols[i]: column of line i's first non-space character; -1 for a blank or comment line. */
  readonly cols: Int32Array;
  readonly lines: number;
  /** next[i]: for a content line, the first content line after it indented no deeper (its next sibling, or its parent's). */
  readonly next: Int32Array;
  private whole: { readonly v: unknown } | undefined;

  constructor(readonly text: string) {
    const starts: number[] = [];
    const cols: number[] = [];
    let pos = 0;
    while (pos <= text.length) {
      let eol = text.indexOf('\n', pos);
      if (eol < 0) eol = text.length;
      let i = pos;
      while (i < eol && text.charCodeAt(i) === SP) i++;
      const c = text.charCodeAt(i);
      starts.push(pos);
      cols.push(i === eol || c === HASH || (c === CR && i + 1 === eol) ? -1 : i - pos);
      pos = eol + 1;
    }
    this.lines = starts.length;
    starts.push(text.length + 1);
    this.starts = Int32Array.from(starts);
    this.cols = Int32Array.from(cols);
    // next[i]: the first content line after i indented no deeper than i (a stack of lines of rising indentation).
    this.next = new Int32Array(this.lines).fill(this.lines);
    const stack: number[] = [];
    for (let i = 0; i < this.lines; i++) {
      const c = this.cols[i];
      if (c < 0) continue;
      while (stack.length > 0 && this.cols[stack[stack.length - 1]] >= c) this.next[stack.pop() as number] = i;
      stack.push(i);
    }
  }

  /** eol: the offset of line i's end (its newline, or the text's end). */
  eol(i: number): number {
    return this.starts[i + 1] - 1;
  }

  /** at is the value at a path of the whole document's decoding. */
  at(path: Path): unknown {
    this.whole ??= { v: unmarshalJSONValue(this.text) };
    let v: unknown = this.whole.v;
    for (const p of path) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as Record<string | number, unknown>)[p];
    }
    return v;
  }

  /** keyAt reads a safe plain key at offset i of line `line`; returns its colon's offset or -1. */
  keyAt(line: number, i: number): number {
    const text = this.text;
    const eol = this.eol(line);
    const colon = text.indexOf(':', i);
    if (colon < 0 || colon >= eol) return -1;
    const after = colon + 1 < eol ? text.charCodeAt(colon + 1) : SP;
    if (after !== SP && after !== CR) return -1;
    const key = text.slice(i, colon);
    return SAFE_KEY.test(key) && !RESOLVED_WORDS.test(key) ? colon : -1;
  }

  /** isDash tells whether line i's content starts with a sequence entry's `-`. */
  isDash(i: number): boolean {
    const at = this.starts[i] + this.cols[i];
    const next = this.text.charCodeAt(at + 1);
    return this.text.charCodeAt(at) === DASH && (at + 1 === this.eol(i) || next === SP || next === CR);
  }

  /** dedent is lines [from, to) with `indent` columns cut off each (the first line's may be `- `; a comment's spaces only). */
  dedent(from: number, to: number, indent: number): string {
    const parts: string[] = [];
    for (let i = from; i < to; i++) {
      const s = this.starts[i];
      const e = this.eol(i);
      // A comment line may be less indented than the mapping: cut its spaces only.
      let cut = indent;
      if (this.cols[i] < 0) {
        cut = 0;
        while (cut < indent && s + cut < e && this.text.charCodeAt(s + cut) === SP) cut++;
      }
      parts.push(this.text.slice(Math.min(s + cut, e), e));
    }
    return parts.join('\n') + '\n';
  }
}

/** Lazy builds the objects of one document. */
class Lazy {
  constructor(private readonly doc: Doc) {}

  /**
   * entries scans a block mapping with keys at column `indent` in lines [from, to); `dashFirst`:
   * the first line starts with the `- ` of a sequence item (the key follows it). Undefined when the
   * lines are not such a mapping of safe keys.
   */
  private entries(from: number, to: number, indent: number, dashFirst: boolean): Entry[] | undefined {
    const d = this.doc;
    const out: Array<{ key: string; line: number; colon: number }> = [];
    const seen = new Set<string>();
    // Deeper lines are jumped over (next[]): a scan costs the mapping's keys, not its lines.
    for (let i = from; i < to; ) {
      const first = i === from && dashFirst;
      const col = first ? indent : d.cols[i];
      if (col < 0) {
        i++;
        continue;
      }
      if (col > indent) {
        if (out.length === 0) return undefined;
        i = d.next[i];
        continue;
      }
      if (col < indent) return undefined;
      // A block sequence may sit at its key's own indentation (`key:` then `- item`).
      if (!first && d.isDash(i)) {
        if (out.length === 0) return undefined;
        i = d.next[i];
        continue;
      }
      const at = d.starts[i] + col;
      const colon = d.keyAt(i, at);
      if (colon < 0) return undefined;
      const key = d.text.slice(at, colon);
      if (seen.has(key)) return undefined;
      seen.add(key);
      out.push({ key, line: i, colon });
      // The dash line's next[] is its item's end: walk its key's deeper lines instead.
      i = first ? i + 1 : d.next[i];
    }
    return out.map((e, k) => ({ ...e, end: k + 1 < out.length ? out[k + 1].line : to }));
  }

  /** map makes the object of a block mapping (undefined when entries() does not follow it). */
  map(from: number, to: number, indent: number, dashFirst: boolean, path: Path): Record<string, unknown> | undefined {
    const es = this.entries(from, to, indent, dashFirst);
    if (es === undefined) return undefined;
    const obj: Record<string, unknown> = {};
    for (const e of es) {
      Object.defineProperty(obj, e.key, {
        enumerable: true,
        configurable: true,
        get: () => {
          const v = this.value(e, indent, [...path, e.key]);
          Object.defineProperty(obj, e.key, { value: v, enumerable: true, configurable: true, writable: true });
          return v;
        },
      });
    }
    return obj;
  }

  /** value is a key's value: a lazy mapping or sequence of mappings, else its lines decoded alone. */
  private value(e: Entry, indent: number, path: Path): unknown {
    const d = this.doc;
    const eol = d.eol(e.line);
    let k = e.colon + 1;
    while (k < eol && d.text.charCodeAt(k) === SP) k++;
    const blockValue = k === eol || d.text.charCodeAt(k) === HASH || (d.text.charCodeAt(k) === CR && k + 1 === eol);
    if (blockValue) {
      let i = e.line + 1;
      while (i < e.end && d.cols[i] < 0) i++;
      if (i < e.end) {
        const col = d.cols[i];
        const lazy = d.isDash(i) ? this.seq(i, e.end, col, path) : col > indent ? this.map(i, e.end, col, false, path) : undefined;
        if (lazy !== undefined) return lazy;
      }
    }
    return this.decoded(e, indent, path);
  }

  /** seq makes a block sequence of mappings (`- key: …` items) an array of lazy objects. */
  private seq(from: number, to: number, col: number, path: Path): unknown[] | undefined {
    const d = this.doc;
    const items: number[] = [];
    for (let i = from; i < to; ) {
      const c = d.cols[i];
      if (c < 0) {
        i++;
        continue;
      }
      if (c > col) return undefined;
      if (c < col || !d.isDash(i)) return undefined;
      // Only `- key: …` items (a mapping that starts on the dash line).
      const at = d.starts[i] + c + 2;
      if (at >= d.eol(i) || d.text.charCodeAt(at - 1) !== SP || d.text.charCodeAt(at) === SP || d.keyAt(i, at) < 0) return undefined;
      items.push(i);
      i = d.next[i];
    }
    const out: unknown[] = [];
    for (let k = 0; k < items.length; k++) {
      const m = this.map(items[k], k + 1 < items.length ? items[k + 1] : to, col + 2, true, [...path, k]);
      if (m === undefined) return undefined;
      out.push(m);
    }
    return out;
  }

  /** decoded is a key's lines decoded alone, or the whole document's value there when they do not decode alone. */
  private decoded(e: Entry, indent: number, path: Path): unknown {
    const v = unmarshalJSONValue(this.doc.dedent(e.line, e.end, indent));
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === e.key) return (v as Record<string, unknown>)[e.key];
    }
    return this.doc.at(path);
  }
}

/**
 * lazyDocument decodes a YAML document's top-level block mapping lazily (see the file's comment);
 * undefined when the scan does not follow it (the caller decodes it whole).
 */
export function lazyDocument(text: string): Record<string, unknown> | undefined {
  const doc = new Doc(text);
  // Skip leading comments, blank lines and one `---` line.
  let from = 0;
  while (from < doc.lines && doc.cols[from] < 0) from++;
  if (from < doc.lines && doc.cols[from] === 0 && /^---[ \t]*\r?$/.test(text.slice(doc.starts[from], doc.eol(from)))) from++;
  return new Lazy(doc).map(from, doc.lines, 0, false, []);
}
