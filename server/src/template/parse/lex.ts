// Lexer of Go's text/template (parse/lex.go, Go 1.25), as a hand-written state machine over char codes.
// The common tokens inside actions (spaces, words, fields, variables, strings, decimal numbers,
// pipes, parens, delimiters) are scanned by `fastTokens` with sticky regular expressions, which run
// as native code even before V8 optimises the lexer (a CLI run lexes every file once, cold); any
// other token, error or editor heuristic goes through the state machine, which the fast path
// matches token for token (test/template/lex-differential.test.ts).
//
// Tokens carry UTF-16 offsets (`pos`/`end`) and Go's 1-based start line. The lexer runs eagerly and returns
// all items; in strict mode it stops after the first error item exactly like Go (the parser never looks further),
// in resilient mode (editor) it reports the error and resynchronises so later actions still produce tokens.

import { formatRuneU, goQuote, isPrint } from './literals';

/** ItemType enumerates Go's itemType values (same order: keywords sort after `Keyword`). */
export const ItemType = {
  Error: 0,
  Bool: 1,
  Char: 2,
  CharConstant: 3,
  Comment: 4,
  Complex: 5,
  Assign: 6,
  Declare: 7,
  EOF: 8,
  Field: 9,
  Identifier: 10,
  LeftDelim: 11,
  LeftParen: 12,
  Number: 13,
  Pipe: 14,
  RawString: 15,
  RightDelim: 16,
  RightParen: 17,
  Space: 18,
  String: 19,
  Text: 20,
  Variable: 21,
  Keyword: 22,
  Block: 23,
  Break: 24,
  Continue: 25,
  Dot: 26,
  Define: 27,
  Else: 28,
  End: 29,
  If: 30,
  Nil: 31,
  Range: 32,
  Template: 33,
  With: 34,
} as const;

/** ItemType is the numeric kind of a lexed item. */
export type ItemType = (typeof ItemType)[keyof typeof ItemType];

/** itemTypeName gives the names Go's lex_test.go uses for item types (for tests and debugging). */
export const itemTypeName: Readonly<Record<ItemType, string>> = {
  0: 'error', 1: 'bool', 2: 'char', 3: 'charconst', 4: 'comment', 5: 'complex', 6: '=', 7: ':=', 8: 'EOF',
  9: 'field', 10: 'identifier', 11: 'left delim', 12: '(', 13: 'number', 14: 'pipe', 15: 'raw string',
  16: 'right delim', 17: ')', 18: 'space', 19: 'string', 20: 'text', 21: 'variable', 22: 'keyword',
  23: 'block', 24: 'break', 25: 'continue', 26: '.', 27: 'define', 28: 'else', 29: 'end', 30: 'if',
  31: 'nil', 32: 'range', 33: 'template', 34: 'with',
};

/** Item is one token: its type, UTF-16 range in the source, text (error message for errors) and start line. */
export interface Item {
  readonly type: ItemType;
  readonly pos: number;
  readonly end: number;
  readonly val: string;
  readonly line: number;
}

/** LexOptions mirror Go's lexOptions plus the editor's resilient mode. */
export interface LexOptions {
  /** Emit Comment items (Go's ParseComments mode). Default true. */
  emitComment?: boolean;
  /** `break` is a keyword (false when a function named "break" exists). Default true. */
  breakOK?: boolean;
  /** `continue` is a keyword. Default true. */
  continueOK?: boolean;
  /** Keep lexing after errors (editor mode). Default false. */
  resilient?: boolean;
}

/** LexResult holds the items and whether an action was still open when lexing stopped (for Go's after-error items). */
export interface LexResult {
  readonly items: Item[];
  readonly insideActionAtEnd: boolean;
}

const keywords: ReadonlyMap<string, ItemType> = new Map<string, ItemType>([
  ['.', ItemType.Dot],
  ['block', ItemType.Block],
  ['break', ItemType.Break],
  ['continue', ItemType.Continue],
  ['define', ItemType.Define],
  ['else', ItemType.Else],
  ['end', ItemType.End],
  ['if', ItemType.If],
  ['range', ItemType.Range],
  ['nil', ItemType.Nil],
  ['template', ItemType.Template],
  ['with', ItemType.With],
]);

