// The CLI's RSA key generator (cli/prime-pool.ts): primes found ahead by a helper thread, and
// whole keys of the sizes sprig asks for. Other key types go to node's generator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPrimeSync, createPrivateKey } from 'node:crypto';
import { PrimePool, pooledCrypto } from '../../server/src/cli/prime-pool';

test('PrimePool: primes of the asked size with the top two bits set, from the helper or not', () => {
  const pool = new PrimePool(512);
  try {
    for (let i = 0; i < 6; i++) {
      const p = pool.take();
      assert.ok(checkPrimeSync(p));
      assert.equal(p >> 510n, 3n);
    }
  } finally {
    pool.close();
  }
  // A closed pool still answers, from this thread.
  assert.ok(checkPrimeSync(pool.take()));
});

test('pooledCrypto: PKCS#8 keys of each type and size', () => {
  const c = pooledCrypto();
  try {
    const cases: readonly [Parameters<typeof c.generatePrivateKey>[0], number, string, number | undefined][] = [
      ['rsa', 2048, 'rsa', 2048],
      ['rsa', 2048, 'rsa', 2048],
      ['ec', 256, 'ec', undefined],
      ['ed25519', 0, 'ed25519', undefined],
    ];
    for (const [type, bits, want, modulus] of cases) {
      const k = createPrivateKey({ key: Buffer.from(c.generatePrivateKey(type, bits)), format: 'der', type: 'pkcs8' });
      assert.equal(k.asymmetricKeyType, want);
      assert.equal(k.asymmetricKeyDetails?.modulusLength, modulus);
    }
  } finally {
    c.close();
  }
});
