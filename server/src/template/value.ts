// Package value: the Go value model the template engine computes with.
//
// Go's text/template works on reflect.Values; Helm templates see values decoded from YAML/JSON
// (float64 numbers, map[string]interface{}, []interface{}), Go literals (int, float64, string,
// bool), and a handful of typed objects Helm exposes (.Capabilities, .Files, semver versions...).
// Printing, comparison and argument checking all depend on the Go *type* of a value, so the
// model keeps it:
//
//   Go                              TypeScript
//   nil (interface)                 null
//   bool                            boolean
//   float64                         number            (every JS number is a float64)
//   int, int64, uint8, ...          GoInt             (type name + bigint value, exact 64-bit)
//   complex128                      GoComplex
//   string                          string            (UTF-16 in memory; byte semantics via utf8 helpers;
//                                                     invalid UTF-8 byte 0xNN = lone surrogate U+DCNN)
//   []byte                          Uint8Array
//   []interface{} / []string / ...  Value[]           (element type in sliceElemType(); default interface {})
//   map[string]interface{}          GoMap (a Map)     (named map types such as common.Values: NamedMap)
//   structs, pointers, time, ...    GoObject          (type name, fields, methods, %v printing)
//   func                            GoFunc
//
// "Missing" (Go's invalid reflect.Value, printed as <no value>) is not a Value: the executor
// represents it as `undefined` internally and never stores it in maps or lists.

/** Value is any value a template can hold. */
export type Value =
  | null
  | boolean
  | number
  | string
  | GoInt
  | GoComplex
  | Uint8Array
  | Value[]
  | GoMap
  | GoObject
  | GoFunc;

/** GoMap is Go's map[string]interface{} (or another map type with string keys). */
export type GoMap = Map<string, Value>;

/** IntType names the Go integer types a value can have. */
export type IntType =
  | 'int'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'uintptr';

const INT_BITS: Record<IntType, { bits: number; signed: boolean }> = {
  int: { bits: 64, signed: true },
  int8: { bits: 8, signed: true },
  int16: { bits: 16, signed: true },
  int32: { bits: 32, signed: true },
  int64: { bits: 64, signed: true },
  uint: { bits: 64, signed: false },
  uint8: { bits: 8, signed: false },
  uint16: { bits: 16, signed: false },
  uint32: { bits: 32, signed: false },
  uint64: { bits: 64, signed: false },
  uintptr: { bits: 64, signed: false },
};

/** GoInt is a Go integer of a specific type; `v` is always within the type's range (wrapped). */
export class GoInt {
  readonly type: IntType;
  readonly v: bigint;
  constructor(type: IntType, v: bigint) {
    this.type = type;
    const { bits, signed } = INT_BITS[type];
    this.v = signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
  }
  /** isSigned reports whether the type is a signed integer type. */
  get signed(): boolean {
    return INT_BITS[this.type].signed;
  }
  toString(): string {
    return this.v.toString();
  }
}

/** int makes a Go `int`. */
export function int(v: bigint | number): GoInt {
  return new GoInt('int', typeof v === 'bigint' ? v : BigInt(Math.trunc(v)));
}

/** int64 makes a Go `int64`. */
export function int64(v: bigint | number): GoInt {
  return new GoInt('int64', typeof v === 'bigint' ? v : BigInt(Math.trunc(v)));
}

/** GoComplex is a Go complex128. */
export class GoComplex {
  readonly re: number;
  readonly im: number;
  constructor(re: number, im: number) {
    this.re = re;
    this.im = im;
  }
}

/** Kind mirrors reflect.Kind names as `kindOf` prints them. */
export type Kind =
  | 'invalid'
  | 'bool'
  | IntType
  | 'float32'
  | 'float64'
  | 'complex128'
  | 'string'
  | 'slice'
  | 'array'
  | 'map'
  | 'struct'
  | 'ptr'
  | 'func'
  | 'interface'
  | 'chan';

/** GoMethod is a Go method bound to its receiver. Params/results follow FuncSig conventions. */
export interface GoMethod {
  /** Go parameter types, e.g. ['string']; variadic marks the last as `...T`. */
  readonly params: readonly string[];
  readonly variadic?: boolean;
  /** Whether the method returns a second `error` result. */
  readonly returnsError?: boolean;
  call(args: Value[]): Value;
}

/**
 * GoObject is a Go struct, pointer to struct, or other typed value with fields and methods
 * (.Capabilities, .Chart in Helm 3, semver versions, time.Time, certificates...).
 */
