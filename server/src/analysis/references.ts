// Find references: of a variable (Go's scoping, `varrefs.ts`); of a render-object path
// (`.Chart.Name`, `.Release.Namespace`, `.Capabilities.KubeVersion`: every read across the tree,
// and for `.Chart.X` the Chart.yaml key as declaration); of a values key (from a values file or a template's `.Values.a.b`) — every
// template read of that path (direct, through `$`, inside `with`/`range`/variables as far as
// scope analysis knows, `index .Values.a "b"`, and inside defines through the contexts their
// callers passed in the last render) plus, as declarations, the key in each values layer; of a
// `define` — every `include`/`template` call across the chart tree plus the define itself.
import type { Chart } from '../chart/loader';
import type * as N from '../template/parse/node';
import { archiveDocPath } from './archivedoc';
import { contextSym } from './definectx';
import { chainOf, valuesKeyOf, valuesOwner } from './model';
import { type ObjectTarget, chartYamlLocation, objectReads, objectTarget } from './objrefs';
import { type Env, type Sym, member, nodeStart, valuesOriginOf, walkAll } from './scope';
import type { DocChart, Snapshot } from './snapshot';
import { targetAt } from './target';
import type { Location, Span } from './types';
import { targetSettings, valuesKeyAt } from './valueslayers';
import { type ValuesTarget, valuesTarget } from './valuestarget';
import { variableReferences } from './varrefs';

/** RefTarget is what references are asked for. */
type RefTarget = ValuesTarget | ObjectTarget | { readonly kind: 'define'; readonly name: string };

