// The values paths a chart tree reads, in one coordinate system: paths from the root chart's
// `.Values` (a subchart's key `x` is `sub.x`, aliases used; `global.x` is shared by every chart).
// Sources, all static and conservative (a read that might happen counts as a read):
// - template operands (`.Values.a.b`, `$.Values`, `$root.Values`, `.context.Values` in defines,
//   `(.Values.a).b`, `with`/variables carrying a values path); an operand covers its subtree,
//   so `toYaml .Values.x`, `include "t" .Values.x`, `range $k, $v := .Values.x` read all of x;
// - `index`/`get`/`hasKey`/`dig`/`pick` with literal keys narrow their map operand; a dynamic
//   key reads the whole map;
// - string literals shaped like a values path (bitnami's `providedValues (list "auth.password")`);
// - `.Values.x` inside values strings and chart files (rendered with `tpl`);
// - Chart.yaml: dependency conditions, tags, import-values (both sides), every `exports`, and
//   the root chart's top-level `enabled` (what an umbrella's condition reads).
// Defines are read with their chart's values (a library chart's with its parents'); a `.Values`
// reached through an unknown data value (`.context.Values`) counts for those charts too.
import type { Chart } from '../chart/loader';
import type * as N from '../template/parse/node';
import { type Value, utf8Decode } from '../template/value';
import type { ChartModel } from './model';
import type { Snapshot } from './snapshot';

/** TreeReads is what a chart tree reads from its values, as root-relative paths joined with '.'. */
export interface TreeReads {
  /** covered: read paths (a read covers the subtree below it; '' = everything). */
  readonly covered: ReadonlySet<string>;
  /** prefixes: every proper prefix of a covered path, and paths only tested or bound (`if .Values.a`, `$a := .Values.a`). */
  readonly prefixes: ReadonlySet<string>;
}

type Path = readonly string[];

/** RSym is what an operand statically holds: a chart's render context, a values subtree, or unknown. */
interface RSym {
  /** ctx: the operand is a render context of the charts at these prefixes (`.`, `$`). */
  readonly ctx?: readonly Path[];
  /** paths: the operand is the values subtree at these root-relative paths. */
  readonly paths?: readonly Path[];
  /**
   * indirect: `.Values` itself reached through an unknown data value (`.context.Values` in a
   * helper): used whole, it is a lookup by keys its callers pass (literals, see PATH_LITERAL),
   * not a read of everything.
   */
  readonly indirect?: boolean;
}

const UNKNOWN: RSym = {};

interface Env {
  readonly dot: RSym;
  readonly vars: ReadonlyMap<string, RSym>;
}

/** chartPrefixes lists the root-relative values paths of a chart (one per alias it is used under). */
export function chartPrefixes(c: Chart): Path[] {
  const parent = c.parent;
  if (parent === undefined) return [[]];
  const names = parent.metadata.dependencies.filter((d) => d.name === c.metadata.name).map((d) => (d.alias !== '' ? d.alias : d.name));
  const keys = names.length > 0 ? [...new Set(names)] : [c.metadata.name];
  const out: Path[] = [];
  for (const pp of chartPrefixes(parent)) for (const k of keys) out.push([...pp, k]);
  return out;
}

/** readerPrefixes: whose values a chart's templates read (a library chart reads its includers'). */
function readerPrefixes(c: Chart): Path[] {
  if (c.metadata.type === 'library' && c.parent !== undefined) return readerPrefixes(c.parent);
  return chartPrefixes(c);
}

/** MAX_FILE bounds the chart files scanned for `.Values` references. */
const MAX_FILE = 1 << 20;

const PATH_LITERAL = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/;
const VALUES_IN_TEXT = /\.Values((?:\.[A-Za-z_][\w-]*)+)/g;

/** Collector accumulates reads. */
class Collector {
  readonly covered = new Set<string>();

  add(p: Path): void {
    // A read of global is a read of the tree's global, whichever chart makes it.
    const g = p.indexOf('global');
    this.covered.add((g >= 0 ? p.slice(g) : p).join('.'));
    if (g >= 0) this.covered.add(p.join('.'));
  }

