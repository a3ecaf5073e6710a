// A compact, JSON-safe encoding of a successful parse (a file's trees), for caches that keep
// parses between processes. Decoding a tree is several times faster than lexing and parsing its
// text again on a cold VM.
//
// A file's trees are one flat array of numbers and strings (JSON.parse then builds one array per
// file, not one per node: a nested encoding spent three times as long in JSON.parse and the
// garbage collector). Each node is its code and fields in a fixed order, children inline; strings
// that are slices of the source are stored as their length (the source is given back to the
// decoder). Nodes are rebuilt with the parser's own object shapes. A list's nodes are decoded when
// the list is first read: a render reads about a third of a chart's nodes (the bodies of
// conditions that are false and of defines nobody includes are never read).
//
// Anything the encoder does not know (an editor-mode `bad` node) makes it throw: such a parse is
// not cached. The decoder checks what it reads: malformed trees' headers throw at once (callers
// treat that as a miss); a malformed list body, which only a forged cache entry can hold (the
// cache checks a SHA-256 of each entry's text), throws an Error saying so when first read.
import { parseNumber, type NumberKind } from './literals';
import type * as N from './node';

/** EncodedTrees is the encoded form of one file's trees (plain JSON data). */
export type EncodedTrees = (number | string)[];

// Node codes (0 marks an absent list or pipe).
const NONE = 0;
const LIST = 1;
const TEXT = 2;
const COMMENT = 3;
const PIPE = 4;
const ACTION = 5;
const COMMAND = 6;
const IDENT = 7;
const VARIABLE = 8;
const DOT = 9;
const NIL = 10;
const FIELD = 11;
const CHAIN = 12;
const BOOL = 13;
const NUMBER = 14;
const STRING = 15;
const IF = 16;
const RANGE = 17;
const WITH = 18;
const BREAK = 19;
const CONTINUE = 20;
const TEMPLATE = 21;

const NUMBER_KINDS: readonly NumberKind[] = ['number', 'char', 'complex'];

class Encoder {
  readonly out: (number | string)[] = [];
  constructor(private readonly src: string) {}

  /** str: a string found at `at` in the source is stored as its length, others as themselves. */
  str(s: string, at: number): void {
    this.out.push(at >= 0 && this.src.startsWith(s, at) ? s.length : s);
  }

  strings(a: readonly string[]): void {
    this.out.push(a.length, ...a);
  }

  head(code: number, n: N.Node): void {
    this.out.push(code, n.pos, n.end);
  }

  list(n: N.ListNode): void {
    this.head(LIST, n);
    const out = this.out;
    out.push(n.nodes.length, 0);
    const spanAt = out.length - 1;
    for (const c of n.nodes) this.node(c);
    out[spanAt] = out.length - spanAt - 1;
  }

  pipe(n: N.PipeNode): void {
    this.head(PIPE, n);
    this.out.push(n.line, n.isAssign ? 1 : 0, n.decl.length);
    for (const v of n.decl) this.node(v);
    this.out.push(n.cmds.length);
    for (const c of n.cmds) this.node(c);
  }

  node(n: N.Node): void {
    const out = this.out;
    switch (n.kind) {
      case 'list':
        return this.list(n);
      case 'text':
        this.head(TEXT, n);
        return this.str(n.text, n.pos);
      case 'comment':
        this.head(COMMENT, n);
        return this.str(n.text, n.pos + 2);
      case 'pipe':
        return this.pipe(n);
      case 'action':
        this.head(ACTION, n);
        out.push(n.line);
        return this.pipe(n.pipe);
      case 'command':
        this.head(COMMAND, n);
        out.push(n.args.length);
        for (const a of n.args) this.node(a);
        return;
      case 'identifier':
        this.head(IDENT, n);
        return this.str(n.ident, n.pos);
      case 'variable':
        this.head(VARIABLE, n);
        return this.strings(n.ident);
      case 'dot':
        return this.head(DOT, n);
      case 'nil':
        return this.head(NIL, n);
      case 'field':
        this.head(FIELD, n);
        return this.strings(n.ident);
      case 'chain':
        this.head(CHAIN, n);
        this.node(n.node);
        return this.strings(n.field);
      case 'bool':
        this.head(BOOL, n);
        out.push(n.value ? 1 : 0);
        return;
      case 'number':
        this.head(NUMBER, n);
        this.str(n.text, n.pos);
        out.push(numberKind(n));
        return;
      case 'string': {
        this.head(STRING, n);
        this.str(n.quoted, n.pos);
        const plain = n.quoted.length >= 2 && n.quoted.slice(1, -1) === n.text;
        out.push(plain ? 0 : n.text);
        return;
      }
      case 'if':
      case 'range':
      case 'with':
        this.head(n.kind === 'if' ? IF : n.kind === 'range' ? RANGE : WITH, n);
        out.push(n.line);
        this.pipe(n.pipe);
        this.list(n.list);
        if (n.elseList === null) out.push(NONE);
        else this.list(n.elseList);
        return;
      case 'break':
      case 'continue':
        this.head(n.kind === 'break' ? BREAK : CONTINUE, n);
        out.push(n.line);
        return;
      case 'template':
        this.head(TEMPLATE, n);
        out.push(n.line, n.name, n.nameStart, n.nameEnd);
        if (n.pipe === null) out.push(NONE);
        else this.pipe(n.pipe);
        return;
      case 'bad':
        throw new Error('codec: an editor-mode parse is not encoded');
    }
  }
}

