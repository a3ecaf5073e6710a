// Package fs: the file-system view the chart loader reads through.
//
// The loader never touches node's fs directly: charts come from disk (nodeFS), from memory
// (memoryFS: tests, conformance vectors, unpacked .tgz archives) or from editor buffers laid
// over disk (overlayFS). Paths are always '/'-separated and relative to the FS root; a path
// can never leave the root (`..` is clamped, symlinks resolving outside the root are refused).
import * as nodefs from 'node:fs';
import * as nodepath from 'node:path';

/** DirEntry is one entry of a directory listing. */
export interface DirEntry {
  readonly name: string;
  readonly isDirectory: boolean;
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

/** nodeFS is a ChartFS over a directory on disk; symlinks must resolve inside the root. */
export function nodeFS(root: string): ChartFS {
  const absRoot = nodepath.resolve(root);
  let realRoot = absRoot;
  try {
    realRoot = nodefs.realpathSync.native(absRoot);
  } catch {
    // root missing: every lookup fails below
  }
  // The filesystem root already ends with a separator ("/"); other roots get one appended.
  const rootPrefix = realRoot.endsWith(nodepath.sep) ? realRoot : realRoot + nodepath.sep;
  const resolve = (p: string): string | undefined => {
    const full = nodepath.join(absRoot, cleanPath(p));
    let real: string;
    try {
      // The native realpath(3) is one system call; the JS version lstat()s every component.
      real = nodefs.realpathSync.native(full);
    } catch {
      return undefined;
    }
    // Refuse symlinks that leave the chart root.
    if (real !== realRoot && !real.startsWith(rootPrefix)) return undefined;
    return real;
  };
  // A symlinked directory whose target contains the directory being listed (e.g. `loop -> ..`)
  // would make a walk descend forever (Helm follows it until the OS reports ELOOP); leave it out.
  const isCycle = (listedReal: string, child: string): boolean => {
    const target = resolve(child);
    if (target === undefined) return false;
    return listedReal === target || listedReal.startsWith(target.endsWith(nodepath.sep) ? target : target + nodepath.sep);
  };
  const statOf = (p: string): nodefs.Stats | undefined => {
    const r = resolve(p);
    if (r === undefined) return undefined;
    try {
      return nodefs.statSync(r);
    } catch {
      return undefined;
    }
  };
  return {
    readFile(p) {
      const r = resolve(p);
      if (r === undefined) return undefined;
      try {
        if (!nodefs.statSync(r).isFile()) return undefined;
        return new Uint8Array(nodefs.readFileSync(r));
      } catch {
        return undefined;
      }
    },
    readDir(p) {
      const r = resolve(p);
      if (r === undefined) return undefined;
      try {
        const entries = nodefs.readdirSync(r, { withFileTypes: true }).sort((a, b) => byteOrder(a.name, b.name));
        const out: DirEntry[] = [];
        for (const e of entries) {
          const name = e.name;
          // A plain entry of a directory inside the root is inside the root: no resolution needed.
          if (!e.isSymbolicLink()) {
            out.push({ name, isDirectory: e.isDirectory() });
            continue;
          }
          const st = statOf(joinPath(p, name));
          if (st === undefined) continue; // dangling or escaping symlink
          if (st.isDirectory() && isCycle(r, joinPath(p, name))) continue;
          out.push({ name, isDirectory: st.isDirectory() });
        }
        return out;
      } catch {
        return undefined;
      }
    },
    isDirectory(p) {
      return statOf(p)?.isDirectory() ?? false;
    },
    exists(p) {
      return statOf(p) !== undefined;
    },
    displayPath(p) {
      const c = cleanPath(p);
      return c === '' ? absRoot : nodepath.join(absRoot, c);
    },
  };
}

const encoder = new TextEncoder();

/** memoryFS is a ChartFS over an in-memory map of file path → content (directories implied). */
export function memoryFS(files: Record<string, string | Uint8Array>, displayRoot = ''): ChartFS {
  const data = new Map<string, Uint8Array>();
  const dirs = new Set<string>(['']);
  for (const [k, v] of Object.entries(files)) {
    const p = cleanPath(k);
    if (p === '') continue;
    data.set(p, typeof v === 'string' ? encoder.encode(v) : v);
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return {
    readFile(p) {
      return data.get(cleanPath(p));
    },
    readDir(p) {
      const d = cleanPath(p);
      if (!dirs.has(d)) return undefined;
      const prefix = d === '' ? '' : d + '/';
      const seen = new Map<string, boolean>();
      for (const k of data.keys()) {
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
      return dirs.has(cleanPath(p));
    },
    exists(p) {
      const c = cleanPath(p);
      return dirs.has(c) || data.has(c);
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
  };
}
