// go-yaml v2's reader and scanner (readerc.go, scannerc.go of gopkg.in/yaml.v2 v2.4.0, the code
// of sigs.k8s.io/yaml v1.4.0's goyaml.v2 fork used by Helm 3.17 and of go.yaml.in/yaml/v2 v2.4.3
// used by Helm 4.1), written in TypeScript: the same token queue, simple-key bookkeeping,
// indentation stack and error texts, so that acceptance and the first error (its problem text and
// mark) are go-yaml's. Marks count characters (`index`, `column`) and lines as go-yaml does;
// `pos` is the byte offset in the input.
//
// The reader is emulated too: go-yaml decodes its input in 512-byte chunks, and an invalid
// UTF-8 sequence or a control character anywhere in a chunk fails as soon as the chunk is read,
// before the scanner reaches it. Inputs without such characters skip the emulation.

import { utf8Encode } from '../../template/value';

export interface Mark {
  /** index counts characters from the start of the input (after a BOM). */
  index: number;
  line: number;
  column: number;
  /** pos is the byte offset in the input. */
  pos: number;
}

export const enum Tok {
  StreamStart = 1,
  StreamEnd,
  VersionDirective,
  TagDirective,
  DocumentStart,
  DocumentEnd,
  BlockSequenceStart,
  BlockMappingStart,
  BlockEnd,
  FlowSequenceStart,
  FlowSequenceEnd,
  FlowMappingStart,
  FlowMappingEnd,
  BlockEntry,
  FlowEntry,
  Key,
  Value,
  Alias,
  Anchor,
  Tag,
  Scalar,
}

export const enum Style {
  Any = 0,
  Plain,
  SingleQuoted,
  DoubleQuoted,
  Literal,
  Folded,
}

export interface Token {
  type: Tok;
  start: Mark;
  end: Mark;
  /** value: scalar text, anchor/alias name, tag handle, %TAG handle. */
  value: string;
  /** suffix: tag suffix; prefix: %TAG prefix. */
  suffix: string;
  prefix: string;
  style: Style;
  major: number;
  minor: number;
}

export type ErrorKind = 'reader' | 'scanner' | 'parser';

/** GoYamlSyntaxError is go-yaml's parser state after a failure (yaml_parser_t's error fields). */
export class GoYamlSyntaxError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly problem: string,
    readonly problemMark: Mark | undefined,
    readonly context: string,
    readonly contextMark: Mark | undefined,
  ) {
    super(problem);
    this.name = 'GoYamlSyntaxError';
  }

  /** goMessage is decode.go's parser.fail() text, without the "yaml: " prefix. */
  goMessage(): string {
    let line = 0;
    if (this.problemMark !== undefined && this.problemMark.line !== 0) {
      line = this.problemMark.line;
      // Scanner errors don't iterate line before returning error (decode.go).
      if (this.kind === 'scanner') line++;
    } else if (this.contextMark !== undefined && this.contextMark.line !== 0) {
      line = this.contextMark.line;
    }
    const msg = this.problem.length > 0 ? this.problem : 'unknown problem parsing YAML content';
    return line !== 0 ? `line ${line}: ${msg}` : msg;
  }

  /** offset is the byte offset the error points at (the problem, else the context). */
  offset(): number {
    return (this.problemMark ?? this.contextMark)?.pos ?? 0;
  }
}

const MAX_FLOW_LEVEL = 10000;
const MAX_INDENTS = 10000;
const RAW_CAP = 512;

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

// Characters go-yaml's reader refuses (besides invalid UTF-8): the quick test for the emulation.
// eslint-disable-next-line no-control-regex
const READER_SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ud800-\udfff\ufeff\ufffe\uffff]/;

const decoder = new TextDecoder('utf-8');

/** encodeInput returns the input bytes (surrogate-escaped bytes as themselves), 8 zero bytes padded. */
function encodeInput(text: string): { bytes: Buffer; length: number; suspect: boolean } {
  const suspect = READER_SUSPECT.test(text);
  const raw: Uint8Array = suspect ? utf8Encode(text) : Buffer.from(text, 'utf8');
  const bytes = Buffer.alloc(raw.length + 8);
  bytes.set(raw);
  return { bytes, length: raw.length, suspect };
}

function width(b: number): number {
  if ((b & 0x80) === 0) return 1;
  if ((b & 0xe0) === 0xc0) return 2;
  if ((b & 0xf0) === 0xe0) return 3;
  if ((b & 0xf8) === 0xf0) return 4;
  return 0;
}

