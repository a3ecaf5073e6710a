// Package strvals: Helm's pkg/strvals parser for --set, --set-string, --set-json, --set-file and
// --set-literal (parser.go, literal_parser.go), with Helm's error texts.
import { unmarshalJSON } from '../sprig/json';
import type { HelmVersion } from '../template/func';
import { quoteRune } from '../template/fmt';
import { type GoMap, type Value, int64 } from '../template/value';

/** MAX_INDEX is strvals.MaxIndex: the largest list index accepted. */
export const MAX_INDEX = 65536;
/** MAX_NESTED_NAME_LEVEL is strvals.MaxNestedNameLevel. */
export const MAX_NESTED_NAME_LEVEL = 30;

const EOF = Symbol('EOF');

/** StrvalsError is a parse failure with Helm's message. */
export class StrvalsError extends Error {
  /**
   * eof: the error is io.EOF itself ('plain': parse() ends without error in every Helm) or
   * wraps it ('wrapped', e.g. "error parsing index: EOF": Helm 4's parse() tests errors.Is(err,
   * io.EOF) and ends silently too, Helm 3 compares err == io.EOF and fails).
   */
  constructor(message: string, readonly eof?: 'plain' | 'wrapped') {
    super(message);
  }
}

/** Panic mirrors a Go runtime panic that Helm's key() recovers into "unable to parse key: ...". */
class Panic extends Error {}

class Scanner {
  private readonly runes: string[];
  pos = 0;
  constructor(s: string) {
    this.runes = [...s];
  }
  read(): string | typeof EOF {
    return this.pos < this.runes.length ? this.runes[this.pos++] : EOF;
  }
  unread(): void {
    this.pos--;
  }
  rest(): string {
    return this.runes.slice(this.pos).join('');
  }
  skipUtf16(n: number): void {
    // advance over n UTF-16 units of rest()
    let k = 0;
    while (k < n && this.pos < this.runes.length) k += this.runes[this.pos++].length;
  }
}

/** runesUntil reads runes until a stop rune; '\' escapes the next rune (unless literal). */
function runesUntil(sc: Scanner, stop: string, literal: boolean): { v: string; last: string | typeof EOF } {
  let v = '';
  for (;;) {
    const r = sc.read();
    if (r === EOF) return { v, last: EOF };
    if (stop.includes(r)) return { v, last: r };
    if (r === '\\' && !literal) {
      const next = sc.read();
      if (next === EOF) return { v, last: EOF };
      v += next;
      continue;
    }
    v += r;
  }
}

/** typedVal is strvals.typedVal: --set's typing of scalar text. */
export function typedVal(p: string, stringOnly: boolean): Value {
  if (stringOnly) return p;
  const l = p.toLowerCase();
  if (l === 'true') return true;
  if (l === 'false') return false;
  if (l === 'null') return null;
  if (p === '0') return int64(0);
  // Values not starting with '0' that parse as base-10 int64 become int64.
  if (p.length > 0 && p[0] !== '0' && /^[+-]?[0-9]+$/.test(p)) {
    const n = BigInt(p);
    if (n >= -(1n << 63n) && n < 1n << 63n) return int64(n);
  }
  return p;
}

function goTypeOf(v: Value): string {
  if (v === null) return 'nil';
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof Map) return 'map[string]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float64';
  return 'int64';
}

function asList(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  throw new Panic(`interface conversion: interface {} is ${goTypeOf(v)}, not []interface {}`);
}

function asMap(v: Value): GoMap {
  if (v instanceof Map) return v;
  throw new Panic(`interface conversion: interface {} is ${goTypeOf(v)}, not map[string]interface {}`);
}

function set(data: GoMap, key: string, val: Value): void {
  if (key.length === 0) return;
  data.set(key, val);
}

