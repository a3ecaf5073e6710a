// The CLI's on-disk store of files' outputs (the `render` kind of the disk cache): what the
// daemon keeps in memory between commands (TemplateEnv.reuse, render/incremental.ts), kept on
// disk for one-shot runs (no daemon: CHARTWRIGHT_DAEMON=0, CI), so a second run of an unchanged
// command reuses its deterministic files' outputs instead of executing them.
//
// One set per command line: keyed by the build (a new bundle never reads an older one's outputs),
// the Helm version and the command line with its working directory. A set holds the entries of a
// `byContent` IncrementalCache: per file its path, the textHash of its text, the fingerprint it
// was made under (an index into the set's fingerprints; the fingerprint is the daemon's: Helm
// version, release name, TZ, command line and the digest of every file-system read), the
// template names it looked up with the treeIdentity of what each named (pairs shared by the set's
// files), and its output text. Anything wrong with a set (missing, corrupted, undecodable) is an
// empty cache: every file executes.
import type { HelmVersion } from '../template/func';
import { IncrementalCache, type IncrementalEntry } from '../render/incremental';
import type { TextCache } from './diskcache';

/** FORMAT names the set layout; a change of layout changes it. */
const FORMAT = 'chartwright render set 1';

/**
 * MAX_SET_CHARS: a larger set is not stored (a render of hundreds of MB would otherwise prune
 * the whole folder, itself included, on every run).
 */
const MAX_SET_CHARS = 16 << 20;

/** RenderStore opens the stored outputs of one command line (`line`: cwd and arguments). */
export interface RenderStore {
  open(line: string): RenderSession;
}

/** RenderSession is one run's use of a command line's stored outputs. */
export interface RenderSession {
  /** cache: the stored outputs for this Helm version (read once; empty on a miss). */
  cache(helmVersion: HelmVersion): IncrementalCache;
  /** close writes the cache back when the run changed it. */
  close(): void;
}

type Pair = readonly [string, string | null];

/**
 * diskRenderStore stores sets in `cache` (the disk cache's `render` kind). `buildId` names the
 * running build; outputs of another build are never read.
 */
export function diskRenderStore(cache: TextCache, buildId: string): RenderStore {
  return {
    open(line) {
      let opened: { key: string; hv: HelmVersion; inc: IncrementalCache; loaded: Map<string, IncrementalEntry> } | undefined;
      return {
        cache(hv) {
          if (opened?.hv === hv) return opened.inc;
          const key = JSON.stringify([FORMAT, buildId, hv, line]);
          const inc = decodeSet(cache.get(key), hv);
          opened = { key, hv, inc, loaded: new Map(inc.entries) };
          return inc;
        },
        close() {
          if (opened === undefined) return;
          const { key, inc, loaded } = opened;
          const entries = [...inc.entries];
          if (entries.length === loaded.size && entries.every(([p, e]) => loaded.get(p) === e)) return;
          // Entries made by this run hold its fingerprint: older ones (of other inputs) go.
          const made = entries.find(([p, e]) => loaded.get(p) !== e);
          const kept = made === undefined ? entries : entries.filter(([, e]) => e.fingerprint === made[1].fingerprint);
          const text = encodeSet(kept, opened.hv);
          if (text !== undefined && text.length <= MAX_SET_CHARS) cache.set(key, text);
        },
      };
    },
  };
}

/** encodeSet lays out `entries` (those a one-shot run can store: no source maps, this version). */
function encodeSet(entries: readonly (readonly [string, IncrementalEntry])[], hv: HelmVersion): string | undefined {
  const fingerprints = interned<string>((f) => f);
  const pairs = interned<Pair>((p) => JSON.stringify(p));
  const out: unknown[] = [];
  for (const [path, e] of entries) {
    if (e.sourceMaps || e.out.sourceMap !== undefined || e.helmVersion !== hv) continue;
    const deps: number[] = [];
    for (const [name, dep] of e.deps) {
      // Only content identities can be stored (a cache of trees is not `byContent`).
      if (dep !== undefined && typeof dep !== 'string') return undefined;
      deps.push(pairs.index([name, dep ?? null]));
    }
    out.push([path, e.text, fingerprints.index(e.fingerprint), deps, e.out.text]);
  }
  // JSON escapes lone surrogates (a Go string's invalid bytes), so texts round-trip exactly.
  return JSON.stringify([fingerprints.items, pairs.items, out]);
}

/** interned lists distinct items (by `key`) once each; index gives an item's place in `items`. */
function interned<T>(key: (t: T) => string): { readonly items: T[]; index(t: T): number } {
  const items: T[] = [];
  const at = new Map<string, number>();
  return {
    items,
    index(t) {
      const k = key(t);
      let i = at.get(k);
      if (i === undefined) {
        i = items.push(t) - 1;
        at.set(k, i);
      }
      return i;
    },
  };
}

const isString = (x: unknown): x is string => typeof x === 'string';
const isIndex = (x: unknown, n: number): x is number => Number.isInteger(x) && (x as number) >= 0 && (x as number) < n;

/** decodeSet reads a stored set into a `byContent` cache; anything malformed is an empty one. */
function decodeSet(text: string | undefined, hv: HelmVersion): IncrementalCache {
  const inc = new IncrementalCache(true);
  if (text === undefined) return inc;
  try {
    const data: unknown = JSON.parse(text);
    if (!Array.isArray(data) || data.length !== 3) return inc;
    const [fingerprints, pairs, entries] = data as unknown[];
    if (!Array.isArray(fingerprints) || !fingerprints.every(isString)) return inc;
    if (!Array.isArray(pairs) || !Array.isArray(entries)) return inc;
    const deps: Pair[] = [];
    for (const p of pairs) {
      if (!Array.isArray(p) || p.length !== 2 || !isString(p[0]) || !(p[1] === null || isString(p[1]))) return inc;
      deps.push([p[0], p[1]]);
    }
    const decoded = new Map<string, IncrementalEntry>();
    for (const e of entries) {
      if (!Array.isArray(e) || e.length !== 5) return inc;
      const [path, fileText, fp, ds, out] = e as unknown[];
      if (!isString(path) || !isString(fileText) || !isIndex(fp, fingerprints.length) || !isString(out)) return inc;
      if (!Array.isArray(ds) || !ds.every((d) => isIndex(d, deps.length))) return inc;
      const m = new Map<string, string | undefined>();
      for (const d of ds as number[]) m.set(deps[d][0], deps[d][1] ?? undefined);
      decoded.set(path, { text: fileText, fingerprint: fingerprints[fp], helmVersion: hv, sourceMaps: false, deps: m, out: { text: out } });
    }
    for (const [p, e] of decoded) inc.entries.set(p, e);
  } catch {
    // a miss
  }
  return inc;
}
