// Problems in the rendered output of a chart, reported at the template text that produced them:
// YAML that does not parse (go-yaml's message, as `helm lint` prints it) and duplicate mapping
// keys (often a `nindent` with the wrong width). Offsets in the output go through the
// renderer's source map to the innermost template node — never to a rendered line.
import { type Node as YamlNode, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { checkGoYaml } from '../yaml/goyaml/compose';
import { depthError } from '../yaml/yamlDepth';
import { type SourceLocation, type SourceMap, type SourceMapSegment, callStack, segmentAt } from '../template/sourcemap';
import type { DiagnosticCode } from './codes';
import type { RenderOutcome } from './snapshot';
import type { RelatedInfo } from './types';

/** RenderedProblem is a problem of the rendered output placed in a template file. */
export interface RenderedProblem {
  /** path: absolute path of the template file. */
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly code: DiagnosticCode;
  readonly message: string;
  /** related: the include stack (call sites) and, for a re-indented define, the define's line. */
  readonly related?: readonly RelatedInfo[];
}

const memo = new WeakMap<RenderOutcome, RenderedProblem[]>();

/**
 * provideRenderedProblems records the problems of an outcome computed elsewhere (the render
 * worker ships them with the outcome, so this thread never re-parses rendered YAML).
 */
export function provideRenderedProblems(outcome: RenderOutcome, problems: readonly RenderedProblem[]): void {
  memo.set(outcome, [...problems]);
}

/** renderedProblems lists the output problems of a render (memoized per outcome). */
export function renderedProblems(outcome: RenderOutcome): RenderedProblem[] {
  const hit = memo.get(outcome);
  if (hit !== undefined) return hit;
  const out: RenderedProblem[] = [];
  for (const [name, file] of outcome.files) {
    if (!/\.ya?ml$/i.test(name) || file.sourceMap === undefined || file.text.trim() === '') continue;
    checkFile(outcome, name, file.text, file.sourceMap, out);
  }
  memo.set(outcome, out);
  return out;
}

const SPACE = /\s/;

/**
 * documents splits like Helm's releaseutil.SplitManifests (`(?:^|\s*\n)---\s*`), keeping offsets.
 * Scanned by hand: that regex backtracks quadratically over long runs of indentation (seconds
 * on a megabyte CRD).
 */
export function documents(text: string): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  let last = 0;
  for (let pos = text.indexOf('---'); pos >= 0; pos = text.indexOf('---', pos + 1)) {
    // `^---` (the text's start) or `\s*\n---` with the newline after the previous separator.
    if (!(pos === 0 || (pos - 1 >= last && text.charCodeAt(pos - 1) === 10))) continue;
    let start = pos === 0 ? 0 : pos - 1;
    while (start > last && SPACE.test(text[start - 1])) start--;
    let end = pos + 3;
    while (end < text.length && SPACE.test(text[end])) end++;
    out.push({ start: last, text: text.slice(last, start) });
    last = end;
    pos = end - 1;
  }
  out.push({ start: last, text: text.slice(last) });
  return out.filter((d) => d.text.trim() !== '');
}

/** RawProblem is a problem at an offset of one rendered file (independent of the source map). */
interface RawProblem {
  readonly pos: number;
  readonly code: DiagnosticCode;
  readonly message: string;
}

// Rendered texts rarely change all at once: each file's problems are kept for its last text
// (one entry per file name: bounded by the files of the charts, never by the number of edits).
const rawMemo = new Map<string, { readonly text: string; readonly raw: RawProblem[] }>();
const MAX_MEMO_FILES = 4096;

function checkFile(outcome: RenderOutcome, name: string, text: string, map: SourceMap, out: RenderedProblem[]): void {
  let hit = rawMemo.get(name);
  if (hit === undefined || hit.text !== text) {
    if (hit === undefined && rawMemo.size >= MAX_MEMO_FILES) rawMemo.clear();
    hit = { text, raw: rawProblems(name, text) };
    rawMemo.set(name, hit);
  }
  for (const r of hit.raw) place(outcome, name, text, map, r.pos, r.code, r.message, out);
}

