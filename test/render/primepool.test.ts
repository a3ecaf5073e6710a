// The CLI's prime pool (render/primepool.ts, PooledCrypto in render/nativecrypto.ts): primes made
// on a worker are whole primes of the asked size, handed out once each, within the pool's bounds;
// the key builder takes them; the template pipeline hints the pool from the chart's templates.
// Time bounds below only prove "doesn't hang" (generous).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { checkPrimeSync, createPrivateKey, generatePrimeSync } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { PrimePool } from '../../server/src/render/primepool';
import { PooledCrypto, StandingCrypto } from '../../server/src/render/nativecrypto';
import { rsaKey } from '../../server/src/sprig/rsakey';
import { certKeyMentions } from '../../server/src/sprig/crypto';
import { memoryFS } from '../../server/src/chart/fs';
import { runTemplateCommand } from '../../server/src/render/template-command';
import type { NativeCrypto, PrivateKeyType, Runtime } from '../../server/src/template/func';
import { testRuntime } from '../helpers/sprigcall';

const multiCore = availableParallelism() >= 2;
const skip = multiCore ? false : 'a single CPU: the pool does not start';

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** until polls `cond` up to `ms` milliseconds. */
function until(cond: () => boolean, ms = 20_000): boolean {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return false;
    sleep(5);
  }
  return true;
}

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

test('certKeyMentions counts the key-generating certificate functions only', () => {
  const cases: readonly [string[], number][] = [
    [[''], 0],
    [['{{ genCA "a" 1 }}'], 1],
    [['{{ $ca := genCA "a" 1 }}{{ genSignedCert "b" nil nil 1 $ca }}', '{{ genSelfSignedCert "c" nil nil 1 }}'], 3],
    // The ...WithKey forms take a key; genPrivateKey's type is not known before it runs.
    [['{{ genCAWithKey "a" 1 $k }}{{ genSignedCertWithKey "b" nil nil 1 $ca $k }}{{ genSelfSignedCertWithKey "c" nil nil 1 $k }}'], 0],
    [['{{ genPrivateKey "rsa" }}', 'regenCA', 'genCAx'], 0],
  ];
  for (const [texts, want] of cases) assert.equal(certKeyMentions(texts), want, JSON.stringify(texts));
});

test('rsaKey takes its primes from a prime source, and makes its own when the source has none', () => {
  const ready = [generatePrimeSync(512, { bigint: true }), generatePrimeSync(512, { bigint: true })];
  const given = new Set(ready.map((p) => p.toString(16)));
  let asked = 0;
  const key = rsaKey(1024, (bits) => {
    assert.equal(bits, 512);
    asked++;
    return ready.shift();
  });
  const j = key.export({ format: 'jwk' });
  assert.equal(key.asymmetricKeyDetails?.modulusLength, 1024);
  assert.ok(asked >= 2);
  assert.ok(j.p !== undefined && j.q !== undefined);
  const hex = (b64: string): string => BigInt(`0x${Buffer.from(b64, 'base64url').toString('hex')}`).toString(16);
  // The pair is rejected only when n is short or p, q are too close (OpenSSL sets both top bits).
  if (asked === 2) assert.deepEqual(new Set([hex(j.p), hex(j.q)]), given);
});

test('PrimePool: primes of the asked size, each handed out once, at most `ahead` unused and `cap` in all', { skip }, () => {
  const pool = PrimePool.start({ bits: 256, cap: 6, ahead: 3 });
  assert.ok(pool !== undefined);
  try {
    assert.equal(pool.take(512), undefined, 'another size is never served');
    assert.ok(until(() => pool.ready === 3), 'fills up to `ahead`');
    sleep(100);
    assert.equal(pool.made, 3, 'stops at `ahead` while nothing is taken');
    const got: bigint[] = [];
    assert.ok(until(() => {
      const p = pool.take(256);
      if (p !== undefined) got.push(p);
      return got.length === 6;
    }), 'serves `cap` primes');
    sleep(100);
    assert.equal(pool.made, 6, 'never more than `cap`');
    assert.equal(pool.take(256), undefined);
    assert.equal(new Set(got).size, 6);
    for (const p of got) {
      assert.equal(bitLength(p), 256);
      assert.ok(checkPrimeSync(p));
    }
  } finally {
    pool.close();
  }
});

test('PrimePool: close() stops the worker; an unknown size or no room starts nothing', { skip }, () => {
  const pool = PrimePool.start({ bits: 256, cap: 1000, ahead: 1000 });
  assert.ok(pool !== undefined);
  assert.ok(until(() => pool.made >= 1));
  const before = pool.made;
  pool.close();
  // The worker may finish the prime it was making when close() came (a native call), no more;
  // on a loaded machine that one can take a while, so wait for it rather than for a fixed time.
  until(() => pool.made > before, 2000);
  const made = pool.made;
  assert.ok(made <= before + 1, `made ${made} after close at ${before}`);
  sleep(200);
  assert.equal(pool.made, made);
  assert.equal(PrimePool.start({ bits: 256, cap: 0, ahead: 4 }), undefined);
  assert.equal(PrimePool.start({ bits: 256, cap: 4, ahead: 0 }), undefined);
  assert.equal(PrimePool.start({ bits: 252, cap: 4, ahead: 4 }), undefined);
});

