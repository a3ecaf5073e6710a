// Sprig regex functions (regex.go, sprig v3.3.0) over Go's RE2 semantics (see re2.ts).
import { FuncError, type FuncDef } from '../template/func';
import { canBackquote, quote } from '../template/fmt';
import { nilSlice, typedSlice, type Value } from '../template/value';
import { GoRegexp, Re2Error, quoteMeta } from './re2';

const cache = new Map<string, GoRegexp | Re2Error>();

/** compile is regexp.Compile (cached): returns the regexp or the Go error. */
function compile(expr: string): GoRegexp | Re2Error {
  let r = cache.get(expr);
  if (r === undefined) {
    try {
      r = new GoRegexp(expr);
    } catch (e) {
      if (!(e instanceof Re2Error)) throw e;
      r = e;
    }
    if (cache.size > 500) cache.clear();
    cache.set(expr, r);
  }
  return r;
}

/**
 * mustCompile is regexp.MustCompile: the non-must sprig variants call it, so an invalid
 * pattern panics and text/template reports the panic value as the call's error.
 */
function mustCompile(expr: string): GoRegexp {
  const r = compile(expr);
  if (r instanceof Re2Error) {
    const q = canBackquote(expr) ? '`' + expr + '`' : quote(expr);
    throw new FuncError(`regexp: Compile(${q}): ${r.message}`);
  }
  return r;
}

/** compileOrError is regexp.Compile for the must* variants: the error is returned as is. */
function compileOrError(expr: string): GoRegexp {
  const r = compile(expr);
  if (r instanceof Re2Error) throw new FuncError(r.message);
  return r;
}

function str(v: Value): string {
  return typeof v === 'string' ? v : '';
}

function intArg(v: Value): number {
  if (typeof v === 'number') return v;
  if (v !== null && typeof v === 'object' && 'v' in v && typeof v.v === 'bigint') return Number(v.v);
  return 0;
}

function strings(xs: readonly string[] | undefined): Value {
  // Go returns a []string; FindAllString gives nil for no match and Split(s, 0) gives nil
  // (printed [] but JSON null).
  return xs === undefined ? nilSlice(typedSlice([], 'string')) : typedSlice([...xs], 'string');
}

function findAll(r: GoRegexp, s: string, n: number): Value {
  const ms = r.findAll(s, n);
  return strings(ms.length === 0 ? undefined : ms.map((m) => s.slice(m[0], m[1])));
}

function replaceAll(r: GoRegexp, s: string, repl: string): string {
  // Groups are only needed when the template refers to one.
  return r.replaceAll(s, (m) => r.expand(repl, s, m), repl.includes('$'));
}

function split(r: GoRegexp, s: string, n: number): Value {
  return strings(r.split(s, n));
}

const cat = 'regex';

