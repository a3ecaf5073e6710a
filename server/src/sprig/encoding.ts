// Sprig encoding and hashing functions (strings.go base64/base32, crypto.go sums), with Go's
// encoding/base64 and encoding/base32 decoders: an invalid input returns the Go error text
// ("illegal base64 data at input byte N") as the function's result, like sprig does.
import { createHash } from 'node:crypto';
import type { FuncDef } from '../template/func';
import { utf8Decode, utf8Encode, type Value } from '../template/value';
import { fn } from './def';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function decodeMap(alphabet: string): Int16Array {
  const m = new Int16Array(256).fill(-1);
  for (let i = 0; i < alphabet.length; i++) m[alphabet.charCodeAt(i)] = i;
  return m;
}
const B64MAP = decodeMap(B64);
const B32MAP = decodeMap(B32);

/** CorruptInput is Go's base64/base32 CorruptInputError (the byte offset of the bad input). */
class CorruptInput {
  constructor(readonly offset: number) {}
}

/** b64encode is base64.StdEncoding.EncodeToString. */
export function b64encode(b: Uint8Array): string {
  return Buffer.from(b).toString('base64');
}

/** b64decode is base64.StdEncoding.DecodeString; returns bytes or the corrupt offset. */
export function b64decode(s: string): Uint8Array | CorruptInput {
  const src = utf8Encode(s);
  const out: number[] = [];
  let si = 0;
  for (;;) {
    // decodeQuantum: up to 4 symbols; '\r' and '\n' are skipped anywhere.
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let j = 0;
    let err: CorruptInput | undefined;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return new Uint8Array(out);
        // j == 1 or padding expected
        return new CorruptInput(si - j);
      }
      const c = src[si++];
      const v = B64MAP[c];
      if (v >= 0) {
        dbuf[j] = v;
        continue;
      }
      if (c === 0x0a || c === 0x0d) {
        j--;
        continue;
      }
      if (c !== 0x3d) return new CorruptInput(si - 1);
      // Padding: only valid after 2 or 3 symbols.
      if (j === 0 || j === 1) return new CorruptInput(si - 1);
      if (j === 2) {
        while (si < src.length && (src[si] === 0x0a || src[si] === 0x0d)) si++;
        if (si === src.length) return new CorruptInput(src.length);
        if (src[si] !== 0x3d) return new CorruptInput(si - 1);
        si++;
      }
      while (si < src.length && (src[si] === 0x0a || src[si] === 0x0d)) si++;
      if (si < src.length) err = new CorruptInput(si);
      dlen = j;
      break;
    }
    const val = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    for (let k = 0; k < dlen - 1; k++) out.push(bytes[k]);
    if (err) return err;
    if (dlen < 4) return new Uint8Array(out);
  }
}

/** b32encode is base32.StdEncoding.EncodeToString. */
export function b32encode(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 5) {
    const chunk = b.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = (bits << 8n) | BigInt(chunk[k] ?? 0);
    const symbols = [2, 4, 5, 7, 8][chunk.length - 1];
    for (let k = 0; k < 8; k++) {
      out += k < symbols ? B32[Number((bits >> BigInt(35 - 5 * k)) & 31n)] : '=';
    }
  }
  return out;
}

