// Sprig's math (numeric.go, functions.go): integer math through cast.ToInt64 returning int64
// (wrapping like Go), float math through shopspring/decimal (so `addf 0.1 0.2` is 0.3),
// conversions, and the integer sequences until/untilStep/seq.
import type { FuncDef } from '../template/func';
import { formatValue } from '../template/fmt';
import { GoInt, int, int64, typedSlice, type Value } from '../template/value';
import { argInt, argStr, atoi, parseInt64, toFloat64, toInt, toInt64 } from './cast';
import { fail, fn } from './def';
import { MAX_LIST_LEN, checkAlloc } from './alloc';

const cat = 'math';
const I = 'interface {}';
const VI = '...interface {}';

function i64(v: bigint): GoInt {
  return int64(BigInt.asIntN(64, v));
}

// --- shopspring/decimal (the subset sprig uses) ---------------------------------------------

/** Decimal is coef × 10^exp with an arbitrary-precision coefficient. */
interface Decimal {
  readonly coef: bigint;
  readonly exp: number;
}

// decFromFloat is decimal.NewFromFloat: the shortest decimal that round-trips to the float.
function decFromFloat(f: number): Decimal {
  if (!Number.isFinite(f)) fail(`Cannot create a Decimal from ${formatValue(f)}`);
  if (f === 0) return { coef: 0n, exp: 0 };
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(f));
  if (!m) return { coef: 0n, exp: 0 };
  const frac = m[3] ?? '';
  const coef = BigInt(m[1] + m[2] + frac);
  return { coef, exp: Number(m[4] ?? 0) - frac.length };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const e = Math.min(a.exp, b.exp);
  return [a.coef * 10n ** BigInt(a.exp - e), b.coef * 10n ** BigInt(b.exp - e), e];
}

const DIVISION_PRECISION = 16;

// decDiv is Decimal.Div: DivRound to 16 decimal places, halves rounded away from zero.
function decDiv(a: Decimal, b: Decimal): Decimal {
  if (b.coef === 0n) fail('decimal division by 0');
  // a/b × 10^16 = a.coef × 10^(a.exp − b.exp + 16) / b.coef
  const shift = a.exp - b.exp + DIVISION_PRECISION;
  let num = a.coef;
  let den = b.coef;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  let q = num / den;
  const r = num % den;
  const abs = (x: bigint): bigint => (x < 0n ? -x : x);
  if (2n * abs(r) >= abs(den)) q += (num < 0n) !== (den < 0n) ? -1n : 1n;
  return { coef: q, exp: -DIVISION_PRECISION };
}

type DecOp = (a: Decimal, b: Decimal) => Decimal;
const decAdd: DecOp = (a, b) => {
  const [x, y, e] = align(a, b);
  return { coef: x + y, exp: e };
};
const decSub: DecOp = (a, b) => {
  const [x, y, e] = align(a, b);
  return { coef: x - y, exp: e };
};
const decMul: DecOp = (a, b) => ({ coef: a.coef * b.coef, exp: a.exp + b.exp });

// decToFloat is Decimal.Float64: the nearest float64 (JS string parsing rounds correctly).
function decToFloat(d: Decimal): number {
  return Number(`${d.coef}e${d.exp}`);
}

// execDecimalOp is sprig's helper: fold the float64-converted operands with a decimal op.
function execDecimalOp(a: Value, rest: readonly Value[], op: DecOp): number {
  let prt = decFromFloat(toFloat64(a));
  for (const x of rest) prt = op(prt, decFromFloat(toFloat64(x)));
  return decToFloat(prt);
}

// --- float helpers ----------------------------------------------------------------------------

// goMax/goMin are math.Max/math.Min: ±Inf wins over NaN, and the sign of zero is respected.
function goMax(x: number, y: number): number {
  if (x === Infinity || y === Infinity) return Infinity;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 && x === y) return Object.is(x, -0) ? y : x;
  return x > y ? x : y;
}
function goMin(x: number, y: number): number {
  if (x === -Infinity || y === -Infinity) return -Infinity;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 && x === y) return Object.is(x, -0) ? x : y;
  return x < y ? x : y;
}

