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
  const wrapped: ChartFS = {
    readFile(path) {
      const r = fs.readFile(path);
      note('readFile', path, r);
      return r;
    },
    readDir(path) {
      const r = fs.readDir(path);
      note('readDir', path, r);
      return r;
    },
    isDirectory(path) {
      const r = fs.isDirectory(path);
      note('isDirectory', path, r);
      return r;
    },
    exists(path) {
      const r = fs.exists(path);
      note('exists', path, r);
      return r;
    },
    displayPath: (path) => fs.displayPath(path),
  };
  const checked = fs.readFileChecked;
  if (checked !== undefined) {
    wrapped.readFileChecked = (path, maxSize) => {
      const r = checked.call(fs, path, maxSize);
      note(`readFileChecked ${maxSize}`, path, r);
      return r;
    };
  }
  const dirChecked = fs.readDirChecked;
  if (dirChecked !== undefined) {
    wrapped.readDirChecked = (path) => {
      const r = dirChecked.call(fs, path);
      note('readDirChecked', path, r);
      return r;
    };
  }
  return { fs: wrapped, note, digest: () => h.copy().digest('hex') };
}