const EOF = -1;
const C_LBRACE = 0x7b;
const C_RBRACE = 0x7d;
const C_DASH = 0x2d;
const C_SLASH = 0x2f;
const C_STAR = 0x2a;

/** isSpace is Go's lexer isSpace: space, tab, CR, LF (newlines are allowed inside actions since Go 1.16). */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

const letterRe = /^[\p{L}\p{Nd}]$/u;

/** isAlphaNumeric is Go's: '_' or unicode.IsLetter or unicode.IsDigit (Nd). */
export function isAlphaNumeric(c: number): boolean {
  if (c < 0x80) {
    return c === 0x5f || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  }
  return c >= 0 && letterRe.test(String.fromCodePoint(c));
}

// Sticky scanners of the fast path (lastIndex set before each use). ASCII only: a word that
// meets a non-ASCII character is left to the state machine (Unicode letters, bad characters).
const SPACES = /[ \t\r\n]*/y;
const NO_NEWLINE = /[ \t\r]*/y;
const WORD = /[A-Za-z0-9_]*/y;
const DIGITS = /[0-9]*/y;
// The rest of a quoted string after its opening quote, closing quote included.
const QUOTED = /(?:[^"\\\n]|\\[^\n])*"/y;

/**
 * CLASS sorts ASCII characters for the fast path: which token a character starts inside an action,
 * and which characters end a word (Go's atTerminator, besides EOF and `}}`).
 */
const enum C {
  Other = 0,
  Space = 1,
  Letter = 2, // letters and '_': an identifier or keyword
  Digit = 3,
  Dot = 4,
  Dollar = 5,
  Quote = 6,
  Pipe = 7,
  LParen = 8,
  RParen = 9,
  Comma = 10,
  Colon = 11,
  RBrace = 12,
  Equals = 13,
}

const CLASS = new Uint8Array(128);
for (const [chars, c] of [
  [' \t\r\n', C.Space],
  ['abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_', C.Letter],
  ['0123456789', C.Digit],
  ['.', C.Dot],
  ['$', C.Dollar],
  ['"', C.Quote],
  ['|', C.Pipe],
  ['(', C.LParen],
  [')', C.RParen],
  [',', C.Comma],
  [':', C.Colon],
  ['}', C.RBrace],
  ['=', C.Equals],
] as const) {
  for (let i = 0; i < chars.length; i++) CLASS[chars.charCodeAt(i)] = c;
}

/** ENDS_WORD: after a word, these characters are Go's terminators (atTerminator). */
const ENDS_WORD = new Uint8Array(128);
for (const ch of ' \t\r\n.,|:)(') ENDS_WORD[ch.charCodeAt(0)] = 1;

/** ENDS_NUMBER: after a decimal digit run, these end a number token as scanNumber would end it. */
const ENDS_NUMBER = new Uint8Array(128);
for (const ch of ' \t\r\n|)(,:}') ENDS_NUMBER[ch.charCodeAt(0)] = 1;

/** lex tokenises a template source (Go's `lex` + repeated `nextItem`). */
export function lex(name: string, text: string, options: LexOptions = {}): LexResult {
  const l = new Lexer(name, text, options);
  l.run();
  return { items: l.items, insideActionAtEnd: l.insideAction };
}

class Lexer {
  readonly items: Item[] = [];
  pos = 0;
  start = 0;
  /** width of the last rune read by next() (0 at EOF), for backup(). */
  width = 0;
  parenDepth = 0;
  insideAction = false;
  done = false;
  /** line number of positions up to nextNewline (inclusive) */
  private lineNo = 1;
  private nextNewline: number;
  private readonly emitComment: boolean;
  private readonly breakOK: boolean;
  private readonly continueOK: boolean;
  private readonly resilient: boolean;
  private readonly len: number;

  constructor(
    readonly name: string,
    readonly input: string,
    options: LexOptions,
  ) {
    this.len = input.length;
    const nl = input.indexOf('\n');
    this.nextNewline = nl < 0 ? this.len : nl;
    this.emitComment = options.emitComment ?? true;
    this.breakOK = options.breakOK ?? true;
    this.continueOK = options.continueOK ?? true;
    this.resilient = options.resilient ?? false;
  }

  run(): void {
    while (!this.done) {
      if (!this.insideAction) this.lexText();
      else if (!this.fastTokens()) this.lexInsideAction();
    }
  }

  /**
   * fastTokens lexes the common tokens of an action from `pos` (= `start`) until the action ends
   * (true) or a token it does not handle comes (false, with `pos` and `start` at that token, for
   * lexInsideAction). Each case emits exactly what the state machine emits for the same input.
   */
  private fastTokens(): boolean {
    const s = this.input;
    const len = this.len;
    const items = this.items;
    let p = this.pos;
    scan: for (;;) {
      if (p >= len) break;
      const c = s.charCodeAt(p);
      if (c >= 0x80) break;
      let type: ItemType;
      let e = p + 1;
      switch (CLASS[c]) {
        case C.Space: {
          const d = s.charCodeAt(e);
          if (d === 0x20 || d === 0x09 || d === 0x0d || d === 0x0a) {
            SPACES.lastIndex = e;
            SPACES.test(s);
            e = SPACES.lastIndex;
          }
          // ` -}}`: the state machine's lexSpace; at the action's start, its atRightDelim.
          if (s.charCodeAt(e) === C_DASH && s.charCodeAt(e + 1) === C_RBRACE && s.charCodeAt(e + 2) === C_RBRACE) {
            if (this.parenDepth !== 0) break scan;
            if (e - p > 1) this.fastEmit(ItemType.Space, p, e - 1);
            this.fastEmit(ItemType.RightDelim, e + 1, e + 3);
            this.pos = this.start = this.leftTrimEnd(e + 3);
            this.insideAction = false;
            return true;
          }
          // The editor's heuristic for an action continued past a newline.
          if (this.resilient) {
            NO_NEWLINE.lastIndex = p;
            NO_NEWLINE.test(s);
            if (NO_NEWLINE.lastIndex < e) break scan;
          }
          type = ItemType.Space;
          break;
        }
        case C.RBrace:
          if (s.charCodeAt(e) !== C_RBRACE || this.parenDepth !== 0) break scan;
          this.fastEmit(ItemType.RightDelim, p, p + 2);
          this.pos = this.start = p + 2;
          this.insideAction = false;
          return true;
        case C.Letter: {
          e = this.wordEnd(e);
          if (e < 0) break scan;
          const word = s.slice(p, e);
          type = ItemType.Identifier;
          const kw = keywords.get(word);
          if (kw !== undefined) {
            if (!((kw === ItemType.Break && !this.breakOK) || (kw === ItemType.Continue && !this.continueOK))) type = kw;
          } else if (word === 'true' || word === 'false') {
            type = ItemType.Bool;
          }
          items.push({ type, pos: p, end: e, val: word, line: p <= this.nextNewline ? this.lineNo : this.lineAt(p) });
          p = e;
          continue;
        }
        case C.Dot:
        case C.Dollar: {
          const d = s.charCodeAt(e);
          // `.5` (and `.` at the end of the input) lex as numbers; `.` or `$` alone is the dot or
          // the root variable.
          if (c === 0x2e && (e >= len || (d >= 0x30 && d <= 0x39))) break scan;
          e = this.wordEnd(e);
          if (e < 0) break scan;
          type = c === 0x24 ? ItemType.Variable : e === p + 1 ? ItemType.Dot : ItemType.Field;
          break;
        }
        case C.Quote:
          QUOTED.lastIndex = e;
          if (!QUOTED.test(s)) break scan;
          e = QUOTED.lastIndex;
          type = ItemType.String;
          break;
        case C.Digit: {
          DIGITS.lastIndex = e;
          DIGITS.test(s);
          e = DIGITS.lastIndex;
          const d = s.charCodeAt(e);
          if (e < len && (d >= 0x80 || ENDS_NUMBER[d] === 0)) break scan;
          type = ItemType.Number;
          break;
        }
        case C.Pipe:
          type = ItemType.Pipe;
          break;
        case C.LParen:
          this.parenDepth++;
          type = ItemType.LeftParen;
          break;
        case C.RParen:
          if (this.parenDepth === 0) break scan;
          this.parenDepth--;
          type = ItemType.RightParen;
          break;
        case C.Comma:
          type = ItemType.Char;
          break;
        case C.Equals:
          type = ItemType.Assign;
          break;
        case C.Colon:
          if (s.charCodeAt(e) !== 0x3d) break scan;
          e++;
          type = ItemType.Declare;
          break;
        default:
          break scan;
      }
      items.push({ type, pos: p, end: e, val: s.slice(p, e), line: p <= this.nextNewline ? this.lineNo : this.lineAt(p) });
      p = e;
    }
    this.pos = this.start = p;
    return false;
  }

  /**
   * wordEnd is the end of the ASCII word from `from` when a terminator (atTerminator) follows it,
   * else -1 (a non-ASCII character or a bad character: the state machine decides).
   */
  private wordEnd(from: number): number {
    const s = this.input;
    WORD.lastIndex = from;
    WORD.test(s);
    const e = WORD.lastIndex;
    if (e >= this.len) return e;
    const c = s.charCodeAt(e);
    if (c < 0x80 && ENDS_WORD[c] === 1) return e;
    return c === C_RBRACE && s.charCodeAt(e + 1) === C_RBRACE ? e : -1;
  }

  private fastEmit(type: ItemType, pos: number, end: number): void {
    this.items.push({ type, pos, end, val: this.input.slice(pos, end), line: this.lineAt(pos) });
  }

  /** lineAt counts newlines before pos; items come in source order, so a cursor (and the next newline) only move forward. */
  private lineAt(pos: number): number {
    if (pos <= this.nextNewline) return this.lineNo;
    const s = this.input;
    let n = this.lineNo;
    let j = this.nextNewline;
    while (j >= 0 && j < pos) {
      n++;
      j = s.indexOf('\n', j + 1);
    }
    this.lineNo = n;
    this.nextNewline = j < 0 ? this.len : j;
    return n;
  }

  private emitRange(type: ItemType, start: number, end: number): void {
    this.items.push({ type, pos: start, end, val: this.input.slice(start, end), line: this.lineAt(start) });
  }

  private emit(type: ItemType): void {
    this.emitRange(type, this.start, this.pos);
    this.start = this.pos;
  }

  /** errorf emits an error item starting at the current item start. Strict mode stops lexing (Go truncates the input). */
  private errorf(msg: string, resumeAt?: number): void {
    const end = Math.max(this.pos, this.start);
    this.items.push({ type: ItemType.Error, pos: this.start, end, val: msg, line: this.lineAt(this.start) });
    if (!this.resilient) {
      this.done = true;
      return;
    }
    this.pos = resumeAt ?? end;
    this.start = this.pos;
  }

  private next(): number {
    if (this.pos >= this.len) {
      this.width = 0;
      return EOF;
    }
    const c = this.input.codePointAt(this.pos) as number;
    this.width = c > 0xffff ? 2 : 1;
    this.pos += this.width;
    return c;
  }

  private peek(): number {
    if (this.pos >= this.len) return EOF;
    return this.input.codePointAt(this.pos) as number;
  }

  private backup(): void {
    this.pos -= this.width;
    this.width = 0;
  }

  private startsWith(at: number, a: number, b: number): boolean {
    return at + 1 < this.len && this.input.charCodeAt(at) === a && this.input.charCodeAt(at + 1) === b;
  }

  private atRightDelimPlain(at: number): boolean {
    return this.startsWith(at, C_RBRACE, C_RBRACE);
  }

  private hasLeftTrimMarker(at: number): boolean {
    return at + 1 < this.len && this.input.charCodeAt(at) === C_DASH && isSpace(this.input.charCodeAt(at + 1));
  }

  private hasRightTrimMarker(at: number): boolean {
    return at + 1 < this.len && isSpace(this.input.charCodeAt(at)) && this.input.charCodeAt(at + 1) === C_DASH;
  }

  /** atRightDelim: 0 = no, 1 = `}}`, 2 = ` -}}` (trim marker). */
  private atRightDelim(): 0 | 1 | 2 {
    if (this.hasRightTrimMarker(this.pos) && this.atRightDelimPlain(this.pos + 2)) return 2;
    if (this.atRightDelimPlain(this.pos)) return 1;
    return 0;
  }

  private leftTrimEnd(at: number): number {
    SPACES.lastIndex = at;
    SPACES.test(this.input);
    return SPACES.lastIndex;
  }

  private lexText(): void {
    const x = this.input.indexOf('{{', this.pos);
    if (x < 0) {
      this.pos = this.len;
      if (this.pos > this.start) this.emit(ItemType.Text);
      this.emitRange(ItemType.EOF, this.pos, this.pos);
      this.done = true;
      return;
    }
    const s = this.input;
    if (x > this.pos) {
      let textEnd = x;
      // `{{- ` trims the white space before the action (Go: rightTrimLength of the pending text).
      if (this.hasLeftTrimMarker(x + 2)) {
        for (;;) {
          const c = textEnd > this.start ? s.charCodeAt(textEnd - 1) : 0;
          if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) break;
          textEnd--;
        }
      }
      if (textEnd > this.start) this.emitRange(ItemType.Text, this.start, textEnd);
    }
    this.pos = x;
    this.start = x;
    // lexLeftDelim's common case inline: `{{` or `{{- ` not followed by a comment.
    const c = s.charCodeAt(x + 2);
    const after = c === C_DASH && isSpace(s.charCodeAt(x + 3)) ? x + 4 : x + 2;
    if (s.charCodeAt(after) === C_SLASH && s.charCodeAt(after + 1) === C_STAR) {
      this.lexLeftDelim();
      return;
    }
    this.items.push({ type: ItemType.LeftDelim, pos: x, end: x + 2, val: '{{', line: x <= this.nextNewline ? this.lineNo : this.lineAt(x) });
    this.insideAction = true;
    this.pos = this.start = after;
    this.parenDepth = 0;
  }

  private lexLeftDelim(): void {
    this.pos += 2;
    const trim = this.hasLeftTrimMarker(this.pos);
    const after = trim ? 2 : 0;
    if (this.startsWith(this.pos + after, C_SLASH, C_STAR)) {
      this.pos += after;
      this.start = this.pos;
      this.lexComment();
      return;
    }
    this.emit(ItemType.LeftDelim);
    this.insideAction = true;
    this.pos += after;
    this.start = this.pos;
    this.parenDepth = 0;
  }

  private lexComment(): void {
    this.pos += 2;
    const x = this.input.indexOf('*/', this.pos);
    if (x < 0) {
      this.pos = this.len;
      this.errorf('unclosed comment');
      return;
    }
    this.pos = x + 2;
    const delim = this.atRightDelim();
    if (delim === 0) {
      // Resilient: treat the comment as running to the next `}}`.
      const close = this.input.indexOf('}}', this.pos);
      this.errorf('comment ends before closing delimiter', close < 0 ? this.len : close + 2);
      return;
    }
    const commentStart = this.start;
    const commentEnd = this.pos;
    if (delim === 2) this.pos += 2;
    this.pos += 2;
    if (delim === 2) this.pos = this.leftTrimEnd(this.pos);
    this.start = this.pos;
    if (this.emitComment) this.emitRange(ItemType.Comment, commentStart, commentEnd);
  }

  private lexRightDelim(): void {
    const trim = this.atRightDelim() === 2;
    if (trim) {
      this.pos += 2;
      this.start = this.pos;
    }
    this.pos += 2;
    this.emit(ItemType.RightDelim);
    if (trim) {
      this.pos = this.leftTrimEnd(this.pos);
      this.start = this.pos;
    }
    this.insideAction = false;
  }

  private lexInsideAction(): void {
    if (this.atRightDelim() !== 0) {
      if (this.parenDepth === 0) {
        this.lexRightDelim();
        return;
      }
      this.errorf('unclosed left paren');
      this.parenDepth = 0;
      return;
    }
    if (this.resilient && this.startsWith(this.pos, C_LBRACE, C_LBRACE)) {
      // Editor heuristic: a new `{{` inside an action means the action was never closed.
      this.errorf('unclosed action');
      this.insideAction = false;
      return;
    }
    const r = this.next();
    switch (r) {
      case EOF:
        this.errorf('unclosed action');
        // Go keeps insideAction set, so items requested after the error are more "unclosed action" errors.
        if (this.resilient) this.insideAction = false;
        return;
      case 0x20:
      case 0x09:
      case 0x0d:
      case 0x0a:
        this.backup(); // Put space back in case we have " -}}".
        this.lexSpace();
        return;
      case 0x3d: // =
        this.emit(ItemType.Assign);
        return;
      case 0x3a: // :
        if (this.next() !== 0x3d) {
          this.errorf('expected :=');
          return;
        }
        this.emit(ItemType.Declare);
        return;
      case 0x7c: // |
        this.emit(ItemType.Pipe);
        return;
      case 0x22: // "
        this.lexQuote();
        return;
      case 0x60: // `
        this.lexRawQuote();
        return;
      case 0x24: // $
        this.lexVariable();
        return;
      case 0x27: // '
        this.lexChar();
        return;
      case 0x2e: {
        // '.': a field unless a digit follows (then it starts a number like .5).
        if (this.pos < this.len) {
          const d = this.input.charCodeAt(this.pos);
          if (d < 0x30 || d > 0x39) {
            this.lexFieldOrVariable(ItemType.Field);
            return;
          }
        }
        this.backup();
        this.lexNumber();
        return;
      }
      case 0x2b: // +
      case 0x2d: // -
        this.backup();
        this.lexNumber();
        return;
      case 0x28: // (
        this.parenDepth++;
        this.emit(ItemType.LeftParen);
        return;
      case 0x29: // )
        this.parenDepth--;
        if (this.parenDepth < 0) {
          this.errorf('unexpected right paren');
          this.parenDepth = 0;
          return;
        }
        this.emit(ItemType.RightParen);
        return;
    }
    if (r >= 0x30 && r <= 0x39) {
      this.backup();
      this.lexNumber();
      return;
    }
    if (isAlphaNumeric(r)) {
      this.backup();
      this.lexIdentifier();
      return;
    }
    if (r < 0x80 && isPrint(r)) {
      this.emit(ItemType.Char);
      return;
    }
    // An invalid UTF-8 byte (kept as a lone surrogate U+DC80..U+DCFF, see value.ts) is Go's
    // utf8.RuneError when decoded.
    this.errorf(`unrecognized character in action: ${formatRuneU(r >= 0xdc80 && r <= 0xdcff ? 0xfffd : r)}`);
  }

  private lexSpace(): void {
    let numSpaces = 0;
    let firstNewline = -1;
    while (this.pos < this.len && isSpace(this.input.charCodeAt(this.pos))) {
      if (firstNewline < 0 && this.input.charCodeAt(this.pos) === 0x0a) firstNewline = this.pos;
      this.pos++;
      numSpaces++;
    }
    if (this.resilient && firstNewline >= 0 && this.unclosedAhead(this.pos)) {
      // Editor heuristic: an action continued on the next line that reaches another `{{` (or EOF) before any `}}`
      // was never closed; end it at the newline so the following lines lex as text and actions.
      this.start = firstNewline;
      this.pos = firstNewline;
      this.errorf('unclosed action');
      this.insideAction = false;
      return;
    }
    // Be careful about a trim-marked closing delimiter, which has a minus after a space.
    if (this.hasRightTrimMarker(this.pos - 1) && this.atRightDelimPlain(this.pos + 1)) {
      this.pos--; // Before the space.
      if (numSpaces === 1) {
        this.lexRightDelim(); // On the delim, so go right to that.
        return;
      }
    }
    this.emit(ItemType.Space);
  }

  /** unclosedAhead reports whether `{{` or EOF comes before `}}` from p on (skipping string literals). */
  private unclosedAhead(p: number): boolean {
    const s = this.input;
    while (p < this.len) {
      const c = s.charCodeAt(p);
      if (c === C_LBRACE && s.charCodeAt(p + 1) === C_LBRACE) return true;
      if (c === C_RBRACE && s.charCodeAt(p + 1) === C_RBRACE) return false;
      if (c === 0x22 || c === 0x27) {
        p++;
        while (p < this.len) {
          const d = s.charCodeAt(p);
          if (d === 0x5c) p++;
          else if (d === c || d === 0x0a) break;
          p++;
        }
      } else if (c === 0x60) {
        const close = s.indexOf('`', p + 1);
        if (close < 0) return true;
        p = close;
      }
      p++;
    }
    return true;
  }

  private skipAlnum(): void {
    const s = this.input;
    let p = this.pos;
    while (p < this.len) {
      const c = s.charCodeAt(p);
      if (c < 0x80) {
        const l = c | 0x20;
        if (c === 0x5f || (c >= 0x30 && c <= 0x39) || (l >= 0x61 && l <= 0x7a)) {
          p++;
          continue;
        }
        break;
      }
      const cp = s.codePointAt(p) as number;
      if (!isAlphaNumeric(cp)) break;
      p += cp > 0xffff ? 2 : 1;
    }
    this.pos = p;
    this.width = 0;
  }

  private lexIdentifier(): void {
    this.skipAlnum();
    if (!this.atTerminator()) {
      this.badCharacter();
      return;
    }
    const word = this.input.slice(this.start, this.pos);
    const kw = keywords.get(word);
    if (kw !== undefined) {
      // `break`/`continue` are plain identifiers when a function of that name exists (Go's lexOptions).
      if ((kw === ItemType.Break && !this.breakOK) || (kw === ItemType.Continue && !this.continueOK)) {
        this.emit(ItemType.Identifier);
      } else {
        this.emit(kw);
      }
      return;
    }
    if (word === 'true' || word === 'false') this.emit(ItemType.Bool);
    else this.emit(ItemType.Identifier);
  }

  /** badCharacter reports Go's `bad character %#U` for the rune at pos (which is not a terminator). */
  private badCharacter(): void {
    const r = this.peek();
    // Resilient: skip the offending rune and the rest of the word.
    let resume = this.pos + (r > 0xffff ? 2 : 1);
    while (resume < this.len) {
      const c = this.input.codePointAt(resume) as number;
      if (!isAlphaNumeric(c)) break;
      resume += c > 0xffff ? 2 : 1;
    }
    this.errorf(`bad character ${formatRuneU(r)}`, resume);
  }

  private lexVariable(): void {
    if (this.atTerminator()) {
      this.emit(ItemType.Variable); // Nothing interesting follows -> "$".
      return;
    }
    this.lexFieldOrVariable(ItemType.Variable);
  }

  private lexFieldOrVariable(type: ItemType): void {
    if (this.atTerminator()) {
      this.emit(type === ItemType.Variable ? ItemType.Variable : ItemType.Dot);
      return;
    }
    this.skipAlnum();
    if (!this.atTerminator()) {
      this.badCharacter();
      return;
    }
    this.emit(type);
  }

  /** atTerminator: can an identifier end here? (space, EOF, . , | : ) ( or the right delimiter). */
  private atTerminator(): boolean {
    if (this.pos >= this.len) return true;
    const r = this.input.charCodeAt(this.pos);
    switch (r) {
      case 0x20:
      case 0x09:
      case 0x0d:
      case 0x0a:
      case 0x2e:
      case 0x2c:
      case 0x7c:
      case 0x3a:
      case 0x29:
      case 0x28:
        return true;
    }
    return this.atRightDelimPlain(this.pos);
  }

  private lexChar(): void {
    for (;;) {
      const r = this.next();
      if (r === 0x5c) {
        const e = this.next();
        if (e !== EOF && e !== 0x0a) continue;
        this.unterminated('unterminated character constant', e);
        return;
      }
      if (r === EOF || r === 0x0a) {
        this.unterminated('unterminated character constant', r);
        return;
      }
      if (r === 0x27) break;
    }
    this.emit(ItemType.CharConstant);
  }

  /** unterminated reports an unterminated literal; resilient lexing resumes at the newline that ended it. */
  private unterminated(msg: string, last: number): void {
    if (last === 0x0a) this.pos--;
    this.errorf(msg);
  }

  private lexNumber(): void {
    if (!this.scanNumber()) {
      this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`, this.skipWord(this.pos));
      return;
    }
    const sign = this.peek();
    if (sign === 0x2b || sign === 0x2d) {
      // Complex: 1+2i. No spaces, must end in 'i'.
      if (!this.scanNumber() || this.input.charCodeAt(this.pos - 1) !== 0x69) {
        this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`, this.skipWord(this.pos));
        return;
      }
      this.emit(ItemType.Complex);
      return;
    }
    this.emit(ItemType.Number);
  }

  private skipWord(at: number): number {
    while (at < this.len) {
      const c = this.input.codePointAt(at) as number;
      if (!isAlphaNumeric(c)) break;
      at += c > 0xffff ? 2 : 1;
    }
    return at;
  }

  private accept(a: number, b = -2): boolean {
    if (this.pos < this.len) {
      const c = this.input.charCodeAt(this.pos);
      if (c === a || c === b) {
        this.pos++;
        return true;
      }
    }
    return false;
  }

  private acceptDigits(kind: 'dec' | 'hex' | 'oct' | 'bin'): void {
    const s = this.input;
    let p = this.pos;
    for (; p < this.len; p++) {
      const c = s.charCodeAt(p);
      if (c === 0x5f) continue;
      let ok: boolean;
      switch (kind) {
        case 'dec':
          ok = c >= 0x30 && c <= 0x39;
          break;
        case 'hex':
          ok = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
          break;
        case 'oct':
          ok = c >= 0x30 && c <= 0x37;
          break;
        case 'bin':
          ok = c === 0x30 || c === 0x31;
          break;
      }
      if (!ok) break;
    }
    this.pos = p;
  }

  /** scanNumber is Go's deliberately loose number scanner; strconv in the parser rejects what it lets through. */
  private scanNumber(): boolean {
    this.accept(0x2b, 0x2d);
    let kind: 'dec' | 'hex' | 'oct' | 'bin' = 'dec';
    if (this.accept(0x30)) {
      // Note: Leading 0 does not mean octal in floats.
      if (this.accept(0x78, 0x58)) kind = 'hex';
      else if (this.accept(0x6f, 0x4f)) kind = 'oct';
      else if (this.accept(0x62, 0x42)) kind = 'bin';
    }
    this.acceptDigits(kind);
    if (this.accept(0x2e)) this.acceptDigits(kind);
    if (kind === 'dec' && this.accept(0x65, 0x45)) {
      this.accept(0x2b, 0x2d);
      this.acceptDigits('dec');
    }
    if (kind === 'hex' && this.accept(0x70, 0x50)) {
      this.accept(0x2b, 0x2d);
      this.acceptDigits('dec');
    }
    this.accept(0x69); // Is it imaginary?
    // Next thing mustn't be alphanumeric.
    const r = this.peek();
    if (r !== EOF && isAlphaNumeric(r)) {
      this.pos += r > 0xffff ? 2 : 1;
      return false;
    }
    return true;
  }

  private lexQuote(): void {
    const s = this.input;
    let p = this.pos;
    for (;;) {
      if (p >= this.len) {
        this.pos = p;
        this.unterminated('unterminated quoted string', EOF);
        return;
      }
      const c = s.charCodeAt(p++);
      if (c === 0x5c) {
        // An escaped character; a backslash before a newline or EOF leaves the string unterminated.
        if (p >= this.len || s.charCodeAt(p) === 0x0a) {
          this.pos = p + (p < this.len ? 1 : 0);
          this.unterminated('unterminated quoted string', p < this.len ? 0x0a : EOF);
          return;
        }
        p++;
        continue;
      }
      if (c === 0x0a) {
        this.pos = p;
        this.unterminated('unterminated quoted string', 0x0a);
        return;
      }
      if (c === 0x22) break;
    }
    this.pos = p;
    this.emit(ItemType.String);
  }

  private lexRawQuote(): void {
    const close = this.input.indexOf('`', this.pos);
    if (close < 0) {
      this.pos = this.len;
      this.errorf('unterminated raw quoted string');
      return;
    }
    this.pos = close + 1;
    this.emit(ItemType.RawString);
  }
}
