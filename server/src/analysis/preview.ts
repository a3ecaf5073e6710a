// Previewing what a define renders: the whole template set of the chart tree is parsed (engine
// parse cache) and the define executed with the document's chart context, on a freshly prepared
// release so that `set` calls in templates cannot touch the cached values completion reads.
import { parseCliKubeVersion, prepareRelease } from '../chart/index';
import { templateMap } from '../helm/objects';
import { sortTemplates } from '../render/engine';
import { goErrorMessage } from '../render/errors';
import { helmFuncMap } from '../render/funcmap';
import { newEngineSet, type ParsedFile } from '../render/set';
import type { GoMap } from '../template/value';
import { releaseOptions } from './model';
import type { DocChart, Snapshot } from './snapshot';

/** previewDefine executes define `name` with the chart context of `dc`; output or error text. */
export function previewDefine(snap: Snapshot, dc: DocChart, name: string): { output: string } | { error: string } {
  const model = dc.model;
  if (model.chart === undefined) return { error: 'chart not loaded' };
  const hv = snap.settings.helmVersion;
  const prep = prepareRelease(model.chart, model.userValues, releaseOptions(snap.settings, parseCliKubeVersion(snap.settings.kubeVersion, hv)));
  if ('error' in prep) return { error: prep.error };
  const key = (o: { archive: string | undefined; path: string }): string => `${o.archive ?? ''}|${o.path}`;
  const fullPathOf = new Map(prep.charts.map((r) => [key(r.chart.origin), r.fullPath]));
  const set = newEngineSet({ funcs: helmFuncMap(hv), runtime: snap.runtime(), helmVersion: hv });
  const cache = snap.parseCache(model.root);
  const byPath = new Map<string, string>();
  for (const s of snap.templates(model)) {
    const fp = fullPathOf.get(key(s.chart.origin));
    if (fp !== undefined) byPath.set(`${fp}/${s.name}`, s.text);
  }
  for (const p of sortTemplates([...byPath.keys()])) {
    const text = byPath.get(p) ?? '';
    let parsed: ParsedFile;
    try {
      parsed = cache.get(p, text, hv, () => set.parse(p, text));
    } catch {
      continue; // a broken file elsewhere should not prevent the preview
    }
    set.add(parsed);
  }
  const r = prep.charts.find((c) => key(c.chart.origin) === key(dc.chart.origin));
  const ctx: GoMap = new Map(r?.context ?? prep.root.context);
  ctx.set('Template', templateMap(dc.engineName, `${r?.fullPath ?? prep.root.fullPath}/templates`));
  try {
    return { output: set.execute(name, ctx, false).text };
  } catch (e) {
    return { error: goErrorMessage(e) };
  }
}
