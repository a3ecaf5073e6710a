// The CLI's on-disk cache: texts the renderer can reuse between runs (generated values-schema
// validator code), in the user's cache folder. A cache never changes an outcome: anything wrong
// with it (missing, corrupted, unwritable, not the user's own) reads as a miss and is ignored.
import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
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
 * diskCache is a TextCache in `<root>/<kind>/`: one file per key, named by the key's SHA-256,
 * holding the SHA-256 of the text on its first line (a truncated or altered file is a miss)
 * and the text. Folders are created 0700 on the first write; files are written to a temporary
 * name and renamed, so concurrent runs never read half a file.
 */
export function diskCache(root: string, kind: string): TextCache {
  const dir = join(root, kind);
  let usable: boolean | undefined;
  const checked = (): boolean => (usable ??= ownFolder(root) && ownFolder(dir));
  return {
    get(key) {
      if (!checked()) return undefined;
      let data: string;
      try {
        data = readFileSync(join(dir, sha256(key)), 'utf8');
      } catch {
        return undefined;
      }
      const nl = data.indexOf('\n');
      if (nl !== 64) return undefined;
      const text = data.slice(nl + 1);
      return sha256(text) === data.slice(0, nl) ? text : undefined;
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
