// A compact, JSON-safe encoding of a successful parse (a file's trees), for caches that keep
// parses between processes. Decoding a tree is several times faster than lexing and parsing its
// text again on a cold VM: each node is a short array, strings that are slices of the source are
// stored as their length (the source is given back to the decoder), and nodes are rebuilt with
// the parser's own object shapes, so the executor sees the same hidden classes either way.
// Anything the encoder does not know (an editor-mode `bad` node, an unexpected field) makes it
// throw: such a parse is not cached. The decoder checks what it reads and throws on anything
// malformed: the trees' headers at once (callers treat that as a miss), a list's nodes when the
// list is first read (decoding is lazy).
import { parseNumber, type NumberKind } from './literals';
import type * as N from './node';

/** EncodedTrees is the encoded form of one file's trees (plain JSON data). */
export type EncodedTrees = unknown[];

// Node codes.
const LIST = 0;
const TEXT = 1;
const COMMENT = 2;
const PIPE = 3;
const ACTION = 4;
const COMMAND = 5;
const IDENT = 6;
const VARIABLE = 7;
const DOT = 8;
const NIL = 9;
const FIELD = 10;
const CHAIN = 11;
const BOOL = 12;
const NUMBER = 13;
const STRING = 14;
const IF = 15;
const RANGE = 16;
const WITH = 17;
const BREAK = 18;
const CONTINUE = 19;
const TEMPLATE = 20;

const NUMBER_KINDS: readonly NumberKind[] = ['number', 'char', 'complex'];

class Encoder {
  constructor(private readonly src: string) {}

  /** str: a string found at `at` in the source is stored as its length, others as themselves. */
  str(s: string, at: number): number | string {
    return this.src.startsWith(s, at) && at >= 0 ? s.length : s;
  }

  list(n: N.ListNode): unknown[] {
    return [LIST, n.pos, n.end, n.nodes.map((c) => this.node(c))];
  }

  pipe(n: N.PipeNode): unknown[] {
    return [PIPE, n.pos, n.end, n.line, n.isAssign ? 1 : 0, n.decl.map((v) => this.node(v)), n.cmds.map((c) => this.node(c))];
  }

