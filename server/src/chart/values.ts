// Package values: Helm's values coalescing (chartutil/coalesce.go in v3, chart/common/util in
// v4), the Values helpers (Table, PathValue) and the CLI value merge (pkg/cli/values).
import type { HelmVersion } from '../template/func';
import { formatValue, sprintf } from '../template/fmt';
import { type GoMap, type Value, deepCopy, utf8Decode } from '../template/value';
import type { Chart } from './loader';
import type { Log } from './log';
import { type SetKind, parseSet } from './strvals';
import { unmarshalJSON } from '../sprig/json';
import { RefusedInput, checkCliPath } from './clipath';
import { parseValuesText } from './yamlAdapter';

/** GLOBAL_KEY is the values key shared with every subchart. */
export const GLOBAL_KEY = 'global';

/** CoalesceError is a coalescing failure (e.g. "type mismatch on sub: %!t(float64=5)"). */
export class CoalesceError extends Error {}

// Go's istable: only map[string]interface{} counts (never a list or a scalar).
function istable(v: Value | undefined): v is GoMap {
  return v instanceof Map;
}

function concatPrefix(a: string, b: string): string {
  return a === '' ? b : `${a}.${b}`;
}

/** Coalescer runs Helm's coalescing for one Helm version, logging warnings to `log`. */
export class Coalescer {
  constructor(private readonly log: Log) {}

  private get v(): HelmVersion {
    return this.log.v;
  }

  /** coalesceValues is CoalesceValues(chart, vals): user values win, nulls delete defaults. */
  coalesceValues(c: Chart, vals: GoMap | null): GoMap {
    const copy = vals === null ? new Map<string, Value>() : (deepCopy(vals) as GoMap);
    return this.coalesce(c, copy, '', false);
  }

  /** mergeValues is MergeValues(chart, vals): like coalesceValues but nulls are kept. */
  mergeValues(c: Chart, vals: GoMap | null): GoMap {
    const copy = vals === null ? new Map<string, Value>() : (deepCopy(vals) as GoMap);
    return this.coalesce(c, copy, '', true);
  }

  /** coalesceTables is CoalesceTables(dst, src): dst wins, mutated and returned. */
  coalesceTables(dst: GoMap, src: GoMap | null): GoMap {
    return this.tables(dst, src, '', false);
  }

  /** mergeTables is MergeTables(dst, src): like coalesceTables but nulls are kept. */
  mergeTables(dst: GoMap, src: GoMap | null): GoMap {
    return this.tables(dst, src, '', true);
  }

  private coalesce(c: Chart, dest: GoMap, prefix: string, merge: boolean): GoMap {
    this.values(c, dest, prefix, merge);
    return this.deps(c, dest, prefix, merge);
  }

  private deps(c: Chart, dest: GoMap, prefix: string, merge: boolean): GoMap {
    for (const sub of c.dependencies) {
      const name = sub.metadata.name;
      const cur = dest.get(name);
      if (!dest.has(name)) dest.set(name, new Map());
      else if (!istable(cur)) throw new CoalesceError(`type mismatch on ${name}: ${sprintf('%t', [cur ?? null])}`);
      const dvmap = dest.get(name) as GoMap;
      const subPrefix = concatPrefix(prefix, c.metadata.name);
      this.globals(dvmap, dest, subPrefix);
      dest.set(name, this.coalesce(sub, dvmap, subPrefix, merge));
    }
    return dest;
  }

