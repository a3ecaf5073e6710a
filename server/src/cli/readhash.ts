// What a run read, as one digest: a ChartFS wrapper that hashes every question asked of the file
// system and its answer, in order. Two runs of one command with equal digests read the same bytes
// from the same paths (and saw the same directories and missing files), so everything they built
// from files — chart, values, `.Files`, schemas — is equal: the daemon's incremental renders
// (render/incremental.ts) use it as their fingerprint.
import { createHash, type Hash } from 'node:crypto';
import type { ChartFS } from '../chart/fs';

/** ReadDigest is a recording file system and the digest of what it was asked so far. */
export interface ReadDigest {
  readonly fs: ChartFS;
  /** note adds a read made outside `fs` (a command-line file that is a pipe) and its result. */
  note(op: string, path: string, result: unknown): void;
  digest(): string;
}

/** recordingFS wraps `fs`: every call and its result feed the digest. */
export function recordingFS(fs: ChartFS): ReadDigest {
  const h: Hash = createHash('sha256');
  const note = (op: string, path: string, result: unknown): void => {
    h.update(`${op}\u0000${path}\u0000`);
    if (result instanceof Uint8Array) {
      h.update(`${result.length}\u0000`);
      h.update(result);
    } else h.update(JSON.stringify(result) ?? 'undefined');
    h.update('\u0001');
  };
  // recorded: `call` whose every answer is noted under `op` (with its extra argument, if any).
  const recorded =
    <R, X extends unknown[]>(op: string, call: (path: string, ...x: X) => R) =>
    (path: string, ...x: X): R => {
      const r = call(path, ...x);
      note(x.length > 0 ? `${op} ${x.join(' ')}` : op, path, r);
      return r;
    };
  const wrapped: ChartFS = {
    readFile: recorded('readFile', (p) => fs.readFile(p)),
    readDir: recorded('readDir', (p) => fs.readDir(p)),
    isDirectory: recorded('isDirectory', (p) => fs.isDirectory(p)),
    exists: recorded('exists', (p) => fs.exists(p)),
    displayPath: (path) => fs.displayPath(path),
  };
  const checked = fs.readFileChecked;
  if (checked !== undefined) wrapped.readFileChecked = recorded('readFileChecked', (p, maxSize: number) => checked.call(fs, p, maxSize));
  const dirChecked = fs.readDirChecked;
  if (dirChecked !== undefined) wrapped.readDirChecked = recorded('readDirChecked', (p) => dirChecked.call(fs, p));
  return { fs: wrapped, note, digest: () => h.copy().digest('hex') };
}
