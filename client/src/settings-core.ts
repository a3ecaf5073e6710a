// Typed reading of the `chartwright.*` settings, free of the vscode module (unit-tested).
import { stringMap } from '../../server/src/lsp/protocol';

/** SeveritySetting is a severity name accepted by `chartwright.diagnostics.severity`. */
export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** ClientSettings are the settings as the client uses them (the server reads its own copy). */
export interface ClientSettings {
  readonly valuesFiles: readonly string[];
  readonly releaseName: string;
  readonly namespace: string;
  readonly kubeVersion: string;
  readonly apiVersions: readonly string[];
  readonly helmVersion: 3 | 4;
  readonly severity: Readonly<Record<string, SeveritySetting>>;
  readonly helmPath: string;
  readonly trace: 'off' | 'messages' | 'verbose';
  /** schemas: template glob (chart-relative) → JSON Schema file (read by the server). */
  readonly schemas: Readonly<Record<string, string>>;
}

/** DEFAULTS mirror the defaults declared in package.json `contributes.configuration`. */
export const DEFAULTS: ClientSettings = {
  valuesFiles: [],
  releaseName: 'release-name',
  namespace: '',
  kubeVersion: '',
  apiVersions: [],
  helmVersion: 4,
  severity: {},
  helmPath: 'helm',
  trace: 'off',
  schemas: {},
};

const SEVERITIES: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];

function str(v: unknown, d: string): string {
  return typeof v === 'string' ? v.trim() : d;
}

function nonEmpty(v: unknown, d: string): string {
  const s = str(v, d);
  return s === '' ? d : s;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : [];
}

/**
 * parseSettings turns raw configuration values (`get('valuesFiles')`, ...) into ClientSettings,
 * falling back to the defaults for anything missing or of the wrong type (settings.json is hand-edited).
 */
export function parseSettings(get: (key: string) => unknown): ClientSettings {
  const hv = get('helmVersion');
  const tr = get('trace.server');
  const sevRaw = get('diagnostics.severity');
  const severity: Record<string, SeveritySetting> = {};
  if (sevRaw !== null && typeof sevRaw === 'object' && !Array.isArray(sevRaw)) {
    for (const [code, s] of Object.entries(sevRaw)) {
      if (typeof s === 'string' && SEVERITIES.includes(s)) severity[code] = s as SeveritySetting;
    }
  }
  return {
    valuesFiles: strings(get('valuesFiles')),
    releaseName: nonEmpty(get('releaseName'), DEFAULTS.releaseName),
    namespace: str(get('namespace'), DEFAULTS.namespace),
    kubeVersion: str(get('kubeVersion'), DEFAULTS.kubeVersion),
    apiVersions: strings(get('apiVersions')),
    helmVersion: hv === 3 || hv === '3' ? 3 : 4,
    severity,
    helmPath: nonEmpty(get('helmPath'), DEFAULTS.helmPath),
    trace: tr === 'messages' || tr === 'verbose' ? tr : 'off',
    schemas: stringMap(get('schemas')),
  };
}
