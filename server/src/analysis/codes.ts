// Diagnostic codes: every diagnostic the analysis layer produces carries one of these stable codes,
// with a default severity the user can override (or switch off) per code in the settings.

/** Severity is a diagnostic severity, LSP-independent. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** DiagnosticCode enumerates the stable diagnostic codes. */
export type DiagnosticCode =
  | 'parse-error'
  | 'undefined-function'
  | 'render-error'
  | 'values-missing'
  | 'chart-load-error'
  | 'values-error';

/** CODES maps each code to its default severity and a one-line description (for docs/settings). */
export const CODES: Readonly<Record<DiagnosticCode, { readonly severity: Severity; readonly description: string }>> = {
  'parse-error': { severity: 'error', description: 'The template does not parse (Go text/template syntax error).' },
  'undefined-function': { severity: 'error', description: 'A function that neither Go, Sprig nor Helm defines is called.' },
  'render-error': { severity: 'error', description: 'Rendering the chart with the configured values fails here.' },
  'values-missing': { severity: 'warning', description: 'A .Values path is not set in any values layer.' },
  'chart-load-error': { severity: 'error', description: 'The chart cannot be loaded (Chart.yaml, values.yaml or charts/ are invalid).' },
  'values-error': { severity: 'error', description: 'The values cannot be prepared (coalescing, schema validation, kubeVersion).' },
};

/** isDiagnosticCode reports whether s is a known code. */
export function isDiagnosticCode(s: string): s is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(CODES, s);
}