  addAll(ps: readonly Path[] | undefined, tail: Path = []): void {
    for (const p of ps ?? []) this.add([...p, ...tail]);
  }

  /** touched: paths read without their subtree (a truth test, a variable bound to them). */
  readonly touched = new Set<string>();

  touch(ps: readonly Path[] | undefined): void {
    for (const p of ps ?? []) {
      const g = p.indexOf('global');
      this.touched.add((g >= 0 ? p.slice(g) : p).join('.'));
      if (g >= 0) this.touched.add(p.join('.'));
    }
  }
}

/** walkTree adds the reads of one parse tree whose `.` is `dot` and whose unknown `.Values` belong to `readers`. */
function walkTree(tree: N.Tree, dot: RSym, readers: readonly Path[], out: Collector): void {
  const step = (s: RSym, names: readonly string[]): RSym => {
    let cur = s;
    for (const name of names) {
      if (cur.paths !== undefined) cur = { paths: cur.paths.map((p) => [...p, name]) };
      else if (name === 'Values') cur = cur.ctx !== undefined ? { paths: cur.ctx } : { paths: readers, indirect: true };
      else cur = UNKNOWN;
    }
    return cur;
  };
  /** symOf evaluates an operand (undefined: not a value operand). */
  const symOf = (n: N.Node, env: Env): RSym | undefined => {
    switch (n.kind) {
      case 'dot':
        return env.dot;
      case 'field':
        return step(env.dot, n.ident);
      case 'variable':
        return step(env.vars.get(n.ident[0]) ?? UNKNOWN, n.ident.slice(1));
      case 'chain': {
        const inner = single(n.node);
        const base = inner !== undefined ? symOf(inner, env) : undefined;
        return base === undefined ? undefined : step(base, n.field);
      }
      default:
        return undefined;
    }
  };
  /** pipeSym: what a pipeline holds when it is one operand or a narrowing lookup. */
  const pipeSym = (p: N.PipeNode, env: Env): RSym => {
    if (p.cmds.length !== 1) return UNKNOWN;
    const c = p.cmds[0];
    if (c.args.length === 1) return symOf(c.args[0], env) ?? UNKNOWN;
    const l = lookup(c, env);
    return l !== undefined && l.keys.length === 1 ? { paths: l.base.paths?.map((b) => [...b, ...l.keys[0]]) } : UNKNOWN;
  };
  /** lookup recognises `index/get/hasKey/dig/pick M "k"...` with literal keys: the map operand and the key paths. */
  const lookup = (c: N.CommandNode, env: Env): { map: N.Node; base: RSym; keys: Path[] } | undefined => {
    const fn = c.args[0];
    if (fn?.kind !== 'identifier') return undefined;
    const lits = (ns: readonly N.Node[]): string[] | undefined => (ns.every((a) => a.kind === 'string') ? ns.map((a) => (a as N.StringNode).text) : undefined);
    let map: N.Node | undefined;
    let keys: Path[] | undefined;
    const a = c.args;
    if ((fn.ident === 'index' && a.length >= 3) || ((fn.ident === 'get' || fn.ident === 'hasKey') && a.length === 3)) {
      map = a[1];
      const k = lits(a.slice(2));
      keys = k === undefined ? undefined : [k];
    } else if (fn.ident === 'dig' && a.length >= 4) {
      map = a[a.length - 1];
      const k = lits(a.slice(1, -2));
      keys = k === undefined ? undefined : [k];
    } else if (fn.ident === 'pick' && a.length >= 3) {
      map = a[1];
      keys = lits(a.slice(2))?.map((k) => [k]);
    }
    if (map === undefined || keys === undefined) return undefined;
    const base = symOf(map, env);
    if (base?.paths === undefined) return undefined;
    return { map, base, keys };
  };
  /** pipe visits a pipeline; `shallow`: a lone operand is only tested or bound (its subtree is not read). */
  const pipe = (p: N.PipeNode, env: Env, shallow = false): void => {
    if (shallow && p.cmds.length === 1 && p.cmds[0].args.length === 1) {
      const sym = symOf(p.cmds[0].args[0], env);
      if (sym !== undefined) {
        if (sym.indirect !== true) out.touch(sym.paths);
        return;
      }
    }
    for (const c of p.cmds) {
      const l = lookup(c, env);
      if (l !== undefined) for (const k of l.keys) out.addAll(l.base.paths, k);
      const fn = c.args[0];
      const isDict = fn?.kind === 'identifier' && fn.ident === 'dict';
      const isInclude = fn?.kind === 'identifier' && fn.ident === 'include';
      c.args.forEach((a, i) => {
        if (l !== undefined && a === l.map) return;
        if (a.kind === 'pipe') return pipe(a, env);
        if (a.kind === 'string' && l !== undefined) return;
        if (a.kind === 'string') {
          // A literal naming a values path may be looked up by a helper (not a dict key).
          if (!(isDict && i % 2 === 1) && !(isInclude && i === 1) && PATH_LITERAL.test(a.text)) out.addAll(readers, a.text.split('.'));
          for (const m of a.text.matchAll(VALUES_IN_TEXT)) out.addAll(readers, m[1].slice(1).split('.'));
          return;
        }
        if (a.kind === 'chain' && single(a.node) === undefined) {
          if (a.node.kind === 'pipe') pipe(a.node, env);
          return;
        }
        // `.context.Values.y` through an unknown value is a read of y by the readers (see step).
        const sym = symOf(a, env);
        if (sym?.indirect !== true) out.addAll(sym?.paths);
      });
    }
  };
  const declare = (env: Env, p: N.PipeNode, sym: (i: number) => RSym): Env => {
    if (p.decl.length === 0) return env;
    const vars = new Map(env.vars);
    p.decl.forEach((d, i) => vars.set(d.ident[0], sym(i)));
    return { dot: env.dot, vars };
  };
  const list = (l: N.ListNode | null, env: Env): Env => {
    if (l === null) return env;
    let cur = env;
    for (const n of l.nodes) {
      switch (n.kind) {
        case 'action': {
          pipe(n.pipe, cur, n.pipe.decl.length > 0);
          const before = cur;
          cur = declare(cur, n.pipe, () => pipeSym(n.pipe, before));
          break;
        }
        case 'template':
          if (n.pipe !== null) pipe(n.pipe, cur);
          break;
        case 'if':
        case 'with':
        case 'range': {
          pipe(n.pipe, cur, n.kind !== 'range');
          const target = pipeSym(n.pipe, cur);
          if (n.kind === 'range') list(n.list, { dot: UNKNOWN, vars: declare(cur, n.pipe, () => UNKNOWN).vars });
          else if (n.kind === 'with') list(n.list, { dot: target, vars: declare(cur, n.pipe, () => target).vars });
          else list(n.list, declare(cur, n.pipe, () => target));
          list(n.elseList, cur);
          break;
        }
        default:
          break;
      }
    }
    return cur;
  };
  list(tree.root, { dot, vars: new Map([['$', dot]]) });
}

