// Helm's rewriting of template errors (pkg/engine/engine.go): cleanupParseError for parse errors,
// cleanupExecError (Helm 3: single line) and reformatExecErrorMsg (Helm 4: a multi-line trace,
// one block per template level, when every error in the Unwrap chain is a template error).
import type { HelmVersion } from '../template/func';
import { TemplateError } from '../template/errors';
import { goTrimSpace } from './gostrings';

/** cleanupParseError is Helm's text for a parse error of file `filename`. */
export function cleanupParseError(filename: string, goMessage: string): string {
  const tokens = goMessage.split(': ');
  if (tokens.length === 1) return `parse error in (${filename}): ${goMessage}`;
  // tokens[0] is "template", tokens[1] "file:line"; only the LAST token is kept, so messages that
  // themselves contain ": " are truncated (Helm's behaviour).
  return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
}

// Go's `HELM_ERR_START(.*)HELM_ERR_END`; Helm 3.17/4 compile it with (?s) so the message may span lines.
const WARN_RE = /HELM_ERR_START([\s\S]*)HELM_ERR_END/;

/** splitN is Go's strings.SplitN(s, sep, n). */
function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

/** goErrorMessage is err.Error() of a thrown value. */
export function goErrorMessage(e: unknown): string {
  if (e instanceof TemplateError) return e.goMessage;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** isExecError reports whether e is (or wraps) Go's template.ExecError. */
function isExecError(e: unknown): boolean {
  for (let cur: unknown = e; cur !== undefined && cur !== null; cur = causeOf(cur)) {
    if (cur instanceof TemplateError && cur.kind === 'exec') return true;
  }
  return false;
}

function causeOf(e: unknown): unknown {
  if (e instanceof Error) return (e as Error & { cause?: unknown }).cause;
  return undefined;
}

/**
 * unwrapChain lists err.Error() of every link of Go's errors.Unwrap chain. An ExecError wraps a
 * fmt error with the same text (which in turn wraps the called function's error with %w), so a
 * TemplateError contributes its text twice; duplicates are dropped by the caller like Helm does.
 */
function unwrapChain(e: unknown): string[] {
  const out: string[] = [];
  for (let cur: unknown = e; cur !== undefined && cur !== null; cur = causeOf(cur)) {
    out.push(goErrorMessage(cur));
    if (cur instanceof TemplateError && cur.kind === 'exec') out.push(cur.goMessage);
  }
  return out;
}

// Helm 4's patterns; Go's (?U) inside a group makes that group's `.+` lazy. `.` does not match
// a newline and `$` is the end of the text, so a multi-line message falls back to single-line.
const EXEC_ERR_FMT = /^template: ([^\n]+?): executing ([^\n]+?) at ([^\n]+?): ([^\n]+?)((?: template:[^\n]*)?)$/;
const EXEC_ERR_FMT_WITHOUT_TEMPLATE = /^template: ([^\n]+?): ([^\n]*)((?: template:[^\n]*)?)$/;

interface Traceable {
  readonly location: string;
  readonly message: string;
  readonly executedFunction: string;
}

function traceableString(t: Traceable): string {
  let s = '';
  if (t.location !== '') s += `${t.location}\n  `;
  if (t.executedFunction !== '') s += `${t.executedFunction}\n    `;
  if (t.message !== '') s += `${t.message}\n`;
  return s;
}

/** formatExecError is Helm's text for an execution error of `filename` (v3 or v4 rules). */
export function formatExecError(filename: string, err: unknown, helmVersion: HelmVersion): string {
  const msg = goErrorMessage(err);
  if (!isExecError(err)) return msg;
  const tokens = splitN(msg, ': ', 3);
  if (tokens.length !== 3) return `execution error in (${filename}): ${msg}`;
  const location = tokens[1];
  const warn = WARN_RE.exec(tokens[2]);
  if (warn !== null) return `execution error at (${location}): ${warn[1]}`;
  if (helmVersion === 3) return msg;
  const blocks: Traceable[] = [];
  for (const link of unwrapChain(err)) {
    let t: Traceable;
    const m = EXEC_ERR_FMT.exec(link);
    if (m !== null) {
      t = { location: m[1], message: m[4], executedFunction: `executing ${m[2]} at ${m[3]}:` };
    } else {
      const w = EXEC_ERR_FMT_WITHOUT_TEMPLATE.exec(link);
      if (w !== null) t = { location: w[1], message: w[2], executedFunction: '' };
      // A template error without location (`template: no template "x" associated with template
      // "gotpl"`) is printed verbatim as its own line [vec: define-undefined-include].
      else if (link.startsWith('template: ') && !link.includes('\n')) t = { location: '', message: link, executedFunction: '' };
      else return msg;
    }
    const last = blocks[blocks.length - 1];
    if (
      last === undefined ||
      last.location !== t.location ||
      last.message !== t.message ||
      last.executedFunction !== t.executedFunction
    ) {
      blocks.push(t);
    }
  }
  return goTrimSpace(blocks.map(traceableString).join(''));
}
