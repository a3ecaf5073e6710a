// Sprig's string functions (strings.go, functions.go). Argument order is sprig's
// "pipeline friendly" one: the subject string is the last parameter. Offsets and lengths are
// UTF-8 byte counts like Go's (substr/trunc/abbrev/wrap can cut a character in two).
import { FuncError, type FuncDef } from '../template/func';
import { formatValue, quote as goQuote } from '../template/fmt';
import {
  GoInt,
  NamedMap,
  sliceElemType,
  compareGoStrings,
  typedSlice,
  type MapTypeInfo,
  type Value,
} from '../template/value';
import { argInt, argNum, argStr, strval } from './cast';
import { fail, fn } from './def';
import { MAX_STRING_CHARS, checkAlloc } from './alloc';
import {
  abbreviateFull,
  byteLen,
  byteSlice,
  camelCaseToLowerCase,
  deleteWhiteSpace,
  fromRunes,
  goLower,
  goTitle,
  goUpper,
  initials,
  replaceAll,
  runes,
  splitN,
  swapCaseWords,
  toPascalCase,
  trimCutset,
  trimSpace,
  uncapitalize,
  wrapCustom,
} from './textutil';

const cat = 'strings';
const S = 'string';
const I = 'interface {}';

/** strslice is sprig's strslice: a list's non-nil elements as strings; a scalar as one string. */
export function strslice(v: Value): string[] {
  if (v === null) return typedSlice([], 'string');
  if (Array.isArray(v)) {
    // A []string is returned as is (sortAlpha then sorts the caller's slice in place).
    if (sliceElemType(v) === 'string') return v as string[];
    return typedSlice(v.filter((x) => x !== null).map(strval), 'string');
  }
  if (v instanceof Uint8Array) return typedSlice(Array.from(v, (b) => strval(new GoInt('uint8', BigInt(b)))), 'string');
  return typedSlice([strval(v)], 'string');
}

// repeat is strings.Repeat, which panics on a negative count.
function repeat(s: string, count: bigint): string {
  if (count < 0n) fail('strings: negative Repeat count');
  if (count === 0n || s === '') return '';
  // Go: overflow when len(s)*count exceeds maxInt; any other impossible size is makeslice's panic.
  if (BigInt(byteLen(s)) * count > 2n ** 63n - 1n) fail('strings: Repeat output length overflow');
  checkAlloc(BigInt(s.length) * count, MAX_STRING_CHARS);
  return s.repeat(Number(count));
}

function indent(n: bigint, s: string): string {
  // Go's strings.Replace sizes its buffer first (and dies of memory exhaustion for absurd
  // widths); refuse a result longer than a JS string can be before building the padding.
  if (n > 0n) {
    let lines = 1;
    for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) lines++;
    checkAlloc(n * BigInt(lines) + BigInt(s.length), MAX_STRING_CHARS);
  }
  const pad = repeat(' ', n);
  return pad + s.split('\n').join('\n' + pad);
}

function boundsErr(msg: string): never {
  throw new FuncError('runtime error: slice bounds out of range ' + msg);
}

// substring is sprig's substring over bytes, with Go's slice-bounds panics.
function substring(startArg: bigint, endArg: bigint, s: string): string {
  const len = BigInt(byteLen(s));
  if (startArg < 0n) {
    if (endArg < 0n) boundsErr(`[:${endArg}]`);
    if (endArg > len) boundsErr(`[:${endArg}] with length ${len}`);
    return byteSlice(s, 0, Number(endArg));
  }
  if (endArg < 0n || endArg > len) {
    if (startArg > len) boundsErr(`[${startArg}:${len}]`);
    return byteSlice(s, Number(startArg));
  }
  if (startArg > endArg) boundsErr(`[${startArg}:${endArg}]`);
  return byteSlice(s, Number(startArg), Number(endArg));
}

function trunc(c: bigint, s: string): string {
  const len = BigInt(byteLen(s));
  if (c < 0n && len + c > 0n) return byteSlice(s, Number(len + c));
  if (c >= 0n && len > c) return byteSlice(s, 0, Number(c));
  return s;
}

function abbrevboth(left: number, right: number, s: string): string {
  if (right < 4 || (left > 0 && right < 7)) return s;
  return abbreviateFull(s, left, right);
}

const stringMap: MapTypeInfo = { name: 'map[string]string', elem: 'string', method: () => undefined };

