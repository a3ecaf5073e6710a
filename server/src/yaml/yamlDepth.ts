// Nesting limits of YAML decoding. go-yaml refuses more than 10000 flow levels or 10000 block
// indentation levels ("yaml: exceeded max depth of 10000"), and encoding/json — which
// sigs.k8s.io/yaml runs on the converted document — refuses JSON nested more than 10000 deep
// ("invalid character '[' exceeded max depth"). The `yaml` package composes documents
// recursively (about 16 small frames per level): a deep document overflows the JS stack long
// before Go's limits, and the package catches its own overflow and goes on running near the
// stack's end, where V8 can abort the whole process. So the text's nesting is measured first
// (a linear scan), Go's limits are applied, and deep documents are decoded only when the
// remaining stack can hold them (the CLI renders in a worker with a 256 MB stack; the language
// server has the default one).
import { noteStackOverflow } from '../template/stack-signal';

/** GO_MAX_DEPTH is go-yaml's max_flow_level / max_indents and encoding/json's maxNestingDepth. */
export const GO_MAX_DEPTH = 10000;

/** GO_YAML_DEPTH_ERROR is go-yaml's text past GO_MAX_DEPTH (recorded from helm v4.1.4). */
export const GO_YAML_DEPTH_ERROR = 'yaml: exceeded max depth of 10000';

/** YamlNesting is the nesting a scan found: flow levels, block levels, and both together. */
export interface YamlNesting {
  readonly flow: number;
  readonly block: number;
  readonly total: number;
}

// Below this many levels no document can endanger the stack: the scan is skipped.
const QUICK = 32;
// Probe frames needed per nesting level: the `yaml` composer takes about 16 (measured), the
// decoding and conversions after it as many again.
const FRAMES_PER_LEVEL = 32;

/**
 * maybeDeep is a cheap native pre-filter: nesting of QUICK levels needs QUICK flow brackets or
 * a line indented (with spaces or `- ` entries) by QUICK columns.
 */
function maybeDeep(text: string): boolean {
  if (/^[ \t-]{32}/m.test(text)) return true;
  let n = 0;
  for (let i = text.indexOf('['); i >= 0 && n < QUICK; i = text.indexOf('[', i + 1)) n++;
  for (let i = text.indexOf('{'); i >= 0 && n < QUICK; i = text.indexOf('{', i + 1)) n++;
  return n >= QUICK;
}

// The characters the line scan stops at.
const SPECIAL = /[\n\r"'#[\]{}|>]/g;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09;
const isBreak = (c: number): boolean => c === 0x0a || c === 0x0d;

/**
 * scanNesting measures a YAML text's nesting without parsing it: flow levels (`[`/`{` outside
 * quoted scalars, comments and block scalars) exactly, block levels as go-yaml's indentation
 * stack (a column is pushed by a block sequence entry or mapping key to the right of the
 * current one and popped by a line starting to its left). Quoted scalars may span lines.
 */
export function scanNesting(text: string): YamlNesting {
  if (!maybeDeep(text)) return { flow: 0, block: 0, total: 0 };
  const n = text.length;
  const indents: number[] = [];
  let flow = 0;
  let maxFlow = 0;
  let maxBlock = 0;
  let maxTotal = 0;
  let scalarParent = -2; // inside a block scalar: lines indented more than this belong to it
  let i = 0;
  while (i < n) {
    // Line start.
    let col = 0;
    let p = i;
    while (p < n && text.charCodeAt(p) === 0x20) p++;
    col = p - i;
    const c0 = p < n ? text.charCodeAt(p) : 0x0a;
    const blank = isBreak(c0) || (c0 === 0x23 && flow === 0);
    if (scalarParent > -2) {
      if (blank || col > scalarParent) {
        i = skipLine(text, p);
        continue;
      }
      scalarParent = -2;
    }
    if (blank) {
      i = skipLine(text, p);
      continue;
    }
    if (flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1] > col) indents.pop();
      // Block sequence entries ("- - x" nests on one line), then a mapping key.
      for (;;) {
        const c = text.charCodeAt(p);
        const next = p + 1 < n ? text.charCodeAt(p + 1) : 0x0a;
        if (c === 0x2d && (isSpace(next) || isBreak(next))) {
          const at = p - i;
          if (indents.length === 0 || at > indents[indents.length - 1]) indents.push(at);
          p++;
          while (p < n && isSpace(text.charCodeAt(p))) p++;
          continue;
        }
        break;
      }
      if (looksLikeKey(text, p)) {
        const at = p - i;
        if (indents.length === 0 || at > indents[indents.length - 1]) indents.push(at);
      }
      if (indents.length > maxBlock) maxBlock = indents.length;
    }
    // The rest of the line: flow brackets, quoted scalars, comments, block scalar headers. The
    // regex jumps to the characters that matter; whether one starts a token depends on the
    // character before it.
    const lineStart = p;
    while (p < n) {
      SPECIAL.lastIndex = p;
      const m = SPECIAL.exec(text);
      if (m === null) {
        p = n;
        break;
      }
      p = m.index;
      const c = text.charCodeAt(p);
      if (isBreak(c)) break;
      const prev = p > lineStart ? text.charCodeAt(p - 1) : 0x20;
      const tokenStart = isSpace(prev) || (flow > 0 && (prev === 0x2c || prev === 0x5b || prev === 0x7b));
      if (c === 0x23 && tokenStart) {
        p = skipLine(text, p) - 1;
        break;
      }
      if ((c === 0x22 || c === 0x27) && tokenStart) {
        p = skipQuoted(text, p);
        continue;
      }
      if ((c === 0x5b || c === 0x7b) && (flow > 0 || tokenStart)) {
        flow++;
        if (flow > maxFlow) maxFlow = flow;
        if (flow + indents.length > maxTotal) maxTotal = flow + indents.length;
      } else if ((c === 0x5d || c === 0x7d) && flow > 0) {
        flow--;
      } else if ((c === 0x7c || c === 0x3e) && tokenStart && flow === 0) {
        scalarParent = indents.length > 0 ? indents[indents.length - 1] : -1;
        p = skipLine(text, p) - 1;
        break;
      }
      p++;
    }
    if (indents.length > maxTotal) maxTotal = indents.length;
    i = skipLine(text, p);
  }
  return { flow: maxFlow, block: maxBlock, total: Math.max(maxTotal, maxBlock, maxFlow) };
}

