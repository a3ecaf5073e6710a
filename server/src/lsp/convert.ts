// Conversions between the analysis layer (absolute paths, UTF-16 offsets) and LSP (URIs,
// line/character positions — LSP's default UTF-16 encoding, so characters are code units).
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as L from 'vscode-languageserver/node';
import type { CompletionEntry, CompletionKind, Diagnostic, DocSymbol, Location, ResolveData, Span } from '../analysis/types';
import type { Severity } from '../analysis/codes';
import type { SignatureResult } from '../analysis/signature';
import { ARCHIVE_SCHEME } from './protocol';

/** LineIndex maps offsets and positions for one text. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }
  /** positionAt converts an offset to a Position. */
  positionAt(offset: number): L.Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }
  /** offsetAt converts a Position to an offset (clamped to the line). */
  offsetAt(p: L.Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    if (p.line < 0) return 0;
    const start = this.starts[p.line];
    const next = p.line + 1 < this.starts.length ? this.starts[p.line + 1] : this.text.length;
    let lineEnd = next;
    while (lineEnd > start && (this.text.charCodeAt(lineEnd - 1) === 10 || this.text.charCodeAt(lineEnd - 1) === 13)) lineEnd--;
    return Math.max(start, Math.min(start + p.character, lineEnd));
  }
  /** range converts a span. */
  range(s: Span): L.Range {
    return { start: this.positionAt(s.start), end: this.positionAt(s.end) };
  }
}

const indexCache = new Map<string, LineIndex>();

/** lineIndex returns a (cached) LineIndex for a text. */
export function lineIndex(text: string): LineIndex {
  let idx = indexCache.get(text);
  if (idx === undefined) {
    if (indexCache.size > 32) indexCache.clear();
    idx = new LineIndex(text);
    indexCache.set(text, idx);
  }
  return idx;
}

/** uriToPath converts a file URI to an absolute POSIX path (undefined for other schemes). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri).replace(/\\/g, '/');
  } catch {
    return undefined;
  }
}

/** pathToUri converts an absolute path to a file URI. */
export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

const SEVERITY: Record<Severity, L.DiagnosticSeverity> = { error: 1, warning: 2, information: 3, hint: 4 };

/** toLspDiagnostic converts a diagnostic; `textOf` gives texts of related files. */
export function toLspDiagnostic(d: Diagnostic, idx: LineIndex, textOf: (path: string) => string | undefined): L.Diagnostic {
  const related: L.DiagnosticRelatedInformation[] = [];
  for (const r of d.related ?? []) {
    const t = textOf(r.location.path);
    if (t === undefined) continue;
    related.push({ location: { uri: pathToUri(r.location.path), range: lineIndex(t).range(r.location) }, message: r.message });
  }
  return {
    range: idx.range(d),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'chartwright',
    message: d.message,
    relatedInformation: related.length > 0 ? related : undefined,
  };
}

const KIND: Record<CompletionKind, L.CompletionItemKind> = {
  field: 5,
  value: 12,
  object: 9,
  method: 2,
  function: 3,
  keyword: 14,
  snippet: 15,
  variable: 6,
  template: 18,
  file: 17,
  folder: 19,
};

/** toLspCompletion converts a completion entry. */
export function toLspCompletion(e: CompletionEntry, idx: LineIndex): L.CompletionItem {
  return {
    label: e.label,
    kind: KIND[e.kind],
    detail: e.detail,
    documentation: e.documentation === undefined ? undefined : { kind: 'markdown', value: e.documentation },
    sortText: e.sortText,
    tags: e.deprecated === true ? [1] : undefined,
    insertTextFormat: e.snippet === true ? 2 : 1,
    insertTextMode: e.asIs === true ? 1 : undefined,
    textEdit: { range: idx.range(e.replace), newText: e.insertText ?? e.label },
    data: e.resolve,
  };
}

// Keyed by the entry's resolve data when it has one: function entries share it across requests.
const compactCache = new WeakMap<object, L.CompletionItem>();

