// Execution limits of the render front ends. Helm bounds nothing; a render that never ends or
// grows without bound exhausts memory. Each template file's output and every function result
// is bounded (EngineLimits.maxOutputBytes, counted in UTF-16 code units) so that such a render
// fails with a positioned template error instead. The bounds are far above real charts: the
// largest output in the shared corpus is about 2 MB.
import type { EngineLimits } from '../template/index';

/**
 * CLI_LIMITS bound `chartwright template` / `lint`: 256 Mi characters per file. (A JS string
 * holds at most 2^29 - 24 characters, so a larger bound could never be reached: the output
 * would fail to build first.)
 */
export const CLI_LIMITS: EngineLimits = { maxOutputBytes: 256 * 1024 * 1024 };

/**
 * EDITOR_LIMITS bound renders in the language server (64 Mi characters per file), where a
 * runaway template must not take the editor's memory; renders that pass no limits get these.
 */
export const EDITOR_LIMITS: EngineLimits = { maxOutputBytes: 64 * 1024 * 1024 };
