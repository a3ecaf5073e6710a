// Cursor classification for completion, from the resilient lexer's tokens (which survive the
// half-typed actions completion is asked for): plain text, a field path (`.Values.a.b`,
// `$.Values`, `$x.a`), a variable, a function/keyword name, an empty operand position, or the
// string argument of `include`/`template`.
import { type Item, ItemType, lex } from '../template/parse/index';
import type { Span } from './types';

/** PathBase is what a field path starts from. */
export type PathBase = { readonly kind: 'dot' } | { readonly kind: 'var'; readonly name: string };

/** CursorContext classifies the cursor position. */
export type CursorContext =
  | { readonly kind: 'text' }
  | { readonly kind: 'none' }
  /** path: `.a.b.pre|` — complete members of base.a.b starting with prefix. */
  | { readonly kind: 'path'; readonly base: PathBase; readonly segments: readonly string[]; readonly prefix: string; readonly replace: Span }
  /** variable: `$pre|`. */
  | { readonly kind: 'variable'; readonly prefix: string; readonly replace: Span }
  /** operand: a function/keyword name being typed (or an empty operand position). */
  | { readonly kind: 'operand'; readonly prefix: string; readonly replace: Span; readonly commandStart: boolean; readonly actionClosed: boolean }
  /** templateName: inside the string argument of include/template/block. */
  | { readonly kind: 'templateName'; readonly prefix: string; readonly replace: Span; readonly caller: string }
  /** stringArg: inside the string argument of `.Files.Get/GetBytes/Glob/Lines` or `.Capabilities.APIVersions.Has`. */
  | { readonly kind: 'stringArg'; readonly arg: 'file' | 'apiVersion'; readonly method: string; readonly prefix: string; readonly replace: Span };

const FILE_METHODS = new Set(['.Get', '.GetBytes', '.Glob', '.Lines']);

const PATH_TYPES = new Set<number>([ItemType.Field, ItemType.Variable, ItemType.Dot]);
const WORD_TYPES = new Set<number>([
  ItemType.Identifier,
  ItemType.If,
  ItemType.With,
  ItemType.Range,
  ItemType.Define,
  ItemType.Else,
  ItemType.End,
  ItemType.Template,
  ItemType.Block,
  ItemType.Break,
  ItemType.Continue,
  ItemType.Nil,
  ItemType.Bool,
]);

function isPathItem(it: Item): boolean {
  // A lone '.' before EOF lexes as Char or as a (bad) Number.
  return PATH_TYPES.has(it.type) || ((it.type === ItemType.Char || it.type === ItemType.Number) && it.val === '.');
}

function wordEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && /[\p{L}\p{Nd}_]/u.test(text[i])) i++;
  return i;
}

/**
 * cursorContext classifies `offset` in a template text. Only the action around the cursor is
 * lexed (from the last `{{` before it to the next `}}`/`{{` after it), so the cost does not grow
 * with the file.
 */
export function cursorContext(text: string, offset: number): CursorContext {
  const start = text.lastIndexOf('{{', Math.max(0, offset - 1));
  if (start < 0 || start + 2 > offset) return { kind: 'text' };
  const close = text.indexOf('}}', offset);
  const open = text.indexOf('{{', offset);
  let end = text.length;
  if (close >= 0) end = Math.min(end, close + 2);
  if (open >= 0) end = Math.min(end, open);
  const r = contextIn(text.slice(start, end), offset - start);
  return shift(r, start);
}

function shift(c: CursorContext, by: number): CursorContext {
  if (c.kind === 'text' || c.kind === 'none' || by === 0) return c;
  return { ...c, replace: { start: c.replace.start + by, end: c.replace.end + by } };
}

