// Sprig's dict functions (dict.go) with mergo v1 semantics for merge/mergeOverwrite.
// Parameters typed `map[string]interface {}` receive maps (plain or named, e.g. .Values) or nil
// (a literal `nil` becomes a nil map: reads see an empty map, writes panic like Go).
import type { FuncDef } from '../template/func';
import {
  deepCopy,
  isEmpty,
  NamedMap,
  sortedKeys,
  typeName,
  typedSlice,
  type GoMap,
  type Value,
} from '../template/value';
import { argStr, strval } from './cast';
import { fail, fn } from './def';

const cat = 'dicts';
const M = 'map[string]interface {}';
const I = 'interface {}';

function asMap(v: Value): GoMap | null {
  return v instanceof Map ? v : null;
}

/**
 * asPlain is Go's conversion of a map argument to the parameter type `map[string]interface {}`:
 * a named map (`.Values`, helm/objects' ValuesView, which aliases a plain map as `target`) is the
 * same map typed plain. Sprig's merge/set/unset return their (converted) first argument, so
 * `merge .Values` is a `map[string]interface {}` for `dig` and `typeOf`, and writes through it
 * still reach .Values.
 */
function asPlain(m: GoMap | null): GoMap | null {
  if (m instanceof NamedMap && 'target' in m && m.target instanceof Map && !(m.target instanceof NamedMap)) return m.target;
  return m;
}

/**
 * mergeInto is mergo's deepMerge of two map[string]interface{} values (dario.cat/mergo v1, as
 * sprig v3.3 calls it). Observed rules, per key of src:
 *  - src nil: skipped by merge; mergeOverwrite stores nil;
 *  - both maps: merged recursively (dst's map is mutated); an empty dst map is then replaced;
 *  - otherwise dst keeps its value unless it is missing or *empty* (nil, "", 0, false, empty
 *    list/map), or unless overwriting — so merge fills empty dst values and mergeOverwrite
 *    stores even empty src values;
 *  - src values (maps included) are stored by reference, not copied.
 */
export function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const [k, sv] of src) {
    const present = dst.has(k);
    const dv = dst.get(k);
    if (sv === null) {
      if (overwrite) dst.set(k, null);
      continue;
    }
    if (sv instanceof Map && dv instanceof Map) {
      mergeInto(dv, sv, overwrite);
      // mergo re-checks emptiness of the (shared) dst map after merging into it.
      if (dv.size > 0) continue;
    }
    // Lists (and everything else) are never merged element-wise: the generic rule decides.
    if (overwrite || !present || dv === undefined || isEmpty(dv)) dst.set(k, sv);
  }
}

function mergeImpl(overwrite: boolean) {
  return ([dstArg, ...srcs]: Value[]): Value => {
    let dst = asMap(dstArg);
    for (const s of srcs) {
      const src = asMap(s);
      if (src === null) continue;
      // mergo makes a new map when the (settable) destination is a nil map.
      if (dst === null) dst = new Map();
      mergeInto(dst, src, overwrite);
    }
    return asPlain(dst);
  };
}

function convErr(v: Value, want: string): never {
  fail(`interface conversion: interface {} is ${v === null ? 'nil' : typeName(v)}, not ${want}`);
}

// plainMap is the `.(map[string]interface{})` type assertion: named map types (.Values) fail.
function plainMap(v: Value): GoMap {
  if (v instanceof Map && !(v instanceof NamedMap)) return v;
  return convErr(v, M);
}

function dig(ps: Value[]): Value {
  if (ps.length < 3) fail('dig needs at least three arguments');
  let dict = plainMap(ps[ps.length - 1]);
  const def = ps[ps.length - 2];
  const ks = ps.slice(0, -2).map((k) => (typeof k === 'string' ? k : convErr(k, 'string')));
  for (let i = 0; ; i++) {
    if (!dict.has(ks[i])) return def;
    const step = dict.get(ks[i]) as Value;
    if (i === ks.length - 1) return step;
    dict = plainMap(step);
  }
}

