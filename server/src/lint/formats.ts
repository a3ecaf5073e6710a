// Machine-readable renderings of lint findings for CI: GitHub Actions workflow commands
// (`--format github`: one `::error file=…,line=…,col=…::message` annotation per finding, shown
// on the pull request's diff) and SARIF 2.1.0 (`--format sarif`: for code-scanning uploads).
// Both use the template positions of `--format json`; paths are the chart path as given on the
// command line joined with the chart-relative file, so running from the repository root gives
// repository-relative paths as GitHub expects.
import * as posix from 'node:path/posix';
import { VERSION } from '../version';
import type { LintFinding } from './finding';

/** findingPath is the finding's file as seen from the working directory ('' when it has none). */
function findingPath(f: LintFinding): string {
  const file = f.file ?? (f.path !== '' && !f.path.endsWith('/') ? f.path : null);
  if (file === null) return '';
  return posix.normalize(posix.join(f.chart, file));
}

const GITHUB_LEVEL = { ERROR: 'error', WARNING: 'warning', INFO: 'notice' } as const;

/** escapeData escapes a workflow command's message (GitHub's toolkit escapeData). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** escapeProperty escapes a workflow command's property value (GitHub's toolkit escapeProperty). */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** githubAnnotations renders findings as GitHub Actions workflow commands, one line each. */
export function githubAnnotations(findings: readonly LintFinding[]): string {
  let out = '';
  for (const f of findings) {
    const props: string[] = [];
    const file = findingPath(f);
    if (file !== '') props.push(`file=${escapeProperty(file)}`);
    if (file !== '' && f.line !== null) props.push(`line=${f.line}`);
    if (file !== '' && f.line !== null && f.column !== null) props.push(`col=${f.column}`);
    props.push(`title=${escapeProperty(`helm lint: ${f.chart}${f.path !== '' ? ` (${f.path})` : ''}`)}`);
    out += `::${GITHUB_LEVEL[f.severity]} ${props.join(',')}::${escapeData(f.message)}\n`;
  }
  return out;
}

/** SarifLog is the subset of SARIF 2.1.0 that lint writes. */
export interface SarifLog {
  readonly version: '2.1.0';
  readonly $schema: string;
  readonly runs: readonly {
    readonly tool: { readonly driver: { readonly name: string; readonly version: string; readonly rules: readonly SarifRule[] } };
    readonly results: readonly SarifResult[];
  }[];
}

interface SarifRule {
  readonly id: string;
  readonly shortDescription: { readonly text: string };
}

interface SarifResult {
  readonly ruleId: string;
  readonly level: 'error' | 'warning' | 'note';
  readonly message: { readonly text: string };
  readonly locations?: readonly {
    readonly physicalLocation: {
      readonly artifactLocation: { readonly uri: string };
      readonly region?: { readonly startLine: number; readonly startColumn?: number };
    };
  }[];
}

const SARIF_LEVEL = { ERROR: 'error', WARNING: 'warning', INFO: 'note' } as const;

/** ruleOf names the lint rule family of a finding from its Helm lint path (Chart.yaml, values.yaml, templates/...). */
function ruleOf(f: LintFinding): string {
  const p = f.path.replace(/\/$/, '');
  if (p === '') return 'chart';
  return p.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
}

/** sarif renders findings as one SARIF 2.1.0 run of the tool "chartwright". */
export function sarif(findings: readonly LintFinding[]): SarifLog {
  const rules = new Map<string, SarifRule>();
  const results: SarifResult[] = [];
  for (const f of findings) {
    const ruleId = ruleOf(f);
    if (!rules.has(ruleId)) rules.set(ruleId, { id: ruleId, shortDescription: { text: `helm lint findings for ${f.path === '' ? 'the chart' : f.path}` } });
    const file = findingPath(f);
    const region = f.line !== null ? { startLine: f.line, ...(f.column !== null ? { startColumn: f.column } : {}) } : undefined;
    results.push({
      ruleId,
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      ...(file !== ''
        ? { locations: [{ physicalLocation: { artifactLocation: { uri: file }, ...(region !== undefined ? { region } : {}) } }] }
        : {}),
    });
  }
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver: { name: 'chartwright', version: VERSION, rules: [...rules.values()] } }, results }],
  };
}
