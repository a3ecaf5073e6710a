// Inlay hints with values: after an action that prints a `.Values` read (`{{ .Values.image.tag }}`,
// `{{ .Values.image.tag | default .Chart.AppVersion }}`), the text it printed in the last
// finished render, read from that render's source maps (an action's segment is its printed
// output). Inside range/include bodies the first evaluation's value is shown with the number of
// evaluations. Never renders: without a render of exactly this text, there are no hints.
import type * as N from '../template/parse/node';
import type { RenderOutcome, Snapshot } from './snapshot';

/** ValueHint is one hint: shown at `offset`, `label` short, `tooltip` longer (plain text). */
export interface ValueHint {
  readonly offset: number;
  readonly label: string;
  readonly tooltip: string;
}

/** MAX_LABEL bounds a hint's value text (characters); MAX_TOOLTIP the tooltip's. */
const MAX_LABEL = 32;
const MAX_TOOLTIP = 500;

interface Printed {
  readonly first: string;
  count: number;
  lastFile: string;
  lastEnd: number;
}

const memo = new WeakMap<RenderOutcome, Map<string, Map<number, Printed>>>();

/** printedActions indexes, per parse name and action end offset, what the action printed. */
function printedActions(outcome: RenderOutcome): Map<string, Map<number, Printed>> {
  const hit = memo.get(outcome);
  if (hit !== undefined) return hit;
  const by = new Map<string, Map<number, Printed>>();
  for (const [file, f] of outcome.files) {
    for (const seg of f.sourceMap?.segments ?? []) {
      if (seg.kind !== 'action') continue;
      let m = by.get(seg.loc.parseName);
      if (m === undefined) by.set(seg.loc.parseName, (m = new Map()));
      const p = m.get(seg.loc.end);
      const text = f.text.slice(seg.outStart, seg.outEnd);
      if (p === undefined) m.set(seg.loc.end, { first: text, count: 1, lastFile: file, lastEnd: seg.outEnd });
      else {
        // Pieces of one printed value cut line by line (`include … | nindent`) are one evaluation.
        const gap = p.lastFile === file && seg.outStart >= p.lastEnd ? f.text.slice(p.lastEnd, seg.outStart) : undefined;
        if (gap === undefined || !/^\s*$/.test(gap)) p.count++;
        p.lastFile = file;
        p.lastEnd = seg.outEnd;
      }
    }
  }
  memo.set(outcome, by);
  return by;
}

/** readsValues: an operand reading `.Values…` or `$.Values…`. */
function readsValues(n: N.Node): boolean {
  return (n.kind === 'field' && n.ident[0] === 'Values') || (n.kind === 'variable' && n.ident[0] === '$' && n.ident[1] === 'Values');
}

const NOT_SIMPLE = new Set(['include', 'tpl', 'template']);

/** simpleValuesPipe: the pipeline starts with a `.Values` read (alone or as a function's argument) and calls no include/tpl. */
function simpleValuesPipe(p: N.PipeNode): boolean {
  if (p.decl.length > 0 || p.cmds.length === 0) return false;
  for (const c of p.cmds) {
    const fn = c.args[0];
    if (fn?.kind === 'identifier' && NOT_SIMPLE.has(fn.ident)) return false;
  }
  return p.cmds[0].args.some(readsValues);
}

function actions(trees: Iterable<N.Tree>): N.ActionNode[] {
  const out: N.ActionNode[] = [];
  const visit = (n: N.Node | null): void => {
    if (n === null) return;
    if (n.kind === 'list') n.nodes.forEach(visit);
    else if (n.kind === 'action') out.push(n);
    else if (n.kind === 'if' || n.kind === 'with' || n.kind === 'range') {
      visit(n.list);
      visit(n.elseList);
    }
  };
  for (const t of trees) visit(t.root);
  return out;
}

/** shorten makes a one-line label of at most MAX_LABEL characters. */
function shorten(s: string): string {
  const one = s.trim().replace(/\s*\n\s*/g, ' ⏎ ');
  return one.length > MAX_LABEL ? one.slice(0, MAX_LABEL - 1) + '…' : one;
}

/** valueHints returns the hints of the template at `path` within [from, to) (offsets). */
export function valueHints(snap: Snapshot, path: string, from = 0, to = Infinity): ValueHint[] {
  const dc = snap.docChart(path);
  const text = snap.text(path);
  if (dc === undefined || dc.kind !== 'template' || text === undefined) return [];
  const outcome = snap.lastRender(dc.model);
  // Offsets of an older text would put values at the wrong actions.
  if (outcome === undefined || outcome.textOf.get(dc.engineName) !== text) return [];
  const printed = printedActions(outcome).get(dc.engineName);
  if (printed === undefined) return [];
  const out: ValueHint[] = [];
  for (const a of actions(snap.parse(path, text).trees.values())) {
    if (a.end < from || a.end > to || !simpleValuesPipe(a.pipe)) continue;
    const p = printed.get(a.end);
    if (p === undefined) continue;
    const times = p.count > 1 ? ` (×${p.count})` : '';
    const full = p.first.length > MAX_TOOLTIP ? p.first.slice(0, MAX_TOOLTIP) + '…' : p.first;
    const tip = p.count > 1 ? `Printed ${p.count} times in the last render; the first time:\n${full}` : `Printed in the last render:\n${full}`;
    out.push({ offset: a.pipe.end, label: `= ${shorten(p.first)}${times}`, tooltip: tip });
  }
  return out;
}
