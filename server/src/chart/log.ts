// Package log: the warning lines Helm writes to stderr while preparing a release.
//
// Helm 3 uses the standard library logger with log.Lshortfile ("coalesce.go:237: warning: ...");
// Helm 4 routes that logger into slog, so the same messages appear as `level=INFO msg="..."`,
// and its own structured warnings as `level=WARN msg="..." key=value ...`.
import type { HelmVersion } from '../template/func';
import { quote } from '../template/fmt';

/** Log collects stderr lines (without trailing newline) in the format of one Helm version. */
export class Log {
  readonly lines: string[] = [];
  constructor(readonly v: HelmVersion) {}

  /** printf is a log.Printf call at file:line of Helm 3's source (INFO through slog in Helm 4). */
  printf(file: string, line: number, msg: string): void {
    if (this.v === 3) this.lines.push(`${file}:${line}: ${msg}`);
    else this.lines.push(`level=INFO msg=${slogValue(msg)}`);
  }

  /** warn is a v3 log.Printf (file:line) that Helm 4 turned into slog.Warn(msg4, attrs...). */
  warn(file: string, line: number, msg3: string, msg4: string, attrs: ReadonlyArray<readonly [string, string]>): void {
    if (this.v === 3) {
      this.lines.push(`${file}:${line}: ${msg3}`);
      return;
    }
    let s = `level=WARN msg=${slogValue(msg4)}`;
    for (const [k, val] of attrs) s += ` ${k}=${slogValue(val)}`;
    this.lines.push(s);
  }

  /** raw appends a line as is. */
  raw(line: string): void {
    this.lines.push(line);
  }
}

/** slogValue formats a string the way slog's TextHandler does (quoted when needed). */
export function slogValue(s: string): string {
  if (s === '') return '""';
  for (const ch of s) {
    if (ch === '"' || ch === '=' || /\s/u.test(ch) || /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u.test(ch)) return quote(s);
  }
  return s;
}
