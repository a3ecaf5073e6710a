// Source maps: which template node produced each range of a rendered output.
//
// The executor records one segment per text node and per printing action, with the stack of
// `template` call sites (and include/tpl calls) that led to it. Segments are appended in output
// order; a segment may contain deeper segments (an action printing an include result contains the
// include's own segments), so lookups pick the innermost segment covering an offset.
//
// Include results (strings returned by functions) are attributed by this rule (best effort):
// when an action prints a string, every include/tpl result produced while evaluating that action
// (most recent first) is searched for as an exact substring of the printed text, left to right,
// without overlaps; each match adds that include's segments, shifted, under the call site of the
// action. Text transformed after the include (`nindent`, `upper`, ...) is attributed only to the
// action itself, except that for `indent`/`nindent`-style transformations each line of the
// include output that still appears verbatim after the indentation is matched line by line.

/** SourceLocation is a range of template source: UTF-16 offsets in the file `parseName`. */
export interface SourceLocation {
  /** parseName is the file the node was parsed from. */
  readonly parseName: string;
  /** templateName is the template (file or define) that was executing. */
  readonly templateName: string;
  readonly start: number;
  readonly end: number;
}

/** CallKind says how a call site entered the next template. */
export type CallKind = 'template' | 'include' | 'tpl';

/** CallSite is one frame of the template call stack (innermost first via `parent`). */
export interface CallSite {
  readonly loc: SourceLocation;
  readonly kind: CallKind;
  readonly parent: CallSite | null;
}

/** SegmentKind tells whether output came from template text or from an action's value. */
export type SegmentKind = 'text' | 'action';

/** SourceMapSegment maps output [outStart, outEnd) (UTF-16 offsets) to the node that wrote it. */
export interface SourceMapSegment {
  readonly outStart: number;
  readonly outEnd: number;
  readonly kind: SegmentKind;
  readonly loc: SourceLocation;
  /** stack is the call site that invoked the template containing `loc` (null at top level). */
  readonly stack: CallSite | null;
}

/** SourceMap is the list of segments of one rendered output, in output order. */
export interface SourceMap {
  readonly segments: readonly SourceMapSegment[];
}

/**
 * clipText narrows a text segment's location when the segment is cut: a text node is copied
 * verbatim, so dropping `head` output characters drops `head` source characters (and `tail` at
 * the end). This keeps the invariant every consumer relies on: output offset `outStart + k` of a
 * text segment comes from source offset `loc.start + k`.
 */
function clipText(loc: SourceLocation, head: number, tail: number): SourceLocation {
  if (head === 0 && tail === 0) return loc;
  const start = Math.min(loc.end, loc.start + head);
  return { ...loc, start, end: Math.max(start, loc.end - tail) };
}

/** SourceMapBuilder accumulates segments during one execution. */
export class SourceMapBuilder {
  readonly segments: SourceMapSegment[] = [];

  /** add records a segment (empty ranges are skipped). */
  add(outStart: number, outEnd: number, kind: SegmentKind, loc: SourceLocation, stack: CallSite | null): void {
    if (outEnd <= outStart) return;
    this.segments.push({ outStart, outEnd, kind, loc, stack });
  }

  /**
   * addShifted adds the segments of an inner map (an include/tpl result) found at `offset` of the
   * current output, re-rooting their stacks under `site`. Pieces of one include result added by
   * several calls pass the same `site` and `memo`, so one execution keeps one set of frames.
   */
  addShifted(inner: readonly SourceMapSegment[], offset: number, from: number, to: number, site: CallSite, memo = new Map<CallSite, CallSite>()): void {
    const reroot = (s: CallSite | null): CallSite => {
      if (s === null) return site;
      const m = memo.get(s);
      if (m !== undefined) return m;
      const r: CallSite = { loc: s.loc, kind: s.kind, parent: reroot(s.parent) };
      memo.set(s, r);
      return r;
    };
    for (const seg of inner) {
      const a = Math.max(seg.outStart, from);
      const b = Math.min(seg.outEnd, to);
      if (b <= a) continue;
      this.segments.push({
        outStart: a - from + offset,
        outEnd: b - from + offset,
        kind: seg.kind,
        loc: seg.kind === 'text' ? clipText(seg.loc, a - seg.outStart, seg.outEnd - b) : seg.loc,
        stack: reroot(seg.stack),
      });
    }
  }

  /** build returns the finished map. */
  build(): SourceMap {
    return { segments: this.segments };
  }
}

/** segmentAt returns the innermost segment covering output offset `off`, or undefined. */
export function segmentAt(map: SourceMap, off: number): SourceMapSegment | undefined {
  let best: SourceMapSegment | undefined;
  for (const s of map.segments) {
    if (s.outStart <= off && off < s.outEnd) {
      if (best === undefined || s.outEnd - s.outStart <= best.outEnd - best.outStart) best = s;
    }
  }
  return best;
}

/** callStack lists a segment's call sites, innermost first. */
export function callStack(seg: SourceMapSegment): CallSite[] {
  const out: CallSite[] = [];
  for (let s = seg.stack; s !== null; s = s.parent) out.push(s);
  return out;
}

/** IncludeResult is a string returned by include/tpl together with its own source map. */
export interface IncludeResult {
  readonly text: string;
  readonly segments: readonly SourceMapSegment[];
  readonly kind: CallKind;
}

/**
 * attachIncludes applies the attribution rule described at the top of this file: `printed` was
 * written at `outStart`; `results` are the include/tpl results produced while evaluating it.
 */
export function attachIncludes(
  b: SourceMapBuilder,
  printed: string,
  outStart: number,
  results: readonly IncludeResult[],
  site: (kind: CallKind) => CallSite,
): void {
  const taken: Array<[number, number]> = [];
  const free = (a: number, z: number): boolean => taken.every(([x, y]) => z <= x || a >= y);
  for (let r = results.length - 1; r >= 0; r--) {
    const res = results[r];
    if (res.text.length === 0 || res.segments.length === 0) continue;
    const at = printed.indexOf(res.text);
    if (at >= 0 && free(at, at + res.text.length)) {
      taken.push([at, at + res.text.length]);
      b.addShifted(res.segments, outStart + at, 0, res.text.length, site(res.kind));
      continue;
    }
    // Line by line (indent/nindent keep each line's text after the added spaces). Every line of
    // the result hangs under the same frames: they are one execution of the call.
    const lineSite = site(res.kind);
    const memo = new Map<CallSite, CallSite>();
    let lineStart = 0;
    let searchFrom = 0;
    while (lineStart < res.text.length) {
      let nl = res.text.indexOf('\n', lineStart);
      if (nl === -1) nl = res.text.length;
      const line = res.text.slice(lineStart, nl);
      if (line.trim().length > 0) {
        const pos = printed.indexOf(line, searchFrom);
        if (pos >= 0 && free(pos, pos + line.length)) {
          taken.push([pos, pos + line.length]);
          b.addShifted(res.segments, outStart + pos, lineStart, nl, lineSite, memo);
          searchFrom = pos + line.length;
        }
      }
      lineStart = nl + 1;
    }
  }
}