function setIndex(list: Value[], index: number, val: Value): Value[] {
  if (index < 0) throw new StrvalsError(`negative ${index} index not allowed`);
  if (index > MAX_INDEX) throw new StrvalsError(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`);
  if (list.length <= index) {
    const n = list.slice();
    while (n.length <= index) n.push(null);
    list = n;
  }
  list[index] = val;
  return list;
}

function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new StrvalsError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n > (1n << 63n) - 1n || n < -(1n << 63n)) throw new StrvalsError(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return Number(n);
}

/** wrapIndexError is `fmt.Errorf("error parsing index: %w", err)` (errors.Wrap in Helm 3). */
function wrapIndexError(e: unknown): StrvalsError {
  const eof = e instanceof StrvalsError && e.eof !== undefined ? 'wrapped' : undefined;
  return new StrvalsError(`error parsing index: ${(e as Error).message}`, eof);
}

/** ValueReader turns the runes of one value into a Go value (typed, string, file contents). */
export type ValueReader = (rs: string) => Value;

type Mode = { kind: 'typed' | 'string' | 'file' | 'json' | 'literal'; reader: ValueReader };

class Parser {
  constructor(
    private readonly sc: Scanner,
    private readonly mode: Mode,
    private readonly helmVersion: HelmVersion,
  ) {}

  parse(data: GoMap): void {
    for (;;) {
      try {
        const r = this.keyRecover(data, 0);
        if (r === EOF) return;
      } catch (e) {
        if (e instanceof StrvalsError && (e.eof === 'plain' || (e.eof === 'wrapped' && this.helmVersion === 4))) return;
        throw e;
      }
    }
  }

  private keyRecover(data: GoMap, level: number): typeof EOF | undefined {
    try {
      return this.key(data, level);
    } catch (e) {
      if (e instanceof Panic) throw new StrvalsError(`unable to parse key: ${e.message}`);
      throw e;
    }
  }

  private get literal(): boolean {
    return this.mode.kind === 'literal';
  }

  private key(data: GoMap, level: number): typeof EOF | undefined {
    const stop = this.literal ? '=[.' : '=[,.';
    const { v: k, last } = runesUntil(this.sc, stop, this.literal);
    if (last === EOF) {
      if (k.length === 0) return EOF;
      throw new StrvalsError(`key ${JSON.stringify(k)} has no value`);
    }
    switch (last) {
      case '[': {
        let i: number;
        try {
          i = this.keyIndex();
        } catch (e) {
          throw wrapIndexError(e);
        }
        let list: Value[] = [];
        if (data.has(k)) list = asList(data.get(k) ?? null);
        let res: { list: Value[]; eof: boolean };
        try {
          res = this.listItem(list, i, level);
        } catch (e) {
          // Helm still stores the (partial) list before returning the error.
          set(data, k, list);
          throw e;
        }
        set(data, k, res.list);
        return res.eof ? EOF : undefined;
      }
      case '=': {
        if (this.literal) {
          set(data, k, this.sc.rest());
          this.sc.skipUtf16(Number.MAX_SAFE_INTEGER);
          return undefined;
        }
        if (this.mode.kind === 'json') {
          if (this.emptyVal()) {
            set(data, k, null);
            return undefined;
          }
          set(data, k, this.jsonVal());
          this.emptyVal();
          return undefined;
        }
        const vl = this.valList();
        if (vl === EOF) {
          set(data, k, '');
          return EOF;
        }
        if (vl !== undefined) {
          set(data, k, vl);
          return undefined;
        }
        // Helm returns the reader's error here, not val()'s EOF: the next key() call sees EOF.
        const { v: rs } = runesUntil(this.sc, ',', false);
        set(data, k, this.mode.reader(rs));
        return undefined;
      }
      case ',':
        set(data, k, '');
        throw new StrvalsError(`key ${JSON.stringify(k)} has no value (cannot end with ,)`);
      case '.': {
        level++;
        if (level > MAX_NESTED_NAME_LEVEL) {
          throw new StrvalsError(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`);
        }
        let inner: GoMap = new Map();
        if (data.has(k)) inner = asMap(data.get(k) ?? null);
        let e: typeof EOF | undefined;
        try {
          e = this.key(inner, level);
        } finally {
          if (inner.size !== 0) set(data, k, inner);
        }
        if (e === undefined && inner.size === 0) throw new StrvalsError(`key map ${JSON.stringify(k)} has no value`);
        return e;
      }
    }
    return undefined;
  }

  private keyIndex(): number {
    const { v, last } = runesUntil(this.sc, ']', this.literal);
    if (last === EOF) throw new StrvalsError('EOF', 'plain');
    return atoi(v);
  }

  private listItem(list: Value[], i: number, level: number): { list: Value[]; eof: boolean } {
    if (i < 0) throw new StrvalsError(`negative ${i} index not allowed`);
    const { v: k, last } = runesUntil(this.sc, '[.=', this.literal);
    // Go formats the []rune with %q: ['x' 'y'].
    if (k.length > 0) throw new StrvalsError(`unexpected data at end of array index: [${[...k].map((c) => quoteRune(c.codePointAt(0) ?? 0)).join(' ')}]`);
    if (last === EOF) throw new StrvalsError('EOF', 'plain');
    switch (last) {
      case '=': {
        if (this.literal) {
          const rest = this.sc.rest();
          this.sc.skipUtf16(Number.MAX_SAFE_INTEGER);
          return { list: setIndex(list, i, rest), eof: false };
        }
        if (this.mode.kind === 'json') {
          if (this.emptyVal()) return { list: setIndex(list, i, null), eof: false };
          const l = setIndex(list, i, this.jsonVal());
          this.emptyVal();
          return { list: l, eof: false };
        }
        const vl = this.valList();
        if (vl === EOF) return { list: setIndex(list, i, ''), eof: false };
        if (vl !== undefined) return { list: setIndex(list, i, vl), eof: false };
        const { v: rs } = runesUntil(this.sc, ',', false);
        return { list: setIndex(list, i, this.mode.reader(rs)), eof: false };
      }
      case '[': {
        let nextI: number;
        try {
          nextI = this.keyIndex();
        } catch (e) {
          throw wrapIndexError(e);
        }
        let crt: Value[] = [];
        if (list.length > i && list[i] !== null) crt = asList(list[i]);
        const r = this.listItem(crt, nextI, level);
        return { list: setIndex(list, i, r.list), eof: r.eof };
      }
      case '.': {
        let inner: GoMap = new Map();
        if (list.length > i) {
          const cur = list[i];
          if (cur instanceof Map) inner = cur;
          else list[i] = inner; // indices out of order: start an empty map
        }
        const e = this.key(inner, level);
        return { list: setIndex(list, i, inner), eof: e === EOF };
      }
    }
    throw new StrvalsError(`parse error: unexpected token ${last}`);
  }

  /** emptyVal consumes blanks up to ',' or EOF (true) or stops before another rune (false). */
  private emptyVal(): boolean {
    for (;;) {
      const r = this.sc.read();
      if (r === EOF || r === ',') return true;
      if (!/\s/u.test(r)) {
        this.sc.unread();
        return false;
      }
    }
  }

  private jsonVal(): Value {
    const rest = this.sc.rest();
    const n = jsonPrefixLength(rest);
    const v = unmarshalJSON(rest.slice(0, n));
    this.sc.skipUtf16(n);
    return v;
  }

  /** valList reads "{a,b}"; undefined when the value is not a list, EOF at end of input. */
  private valList(): Value[] | typeof EOF | undefined {
    const r = this.sc.read();
    if (r === EOF) return EOF;
    if (r !== '{') {
      this.sc.unread();
      return undefined;
    }
    const list: Value[] = [];
    for (;;) {
      const { v: rs, last } = runesUntil(this.sc, ',}', false);
      if (last === EOF) throw new StrvalsError("list must terminate with '}'");
      if (last === '}') {
        const n = this.sc.read();
        if (n !== EOF && n !== ',') this.sc.unread();
        list.push(this.mode.reader(rs));
        return list;
      }
      list.push(this.mode.reader(rs));
    }
  }
}