// splitMap builds sprig's map[string]string {_0: …, _1: …}.
function splitMap(parts: readonly string[]): Value {
  return new NamedMap(stringMap, parts.map((p, i) => ['_' + i, p] as const));
}

// shuffle is xstrings.Shuffle (math/rand Fisher–Yates over runes); randomness from the runtime.
function shuffle(s: string, rnd: (n: number) => Uint8Array): string {
  const rs = runes(s);
  for (let i = rs.length - 1; i > 0; i--) {
    const b = rnd(4);
    const j = (((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0) % (i + 1);
    [rs[i], rs[j]] = [rs[j], rs[i]];
  }
  return fromRunes(rs);
}

function sortAlpha(v: Value): Value {
  if (!Array.isArray(v) && !(v instanceof Uint8Array)) return typedSlice([strval(v)], 'string');
  const a = strslice(v);
  a.sort(compareGoStrings);
  return typedSlice(a, 'string');
}

const s2 = (f: (a: string, b: string) => Value) => (args: Value[]): Value => f(argStr(args[0]), argStr(args[1]));

/** stringsFuncs are sprig's string functions. */
export const stringsFuncs: FuncDef[] = [
  fn(cat, 'hello', [], S, () => 'Hello!', ['hello', 'Returns "Hello!".', '{{ hello }} → Hello!']),
  fn(cat, 'upper', [S], S, ([s]) => goUpper(argStr(s)), ['upper STRING', 'Converts to upper case.', '{{ upper "hello" }} → HELLO']),
  fn(cat, 'lower', [S], S, ([s]) => goLower(argStr(s)), ['lower STRING', 'Converts to lower case.', '{{ lower "HELLO" }} → hello']),
  fn(cat, 'title', [S], S, ([s]) => goTitle(argStr(s)), [
    'title STRING',
    "Upper-cases the first letter of each word (Go's strings.Title: \"o'neil\" → \"O'Neil\").",
    '{{ title "hello world" }} → Hello World',
  ]),
  fn(cat, 'untitle', [S], S, ([s]) => uncapitalize(argStr(s)), [
    'untitle STRING',
    'Lower-cases the first letter of each word.',
    '{{ untitle "Hello World" }} → hello world',
  ]),
  fn(cat, 'trim', [S], S, ([s]) => trimSpace(argStr(s)), [
    'trim STRING',
    'Removes leading and trailing white space.',
    '{{ trim "  hi  " }} → hi',
  ]),
  fn(cat, 'trimAll', [S, S], S, s2((a, b) => trimCutset(b, a)), [
    'trimAll CUTSET STRING',
    'Removes the given characters from both ends.',
    '{{ trimAll "$" "$5.00$" }} → 5.00',
  ]),
  fn(cat, 'trimall', [S, S], S, s2((a, b) => trimCutset(b, a)), [
    'trimall CUTSET STRING',
    'Deprecated alias of trimAll.',
    '{{ trimall "$" "$5$" }} → 5',
  ]),
  fn(cat, 'trimPrefix', [S, S], S, s2((a, b) => (b.startsWith(a) ? b.slice(a.length) : b)), [
    'trimPrefix PREFIX STRING',
    'Removes PREFIX once if present.',
    '{{ trimPrefix "-" "--x" }} → -x',
  ]),
  fn(cat, 'trimSuffix', [S, S], S, s2((a, b) => (a !== '' && b.endsWith(a) ? b.slice(0, b.length - a.length) : b)), [
    'trimSuffix SUFFIX STRING',
    'Removes SUFFIX once if present.',
    '{{ trimSuffix ".yaml" "a.yaml" }} → a',
  ]),
  fn(cat, 'nospace', [S], S, ([s]) => deleteWhiteSpace(argStr(s)), [
    'nospace STRING',
    'Removes all white space.',
    '{{ nospace "a b c" }} → abc',
  ]),
  fn(cat, 'initials', [S], S, ([s]) => initials(argStr(s)), [
    'initials STRING',
    'Returns the first letter of each word.',
    '{{ initials "John Doe" }} → JD',
  ]),
  fn(cat, 'swapcase', [S], S, ([s]) => swapCaseWords(argStr(s)), [
    'swapcase STRING',
    'Swaps upper and lower case (title case at word starts).',
    '{{ swapcase "This Is" }} → tHIS iS',
  ]),
  fn(cat, 'shuffle', [S], S, ([s], ctx) => shuffle(argStr(s), (n) => ctx.runtime.randomBytes(n)), [
    'shuffle STRING',
    'Shuffles the characters randomly.',
    '{{ shuffle "hello" }} → lhoel',
  ]),
  fn(cat, 'snakecase', [S], S, ([s]) => camelCaseToLowerCase(argStr(s), 0x5f), [
    'snakecase STRING',
    'Converts to snake_case ("HTTPServer" → "http_server").',
    '{{ snakecase "FirstName" }} → first_name',
  ]),
  fn(cat, 'kebabcase', [S], S, ([s]) => camelCaseToLowerCase(argStr(s), 0x2d), [
    'kebabcase STRING',
    'Converts to kebab-case.',
    '{{ kebabcase "FirstName" }} → first-name',
  ]),
  fn(cat, 'camelcase', [S], S, ([s]) => toPascalCase(argStr(s)), [
    'camelcase STRING',
    'Converts to CamelCase with a leading capital ("http_server" → "HttpServer").',
    '{{ camelcase "http_server" }} → HttpServer',
  ]),
  fn(cat, 'wrap', ['int', S], S, ([n, s]) => wrapCustom(argStr(s), argNum(n), '', false), [
    'wrap WIDTH STRING',
    'Wraps text at WIDTH columns (long words are not split).',
    '{{ wrap 10 "The quick brown fox" }}',
  ]),
  fn(cat, 'wrapWith', ['int', S, S], S, ([n, sep, s]) => wrapCustom(argStr(s), argNum(n), argStr(sep), true), [
    'wrapWith WIDTH SEPARATOR STRING',
    'Wraps text at WIDTH using SEPARATOR as the line break (long words are split).',
    '{{ wrapWith 5 "\\t" "Hello World" }}',
  ]),
  fn(cat, 'contains', [S, S], 'bool', s2((a, b) => b.includes(a)), [
    'contains SUBSTR STRING',
    'Reports whether STRING contains SUBSTR.',
    '{{ contains "cat" "catch" }} → true',
  ]),
  fn(cat, 'hasPrefix', [S, S], 'bool', s2((a, b) => b.startsWith(a)), [
    'hasPrefix PREFIX STRING',
    'Reports whether STRING starts with PREFIX.',
    '{{ hasPrefix "cat" "catch" }} → true',
  ]),
  fn(cat, 'hasSuffix', [S, S], 'bool', s2((a, b) => b.endsWith(a)), [
    'hasSuffix SUFFIX STRING',
    'Reports whether STRING ends with SUFFIX.',
    '{{ hasSuffix "ch" "catch" }} → true',
  ]),
  fn(cat, 'quote', ['...interface {}'], S, (vs) => vs.filter((v) => v !== null).map((v) => goQuote(strval(v))).join(' '), [
    'quote VALUE...',
    'Wraps each non-nil value in double quotes (Go %q escaping).',
    '{{ quote "a" 1 }} → "a" "1"',
  ]),
  fn(cat, 'squote', ['...interface {}'], S, (vs) => vs.filter((v) => v !== null).map((v) => `'${formatValue(v)}'`).join(' '), [
    'squote VALUE...',
    'Wraps each non-nil value in single quotes (no escaping).',
    "{{ squote \"a\" }} → 'a'",
  ]),
  fn(cat, 'cat', ['...interface {}'], S, (vs) => vs.filter((v) => v !== null).map(formatValue).join(' '), [
    'cat VALUE...',
    'Joins the non-nil values with spaces.',
    '{{ cat "a" "b" 1 }} → a b 1',
  ]),
  fn(cat, 'indent', ['int', S], S, ([n, s]) => indent(argInt(n), argStr(s)), [
    'indent N STRING',
    'Indents every line (including empty ones) by N spaces.',
    '{{ toYaml .Values.x | indent 4 }}',
  ]),
  fn(cat, 'nindent', ['int', S], S, ([n, s]) => '\n' + indent(argInt(n), argStr(s)), [
    'nindent N STRING',
    'Like indent, with a newline prepended.',
    '{{ toYaml .Values.x | nindent 4 }}',
  ]),
  fn(cat, 'replace', [S, S, S], S, ([o, n, s]) => replaceAll(argStr(s), argStr(o), argStr(n)), [
    'replace OLD NEW STRING',
    'Replaces every OLD with NEW.',
    '{{ "a-b-c" | replace "-" "_" }} → a_b_c',
  ]),
  fn(cat, 'plural', [S, S, 'int'], S, ([one, many, n]) => (argInt(n) === 1n ? one : many), [
    'plural ONE MANY COUNT',
    'Returns ONE if COUNT is 1, else MANY (COUNT must be an int).',
    '{{ len $list | plural "item" "items" }}',
  ]),
  fn(cat, 'repeat', ['int', S], S, ([n, s]) => repeat(argStr(s), argInt(n)), [
    'repeat COUNT STRING',
    'Repeats STRING COUNT times.',
    '{{ repeat 3 "ab" }} → ababab',
  ]),
  fn(cat, 'substr', ['int', 'int', S], S, ([a, b, s]) => substring(argInt(a), argInt(b), argStr(s)), [
    'substr START END STRING',
    'Returns the bytes START..END (START < 0: from 0; END < 0 or past the end: to the end).',
    '{{ substr 0 5 "hello world" }} → hello',
  ]),
  fn(cat, 'trunc', ['int', S], S, ([n, s]) => trunc(argInt(n), argStr(s)), [
    'trunc N STRING',
    'Keeps the first N bytes (the last -N bytes for negative N).',
    '{{ trunc 63 .Release.Name }}',
  ]),
  fn(cat, 'abbrev', ['int', S], S, ([n, s]) => (argNum(n) < 4 ? argStr(s) : abbreviateFull(argStr(s), 0, argNum(n))), [
    'abbrev WIDTH STRING',
    'Truncates to WIDTH bytes with "..." (WIDTH < 4 returns STRING).',
    '{{ abbrev 5 "hello world" }} → he...',
  ]),
  fn(cat, 'abbrevboth', ['int', 'int', S], S, ([l, r, s]) => abbrevboth(argNum(l), argNum(r), argStr(s)), [
    'abbrevboth LEFT WIDTH STRING',
    'Abbreviates both ends, keeping the text around byte offset LEFT within WIDTH.',
    '{{ abbrevboth 5 10 "1234 5678 9123" }} → ...5678...',
  ]),
  fn(cat, 'toString', [I], S, ([v]) => strval(v), [
    'toString VALUE',
    'Converts to a string like fmt %v ([]byte as text; values-file 1000000 → "1e+06").',
    '{{ toString 42 }} → 42',
  ]),
  fn(cat, 'toStrings', [I], '[]string', ([v]) => strslice(v), [
    'toStrings LIST',
    'Converts each non-nil element to a string.',
    '{{ toStrings (list 1 2) | toJson }} → ["1","2"]',
  ]),
  fn(cat, 'join', [S, I], S, ([sep, v]) => strslice(v).join(argStr(sep)), [
    'join SEPARATOR LIST',
    'Joins the stringified non-nil elements (nil gives "").',
    '{{ list "a" "b" | join "," }} → a,b',
  ]),
  fn(cat, 'sortAlpha', [I], '[]string', ([v]) => sortAlpha(v), [
    'sortAlpha LIST',
    'Stringifies and sorts the elements (byte order).',
    '{{ list "b" "a" | sortAlpha | toJson }} → ["a","b"]',
  ]),
  fn(cat, 'split', [S, S], 'map[string]string', ([sep, s]) => splitMap(splitN(argStr(s), argStr(sep), -1)), [
    'split SEPARATOR STRING',
    'Splits into a map {_0: …, _1: …}.',
    '{{ (split "." "a.b")._1 }} → b',
  ]),
  fn(cat, 'splitn', [S, 'int', S], 'map[string]string', ([sep, n, s]) => splitMap(splitN(argStr(s), argStr(sep), argNum(n))), [
    'splitn SEPARATOR N STRING',
    'Splits into at most N parts, as a map {_0: …}.',
    '{{ (splitn "$" 2 "a$b$c")._1 }} → b$c',
  ]),
  fn(cat, 'splitList', [S, S], '[]string', ([sep, s]) => typedSlice(splitN(argStr(s), argStr(sep), -1), 'string'), [
    'splitList SEPARATOR STRING',
    'Splits into a list of strings.',
    '{{ splitList "," "a,b" | toJson }} → ["a","b"]',
  ]),
];
