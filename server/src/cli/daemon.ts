// The CLI's daemon: a background process that keeps the renderer loaded and warm, so a
// `chartwright template|lint` after the first one costs node's start and the render, not the
// load of the bundle and the interpreter's first pass over it. The launcher (bin/chartwright.js
// with bin/daemon-client.js) connects to its socket, sends the command, and prints what comes
// back; when there is no daemon it runs the command itself and starts one for the next command.
//
// A daemon never changes an outcome: it runs the same code on the same files (read afresh for
// every command), with the client's working directory and environment, and fresh randomness
// and keys for every command as a one-shot run. What it keeps between commands: template parses
// (compared by text), compiled code. Anything it cannot do as the client would (a run that needs
// the big stack, --output-dir, standard input) is answered "run it yourself".
//
// Protocol (one connection per command): the client sends one line of JSON, DaemonRequest; the
// daemon answers with one line of JSON, DaemonAnswer, then the stdout bytes and the stderr bytes
// the answer announced, and closes. The socket lives in a folder only its user can enter.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { chmodSync, closeSync, lstatSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { utf8Encode } from '../template/value';
import type { Outcome } from './stack-fallback';

/** DaemonRequest is one command: argv after the program name, as the client got it. */
export interface DaemonRequest {
  readonly argv: readonly string[];
  /** cwd: the client's working directory (absolute). */
  readonly cwd: string;
  /**
   * cwdId: the client's `dev:ino` of cwd. The daemon serves only a client that sees the same
   * folder under that path (a container sharing the cache folder may not).
   */
  readonly cwdId?: string;
  readonly env: Readonly<Record<string, string>>;
}

/** DaemonAnswer heads the answer: the outcome's sizes in bytes, or a refusal. */
export type DaemonAnswer = { readonly exitCode: number; readonly stdout: number; readonly stderr: number } | { readonly fallback: string };

/** DaemonOptions bound the daemon's life. */
export interface DaemonOptions {
  /** idleMs: exit after this long without a command. */
  readonly idleMs: number;
  /** maxRss: exit after a command that left the process this big (bytes). */
  readonly maxRss: number;
  /** stale: the code the daemon runs was replaced (a rebuilt or reinstalled bundle): exit. */
  readonly stale?: () => boolean;
}

/** DEFAULT_IDLE_MS: a daemon lives 10 minutes past its last command. */
export const DEFAULT_IDLE_MS = 10 * 60 * 1000;

// A request line longer than this is not a client's (argv and environment are a few KB).
const MAX_REQUEST = 4 << 20;

/** parseRequest checks a request line's shape; undefined when it is not a DaemonRequest. */
export function parseRequest(line: string): DaemonRequest | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const argv = o.argv;
  const env = o.env;
  if (!Array.isArray(argv) || !argv.every((a): a is string => typeof a === 'string')) return undefined;
  if (typeof o.cwd !== 'string' || !o.cwd.startsWith('/')) return undefined;
  if (typeof env !== 'object' || env === null || Array.isArray(env)) return undefined;
  const e: Record<string, string> = {};
  for (const [k, x] of Object.entries(env)) if (typeof x === 'string') e[k] = x;
  return typeof o.cwdId === 'string' ? { argv, cwd: o.cwd, cwdId: o.cwdId, env: e } : { argv, cwd: o.cwd, env: e };
}

/** answerBytes is what the daemon writes back for an outcome (or a refusal). */
export function answerBytes(r: Outcome | { fallback: string }): Buffer {
  if ('fallback' in r) return Buffer.from(JSON.stringify({ fallback: r.fallback }) + '\n');
  // Rendered text may hold raw non-UTF-8 bytes as lone surrogates (see writeOut in main.ts).
  const out = utf8Encode(r.stdout);
  const err = utf8Encode(r.stderr);
  const head: DaemonAnswer = { exitCode: r.exitCode, stdout: out.length, stderr: err.length };
  return Buffer.concat([Buffer.from(JSON.stringify(head) + '\n'), out, err]);
}

/**
 * refusal tells why the daemon must not run `argv` for a client (undefined: it may). It reads
 * files afresh as the client would, but not the client's standard input or its /dev/fd and
 * /proc/self files (the shell's `-f <(...)`), and it writes no --output-dir files (they belong
 * to the client's working directory and umask).
 */
export function refusal(argv: readonly string[]): string | undefined {
  const [cmd, ...rest] = argv;
  if (cmd !== 'template' && cmd !== 'lint') return 'not a rendering command';
  for (const a of rest) {
    if (a === '--') break;
    if (a === '--output-dir' || a.startsWith('--output-dir=')) return '--output-dir';
    // `-f -`, `--values=-`, `--set-file k=-`, `-f-` (a shorthand with its value attached).
    if (a === '-' || a.endsWith('=-') || /^-[A-Za-z]+-$/.test(a)) return 'standard input';
    if (a.includes('/dev/') || a.includes('/proc/')) return 'a file of the client process';
  }
  return undefined;
}

/** sameFolder: `cwd` is, for this process, the folder the client identified by `cwdId`. */
export function sameFolder(cwd: string, cwdId: string | undefined): boolean {
  try {
    const st = lstatSync(cwd);
    return cwdId === `${st.dev}:${st.ino}`;
  } catch {
    return false;
  }
}

/**
 * privateFolder makes sure `dir` is a folder of this user that nobody else can enter (created
 * 0700 when absent): the socket in it then takes commands from this user only.
 */
