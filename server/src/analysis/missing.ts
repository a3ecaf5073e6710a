// The values-missing check: `.Values` paths whose parent map lacks the key in every values layer.
// Guarded reads are not reported — they are how charts make values optional:
//   - anything in the condition of `if`/`with`/`range` (a missing value is nil: false, no loop),
//   - inside the body of such a block, paths under a value the condition tested
//     (`if .Values.a` guards `.Values.a.b`; `if hasKey .Values.a "b"` guards `.Values.a.b`),
//   - arguments of `default`, `empty`, `coalesce`, `hasKey`, `required`, `ternary`, and values
//     piped into them (`.Values.x | default 1`),
//   - a sibling tested by an enclosing block: `if .Values.a.enabled` makes `.Values.a` an optional
//     block, so `.Values.a.name` inside is not reported (unless the last render ran the block),
//   - paths the chart's templates modify (`set`/`unset`/`merge…` on `.Values` or under it: istio
//     merges its defaults into `.Values` at render time; `''` = all),
//   - with the last render known (MissingContext): branches it never ran (no output of theirs in
//     its source maps), and defines it called with something other than the chart's context
//     (`include "x" (dict "Values" …)`: the dot is not the root, so `.Values` there is not the chart's).
import type * as N from '../template/parse/node';
import { isTrue } from '../template/value';
import type { Env, Sym } from './scope';
import { elementOf, member, nodeStart, resolveNode, resolvePipe } from './scope';
import type { Diagnostic } from './types';

type Draft = Omit<Diagnostic, 'severity'>;

/** MissingContext is what the last render says about the file (all optional: static rules only). */
export interface MissingContext {
  /** executed: whether the last render ran anything in [start, end) of this file; undefined = unknown. */
  readonly executed?: (start: number, end: number) => boolean | undefined;
  /** defineDot: what a define's callers passed in the last render: the chart's context, something else, or unknown. */
  readonly defineDot?: (name: string) => 'root' | 'other' | undefined;
  /** mutated: values paths (dot-joined) the chart's templates modify ('' = all of `.Values`). */
  readonly mutated?: readonly string[];
}

/** Body is the list a read sits in: its range, and whether it is known to have run. */
interface Body {
  readonly start: number;
  readonly end: number;
  readonly ran: boolean;
}

// `and`/`or`/`not` test truthiness: an unset value is simply false there.
const GUARD_FUNCS = new Set(['default', 'empty', 'coalesce', 'hasKey', 'required', 'ternary', 'kindIs', 'typeIs', 'kindOf', 'typeOf', 'dig', 'and', 'or', 'not']);

/** Guards are values paths (dot-joined) known to be tested in the enclosing blocks. */
type Guards = readonly string[];

function within(path: string, guard: string): boolean {
  return path === guard || guard.startsWith(path + '.');
}

/** under: `path` is `p` or below it. */
function under(path: string, p: string): boolean {
  return p === '' || path === p || path.startsWith(p + '.');
}

/** siblingGuard: the guard tests a key beside the path or above it (`a.enabled` guards `a.name`). */
function siblingGuard(path: string, guard: string): boolean {
  const dot = guard.lastIndexOf('.');
  return dot > 0 && under(path, guard.slice(0, dot));
}

/** MUTATORS change their first argument in place. */
const MUTATORS = new Set(['set', 'unset', 'merge', 'mergeOverwrite', 'mustMerge', 'mustMergeOverwrite']);

function listRange(l: N.ListNode): { start: number; end: number } {
  let start = l.pos;
  let end = l.end;
  for (const n of l.nodes) {
    start = Math.min(start, n.pos);
    end = Math.max(end, n.end);
  }
  return { start, end };
}

/** missingValues reports unguarded `.Values` reads that no values layer sets, for one parsed file. */
export function missingValues(trees: Iterable<N.Tree>, root: Sym, chartName: string, ctx: MissingContext = {}): Draft[] {
  return scanValues(trees, root, chartName, ctx).missing;
}

/** mutatedValues lists the values paths a file's templates modify (`set`/`unset`/`merge…`; '' = all). */
export function mutatedValues(trees: Iterable<N.Tree>, root: Sym): string[] {
  return scanValues(trees, root, '', {}).mutated;
}

