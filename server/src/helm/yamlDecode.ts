// YAML → Go values exactly as Helm reads them: sigs.k8s.io/yaml.Unmarshal, i.e. go-yaml v2
// decodes the first document into interface{} (YAML 1.1 booleans y/yes/on..., ints, floats,
// merge keys, aliases, !!binary), the result is converted to JSON-able data (map keys become
// strings: true → "true", 1 → "1", floats via FormatFloat(f,'g',-1,32)), marshalled with
// encoding/json (NaN/Inf fail) and decoded again with encoding/json — so every number ends up a
// float64 and the target type (map or slice) is checked with encoding/json's error texts.
//
// The `yaml` npm package does the syntax work (failsafe schema: every scalar comes back as its
// string plus its style and tag); typing and merging follow go-yaml v2 here, and its syntax
// errors are mapped to go-yaml's texts in yamlErrors.ts.
import {
  parseAllDocuments,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  isPair,
  type Alias,
  type Document,
  type YAMLMap,
  type Node as YNode,
  type Scalar,
} from 'yaml';
import type { HelmVersion } from '../template/func';
import type { GoMap, Value } from '../template/value';
import { formatFloatG } from '../sprig/json';
import { goYamlSyntaxError } from './yamlErrors';
import { resolvePlain } from './yamlResolve';
import { GYMap, fromResolved, type GY } from './yamlGo';
import { fastYamlDecode } from './yamlFast';
import { GO_MAX_DEPTH, jsonDepthError, stackError, yamlDepthCheck } from './yamlDepth';
import { AliasBudget, AliasFailure, anchorTable, containsItself, isMergeKey, type AnchorTable } from './yamlAlias';

/** YAMLDecodeError is a sigs.k8s.io/yaml.Unmarshal failure carrying Go's full message. */
export class YAMLDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YAMLDecodeError';
  }
}

class YamlFail extends Error {}

const TAG_PREFIX = 'tag:yaml.org,2002:';

function shortTag(t: string): string {
  return t.startsWith(TAG_PREFIX) ? '!!' + t.slice(TAG_PREFIX.length) : t;
}

function decodeBase64(s: string): string {
  // encoding/base64 StdEncoding.DecodeString: padded standard alphabet; \r and \n are ignored.
  const clean = s.replace(/[\r\n]/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) {
    throw new YamlFail('!!binary value contains invalid base64 data');
  }
  return Buffer.from(clean, 'base64').toString('utf8');
}

const RESOLVABLE = new Set(['str', 'bool', 'int', 'float', 'null', 'timestamp']);

function scalarValue(n: Scalar): GY {
  const text = typeof n.value === 'string' ? n.value : n.value === null || n.value === undefined ? '' : String(n.value);
  const tag = n.tag;
  const plainStyle = n.type === 'PLAIN' || n.type === undefined;
  if (tag === undefined || tag === '!') {
    if (!plainStyle || tag === '!') return text;
    return fromResolved(resolvePlain(text), text);
  }
  const short = tag.startsWith(TAG_PREFIX) ? tag.slice(TAG_PREFIX.length) : '';
  if (short === 'binary') return decodeBase64(text);
  if (!RESOLVABLE.has(short)) return text; // custom tags: go-yaml keeps the string
  if (short === 'str') return text;
  const r = resolvePlain(text);
  const got = r.tag === 'merge' ? 'merge' : r.tag;
  if (got === short) return fromResolved(r, text);
  if (short === 'float' && r.tag === 'int') return Number(r.value);
  throw new YamlFail(`cannot decode ${shortTag(TAG_PREFIX + (got === 'merge' ? 'merge' : got))} \`${text}\` as a ${shortTag(tag)}`);
}

/**
 * Decoder is go-yaml v2's decoder.unmarshal into interface{}: it counts every node against the
 * alias budget (helm/yamlAlias.ts), resolves aliases through the document's anchor table and
 * decodes them again (as Go does), and reports an alias met inside its own target.
 */
class Decoder {
  private readonly budget = new AliasBudget();
  private readonly active = new Set<Alias>();
  private readonly anchors: AnchorTable;
  private depth = 0;
  /** maxDepth is the deepest nesting reached (aliases can nest deeper than the text). */
  maxDepth = 0;

  constructor(doc: Document) {
    this.anchors = anchorTable(doc);
    // go-yaml's parser reports an unknown anchor before any decoding.
    for (const [a, t] of this.anchors) if (t === undefined) throw new YamlFail(`unknown anchor '${a.source}' referenced`);
  }

