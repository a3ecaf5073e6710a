// Sprig's reflection functions (reflect.go) and Go's reflect.DeepEqual, which lists.ts also uses
// for `has`, `uniq` and `without`.
import type { FuncDef } from '../template/func';
import {
  GoComplex,
  GoFunc,
  GoInt,
  GoObject,
  isNilSlice,
  kindOf,
  typeName,
  type Value,
} from '../template/value';
import { argStr } from './cast';
import { fn } from './def';

/**
 * deepEqual is reflect.DeepEqual on two interface values: the dynamic types must be identical
 * (`1` (int) and `1.0` (float64) differ, so `has 4 .Values.list` is false), then values are
 * compared recursively. NaN is unequal to itself; a nil slice differs from an empty one; funcs
 * are never equal.
 */
export function deepEqual(a: Value, b: Value): boolean {
  return eq(a, b, new Map());
}

function eq(a: Value, b: Value, seen: Map<object, Set<object>>): boolean {
  if (a === null || b === null) return a === b;
  if (typeName(a) !== typeName(b)) return false;
  if (typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean') return a === b;
  if (a instanceof GoInt) return b instanceof GoInt && a.v === b.v;
  if (a instanceof GoComplex) return b instanceof GoComplex && a.re === b.re && a.im === b.im;
  if (a instanceof GoFunc) return false;
  if (a === b) return true;
  if (typeof b !== 'object' || b === null) return false;
  // Go's DeepEqual remembers visited pairs so cyclic structures compare as equal.
  let s = seen.get(a);
  if (s?.has(b)) return true;
  if (!s) seen.set(a, (s = new Set()));
  s.add(b);
  if (a instanceof Uint8Array) {
    if (!(b instanceof Uint8Array) || a.length !== b.length) return false;
    return a.every((x, i) => x === b[i]);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    if (isNilSlice(a) !== isNilSlice(b)) return false;
    return a.every((x, i) => eq(x, b[i], seen));
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, x] of a) {
      if (!b.has(k)) return false;
      if (!eq(x, b.get(k) as Value, seen)) return false;
    }
    return true;
  }
  if (a instanceof GoObject && b instanceof GoObject) {
    if (a.isNil() || b.isNil()) return a.isNil() === b.isNil();
    const names = a.fieldNames();
    if (names.length === 0) return false;
    return names.every((n) => {
      const x = a.field(n);
      const y = b.field(n);
      return x !== undefined && y !== undefined && eq(x.value, y.value, seen);
    });
  }
  return false;
}

const cat = 'reflection';

/** reflectFuncs are typeOf, typeIs, typeIsLike, kindOf, kindIs and deepEqual. */
export const reflectFuncs: FuncDef[] = [
  fn(cat, 'typeOf', ['interface {}'], 'string', ([v]) => typeName(v), [
    'typeOf VALUE',
    "Returns the Go type of the value as %T prints it (values-file numbers are float64).",
    '{{ typeOf .Values.replicas }} → float64',
  ]),
  fn(cat, 'typeIs', ['string', 'interface {}'], 'bool', ([t, v]) => argStr(t) === typeName(v), [
    'typeIs TYPE VALUE',
    'Reports whether the value has exactly the given Go type.',
    '{{ typeIs "string" .Values.name }} → true',
  ]),
  fn(cat, 'typeIsLike', ['string', 'interface {}'], 'bool', ([t, v]) => {
    const n = typeName(v);
    return argStr(t) === n || '*' + argStr(t) === n;
  }, [
    'typeIsLike TYPE VALUE',
    'Like typeIs, but also matches a pointer to the type.',
    '{{ typeIsLike "common.Capabilities" .Capabilities }} → true',
  ]),
  fn(cat, 'kindOf', ['interface {}'], 'string', ([v]) => kindOf(v), [
    'kindOf VALUE',
    'Returns the reflect kind of the value (string, map, slice, float64, ptr, invalid for nil...).',
    '{{ kindOf .Values.list }} → slice',
  ]),
  fn(cat, 'kindIs', ['string', 'interface {}'], 'bool', ([k, v]) => argStr(k) === kindOf(v), [
    'kindIs KIND VALUE',
    'Reports whether the value is of the given reflect kind.',
    '{{ kindIs "map" .Values.resources }} → true',
  ]),
  fn(cat, 'deepEqual', ['interface {}', 'interface {}'], 'bool', ([a, b]) => deepEqual(a, b), [
    'deepEqual A B',
    'Reports whether two values are deeply equal, including their Go types (1 and 1.0 differ).',
    '{{ deepEqual (list 1 2) (list 1 2) }} → true',
  ]),
];
