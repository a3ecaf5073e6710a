// Go's fmt package applied to template values: Sprint, Sprintln, Sprintf and %v.
//
// This is a port of the logic of Go's fmt/print.go and fmt/format.go (printArg, printValue,
// handleMethods, badVerb, doPrintf, fmtInteger, fmtFloat...) onto the value model of value.ts.
// Output is byte-identical to Go for every value the model can hold; the only things that cannot
// be reproduced are machine addresses (%p, nested pointers, funcs), which are stable fake
// addresses here.
import {
  GoComplex,
  GoFunc,
  GoInt,
  GoObject,
  NamedMap,
  sortedKeys,
  typeName,
  utf8Decode,
  utf8Encode,
  type Value,
} from './value';
import {
  canBackquote,
  formatFloat as strconvFormatFloat,
  formatFloatV,
  isPrint,
  quote as strconvQuote,
  quoteRune,
  quoteRuneToASCII,
  quoteToASCII,
  type FloatFmt,
} from './strconv';

export { quoteToASCII, quoteRune, unquote, UnquoteError, canBackquote, isPrint } from './strconv';

const LDIGITS = '0123456789abcdefx';
const UDIGITS = '0123456789ABCDEFX';
const MAX_RUNE = 0x10ffffn;

// Fake addresses for values Go prints as pointers (%p, funcs, nested pointers). Go prints real
// heap addresses (0xc000...), which differ from run to run; these are stable per object.
const addresses = new WeakMap<object, bigint>();
let nextAddress = 0xc000010000n;
function addressOf(o: object): bigint {
  let a = addresses.get(o);
  if (a === undefined) {
    a = nextAddress;
    nextAddress += 0x30n;
    addresses.set(o, a);
  }
  return a;
}

/** runeCount counts code points like utf8.RuneCountInString. */
function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

/** truncateRunes returns the first n code points of s. */
function truncateRunes(s: string, n: number): string {
  let i = 0;
  while (i < s.length && n > 0) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    n--;
  }
  return s.slice(0, i);
}

/** isStringKind reports whether v's reflect.Kind is String (Sprint's spacing rule). */
function isStringKind(v: Value): boolean {
  return typeof v === 'string' || (v instanceof GoObject && v.kind === 'string');
}

/** derefType strips the leading '*' of a pointer type name. */
function derefType(t: string): string {
  return t.startsWith('*') ? t.slice(1) : t;
}

/** Printer is Go's pp + fmt state for one Sprint/Sprintf call. */
class Printer {
  buf = '';
  // fmt flags (fmt.fmtFlags)
  widPresent = false;
  precPresent = false;
  minus = false;
  plus = false;
  sharp = false;
  space = false;
  zero = false;
  plusV = false;
  sharpV = false;
  wid = 0;
  prec = 0;
  // pp state
  erroring = false;
  reordered = false;
  goodArgNum = true;

  clearFlags(): void {
    this.widPresent = this.precPresent = this.minus = this.plus = this.sharp = false;
    this.space = this.zero = this.plusV = this.sharpV = false;
    this.wid = this.prec = 0;
  }

  // ---- padding (format.go) ----

  writePadding(n: number): void {
    if (n <= 0) return;
    this.buf += (this.zero ? '0' : ' ').repeat(n);
  }

