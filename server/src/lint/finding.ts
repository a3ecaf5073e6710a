// One lint finding with its position, shared by the command (lint/command.ts, `--format json`)
// and the CI formats (lint/formats.ts).

/** LintFinding is one entry of `--format json`: file/line/column point into the chart's sources. */
export interface LintFinding {
  readonly chart: string;
  readonly severity: 'INFO' | 'WARNING' | 'ERROR';
  readonly path: string;
  readonly message: string;
  readonly file: string | null;
  readonly line: number | null;
  readonly column: number | null;
}