function scanValues(trees: Iterable<N.Tree>, root: Sym, chartName: string, ctx: MissingContext): { missing: Draft[]; mutated: string[] } {
  const out: Draft[] = [];
  const mutated: string[] = [];
  const seen = new Set<number>();
  const changed = ctx.mutated ?? [];

  /** firstMissing returns the values path of the first missing segment and its position. */
  const firstMissing = (base: Sym | undefined, names: readonly string[], start: number): { path: string; pos: number; name: string } | undefined => {
    let cur = base;
    let pos = start;
    for (const name of names) {
      if (cur === undefined) return undefined;
      const isValuesRoot = cur.isRoot === true && name === 'Values';
      const m = member(cur.value, name);
      const vp = cur.valuesPath;
      if (m === undefined) {
        if (vp !== undefined && cur.value instanceof Map) return { path: [...vp, name].join('.'), pos, name };
        return undefined;
      }
      cur = { value: m.value, valuesPath: isValuesRoot ? [] : vp !== undefined ? [...vp, name] : undefined };
      pos += 1 + name.length;
    }
    return undefined;
  };

  const fullPath = (n: N.Node, env: Env): string | undefined => {
    const p = valuesPathOf(n, env);
    return p === undefined || p === '' ? undefined : p;
  };

  /** pending: variables bound to an unset read (`$x := .Values.a`), reported where `$x` is used unguarded. */
  const pending = new Map<N.VariableNode, Draft>();

  const emit = (d: Draft): void => {
    if (seen.has(d.start)) return;
    seen.add(d.start);
    out.push(d);
  };

  /** check returns the warning for an unguarded read of an unset value, if it is one. */
  const check = (n: N.Node, env: Env, guards: Guards, guarded: boolean, body: Body): Draft | undefined => {
    let base: Sym | undefined;
    let names: readonly string[];
    let start: number;
    if (n.kind === 'field') {
      base = env.dot;
      names = n.ident;
      start = nodeStart(n);
    } else if (n.kind === 'variable') {
      const v = env.vars.get(n.ident[0]);
      const bound = v?.decl !== undefined ? pending.get(v.decl) : undefined;
      if (bound !== undefined) return guarded ? undefined : bound;
      base = v?.sym;
      names = n.ident.slice(1);
      start = nodeStart(n) + n.ident[0].length;
    } else return undefined;
    const miss = firstMissing(base, names, start);
    if (miss === undefined || guarded || seen.has(miss.pos + 1)) return undefined;
    if (changed.some((m) => under(miss.path, m) || m.startsWith(miss.path + '.'))) return undefined;
    const ran = body.ran ? true : ctx.executed?.(body.start, body.end);
    if (ran === false) return undefined;
    // A tested sibling marks an optional block; once the render shows the block ran, a missing key in it is real.
    if (guards.some((g) => within(miss.path, g) || (ran !== true && siblingGuard(miss.path, g)))) return undefined;
    return {
      code: 'values-missing',
      message: `.Values.${miss.path} is not set in any values file of chart ${chartName}`,
      start: miss.pos + 1,
      end: miss.pos + 1 + miss.name.length,
    };
  };

  const report = (n: N.Node, env: Env, guards: Guards, guarded: boolean, body: Body): void => {
    const d = check(n, env, guards, guarded, body);
    if (d !== undefined) emit(d);
  };

  /** chainPath is the values path of `(operand).f.g`, through nested single-operand parentheses. */
  const chainPath = (a: N.Node, env: Env): string | undefined => {
    if (a.kind !== 'chain') return valuesPathOf(a, env);
    const inner = a.node.kind === 'pipe' ? (a.node.cmds.length === 1 && a.node.cmds[0].args.length === 1 ? a.node.cmds[0].args[0] : undefined) : a.node;
    const base = inner !== undefined ? chainPath(inner, env) : undefined;
    return base === undefined ? undefined : [base, ...a.field].filter((x) => x !== '').join('.');
  };

  /**
   * staticallyOff: the block's condition is one `.Values` operand that is empty or unset with
   * the configured values (and no template modifies it), so its body never runs.
   */
  const staticallyOff = (p: N.PipeNode, env: Env): boolean => {
    if (p.cmds.length !== 1 || p.cmds[0].args.length !== 1) return false;
    const a = p.cmds[0].args[0];
    const path = valuesPathOf(a, env);
    if (path === undefined || path === '' || changed.some((m) => under(path, m) || m.startsWith(path + '.'))) return false;
    const sym = resolveNode(env, a);
    if (sym !== undefined) return sym.approximate !== true && !isTrue(sym.value);
    const names = a.kind === 'field' ? a.ident : a.kind === 'variable' ? a.ident.slice(1) : undefined;
    const base = a.kind === 'field' ? env.dot : a.kind === 'variable' ? env.vars.get(a.ident[0])?.sym : undefined;
    return names !== undefined && base?.approximate !== true && firstMissing(base, names, 0) !== undefined;
  };

  /** condGuards lists the paths a condition pipeline tests. */
  const condGuards = (p: N.PipeNode, env: Env): string[] => {
    const g: string[] = [];
    const visit = (pp: N.PipeNode): void => {
      for (const c of pp.cmds) {
        const fn = c.args[0];
        if (fn?.kind === 'identifier' && fn.ident === 'hasKey' && c.args.length === 3 && c.args[2].kind === 'string') {
          const owner = fullPath(c.args[1], env);
          if (owner !== undefined) g.push(`${owner}.${c.args[2].text}`);
        }
        for (const a of c.args) {
          if (a.kind === 'pipe') visit(a);
          else if (a.kind === 'chain') {
            // `((.Values.a).b).c` tests a.b.c, nil-safely at each step.
            const cp = chainPath(a, env);
            if (cp !== undefined) g.push(cp);
            if (a.node.kind === 'pipe') visit(a.node);
          } else {
            const fp = fullPath(a, env);
            if (fp !== undefined) g.push(fp);
          }
        }
      }
    };
    visit(p);
    return g;
  };

  /** mutation records what a `set`/`unset`/`merge…` call modifies, when it is the chart's values. */
  const mutation = (c: N.CommandNode, env: Env): void => {
    const fn = c.args[0];
    if (fn?.kind !== 'identifier' || !MUTATORS.has(fn.ident) || c.args.length < 2) return;
    const target = c.args[1];
    const key = c.args[2]?.kind === 'string' ? c.args[2].text : undefined;
    const sym = target.kind === 'pipe' ? resolvePipe(env, target) : resolveNode(env, target);
    if (sym?.isRoot === true) {
      // `set $ "Values" …` replaces the chart's values.
      if (key === 'Values' || fn.ident !== 'set') mutated.push('');
      return;
    }
    const vp = sym?.valuesPath ?? (target.kind === 'pipe' ? undefined : valuesPathOf(target, env)?.split('.').filter((x) => x !== ''));
    if (vp === undefined) return;
    mutated.push((key !== undefined && (fn.ident === 'set' || fn.ident === 'unset') ? [...vp, key] : vp).join('.'));
  };

  const pipe = (p: N.PipeNode, env: Env, guards: Guards, guardedAll: boolean, body: Body): void => {
    // A guard function later in the pipeline receives the earlier commands' result.
    let guardAfter = false;
    const guardedCmd: boolean[] = [];
    for (let i = p.cmds.length - 1; i >= 0; i--) {
      guardedCmd[i] = guardedAll || guardAfter;
      const fn = p.cmds[i].args[0];
      const isGuard = fn?.kind === 'identifier' && GUARD_FUNCS.has(fn.ident);
      if (isGuard) guardedCmd[i] = true;
      if (isGuard) guardAfter = true;
    }
    p.cmds.forEach((c, i) => {
      mutation(c, env);
      for (const a of c.args) {
        if (a.kind === 'pipe') pipe(a, env, guards, guardedCmd[i], body);
        else if (a.kind === 'chain' && a.node.kind === 'pipe') pipe(a.node, env, guards, guardedCmd[i], body);
        else report(a, env, guards, guardedCmd[i], body);
      }
    });
  };

  const declare = (env: Env, p: N.PipeNode, sym: (i: number) => Sym | undefined): Env => {
    if (p.decl.length === 0) return env;
    const vars = new Map(env.vars);
    p.decl.forEach((d, i) => vars.set(d.ident[0], { name: d.ident[0], decl: d, sym: sym(i) }));
    return { dot: env.dot, vars };
  };

  const list = (l: N.ListNode | null, env: Env, guards: Guards, ran = false): void => {
    if (l === null) return;
    const body: Body = { ...listRange(l), ran };
    let cur = env;
    for (const n of l.nodes) {
      switch (n.kind) {
        case 'action': {
          const one = n.pipe.decl.length === 1 && !n.pipe.isAssign && n.pipe.cmds.length === 1 && n.pipe.cmds[0].args.length === 1 ? n.pipe.cmds[0].args[0] : undefined;
          if (one !== undefined && (one.kind === 'field' || one.kind === 'variable')) {
            // `$x := .Values.a`: an unset `a` matters only where `$x` is used unguarded (often `not $x`).
            const d = check(one, cur, guards, false, body);
            if (d !== undefined) pending.set(n.pipe.decl[0], d);
          } else pipe(n.pipe, cur, guards, false, body);
          const before = cur;
          cur = declare(cur, n.pipe, () => resolvePipe(before, n.pipe));
          break;
        }
        case 'template':
          if (n.pipe !== null) pipe(n.pipe, cur, guards, false, body);
          break;
        case 'if':
        case 'with':
        case 'range': {
          pipe(n.pipe, cur, guards, true, body);
          const inner = [...guards, ...condGuards(n.pipe, cur)];
          const target = resolvePipe(cur, n.pipe);
          if (staticallyOff(n.pipe, cur)) {
            // Not run with these values: nothing in the body can be missing in this render.
          } else if (n.kind === 'range') {
            const elem = elementOf(target);
            const e = declare(cur, n.pipe, (i) => (n.pipe.decl.length === 2 && i === 0 ? undefined : elem));
            list(n.list, { dot: elem, vars: e.vars }, inner);
          } else if (n.kind === 'with') {
            const e = declare(cur, n.pipe, () => target);
            list(n.list, { dot: target, vars: e.vars }, inner);
          } else {
            list(n.list, declare(cur, n.pipe, () => target), inner);
          }
          list(n.elseList, cur, guards);
          break;
        }
        default:
          break;
      }
    }
  };

  for (const tree of trees) {
    // A define's dot is what its callers pass: the chart's context unless the last render saw otherwise.
    const dot = tree.defineRange !== undefined ? ctx.defineDot?.(tree.name) : undefined;
    if (dot === 'other') continue;
    const env: Env = { dot: root, vars: new Map([['$', { name: '$', decl: undefined, sym: root }]]) };
    list(tree.root, env, [], dot === 'root');
  }
  return { missing: out, mutated };
}

