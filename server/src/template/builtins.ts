// The builtin functions of Go's text/template (funcs.go): and, or, not, len, index, slice, print,
// printf, println, html, js, urlquery, eq, ne, lt, le, gt, ge, call.
//
// Most builtins take `reflect.Value` parameters in Go, so they see a *missing* (invalid) argument
// differently from a nil interface: we model invalid as `undefined` and nil as `null` (see
// value.ts), and builtins receive `Arg = Value | undefined`. `and`/`or` are short-circuited by the
// executor (exec.ts evalCall); their `call` here is only used if invoked another way.
import { FuncError } from './func';
import type { FuncDef, HelmVersion } from './func';
import { sprint, sprintf, sprintln, formatValue } from './fmt';
import {
  GoComplex,
  GoFunc,
  GoInt,
  GoObject,
  NamedMap,
  compareGoStrings,
  isTrue,
  kindOf,
  sliceElemType,
  typeName,
  typedSlice,
  utf8Decode,
  utf8Encode,
  utf8Length,
} from './value';
import type { Value } from './value';

/** Arg is a builtin argument: a Value, or undefined for Go's invalid reflect.Value. */
export type Arg = Value | undefined;

/** BuiltinDef is a builtin function: a FuncDef whose `call` sees invalid arguments. */
export interface BuiltinDef extends FuncDef {
  readonly builtin: true;
  readonly call: (args: readonly Arg[], helmVersion: HelmVersion) => Arg;
}

/** REFLECT_VALUE is the parameter type of builtins that take reflect.Value arguments. */
export const REFLECT_VALUE = 'reflect.Value';

/** indirectInterface turns a nil interface into the invalid value (Go's indirectInterface). */
function indirectInterface(v: Arg): Arg {
  return v === null ? undefined : v;
}

/** truth is the template truth of a value (false for invalid/nil). */
export function truth(v: Arg): boolean {
  return isTrue(v);
}

/** zeroOfElem returns the zero value of a map's element type (missingkey=zero, index). */
export function zeroOfElem(m: Map<string, Value>): Value {
  const elem = m instanceof NamedMap ? m.typeInfo.elem : 'interface {}';
  return zeroOfType(elem);
}

/** zeroOfType returns the Go zero value of a type written as a Go type string. */
export function zeroOfType(t: string): Value {
  switch (t) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'float64':
    case 'float32':
      return 0;
    case 'int':
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
    case 'uint':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'uint64':
    case 'uintptr':
      return new GoInt(t, 0n);
    case '[]uint8':
    case '[]byte':
      return new Uint8Array(0);
  }
  if (t.startsWith('[]')) return typedSlice([], t.slice(2));
  if (t.startsWith('map[')) return new Map();
  return null;
}

function fail(msg: string): never {
  throw new FuncError(msg);
}

/** indexArg checks an index value and converts it to a number (funcs.go indexArg). */
function indexArg(index: Arg, cap: number): number {
  let x: bigint;
  if (index instanceof GoInt) x = index.v;
  else if (index === undefined) fail('cannot index slice/array with nil');
  else fail(`cannot index slice/array with type ${typeName(index)}`);
  if (x < 0n || x > BigInt(cap)) fail(`index out of range: ${x}`);
  return Number(x);
}

/** prepareArg checks a map key against the key type string (funcs.go prepareArg). */
function prepareKey(index: Arg): string {
  if (index === undefined) fail('value is nil; should be of type string');
  if (typeof index === 'string') return index;
  fail(`value has type ${typeName(index)}; should be string`);
}

