// Pure part of the built-in dry run's Problems entries: where each Kubernetes schema problem goes.
import type { DryRunProblem, DryRunResult } from '../../server/src/lsp/protocol';

/** DRY_RUN_SOURCE is the `source` shown with dry-run problems in the Problems panel. */
export const DRY_RUN_SOURCE = 'chartwright dry run';

/** ProblemRange is a 0-based line/character range (UTF-16 characters, as LSP and VS Code use). */
export interface ProblemRange {
  readonly startLine: number;
  readonly startCharacter: number;
  readonly endLine: number;
  readonly endCharacter: number;
}

/** PlacedProblem is one dry-run problem at a document: a template when known, else the output. */
export interface PlacedProblem {
  /** uri is the template's URI, or `outputUri` when the problem has no template source. */
  readonly uri: string;
  readonly range: ProblemRange;
  readonly message: string;
}

/** wholeLine is the range of a line without knowing its length (VS Code clamps the end). */
function wholeLine(line: number): ProblemRange {
  return { startLine: line, startCharacter: 0, endLine: line, endCharacter: Number.MAX_SAFE_INTEGER };
}

/** placeProblem puts a problem at its template text (exact range when known) or at its output line. */
export function placeProblem(p: DryRunProblem, outputUri: string): PlacedProblem {
  if (p.source === null) return { uri: outputUri, range: wholeLine(p.line), message: p.message };
  const r = p.source.range;
  const range: ProblemRange =
    r === undefined ? wholeLine(p.source.line) : { startLine: r.start.line, startCharacter: r.start.character, endLine: r.end.line, endCharacter: r.end.character };
  return { uri: p.source.uri, range, message: p.message };
}

/** groupProblems places every problem of a dry run and groups them by document URI (in order). */
export function groupProblems(r: DryRunResult, outputUri: string): Map<string, PlacedProblem[]> {
  const out = new Map<string, PlacedProblem[]>();
  for (const p of r.problems ?? []) {
    const placed = placeProblem(p, outputUri);
    const list = out.get(placed.uri) ?? [];
    list.push(placed);
    out.set(placed.uri, list);
  }
  return out;
}

/** dryRunSummary is the one-line status after a dry run (shown in the notification area). */
export function dryRunSummary(r: DryRunResult): string {
  if (r.error !== undefined) return `Chartwright: dry run failed: ${r.error.split('\n')[0] ?? ''}`;
  const n = r.problems?.length ?? 0;
  return n === 0
    ? 'Chartwright: dry run passed the Kubernetes schema checks.'
    : `Chartwright: dry run found ${n} Kubernetes schema problem${n === 1 ? '' : 's'} (see the Problems panel).`;
}
