// Diagnostics of a chart's values.yaml: keys no template reads (a hint) and values.schema.json
// violations placed at the offending key.
import { schemaViolations } from '../chart/schema';
import type { Chart } from '../chart/loader';
import type * as N from '../template/parse/node';
import type { GoMap } from '../template/value';
import { valuesPathOf } from './missing';
import { type Env, type Sym, walkAll } from './scope';
import type { DocChart, Snapshot } from './snapshot';
import type { Diagnostic } from './types';
import type { KeyNode } from './valuesdoc';

type Draft = Omit<Diagnostic, 'severity'>;

function sameChart(a: Chart, b: Chart): boolean {
  return a.origin.archive === b.origin.archive && a.origin.path === b.origin.path;
}

/** ValuesReads is what the templates of a chart read from its values. */
interface ValuesReads {
  /** all: `.Values` itself is used as a whole (toYaml .Values, index .Values $k...). */
  readonly all: boolean;
  /** covered: every read path (a read covers the subtree below it). */
  readonly covered: ReadonlySet<string>;
  /** prefixes: every proper prefix of a read path. */
  readonly prefixes: ReadonlySet<string>;
}

const readsMemo = new WeakMap<object, Map<string, { key: string; reads: ValuesReads }>>();

/** valuesReads collects the values paths read by the templates of `dc.chart` (and library charts it can include). */
function valuesReads(snap: Snapshot, dc: DocChart): ValuesReads {
  const sources = snap.templates(dc.model).filter((s) => sameChart(s.chart, dc.chart) || s.chart.metadata.type === 'library');
  const key = sources.map((s) => `${s.path ?? s.name}:${s.text.length}:${snap.version(s.path ?? '') ?? 'disk'}`).join('|');
  const chartKey = `${dc.chart.origin.archive ?? ''}|${dc.chart.origin.path}`;
  let perModel = readsMemo.get(dc.model);
  if (perModel === undefined) {
    perModel = new Map();
    readsMemo.set(dc.model, perModel);
  }
  const hit = perModel.get(chartKey);
  if (hit !== undefined && hit.key === key) return hit.reads;
  const covered = new Set<string>();
  // Operands that are `.Values` as a whole (unless explained by `index .Values "key"`).
  const whole = new Set<N.Node>();
  const root: Sym = { value: snap.rootContext(dc), isRoot: true };
  const add = (p: string | undefined): void => {
    if (p !== undefined && p !== '') covered.add(p);
  };
  for (const s of sources) {
    const parsed = snap.parse(s.path ?? `${chartKey}::${s.name}`, s.text);
    for (const tree of parsed.trees.values()) {
      walkAll(tree, root, (n: N.Node, env: Env) => {
        const p = valuesPathOf(n, env);
        if (p === '') whole.add(n);
        else add(p);
      });
      indexReads(tree.root, root, add, (n) => whole.delete(n));
    }
  }
  const all = whole.size > 0;
  const prefixes = new Set<string>();
  for (const p of covered) for (let i = p.indexOf('.'); i >= 0; i = p.indexOf('.', i + 1)) prefixes.add(p.slice(0, i));
  const reads = { all, covered, prefixes };
  perModel.set(chartKey, { key, reads });
  return reads;
}