  node(n: N.Node): unknown[] {
    switch (n.kind) {
      case 'list':
        return this.list(n);
      case 'text':
        return [TEXT, n.pos, n.end, this.str(n.text, n.pos)];
      case 'comment':
        return [COMMENT, n.pos, n.end, this.str(n.text, n.pos + 2)];
      case 'pipe':
        return this.pipe(n);
      case 'action':
        return [ACTION, n.pos, n.end, n.line, this.pipe(n.pipe)];
      case 'command':
        return [COMMAND, n.pos, n.end, n.args.map((a) => this.node(a))];
      case 'identifier':
        return [IDENT, n.pos, n.end, this.str(n.ident, n.pos)];
      case 'variable':
        return [VARIABLE, n.pos, n.end, n.ident];
      case 'dot':
        return [DOT, n.pos, n.end];
      case 'nil':
        return [NIL, n.pos, n.end];
      case 'field':
        return [FIELD, n.pos, n.end, n.ident];
      case 'chain':
        return [CHAIN, n.pos, n.end, this.node(n.node), n.field];
      case 'bool':
        return [BOOL, n.pos, n.end, n.value ? 1 : 0];
      case 'number':
        return [NUMBER, n.pos, n.end, this.str(n.text, n.pos), numberKind(n)];
      case 'string': {
        const plain = n.quoted.length >= 2 && n.quoted.slice(1, -1) === n.text;
        return [STRING, n.pos, n.end, this.str(n.quoted, n.pos), plain ? 0 : n.text];
      }
      case 'if':
      case 'range':
      case 'with':
        return [n.kind === 'if' ? IF : n.kind === 'range' ? RANGE : WITH, n.pos, n.end, n.line, this.pipe(n.pipe), this.list(n.list), n.elseList === null ? 0 : this.list(n.elseList)];
      case 'break':
        return [BREAK, n.pos, n.end, n.line];
      case 'continue':
        return [CONTINUE, n.pos, n.end, n.line];
      case 'template':
        return [TEMPLATE, n.pos, n.end, n.line, n.name, n.nameStart, n.nameEnd, n.pipe === null ? 0 : this.pipe(n.pipe)];
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
  const out: unknown[] = [];
  for (const [key, t] of trees) {
    if (t.text !== text) throw new Error('codec: a tree of another text');
    const d = t.defineRange;
    out.push([key, t.name, t.parseName, enc.list(t.root), d === undefined ? 0 : [d.start, d.end, d.nameStart, d.nameEnd]]);
  }
  return out;
}

class Malformed extends Error {}

function fail(): never {
  throw new Malformed('codec: malformed entry');
}

function arr(x: unknown): unknown[] {
  return Array.isArray(x) ? x : fail();
}

function int(x: unknown): number {
  return typeof x === 'number' && Number.isInteger(x) ? x : fail();
}

function aString(x: unknown): string {
  return typeof x === 'string' ? x : fail();
}

function strings(x: unknown): string[] {
  const a = arr(x);
  for (const s of a) if (typeof s !== 'string') fail();
  return a as string[];
}

/**
 * LazyList is a decoded list whose nodes are decoded on first use: a render runs about a third
 * of a chart's nodes (the bodies of conditions that are false and of defines nobody includes
 * are never read). Stored data is checked (the cache's SHA-256 of the text) before it is
 * decoded, so only a forged entry can be malformed here; it throws an Error saying so.
 */
class LazyList implements N.ListNode {
  readonly kind = 'list';
  private data: unknown[] | undefined;
  private decoded: N.Node[] | undefined;
  constructor(
    readonly pos: number,
    public end: number,
    data: unknown[],
    private readonly dec: Decoder,
  ) {
    this.data = data;
  }

  get nodes(): N.Node[] {
    if (this.decoded === undefined) {
      try {
        this.decoded = (this.data as unknown[]).map((c) => this.dec.node(c));
      } catch (e) {
        if (e instanceof Malformed) throw new Error('a stored template parse is malformed (run with --no-cache)');
        throw e;
      }
      this.data = undefined;
    }
    return this.decoded;
  }
}

class Decoder {
  constructor(private readonly src: string) {}

  str(x: unknown, at: number): string {
    if (typeof x === 'string') return x;
    const len = int(x);
    if (at < 0 || len < 0 || at + len > this.src.length) fail();
    return this.src.slice(at, at + len);
  }

  list(x: unknown): N.ListNode {
    const a = arr(x);
    if (a[0] !== LIST) fail();
    return new LazyList(int(a[1]), int(a[2]), arr(a[3]), this);
  }

  pipe(x: unknown): N.PipeNode {
    const a = arr(x);
    if (a[0] !== PIPE) fail();
    const decl = arr(a[5]).map((v) => {
      const d = this.node(v);
      return d.kind === 'variable' ? d : fail();
    });
    const cmds = arr(a[6]).map((c) => {
      const d = this.node(c);
      return d.kind === 'command' ? d : fail();
    });
    return { kind: 'pipe', pos: int(a[1]), end: int(a[2]), line: int(a[3]), isAssign: a[4] === 1, decl, cmds };
  }

  node(x: unknown): N.Node {
    const a = arr(x);
    const pos = int(a[1]);
    const end = int(a[2]);
    switch (a[0]) {
      case LIST:
        return this.list(a);
      case TEXT:
        return { kind: 'text', pos, end, text: this.str(a[3], pos) };
      case COMMENT:
        return { kind: 'comment', pos, end, text: this.str(a[3], pos + 2) };
      case PIPE:
        return this.pipe(a);
      case ACTION:
        return { kind: 'action', pos, end, line: int(a[3]), pipe: this.pipe(a[4]) };
      case COMMAND:
        return { kind: 'command', pos, end, args: arr(a[3]).map((c) => this.node(c)) };
      case IDENT:
        return { kind: 'identifier', pos, end, ident: this.str(a[3], pos) };
      case VARIABLE:
        return { kind: 'variable', pos, end, ident: strings(a[3]) };
      case DOT:
        return { kind: 'dot', pos, end };
      case NIL:
        return { kind: 'nil', pos, end };
      case FIELD:
        return { kind: 'field', pos, end, ident: strings(a[3]) };
      case CHAIN:
        return { kind: 'chain', pos, end, node: this.node(a[3]), field: strings(a[4]) };
      case BOOL:
        return { kind: 'bool', pos, end, value: a[3] === 1 };
      case NUMBER: {
        const t = this.str(a[3], pos);
        const n = parseNumber(t, NUMBER_KINDS[int(a[4])] ?? fail());
        if (typeof n === 'string') fail();
        return { kind: 'number', pos, end, text: t, ...n };
      }
      case STRING: {
        const quoted = this.str(a[3], pos);
        return { kind: 'string', pos, end, quoted, text: a[4] === 0 ? quoted.slice(1, -1) : aString(a[4]) };
      }
      case IF:
      case RANGE:
      case WITH: {
        const kind = a[0] === IF ? 'if' : a[0] === RANGE ? 'range' : 'with';
        const elseList = a[6] === 0 ? null : this.list(a[6]);
        return { kind, pos, end, line: int(a[3]), pipe: this.pipe(a[4]), list: this.list(a[5]), elseList };
      }
      case BREAK:
        return { kind: 'break', pos, end, line: int(a[3]) };
      case CONTINUE:
        return { kind: 'continue', pos, end, line: int(a[3]) };
      case TEMPLATE:
        return {
          kind: 'template', pos, end, line: int(a[3]), name: aString(a[4]),
          nameStart: int(a[5]), nameEnd: int(a[6]), pipe: a[7] === 0 ? null : this.pipe(a[7]),
        };
    }
    return fail();
  }
}

/**
 * decodeTrees rebuilds the trees `encodeTrees` encoded, over the same source `text`. Throws on
 * malformed data (the caller parses the text instead).
 */
export function decodeTrees(data: unknown, text: string): Map<string, N.Tree> {
  const dec = new Decoder(text);
  const trees = new Map<string, N.Tree>();
  for (const x of arr(data)) {
    const a = arr(x);
    const root = dec.list(a[3]);
    const name = text_(a[1]);
    const parseName = text_(a[2]);
    let tree: N.Tree;
    if (a[4] === 0) {
      tree = { name, parseName, text, root };
    } else {
      const d = arr(a[4]);
      tree = { name, parseName, text, root, ...{ defineRange: { start: int(d[0]), end: int(d[1]), nameStart: int(d[2]), nameEnd: int(d[3]) } } };
    }
    trees.set(text_(a[0]), tree);
  }
  return trees;
}

const text_ = aString;