export function privateFolder(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    const uid = typeof process.getuid === 'function' ? process.getuid() : st.uid;
    return st.isDirectory() && st.uid === uid && (st.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

/** removeFiles removes each of `paths` that is there (one already gone, or removed meanwhile, is no error). */
function removeFiles(...paths: string[]): void {
  for (const p of paths) {
    try {
      unlinkSync(p);
    } catch {
      // gone already
    }
  }
}

function inode(path: string): number | undefined {
  try {
    return lstatSync(path).ino;
  } catch {
    return undefined;
  }
}

/**
 * closeInherited closes the file descriptors the daemon inherited from the command that started
 * it (Linux; elsewhere nothing): a shell's or a CI runner's pipe held open by a process that
 * outlives the command would keep its reader waiting for the end. Node's own descriptors are
 * all close-on-exec; an inherited one (beyond 0-2, already /dev/null) is not.
 */
export function closeInherited(): number {
  let fds: string[];
  try {
    fds = readdirSync('/proc/self/fdinfo');
  } catch {
    return 0;
  }
  const info = (fd: number): string | undefined => {
    try {
      return readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1');
    } catch {
      return undefined;
    }
  };
  let closed = 0;
  for (const fd of inheritedFds(fds, info)) {
    try {
      closeSync(fd);
      closed++;
    } catch {
      // gone meanwhile, or the listing's own descriptor
    }
  }
  return closed;
}

/** inheritedFds picks, from /proc/self/fdinfo's names and texts, the descriptors above 2 without O_CLOEXEC. */
export function inheritedFds(names: readonly string[], info: (fd: number) => string | undefined): number[] {
  const out: number[] = [];
  for (const name of names) {
    const fd = Number(name);
    if (!Number.isInteger(fd) || fd <= 2) continue;
    const flags = /^flags:\s*([0-7]+)/m.exec(info(fd) ?? '');
    if (flags !== null && (parseInt(flags[1], 8) & 0o2000000) === 0) out.push(fd);
  }
  return out;
}

/**
 * serveDaemon listens on `socketPath` and runs each command with `run` (undefined: the client
 * must run it itself). It exits when idle for `idleMs`, when its socket is removed or taken
 * over (a cleared cache folder), when another daemon already serves the socket, or when a
 * command left it bigger than `maxRss`.
 */
export function serveDaemon(socketPath: string, run: (req: DaemonRequest) => Outcome | undefined, o: DaemonOptions): void {
  if (!privateFolder(dirname(socketPath))) return;
  closeInherited();
  let ours: number | undefined;
  let idle: NodeJS.Timeout | undefined;
  const server: Server = createServer((sock) => handle(sock));
  const quit = (): void => {
    if (ours !== undefined && inode(socketPath) === ours) removeFiles(socketPath, `${socketPath}.pid`, `${socketPath}.busy`);
    ours = undefined;
    server.close();
    process.exit(0);
  };
  const touch = (): void => {
    if (idle !== undefined) clearTimeout(idle);
    idle = setTimeout(quit, o.idleMs);
  };
  const handle = (sock: Socket): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    sock.on('error', () => sock.destroy());
    sock.on('data', (d: Buffer) => {
      if (done) return;
      const nl = d.indexOf(0x0a);
      chunks.push(nl < 0 ? d : d.subarray(0, nl));
      size += d.length;
      if (nl < 0 && size <= MAX_REQUEST) return;
      done = true;
      const req = nl < 0 ? undefined : parseRequest(Buffer.concat(chunks).toString('utf8'));
      let answer: Outcome | { fallback: string };
      if (req === undefined) answer = { fallback: 'bad request' };
      else {
        // While it runs, `<sock>.busy` tells other clients to run their commands themselves
        // (parallel commands would otherwise wait for this one: the daemon runs one at a time).
        const busy = `${socketPath}.busy`;
        try {
          writeFileSync(busy, `${process.pid}\n`);
        } catch {
          // clients then wait their turn
        }
        try {
          answer = run(req) ?? { fallback: 'needs the client' };
        } catch (e) {
          answer = { fallback: e instanceof Error ? e.message : String(e) };
        }
        removeFiles(busy);
      }
      sock.end(answerBytes(answer));
      touch();
      if (process.memoryUsage.rss() > o.maxRss) sock.on('close', quit);
    });
  };
  const listen = (retry: boolean): void => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EADDRINUSE' || !retry) return process.exit(0);
      // A socket file is there: a live daemon answers (then this one is not needed), a dead
      // one's socket refuses and is replaced.
      const probe = createConnection(socketPath);
      probe.once('connect', () => {
        probe.destroy();
        // The lock of the client that started this one: a daemon serves already.
        removeFiles(`${socketPath}.lock`);
        process.exit(0);
      });
      probe.once('error', () => {
        removeFiles(socketPath);
        listen(false);
      });
    });
    server.listen(socketPath, () => {
      try {
        chmodSync(socketPath, 0o600);
        writeFileSync(`${socketPath}.pid`, `${process.pid}\n`);
      } catch {
        // the folder's own permissions still guard it
      }
      ours = inode(socketPath);
      // The lock of the client that started it, and the busy mark of a daemon that died mid-command.
      removeFiles(`${socketPath}.lock`, `${socketPath}.busy`);
      touch();
      // A removed socket (a cleared cache folder), one another daemon took over, or a replaced
      // bundle (its clients now use another socket) ends this one.
      setInterval(() => {
        if (inode(socketPath) !== ours || o.stale?.() === true) quit();
      }, 5000).unref();
    });
  };
  // `chartwright daemon stop` (or any SIGTERM/SIGINT) ends it cleanly, its files removed.
  process.on('SIGTERM', quit);
  process.on('SIGINT', quit);
  listen(true);
}