/** indexReads adds `index .Values.a "b" "c"` reads (static string keys extend the path). */
function indexReads(list: N.ListNode, root: Sym, add: (p: string | undefined) => void, explained: (n: N.Node) => void): void {
  const visitPipe = (p: N.PipeNode | null, env: Env): void => {
    if (p === null) return;
    for (const c of p.cmds) {
      const fn = c.args[0];
      if (fn?.kind === 'identifier' && fn.ident === 'index' && c.args.length >= 3) {
        const base = valuesPathOf(c.args[1], env);
        if (base === undefined) continue;
        const keys: string[] = [];
        for (const a of c.args.slice(2)) {
          if (a.kind !== 'string') break;
          keys.push(a.text);
        }
        if (keys.length > 0) {
          add([base, ...keys].filter((x) => x !== '').join('.'));
          explained(c.args[1]);
        }
      }
    }
  };
  const env: Env = { dot: root, vars: new Map([['$', { name: '$', decl: undefined, sym: root }]]) };
  const rec = (l: N.ListNode | null): void => {
    if (l === null) return;
    for (const n of l.nodes) {
      if (n.kind === 'action') visitPipe(n.pipe, env);
      else if (n.kind === 'if' || n.kind === 'with' || n.kind === 'range') {
        visitPipe(n.pipe, env);
        rec(n.list);
        rec(n.elseList);
      } else if (n.kind === 'template') visitPipe(n.pipe, env);
    }
  };
  rec(list);
}

/** unusedValues reports the topmost keys of a values.yaml that no template of the chart reads. */
export function unusedValues(snap: Snapshot, dc: DocChart, text: string): Draft[] {
  const reads = valuesReads(snap, dc);
  if (reads.all) return [];
  const out: Draft[] = [];
  const subKeys = new Map<string, DocChart>();
  for (const d of dc.chart.dependencies) {
    if (d.origin.archive !== undefined) {
      subKeys.set(d.metadata.name, dc);
      continue;
    }
    const subDc = snap.docChart(`${dc.model.root}/${d.origin.path}/values.yaml`);
    if (subDc !== undefined) subKeys.set(d.metadata.name, subDc);
  }
  // Aliased dependencies read their values under the alias.
  for (const dep of dc.chart.metadata.dependencies) if (dep.alias !== '' && !subKeys.has(dep.alias)) subKeys.set(dep.alias, dc);
  const visit = (nodes: readonly KeyNode[], prefix: string, r: ValuesReads): void => {
    for (const k of nodes) {
      if (/^\d+$/.test(k.name)) continue;
      const p = prefix === '' ? k.name : `${prefix}.${k.name}`;
      if (r.covered.has(p)) continue;
      let covered = false;
      for (let i = p.indexOf('.'); i >= 0 && !covered; i = p.indexOf('.', i + 1)) covered = r.covered.has(p.slice(0, i));
      if (covered) continue;
      if (r.prefixes.has(p)) {
        visit(k.children, p, r);
        continue;
      }
      out.push({ code: 'values-unused', message: `.Values.${p} is not read by any template of chart ${dc.chart.metadata.name}`, start: k.key.start, end: k.key.end });
    }
  };
  for (const k of snap.valuesDoc(text).roots) {
    if (k.name === 'global') continue;
    const sub = subKeys.get(k.name);
    if (sub !== undefined) {
      if (sub === dc) continue;
      const sr = valuesReads(snap, sub);
      if (!sr.all) visit(k.children, '', sr);
      continue;
    }
    visit([k], '', reads);
  }
  return out;
}

function pointerPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** schemaDiagnostics validates the chart's values against its values.schema.json, at the keys of this values file. */
export function schemaDiagnostics(snap: Snapshot, dc: DocChart, text: string): Draft[] {
  const schema = dc.chart.schema;
  if (schema === undefined) return [];
  const values = dc.renderChart?.context.get('Values');
  if (!(values instanceof Map)) return [];
  const res = schemaViolations(values as GoMap, schema, snap.settings.helmVersion);
  if ('error' in res) return [{ code: 'values-schema', message: `values.schema.json: ${res.error}`, start: 0, end: 0 }];
  const doc = snap.valuesDoc(text);
  const out: Draft[] = [];
  for (const v of res) {
    const path = pointerPath(v.pointer);
    let node: KeyNode | undefined;
    for (let n = path.length; n > 0 && node === undefined; n--) node = doc.find(path.slice(0, n));
    const range = node !== undefined ? node.key : { start: 0, end: 0 };
    out.push({ code: 'values-schema', message: `values.schema.json: ${v.message}`, start: range.start, end: range.end });
  }
  return out;
}
