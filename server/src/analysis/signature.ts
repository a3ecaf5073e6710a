// Signature help: inside `{{ func arg1 |` (or a parenthesised call) the function's signature from
// its FuncDef docs, with the parameter being typed. Works on the lexer's tokens of the action up
// to the cursor, so half-typed actions are fine. In a pipeline the piped value is the function's
// LAST argument (Go's text/template appends it), so explicit arguments fill the others.
import type { FuncDef } from '../template/func';
import { type Item, ItemType, lex } from '../template/parse/index';
import { code, fence } from './mdsafe';
import type { Snapshot } from './snapshot';

/** SignatureParam is one parameter: its range in the signature label and a doc line. */
export interface SignatureParam {
  readonly start: number;
  readonly end: number;
  readonly documentation?: string;
}

/** SignatureResult is the signature of the function being called at the cursor. */
export interface SignatureResult {
  readonly label: string;
  /** documentation is Markdown. */
  readonly documentation: string;
  readonly parameters: readonly SignatureParam[];
  /** activeParameter indexes parameters (-1: none, e.g. more arguments than parameters). */
  readonly activeParameter: number;
}

/** CallAt is the function call around the cursor: name, explicit argument index, piped. */
export interface CallAt {
  readonly name: string;
  /** arg: 0-based index of the explicit argument at the cursor. */
  readonly arg: number;
  readonly piped: boolean;
}

interface Frame {
  /** fn: the function name; '' when the command does not start with one; undefined before its first operand. */
  fn: string | undefined;
  args: number;
  piped: boolean;
  prevEnd: number;
}

const OPERANDS = new Set<number>([
  ItemType.Identifier,
  ItemType.Field,
  ItemType.Variable,
  ItemType.Dot,
  ItemType.String,
  ItemType.RawString,
  ItemType.Number,
  ItemType.Bool,
  ItemType.Nil,
  ItemType.Char,
  ItemType.CharConstant,
  ItemType.Complex,
  ItemType.Error,
]);

const COMMAND_STARTERS = new Set<number>([ItemType.If, ItemType.With, ItemType.Range, ItemType.Else]);
const NOT_CALLS = new Set<number>([ItemType.Template, ItemType.Block, ItemType.Define, ItemType.End, ItemType.Break, ItemType.Continue]);

const newFrame = (piped: boolean): Frame => ({ fn: undefined, args: 0, piped, prevEnd: -1 });

/** callAt finds the function call the cursor is an argument of (undefined outside calls). */
export function callAt(text: string, offset: number): CallAt | undefined {
  const start = text.lastIndexOf('{{', Math.max(0, offset - 1));
  if (start < 0 || start + 2 > offset) return undefined;
  const close = text.indexOf('}}', start);
  if (close >= 0 && close + 2 <= offset) return undefined;
  const items: Item[] = lex('sig', text.slice(start, offset), { resilient: true }).items;
  const stack: Frame[] = [newFrame(false)];
  let last: Item | undefined;
  for (const it of items) {
    if (it.type === ItemType.EOF) break;
    // The slice ends at the cursor, so the action is always "unclosed": not an operand.
    if (it.type === ItemType.Error && !it.val.startsWith('unterminated')) continue;
    last = it;
    const top = stack[stack.length - 1];
    if (it.type === ItemType.LeftDelim) {
      stack.length = 0;
      stack.push(newFrame(false));
    } else if (COMMAND_STARTERS.has(it.type)) {
      stack[stack.length - 1] = newFrame(false);
    } else if (NOT_CALLS.has(it.type)) {
      top.fn = '';
    } else if (it.type === ItemType.Pipe) {
      stack[stack.length - 1] = newFrame(true);
    } else if (it.type === ItemType.Declare || it.type === ItemType.Assign) {
      stack[stack.length - 1] = newFrame(false);
    } else if (it.type === ItemType.LeftParen) {
      // The parenthesised expression is one operand of the enclosing command.
      if (top.fn === undefined) top.fn = '';
      else top.args++;
      stack.push(newFrame(false));
    } else if (it.type === ItemType.RightParen) {
      if (stack.length > 1) stack.pop();
      stack[stack.length - 1].prevEnd = it.end;
    } else if (OPERANDS.has(it.type)) {
      // `.a.b`, `$x.a` and `(x).a` continue the operand they touch.
      if (it.pos !== top.prevEnd) {
        if (top.fn === undefined) top.fn = it.type === ItemType.Identifier ? it.val : '';
        else top.args++;
      }
      top.prevEnd = it.end;
    }
  }
  if (last === undefined) return undefined;
  const cursorRel = offset - start;
  // The cursor touching an operand means that operand is being typed; after a space, the next one.
  const typing = last.end === cursorRel && (OPERANDS.has(last.type) || last.type === ItemType.RightParen);
  for (let i = stack.length - 1; i >= 0; i--) {
    const f = stack[i];
    if (f.fn === undefined || f.fn === '') {
      // `(` just typed, or not a call: the enclosing call's argument is the parenthesis.
      if (i === stack.length - 1 && f.fn === undefined) continue;
      return undefined;
    }
    const innermost = i === stack.length - 1;
    const arg = innermost ? (typing ? Math.max(0, f.args - 1) : f.args) : Math.max(0, f.args - 1);
    return { name: f.fn, arg, piped: f.piped };
  }
  return undefined;
}

/** paramLabels splits "name A B..." into parameter labels with their offsets in the signature. */
function paramLabels(sig: string): Array<{ label: string; start: number; end: number }> {
  const out: Array<{ label: string; start: number; end: number }> = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  let first = true;
  while ((m = re.exec(sig)) !== null) {
    if (first) {
      first = false;
      continue;
    }
    out.push({ label: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function isVariadic(label: string): boolean {
  return label.replace(/[\][]/g, '').endsWith('...');
}

/** activeIndex maps an explicit argument index to a parameter label (the piped value takes the last one). */
export function activeIndex(labels: readonly string[], arg: number, piped: boolean): number {
  const n = labels.length;
  if (n === 0) return -1;
  const last = labels[n - 1];
  const usable = piped && !isVariadic(last) ? n - 1 : n;
  if (arg < usable) return arg;
  for (let i = usable - 1; i >= 0; i--) if (isVariadic(labels[i])) return i;
  return -1;
}

/** signatureOf builds the help for one function. */
export function signatureOf(d: FuncDef, arg: number, piped: boolean): SignatureResult {
  const label = d.doc.signature;
  const labels = paramLabels(label);
  const sameArity = labels.length === d.params.length;
  const parameters = labels.map((l, i) => ({
    start: l.start,
    end: l.end,
    documentation: sameArity ? `${code(l.label)}: Go type ${code(d.params[i])}${piped && i === labels.length - 1 ? ' (the piped value when used in a pipeline)' : ''}` : undefined,
  }));
  const docs = [d.doc.description];
  if (d.doc.example !== '') docs.push(fence(d.doc.example));
  if (piped) docs.push('*In a pipeline the piped value is passed as the last argument.*');
  return { label, documentation: docs.join('\n\n'), parameters, activeParameter: activeIndex(labels.map((l) => l.label), arg, piped) };
}

/** signatureHelp returns the signature of the function call around `offset` of a template. */
export function signatureHelp(snap: Snapshot, path: string, offset: number): SignatureResult | undefined {
  const text = snap.text(path);
  if (text === undefined) return undefined;
  const call = callAt(text, offset);
  if (call === undefined) return undefined;
  const d = snap.functions().get(call.name);
  return d === undefined ? undefined : signatureOf(d, call.arg, call.piped);
}
