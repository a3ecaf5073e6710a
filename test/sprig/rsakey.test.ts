// rsaKey (sprig/rsakey.ts): RSA keys built from two OpenSSL primes are whole, consistent keys of
// the asked size, as rsa.GenerateKey's (Helm's genCA, genPrivateKey "rsa").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPrimeSync, createPublicKey, privateDecrypt, publicEncrypt, sign, verify } from 'node:crypto';
import { modInverse, rsaKey } from '../../server/src/sprig/rsakey';

function big(b64: string | undefined): bigint {
  assert.ok(b64 !== undefined);
  return BigInt(`0x${Buffer.from(b64, 'base64url').toString('hex')}`);
}

const SIZES: readonly number[] = [2048, 4096];

for (const bits of SIZES) {
  test(`rsaKey(${bits}): size, CRT parameters, primes, sign and decrypt`, () => {
    const key = rsaKey(bits);
    assert.equal(key.asymmetricKeyType, 'rsa');
    assert.equal(key.asymmetricKeyDetails?.modulusLength, bits);
    const j = key.export({ format: 'jwk' });
    const [n, e, d, p, q] = [big(j.n), big(j.e), big(j.d), big(j.p), big(j.q)];
    assert.equal(e, 65537n);
    assert.equal(p * q, n);
    assert.ok(checkPrimeSync(p) && checkPrimeSync(q));
    assert.equal((d * e) % (p - 1n), 1n);
    assert.equal((d * e) % (q - 1n), 1n);
    assert.equal(big(j.dp), d % (p - 1n));
    assert.equal(big(j.dq), d % (q - 1n));
    assert.equal((big(j.qi) * q) % p, 1n);
    const pub = createPublicKey(key);
    const msg = Buffer.from('chartwright');
    assert.ok(verify('sha256', msg, pub, sign('sha256', msg, key)));
    assert.deepEqual(privateDecrypt(key, publicEncrypt(pub, msg)), msg);
    assert.match(key.export({ type: 'pkcs1', format: 'pem' }).toString(), /^-----BEGIN RSA PRIVATE KEY-----\n/);
  });
}

test('modInverse', () => {
  const cases: readonly [bigint, bigint, bigint][] = [
    [3n, 11n, 4n],
    [65537n, 3120n * 1000003n, modInverse(65537n, 3120n * 1000003n)],
    [10n, 17n, 12n],
  ];
  for (const [a, m, want] of cases) {
    assert.equal(modInverse(a, m), want);
    assert.equal((a * want) % m, 1n);
  }
  assert.throws(() => modInverse(6n, 9n), /not invertible/);
});
