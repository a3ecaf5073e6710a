// Package re2: Go's regexp (RE2 syntax), matched in linear time by re2js (a port of Go's regexp).
//
// Go's regexp/syntax parser is re-implemented here just far enough to (1) accept and reject
// exactly what Go accepts, with Go's error texts (re2js rejects some patterns Go accepts, e.g.
// duplicate group names), and (2) emit an equivalent JavaScript pattern (compiled with the `u`
// flag, never `i`/`m`/`s`, because Go's flags can change mid-pattern and JS (node 20) has no
// inline modifiers). The JavaScript translation runs on V8's backtracking engine, so it is never
// used for matching: a hostile pattern such as `^(a+)+$` would take exponential time. It is kept
// as an independent oracle for the differential tests (test/robustness/fuzz-regex.test.ts).
// Matching is re2js (leftmost-first like Go, linear in the input); the "All" iteration rules
// (empty matches, advancing) are Go's and are implemented by GoRegexp below.
import { RE2JS, RE2JSException, type Matcher } from 're2js';

/** Re2Error is a Go *syntax.Error; message is what err.Error() prints. */
export class Re2Error extends Error {
  constructor(code: string, expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
    this.name = 'Re2Error';
  }
}

/** Re2ErrorText is a Re2Error whose whole text comes from re2js (already in Go's format). */
class Re2ErrorText extends Re2Error {
  constructor(message: string) {
    super('', '');
    this.message = message;
  }
}

const ERR = {
  invalidCharClass: 'invalid character class',
  invalidCharRange: 'invalid character class range',
  invalidEscape: 'invalid escape sequence',
  invalidNamedCapture: 'invalid named capture',
  invalidPerlOp: 'invalid or unsupported Perl syntax',
  invalidRepeatOp: 'invalid nested repetition operator',
  invalidRepeatSize: 'invalid repeat count',
  invalidUTF8: 'invalid UTF-8',
  missingBracket: 'missing closing ]',
  missingParen: 'missing closing )',
  missingRepeatArgument: 'missing argument to repetition operator',
  trailingBackslash: 'trailing backslash at end of expression',
  unexpectedParen: 'unexpected )',
} as const;

interface Flags {
  fold: boolean; // (?i)
  multiLine: boolean; // (?m): ^ $ match at line boundaries
  dotNL: boolean; // (?s)
  nonGreedy: boolean; // (?U)
}

type Range = [number, number];

/** A parsed character class: code point ranges plus JS-only \p items (kept symbolic). */
interface ClassSet {
  ranges: Range[];
  props: string[]; // e.g. "\\p{L}", "\\P{Script=Greek}"
}

/** Stack entries: emitted atoms, or markers for '(' and '|'. */
type Item =
  | { kind: 'atom'; js: string; assertion: boolean }
  | { kind: 'lparen'; capture: boolean; flags: Flags }
  | { kind: 'bar' };

const MAX_RUNE = 0x10ffff;

const PERL_CLASSES: Record<string, Range[]> = {
  d: [[0x30, 0x39]],
  s: [
    [0x09, 0x0a],
    [0x0c, 0x0d],
    [0x20, 0x20],
  ],
  w: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
};

const POSIX_CLASSES: Record<string, Range[]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
    [0x5f, 0x5f],
  ],
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

// Go's unicode.Categories names (the only non-script \p names besides "Any").
const CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' '),
);

// Case-fold orbits beyond simple upper/lower pairs (Go's unicode.SimpleFold cycles).
const FOLD_EXTRA: Record<number, number[]> = {
  0x4b: [0x212a],
  0x6b: [0x212a],
  0x212a: [0x4b, 0x6b],
  0x53: [0x17f],
  0x73: [0x17f],
  0x17f: [0x53, 0x73],
  0xc5: [0x212b],
  0xe5: [0x212b],
  0x212b: [0xc5, 0xe5],
};