function builtinIndex(args: readonly Arg[]): Arg {
  let item = indirectInterface(args[0]);
  if (item === undefined) fail('index of untyped nil');
  for (let i = 1; i < args.length; i++) {
    const index = indirectInterface(args[i]);
    if (item === null || item === undefined || (item instanceof GoObject && item.isNil())) fail('index of nil pointer');
    if (Array.isArray(item)) {
      const x = indexArg(index, item.length);
      // Go checks x > len (not >=) and then reflect panics for x == len.
      if (x === item.length) fail('reflect: slice index out of range');
      item = item[x];
    } else if (item instanceof Uint8Array) {
      const x = indexArg(index, item.length);
      if (x === item.length) fail('reflect: slice index out of range');
      item = new GoInt('uint8', BigInt(item[x]));
    } else if (typeof item === 'string') {
      const bytes = utf8Encode(item);
      const x = indexArg(index, bytes.length);
      if (x === bytes.length) fail('reflect: string index out of range');
      item = new GoInt('uint8', BigInt(bytes[x]));
    } else if (item instanceof Map) {
      const key = prepareKey(index);
      const v = item.get(key);
      item = v !== undefined ? v : zeroOfElem(item);
    } else {
      fail(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

function builtinSlice(args: readonly Arg[]): Arg {
  let item = indirectInterface(args[0]);
  if (item === undefined) fail('slice of untyped nil');
  if (item === null || (item instanceof GoObject && item.isNil())) fail('slice of nil pointer');
  const indexes = args.length - 1;
  if (indexes > 3) fail(`too many slice indexes: ${indexes}`);
  let len: number;
  let bytes: Uint8Array | null = null;
  if (typeof item === 'string') {
    if (indexes === 3) fail('cannot 3-index slice a string');
    bytes = utf8Encode(item);
    len = bytes.length;
  } else if (Array.isArray(item) || item instanceof Uint8Array) {
    len = item.length;
  } else {
    fail(`can't slice item of type ${typeName(item)}`);
  }
  const idx = [0, len, 0];
  for (let i = 0; i < indexes; i++) idx[i] = indexArg(args[i + 1], len);
  if (idx[0] > idx[1]) fail(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes === 3 && idx[1] > idx[2]) fail(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (bytes !== null) return utf8Decode(bytes.subarray(idx[0], idx[1]));
  if (item instanceof Uint8Array) return item.slice(idx[0], idx[1]);
  const arr = item as Value[];
  const out = arr.slice(idx[0], idx[1]);
  const elem = sliceElemType(arr);
  return elem === 'interface {}' ? out : typedSlice(out, elem);
}

function builtinLen(args: readonly Arg[]): Arg {
  const item = args[0];
  if (item === null || (item instanceof GoObject && item.isNil())) fail('len of nil pointer');
  // Go calls item.Type() on the invalid value here, which panics inside the builtin.
  if (item === undefined) fail('reflect: call of reflect.Value.Type on zero Value');
  if (typeof item === 'string') return new GoInt('int', BigInt(utf8Length(item)));
  if (Array.isArray(item) || item instanceof Uint8Array) return new GoInt('int', BigInt(item.length));
  if (item instanceof Map) return new GoInt('int', BigInt(item.size));
  fail(`len of type ${typeName(item)}`);
}

// Comparison (funcs.go). Kinds as in basicKind.
const enum K {
  invalid,
  bool,
  complex,
  int,
  float,
  string,
  uint,
}

function basicKind(v: Arg): K {
  if (v === undefined || v === null) return K.invalid;
  switch (typeof v) {
    case 'boolean':
      return K.bool;
    case 'number':
      return K.float;
    case 'string':
      return K.string;
  }
  if (v instanceof GoInt) return v.signed ? K.int : K.uint;
  if (v instanceof GoComplex) return K.complex;
  return K.invalid;
}

function isNilValue(v: Arg): boolean {
  if (v === undefined || v === null) return true;
  return v instanceof GoObject && v.isNil();
}

function incompatible(a: Arg, b: Arg, v: HelmVersion): never {
  // Go 1.25 (Helm 4) names the types; Go 1.23 (Helm 3) does not.
  if (v === 4) fail(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);
  fail('incompatible types for comparison');
}

function eqOne(a: Arg, k1: K, b: Arg, v: HelmVersion): boolean {
  const k2 = basicKind(b);
  if (k1 !== k2) {
    // Special case: integers compare by value regardless of signedness.
    if (k1 === K.int && k2 === K.uint) return (a as GoInt).v >= 0n && (a as GoInt).v === (b as GoInt).v;
    if (k1 === K.uint && k2 === K.int) return (b as GoInt).v >= 0n && (a as GoInt).v === (b as GoInt).v;
    if (a !== undefined && b !== undefined) incompatible(a, b, v);
    return false;
  }
  switch (k1) {
    case K.bool:
    case K.float:
    case K.string:
      return a === b;
    case K.int:
    case K.uint:
      return (a as GoInt).v === (b as GoInt).v;
    case K.complex:
      return (a as GoComplex).re === (b as GoComplex).re && (a as GoComplex).im === (b as GoComplex).im;
    case K.invalid:
      break;
  }
  // Non-basic kinds: nil-ness, or identity for comparable types.
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka !== kb && ka !== 'invalid' && kb !== 'invalid') {
    fail(`non-comparable types ${sprintf('%s', [a as Value])}: ${typeName(a)}, ${typeName(b)}: ${sprintf('%v', [b as Value])}`);
  }
  if (isNilValue(a) || isNilValue(b)) return isNilValue(a) === isNilValue(b);
  if (kb === 'slice' || kb === 'map' || kb === 'func') {
    fail(`non-comparable type ${sprintf('%s', [b as Value])}: ${typeName(b)}`);
  }
  return a === b;
}

function builtinEq(args: readonly Arg[], v: HelmVersion): Arg {
  const a = indirectInterface(args[0]);
  if (args.length < 2) fail('missing argument for comparison');
  const k1 = basicKind(a);
  for (let i = 1; i < args.length; i++) {
    if (eqOne(a, k1, indirectInterface(args[i]), v)) return true;
  }
  return false;
}

function lessThan(x: Arg, y: Arg, v: HelmVersion): boolean {
  const a = indirectInterface(x);
  const k1 = basicKind(a);
  if (k1 === K.invalid) fail('invalid type for comparison');
  const b = indirectInterface(y);
  const k2 = basicKind(b);
  if (k2 === K.invalid) fail('invalid type for comparison');
  if (k1 !== k2) {
    if (k1 === K.int && k2 === K.uint) return (a as GoInt).v < 0n || (a as GoInt).v < (b as GoInt).v;
    if (k1 === K.uint && k2 === K.int) return (b as GoInt).v >= 0n && (a as GoInt).v < (b as GoInt).v;
    incompatible(a, b, v);
  }
  switch (k1) {
    case K.bool:
    case K.complex:
      fail('invalid type for comparison');
    // eslint-disable-next-line no-fallthrough
    case K.float:
      return (a as number) < (b as number);
    case K.int:
    case K.uint:
      return (a as GoInt).v < (b as GoInt).v;
    case K.string:
      return compareGoStrings(a as string, b as string) < 0;
  }
  return false;
}

function lessOrEqual(x: Arg, y: Arg, v: HelmVersion): boolean {
  if (lessThan(x, y, v)) return true;
  return builtinEq([x, y], v) === true;
}

// Escapers.

/** htmlEscapeString is template.HTMLEscapeString. */
export function htmlEscapeString(s: string): string {
  if (!/['"&<>\0]/.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    switch (c) {
      case '\0':
        out += '\uFFFD';
        break;
      case '"':
        out += '&#34;';
        break;
      case "'":
        out += '&#39;';
        break;
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      default:
        out += c;
    }
  }
  return out;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const HEX = '0123456789ABCDEF';

/** jsEscapeString is template.JSEscapeString. */
export function jsEscapeString(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) {
      switch (ch) {
        case '\\':
          out += '\\\\';
          continue;
        case "'":
          out += "\\'";
          continue;
        case '"':
          out += '\\"';
          continue;
        case '<':
          out += '\\u003C';
          continue;
        case '>':
          out += '\\u003E';
          continue;
        case '&':
          out += '\\u0026';
          continue;
        case '=':
          out += '\\u003D';
          continue;
      }
      if (c < 0x20) out += '\\u00' + HEX[c >> 4] + HEX[c & 15];
      else out += ch;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += '\uFFFD'; // a lone surrogate is invalid UTF-8; Go decodes it as U+FFFD (printable)
    } else if (PRINTABLE.test(ch)) {
      out += ch;
    } else {
      out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    }
  }
  return out;
}

/** queryEscape is url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  const bytes = utf8Encode(s);
  for (const b of bytes) {
    if (
      (b >= 0x30 && b <= 0x39) ||
      (b >= 0x41 && b <= 0x5a) ||
      (b >= 0x61 && b <= 0x7a) ||
      b === 0x2d ||
      b === 0x2e ||
      b === 0x5f ||
      b === 0x7e
    ) {
      out += String.fromCharCode(b);
    } else if (b === 0x20) out += '+';
    else out += '%' + HEX[b >> 4] + HEX[b & 15];
  }
  return out;
}

/**
 * evalArgs is funcs.go evalArgs: fmt.Sprint of the arguments after printableValue (a nil
 * interface prints as "<no value>", pointers use their String method).
 */
function evalArgs(args: readonly Arg[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  const vals: Value[] = [];
  for (const a of args) {
    if (a === undefined || a === null) vals.push('<no value>');
    else if (a instanceof GoObject && a.kind === 'ptr' && !a.isNil()) vals.push(a.stringer(true) ?? a);
    else vals.push(a);
  }
  return sprint(vals);
}

function toValues(args: readonly Arg[]): Value[] {
  const out: Value[] = new Array<Value>(args.length);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    out[i] = a === undefined ? null : a;
  }
  return out;
}

/** callFunc is the `call` builtin (the executor passes the callee's source text first). */
function callFunc(args: readonly Arg[]): Arg {
  const name = typeof args[0] === 'string' ? args[0] : '';
  const fn = indirectInterface(args[1]);
  if (fn === undefined) fail('call of nil');
  if (!(fn instanceof GoFunc)) fail(`non-function ${name} of type ${typeName(fn)}`);
  return fn.fn(toValues(args.slice(2)));
}

function def(
  name: string,
  params: readonly string[],
  result: string,
  call: (args: readonly Arg[], v: HelmVersion) => Arg,
  signature: string,
  description: string,
  example: string,
): BuiltinDef {
  return {
    name,
    params,
    result,
    builtin: true,
    call,
    impl: (args, ctx) => {
      const r = call(args, ctx.helmVersion);
      return r === undefined ? null : r;
    },
    doc: { signature, description, example, category: 'builtin' },
  };
}

const RV = REFLECT_VALUE;
const unreachable = (): Arg => {
  throw new FuncError('unreachable');
};

const BUILTIN_LIST: readonly BuiltinDef[] = [
  def('and', [RV, '...' + RV], RV, unreachable, 'and ARG ARG...',
    'Returns the first empty argument or the last argument; stops evaluating at the first empty one.',
    '{{ and .Values.a .Values.b }}'),
  def('or', [RV, '...' + RV], RV, unreachable, 'or ARG ARG...',
    'Returns the first non-empty argument or the last argument; stops evaluating at the first non-empty one.',
    '{{ or .Values.name "default" }}'),
  def('not', [RV], 'bool', (a) => !truth(a[0]), 'not ARG', 'Returns the boolean negation of its single argument.',
    '{{ if not .Values.enabled }}off{{ end }}'),
  def('len', [RV], 'int', builtinLen, 'len ITEM', 'Returns the length of a string (in bytes), slice or map.',
    '{{ len .Values.list }}'),
  def('index', [RV, '...' + RV], RV, builtinIndex, 'index ITEM KEY...',
    'Indexes maps by key and slices/strings by integer: `index x 1 2` is x[1][2]. Missing map keys give the zero value.',
    '{{ index .Values "dash-key" }}'),
  def('slice', [RV, '...' + RV], RV, builtinSlice, 'slice ITEM [LOW [HIGH [MAX]]]',
    'Slices a string or slice: `slice x 1 2` is x[1:2].', '{{ slice "hello" 1 3 }} → el'),
  def('print', ['...interface {}'], 'string', (a) => sprint(toValues(a)), 'print ARG...',
    'fmt.Sprint: concatenates its arguments, adding spaces between operands when neither is a string.',
    '{{ print "a" 1 2 }} → a1 2'),
  def('printf', ['string', '...interface {}'], 'string', (a) => sprintf(a[0] as string, toValues(a.slice(1))),
    'printf FORMAT ARG...', 'fmt.Sprintf with Go verbs (%s %d %v %q %x ...).', '{{ printf "%s-%d" "a" 1 }} → a-1'),
  def('println', ['...interface {}'], 'string', (a) => sprintln(toValues(a)), 'println ARG...',
    'fmt.Sprintln: arguments separated by spaces, with a trailing newline.', '{{ println "a" "b" }}'),
  def('html', ['...interface {}'], 'string', (a) => htmlEscapeString(evalArgs(a)), 'html ARG...',
    'Escapes its arguments for HTML (< > & \' " and NUL).', '{{ html "<b>" }} → &lt;b&gt;'),
  def('js', ['...interface {}'], 'string', (a) => jsEscapeString(evalArgs(a)), 'js ARG...',
    'Escapes its arguments for a JavaScript string.', '{{ js "a\'b" }} → a\\\'b'),
  def('urlquery', ['...interface {}'], 'string', (a) => queryEscape(evalArgs(a)), 'urlquery ARG...',
    'Escapes its arguments for a URL query (url.QueryEscape; space becomes +).', '{{ urlquery "a b&c" }} → a+b%26c'),
  def('eq', [RV, '...' + RV], 'bool', builtinEq, 'eq ARG1 ARG2...',
    'arg1 == arg2 (or == any of the following arguments). Only basic types; int and float64 never compare.',
    '{{ if eq .Values.mode "prod" }}...{{ end }}'),
  def('ne', [RV, RV], 'bool', (a, v) => !builtinEq(a, v), 'ne ARG1 ARG2', 'arg1 != arg2.', '{{ ne 1 2 }} → true'),
  def('lt', [RV, RV], 'bool', (a, v) => lessThan(a[0], a[1], v), 'lt ARG1 ARG2', 'arg1 < arg2.', '{{ lt 1 2 }} → true'),
  def('le', [RV, RV], 'bool', (a, v) => lessOrEqual(a[0], a[1], v), 'le ARG1 ARG2', 'arg1 <= arg2.', '{{ le 2 2 }} → true'),
  def('gt', [RV, RV], 'bool', (a, v) => !lessOrEqual(a[0], a[1], v), 'gt ARG1 ARG2', 'arg1 > arg2.', '{{ gt 3 2 }} → true'),
  def('ge', [RV, RV], 'bool', (a, v) => !lessThan(a[0], a[1], v), 'ge ARG1 ARG2', 'arg1 >= arg2.', '{{ ge 2 3 }} → false'),
  def('call', [RV, '...' + RV], RV, callFunc, 'call FUNC ARG...',
    'Calls a function value with the remaining arguments.', '{{ call .SomeFunc 1 }}'),
];

/** BUILTINS maps each builtin's name to its definition. */
export const BUILTINS: ReadonlyMap<string, BuiltinDef> = new Map(BUILTIN_LIST.map((d) => [d.name, d]));

/** isBuiltinDef reports whether a FuncDef is one of the builtins above. */
export function isBuiltinDef(d: FuncDef): d is BuiltinDef {
  return (d as Partial<BuiltinDef>).builtin === true;
}

/** formatForError formats a value with %v for error messages (range, comparison). */
export function formatForError(v: Arg): string {
  return v === undefined ? '<nil>' : formatValue(v);
}
