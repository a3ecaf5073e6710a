// Helm 3's checks of a values.schema.json that is valid JSON: gojsonschema v1.2.0 parses the
// schema (schema.go parseSchema) keyword by keyword, in a fixed order, and fails on the first
// value of the wrong kind with a text from its English locale (locales.go). This replays that
// walk; it runs once per schema text (the result is memoised with the compiled validator).
import { GoRegexp } from '../sprig/re2';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const JSON_TYPES = ['array', 'boolean', 'integer', 'number', 'null', 'object', 'string'];
const DRAFT4 = 4;
const DRAFT6 = 6;
const DRAFT7 = 7;
const HYBRID = 1 << 30;

function isObj(x: Json | undefined): x is Obj {
  return x !== null && x !== undefined && typeof x === 'object' && !Array.isArray(x);
}

// locales.go (DefaultLocale)
const invalidType = (expected: string, given: string): string => `Invalid type. Expected: ${expected}, given: ${given}`;
const mustBeOfA = (x: string, y: string): string => `${x} must be of a ${y}`;
const mustBeOfAn = (x: string, y: string): string => `${x} must be of an ${y}`;
const mustBeOfType = (key: string, type: string): string => `${key} must be of type ${type}`;
const gteZero = (key: string): string => `${key} must be greater than or equal to 0`;
const PARSE_ERROR = 'Expected: valid schema, given: Invalid JSON';

/** draftOf is parseSchemaURL's draft: 4, 6 or 7 for their meta-schema URLs, else hybrid. */
function draftOf(doc: Json): number {
  if (!isObj(doc) || typeof doc.$schema !== 'string') return HYBRID;
  const m = /^https?:\/\/json-schema\.org\/draft-0([467])\/schema#?$/.exec(doc.$schema);
  return m === null ? HYBRID : Number(m[1]);
}

function isInt(x: Json | undefined): x is number {
  return typeof x === 'number' && Number.isInteger(x);
}

class Parser {
  private readonly refs = new Set<string>();
  constructor(private readonly root: Json) {}

