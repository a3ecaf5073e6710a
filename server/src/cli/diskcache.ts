// The CLI's on-disk cache: texts the renderer can reuse between runs (generated values-schema
// validator code), in the user's cache folder. A cache never changes an outcome: anything wrong
// with it (missing, corrupted, unwritable, not the user's own) reads as a miss and is ignored.
import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** TextCache maps keys (any text; hashed for the file name) to texts. */
export interface TextCache {
  get(key: string): string | undefined;
  set(key: string, text: string): void;
}

/**
 * cacheRoot is the chartwright folder of the user's cache folder ($XDG_CACHE_HOME, else
 * ~/.cache), or undefined when caching is off (CHARTWRIGHT_NO_CACHE set to anything but ''/'0')
 * or there is no home folder.
 */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const off = env.CHARTWRIGHT_NO_CACHE;
  if (off !== undefined && off !== '' && off !== '0') return undefined;
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && isAbsolute(xdg)) return join(xdg, 'chartwright');
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  return home === '' ? undefined : join(home, '.cache', 'chartwright');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * ownFolder: the folder is a real folder (not a link) of this user that nobody else can write.
 * Cached code runs in the process, so a folder others could write to is not used.
 */
function ownFolder(dir: string): boolean {
  try {
    const st = lstatSync(dir);
    if (!st.isDirectory()) return false;
    if (process.platform === 'win32') return true;
    const uid = typeof process.getuid === 'function' ? process.getuid() : st.uid;
    return st.uid === uid && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/**
 * CACHE_BOUNDS are the size bounds (bytes) of each kind of cache folder: `schema` holds ajv's
 * generated validators (~10 KB to ~1 MB each), `parse` one pack of template parses per chart
 * (~0.5 to 2 MB for the largest corpus charts), `values` decoded values files (a few KB to
 * ~100 KB each), `heads` rendered documents' heads (under 1 KB each), `render` one set of files'
 * outputs per command line (~0.1 to 1 MB for the largest corpus charts).
 */
export const CACHE_BOUNDS: Readonly<Record<string, number>> = { schema: 32 << 20, parse: 64 << 20, values: 16 << 20, heads: 8 << 20, render: 64 << 20 };

/**
 * prune removes the least recently used entries (oldest modification time: a hit refreshes it)
 * of `dir` until its entries take at most 3/4 of `maxBytes`, when they take more than
 * `maxBytes`. Temporary files of writes older than a minute go too (a run that died mid-write).
 */
export function prune(dir: string, maxBytes: number, now = Date.now()): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const entries: { path: string; size: number; mtime: number }[] = [];
  let total = 0;
  for (const name of names) {
    const path = join(dir, name);
    try {
      const st = lstatSync(path);
      if (!st.isFile()) continue;
      if (name.endsWith('.tmp')) {
        if (now - st.mtimeMs > 60_000) unlinkSync(path);
        continue;
      }
      entries.push({ path, size: st.size, mtime: st.mtimeMs });
      total += st.size;
    } catch {
      // gone meanwhile
    }
  }
  if (total <= maxBytes) return;
  entries.sort((a, b) => a.mtime - b.mtime);
  for (const e of entries) {
    if (total <= (maxBytes * 3) / 4) break;
    try {
      unlinkSync(e.path);
      total -= e.size;
    } catch {
      // gone meanwhile
    }
  }
}

/**
 * diskCache is a TextCache in `<root>/<kind>/`: one file per key, named by the key's SHA-256,
 * holding the SHA-256 of the text on its first line (a truncated or altered file is a miss)
 * and the text. Folders are created 0700 on the first write; files are written to a temporary
 * name and renamed, so concurrent runs never read half a file. A hit refreshes the file's
 * modification time; a write prunes the folder to `maxBytes` (default CACHE_BOUNDS[kind], else
 * 32 MiB), least recently used first.
 */
export function diskCache(root: string, kind: string, maxBytes = CACHE_BOUNDS[kind] ?? 32 << 20): TextCache {
  const dir = join(root, kind);
  let usable: boolean | undefined;
  const checked = (): boolean => (usable ??= ownFolder(root) && ownFolder(dir));
  return {
    get(key) {
      if (!checked()) return undefined;
      const file = join(dir, sha256(key));
      let data: Buffer;
      try {
        data = readFileSync(file);
      } catch {
        return undefined;
      }
      // The hash is of the text's UTF-8 bytes, checked before decoding them.
      if (data.indexOf(0x0a) !== 64) return undefined;
      const body = data.subarray(65);
      if (createHash('sha256').update(body).digest('hex') !== data.toString('latin1', 0, 64)) return undefined;
      const text = body.toString('utf8');
      try {
        const now = new Date();
        utimesSync(file, now, now);
      } catch {
        // a read-only cache still serves
      }
      return text;
    },
    set(key, text) {
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
      } catch {
        return;
      }
      usable = undefined;
      if (!checked()) return;
      const file = join(dir, sha256(key));
      const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        writeFileSync(tmp, `${sha256(text)}\n${text}`, { mode: 0o600 });
        renameSync(tmp, file);
        prune(dir, maxBytes);
      } catch {
        try {
          unlinkSync(tmp);
        } catch {
          // nothing was written
        }
      }
    },
  };
}

/**
 * JsonEntries keeps one JSON-encoded value per key (a list, stringified) in a TextCache, for the
 * stores that encode a value as plain JSON data (values documents, document heads).
 */
export interface JsonEntries<T> {
  /** get is the stored value, or undefined on a miss or when the stored data does not decode. */
  get(key: readonly unknown[]): T | undefined;
  /** put stores the value; one `encode` refuses (throws) is not stored. */
  put(key: readonly unknown[], value: T): void;
}

/** jsonEntries is JsonEntries over `cache` with the store's codec (`decode` throws on bad data). */
export function jsonEntries<T>(cache: TextCache, encode: (v: T) => unknown, decode: (data: unknown) => T): JsonEntries<T> {
  return {
    get(key) {
      const t = cache.get(JSON.stringify(key));
      if (t === undefined) return undefined;
      try {
        return decode(JSON.parse(t));
      } catch {
        return undefined;
      }
    },
    put(key, value) {
      let t: string;
      try {
        t = JSON.stringify(encode(value));
      } catch {
        return;
      }
      cache.set(JSON.stringify(key), t);
    },
  };
}
