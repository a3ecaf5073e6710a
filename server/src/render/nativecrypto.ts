// The real runtimes' NativeCrypto: node's key generator (OpenSSL), and for the language server
// a bounded session memo so a chart that generates keys or certificates does not pay for them on
// every render. The core never owns this state: it only names the call (function, call site,
// arguments) and asks the runtime.
import { createHash } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { nodeKey } from '../sprig/crypto';
import { rsaKey } from '../sprig/rsakey';
import { PrimePool } from './primepool';
import type { NativeCrypto, PrivateKeyType } from '../template/func';
import type { Value } from '../template/value';

/** generatePrivateKey is node's generator: a new key as PKCS#8 DER. */
export function generatePrivateKey(type: PrivateKeyType, bits: number): Uint8Array {
  return new Uint8Array(nodeKey(type, bits).export({ type: 'pkcs8', format: 'der' }));
}

/** nodeCrypto is node's generator without a memo (each run is fresh). */
export function nodeCrypto(): NativeCrypto {
  return { generatePrivateKey };
}

// Unused primes the CLI's pool holds at most (16: bitnami-harbor's eight certificates).
const POOL_AHEAD = 16;
// A pool started at the first key (a busy machine) keeps one key's primes ahead: both threads make
// primes while keys are asked for, and few are left unused when the render ends.
const LAZY_AHEAD = 2;
// The most primes one pool makes (its shared buffer: 32 KB for 1024-bit primes).
const MAX_POOL_PRIMES = 256;

/** SessionCryptoOptions bound the memo. */
export interface SessionCryptoOptions {
  /** maxEntries: the memo keeps the most recently used results (default 256). */
  readonly maxEntries?: number;
  /** maxAgeMs: a result older than this is generated again (default one hour). */
  readonly maxAgeMs?: number;
  /** clock for the age (default Date.now). */
  readonly clock?: () => number;
  /** generate replaces node's generator (tests). */
  readonly generate?: (type: PrivateKeyType, bits: number) => Uint8Array;
}

/** SessionCrypto is the language server's NativeCrypto: native keys and an LRU memo. */
export class SessionCrypto implements NativeCrypto {
  private readonly memo = new Map<string, { value: Value; at: number }>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly clock: () => number;
  readonly generatePrivateKey: (type: PrivateKeyType, bits: number) => Uint8Array;

  constructor(opts: SessionCryptoOptions = {}) {
    this.maxEntries = opts.maxEntries ?? 256;
    this.maxAgeMs = opts.maxAgeMs ?? 3600_000;
    this.clock = opts.clock ?? Date.now;
    this.generatePrivateKey = opts.generate ?? generatePrivateKey;
  }

  /** size is the number of stored results. */
  get size(): number {
    return this.memo.size;
  }

  reuse(key: string, compute: () => Value): Value {
    // Keys carry PEM arguments: store a digest, not the text.
    const k = createHash('sha256').update(key).digest('base64');
    const now = this.clock();
    const hit = this.memo.get(k);
    if (hit !== undefined && now - hit.at <= this.maxAgeMs) {
      this.memo.delete(k);
      this.memo.set(k, hit);
      return hit.value;
    }
    const value = compute();
    this.memo.delete(k);
    this.memo.set(k, { value, at: now });
    while (this.memo.size > this.maxEntries) {
      const oldest = this.memo.keys().next();
      if (oldest.done === true) break;
      this.memo.delete(oldest.value);
    }
    return value;
  }
}

/** pooledRsaKey is a `bits`-bit RSA key (PKCS#8 DER) from the pool's ready primes, else its own. */
function pooledRsaKey(bits: number, pool: PrimePool): Uint8Array {
  return new Uint8Array(rsaKey(bits, (b) => pool.take(b)).export({ type: 'pkcs8', format: 'der' }));
}

/** PooledCryptoOptions tune the CLI's pool (tests). */
export interface PooledCryptoOptions {
  /** ahead: unused primes the pool holds at most (default POOL_AHEAD). */
  readonly ahead?: number;
  /** idleCore tells whether a core is free now, to make primes before any is asked for. */
  readonly idleCore?: () => boolean;
}

/** idleCore: the last minute's load leaves at least half a core free (no load average: yes). */
function idleCore(): boolean {
  return loadavg()[0] < availableParallelism() - 0.5;
}

