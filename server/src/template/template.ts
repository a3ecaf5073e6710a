// TemplateSet: a set of named templates sharing functions and options (Go's template.Template
// "common" part: the tmpl map, the FuncMap and missingkey), with Go's associate rule.
import { BUILTINS } from './builtins';
import { TemplateError, isStackOverflow, notDefinedError } from './errors';
import { Executor } from './exec';
import type { ExecEnv, MissingKey } from './exec';
import type { AbortFlag, FuncMap, HelmVersion, Runtime } from './func';
import { formatParseError, parse } from './parse/parse';
import type { ParseError } from './parse/parse';
import { isEmptyTree } from './parse/print';
import type { Tree } from './parse/node';
import type { SourceMap } from './sourcemap';
import type { Value } from './value';

/** EngineLimits bounds an execution. */
export interface EngineLimits {
  /** maxTemplateDepth is Go's maxExecDepth for nested `template` calls (default 100000). */
  readonly maxTemplateDepth?: number;
  /**
   * maxOutputBytes bounds each execution's output (counted in UTF-16 code units) and the size
   * of every function result (string/bytes length, list length).
   */
  readonly maxOutputBytes?: number;
  /** signal aborts executions (checked at range iterations and template calls). */
  readonly signal?: AbortFlag;
}


/** EngineOptions configures a TemplateSet. */
export interface EngineOptions {
  readonly funcs: FuncMap;
  readonly helmVersion: HelmVersion;
  readonly runtime: Runtime;
  /** missingKey is Go's missingkey option; Helm uses "zero" (the default here). */
  readonly missingKey?: MissingKey;
  /** rootName is the root template's name, shown in ExecuteTemplate errors (Helm: "gotpl"). */
  readonly rootName?: string;
  readonly limits?: EngineLimits;
  /**
   * onLookup, when set, is told of every template lookup an execution makes (`template`,
   * `include`, `tpl`'s clones share the options): incremental renders record dependencies with it.
   */
  readonly onLookup?: (name: string, tree: Tree | undefined) => void;
}

/** ExecuteOptions are per-call options of TemplateSet.execute. */
export interface ExecuteOptions {
  readonly sourceMap?: boolean;
  /** funcsOverride functions are looked up before the set's functions (e.g. per-render include). */
  readonly funcsOverride?: FuncMap;
  /** signal overrides the set's abort signal for this execution. */
  readonly signal?: AbortFlag;
}

/** parseErrorToTemplateError wraps a parser error as a TemplateError of kind "parse". */
export function parseErrorToTemplateError(e: ParseError): TemplateError {
  const goMessage = formatParseError(e);
  const prefix = `template: ${e.name}:${e.line}: `;
  return new TemplateError({
    kind: 'parse',
    goMessage,
    message: goMessage.startsWith(prefix) ? goMessage.slice(prefix.length) : e.message,
    templateName: e.name,
    parseName: e.name,
    line: e.line,
    byteCol: -1,
    start: e.start,
    end: e.end,
    context: '',
  });
}

/** TemplateSet holds named parse trees and executes them. */
export class TemplateSet implements ExecEnv {
  readonly funcs: FuncMap;
  readonly helmVersion: HelmVersion;
  readonly runtime: Runtime;
  readonly missingKey: MissingKey;
  readonly maxDepth: number;
  readonly maxOutput: number;
  readonly signal: AbortFlag | undefined;
  readonly rootName: string;
  private readonly opts: EngineOptions;
  private readonly trees: Map<string, Tree>;
  private readonly isFunc: (name: string) => boolean;

  constructor(opts: EngineOptions, trees?: Map<string, Tree>) {
    this.opts = opts;
    this.funcs = opts.funcs;
    this.helmVersion = opts.helmVersion;
    this.runtime = opts.runtime;
    this.missingKey = opts.missingKey ?? 'zero';
    this.maxDepth = opts.limits?.maxTemplateDepth ?? 100000;
    this.maxOutput = opts.limits?.maxOutputBytes ?? Infinity;
    this.signal = opts.limits?.signal;
    this.rootName = opts.rootName ?? 'gotpl';
    this.trees = trees ?? new Map();
    const funcs = opts.funcs;
    this.isFunc = (name) => funcs.has(name) || BUILTINS.has(name);
  }

  /** addFile parses a file (strict mode) and associates its trees; returns the ParseError or null. */
  addFile(name: string, text: string): ParseError | null {
    const res = parse(name, text, { isFunc: this.isFunc });
    if (res.errors.length > 0) return res.errors[0];
    this.addTrees(res.trees);
    return null;
  }

  /** addTrees associates already-parsed trees (e.g. cached parses) with the set. */
  addTrees(trees: ReadonlyMap<string, Tree>): void {
    for (const [name, tree] of trees) this.associate(name, tree);
  }

  /**
   * associate installs tree under name, Go's rule: a later tree replaces an existing one,
   * unless the new one is empty (only whitespace/comments) — then the old one stays.
   */
  private associate(name: string, tree: Tree): boolean {
    const old = this.trees.get(name);
    if (old !== undefined && isEmptyTree(tree.root)) return false;
    this.trees.set(name, tree);
    return true;
  }

  /** has reports whether a template of that name is defined. */
  has(name: string): boolean {
    return this.trees.has(name);
  }

  /** lookup returns the named tree. */
  lookup(name: string): Tree | undefined {
    const t = this.trees.get(name);
    if (this.opts.onLookup !== undefined) this.opts.onLookup(name, t);
    return t;
  }

  /** names lists the defined template names (in insertion order). */
  names(): string[] {
    return [...this.trees.keys()];
  }

  /** clone copies the set (trees are shared; they are immutable), as Go's Template.Clone. */
  clone(): TemplateSet {
    return new TemplateSet(this.opts, new Map(this.trees));
  }

  /**
   * parseInClone parses text as `name` into a clone (Helm's tpl: `t.New(name).Parse(text)`) and
   * returns the clone with the tree just parsed for `name`. That tree is what runs, even when it
   * is empty and so did not replace an existing `name` in the set (Go's AddParseTree still gives
   * the new Template its own Tree); executing by name would re-run the outer `tpl` text forever.
   * Throws the parse TemplateError.
   */
  parseInClone(name: string, text: string): { env: ExecEnv; tree: Tree } {
    const c = this.clone();
    const res = parse(name, text, { isFunc: this.isFunc });
    if (res.errors.length > 0) throw parseErrorToTemplateError(res.errors[0]!);
    c.addTrees(res.trees);
    const tree = res.trees.get(name);
    if (tree === undefined) throw notDefinedError(name, this.rootName);
    return { env: c, tree };
  }

  /** execute runs the named template with data as dot. Throws TemplateError. */
  execute(name: string, data: Value, opts?: ExecuteOptions): { output: string; sourceMap?: SourceMap } {
    const tree = this.trees.get(name);
    if (tree === undefined) throw notDefinedError(name, this.rootName);
    const ex = new Executor(this, tree, {
      funcsOverride: opts?.funcsOverride,
      signal: opts?.signal,
      sourceMap: opts?.sourceMap,
    });
    let output: string;
    try {
      output = ex.run(data);
    } catch (e) {
      if (isStackOverflow(e)) throw ex.overflowError();
      throw e;
    }
    return ex.sm !== null ? { output, sourceMap: ex.sm.build() } : { output };
  }
}