export abstract class GoObject {
  /** goType is the type as `%T`/typeOf prints it, e.g. "*common.Capabilities". */
  abstract readonly goType: string;
  /** kind is reflect's Kind of the value ('struct', 'ptr', ...). */
  abstract readonly kind: Kind;
  /** method returns the named method, or undefined. Methods are looked up before fields. */
  method(_name: string): GoMethod | undefined {
    return undefined;
  }
  /** field returns the named exported field, or undefined when the type has no such field. */
  field(_name: string): { value: Value } | undefined {
    return undefined;
  }
  /** fieldNames lists the struct's fields in declaration order (for %v and %+v printing). */
  fieldNames(): readonly string[] {
    return [];
  }
  /** methodNames lists the methods `method` resolves (for editor completion); [] when unknown. */
  methodNames(): readonly string[] {
    return [];
  }
  /**
   * stringer returns what fmt prints for the value when it implements fmt.Stringer or error
   * (String()/Error()), or undefined. `addressable` tells whether the pointer's methods apply.
   */
  stringer(_addressable: boolean): string | undefined {
    return undefined;
  }
  /**
   * toData converts the object to plain data for JSON/YAML marshalling (json tags applied),
   * or undefined if it has no JSON form.
   */
  toData(): Value | undefined {
    return undefined;
  }
  /** isNil reports whether the object is a nil pointer. */
  isNil(): boolean {
    return false;
  }
}

/** GoFunc is a Go function value (only reachable through `call`). */
export class GoFunc {
  readonly goType: string;
  readonly fn: (args: Value[]) => Value;
  constructor(goType: string, fn: (args: Value[]) => Value) {
    this.goType = goType;
    this.fn = fn;
  }
}

/** TypeInfo describes a named map type such as common.Values or engine.files. */
export interface MapTypeInfo {
  /** name as %T prints it, e.g. "common.Values". */
  readonly name: string;
  /** element type of the map, e.g. "interface {}" or "[]uint8". */
  readonly elem: string;
  /** methods of the named type; looked up before map keys. */
  method(self: NamedMap, name: string): GoMethod | undefined;
  /** methodNames lists the names `method` resolves (for editor completion). */
  readonly methodNames?: readonly string[];
}

/** NamedMap is a map of a named Go type (with methods), e.g. `.Values` or `.Files`. */
export class NamedMap extends Map<string, Value> {
  readonly typeInfo: MapTypeInfo;
  constructor(typeInfo: MapTypeInfo, entries?: Iterable<readonly [string, Value]>) {
    super(entries);
    this.typeInfo = typeInfo;
  }
}

const SLICE_ELEM = Symbol('sliceElemType');

/** typedSlice marks `arr` as a Go slice of the given element type (e.g. "string") and returns it. */
export function typedSlice<T extends Value[]>(arr: T, elem: string): T {
  if (elem !== 'interface {}') {
    Object.defineProperty(arr, SLICE_ELEM, { value: elem, enumerable: false, writable: true });
  }
  return arr;
}

/** sliceElemType returns the Go element type of a slice value ("interface {}" unless marked). */
export function sliceElemType(arr: Value[]): string {
  const t = (arr as unknown as Record<symbol, string | undefined>)[SLICE_ELEM];
  return t ?? 'interface {}';
}

/** isMap reports whether v is a Go map (plain or named). */
export function isMap(v: Value | undefined): v is GoMap {
  return v instanceof Map;
}

/** isList reports whether v is a Go slice (not []byte). */
export function isList(v: Value | undefined): v is Value[] {
  return Array.isArray(v);
}

/** isInt reports whether v is a Go integer of any type. */
export function isInt(v: Value | undefined): v is GoInt {
  return v instanceof GoInt;
}

/** typeName returns the Go type of v as `%T` prints it ("<nil>" for nil). */
export function typeName(v: Value | undefined): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'string':
      return 'string';
  }
  if (v instanceof GoInt) return v.type;
  if (v instanceof GoComplex) return 'complex128';
  if (v instanceof Uint8Array) return '[]uint8';
  if (Array.isArray(v)) return sliceTypeInfo(v)?.name ?? '[]' + sliceElemType(v);
  if (v instanceof NamedMap) return v.typeInfo.name;
  if (v instanceof Map) return 'map[string]interface {}';
  if (v instanceof GoObject) return v.goType;
  return v.goType;
}

/** kindOf returns reflect's Kind of v ("invalid" for nil). */
export function kindOf(v: Value | undefined): Kind {
  if (v === null || v === undefined) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'string':
      return 'string';
  }
  if (v instanceof GoInt) return v.type;
  if (v instanceof GoComplex) return 'complex128';
  if (v instanceof Uint8Array) return 'slice';
  if (Array.isArray(v)) return 'slice';
  if (v instanceof Map) return 'map';
  if (v instanceof GoObject) return v.kind;
  return 'func';
}

