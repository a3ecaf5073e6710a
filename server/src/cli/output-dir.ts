// `--output-dir` on disk: cmd/template.go's writeToFile (ensureDirectoryForFile, os.MkdirAll,
// os.Create / os.OpenFile(O_APPEND)) with Go's error texts, so a failed write prints Helm's
// `Error: mkdir out/x: not a directory` instead of a stack trace.
import { closeSync, lstatSync, mkdirSync, openSync, statSync, writeSync, type Stats } from 'node:fs';
import type { FileWrite, OutputFS } from '../render/manifests';
import { dir } from '../sprig/paths';
import { utf8Encode } from '../template/value';

// Go's syscall.Errno texts (zerrors_linux.go) for the errors a write can meet.
const ERRNO_TEXT: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EEXIST: 'file exists',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many levels of symbolic links',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in system',
  EFBIG: 'file too large',
  ETXTBSY: 'text file busy',
  EBUSY: 'device or resource busy',
  EINVAL: 'invalid argument',
  ENXIO: 'no such device or address',
};

/** PathError is Go's *fs.PathError: "op path: errno text". */
class PathError extends Error {
  constructor(
    op: string,
    path: string,
    readonly code: string,
  ) {
    super(`${op} ${path}: ${ERRNO_TEXT[code] ?? code.toLowerCase()}`);
  }
}

function errCode(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string') return e.code;
  return 'EIO';
}

function wrap<T>(op: string, path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new PathError(op, path, errCode(e));
  }
}

function stat(path: string): Stats | undefined {
  // os.Stat: a missing path is reported to the caller as "does not exist".
  try {
    return statSync(path);
  } catch (e) {
    if (errCode(e) === 'ENOENT') return undefined;
    throw new PathError('stat', path, errCode(e));
  }
}

/** mkdirAll is Go's os.MkdirAll (its error texts name the path that failed). */
function mkdirAll(path: string): void {
  let st: Stats | undefined;
  try {
    st = statSync(path);
  } catch {
    st = undefined;
  }
  if (st !== undefined) {
    if (st.isDirectory()) return;
    throw new PathError('mkdir', path, 'ENOTDIR');
  }
  let i = path.length - 1;
  while (i >= 0 && path[i] === '/') i--;
  while (i >= 0 && path[i] !== '/') i--;
  if (i < 0) i = 0;
  const parent = path.slice(0, i);
  if (parent.length > 0) mkdirAll(parent);
  try {
    mkdirSync(path, { mode: 0o755 });
  } catch (e) {
    // "foo/." and races: fine when a directory is there now.
    try {
      if (lstatSync(path).isDirectory()) return;
    } catch {
      // fall through to the mkdir error
    }
    throw new PathError('mkdir', path, errCode(e));
  }
}

/** writeFile is writeToFile's I/O: ensure the directory, create or append, write. */
function writeFile(path: string, data: Uint8Array, append: boolean): void {
  const parent = dir(path);
  // ensureDirectoryForFile: a Stat error other than "not exist" is returned as is.
  stat(parent);
  mkdirAll(parent);
  const fd = append ? wrap('open', path, () => openSync(path, 'a', 0o600)) : wrap('open', path, () => openSync(path, 'w', 0o666));
  try {
    let off = 0;
    while (off < data.length) off += wrap('write', path, () => writeSync(fd, data, off, data.length - off));
  } finally {
    closeSync(fd);
  }
}

/** diskOutput writes --output-dir files relative to the process working directory. */
export function diskOutput(): OutputFS {
  return {
    exists: (p) => {
      try {
        statSync(p);
        return true;
      } catch {
        return false;
      }
    },
    write: (w: FileWrite) => {
      try {
        writeFile(w.path, utf8Encode(w.data), w.append);
        return undefined;
      } catch (e) {
        if (e instanceof PathError) return e.message;
        throw e;
      }
    },
  };
}
