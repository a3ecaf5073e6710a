// What an `include`/`template` call rendered at one call site, read from the last render's
// source maps: the output segments whose call stack passes through that site (in the first
// output file that executed it), i.e. the text as it appears in the manifest after
// `nindent`/`indent`. Undefined when the call was not rendered or its result was transformed
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
    if (site !== undefined && hi > lo) return file.text.slice(lo, hi);
  }
  return undefined;
}
