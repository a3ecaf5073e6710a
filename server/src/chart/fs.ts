// Package fs: the file-system view the chart loader reads through.
//
// The loader never touches node's fs directly: charts come from disk (nodeFS), from memory
// (memoryFS: tests, conformance vectors, unpacked .tgz archives) or from editor buffers laid
// over disk (overlayFS). Paths are always '/'-separated and relative to the FS root; a path
// can never leave the root (`..` is clamped, symlinks resolving outside the root are refused).
import * as nodefs from 'node:fs';
import * as nodepath from 'node:path';
import { utf8Decode, utf8Encode } from '../template/value';

/** DirEntry is one entry of a directory listing. */
export interface DirEntry {
  readonly name: string;
  readonly isDirectory: boolean;
  /** symlink: the entry is a symbolic link (followed: isDirectory describes its target). */
  readonly symlink?: boolean;
  /** irregular: neither a regular file nor a directory (a device, FIFO, socket) after links. */
  readonly irregular?: boolean;
  /** resolved: a followed link's filepath.EvalSymlinks result, as Helm prints it (readDirChecked only). */
  readonly resolved?: string;
  /** linkError: Go's filepath.EvalSymlinks error for a dangling or looping link. */
  readonly linkError?: string;
}

/** FSFailure is an existing entry that cannot be read, with Go's error text ("open P: permission denied"). */
export interface FSFailure {
  readonly error: string;
}

/** ChartFS is a read-only, rooted file system with '/'-separated relative paths. */
export interface ChartFS {
  /** readFile returns the file's bytes, or undefined if it does not exist or is a directory. */
  readFile(path: string): Uint8Array | undefined;
  /** readDir lists a directory sorted by name (byte order, like Go's os.ReadDir), or undefined. */
  readDir(path: string): DirEntry[] | undefined;
  /** isDirectory reports whether path names a directory. */
  isDirectory(path: string): boolean;
  /** exists reports whether path names a file or directory. */
  exists(path: string): boolean;
  /** displayPath returns the path as Helm would print it in messages (absolute on disk). */
  displayPath(path: string): string;
  /**
   * readFileChecked is readFile that tells a file that cannot be read (permission denied) from
   * a missing one, and gives `size` first so callers can refuse a huge file before reading it.
   * Optional: file systems without failures (memory) leave it out.
   */
  readFileChecked?(path: string, maxSize: number): Uint8Array | FSFailure | { tooLarge: number } | undefined;
  /**
   * readDirChecked is readDir that reports an unreadable directory and lists what readDir
   * leaves out (dangling and looping links, links to devices, symlinked cycles) with flags,
   * for the chart loader, which fails on them as Helm does.
   */
  readDirChecked?(path: string): DirEntry[] | FSFailure | undefined;
}

/** cleanPath normalises a relative path: '/' separators, no '.', '..' clamped at the root. */
export function cleanPath(p: string): string {
  const out: string[] = [];
  for (const part of p.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      out.pop();
      continue;
    }
    out.push(part);
  }
  return out.join('/');
}

