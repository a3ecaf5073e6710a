// Problems in the rendered output of a chart, reported at the template text that produced them:
// YAML that does not parse (go-yaml's message, as `helm lint` prints it) and duplicate mapping
// keys (often a `nindent` with the wrong width). Offsets in the output go through the
// renderer's source map to the innermost template node — never to a rendered line.
import { type Node as YamlNode, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { goYamlSyntaxError } from '../helm/yamlErrors';
import { depthError } from '../helm/yamlDepth';
import { type SourceMap, type SourceMapSegment, callStack, segmentAt } from '../template/sourcemap';
import type { DiagnosticCode } from './codes';
import type { RenderOutcome } from './snapshot';

/** RenderedProblem is a problem of the rendered output placed in a template file. */
export interface RenderedProblem {
  /** path: absolute path of the template file. */
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly code: DiagnosticCode;
  readonly message: string;
}

const memo = new WeakMap<RenderOutcome, RenderedProblem[]>();

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

/** documents splits like Helm's releaseutil.SplitManifests (`(?:^|\s*\n)---\s*`), keeping offsets. */
function documents(text: string): Array<{ start: number; text: string }> {
  const sep = /(?:^|\s*\n)---\s*/g;
  const out: Array<{ start: number; text: string }> = [];
  let last = 0;
  for (let m = sep.exec(text); m !== null; m = sep.exec(text)) {
    if (m[0].length === 0) {
      sep.lastIndex++;
      continue;
    }
    out.push({ start: last, text: text.slice(last, m.index) });
    last = m.index + m[0].length;
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

// Rendered texts rarely change all at once: problems are memoized per file text.
const rawMemo = new Map<string, RawProblem[]>();

function checkFile(outcome: RenderOutcome, name: string, text: string, map: SourceMap, out: RenderedProblem[]): void {
  const key = `${name}\u0000${text}`;
  let raw = rawMemo.get(key);
  if (raw === undefined) {
    raw = rawProblems(name, text);
    if (rawMemo.size > 512) rawMemo.clear();
    rawMemo.set(key, raw);
  }
  for (const r of raw) place(outcome, name, text, map, r.pos, r.code, r.message, out);
}

function rawProblems(name: string, text: string): RawProblem[] {
  const out: RawProblem[] = [];
  for (const piece of documents(text)) {
    // Pieces nested past go-yaml's limit or the stack are not parsed (the render reports them).
    if (depthError(piece.text) !== undefined) continue;
    // The same lenient YAML 1.1 reading the Helm decoder uses.
    const doc = parseDocument(piece.text, { version: '1.1', schema: 'failsafe', uniqueKeys: false, merge: false, strict: false, prettyErrors: false });
    if (doc.errors.length > 0) {
      const pos = piece.start + doc.errors[0].pos[0];
      const msg = goYamlSyntaxError(piece.text, doc.errors);
      out.push({ pos, code: 'rendered-yaml-invalid', message: `rendered YAML of ${name} does not parse (output line ${lineAt(text, pos)}): yaml: ${msg}` });
      continue;
    }
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

function place(outcome: RenderOutcome, name: string, text: string, map: SourceMap, pos: number, code: DiagnosticCode, message: string, out: RenderedProblem[]): void {
  // Prefer the first non-blank character of the offending line (where the bad indentation is).
  let p = pos;
  while (p < text.length && (text[p] === ' ' || text[p] === '\t')) p++;
  const found = segmentNear(map, text, p);
  if (found === undefined) {
    const path = outcome.pathOf.get(name);
    if (path !== undefined) out.push({ path, start: 0, end: 0, code, message });
    return;
  }
  const { seg, at } = found;
  const sites = [{ loc: seg.loc, exact: true }, ...callStack(seg).map((s) => ({ loc: s.loc, exact: false }))];
  const seen = new Set<string>();
  for (const { loc, exact } of sites) {
    const path = outcome.pathOf.get(loc.parseName);
    if (path === undefined || seen.has(path)) continue;
    seen.add(path);
    let start = loc.start;
    let end = loc.end;
    if (exact && seg.kind === 'text') {
      // Text is copied verbatim: narrow to the offending line of the text node.
      const src = outcome.textOf.get(loc.parseName) ?? '';
      const off = Math.min(loc.end, loc.start + (at - seg.outStart));
      const ls = src.lastIndexOf('\n', off - 1) + 1;
      const le = src.indexOf('\n', off);
      start = Math.max(loc.start, ls);
      end = Math.min(loc.end, le < 0 ? src.length : le);
      if (end <= start) end = Math.min(loc.end, start + 1);
    }
    out.push({ path, start, end, code, message: exact ? message : `${message} (through this call)` });
  }
}