/** foldOrbit returns the code points equal to c under simple case folding (c included). */
function foldOrbit(c: number): number[] {
  const out = new Set<number>([c]);
  const s = String.fromCodePoint(c);
  for (const t of [s.toLowerCase(), s.toUpperCase()]) {
    const cp = t.codePointAt(0);
    if (cp !== undefined && [...t].length === 1) out.add(cp);
  }
  for (const x of FOLD_EXTRA[c] ?? []) out.add(x);
  // Close over one more step (e.g. lower of upper).
  for (const x of [...out]) {
    const u = String.fromCodePoint(x);
    for (const t of [u.toLowerCase(), u.toUpperCase()]) {
      const cp = t.codePointAt(0);
      if (cp !== undefined && [...t].length === 1) out.add(cp);
    }
  }
  return [...out];
}

function normalize(ranges: Range[]): Range[] {
  const rs = ranges.map((r) => [r[0], r[1]] as Range).sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of rs) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}

function negate(ranges: Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of normalize(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_RUNE) out.push([next, MAX_RUNE]);
  return out;
}

function foldRanges(ranges: Range[]): Range[] {
  const out: Range[] = [...ranges];
  for (const [lo, hi] of ranges) {
    // Enumerating is exact; very large ranges (which already span both cases of almost
    // everything) are folded only over their ASCII/Latin part to keep compilation cheap.
    const end = hi - lo > 4000 ? Math.min(hi, lo + 4000) : hi;
    for (let c = lo; c <= end; c++) {
      for (const f of foldOrbit(c)) if (f !== c) out.push([f, f]);
    }
  }
  return normalize(out);
}

function hexCp(c: number): string {
  return '\\u{' + c.toString(16) + '}';
}

/** jsChar emits one code point for use outside a class. */
function jsChar(c: number): string {
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f) {
    return String.fromCharCode(c);
  }
  return hexCp(c);
}

function classJs(set: ClassSet, negated: boolean): string {
  const parts: string[] = [];
  for (const [lo, hi] of set.ranges) parts.push(lo === hi ? hexCp(lo) : hexCp(lo) + '-' + hexCp(hi));
  parts.push(...set.props);
  return '[' + (negated ? '^' : '') + parts.join('') + ']';
}

