// Incremental renders for the language server: a file's previous output is reused when nothing
// it could have read changed. Go templates have no purity guarantee, so each execution is
// watched: which templates it looked up (`template`, `include`, `tpl` — nested calls included),
// whether it read the clock or the random source (through the Runtime), and whether it mutated
// state shared with later files (`set`/`unset`/`merge*` on a map reachable from a chart's render
// context). Files that did either are never reused; after a re-executed file mutated shared
// state, no later file is reused in that render, nor kept for the next (it may have read the
// mutated state, which the next render need not make again: the mutating file may depend on the
// clock, or have been edited). A file that met a JavaScript stack overflow is not kept either.
//
// A cache compares the trees a file looked up by identity (the language server's and the CLI
// daemon's: one ParseCache gives the same objects back), or, `byContent`, by a content identity
// (treeIdentity) that holds between processes (the CLI's disk cache, cli/rendercache.ts).
import type { FuncDef, FuncMap, HelmVersion, NativeCrypto, Runtime } from '../template/func';
import type { Tree } from '../template/parse/node';
import type { GoMap, Value } from '../template/value';
import type { RenderedFile } from './renderedfile';
import { ValuesView } from '../chart/objects';
import { stackOverflowCount } from '../template/stack-signal';
import { textHash } from './texthash';

/** IncrementalEntry is what one execution of a file left behind. */
export interface IncrementalEntry {
  /** text: the file's text (its textHash in a `byContent` cache: see entryText). */
  readonly text: string;
  readonly fingerprint: string;
  readonly helmVersion: HelmVersion;
  readonly sourceMaps: boolean;
  /**
   * deps: every template name the execution looked up, with the tree it found (undefined: none);
   * in a `byContent` cache, the tree's treeIdentity instead.
   */
  readonly deps: ReadonlyMap<string, Tree | string | undefined>;
  readonly out: RenderedFile;
}

/**
 * IncrementalCache keeps per-file outputs between renders of one chart tree (keyed by engine
 * path; an entry is valid for its text, the context fingerprint and the trees it looked up).
 * byContent: entries name texts and trees by content (textHash, treeIdentity), so they can be
 * stored and compared in another process, where no tree is the same object.
 */
export class IncrementalCache {
  readonly entries = new Map<string, IncrementalEntry>();
  constructor(readonly byContent = false) {}
}

/** entryText is what an entry of `cache` holds for a file's text (its hash `byContent`). */
export function entryText(cache: IncrementalCache, text: string): string {
  return cache.byContent ? textHash(text) : text;
}

const identities = new WeakMap<Tree, string>();

/**
 * treeIdentity names a tree by what sameTree compares: its name and parseName, and the source
 * it was parsed from — a define's own slice at its offsets, a file's whole text. Equal
 * identities: the same parse (for one Helm version), which executes alike.
 */
export function treeIdentity(t: Tree): string {
  let id = identities.get(t);
  if (id === undefined) {
    const r = t.defineRange;
    const head = JSON.stringify([t.name, t.parseName, r?.start ?? -1, r?.end ?? -1]);
    id = textHash(`${head}\n${r === undefined ? t.text : t.text.slice(r.start, r.end)}`);
    identities.set(t, id);
  }
  return id;
}

/** IncrementalOptions turns on reuse for one render. */
export interface IncrementalOptions {
  readonly cache: IncrementalCache;
  /**
   * fingerprint identifies everything a template can read besides template text: coalesced
   * values, release options, capabilities, Helm version, the chart's Files. The caller builds it
   * cheaply from its inputs (values file texts, settings), not by serialising the values.
   */
  readonly fingerprint: string;
  /**
   * keepNondeterministic: a file that read the clock, the random source or the cluster keeps its
   * last output while nothing else it read changed (an editor takes any valid Helm output; a
   * password or certificate that changes on every keystroke helps no one). Off for commands.
   */
  readonly keepNondeterministic?: boolean;
}

/** Recorder watches one file's execution. */
export class Recorder {
  /** overflowsBefore: the process's stack overflows when the file started (stack-signal.ts). */
  readonly overflowsBefore = stackOverflowCount();
  /** afterMutation: the file ran after another changed shared state in the same render. */
  constructor(readonly afterMutation = false) {}
  readonly deps = new Map<string, Tree | undefined>();
  /** nondeterministic: read the clock or the random source, or asked the cluster/DNS. */
  nondeterministic = false;
  /** mutated: changed a map reachable from a render context. */
  mutated = false;
}

/** Watch is the per-render instrumentation: the current recorder and the shared-map test. */
export class Watch {
  current: Recorder | null = null;
  private shared: WeakSet<object> | null = null;
  constructor(private readonly contexts: readonly GoMap[]) {}

  /** onLookup records a template lookup for the executing file. */
  readonly onLookup = (name: string, tree: Tree | undefined): void => {
    const r = this.current;
    if (r !== null && !r.deps.has(name)) r.deps.set(name, tree);
  };

  /**
   * isShared reports whether `v` is a map reachable from a render context. The reachable set is
   * computed on the first mutation of the render (before it happens): until then nothing shared
   * has changed, and every later shared map is reached through a mutation already flagged.
   */
  isShared(v: Value): boolean {
    if (!(v instanceof Map)) return false;
    if (this.shared === null) {
      const seen = new WeakSet<object>();
      const stack: Value[] = [...this.contexts];
      while (stack.length > 0) {
        const x = stack.pop() as Value;
        if (x instanceof Map) {
          if (seen.has(x)) continue;
          seen.add(x);
          // .Values aliases a plain map, which merge/set receive (and return) as such.
          if (x instanceof ValuesView) stack.push(x.target);
          for (const c of x.values()) if (c instanceof Map || Array.isArray(c)) stack.push(c);
        } else if (Array.isArray(x)) {
          if (seen.has(x)) continue;
          seen.add(x);
          for (const c of x) if (c instanceof Map || Array.isArray(c)) stack.push(c);
        }
      }
      this.shared = seen;
    }
    return this.shared.has(v);
  }