  /** parse is parseSchema: the first error of the subschema node, or undefined. */
  parse(node: Json | undefined, draft: number): string | undefined {
    if (draft >= DRAFT6 && typeof node === 'boolean') return undefined;
    if (!isObj(node)) return PARSE_ERROR;
    const m = node;
    const has = (k: string): boolean => Object.hasOwn(m, k);
    const sub = (x: Json | undefined): string | undefined => this.parse(x, draft);
    const boolOrSchema = (k: string): string | undefined => {
      const a = m[k];
      if (isObj(a)) return sub(a);
      return typeof a === 'boolean' ? undefined : invalidType('boolean/valid schema', k);
    };
    const idKey = draft === DRAFT4 ? 'id' : draft === HYBRID && has('id') ? 'id' : '$id';
    if (has(idKey) && typeof m[idKey] !== 'string') return invalidType('string', idKey);
    if (has('definitions')) {
      const defs = m.definitions;
      if (!isObj(defs)) return invalidType('array of schemas', 'definitions');
      for (const dv of Object.values(defs)) {
        if (!isObj(dv) && typeof dv !== 'boolean') return invalidType('array of schemas', 'definitions');
        const e = sub(dv);
        if (e !== undefined) return e;
      }
    }
    if (has('title') && typeof m.title !== 'string') return invalidType('string', 'title');
    if (has('description') && typeof m.description !== 'string') return invalidType('string', 'description');
    if (has('$ref') && typeof m.$ref !== 'string') return invalidType('string', '$ref');
    if (typeof m.$ref === 'string' && !this.refs.has(m.$ref)) {
      this.refs.add(m.$ref);
      return this.reference(m.$ref, draft);
    }
    if (has('type')) {
      const types = typeof m.type === 'string' ? [m.type] : Array.isArray(m.type) ? m.type : undefined;
      if (types === undefined) return invalidType('string/array of strings', 'type');
      const seen: string[] = [];
      for (const t of types) {
        if (typeof t !== 'string') return invalidType('string/array of strings', 'type');
        if (!JSON_TYPES.includes(t)) return `has a primitive type that is NOT VALID -- given: /${t}/ Expected valid values are:[${JSON_TYPES.join(' ')}]`;
        if (seen.includes(t)) return `${t} type is duplicated`;
        seen.push(t);
      }
    }
    if (has('properties')) {
      if (!isObj(m.properties)) return mustBeOfType('properties', 'object');
      for (const v of Object.values(m.properties)) {
        const e = sub(v);
        if (e !== undefined) return e;
      }
    }
    const ap = has('additionalProperties') ? boolOrSchema('additionalProperties') : undefined;
    if (ap !== undefined) return ap;
    if (has('patternProperties')) {
      if (!isObj(m.patternProperties)) return invalidType('valid schema', 'patternProperties');
      for (const [k, v] of Object.entries(m.patternProperties)) {
        if (!validRegexp(k)) return `Invalid regex pattern '${k}'`;
        const e = sub(v);
        if (e !== undefined) return e;
      }
    }
    if (has('propertyNames') && draft >= DRAFT6) {
      const p = m.propertyNames;
      if (!isObj(p) && typeof p !== 'boolean') return invalidType('valid schema', 'patternProperties');
      const e = sub(p);
      if (e !== undefined) return e;
    }
    if (has('dependencies')) {
      if (!isObj(m.dependencies)) return mustBeOfType('dependencies', 'object');
      for (const v of Object.values(m.dependencies)) {
        if (Array.isArray(v)) {
          if (v.some((x) => typeof x !== 'string')) return mustBeOfType('dependency', 'schema or array of strings');
        } else if (isObj(v) || typeof v === 'boolean') {
          const e = sub(v);
          if (e !== undefined) return e;
        } else return mustBeOfType('dependency', 'schema or array of strings');
      }
    }
    if (has('items')) {
      const items = m.items;
      const list = Array.isArray(items) ? items : isObj(items) || typeof items === 'boolean' ? [items] : undefined;
      if (list === undefined) return invalidType('valid schema/array of schemas', 'items');
      for (const it of list) {
        if (!isObj(it) && typeof it !== 'boolean') return invalidType('valid schema/array of schemas', 'items');
        const e = sub(it);
        if (e !== undefined) return e;
      }
    }
    const ai = has('additionalItems') ? boolOrSchema('additionalItems') : undefined;
    if (ai !== undefined) return ai;
    if (has('multipleOf')) {
      if (typeof m.multipleOf !== 'number') return invalidType('number', 'multipleOf');
      if (m.multipleOf <= 0) return 'multipleOf must be strictly greater than 0';
    }
    if (has('minimum') && typeof m.minimum !== 'number') return mustBeOfA('minimum', 'number');
    const e1 = exclusive(m, 'exclusiveMinimum', 'minimum', draft);
    if (e1 !== undefined) return e1;
    if (has('maximum') && typeof m.maximum !== 'number') return mustBeOfA('maximum', 'number');
    const e2 = exclusive(m, 'exclusiveMaximum', 'maximum', draft);
    if (e2 !== undefined) return e2;
    for (const k of ['minLength', 'maxLength']) {
      if (!has(k)) continue;
      const v = m[k];
      if (!isInt(v)) return mustBeOfAn(k, 'integer');
      if (v < 0) return gteZero(k);
    }
    if (isInt(m.minLength) && isInt(m.maxLength) && m.minLength > m.maxLength) return 'minLength cannot be greater than maxLength';
    if (has('pattern')) {
      if (typeof m.pattern !== 'string') return mustBeOfA('pattern', 'string');
      if (!validRegexp(m.pattern)) return 'pattern must be a valid regex';
    }
    if (has('format') && typeof m.format !== 'string') return mustBeOfType('format', 'string');
    for (const k of ['minProperties', 'maxProperties']) {
      if (!has(k)) continue;
      const v = m[k];
      if (!isInt(v)) return mustBeOfAn(k, 'integer');
      if (v < 0) return gteZero(k);
    }
    if (isInt(m.minProperties) && isInt(m.maxProperties) && m.minProperties > m.maxProperties) return 'minProperties cannot be greater than maxProperties';
    if (has('required')) {
      if (!Array.isArray(m.required)) return mustBeOfAn('required', 'array');
      const seen: string[] = [];
      for (const r of m.required) {
        if (typeof r !== 'string') return 'required items must be string';
        if (seen.includes(r)) return 'required items must be unique';
        seen.push(r);
      }
    }
    for (const k of ['minItems', 'maxItems']) {
      if (!has(k)) continue;
      const v = m[k];
      if (!isInt(v)) return mustBeOfAn(k, 'integer');
      if (v < 0) return gteZero(k);
    }
    if (has('uniqueItems') && typeof m.uniqueItems !== 'boolean') return mustBeOfA('uniqueItems', 'boolean');
    if (has('contains') && draft >= DRAFT6) {
      const e = sub(m.contains);
      if (e !== undefined) return e;
    }
    if (has('enum')) {
      if (!Array.isArray(m.enum)) return mustBeOfAn('enum', 'array');
      const seen = new Set<string>();
      for (const v of m.enum) {
        const key = JSON.stringify(v);
        if (seen.has(key)) return 'enum items must be unique';
        seen.add(key);
      }
    }
    // (gojsonschema names anyOf in allOf's error)
    for (const [k, name] of [['oneOf', 'oneOf'], ['anyOf', 'anyOf'], ['allOf', 'anyOf']] as const) {
      if (!has(k)) continue;
      const v = m[k];
      if (!Array.isArray(v)) return mustBeOfAn(name, 'array');
      for (const it of v) {
        const e = sub(it);
        if (e !== undefined) return e;
      }
    }
    const conditions = draft >= DRAFT7 ? ['not', 'if', 'then', 'else'] : ['not'];
    for (const k of conditions) {
      if (!has(k)) continue;
      const v = m[k];
      if (!isObj(v) && typeof v !== 'boolean') return mustBeOfAn(k, 'object');
      const e = sub(v);
      if (e !== undefined) return e;
    }
    return undefined;
  }