function literalJs(c: number, flags: Flags): string {
  if (flags.fold) {
    const orbit = foldOrbit(c);
    if (orbit.length > 1) return classJs({ ranges: normalize(orbit.map((x) => [x, x] as Range)), props: [] }, false);
  }
  return jsChar(c);
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function unhex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

const propCache = new Map<string, boolean>();
function jsPropertyValid(js: string): boolean {
  let ok = propCache.get(js);
  if (ok === undefined) {
    try {
      new RegExp(js, 'u');
      ok = true;
    } catch {
      ok = false;
    }
    propCache.set(js, ok);
  }
  return ok;
}

/** Compiled is a translated pattern. */
export interface Compiled {
  /** JS source (compile with flags 'gu' / 'yu'). */
  readonly source: string;
  /** subexpNames[i] is the name of group i ("" for unnamed; index 0 is the whole match). */
  readonly subexpNames: readonly string[];
  /** The Go pattern with each named-group opener (`(?P<n>`, `(?<n>`) made a plain `(`. */
  readonly re2Source: string;
}

/** Parser walks the pattern in code points, mirroring regexp/syntax.Parse with Perl flags. */
class Parser {
  private readonly s: string;
  private pos = 0;
  private flags: Flags = { fold: false, multiLine: false, dotNL: false, nonGreedy: false };
  private readonly stack: Item[] = [];
  private readonly names: string[] = [''];
  /** [start, end) of each named-group opener, for re2Source. */
  private readonly namedSpans: [number, number][] = [];

  constructor(s: string) {
    this.s = s;
  }

  private rest(): string {
    return this.s.slice(this.pos);
  }

  private nextCp(): number {
    const c = this.s.codePointAt(this.pos);
    if (c === undefined) return -1;
    // A lone surrogate is a byte that is not valid UTF-8 (see value.ts): Go's nextRune fails.
    if (c >= 0xd800 && c <= 0xdfff) throw new Re2Error(ERR.invalidUTF8, this.s.slice(this.pos));
    this.pos += c > 0xffff ? 2 : 1;
    return c;
  }

  private push(js: string, assertion = false): void {
    this.stack.push({ kind: 'atom', js, assertion });
  }

  parse(): Compiled {
    let lastRepeat = -1; // start index of the previous repetition operator, or -1
    while (this.pos < this.s.length) {
      let repeat = -1;
      const c = this.s[this.pos];
      switch (c) {
        case '(':
          if (this.s[this.pos + 1] === '?') {
            this.parsePerlFlags();
            break;
          }
          this.stack.push({ kind: 'lparen', capture: true, flags: { ...this.flags } });
          this.names.push('');
          this.pos++;
          break;
        case '|':
          this.stack.push({ kind: 'bar' });
          this.pos++;
          break;
        case ')':
          this.parseRightParen();
          this.pos++;
          break;
        case '^':
          this.push(this.flags.multiLine ? '(?<![^\\n])' : '(?<![\\s\\S])', true);
          this.pos++;
          break;
        case '$':
          this.push(this.flags.multiLine ? '(?![^\\n])' : '(?![\\s\\S])', true);
          this.pos++;
          break;
        case '.':
          this.push(this.flags.dotNL ? '[\\s\\S]' : '[^\\n]');
          this.pos++;
          break;
        case '[':
          this.parseClass();
          break;
        case '*':
        case '+':
        case '?': {
          const before = this.pos;
          this.pos++;
          this.repeat(c, before, lastRepeat);
          repeat = before;
          break;
        }
        case '{': {
          const before = this.pos;
          const r = this.parseRepeat();
          if (!r) {
            // An unparsable repeat makes '{' a literal.
            this.push(literalJs(0x7b, this.flags));
            this.pos++;
            break;
          }
          const [min, max, after] = r;
          if (min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max)) {
            throw new Re2Error(ERR.invalidRepeatSize, this.s.slice(before, after));
          }
          this.pos = after;
          this.repeat(max === -1 ? `{${min},}` : min === max ? `{${min}}` : `{${min},${max}}`, before, lastRepeat);
          repeat = before;
          break;
        }
        case '\\':
          this.parseBackslash();
          break;
        default:
          this.push(literalJs(this.nextCp(), this.flags));
      }
      lastRepeat = repeat;
    }
    // Concatenate and check for unclosed parens.
    this.collapseAlternation();
    if (this.stack.some((it) => it.kind === 'lparen')) throw new Re2Error(ERR.missingParen, this.s);
    const top = this.stack[0];
    const source = top && top.kind === 'atom' ? top.js : '';
    let re2Source = '';
    let from = 0;
    for (const [a, b] of this.namedSpans) {
      re2Source += this.s.slice(from, a) + '(';
      from = b;
    }
    re2Source += this.s.slice(from);
    return { source, subexpNames: this.names, re2Source };
  }

  /** repeat applies a quantifier to the last atom (Go's parser.repeat). */
  private repeat(op: string, before: number, lastRepeat: number): void {
    let nonGreedy = this.flags.nonGreedy;
    if (this.s[this.pos] === '?') {
      this.pos++;
      nonGreedy = !nonGreedy;
    }
    if (lastRepeat >= 0) {
      // Perl forbids stacked repetition operators: a** is an error, not (a*)*.
      throw new Re2Error(ERR.invalidRepeatOp, this.s.slice(lastRepeat, this.pos));
    }
    const top = this.stack[this.stack.length - 1];
    if (!top || top.kind !== 'atom') {
      throw new Re2Error(ERR.missingRepeatArgument, this.s.slice(before, this.pos));
    }
    // Go allows repeating assertions (^*, \b+); JS only allows quantifying groups.
    const operand = top.assertion ? `(?:${top.js})` : top.js;
    this.stack[this.stack.length - 1] = { kind: 'atom', js: operand + op + (nonGreedy ? '?' : ''), assertion: false };
  }

  /** parseRepeat parses {min,max} like Go's parser.parseRepeat; returns [min, max, end] or undefined. */
  private parseRepeat(): [number, number, number] | undefined {
    let i = this.pos + 1;
    // parseInt: digits without leading zeros; values >= 1e8 become -1 ("too big").
    const num = (): number | undefined => {
      const start = i;
      if (!(this.s[i] >= '0' && this.s[i] <= '9')) return undefined;
      if (this.s[i] === '0' && this.s[i + 1] >= '0' && this.s[i + 1] <= '9') return undefined;
      while (i < this.s.length && this.s[i] >= '0' && this.s[i] <= '9') i++;
      let n = 0;
      for (const d of this.s.slice(start, i)) {
        if (n >= 1e8) return -1;
        n = n * 10 + (d.charCodeAt(0) - 0x30);
      }
      return n;
    };
    let min = num();
    if (min === undefined || i >= this.s.length) return undefined;
    let max: number;
    if (this.s[i] !== ',') max = min;
    else {
      i++;
      if (i >= this.s.length) return undefined;
      if (this.s[i] === '}') max = -1;
      else {
        const m = num();
        if (m === undefined) return undefined;
        max = m;
        if (max < 0) min = -1;
      }
    }
    if (this.s[i] !== '}') return undefined;
    return [min, max, i + 1];
  }

  private parsePerlFlags(): void {
    const start = this.pos;
    const t = this.rest();
    // Named captures: (?P<name>re) and, since Go 1.22, (?<name>re).
    const startsWithP = t.length > 4 && t[2] === 'P' && t[3] === '<';
    const startsWithName = t.length > 3 && t[2] === '<';
    if (startsWithP || startsWithName) {
      const begin = startsWithP ? 4 : 3;
      const end = t.indexOf('>');
      if (end < 0) throw new Re2Error(ERR.invalidNamedCapture, t);
      const capture = t.slice(0, end + 1);
      const name = t.slice(begin, end);
      const bad = loneSurrogateAt(name);
      if (bad >= 0) throw new Re2Error(ERR.invalidUTF8, name.slice(bad));
      if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Re2Error(ERR.invalidNamedCapture, capture);
      // Go accepts duplicate group names; $name expands the first participating one.
      this.stack.push({ kind: 'lparen', capture: true, flags: { ...this.flags } });
      this.names.push(name);
      this.namedSpans.push([this.pos, this.pos + end + 1]);
      this.pos += end + 1;
      return;
    }
    this.pos += 2;
    const flags = { ...this.flags };
    let negated = false;
    let sawFlag = false;
    while (this.pos < this.s.length) {
      const c = String.fromCodePoint(this.nextCp());
      switch (c) {
        case 'i':
          flags.fold = !negated;
          sawFlag = true;
          continue;
        case 'm':
          flags.multiLine = !negated;
          sawFlag = true;
          continue;
        case 's':
          flags.dotNL = !negated;
          sawFlag = true;
          continue;
        case 'U':
          flags.nonGreedy = !negated;
          sawFlag = true;
          continue;
        case '-':
          if (negated) break;
          negated = true;
          sawFlag = false;
          continue;
        case ':':
        case ')':
          if (negated && !sawFlag) break;
          if (c === ':') this.stack.push({ kind: 'lparen', capture: false, flags: { ...this.flags } });
          this.flags = flags;
          return;
        default:
          break;
      }
      break;
    }
    throw new Re2Error(ERR.invalidPerlOp, this.s.slice(start, this.pos));
  }

  /** collapseAlternation folds the items above the last '(' into one atom. */
  private collapseAlternation(): void {
    let i = this.stack.length;
    while (i > 0 && this.stack[i - 1].kind !== 'lparen') i--;
    const items = this.stack.splice(i);
    const alts: string[] = [];
    let cur = '';
    for (const it of items) {
      if (it.kind === 'bar') {
        alts.push(cur);
        cur = '';
      } else if (it.kind === 'atom') cur += it.js;
    }
    alts.push(cur);
    this.stack.push({ kind: 'atom', js: alts.join('|'), assertion: false });
  }

  private parseRightParen(): void {
    this.collapseAlternation();
    const body = this.stack.pop();
    const open = this.stack.pop();
    if (!open || open.kind !== 'lparen' || !body || body.kind !== 'atom') {
      throw new Re2Error(ERR.unexpectedParen, this.s);
    }
    this.flags = open.flags;
    this.push(open.capture ? `(${body.js})` : `(?:${body.js})`);
  }

  private parseBackslash(): void {
    const t = this.rest();
    if (t.length >= 2) {
      switch (t[1]) {
        case 'A':
          this.push('(?<![\\s\\S])', true);
          this.pos += 2;
          return;
        case 'z':
          this.push('(?![\\s\\S])', true);
          this.pos += 2;
          return;
        case 'b':
          this.push('\\b', true);
          this.pos += 2;
          return;
        case 'B':
          this.push('\\B', true);
          this.pos += 2;
          return;
        case 'C':
          throw new Re2Error(ERR.invalidEscape, t.slice(0, 2));
        case 'Q': {
          // \Q...\E: everything up to \E (or the end) is literal.
          const body = t.slice(2);
          const end = body.indexOf('\\E');
          const lit = end < 0 ? body : body.slice(0, end);
          const bad = loneSurrogateAt(lit);
          if (bad >= 0) throw new Re2Error(ERR.invalidUTF8, lit.slice(bad));
          for (const ch of lit) this.push(literalJs(ch.codePointAt(0) ?? 0, this.flags));
          this.pos += 2 + lit.length + (end < 0 ? 0 : 2);
          return;
        }
      }
    }
    const set: ClassSet = { ranges: [], props: [] };
    if (this.parseUnicodeClass(set) || this.parsePerlClassEscape(set)) {
      this.push(classJs(this.flags.fold ? { ranges: foldRanges(set.ranges), props: set.props } : set, false));
      return;
    }
    this.push(literalJs(this.parseEscape(), this.flags));
  }

  /** parseEscape parses a single-character escape at pos (which is at '\\'). */
  private parseEscape(): number {
    const start = this.pos;
    this.pos++;
    if (this.pos >= this.s.length) throw new Re2Error(ERR.trailingBackslash, '');
    const c = this.nextCp();
    const bad = (): never => {
      throw new Re2Error(ERR.invalidEscape, this.s.slice(start, this.pos));
    };
    if (c < 0x80 && !isAlnum(c)) return c; // escaped punctuation is itself (including \_)
    const isOct = (x: string | undefined): boolean => x !== undefined && x >= '0' && x <= '7';
    switch (String.fromCodePoint(c)) {
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7': {
        // A single non-zero digit is a backreference: unsupported.
        if (c !== 0x30 && !isOct(this.s[this.pos])) return bad();
        let r = c - 0x30;
        for (let i = 1; i < 3; i++) {
          if (!isOct(this.s[this.pos])) break;
          r = r * 8 + (this.s.charCodeAt(this.pos) - 0x30);
          this.pos++;
        }
        return r;
      }
      case 'x': {
        if (this.pos >= this.s.length) return bad();
        const d = this.nextCp();
        if (d === 0x7b) {
          let n = 0;
          let r = 0;
          for (;;) {
            if (this.pos >= this.s.length) return bad();
            const h = this.nextCp();
            if (h === 0x7d) break;
            const v = unhex(h);
            if (v < 0) return bad();
            r = r * 16 + v;
            if (r > MAX_RUNE) return bad();
            n++;
          }
          if (n === 0) return bad();
          return r;
        }
        const x = unhex(d);
        if (this.pos >= this.s.length) return bad();
        const y = unhex(this.nextCp());
        if (x < 0 || y < 0) return bad();
        return x * 16 + y;
      }
      case 'a':
        return 7;
      case 'f':
        return 12;
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 't':
        return 9;
      case 'v':
        return 11;
    }
    return bad();
  }

  /** parsePerlClassEscape handles \d \D \s \S \w \W. */
  private parsePerlClassEscape(set: ClassSet): boolean {
    const t = this.s;
    if (t[this.pos] !== '\\') return false;
    const k = t[this.pos + 1];
    if (k === undefined) return false;
    const base = PERL_CLASSES[k.toLowerCase()];
    if (!base || !'dDsSwW'.includes(k)) return false;
    set.ranges.push(...(k === k.toUpperCase() ? negate(base) : base));
    this.pos += 2;
    return true;
  }

  /** parseUnicodeClass handles \pL, \p{Greek}, \PL, \p{^Greek}. */
  private parseUnicodeClass(set: ClassSet): boolean {
    const t = this.rest();
    if (t.length < 2 || t[0] !== '\\' || (t[1] !== 'p' && t[1] !== 'P')) return false;
    let sign = t[1] === 'P' ? -1 : 1;
    let seq: string;
    let name: string;
    const c = t.codePointAt(2);
    if (c !== 0x7b) {
      seq = c === undefined ? t.slice(0, 2) : t.slice(0, 2) + String.fromCodePoint(c);
      name = seq.slice(2);
    } else {
      const end = t.indexOf('}');
      if (end < 0) throw new Re2Error(ERR.invalidCharRange, t);
      seq = t.slice(0, end + 1);
      name = t.slice(3, end);
    }
    if (name.startsWith('^')) {
      sign = -sign;
      name = name.slice(1);
    }
    let js: string | undefined;
    if (name === 'Any') js = sign > 0 ? '\\p{Any}' : '\\P{Any}';
    else if (CATEGORIES.has(name)) js = `\\${sign > 0 ? 'p' : 'P'}{${name}}`;
    else if (name !== '' && /^[A-Za-z_]+$/.test(name)) {
      const cand = `\\${sign > 0 ? 'p' : 'P'}{Script=${name}}`;
      if (jsPropertyValid(cand)) js = cand;
    }
    if (js === undefined) throw new Re2Error(ERR.invalidCharRange, seq);
    set.props.push(js);
    this.pos += seq.length;
    return true;
  }

  private parseClass(): void {
    const whole = this.rest();
    this.pos++; // [
    let negated = false;
    if (this.s[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    const set: ClassSet = { ranges: [], props: [] };
    let first = true;
    while (this.pos >= this.s.length || this.s[this.pos] !== ']' || first) {
      first = false;
      // POSIX [:alnum:] and [:^alnum:].
      if (this.s.startsWith('[:', this.pos)) {
        const i = this.s.indexOf(':]', this.pos + 2);
        if (i >= 0) {
          const name = this.s.slice(this.pos, i + 2);
          const inner = name.slice(2, -2);
          const neg = inner.startsWith('^');
          const g = POSIX_CLASSES[neg ? inner.slice(1) : inner];
          if (!g) throw new Re2Error(ERR.invalidCharRange, name);
          set.ranges.push(...(neg ? negate(g) : g));
          this.pos = i + 2;
          continue;
        }
      }
      if (this.parseUnicodeClass(set)) continue;
      if (this.parsePerlClassEscape(set)) continue;
      const rngStart = this.pos;
      const lo = this.parseClassChar(whole);
      let hi = lo;
      // [a-] means a or '-': only a '-' not followed by ']' makes a range.
      if (this.s[this.pos] === '-' && this.pos + 1 < this.s.length && this.s[this.pos + 1] !== ']') {
        this.pos++;
        hi = this.parseClassChar(whole);
        if (hi < lo) throw new Re2Error(ERR.invalidCharRange, this.s.slice(rngStart, this.pos));
      }
      set.ranges.push([lo, hi]);
    }
    this.pos++; // ]
    let ranges = normalize(set.ranges);
    if (this.flags.fold) ranges = foldRanges(ranges);
    this.push(classJs({ ranges, props: set.props }, negated));
  }

  private parseClassChar(whole: string): number {
    if (this.pos >= this.s.length) throw new Re2Error(ERR.missingBracket, whole);
    if (this.s[this.pos] === '\\') return this.parseEscape();
    return this.nextCp();
  }
}

/** compileRe2 parses a Go regexp and returns its JavaScript translation, or throws Re2Error. */
export function compileRe2(pattern: string): Compiled {
  const c = new Parser(pattern).parse();
  // Go reads every rune of the pattern, so invalid UTF-8 the walk above skipped still fails.
  const bad = loneSurrogateAt(pattern);
  if (bad >= 0) throw new Re2Error(ERR.invalidUTF8, pattern.slice(bad));
  return c;
}

/** loneSurrogateAt is the index of the first lone surrogate (an invalid byte) in s, or -1. */
export function loneSurrogateAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}

