// Template errors with the structure of Go's text/template ExecError and parse errors.
//
// Go formats an execution error as
//   template: PARSENAME:LINE:COL: executing "NAME" at <CONTEXT>: MESSAGE
// (exec.go state.errorf + parse.Tree.ErrorContext). LINE is 1-based, COL is the 0-based *byte*
// column of the node's Pos in its line (tabs count 1). Errors returned by functions are wrapped
// with %w ("error calling include: <inner>"), which we keep as `cause` so the Helm layer can print
// both the v3 single-line and the v4 multi-line (errors.Unwrap chain) formats.
import { quote } from './strconv';
import type { Node, Tree } from './parse/node';
import { utf8Length } from './value';
import { noteStackOverflow } from './stack-signal';

/** TemplateErrorKind tells where an error came from. */
export type TemplateErrorKind =
  /** an execution error (Go's ExecError) with a location and context */
  | 'exec'
  /** a parse error (`template: NAME:LINE: MSG`), no column */
  | 'parse'
  /** `template: no template "x" associated with template "gotpl"` (ExecuteTemplate), no location */
  | 'notDefined'
  /** a resource limit of this implementation (output size, abort signal); not a Go error */
  | 'limit';

/** TemplateErrorInit holds the fields of a TemplateError. */
export interface TemplateErrorInit {
  readonly kind: TemplateErrorKind;
  readonly goMessage: string;
  readonly message: string;
  readonly templateName: string;
  readonly parseName: string;
  readonly line: number;
  readonly byteCol: number;
  readonly start: number;
  readonly end: number;
  readonly context: string;
  readonly cause?: TemplateError | Error;
}

/**
 * TemplateError is an execution or parse error of the engine. `goMessage` is exactly Go's
 * err.Error(); `message` is only the tail after `at <...>: ` (or after the location for parse
 * errors). `name` is the executing template's name (Go's ExecError.Name).
 */
export class TemplateError extends Error {
  readonly kind: TemplateErrorKind;
  /** goMessage is the full Go error text (what Helm 3 prints after "Error: "). */
  readonly goMessage: string;
  /** parseName is the file the failing node was parsed from ("" when there is no location). */
  readonly parseName: string;
  /** line is the 1-based line of the node (0 when unknown). */
  readonly line: number;
  /** byteCol is Go's 0-based byte column (-1 for parse errors and errors without location). */
  readonly byteCol: number;
  /** start/end are UTF-16 offsets of the failing node in its file's text (-1 when unknown). */
  readonly start: number;
  readonly end: number;
  /** context is node.String() of the failing node, as shown between `<` and `>`. */
  readonly context: string;
  /** cause is the wrapped error (Go's %w): the inner TemplateError of include/tpl, or a Go error. */
  override readonly cause?: TemplateError | Error;

  constructor(init: TemplateErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.name = init.templateName;
    this.goMessage = init.goMessage;
    this.parseName = init.parseName;
    this.line = init.line;
    this.byteCol = init.byteCol;
    this.start = init.start;
    this.end = init.end;
    this.context = init.context;
    if (init.cause !== undefined) this.cause = init.cause;
  }

  override toString(): string {
    return this.goMessage;
  }
}

/** lineAndByteCol converts a UTF-16 offset in text to Go's 1-based line and 0-based byte column. */
export function lineAndByteCol(text: string, offset: number): { line: number; byteCol: number } {
  if (offset > text.length) offset = text.length;
  if (offset < 0) offset = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, byteCol: utf8Length(text.slice(lineStart, offset)) };
}

/**
 * goQuote is strconv.Quote for template names in messages (`executing "NAME"`, `template "x"
 * not defined`).
 */
export const goQuote = quote;

/**
 * execError builds Go's ExecError for a failure while executing template `tree` at `node`
 * (state.errorf): `template: LOC: executing "NAME" at <CTX>: MSG`, or `template: NAME: MSG` when
 * there is no current node.
 */
export function execError(
  tree: Tree,
  node: Node | null,
  context: string,
  message: string,
  cause?: TemplateError | Error,
): TemplateError {
  if (node === null) {
    return new TemplateError({
      kind: 'exec',
      goMessage: `template: ${tree.name}: ${message}`,
      message,
      templateName: tree.name,
      parseName: tree.parseName,
      line: 0,
      byteCol: -1,
      start: -1,
      end: -1,
      context: '',
      cause,
    });
  }
  const { line, byteCol } = lineAndByteCol(tree.text, node.pos);
  const location = `${tree.parseName}:${line}:${byteCol}`;
  return new TemplateError({
    kind: 'exec',
    goMessage: `template: ${location}: executing ${goQuote(tree.name)} at <${context}>: ${message}`,
    message,
    templateName: tree.name,
    parseName: tree.parseName,
    line,
    byteCol,
    start: node.pos,
    end: node.end,
    context,
    cause,
  });
}

/** notDefinedError is ExecuteTemplate's error for an unknown name (used by Helm's include). */
export function notDefinedError(name: string, rootName: string): TemplateError {
  const message = `no template ${goQuote(name)} associated with template ${goQuote(rootName)}`;
  return new TemplateError({
    kind: 'notDefined',
    goMessage: `template: ${message}`,
    message,
    templateName: rootName,
    parseName: '',
    line: 0,
    byteCol: -1,
    start: -1,
    end: -1,
    context: '',
  });
}

/** limitError reports a resource limit of this engine (not a Go error) at the current node. */
export function limitError(tree: Tree | null, node: Node | null, message: string): TemplateError {
  const where = tree !== null && node !== null ? lineAndByteCol(tree.text, node.pos) : { line: 0, byteCol: -1 };
  return new TemplateError({
    kind: 'limit',
    goMessage: tree !== null ? `template: ${tree.parseName}:${where.line}:${where.byteCol}: ${message}` : message,
    message,
    templateName: tree?.name ?? '',
    parseName: tree?.parseName ?? '',
    line: where.line,
    byteCol: where.byteCol,
    start: node?.pos ?? -1,
    end: node?.end ?? -1,
    context: '',
  });
}

/** isStackOverflow reports whether e is V8's "Maximum call stack size exceeded". */
export function isStackOverflow(e: unknown): boolean {
  const yes = e instanceof RangeError && e.message.includes('call stack');
  if (yes) noteStackOverflow();
  return yes;
}

// V8's texts for an allocation beyond its string/array limits.
const ALLOC_FAILURE = /^(Invalid string length|Invalid array length|Invalid typed array length|Array buffer allocation failed|Cannot create a string longer than)/;

/**
 * errorText returns err.Error() of a Go-style error value thrown by a function. A JS allocation
 * failure is reported as Go's panic for an impossible allocation, the text Helm prints for
 * absurd sizes (`repeat`, `indent`, `randAlpha` with huge counts).
 */
export function errorText(e: unknown): string {
  if (e instanceof TemplateError) return e.goMessage;
  if (e instanceof RangeError && ALLOC_FAILURE.test(e.message)) return 'runtime error: makeslice: len out of range';
  if (e instanceof Error) return e.message;
  return String(e);
}
