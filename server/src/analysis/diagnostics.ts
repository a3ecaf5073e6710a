// Diagnostics for one document. Fast (every edit): parse errors with exact ranges, unguarded
// `.Values` reads that no values layer sets, chart load/values errors. Render pass (after edits
// settle, and on save): the chart's render error mapped to this document with the include stack
// (`required`/`fail` as template-fail at their call), invalid YAML / duplicate keys in the
// rendered output at the template text that produced them, unused values keys and schema
// violations in values.yaml. Lint (on save): the full `helm lint` rules.
import type { RenderError } from '../render/engine';
import { CODES, type DiagnosticCode, type Severity } from './codes';
import { type LintFinding, lintDiagnostics, lintDiagnosticsOf } from './lintdiag';
import { missingValues } from './missing';
import { missingContext } from './missingctx';
import { isTemplatePath } from './model';
import { loadErrorRange } from './yamlerrpos';
import { kubeSchemas } from './k8sschemas';
import { kubeSchemaProblems } from './k8svalidate';
import { renderedProblems } from './rendered';
import type { Sym } from './scope';
import type { DocChart, Snapshot } from './snapshot';
import type { Diagnostic, RelatedInfo } from './types';
import { schemaDiagnostics, unusedValues } from './valuesdiag';

/** DiagnosticOptions select the expensive parts. */
export interface DiagnosticOptions {
  /** render: include the render pass (renders the whole tree, memoized; values.yaml checks). */
  readonly render: boolean;
  /** lint: include the `helm lint` findings (on save). */
  readonly lint?: boolean;
  /**
   * renderFollows: a render pass follows this fast one (the language server). Until the chart
   * has been rendered once, values-missing waits for it: without the render's view of what ran,
   * the static check would show warnings that vanish a moment later.
   */
  readonly renderFollows?: boolean;
  /**
   * closedFile: the document is not open in the editor (the language server's Chart.yaml and
   * values.yaml publications). Editors show hints only inside an open editor, so a check whose
   * findings are hints (values-unused by default, a walk of every template) is skipped.
   */
  readonly closedFile?: boolean;
  /** lintFindings: the chart's `helm lint` findings computed elsewhere (the language server's render worker); used instead of `lint`. */
  readonly lintFindings?: readonly LintFinding[];
}

type Draft = Omit<Diagnostic, 'severity'> & { readonly defaultSeverity?: Severity };

/** diagnostics computes the diagnostics of the document at `path`. */
export function diagnostics(snap: Snapshot, path: string, opts: DiagnosticOptions): Diagnostic[] {
  const text = snap.text(path);
  if (text === undefined) return [];
  const drafts: Draft[] = [];
  const root = snap.chartRoot(path);
  const dc = snap.docChart(path);
  if (root !== undefined && dc === undefined) {
    const m = snap.model(root);
    if (m.loadError !== undefined) {
      const at = loadErrorRange(path.slice(root.length + 1), text, m.loadError) ?? { start: 0, end: 0 };
      drafts.push({ code: 'chart-load-error', message: m.loadError, start: at.start, end: at.end });
    }
  }
  if (dc !== undefined && dc.kind !== 'template' && (dc.rel === 'values.yaml' || dc.rel === 'Chart.yaml')) {
    // Settings that cannot be used (a refused values file, an invalid release name) first.
    for (const m of dc.model.settingErrors) drafts.push({ code: 'values-error', message: m, start: 0, end: 0 });
    const err = dc.model.userError ?? dc.model.prepareError;
    if (err !== undefined) drafts.push({ code: 'values-error', message: err, start: 0, end: 0 });
  }
  if (dc !== undefined && dc.kind === 'values' && opts.render) {
    drafts.push(...schemaDiagnostics(snap, dc, text));
    const unused = snap.settings.severity['values-unused'] ?? CODES['values-unused'].severity;
    if (unused !== 'off' && !(opts.closedFile === true && unused === 'hint')) drafts.push(...unusedValues(snap, dc, text));
  }
  const rel = root !== undefined ? path.slice(root.length + 1) : path;
  if (isTemplatePath(rel) || dc?.kind === 'template') {
    const parsed = snap.parse(path, text);
    for (const e of parsed.errors) {
      const code: DiagnosticCode = /^function ".*" not defined$/.test(e.message) ? 'undefined-function' : 'parse-error';
      drafts.push({ code, message: e.message, start: e.start, end: Math.max(e.end, e.start) });
    }
    if (dc !== undefined) {
      const root: Sym = { value: snap.rootContext(dc), isRoot: true };
      if (opts.render) snap.render(dc.model);
      // A disabled subchart (condition/tags false) is not rendered: its reads are not missing.
      const disabled = dc.model.prepared !== undefined && dc.renderChart === undefined;
      const wait = opts.renderFollows === true && !opts.render && snap.lastRender(dc.model) === undefined;
      if (!disabled && !wait) drafts.push(...missingValues(parsed.trees.values(), root, dc.chart.metadata.name, missingContext(snap, dc, text, root)));
      if (opts.render) drafts.push(...renderDiagnostics(snap, dc, path, text));
    }
  }
  if (opts.lintFindings !== undefined) drafts.push(...lintDiagnosticsOf(opts.lintFindings, path));
  else if (opts.lint === true) drafts.push(...lintDiagnostics(snap, path));
  const out: Diagnostic[] = [];
  for (const d of drafts) {
    const s = snap.settings.severity[d.code] ?? d.defaultSeverity ?? CODES[d.code].severity;
    if (s === 'off') continue;
    out.push({ code: d.code, message: d.message, start: d.start, end: d.end, related: d.related, severity: s });
  }
  return out;
}

function renderDiagnostics(snap: Snapshot, dc: DocChart, path: string, text: string): Draft[] {
  const outcome = snap.render(dc.model);
  // Rendered with its last good text (the buffer does not parse): offsets would not fit.
  if (outcome.substituted.has(path)) return [];
  const err: RenderError | undefined = outcome.error;
  if (err === undefined) {
    const schemas = kubeSchemas(snap, dc.model, outcome);
    // A user schema for this template that cannot be used (refused, missing, not JSON).
    schemas.forFile(path);
    const userError = schemas.userErrors.get(path);
    const own: Draft[] = userError !== undefined ? [{ code: 'values-error', message: userError, start: 0, end: firstLineEnd(text) }] : [];
    return [...renderedProblems(outcome), ...kubeSchemaProblems(outcome, schemas)]
      .filter((p) => p.path === path)
      .map((p): Draft => ({ code: p.code, message: p.message, start: p.start, end: p.end, related: p.related }))
      .concat(own);
  }
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
  // `required`/`fail` stop the render on purpose: their own message, at their call.
  const inner = err.includeStack[err.includeStack.length - 1];
  const failed = inner !== undefined ? /error calling (required|fail): HELM_ERR_START([\s\S]*)HELM_ERR_END/.exec(inner.message) : null;
  if (failed !== null) {
    const message = `${failed[1]}: ${failed[2]}`;
    return [{ code: 'template-fail', message, start: range.start, end: Math.max(range.end, range.start), related }];
  }
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