// pow10 is math.Pow(10, p) for an integral p: exact powers up to 1e22 and a single rounding
// of the reciprocal for negative p (V8's Math.pow can be an ulp off, e.g. for 10^-5).
function pow10(p: number): number {
  if (p >= 0) return Number(`1e${p}`);
  return 1 / Number(`1e${-p}`);
}

// round is sprig's round(a, p, roundOn=.5): scale, compare the fraction with roundOn.
function round(a: Value, p: bigint, roundOn: number): number {
  const val = toFloat64(a);
  const pow = pow10(Number(p));
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  const r = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

// --- sequences ---------------------------------------------------------------------------------

/**
 * untilCount is how many values untilStep yields. Go appends one by one and dies of memory
 * exhaustion on absurd ranges; knowing the count first lets checkAlloc refuse them.
 */
function untilCount(start: bigint, stop: bigint, step: bigint): bigint {
  const n = stop < start ? (step >= 0n ? 0n : (start - stop - step - 1n) / -step) : step <= 0n ? 0n : (stop - start + step - 1n) / step;
  // Go's int counter wraps past the last value when it overflows and keeps appending forever.
  const next = start + n * step;
  if (n > 0n && (next > 2n ** 63n - 1n || next < -(2n ** 63n))) return 2n ** 64n;
  return n;
}

/** untilStep is sprig's untilStep: [start, stop) by step; a step pointing away gives []. */
export function untilStep(start: bigint, stop: bigint, step: bigint): bigint[] {
  checkAlloc(untilCount(start, stop, step), MAX_LIST_LEN);
  const v: bigint[] = [];
  if (stop < start) {
    if (step >= 0n) return v;
    for (let i = start; i > stop; i += step) v.push(i);
    return v;
  }
  if (step <= 0n) return v;
  for (let i = start; i < stop; i += step) v.push(i);
  return v;
}

/**
 * untilInts is untilStep as a []int value, built directly (no intermediate bigint list, and
 * number arithmetic while the values are exact doubles): `until 10000000` is one allocation
 * per element.
 */
function untilInts(start: bigint, stop: bigint, step: bigint): Value[] {
  const n = untilCount(start, stop, step);
  checkAlloc(n, MAX_LIST_LEN);
  const len = Number(n);
  const out: Value[] = [];
  const safe = (x: bigint): boolean => x >= -MAX_EXACT && x <= MAX_EXACT;
  if (safe(start) && safe(stop) && safe(step)) {
    const d = Number(step);
    for (let i = 0, x = Number(start); i < len; i++, x += d) out.push(new GoInt('int', BigInt(x)));
  } else {
    for (let i = 0, x = start; i < len; i++, x += step) out.push(new GoInt('int', x));
  }
  return typedSlice(out, 'int');
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

function seq(params: bigint[]): string {
  const s = (xs: bigint[]): string => xs.join(' ');
  switch (params.length) {
    case 0:
      return '';
    case 1: {
      const end = params[0];
      const inc = end < 1n ? -1n : 1n;
      return s(untilStep(1n, end + inc, inc));
    }
    case 2: {
      const [start, end] = params;
      const step = end < start ? -1n : 1n;
      return s(untilStep(start, end + step, step));
    }
    case 3: {
      const [start, step, end] = params;
      let inc = 1n;
      if (end < start) {
        inc = -1n;
        if (step > 0n) return '';
      }
      return s(untilStep(start, end + inc, step));
    }
    default:
      return '';
  }
}

// toDecimal parses fmt.Sprint(v) as an octal number (unix permissions); failures give 0.
function toDecimal(v: Value): bigint {
  const r = parseInt64(formatValue(v), 8);
  return r.err === null ? r.v : 0n;
}

function divInt(a: bigint, b: bigint, rem: boolean): GoInt {
  if (b === 0n) fail('runtime error: integer divide by zero');
  return i64(rem ? a % b : a / b);
}

/** numericFuncs are sprig's integer/float math, conversions and sequences. */
export const numericFuncs: FuncDef[] = [
  fn(cat, 'add', [VI], 'int64', (xs) => i64(xs.reduce<bigint>((a, x) => a + toInt64(x), 0n)), [
    'add NUM...',
    'Sums the arguments as int64 (floats are truncated first).',
    '{{ add 1 2 3 }} → 6',
  ]),
  fn(cat, 'add1', [I], 'int64', ([x]) => i64(toInt64(x) + 1n), [
    'add1 NUM',
    'Adds 1 (int64 arithmetic).',
    '{{ add1 5 }} → 6',
  ]),
  fn(cat, 'sub', [I, I], 'int64', ([a, b]) => i64(toInt64(a) - toInt64(b)), [
    'sub A B',
    'Subtracts B from A (int64 arithmetic).',
    '{{ sub 5 2 }} → 3',
  ]),
  fn(cat, 'mul', [I, VI], 'int64', ([a, ...xs]) => {
    let v = toInt64(a);
    for (const x of xs) v = BigInt.asIntN(64, v * toInt64(x));
    return i64(v);
  }, [
    'mul A B...',
    'Multiplies the arguments (int64 arithmetic, wraps on overflow).',
    '{{ mul 2 3 4 }} → 24',
  ]),
  fn(cat, 'div', [I, I], 'int64', ([a, b]) => divInt(toInt64(a), toInt64(b), false), [
    'div A B',
    'Integer division truncating toward zero; division by zero is an error.',
    '{{ div 7 2 }} → 3',
  ]),
  fn(cat, 'mod', [I, I], 'int64', ([a, b]) => divInt(toInt64(a), toInt64(b), true), [
    'mod A B',
    'Remainder of integer division (sign of A).',
    '{{ mod 7 3 }} → 1',
  ]),
  fn(cat, 'max', [I, VI], 'int64', ([a, ...xs]) => {
    let v = toInt64(a);
    for (const x of xs) if (toInt64(x) > v) v = toInt64(x);
    return i64(v);
  }, ['max A B...', 'Largest argument as int64.', '{{ max 1 5 3 }} → 5']),
  fn(cat, 'biggest', [I, VI], 'int64', ([a, ...xs]) => {
    let v = toInt64(a);
    for (const x of xs) if (toInt64(x) > v) v = toInt64(x);
    return i64(v);
  }, ['biggest A B...', 'Alias of max.', '{{ biggest 1 5 3 }} → 5']),
  fn(cat, 'min', [I, VI], 'int64', ([a, ...xs]) => {
    let v = toInt64(a);
    for (const x of xs) if (toInt64(x) < v) v = toInt64(x);
    return i64(v);
  }, ['min A B...', 'Smallest argument as int64.', '{{ min 4 2 8 }} → 2']),
  fn(cat, 'addf', [VI], 'float64', (xs) => execDecimalOp(0, xs, decAdd), [
    'addf NUM...',
    'Sums the arguments as floats using decimal arithmetic.',
    '{{ addf 0.1 0.2 }} → 0.3',
  ]),
  fn(cat, 'add1f', [I], 'float64', ([x]) => execDecimalOp(x, [int(1)], decAdd), [
    'add1f NUM',
    'Adds 1 using decimal arithmetic.',
    '{{ add1f 1.5 }} → 2.5',
  ]),
  fn(cat, 'subf', [I, VI], 'float64', ([a, ...xs]) => execDecimalOp(a, xs, decSub), [
    'subf A B...',
    'Subtracts the following arguments from A (decimal arithmetic).',
    '{{ subf 10 1.5 }} → 8.5',
  ]),
  fn(cat, 'mulf', [I, VI], 'float64', ([a, ...xs]) => execDecimalOp(a, xs, decMul), [
    'mulf A B...',
    'Multiplies the arguments (decimal arithmetic).',
    '{{ mulf 1.5 2 }} → 3',
  ]),
  fn(cat, 'divf', [I, VI], 'float64', ([a, ...xs]) => execDecimalOp(a, xs, decDiv), [
    'divf A B...',
    'Divides A by the following arguments (16 decimal places); division by zero is an error.',
    '{{ divf 10 4 }} → 2.5',
  ]),
  fn(cat, 'maxf', [I, VI], 'float64', ([a, ...xs]) => xs.reduce<number>((v, x) => goMax(v, toFloat64(x)), toFloat64(a)), [
    'maxf A B...',
    'Largest argument as float64.',
    '{{ maxf 1 2.5 2 }} → 2.5',
  ]),
  fn(cat, 'minf', [I, VI], 'float64', ([a, ...xs]) => xs.reduce<number>((v, x) => goMin(v, toFloat64(x)), toFloat64(a)), [
    'minf A B...',
    'Smallest argument as float64.',
    '{{ minf 1.5 0.5 }} → 0.5',
  ]),
  fn(cat, 'floor', [I], 'float64', ([x]) => Math.floor(toFloat64(x)), [
    'floor NUM',
    'Largest integer value ≤ NUM, as float64.',
    '{{ floor 1.7 }} → 1',
  ]),
  fn(cat, 'ceil', [I], 'float64', ([x]) => Math.ceil(toFloat64(x)), [
    'ceil NUM',
    'Smallest integer value ≥ NUM, as float64.',
    '{{ ceil 1.2 }} → 2',
  ]),
  fn(cat, 'round', [I, 'int', '...float64'], 'float64', ([a, p, ...opt]) => {
    const roundOn = opt.length > 0 && typeof opt[0] === 'number' ? opt[0] : 0.5;
    return round(a, argInt(p), roundOn);
  }, [
    'round NUM PLACES [ROUNDON]',
    'Rounds to PLACES decimals; fractions ≥ ROUNDON (default .5) round up.',
    '{{ round 3.746 2 }} → 3.75',
  ]),
  fn(cat, 'int', [I], 'int', ([x]) => int(toInt(x)), [
    'int VALUE',
    'Converts to int: floats truncate, strings parse (0x/0 prefixes honoured), failures give 0.',
    '{{ int "42" }} → 42',
  ]),
  fn(cat, 'int64', [I], 'int64', ([x]) => int64(toInt64(x)), [
    'int64 VALUE',
    'Converts to int64 like int.',
    '{{ int64 .Values.port }} → 8080',
  ]),
  fn(cat, 'float64', [I], 'float64', ([x]) => toFloat64(x), [
    'float64 VALUE',
    'Converts to float64; unparsable strings give 0.',
    '{{ float64 "1.5" }} → 1.5',
  ]),
  fn(cat, 'atoi', ['string'], 'int', ([s]) => int(atoi(argStr(s))), [
    'atoi STRING',
    'Parses a base-10 integer (no prefixes or spaces); failures give 0.',
    '{{ atoi "42" }} → 42',
  ]),
  fn(cat, 'toDecimal', [I], 'int64', ([x]) => int64(toDecimal(x)), [
    'toDecimal OCTAL',
    'Converts an octal (unix permission) value to decimal; failures give 0.',
    '{{ toDecimal "0777" }} → 511',
  ]),
  fn(cat, 'until', ['int'], '[]int', ([n]) => {
    const count = argInt(n);
    return untilInts(0n, count, count < 0n ? -1n : 1n);
  }, [
    'until COUNT',
    'Returns the list of ints 0..COUNT-1 (counting down for negative COUNT).',
    '{{ until 3 | toJson }} → [0,1,2]',
  ]),
  fn(cat, 'untilStep', ['int', 'int', 'int'], '[]int', ([a, b, c]) => untilInts(argInt(a), argInt(b), argInt(c)), [
    'untilStep START STOP STEP',
    'Returns the ints from START up to (not including) STOP by STEP.',
    '{{ untilStep 3 6 2 | toJson }} → [3,5]',
  ]),
  fn(cat, 'seq', ['...int'], 'string', (xs) => seq(xs.map(argInt)), [
    'seq [START [STEP]] END',
    'Like the Unix seq: a space-separated string of integers (END inclusive).',
    '{{ seq 1 2 7 }} → 1 3 5 7',
  ]),
];