/** single is the operand of a one-operand pipeline (or the node itself when not a pipeline). */
function single(n: N.Node): N.Node | undefined {
  if (n.kind !== 'pipe') return n;
  return n.decl.length === 0 && n.cmds.length === 1 && n.cmds[0].args.length === 1 ? n.cmds[0].args[0] : undefined;
}

/** chartsOf lists a chart and every loaded subchart below it (packaged ones too). */
function chartsOf(c: Chart): Chart[] {
  return [c, ...c.dependencies.flatMap(chartsOf)];
}

/** member of a parsed values map. */
function get(v: Value | undefined, path: Path): Value | undefined {
  let cur = v;
  for (const k of path) cur = cur instanceof Map ? cur.get(k) : undefined;
  return cur;
}

/** chartYamlReads: dependency conditions and tags, import-values (child source and parent target), exports. */
function chartYamlReads(c: Chart, out: Collector): void {
  // A root chart's own `enabled` is the placeholder an umbrella's `condition: <name>.enabled` reads.
  if (c.parent === undefined) out.add(['enabled']);
  for (const pp of chartPrefixes(c)) {
    out.add([...pp, 'exports']);
    for (const d of c.metadata.dependencies) {
      const key = d.alias !== '' ? d.alias : d.name;
      for (const cond of d.condition.split(',')) if (cond.trim() !== '') out.add([...pp, ...cond.trim().split('.')]);
      for (const t of d.tags) {
        out.add(['tags', t]);
        out.add([...pp, 'tags', t]);
      }
      const child = c.dependencies.find((x) => x.metadata.name === d.name);
      for (const iv of d.importValues) {
        if (typeof iv === 'string') {
          out.add([...pp, key, 'exports', ...iv.split('.')]);
          const exported = get(child?.values, ['exports', ...iv.split('.')]);
          if (exported instanceof Map) for (const k of exported.keys()) out.add([...pp, k]);
        } else if (iv instanceof Map) {
          const from = iv.get('child');
          const to = iv.get('parent');
          if (typeof from === 'string') out.add([...pp, key, ...from.split('.').filter((x) => x !== '')]);
          if (typeof to === 'string') out.add([...pp, ...to.split('.').filter((x) => x !== '')]);
        }
      }
    }
  }
}

