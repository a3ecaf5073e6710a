// Completion: `.Values` paths from the coalesced values (the chart's own view inside subcharts),
// render-object members from the renderer's objects, variables in scope, functions from the
// FuncDefs, keywords/snippets, and define names inside include/template strings. Never renders.
import type { FuncDef } from '../template/func';
import type { Value } from '../template/value';
import { type CursorContext, cursorContext } from './context';
import { defineRootFor } from './definectx';
import { funcMarkdown, membersOf, shallowPreview, shortValue } from './describe';
import { fence, text as mdText } from './mdsafe';
import { methodDoc } from './methods';
import { kubeCompletions } from './k8scomplete';
import { insideAction } from './k8spos';
import { lookupPath, sourceLayer, valuesOwner } from './model';
import { type Env, type Sym, locate, resolveFields } from './scope';
import type { DocChart, Snapshot } from './snapshot';
import { textSnippets } from './snippets';
import type { CompletionEntry, ResolveData, Span } from './types';
import { valuesCompletion } from './valuescompletion';

// Go's text/template keywords (the language, not a render object).
const KEYWORDS = ['if', 'else', 'end', 'with', 'range', 'define', 'template', 'block', 'break', 'continue', 'nil', 'true', 'false'];

const SNIPPETS: ReadonlyArray<readonly [string, string]> = [
  ['if', 'if ${1:condition} }}\n$0\n{{- end'],
  ['with', 'with ${1:.Values.x} }}\n$0\n{{- end'],
  ['range', 'range ${1:\\$item} := ${2:.Values.items} }}\n$0\n{{- end'],
  ['define', 'define "${1:name}" }}\n$0\n{{- end'],
];

function startsWithCI(s: string, prefix: string): boolean {
  return s.toLowerCase().startsWith(prefix.toLowerCase());
}

function fuzzy(s: string, prefix: string): boolean {
  if (prefix === '') return true;
  const a = s.toLowerCase();
  const b = prefix.toLowerCase();
  if (a[0] !== b[0]) return false;
  let i = 0;
  for (const ch of a) if (ch === b[i]) i++;
  return i >= b.length;
}

/** CompletionScope is what completion needs about a template document. */
export interface CompletionScope {
  readonly dc: DocChart | undefined;
  readonly env: Env;
}

/** scopeAt computes the static scope at an offset of a template document. */
export function scopeAt(snap: Snapshot, path: string, text: string, offset: number): CompletionScope {
  const dc = snap.docChart(path);
  const root: Sym | undefined = dc !== undefined ? { value: snap.rootContext(dc), isRoot: true } : undefined;
  // The scope inside an action is the scope at its `{{`; asking there lets a slightly stale
  // parse answer (see parseForScope).
  const q = text.lastIndexOf('{{', Math.max(0, offset - 1));
  const at = q >= 0 ? q : offset;
  const loc = locate(snap.parseForScope(path, text, at), path, at, root, defineRootFor(snap, dc));
  return { dc, env: loc.env };
}

/**
 * CompletionList is the proposals at a position; `incomplete` says that typing further may
 * bring proposals the list leaves out (the Go methods of `.Values`, offered only once the typed
 * prefix matches them), so the client must ask again instead of filtering this list.
 */
export interface CompletionList {
  readonly entries: CompletionEntry[];
  readonly incomplete: boolean;
}

/** complete returns completion proposals at `offset` of the document at `path`. */
export function complete(snap: Snapshot, path: string, offset: number): CompletionEntry[] {
  return completeList(snap, path, offset).entries;
}

/** completeList returns completion proposals at `offset`, with whether the list is incomplete. */
export function completeList(snap: Snapshot, path: string, offset: number): CompletionList {
  const text = snap.text(path);
  if (text === undefined) return { entries: [], incomplete: false };
  if (snap.docChart(path)?.kind !== 'template') {
    const v = valuesCompletion(snap, path, offset);
    if (v !== undefined) return { entries: v, incomplete: false };
  }
  const ctx = cursorContext(text, offset);
  if (ctx.kind === 'path') return completePath(snap, path, text, offset, ctx);
  return { entries: completeOther(snap, path, text, offset, ctx), incomplete: false };
}

