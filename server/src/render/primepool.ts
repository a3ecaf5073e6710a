// Primes for RSA keys made ahead on a second core (the CLI only). The render is synchronous on the
// main thread, and a chart that makes certificates spends most of its time in OpenSSL's prime
// generator (bitnami-harbor: 16 primes of 1024 bits, ~500 ms). A tiny worker (an inline script,
// not the bundle) generates primes into a SharedArrayBuffer while the main thread renders; the
// key builder (sprig/rsakey.ts) takes a ready one or makes its own, so both cores make primes.
//
// Bounded: the worker never holds more than `ahead` unused primes nor makes more than `cap`, and
// stops at close(). It is unref'd, so it never keeps the process alive; the process's exit still
// waits for a prime being made at that moment (tens of ms at most: a native call cannot be
// interrupted), which close() after the render overlaps with printing.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

// Int32 control words at the start of the shared buffer, then `cap` slots of bits/8 bytes.
const PRODUCED = 0; // primes written (by the worker), slots 0..PRODUCED-1
const TAKEN = 1; // primes handed out (by the main thread), slots 0..TAKEN-1
const STOP = 2; // 1: the worker ends after its current prime
const AHEAD = 3; // the worker waits while PRODUCED - TAKEN >= AHEAD
const HEADER_BYTES = 16;

// The worker: plain JavaScript, evaluated (no bundle, no project code).
const WORKER_SCRIPT = `'use strict';
const { workerData } = require('node:worker_threads');
const { generatePrimeSync } = require('node:crypto');
const { buffer, bits, cap } = workerData;
const ctl = new Int32Array(buffer, 0, 4);
const size = bits / 8;
for (;;) {
  if (Atomics.load(ctl, ${STOP}) !== 0) break;
  const produced = Atomics.load(ctl, ${PRODUCED});
  if (produced >= cap) break;
  const taken = Atomics.load(ctl, ${TAKEN});
  if (produced - taken >= Atomics.load(ctl, ${AHEAD})) {
    Atomics.wait(ctl, ${TAKEN}, taken);
    continue;
  }
  const p = new Uint8Array(generatePrimeSync(bits));
  new Uint8Array(buffer, ${HEADER_BYTES} + produced * size, size).set(p, size - p.length);
  Atomics.store(ctl, ${PRODUCED}, produced + 1);
}
`;

/** PrimePoolOptions size a pool. */
export interface PrimePoolOptions {
  /** bits of each prime (a multiple of 8). */
  readonly bits: number;
  /** cap: the most primes the worker makes. */
  readonly cap: number;
  /** ahead: the most unused primes it holds. */
  readonly ahead: number;
}

/** PrimePool is a worker making primes of one size ahead; take() hands them out in order. */
export class PrimePool {
  private readonly ctl: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly size: number;

  private constructor(
    readonly bits: number,
    private readonly buffer: SharedArrayBuffer,
  ) {
    this.ctl = new Int32Array(buffer, 0, 4);
    this.bytes = new Uint8Array(buffer);
    this.size = bits / 8;
  }

  /**
   * start starts a pool, or returns undefined where one cannot help (a single core) or cannot
   * run (no worker threads).
   */
  static start(o: PrimePoolOptions): PrimePool | undefined {
    if (o.cap <= 0 || o.ahead <= 0 || o.bits % 8 !== 0 || availableParallelism() < 2) return undefined;
    const pool = new PrimePool(o.bits, new SharedArrayBuffer(HEADER_BYTES + o.cap * (o.bits / 8)));
    Atomics.store(pool.ctl, AHEAD, o.ahead);
    try {
      const w = new Worker(WORKER_SCRIPT, {
        eval: true,
        workerData: { buffer: pool.buffer, bits: o.bits, cap: o.cap },
        // The launcher's V8 flags and arguments are for rendering threads.
        execArgv: [],
        stdout: false,
        stderr: false,
      });
      w.unref();
      // A worker that fails (out of memory, ...) only stops supplying primes.
      w.on('error', () => undefined);
    } catch {
      return undefined;
    }
    return pool;
  }

  /** take returns the next ready prime of `bits` bits, or undefined when none is ready. */
  take(bits: number): bigint | undefined {
    if (bits !== this.bits) return undefined;
    const taken = Atomics.load(this.ctl, TAKEN);
    if (taken >= Atomics.load(this.ctl, PRODUCED)) return undefined;
    const at = HEADER_BYTES + taken * this.size;
    const hex = Buffer.from(this.bytes.subarray(at, at + this.size)).toString('hex');
    Atomics.store(this.ctl, TAKEN, taken + 1);
    Atomics.notify(this.ctl, TAKEN);
    return BigInt(`0x${hex}`);
  }

  /** ready is the number of primes made and not yet taken. */
  get ready(): number {
    return Atomics.load(this.ctl, PRODUCED) - Atomics.load(this.ctl, TAKEN);
  }

  /** spent: the worker made its last prime (`cap`) and every one was taken. */
  get spent(): boolean {
    const made = Atomics.load(this.ctl, PRODUCED);
    return made >= (this.bytes.length - HEADER_BYTES) / this.size && Atomics.load(this.ctl, TAKEN) >= made;
  }

  /** made is the number of primes the worker has made. */
  get made(): number {
    return Atomics.load(this.ctl, PRODUCED);
  }

  /** close stops the worker after the prime it is making (idempotent). */
  close(): void {
    Atomics.store(this.ctl, STOP, 1);
    Atomics.notify(this.ctl, TAKEN);
  }
}
