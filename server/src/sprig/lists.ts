// Sprig's list functions (list.go). They take `interface{}` and inspect it by reflection, so any
// slice works ([]interface{}, []string, []byte...). Go quirks kept on purpose:
//  * a nil list makes reflect.TypeOf(nil).Kind() dereference a nil pointer — the panic surfaces as
//    `runtime error: invalid memory address or nil pointer dereference` (also for must* variants);
//  * the non-must variants panic with the must variant's error, so both report the same message;
//  * element comparison (has, uniq, without) is reflect.DeepEqual: types matter (1 ≠ 1.0).
import type { FuncDef } from '../template/func';
import {
  GoInt,
  kindOf,
  nilSlice,
  sliceElemType,
  typedSlice,
  type Value,
} from '../template/value';
import { argNum, toInt } from './cast';
import { fail, fn, panicNil } from './def';
import { empty } from './defaults';
import { deepEqual } from './reflect';

/** items returns the elements of a slice value, or undefined if v is not a slice (nil panics). */
export function items(v: Value): Value[] | undefined {
  if (v === null) panicNil();
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return Array.from(v, (b) => new GoInt('uint8', BigInt(b)));
  return undefined;
}

// need returns the slice's elements or throws sprig's "Cannot … on type KIND" error.
function need(v: Value, msg: (kind: string) => string): Value[] {
  const xs = items(v);
  if (xs === undefined) fail(msg(kindOf(v)));
  return xs;
}

function inList(haystack: readonly Value[], needle: Value): boolean {
  return haystack.some((h) => deepEqual(needle, h));
}

const cat = 'lists';
const L = '[]interface {}';
const I = 'interface {}';

function push([l, v]: Value[]): Value {
  return [...need(l, (k) => `Cannot push on type ${k}`), v];
}
function prepend([l, v]: Value[]): Value {
  return [v, ...need(l, (k) => `Cannot prepend on type ${k}`)];
}
function first([l]: Value[]): Value {
  const xs = need(l, (k) => `Cannot find first on type ${k}`);
  return xs.length === 0 ? null : xs[0];
}
function last([l]: Value[]): Value {
  const xs = need(l, (k) => `Cannot find last on type ${k}`);
  return xs.length === 0 ? null : xs[xs.length - 1];
}
// rest/initial return `nil, nil` for an empty list: a nil []interface{} (toJson prints null).
function rest([l]: Value[]): Value {
  const xs = need(l, (k) => `Cannot find rest on type ${k}`);
  return xs.length === 0 ? nilSlice([]) : xs.slice(1);
}
function initial([l]: Value[]): Value {
  const xs = need(l, (k) => `Cannot find initial on type ${k}`);
  return xs.length === 0 ? nilSlice([]) : xs.slice(0, -1);
}
function reverse([l]: Value[]): Value {
  return [...need(l, (k) => `Cannot find reverse on type ${k}`)].reverse();
}
function uniq([l]: Value[]): Value {
  const dest: Value[] = [];
  for (const x of need(l, (k) => `Cannot find uniq on type ${k}`)) if (!inList(dest, x)) dest.push(x);
  return dest;
}
function without([l, ...omit]: Value[]): Value {
  return need(l, (k) => `Cannot find without on type ${k}`).filter((x) => !inList(omit, x));
}
function has([needle, haystack]: Value[]): Value {
  if (haystack === null) return false; // mustHas checks for nil before reflecting
  return inList(need(haystack, (k) => `Cannot find has on type ${k}`), needle);
}
function compact([l]: Value[]): Value {
  return need(l, (k) => `Cannot compact on type ${k}`).filter((x) => !empty(x));
}

// chunk reproduces sprig's float arithmetic: cs = int(floor((l-1)/size) + 1). Size 0 gives
// ±Inf/NaN, whose int conversion is MinInt64 on amd64, so make() panics; negative sizes
// give 0 chunks or a negative length.
function chunk([sizeArg, l]: Value[]): Value {
  const size = argNum(sizeArg);
  const xs = need(l, (k) => `Cannot chunk type ${k}`);
  const n = xs.length;
  const csf = Math.floor((n - 1) / size) + 1;
  const cs = Number.isFinite(csf) ? Math.trunc(csf) : -1;
  if (cs < 0) fail('runtime error: makeslice: len out of range');
  const out: Value[] = [];
  for (let i = 0; i < cs; i++) {
    let clen = size;
    if (i === cs - 1) {
      const m = Math.floor(n % size);
      clen = m === 0 || Object.is(m, -0) ? size : m;
    }
    if (clen < 0) fail('runtime error: makeslice: len out of range');
    const c: Value[] = [];
    for (let j = 0; j < clen; j++) {
      const ix = i * size + j;
      if (ix >= n) fail(`runtime error: index out of range [${ix}] with length ${n}`);
      c.push(xs[ix]);
    }
    out.push(c);
  }
  return typedSlice(out, L);
}

