// Go to definition: `.Values.a.b` → the key in every values layer that sets it (highest
// precedence first); `include "x"`/`template "x"` → the define (a define inside a packaged
// dependency → a read-only archive document, `archivedoc.ts`); `$var` → its declaration (Go's
// scoping, `varrefs.ts`); `.Chart[.X]` → Chart.yaml (the key of X); `.Files.Get "f"` /
// `.Files.Glob "p"` / `.Files.Lines` ... → the file(s).
import { lineAndByteCol } from '../template/errors';
import { archiveDocPath } from './archivedoc';
import { filesDefinition } from './filesnav';
import { code, text as mdText } from './mdsafe';
import { settingLayers, valuesOwner } from './model';
import { chartYamlLocation, objectTarget } from './objrefs';
import type { DefineSite, Snapshot } from './snapshot';
import { pathBase, syntacticValuesPath, valuesTarget } from './references';
import { targetAt } from './target';
import type { Location } from './types';
import { nameSpan, variableAt } from './varrefs';
import { nodeStart } from './scope';
import { valuesDefinition } from './valuesdefinition';

/** describeDefineSite is a one-line Markdown location of a define. */
export function describeDefineSite(s: DefineSite): string {
  const { line } = lineAndByteCol(s.text, s.start);
  return `${mdText(s.chart.metadata.name)}: ${code(s.file)} line ${line}`;
}

/** definition returns the locations the thing under `offset` is defined at. */
export function definition(snap: Snapshot, path: string, offset: number): Location[] {
  const text = snap.text(path);
  if (text !== undefined && snap.docChart(path)?.kind === 'template') {
    const v = variableAt(snap.parse(path, text), path, offset);
    if (v !== undefined) return v.use.decl === undefined ? [] : [{ path, ...nameSpan(v.use.decl) }];
    const files = filesDefinition(snap, path, offset);
    if (files !== undefined) return files;
  } else if (snap.docChart(path)?.kind !== 'template') {
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
      return sites.map((s) =>
        s.path !== undefined
          ? { path: s.path, start: s.nameStart, end: s.nameEnd }
          : { path: archiveDocPath(dc.model, s.chart, s.file), start: s.nameStart, end: s.nameEnd, archive: true },
      );
    }
    case 'path': {
      if (dc === undefined) return [];
      const names = target.display.split('.').slice(1);
      const obj = objectTarget(dc, pathBase(info.env, target.display), names);
      if (obj !== undefined) {
        if (obj.chart === undefined) return [];
        const loc = chartYamlLocation(snap, dc, obj.chart, obj.path);
        return loc === undefined ? [] : [loc];
      }
      const vp = target.sym?.valuesPath ?? (target.parent?.valuesPath !== undefined ? [...target.parent.valuesPath, target.name] : undefined) ?? syntacticValuesPath(info.env, target.display);
      if (vp === undefined || vp.length === 0) return [];
      // Every layer that sets the key, the one whose value wins first (as helm-ls lists them).
      const out: Location[] = [];
      // A parent's `.Values.sub.key` is the subchart's `key`: its layers include the subchart's default.
      const t = valuesTarget(dc, valuesOwner(dc.chart), vp);
      const [chart, keyPath] = t !== undefined && !t.global ? [t.chart, t.path] : [valuesOwner(dc.chart), vp];
      for (const src of settingLayers(dc.model, chart, keyPath)) {
        if (src.layer.path === undefined || src.layer.text === undefined) continue;
        const key = snap.valuesDoc(src.layer.text).find(src.keyPath);
        if (key !== undefined) out.push({ path: src.layer.path, start: key.key.start, end: key.key.end });
      }
      return out;
    }
    case 'function':
      return [];
  }
}