/**
 * goRunes maps each lone surrogate (a byte that is not valid UTF-8) to U+FFFD, the rune Go's
 * regexp decodes it as (with width 1, like the one code unit here). Indices are unchanged.
 */
function goRunes(s: string): string {
  const i = loneSurrogateAt(s);
  if (i < 0) return s;
  let out = s.slice(0, i) + '\uFFFD';
  for (let k = i + 1; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff && k + 1 < s.length) {
      const d = s.charCodeAt(k + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[k] + s[k + 1];
        k++;
        continue;
      }
    }
    out += c >= 0xd800 && c <= 0xdfff ? '\uFFFD' : s[k];
  }
  return out;
}

/** quoteMeta is regexp.QuoteMeta: escapes the characters `\.+*?()|[]{}^$`. */
export function quoteMeta(s: string): string {
  let out = '';
  for (const ch of s) out += '\\.+*?()|[]{}^$'.includes(ch) ? '\\' + ch : ch;
  return out;
}

/** Match is one match: [start, end] per group in UTF-16 indices (-1 when a group did not take part). */
export type MatchIndices = number[];

/** Search finds successive matches of one regexp in one input (the input is prepared once). */
class Search {
  private readonly m: Matcher;
  constructor(
    re: RE2JS,
    private readonly groups: number,
    s: string,
  ) {
    this.m = re.matcher(goRunes(s));
  }