  /** holdsShared reports whether `v` or a map nested in it (through maps) is shared. */
  private holdsShared(v: Value): boolean {
    const seen = new Set<object>();
    const stack: Value[] = [v];
    while (stack.length > 0) {
      const x = stack.pop() as Value;
      if (!(x instanceof Map) || seen.has(x)) continue;
      if (this.isShared(x)) return true;
      seen.add(x);
      for (const c of x.values()) if (c instanceof Map) stack.push(c);
    }
    return false;
  }

  /** runtime wraps `rt` so a read of the clock or random source marks the file nondeterministic. */
  runtime(rt: Runtime): Runtime {
    return {
      now: (): Date => {
        this.mark();
        return rt.now();
      },
      randomBytes: (n: number): Uint8Array => {
        this.mark();
        return rt.randomBytes(n);
      },
      localZone: rt.localZone,
      crypto: rt.crypto === undefined ? undefined : this.crypto(rt.crypto),
    };
  }

  /** crypto wraps native key generation and its memo: either marks the file nondeterministic. */
  private crypto(c: NativeCrypto): NativeCrypto {
    const memo = c.reuse;
    return {
      generatePrivateKey: (type, bits) => {
        this.mark();
        return c.generatePrivateKey(type, bits);
      },
      reuse:
        memo === undefined
          ? undefined
          : (key, compute) => {
              this.mark();
              return memo.call(c, key, compute);
            },
    };
  }

  private mark(): void {
    if (this.current !== null) this.current.nondeterministic = true;
  }

  /** funcs wraps the mutating and environment-reading functions of `funcs`. */
  funcs(funcs: FuncMap): FuncMap {
    const m = new Map(funcs);
    const wrap = (name: string, check: (args: readonly Value[]) => void): void => {
      const d = funcs.get(name);
      if (d === undefined) return;
      const w: FuncDef = {
        ...d,
        impl: (args, ctx) => {
          check(args);
          return d.impl(args, ctx);
        },
      };
      m.set(name, w);
    };
    // The destination (first argument) is the map these change in place; merge* also change the
    // maps nested in it (mergo merges into them), which may be shared when the destination is not.
    for (const name of MUTATING) {
      const changes = name === 'set' || name === 'unset' ? (v: Value) => this.isShared(v) : (v: Value) => this.holdsShared(v);
      wrap(name, (args) => {
        const r = this.current;
        if (r !== null && !r.mutated && args.length > 0 && changes(args[0])) r.mutated = true;
      });
    }
    for (const name of ENVIRONMENT) wrap(name, () => this.mark());
    return m;
  }
}

// Sprig's functions that change their first argument (a map) in place; append/push/concat and
// the list functions copy.
const MUTATING = ['set', 'unset', 'merge', 'mustMerge', 'mergeOverwrite', 'mustMergeOverwrite'];
// Functions whose result depends on the world rather than their arguments (beyond the Runtime).
const ENVIRONMENT = ['getHostByName', 'lookup'];

/**
 * reusable reports whether `e` may stand in for executing the file now (`text`: the file's
 * entryText).
 */
export function reusable(
  e: IncrementalEntry | undefined,
  text: string,
  inc: IncrementalOptions,
  helmVersion: HelmVersion,
  sourceMaps: boolean,
  lookup: (name: string) => Tree | undefined,
): e is IncrementalEntry {
  if (e === undefined || e.text !== text || e.fingerprint !== inc.fingerprint) return false;
  if (e.helmVersion !== helmVersion || e.sourceMaps !== sourceMaps) return false;
  for (const [name, dep] of e.deps) {
    const found = lookup(name);
    if (typeof dep === 'string' ? found === undefined || treeIdentity(found) !== dep : !sameTree(found, dep)) return false;
  }
  return true;
}

/**
 * sameTree: the same parse (ParseCache hit), or a define re-parsed from an edited file whose own
 * source, at the same offsets, did not change (so outputs and source-map positions are equal).
 */
function sameTree(a: Tree | undefined, b: Tree | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const ra = a.defineRange;
  const rb = b.defineRange;
  if (ra === undefined || rb === undefined || a.name !== b.name || a.parseName !== b.parseName) return false;
  if (ra.start !== rb.start || ra.end !== rb.end) return false;
  return a.text === b.text || a.text.slice(ra.start, ra.end) === b.text.slice(rb.start, rb.end);
}

/** remember stores a safe execution's result (an unsafe one drops any older entry); `text` is the file's entryText. */
export function remember(
  inc: IncrementalOptions,
  path: string,
  text: string,
  rec: Recorder,
  helmVersion: HelmVersion,
  sourceMaps: boolean,
  out: RenderedFile,
): void {
  // A stack overflow met while it ran may have shaped its output: the CLI renders again with a
  // big stack, and so must the next command.
  const overflowed = stackOverflowCount() !== rec.overflowsBefore;
  if (rec.mutated || rec.afterMutation || overflowed || (rec.nondeterministic && inc.keepNondeterministic !== true)) {
    inc.cache.entries.delete(path);
    return;
  }
  let deps: ReadonlyMap<string, Tree | string | undefined> = rec.deps;
  if (inc.cache.byContent) {
    const ids = new Map<string, string | undefined>();
    for (const [name, tree] of rec.deps) ids.set(name, tree === undefined ? undefined : treeIdentity(tree));
    deps = ids;
  }
  inc.cache.entries.set(path, { text, fingerprint: inc.fingerprint, helmVersion, sourceMaps, deps, out });
}
