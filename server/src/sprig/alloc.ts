// Allocation bounds for functions that allocate by a count (until, seq, repeat, indent,
// randAlpha, randBytes...). Go allocates whatever is asked: for counts beyond its address space
// it panics with "makeslice: len out of range" (Helm prints `error calling repeat: runtime
// error: makeslice: len out of range`), in between it dies with "fatal error: out of memory".
// A JS engine cannot allocate that much either, and an out-of-memory crash would take the
// language server down; so counts beyond these bounds are refused before allocating, with
// Go's panic text.
import { FuncError } from '../template/func';

/** MAKESLICE is Go's panic text for an impossible allocation (recorded from helm v4.1.4). */
export const MAKESLICE = 'runtime error: makeslice: len out of range';

/** MAX_STRING_CHARS is V8's maximum string length on 64-bit hosts (String::kMaxLength). */
export const MAX_STRING_CHARS = 2 ** 29 - 24;

/**
 * MAX_LIST_LEN bounds lists built from a count (until, untilStep, seq): 2^24 elements, about
 * 1.2 GB of GoInt objects — far above any real chart, below the default V8 heap.
 */
export const MAX_LIST_LEN = 2 ** 24;

/** checkAlloc throws Go's makeslice panic when n exceeds max. */
export function checkAlloc(n: number | bigint, max: number): void {
  if (n > max) throw new FuncError(MAKESLICE);
}
