// Where the templates of a chart tree read values: one walk over every template (the same operand
// resolution as find references: direct reads, `$`, with/range/variables, `index .Values.a "b"`,
// defines through the contexts their callers passed in the last render), indexed by the chart
// whose values are read (a parent's `.Values.child.key` counts for the child's `key`, as in find
// references) and the key path. Every segment of a read counts as a read of that prefix.
// Memoized per model and template versions: CodeLens, values-file hover and completion share it.
import type { Chart } from '../chart/loader';
import { contextSym } from './definectx';
import { type ChartModel, valuesOwner } from './model';
import { indexPaths, operandPaths, visitTrees } from './references';
import { type Sym, walkAll } from './scope';
import type { DocChart, Snapshot } from './snapshot';
import type { Location } from './types';
import { chartPrefixes, isCovered, treeReads } from './valuesreads';
import { type ValuesTarget, valuesTarget } from './valuestarget';

/** ReadIndex maps, per chart, a key path (joined with NUL) to the template places reading it. */
export interface ReadIndex {
  /** reads returns the places reading `path` of chart `c` (globals: read by any chart). */
  reads(c: Chart, path: readonly string[]): readonly Location[];
  /** children lists the keys templates read directly below `path` of chart `c`, with their first reader. */
  children(c: Chart, path: readonly string[]): ReadonlyMap<string, Location>;
}

const SEP = '\u0000';

function chartKey(c: Chart): string {
  return `${c.origin.archive ?? ''}|${c.origin.path}`;
}

const memo = new WeakMap<ChartModel, { key: string; index: ReadIndex }>();

/** readIndex returns the tree's read index (built once per template versions). */
export function readIndex(snap: Snapshot, dc: DocChart): ReadIndex {
  const key = snap.renderKey(dc.model);
  const hit = memo.get(dc.model);
  if (hit !== undefined && hit.key === key) return hit.index;
  const index = build(snap, dc);
  memo.set(dc.model, { key, index });
  return index;
}

function build(snap: Snapshot, dc: DocChart): ReadIndex {
  const byChart = new Map<string, Map<string, Location[]>>();
  const add = (reader: Chart, read: readonly string[], loc: Location): void => {
    // Indexed under the chart whose values are read, as references name it: a parent's
    // `.Values.child.key` is a read of `key` in the child. Globals are shared by every chart: one table.
    const t = valuesTarget(dc, reader, read);
    if (t === undefined) return;
    const path = t.path;
    const ck = t.global ? SEP : chartKey(t.chart);
    let m = byChart.get(ck);
    if (m === undefined) {
      m = new Map();
      byChart.set(ck, m);
    }
    const k = path.join(SEP);
    const list = m.get(k);
    if (list === undefined) m.set(k, [loc]);
    else if (!list.some((l) => l.path === loc.path && l.start === loc.start)) list.push(loc);
  };
  visitTrees(snap, dc, (path, tree, owner) => {
    const chart = valuesOwner(owner.chart);
    const chartRoot: Sym = { value: snap.rootContext(owner), isRoot: true };
    const recorded = tree.defineRange !== undefined ? snap.lastIncludeContexts(dc.model, tree.name) : undefined;
    const roots = recorded !== undefined && recorded.length > 0 ? recorded.map((v) => contextSym([v]) ?? chartRoot) : [chartRoot];
    for (const root of roots) {
      walkAll(
        tree,
        root,
        (n, env) => void operandPaths(n, env, (p, span) => add(chart, p, { path, ...span })),
        (c, env) => indexPaths(c, env, (p, span) => add(chart, p, { path, ...span })),
      );
    }
  });
  const table = (c: Chart, path: readonly string[]): Map<string, Location[]> | undefined => byChart.get(path[0] === 'global' ? SEP : chartKey(c));
  return {
    reads(c, path) {
      return table(c, path)?.get(path.join(SEP)) ?? [];
    },
    children(c, path) {
      const out = new Map<string, Location>();
      const m = path.length === 0 ? byChart.get(chartKey(c)) : table(c, path);
      if (m === undefined) return out;
      const prefix = path.length === 0 ? '' : path.join(SEP) + SEP;
      for (const [k, locs] of m) {
        if (!k.startsWith(prefix)) continue;
        const rest = k.slice(prefix.length);
        if (rest === '' || rest.includes(SEP) || out.has(rest)) continue;
        out.set(rest, locs[0]);
      }
      return out;
    },
  };
}

/**
 * readIndirectly tells whether a key no template operand names is still read: by a dependency
 * condition, import-values, a `tpl` string or a path literal a helper looks up (the index of the
 * values-unused hint). CodeLens and values hover say so instead of "unused".
 */
export function readIndirectly(snap: Snapshot, model: ChartModel, t: ValuesTarget): boolean {
  const abs = t.global ? [t.path] : chartPrefixes(t.chart).map((p) => [...p, ...t.path]);
  const tree = treeReads(snap, model);
  return abs.some((a) => isCovered(tree, a) || tree.prefixes.has(a.join('.')));
}