  padString(s: string): void {
    if (!this.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (!this.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  /** padNoZero pads s with spaces even when the 0 flag is set. */
  padNoZero(s: string): void {
    const old = this.zero;
    this.zero = false;
    this.padString(s);
    this.zero = old;
  }

  // ---- integers ----

  /** fmtIntegerBase is fmt.fmtInteger: u is the magnitude source (uint64 bits or signed value). */
  fmtIntegerBase(v: bigint, base: number, isSigned: boolean, verb: string, digits: string): void {
    const negative = isSigned && v < 0n;
    const u = negative ? -v : v;
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      // Precision 0 and value 0 means "print nothing" but padding.
      if (prec === 0 && u === 0n) {
        const old = this.zero;
        this.zero = false;
        this.writePadding(this.wid);
        this.zero = old;
        return;
      }
    } else if (this.zero && !this.minus && this.widPresent) {
      // Zero padding is done like precision, leaving room for the sign.
      prec = this.wid;
      if (negative || this.plus || this.space) prec--;
    }
    let s = u.toString(base);
    if (digits === UDIGITS && base === 16) s = s.toUpperCase();
    if (prec > s.length) s = '0'.repeat(prec - s.length) + s;
    if (this.sharp) {
      if (base === 2) s = '0b' + s;
      else if (base === 8) {
        if (s[0] !== '0') s = '0' + s;
      } else if (base === 16) s = '0' + digits[16] + s;
    }
    if (verb === 'O') s = '0o' + s;
    if (negative) s = '-' + s;
    else if (this.plus) s = '+' + s;
    else if (this.space) s = ' ' + s;
    // Left zero padding was handled as precision above (or is ignored due to a precision).
    this.padNoZero(s);
  }

  /** fmt0x64 formats u as hex, with a leading 0x when leading0x is set. */
  fmt0x64(u: bigint, leading0x: boolean): void {
    const sharp = this.sharp;
    this.sharp = leading0x;
    this.fmtIntegerBase(u, 16, false, 'v', LDIGITS);
    this.sharp = sharp;
  }

  /** fmtInteger is pp.fmtInteger for a Go integer value. */
  fmtInteger(n: GoInt, verb: string): void {
    const signed = n.signed;
    switch (verb) {
      case 'v':
        if (this.sharpV && !signed) this.fmt0x64(n.v, true);
        else this.fmtIntegerBase(n.v, 10, signed, verb, LDIGITS);
        return;
      case 'd':
        return this.fmtIntegerBase(n.v, 10, signed, verb, LDIGITS);
      case 'b':
        return this.fmtIntegerBase(n.v, 2, signed, verb, LDIGITS);
      case 'o':
      case 'O':
        return this.fmtIntegerBase(n.v, 8, signed, verb, LDIGITS);
      case 'x':
        return this.fmtIntegerBase(n.v, 16, signed, verb, LDIGITS);
      case 'X':
        return this.fmtIntegerBase(n.v, 16, signed, verb, UDIGITS);
      case 'c':
        return this.fmtC(BigInt.asUintN(64, n.v));
      case 'q':
        return this.fmtQc(BigInt.asUintN(64, n.v));
      case 'U':
        return this.fmtUnicode(BigInt.asUintN(64, n.v));
      default:
        return this.badVerb(verb, n);
    }
  }

  /** runeOf converts a uint64 to a valid rune (U+FFFD for out-of-range or surrogates, like utf8.EncodeRune). */
  static runeOf(u: bigint): number {
    if (u > MAX_RUNE) return 0xfffd;
    const r = Number(u);
    return r >= 0xd800 && r <= 0xdfff ? 0xfffd : r;
  }

  fmtC(u: bigint): void {
    this.padString(String.fromCodePoint(Printer.runeOf(u)));
  }

  fmtQc(u: bigint): void {
    const r = Printer.runeOf(u);
    this.padString(this.plus ? quoteRuneToASCII(r) : quoteRune(r));
  }

  fmtUnicode(u: bigint): void {
    let prec = 4;
    if (this.precPresent && this.prec > 4) prec = this.prec;
    let s = u.toString(16).toUpperCase();
    if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
    s = 'U+' + s;
    if (this.sharp && u <= MAX_RUNE && isPrint(Number(u))) s += " '" + String.fromCodePoint(Number(u)) + "'";
    this.padNoZero(s);
  }

  // ---- floats ----

  /** fmtFloat is pp.fmtFloat: choose the strconv format for the verb. */
  fmtFloat(v: number, verb: string): void {
    switch (verb) {
      case 'v':
        return this.fmtFloatF(v, 'g', -1);
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        return this.fmtFloatF(v, verb, -1);
      case 'f':
      case 'e':
      case 'E':
        return this.fmtFloatF(v, verb, 6);
      case 'F':
        return this.fmtFloatF(v, 'f', 6);
      default:
        return this.badVerb(verb, v);
    }
  }

  /** fmtFloatF is fmt.fmtFloat: sign, # and zero-padding handling around strconv.FormatFloat. */
  fmtFloatF(v: number, verb: FloatFmt, prec: number): void {
    if (this.precPresent) prec = this.prec;
    let num: string;
    // Fast path for the overwhelmingly common %v without flags.
    if (verb === 'g' && prec < 0) num = formatFloatV(v);
    else num = strconvFormatFloat(v, verb, prec);
    if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
    // f.space means a leading space instead of "+" unless f.plus is set.
    if (this.space && num[0] === '+' && !this.plus) num = ' ' + num.slice(1);
    // Infinities and NaN don't look like numbers and are not zero padded.
    if (num[1] === 'I' || num[1] === 'N') {
      if (num[1] === 'N' && !this.space && !this.plus) num = num.slice(1);
      this.padNoZero(num);
      return;
    }
    // The sharp flag forces a decimal point and keeps trailing zeros.
    if (this.sharp && verb !== 'b') {
      let digits = 0;
      if (verb === 'g' || verb === 'G' || verb === 'x') digits = prec === -1 ? 6 : prec;
      let tail = '';
      let hasDecimalPoint = false;
      let sawNonzeroDigit = false;
      for (let i = 1; i < num.length; i++) {
        const c = num[i];
        if (c === '.') hasDecimalPoint = true;
        else if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
          tail = num.slice(i);
          num = num.slice(0, i);
          break;
        } else {
          if (c !== '0') sawNonzeroDigit = true;
          // Count significant digits after the first non-zero digit.
          if (sawNonzeroDigit) digits--;
        }
      }
      if (!hasDecimalPoint) {
        // A leading digit 0 contributes once to digits.
        if (num.length === 2 && num[1] === '0') digits--;
        num += '.';
      }
      if (digits > 0) num += '0'.repeat(digits);
      num += tail;
    }
    if (this.plus || num[0] !== '+') {
      // With zero padding the sign goes before the zeros.
      if (this.zero && !this.minus && this.widPresent && this.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.padString(num);
      return;
    }
    this.padString(num.slice(1));
  }

  fmtComplex(c: GoComplex, verb: string): void {
    switch (verb) {
      case 'v':
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
      case 'f':
      case 'F':
      case 'e':
      case 'E': {
        const oldPlus = this.plus;
        this.buf += '(';
        this.fmtFloat(c.re, verb);
        // The imaginary part always has a sign.
        this.plus = true;
        this.fmtFloat(c.im, verb);
        this.buf += 'i)';
        this.plus = oldPlus;
        return;
      }
      default:
        return this.badVerb(verb, c);
    }
  }

  // ---- strings and bytes ----

  fmtS(s: string): void {
    if (this.precPresent) s = truncateRunes(s, this.prec);
    this.padString(s);
  }

  /** fmtSbx is fmt.fmtSbx: hex encoding of the bytes of a string or byte slice. */
  fmtSbx(b: Uint8Array, digits: string): void {
    let length = b.length;
    if (this.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.space) {
        if (this.sharp) width *= 2;
        width += length - 1;
      } else if (this.sharp) width += 2;
    } else {
      if (this.widPresent) this.writePadding(this.wid);
      return;
    }
    if (this.widPresent && this.wid > width && !this.minus) this.writePadding(this.wid - width);
    let s = '';
    if (this.sharp) s += '0' + digits[16];
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) {
        s += ' ';
        if (this.sharp) s += '0' + digits[16];
      }
      const c = b[i];
      s += digits[c >> 4] + digits[c & 15];
    }
    this.buf += s;
    if (this.widPresent && this.wid > width && this.minus) this.writePadding(this.wid - width);
  }

  fmtQ(s: string): void {
    if (this.precPresent) s = truncateRunes(s, this.prec);
    if (this.sharp && canBackquote(s)) {
      this.padString('`' + s + '`');
      return;
    }
    this.padString(this.plus ? quoteToASCII(s) : strconvQuote(s));
  }

  fmtString(s: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.sharpV) this.fmtQ(s);
        else this.fmtS(s);
        return;
      case 's':
        return this.fmtS(s);
      case 'x':
        return this.fmtSbx(utf8Encode(s), LDIGITS);
      case 'X':
        return this.fmtSbx(utf8Encode(s), UDIGITS);
      case 'q':
        return this.fmtQ(s);
      default:
        return this.badVerb(verb, s);
    }
  }

  fmtBool(b: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.padString(b ? 'true' : 'false');
    else this.badVerb(verb, b);
  }

  /** fmtBytes is pp.fmtBytes ([]byte at top level prints its type as "[]byte", nested as "[]uint8"). */
  fmtBytes(b: Uint8Array, verb: string, typeString: string): void {
    switch (verb) {
      case 'v':
      case 'd': {
        if (this.sharpV) {
          this.buf += typeString + '{';
          for (let i = 0; i < b.length; i++) {
            if (i > 0) this.buf += ', ';
            this.fmt0x64(BigInt(b[i]), true);
          }
          this.buf += '}';
        } else {
          this.buf += '[';
          for (let i = 0; i < b.length; i++) {
            if (i > 0) this.buf += ' ';
            this.fmtIntegerBase(BigInt(b[i]), 10, false, verb, LDIGITS);
          }
          this.buf += ']';
        }
        return;
      }
      case 's':
        return this.fmtS(utf8Decode(b));
      case 'x':
        return this.fmtSbx(b, LDIGITS);
      case 'X':
        return this.fmtSbx(b, UDIGITS);
      case 'q':
        return this.fmtQ(utf8Decode(b));
      default:
        return this.printSlice(Array.from(b, (x) => new GoInt('uint8', BigInt(x))), '[]uint8', verb, 1);
    }
  }

  // ---- pointers ----

  /** fmtPointer is pp.fmtPointer: u is the address (0 for nil). */
  fmtPointer(v: Value, u: bigint, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.sharpV) {
          this.buf += '(' + typeName(v) + ')(';
          if (u === 0n) this.buf += 'nil';
          else this.fmt0x64(u, true);
          this.buf += ')';
        } else if (u === 0n) this.padString('<nil>');
        else this.fmt0x64(u, !this.sharp);
        return;
      case 'p':
        return this.fmt0x64(u, !this.sharp);
      case 'b':
      case 'o':
      case 'd':
      case 'x':
      case 'X':
        return this.fmtInteger(new GoInt('uintptr', u), verb);
      default:
        return this.badVerb(verb, v);
    }
  }

  /** pointerOf returns the address Go's %p would print, or undefined for non-reference kinds. */
  static pointerOf(v: Value): bigint | undefined {
    if (v instanceof Uint8Array || Array.isArray(v) || v instanceof Map || v instanceof GoFunc) return addressOf(v);
    if (v instanceof GoObject && v.kind === 'ptr') return v.isNil() ? 0n : addressOf(v);
    return undefined;
  }

  // ---- errors ----

  /** badVerb prints %!verb(type=value); nil prints %!verb(<nil>). Flags stay in effect. */
  badVerb(verb: string, v: Value): void {
    this.erroring = true;
    this.buf += '%!' + verb + '(';
    if (v !== null) {
      this.buf += typeName(v) + '=';
      this.printArg(v, 'v');
    } else this.buf += '<nil>';
    this.buf += ')';
    this.erroring = false;
  }

  // ---- generic printing ----

  /** handleMethods applies String()/Error() for %v %s %x %X %q (never for %#v or while erroring). */
  handleMethods(v: GoObject, verb: string): boolean {
    if (this.erroring || this.sharpV) return false;
    if (verb !== 'v' && verb !== 's' && verb !== 'x' && verb !== 'X' && verb !== 'q') return false;
    if (v.isNil()) return false;
    const s = v.stringer(false);
    if (s === undefined) return false;
    this.fmtString(s, verb);
    return true;
  }

  /** printArg is pp.printArg: the top-level operand. */
  printArg(v: Value, verb: string): void {
    if (v === null) {
      if (verb === 'T' || verb === 'v') this.padString('<nil>');
      else this.badVerb(verb, null);
      return;
    }
    if (verb === 'T') {
      this.fmtS(typeName(v));
      return;
    }
    if (verb === 'p') {
      const u = Printer.pointerOf(v);
      if (u === undefined) this.badVerb(verb, v);
      else this.fmtPointer(v, u, 'p');
      return;
    }
    switch (typeof v) {
      case 'boolean':
        return this.fmtBool(v, verb);
      case 'number':
        return this.fmtFloat(v, verb);
      case 'string':
        return this.fmtString(v, verb);
    }
    if (v instanceof GoInt) return this.fmtInteger(v, verb);
    if (v instanceof Uint8Array) return this.fmtBytes(v, verb, '[]byte');
    if (v instanceof GoObject && this.handleMethods(v, verb)) return;
    this.printValue(v, verb, 0);
  }

  /** printValue is pp.printValue: reflection-driven printing of composite values. */
  printValue(v: Value, verb: string, depth: number, ifaceType = 'interface {}'): void {
    if (v === null) {
      // A nil interface element (map value, slice element, field) — written without padding.
      if (this.sharpV) this.buf += ifaceType + '(nil)';
      else this.buf += '<nil>';
      return;
    }
    switch (typeof v) {
      case 'boolean':
        return this.fmtBool(v, verb);
      case 'number':
        return this.fmtFloat(v, verb);
      case 'string':
        return this.fmtString(v, verb);
    }
    if (v instanceof GoInt) return this.fmtInteger(v, verb);
    if (v instanceof GoComplex) return this.fmtComplex(v, verb);
    if (v instanceof Uint8Array) {
      if (verb === 's' || verb === 'q' || verb === 'x' || verb === 'X' || verb === 'v' || verb === 'd') {
        return this.fmtBytes(v, verb, '[]uint8');
      }
      return this.printSlice(Array.from(v, (x) => new GoInt('uint8', BigInt(x))), '[]uint8', verb, depth);
    }
    if (Array.isArray(v)) return this.printSlice(v, typeName(v), verb, depth);
    if (v instanceof Map) return this.printMap(v, verb, depth);
    if (v instanceof GoFunc) return this.fmtPointer(v, addressOf(v), verb);
    return this.printObject(v, verb, depth);
  }

  printSlice(v: readonly Value[], type: string, verb: string, depth: number): void {
    const elemIface = type === '[]interface {}' ? 'interface {}' : type.slice(2);
    if (this.sharpV) {
      this.buf += type + '{';
      for (let i = 0; i < v.length; i++) {
        if (i > 0) this.buf += ', ';
        this.printElem(v[i], verb, depth + 1, elemIface);
      }
      this.buf += '}';
      return;
    }
    this.buf += '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) this.buf += ' ';
      this.printElem(v[i], verb, depth + 1, elemIface);
    }
    this.buf += ']';
  }

  printMap(m: Map<string, Value>, verb: string, depth: number): void {
    const elem = m instanceof NamedMap ? m.typeInfo.elem : 'interface {}';
    this.buf += this.sharpV ? typeName(m) + '{' : 'map[';
    const keys = sortedKeys(m);
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
      this.fmtString(keys[i], verb);
      this.buf += ':';
      this.printElem(m.get(keys[i]) ?? null, verb, depth + 1, elem);
    }
    this.buf += this.sharpV ? '}' : ']';
  }

  /** printElem prints a nested value (depth > 0): String() methods apply first. */
  printElem(v: Value, verb: string, depth: number, ifaceType: string): void {
    if (v instanceof GoObject && this.handleMethods(v, verb)) return;
    this.printValue(v, verb, depth, ifaceType);
  }

  printObject(o: GoObject, verb: string, depth: number): void {
    if (o.kind === 'ptr') {
      if (depth === 0 && !o.isNil()) {
        // A pointer to a struct prints as &{...} at top level only.
        this.buf += '&';
        this.printStruct(o, derefType(o.goType), verb, depth + 1);
        return;
      }
      return this.fmtPointer(o, o.isNil() ? 0n : addressOf(o), verb);
    }
    if (o.kind === 'func') return this.fmtPointer(o, addressOf(o), verb);
    if (o.kind === 'struct' || o.fieldNames().length > 0) {
      this.printStruct(o, o.goType, verb, depth);
      return;
    }
    // A named non-struct type without String(): print its data form.
    const data = o.toData();
    if (data !== undefined) return this.printValue(data, verb, depth);
    const s = o.stringer(false);
    if (s !== undefined) return this.fmtString(s, verb);
    this.printStruct(o, o.goType, verb, depth);
  }

  printStruct(o: GoObject, type: string, verb: string, depth: number): void {
    if (this.sharpV) this.buf += type;
    this.buf += '{';
    const names = o.fieldNames();
    for (let i = 0; i < names.length; i++) {
      if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
      if (this.plusV || this.sharpV) this.buf += names[i] + ':';
      const f = o.field(names[i]);
      this.printElem(f ? f.value : null, verb, depth + 1, 'interface {}');
    }
    this.buf += '}';
  }

  // ---- Printf ----

  /** argNumber parses an explicit argument index [n] at format[i]. */
  argNumber(argNum: number, format: string, i: number, numArgs: number): [number, number, boolean] {
    if (format.length <= i || format[i] !== '[') return [argNum, i, false];
    this.reordered = true;
    const [index, wid, ok] = parseArgNumber(format.slice(i));
    if (ok && index >= 0 && index < numArgs) return [index, i + wid, true];
    this.goodArgNum = false;
    return [argNum, i + wid, ok];
  }

  doPrintf(format: string, a: readonly Value[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    this.reordered = false;
    let i = 0;
    formatLoop: while (i < end) {
      this.goodArgNum = true;
      const lasti = i;
      while (i < end && format.charCodeAt(i) !== 37 /* % */) i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++; // skip %
      this.clearFlags();
      simpleFormat: for (; i < end; i++) {
        const c = format[i];
        switch (c) {
          case '#':
            this.sharp = true;
            break;
          case '0':
            // Only allow zero padding to the left.
            this.zero = !this.minus;
            break;
          case '+':
            this.plus = true;
            break;
          case '-':
            this.minus = true;
            this.zero = false;
            break;
          case ' ':
            this.space = true;
            break;
          default: {
            // Fast path: a lower-case ASCII verb with only flags before it.
            const cc = format.charCodeAt(i);
            if (cc >= 97 && cc <= 122 && argNum < a.length) {
              if (c === 'v') {
                this.sharpV = this.sharp;
                this.sharp = false;
                this.plusV = this.plus;
                this.plus = false;
              }
              this.printArg(a[argNum], c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simpleFormat;
          }
        }
      }
      // Explicit argument index?
      [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
      // Width.
      if (i < end && format[i] === '*') {
        i++;
        [this.wid, this.widPresent, argNum] = intFromArg(a, argNum);
        if (!this.widPresent) this.buf += '%!(BADWIDTH)';
        // A negative width means left-justify (minus flag) without zero padding.
        if (this.wid < 0) {
          this.wid = -this.wid;
          this.minus = true;
          this.zero = false;
        }
        afterIndex = false;
      } else {
        [this.wid, this.widPresent, i] = parsenum(format, i, end);
        if (afterIndex && this.widPresent) this.goodArgNum = false; // "%[3]2d"
      }
      // Precision.
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) this.goodArgNum = false; // "%[3].2d"
        [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
        if (i < end && format[i] === '*') {
          i++;
          [this.prec, this.precPresent, argNum] = intFromArg(a, argNum);
          // Negative precision arguments don't make sense.
          if (this.prec < 0) {
            this.prec = 0;
            this.precPresent = false;
          }
          if (!this.precPresent) this.buf += '%!(BADPREC)';
          afterIndex = false;
        } else {
          [this.prec, this.precPresent, i] = parsenum(format, i, end);
          if (!this.precPresent) {
            this.prec = 0;
            this.precPresent = true;
          }
        }
      }
      if (!afterIndex) [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
      if (i >= end) {
        this.buf += '%!(NOVERB)';
        break;
      }
      const cp = format.codePointAt(i) ?? 0;
      const verb = String.fromCodePoint(cp);
      i += verb.length;
      if (verb === '%') {
        // Percent does not absorb operands and ignores width and precision.
        this.buf += '%';
      } else if (!this.goodArgNum) {
        this.buf += '%!' + verb + '(BADINDEX)';
      } else if (argNum >= a.length) {
        this.buf += '%!' + verb + '(MISSING)';
      } else {
        if (verb === 'v') {
          this.sharpV = this.sharp;
          this.sharp = false;
          this.plusV = this.plus;
          this.plus = false;
        }
        this.printArg(a[argNum], verb);
        argNum++;
      }
    }
    // Extra arguments are reported unless the format used explicit indexes.
    if (!this.reordered && argNum < a.length) {
      this.clearFlags();
      this.buf += '%!(EXTRA ';
      for (let k = argNum; k < a.length; k++) {
        if (k > argNum) this.buf += ', ';
        const arg = a[k];
        if (arg === null) this.buf += '<nil>';
        else {
          this.buf += typeName(arg) + '=';
          this.printArg(arg, 'v');
        }
      }
      this.buf += ')';
    }
  }
}

/** tooLarge reports whether the magnitude of x is too large for a width or precision. */
function tooLarge(x: number): boolean {
  return x > 1e6 || x < -1e6;
}

/** parsenum parses a decimal number at s[start:end]; overflow reports (0, false, end). */
function parsenum(s: string, start: number, end: number): [number, boolean, number] {
  if (start >= end) return [0, false, end];
  let num = 0;
  let isnum = false;
  let i = start;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    if (tooLarge(num)) return [0, false, end];
    num = num * 10 + (c - 48);
    isnum = true;
  }
  return [num, isnum, i];
}

/** parseArgNumber parses "[n]" returning (zero-based index, chars consumed, ok). */
function parseArgNumber(format: string): [number, number, boolean] {
  if (format.length < 3) return [0, 1, false];
  for (let i = 1; i < format.length; i++) {
    if (format[i] === ']') {
      const [width, ok, newi] = parsenum(format, 1, i);
      if (!ok || newi !== i) return [0, i + 1, false];
      return [width - 1, i + 1, true];
    }
  }
  return [0, 1, false];
}

/** intFromArg gets a width/precision from an integer operand (any Go integer kind that fits int). */
function intFromArg(a: readonly Value[], argNum: number): [number, boolean, number] {
  let num = 0;
  let isInt = false;
  let newArgNum = argNum;
  if (argNum < a.length) {
    const v = a[argNum];
    if (v instanceof GoInt && v.v >= -(1n << 63n) && v.v < 1n << 63n) {
      num = Number(v.v);
      isInt = true;
    }
    newArgNum = argNum + 1;
    if (tooLarge(num)) {
      num = 0;
      isInt = false;
    }
  }
  return [num, isInt, newArgNum];
}

/** sprint is fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: readonly Value[]): string {
  if (args.length === 1) return formatValue(args[0]);
  const p = new Printer();
  let prevString = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const isString = arg !== null && isStringKind(arg);
    if (i > 0 && !isString && !prevString) p.buf += ' ';
    p.printArg(arg, 'v');
    prevString = isString;
  }
  return p.buf;
}

/** sprintln is fmt.Sprintln: spaces between all operands, trailing newline. */
export function sprintln(args: readonly Value[]): string {
  const p = new Printer();
  for (let i = 0; i < args.length; i++) {
    if (i > 0) p.buf += ' ';
    p.printArg(args[i], 'v');
  }
  return p.buf + '\n';
}

/** sprintf is fmt.Sprintf with Go's verbs, flags, widths and %!verb(type=value) artefacts. */
export function sprintf(format: string, args: readonly Value[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.buf;
}

/** formatValue is fmt's %v of one value (what printing `{{ x }}` and sprig's strval produce). */
export function formatValue(v: Value): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return formatFloatV(v);
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (v === null) return '<nil>';
  if (v instanceof GoInt) return v.v.toString();
  const p = new Printer();
  p.printArg(v, 'v');
  return p.buf;
}

/**
 * formatOutput is what text/template's `{{ pipeline }}` prints for a non-missing value
 * (exec.go printableValue + fmt.Fprint): pointers are dereferenced, and when the value is
 * addressable (a field reached through a pointer) String()/Error() on the pointer apply too —
 * so `{{ .Capabilities.KubeVersion }}` prints "v1.35.0" while `print` of it prints the struct.
 * Funcs cannot be printed (the executor reports that error itself).
 */
export function formatOutput(v: Value, addressable: boolean): string {
  if (!(v instanceof GoObject)) return formatValue(v);
  if (v.kind === 'ptr') {
    if (v.isNil()) return '<nil>';
    addressable = true; // the pointee of a pointer is addressable
  }
  const s = v.stringer(addressable);
  if (s !== undefined) return s;
  const p = new Printer();
  if (v.kind === 'ptr') p.printStruct(v, derefType(v.goType), 'v', 0);
  else p.printArg(v, 'v');
  return p.buf;
}

/** formatFloat is strconv.FormatFloat(f, fmt, prec, 64). */
export function formatFloat(f: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X', prec: number): string {
  return strconvFormatFloat(f, fmt, prec);
}

/** quote is strconv.Quote (Go's %q of a string). */
export function quote(s: string): string {
  return strconvQuote(s);
}
