// Helm 4's metaschema check of values.schema.json: santhosh-tekuri/jsonschema v6 validates every
// schema against its draft's meta-schema before compiling it, and reports the failure as a tree
// ("- at '<pointer>': <message>", nested two spaces per level). This is a small interpreter of
// that validator (validator.go: keyword order, which failures group, `$ref`/`$dynamicRef`
// errors that print only through their cause) over the official meta-schemas ajv ships, enough
// for the keywords those meta-schemas use.
import { GoRegexp } from '../sprig/re2';
import { formatFloatV, quote as goQuote } from '../template/strconv';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** V6_TYPE_ORDER: jsonschema v6 keeps a type set as bits and prints it in this order. */
export const V6_TYPE_ORDER = ['null', 'boolean', 'number', 'integer', 'string', 'array', 'object'];

/** The URL Helm 4 gives values.schema.json (chartutil's jsonschema.go). */
const SCHEMA_URL = 'file:///values.schema.json#';

interface Draft {
  readonly version: number;
  /** location: the meta-schema's URL as jsonschema prints it. */
  readonly location: string;
  readonly root: string;
  readonly docs: ReadonlyMap<string, Json>;
}

function loadDocs(docs: readonly unknown[]): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const d of docs) {
    const doc = d as Obj;
    out.set(String(doc.$id).replace(/#$/, ''), doc);
  }
  return out;
}

// Static requires (the bundler follows them); loaded on the first check of a draft.
/* eslint-disable @typescript-eslint/no-require-imports */
const load2020 = (): unknown[] => [
  require('ajv/dist/refs/json-schema-2020-12/schema.json'), require('ajv/dist/refs/json-schema-2020-12/meta/core.json'),
  require('ajv/dist/refs/json-schema-2020-12/meta/applicator.json'), require('ajv/dist/refs/json-schema-2020-12/meta/unevaluated.json'),
  require('ajv/dist/refs/json-schema-2020-12/meta/validation.json'), require('ajv/dist/refs/json-schema-2020-12/meta/meta-data.json'),
  require('ajv/dist/refs/json-schema-2020-12/meta/format-annotation.json'), require('ajv/dist/refs/json-schema-2020-12/meta/content.json'),
];
const load2019 = (): unknown[] => [
  require('ajv/dist/refs/json-schema-2019-09/schema.json'), require('ajv/dist/refs/json-schema-2019-09/meta/core.json'),
  require('ajv/dist/refs/json-schema-2019-09/meta/applicator.json'), require('ajv/dist/refs/json-schema-2019-09/meta/validation.json'),
  require('ajv/dist/refs/json-schema-2019-09/meta/meta-data.json'), require('ajv/dist/refs/json-schema-2019-09/meta/format.json'),
  require('ajv/dist/refs/json-schema-2019-09/meta/content.json'),
];
const load07 = (): unknown[] => [require('ajv/dist/refs/json-schema-draft-07.json')];
const load06 = (): unknown[] => [require('ajv/dist/refs/json-schema-draft-06.json')];
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * DRAFT4_META is the draft-04 meta-schema (json-schema.org's, which ajv does not ship), as
 * jsonschema v6 has it: `format` on `id` and `$schema` (not asserted here).
 */
const DRAFT4_META: Json = (() => {
  const ref = (r: string): Json => ({ $ref: r });
  const schemaOrBool: Json = { anyOf: [{ type: 'boolean' }, ref('#')], default: {} };
  const mapOfSchemas: Json = { type: 'object', additionalProperties: ref('#'), default: {} };
  return {
    id: 'http://json-schema.org/draft-04/schema#',
    $schema: 'http://json-schema.org/draft-04/schema#',
    definitions: {
      schemaArray: { type: 'array', minItems: 1, items: ref('#') },
      positiveInteger: { type: 'integer', minimum: 0 },
      positiveIntegerDefault0: { allOf: [ref('#/definitions/positiveInteger'), { default: 0 }] },
      simpleTypes: { enum: ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'] },
      stringArray: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
    },
    type: 'object',
    properties: {
      id: { type: 'string' },
      $schema: { type: 'string' },
      title: { type: 'string' },
      description: { type: 'string' },
      default: {},
      multipleOf: { type: 'number', minimum: 0, exclusiveMinimum: true },
      maximum: { type: 'number' },
      exclusiveMaximum: { type: 'boolean', default: false },
      minimum: { type: 'number' },
      exclusiveMinimum: { type: 'boolean', default: false },
      maxLength: ref('#/definitions/positiveInteger'),
      minLength: ref('#/definitions/positiveIntegerDefault0'),
      pattern: { type: 'string', format: 'regex' },
      additionalItems: schemaOrBool,
      items: { anyOf: [ref('#'), ref('#/definitions/schemaArray')], default: {} },
      maxItems: ref('#/definitions/positiveInteger'),
      minItems: ref('#/definitions/positiveIntegerDefault0'),
      uniqueItems: { type: 'boolean', default: false },
      maxProperties: ref('#/definitions/positiveInteger'),
      minProperties: ref('#/definitions/positiveIntegerDefault0'),
      required: ref('#/definitions/stringArray'),
      additionalProperties: schemaOrBool,
      definitions: mapOfSchemas,
      properties: mapOfSchemas,
      patternProperties: mapOfSchemas,
      dependencies: { type: 'object', additionalProperties: { anyOf: [ref('#'), ref('#/definitions/stringArray')] } },
      enum: { type: 'array', minItems: 1, uniqueItems: true },
      type: {
        anyOf: [ref('#/definitions/simpleTypes'), { type: 'array', items: ref('#/definitions/simpleTypes'), minItems: 1, uniqueItems: true }],
      },
      format: { type: 'string' },
      allOf: ref('#/definitions/schemaArray'),
      anyOf: ref('#/definitions/schemaArray'),
      oneOf: ref('#/definitions/schemaArray'),
      not: ref('#'),
    },
    dependencies: { exclusiveMaximum: ['maximum'], exclusiveMinimum: ['minimum'] },
    default: {},
  };
})();

const drafts = new Map<number, Draft>();
function draft(version: number): Draft {
  let d = drafts.get(version);
  if (d !== undefined) return d;
  switch (version) {
    case 2020:
      d = { version, location: 'https://json-schema.org/draft/2020-12/schema#', root: 'https://json-schema.org/draft/2020-12/schema', docs: loadDocs(load2020()) };
      break;
    case 2019:
      d = { version, location: 'https://json-schema.org/draft/2019-09/schema#', root: 'https://json-schema.org/draft/2019-09/schema', docs: loadDocs(load2019()) };
      break;
    case 7:
      d = { version, location: 'http://json-schema.org/draft-07/schema#', root: 'http://json-schema.org/draft-07/schema', docs: loadDocs(load07()) };
      break;
    case 4:
      d = { version, location: 'http://json-schema.org/draft-04/schema#', root: 'http://json-schema.org/draft-04/schema', docs: new Map([['http://json-schema.org/draft-04/schema', DRAFT4_META]]) };
      break;
    default:
      d = { version, location: 'http://json-schema.org/draft-06/schema#', root: 'http://json-schema.org/draft-06/schema', docs: loadDocs(load06()) };
  }
  drafts.set(version, d);
  return d;
}

/** findDraft is jsonschema's findDraft: the draft a `$schema` URL names, or undefined. */
export function findDraft(url: string): number | undefined {
  let u = url.startsWith('http://') ? `https://${url.slice(7)}` : url;
  if (u.endsWith('#') || u.endsWith('#/')) u = u.slice(0, u.indexOf('#'));
  switch (u) {
    case 'https://json-schema.org/schema':
    case 'https://json-schema.org/draft/2020-12/schema':
      return 2020;
    case 'https://json-schema.org/draft/2019-09/schema':
      return 2019;
    case 'https://json-schema.org/draft-07/schema':
      return 7;
    case 'https://json-schema.org/draft-06/schema':
      return 6;
    case 'https://json-schema.org/draft-04/schema':
      return 4;
  }
  return undefined;
}

/** Loc is an instance location, innermost token last (materialised only for errors). */
interface Loc {
  readonly parent: Loc | undefined;
  readonly tok: string;
}

function tokensOf(l: Loc | undefined): string[] {
  const out: string[] = [];
  for (let c = l; c !== undefined; c = c.parent) out.push(c.tok);
  return out.reverse();
}

const regexps = new Map<string, GoRegexp | Error>();
/** goRegexp compiles a pattern once (the meta-schemas' and the schema's own are met again and again). */
function goRegexp(p: string): GoRegexp | Error {
  let r = regexps.get(p);
  if (r === undefined) {
    try {
      r = new GoRegexp(p);
    } catch (e) {
      r = e instanceof Error ? e : new Error(String(e));
    }
    if (regexps.size > 1000) regexps.clear();
    regexps.set(p, r);
  }
  return r;
}

/** VErr is a jsonschema ValidationError: a message at an instance location, with causes. */
interface VErr {
  readonly at: readonly string[];
  readonly msg: string;
  /** ref: a `$ref`-like keyword's error, printed only through its cause when it has one. */
  readonly ref: boolean;
  readonly group: boolean;
  readonly causes: readonly VErr[];
}

/** A schema node and the URL of the resource holding it (its base for references). */
interface Node {
  readonly s: Json;
  readonly base: string;
}

function isObj(x: Json | undefined): x is Obj {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function typeOf(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** quote is jsonschema's kind.quote: Go's %q with `"` unescaped and `'` escaped, in single quotes. */
export function v6Quote(s: string): string {
  return `'${goQuote(s).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;
}

function display(v: Json): string {
  if (typeof v === 'string') return v6Quote(v);
  if (typeof v === 'number') return formatFloatV(v);
  return v !== null && typeof v === 'object' ? 'value' : String(v);
}

function escapeToken(t: string): string {
  return t.replaceAll('~', '~0').replaceAll('/', '~1');
}

function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i] ?? null));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && jsonEqual(a[k] ?? null, b[k] ?? null));
  }
  return false;
}

class MetaValidator {
  constructor(private readonly d: Draft) {}

  private readonly resolved = new Map<string, Node>();

  /** resolve is a reference's target, memoised (the meta-schemas' few references are met for every subschema). */
  resolve(ref: string, base: string): Node {
    const key = `${base} ${ref}`;
    let r = this.resolved.get(key);
    if (r === undefined) {
      r = this.lookup(ref, base);
      this.resolved.set(key, r);
    }
    return r;
  }

  private lookup(ref: string, base: string): Node {
    const url = new URL(ref, base);
    const frag = decodeURIComponent(url.hash.slice(1));
    url.hash = '';
    const docURL = url.href;
    const doc = this.d.docs.get(docURL);
    if (doc === undefined) throw new Error(`meta-schema ${docURL} is not known`);
    if (frag === '' || !frag.startsWith('/')) return { s: doc, base: docURL };
    let cur: Json | undefined = doc;
    for (const raw of frag.split('/').slice(1)) {
      const k = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      cur = Array.isArray(cur) ? cur[Number(k)] : isObj(cur) ? cur[k] : undefined;
    }
    if (cur === undefined) throw new Error(`meta-schema reference ${ref} is not found`);
    return { s: cur, base: docURL };
  }

  /** validate is validator.validate of value v at vloc against node n; scope: the dynamic scope's resources. */
  validate(n: Node, v: Json, vloc: Loc | undefined): VErr | undefined {
    const s = n.s;
    const err = (msg: string, causes: readonly VErr[] = []): VErr => ({ at: tokensOf(vloc), msg, ref: false, group: false, causes });
    if (s === true) return undefined;
    if (s === false) return err('false schema');
    if (!isObj(s)) return undefined;
    const t = typeOf(v);
    if (s.type !== undefined) {
      const types = (Array.isArray(s.type) ? s.type : [s.type]).map(String);
      if (!(types.includes(t) || (types.includes('integer') && t === 'number' && Number.isInteger(v)))) {
        const want = V6_TYPE_ORDER.filter((x) => types.includes(x));
        return err(`got ${t}, want ${want.join(' or ')}`);
      }
    }
    if (Array.isArray(s.enum) && !s.enum.some((x) => jsonEqual(v, x))) {
      const want = s.enum;
      const primitive = want.every((x) => x === null || typeof x !== 'object');
      if (!primitive) return err("'enum' failed");
      return err(want.length === 1 ? `value must be ${display(want[0] ?? null)}` : `value must be one of ${want.map(display).join(', ')}`);
    }
    if (s.format === 'regex' && typeof v === 'string') {
      const re = goRegexp(v);
      if (re instanceof Error) return err(`${display(v)} is not valid regex: ${re.message}`);
    }
    const errors: VErr[] = [];
    const add = (e: VErr | undefined): void => {
      if (e !== undefined) errors.push(e);
    };
    if (typeof s.$ref === 'string') {
      const e = this.validateRef(this.resolve(s.$ref, n.base), v, vloc);
      if (this.d.version < 2019) return e;
      add(e);
    }
    const child = (x: Json | undefined): Node => ({ s: x ?? true, base: n.base });
    if (isObj(v)) {
      if (isObj(s.dependencies)) {
        for (const [p, dep] of Object.entries(s.dependencies)) {
          if (!(p in v) || !Array.isArray(dep)) continue;
          const missing = dep.filter((x): x is string => typeof x === 'string' && !(x in v));
          if (missing.length > 0) add(err(`properties ${missing.map(v6Quote).join(', ')} required, if ${v6Quote(p)} exists`));
        }
      }
      const props = isObj(s.properties) ? s.properties : {};
      for (const [k, pv] of Object.entries(v)) {
        if (k in props) add(this.validate(child(props[k]), pv, { parent: vloc, tok: k }));
        else if (s.additionalProperties !== undefined) add(this.validate(child(s.additionalProperties), pv, { parent: vloc, tok: k }));
      }
      if (s.propertyNames !== undefined) {
        for (const k of Object.keys(v)) {
          // A fresh validation of the name: its errors, and (recorded from helm v4.1.4) the
          // propertyName error itself, are at ''.
          const e = this.validate(child(s.propertyNames), k, undefined);
          if (e !== undefined) add({ at: [], msg: `invalid propertyName ${v6Quote(k)}`, ref: false, group: false, causes: e.group ? e.causes : [e] });
        }
      }
    } else if (Array.isArray(v)) {
      if (typeof s.minItems === 'number' && v.length < s.minItems) add(err(`minItems: got ${v.length}, want ${s.minItems}`));
      if (s.uniqueItems === true) {
        const dup = duplicate(v);
        if (dup !== undefined) add(err(`items at ${dup[0]} and ${dup[1]} are equal`));
      }
      if (s.items !== undefined && (this.d.version >= 2020 || !Array.isArray(s.items))) {
        v.forEach((item, i) => add(this.validate(child(s.items), item, { parent: vloc, tok: String(i) })));
      }
    } else if (typeof v === 'string') {
      if (typeof s.pattern === 'string' && !matches(s.pattern, v)) add(err(`${v6Quote(v)} does not match pattern ${v6Quote(s.pattern)}`));
    } else if (typeof v === 'number') {
      if (s.exclusiveMinimum === true && typeof s.minimum === 'number') {
        // draft-04: a boolean exclusiveMinimum makes minimum exclusive
        if (v <= s.minimum) add(err(`exclusiveMinimum: got ${formatFloatV(v)}, want ${formatFloatV(s.minimum)}`));
      } else if (typeof s.minimum === 'number' && v < s.minimum) add(err(`minimum: got ${formatFloatV(v)}, want ${formatFloatV(s.minimum)}`));
      if (typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum) add(err(`exclusiveMinimum: got ${formatFloatV(v)}, want ${formatFloatV(s.exclusiveMinimum)}`));
    }
    if (this.d.version >= 2019) {
      if (typeof s.$recursiveRef === 'string') {
        let target = this.resolve(s.$recursiveRef, n.base);
        // The outermost resource of the dynamic scope with $recursiveAnchor: the meta-schema's
        // root, where every validation here starts.
        const root = this.d.docs.get(this.d.root);
        if (isObj(target.s) && target.s.$recursiveAnchor === true && isObj(root) && root.$recursiveAnchor === true) target = { s: root, base: this.d.root };
        add(this.validateRef(target, v, vloc));
      }
      if (typeof s.$dynamicRef === 'string') {
        let target = this.resolve(s.$dynamicRef, n.base);
        const anchor = s.$dynamicRef.slice(s.$dynamicRef.indexOf('#') + 1);
        // The outermost resource of the dynamic scope with that anchor: the meta-schema's root.
        const root = this.d.docs.get(this.d.root);
        if (isObj(target.s) && target.s.$dynamicAnchor === anchor && isObj(root) && root.$dynamicAnchor === anchor) target = { s: root, base: this.d.root };
        add(this.validateRef(target, v, vloc));
      }
    }
    if (Array.isArray(s.allOf)) {
      const es: VErr[] = [];
      for (const sub of s.allOf) {
        const e = this.validate(child(sub), v, vloc);
        if (e !== undefined) es.push(e);
      }
      if (es.length > 0) add(err("'allOf' failed", es));
    }
    if (Array.isArray(s.anyOf)) {
      const es: VErr[] = [];
      let matched = false;
      for (const sub of s.anyOf) {
        const e = this.validate(child(sub), v, vloc);
        if (e === undefined) {
          matched = true;
          break;
        }
        es.push(e);
      }
      if (!matched) add(err("'anyOf' failed", es));
    }
    if (errors.length === 0) return undefined;
    if (errors.length === 1) return errors[0];
    return { at: tokensOf(vloc), msg: 'validation failed', ref: false, group: true, causes: errors };
  }

  private validateRef(target: Node, v: Json, vloc: Loc | undefined): VErr | undefined {
    const e = this.validate(target, v, vloc);
    if (e === undefined) return undefined;
    return { at: tokensOf(vloc), msg: 'validation failed', ref: true, group: false, causes: e.group ? e.causes : [e] };
  }
}

function matches(pattern: string, s: string): boolean {
  const re = goRegexp(pattern);
  return re instanceof Error || re.matchString(s);
}

const validators = new Map<number, MetaValidator>();

/** duplicate is jsonschema's duplicates: the first pair of equal items, earlier index first. */
function duplicate(arr: readonly Json[]): [number, number] | undefined {
  for (let i = 1; i < arr.length; i++) {
    for (let j = 0; j < i; j++) if (jsonEqual(arr[i] ?? null, arr[j] ?? null)) return [j, i];
  }
  return undefined;
}

function render(e: VErr, indent: number, out: string[]): void {
  let next = indent;
  if (!(e.ref && e.causes.length === 1)) {
    out.push(`\n${'  '.repeat(indent - 1)}- at ${v6Quote(e.at.map((t) => `/${escapeToken(t)}`).join(''))}: ${e.msg}`);
    next = indent + 1;
  }
  for (const c of e.causes) render(c, next, out);
}

/** MetaschemaResult: Helm 4's error text, with the JSON pointer of the first failing value. */
export interface MetaschemaFailure {
  readonly error: string;
  readonly pointer: string;
}

/**
 * metaschemaError validates a values.schema.json document (parsed) against the meta-schema of
 * its `$schema` draft (2020-12 when none or not a string), as Helm 4 does before compiling it;
 * undefined when it passes.
 * A `$schema` naming no draft Helm 4 knows: Helm would download it; Chartwright says so.
 */
export function metaschemaError(doc: Json): MetaschemaFailure | undefined {
  let version = 2020;
  if (isObj(doc) && typeof doc.$schema === 'string') {
    const found = findDraft(doc.$schema);
    if (found === undefined) {
      return { error: `values.schema.json: at '/$schema': ${v6Quote(doc.$schema)} is not a JSON Schema draft Chartwright knows (Helm 4 would load this meta-schema from its URL; Chartwright does not download)`, pointer: '/$schema' };
    }
    version = found;
  }
  const d = draft(version);
  let v = validators.get(version);
  if (v === undefined) {
    v = new MetaValidator(d);
    validators.set(version, v);
  }
  const e = v.validate({ s: d.docs.get(d.root) ?? true, base: d.root }, doc, undefined);
  if (e === undefined) return undefined;
  const out: string[] = [];
  for (const c of e.group ? e.causes : [e]) render(c, 1, out);
  return { error: `"${SCHEMA_URL}" is not valid against metaschema: jsonschema validation failed with ${v6Quote(d.location)}${out.join('')}`, pointer: firstPointer(e) };
}

function firstPointer(e: VErr): string {
  let cur = e;
  while (cur.causes.length > 0) cur = cur.causes[0] ?? cur;
  return cur.at.map((t) => `/${escapeToken(t)}`).join('');
}