const memo = new WeakMap<ChartModel, { key: string; reads: TreeReads }>();

/** treeReads collects what every template, Chart.yaml and values string of the tree reads (memoized per model and template texts). */
export function treeReads(snap: Snapshot, model: ChartModel): TreeReads {
  const sources = snap.templates(model);
  const key = sources.map((s) => `${s.path ?? s.name}:${s.text.length}:${snap.version(s.path ?? '') ?? 'disk'}`).join('|');
  const hit = memo.get(model);
  if (hit !== undefined && hit.key === key) return hit.reads;
  const out = new Collector();
  for (const s of sources) {
    const readers = readerPrefixes(s.chart);
    const own: RSym = { ctx: readers };
    const parsed = snap.parse(s.path ?? `${model.root}::${s.chart.origin.archive ?? ''}::${s.chart.origin.path}::${s.name}`, s.text);
    for (const tree of parsed.trees.values()) walkTree(tree, own, readers, out);
  }
  if (model.chart !== undefined) {
    const all = chartsOf(model.chart);
    const everyPrefix = all.flatMap(chartPrefixes);
    for (const c of all) {
      chartYamlReads(c, out);
      // Values strings rendered with `tpl` read values too (whichever chart renders them).
      for (const m of (c.rawValues ?? '').matchAll(VALUES_IN_TEXT)) out.addAll(everyPrefix, m[1].slice(1).split('.'));
      // So do chart files rendered with `tpl (.Files.Get "f")`.
      for (const f of c.files) {
        if (f.data.length > MAX_FILE) continue;
        const t = utf8Decode(f.data);
        if (t.includes('{{')) for (const m of t.matchAll(VALUES_IN_TEXT)) out.addAll(everyPrefix, m[1].slice(1).split('.'));
      }
    }
  }
  const prefixes = new Set<string>();
  for (const p of out.covered) for (let i = p.indexOf('.'); i >= 0; i = p.indexOf('.', i + 1)) prefixes.add(p.slice(0, i));
  for (const p of out.touched) {
    prefixes.add(p);
    for (let i = p.indexOf('.'); i >= 0; i = p.indexOf('.', i + 1)) prefixes.add(p.slice(0, i));
  }
  const reads = { covered: out.covered, prefixes };
  memo.set(model, { key, reads });
  return reads;
}

/** isCovered: `path` (root-relative) or one of its ancestors is read. */
export function isCovered(reads: TreeReads, path: Path): boolean {
  if (reads.covered.has('')) return true;
  let p = '';
  for (const k of path) {
    p = p === '' ? k : `${p}.${k}`;
    if (reads.covered.has(p)) return true;
  }
  return false;
}