  /** reference is parseReference for a local `#…` reference (gojsonpointer's errors). */
  private reference(ref: string, draft: number): string | undefined {
    if (!ref.startsWith('#')) return undefined;
    let frag = ref.slice(1);
    try {
      frag = decodeURIComponent(frag);
    } catch {
      // kept as written
    }
    let cur: Json = this.root;
    if (frag !== '') {
      for (const raw of frag.split('/').slice(1)) {
        const t = raw.replaceAll('~1', '/').replaceAll('~0', '~');
        if (isObj(cur)) {
          if (!Object.hasOwn(cur, t)) return `Object has no key '${t}'`;
          cur = cur[t] ?? null;
        } else if (Array.isArray(cur)) {
          if (!/^[+-]?\d+$/.test(t)) return `strconv.Atoi: parsing ${JSON.stringify(t)}: invalid syntax`;
          const i = Number(t);
          if (i < 0 || i >= cur.length) return `Out of bound array[0,${cur.length}] index '${i}'`;
          cur = cur[i] ?? null;
        } else return `Invalid token reference '${t}'`;
      }
    }
    if (!isObj(cur) && typeof cur !== 'boolean') return mustBeOfType('valid schema', 'object');
    return this.parse(cur, draft);
  }
}

function exclusive(m: Obj, key: string, base: string, draft: number): string | undefined {
  if (!Object.hasOwn(m, key)) return undefined;
  const v = m[key];
  const hasBase = typeof m[base] === 'number';
  if (draft === DRAFT4) {
    if (typeof v !== 'boolean') return invalidType('boolean', key);
    return hasBase ? undefined : `${key} cannot be used without ${base}`;
  }
  if (draft === HYBRID) {
    if (typeof v === 'boolean') return hasBase ? undefined : `${key} cannot be used without ${base}`;
    return typeof v === 'number' ? undefined : invalidType('boolean/number', key);
  }
  return typeof v === 'number' ? undefined : invalidType('number', key);
}

function validRegexp(p: string): boolean {
  try {
    new GoRegexp(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * helm3SchemaError is gojsonschema's error for a schema object it cannot parse (Helm 3), or
 * undefined. The top level's kind and `$schema`'s are checked first (parseSchemaURL).
 */
export function helm3SchemaError(doc: Json): string | undefined {
  if (isObj(doc) && Object.hasOwn(doc, '$schema') && typeof doc.$schema !== 'string') return mustBeOfType('$schema', 'string');
  return new Parser(doc).parse(doc, draftOf(doc));
}
