// go-yaml v2's decoder (decode.go: decoder.unmarshal into interface{}) over the node tree of
// compose.ts: implicit typing of plain scalars (yaml/yamlResolve.ts), explicit tags, !!binary,
// merge keys, aliases decoded again with go-yaml's alias budget (yaml/yamlAlias.ts), and its
// failure texts. The result is go-yaml's value (yaml/yamlGo.ts), before sigs.k8s.io/yaml's
// JSON round trip.
import { AliasBudget, AliasFailure, containsItself, MERGE_FAILURE } from '../yamlAlias';
import { resolvePlain } from '../yamlResolve';
import { GYMap, fromResolved, type GY } from '../yamlGo';
import { composeFirstDocument, Kind, type YNode } from './compose';

/** DecodeFailure is a go-yaml failf() while decoding; `message` is the text after `yaml: `. */
export class DecodeFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeFailure';
  }
}

const TAG_PREFIX = 'tag:yaml.org,2002:';
const MERGE_TAG = TAG_PREFIX + 'merge';
const RESOLVABLE = new Set(['', TAG_PREFIX + 'str', TAG_PREFIX + 'bool', TAG_PREFIX + 'int', TAG_PREFIX + 'float', TAG_PREFIX + 'null', TAG_PREFIX + 'timestamp']);

function shortTag(t: string): string {
  return t.startsWith(TAG_PREFIX) ? '!!' + t.slice(TAG_PREFIX.length) : t;
}

function decodeBase64(s: string): string {
  // encoding/base64 StdEncoding.DecodeString: padded standard alphabet; \r and \n are ignored.
  const clean = s.replace(/[\r\n]/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) {
    throw new DecodeFailure('!!binary value contains invalid base64 data');
  }
  return Buffer.from(clean, 'base64').toString('utf8');
}

/** scalarValue is decoder.scalar for an interface{} target. */
function scalarValue(n: YNode): GY {
  const text = n.value;
  if (n.tag === '' && !n.implicit) return text; // quoted, untagged
  if (n.tag === TAG_PREFIX + 'binary') return decodeBase64(text);
  if (!RESOLVABLE.has(n.tag)) return text; // custom tags ("!foo", "!"): the string
  if (n.tag === TAG_PREFIX + 'str') return text;
  const r = resolvePlain(text);
  if (n.tag === '') return fromResolved(r, text);
  const got = TAG_PREFIX + r.tag;
  if (got === n.tag) return fromResolved(r, text);
  if (n.tag === TAG_PREFIX + 'float' && r.tag === 'int') return Number(r.value);
  throw new DecodeFailure(`cannot decode ${shortTag(got)} \`${text}\` as a ${shortTag(n.tag)}`);
}

function isMerge(n: YNode): boolean {
  return n.kind === Kind.Scalar && n.value === '<<' && (n.implicit || n.tag === MERGE_TAG);
}

/** goSharpV is fmt's %#v of a decoded key (for go-yaml's "invalid map key" text). */
function goSharpV(v: GY, top = true): string {
  if (v === null) return 'interface {}(nil)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSharpV(x, false)).join(', ')}}`;
  const parts = [...v.entries.values()].map(({ key, value }) => `${goSharpV(key, false)}:${goSharpV(value, false)}`).sort();
  void top;
  return `map[interface {}]interface {}{${parts.join(', ')}}`;
}

/** Decoder is decode.go's decoder for an interface{} target. */
export class Decoder {
  private readonly budget = new AliasBudget();
  private readonly active = new Set<YNode>();
  private depth = 0;
  /** maxDepth is the deepest nesting reached (aliases can nest deeper than the text). */
  maxDepth = 0;

  constructor(private readonly onDeeper: (depth: number) => void) {}

  document(doc: YNode): GY {
    this.budget.step();
    return doc.children.length === 1 ? this.unmarshal(doc.children[0]) : null;
  }

  private throughAlias<T>(n: YNode, f: (target: YNode) => T): T {
    if (this.active.has(n)) throw new AliasFailure(containsItself(n.value));
    this.active.add(n);
    this.budget.aliasDepth++;
    try {
      return f(n.alias as YNode);
    } finally {
      this.budget.aliasDepth--;
      this.active.delete(n);
    }
  }

  unmarshal(n: YNode): GY {
    this.budget.step();
    switch (n.kind) {
      case Kind.Alias:
        return this.throughAlias(n, (t) => this.unmarshal(t));
      case Kind.Scalar:
        return scalarValue(n);
      case Kind.Sequence: {
        this.enter();
        try {
          return n.children.map((c) => this.unmarshal(c));
        } finally {
          this.depth--;
        }
      }
      case Kind.Mapping: {
        this.enter();
        try {
          const out = new GYMap();
          this.mapping(n, out);
          return out;
        } finally {
          this.depth--;
        }
      }
      default:
        return null;
    }
  }

  private enter(): void {
    this.depth++;
    if (this.depth > this.maxDepth) {
      this.maxDepth = this.depth;
      this.onDeeper(this.depth);
    }
  }

  private mapping(n: YNode, out: GYMap): void {
    const c = n.children;
    for (let i = 0; i + 1 < c.length; i += 2) {
      if (isMerge(c[i])) {
        this.merge(c[i + 1], out);
        continue;
      }
      const k = this.unmarshal(c[i]);
      if (Array.isArray(k) || k instanceof GYMap) throw new DecodeFailure(`invalid map key: ${goSharpV(k)}`);
      out.set(k, this.unmarshal(c[i + 1]));
    }
  }

  /** into decodes a mapping (or an alias of one) into an existing map, counting as go-yaml does. */
  private into(n: YNode, out: GYMap): void {
    this.budget.step();
    if (n.kind === Kind.Alias) return this.throughAlias(n, (t) => this.into(t, out));
    this.mapping(n, out);
  }

  /** merge applies a `<<` value: later merged keys overwrite earlier ones, even explicit keys. */
  private merge(n: YNode, out: GYMap): void {
    const fail = (): never => {
      throw new DecodeFailure(MERGE_FAILURE);
    };
    switch (n.kind) {
      case Kind.Mapping:
        return this.into(n, out);
      case Kind.Alias:
        if (n.alias !== undefined && n.alias.kind !== Kind.Mapping) fail();
        return this.into(n, out);
      case Kind.Sequence:
        for (let i = n.children.length - 1; i >= 0; i--) {
          const m = n.children[i];
          if (m.kind === Kind.Alias) {
            if (m.alias !== undefined && m.alias.kind !== Kind.Mapping) fail();
          } else if (m.kind !== Kind.Mapping) fail();
          this.into(m, out);
        }
        return;
      default:
        fail();
    }
  }
}

/**
 * decodeFirstDocument is go-yaml's yaml.Unmarshal into interface{}: the first document's value
 * (null without one); ints stay bigint, floats number. Throws GoYamlSyntaxError, GoYamlFailure,
 * DecodeFailure or AliasFailure. Recursive over the nesting: check it first (yaml/yamlDepth.ts).
 */
export function decodeFirstDocument(text: string): GY {
  const doc = composeFirstDocument(text);
  return doc === undefined ? null : new Decoder(() => undefined).document(doc);
}