/**
 * jsonPrefixLength returns how many UTF-16 units of s one JSON value (after leading blanks)
 * occupies, like json.Decoder.InputOffset after one Decode. Throws the decoder's error text.
 */
function jsonPrefixLength(s: string): number {
  let i = 0;
  while (i < s.length && ' \t\r\n'.includes(s[i])) i++;
  const start = i;
  if (i >= s.length) throw new StrvalsError('EOF');
  const c = s[i];
  if (c === '{' || c === '[') {
    let depth = 0;
    let inStr = false;
    for (; i < s.length; i++) {
      const ch = s[i];
      if (inStr) {
        if (ch === '\\') i++;
        else if (ch === '"') inStr = false;
        continue;
      }
      if (ch === '"') inStr = true;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    // Let the real decoder report the syntax error.
    unmarshalJSON(s.slice(start));
    throw new StrvalsError('unexpected EOF');
  }
  if (c === '"') {
    for (i++; i < s.length; i++) {
      if (s[i] === '\\') i++;
      else if (s[i] === '"') return i + 1;
    }
    unmarshalJSON(s.slice(start));
    throw new StrvalsError('unexpected EOF');
  }
  // number / literal: up to a delimiter
  while (i < s.length && !',] \t\r\n}'.includes(s[i])) i++;
  return i;
}

/** SetKind names the --set flag family. */
export type SetKind = 'set' | 'set-string' | 'set-json' | 'set-file' | 'set-literal';

/**
 * parseSet parses one flag value into dest (strvals.ParseInto & co). `readFile` resolves
 * --set-file paths (returns the text or throws with Go's error text). Throws StrvalsError /
 * JSONError carrying the message Helm wraps as "failed parsing --KIND data: ...".
 */
export function parseSet(kind: SetKind, s: string, dest: GoMap, helmVersion: HelmVersion, readFile?: (path: string) => string): void {
  let mode: Mode;
  switch (kind) {
    case 'set':
      mode = { kind: 'typed', reader: (rs) => typedVal(rs, false) };
      break;
    case 'set-string':
      mode = { kind: 'string', reader: (rs) => rs };
      break;
    case 'set-json':
      mode = { kind: 'json', reader: (rs) => rs };
      break;
    case 'set-literal':
      mode = { kind: 'literal', reader: (rs) => rs };
      break;
    case 'set-file':
      mode = {
        kind: 'file',
        reader: (rs) => {
          if (readFile === undefined) throw new StrvalsError(`open ${rs}: no such file or directory`);
          return readFile(rs);
        },
      };
      break;
  }
  new Parser(new Scanner(s), mode, helmVersion).parse(dest);
}