  /** at finds the leftmost match at or after pos (pos <= input length); with groups, all of them. */
  at(pos: number, withGroups: boolean): MatchIndices | undefined {
    if (!this.m.find(pos)) return undefined;
    const out: number[] = [this.m.start(), this.m.end()];
    if (withGroups) for (let g = 1; g <= this.groups; g++) out.push(this.m.start(g), this.m.end(g));
    return out;
  }
}

/** GoRegexp is a compiled Go regexp with Go's matching-iteration rules, matched by re2js. */
export class GoRegexp {
  readonly expr: string;
  readonly subexpNames: readonly string[];
  private readonly re: RE2JS;

  constructor(expr: string) {
    this.expr = expr;
    const c = compileRe2(expr);
    this.subexpNames = c.subexpNames;
    try {
      this.re = RE2JS.compile(c.re2Source);
    } catch (e) {
      // re2js ports Go's parser and its texts: what it rejects beyond our checks (nesting
      // depth, program size) gets Go's message.
      if (e instanceof RE2JSException) throw new Re2ErrorText(e.message);
      throw e;
    }
  }

  private search(s: string): Search {
    return new Search(this.re, this.subexpNames.length - 1, s);
  }

  /** exec finds the leftmost match at or after pos: [start, end, g1start, g1end, ...]. */
  exec(s: string, pos: number): MatchIndices | undefined {
    return this.search(s).at(pos, true);
  }

