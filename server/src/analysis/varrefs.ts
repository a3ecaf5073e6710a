// Variables with Go's scoping rules (text/template/parse): a `$x := …` is visible from the end of
// its declaration to the end of the enclosing control structure (`if`/`with`/`range` bodies and
// their `else` branches; a `define` or file is its own scope); variables declared in a control's
// pipeline (`range $i, $v := …`, `with $x := …`) cover the body and the else branch; `$x = …`
// assigns the variable in scope; a new `:=` of the same name shadows it. `$` is the tree's data.
import type { ParseResult } from '../template/parse/index';
import type * as N from '../template/parse/node';
import { nodeStart, treeAt } from './scope';
import type { Span } from './types';

/** VarUse is one occurrence of a variable: its name's span, and the declaration it resolves to. */
export interface VarUse {
  readonly name: string;
  readonly span: Span;
  /** decl: the declaring node; undefined for `$` (the tree's data) and undeclared names. */
  readonly decl: N.VariableNode | undefined;
  readonly isDecl: boolean;
}

/** nameSpan is the `$name` part of a variable node. */
export function nameSpan(v: N.VariableNode): Span {
  const start = nodeStart(v);
  return { start, end: start + v.ident[0].length };
}

/** variableUses lists every variable occurrence of one tree, each resolved to its declaration. */
export function variableUses(tree: N.Tree): VarUse[] {
  const out: VarUse[] = [];
  // One scope per control structure; the innermost last. Lookups search from the innermost.
  const scopes: Array<Map<string, N.VariableNode>> = [new Map()];
  const lookup = (name: string): N.VariableNode | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const d = scopes[i].get(name);
      if (d !== undefined) return d;
    }
    return undefined;
  };
  const use = (v: N.VariableNode): void => {
    out.push({ name: v.ident[0], span: nameSpan(v), decl: lookup(v.ident[0]), isDecl: false });
  };
  const operand = (a: N.Node): void => {
    if (a.kind === 'variable') use(a);
    else if (a.kind === 'pipe') pipe(a);
    else if (a.kind === 'chain') operand(a.node);
  };
  const pipe = (p: N.PipeNode | null): void => {
    if (p === null) return;
    // The pipeline is evaluated before its variables exist (`{{ $x := $x }}` reads the outer one).
    for (const c of p.cmds) for (const a of c.args) operand(a);
    for (const d of p.decl) {
      const name = d.ident[0];
      if (p.isAssign) {
        use(d);
        continue;
      }
      scopes[scopes.length - 1].set(name, d);
      out.push({ name, span: nameSpan(d), decl: d, isDecl: true });
    }
  };
  const list = (l: N.ListNode | null): void => {
    if (l === null) return;
    for (const n of l.nodes) {
      switch (n.kind) {
        case 'action':
          pipe(n.pipe);
          break;
        case 'template':
          pipe(n.pipe);
          break;
        case 'if':
        case 'with':
        case 'range':
          scopes.push(new Map());
          pipe(n.pipe);
          list(n.list);
          list(n.elseList);
          scopes.pop();
          break;
        default:
          break;
      }
    }
  };
  list(tree.root);
  return out;
}

/** variableAt finds the variable occurrence under `offset` (its `$name` part, edges included). */
export function variableAt(result: ParseResult, fileName: string, offset: number): { tree: N.Tree; use: VarUse; all: VarUse[] } | undefined {
  const tree = treeAt(result, fileName, offset);
  if (tree === undefined) return undefined;
  const all = variableUses(tree);
  const use = all.find((u) => offset >= u.span.start && offset <= u.span.end);
  return use === undefined ? undefined : { tree, use, all };
}

/** variableReferences lists the spans of every occurrence of the variable under `offset` (same declaration). */
export function variableReferences(result: ParseResult, fileName: string, offset: number, includeDeclaration: boolean): Span[] | undefined {
  const found = variableAt(result, fileName, offset);
  if (found === undefined) return undefined;
  const { use, all } = found;
  const same = (u: VarUse): boolean => u.name === use.name && u.decl === use.decl;
  return all.filter((u) => same(u) && (includeDeclaration || !u.isDecl)).map((u) => u.span);
}
