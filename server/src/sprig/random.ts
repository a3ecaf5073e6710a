// Sprig random functions: randAlpha randAlphaNum randAscii randNumeric (goutils CryptoRandom*),
// randInt (math/rand Intn), uuidv4 (google/uuid v4). Randomness comes from ctx.runtime.
// (shuffle lives with the string functions.)
import { FuncError, type CallContext, type FuncDef } from '../template/func';
import { GoInt, type Value } from '../template/value';
import { fn } from './def';
import { MAX_STRING_CHARS, checkAlloc } from './alloc';

/**
 * MAX_REJECTIONS bounds rejection sampling. A uniform source is rejected with probability < 1/2
 * per draw, so 64 rejections in a row happen with probability < 2^-64: falling back to `v % n`
 * then adds a negligible bias, and a constant byte source (deterministic test runtimes) can
 * no longer loop forever.
 */
const MAX_REJECTIONS = 64;

/** randBelow returns a uniform integer in [0, n) from the runtime's random bytes (n >= 1). */
export function randBelow(ctx: CallContext, n: number): number {
  if (n <= 1) return 0;
  const bits = Math.ceil(Math.log2(n));
  const bytes = Math.ceil(bits / 8);
  const mask = bits >= 32 ? 0xffffffff : (1 << bits) - 1;
  for (let tries = 1; ; tries++) {
    const b = ctx.runtime.randomBytes(bytes);
    let v = 0;
    for (const x of b) v = v * 256 + x;
    v = bits >= 32 ? v % 2 ** bits : v & mask;
    if (v < n) return v;
    if (tries >= MAX_REJECTIONS) return v % n;
  }
}

const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = ALPHA.slice(0, 26) + DIGITS + ALPHA.slice(26);

/**
 * cryptoRandom is goutils.CryptoRandom for the sets sprig uses: it draws runes uniformly from
 * [start, end) and keeps those in the accepted set, which makes each accepted rune equally
 * likely — the same distribution as drawing from the set directly. Every set has at most 256
 * characters, so one byte is one draw (as randBelow would take it); bytes are fetched in chunks
 * and the result is built in a byte buffer, so large counts cost linear time and memory.
 */
function cryptoRandom(ctx: CallContext, count: number, set: string): string {
  // A negative count is an error that sprig discards: the result is "".
  if (count <= 0) return '';
  // goutils allocates make([]rune, count) first.
  checkAlloc(count, MAX_STRING_CHARS);
  const n = set.length;
  const mask = (1 << Math.ceil(Math.log2(n))) - 1;
  const out = Buffer.allocUnsafe(count);
  let i = 0;
  let rejections = 0;
  while (i < count) {
    const chunk = ctx.runtime.randomBytes(Math.min(count - i, 65536));
    for (let k = 0; k < chunk.length && i < count; k++) {
      const v = chunk[k] & mask;
      if (v < n) {
        out[i++] = set.charCodeAt(v);
        rejections = 0;
      } else if (++rejections >= MAX_REJECTIONS) {
        out[i++] = set.charCodeAt(v % n);
        rejections = 0;
      }
    }
  }
  return out.toString('latin1');
}

let ASCII = '';
for (let c = 32; c < 127; c++) ASCII += String.fromCharCode(c);

function count(v: Value): number {
  return v instanceof GoInt ? Number(v.v) : 0;
}

/** uuidV4 formats 16 random bytes as an RFC 4122 version-4 UUID. */
export function uuidV4(b: Uint8Array): string {
  const x = new Uint8Array(b);
  x[6] = (x[6] & 0x0f) | 0x40;
  x[8] = (x[8] & 0x3f) | 0x80;
  const h = [...x].map((v) => v.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const I = 'int';
const S = 'string';
const cat = 'random';

/** randomFuncs are sprig's random-string, randInt and uuidv4 functions. */
export const randomFuncs: FuncDef[] = [
  fn(cat, 'randAlpha', [I], S, ([n], ctx) => cryptoRandom(ctx, count(n), ALPHA), [
    'randAlpha COUNT',
    'Random string of COUNT ASCII letters (cryptographic randomness).',
    '{{ randAlpha 8 }}',
  ]),
  fn(cat, 'randAlphaNum', [I], S, ([n], ctx) => cryptoRandom(ctx, count(n), ALNUM), [
    'randAlphaNum COUNT',
    'Random string of COUNT ASCII letters and digits.',
    '{{ randAlphaNum 16 | b64enc }}',
  ]),
  fn(cat, 'randAscii', [I], S, ([n], ctx) => cryptoRandom(ctx, count(n), ASCII), [
    'randAscii COUNT',
    'Random string of COUNT printable ASCII characters (space to ~).',
    '{{ randAscii 12 }}',
  ]),
  fn(cat, 'randNumeric', [I], S, ([n], ctx) => cryptoRandom(ctx, count(n), DIGITS), [
    'randNumeric COUNT',
    'Random string of COUNT decimal digits.',
    '{{ randNumeric 6 }}',
  ]),
  fn(cat, 'randInt', [I, I], I, ([min, max], ctx) => {
    const lo = min instanceof GoInt ? min.v : 0n;
    const hi = max instanceof GoInt ? max.v : 0n;
    const n = hi - lo;
    // math/rand.Intn panics for n <= 0.
    if (n <= 0n) throw new FuncError('invalid argument to Intn');
    return new GoInt('int', BigInt(randBelow(ctx, Number(n))) + lo);
  }, ['randInt MIN MAX', 'Random int in [MIN, MAX).', '{{ randInt 1 10 }}']),
  fn(cat, 'uuidv4', [], S, (_args, ctx) => uuidV4(ctx.runtime.randomBytes(16)), [
    'uuidv4',
    'Random (version 4) UUID.',
    '{{ uuidv4 }} → 3f0c463e-53f5-4f05-a2ec-3c083aa8f937',
  ]),
];
