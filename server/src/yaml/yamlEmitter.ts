// A port of the parts of go-yaml's emitter (emitterc.go, itself a port of libyaml) that Helm's
// YAML output exercises: block mappings and sequences, empty flow collections, and the scalar
// style machinery (analysis, style selection, plain/single/double/literal writers with line
// folding at 80 columns).
//
// Why not the `yaml` npm package's stringifier: its quoting rules, line folding, key ordering,
// sequence indentation and block-scalar chomping all differ from go-yaml's, and toYaml output
// must be byte-identical to Helm's. The value model here is small (maps with string keys, lists,
// scalars), so a direct port of the relevant state machine is simpler and exact.
//
// Differences between go-yaml v2 (toYaml) and v3 (toYamlPretty) are selected by `v3`:
// v3 indents block sequences inside mappings, and treats tabs as allowed in block scalars.

/** YNode is an emitter input node. Scalars carry their text and requested style. */
export type YNode =
  | { readonly k: 'map'; readonly entries: ReadonlyArray<readonly [YNode, YNode]> }
  | { readonly k: 'seq'; readonly items: readonly YNode[] }
  | { readonly k: 'scalar'; readonly text: string; readonly style: ScalarStyle };

/** ScalarStyle is the style the encoder requests for a scalar. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

/** EmitterOptions configures the emitter. */
export interface EmitterOptions {
  /** v3 selects go-yaml v3 behaviour (indented sequences, tab handling). */
  readonly v3: boolean;
  /** indent is best_indent (2 by default). */
  readonly indent: number;
  /** width is best_width (80 by default). */
  readonly width: number;
}

interface Analysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  blockAllowed: boolean;
}

interface Ctx {
  readonly mapping: boolean;
  readonly simpleKey: boolean;
}

// Character classes over code points, mirroring yamlprivateh.go's byte-level predicates.
function isPrintable(c: number): boolean {
  // go-yaml's is_printable only accepts 1-3 byte UTF-8 sequences: characters outside the BMP
  // (emoji, ...) count as non-printable and are escaped in double quotes.
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}
// The characters isBreak accepts.
const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;

function isBreak(c: number | undefined): boolean {
  return c === 0x0d || c === 0x0a || c === 0x85 || c === 0x2028 || c === 0x2029;
}
function isSpace(c: number | undefined): boolean {
  return c === 0x20;
}
function isBlank(c: number | undefined): boolean {
  return c === 0x20 || c === 0x09;
}
function isBlankZ(c: number | undefined): boolean {
  return isBlank(c) || isBreak(c) || c === 0;
}

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0) as number);
  return out;
}

function utf8Len(cps: readonly number[]): number {
  let n = 0;
  for (const c of cps) n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  return n;
}