function contextIn(text: string, offset: number): CursorContext {
  const items = lex('ctx', text, { resilient: true }).items;
  let k = -1;
  for (let i = 0; i < items.length; i++) {
    if (items[i].type === ItemType.EOF) break;
    if (items[i].pos < offset || (items[i].pos === offset && items[i].end === offset && items[i].type !== ItemType.Error)) k = i;
    else break;
  }
  if (k < 0) return { kind: 'text' };
  const tok = items[k];
  // Is there a `}}` closing this action after the cursor (for snippet decisions)?
  let actionClosed = false;
  for (let i = k + 1; i < items.length; i++) {
    if (items[i].type === ItemType.RightDelim) actionClosed = true;
    if (items[i].type === ItemType.RightDelim || items[i].type === ItemType.LeftDelim || items[i].type === ItemType.Error) break;
  }
  const prevSignificant = (from: number): Item | undefined => {
    for (let i = from; i >= 0; i--) if (items[i].type !== ItemType.Space) return items[i];
    return undefined;
  };
  const operand = (prefix: string, start: number): CursorContext => {
    const before = prevSignificant(prefix === '' ? k : k - 1);
    const commandStart = before === undefined || before.type === ItemType.LeftDelim;
    return { kind: 'operand', prefix, replace: { start, end: wordEnd(text, offset) }, commandStart, actionClosed };
  };
  switch (tok.type) {
    case ItemType.Text:
    case ItemType.Comment:
      return { kind: 'text' };
    case ItemType.RightDelim:
      return offset >= tok.end ? { kind: 'text' } : { kind: 'none' };
    case ItemType.LeftDelim:
      return offset >= tok.end ? operand('', offset) : { kind: 'text' };
    case ItemType.Error: {
      if (tok.val.startsWith('unterminated') && tok.val.includes('quoted')) {
        let end = offset;
        while (end < text.length && !/[\s"`}]/.test(text[end])) end++;
        return stringContext(items, k, text, offset, tok.pos + 1, end);
      }
      return tok.val.startsWith('unclosed') ? { kind: 'text' } : { kind: 'none' };
    }
    case ItemType.String:
    case ItemType.RawString:
      if (offset >= tok.end) return { kind: 'none' };
      return stringContext(items, k, text, offset, tok.pos + 1, tok.end - 1);
    default:
      break;
  }
  if (offset > tok.end || tok.type === ItemType.Space || tok.type === ItemType.Pipe || tok.type === ItemType.LeftParen || tok.type === ItemType.Declare || tok.type === ItemType.Assign) {
    return operand('', offset);
  }
  if (isPathItem(tok)) {
    let j = k;
    while (j > 0 && isPathItem(items[j - 1]) && items[j - 1].end === items[j].pos) j--;
    // `(expr).a` chains are not resolvable statically.
    if (j > 0 && items[j - 1].type === ItemType.RightParen && items[j - 1].end === items[j].pos) return { kind: 'none' };
    const src = text.slice(items[j].pos, offset);
    const end = wordEnd(text, offset);
    if (src.startsWith('$')) {
      const dot = src.indexOf('.');
      if (dot < 0) return { kind: 'variable', prefix: src, replace: { start: items[j].pos, end } };
      const parts = src.slice(dot).split('.');
      const prefix = parts[parts.length - 1];
      return { kind: 'path', base: { kind: 'var', name: src.slice(0, dot) }, segments: parts.slice(1, -1), prefix, replace: { start: offset - prefix.length, end } };
    }
    const parts = src.split('.');
    const prefix = parts[parts.length - 1];
    return { kind: 'path', base: { kind: 'dot' }, segments: parts.slice(1, -1), prefix, replace: { start: offset - prefix.length, end } };
  }
  if (WORD_TYPES.has(tok.type)) return operand(text.slice(tok.pos, offset), tok.pos);
  return { kind: 'none' };
}

function stringContext(items: Item[], k: number, text: string, offset: number, contentStart: number, contentEnd: number): CursorContext {
  let i = k - 1;
  while (i >= 0 && items[i].type === ItemType.Space) i--;
  const before = i >= 0 ? items[i] : undefined;
  // The end of the replaced range: the string's content (up to the closing quote when present).
  const end = Math.max(offset, Math.min(contentEnd, text.length));
  if (before?.type === ItemType.Field && i > 0 && items[i - 1].type === ItemType.Field && items[i - 1].end === before.pos) {
    const owner = items[i - 1].val;
    const prefix = text.slice(contentStart, offset);
    if (owner === '.Files' && FILE_METHODS.has(before.val)) {
      return { kind: 'stringArg', arg: 'file', method: before.val.slice(1), prefix, replace: { start: contentStart, end } };
    }
    if (owner === '.APIVersions' && before.val === '.Has') {
      return { kind: 'stringArg', arg: 'apiVersion', method: 'Has', prefix, replace: { start: contentStart, end } };
    }
  }
  let caller: string | undefined;
  if (before?.type === ItemType.Identifier && (before.val === 'include' || before.val === 'template')) caller = before.val;
  else if (before?.type === ItemType.Template) caller = 'template';
  if (caller === undefined) return { kind: 'none' };
  return { kind: 'templateName', prefix: text.slice(contentStart, offset), replace: { start: contentStart, end }, caller };
}