function rawProblems(name: string, text: string): RawProblem[] {
  const out: RawProblem[] = [];
  for (const piece of documents(text)) {
    // Pieces nested past go-yaml's limit or the stack are not parsed (the render reports them).
    if (depthError(piece.text) !== undefined) continue;
    // The same lenient YAML 1.1 reading the Helm decoder uses.
    // go-yaml's verdict (yaml/goyaml/, the port Helm's decoding uses).
    const bad = checkGoYaml(piece.text);
    if (bad !== undefined) {
      const pos = piece.start + Buffer.from(piece.text, 'utf8').subarray(0, bad.offset).toString('utf8').length;
      // go-yaml's own line number counts in the document and may name the line before the
      // offending one: the message names one line, the output line of the offending text.
      const msg = bad.message.replace(/^yaml: (line \d+: )?/, '');
      out.push({ pos, code: 'rendered-yaml-invalid', message: `rendered YAML of ${name} does not parse at output line ${lineAt(text, pos)}: yaml: ${msg}` });
      continue;
    }
    const doc = parseDocument(piece.text, { version: '1.1', schema: 'failsafe', uniqueKeys: false, merge: false, strict: false, prettyErrors: false });
    if (doc.errors.length > 0) continue;
    // Duplicate keys (a Set per mapping: the yaml package's own check is quadratic).
    const visit = (n: YamlNode | null | undefined, depth: number): void => {
      if (n === null || n === undefined || depth > 200) return;
      if (isMap(n)) {
        const seen = new Set<string>();
        for (const item of n.items) {
          const k = item.key;
          if (isScalar(k)) {
            const ks = String(k.value);
            if (seen.has(ks) && k.range !== undefined && k.range !== null) {
              const pos = piece.start + k.range[0];
              out.push({ pos, code: 'rendered-duplicate-key', message: `rendered YAML of ${name} repeats the key ${JSON.stringify(ks)} (output line ${lineAt(text, pos)}); the last one wins` });
            }
            seen.add(ks);
          }
          visit(item.value as YamlNode | null, depth + 1);
        }
      } else if (isSeq(n)) {
        for (const item of n.items) visit(item as YamlNode | null, depth + 1);
      }
    };
    visit(doc.contents as YamlNode | null, 0);
  }
  return out;
}