  document(n: unknown): GY {
    this.budget.step(); // the document node
    return this.node(n);
  }

  private target(a: Alias): YNode {
    const t = this.anchors.get(a);
    if (t === undefined) throw new YamlFail(`unknown anchor '${a.source}' referenced`);
    return t;
  }

  /**
   * throughAlias decodes an alias's target with `f`, as go-yaml does: what is decoded under an
   * alias counts as aliased, and an alias met again inside its own target contains itself.
   */
  private throughAlias<T>(a: Alias, f: (target: YNode) => T): T {
    const target = this.target(a);
    if (this.active.has(a)) throw new YamlFail(containsItself(a.source));
    this.active.add(a);
    this.budget.aliasDepth++;
    try {
      return f(target);
    } finally {
      this.budget.aliasDepth--;
      this.active.delete(a);
    }
  }

  node(n: unknown): GY {
    this.budget.step();
    if (n === null || n === undefined) return null;
    if (isAlias(n)) return this.throughAlias(n, (target) => this.node(target));
    if (isScalar(n)) return scalarValue(n);
    if (!isSeq(n) && !isMap(n) && !isPair(n)) return null;
    this.enter();
    try {
      if (isSeq(n)) return n.items.map((x) => this.node(x));
      const out = new GYMap();
      if (isPair(n)) this.mapInto([n], out);
      else this.mapInto(n.items, out);
      return out;
    } finally {
      this.depth--;
    }
  }

  /** enter descends one level; aliases can nest deeper than the text scan saw. */
  private enter(): void {
    this.depth++;
    if (this.depth > this.maxDepth) {
      this.maxDepth = this.depth;
      if (this.depth % STACK_PROBE === 0 && this.depth > QUICK_LEVELS) {
        const err = stackError(this.depth + STACK_PROBE);
        if (err !== undefined) throw new YAMLDecodeError('error converting YAML to JSON: ' + err);
      }
    }
  }

  private mapInto(items: ReadonlyArray<{ key: unknown; value: unknown }>, out: GYMap): void {
    for (const p of items) {
      if (isMergeKey(p.key)) {
        this.merge(p.value, out);
        continue;
      }
      out.set(this.node(p.key), this.node(p.value));
    }
  }

  /** mergeMap decodes a merged mapping (or an alias of one) into out, counting as go-yaml does. */
  private mergeMap(n: unknown, out: GYMap): void {
    this.budget.step();
    if (isAlias(n)) return this.throughAlias(n, (target) => this.mergeMap(target, out));
    this.mapInto((n as YAMLMap<unknown, unknown>).items, out);
  }

  /** merge applies a `<<` value: later merged keys overwrite earlier ones, even explicit keys (go-yaml v2). */
  private merge(v: unknown, out: GYMap): void {
    const fail = (): never => {
      throw new YamlFail('map merge requires map or sequence of maps as the value');
    };
    // go-yaml checks an alias's target kind (an unknown anchor is a parse error, reported first).
    const isMapNode = (x: unknown): boolean => (isAlias(x) ? isMap(this.target(x)) : isMap(x));
    if (isMap(v) || isAlias(v)) {
      if (!isMapNode(v)) fail();
      this.mergeMap(v, out);
      return;
    }
    if (isSeq(v)) {
      // Step backwards: earlier maps take precedence.
      for (let i = v.items.length - 1; i >= 0; i--) {
        const m = v.items[i];
        if (!isMapNode(m)) fail();
        this.mergeMap(m, out);
      }
      return;
    }
    fail();
  }
}

// Nesting reached through aliases is checked against the stack every STACK_PROBE levels.
const STACK_PROBE = 64;
const QUICK_LEVELS = 256;

// --- YAML → JSON-able → JSON → Go ---------------------------------------------------------

/** formatFloat32G is strconv.FormatFloat(f, 'g', -1, 32). */
function formatFloat32G(f: number): string {
  const x = Math.fround(f);
  if (!Number.isFinite(x) || x === 0) return formatFloatG(x);
  for (let p = 1; p <= 9; p++) {
    const s = x.toPrecision(p);
    if (Math.fround(Number(s)) === x) return formatFloatG(Number(s));
  }
  return formatFloatG(x);
}

function goQuote(s: string): string {
  return JSON.stringify(s);
}

