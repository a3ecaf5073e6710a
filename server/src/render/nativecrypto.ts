// The real runtimes' NativeCrypto: node's key generator (OpenSSL), and for the language server
// a bounded session memo so a chart that generates keys or certificates does not pay for them on
// every render. The core never owns this state: it only names the call (function, call site,
// arguments) and asks the runtime.
import { createHash } from 'node:crypto';
import { nodeKey } from '../sprig/crypto';
import type { NativeCrypto, PrivateKeyType } from '../template/func';
import type { Value } from '../template/value';

/** generatePrivateKey is node's generator: a new key as PKCS#8 DER. */
export function generatePrivateKey(type: PrivateKeyType, bits: number): Uint8Array {
  return new Uint8Array(nodeKey(type, bits).export({ type: 'pkcs8', format: 'der' }));
}

/** nodeCrypto is the CLI's NativeCrypto: native keys, no memo (each run is fresh). */
export function nodeCrypto(): NativeCrypto {
  return { generatePrivateKey };
}

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