/** numberKind finds the lexical kind that gives the node's values back. */
function numberKind(n: N.NumberNode): number {
  for (let k = 0; k < NUMBER_KINDS.length; k++) {
    const v = parseNumber(n.text, NUMBER_KINDS[k]);
    if (typeof v === 'string') continue;
    if (
      v.isInt === n.isInt && v.isUint === n.isUint && v.isFloat === n.isFloat && v.isComplex === n.isComplex &&
      v.int64 === n.int64 && v.uint64 === n.uint64 && Object.is(v.float64, n.float64) &&
      Object.is(v.complex.re, n.complex.re) && Object.is(v.complex.im, n.complex.im)
    ) return k;
  }
  throw new Error(`codec: number ${n.text} is not reproducible`);
}

/**
 * encodeTrees encodes the trees of one file parsed from `text` (every tree's `text` must be it).
 * Throws when a tree cannot be encoded faithfully.
 */
export function encodeTrees(trees: ReadonlyMap<string, N.Tree>, text: string): EncodedTrees {
  const enc = new Encoder(text);
  const out = enc.out;
  out.push(trees.size);
  for (const [key, t] of trees) {
    if (t.text !== text) throw new Error('codec: a tree of another text');
    out.push(key, t.name, t.parseName);
    const d = t.defineRange;
    if (d === undefined) out.push(0);
    else out.push(1, d.start, d.end, d.nameStart, d.nameEnd);
    enc.list(t.root);
  }
  return out;
}

class Malformed extends Error {}

function fail(): never {
  throw new Malformed('codec: malformed entry');
}

/** Reader reads an encoded file's array from position `i`. */
class Reader {
  constructor(
    readonly a: readonly unknown[],
    readonly src: string,
    public i: number,
  ) {}

  int(): number {
    const x = this.a[this.i++];
    return typeof x === 'number' && Number.isInteger(x) ? x : fail();
  }

  string(): string {
    const x = this.a[this.i++];
    return typeof x === 'string' ? x : fail();
  }

