// The analysis layer's view of the outside world: disk access and randomness are injected so
// the analysis stays pure and testable (a node host lives in server/src/lsp/, a memory host here).
import * as posix from 'node:path/posix';
import { type ChartFS, memoryFS } from '../chart/fs';
import type { HelmVersion, Runtime } from '../template/func';
import type { DiagnosticCode, Severity } from './codes';

/** UserFileRead is a file named by a setting: its bytes, `missing`, or why it was refused. */
export type UserFileRead = { readonly bytes: Uint8Array } | { readonly missing: true } | { readonly error: string };

/** AnalysisHost gives read access to files on disk by absolute POSIX path. */
export interface AnalysisHost {
  /** readFile returns a file's bytes, undefined if missing (or not a regular file of a sane size). */
  readFile(path: string): Uint8Array | undefined;
  /** readUserFile reads a file a setting names (a values file): regular files of a bounded size only. */
  readUserFile(path: string): UserFileRead;
  /** realPath resolves symlinks (realpath(3)); undefined when the path does not exist. */
  realPath(path: string): string | undefined;
  /** isFile reports whether an absolute path names an existing file. */
  isFile(path: string): boolean;
  /** chartFS returns a ChartFS rooted at the absolute directory `root`. */
  chartFS(root: string): ChartFS;
  /** runtime provides time and randomness for renders. */
  readonly runtime: Runtime;
  /**
   * setWorkspaceRoots tells the host the editor's workspace folders (absolute paths): a chart's
   * symlinks may resolve anywhere inside the folder holding it (`charts/common -> ../../common`),
   * not only inside the chart. Optional: hosts without a disk ignore it.
   */
  setWorkspaceRoots?(roots: readonly string[]): void;
  /**
   * spec describes the host as plain data, so another thread (the language server's render
   * workers) can rebuild an equivalent one; hosts without it are only used in their own thread.
   */
  readonly spec?: HostSpec;
}

/**
 * WorkspaceTrust is what the editor says about the workspace. Untrusted (VS Code's Restricted
 * Mode), files named by settings are read only inside `folders` (absolute paths) or the chart.
 */
export interface WorkspaceTrust {
  readonly trusted: boolean;
  readonly folders: readonly string[];
}

/**
 * TRUSTED is the trust of a client that says nothing: LSP itself has no workspace trust, editors
 * other than VS Code apply their own. The VS Code client always sends it.
 */
export const TRUSTED: WorkspaceTrust = { trusted: true, folders: [] };

/** HostSpec is a serializable description of a host: the real disk and clock, or memory files with fixedRuntime. */
export type HostSpec = { readonly kind: 'node'; readonly workspaceRoots?: readonly string[] } | { readonly kind: 'memory'; readonly files: Readonly<Record<string, string>> };

/** SeveritySetting is a severity or "off". */
export type SeveritySetting = Severity | 'off';

/** AnalysisSettings are the user's settings that change analysis results. */
export interface AnalysisSettings {
  /** valuesFiles are extra values files (-f), absolute or relative to the root chart directory. */
  readonly valuesFiles: readonly string[];
  readonly releaseName: string;
  readonly namespace: string;
  /** kubeVersion: '' for Helm's default. */
  readonly kubeVersion: string;
  readonly helmVersion: HelmVersion;
  /** apiVersions are extra `.Capabilities.APIVersions` entries (like `--api-versions`). */
  readonly apiVersions: readonly string[];
  /** severity overrides the default severity per diagnostic code. */
  readonly severity: Readonly<Partial<Record<DiagnosticCode, SeveritySetting>>>;
  /** schemas: template glob (chart-relative) → JSON Schema file (relative to the chart root) validating its documents. */
  readonly schemas: Readonly<Record<string, string>>;
  /** trust: whether files outside the workspace may be read (not a user setting: the editor's state). */
  readonly trust: WorkspaceTrust;
}

/** DEFAULT_SETTINGS are used until the client sends its configuration. */
export const DEFAULT_SETTINGS: AnalysisSettings = {
  valuesFiles: [],
  releaseName: 'release-name',
  namespace: '',
  kubeVersion: '',
  helmVersion: 4,
  apiVersions: [],
  severity: {},
  schemas: {},
  trust: TRUSTED,
};

/** fixedRuntime is a deterministic runtime (epoch clock, zero bytes) for tests and previews. */
export const fixedRuntime: Runtime = {
  now: () => new Date(0),
  randomBytes: (n) => new Uint8Array(n),
  localZone: 'UTC',
};

/** memoryHost is an AnalysisHost over in-memory files keyed by absolute path (tests). */
export function memoryHost(files: Readonly<Record<string, string>>, runtime: Runtime = fixedRuntime): AnalysisHost {
  const enc = new TextEncoder();
  const norm = new Map<string, string>();
  for (const [k, v] of Object.entries(files)) norm.set(posix.normalize(k), v);
  return {
    readFile(p) {
      const t = norm.get(posix.normalize(p));
      return t === undefined ? undefined : enc.encode(t);
    },
    readUserFile(p) {
      const t = norm.get(posix.normalize(p));
      return t === undefined ? { missing: true } : { bytes: enc.encode(t) };
    },
    realPath(p) {
      const n = posix.normalize(p);
      if (norm.has(n)) return n;
      const prefix = n.endsWith('/') ? n : n + '/';
      for (const k of norm.keys()) if (k.startsWith(prefix)) return n;
      return undefined;
    },
    isFile(p) {
      return norm.has(posix.normalize(p));
    },
    chartFS(root) {
      const rel: Record<string, string> = {};
      const prefix = root.endsWith('/') ? root : root + '/';
      for (const [k, v] of norm) if (k.startsWith(prefix)) rel[k.slice(prefix.length)] = v;
      return memoryFS(rel, root);
    },
    runtime,
    spec: runtime === fixedRuntime ? { kind: 'memory', files: { ...files } } : undefined,
  };
}
