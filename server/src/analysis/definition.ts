// Go to definition: `.Values.a.b` → the key in the values file that sets it (highest-precedence
// layer), `include "x"`/`template "x"` → the define, `$var` → its declaration.
import { lineAndByteCol } from '../template/errors';
import { code, text as mdText } from './mdsafe';
import { sourceLayer, valuesOwner } from './model';
import type { DefineSite, Snapshot } from './snapshot';
import { targetAt } from './target';
import type { Location } from './types';
import { nodeStart } from './scope';
import { valuesDefinition } from './valuesdefinition';

/** describeDefineSite is a one-line Markdown location of a define. */
export function describeDefineSite(s: DefineSite): string {
  const { line } = lineAndByteCol(s.text, s.start);
  return `${mdText(s.chart.metadata.name)}: ${code(s.file)} line ${line}`;
}

/** definition returns the locations the thing under `offset` is defined at. */
export function definition(snap: Snapshot, path: string, offset: number): Location[] {
  if (snap.docChart(path)?.kind !== 'template') {
    const v = valuesDefinition(snap, path, offset);
    if (v !== undefined) return v;
  }
  const info = targetAt(snap, path, offset);
  if (info === undefined) return [];
  const { target, dc } = info;
  switch (target.kind) {
    case 'variable': {
      const d = target.info?.decl;
      return d === undefined ? [] : [{ path, start: nodeStart(d), end: d.end }];
    }
    case 'define': {
      if (dc === undefined) return [];
      const sites = snap.defines(dc.model).get(target.name) ?? [];
      return sites.filter((s) => s.path !== undefined).map((s) => ({ path: s.path as string, start: s.nameStart, end: s.nameEnd }));
    }
    case 'path': {
      if (dc === undefined) return [];
      const vp = target.sym?.valuesPath ?? (target.parent?.valuesPath !== undefined ? [...target.parent.valuesPath, target.name] : undefined);
      if (vp === undefined || vp.length === 0) return [];
      const src = sourceLayer(dc.model, valuesOwner(dc.chart), vp);
      if (src === undefined || src.layer.path === undefined || src.layer.text === undefined) return [];
      const key = snap.valuesDoc(src.layer.text).find(src.keyPath);
      return key === undefined ? [] : [{ path: src.layer.path, start: key.key.start, end: key.key.end }];
    }
    case 'function':
      return [];
  }
}
