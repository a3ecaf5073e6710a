// RSA key generation from two random primes of OpenSSL's prime generator. Node's
// generateKeyPairSync('rsa') runs OpenSSL 3's SP 800-56B generator (auxiliary primes and 64
// Miller-Rabin rounds per candidate prime besides), measured at ~160-230 ms of CPU per 2048-bit key
// here, where two generatePrimeSync(1024) calls take ~45 ms and Go's rsa.GenerateKey (Helm's
// genCA) ~70 ms: a chart that makes eight certificates (bitnami-harbor) spent over a second in
// it. The key is built as rsa.GenerateKey builds it: e = 65537, p and q of bits/2 bits with the
// top two bits set (so n has exactly `bits` bits), gcd(e, p-1) = gcd(e, q-1) = 1, and the checks
// of FIPS 186-4 B.3.1 (|p - q| > 2^(bits/2 - 100), d > 2^(bits/2)); d = e^-1 mod lcm(p-1, q-1).
import { createPrivateKey, generatePrimeSync, type KeyObject } from 'node:crypto';

const E = 65537n;

/** modInverse is a^-1 mod m for a coprime to m (extended Euclid). */
export function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [a % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new Error('modInverse: not invertible');
  return ((s0 % m) + m) % m;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

/** b64url is a non-negative integer as JWK's base64url of its big-endian bytes. */
function b64url(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return Buffer.from(hex, 'hex').toString('base64url');
}

/** primeNow is a new random prime of `bits` bits from OpenSSL's generator, on this thread. */
function primeNow(bits: number): bigint {
  const p = generatePrimeSync(bits, { bigint: true });
  if (typeof p !== 'bigint') throw new Error('generatePrimeSync: no bigint');
  return p;
}

/**
 * PrimeSource hands out a prime of `bits` bits made ahead of time from OpenSSL's generator (the
 * CLI's pool, render/primepool.ts), or undefined when it has none ready.
 */
export type PrimeSource = (bits: number) => bigint | undefined;

/**
 * rsaKey generates an RSA private key of `bits` bits (an even number, at least 1024). Primes come
 * from `ready` when it has one, else from OpenSSL's generator here.
 */
export function rsaKey(bits: number, ready?: PrimeSource): KeyObject {
  const half = bits / 2;
  const prime = (): bigint => ready?.(half) ?? primeNow(half);
  for (;;) {
    const p = prime();
    const q = prime();
    if ((p - 1n) % E === 0n || (q - 1n) % E === 0n) continue;
    const n = p * q;
    if (bitLength(n) !== bits) continue;
    const diff = p > q ? p - q : q - p;
    if (diff <= 1n << BigInt(half - 100)) continue;
    const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
    const d = modInverse(E, lambda);
    if (d <= 1n << BigInt(half)) continue;
    return createPrivateKey({
      key: {
        kty: 'RSA',
        n: b64url(n),
        e: b64url(E),
        d: b64url(d),
        p: b64url(p),
        q: b64url(q),
        dp: b64url(d % (p - 1n)),
        dq: b64url(d % (q - 1n)),
        qi: b64url(modInverse(q, p)),
      },
      format: 'jwk',
    });
  }
}