  /** str reads a string stored by Encoder.str for position `at`. */
  str(at: number): string {
    const x = this.a[this.i++];
    if (typeof x === 'string') return x;
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || at < 0 || at + x > this.src.length) fail();
    return this.src.slice(at, at + x);
  }

  strings(): string[] {
    const n = this.int();
    const out: string[] = [];
    for (let k = 0; k < n; k++) out.push(this.string());
    return out;
  }

  list(): N.ListNode {
    if (this.int() !== LIST) fail();
    const pos = this.int();
    const end = this.int();
    const count = this.int();
    const span = this.int();
    const start = this.i;
    if (count < 0 || span < 0 || start + span > this.a.length) fail();
    this.i = start + span;
    return new LazyList(pos, end, this, start, count, span);
  }

  pipe(): N.PipeNode {
    if (this.int() !== PIPE) fail();
    const pos = this.int();
    const end = this.int();
    const line = this.int();
    const isAssign = this.int() === 1;
    const decl: N.VariableNode[] = [];
    for (let k = this.int(); k > 0; k--) {
      const d = this.node();
      decl.push(d.kind === 'variable' ? d : fail());
    }
    const cmds: N.CommandNode[] = [];
    for (let k = this.int(); k > 0; k--) {
      const c = this.node();
      cmds.push(c.kind === 'command' ? c : fail());
    }
    return { kind: 'pipe', pos, end, line, isAssign, decl, cmds };
  }

  node(): N.Node {
    const code = this.a[this.i];
    if (code === LIST) return this.list();
    if (code === PIPE) return this.pipe();
    this.i++;
    const pos = this.int();
    const end = this.int();
    switch (code) {
      case TEXT:
        return { kind: 'text', pos, end, text: this.str(pos) };
      case COMMENT:
        return { kind: 'comment', pos, end, text: this.str(pos + 2) };
      case ACTION: {
        const line = this.int();
        return { kind: 'action', pos, end, line, pipe: this.pipe() };
      }
      case COMMAND: {
        const args: N.Node[] = [];
        for (let k = this.int(); k > 0; k--) args.push(this.node());
        return { kind: 'command', pos, end, args };
      }
      case IDENT:
        return { kind: 'identifier', pos, end, ident: this.str(pos) };
      case VARIABLE:
        return { kind: 'variable', pos, end, ident: this.strings() };
      case DOT:
        return { kind: 'dot', pos, end };
      case NIL:
        return { kind: 'nil', pos, end };
      case FIELD:
        return { kind: 'field', pos, end, ident: this.strings() };
      case CHAIN: {
        const node = this.node();
        return { kind: 'chain', pos, end, node, field: this.strings() };
      }
      case BOOL:
        return { kind: 'bool', pos, end, value: this.int() === 1 };
      case NUMBER: {
        const text = this.str(pos);
        const n = parseNumber(text, NUMBER_KINDS[this.int()] ?? fail());
        if (typeof n === 'string') fail();
        return { kind: 'number', pos, end, text, ...n };
      }
      case STRING: {
        const quoted = this.str(pos);
        const t = this.a[this.i++];
        return { kind: 'string', pos, end, quoted, text: t === 0 ? quoted.slice(1, -1) : typeof t === 'string' ? t : fail() };
      }
      case IF:
      case RANGE:
      case WITH: {
        const kind = code === IF ? 'if' : code === RANGE ? 'range' : 'with';
        const line = this.int();
        const pipe = this.pipe();
        const list = this.list();
        let elseList: N.ListNode | null = null;
        if (this.a[this.i] === NONE) this.i++;
        else elseList = this.list();
        return { kind, pos, end, line, pipe, list, elseList };
      }
      case BREAK:
        return { kind: 'break', pos, end, line: this.int() };
      case CONTINUE:
        return { kind: 'continue', pos, end, line: this.int() };
      case TEMPLATE: {
        const line = this.int();
        const name = this.string();
        const nameStart = this.int();
        const nameEnd = this.int();
        let pipe: N.PipeNode | null = null;
        if (this.a[this.i] === NONE) this.i++;
        else pipe = this.pipe();
        return { kind: 'template', pos, end, line, name, nameStart, nameEnd, pipe };
      }
    }
    return fail();
  }
}

/** LazyList is a decoded list whose nodes are decoded on first use. */
class LazyList implements N.ListNode {
  readonly kind = 'list';
  private decoded: N.Node[] | undefined;
  private from: Reader | undefined;
  constructor(
    readonly pos: number,
    public end: number,
    from: Reader,
    private readonly start: number,
    private readonly count: number,
    private readonly span: number,
  ) {
    this.from = from;
  }

  get nodes(): N.Node[] {
    if (this.decoded === undefined) {
      const from = this.from as Reader;
      const r = new Reader(from.a, from.src, this.start);
      const nodes: N.Node[] = [];
      try {
        for (let k = 0; k < this.count; k++) nodes.push(r.node());
        if (r.i !== this.start + this.span) fail();
      } catch (e) {
        if (e instanceof Malformed) throw new Error('a stored template parse is malformed (run with --no-cache)');
        throw e;
      }
      this.decoded = nodes;
      this.from = undefined;
    }
    return this.decoded;
  }
}

/**
 * decodeTrees rebuilds the trees `encodeTrees` encoded, over the same source `text`. Throws on
 * malformed headers (the caller parses the text instead).
 */
export function decodeTrees(data: unknown, text: string): Map<string, N.Tree> {
  if (!Array.isArray(data)) fail();
  const r = new Reader(data, text, 0);
  const trees = new Map<string, N.Tree>();
  for (let k = r.int(); k > 0; k--) {
    const key = r.string();
    const name = r.string();
    const parseName = r.string();
    const hasRange = r.int();
    if (hasRange === 0) {
      trees.set(key, { name, parseName, text, root: r.list() });
    } else {
      const defineRange = { start: r.int(), end: r.int(), nameStart: r.int(), nameEnd: r.int() };
      trees.set(key, { name, parseName, text, root: r.list(), ...{ defineRange } });
    }
  }
  if (r.i !== data.length) fail();
  return trees;
}