function keyString(k: GY, v: GY): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'bigint') return k.toString();
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (typeof k === 'number') {
    const s = formatFloat32G(k);
    return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
  }
  const vs = typeof v === 'string' ? goQuote(v) : v === null ? '<nil>' : String(v);
  if (k === null) throw new YamlFail(`unsupported map key of type: %!s(<nil>), key: <nil>, value: ${vs}`);
  throw new YamlFail(`unsupported map key of type: ${Array.isArray(k) ? '[]interface {}' : 'map[interface {}]interface {}'}, key: ..., value: ${vs}`);
}

/** jsonable converts go-yaml data to the value model as the JSON round trip leaves it. */
function jsonable(v: GY, keyErrors: string[], valueErrors: string[]): Value {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) {
      valueErrors.push('json: unsupported value: ' + formatFloatG(v));
      return null;
    }
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => jsonable(x, keyErrors, valueErrors));
  const m: GoMap = new Map();
  for (const { key, value } of v.entries.values()) {
    let k: string;
    try {
      k = keyString(key, value);
    } catch (e) {
      keyErrors.push((e as Error).message);
      continue;
    }
    m.set(k, jsonable(value, keyErrors, valueErrors));
  }
  return m;
}

function jsonKind(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

/** UnmarshalTarget is the Go type sigs.k8s.io/yaml decodes into. */
export type UnmarshalTarget = 'map' | 'slice';

/**
 * unmarshalYAML is sigs.k8s.io/yaml.Unmarshal(text, &target) for a map[string]interface{} or
 * []interface{} target. Throws YAMLDecodeError with Go's message.
 */
export function unmarshalYAML(text: string, target: UnmarshalTarget): Value {
  // Decoding is pure: results (and errors) are cached by text, and each caller gets its own
  // copy (callers such as values coalescing modify the maps they receive).
  const cache = DECODE_CACHE[target];
  let r = cache.get(text);
  if (r === undefined) {
    // Nesting first (helm/yamlDepth.ts): go-yaml's depth limits, and no decoding that could
    // overflow the stack (that error depends on the caller's stack, so it is not cached).
    const depth = yamlDepthCheck(text);
    const stackErr = depth.goError === undefined ? stackError(depth.levels) : undefined;
    if (stackErr !== undefined) throw new YAMLDecodeError('error converting YAML to JSON: ' + stackErr);
    try {
      if (depth.goError !== undefined) throw new YAMLDecodeError('error converting YAML to JSON: ' + depth.goError);
      r = decode(text, target, depth.deep);
    } catch (e) {
      if (!(e instanceof YAMLDecodeError)) throw e;
      r = e;
    }
    if (decodeCacheChars + text.length > DECODE_CACHE_MAX_CHARS) {
      DECODE_CACHE.map.clear();
      DECODE_CACHE.slice.clear();
      DEEP_LEVELS.clear();
      decodeCacheChars = 0;
    }
    cache.set(text, r);
    decodeCacheChars += text.length;
    if (depth.levels > 32) DEEP_LEVELS.set(text, depth.levels);
  } else {
    // Copying a cached deep value recurses as deeply as decoding it.
    const levels = DEEP_LEVELS.get(text);
    const stackErr = levels !== undefined ? stackError(levels) : undefined;
    if (stackErr !== undefined) throw new YAMLDecodeError('error converting YAML to JSON: ' + stackErr);
  }
  if (r instanceof YAMLDecodeError) throw new YAMLDecodeError(r.message);
  return cloneValue(r);
}

const DECODE_CACHE: Record<UnmarshalTarget, Map<string, Value | YAMLDecodeError>> = { map: new Map(), slice: new Map() };
const DECODE_CACHE_MAX_CHARS = 16 * 1024 * 1024;
// Nesting levels of cached texts nested more than a few levels deep.
const DEEP_LEVELS = new Map<string, number>();
let decodeCacheChars = 0;

/** cloneValue deep-copies decoded data (maps, slices and scalars only). */
function cloneValue(v: Value): Value {
  if (v instanceof Map) {
    const m: GoMap = new Map();
    for (const [k, x] of v) m.set(k, cloneValue(x));
    return m;
  }
  if (Array.isArray(v)) return v.map(cloneValue);
  return v;
}

function decode(text: string, target: UnmarshalTarget, deep: boolean): Value {
  // Plain block YAML (most values files) takes the fast path; anything else the full parser.
  const fast = fastYamlDecode(text);
  if (fast !== undefined) return toTarget(fast, target, deep);
  const full = fullDecode(text);
  return toTarget(full.gy, target, deep || full.maxDepth > GO_MAX_DEPTH / 2);
}

/** decodeWithFullParser is unmarshalYAML without the fast path or cache (for differential tests). */
export function decodeWithFullParser(text: string, target: UnmarshalTarget): Value {
  const full = fullDecode(text);
  return toTarget(full.gy, target, full.maxDepth > GO_MAX_DEPTH / 2);
}

/**
 * fullDecode is go-yaml's decoding of the first document, via the `yaml` package's parser;
 * maxDepth is the nesting the decoded value reached (aliases included).
 */
function fullDecode(text: string): { gy: GY; maxDepth: number } {
  const docs = parseAllDocuments(text, {
    schema: 'failsafe',
    version: '1.1',
    uniqueKeys: false,
    merge: false,
    strict: false,
    prettyErrors: false,
  });
  const list = Array.isArray(docs) ? docs : [];
  let gy: GY = null;
  let maxDepth = 0;
  if (list.length > 0) {
    const doc = list[0];
    if (doc.errors.length > 0) {
      throw new YAMLDecodeError('error converting YAML to JSON: yaml: ' + goYamlSyntaxError(text, doc.errors));
    }
    try {
      const d = new Decoder(doc);
      gy = d.document(doc.contents as YNode | null);
      maxDepth = d.maxDepth;
    } catch (e) {
      if (e instanceof YamlFail || e instanceof AliasFailure) throw new YAMLDecodeError('error converting YAML to JSON: yaml: ' + e.message);
      throw e;
    }
  }
  return { gy, maxDepth };
}

/** toTarget is the JSON round trip of sigs.k8s.io/yaml into a map or slice target. */
function toTarget(gy: GY, target: UnmarshalTarget, deep = false): Value {
  const keyErrors: string[] = [];
  const valueErrors: string[] = [];
  const v = jsonable(gy, keyErrors, valueErrors);
  if (keyErrors.length > 0) throw new YAMLDecodeError('error converting YAML to JSON: ' + keyErrors[0]);
  if (valueErrors.length > 0) throw new YAMLDecodeError('error converting YAML to JSON: ' + valueErrors[0]);
  // encoding/json's scanner checks the nesting (before the target type).
  const depthErr = deep ? jsonDepthError(v) : undefined;
  if (depthErr !== undefined) throw new YAMLDecodeError('error unmarshaling JSON: while decoding JSON: ' + depthErr);
  const want = target === 'map' ? 'map[string]interface {}' : '[]interface {}';
  if (v === null) return target === 'map' ? new Map() : [];
  const ok = target === 'map' ? v instanceof Map : Array.isArray(v);
  if (!ok) {
    throw new YAMLDecodeError(
      `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go value of type ${want}`,
    );
  }
  return v;
}

/** fromYaml is Helm's fromYAML: a map, or {"Error": message} when decoding fails. */
export function fromYaml(text: string): GoMap {
  try {
    return unmarshalYAML(text, 'map') as GoMap;
  } catch (e) {
    if (e instanceof YAMLDecodeError) return new Map([['Error', e.message]]);
    throw e;
  }
}

/** fromYamlArray is Helm's fromYAMLArray: a list, or [message] when decoding fails. */
export function fromYamlArray(text: string): Value[] {
  try {
    return unmarshalYAML(text, 'slice') as Value[];
  } catch (e) {
    if (e instanceof YAMLDecodeError) return [e.message];
    throw e;
  }
}

/** ValuesLoadError is a values-file load failure; `message` is Helm's full error text. */
export class ValuesLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValuesLoadError';
  }
}

/**
 * parseValues reads a values file (values.yaml, -f FILE) as Helm does: a map (empty for an
 * empty or comment-only file). Errors read `cannot load <fileLabel>: <cause>`, with Helm 4
 * adding `cannot unmarshal yaml document: ` before the cause. (The render layer decides whether
 * the "cannot load X" wrapper applies to -f files; `fileLabel` is used verbatim.)
 */
export function parseValues(text: string, fileLabel: string, helmVersion: HelmVersion): GoMap {
  try {
    return unmarshalYAML(text, 'map') as GoMap;
  } catch (e) {
    if (!(e instanceof YAMLDecodeError)) throw e;
    const prefix = helmVersion === 4 ? 'cannot unmarshal yaml document: ' : '';
    throw new ValuesLoadError(`cannot load ${fileLabel}: ${prefix}${e.message}`);
  }
}
