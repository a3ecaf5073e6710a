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
  | 'values-error'
  | 'template-fail'
  | 'rendered-yaml-invalid'
  | 'rendered-duplicate-key'
  | 'values-unused'
  | 'values-schema'
  | 'chart-lint'
  | 'k8s-unknown-field'
  | 'k8s-type'
  | 'k8s-required'
  | 'k8s-enum'
  | 'k8s-api-removed'
  | 'k8s-api-deprecated';

/** CODES maps each code to its default severity and a one-line description (for docs/settings). */
export const CODES: Readonly<Record<DiagnosticCode, { readonly severity: Severity; readonly description: string }>> = {
  'parse-error': { severity: 'error', description: 'The template does not parse (Go text/template syntax error).' },
  'undefined-function': { severity: 'error', description: 'A function that neither Go, Sprig nor Helm defines is called.' },
  'render-error': { severity: 'error', description: 'Rendering the chart with the configured values fails here.' },
  'values-missing': { severity: 'warning', description: 'A .Values path is not set in any values layer.' },
  'chart-load-error': { severity: 'error', description: 'The chart cannot be loaded (Chart.yaml, values.yaml or charts/ are invalid).' },
  'values-error': { severity: 'error', description: 'The values cannot be prepared (coalescing, schema validation, kubeVersion).' },
  'template-fail': { severity: 'error', description: 'A `required` or `fail` call stops the render with the configured values.' },
  'rendered-yaml-invalid': { severity: 'error', description: 'The rendered output of a template is not valid YAML (reported at the template text that produced it).' },
  'rendered-duplicate-key': { severity: 'warning', description: 'The rendered output repeats a mapping key (often a wrong `nindent` width).' },
  'values-unused': { severity: 'hint', description: 'A key of values.yaml that no template reads.' },
  'values-schema': { severity: 'error', description: 'A value violates values.schema.json.' },
  'chart-lint': { severity: 'warning', description: 'A `helm lint` finding (Chart.yaml, values, templates, dependencies), on save.' },
  'k8s-unknown-field': { severity: 'warning', description: 'A rendered manifest has a field its Kubernetes schema does not define (reported at the template text that wrote it).' },
  'k8s-type': { severity: 'error', description: 'A rendered manifest field has the wrong type for its Kubernetes schema.' },
  'k8s-required': { severity: 'error', description: 'A rendered manifest lacks a field its Kubernetes schema requires.' },
  'k8s-enum': { severity: 'error', description: 'A rendered manifest field has a value its Kubernetes schema does not allow.' },
  'k8s-api-removed': { severity: 'error', description: 'The apiVersion of a rendered resource is removed in the configured Kubernetes version (reported at the template\'s `apiVersion:` line, with the replacement).' },
  'k8s-api-deprecated': { severity: 'warning', description: 'The apiVersion of a rendered resource is deprecated in the configured Kubernetes version (with the replacement).' },
};

/** isDiagnosticCode reports whether s is a known code. */
export function isDiagnosticCode(s: string): s is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(CODES, s);
}