/**
 * PooledCrypto is the CLI's NativeCrypto: node's generator, plus a PrimePool that makes RSA
 * primes on a second core while the main thread renders (render/primepool.ts). expectKeys (the
 * loaded chart names certificate functions `count` times) starts the pool at once when a core is
 * idle; otherwise, or without a hint, nothing is made ahead until the first key is asked for (a
 * busy machine has no core to spare for keys a chart may never make: bitnami-airflow names
 * genCA eight times under `if`s that are false by default). The pool makes at most two primes
 * per expected key, holding at most `ahead` unused (LAZY_AHEAD when started late). close() ends
 * it when the command is done.
 */
export class PooledCrypto implements NativeCrypto {
  private pool: PrimePool | undefined;
  private expected: { bits: number; count: number } | undefined;
  private readonly ahead: number;
  private readonly idleCore: () => boolean;

  constructor(o: PooledCryptoOptions = {}) {
    this.ahead = o.ahead ?? POOL_AHEAD;
    this.idleCore = o.idleCore ?? idleCore;
  }

  generatePrivateKey(type: PrivateKeyType, bits: number): Uint8Array {
    if (type === 'rsa' && this.pool === undefined && this.expected?.bits === bits) this.startPool(LAZY_AHEAD);
    const pool = this.pool;
    if (type !== 'rsa' || pool === undefined || bits !== pool.bits * 2) return generatePrivateKey(type, bits);
    return pooledRsaKey(bits, pool);
  }

  expectKeys(type: PrivateKeyType, bits: number, count: number): void {
    if (type !== 'rsa' || this.expected !== undefined || count <= 0 || bits < 1024 || bits % 16 !== 0) return;
    this.expected = { bits, count };
    if (this.idleCore()) this.startPool(this.ahead);
  }

  private startPool(ahead: number): void {
    const e = this.expected;
    if (e === undefined || this.pool !== undefined) return;
    // Started once: a pool that cannot start (one core) is not tried again.
    this.expected = { bits: 0, count: 0 };
    const cap = Math.min(2 * e.count, MAX_POOL_PRIMES);
    this.pool = PrimePool.start({ bits: e.bits / 2, cap, ahead: Math.min(ahead, cap) });
  }

  /** primesMade is how many primes the pool's worker made (0 without a pool). */
  get primesMade(): number {
    return this.pool?.made ?? 0;
  }

  close(): void {
    this.pool?.close();
  }
}

/**
 * StandingCrypto is the CLI daemon's NativeCrypto (cli/main.ts daemonRunner): one prime pool that
 * outlives commands. Once a command's chart names certificate functions (expectKeys) or asks for
 * an RSA key, the pool keeps up to `ahead` primes of that size ready on a second core, refilled
 * between commands, so a chart that makes certificates gets most of its primes made already
 * (bitnami-harbor: 16 per command). Every prime is used once; keys are as random as a one-shot
 * command's. A spent pool (MAX_POOL_PRIMES made and taken) is replaced; close() ends it.
 */
export class StandingCrypto implements NativeCrypto {
  private pool: PrimePool | undefined;

  constructor(private readonly ahead = POOL_AHEAD) {}

  generatePrivateKey(type: PrivateKeyType, bits: number): Uint8Array {
    const pool = type === 'rsa' ? this.poolFor(bits) : undefined;
    if (pool === undefined) return generatePrivateKey(type, bits);
    return pooledRsaKey(bits, pool);
  }

  expectKeys(type: PrivateKeyType, bits: number, count: number): void {
    if (type === 'rsa' && count > 0) this.poolFor(bits);
  }

  /** poolFor is a live pool making primes for `bits`-bit RSA keys (started or replaced as needed). */
  private poolFor(bits: number): PrimePool | undefined {
    if (bits < 1024 || bits % 16 !== 0) return undefined;
    const p = this.pool;
    if (p !== undefined && p.bits === bits / 2 && !p.spent) return p;
    p?.close();
    this.pool = PrimePool.start({ bits: bits / 2, cap: MAX_POOL_PRIMES, ahead: this.ahead });
    return this.pool;
  }

  /** primesMade is how many primes the current pool's worker made (0 without a pool). */
  get primesMade(): number {
    return this.pool?.made ?? 0;
  }

  close(): void {
    this.pool?.close();
  }
}
