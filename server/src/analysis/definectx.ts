// The dot inside a `define`: whatever its `include` callers passed in the last render of the chart
// (recorded by Snapshot.render), so `.imageRoot.` completes inside bitnami-style helpers called
// with `(dict "imageRoot" .Values.image ...)`. Unknown (no render yet, never included) → the
// caller falls back to the chart's root context.
import { type Value } from '../template/value';
import { type Sym, valuesOriginOf } from './scope';
import type { DocChart, Snapshot } from './snapshot';

/** isRootContext recognises a chart's render context (`.` at the top of a template). */
export function isRootContext(v: Value): boolean {
  return v instanceof Map && v.has('Values') && v.has('Release') && v.has('Chart') && v.has('Capabilities');
}

/** contextSym turns the recorded include data of one define into a static symbol (several callers: their dict keys merged). */
export function contextSym(values: readonly Value[]): Sym | undefined {
  if (values.length === 0) return undefined;
  const first = values[0];
  const symOf = (v: Value): Sym => ({ value: v, isRoot: isRootContext(v) || undefined, valuesPath: valuesOriginOf(v) });
  if (values.length === 1 || !(first instanceof Map) || isRootContext(first)) return symOf(first);
  const maps = values.filter((v): v is Map<string, Value> => v instanceof Map && !isRootContext(v));
  if (maps.length < 2 || valuesOriginOf(first) !== undefined) return symOf(first);
  // Callers building different dicts: offer every key any of them passes (first value wins).
  const merged = new Map<string, Value>();
  for (const m of maps) for (const [k, x] of m) if (!merged.has(k)) merged.set(k, x);
  return { value: merged };
}

/** defineRootFor returns the lookup `locate` uses for the dot of defines in `dc`'s chart tree. */
export function defineRootFor(snap: Snapshot, dc: DocChart | undefined): ((name: string) => Sym | undefined) | undefined {
  if (dc === undefined) return undefined;
  return (name) => {
    const values = snap.lastIncludeContexts(dc.model, name);
    return values === undefined ? undefined : contextSym(values);
  };
}
