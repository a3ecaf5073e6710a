// The line scanner shared by the two plain-block-YAML fast paths: yamlFast.ts (decoding values
// files and fromYaml input) and render/fasthead.ts (reading rendered manifests' heads). Both walk
// a text line by line over the same subset (block maps and sequences, one-line scalars, comments)
// and give up by throwing BAIL on anything else, so the caller runs the full decoder.

/** BAIL is thrown by the fast paths (never escapes them) when the text leaves the supported subset. */
export const BAIL = { bail: true };

/** SP is ' '. */
export const SP = 0x20;
/** TAB is '\t'. */
export const TAB = 0x09;
/** HASH is '#'. */
export const HASH = 0x23;
/** COLON is ':'. */
export const COLON = 0x3a;
/** DASH is '-'. */
export const DASH = 0x2d;
/** DQUOTE is '"'. */
export const DQUOTE = 0x22;
/** SQUOTE is "'". */
export const SQUOTE = 0x27;

// Tab, newline and YAML-printable characters only (CR, NEL, LS, PS, BOM and astral characters
// are left to the full parser).
const UNUSUAL = /[^\t\n\x20-\x7E\u00A0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD]/;

/**
 * hasUnusual reports whether text holds a character other than tab, newline and the
 * YAML-printable ones the subset supports: controls, DEL, C1 controls, CR, NEL, LS, PS, lone
 * surrogates (astral characters included: left to the full parser), the BOM, U+FFFE and U+FFFF.
 * A regular expression, not a charCodeAt loop: irregexp's native scan is about 3x faster on
 * warm code, and a cold process would run the loop in the interpreter for its first megabytes.
 * Callers test each text once.
 */
export function hasUnusual(text: string): boolean {
  return UNUSUAL.test(text);
}

/** isKeyStart reports whether c can start a plain key of the subset. */
export function isKeyStart(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f /* _ */ || c === 0x2e /* . */ || c === 0x2f /* / */ || c === 0x24 /* $ */
  );
}

/** isKeyChar reports whether c can continue a plain key of the subset. */
export function isKeyChar(c: number): boolean {
  return isKeyStart(c) || c === DASH;
}

/** isIndicator reports whether c (followed by next) cannot start a plain scalar of the subset. */
export function isIndicator(c: number, next: number): boolean {
  switch (c) {
    case 0x26: case 0x2a: case 0x21: case 0x25: case 0x40: case 0x60: // & * ! % @ `
    case 0x3f: case COLON: case 0x2c: case 0x5b: case 0x5d: case 0x7b: case 0x7d: case 0x3c: // ? : , [ ] { } <
    case DQUOTE: case SQUOTE: case 0x7c: case 0x3e: case HASH: case TAB: // " ' | > # tab
      return true;
    case DASH:
      return next === SP || next === TAB;
    default:
      return false;
  }
}

/** skipSpaces returns the first index at or after i (before le) that is not a space. */
export function skipSpaces(t: string, i: number, le: number): number {
  while (i < le && t.charCodeAt(i) === SP) i++;
  return i;
}

/**
 * plainLineEnd checks a plain scalar's text on one line ([from, le)) and returns where it ends:
 * le, or the start of a " #" comment. ": " or a final ':' (a nested mapping) and tabs bail.
 */
export function plainLineEnd(t: string, from: number, le: number): number {
  for (let i = from; i < le; i++) {
    const d = t.charCodeAt(i);
    if (d === COLON) {
      if (i + 1 === le || t.charCodeAt(i + 1) === SP) throw BAIL;
    } else if (d === HASH) {
      if (i > from && t.charCodeAt(i - 1) === SP) return i;
    } else if (d === TAB) throw BAIL;
  }
  return le;
}

/**
 * flowPlainEnd checks a plain scalar inside a flow collection at i (before le) and returns the
 * index after it (at ',', ']', '}', a key's ':' or le). A key's ':' must follow it directly.
 */
export function flowPlainEnd(t: string, i: number, le: number, isKey: boolean): number {
  const c = t.charCodeAt(i);
  if (!(isKeyStart(c) || (c === DASH && isKeyStart(t.charCodeAt(i + 1))))) throw BAIL;
  let j = i + 1;
  for (; j < le; j++) {
    const d = t.charCodeAt(j);
    if (d === 0x2c || d === 0x5d || d === 0x7d) break;
    if (d === COLON) {
      if (isKey) break;
      throw BAIL;
    }
    if (d === HASH || d === TAB || d === 0x5b || d === 0x7b || d === DQUOTE || d === SQUOTE) throw BAIL;
  }
  if (isKey && t.charCodeAt(j - 1) === SP) throw BAIL;
  return j;
}

