// The CLI's on-disk store of template parses (render/engine.ts TreeStore): one pack per chart
// load in the `parse` kind of the disk cache, so a run reads one file instead of lexing and
// parsing every template on a cold VM. Decoding a stored tree (template/parse/codec.ts) costs a
// fraction of parsing its text.
//
// A pack is keyed by the build (a new bundle never reads an older one's trees), the Helm version
// (which decides the function names a template may use) and the list of template paths; it holds,
// per path, the SHA-256 of the text parsed and the encoded trees. Entries whose text changed are
// misses (the file is parsed) and the pack is rewritten with them, so an edit re-parses only the
// edited files. Anything wrong with a pack (missing, corrupted, undecodable) is a miss.
import type { HelmVersion } from '../template/func';
import { decodeTrees, encodeTrees } from '../template/parse/codec';
import type { StoreFile, TreePack, TreeStore } from '../render/engine';
import type { TextCache } from './diskcache';
import { textHash } from '../render/texthash';

/** FORMAT names the pack layout; a change of layout changes it. */
const FORMAT = 'chartwright parse pack 1';

/** packKey is the cache key of the pack for these template paths. */
function packKey(buildId: string, hv: HelmVersion, files: readonly StoreFile[]): string {
  // JSON escapes lone surrogates, so distinct paths stay distinct keys.
  return JSON.stringify([FORMAT, buildId, hv, files.map((f) => f.path)]);
}

/**
 * diskTreeStore stores packs in `cache` (the disk cache's `parse` kind). `buildId` names the
 * running build; parses of another build are never read.
 */
export function diskTreeStore(cache: TextCache, buildId: string): TreeStore {
  return {
    open(files, hv): TreePack {
      const key = packKey(buildId, hv, files);
      const hashes = files.map((f) => textHash(f.text));
      let stored: unknown[] = [];
      const text = cache.get(key);
      if (text !== undefined) {
        try {
          const data: unknown = JSON.parse(text);
          if (Array.isArray(data) && data.length === files.length) stored = data;
        } catch {
          // a miss
        }
      }
      const valid = (i: number): unknown[] | undefined => {
        const e = stored[i];
        return Array.isArray(e) && e.length === 2 && e[0] === hashes[i] ? e : undefined;
      };
      const fresh = new Map<number, unknown>();
      let changed = false;
      return {
        get(i) {
          const e = valid(i);
          if (e === undefined) return undefined;
          try {
            return decodeTrees(e[1], files[i].text);
          } catch {
            return undefined;
          }
        },
        put(i, trees) {
          let entry: unknown;
          try {
            entry = [hashes[i], encodeTrees(trees, files[i].text)];
          } catch {
            // not encodable: stored as 0, parsed every run
            entry = 0;
          }
          fresh.set(i, entry);
          if (entry !== 0 || stored[i] !== 0) changed = true;
        },
        close() {
          if (!changed) return;
          cache.set(key, JSON.stringify(files.map((_, i) => fresh.get(i) ?? valid(i) ?? 0)));
        },
      };
    },
  };
}