/**
 * isTrue implements Go's template truthiness: false for false, zero numbers, "", empty
 * slices/maps, nil; structs are always true. Returns [truth, ok]; ok is false for values Go
 * cannot judge (never for this model).
 */
export function isTrue(v: Value | undefined): boolean {
  if (v === null || v === undefined) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
  }
  if (v instanceof GoInt) return v.v !== 0n;
  if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
  if (v instanceof Uint8Array) return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (v instanceof GoObject) return !v.isNil();
  return true;
}

/** isEmpty implements sprig's `empty` (Go zero-ness via reflect). Same as !isTrue here. */
export function isEmpty(v: Value | undefined): boolean {
  return !isTrue(v);
}

/** sortedKeys returns a map's keys in Go's fmtsort order (byte-wise for strings). */
export function sortedKeys(m: GoMap): string[] {
  return [...m.keys()].sort(compareGoStrings);
}

/** compareGoStrings orders strings by their UTF-8 bytes, as Go's string comparison does. */
export function compareGoStrings(a: string, b: string): number {
  // For strings without surrogates, UTF-16 code-unit order equals UTF-8 byte order except
  // between U+E000..U+FFFF and supplementary characters; handle that case exactly.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** utf8Length returns the number of bytes of utf8Encode(s) (Go's len(s)). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else if (c >= 0xdc80 && c <= 0xdcff) n += 1; // an escaped raw byte (see utf8Decode)
    else n += 3;
  }
  return n;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const runDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * utf8Encode returns the bytes of the Go string s. Bytes convention (the inverse of
 * utf8Decode): a lone low surrogate U+DC80..U+DCFF is the raw byte 0x80..0xFF; any other lone
 * surrogate is written as its 3-byte (WTF-8) form, as Go's fmt would print it.
 */
export function utf8Encode(s: string): Uint8Array {
  if (!SURROGATE.test(s)) return encoder.encode(s);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      const r = ((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00) + 0x10000;
      out.push(0xf0 | (r >> 18), 0x80 | ((r >> 12) & 0x3f), 0x80 | ((r >> 6) & 0x3f), 0x80 | (r & 0x3f));
      i++;
    } else if (c >= 0xdc80 && c <= 0xdcff) out.push(c & 0xff);
    else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}

/**
 * utf8Decode turns bytes into a Go string. Go strings are arbitrary bytes, JS strings UTF-16:
 * valid UTF-8 decodes as usual and each byte that does not start a valid UTF-8 sequence (Go's
 * utf8.DecodeRune consumes invalid input one byte at a time) becomes the lone surrogate
 * U+DC00+byte (U+DC80..U+DCFF, Python's "surrogateescape"). utf8Encode maps it back to the raw
 * byte, so string([]byte) round-trips, `len` and byte slicing count it as one byte, `%q`
 * prints it as \xNN, and output writers emit the original byte. A leading BOM is dropped
 * (as the TextDecoder does for template files).
 */
export function utf8Decode(b: Uint8Array): string {
  try {
    return strictDecoder.decode(b);
  } catch {
    return decodeEscaped(b);
  }
}

// decodeEscaped decodes invalid UTF-8 with the surrogateescape convention of utf8Decode.
function decodeEscaped(b: Uint8Array): string {
  let out = '';
  let start = 0; // start of the pending run of valid bytes
  let i = 0;
  const flush = (end: number): void => {
    if (end > start) out += runDecoder.decode(b.subarray(start, end));
  };
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) start = i = 3;
  while (i < b.length) {
    const n = validRuneLength(b, i);
    if (n > 0) {
      i += n;
      continue;
    }
    flush(i);
    out += String.fromCharCode(0xdc00 | b[i]);
    i++;
    start = i;
  }
  flush(i);
  return out;
}

// validRuneLength returns the length of the valid UTF-8 sequence at b[i], or 0 (Go's rules:
// no overlongs, no surrogates, nothing above U+10FFFF).
function validRuneLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** newMap makes an empty map[string]interface{}. */
export function newMap(entries?: Iterable<readonly [string, Value]>): GoMap {
  return new Map(entries);
}

/**
 * fromJS converts plain JS data (as produced by JSON.parse or the yaml package's toJS) to the
 * value model: objects become maps, numbers float64. Integers are NOT produced: Helm decodes
 * values through encoding/json, so every number is a float64.
 */
export function fromJS(x: unknown): Value {
  if (x === null || x === undefined) return null;
  switch (typeof x) {
    case 'boolean':
    case 'number':
    case 'string':
      return x;
    case 'bigint':
      return Number(x);
  }
  if (Array.isArray(x)) return x.map(fromJS);
  if (x instanceof Map) {
    const m: GoMap = new Map();
    for (const [k, v] of x) m.set(String(k), fromJS(v));
    return m;
  }
  if (typeof x === 'object') {
    const m: GoMap = new Map();
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) m.set(k, fromJS(v));
    return m;
  }
  return null;
}

