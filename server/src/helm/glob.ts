// Package glob: github.com/gobwas/glob as Helm's `.Files.Glob` uses it (separator '/').
//
// Syntax: `*` any run of non-separator characters, `**` any run including separators, `?` one
// non-separator character, `[abc]` / `[a-z]` / `[!abc]` classes (which, as in gobwas, also match
// '/'), `{a,b}` alternatives, `\` escapes. A malformed pattern throws (Helm then falls back to
// "**").
//
// Matching runs a Thompson NFA over the name's UTF-16 code units (one pass, a set of states):
// time is O(len(name) × len(pattern)) whatever the stars, where a backtracking matcher takes
// exponential time on `*a*a*a*a*a*a*a*a*a*a*a*a*b` against a long name. Code units, not code
// points, keep the semantics this matcher had as a JS RegExp (without the `u` flag): `?` is one
// unit, so `a?b` does not match "a😀b" — as in Helm, whose fixed-length gobwas "row" matcher
// compares the name's byte length with the pattern's rune count.
//
// Known difference from gobwas: that byte-length check also makes `a?b` fail on "aéb" in Helm
// (2 bytes, 1 unit); here it matches.

/** GlobError is a pattern syntax error. */
export class GlobError extends Error {}

/** GlobNode is one element of a parsed pattern. */
export type GlobNode =
  | { readonly k: 'lit'; readonly c: number }
  | { readonly k: 'any' }
  | { readonly k: 'super' }
  | { readonly k: 'single' }
  | { readonly k: 'class'; readonly neg: boolean; readonly ranges: readonly (readonly [number, number])[] }
  | { readonly k: 'alt'; readonly alts: readonly (readonly GlobNode[])[] };

const SLASH = 0x2f;

/** lits appends a literal character as one node per UTF-16 unit. */
function lits(out: GlobNode[], ch: string): void {
  for (let u = 0; u < ch.length; u++) out.push({ k: 'lit', c: ch.charCodeAt(u) });
}

/** parseGlob parses a gobwas/glob pattern; throws GlobError on a malformed one. */
export function parseGlob(pattern: string): GlobNode[] {
  const chars = [...pattern];
  let i = 0;
  const parse = (inAlt: boolean): GlobNode[] => {
    const out: GlobNode[] = [];
    while (i < chars.length) {
      const c = chars[i];
      if (inAlt && (c === ',' || c === '}')) return out;
      i++;
      switch (c) {
        case '\\':
          if (i >= chars.length) throw new GlobError('unexpected end of input');
          lits(out, chars[i++]);
          break;
        case '*':
          if (chars[i] === '*') {
            while (chars[i] === '*') i++;
            out.push({ k: 'super' });
          } else out.push({ k: 'any' });
          break;
        case '?':
          out.push({ k: 'single' });
          break;
        case '[': {
          let neg = false;
          if (chars[i] === '!') {
            neg = true;
            i++;
          }
          const ranges: [number, number][] = [];
          let n = 0;
          while (i < chars.length && chars[i] !== ']') {
            let lo = chars[i++];
            if (lo === '\\') lo = chars[i++] ?? '';
            if (chars[i] === '-' && chars[i + 1] !== undefined && chars[i + 1] !== ']') {
              i++;
              let hi = chars[i++];
              if (hi === '\\') hi = chars[i++] ?? '';
              if (hi < lo) throw new GlobError('hi character should be greater than lo character');
              // As in a non-`u` RegExp class: an astral end is two units, the range binds the
              // inner ones ("a-😀" is a..\uD83D plus \uDE00).
              for (let u = 0; u < lo.length - 1; u++) ranges.push([lo.charCodeAt(u), lo.charCodeAt(u)]);
              ranges.push([lo.charCodeAt(lo.length - 1), hi.charCodeAt(0)]);
              for (let u = 1; u < hi.length; u++) ranges.push([hi.charCodeAt(u), hi.charCodeAt(u)]);
            } else {
              for (let u = 0; u < lo.length; u++) ranges.push([lo.charCodeAt(u), lo.charCodeAt(u)]);
            }
            n++;
          }
          if (i >= chars.length || n === 0) throw new GlobError('unexpected end of input');
          i++; // ']'
          out.push({ k: 'class', neg, ranges });
          break;
        }
        case '{': {
          const alts: GlobNode[][] = [];
          for (;;) {
            alts.push(parse(true));
            if (i >= chars.length) throw new GlobError('unexpected end of input');
            const d = chars[i++];
            if (d === '}') break;
          }
          out.push({ k: 'alt', alts });
          break;
        }
        default:
          lits(out, c);
      }
    }
    if (inAlt) throw new GlobError('unexpected end of input');
    return out;
  };
  return parse(false);
}

