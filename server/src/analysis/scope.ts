// Static scope at a cursor: walks the (resilient) parse tree down to an offset, tracking what
// `.` and each `$variable` hold when that can be known without rendering — the chart's render
// context at the top, narrowed by `with`/`range` over statically resolvable paths.
import type { ParseResult } from '../template/parse/index';
import type * as N from '../template/parse/node';
import { GoObject, type Value } from '../template/value';

/** Sym is a statically known value: the value itself and, inside `.Values`, its key path. */
export interface Sym {
  readonly value: Value;
  /** valuesPath: path relative to the chart's `.Values` when the value comes from there. */
  readonly valuesPath?: readonly string[];
  /** isRoot: this is the chart's render context (`$` at the top level). */
  readonly isRoot?: boolean;
  /** approximate: an element picked from a range (the first one). */
  readonly approximate?: boolean;
}

/** VarInfo is a variable in scope: its declaration and static value (undefined = unknown). */
export interface VarInfo {
  readonly name: string;
  readonly decl: N.VariableNode | undefined;
  readonly sym: Sym | undefined;
}

/** Env is the static scope: dot and variables. */
export interface Env {
  readonly dot: Sym | undefined;
  readonly vars: ReadonlyMap<string, VarInfo>;
}

/** Located is what lies at an offset: scope, innermost leaf node, its command and the tree. */
export interface Located {
  readonly env: Env;
  readonly tree: N.Tree | undefined;
  readonly leaf: N.Node | undefined;
  /** command: the command node containing the leaf (for function-call context). */
  readonly command: N.CommandNode | undefined;
  /** templateNode: a `{{template "x"}}` whose name literal holds the offset. */
  readonly templateNode: N.TemplateNode | undefined;
}

/** nodeStart returns the offset where a node's source begins (Go's Pos is not always that). */
export function nodeStart(n: N.Node): number {
  switch (n.kind) {
    case 'field':
      return n.end - (1 + n.ident.join('.').length);
    case 'variable':
      return n.end - n.ident.join('.').length;
    case 'chain':
      return nodeStart(n.node) - (n.node.kind === 'pipe' ? 1 : 0);
    case 'pipe':
      return n.decl.length > 0 ? nodeStart(n.decl[0]) : n.cmds.length > 0 ? nodeStart(n.cmds[0]) : n.pos;
    case 'command':
      return n.args.length > 0 ? nodeStart(n.args[0]) : n.pos;
    default:
      return n.pos;
  }
}

/** member returns a field/key of a static value, undefined when absent or not knowable. */
export function member(v: Value, name: string): { value: Value } | undefined {
  if (v instanceof Map) return v.has(name) ? { value: v.get(name) ?? null } : undefined;
  if (v instanceof GoObject) return v.field(name);
  return undefined;
}

// Values maps/lists of recent renders → their path in the chart's `.Values`, so a values subtree
// passed to a define through a `dict` (`.imageRoot`) is still known as `.Values.image`.
const valuesOrigins = new WeakMap<object, readonly string[]>();

/**
 * registerValuesOrigins records the `.Values` path of every map and list of the rendered charts'
 * values (`charts` in pre-order; subcharts are registered first and win, so an object shared
 * with a parent keeps the path of the chart whose templates most likely pass it to a define).
 */
export function registerValuesOrigins(charts: readonly { readonly context: ReadonlyMap<string, Value> }[]): void {
  const seen = new Set<object>();
  const walk = (v: Value, path: string[], depth: number): void => {
    if (depth > 32 || !(v instanceof Map || Array.isArray(v)) || seen.has(v)) return;
    seen.add(v);
    if (!valuesOrigins.has(v)) valuesOrigins.set(v, path);
    if (v instanceof Map) for (const [k, x] of v) walk(x, [...path, k], depth + 1);
    else v.forEach((x, i) => walk(x, [...path, String(i)], depth + 1));
  };
  for (const c of [...charts].reverse()) {
    const vals = c.context.get('Values');
    if (vals !== undefined) walk(vals, [], 0);
  }
}

/** valuesOriginOf is the registered `.Values` path of a rendered values map/list. */
export function valuesOriginOf(v: Value): readonly string[] | undefined {
  return v instanceof Map || Array.isArray(v) ? valuesOrigins.get(v) : undefined;
}

/** resolveFields follows field names from a symbol; undefined when a step is unknown/missing. */
export function resolveFields(sym: Sym | undefined, names: readonly string[]): Sym | undefined {
  let cur = sym;
  for (const name of names) {
    if (cur === undefined) return undefined;
    const m = member(cur.value, name);
    if (m === undefined) return undefined;
    const valuesPath =
      cur.isRoot === true && name === 'Values' ? [] : cur.valuesPath !== undefined ? [...cur.valuesPath, name] : valuesOriginOf(m.value);
    cur = { value: m.value, valuesPath, approximate: cur.approximate };
  }
  return cur;
}