function isAlpha(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function asHex(c: number): number {
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return c - 0x30;
}

/** Scanner is yaml_parser_t's reader and scanner half. */
export class Scanner {
  private readonly b: Buffer;
  private readonly len: number;
  private p = 0;
  // mark
  private index = 0;
  private line = 0;
  private column = 0;

  // reader emulation
  private unread = 0;
  private readonly emulate: boolean;
  private eof = false;
  private inputPos = 0;
  private rawBufStart = 0;
  private rawPos = 0;
  /** bufStart: where go-yaml's decoded buffer starts (is_bom looks there, a go-yaml quirk). */
  private bufStart = 0;

  private streamStartProduced = false;
  private streamEndProduced = false;
  private flowLevel = 0;
  private tokens: Token[] = [];
  private head = 0;
  private tokensParsed = 0;
  private tokenAvailable = false;
  private indent = -1;
  private indents: number[] = [];
  private simpleKeyAllowed = false;
  private simpleKeys: SimpleKey[] = [];
  private simpleKeysByTok = new Map<number, number>();

  constructor(text: string) {
    // decode.go: an empty input is read as a single line break.
    const enc = encodeInput(text.length === 0 ? '\n' : text);
    this.b = enc.bytes;
    this.len = enc.length;
    this.emulate = enc.suspect;
    if (this.emulate) this.determineEncoding();
    else {
      this.unread = Number.POSITIVE_INFINITY;
      if (this.b[0] === 0xef && this.b[1] === 0xbb && this.b[2] === 0xbf) this.p = 3;
    }
  }

  // --- reader -----------------------------------------------------------------------------

  private updateRaw(): void {
    const rawBufPos = this.rawPos - this.rawBufStart;
    const rawLen = this.inputPos - this.rawBufStart;
    if (rawBufPos === 0 && rawLen === RAW_CAP) return;
    if (this.eof) return;
    this.rawBufStart = this.rawPos;
    if (this.inputPos === this.len) {
      this.eof = true;
      return;
    }
    const free = RAW_CAP - (this.inputPos - this.rawPos);
    this.inputPos += Math.min(free, this.len - this.inputPos);
  }

  private determineEncoding(): void {
    while (!this.eof && this.inputPos - this.rawPos < 3) this.updateRaw();
    const b = this.b;
    const at = this.rawPos;
    if (this.inputPos - at >= 3 && b[at] === 0xef && b[at + 1] === 0xbb && b[at + 2] === 0xbf) {
      this.rawPos += 3;
      this.p = 3;
    }
    // UTF-16 inputs (a FF FE or FE FF mark) are read as UTF-8 here: their bytes fail as go-yaml's
    // would only by chance. Helm's inputs are UTF-8.
  }

  private readerError(problem: string): never {
    throw new GoYamlSyntaxError('reader', problem, undefined, '', undefined);
  }

  /** update is yaml_parser_update_buffer(length) (called when unread < length). */
  private update(length: number): void {
    this.bufStart = this.p;
    const b = this.b;
    let first = true;
    while (this.unread < length) {
      if (!first || this.rawPos === this.inputPos) this.updateRaw();
      first = false;
      while (this.rawPos !== this.inputPos) {
        const at = this.rawPos;
        const avail = this.inputPos - at;
        let octet = b[at];
        const w = width(octet);
        if (w === 0) this.readerError('invalid leading UTF-8 octet');
        if (w > avail) {
          if (this.eof) this.readerError('incomplete UTF-8 octet sequence');
          break;
        }
        let value = w === 1 ? octet & 0x7f : w === 2 ? octet & 0x1f : w === 3 ? octet & 0x0f : octet & 0x07;
        for (let k = 1; k < w; k++) {
          octet = b[at + k];
          if ((octet & 0xc0) !== 0x80) this.readerError('invalid trailing UTF-8 octet');
          value = (value << 6) + (octet & 0x3f);
        }
        if (!(w === 1 || (w === 2 && value >= 0x80) || (w === 3 && value >= 0x800) || (w === 4 && value >= 0x10000))) {
          this.readerError('invalid length of a UTF-8 sequence');
        }
        if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) this.readerError('invalid Unicode character');
        if (
          !(
            value === 0x09 ||
            value === 0x0a ||
            value === 0x0d ||
            (value >= 0x20 && value <= 0x7e) ||
            value === 0x85 ||
            (value >= 0xa0 && value <= 0xd7ff) ||
            (value >= 0xe000 && value <= 0xfffd) ||
            (value >= 0x10000 && value <= 0x10ffff)
          )
        ) {
          this.readerError('control characters are not allowed');
        }
        this.rawPos += w;
        this.unread++;
      }
      if (this.eof) {
        this.unread++; // the NUL go-yaml appends at the end of the input
        break;
      }
    }
  }

  private ensure(n: number): void {
    if (this.unread < n) this.update(n);
  }

  // --- character classes at the current position ----------------------------------------

  private at(k = 0): number {
    return this.b[this.p + k];
  }

  private isZ(k = 0): boolean {
    return this.b[this.p + k] === 0;
  }

  private isBreak(k = 0): boolean {
    const b = this.b;
    const i = this.p + k;
    const c = b[i];
    return c === 0x0d || c === 0x0a || (c === 0xc2 && b[i + 1] === 0x85) || (c === 0xe2 && b[i + 1] === 0x80 && (b[i + 2] === 0xa8 || b[i + 2] === 0xa9));
  }

  private isBlank(k = 0): boolean {
    const c = this.b[this.p + k];
    return c === 0x20 || c === 0x09;
  }

  private isBreakZ(k = 0): boolean {
    return this.isBreak(k) || this.b[this.p + k] === 0;
  }

  private isBlankZ(k = 0): boolean {
    return this.isBlank(k) || this.isBreakZ(k);
  }

  private mark(): Mark {
    return { index: this.index, line: this.line, column: this.column, pos: this.p };
  }

  private skip(): void {
    this.index++;
    this.column++;
    this.unread--;
    this.p += width(this.b[this.p]) || 1;
  }

  private skipLine(): void {
    const b = this.b;
    if (b[this.p] === 0x0d && b[this.p + 1] === 0x0a) {
      this.index += 2;
      this.column = 0;
      this.line++;
      this.unread -= 2;
      this.p += 2;
    } else if (this.isBreak()) {
      this.index++;
      this.column = 0;
      this.line++;
      this.unread--;
      this.p += width(b[this.p]) || 1;
    }
  }

  /** readLine is read_line: consumes a line break, returning what go-yaml appends for it. */
  private readLine(): string {
    const b = this.b;
    const i = this.p;
    let s: string;
    if (b[i] === 0x0d && b[i + 1] === 0x0a) {
      s = '\n';
      this.p += 2;
      this.index++;
      this.unread--;
    } else if (b[i] === 0x0d || b[i] === 0x0a) {
      s = '\n';
      this.p += 1;
    } else if (b[i] === 0xc2 && b[i + 1] === 0x85) {
      s = '\n';
      this.p += 2;
    } else if (b[i] === 0xe2 && b[i + 1] === 0x80 && (b[i + 2] === 0xa8 || b[i + 2] === 0xa9)) {
      s = b[i + 2] === 0xa8 ? '\u2028' : '\u2029';
      this.p += 3;
    } else return '';
    this.index++;
    this.column = 0;
    this.line++;
    this.unread--;
    return s;
  }

  /** text decodes input bytes [from, to) (always valid UTF-8 past the reader). */
  private text(from: number, to: number): string {
    return this.b.toString('utf8', from, to);
  }

  private scannerError(context: string, contextMark: Mark, problem: string): never {
    throw new GoYamlSyntaxError('scanner', problem, this.mark(), context, contextMark);
  }

  // --- token queue ------------------------------------------------------------------------

  private insertToken(pos: number, t: Token): void {
    if (pos < 0) this.tokens.push(t);
    else this.tokens.splice(this.head + pos, 0, t);
  }

  private token(type: Tok, start: Mark, end: Mark, value = '', style: Style = Style.Any): Token {
    return { type, start, end, value, suffix: '', prefix: '', style, major: 0, minor: 0 };
  }

  /** peek is yaml_peek_token (throws GoYamlSyntaxError). */
  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[this.head];
  }

  /** skipToken is yaml_skip_token. */
  skipToken(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.streamEndProduced = this.tokens[this.head].type === Tok.StreamEnd;
    this.head++;
    if (this.head > 64 && this.head * 2 > this.tokens.length) {
      this.tokens = this.tokens.slice(this.head);
      this.head = 0;
    }
  }

  get ended(): boolean {
    return this.streamEndProduced;
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.head !== this.tokens.length) {
        const idx = this.simpleKeysByTok.get(this.tokensParsed);
        if (idx === undefined) break;
        if (!this.simpleKeyIsValid(this.simpleKeys[idx])) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    this.ensure(1);
    if (!this.streamStartProduced) {
      this.fetchStreamStart();
      return;
    }
    this.scanToNextToken();
    this.unrollIndent(this.column);
    this.ensure(4);
    if (this.isZ()) {
      this.fetchStreamEnd();
      return;
    }
    const c = this.at();
    if (this.column === 0 && c === 0x25 /* % */) return this.fetchDirective();
    if (this.column === 0 && c === 0x2d && this.at(1) === 0x2d && this.at(2) === 0x2d && this.isBlankZ(3)) {
      return this.fetchDocumentIndicator(Tok.DocumentStart);
    }
    if (this.column === 0 && c === 0x2e && this.at(1) === 0x2e && this.at(2) === 0x2e && this.isBlankZ(3)) {
      return this.fetchDocumentIndicator(Tok.DocumentEnd);
    }
    switch (c) {
      case 0x5b: // [
        return this.fetchFlowCollectionStart(Tok.FlowSequenceStart);
      case 0x7b: // {
        return this.fetchFlowCollectionStart(Tok.FlowMappingStart);
      case 0x5d: // ]
        return this.fetchFlowCollectionEnd(Tok.FlowSequenceEnd);
      case 0x7d: // }
        return this.fetchFlowCollectionEnd(Tok.FlowMappingEnd);
      case 0x2c: // ,
        return this.fetchFlowEntry();
    }
    if (c === 0x2d && this.isBlankZ(1)) return this.fetchBlockEntry();
    if (c === 0x3f && (this.flowLevel > 0 || this.isBlankZ(1))) return this.fetchKey();
    if (c === 0x3a && (this.flowLevel > 0 || this.isBlankZ(1))) return this.fetchValue();
    if (c === 0x2a) return this.fetchAnchor(Tok.Alias);
    if (c === 0x26) return this.fetchAnchor(Tok.Anchor);
    if (c === 0x21) return this.fetchTag();
    if (c === 0x7c && this.flowLevel === 0) return this.fetchBlockScalar(true);
    if (c === 0x3e && this.flowLevel === 0) return this.fetchBlockScalar(false);
    if (c === 0x27) return this.fetchFlowScalar(true);
    if (c === 0x22) return this.fetchFlowScalar(false);
    if (
      !(this.isBlankZ() || '-?:,[]{}#&*!|>\'"%@`'.includes(String.fromCharCode(c))) ||
      (c === 0x2d && !this.isBlank(1)) ||
      (this.flowLevel === 0 && (c === 0x3f || c === 0x3a) && !this.isBlankZ(1))
    ) {
      return this.fetchPlainScalar();
    }
    this.scannerError('while scanning for the next token', this.mark(), 'found character that cannot start any token');
  }

  private simpleKeyIsValid(k: SimpleKey): boolean {
    if (!k.possible) return false;
    if (k.mark.line < this.line || k.mark.index + 1024 < this.index) {
      if (k.required) this.scannerError('while scanning a simple key', k.mark, "could not find expected ':'");
      k.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.column;
    if (this.simpleKeyAllowed) {
      const key: SimpleKey = { possible: true, required, tokenNumber: this.tokensParsed + (this.tokens.length - this.head), mark: this.mark() };
      this.removeSimpleKey();
      this.simpleKeys[this.simpleKeys.length - 1] = key;
      this.simpleKeysByTok.set(key.tokenNumber, this.simpleKeys.length - 1);
    }
  }

  private removeSimpleKey(): void {
    const i = this.simpleKeys.length - 1;
    const k = this.simpleKeys[i];
    if (k.possible) {
      if (k.required) this.scannerError('while scanning a simple key', k.mark, "could not find expected ':'");
      k.possible = false;
      this.simpleKeysByTok.delete(k.tokenNumber);
    }
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: this.tokensParsed + (this.tokens.length - this.head), mark: this.mark() });
    this.flowLevel++;
    if (this.flowLevel > MAX_FLOW_LEVEL) {
      this.scannerError('while increasing flow level', this.simpleKeys[this.simpleKeys.length - 1].mark, `exceeded max depth of ${MAX_FLOW_LEVEL}`);
    }
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const last = this.simpleKeys.length - 1;
      this.simpleKeysByTok.delete(this.simpleKeys[last].tokenNumber);
      this.simpleKeys.pop();
    }
  }

  private rollIndent(column: number, number: number, type: Tok, mark: Mark): void {
    if (this.flowLevel > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > MAX_INDENTS) {
        this.scannerError('while increasing indent level', this.simpleKeys[this.simpleKeys.length - 1].mark, `exceeded max depth of ${MAX_INDENTS}`);
      }
      const t = this.token(type, mark, mark);
      this.insertToken(number > -1 ? number - this.tokensParsed : number, t);
    }
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      const m = this.mark();
      this.insertToken(-1, this.token(Tok.BlockEnd, m, m));
      this.indent = this.indents.pop() as number;
    }
  }

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: this.mark() });
    this.simpleKeysByTok = new Map();
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    const m = this.mark();
    this.insertToken(-1, this.token(Tok.StreamStart, m, m));
  }

  private fetchStreamEnd(): void {
    if (this.column !== 0) {
      this.column = 0;
      this.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const m = this.mark();
    this.insertToken(-1, this.token(Tok.StreamEnd, m, m));
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: Tok): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.skip();
    this.skip();
    this.skip();
    this.insertToken(-1, this.token(type, start, this.mark()));
  }

  private fetchFlowCollectionStart(type: Tok): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, this.token(type, start, this.mark()));
  }

  private fetchFlowCollectionEnd(type: Tok): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, this.token(type, start, this.mark()));
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, this.token(Tok.FlowEntry, start, this.mark()));
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.scannerError('', this.mark(), 'block sequence entries are not allowed in this context');
      this.rollIndent(this.column, -1, Tok.BlockSequenceStart, this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, this.token(Tok.BlockEntry, start, this.mark()));
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.scannerError('', this.mark(), 'mapping keys are not allowed in this context');
      this.rollIndent(this.column, -1, Tok.BlockMappingStart, this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, this.token(Tok.Key, start, this.mark()));
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (this.simpleKeyIsValid(key)) {
      this.insertToken(key.tokenNumber - this.tokensParsed, this.token(Tok.Key, key.mark, key.mark));
      this.rollIndent(key.mark.column, key.tokenNumber, Tok.BlockMappingStart, key.mark);
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.scannerError('', this.mark(), 'mapping values are not allowed in this context');
        this.rollIndent(this.column, -1, Tok.BlockMappingStart, this.mark());
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    const start = this.mark();
    this.skip();
    this.insertToken(-1, this.token(Tok.Value, start, this.mark()));
  }

  private fetchAnchor(type: Tok): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanAnchor(type));
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanTag());
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insertToken(-1, this.scanBlockScalar(literal));
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanFlowScalar(single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanPlainScalar());
  }

  private isBomAtBufferStart(): boolean {
    // is_bom looks at the start of go-yaml's decoded buffer, not at the current position.
    const s = this.emulate ? this.bufStart : this.p;
    return this.b[s] === 0xef && this.b[s + 1] === 0xbb && this.b[s + 2] === 0xbf;
  }

  private scanToNextToken(): void {
    for (;;) {
      this.ensure(1);
      if (this.column === 0 && this.isBomAtBufferStart()) this.skip();
      this.ensure(1);
      while (this.at() === 0x20 || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.at() === 0x09)) {
        this.skip();
        this.ensure(1);
      }
      if (this.at() === 0x23) {
        while (!this.isBreakZ()) {
          this.skip();
          this.ensure(1);
        }
      }
      if (this.isBreak()) {
        this.ensure(2);
        this.skipLine();
        if (this.flowLevel === 0) this.simpleKeyAllowed = true;
      } else break;
    }
  }

  private skipBlanksAndComment(): void {
    this.ensure(1);
    while (this.isBlank()) {
      this.skip();
      this.ensure(1);
    }
    if (this.at() === 0x23) {
      while (!this.isBreakZ()) {
        this.skip();
        this.ensure(1);
      }
    }
  }

  private scanDirective(): Token {
    const start = this.mark();
    this.skip();
    const name = this.scanDirectiveName(start);
    let t: Token;
    if (name === 'YAML') {
      const [major, minor] = this.scanVersionDirectiveValue(start);
      t = this.token(Tok.VersionDirective, start, this.mark());
      t.major = major;
      t.minor = minor;
    } else if (name === 'TAG') {
      const [handle, prefix] = this.scanTagDirectiveValue(start);
      t = this.token(Tok.TagDirective, start, this.mark(), handle);
      t.prefix = prefix;
    } else {
      this.scannerError('while scanning a directive', start, 'found unknown directive name');
    }
    this.skipBlanksAndComment();
    if (!this.isBreakZ()) this.scannerError('while scanning a directive', start, 'did not find expected comment or line break');
    if (this.isBreak()) {
      this.ensure(2);
      this.skipLine();
    }
    return t;
  }

  private scanDirectiveName(start: Mark): string {
    this.ensure(1);
    const from = this.p;
    while (isAlpha(this.at())) {
      this.skip();
      this.ensure(1);
    }
    if (this.p === from) this.scannerError('while scanning a directive', start, 'could not find expected directive name');
    if (!this.isBlankZ()) this.scannerError('while scanning a directive', start, 'found unexpected non-alphabetical character');
    return this.text(from, this.p);
  }

  private scanVersionDirectiveValue(start: Mark): [number, number] {
    this.ensure(1);
    while (this.isBlank()) {
      this.skip();
      this.ensure(1);
    }
    const major = this.scanVersionDirectiveNumber(start);
    if (this.at() !== 0x2e) this.scannerError('while scanning a %YAML directive', start, "did not find expected digit or '.' character");
    this.skip();
    const minor = this.scanVersionDirectiveNumber(start);
    return [major, minor];
  }

  private scanVersionDirectiveNumber(start: Mark): number {
    this.ensure(1);
    let value = 0;
    let length = 0;
    while (isDigit(this.at())) {
      length++;
      if (length > 2) this.scannerError('while scanning a %YAML directive', start, 'found extremely long version number');
      value = value * 10 + (this.at() - 0x30);
      this.skip();
      this.ensure(1);
    }
    if (length === 0) this.scannerError('while scanning a %YAML directive', start, 'did not find expected version number');
    return value;
  }

  private scanTagDirectiveValue(start: Mark): [string, string] {
    this.ensure(1);
    while (this.isBlank()) {
      this.skip();
      this.ensure(1);
    }
    const handle = this.scanTagHandle(true, start);
    this.ensure(1);
    if (!this.isBlank()) this.scannerError('while scanning a %TAG directive', start, 'did not find expected whitespace');
    while (this.isBlank()) {
      this.skip();
      this.ensure(1);
    }
    const prefix = this.scanTagUri(true, '', start);
    this.ensure(1);
    if (!this.isBlankZ()) this.scannerError('while scanning a %TAG directive', start, 'did not find expected whitespace or line break');
    return [handle, prefix];
  }

  private scanAnchor(type: Tok): Token {
    const start = this.mark();
    this.skip();
    this.ensure(1);
    const from = this.p;
    while (isAlpha(this.at())) {
      this.skip();
      this.ensure(1);
    }
    const end = this.mark();
    const c = this.at();
    if (this.p === from || !(this.isBlankZ() || c === 0x3f || c === 0x3a || c === 0x2c || c === 0x5d || c === 0x7d || c === 0x25 || c === 0x40 || c === 0x60)) {
      this.scannerError(type === Tok.Anchor ? 'while scanning an anchor' : 'while scanning an alias', start, 'did not find expected alphabetic or numeric character');
    }
    return this.token(type, start, end, this.text(from, this.p));
  }

  private scanTag(): Token {
    const start = this.mark();
    this.ensure(2);
    let handle: string;
    let suffix: string;
    if (this.at(1) === 0x3c /* < */) {
      handle = '';
      this.skip();
      this.skip();
      suffix = this.scanTagUri(false, '', start);
      if (this.at() !== 0x3e) this.scannerError('while scanning a tag', start, "did not find the expected '>'");
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.length > 1 && handle[0] === '!' && handle[handle.length - 1] === '!') {
        suffix = this.scanTagUri(false, '', start);
      } else {
        suffix = this.scanTagUri(false, handle, start);
        handle = '!';
        if (suffix.length === 0) {
          handle = '';
          suffix = '!';
        }
      }
    }
    this.ensure(1);
    if (!this.isBlankZ()) this.scannerError('while scanning a tag', start, 'did not find expected whitespace or line break');
    const t = this.token(Tok.Tag, start, this.mark(), handle);
    t.suffix = suffix;
    return t;
  }

  private tagError(directive: boolean, start: Mark, problem: string): never {
    this.scannerError(directive ? 'while parsing a %TAG directive' : 'while parsing a tag', start, problem);
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    this.ensure(1);
    if (this.at() !== 0x21) this.tagError(directive, start, "did not find expected '!'");
    const from = this.p;
    this.skip();
    this.ensure(1);
    while (isAlpha(this.at())) {
      this.skip();
      this.ensure(1);
    }
    if (this.at() === 0x21) this.skip();
    else if (directive && this.p - from !== 1) this.tagError(directive, start, "did not find expected '!'");
    return this.text(from, this.p);
  }

  private scanTagUri(directive: boolean, head: string, start: Mark): string {
    let s = head.length > 1 ? head.slice(1) : '';
    let hasTag = head.length > 0;
    this.ensure(1);
    for (;;) {
      const c = this.at();
      if (!(isAlpha(c) || ";/?:@&=+$,.!~*'()[]%".includes(String.fromCharCode(c)) && c !== 0)) break;
      if (c === 0x25) s += this.scanUriEscapes(directive, start);
      else {
        const from = this.p;
        this.skip();
        s += this.text(from, this.p);
      }
      this.ensure(1);
      hasTag = true;
    }
    if (!hasTag) this.tagError(directive, start, 'did not find expected tag URI');
    return s;
  }

  private scanUriEscapes(directive: boolean, start: Mark): string {
    const bytes: number[] = [];
    let w = 1024;
    while (w > 0) {
      this.ensure(3);
      if (!(this.at() === 0x25 && isHex(this.at(1)) && isHex(this.at(2)))) this.tagError(directive, start, 'did not find URI escaped octet');
      const octet = (asHex(this.at(1)) << 4) + asHex(this.at(2));
      if (w === 1024) {
        w = width(octet);
        if (w === 0) this.tagError(directive, start, 'found an incorrect leading UTF-8 octet');
      } else if ((octet & 0xc0) !== 0x80) this.tagError(directive, start, 'found an incorrect trailing UTF-8 octet');
      bytes.push(octet);
      this.skip();
      this.skip();
      this.skip();
      w--;
    }
    return decoder.decode(Uint8Array.from(bytes));
  }

  private scanBlockScalar(literal: boolean): Token {
    const start = this.mark();
    this.skip();
    this.ensure(1);
    let chomping = 0;
    let increment = 0;
    if (this.at() === 0x2b || this.at() === 0x2d) {
      chomping = this.at() === 0x2b ? 1 : -1;
      this.skip();
      this.ensure(1);
      if (isDigit(this.at())) {
        if (this.at() === 0x30) this.scannerError('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
        increment = this.at() - 0x30;
        this.skip();
      }
    } else if (isDigit(this.at())) {
      if (this.at() === 0x30) this.scannerError('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
      increment = this.at() - 0x30;
      this.skip();
      this.ensure(1);
      if (this.at() === 0x2b || this.at() === 0x2d) {
        chomping = this.at() === 0x2b ? 1 : -1;
        this.skip();
      }
    }
    this.skipBlanksAndComment();
    if (!this.isBreakZ()) this.scannerError('while scanning a block scalar', start, 'did not find expected comment or line break');
    if (this.isBreak()) {
      this.ensure(2);
      this.skipLine();
    }
    const endRef = { mark: this.mark() };
    let indent = 0;
    if (increment > 0) indent = this.indent >= 0 ? this.indent + increment : increment;
    let s = '';
    let leadingBreak = '';
    const brk = { breaks: '' };
    indent = this.scanBlockScalarBreaks(indent, brk, start, endRef);
    this.ensure(1);
    let leadingBlank = false;
    let trailingBlank = false;
    while (this.column === indent && !this.isZ()) {
      trailingBlank = this.isBlank();
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.length > 0 && leadingBreak[0] === '\n') {
        if (brk.breaks.length === 0) s += ' ';
      } else s += leadingBreak;
      leadingBreak = '';
      s += brk.breaks;
      brk.breaks = '';
      leadingBlank = this.isBlank();
      const from = this.p;
      while (!this.isBreakZ()) {
        this.skip();
        this.ensure(1);
      }
      s += this.text(from, this.p);
      this.ensure(2);
      leadingBreak = this.readLine();
      indent = this.scanBlockScalarBreaks(indent, brk, start, endRef);
    }
    if (chomping !== -1) s += leadingBreak;
    if (chomping === 1) s += brk.breaks;
    return this.token(Tok.Scalar, start, endRef.mark, s, literal ? Style.Literal : Style.Folded);
  }

  private scanBlockScalarBreaks(indent: number, brk: { breaks: string }, start: Mark, endRef: { mark: Mark }): number {
    endRef.mark = this.mark();
    let maxIndent = 0;
    for (;;) {
      this.ensure(1);
      while ((indent === 0 || this.column < indent) && this.at() === 0x20) {
        this.skip();
        this.ensure(1);
      }
      if (this.column > maxIndent) maxIndent = this.column;
      if ((indent === 0 || this.column < indent) && this.at() === 0x09) {
        this.scannerError('while scanning a block scalar', start, 'found a tab character where an indentation space is expected');
      }
      if (!this.isBreak()) break;
      this.ensure(2);
      brk.breaks += this.readLine();
      endRef.mark = this.mark();
    }
    if (indent === 0) {
      indent = maxIndent;
      if (indent < this.indent + 1) indent = this.indent + 1;
      if (indent < 1) indent = 1;
    }
    return indent;
  }

  private isDocumentIndicator(): boolean {
    const c = this.at();
    return this.column === 0 && (c === 0x2d || c === 0x2e) && this.at(1) === c && this.at(2) === c && this.isBlankZ(3);
  }

  private scanFlowScalar(single: boolean): Token {
    const start = this.mark();
    this.skip();
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    for (;;) {
      this.ensure(4);
      if (this.isDocumentIndicator()) this.scannerError('while scanning a quoted scalar', start, 'found unexpected document indicator');
      if (this.isZ()) this.scannerError('while scanning a quoted scalar', start, 'found unexpected end of stream');
      let leadingBlanks = false;
      let run = this.p;
      while (!this.isBlankZ()) {
        const c = this.at();
        if (single && c === 0x27 && this.at(1) === 0x27) {
          s += this.text(run, this.p) + "'";
          this.skip();
          this.skip();
          run = this.p;
        } else if (single && c === 0x27) break;
        else if (!single && c === 0x22) break;
        else if (!single && c === 0x5c && this.isBreak(1)) {
          s += this.text(run, this.p);
          this.ensure(3);
          this.skip();
          this.skipLine();
          leadingBlanks = true;
          run = this.p;
          break;
        } else if (!single && c === 0x5c) {
          s += this.text(run, this.p);
          let codeLength = 0;
          switch (this.at(1)) {
            case 0x30: s += '\0'; break;
            case 0x61: s += '\x07'; break;
            case 0x62: s += '\b'; break;
            case 0x74: case 0x09: s += '\t'; break;
            case 0x6e: s += '\n'; break;
            case 0x76: s += '\v'; break;
            case 0x66: s += '\f'; break;
            case 0x72: s += '\r'; break;
            case 0x65: s += '\x1b'; break;
            case 0x20: s += ' '; break;
            case 0x22: s += '"'; break;
            case 0x27: s += "'"; break;
            case 0x5c: s += '\\'; break;
            case 0x4e: s += '\u0085'; break;
            case 0x5f: s += '\u00a0'; break;
            case 0x4c: s += '\u2028'; break;
            case 0x50: s += '\u2029'; break;
            case 0x78: codeLength = 2; break;
            case 0x75: codeLength = 4; break;
            case 0x55: codeLength = 8; break;
            default:
              this.scannerError('while parsing a quoted scalar', start, 'found unknown escape character');
          }
          this.skip();
          this.skip();
          if (codeLength > 0) {
            this.ensure(codeLength);
            let value = 0;
            for (let k = 0; k < codeLength; k++) {
              if (!isHex(this.at(k))) this.scannerError('while parsing a quoted scalar', start, 'did not find expected hexdecimal number');
              value = value * 16 + asHex(this.at(k));
            }
            if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
              this.scannerError('while parsing a quoted scalar', start, 'found invalid Unicode character escape code');
            }
            s += String.fromCodePoint(value);
            for (let k = 0; k < codeLength; k++) this.skip();
          }
          run = this.p;
        } else this.skip();
        this.ensure(2);
      }
      s += this.text(run, this.p);
      this.ensure(1);
      if (this.at() === (single ? 0x27 : 0x22)) break;
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (!leadingBlanks) whitespaces += String.fromCharCode(this.at());
          this.skip();
        } else {
          this.ensure(2);
          if (!leadingBlanks) {
            whitespaces = '';
            leadingBreak = this.readLine();
            leadingBlanks = true;
          } else trailingBreaks += this.readLine();
        }
        this.ensure(1);
      }
      if (leadingBlanks) {
        if (leadingBreak.length > 0 && leadingBreak[0] === '\n') s += trailingBreaks.length === 0 ? ' ' : trailingBreaks;
        else s += leadingBreak + trailingBreaks;
        trailingBreaks = '';
        leadingBreak = '';
      } else {
        s += whitespaces;
        whitespaces = '';
      }
    }
    this.skip();
    return this.token(Tok.Scalar, start, this.mark(), s, single ? Style.SingleQuoted : Style.DoubleQuoted);
  }

  private scanPlainScalar(): Token {
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    let leadingBlanks = false;
    const indent = this.indent + 1;
    const start = this.mark();
    let end = this.mark();
    for (;;) {
      this.ensure(4);
      if (this.isDocumentIndicator()) break;
      if (this.at() === 0x23) break;
      let run = -1;
      while (!this.isBlankZ()) {
        const c = this.at();
        if ((c === 0x3a && this.isBlankZ(1)) || (this.flowLevel > 0 && (c === 0x2c || c === 0x3f || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d))) break;
        if (leadingBlanks || whitespaces.length > 0) {
          if (leadingBlanks) {
            if (leadingBreak[0] === '\n') s += trailingBreaks.length === 0 ? ' ' : trailingBreaks;
            else s += leadingBreak + trailingBreaks;
            trailingBreaks = '';
            leadingBreak = '';
            leadingBlanks = false;
          } else {
            s += whitespaces;
            whitespaces = '';
          }
        }
        if (run < 0) run = this.p;
        this.skip();
        this.ensure(2);
      }
      if (run >= 0) {
        s += this.text(run, this.p);
        end = this.mark();
      }
      if (!(this.isBlank() || this.isBreak())) break;
      this.ensure(1);
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (leadingBlanks && this.column < indent && this.at() === 0x09) {
            this.scannerError('while scanning a plain scalar', start, 'found a tab character that violates indentation');
          }
          if (!leadingBlanks) whitespaces += String.fromCharCode(this.at());
          this.skip();
        } else {
          this.ensure(2);
          if (!leadingBlanks) {
            whitespaces = '';
            leadingBreak = this.readLine();
            leadingBlanks = true;
          } else trailingBreaks += this.readLine();
        }
        this.ensure(1);
      }
      if (this.flowLevel === 0 && this.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return this.token(Tok.Scalar, start, end, s, Style.Plain);
  }
}