// NFA states: a character test with one successor, a split (epsilon edges), or the final state.
type State =
  | { readonly t: 'char'; readonly test: (c: number) => boolean; next: number }
  | { readonly t: 'split'; outs: number[] }
  | { readonly t: 'match' };

const notSlash = (c: number): boolean => c !== SLASH;
const anyChar = (): boolean => true;

/** Nfa is a compiled pattern. */
export class Nfa {
  private readonly states: State[] = [{ t: 'match' }];
  private readonly start: number;

  constructor(nodes: readonly GlobNode[]) {
    this.start = this.seq(nodes, 0);
  }

  private add(s: State): number {
    this.states.push(s);
    return this.states.length - 1;
  }

  /** seq compiles nodes so that they lead to state `next`; returns the entry state. */
  private seq(nodes: readonly GlobNode[], next: number): number {
    let n = next;
    for (let j = nodes.length - 1; j >= 0; j--) n = this.node(nodes[j], n);
    return n;
  }

  private node(nd: GlobNode, next: number): number {
    switch (nd.k) {
      case 'lit': {
        const want = nd.c;
        return this.add({ t: 'char', test: (c) => c === want, next });
      }
      case 'single':
        return this.add({ t: 'char', test: notSlash, next });
      case 'class': {
        const { neg, ranges } = nd;
        const test = (c: number): boolean => {
          let inside = false;
          for (const [lo, hi] of ranges) {
            if (lo <= c && c <= hi) {
              inside = true;
              break;
            }
          }
          return inside !== neg;
        };
        return this.add({ t: 'char', test, next });
      }
      case 'any':
      case 'super': {
        const loop: State = { t: 'split', outs: [] };
        const l = this.add(loop);
        const step = this.add({ t: 'char', test: nd.k === 'any' ? notSlash : anyChar, next: l });
        loop.outs = [step, next];
        return l;
      }
      case 'alt': {
        const outs = nd.alts.map((a) => this.seq(a, next));
        return this.add({ t: 'split', outs });
      }
    }
  }

  /** matches runs the automaton over the name's UTF-16 code units. */
  matches(name: string): boolean {
    const n = this.states.length;
    let cur: number[] = [];
    let nxt: number[] = [];
    const mark = new Int32Array(n).fill(-1);
    let gen = 0;
    const addState = (list: number[], s: number): void => {
      // Iterative epsilon closure; `mark` dedups states per step.
      const stack = [s];
      while (stack.length > 0) {
        const x = stack.pop() as number;
        if (mark[x] === gen) continue;
        mark[x] = gen;
        const st = this.states[x];
        if (st.t === 'split') {
          for (let j = st.outs.length - 1; j >= 0; j--) stack.push(st.outs[j]);
        } else list.push(x);
      }
    };
    addState(cur, this.start);
    for (let k = 0; k < name.length; k++) {
      if (cur.length === 0) return false;
      const c = name.charCodeAt(k);
      gen++;
      nxt.length = 0;
      for (const x of cur) {
        const st = this.states[x];
        if (st.t === 'char' && st.test(c)) addState(nxt, st.next);
      }
      [cur, nxt] = [nxt, cur];
    }
    return cur.includes(0);
  }
}

/** compileGlob compiles a gobwas/glob pattern with '/' as separator. */
export function compileGlob(pattern: string): Nfa {
  return new Nfa(parseGlob(pattern));
}

/** globMatcher returns Helm's matcher for a pattern: an invalid pattern silently becomes "**". */
export function globMatcher(pattern: string): (name: string) => boolean {
  let nfa: Nfa;
  try {
    nfa = compileGlob(pattern);
  } catch (e) {
    if (!(e instanceof GlobError)) throw e;
    return () => true;
  }
  return (name) => nfa.matches(name);
}
