// What an `include`/`template` call rendered at one call site, read from the last render's
// source maps: the output segments whose call stack passes through that site (in the first
// output file that executed it), i.e. the text as it appears in the manifest after
// `nindent`/`indent` (every line of it, shifted left by the indentation they share). Undefined when the call was not rendered or its result was transformed
// beyond recognition (hover then falls back to a preview with the chart context).
import type { DocChart, Snapshot } from './snapshot';

/** MAX_SCAN bounds the segments inspected per file (huge charts: hover must stay quick). */
const MAX_SCAN = 200_000;

/** renderedAtCallSite returns the output of the include/template call at `offset`, if the last render recorded it. */
export function renderedAtCallSite(snap: Snapshot, dc: DocChart, offset: number): string | undefined {
  const outcome = snap.lastRender(dc.model);
  if (outcome === undefined) return undefined;
  const name = dc.engineName;
  for (const file of outcome.files.values()) {
    const segs = file.sourceMap?.segments;
    if (segs === undefined) continue;
    let lo = Infinity;
    let hi = -Infinity;
    let site: object | undefined;
    const n = Math.min(segs.length, MAX_SCAN);
    for (let i = 0; i < n; i++) {
      const seg = segs[i];
      for (let s = seg.stack; s !== null; s = s.parent) {
        if (s.kind === 'tpl' || s.loc.parseName !== name || offset < s.loc.start || offset > s.loc.end) continue;
        // One execution of the site: the first one met (a `range` may execute it again).
        if (site === undefined) site = s;
        if (s === site) {
          lo = Math.min(lo, seg.outStart);
          hi = Math.max(hi, seg.outEnd);
        }
        break;
      }
    }
    if (site !== undefined && hi > lo) return dedent(file.text, lo, hi);
  }
  return undefined;
}

/** dedent returns text[lo, hi) from the start of its first line when only indentation precedes it, without the indentation all its lines share. */
function dedent(text: string, lo: number, hi: number): string {
  const ls = text.lastIndexOf('\n', lo - 1) + 1;
  const start = /^[ \t]*$/.test(text.slice(ls, lo)) ? ls : lo;
  const lines = text.slice(start, hi).split('\n');
  let common = Infinity;
  for (const l of lines) if (l.trim() !== '') common = Math.min(common, l.length - l.trimStart().length);
  if (!Number.isFinite(common) || common === 0) return lines.join('\n');
  return lines.map((l) => l.slice(Math.min(common, l.length - l.trimStart().length))).join('\n');
}