// slice is reflect.Value.Slice on the list: the result keeps the list's type; an empty list
// gives nil; bad bounds panic with reflect's message.
function slice([l, ...indices]: Value[]): Value {
  if (l === null) panicNil();
  if (!Array.isArray(l) && !(l instanceof Uint8Array)) {
    fail(`list should be type of slice or array but ${kindOf(l)}`);
  }
  const n = l.length;
  if (n === 0) return null;
  const start = indices.length > 0 ? toInt(indices[0]) : 0n;
  const end = indices.length < 2 ? BigInt(n) : toInt(indices[1]);
  if (start < 0n || end < start || end > BigInt(n)) fail('reflect.Value.Slice: slice index out of bounds');
  if (l instanceof Uint8Array) return l.slice(Number(start), Number(end));
  const out = l.slice(Number(start), Number(end));
  return typedSlice(out, sliceElemType(l));
}

// concat appends every list's elements to a nil []interface{}; a non-list panics with a string.
function concat(lists: Value[]): Value {
  const res: Value[] = [];
  for (const l of lists) res.push(...need(l, (k) => `Cannot concat type ${k} as list`));
  return res.length === 0 ? nilSlice(res) : res;
}

/** listsFuncs are sprig's list functions and their must* variants. */
export const listsFuncs: FuncDef[] = [
  fn(cat, 'list', ['...interface {}'], L, (a) => [...a], [
    'list VALUE...',
    'Makes a list ([]interface {}) of the arguments.',
    '{{ list 1 2 3 | toJson }} → [1,2,3]',
  ]),
  fn(cat, 'tuple', ['...interface {}'], L, (a) => [...a], [
    'tuple VALUE...',
    'Alias of list.',
    '{{ tuple "a" "b" | toJson }} → ["a","b"]',
  ]),
  fn(cat, 'append', [I, I], L, push, [
    'append LIST VALUE',
    'Returns a new list with VALUE appended (errors on nil or a non-list).',
    '{{ append (list 1 2) 3 | toJson }} → [1,2,3]',
  ]),
  fn(cat, 'push', [I, I], L, push, [
    'push LIST VALUE',
    'Alias of append.',
    '{{ push (list 1 2) 3 | toJson }} → [1,2,3]',
  ]),
  fn(cat, 'mustAppend', [I, I], L, push, [
    'mustAppend LIST VALUE',
    'Like append, but returns the error instead of panicking.',
    '{{ mustAppend (list 1) 2 | toJson }} → [1,2]',
  ]),
  fn(cat, 'mustPush', [I, I], L, push, [
    'mustPush LIST VALUE',
    'Alias of mustAppend.',
    '{{ mustPush (list 1) 2 | toJson }} → [1,2]',
  ]),
  fn(cat, 'prepend', [I, I], L, prepend, [
    'prepend LIST VALUE',
    'Returns a new list with VALUE at the front.',
    '{{ prepend (list 2 3) 1 | toJson }} → [1,2,3]',
  ]),
  fn(cat, 'mustPrepend', [I, I], L, prepend, [
    'mustPrepend LIST VALUE',
    'Like prepend, returning an error for a non-list.',
    '{{ mustPrepend (list 2) 1 | toJson }} → [1,2]',
  ]),
  fn(cat, 'first', [I], I, first, [
    'first LIST',
    'Returns the first element, or nil for an empty list.',
    '{{ first (list "a" "b") }} → a',
  ]),
  fn(cat, 'mustFirst', [I], I, first, [
    'mustFirst LIST',
    'Like first, returning an error for a non-list.',
    '{{ mustFirst (list "a" "b") }} → a',
  ]),
  fn(cat, 'last', [I], I, last, [
    'last LIST',
    'Returns the last element, or nil for an empty list.',
    '{{ last (list "a" "b") }} → b',
  ]),
  fn(cat, 'mustLast', [I], I, last, [
    'mustLast LIST',
    'Like last, returning an error for a non-list.',
    '{{ mustLast (list "a" "b") }} → b',
  ]),
  fn(cat, 'rest', [I], L, rest, [
    'rest LIST',
    'Returns all but the first element (nil for an empty list).',
    '{{ rest (list 1 2 3) | toJson }} → [2,3]',
  ]),
  fn(cat, 'mustRest', [I], L, rest, [
    'mustRest LIST',
    'Like rest, returning an error for a non-list.',
    '{{ mustRest (list 1 2 3) | toJson }} → [2,3]',
  ]),
  fn(cat, 'initial', [I], L, initial, [
    'initial LIST',
    'Returns all but the last element (nil for an empty list).',
    '{{ initial (list 1 2 3) | toJson }} → [1,2]',
  ]),
  fn(cat, 'mustInitial', [I], L, initial, [
    'mustInitial LIST',
    'Like initial, returning an error for a non-list.',
    '{{ mustInitial (list 1 2 3) | toJson }} → [1,2]',
  ]),
  fn(cat, 'reverse', [I], L, reverse, [
    'reverse LIST',
    'Returns a new list in reverse order.',
    '{{ reverse (list 1 2 3) | toJson }} → [3,2,1]',
  ]),
  fn(cat, 'mustReverse', [I], L, reverse, [
    'mustReverse LIST',
    'Like reverse, returning an error for a non-list.',
    '{{ mustReverse (list 1 2) | toJson }} → [2,1]',
  ]),
  fn(cat, 'uniq', [I], L, uniq, [
    'uniq LIST',
    'Removes duplicates (deep equality, type-sensitive: 1 and "1" both stay).',
    '{{ uniq (list 1 1 2) | toJson }} → [1,2]',
  ]),
  fn(cat, 'mustUniq', [I], L, uniq, [
    'mustUniq LIST',
    'Like uniq, returning an error for a non-list.',
    '{{ mustUniq (list 1 1) | toJson }} → [1]',
  ]),
  fn(cat, 'without', [I, '...interface {}'], L, without, [
    'without LIST VALUE...',
    'Returns the list without the given values (deep, type-sensitive equality).',
    '{{ without (list 1 2 3) 2 | toJson }} → [1,3]',
  ]),
  fn(cat, 'mustWithout', [I, '...interface {}'], L, without, [
    'mustWithout LIST VALUE...',
    'Like without, returning an error for a non-list.',
    '{{ mustWithout (list 1 2) 2 | toJson }} → [1]',
  ]),
  fn(cat, 'has', [I, I], 'bool', has, [
    'has VALUE LIST',
    'Reports whether the list contains VALUE (type-sensitive: 4 is not 4.0 from values).',
    '{{ has "b" (list "a" "b") }} → true',
  ]),
  fn(cat, 'mustHas', [I, I], 'bool', has, [
    'mustHas VALUE LIST',
    'Like has, returning an error for a non-list.',
    '{{ mustHas 1 (list 1) }} → true',
  ]),
  fn(cat, 'slice', [I, '...interface {}'], I, slice, [
    'slice LIST [START [END]]',
    "Returns LIST[START:END] (sprig's, shadowing Go's builtin; strings are rejected).",
    '{{ slice (list 1 2 3 4) 1 3 | toJson }} → [2,3]',
  ]),
  fn(cat, 'mustSlice', [I, '...interface {}'], I, slice, [
    'mustSlice LIST [START [END]]',
    'Like slice, returning an error for a non-list.',
    '{{ mustSlice (list 1 2 3) 1 | toJson }} → [2,3]',
  ]),
  fn(cat, 'concat', ['...interface {}'], I, concat, [
    'concat LIST...',
    'Concatenates lists into one list.',
    '{{ concat (list 1) (list 2 3) | toJson }} → [1,2,3]',
  ]),
  fn(cat, 'chunk', ['int', I], '[][]interface {}', chunk, [
    'chunk SIZE LIST',
    'Splits the list into chunks of SIZE elements (SIZE must be positive).',
    '{{ chunk 2 (list 1 2 3) | toJson }} → [[1,2],[3]]',
  ]),
  fn(cat, 'mustChunk', ['int', I], '[][]interface {}', chunk, [
    'mustChunk SIZE LIST',
    'Like chunk, returning an error for a non-list.',
    '{{ mustChunk 2 (list 1 2 3) | toJson }} → [[1,2],[3]]',
  ]),
  fn(cat, 'compact', [I], L, compact, [
    'compact LIST',
    'Removes empty elements (nil, "", 0, false, empty lists/maps).',
    '{{ compact (list 1 "" 0 "a") | toJson }} → [1,"a"]',
  ]),
  fn(cat, 'mustCompact', [I], L, compact, [
    'mustCompact LIST',
    'Like compact, returning an error for a non-list.',
    '{{ mustCompact (list "" "a") | toJson }} → ["a"]',
  ]),
];