/** compactItem is an entry without its range (sent once in itemDefaults); cached per entry object. */
function compactItem(e: CompletionEntry): L.CompletionItem {
  const key: object = e.resolve ?? e;
  const hit = compactCache.get(key);
  if (hit !== undefined) return hit;
  const item: L.CompletionItem = {
    label: e.label,
    kind: KIND[e.kind],
    detail: e.detail,
    documentation: e.documentation === undefined ? undefined : { kind: 'markdown', value: e.documentation },
    sortText: e.sortText,
    tags: e.deprecated === true ? [1] : undefined,
    insertText: e.insertText,
    insertTextFormat: e.snippet === true ? 2 : undefined,
    insertTextMode: e.asIs === true ? 1 : undefined,
    data: e.resolve,
  };
  compactCache.set(key, item);
  return item;
}

/**
 * toLspCompletionList converts entries sharing one replace range into a CompletionList whose
 * itemDefaults carry the range (LSP 3.17): a smaller message, and cached item objects for
 * entries that are themselves cached (functions).
 */
export function toLspCompletionList(entries: readonly CompletionEntry[], idx: LineIndex, isIncomplete = false): L.CompletionList {
  const r = entries[0].replace;
  if (entries.some((e) => e.replace.start !== r.start || e.replace.end !== r.end)) {
    return { isIncomplete, items: entries.map((e) => toLspCompletion(e, idx)) };
  }
  return { isIncomplete, itemDefaults: { editRange: idx.range(r) }, items: entries.map(compactItem) };
}

/** toLspLocation converts a location (an archive location to an ARCHIVE_SCHEME URI). */
export function toLspLocation(l: Location, textOf: (path: string) => string | undefined): L.Location | undefined {
  const t = textOf(l.path);
  if (t === undefined) return undefined;
  return { uri: l.archive === true ? archiveUri(l.path) : pathToUri(l.path), range: lineIndex(t).range(l) };
}

/** archiveUri is the ARCHIVE_SCHEME URI of a virtual archive path. */
export function archiveUri(path: string): string {
  return ARCHIVE_SCHEME + ':' + pathToUri(path).slice('file:'.length);
}

/** archiveUriToPath converts an ARCHIVE_SCHEME URI back to its virtual path (undefined for other URIs). */
export function archiveUriToPath(uri: string): string | undefined {
  const prefix = ARCHIVE_SCHEME + ':';
  return uri.startsWith(prefix) ? uriToPath('file:' + uri.slice(prefix.length)) : undefined;
}

/** toLspSymbol converts a document symbol. */
export function toLspSymbol(s: DocSymbol, idx: LineIndex): L.DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: s.kind === 'define' ? 12 : s.kind === 'resource' ? 5 : 20,
    range: idx.range(s),
    selectionRange: idx.range(s.selection),
    children: s.children.map((c) => toLspSymbol(c, idx)),
  };
}

/** asResolveData reads back the `data` of a completion item sent by the client (unknown JSON). */
export function asResolveData(x: unknown): ResolveData | undefined {
  if (x === null || typeof x !== 'object') return undefined;
  const o = x as Record<string, unknown>;
  switch (o.kind) {
    case 'function':
      return typeof o.name === 'string' ? { kind: 'function', name: o.name } : undefined;
    case 'define':
      return typeof o.name === 'string' && typeof o.path === 'string' ? { kind: 'define', name: o.name, path: o.path } : undefined;
    case 'value':
      return typeof o.path === 'string' && Array.isArray(o.valuesPath) && o.valuesPath.every((s) => typeof s === 'string')
        ? { kind: 'value', path: o.path, valuesPath: o.valuesPath as string[] }
        : undefined;
    default:
      return undefined;
  }
}

/** toLspSignatureHelp converts a signature (parameters as label offsets; -1 → no active parameter). */
export function toLspSignatureHelp(s: SignatureResult): L.SignatureHelp {
  const parameters: L.ParameterInformation[] = s.parameters.map((p) => ({
    label: [p.start, p.end],
    documentation: p.documentation === undefined ? undefined : { kind: 'markdown', value: p.documentation },
  }));
  // An index past the parameters highlights none (LSP 3.16+ clients; older ones default to 0).
  const active = s.activeParameter < 0 ? parameters.length : s.activeParameter;
  return {
    signatures: [{ label: s.label, documentation: { kind: 'markdown', value: s.documentation }, parameters, activeParameter: active }],
    activeSignature: 0,
    activeParameter: active,
  };
}