/** dictsFuncs are sprig's dict functions and their must* variants. */
export const dictsFuncs: FuncDef[] = [
  fn(cat, 'dict', ['...interface {}'], M, (v) => {
    const d: GoMap = new Map();
    for (let i = 0; i < v.length; i += 2) d.set(strval(v[i]), i + 1 < v.length ? v[i + 1] : '');
    return d;
  }, [
    'dict KEY VALUE...',
    'Makes a map from key/value pairs (keys are stringified; a missing last value is "").',
    '{{ dict "a" 1 "b" 2 | toJson }} → {"a":1,"b":2}',
  ]),
  fn(cat, 'get', [M, 'string'], I, ([d, k]) => {
    const m = asMap(d);
    const key = argStr(k);
    return m !== null && m.has(key) ? (m.get(key) as Value) : '';
  }, [
    'get MAP KEY',
    'Returns the value for KEY, or "" (an empty string, not nil) when missing.',
    '{{ get (dict "a" 1) "a" }} → 1',
  ]),
  fn(cat, 'set', [M, 'string', I], M, ([d, k, v]) => {
    const m = asMap(d);
    if (m === null) fail('assignment to entry in nil map');
    m.set(argStr(k), v);
    return asPlain(m);
  }, [
    'set MAP KEY VALUE',
    'Sets KEY in MAP (mutating it) and returns the map.',
    '{{ $_ := set $d "k" "v" }}',
  ]),
  fn(cat, 'unset', [M, 'string'], M, ([d, k]) => {
    const m = asMap(d);
    m?.delete(argStr(k));
    return asPlain(m);
  }, [
    'unset MAP KEY',
    'Deletes KEY from MAP (mutating it) and returns the map.',
    '{{ $_ := unset $d "k" }}',
  ]),
  fn(cat, 'hasKey', [M, 'string'], 'bool', ([d, k]) => asMap(d)?.has(argStr(k)) ?? false, [
    'hasKey MAP KEY',
    'Reports whether MAP contains KEY.',
    '{{ hasKey .Values "image" }} → true',
  ]),
  fn(cat, 'pluck', ['string', '...map[string]interface {}'], '[]interface {}', ([k, ...ds]) => {
    const key = argStr(k);
    const res: Value[] = [];
    for (const d of ds) {
      const m = asMap(d);
      if (m !== null && m.has(key)) res.push(m.get(key) as Value);
    }
    return res;
  }, [
    'pluck KEY MAP...',
    'Returns the list of values of KEY in each map that has it.',
    '{{ pluck "a" (dict "a" 1) (dict "a" 2) | toJson }} → [1,2]',
  ]),
  // Go iterates maps in random order; keys/values are returned sorted (one of Go's outcomes).
  fn(cat, 'keys', ['...map[string]interface {}'], '[]string', (ds) => {
    const k: Value[] = [];
    for (const d of ds) {
      const m = asMap(d);
      if (m !== null) k.push(...sortedKeys(m));
    }
    return typedSlice(k, 'string');
  }, [
    'keys MAP...',
    'Returns the keys of the maps as a []string (unordered in Helm; pipe to sortAlpha).',
    '{{ keys (dict "b" 1 "a" 2) | sortAlpha | toJson }} → ["a","b"]',
  ]),
  fn(cat, 'values', [M], '[]interface {}', ([d]) => {
    const m = asMap(d);
    return m === null ? [] : sortedKeys(m).map((k) => m.get(k) as Value);
  }, [
    'values MAP',
    'Returns the values of the map as a list (unordered in Helm).',
    '{{ values (dict "a" 1) | toJson }} → [1]',
  ]),
  fn(cat, 'pick', [M, '...string'], M, ([d, ...ks]) => {
    const m = asMap(d);
    const res: GoMap = new Map();
    for (const k of ks) {
      const key = argStr(k);
      if (m !== null && m.has(key)) res.set(key, m.get(key) as Value);
    }
    return res;
  }, [
    'pick MAP KEY...',
    'Returns a new map with only the given keys.',
    '{{ pick (dict "a" 1 "b" 2) "a" | toJson }} → {"a":1}',
  ]),
  fn(cat, 'omit', [M, '...string'], M, ([d, ...ks]) => {
    const m = asMap(d);
    const drop = new Set(ks.map(argStr));
    const res: GoMap = new Map();
    if (m !== null) for (const [k, v] of m) if (!drop.has(k)) res.set(k, v);
    return res;
  }, [
    'omit MAP KEY...',
    'Returns a new map without the given keys.',
    '{{ omit (dict "a" 1 "b" 2) "a" | toJson }} → {"b":2}',
  ]),
  fn(cat, 'merge', [M, '...map[string]interface {}'], I, mergeImpl(false), [
    'merge DST SRC...',
    'Deep-merges SRC maps into DST (mutating it); existing non-empty DST values win, lists are not merged.',
    '{{ merge (dict "a" 1) (dict "a" 2 "b" 2) | toJson }} → {"a":1,"b":2}',
  ]),
  fn(cat, 'mustMerge', [M, '...map[string]interface {}'], I, mergeImpl(false), [
    'mustMerge DST SRC...',
    'Like merge, returning an error if merging fails.',
    '{{ mustMerge (dict "a" 1) (dict "b" 2) | toJson }} → {"a":1,"b":2}',
  ]),
  fn(cat, 'mergeOverwrite', [M, '...map[string]interface {}'], I, mergeImpl(true), [
    'mergeOverwrite DST SRC...',
    'Deep-merges SRC maps into DST (mutating it); SRC values win, even empty ones.',
    '{{ mergeOverwrite (dict "a" 1) (dict "a" 2) | toJson }} → {"a":2}',
  ]),
  fn(cat, 'mustMergeOverwrite', [M, '...map[string]interface {}'], I, mergeImpl(true), [
    'mustMergeOverwrite DST SRC...',
    'Like mergeOverwrite, returning an error if merging fails.',
    '{{ mustMergeOverwrite (dict "a" 1) (dict "a" 2) | toJson }} → {"a":2}',
  ]),
  fn(cat, 'deepCopy', [I], I, ([v]) => {
    if (v === null) fail('reflect: call of reflect.Value.Type on zero Value');
    return deepCopy(v);
  }, [
    'deepCopy VALUE',
    'Returns a deep copy of maps and lists (errors on nil).',
    '{{ $copy := deepCopy .Values.config }}',
  ]),
  fn(cat, 'mustDeepCopy', [I], I, ([v]) => {
    if (v === null) fail('reflect: call of reflect.Value.Type on zero Value');
    return deepCopy(v);
  }, [
    'mustDeepCopy VALUE',
    'Like deepCopy, returning an error instead of panicking.',
    '{{ $copy := mustDeepCopy .Values.config }}',
  ]),
  fn(cat, 'dig', ['...interface {}'], I, dig, [
    'dig KEY... DEFAULT MAP',
    'Walks nested map keys and returns the value, or DEFAULT when a key is missing.',
    '{{ dig "a" "b" "none" (dict "a" (dict "b" 1)) }} → 1',
  ]),
];