/** resolveNode evaluates an operand statically. */
export function resolveNode(env: Env, n: N.Node): Sym | undefined {
  switch (n.kind) {
    case 'field':
      return resolveFields(env.dot, n.ident);
    case 'variable':
      return resolveFields(env.vars.get(n.ident[0])?.sym, n.ident.slice(1));
    case 'dot':
      return env.dot;
    case 'pipe':
      return resolvePipe(env, n);
    case 'chain':
      return resolveFields(resolveNode(env, n.node), n.field);
    default:
      return undefined;
  }
}

/** resolvePipe evaluates a pipeline made of a single operand. */
export function resolvePipe(env: Env, p: N.PipeNode): Sym | undefined {
  if (p.cmds.length !== 1 || p.cmds[0].args.length !== 1) return undefined;
  return resolveNode(env, p.cmds[0].args[0]);
}

/** elementOf is what `range` yields for a static value (the first element; maps: first value). */
export function elementOf(sym: Sym | undefined): Sym | undefined {
  if (sym === undefined) return undefined;
  const v = sym.value;
  if (Array.isArray(v) && v.length > 0) {
    return { value: v[0], valuesPath: sym.valuesPath ? [...sym.valuesPath, '0'] : undefined, approximate: true };
  }
  if (v instanceof Map && v.size > 0) {
    const keys = [...v.keys()].sort();
    return { value: v.get(keys[0]) ?? null, valuesPath: sym.valuesPath ? [...sym.valuesPath, keys[0]] : undefined, approximate: true };
  }
  return undefined;
}

function within(offset: number, start: number, end: number): boolean {
  return offset >= start && offset <= end;
}

class Walker {
  leaf: N.Node | undefined;
  command: N.CommandNode | undefined;
  templateNode: N.TemplateNode | undefined;
  env: Env;

  constructor(
    private readonly offset: number,
    root: Sym | undefined,
    private readonly text: string,
  ) {
    this.env = { dot: root, vars: new Map([['$', { name: '$', decl: undefined, sym: root }]]) };
  }

  private declare(env: Env, p: N.PipeNode, sym: (i: number) => Sym | undefined): Env {
    if (p.decl.length === 0) return env;
    const vars = new Map(env.vars);
    p.decl.forEach((d, i) => {
      const name = d.ident[0];
      const prev = vars.get(name);
      // `=` assigns an existing variable: keep its declaration site.
      vars.set(name, { name, decl: p.isAssign && prev !== undefined ? prev.decl : d, sym: sym(i) });
    });
    return { dot: env.dot, vars };
  }

  /** list walks a list; returns true when the offset was inside it. */
  list(l: N.ListNode, env: Env): void {
    let cur = env;
    for (const n of l.nodes) {
      const start = n.kind === 'action' || n.kind === 'if' || n.kind === 'with' || n.kind === 'range' || n.kind === 'template' ? this.actionStart(n) : n.pos;
      if (start > this.offset) break;
      const closedBefore = n.end === this.offset && (n.kind !== 'action' && n.kind !== 'template' ? true : this.text.slice(n.end - 2, n.end) === '}}');
      if (n.end < this.offset || closedBefore) {
        // Entirely before the cursor: only declarations matter.
        if (n.kind === 'action') cur = this.declare(cur, n.pipe, () => resolvePipe(cur, n.pipe));
        continue;
      }
      this.node(n, cur);
      return;
    }
    this.env = cur;
  }

  private actionStart(n: N.Node): number {
    return n.kind === 'action' || n.kind === 'template' ? n.pos : n.pos;
  }

  private node(n: N.Node, env: Env): void {
    this.env = env;
    switch (n.kind) {
      case 'action':
        this.pipe(n.pipe, env);
        return;
      case 'template':
        if (within(this.offset, n.nameStart, n.nameEnd)) this.templateNode = n;
        else if (n.pipe !== null) this.pipe(n.pipe, env);
        return;
      case 'if':
      case 'with':
      case 'range':
        this.branch(n, env);
        return;
      default:
        return;
    }
  }

