// Custom requests between the VS Code client and the language server, beyond LSP. Plain types
// and method names only (no imports), so the client bundle does not pull in server code.

/** RenderScope says what to preview: the template of `uri` alone, or the whole chart it belongs to. */
export type RenderScope = 'template' | 'chart';

/** RenderParams asks for rendered output; `text` is the editor's unsaved content of `uri`, if any. */
export interface RenderParams {
  readonly uri: string;
  readonly text?: string;
  /** scope defaults to 'template' for a template file and 'chart' for Chart.yaml / values files. */
  readonly scope?: RenderScope;
}

/** RenderLineSource is where one output line came from: a template document and its 0-based line. */
export interface RenderLineSource {
  readonly uri: string;
  readonly line: number;
  /** range: the exact template text (0-based lines, UTF-16 characters), when known. */
  readonly range?: {
    readonly start: { readonly line: number; readonly character: number };
    readonly end: { readonly line: number; readonly character: number };
  };
  /** via: the `include`/`template` call sites that led here, innermost first (e.g. the call of a helper). */
  readonly via?: readonly { readonly uri: string; readonly line: number; readonly endLine: number }[];
}

/**
 * RenderLineMap is a per-line source map in a compact form (a whole chart has tens of thousands of
 * lines from a few dozen templates): URIs and `via` chains are tables, each line a few numbers.
 * lineMap.ts encodes and decodes it (RenderLineSource per line).
 */
export interface RenderLineMap {
  /** uris: the distinct document URIs the map names. */
  readonly uris: readonly string[];
  /** vias[k]: one `via` chain as flat triples (uri index, line, endLine), innermost first. */
  readonly vias: readonly (readonly number[])[];
  /**
   * lines[i]: output line i as [uri index, start line, start character, end line, end character]
   * plus, when it has one, the index of its `via` chain; null for lines of no template (headers, separators).
   */
  readonly lines: readonly (readonly number[] | null)[];
}

/** RenderResult is the rendered YAML (as `helm template` prints it) and a per-line source map. */
export interface RenderResult {
  readonly text: string;
  /** error is Helm's error text when rendering failed (text may then hold partial output or ''). */
  readonly error?: string;
  /** lineMap: the producing template line of each output line (decode with lineMap.ts). */
  readonly lineMap: RenderLineMap;
  /** blank: why a template renders nothing (the conditions that were false, the values profile). */
  readonly blank?: string;
}

/** RenderRequest is `chartwright/render`: RenderParams → RenderResult. */
export const RenderRequest = { method: 'chartwright/render' } as const;

/** DryRunParams asks for a built-in `helm install --dry-run` of the chart containing `uri`. */
export interface DryRunParams {
  readonly uri: string;
  /** text is the editor's unsaved content of `uri`, if any. */
  readonly text?: string;
}

/** DryRunProblem is a Kubernetes schema violation of a rendered manifest. */
export interface DryRunProblem {
  readonly message: string;
  /** line: the 0-based line of the dry-run text it is at. */
  readonly line: number;
  /** source: the template text that produced that line, when known. */
  readonly source: RenderLineSource | null;
}

/** DryRunResult is the text `helm install --dry-run=client` would print, or Helm's error text. */
export interface DryRunResult {
  readonly text: string;
  readonly error?: string;
  /** sourceMap[i] is the producing template line of text line i, or null. */
  readonly sourceMap?: readonly (RenderLineSource | null)[];
  /** problems: Kubernetes schema validation of every manifest and hook (the editor's schemas and placement). */
  readonly problems?: readonly DryRunProblem[];
}

/** DryRunRequest is `chartwright/dryRun`: DryRunParams → DryRunResult. */
export const DryRunRequest = { method: 'chartwright/dryRun' } as const;

/**
 * WorkspaceTrustParams is the editor's workspace trust and its folders (file URIs). The client
 * sends it in `initializationOptions.workspaceTrust` and as `chartwright/workspaceTrust` when it
 * changes (trust granted, folders added or removed). Untrusted, the server reads files named by
 * settings (values files) only inside these folders or the chart. A client that sends nothing is
 * taken as trusted (LSP has no workspace trust; other editors apply their own).
 */
export interface WorkspaceTrustParams {
  readonly trusted: boolean;
  readonly folders: readonly string[];
}

/** TRUST_INIT_KEY is the key of WorkspaceTrustParams in `initializationOptions`. */
export const TRUST_INIT_KEY = 'workspaceTrust';

/** WorkspaceTrustNotification is `chartwright/workspaceTrust`: WorkspaceTrustParams. */
export const WorkspaceTrustNotification = { method: 'chartwright/workspaceTrust' } as const;

/**
 * ARCHIVE_SCHEME names read-only documents of files inside packaged dependencies (`charts/*.tgz`):
 * `chartwright-archive:///ws/app/charts/common-2.2.0.tgz/templates/_names.tpl` (the archive's
 * path in the chart tree, then the file's path inside the chart). Go to definition answers such
 * locations; clients that know the scheme ask `chartwright/archiveFile` for the text.
 */
export const ARCHIVE_SCHEME = 'chartwright-archive';

/** ArchiveFileParams names an archive document by its URI. */
export interface ArchiveFileParams {
  readonly uri: string;
}

/** ArchiveFileResult is the document's text, or null when the URI names no packaged file. */
export type ArchiveFileResult = { readonly text: string } | null;

/** ArchiveFileRequest is `chartwright/archiveFile`: ArchiveFileParams → ArchiveFileResult. */
export const ArchiveFileRequest = { method: 'chartwright/archiveFile' } as const;

/** stringMap keeps the string → string entries of an object setting. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return out;
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string' && k.trim() !== '' && x.trim() !== '') out[k.trim()] = x.trim();
  return out;
}

/**
 * ShowReferencesCommand is the command a CodeLens runs to list places (a define's includes, a
 * values key's reads): arguments `[uri, position, locations]` in LSP shapes. The VS Code client
 * converts them and runs `editor.action.showReferences` (which needs VS Code's own types).
 */
export const ShowReferencesCommand = 'chartwright.showReferences';

/**
 * ServerStatsResult is the server's memory: this process's RSS, the main thread's and each live
 * render worker's heap (MB) and cache counts. For benchmarks and diagnosis; no client uses it.
 */
export interface ServerStatsResult {
  readonly rssMB: number;
  readonly main: unknown;
  readonly workers: Readonly<Record<string, unknown>>;
}

/** ServerStatsRequest is `chartwright/stats`: no params → ServerStatsResult. */
export const ServerStatsRequest = { method: 'chartwright/stats' } as const;
