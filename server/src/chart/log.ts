// Package log: the warning lines Helm writes to stderr while preparing a release.
//
// Helm 3 uses the standard library logger with log.Lshortfile ("coalesce.go:237: warning: ...");
// Helm 4 routes that logger into slog, so the same messages appear as `level=INFO msg="..."`,
// and its own structured warnings as `level=WARN msg="..." key=value ...`.
import type { HelmVersion } from '../template/func';
import { quote } from '../template/fmt';

/** LoadNote is a line Helm's chart loader logs (log.Printf in Helm 3, slog.Info in Helm 4). */
export interface LoadNote {
  /** file and line: Helm 3's log.Lshortfile prefix. */
  readonly file: string;
  readonly line: number;
  readonly msg3: string;
  readonly msg4: string;
  readonly attrs: ReadonlyArray<readonly [string, string]>;
}

/** Log collects stderr lines (without trailing newline) in the format of one Helm version. */
export class Log {
  readonly lines: string[] = [];
  constructor(
    readonly v: HelmVersion,
    /** debugOn: --debug (Helm 4 prints its slog.Debug lines; Helm 3 has none on these paths). */
    readonly debugOn = false,
  ) {}

  /** debug is Helm 4's slog.Debug(msg, attrs...), printed with --debug only. */
  debug(msg: string, attrs: ReadonlyArray<readonly [string, string]>): void {
    if (this.v !== 4 || !this.debugOn) return;
    let s = `level=DEBUG msg=${slogValue(msg)}`;
    for (const [k, val] of attrs) s += ` ${k}=${slogValue(val)}`;
    this.lines.push(s);
  }

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

  /** note prints a loader line: Helm 3's log.Printf or Helm 4's slog.Info(msg4, attrs...). */
  note(n: LoadNote): void {
    if (this.v === 3) {
      this.lines.push(`${n.file}:${n.line}: ${n.msg3}`);
      return;
    }
    let s = `level=INFO msg=${slogValue(n.msg4)}`;
    for (const [k, val] of n.attrs) s += ` ${k}=${slogValue(val)}`;
    this.lines.push(s);
  }

  /** raw appends a line as is. */
  raw(line: string): void {
    this.lines.push(line);
  }
}

/** noteLines formats a load's notes as Helm version `v` prints them. */
export function noteLines(notes: readonly LoadNote[] | undefined, v: HelmVersion): string[] {
  if (notes === undefined) return [];
  const log = new Log(v);
  for (const n of notes) log.note(n);
  return log.lines;
}

/** slogValue formats a string the way slog's TextHandler does (quoted when needed). */
export function slogValue(s: string): string {
  if (s === '') return '""';
  for (const ch of s) {
    if (ch === '"' || ch === '=' || /\s/u.test(ch) || /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u.test(ch)) return quote(s);
  }
  return s;
}
