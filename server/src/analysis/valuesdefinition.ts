// Go to definition from a key of a values file: the same key in the other layers (a subchart's
// default, a parent's override, discovered and configured values files; on a subchart's key, the
// subchart's values.yaml), then the template places reading it.
import * as posix from 'node:path/posix';
import { readIndex } from './readindex';
import type { Snapshot } from './snapshot';
import type { Location } from './types';
import { subchartOf, targetSettings, valuesKeyAt } from './valueslayers';

/** valuesDefinition answers for a values file (undefined: `path` is no values file or the cursor is on no key). */
export function valuesDefinition(snap: Snapshot, path: string, offset: number): Location[] | undefined {
  const key = valuesKeyAt(snap, path, offset);
  if (key === undefined) return undefined;
  const { target, file } = key;
  const model = file.dc.model;
  const out: Location[] = [];
  const sub = subchartOf(model, target.chart, target.path);
  if (sub !== undefined && sub.origin.archive === undefined) {
    const p = posix.join(model.root, sub.origin.path, 'values.yaml');
    if (snap.text(p) !== undefined) out.push({ path: p, start: 0, end: 0 });
  }
  for (const s of targetSettings(snap, model, target)) {
    if (s.source.path === undefined || s.range === undefined) continue;
    if (s.source.path === path && s.range.start === key.span.start) continue;
    out.push({ path: s.source.path, start: s.range.start, end: s.range.end });
  }
  out.push(...readIndex(snap, file.dc).reads(target.chart, target.path));
  return out;
}
