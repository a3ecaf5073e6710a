// Diagnostics for one document: parse errors with exact ranges, `.Values` references that no
// values layer sets, chart load/values errors, and (when asked: on save or after edits settle)
// the render error of the whole chart mapped to this document with the include stack attached.
import type { RenderError } from '../render/engine';
import type * as N from '../template/parse/node';
import { CODES, type DiagnosticCode } from './codes';
import { isTemplatePath } from './model';
import { type Sym, member, nodeStart, walkAll } from './scope';
import type { DocChart, Snapshot } from './snapshot';
import type { Diagnostic, RelatedInfo } from './types';

/** DiagnosticOptions select the expensive parts. */
export interface DiagnosticOptions {
  /** render: include the render error of the chart (renders the whole tree, memoized). */
  readonly render: boolean;
}

type Draft = Omit<Diagnostic, 'severity'>;

/** diagnostics computes the diagnostics of the document at `path`. */
export function diagnostics(snap: Snapshot, path: string, opts: DiagnosticOptions): Diagnostic[] {
  const text = snap.text(path);
  if (text === undefined) return [];
  const drafts: Draft[] = [];
  const root = snap.chartRoot(path);
  const dc = snap.docChart(path);
  if (root !== undefined && dc === undefined) {
    const m = snap.model(root);
    if (m.loadError !== undefined) drafts.push({ code: 'chart-load-error', message: m.loadError, start: 0, end: 0 });
  }
  if (dc !== undefined && dc.kind !== 'template' && (dc.rel === 'values.yaml' || dc.rel === 'Chart.yaml')) {
    const err = dc.model.userError ?? dc.model.prepareError;
    if (err !== undefined) drafts.push({ code: 'values-error', message: err, start: 0, end: 0 });
  }
  const rel = root !== undefined ? path.slice(root.length + 1) : path;
  if (isTemplatePath(rel) || dc?.kind === 'template') {
    const parsed = snap.parse(path, text);
    for (const e of parsed.errors) {
      const code: DiagnosticCode = /^function ".*" not defined$/.test(e.message) ? 'undefined-function' : 'parse-error';
      drafts.push({ code, message: e.message, start: e.start, end: Math.max(e.end, e.start) });
    }
    if (dc !== undefined) {
      drafts.push(...missingValues(snap, dc, path, text));
      if (opts.render) drafts.push(...renderDiagnostics(snap, dc, path, text));
    }
  }
  const out: Diagnostic[] = [];
  for (const d of drafts) {
    const s = snap.settings.severity[d.code] ?? CODES[d.code].severity;
    if (s === 'off') continue;
    out.push({ ...d, severity: s });
  }
  return out;
}

/** missingValues reports `.Values` paths whose parent map lacks the key, in every layer. */
function missingValues(snap: Snapshot, dc: DocChart, path: string, text: string): Draft[] {
  const out: Draft[] = [];
  const root: Sym = { value: snap.rootContext(dc), isRoot: true };
  const parsed = snap.parse(path, text);
  const seen = new Set<number>();
  for (const tree of parsed.trees.values()) {
    walkAll(tree, root, (n, env) => {
      let base: Sym | undefined;
      let names: readonly string[];
      let start: number;
      if (n.kind === 'field') {
        base = env.dot;
        names = n.ident;
        start = nodeStart(n);
      } else if (n.kind === 'variable') {
        base = env.vars.get(n.ident[0])?.sym;
        names = n.ident.slice(1);
        start = nodeStart(n) + n.ident[0].length;
      } else return;
      check(base, names, start, n);
    });
  }
  function check(base: Sym | undefined, names: readonly string[], start: number, n: N.Node): void {
    let cur = base;
    let pos = start;
    for (const name of names) {
      if (cur === undefined) return;
      const isValuesRoot = cur.isRoot === true && name === 'Values';
      const m = member(cur.value, name);
      const vp = cur.valuesPath;
      if (m === undefined) {
        if (vp !== undefined && cur.value instanceof Map && !seen.has(pos)) {
          seen.add(pos);
          const full = [...vp, name].join('.');
          out.push({
            code: 'values-missing',
            message: `.Values.${full} is not set in any values file of chart ${dc.chart.metadata.name}`,
            start: pos + 1,
            end: pos + 1 + name.length,
          });
        }
        return;
      }
      cur = { value: m.value, valuesPath: isValuesRoot ? [] : vp !== undefined ? [...vp, name] : undefined };
      pos += 1 + name.length;
    }
    void n;
  }
  return out;
}

function renderDiagnostics(snap: Snapshot, dc: DocChart, path: string, text: string): Draft[] {
  const outcome = snap.render(dc.model);
  const err: RenderError | undefined = outcome.error;
  if (err === undefined) return [];
  // Parse errors of this file are already reported (with exact ranges) by the resilient parser.
  if (err.kind === 'parse' && outcome.pathOf.get(err.file) === path) return [];
  const related: RelatedInfo[] = [];
  err.includeStack.forEach((f, i, all) => {
    const p = outcome.pathOf.get(f.file);
    const next = all[i + 1];
    const message = next !== undefined ? `${f.templateName} calls ${next.templateName}` : `${f.templateName}: ${cleanMessage(f.message)}`;
    if (p !== undefined) related.push({ location: { path: p, start: f.start, end: f.end }, message });
  });
  const errPath = outcome.pathOf.get(err.file);
  let range: { start: number; end: number } | undefined;
  if (errPath === path) {
    // The innermost frame in this file is the precise spot (the outer ones are include calls).
    const frames = err.includeStack.filter((f) => outcome.pathOf.get(f.file) === path);
    const f = frames.length > 0 ? frames[frames.length - 1] : undefined;
    range = err.start >= 0 ? { start: err.start, end: err.end } : f !== undefined ? { start: f.start, end: f.end } : { start: 0, end: firstLineEnd(text) };
  } else {
    // The error happened elsewhere; flag the include call in this document that led there.
    const f = err.includeStack.find((x) => outcome.pathOf.get(x.file) === path);
    if (f !== undefined) range = { start: f.start, end: f.end };
  }
  if (range === undefined) return [];
  return [{ code: 'render-error', message: err.message, start: range.start, end: Math.max(range.end, range.start), related }];
}

function cleanMessage(m: string): string {
  // Helm's `required`/`fail` wrap their text in markers its error printer strips.
  return m.replace(/HELM_ERR_START|HELM_ERR_END/g, '');
}

function firstLineEnd(text: string): number {
  const i = text.indexOf('\n');
  return i < 0 ? text.length : i;
}