/** b32decode is base32.StdEncoding.DecodeString (newlines stripped first, as Go does). */
export function b32decode(s: string): Uint8Array | CorruptInput {
  const src = utf8Encode(s).filter((c) => c !== 0x0a && c !== 0x0d);
  const olen = src.length;
  let p = 0;
  const out: number[] = [];
  let end = false;
  while (p < olen && !end) {
    const dbuf = new Array<number>(8).fill(0);
    let dlen = 8;
    for (let j = 0; j < 8; ) {
      const remaining = olen - p;
      if (remaining === 0) return new CorruptInput(olen - remaining - j);
      const c = src[p++];
      const left = olen - p;
      if (c === 0x3d && j >= 2 && left < 8) {
        if (left + j < 8 - 1) return new CorruptInput(olen);
        for (let k = 0; k < 8 - 1 - j; k++) {
          if (left > k && src[p + k] !== 0x3d) return new CorruptInput(olen - left + k - 1);
        }
        dlen = j;
        end = true;
        // 1, 3 and 6 symbols cannot encode a whole byte.
        if (dlen === 1 || dlen === 3 || dlen === 6) return new CorruptInput(olen - left - 1);
        break;
      }
      const v = B32MAP[c];
      if (v < 0) return new CorruptInput(olen - left - 1);
      dbuf[j] = v;
      j++;
    }
    let bits = 0n;
    for (let k = 0; k < 8; k++) bits = (bits << 5n) | BigInt(dbuf[k]);
    const nbytes = [0, 0, 1, 1, 2, 3, 3, 4, 5][dlen];
    for (let k = 0; k < nbytes; k++) out.push(Number((bits >> BigInt(32 - 8 * k)) & 0xffn));
  }
  return new Uint8Array(out);
}

function str(v: Value): string {
  return typeof v === 'string' ? v : '';
}

function decoded(r: Uint8Array | CorruptInput, kind: string): string {
  return r instanceof CorruptInput ? `illegal ${kind} data at input byte ${r.offset}` : utf8Decode(r);
}

/** adler32 is hash/adler32.Checksum. */
export function adler32(b: Uint8Array): number {
  let a = 1;
  let s = 0;
  for (const x of b) {
    a = (a + x) % 65521;
    s = (s + a) % 65521;
  }
  return (s * 65536 + a) >>> 0;
}

function hex(alg: string, s: string): string {
  return createHash(alg).update(utf8Encode(s)).digest('hex');
}

const S = 'string';
const cat = 'encoding';

/** encodingFuncs are sprig's base64/base32 codecs and hash sums. */
export const encodingFuncs: FuncDef[] = [
  fn(cat, 'b64enc', [S], S, ([s]) => b64encode(utf8Encode(str(s))), [
    'b64enc STRING',
    'Encodes STRING with standard base64.',
    '{{ "Hello, world!" | b64enc }} → SGVsbG8sIHdvcmxkIQ==',
  ]),
  fn(cat, 'b64dec', [S], S, ([s]) => decoded(b64decode(str(s)), 'base64'), [
    'b64dec STRING',
    'Decodes standard base64; invalid input returns the error text instead of failing.',
    '{{ "SGVsbG8=" | b64dec }} → Hello',
  ]),
  fn(cat, 'b32enc', [S], S, ([s]) => b32encode(utf8Encode(str(s))), [
    'b32enc STRING',
    'Encodes STRING with standard base32.',
    '{{ "Hello" | b32enc }} → JBSWY3DP',
  ]),
  fn(cat, 'b32dec', [S], S, ([s]) => decoded(b32decode(str(s)), 'base32'), [
    'b32dec STRING',
    'Decodes standard base32; invalid input returns the error text instead of failing.',
    '{{ "JBSWY3DP" | b32dec }} → Hello',
  ]),
  fn(cat, 'sha1sum', [S], S, ([s]) => hex('sha1', str(s)), [
    'sha1sum STRING',
    'Hex SHA-1 digest of STRING.',
    '{{ sha1sum "Hello world!" }} → d3486ae9136e7856bc42212385ea797094475802',
  ]),
  fn(cat, 'sha256sum', [S], S, ([s]) => hex('sha256', str(s)), [
    'sha256sum STRING',
    'Hex SHA-256 digest of STRING (e.g. a checksum annotation to roll pods on config change).',
    '{{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}',
  ]),
  fn(cat, 'sha512sum', [S], S, ([s]) => hex('sha512', str(s)), [
    'sha512sum STRING',
    'Hex SHA-512 digest of STRING.',
    '{{ sha512sum "Hello world!" }}',
  ]),
  fn(cat, 'adler32sum', [S], S, ([s]) => String(adler32(utf8Encode(str(s)))), [
    'adler32sum STRING',
    'Adler-32 checksum of STRING, in decimal.',
    '{{ adler32sum "Hello world!" }} → 487130206',
  ]),
];