/**
 * valuesPathOf is the values path (dot-joined) a field/variable operand reads: resolved through
 * `with`/`range`/variables as far as the values go, then literally; '' for `.Values` itself;
 * undefined when the operand does not read `.Values`.
 */
export function valuesPathOf(n: N.Node, env: Env): string | undefined {
  let base: Sym | undefined;
  let names: readonly string[];
  if (n.kind === 'field') {
    base = env.dot;
    names = n.ident;
  } else if (n.kind === 'variable') {
    base = env.vars.get(n.ident[0])?.sym;
    names = n.ident.slice(1);
  } else if (n.kind === 'dot') {
    base = env.dot;
    names = [];
  } else return undefined;
  let cur = base;
  let path: string[] | undefined = base?.valuesPath !== undefined ? [...base.valuesPath] : undefined;
  let i = 0;
  for (; i < names.length && cur !== undefined; i++) {
    const name = names[i];
    if (cur.isRoot === true && name === 'Values') {
      const m = member(cur.value, name);
      path = [];
      cur = m === undefined ? undefined : { value: m.value, valuesPath: [] };
      continue;
    }
    if (cur.valuesPath === undefined) return undefined;
    path = [...cur.valuesPath, name];
    const m = member(cur.value, name);
    cur = m === undefined ? undefined : { value: m.value, valuesPath: path };
  }
  if (path === undefined) return undefined;
  if (i < names.length) path.push(...names.slice(i));
  return path.join('.');
}

