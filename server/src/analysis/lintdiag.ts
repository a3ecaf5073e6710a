// Lint on save: the full `helm lint` rules (server/src/lint) over the chart tree with the open
// buffers, each finding mapped to the document it names (Chart.yaml findings at the key they are
// about when that can be told from the message).
import * as posix from 'node:path/posix';
import { overlayFS } from '../chart/fs';
import { parseCliKubeVersion } from '../chart/index';
import { type LintMessage, lintChart } from '../lint/index';
import type { Severity } from './codes';
import type { Snapshot } from './snapshot';
import type { Diagnostic } from './types';
import { yamlErrorRange } from './yamlerrpos';
import { type GoMap, deepCopy } from '../template/value';

/** LintFinding is a lint message placed in a file. */
export interface LintFinding {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly severity: Severity;
  readonly message: string;
}

const memo = new WeakMap<Snapshot, Map<string, LintFinding[]>>();

const SEVERITY: Record<LintMessage['severity'], Severity> = { ERROR: 'error', WARNING: 'warning', INFO: 'information' };

// Chart.yaml fields a message is about (first match wins).
const CHART_FIELDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/apiVersion/i, 'apiVersion'],
  [/appVersion/i, 'appVersion'],
  [/\bversion\b/i, 'version'],
  [/\bname\b/i, 'name'],
  [/icon/i, 'icon'],
  [/maintainer/i, 'maintainers'],
  [/source/i, 'sources'],
  [/dependenc/i, 'dependencies'],
  [/\btype\b/i, 'type'],
  [/kubeVersion/i, 'kubeVersion'],
];

/** lintFindings runs `helm lint` over the chart tree at `root` (memoized per snapshot). */
export function lintFindings(snap: Snapshot, root: string): LintFinding[] {
  let perSnap = memo.get(snap);
  if (perSnap === undefined) {
    perSnap = new Map();
    memo.set(snap, perSnap);
  }
  const hit = perSnap.get(root);
  if (hit !== undefined) return hit;
  const model = snap.model(root);
  const buffers = new Map<string, string>();
  const prefix = root + '/';
  for (const [p, d] of snap.docs) if (p.startsWith(prefix)) buffers.set(p.slice(prefix.length), d.text);
  const fs = overlayFS(snap.hostFS(root), buffers);
  const hv = snap.settings.helmVersion;
  const kv = parseCliKubeVersion(snap.settings.kubeVersion, hv);
  // A copy: lintChart coalesces values.yaml into the user's tables in place (as Helm does).
  const res = lintChart(fs, '', root, deepCopy(model.userValues) as GoMap, {
    helmVersion: hv,
    strict: false,
    namespace: snap.settings.namespace === '' ? 'default' : snap.settings.namespace,
    kubeVersion: kv !== undefined && !('error' in kv) ? kv : undefined,
    skipSchemaValidation: false,
    runtime: snap.runtime(),
  });
  const out: LintFinding[] = [];
  for (const m of res.messages) {
    const file = m.position?.file ?? (m.path.endsWith('/') || m.path === '' ? 'Chart.yaml' : m.path);
    const path = posix.join(root, file);
    let start = m.position?.start ?? 0;
    let end = m.position?.end ?? start;
    if (m.position?.start === undefined && file === 'Chart.yaml') {
      const text = snap.text(path);
      const field = CHART_FIELDS.find(([re]) => re.test(m.message))?.[1];
      const node = text !== undefined && field !== undefined ? snap.valuesDoc(text).find([field]) : undefined;
      if (node !== undefined) ({ start, end } = node.key);
    }
    if (m.position?.start === undefined && m.path === file && (file === 'values.yaml' || file === 'Chart.yaml')) {
      // "unable to parse YAML: ... yaml: line N: ...": at the line go-yaml names.
      const text = snap.text(path);
      const at = text !== undefined ? yamlErrorRange(text, m.message) : undefined;
      if (at !== undefined) ({ start, end } = at);
    }
    out.push({ path, start, end, severity: SEVERITY[m.severity], message: `helm lint: ${m.message}` });
  }
  perSnap.set(root, out);
  return out;
}

/** lintDiagnostics are the lint findings of one document (code chart-lint; severity from lint unless overridden). */
export function lintDiagnostics(snap: Snapshot, path: string): Array<Omit<Diagnostic, 'severity'> & { readonly defaultSeverity: Severity }> {
  const root = snap.chartRoot(path);
  if (root === undefined) return [];
  return lintDiagnosticsOf(lintFindings(snap, root), path);
}

/** lintDiagnosticsOf places findings computed elsewhere (the chart's render worker) in one document. */
export function lintDiagnosticsOf(findings: readonly LintFinding[], path: string): Array<Omit<Diagnostic, 'severity'> & { readonly defaultSeverity: Severity }> {
  return findings.filter((f) => f.path === path).map((f) => ({ code: 'chart-lint' as const, message: f.message, start: f.start, end: f.end, defaultSeverity: f.severity }));
}