  /** matchString is Regexp.MatchString. */
  matchString(s: string): boolean {
    return this.re.test(goRunes(s));
  }

  /** findString is Regexp.FindString ("" when no match). */
  findString(s: string): string {
    const m = this.search(s).at(0, false);
    return m ? s.slice(m[0], m[1]) : '';
  }

  /** findAll is Regexp.FindAllStringIndex's loop (Go's allMatches): n < 0 means all. */
  findAll(s: string, n: number, withGroups = false): MatchIndices[] {
    const out: MatchIndices[] = [];
    if (n < 0) n = s.length + 1;
    const search = this.search(s);
    let pos = 0;
    let prevMatchEnd = -1;
    while (out.length < n && pos <= s.length) {
      const m = search.at(pos, withGroups);
      if (!m) break;
      let accept = true;
      if (m[1] === pos) {
        // An empty match right after a previous match is ignored.
        if (m[0] === prevMatchEnd) accept = false;
        // Advance one rune (past the end when at the end of the input).
        pos += pos < s.length ? runeWidth(s, pos) : 1;
      } else {
        pos = m[1];
      }
      prevMatchEnd = m[1];
      if (accept) out.push(m);
    }
    return out;
  }

  /** replaceAll is Go's Regexp.replaceAll loop with a replacement callback. */
  replaceAll(s: string, repl: (m: MatchIndices) => string, withGroups = true): string {
    let out = '';
    let lastMatchEnd = 0;
    let searchPos = 0;
    const search = this.search(s);
    while (searchPos <= s.length) {
      const a = search.at(searchPos, withGroups);
      if (!a) break;
      out += s.slice(lastMatchEnd, a[0]);
      // No replacement for an empty match immediately after another match.
      if (a[1] > lastMatchEnd || a[0] === 0) out += repl(a);
      lastMatchEnd = a[1];
      const width = runeWidth(s, searchPos);
      if (searchPos + width > a[1]) searchPos += width;
      else if (searchPos + 1 > a[1]) searchPos++;
      else searchPos = a[1];
    }
    return out + s.slice(lastMatchEnd);
  }

