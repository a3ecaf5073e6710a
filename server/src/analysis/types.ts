// Result types of the analysis layer: plain data with UTF-16 offsets and absolute POSIX paths,
// converted to LSP shapes only in server/src/lsp/.
import type { DiagnosticCode, Severity } from './codes';

/** Span is a UTF-16 offset range [start, end) in one document. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Location is a span in a file named by absolute path. */
export interface Location extends Span {
  readonly path: string;
  /** archive: `path` is a virtual path into a packaged dependency (analysis/archivedoc.ts), not a file on disk. */
  readonly archive?: boolean;
}

/** RelatedInfo points at another place relevant to a diagnostic. */
export interface RelatedInfo {
  readonly location: Location;
  readonly message: string;
}

/** Diagnostic is one problem in a document. */
export interface Diagnostic extends Span {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly related?: readonly RelatedInfo[];
}

/** CompletionKind classifies a completion entry (mapped to LSP kinds by the server). */
export type CompletionKind = 'field' | 'value' | 'object' | 'method' | 'function' | 'keyword' | 'snippet' | 'variable' | 'template' | 'file' | 'folder';

/** CompletionEntry is one completion proposal replacing `replace` with `insertText` (or label). */
export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** documentation is Markdown. */
  readonly documentation?: string;
  readonly insertText?: string;
  /** snippet: insertText uses LSP snippet syntax ($1, ${1:x}, $0). */
  readonly snippet?: boolean;
  /** asIs: the insert text carries its own indentation (LSP InsertTextMode.asIs: the client must not re-indent it). */
  readonly asIs?: boolean;
  readonly replace: Span;
  readonly sortText?: string;
  /** deprecated: shown struck through (LSP CompletionItemTag.Deprecated), e.g. a deprecated or removed apiVersion. */
  readonly deprecated?: boolean;
  /** resolve: what completionItem/resolve needs to compute the documentation lazily. */
  readonly resolve?: ResolveData;
}

/** ResolveData identifies an entry whose documentation is computed on completionItem/resolve. */
export type ResolveData =
  | { readonly kind: 'value'; readonly path: string; readonly valuesPath: readonly string[] }
  | { readonly kind: 'function'; readonly name: string }
  | { readonly kind: 'define'; readonly path: string; readonly name: string };

/** HoverResult is Markdown shown for a span. */
export interface HoverResult extends Span {
  readonly markdown: string;
}

/** SymbolKind classifies a document symbol. */
export type SymbolKind = 'define' | 'key' | 'resource';

/** DocSymbol is a document outline entry. */
export interface DocSymbol extends Span {
  readonly name: string;
  readonly kind: SymbolKind;
  readonly detail?: string;
  readonly selection: Span;
  readonly children: DocSymbol[];
}
