// Previewing what a define renders: the whole template set of the chart tree is parsed (engine
// parse cache) and the define executed with the document's chart context, on a freshly prepared
// release so that `set` calls in templates cannot touch the cached values completion reads.
//
// Explaining a blank preview: a template that renders nothing is executed once more with a marker
// text at the start of every if/with/range branch; the branches whose marker is missing were not
// taken, and the outermost such conditions (reached, not taken) are what the preview reports.
import { parseCliKubeVersion, prepareRelease } from '../chart/index';
import { templateMap } from '../chart/objects';
import { sortTemplates } from '../render/engine';
import { goErrorMessage } from '../render/errors';
import { helmFuncMap } from '../render/funcmap';
import { newEngineSet, type ParsedFile } from '../render/set';
import { type BranchBase, type ListNode, type Node, parse } from '../template/parse/index';
import type { GoMap } from '../template/value';
import { releaseOptions } from './model';
import type { DocChart, Snapshot } from './snapshot';

/** TemplateOverride replaces one template's text for an execution (the engine name of the file). */
interface TemplateOverride {
  readonly name: string;
  readonly text: string;
}

/** executeInChart runs template `name` with the chart context of `dc`; output or error text. */
function executeInChart(snap: Snapshot, dc: DocChart, name: string, override?: TemplateOverride): { output: string } | { error: string } {
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
    const mine = override !== undefined && p === override.name;
    const text = mine ? override.text : (byPath.get(p) ?? '');
    let parsed: ParsedFile;
    try {
      // The override is parsed outside the cache: it must not replace the file's real parse.
      parsed = mine ? set.parse(p, text) : cache.get(p, text, hv, () => set.parse(p, text));
    } catch (e) {
      if (mine) return { error: goErrorMessage(e) };
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

/** previewDefine executes define `name` with the chart context of `dc`; output or error text. */
export function previewDefine(snap: Snapshot, dc: DocChart, name: string): { output: string } | { error: string } {
  return executeInChart(snap, dc, name);
}

type Branch = BranchBase & { readonly kind: 'if' | 'with' | 'range' };

function isBranch(n: Node): n is Branch & Node {
  return n.kind === 'if' || n.kind === 'with' || n.kind === 'range';
}

/** NotTaken is a reached if/with/range whose body did not run. */
export interface NotTaken {
  readonly kind: 'if' | 'with' | 'range';
  /** 1-based line of the action. */
  readonly line: number;
  /** pipeline: the condition's source text (`.Values.ingress.enabled`). */
  readonly pipeline: string;
}

const MARK = (id: number, part: 't' | 'e'): string => `\u0001cw${part}${id}\u0002`;

/**
 * branchesNotTaken finds the outermost reached branches whose body did not run, by executing the
 * template (engine name `dc.engineName`, source `text`) with a marker opening every branch body.
 * Undefined when the marked template cannot run.
 */
export function branchesNotTaken(snap: Snapshot, dc: DocChart, text: string): NotTaken[] | undefined {
  const tree = parse(dc.engineName, text).trees.get(dc.engineName);
  if (tree === undefined) return undefined;
  const branches: Branch[] = [];
  const inserts: { at: number; mark: string }[] = [];
  // `else if` / `else with` chains: the else list starts inside the `{{ else if … }}` action.
  const isChain = (l: ListNode): boolean => {
    const open = text.lastIndexOf('{{', l.pos);
    const close = open < 0 ? -1 : text.indexOf('}}', open);
    return close >= l.pos;
  };
  const collect = (l: ListNode): void => {
    for (const n of l.nodes) {
      if (!isBranch(n)) continue;
      const id = branches.push(n) - 1;
      inserts.push({ at: n.list.pos, mark: MARK(id, 't') });
      collect(n.list);
      if (n.elseList !== null) {
        if (!isChain(n.elseList)) inserts.push({ at: n.elseList.pos, mark: MARK(id, 'e') });
        collect(n.elseList);
      }
    }
  };
  collect(tree.root);
  if (branches.length === 0) return [];
  let marked = text;
  for (const ins of [...inserts].sort((a, b) => b.at - a.at)) marked = marked.slice(0, ins.at) + ins.mark + marked.slice(ins.at);
  const r = executeInChart(snap, dc, dc.engineName, { name: dc.engineName, text: marked });
  if ('error' in r) return undefined;
  const seen = (id: number, part: 't' | 'e'): boolean => r.output.includes(MARK(id, part));
  const out: NotTaken[] = [];
  const walk = (l: ListNode): void => {
    for (const n of l.nodes) {
      if (!isBranch(n)) continue;
      const id = branches.indexOf(n);
      if (seen(id, 't')) walk(n.list);
      else {
        // `else if` chains report each false condition of the chain.
        const chained = n.elseList !== null && isChain(n.elseList);
        const elseRan = n.elseList !== null && !chained && seen(id, 'e');
        if (!elseRan) out.push(describe(n, text));
        if (n.elseList !== null && (elseRan || chained)) walk(n.elseList);
      }
    }
  };
  walk(tree.root);
  return out;
}

function describe(n: Branch, text: string): NotTaken {
  return { kind: n.kind, line: n.line, pipeline: text.slice(n.pipe.pos, n.pipe.end).trim() };
}

/** blankReason is the comment a preview shows for template `path` when it renders nothing. */
export function blankReason(snap: Snapshot, path: string): string | undefined {
  const dc = snap.docChart(path);
  const text = snap.text(path);
  if (dc === undefined || text === undefined || dc.kind !== 'template') return undefined;
  const profile = ['values.yaml', ...snap.settings.valuesFiles].join(' + ');
  const head = `${dc.rel} renders nothing with ${profile}`;
  const why = branchesNotTaken(snap, dc, text);
  if (why === undefined || why.length === 0) return `${head}.`;
  const said = why.slice(0, 5).map((w) => `  line ${w.line}: \`${w.kind} ${w.pipeline}\` ${w.kind === 'range' ? 'has nothing to range over' : w.kind === 'with' ? 'is empty' : 'is false'}`);
  if (why.length > 5) said.push(`  … and ${why.length - 5} more`);
  return `${head}:\n${said.join('\n')}`;
}
