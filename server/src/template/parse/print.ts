// Printing of the template AST: Go's Node.String() (used verbatim in exec error messages), Go's item.String()
// (used in parse error messages), source printing and parse.IsEmptyTree.

import { type Item, ItemType as ItemTypes } from './lex';

// A module-local copy: transpiled CommonJS would otherwise go through an export getter on every access.
const IT = ItemTypes;
import { goQuote } from './literals';
import type { Node, PipeNode, Tree } from './node';

function writePipe(p: PipeNode, out: string[], q: boolean): void {
  if (p.decl.length > 0) {
    for (let i = 0; i < p.decl.length; i++) {
      if (i > 0) out.push(', ');
      out.push(p.decl[i].ident.join('.'));
    }
    out.push(p.isAssign ? ' = ' : ' := ');
  }
  for (let i = 0; i < p.cmds.length; i++) {
    if (i > 0) out.push(' | ');
    write(p.cmds[i], out, q);
  }
}

function write(n: Node, out: string[], q: boolean): void {
  switch (n.kind) {
    case 'list':
      for (const c of n.nodes) write(c, out, q);
      return;
    case 'text':
      out.push(q ? goQuote(n.text) : n.text);
      return;
    case 'comment':
      out.push('{{', n.text, '}}');
      return;
    case 'pipe':
      writePipe(n, out, q);
      return;
    case 'action':
      out.push('{{');
      writePipe(n.pipe, out, q);
      out.push('}}');
      return;
    case 'command':
      for (let i = 0; i < n.args.length; i++) {
        if (i > 0) out.push(' ');
        const a = n.args[i];
        if (a.kind === 'pipe') {
          out.push('(');
          writePipe(a, out, q);
          out.push(')');
        } else {
          write(a, out, q);
        }
      }
      return;
    case 'identifier':
      out.push(n.ident);
      return;
    case 'variable':
      out.push(n.ident.join('.'));
      return;
    case 'dot':
      out.push('.');
      return;
    case 'nil':
      out.push('nil');
      return;
    case 'field':
      for (const id of n.ident) out.push('.', id);
      return;
    case 'chain':
      if (n.node.kind === 'pipe') {
        out.push('(');
        writePipe(n.node, out, q);
        out.push(')');
      } else {
        write(n.node, out, q);
      }
      for (const f of n.field) out.push('.', f);
      return;
    case 'bool':
      out.push(n.value ? 'true' : 'false');
      return;
    case 'number':
      out.push(n.text);
      return;
    case 'string':
      out.push(n.quoted);
      return;
    case 'if':
    case 'range':
    case 'with':
      out.push('{{', n.kind, ' ');
      writePipe(n.pipe, out, q);
      out.push('}}');
      write(n.list, out, q);
      if (n.elseList !== null) {
        out.push('{{else}}');
        write(n.elseList, out, q);
      }
      out.push('{{end}}');
      return;
    case 'break':
      out.push('{{break}}');
      return;
    case 'continue':
      out.push('{{continue}}');
      return;
    case 'template':
      out.push('{{template ', goQuote(n.name));
      if (n.pipe !== null) {
        out.push(' ');
        writePipe(n.pipe, out, q);
      }
      out.push('}}');
      return;
    case 'bad':
      out.push(n.text);
      return;
    default: {
      const never: never = n;
      throw new Error(`unknown node ${String(never)}`);
    }
  }
}

/** nodeToString is Go's Node.String(): `.Values.a.b`, `include "x" .`, `{{if .x}}...{{end}}` (quoteText: Go tests' %q text). */
export function nodeToString(n: Node, opts?: { quoteText?: boolean }): string {
  const q = opts?.quoteText ?? false;
  switch (n.kind) {
    case 'identifier':
      return n.ident;
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'text':
      return q ? goQuote(n.text) : n.text;
  }
  const out: string[] = [];
  write(n, out, q);
  return out.join('');
}

/**
 * treeToSource prints a tree (its root list) or any node back to template source. Parsing the output yields a
 * tree that prints identically (trim markers are gone: the text they trimmed is already absent).
 */
export function treeToSource(t: Tree | Node): string {
  const out: string[] = [];
  write('root' in t ? t.root : t, out, false);
  // Text ending in '{' right before an action would merge into `{{{`: separate them with a space that a
  // `{{- ` trim marker removes again, so the reparsed text is unchanged.
  let prevBrace = false;
  for (let i = 0; i < out.length; i++) {
    const part = out[i];
    if (part === '') continue;
    if (prevBrace && part.startsWith('{{')) out[i] = ' {{- ' + part.slice(2);
    prevBrace = part.endsWith('{');
  }
  return out.join('');
}

// Go's unicode.IsSpace set, used by bytes.TrimSpace (JS's trim() differs: it strips U+FEFF, keeps U+0085).
const goSpaceOnly = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/** isEmptyTree is Go's parse.IsEmptyTree: only white-space text, comments and lists of those. */
export function isEmptyTree(n: Node | null | undefined): boolean {
  if (n === null || n === undefined) return true;
  switch (n.kind) {
    case 'list':
      for (const c of n.nodes) if (!isEmptyTree(c)) return false;
      return true;
    case 'comment':
      return true;
    case 'text':
      return goSpaceOnly.test(n.text);
    default:
      return false;
  }
}

function utf8Len(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** itemToString is Go's item.String(): `EOF`, the error text, `<define>` for keywords, `%q` (long values cut to 10 runes + "..."). */
export function itemToString(it: Item): string {
  if (it.type === IT.EOF) return 'EOF';
  if (it.type === IT.Error) return it.val;
  if (it.type > IT.Keyword) return `<${it.val}>`;
  if (utf8Len(it.val) > 10) return goQuote(Array.from(it.val).slice(0, 10).join('')) + '...';
  return goQuote(it.val);
}
