// Helpers shared by the sprig function tables: a compact FuncDef constructor and Go panics.
import { FuncError, type CallContext, type FuncDef, type HelmVersion } from '../template/func';
import type { Value } from '../template/value';

/** DocArgs is the documentation part of a FuncDef: [signature, description, example]. */
export type DocArgs = readonly [signature: string, description: string, example: string];

/**
 * fn builds a FuncDef. `params` are the Go parameter types of the sprig function (they decide
 * how the executor converts arguments, e.g. `int` rejects float64 values from values files).
 */
export function fn(
  category: string,
  name: string,
  params: readonly string[],
  result: string,
  impl: (args: Value[], ctx: CallContext) => Value,
  doc: DocArgs,
  versions?: readonly HelmVersion[],
): FuncDef {
  return {
    name,
    params,
    result,
    impl,
    doc: { signature: doc[0], description: doc[1], example: doc[2], category },
    ...(versions ? { versions } : {}),
  };
}

/** NIL_DEREF is Go's runtime panic text for calling a method on a nil reflect.Type and similar. */
export const NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';

/** panicNil throws the nil-pointer-dereference panic Go's reflect.TypeOf(nil).Kind() produces. */
export function panicNil(): never {
  throw new FuncError(NIL_DEREF);
}

/** fail throws a FuncError with Go's message. */
export function fail(msg: string): never {
  throw new FuncError(msg);
}
