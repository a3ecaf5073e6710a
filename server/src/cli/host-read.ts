// Files named on the command line (`-f`, `--set-file`) as Helm's values.readFile reads them:
// "-" is standard input, and any readable file is read — also a FIFO or a /dev/fd/N path, as
// the shell's process substitution `-f <(...)` gives. Regular files go through the chart FS.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/** MAX_CLI_STREAM bounds what a pipe, FIFO or device may supply (/dev/zero never ends). */
export const MAX_CLI_STREAM = 256 * 1024 * 1024;

/** StreamTooLargeError reports a stream that exceeded MAX_CLI_STREAM. */
export class StreamTooLargeError extends Error {}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** readAll reads fd to its end (io.ReadAll), at most `max` bytes; waits out EAGAIN on pipes. */
export function readAll(fd: number, name: string, max: number = MAX_CLI_STREAM): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(64 * 1024);
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      if (typeof e === 'object' && e !== null && 'code' in e && e.code === 'EAGAIN') {
        sleep(5);
        continue;
      }
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > max) throw new StreamTooLargeError(`read ${name}: more than ${max} bytes`);
    chunks.push(buf.subarray(0, n));
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

/**
 * cliFileReader returns the reader for command-line files: `regular` reads regular files (the
 * chart FS, with its own checks); "-" reads stdin; other non-directory files are read as streams.
 * undefined means "does not exist" (Helm: `open PATH: no such file or directory`); a directory
 * and a path through a regular file throw Go's errors. Relative paths are relative to `cwd` (the
 * client's working directory in the daemon).
 */
export function cliFileReader(regular: (path: string) => Uint8Array | undefined, cwd: string = process.cwd()): (path: string) => Uint8Array | undefined {
  return (p) => {
    if (p.trim() === '-') return readAll(0, 'stdin');
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      // A path through a regular file: Go's os.ReadFile error.
      if (typeof e === 'object' && e !== null && 'code' in e && e.code === 'ENOTDIR') throw new Error(`open ${p}: not a directory`);
      return undefined;
    }
    if (st.isDirectory()) throw new Error(`read ${p}: is a directory`);
    if (st.isFile()) return regular(p);
    const fd = openSync(abs, 'r');
    try {
      return readAll(fd, p);
    } finally {
      closeSync(fd);
    }
  };
}