  /** globals copies the parent's `global` table into the subchart's (coalesceGlobals). */
  private globals(dest: GoMap, src: GoMap, prefix: string): void {
    let dg: GoMap;
    let sg: GoMap;
    const destglob = dest.get(GLOBAL_KEY);
    if (!dest.has(GLOBAL_KEY)) dg = new Map();
    else if (istable(destglob)) dg = destglob;
    else {
      this.log.printf('coalesce.go', 138, `warning: skipping globals because destination ${GLOBAL_KEY} is not a table.`);
      return;
    }
    const srcglob = src.get(GLOBAL_KEY);
    if (!src.has(GLOBAL_KEY)) sg = new Map();
    else if (istable(srcglob)) sg = srcglob;
    else {
      this.log.printf('coalesce.go', 145, `warning: skipping globals because source ${GLOBAL_KEY} is not a table.`);
      return;
    }
    for (const [key, val] of sg) {
      if (istable(val)) {
        // v3 copies one level (shared nested maps); v4 deep-copies.
        const vv: GoMap = this.v === 4 ? (deepCopy(val) as GoMap) : new Map(val);
        const destv = dg.get(key);
        if (!dg.has(key)) dg.set(key, vv);
        else if (!istable(destv)) {
          this.log.printf('coalesce.go', 161, `Conflict: cannot merge map onto non-map for ${JSON.stringify(key)}. Skipping.`);
        } else {
          // Parent globals win: merge top-down (always merge mode; nils removed later).
          this.tables(vv, destv, concatPrefix(prefix, key), true);
          dg.set(key, vv);
        }
      } else if (dg.has(key) && istable(dg.get(key))) {
        this.log.printf('coalesce.go', 175, `key ${key} is table. Skipping`);
      } else {
        dg.set(key, this.v === 4 ? deepCopy(val) : val);
      }
    }
    dest.set(GLOBAL_KEY, dg);
  }

  /** values coalesces one chart's own values.yaml into v (coalesceValues). */
  private values(c: Chart, v: GoMap, prefix: string, merge: boolean): void {
    const subPrefix = concatPrefix(prefix, c.metadata.name);
    const vc = deepCopy(c.values) as GoMap;
    for (const [key, val] of vc) {
      if (v.has(key)) {
        const value = v.get(key) ?? null;
        if (value === null && !merge) {
          // A user null removes the chart default.
          v.delete(key);
        } else if (istable(value)) {
          if (!istable(val)) {
            if (val !== null) this.log.printf('coalesce.go', 237, `warning: skipped value for ${subPrefix}.${key}: Not a table.`);
          } else {
            // Tables destined for a subchart are merged keeping nulls: the subchart's own pass
            // removes them against its defaults.
            const m = c.dependencies.some((d) => d.metadata.name === key) ? true : merge;
            this.tables(value, val, concatPrefix(subPrefix, key), m);
          }
        }
      } else {
        v.set(key, val);
      }
    }
  }

  /** tables is coalesceTablesFullKey: dst is authoritative. */
  private tables(dst: GoMap | null, src: GoMap | null, prefix: string, merge: boolean): GoMap {
    if (src === null) return dst ?? new Map();
    if (dst === null) return src;
    let srcNonNil: Set<string> | undefined;
    if (this.v === 4) {
      // v4 remembers which chart defaults were non-nil, then copies user nils into src so a
      // nil over a nil (or over nothing) is kept instead of deleted.
      srcNonNil = new Set([...src].filter(([, x]) => x !== null).map(([k]) => k));
      for (const [k, x] of dst) if (x === null) src.set(k, null);
    }
    for (const [key, val] of src) {
      const fullkey = concatPrefix(prefix, key);
      const has = dst.has(key);
      const dv = dst.get(key) ?? null;
      if (has && !merge && dv === null && (srcNonNil === undefined || srcNonNil.has(key))) {
        dst.delete(key);
      } else if (!has) {
        dst.set(key, val);
      } else if (istable(val)) {
        if (istable(dv)) this.tables(dv, val, fullkey, merge);
        else this.log.printf('coalesce.go', 298, `warning: cannot overwrite table with non table for ${fullkey} (${formatValue(val)})`);
      } else if (istable(dv) && val !== null) {
        this.log.printf('coalesce.go', 301, `warning: destination for ${fullkey} is a table. Ignoring non-table value (${formatValue(val)})`);
      }
    }
    return dst;
  }
}

// ---------------------------------------------------------------------------------------------
// Values helpers (chartutil.Values methods)

/** parsePath splits a dotted values path. */
export function parsePath(key: string): string[] {
  return key.split('.');
}

/** NoTableError is chartutil.ErrNoTable. */
export class NoTableError extends Error {
  constructor(readonly key: string) {
    super(`${JSON.stringify(key)} is not a table`);
  }
}

/** NoValueError is chartutil.ErrNoValue. */
export class NoValueError extends Error {
  constructor(readonly key: string) {
    super(`${JSON.stringify(key)} is not a value`);
  }
}