/** Emitter writes one YAML document. */
export class Emitter {
  private out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];
  private flowLevel = 0;
  private readonly opts: EmitterOptions;

  constructor(opts: EmitterOptions) {
    this.opts = opts;
  }

  /** document emits `root` as a whole document and returns the text (with final newline). */
  document(root: YNode): string {
    this.node(root, { mapping: false, simpleKey: false }, true);
    this.writeIndent();
    return this.out;
  }

  // --- low-level output -------------------------------------------------------------------

  private put(s: string): void {
    this.out += s;
    this.column++;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
    this.indention = true;
  }

  private write(c: number): void {
    this.out += String.fromCodePoint(c);
    this.column++;
  }

  private writeBreak(c: number): void {
    if (c === 0x0a) {
      this.putBreak();
    } else {
      this.write(c);
      this.column = 0;
      this.indention = true;
    }
  }

  private writeIndent(): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.putBreak();
    }
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
  }

  private writeIndicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    for (const ch of ind) this.write(ch.codePointAt(0) as number);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) {
      this.indent = flow ? this.opts.indent : 0;
    } else if (!indentless) {
      this.indent += this.opts.indent;
    }
  }

  private popIndent(): void {
    this.indent = this.indents.pop() as number;
  }

  // --- structure ------------------------------------------------------------------------------

  private node(n: YNode, ctx: Ctx, _root: boolean): void {
    switch (n.k) {
      case 'scalar':
        this.scalar(n.text, n.style, ctx);
        return;
      case 'seq':
        if (this.flowLevel > 0 || n.items.length === 0) this.flowSeq(n.items);
        else this.blockSeq(n.items, ctx);
        return;
      case 'map':
        if (this.flowLevel > 0 || n.entries.length === 0) this.flowMap(n.entries);
        else this.blockMap(n.entries);
        return;
    }
  }

  private flowSeq(items: readonly YNode[]): void {
    this.writeIndicator('[', true, true, false);
    this.increaseIndent(true, false);
    this.flowLevel++;
    items.forEach((item, i) => {
      if (i > 0) this.writeIndicator(',', false, false, false);
      if (this.column > this.opts.width) this.writeIndent();
      this.node(item, { mapping: false, simpleKey: false }, false);
    });
    this.flowLevel--;
    this.popIndent();
    this.writeIndicator(']', false, false, false);
  }

  private flowMap(entries: ReadonlyArray<readonly [YNode, YNode]>): void {
    this.writeIndicator('{', true, true, false);
    this.increaseIndent(true, false);
    this.flowLevel++;
    entries.forEach(([k, v], i) => {
      if (i > 0) this.writeIndicator(',', false, false, false);
      if (this.column > this.opts.width) this.writeIndent();
      this.node(k, { mapping: true, simpleKey: true }, false);
      this.writeIndicator(':', false, false, false);
      this.node(v, { mapping: true, simpleKey: false }, false);
    });
    this.flowLevel--;
    this.popIndent();
    this.writeIndicator('}', false, false, false);
  }

  private blockSeq(items: readonly YNode[], ctx: Ctx): void {
    // go-yaml v2 writes a sequence that is a mapping value at the mapping's own indentation
    // ("key:\n- a"); v3 indents it like any nested collection.
    const indentless = !this.opts.v3 && ctx.mapping && !this.indention;
    this.increaseIndent(false, indentless);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, { mapping: false, simpleKey: false }, false);
    }
    this.popIndent();
  }

  private blockMap(entries: ReadonlyArray<readonly [YNode, YNode]>): void {
    this.increaseIndent(false, false);
    for (const [k, v] of entries) {
      this.writeIndent();
      if (this.checkSimpleKey(k)) {
        this.node(k, { mapping: true, simpleKey: true }, false);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.node(k, { mapping: true, simpleKey: false }, false);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(v, { mapping: true, simpleKey: false }, false);
    }
    this.popIndent();
  }

  private checkSimpleKey(k: YNode): boolean {
    switch (k.k) {
      case 'scalar': {
        // At most 42 UTF-16 units are at most 126 UTF-8 bytes; the analysis then only decides
        // `multiline`, which is whether the text holds a line break.
        if (k.text.length <= 42) return !LINE_BREAK.test(k.text);
        const cps = codePoints(k.text);
        if (this.analyze(cps).multiline) return false;
        return utf8Len(cps) <= 128;
      }
      case 'seq':
        return k.items.length === 0;
      case 'map':
        return k.entries.length === 0;
    }
  }

  // --- scalars ------------------------------------------------------------------------------

  private analyze(v: readonly number[]): Analysis {
    if (v.length === 0) {
      return { multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true, blockAllowed: false };
    }
    let blockIndicators = false;
    let flowIndicators = false;
    let lineBreaks = false;
    let special = false;
    let tabs = false;
    let leadingSpace = false;
    let leadingBreak = false;
    let trailingSpace = false;
    let trailingBreak = false;
    let breakSpace = false;
    let spaceBreak = false;
    let prevSpace = false;
    let prevBreak = false;
    if (
      v.length >= 3 &&
      ((v[0] === 0x2d && v[1] === 0x2d && v[2] === 0x2d) || (v[0] === 0x2e && v[1] === 0x2e && v[2] === 0x2e))
    ) {
      blockIndicators = true;
      flowIndicators = true;
    }
    let precededByWhitespace = true;
    for (let i = 0; i < v.length; i++) {
      const c = v[i];
      const followedByWhitespace = i + 1 >= v.length || isBlank(v[i + 1]);
      const ch = String.fromCodePoint(c);
      if (i === 0) {
        if ('#,[]{}&*!|>\'"%@`'.includes(ch)) {
          flowIndicators = true;
          blockIndicators = true;
        } else if (ch === '?' || ch === ':') {
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
        } else if (ch === '-') {
          if (followedByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
        }
      } else {
        if (',?[]{}'.includes(ch)) {
          flowIndicators = true;
        } else if (ch === ':') {
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
        } else if (ch === '#') {
          if (precededByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
        }
      }
      if (this.opts.v3 && c === 0x09) tabs = true;
      else if (!isPrintable(c)) special = true;
      if (isSpace(c)) {
        if (i === 0) leadingSpace = true;
        if (i === v.length - 1) trailingSpace = true;
        if (prevBreak) breakSpace = true;
        prevSpace = true;
        prevBreak = false;
      } else if (isBreak(c)) {
        lineBreaks = true;
        if (i === 0) leadingBreak = true;
        if (i === v.length - 1) trailingBreak = true;
        if (prevSpace) spaceBreak = true;
        prevSpace = false;
        prevBreak = true;
      } else {
        prevSpace = false;
        prevBreak = false;
      }
      precededByWhitespace = isBlankZ(c);
    }
    const a: Analysis = { multiline: lineBreaks, flowPlain: true, blockPlain: true, singleQuoted: true, blockAllowed: true };
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
      a.flowPlain = false;
      a.blockPlain = false;
    }
    if (trailingSpace) a.blockAllowed = false;
    if (breakSpace) {
      a.flowPlain = false;
      a.blockPlain = false;
      a.singleQuoted = false;
    }
    if (spaceBreak || tabs || special) {
      a.flowPlain = false;
      a.blockPlain = false;
      a.singleQuoted = false;
    }
    if (spaceBreak || special) a.blockAllowed = false;
    if (lineBreaks) {
      a.flowPlain = false;
      a.blockPlain = false;
    }
    if (flowIndicators) a.flowPlain = false;
    if (blockIndicators) a.blockPlain = false;
    return a;
  }

  private scalar(text: string, requested: ScalarStyle, ctx: Ctx): void {
    const v = codePoints(text);
    const a = this.analyze(v);
    let style = requested;
    if (ctx.simpleKey && a.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !a.flowPlain) || (this.flowLevel === 0 && !a.blockPlain)) style = 'single';
      if (v.length === 0 && (this.flowLevel > 0 || ctx.simpleKey)) style = 'single';
    }
    if (style === 'single' && !a.singleQuoted) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || this.flowLevel > 0 || ctx.simpleKey)) style = 'double';

    this.increaseIndent(true, false);
    const allowBreaks = !ctx.simpleKey;
    switch (style) {
      case 'plain':
        this.writePlain(v, allowBreaks);
        break;
      case 'single':
        this.writeSingle(v, allowBreaks);
        break;
      case 'double':
        this.writeDouble(v, allowBreaks);
        break;
      case 'literal':
        this.writeLiteral(v);
        break;
    }
    this.popIndent();
  }

  private writePlain(v: readonly number[], allowBreaks: boolean): void {
    if (!this.whitespace && (v.length > 0 || !this.opts.v3)) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const c = v[i];
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > this.opts.width && !isSpace(v[i + 1])) {
          this.writeIndent();
        } else {
          this.write(c);
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    if (v.length > 0 || !this.opts.v3) this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(v: readonly number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const c = v[i];
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > this.opts.width && i > 0 && i < v.length - 1 && !isSpace(v[i + 1])) {
          this.writeIndent();
        } else {
          this.write(c);
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.write(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDouble(v: readonly number[], allowBreaks: boolean): void {
    let spaces = false;
    this.writeIndicator('"', true, false, false);
    for (let i = 0; i < v.length; i++) {
      const c = v[i];
      if (!isPrintable(c) || c === 0xfeff || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put('\\');
        let esc: string | undefined;
        switch (c) {
          case 0x00:
            esc = '0';
            break;
          case 0x07:
            esc = 'a';
            break;
          case 0x08:
            esc = 'b';
            break;
          case 0x09:
            esc = 't';
            break;
          case 0x0a:
            esc = 'n';
            break;
          case 0x0b:
            esc = 'v';
            break;
          case 0x0c:
            esc = 'f';
            break;
          case 0x0d:
            esc = 'r';
            break;
          case 0x1b:
            esc = 'e';
            break;
          case 0x22:
            esc = '"';
            break;
          case 0x5c:
            esc = '\\';
            break;
          case 0x85:
            esc = 'N';
            break;
          case 0xa0:
            esc = '_';
            break;
          case 0x2028:
            esc = 'L';
            break;
          case 0x2029:
            esc = 'P';
            break;
        }
        if (esc !== undefined) {
          this.put(esc);
        } else {
          const [letter, w] = c <= 0xff ? ['x', 2] : c <= 0xffff ? ['u', 4] : ['U', 8];
          this.put(letter);
          const hex = c.toString(16).toUpperCase().padStart(w, '0');
          for (const h of hex) this.put(h);
        }
        spaces = false;
      } else if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > this.opts.width && i > 0 && i < v.length - 1) {
          this.writeIndent();
          if (isSpace(v[i + 1])) this.put('\\');
        } else {
          this.write(c);
        }
        spaces = true;
      } else {
        this.write(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(v: readonly number[]): void {
    this.writeIndicator('|', true, false, false);
    // Block scalar hints: an indentation indicator when the text starts with a space or break,
    // and the chomping indicator ('-' no final break, '+' more than one, none for exactly one).
    if (isSpace(v[0]) || isBreak(v[0])) {
      this.writeIndicator(String(this.opts.indent), false, false, false);
    }
    let chomp = '';
    if (v.length === 0) chomp = '-';
    else {
      const last = v.length - 1;
      if (!isBreak(v[last])) chomp = '-';
      else if (last === 0) chomp = '+';
      else if (isBreak(v[last - 1])) chomp = '+';
    }
    if (chomp !== '') this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of v) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}