  /** expand is Regexp.ExpandString's template expansion ($1, ${1}, $name, $$). */
  expand(template: string, s: string, m: MatchIndices): string {
    let out = '';
    let t = template;
    for (;;) {
      const i = t.indexOf('$');
      if (i < 0) break;
      out += t.slice(0, i);
      t = t.slice(i + 1);
      if (t.startsWith('$')) {
        out += '$';
        t = t.slice(1);
        continue;
      }
      const ex = extractName(t);
      if (!ex) {
        out += '$';
        continue;
      }
      t = ex.rest;
      if (ex.num >= 0) {
        if (2 * ex.num + 1 < m.length && m[2 * ex.num] >= 0) out += s.slice(m[2 * ex.num], m[2 * ex.num + 1]);
      } else {
        for (let g = 0; g < this.subexpNames.length; g++) {
          if (ex.name === this.subexpNames[g] && 2 * g + 1 < m.length && m[2 * g] >= 0) {
            out += s.slice(m[2 * g], m[2 * g + 1]);
            break;
          }
        }
      }
    }
    return out + t;
  }

  /** split is Regexp.Split. Returns undefined for Go's nil result (n == 0). */
  split(s: string, n: number): string[] | undefined {
    if (n === 0) return undefined;
    if (this.expr.length > 0 && s.length === 0) return [''];
    const matches = this.findAll(s, n);
    const out: string[] = [];
    let beg = 0;
    let end = 0;
    for (const m of matches) {
      if (n > 0 && out.length === n - 1) break;
      end = m[0];
      if (m[1] !== 0) out.push(s.slice(beg, end));
      beg = m[1];
    }
    if (end !== s.length) out.push(s.slice(beg));
    return out;
  }
}