/** table is Values.Table(name): the nested map at a dotted path (throws NoTableError). */
export function table(v: GoMap, name: string): GoMap {
  let t = v;
  for (const n of parsePath(name)) {
    const x = t.get(n);
    if (!t.has(n) || !(x instanceof Map)) throw new NoTableError(n);
    t = x;
  }
  return t;
}

/** pathValue is Values.PathValue(path): a non-table value at a dotted path. */
export function pathValue(v: GoMap, path: string): Value {
  if (path === '') throw new Error('YAML path cannot be empty');
  const parts = parsePath(path);
  if (parts.length === 1) {
    const x = v.get(parts[0]);
    if (v.has(parts[0]) && !istable(x)) return x ?? null;
    throw new NoValueError(parts[0]);
  }
  const key = parts[parts.length - 1];
  let t: GoMap;
  try {
    t = table(v, parts.slice(0, -1).join('.'));
  } catch {
    throw new NoValueError(key);
  }
  const k = t.get(key);
  if (t.has(key) && !istable(k)) return k ?? null;
  throw new NoValueError(key);
}

// ---------------------------------------------------------------------------------------------
// CLI values (pkg/cli/values/options.go MergeValues)

/** CliValueOptions are the value flags of `helm template`, each in command-line order. */
export interface CliValueOptions {
  /** valueFiles: -f/--values paths (already split on commas, as pflag's StringSlice does). */
  readonly valueFiles: readonly string[];
  readonly set: readonly string[];
  readonly setString: readonly string[];
  readonly setFile: readonly string[];
  readonly setJson: readonly string[];
  readonly setLiteral: readonly string[];
}

/** ReadFile reads a file named on the command line; undefined when it does not exist. */
export type ReadFile = (path: string) => Uint8Array | undefined;

/** mergeMaps is options.go mergeMaps: recursive for maps, later values replace. */
export function mergeMaps(a: GoMap, b: GoMap): GoMap {
  const out: GoMap = new Map(a);
  for (const [k, v] of b) {
    const cur = out.get(k);
    if (v instanceof Map && cur instanceof Map) out.set(k, mergeMaps(cur, v));
    else out.set(k, v);
  }
  return out;
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * mergeCliValues merges the CLI value sources in Helm's fixed order: -f files → --set-json →
 * --set → --set-string → --set-file → --set-literal. Errors carry Helm's text.
 */
export function mergeCliValues(readFile: ReadFile, opts: CliValueOptions, v: HelmVersion): { values: GoMap } | { error: string } {
  let base: GoMap = new Map();
  const read = (p: string, flag: string): Uint8Array => {
    checkCliPath(p, flag);
    const b = readFile(p);
    if (b === undefined) throw new Error(`open ${p}: no such file or directory`);
    return b;
  };
  try {
    for (const f of opts.valueFiles) {
      const bytes = read(f, '-f');
      const r = parseValuesText(utf8Decode(bytes), `failed to parse ${f}: `, v);
      if ('error' in r) return { error: r.error };
      base = mergeMaps(base, r.values);
    }
  } catch (e) {
    return { error: errText(e) };
  }
  for (const s of opts.setJson) {
    // Helm 4 also takes a whole JSON object (`--set-json '{"a":{"b":1}}'`), merged like a file.
    if (v === 4 && s.trim().startsWith('{')) {
      let m: Value;
      try {
        m = unmarshalJSON(s.trim(), 'map');
      } catch {
        return { error: `failed parsing --set-json data JSON: ${s}` };
      }
      if (m instanceof Map) base = mergeMaps(base, m);
      continue;
    }
    try {
      parseSet('set-json', s, base, v);
    } catch {
      // Helm drops the parser's message here and prints the flag value.
      return { error: `failed parsing --set-json data ${s}` };
    }
  }
  const groups: ReadonlyArray<readonly [SetKind, readonly string[]]> = [
    ['set', opts.set],
    ['set-string', opts.setString],
    ['set-file', opts.setFile],
    ['set-literal', opts.setLiteral],
  ];
  for (const [kind, list] of groups) {
    for (const s of list) {
      try {
        parseSet(kind, s, base, v, (p) => utf8Decode(read(p, '--set-file')));
      } catch (e) {
        if (e instanceof RefusedInput) return { error: e.message };
        return { error: `failed parsing --${kind} data: ${errText(e)}` };
      }
    }
  }
  return { values: base };
}
