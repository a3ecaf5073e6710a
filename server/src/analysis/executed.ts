// What the last render ran, per template file: the source offsets of every node that wrote
// output (source-map segments) and of every include/template call on their stacks. A branch with
// none of them inside did not run (or ran without writing anything). Offsets are mapped from
// the rendered text to the current buffer through their common prefix and suffix, so a render of
// a slightly older text still answers outside the edited region.
import type { RenderOutcome } from './snapshot';

const memo = new WeakMap<RenderOutcome, Map<string, number[]>>();

/** MAX_SEGMENTS bounds the segments indexed per render (huge charts stay quick; beyond: unknown). */
const MAX_SEGMENTS = 2_000_000;

/** ranStarts indexes, per parse name, the sorted source offsets the render wrote output from. */
function ranStarts(outcome: RenderOutcome): Map<string, number[]> | undefined {
  const hit = memo.get(outcome);
  if (hit !== undefined) return hit;
  const by = new Map<string, number[]>();
  const add = (name: string, at: number): void => {
    let l = by.get(name);
    if (l === undefined) by.set(name, (l = []));
    l.push(at);
  };
  const frames = new Set<object>();
  let n = 0;
  for (const f of outcome.files.values()) {
    for (const seg of f.sourceMap?.segments ?? []) {
      if (++n > MAX_SEGMENTS) return undefined;
      add(seg.loc.parseName, seg.loc.start);
      for (let s = seg.stack; s !== null && !frames.has(s); s = s.parent) {
        frames.add(s);
        add(s.loc.parseName, s.loc.start);
      }
    }
  }
  for (const l of by.values()) l.sort((a, b) => a - b);
  memo.set(outcome, by);
  return by;
}

/** anyIn reports whether a sorted list holds a value in [a, b). */
function anyIn(sorted: readonly number[], a: number, b: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < a) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] < b;
}

/**
 * executedIn answers "did the last render run anything in [start, end) of this text?" for the
 * template `engineName` now holding `text`: true, false, or undefined when unknown (no finished
 * render of the file, or the range lies in text edited since).
 */
export function executedIn(outcome: RenderOutcome | undefined, engineName: string, text: string): ((start: number, end: number) => boolean | undefined) | undefined {
  if (outcome === undefined || outcome.error !== undefined) return undefined;
  const old = outcome.textOf.get(engineName);
  if (old === undefined) return undefined;
  const starts = ranStarts(outcome);
  if (starts === undefined) return undefined;
  const mine = starts.get(engineName) ?? [];
  if (old === text) return (a, b) => anyIn(mine, a, b);
  const n = Math.min(old.length, text.length);
  let pre = 0;
  while (pre < n && old.charCodeAt(pre) === text.charCodeAt(pre)) pre++;
  let suf = 0;
  while (suf < n - pre && old.charCodeAt(old.length - 1 - suf) === text.charCodeAt(text.length - 1 - suf)) suf++;
  const shift = old.length - text.length;
  const editEnd = text.length - suf;
  return (a, b) => {
    // Before the edit offsets are unchanged; after it they move by the length difference.
    if (a < pre && anyIn(mine, a, Math.min(b, pre))) return true;
    if (b > editEnd && anyIn(mine, Math.max(a, editEnd) + shift, b + shift)) return true;
    return a < pre && b <= pre ? false : a >= editEnd ? false : undefined;
  };
}
