// A values key as find references, hover, definition and the read index name it: a path in one
// chart's `.Values` (a subchart's key descends into the subchart), or a `global` path shared by
// every chart of the tree.
import type { Chart } from '../chart/loader';
import { valuesKeyOf } from './model';
import type { DocChart } from './snapshot';

/** ValuesTarget is a values key: a path in one chart's `.Values`, or a `global` path seen by every chart. */
export interface ValuesTarget {
  readonly kind: 'values';
  readonly chart: Chart;
  readonly path: readonly string[];
  readonly global: boolean;
}

/** valuesTarget canonicalises a key path of chart `c`'s values: subchart keys descend, `global` is shared. */
export function valuesTarget(dc: DocChart, c: Chart, keyPath: readonly string[]): ValuesTarget | undefined {
  let chart = c;
  let path = keyPath;
  for (;;) {
    if (path.length === 0) return undefined;
    if (path[0] === 'global') return { kind: 'values', chart, path, global: true };
    const sub = chart.dependencies.find((d) => valuesKeyOf(dc.model, d) === path[0] && d.metadata.type !== 'library');
    if (sub === undefined || path.length === 1) return { kind: 'values', chart, path, global: false };
    chart = sub;
    path = path.slice(1);
  }
}