test('PrimePool: a process that leaves a pool making primes exits at once', { skip }, () => {
  // 2048-bit primes take seconds each under OpenSSL 3; the pool makes 512-bit ones, so an exit
  // waits at most for one of those.
  const src = join(__dirname, '..', '..', 'server', 'src', 'render', 'primepool.ts');
  const script = `const { PrimePool } = require(${JSON.stringify(src)}); PrimePool.start({ bits: 512, cap: 1000, ahead: 1000 }); setTimeout(() => {}, 100);`;
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(Date.now() - t0 < 15_000);
});

test('PooledCrypto: RSA keys from the pool after expectKeys; other sizes and types as before', { skip }, () => {
  const c = new PooledCrypto({ idleCore: () => true });
  try {
    c.expectKeys('rsa', 1024, 2);
    assert.ok(until(() => c.primesMade === 4));
    const k = createPrivateKey({ key: Buffer.from(c.generatePrivateKey('rsa', 1024)), format: 'der', type: 'pkcs8' });
    assert.equal(k.asymmetricKeyDetails?.modulusLength, 1024);
    const ec = createPrivateKey({ key: Buffer.from(c.generatePrivateKey('ec', 256)), format: 'der', type: 'pkcs8' });
    assert.equal(ec.asymmetricKeyType, 'ec');
    assert.equal(c.primesMade, 4, 'cap: two primes per expected key');
  } finally {
    c.close();
  }
});

test('PooledCrypto: on a busy machine the pool starts at the first key asked for', { skip }, () => {
  const c = new PooledCrypto({ idleCore: () => false });
  try {
    c.expectKeys('rsa', 1024, 2);
    sleep(100);
    assert.equal(c.primesMade, 0, 'nothing made ahead');
    const k = createPrivateKey({ key: Buffer.from(c.generatePrivateKey('rsa', 1024)), format: 'der', type: 'pkcs8' });
    assert.equal(k.asymmetricKeyDetails?.modulusLength, 1024);
    assert.ok(until(() => c.primesMade === 2), 'then makes one key\'s primes ahead');
    sleep(100);
    assert.equal(c.primesMade, 2, 'and no more until they are taken');
  } finally {
    c.close();
  }
});

test('StandingCrypto (the daemon): keeps `ahead` primes ready between commands, refilled as keys take them', { skip }, () => {
  const c = new StandingCrypto(4);
  try {
    assert.equal(c.primesMade, 0, 'nothing before a chart names certificates');
    c.expectKeys('rsa', 1024, 1);
    assert.ok(until(() => c.primesMade === 4), 'ahead of the first key');
    sleep(100);
    assert.equal(c.primesMade, 4, 'at most `ahead` unused');
    const keys = [0, 1].map(() => createPrivateKey({ key: Buffer.from(c.generatePrivateKey('rsa', 1024)), format: 'der', type: 'pkcs8' }));
    for (const k of keys) assert.equal(k.asymmetricKeyDetails?.modulusLength, 1024);
    assert.notEqual(keys[0].export({ type: 'pkcs8', format: 'der' }).toString('hex'), keys[1].export({ type: 'pkcs8', format: 'der' }).toString('hex'));
    assert.ok(until(() => c.primesMade === 8), 'the four taken are made again (for the next command)');
    c.expectKeys('rsa', 1024, 3);
    sleep(100);
    assert.equal(c.primesMade, 8, 'a later hint keeps the same pool');
    const ec = createPrivateKey({ key: Buffer.from(c.generatePrivateKey('ec', 256)), format: 'der', type: 'pkcs8' });
    assert.equal(ec.asymmetricKeyType, 'ec');
  } finally {
    c.close();
  }
});

test('the template pipeline hints the runtime with the loaded charts\' certificate functions', () => {
  const fs = memoryFS({
    'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
    'c/templates/a.yaml': '{{- if false }}{{ genCA "x" 1 }}{{ end }}\n',
    'c/charts/d/Chart.yaml': 'apiVersion: v2\nname: d\nversion: 0.1.0\n',
    'c/charts/d/templates/b.yaml': '{{- if false }}{{ genSelfSignedCert "x" nil nil 1 }}{{ genSignedCert "y" nil nil 1 . }}{{ end }}\n',
    'e/Chart.yaml': 'apiVersion: v2\nname: e\nversion: 0.1.0\n',
    'e/templates/a.yaml': 'a: 1\n',
  });
  const hints: [PrivateKeyType, number, number][] = [];
  const crypto: NativeCrypto = {
    generatePrivateKey: () => new Uint8Array(),
    expectKeys: (type, bits, count) => hints.push([type, bits, count]),
  };
  const runtime: Runtime = { ...testRuntime(), crypto };
  assert.equal(runTemplateCommand(['c'], { fs, cwd: '', runtime }).exitCode, 0);
  assert.deepEqual(hints, [['rsa', 2048, 3]]);
  assert.equal(runTemplateCommand(['e'], { fs, cwd: '', runtime }).exitCode, 0);
  assert.equal(hints.length, 1, 'no hint without certificate functions');
});