/** regexFuncs are sprig's regular-expression functions. */
export const regexFuncs: FuncDef[] = [
  {
    name: 'regexMatch',
    params: ['string', 'string'],
    result: 'bool',
    impl: ([re, s]) => {
      // Sprig ignores the compile error here: an invalid pattern simply does not match.
      const r = compile(str(re));
      return r instanceof Re2Error ? false : r.matchString(str(s));
    },
    doc: {
      signature: 'regexMatch REGEX STRING',
      description: 'Reports whether STRING contains a match of the RE2 regular expression (false if REGEX is invalid).',
      example: '{{ regexMatch "^[a-z]+@[a-z]+\\\\.com$" "test@acme.com" }} → true',
      category: cat,
    },
  },
  {
    name: 'mustRegexMatch',
    params: ['string', 'string'],
    result: 'bool',
    impl: ([re, s]) => compileOrError(str(re)).matchString(str(s)),
    doc: {
      signature: 'mustRegexMatch REGEX STRING',
      description: 'Like regexMatch, but an invalid REGEX is an error.',
      example: '{{ mustRegexMatch "^a" "abc" }} → true',
      category: cat,
    },
  },
  {
    name: 'regexFindAll',
    params: ['string', 'string', 'int'],
    result: '[]string',
    impl: ([re, s, n]) => findAll(mustCompile(str(re)), str(s), intArg(n)),
    doc: {
      signature: 'regexFindAll REGEX STRING N',
      description: 'Returns up to N matches of REGEX in STRING (N = -1: all matches).',
      example: '{{ regexFindAll "[2,4,6,8]" "123456789" -1 }} → [2 4 6 8]',
      category: cat,
    },
  },
  {
    name: 'mustRegexFindAll',
    params: ['string', 'string', 'int'],
    result: '[]string',
    impl: ([re, s, n]) => findAll(compileOrError(str(re)), str(s), intArg(n)),
    doc: {
      signature: 'mustRegexFindAll REGEX STRING N',
      description: 'Like regexFindAll, but an invalid REGEX is returned as an error.',
      example: '{{ mustRegexFindAll "[2,4,6,8]" "123456789" 2 }} → [2 4]',
      category: cat,
    },
  },
  {
    name: 'regexFind',
    params: ['string', 'string'],
    result: 'string',
    impl: ([re, s]) => mustCompile(str(re)).findString(str(s)),
    doc: {
      signature: 'regexFind REGEX STRING',
      description: 'Returns the first (leftmost) match of REGEX in STRING, or "".',
      example: '{{ regexFind "[a-zA-Z][1-9]" "abcd1234" }} → d1',
      category: cat,
    },
  },
  {
    name: 'mustRegexFind',
    params: ['string', 'string'],
    result: 'string',
    impl: ([re, s]) => compileOrError(str(re)).findString(str(s)),
    doc: {
      signature: 'mustRegexFind REGEX STRING',
      description: 'Like regexFind, but an invalid REGEX is returned as an error.',
      example: '{{ mustRegexFind "b+" "abbbc" }} → bbb',
      category: cat,
    },
  },
  {
    name: 'regexReplaceAll',
    params: ['string', 'string', 'string'],
    result: 'string',
    impl: ([re, s, repl]) => replaceAll(mustCompile(str(re)), str(s), str(repl)),
    doc: {
      signature: 'regexReplaceAll REGEX STRING REPLACEMENT',
      description:
        'Replaces every match of REGEX in STRING; $1, ${1} and ${name} in REPLACEMENT expand to submatches ($1W means the group named "1W").',
      example: '{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }} → -W-xxW-',
      category: cat,
    },
  },
  {
    name: 'mustRegexReplaceAll',
    params: ['string', 'string', 'string'],
    result: 'string',
    impl: ([re, s, repl]) => replaceAll(compileOrError(str(re)), str(s), str(repl)),
    doc: {
      signature: 'mustRegexReplaceAll REGEX STRING REPLACEMENT',
      description: 'Like regexReplaceAll, but an invalid REGEX is returned as an error.',
      example: '{{ mustRegexReplaceAll "b" "abc" "X" }} → aXc',
      category: cat,
    },
  },
  {
    name: 'regexReplaceAllLiteral',
    params: ['string', 'string', 'string'],
    result: 'string',
    impl: ([re, s, repl]) => mustCompile(str(re)).replaceAll(str(s), () => str(repl), false),
    doc: {
      signature: 'regexReplaceAllLiteral REGEX STRING REPLACEMENT',
      description: 'Replaces every match of REGEX in STRING with REPLACEMENT taken literally (no $ expansion).',
      example: '{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }} → -${1}-${1}-',
      category: cat,
    },
  },
  {
    name: 'mustRegexReplaceAllLiteral',
    params: ['string', 'string', 'string'],
    result: 'string',
    impl: ([re, s, repl]) => compileOrError(str(re)).replaceAll(str(s), () => str(repl), false),
    doc: {
      signature: 'mustRegexReplaceAllLiteral REGEX STRING REPLACEMENT',
      description: 'Like regexReplaceAllLiteral, but an invalid REGEX is returned as an error.',
      example: '{{ mustRegexReplaceAllLiteral "b" "abc" "$1" }} → a$1c',
      category: cat,
    },
  },
  {
    name: 'regexSplit',
    params: ['string', 'string', 'int'],
    result: '[]string',
    impl: ([re, s, n]) => split(mustCompile(str(re)), str(s), intArg(n)),
    doc: {
      signature: 'regexSplit REGEX STRING N',
      description: 'Splits STRING around matches of REGEX into at most N pieces (N = -1: all; 0: none).',
      example: '{{ regexSplit "z+" "pizza" -1 }} → [pi a]',
      category: cat,
    },
  },
  {
    name: 'mustRegexSplit',
    params: ['string', 'string', 'int'],
    result: '[]string',
    impl: ([re, s, n]) => split(compileOrError(str(re)), str(s), intArg(n)),
    doc: {
      signature: 'mustRegexSplit REGEX STRING N',
      description: 'Like regexSplit, but an invalid REGEX is returned as an error.',
      example: '{{ mustRegexSplit "," "a,b" -1 }} → [a b]',
      category: cat,
    },
  },
  {
    name: 'regexQuoteMeta',
    params: ['string'],
    result: 'string',
    impl: ([s]) => quoteMeta(str(s)),
    doc: {
      signature: 'regexQuoteMeta STRING',
      description: 'Escapes all regular-expression metacharacters in STRING.',
      example: '{{ regexQuoteMeta "1.2.3" }} → 1\\.2\\.3',
      category: cat,
    },
  },
];