  private branch(n: N.IfNode | N.WithNode | N.RangeNode, env: Env): void {
    const target = resolvePipe(env, n.pipe);
    if (n.kind === 'with') {
      const inner = this.declare(env, n.pipe, () => target);
      if (within(this.offset, n.list.pos, n.list.end)) return this.list(n.list, { dot: target, vars: inner.vars });
      if (n.elseList !== null && within(this.offset, n.elseList.pos, n.elseList.end)) return this.list(n.elseList, env);
      return this.pipe(n.pipe, env);
    }
    if (n.kind === 'range') {
      const elem = elementOf(target);
      const inner = this.declare(env, n.pipe, (i) => (n.pipe.decl.length === 2 && i === 0 ? undefined : elem));
      if (within(this.offset, n.list.pos, n.list.end)) return this.list(n.list, { dot: elem, vars: inner.vars });
      if (n.elseList !== null && within(this.offset, n.elseList.pos, n.elseList.end)) return this.list(n.elseList, env);
      return this.pipe(n.pipe, env);
    }
    const inner = this.declare(env, n.pipe, () => target);
    if (within(this.offset, n.list.pos, n.list.end)) return this.list(n.list, inner);
    if (n.elseList !== null && within(this.offset, n.elseList.pos, n.elseList.end)) return this.list(n.elseList, inner);
    return this.pipe(n.pipe, env);
  }

  private pipe(p: N.PipeNode, env: Env): void {
    this.env = env;
    for (const d of p.decl) if (within(this.offset, nodeStart(d), d.end)) this.leaf = d;
    for (const c of p.cmds) {
      for (const a of c.args) {
        if (!within(this.offset, nodeStart(a), a.end)) continue;
        if (a.kind === 'pipe') return this.pipe(a, env);
        if (a.kind === 'chain' && a.node.kind === 'pipe' && within(this.offset, nodeStart(a.node), a.node.end)) return this.pipe(a.node, env);
        this.leaf = a;
        this.command = c;
        return;
      }
    }
  }
}

/** treeAt picks the tree holding an offset: a define/block body, else the file's own tree. */
export function treeAt(result: ParseResult, fileName: string, offset: number): N.Tree | undefined {
  for (const t of result.trees.values()) {
    const r = t.defineRange;
    if (r !== undefined && offset >= r.start && offset <= r.end) return t;
  }
  return result.trees.get(fileName);
}

/**
 * locate computes the static scope and the node at `offset` (root = the chart's context, or,
 * inside a define, `defineRoot(name)` when it knows what the define's callers pass).
 */
export function locate(result: ParseResult, fileName: string, offset: number, root: Sym | undefined, defineRoot?: (name: string) => Sym | undefined): Located {
  const tree = treeAt(result, fileName, offset);
  if (tree?.defineRange !== undefined && defineRoot !== undefined) root = defineRoot(tree.name) ?? root;
  const w = new Walker(offset, root, tree?.text ?? '');
  if (tree !== undefined) w.list(tree.root, w.env);
  return { env: w.env, tree, leaf: w.leaf, command: w.command, templateNode: w.templateNode };
}

/** walkAll calls `visit` for every operand node of a tree with its static scope (and `command` for every command). */
export function walkAll(tree: N.Tree, root: Sym | undefined, visit: (n: N.Node, env: Env) => void, command?: (c: N.CommandNode, env: Env) => void): void {
  const rootEnv: Env = { dot: root, vars: new Map([['$', { name: '$', decl: undefined, sym: root }]]) };
  const pipe = (p: N.PipeNode, env: Env): void => {
    for (const c of p.cmds) {
      command?.(c, env);
      for (const a of c.args) {
        if (a.kind === 'pipe') pipe(a, env);
        else if (a.kind === 'chain' && a.node.kind === 'pipe') pipe(a.node, env);
        else visit(a, env);
      }
    }
  };
  const declare = (env: Env, p: N.PipeNode, sym: (i: number) => Sym | undefined): Env => {
    if (p.decl.length === 0) return env;
    const vars = new Map(env.vars);
    p.decl.forEach((d, i) => vars.set(d.ident[0], { name: d.ident[0], decl: d, sym: sym(i) }));
    return { dot: env.dot, vars };
  };
  const list = (l: N.ListNode | null, env: Env): void => {
    if (l === null) return;
    let cur = env;
    for (const n of l.nodes) {
      switch (n.kind) {
        case 'action': {
          pipe(n.pipe, cur);
          const before = cur;
          cur = declare(cur, n.pipe, () => resolvePipe(before, n.pipe));
          break;
        }
        case 'template':
          if (n.pipe !== null) pipe(n.pipe, cur);
          break;
        case 'if':
        case 'with':
        case 'range': {
          pipe(n.pipe, cur);
          const target = resolvePipe(cur, n.pipe);
          if (n.kind === 'range') {
            const elem = elementOf(target);
            const inner = declare(cur, n.pipe, (i) => (n.pipe.decl.length === 2 && i === 0 ? undefined : elem));
            list(n.list, { dot: elem, vars: inner.vars });
          } else if (n.kind === 'with') {
            const inner = declare(cur, n.pipe, () => target);
            list(n.list, { dot: target, vars: inner.vars });
          } else {
            list(n.list, declare(cur, n.pipe, () => target));
          }
          list(n.elseList, cur);
          break;
        }
        default:
          break;
      }
    }
  };
  list(tree.root, rootEnv);
}
