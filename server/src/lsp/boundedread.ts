// Reading a file named by a setting or by a workspace (values files, Chart.yaml in the client):
// only a regular file, only up to a size. The file is opened non-blocking (opening a FIFO must
// not wait for a writer), checked with fstat on the open descriptor (no race with a rename), and
// read up to the cap (a file growing meanwhile cannot push past it). `/dev/zero`, a FIFO, a
// directory or a socket are refused with a reason, never read.
import * as fs from 'node:fs';

/** MAX_VALUES_FILE_BYTES bounds a values file named by `chartwright.valuesFiles` (16 MiB). */
export const MAX_VALUES_FILE_BYTES = 16 * 1024 * 1024;

/** BoundedRead is a file's bytes, or why it was not read (`missing`: it does not exist). */
export type BoundedRead = { readonly bytes: Uint8Array } | { readonly missing: true } | { readonly error: string };

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function mib(n: number): string {
  return `${Math.round((n / (1024 * 1024)) * 10) / 10} MiB`;
}

/** readBoundedFile reads `path` if it is a regular file of at most `maxBytes` bytes. */
export function readBoundedFile(path: string, maxBytes: number): BoundedRead {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: true };
    return { error: e instanceof Error ? e.message : String(e) };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { error: `${kindOf(st)}, not a regular file` };
    if (st.size > maxBytes) return { error: `${mib(st.size)} is larger than the ${mib(maxBytes)} limit` };
    const chunks: Buffer[] = [];
    let total = 0;
    // Chunks of the size fstat saw (plus one byte to see the end): a zeroed 1 MiB buffer per
    // read made reading a chart's templates for the preview's line map cost ~100 ms.
    const size = Math.min(Math.max(st.size + 1, 256), 1024 * 1024);
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(size, maxBytes + 1 - total));
      const got = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) break;
      chunks.push(chunk.subarray(0, got));
      total += got;
      if (total > maxBytes) return { error: `the file grew beyond the ${mib(maxBytes)} limit while it was read` };
    }
    return { bytes: new Uint8Array(Buffer.concat(chunks, total)) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  } finally {
    fs.closeSync(fd);
  }
}