/** joinPath joins path segments and cleans the result (never escapes the root). */
export function joinPath(...parts: string[]): string {
  return cleanPath(parts.filter((p) => p !== '').join('/'));
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** goErrno is Go's text for a syscall error code (syscall.Errno.Error()). */
function goErrno(e: unknown): string {
  const code = e instanceof Error && 'code' in e ? String(e.code) : '';
  switch (code) {
    case 'EACCES':
      return 'permission denied';
    case 'EPERM':
      return 'operation not permitted';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOENT':
      return 'no such file or directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'EISDIR':
      return 'is a directory';
    case 'ENAMETOOLONG':
      return 'file name too long';
    case 'EIO':
      return 'input/output error';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

/** MAX_LINKS is Go's filepath.EvalSymlinks limit ("EvalSymlinks: too many links"). */
const MAX_LINKS = 255;

/**
 * nodeFS is a ChartFS over a directory on disk; symlinks must resolve inside `confine` (default:
 * the root itself). File names are bytes: a name that is not valid UTF-8 is kept, as the
 * surrogate-escaped string of the project's byte/string mapping (template/value.ts), and turned
 * back into the same bytes for every system call.
 */
export function nodeFS(root: string, confine: string = root): ChartFS {
  const absRoot = nodepath.resolve(root);
  const toBuf = (p: string): Buffer => Buffer.from(utf8Encode(p));
  const realOf = (p: string): string | undefined => {
    try {
      return utf8Decode(nodefs.realpathSync.native(toBuf(p), { encoding: 'buffer' }));
    } catch {
      return undefined;
    }
  };
  const realRoot = realOf(absRoot) ?? absRoot;
  const absConfine = nodepath.resolve(confine);
  const realConfine = realOf(absConfine) ?? absConfine;
  // The filesystem root already ends with a separator ("/"); other roots get one appended.
  const confinePrefix = realConfine.endsWith(nodepath.sep) ? realConfine : realConfine + nodepath.sep;
  const inside = (real: string): boolean => real === realConfine || real.startsWith(confinePrefix);
  // Real paths of directories resolved so far: resolving "a/b/c" lstat()s only "c" inside the
  // real "a/b" (realpath(3) of a deep path costs a readlink per component: nested subcharts
  // 400 deep made that quadratic). Only directories are cached; files are looked up each time.
  const dirCache = new Map<string, string>();
  const lstat = (p: string): nodefs.Stats | undefined => {
    try {
      return nodefs.lstatSync(toBuf(p), { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
  };
  const resolve = (p: string): string | undefined => {
    const c = cleanPath(p);
    if (c === '') return inside(realRoot) || realConfine === realRoot ? realRoot : undefined;
    const hit = dirCache.get(c);
    if (hit !== undefined) return hit;
    const slash = c.lastIndexOf('/');
    const parent = resolve(slash < 0 ? '' : c.slice(0, slash));
    if (parent === undefined) return undefined;
    const cand = nodepath.join(parent, slash < 0 ? c : c.slice(slash + 1));
    const st = lstat(cand);
    if (st === undefined) return undefined;
    let real = cand;
    if (st.isSymbolicLink()) {
      const r = realOf(cand);
      if (r === undefined || !inside(r)) return undefined; // dangling, looping or escaping
      real = r;
    }
    if (st.isDirectory() || (st.isSymbolicLink() && statReal(real)?.isDirectory() === true)) dirCache.set(c, real);
    return real;
  };
  const statReal = (real: string): nodefs.Stats | undefined => {
    try {
      return nodefs.statSync(toBuf(real), { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
  };
  const statOf = (p: string): nodefs.Stats | undefined => {
    const r = resolve(p);
    return r === undefined ? undefined : statReal(r);
  };
  // A symlinked directory whose target contains the directory being listed (e.g. `loop -> ..`)
  // would make a walk descend forever (Helm follows it until the OS reports ELOOP).
  const isCycle = (listedReal: string, target: string): boolean =>
    listedReal === target || listedReal.startsWith(target.endsWith(nodepath.sep) ? target : target + nodepath.sep);
  /** linkError is filepath.EvalSymlinks' error for a link that does not resolve. */
  const linkError = (abs: string): string => {
    let cur = abs;
    for (let i = 0; i < MAX_LINKS; i++) {
      let target: string;
      try {
        target = utf8Decode(nodefs.readlinkSync(toBuf(cur), { encoding: 'buffer' }));
      } catch (e) {
        return `lstat ${cur}: ${goErrno(e)}`;
      }
      cur = nodepath.resolve(nodepath.dirname(cur), target);
      // Resolve the directory part (it may hold links of its own) and look at the last element.
      const dir = realOf(nodepath.dirname(cur));
      if (dir === undefined) return `lstat ${nodepath.dirname(cur)}: no such file or directory`;
      cur = nodepath.join(dir, nodepath.basename(cur));
      const st = lstat(cur);
      if (st === undefined) return `lstat ${cur}: no such file or directory`;
      if (!st.isSymbolicLink()) return `lstat ${cur}: no such file or directory`;
    }
    return 'EvalSymlinks: too many links';
  };
  const list = (p: string, checked: boolean): DirEntry[] | FSFailure | undefined => {
    const r = resolve(p);
    if (r === undefined) return undefined;
    let entries: nodefs.Dirent<Buffer>[];
    try {
      entries = nodefs.readdirSync(toBuf(r), { withFileTypes: true, encoding: 'buffer' });
    } catch (e) {
      if (!checked) return undefined;
      const code = e instanceof Error && 'code' in e ? e.code : '';
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      return { error: `open ${displayPath(p)}: ${goErrno(e)}` };
    }
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    const out: DirEntry[] = [];
    for (const e of entries) {
      const name = utf8Decode(e.name);
      // A plain entry of a directory inside the root is inside the root: no resolution needed.
      if (!e.isSymbolicLink()) {
        const irregular = !e.isDirectory() && !e.isFile();
        if (irregular && !checked) continue;
        out.push(irregular ? { name, isDirectory: false, irregular } : { name, isDirectory: e.isDirectory() });
        continue;
      }
      const child = joinPath(p, name);
      const target = resolve(child);
      const st = target === undefined ? undefined : statReal(target);
      if (st === undefined) {
        // Dangling, looping or leaving the confinement: only the loader hears of the first two.
        if (checked && realOf(nodepath.join(r, name)) === undefined) out.push({ name, isDirectory: false, symlink: true, linkError: `error evaluating symlink ${displayPath(child)}: ${linkError(nodepath.join(r, name))}` });
        continue;
      }
      if (st.isDirectory() && !checked && target !== undefined && isCycle(r, target)) continue;
      const irregular = !st.isDirectory() && !st.isFile();
      if (irregular && !checked) continue;
      const resolved = checked ? realOf(nodepath.join(r, name)) : undefined;
      out.push({ name, isDirectory: st.isDirectory(), symlink: true, ...(irregular ? { irregular } : {}), ...(resolved !== undefined ? { resolved } : {}) });
    }
    return out;
  };
  const displayPath = (p: string): string => {
    const c = cleanPath(p);
    return c === '' ? absRoot : nodepath.join(absRoot, c);
  };
  return {
    readFile(p) {
      const r = resolve(p);
      if (r === undefined) return undefined;
      try {
        if (statReal(r)?.isFile() !== true) return undefined;
        return new Uint8Array(nodefs.readFileSync(toBuf(r)));
      } catch {
        return undefined;
      }
    },
    readFileChecked(p, maxSize) {
      const r = resolve(p);
      if (r === undefined) return undefined;
      const st = statReal(r);
      if (st === undefined || !st.isFile()) return undefined;
      if (st.size > maxSize) return { tooLarge: st.size };
      try {
        const fd = nodefs.openSync(toBuf(r), 'r');
        try {
          // Read at most maxSize + 1 bytes: a file growing after the stat stays bounded.
          const buf = Buffer.alloc(Math.min(st.size, maxSize) + 1);
          let n = 0;
          for (;;) {
            const k = nodefs.readSync(fd, buf, n, buf.length - n, null);
            if (k === 0) break;
            n += k;
            if (n === buf.length) break;
          }
          if (n > maxSize) return { tooLarge: n };
          return new Uint8Array(buf.buffer, buf.byteOffset, n);
        } finally {
          nodefs.closeSync(fd);
        }
      } catch (e) {
        return { error: `open ${displayPath(p)}: ${goErrno(e)}` };
      }
    },
    readDir(p) {
      const r = list(p, false);
      return r === undefined || 'error' in r ? undefined : r;
    },
    readDirChecked(p) {
      return list(p, true);
    },
    isDirectory(p) {
      return statOf(p)?.isDirectory() ?? false;
    },
    exists(p) {
      return statOf(p) !== undefined;
    },
    displayPath,
  };
}

const encoder = new TextEncoder();

/** memoryFS is a ChartFS over an in-memory map of file path → content (directories implied). */
export function memoryFS(files: Record<string, string | Uint8Array>, displayRoot = ''): ChartFS {
  const data = new Map<string, Uint8Array>();
  // children: directory → entry name → isDirectory (built once: listing is O(entries)).
  const children = new Map<string, Map<string, boolean>>([['', new Map()]]);
  const addChild = (dir: string, name: string, isDir: boolean): void => {
    let m = children.get(dir);
    if (m === undefined) {
      m = new Map();
      children.set(dir, m);
    }
    if (isDir || !m.has(name)) m.set(name, isDir || (m.get(name) ?? false));
    if (isDir) {
      const full = dir === '' ? name : `${dir}/${name}`;
      if (!children.has(full)) children.set(full, new Map());
    }
  };
  for (const [k, v] of Object.entries(files)) {
    const p = cleanPath(k);
    if (p === '') continue;
    data.set(p, typeof v === 'string' ? encoder.encode(v) : v);
    // Add the file to its directory, then create missing ancestors bottom-up (each directory
    // once: deep trees stay linear in the number of files).
    let cut = p.lastIndexOf('/');
    addChild(cut < 0 ? '' : p.slice(0, cut), p.slice(cut + 1), false);
    while (cut >= 0) {
      const dir = p.slice(0, cut);
      const up = dir.lastIndexOf('/');
      const parent = up < 0 ? '' : dir.slice(0, up);
      const known = children.get(parent)?.get(dir.slice(up + 1)) === true;
      addChild(parent, dir.slice(up + 1), true);
      if (known) break;
      cut = up;
    }
  }
  return {
    readFile(p) {
      return data.get(cleanPath(p));
    },
    readDir(p) {
      const m = children.get(cleanPath(p));
      if (m === undefined) return undefined;
      return [...m.entries()].sort((a, b) => byteOrder(a[0], b[0])).map(([name, isDirectory]) => ({ name, isDirectory }));
    },
    isDirectory(p) {
      return children.has(cleanPath(p));
    },
    exists(p) {
      const c = cleanPath(p);
      return children.has(c) || data.has(c);
    },
    displayPath(p) {
      const c = cleanPath(p);
      if (displayRoot === '') return c;
      return c === '' ? displayRoot : displayRoot + '/' + c;
    },
  };
}

/**
 * overlayFS lays `buffers` (path → text of unsaved editor buffers) over `base`: a buffer wins
 * over the file on disk and makes a new file visible in listings.
 */
export function overlayFS(base: ChartFS, buffers: ReadonlyMap<string, string | Uint8Array>): ChartFS {
  const over = new Map<string, Uint8Array>();
  const dirs = new Set<string>();
  for (const [k, v] of buffers) {
    const p = cleanPath(k);
    over.set(p, typeof v === 'string' ? encoder.encode(v) : v);
    const parts = p.split('/');
    for (let i = 0; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return {
    readFile(p) {
      return over.get(cleanPath(p)) ?? base.readFile(p);
    },
    readDir(p) {
      const d = cleanPath(p);
      const fromBase = base.readDir(d);
      if (fromBase === undefined && !dirs.has(d)) return undefined;
      const seen = new Map<string, boolean>();
      for (const e of fromBase ?? []) seen.set(e.name, e.isDirectory);
      const prefix = d === '' ? '' : d + '/';
      for (const k of over.keys()) {
        if (!k.startsWith(prefix)) continue;
        const rest = k.slice(prefix.length);
        const slash = rest.indexOf('/');
        if (slash < 0) seen.set(rest, false);
        else seen.set(rest.slice(0, slash), true);
      }
      return [...seen.entries()]
        .sort((a, b) => byteOrder(a[0], b[0]))
        .map(([name, isDirectory]) => ({ name, isDirectory }));
    },
    isDirectory(p) {
      return dirs.has(cleanPath(p)) || base.isDirectory(p);
    },
    exists(p) {
      const c = cleanPath(p);
      return over.has(c) || dirs.has(c) || base.exists(c);
    },
    displayPath(p) {
      return base.displayPath(p);
    },
    ...(base.readFileChecked === undefined
      ? {}
      : {
          readFileChecked(p: string, maxSize: number) {
            const o = over.get(cleanPath(p));
            if (o !== undefined) return o.length > maxSize ? { tooLarge: o.length } : o;
            return base.readFileChecked?.(p, maxSize);
          },
        }),
    ...(base.readDirChecked === undefined
      ? {}
      : {
          readDirChecked(p: string) {
            const d = cleanPath(p);
            const fromBase = base.readDirChecked?.(d);
            if (fromBase !== undefined && 'error' in fromBase) return fromBase;
            const seen = new Map<string, DirEntry>();
            for (const e of fromBase ?? []) seen.set(e.name, e);
            const plain = this.readDir(d);
            if (plain === undefined && fromBase === undefined) return undefined;
            for (const e of plain ?? []) if (!seen.has(e.name)) seen.set(e.name, e);
            return [...seen.values()].sort((a, b) => byteOrder(a.name, b.name));
          },
        }),
  };
}
