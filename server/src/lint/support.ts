// Package lint support: Helm's pkg/chart/v2/lint/support — severities, messages and the Linter
// that collects them (RunLinterRule), plus the positions Chartwright adds for editors.

/** Severity is support.*Sev: the order matters (strict mode compares severities). */
export type Severity = 'INFO' | 'WARNING' | 'ERROR';

/** severityRank orders severities like Helm's integer constants (Info=1, Warning=2, Error=3). */
export function severityRank(s: Severity): number {
  switch (s) {
    case 'INFO':
      return 1;
    case 'WARNING':
      return 2;
    case 'ERROR':
      return 3;
  }
}

/** Position points into a source file of the chart: 1-based line, 1-based UTF-16 column. */
export interface Position {
  /** file is chart-relative ("templates/cm.yaml", "charts/sub/templates/x.yaml", "Chart.yaml"). */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** start/end are UTF-16 offsets into the file when known. */
  readonly start?: number;
  readonly end?: number;
}

/** LintMessage is support.Message: one finding, printed as `[SEV] path: message`. */
export interface LintMessage {
  readonly severity: Severity;
  /** path is the rule's path as Helm prints it ("Chart.yaml", "templates/", "templates/x.yaml", chart dir). */
  readonly path: string;
  /** message is err.Error() of the failing rule. */
  readonly message: string;
  /** position locates the finding in a chart file when Chartwright knows it. */
  readonly position?: Position;
}

/** formatMessage is Message.Error(): "[ERROR] templates/: text". */
export function formatMessage(m: LintMessage): string {
  return `[${m.severity}] ${m.path}: ${m.message}`;
}

/** Linter is support.Linter: collected messages of one chart. */
export class Linter {
  readonly messages: LintMessage[] = [];
  highest = 0;

  /** run is RunLinterRule: records `err` (when defined) and reports whether the rule passed. */
  run(severity: Severity, path: string, err: string | undefined, position?: Position): boolean {
    if (err === undefined) return true;
    this.messages.push(position === undefined ? { severity, path, message: err } : { severity, path, message: err, position });
    this.highest = Math.max(this.highest, severityRank(severity));
    return false;
  }
}

/** goQuoteQ is Go's %q for the texts lint prints (strconv.Quote). */
export function goQuoteQ(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}