function completeOther(snap: Snapshot, path: string, text: string, offset: number, ctx: Exclude<CursorContext, { kind: 'path' }>): CompletionEntry[] {
  switch (ctx.kind) {
    case 'text': {
      const dc = snap.docChart(path);
      if (dc?.kind !== 'template') return [];
      // The include snippet offers the chart's own defines first, then its libraries'.
      const own: string[] = [];
      const others: string[] = [];
      for (const [name, sites] of snap.defines(dc.model)) (sites.some((s) => s.chart === dc.chart) ? own : others).push(name);
      // Template text is also a manifest: its Kubernetes keys and values, then the snippets.
      return [...(kubeCompletions(snap, path, offset) ?? []), ...textSnippets(text, offset, [...own.sort(), ...others.sort()])];
    }
    case 'none':
      // Outside actions: Kubernetes manifest keys and values.
      return insideAction(text, offset) ? [] : (kubeCompletions(snap, path, offset) ?? []);
    case 'variable': {
      const { env } = scopeAt(snap, path, text, offset);
      return variables(env, ctx.prefix, ctx.replace);
    }
    case 'operand':
      return completeOperand(snap, path, text, offset, ctx);
    case 'templateName':
      return completeDefines(snap, path, ctx.prefix, ctx.replace);
    case 'stringArg':
      return ctx.arg === 'file' ? completeFiles(snap, path, ctx.method, ctx.prefix, ctx.replace) : completeApiVersions(snap, path, ctx.prefix, ctx.replace);
  }
}

/** resolveDocumentation computes the Markdown documentation of a completion entry (completionItem/resolve). */
export function resolveDocumentation(snap: Snapshot, data: ResolveData): string | undefined {
  switch (data.kind) {
    case 'function': {
      const d = snap.functions().get(data.name);
      return d === undefined ? undefined : funcMarkdown(d);
    }
    case 'value': {
      const dc = snap.docChart(data.path);
      if (dc === undefined) return undefined;
      const owner = valuesOwner(dc.chart);
      const values = dc.model.renderByOrigin.get(owner.origin.path)?.context.get('Values') ?? owner.values;
      const found = values instanceof Map ? lookupPath(values, data.valuesPath) : { found: false, value: undefined };
      const src = sourceLayer(dc.model, owner, data.valuesPath);
      const where = src === undefined ? 'not set in any values file' : `from ${mdText(src.layer.label)}`;
      return found.found ? fence(shallowPreview(found.value as Value), 'yaml') + '\n\n' + where : where;
    }
    case 'define': {
      const dc = snap.docChart(data.path);
      if (dc === undefined) return undefined;
      const s = snap.defines(dc.model).get(data.name)?.[0];
      if (s === undefined) return undefined;
      return fence(s.text.slice(s.start, Math.min(s.end, s.start + 400)), 'gotmpl');
    }
  }
}

function completeFiles(snap: Snapshot, path: string, method: string, prefix: string, replace: Span): CompletionEntry[] {
  const dc = snap.docChart(path);
  if (dc === undefined) return [];
  const out: CompletionEntry[] = [];
  const dirs = new Set<string>();
  // chart.files is what `.Files` holds: everything outside templates/ that .helmignore keeps.
  for (const f of dc.chart.files) {
    if (f.name.startsWith(prefix)) out.push({ label: f.name, kind: 'file', detail: `${f.data.length} bytes`, replace, sortText: '0' + f.name });
    if (method === 'Glob') {
      for (let i = f.name.indexOf('/'); i >= 0; i = f.name.indexOf('/', i + 1)) dirs.add(f.name.slice(0, i + 1));
    }
  }
  for (const d of dirs) {
    for (const pat of [d + '*', d + '**']) {
      if (pat.startsWith(prefix)) out.push({ label: pat, kind: 'folder', detail: 'glob', replace, sortText: '1' + pat });
    }
  }
  return out;
}

function completeApiVersions(snap: Snapshot, path: string, prefix: string, replace: Span): CompletionEntry[] {
  const dc = snap.docChart(path);
  if (dc === undefined) return [];
  const caps = snap.rootContext(dc).get('Capabilities');
  const api = caps !== undefined ? resolveFields({ value: caps }, ['APIVersions'])?.value : undefined;
  if (!Array.isArray(api)) return [];
  const out: CompletionEntry[] = [];
  for (const v of api) {
    if (typeof v !== 'string' || !v.startsWith(prefix)) continue;
    out.push({ label: v, kind: 'value', detail: v.split('/').length === 3 ? 'resource' : 'API version', replace, sortText: (v.split('/').length === 3 ? '1' : '0') + v });
  }
  return out;
}

function variables(env: Env, prefix: string, replace: Span): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  for (const v of env.vars.values()) {
    if (!startsWithCI(v.name, prefix)) continue;
    out.push({
      label: v.name,
      kind: 'variable',
      detail: v.sym === undefined ? undefined : shortValue(v.sym.value),
      replace,
    });
  }
  return out;
}

/**
 * valuesMethodShown says whether a Go method of a values map (`AsMap`, `Table`, `YAML`...) is
 * offered: only once the typed prefix, as typed, starts it (`.Values.As`), so that the chart's
 * keys are what `.Values.` lists.
 */
