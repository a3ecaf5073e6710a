// What the values-missing check needs to know about a template beyond its own text: what the
// last render of the chart ran and passed to defines, and which values paths the chart's
// templates modify. Reads only the last finished render (never renders).
import type { ParseResult } from '../template/parse/index';
import { executedIn } from './executed';
import { isRootContext } from './definectx';
import { type DotKind, type MissingContext, defineCalls, mutatedValues } from './missing';
import type { Sym } from './scope';
import type { Chart } from '../chart/loader';
import type { DocChart, Snapshot, TemplateSource } from './snapshot';

const mutatedMemo = new WeakMap<ParseResult, string[]>();
const callsMemo = new WeakMap<ParseResult, Map<string, Set<DotKind>>>();
/**
 * mutatorsMemo: per template path, whether its last seen text names a mutator. The test scans
 * every template of the chart (argo-cd: 2.5 MB, its CRDs included) for every document's
 * diagnostics; texts rarely change. One entry per path (bounded by the files seen).
 */
const mutatorsMemo = new Map<string, { readonly text: string; readonly names: boolean }>();

function namesMutator(path: string, text: string): boolean {
  const hit = mutatorsMemo.get(path);
  if (hit !== undefined && hit.text === text) return hit.names;
  const names = /\b(set|unset|merge|mergeOverwrite|mustMerge|mustMergeOverwrite)\b/.test(text);
  mutatorsMemo.set(path, { text, names });
  return names;
}

/** staticDot: what the chart tree's `include`/`template` calls of `name` pass (without a render). */
function staticDot(snap: Snapshot, dc: DocChart, name: string): DotKind | undefined {
  const kinds = new Set<DotKind>();
  const quoted = JSON.stringify(name);
  for (const s of snap.templates(dc.model)) {
    if (!s.text.includes(quoted)) continue;
    const parsed = snap.parse(s.path ?? `${s.chart.metadata.name}::${s.name}`, s.text);
    let calls = callsMemo.get(parsed);
    if (calls === undefined) {
      calls = defineCalls(parsed.trees.values());
      callsMemo.set(parsed, calls);
    }
    for (const k of calls.get(name) ?? []) kinds.add(k);
  }
  return kinds.has('other') ? 'other' : kinds.has('root') ? 'root' : undefined;
}

/** chartMutationsMemo: per template list (one per snapshot and tree), per chart, its mutated paths. */
const chartMutationsMemo = new WeakMap<readonly TemplateSource[], Map<Chart, string[]>>();

/** chartMutations lists the values paths any template of `dc`'s chart modifies. */
function chartMutations(snap: Snapshot, dc: DocChart, root: Sym): string[] {
  const sources = snap.templates(dc.model);
  let perChart = chartMutationsMemo.get(sources);
  if (perChart === undefined) {
    perChart = new Map();
    chartMutationsMemo.set(sources, perChart);
  }
  const hit = perChart.get(dc.chart);
  if (hit !== undefined) return hit;
  const out = new Set<string>();
  for (const s of sources) {
    if (s.chart !== dc.chart || s.path === undefined) continue;
    // Cheap test first: most templates call none of the mutators.
    if (!namesMutator(s.path, s.text)) continue;
    const parsed = snap.parse(s.path, s.text);
    let m = mutatedMemo.get(parsed);
    if (m === undefined) {
      m = mutatedValues(parsed.trees.values(), root);
      mutatedMemo.set(parsed, m);
    }
    for (const p of m) out.add(p);
  }
  const paths = [...out];
  perChart.set(dc.chart, paths);
  return paths;
}

/** missingContext builds the MissingContext of the template at `path` (text `text`) of `dc`. */
export function missingContext(snap: Snapshot, dc: DocChart, text: string, root: Sym): MissingContext {
  const outcome = snap.lastRender(dc.model);
  return {
    executed: executedIn(outcome, dc.engineName, text),
    defineDot: (name) => {
      const ctxs = outcome?.includeContexts.get(name);
      if (ctxs === undefined || ctxs.length === 0) return staticDot(snap, dc, name) === 'other' ? 'other' : undefined;
      return ctxs.every((c) => isRootContext(c)) ? 'root' : 'other';
    },
    mutated: chartMutations(snap, dc, root),
  };
}