/** deepCopy copies maps and slices recursively (objects and scalars are shared). */
export function deepCopy(v: Value): Value {
  if (Array.isArray(v)) {
    const out = v.map(deepCopy);
    const t = sliceElemType(v);
    return t === 'interface {}' ? out : typedSlice(out, t);
  }
  if (v instanceof NamedMap) {
    const m = new NamedMap(v.typeInfo);
    for (const [k, x] of v) m.set(k, deepCopy(x));
    return m;
  }
  if (v instanceof Map) {
    const m: GoMap = new Map();
    for (const [k, x] of v) m.set(k, deepCopy(x));
    return m;
  }
  if (v instanceof Uint8Array) return new Uint8Array(v);
  return v;
}

const NIL_SLICE = Symbol('nilSlice');

/**
 * nilSlice marks `arr` (which must be empty) as a Go nil slice and returns it. Go functions that
 * return `[]T(nil)` (sprig's rest/initial of an empty list, concat of nothing) are still typed
 * slices (`typeOf` prints `[]interface {}`, `len` is 0) but encode as JSON `null`.
 */
export function nilSlice<T extends Value[]>(arr: T): T {
  Object.defineProperty(arr, NIL_SLICE, { value: true, enumerable: false, writable: true });
  return arr;
}

/** isNilSlice reports whether v is a slice marked by nilSlice (and still empty). */
export function isNilSlice(v: Value | undefined): boolean {
  return Array.isArray(v) && v.length === 0 && (v as unknown as Record<symbol, boolean | undefined>)[NIL_SLICE] === true;
}

/** SliceTypeInfo describes a named slice type with methods, e.g. common.VersionSet ([]string). */
export interface SliceTypeInfo {
  /** name as %T prints it, e.g. "common.VersionSet". */
  readonly name: string;
  /** methods of the named type (e.g. Has); looked up by the executor on field access. */
  method(self: Value[], name: string): GoMethod | undefined;
  /** methodNames lists the names `method` resolves (for editor completion). */
  readonly methodNames?: readonly string[];
}

const SLICE_TYPE = Symbol('sliceTypeInfo');

/**
 * namedSlice marks `arr` as a value of a named slice type (element type `elem`) and returns it.
 * Such a value still ranges, indexes and measures like a slice, but `typeOf` prints the type
 * name and `.Method` resolves through `info.method` (e.g. `.Capabilities.APIVersions.Has`).
 */
export function namedSlice<T extends Value[]>(arr: T, elem: string, info: SliceTypeInfo): T {
  typedSlice(arr, elem);
  Object.defineProperty(arr, SLICE_TYPE, { value: info, enumerable: false, writable: true });
  return arr;
}

/** sliceTypeInfo returns the named-slice type of arr, or undefined for a plain slice. */
export function sliceTypeInfo(arr: Value[]): SliceTypeInfo | undefined {
  return (arr as unknown as Record<symbol, SliceTypeInfo | undefined>)[SLICE_TYPE];
}

const STRUCT_DATA = new WeakSet<GoMap>();

/**
 * structData marks `m` as the marshalled form of a Go struct (what GoObject.toData returns):
 * its entries are in the struct's field declaration order. encoding/json writes struct fields
 * in that order but map keys sorted, so the JSON encoder keeps the insertion order of such a
 * map instead of sorting it. (sigs.k8s.io/yaml re-decodes the JSON into a map, so toYaml still
 * sorts.) Copies of the map (deepCopy, new Map(m)) are plain maps again.
 */
export function structData(m: GoMap): GoMap {
  STRUCT_DATA.add(m);
  return m;
}

/** isStructData reports whether m was marked by structData (keep insertion order). */
export function isStructData(m: GoMap): boolean {
  return STRUCT_DATA.has(m);
}

const NIL_MAPS = new WeakSet<GoMap>();

/**
 * nilMap marks `m` (which must be empty) as a Go nil map and returns it: it prints `map[]`,
 * has length 0 and ranges over nothing like an empty map, but encoding/json writes `null`
 * (e.g. Helm 4's `.Chart.Annotations` of a chart without annotations, a nil map[string]string).
 */
export function nilMap<T extends GoMap>(m: T): T {
  NIL_MAPS.add(m);
  return m;
}

/** isNilMap reports whether m was marked by nilMap and is still empty. */
export function isNilMap(m: GoMap): boolean {
  return m.size === 0 && NIL_MAPS.has(m);
}