// skipLine returns the index after the line break at or after p.
function skipLine(text: string, p: number): number {
  const j = text.indexOf('\n', p);
  return j < 0 ? text.length : j + 1;
}

// skipQuoted returns the index after the quoted scalar starting at p (to the end if unclosed).
function skipQuoted(text: string, p: number): number {
  const q = text.charCodeAt(p);
  let j = p + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (q === 0x22 && c === 0x5c) j += 2;
    else if (c === q) {
      if (q === 0x27 && text.charCodeAt(j + 1) === 0x27) j += 2;
      else return j + 1;
    } else j++;
  }
  return text.length;
}

// looksLikeKey reports whether the line from p holds a plain or quoted key followed by ": ".
function looksLikeKey(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  if (c === 0x5b || c === 0x7b || c === 0x23 || c === 0x7c || c === 0x3e) return false;
  let j = p;
  if (c === 0x22 || c === 0x27) j = skipQuoted(text, p);
  let le = text.indexOf('\n', j);
  if (le < 0) le = text.length;
  for (let k = text.indexOf(':', j); k >= 0 && k < le; k = text.indexOf(':', k + 1)) {
    const e = k + 1 < text.length ? text.charCodeAt(k + 1) : 0x0a;
    if (isSpace(e) || isBreak(e)) {
      // Not when a comment starts before the colon.
      for (let h = j + 1; h < k; h++) if (text.charCodeAt(h) === 0x23 && isSpace(text.charCodeAt(h - 1))) return false;
      return true;
    }
  }
  return false;
}

function descend(n: number): number {
  return n <= 0 ? 0 : 1 + descend(n - 1);
}

/** stackHolds reports whether the remaining JS stack can decode `levels` nesting levels. */
export function stackHolds(levels: number): boolean {
  try {
    descend(levels * FRAMES_PER_LEVEL);
    return true;
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    noteStackOverflow();
    return false;
  }
}

/** YamlDepthCheck is yamlDepthCheck's verdict. */
export interface YamlDepthCheck {
  /** goError is go-yaml's text (without "error converting YAML to JSON: ") past its limits. */
  readonly goError?: string;
  /** levels is the nesting found; above QUICK, decoding needs stackError's check first. */
  readonly levels: number;
  /** deep: the text may nest close to GO_MAX_DEPTH; the decoded value needs jsonDepthError. */
  readonly deep: boolean;
}

/** yamlDepthCheck applies go-yaml's depth limits to a text (a scan, no parse). */
export function yamlDepthCheck(text: string): YamlDepthCheck {
  const nest = scanNesting(text);
  const deep = nest.total > GO_MAX_DEPTH / 2;
  if (nest.flow > GO_MAX_DEPTH || nest.block > GO_MAX_DEPTH) return { goError: GO_YAML_DEPTH_ERROR, levels: nest.total, deep };
  return { levels: nest.total, deep };
}

/**
 * stackError returns a clear error text when decoding `levels` nesting levels could overflow
 * the remaining JS stack (undefined when it cannot: few levels, or stack enough).
 */
export function stackError(levels: number): string | undefined {
  if (levels <= QUICK || stackHolds(levels)) return undefined;
  return `yaml: document nested ${levels} levels deep is too deep for the JavaScript stack (Helm accepts up to ${GO_MAX_DEPTH})`;
}

/** depthError is yamlDepthCheck's go-yaml error or else stackError's, for uncached decoders. */
export function depthError(text: string): string | undefined {
  const c = yamlDepthCheck(text);
  return c.goError ?? stackError(c.levels);
}

/**
 * jsonDepthError is encoding/json's scanner check on the marshalled value: the first object or
 * array (in JSON text order: map keys sorted) nested more than GO_MAX_DEPTH deep is reported
 * as `invalid character '[' exceeded max depth`. Maps are Map or plain objects, arrays slices.
 */
export function jsonDepthError(v: unknown): string | undefined {
  const stack: { v: unknown; d: number }[] = [{ v, d: 1 }];
  while (stack.length > 0) {
    const top = stack.pop() as { v: unknown; d: number };
    const x = top.v;
    let children: unknown[];
    let ch: string;
    if (Array.isArray(x)) {
      children = x;
      ch = '[';
    } else if (x instanceof Map) {
      children = [...x.keys()].map(String).sort().map((k) => x.get(k));
      ch = '{';
    } else if (x !== null && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
      const o = x as Record<string, unknown>;
      children = Object.keys(o).sort().map((k) => o[k]);
      ch = '{';
    } else continue;
    if (top.d > GO_MAX_DEPTH) return `invalid character '${ch}' exceeded max depth`;
    for (let k = children.length - 1; k >= 0; k--) stack.push({ v: children[k], d: top.d + 1 });
  }
  return undefined;
}
