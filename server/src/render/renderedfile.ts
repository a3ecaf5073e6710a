// The engine's output for one file, shared by the engine (render/engine.ts) and the incremental
// cache that keeps it between renders (render/incremental.ts).
import type { SourceMap } from '../template/sourcemap';

/** RenderedFile is one executed file's output. */
export interface RenderedFile {
  readonly text: string;
  readonly sourceMap?: SourceMap;
}