/**
 * LineCursor walks a text's content lines; the current line may start mid-line after "- ".
 * Subclasses decide what a document marker line means (onMarker).
 */
export class LineCursor {
  /** ls: start of the current line; le: its end (the '\n' or text end); cs: content start. */
  ls = 0;
  le = 0;
  cs = 0;
  /** ind: the current line's indentation (column of cs); -1 at eof. */
  ind = 0;
  eof = false;
  /** next: where the next line starts. */
  protected next = 0;
  /** started: a content line was seen. */
  protected started = false;
  /** keyText: the text of the key found by keyEnd (the inner text when quoted). */
  keyText = '';
  /** keyQuoted: whether that key was quoted. */
  keyQuoted = false;

  constructor(protected readonly t: string) {}

  /**
   * onMarker handles a "---" or "..." line starting at ls (ending at le): true skips the line,
   * false ends the text. By default markers are left to the full parser.
   */
  protected onMarker(_ls: number, _le: number, _c: number): boolean {
    throw BAIL;
  }

  /** advance loads the next line that is neither blank nor a comment (or sets eof). */
  advance(): void {
    const t = this.t;
    const n = t.length;
    for (;;) {
      if (this.next >= n) {
        this.setEof();
        return;
      }
      const ls = this.next;
      let le = t.indexOf('\n', ls);
      if (le < 0) le = n;
      this.next = le + 1;
      const i = skipSpaces(t, ls, le);
      if (i === le) continue; // blank
      const c = t.charCodeAt(i);
      if (c === TAB) throw BAIL;
      if (c === HASH) continue; // comment line
      if (i === ls && (c === DASH || c === 0x2e /* . */) && le - ls >= 3 && t.charCodeAt(ls + 1) === c && t.charCodeAt(ls + 2) === c) {
        const c3 = le - ls === 3 ? SP : t.charCodeAt(ls + 3);
        if (c3 === SP || c3 === TAB) {
          if (this.onMarker(ls, le, c)) continue;
          this.setEof();
          return;
        }
      }
      this.started = true;
      this.ls = ls;
      this.le = le;
      this.cs = i;
      this.ind = i - ls;
      return;
    }
  }

  /** setEof ends the scan. */
  protected setEof(): void {
    this.next = this.t.length;
    this.eof = true;
    this.ind = -1;
  }

  /** resume continues line scanning at a line start. */
  protected resume(pos: number): void {
    this.next = pos;
    this.advance();
  }

  /** isEntry reports whether the current content is a block sequence entry ("-" + space/EOL). */
  isEntry(): boolean {
    if (this.t.charCodeAt(this.cs) !== DASH) return false;
    const c = this.cs + 1;
    return c === this.le || this.t.charCodeAt(c) === SP;
  }

  /**
   * keyEnd finds a key at the content start — plain (restricted characters) or quoted on one
   * line without escapes — followed by ':' and a space or the line end. It returns the index of
   * the ':' (the key in keyText/keyQuoted), or -1.
   */
  keyEnd(): number {
    const t = this.t;
    const cs = this.cs;
    const c = t.charCodeAt(cs);
    let i: number;
    let quoted = false;
    if (c === DQUOTE || c === SQUOTE) {
      const close = t.indexOf(c === DQUOTE ? '"' : "'", cs + 1);
      if (close < 0 || close >= this.le) return -1;
      i = close + 1;
      quoted = true;
    } else {
      if (!isKeyStart(c)) return -1;
      i = cs + 1;
      while (i < this.le && isKeyChar(t.charCodeAt(i))) i++;
    }
    if (i >= this.le || t.charCodeAt(i) !== COLON) return -1;
    if (i + 1 < this.le && t.charCodeAt(i + 1) !== SP) return -1;
    if (i - cs > 512) return -1;
    if (quoted) {
      const inner = t.slice(cs + 1, i - 1);
      // Escapes and a quote doubled inside single quotes: left to the full parser.
      if (inner.includes('\\') || inner.includes("'")) return -1;
      this.keyText = inner;
    } else {
      this.keyText = t.slice(cs, i);
    }
    this.keyQuoted = quoted;
    return i;
  }

  /** trailer checks that only spaces and a comment follow position i on the current line. */
  trailer(i: number): void {
    const t = this.t;
    const j = skipSpaces(t, i, this.le);
    if (j === this.le) return;
    if (t.charCodeAt(j) === HASH && j > i) return;
    throw BAIL;
  }
}
