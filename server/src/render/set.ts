// Adapter between Helm's engine (engine.ts) and the template package's TemplateSet: parse one
// file into trees (cacheable), add parsed trees to the set (Go's associate rules), execute a file.
import { BUILTINS, TemplateSet, parseErrorToTemplateError } from '../template/index';
import type { EngineLimits } from '../template/index';
import type { FuncMap, HelmVersion, Runtime } from '../template/func';
import { EDITOR_LIMITS } from './limits';
import type { Tree } from '../template/parse/node';
import { parse } from '../template/parse/parse';
import type { SourceMap } from '../template/sourcemap';
import type { Value } from '../template/value';

/** ParsedFile is the result of parsing one file: its trees by template name (cacheable). */
export interface ParsedFile {
  readonly name: string;
  readonly trees: ReadonlyMap<string, Tree>;
}

/** EngineSet is what the engine needs from a template set. */
export interface EngineSet {
  /** parse parses `text` as template `name`; throws the parse TemplateError. */
  parse(name: string, text: string): ParsedFile;
  /** add adds a parsed file (and its defines) to the set; later adds override earlier ones. */
  add(parsed: ParsedFile): void;
  /** execute runs template `name` with `data`; throws the TemplateError. */
  execute(name: string, data: Value, sourceMap: boolean): { text: string; sourceMap?: SourceMap };
  /** set is the underlying TemplateSet. */
  readonly set: TemplateSet;
}

/** EngineSetOptions configures a set. */
export interface EngineSetOptions {
  readonly funcs: FuncMap;
  readonly runtime: Runtime;
  readonly helmVersion: HelmVersion;
  /** limits bound each execution (default EDITOR_LIMITS; `{}` for none). */
  readonly limits?: EngineLimits;
  /** onLookup is told of every template lookup of an execution (incremental renders). */
  readonly onLookup?: (name: string, tree: Tree | undefined) => void;
}

/** newEngineSet makes Helm's root template set ("gotpl", missingkey=zero). */
export function newEngineSet(opts: EngineSetOptions): EngineSet {
  const set = new TemplateSet({
    funcs: opts.funcs,
    helmVersion: opts.helmVersion,
    runtime: opts.runtime,
    missingKey: 'zero',
    rootName: 'gotpl',
    limits: opts.limits ?? EDITOR_LIMITS,
    onLookup: opts.onLookup,
  });
  const isFunc = (name: string): boolean => opts.funcs.has(name) || BUILTINS.has(name);
  return {
    set,
    parse(name, text) {
      const res = parse(name, text, { isFunc });
      if (res.errors.length > 0) throw parseErrorToTemplateError(res.errors[0]);
      return { name, trees: res.trees };
    },
    add(parsed) {
      set.addTrees(parsed.trees);
    },
    execute(name, data, sourceMap) {
      const r = set.execute(name, data, { sourceMap });
      return { text: r.output, sourceMap: r.sourceMap };
    },
  };
}
