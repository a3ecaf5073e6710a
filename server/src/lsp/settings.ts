// Client settings (section "chartwright") → AnalysisSettings, read defensively from unknown JSON.
import { DEFAULT_SETTINGS, TRUSTED, type AnalysisSettings, type SeveritySetting, type WorkspaceTrust } from '../analysis/host';
import { type DiagnosticCode, isDiagnosticCode } from '../analysis/codes';
import { uriToPath } from './convert';
import { stringMap } from './protocol';

/** SETTINGS_SECTION is the configuration section the server reads. */
export const SETTINGS_SECTION = 'chartwright';

function str(x: unknown, d: string): string {
  return typeof x === 'string' ? x : d;
}

function isSeverity(x: unknown): x is SeveritySetting {
  return x === 'error' || x === 'warning' || x === 'information' || x === 'hint' || x === 'off';
}

/** parseSettings reads the chartwright settings object; unknown or bad fields keep defaults. */
export function parseSettings(raw: unknown): AnalysisSettings {
  if (raw === null || typeof raw !== 'object') return DEFAULT_SETTINGS;
  const o = raw as Record<string, unknown>;
  const valuesFiles = Array.isArray(o.valuesFiles) ? o.valuesFiles.filter((x): x is string => typeof x === 'string') : [];
  const hvRaw = o.helmVersion;
  const helmVersion = hvRaw === 3 || hvRaw === '3' || hvRaw === 'v3' ? 3 : 4;
  const severity: Partial<Record<DiagnosticCode, SeveritySetting>> = {};
  const diag = o.diagnostics;
  const sevRaw = diag !== null && typeof diag === 'object' ? (diag as Record<string, unknown>).severity : undefined;
  if (sevRaw !== null && typeof sevRaw === 'object') {
    for (const [k, v] of Object.entries(sevRaw as Record<string, unknown>)) if (isDiagnosticCode(k) && isSeverity(v)) severity[k] = v;
  }
  return {
    valuesFiles,
    releaseName: str(o.releaseName, DEFAULT_SETTINGS.releaseName) || DEFAULT_SETTINGS.releaseName,
    namespace: str(o.namespace, ''),
    kubeVersion: str(o.kubeVersion, ''),
    helmVersion,
    apiVersions: Array.isArray(o.apiVersions) ? o.apiVersions.filter((x): x is string => typeof x === 'string') : [],
    severity,
    schemas: stringMap(o.schemas),
    trust: TRUSTED,
  };
}

/**
 * parseTrust reads WorkspaceTrustParams (protocol.ts) from unknown JSON: `trusted` must be
 * exactly true to trust; folders are file URIs (others are dropped). Undefined when `raw` is not
 * an object (the client said nothing).
 */
export function parseTrust(raw: unknown): WorkspaceTrust | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  const folders = Array.isArray(o.folders) ? o.folders.flatMap((f) => (typeof f === 'string' ? (uriToPath(f) ?? []) : [])) : [];
  return { trusted: o.trusted === true, folders };
}

/** EditorSettings are settings of editor features that change no analysis result (not in the model key). */
export interface EditorSettings {
  /** inlayValues: `chartwright.inlayHints.values` (default on). */
  readonly inlayValues: boolean;
}

/** parseEditorSettings reads the editor-only settings from the chartwright settings object. */
export function parseEditorSettings(raw: unknown): EditorSettings {
  const o = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const hints = o.inlayHints !== null && typeof o.inlayHints === 'object' ? (o.inlayHints as Record<string, unknown>) : {};
  // VS Code may also send the dotted key flat.
  const v = hints.values ?? o['inlayHints.values'];
  return { inlayValues: v !== false };
}