/** DotKind is what a define's callers pass: the caller's dot or `$` ('root'), or anything else. */
export type DotKind = 'root' | 'other';

/** defineCalls lists, per define name, what the `include`/`template` calls of a file pass as its dot. */
export function defineCalls(trees: Iterable<N.Tree>): Map<string, Set<DotKind>> {
  const out = new Map<string, Set<DotKind>>();
  const note = (name: string, arg: N.Node | undefined): void => {
    const k: DotKind = arg !== undefined && (arg.kind === 'dot' || (arg.kind === 'variable' && arg.ident.length === 1 && arg.ident[0] === '$')) ? 'root' : 'other';
    let set = out.get(name);
    if (set === undefined) out.set(name, (set = new Set()));
    set.add(k);
  };
  const single = (p: N.PipeNode | null): N.Node | undefined => (p !== null && p.cmds.length === 1 && p.cmds[0].args.length === 1 ? p.cmds[0].args[0] : undefined);
  const visit = (n: N.Node | null | undefined): void => {
    if (n === null || n === undefined) return;
    switch (n.kind) {
      case 'list':
        n.nodes.forEach(visit);
        break;
      case 'action':
        visit(n.pipe);
        break;
      case 'if':
      case 'with':
      case 'range':
        visit(n.pipe);
        visit(n.list);
        visit(n.elseList);
        break;
      case 'template':
        note(n.name, single(n.pipe) ?? (n.pipe === null ? undefined : n.pipe));
        visit(n.pipe);
        break;
      case 'pipe':
        n.cmds.forEach(visit);
        break;
      case 'command': {
        const [fn, name, arg] = n.args;
        if (fn?.kind === 'identifier' && fn.ident === 'include' && name?.kind === 'string') note(name.text, arg);
        n.args.forEach(visit);
        break;
      }
      case 'chain':
        visit(n.node);
        break;
      default:
        break;
    }
  };
  for (const t of trees) visit(t.root);
  return out;
}