function valuesMethodShown(name: string, prefix: string): boolean {
  return prefix !== '' && name.startsWith(prefix);
}

function completePath(snap: Snapshot, path: string, text: string, offset: number, ctx: Extract<CursorContext, { kind: 'path' }>): CompletionList {
  const { dc, env } = scopeAt(snap, path, text, offset);
  const base = ctx.base.kind === 'dot' ? env.dot : env.vars.get(ctx.base.name)?.sym;
  const target = resolveFields(base, ctx.segments);
  if (target === undefined) return { entries: [], incomplete: false };
  const out: CompletionEntry[] = [];
  let incomplete = false;
  for (const m of membersOf(target.value)) {
    if (!startsWithCI(m.name, ctx.prefix)) continue;
    if (m.kind === 'method') {
      if (target.valuesPath !== undefined && !valuesMethodShown(m.name, ctx.prefix)) {
        // Withheld; typing its first letters (from an empty prefix) must ask again.
        if (ctx.prefix === '') incomplete = true;
        continue;
      }
      const doc = m.owner !== undefined ? methodDoc(m.owner, m.name) : undefined;
      out.push({
        label: m.name,
        kind: 'method',
        detail: doc?.signature ?? 'method',
        documentation: doc?.doc,
        replace: ctx.replace,
        // Values methods (YAML, Table...) after the keys that share the prefix.
        sortText: (target.valuesPath !== undefined ? '9' : '1') + m.name,
      });
      continue;
    }
    const value = m.value as Value;
    const isValues = target.valuesPath !== undefined;
    out.push({
      label: m.name,
      kind: isValues ? 'value' : value instanceof Map ? 'object' : 'field',
      detail: shortValue(value),
      replace: ctx.replace,
      sortText: '0' + m.name,
      resolve: isValues && dc !== undefined ? { kind: 'value', path, valuesPath: [...(target.valuesPath ?? []), m.name] } : undefined,
    });
  }
  return { entries: out, incomplete };
}

let funcCache: { key: Map<string, FuncDef>; base: Array<Omit<CompletionEntry, 'replace'>>; start: number; end: number; entries: CompletionEntry[] } | undefined;

/**
 * functionEntries lists every function as a completion entry. The entries are reused while the
 * replace range stays the same (typing in one place asks again and again), so a completion
 * request allocates almost nothing for the ~250 functions. Documentation comes on resolve.
 */
function functionEntries(funcs: Map<string, FuncDef>, replace: Span): readonly CompletionEntry[] {
  if (funcCache === undefined || funcCache.key !== funcs) {
    const base = [...funcs.values()]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((d) => ({ label: d.name, kind: 'function' as const, detail: d.doc.signature, sortText: '2' + d.name, resolve: { kind: 'function' as const, name: d.name } }));
    funcCache = { key: funcs, base, start: -1, end: -1, entries: [] };
  }
  if (funcCache.start !== replace.start || funcCache.end !== replace.end) {
    funcCache.entries = funcCache.base.map((e) => ({ ...e, replace }));
    funcCache.start = replace.start;
    funcCache.end = replace.end;
  }
  return funcCache.entries;
}

function completeOperand(snap: Snapshot, path: string, text: string, offset: number, ctx: Extract<CursorContext, { kind: 'operand' }>): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  for (const e of functionEntries(snap.functions(), ctx.replace)) if (fuzzy(e.label, ctx.prefix)) out.push(e);
  if (ctx.commandStart) {
    for (const k of KEYWORDS) if (fuzzy(k, ctx.prefix)) out.push({ label: k, kind: 'keyword', replace: ctx.replace, sortText: '1' + k });
    if (!ctx.actionClosed) {
      for (const [k, body] of SNIPPETS) {
        if (fuzzy(k, ctx.prefix)) {
          out.push({ label: `${k} … end`, kind: 'snippet', insertText: body, snippet: true, replace: ctx.replace, sortText: '1' + k + '~', detail: `{{ ${k} }} … {{ end }}` });
        }
      }
    }
  }
  if (ctx.prefix === '') out.push(...variables(scopeAt(snap, path, text, offset).env, '', ctx.replace));
  return out;
}

function completeDefines(snap: Snapshot, path: string, prefix: string, replace: Span): CompletionEntry[] {
  const dc = snap.docChart(path);
  if (dc === undefined) return [];
  const out: CompletionEntry[] = [];
  for (const [name, sites] of snap.defines(dc.model)) {
    if (!startsWithCI(name, prefix)) continue;
    const s = sites[0];
    out.push({ label: name, kind: 'template', detail: `${s.chart.metadata.name}: ${s.file}`, replace, resolve: { kind: 'define', path, name } });
  }
  return out;
}