function lineAt(text: string, pos: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** segmentNear finds the segment covering `pos`, else the nearest one before it on the same or earlier lines. */
function segmentNear(map: SourceMap, text: string, pos: number): { seg: SourceMapSegment; at: number } | undefined {
  for (let p = Math.min(pos, text.length - 1); p >= 0 && pos - p < 2000; p--) {
    if (text.charCodeAt(p) === 10 && p !== pos) continue;
    const seg = segmentAt(map, p);
    if (seg !== undefined) return { seg, at: p };
  }
  return undefined;
}

/** sameLoc tells whether two source locations are the same node. */
function sameLoc(a: SourceLocation, b: SourceLocation): boolean {
  return a.parseName === b.parseName && a.start === b.start && a.end === b.end;
}

/** Spot is a template range (absolute path) a problem is reported at or related to. */
interface Spot {
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

/**
 * spotOf is the template range of `loc`; for a text node written verbatim, `at` (an output
 * offset inside `seg`) narrows it to the template line that wrote that output line.
 */
function spotOf(outcome: RenderOutcome, loc: SourceLocation, seg: SourceMapSegment | undefined, at: number): Spot | undefined {
  const path = outcome.pathOf.get(loc.parseName);
  if (path === undefined) return undefined;
  if (seg === undefined || seg.kind !== 'text') return { path, start: loc.start, end: loc.end };
  const src = outcome.textOf.get(loc.parseName) ?? '';
  const off = Math.min(loc.end, loc.start + (at - seg.outStart));
  const ls = src.lastIndexOf('\n', off - 1) + 1;
  const le = src.indexOf('\n', off);
  const start = Math.max(loc.start, ls);
  let end = Math.min(loc.end, le < 0 ? src.length : le);
  if (end <= start) end = Math.min(loc.end, start + 1);
  return { path, start, end };
}

/** frames are the call sites that led to a segment, as related locations (innermost first). */
function frames(outcome: RenderOutcome, seg: SourceMapSegment): RelatedInfo[] {
  const out: RelatedInfo[] = [];
  for (const c of callStack(seg)) {
    const path = outcome.pathOf.get(c.loc.parseName);
    if (path !== undefined) out.push({ location: { path, start: c.loc.start, end: c.loc.end }, message: `${c.kind} call in ${c.loc.templateName}` });
  }
  return out;
}

/**
 * place reports a problem at output offset `pos` of the rendered file `name` at the template text
 * that wrote it. `blameIndent`: when an action re-indented another node's text (`include … |
 * nindent N`), report at that action (a YAML syntax problem is the width's fault) rather than at
 * the text (a schema problem is the text's).
 */
export function place(outcome: RenderOutcome, name: string, text: string, map: SourceMap, pos: number, code: DiagnosticCode, message: string, out: RenderedProblem[], blameIndent = true): void {
  // Prefer the first non-blank character of the offending line (where the bad indentation is);
  // a position at a line's end (go-yaml's view of a bad indent) means the next token.
  let p = pos;
  while (p < text.length && (text[p] === ' ' || text[p] === '\t')) p++;
  if (text[p] === '\n' || text[p] === '\r') {
    let q = p;
    while (q < text.length && /\s/.test(text[q])) q++;
    if (q < text.length) p = q;
  }
  const found = segmentNear(map, text, p);
  if (found === undefined) {
    const path = outcome.pathOf.get(name);
    if (path !== undefined) out.push({ path, start: 0, end: 0, code, message });
    return;
  }
  const { seg, at } = found;
  // The node that wrote the line's indentation, when another node wrote its content: an
  // `include … | nindent N` action re-indenting a define's text chose the width. The problem is
  // reported once there, with the define's line as related information (the define is innocent).
  const ls = text.lastIndexOf('\n', p - 1) + 1;
  const indent = p > ls && at === p ? segmentAt(map, ls) : undefined;
  if (blameIndent && indent !== undefined && indent !== seg && !sameLoc(indent.loc, seg.loc) && indent.outEnd > p) {
    const where = spotOf(outcome, indent.loc, indent, ls);
    const what = spotOf(outcome, seg.loc, seg, at);
    if (where !== undefined) {
      const related: RelatedInfo[] = [];
      if (what !== undefined) related.push({ location: what, message: `this text of ${JSON.stringify(seg.loc.templateName)} is indented by the call` });
      related.push(...frames(outcome, indent));
      out.push({ ...where, code, message, related });
      return;
    }
  }
  // Otherwise at the node that wrote the line, and at each call site (in other files) that led
  // there, all with the include stack as related information.
  const related = frames(outcome, seg);
  const first = spotOf(outcome, seg.loc, seg, at);
  if (first !== undefined) out.push({ ...first, code, message, related });
  const seen = new Set<string>(first !== undefined ? [first.path] : []);
  for (const c of callStack(seg)) {
    const path = outcome.pathOf.get(c.loc.parseName);
    if (path === undefined || seen.has(path)) continue;
    seen.add(path);
    const back: RelatedInfo[] = first !== undefined ? [{ location: first, message: `the output line comes from ${seg.loc.templateName}` }] : [];
    out.push({ path, start: c.loc.start, end: c.loc.end, code, message: `${message} (through this call)`, related: back });
  }
}
