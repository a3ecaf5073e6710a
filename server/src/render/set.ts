// Adapter between Helm's engine (engine.ts) and the template package's TemplateSet: parse one
// file into trees, add parsed trees to the set (Go's associate rules), execute a file.
import type { FuncMap, HelmVersion, Runtime } from '../template/func';
import type { SourceMap } from '../template/sourcemap';
import type { Value } from '../template/value';

/** ParsedFile is the result of parsing one file (opaque to the engine; cacheable). */
export interface ParsedFile {
  readonly name: string;
  readonly text: string;
}

/** EngineSet is what the engine needs from a template set. */
export interface EngineSet {
  /** parse parses `text` as template `name`; throws the parse TemplateError. */
  parse(name: string, text: string): ParsedFile;
  /** add adds a parsed file (and its defines) to the set; later adds override earlier ones. */
  add(parsed: ParsedFile): void;
  /** execute runs template `name` with `data`; throws the TemplateError. */
  execute(name: string, data: Value, sourceMap: boolean): { text: string; sourceMap?: SourceMap };
}

/** EngineSetOptions configures a set. */
export interface EngineSetOptions {
  readonly funcs: FuncMap;
  readonly runtime: Runtime;
  readonly helmVersion: HelmVersion;
}

/** newEngineSet makes the root template set ("gotpl", missingkey=zero). */
export function newEngineSet(_opts: EngineSetOptions): EngineSet {
  throw new Error('template engine not available yet (server/src/template/index.ts)');
}