function sameChart(a: Chart, b: Chart): boolean {
  return a.origin.archive === b.origin.archive && a.origin.path === b.origin.path;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** refTargetAt finds what references are asked for at `offset` of `path`. */
function refTargetAt(snap: Snapshot, path: string, offset: number): { dc: DocChart; target: RefTarget } | undefined {
  const dc = snap.docChart(path);
  const text = snap.text(path);
  if (dc === undefined || text === undefined) return undefined;
  if (dc.kind === 'template') {
    const def = snap.parse(path, text).defines.find((d) => offset >= d.nameStart && offset <= d.nameEnd);
    if (def !== undefined) return { dc, target: { kind: 'define', name: def.name } };
    const info = targetAt(snap, path, offset);
    if (info === undefined) return undefined;
    const t = info.target;
    if (t.kind === 'define') return { dc, target: t };
    if (t.kind !== 'path') return undefined;
    const obj = objectTarget(dc, pathBase(info.env, t.display), t.display.split('.').slice(1));
    if (obj !== undefined) return { dc, target: obj };
    const vp = t.sym?.valuesPath ?? (t.parent?.valuesPath !== undefined ? [...t.parent.valuesPath, t.name] : undefined) ?? syntacticValuesPath(info.env, t.display);
    if (vp === undefined || vp.length === 0) return undefined;
    const target = valuesTarget(dc, valuesOwner(dc.chart), vp);
    return target === undefined ? undefined : { dc, target };
  }
  // A values file: values.yaml, a configured one (root chart) or a discovered values*.yaml / ci/*.yaml.
  const key = valuesKeyAt(snap, path, offset);
  return key === undefined ? undefined : { dc: key.file.dc, target: key.target };
}

/** pathBase is the symbol a displayed path (`.Chart.Name`, `$.Chart.Name`, `$x.a`) starts from. */
export function pathBase(env: Env, display: string): Sym | undefined {
  if (display.startsWith('.')) return env.dot;
  return env.vars.get(display.split('.')[0])?.sym;
}

/**
 * syntacticValuesPath is the values path a displayed operand names when its values are not
 * there to follow (`.Values.sub.key` of a disabled subchart, a key no layer sets yet).
 */
export function syntacticValuesPath(env: Env, display: string): string[] | undefined {
  const base = pathBase(env, display);
  const segs = display.split('.').slice(1);
  if (base?.isRoot === true) return segs[0] === 'Values' ? segs.slice(1) : undefined;
  return base?.valuesPath !== undefined ? [...base.valuesPath, ...segs] : undefined;
}

/** references lists the locations referring to the thing at `offset` (declarations too when asked). */
export function references(snap: Snapshot, path: string, offset: number, includeDeclaration: boolean): Location[] {
  const text = snap.text(path);
  if (text !== undefined && snap.docChart(path)?.kind === 'template') {
    const vars = variableReferences(snap.parse(path, text), path, offset, includeDeclaration);
    if (vars !== undefined) return vars.map((s) => ({ path, ...s }));
  }
  const found = refTargetAt(snap, path, offset);
  if (found === undefined) return [];
  const { dc, target } = found;
  const out: Location[] = [];
  if (target.kind === 'define') {
    if (includeDeclaration) {
      for (const s of snap.defines(dc.model).get(target.name) ?? []) {
        // The name literal without its quotes, like the call sites; a packaged define as an archive document.
        const name = unquoted(s.text, s.nameStart, s.nameEnd);
        out.push(s.path !== undefined ? { path: s.path, ...name } : { path: archiveDocPath(dc.model, s.chart, s.file), ...name, archive: true });
      }
    }
    out.push(...defineCalls(snap, dc, target.name));
  } else if (target.kind === 'object') {
    if (includeDeclaration && target.chart !== undefined) {
      const decl = chartYamlLocation(snap, dc, target.chart, target.path);
      if (decl !== undefined && target.path.length > 1) out.push(decl);
    }
    out.push(...objectReads(snap, dc, target));
  } else {
    if (includeDeclaration) out.push(...valuesDeclarations(snap, dc, target));
    out.push(...valuesReads(snap, dc, target));
  }
  const seen = new Set<string>();
  return out.filter((l) => {
    const k = `${l.path}:${l.start}:${l.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** visitTrees calls `fn` for every parsed tree of every template of the tree with a path on disk. */
function visitTrees(snap: Snapshot, dc: DocChart, fn: (path: string, tree: N.Tree, owner: DocChart) => void): void {
  for (const s of snap.templates(dc.model)) {
    if (s.path === undefined) continue;
    const owner = snap.docChart(s.path);
    if (owner === undefined) continue;
    for (const tree of snap.parse(s.path, s.text).trees.values()) fn(s.path, tree, owner);
  }
}

/** unquoted is a string literal's range without its quotes. */
function unquoted(text: string, start: number, end: number): Span {
  const quoted = end - start >= 2 && /["`]/.test(text[start] ?? '');
  return quoted ? { start: start + 1, end: end - 1 } : { start, end };
}

/** defineCalls finds `include "name"` and `{{ template "name" }}` calls. */
function defineCalls(snap: Snapshot, dc: DocChart, name: string): Location[] {
  const out: Location[] = [];
  visitTrees(snap, dc, (path, tree) => {
    const pipe = (p: N.PipeNode | null): void => {
      if (p === null) return;
      for (const c of p.cmds) {
        const [fn, arg] = c.args;
        if (fn?.kind === 'identifier' && fn.ident === 'include' && arg?.kind === 'string' && arg.text === name) out.push({ path, start: arg.pos + 1, end: arg.end - 1 });
        for (const a of c.args) {
          if (a.kind === 'pipe') pipe(a);
          else if (a.kind === 'chain' && a.node.kind === 'pipe') pipe(a.node);
        }
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
            if (n.name === name) out.push({ path, ...unquoted(tree.text, n.nameStart, n.nameEnd) });
            pipe(n.pipe);
            break;
          case 'if':
          case 'with':
          case 'range':
            pipe(n.pipe);
            list(n.list);
            list(n.elseList);
            break;
          default:
            break;
        }
      }
    };
    list(tree.root);
  });
  return out;
}

/**
 * readPrefix is the key path under which templates of `owner` see the target's values: `[]` for
 * the chart itself (and globals), the subchart keys (alias or name) for a descendant (a parent's
 * `.Values.child.key` reads the child's `key`), undefined when they cannot read it. A library
 * chart's helpers run with the values of the chart that depends on it.
 */
function readPrefix(dc: DocChart, owner: Chart, t: ValuesTarget): string[] | undefined {
  if (t.global) return [];
  const reader = valuesOwner(owner);
  const chain = chainOf(t.chart);
  const i = chain.findIndex((c) => sameChart(c, reader));
  if (i < 0) return undefined;
  return chain.slice(i + 1).map((c) => valuesKeyOf(dc.model, c));
}

/** valuesReads finds the template operands reading the target path. */
function valuesReads(snap: Snapshot, dc: DocChart, t: ValuesTarget): Location[] {
  const out: Location[] = [];
  visitTrees(snap, dc, (path, tree, owner) => {
    const prefix = readPrefix(dc, owner.chart, t);
    if (prefix === undefined) return;
    const target = [...prefix, ...t.path];
    const chartRoot: Sym = { value: snap.rootContext(owner), isRoot: true };
    // A define: once per context its callers passed in the last render (each may carry other values).
    const recorded = tree.defineRange !== undefined ? snap.lastIncludeContexts(dc.model, tree.name) : undefined;
    const roots = recorded !== undefined && recorded.length > 0 ? recorded.map((v) => contextSym([v]) ?? chartRoot) : [chartRoot];
    const hit = (span: Span): void => {
      out.push({ path, ...span });
    };
    for (const root of roots) {
      walkAll(
        tree,
        root,
        (n, env) => matchOperand(n, env, target, hit),
        (c, env) => matchIndex(c, env, target, hit),
      );
    }
  });
  return out;
}

/** operandPaths walks a field/variable operand segment by segment: the values path each segment reads and its span. */
function operandPaths(n: N.Node, env: Env, each: (path: readonly string[], span: Span) => void): readonly string[] | undefined {
  let base: Sym | undefined;
  let names: readonly string[];
  let pos: number;
  if (n.kind === 'field') {
    base = env.dot;
    names = n.ident;
    pos = nodeStart(n);
  } else if (n.kind === 'variable') {
    base = env.vars.get(n.ident[0])?.sym;
    names = n.ident.slice(1);
    pos = nodeStart(n) + n.ident[0].length;
  } else if (n.kind === 'dot') {
    const vp = env.dot?.valuesPath;
    if (vp !== undefined && vp.length > 0) each(vp, { start: n.pos, end: n.end });
    return vp;
  } else return undefined;
  let cur = base;
  let path: string[] | undefined = base?.valuesPath !== undefined ? [...base.valuesPath] : undefined;
  for (const name of names) {
    const span = { start: pos + 1, end: pos + 1 + name.length };
    pos = span.end;
    if (cur?.isRoot === true && name === 'Values') {
      const m = member(cur.value, name);
      path = [];
      cur = m === undefined ? undefined : { value: m.value, valuesPath: [] };
      continue;
    }
    if (path === undefined) {
      // Not (yet) inside .Values: follow known values; a rendered values subtree (passed in a
      // `dict` to a define) is known by its origin.
      const m = cur !== undefined ? member(cur.value, name) : undefined;
      const origin = m !== undefined ? valuesOriginOf(m.value) : undefined;
      if (origin !== undefined) {
        path = [...origin];
        each(path, span);
      }
      cur = m === undefined ? undefined : { value: m.value, valuesPath: origin };
      continue;
    }
    path = [...path, name];
    each(path, span);
    const m = cur !== undefined ? member(cur.value, name) : undefined;
    cur = m === undefined ? undefined : { value: m.value, valuesPath: path };
  }
  return path;
}

function matchOperand(n: N.Node, env: Env, target: readonly string[], hit: (s: Span) => void): void {
  operandPaths(n, env, (p, span) => {
    if (samePath(p, target)) hit(span);
  });
}

/** indexPaths calls `each` for `index .Values.a "b" "c"`: the path each static string key extends to, and its span. */
function indexPaths(c: N.CommandNode, env: Env, each: (path: readonly string[], span: Span) => void): void {
  const fn = c.args[0];
  if (fn?.kind !== 'identifier' || fn.ident !== 'index' || c.args.length < 3) return;
  const base = operandPaths(c.args[1], env, () => undefined);
  if (base === undefined) return;
  let path = [...base];
  for (const a of c.args.slice(2)) {
    if (a.kind !== 'string') return;
    path = [...path, a.text];
    each(path, { start: a.pos + 1, end: a.end - 1 });
  }
}

/** matchIndex handles `index .Values.a "b" "c"`: string keys extend the values path. */
function matchIndex(c: N.CommandNode, env: Env, target: readonly string[], hit: (s: Span) => void): void {
  indexPaths(c, env, (p, span) => {
    if (samePath(p, target)) hit(span);
  });
}

/**
 * valuesDeclarations finds the target key in every values file that can set it: the render
 * profile's layers, the discovered values*.yaml / ci/*.yaml beside a values.yaml, and for
 * globals every chart's files (the same settings as values-file hover and definition).
 */
function valuesDeclarations(snap: Snapshot, dc: DocChart, t: ValuesTarget): Location[] {
  const out: Location[] = [];
  for (const s of targetSettings(snap, dc.model, t)) {
    if (s.source.path !== undefined && s.range !== undefined) out.push({ path: s.source.path, start: s.range.start, end: s.range.end });
  }
  return out;
}

// Shared with the values-file features (valueshover, valuesdefinition, valuescompletion, codelens).
export { defineCalls, indexPaths, operandPaths, valuesReads, visitTrees };
export { type ValuesTarget, valuesTarget } from './valuestarget';