function runeWidth(s: string, pos: number): number {
  if (pos >= s.length) return 0;
  const c = s.charCodeAt(pos);
  if (c >= 0xd800 && c <= 0xdbff && pos + 1 < s.length) {
    const d = s.charCodeAt(pos + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** extractName is regexp's extract: a $name or ${name} reference at the start of str. */
function extractName(str: string): { name: string; num: number; rest: string } | undefined {
  if (str === '') return undefined;
  let brace = false;
  if (str[0] === '{') {
    brace = true;
    str = str.slice(1);
  }
  let i = 0;
  for (const ch of str) {
    // unicode.IsLetter / IsDigit / '_'
    if (!/[\p{L}\p{Nd}_]/u.test(ch)) break;
    i += ch.length;
  }
  if (i === 0) return undefined;
  const name = str.slice(0, i);
  if (brace) {
    if (i >= str.length || str[i] !== '}') return undefined;
    i++;
  }
  let num = 0;
  for (let k = 0; k < name.length; k++) {
    if (name[k] < '0' || name[k] > '9' || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + (name.charCodeAt(k) - 0x30);
  }
  // Leading zeros make it a name, not a number.
  if (name[0] === '0' && name.length > 1) num = -1;
  return { name, num, rest: str.slice(i) };
}
