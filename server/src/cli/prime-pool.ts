// The CLI's key generator: RSA keys (genCA, genSelfSignedCert, genSignedCert: 2048 bits;
// genPrivateKey "rsa": 4096) from primes that a helper thread finds while the render goes on.
// Most of a key's cost is finding its two primes (sprig/rsakey.ts); a chart that makes several
// keys (bitnami-harbor: eight) interleaves them with rendering, so a second core finds the next
// primes meanwhile. The helper starts at the first key, keeps at most AHEAD primes ready, and
// never holds up the process's exit; when no prime is ready the render finds one itself.
import { receiveMessageOnPort, MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { prime, rsaKey, rsaSizeOK } from '../sprig/rsakey';
import { generatePrivateKey } from '../render/nativecrypto';
import type { NativeCrypto, PrivateKeyType } from '../template/func';

// Primes kept ready ahead of use: two keys' worth.
const AHEAD = 4;

// The helper's code (plain JS, run with eval): shared[0] counts primes sent, shared[1] primes
// taken; it sleeps while AHEAD are waiting.
const HELPER = `
const { workerData } = require('node:worker_threads');
const { generatePrimeSync } = require('node:crypto');
const { bits, shared, port, ahead } = workerData;
const n = new Int32Array(shared);
for (;;) {
  const taken = Atomics.load(n, 1);
  if (Atomics.load(n, 0) - taken >= ahead) {
    Atomics.wait(n, 1, taken);
    continue;
  }
  port.postMessage(generatePrimeSync(bits, { bigint: true }).toString(16));
  Atomics.add(n, 0, 1);
}
`;

/** PrimePool hands out random primes of one size, found ahead by a helper thread. */
export class PrimePool {
  private readonly counts = new Int32Array(new SharedArrayBuffer(8));
  private port: MessagePort | undefined;
  private worker: Worker | undefined;

  constructor(readonly bits: number) {
    try {
      const { port1, port2 } = new MessageChannel();
      this.worker = new Worker(HELPER, {
        eval: true,
        workerData: { bits, shared: this.counts.buffer, port: port2, ahead: AHEAD },
        transferList: [port2],
        stdout: true,
        stderr: true,
      });
      this.worker.on('error', () => this.close());
      this.worker.unref();
      port1.unref();
      this.port = port1;
    } catch {
      this.close();
    }
  }

  /** take returns a ready prime, else one found on this thread. */
  take(): bigint {
    const m = this.port !== undefined ? receiveMessageOnPort(this.port) : undefined;
    if (m === undefined || typeof m.message !== 'string') return prime(this.bits);
    Atomics.add(this.counts, 1, 1);
    Atomics.notify(this.counts, 1);
    return BigInt(`0x${m.message}`);
  }

  /** close stops the helper (the process exits without it anyway). */
  close(): void {
    void this.worker?.terminate();
    this.port?.close();
    this.worker = undefined;
    this.port = undefined;
  }
}

/** pooledCrypto is the CLI's NativeCrypto: RSA keys from PrimePools, others from node. */
export function pooledCrypto(): NativeCrypto & { close(): void } {
  const pools = new Map<number, PrimePool>();
  return {
    generatePrivateKey(type: PrivateKeyType, bits: number): Uint8Array {
      if (type !== 'rsa' || !rsaSizeOK(bits)) return generatePrivateKey(type, bits);
      let pool = pools.get(bits / 2);
      if (pool === undefined) {
        pool = new PrimePool(bits / 2);
        pools.set(bits / 2, pool);
      }
      const p = pool;
      return new Uint8Array(rsaKey(bits, () => p.take()).export({ type: 'pkcs8', format: 'der' }));
    },
    close(): void {
      for (const p of pools.values()) p.close();
      pools.clear();
    },
  };
}
