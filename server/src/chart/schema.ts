// Package schema: values.schema.json validation (chartutil/jsonschema.go) with ajv, formatting
// errors like Helm 3 (xeipuuv/gojsonschema) or Helm 4 (santhosh-tekuri/jsonschema v6) as closely
// as ajv's error objects allow.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type AjvDraft07 from 'ajv';
import type AjvDraft2019 from 'ajv/dist/2019';
import type AjvDraft2020 from 'ajv/dist/2020';
import type AddFormats from 'ajv-formats';

// ajv is loaded on first use: most charts have no values.schema.json, and loading it costs
// ~30 ms of every CLI start.
interface AjvModules {
  readonly Ajv: typeof AjvDraft07;
  readonly Ajv2019: typeof AjvDraft2019;
  readonly Ajv2020: typeof AjvDraft2020;
  readonly addFormats: typeof AddFormats;
}
let ajvModules: AjvModules | undefined;
function ajv(): AjvModules {
  /* eslint-disable @typescript-eslint/no-require-imports */
  ajvModules ??= {
    Ajv: (require('ajv') as { default: typeof AjvDraft07 }).default,
    Ajv2019: (require('ajv/dist/2019') as { default: typeof AjvDraft2019 }).default,
    Ajv2020: (require('ajv/dist/2020') as { default: typeof AjvDraft2020 }).default,
    addFormats: (require('ajv-formats') as { default: typeof AddFormats }).default,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return ajvModules;
}
import { JSONError, marshalJSON, readJSONValue } from '../sprig/json';
import { GoRegexp } from '../sprig/re2';
import { quote as goQuote } from '../template/strconv';
import type { HelmVersion } from '../template/func';
import { type GoMap, utf8Decode } from '../template/value';
import type { Chart } from './loader';
import type { Log } from './log';
import { V6_TYPE_ORDER, metaschemaError } from './metaschema';
import { helm4RefError } from './schemarefs';
import { helm3SchemaError } from './schema3';
import { noteStackOverflow } from '../template/stack-signal';

/** SCHEMA_ERROR_HEADER is the first line of Helm's schema failure message. */
export const SCHEMA_ERROR_HEADER = "values don't meet the specifications of the schema(s) in the following chart(s):";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function goJsonKind(x: unknown, v: HelmVersion): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  switch (typeof x) {
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    case 'number':
      // gojsonschema reports whole numbers as integer; santhosh-tekuri says "number".
      return v === 3 && Number.isInteger(x) ? 'integer' : 'number';
    case 'object':
      return 'object';
  }
  return 'unknown';
}

function lookup(root: unknown, pointer: string): unknown {
  let cur: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) cur = cur[Number(k)];
    else if (cur !== null && typeof cur === 'object') cur = (cur as Record<string, unknown>)[k];
    else return undefined;
  }
  return cur;
}

function v3Field(pointer: string): string {
  if (pointer === '') return '(root)';
  return pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function jsonText(x: unknown): string {
  return JSON.stringify(x);
}

function num(x: unknown): string {
  return typeof x === 'number' ? String(x) : JSON.stringify(x);
}

/** v3Line formats one ajv error like gojsonschema's ResultError.String(). */
function v3Line(e: ErrorObject, data: unknown): string | undefined {
  const field = v3Field(e.instancePath);
  const p = e.params as Record<string, unknown>;
  const value = lookup(data, e.instancePath);
  switch (e.keyword) {
    case 'required':
      return `${field}: ${String(p.missingProperty)} is required`;
    case 'type': {
      // gojsonschema prints a type list as given, in brackets: [string,integer].
      const want = Array.isArray(p.type) ? `[${(p.type as string[]).join(',')}]` : String(p.type);
      return `${field}: Invalid type. Expected: ${want}, given: ${goJsonKind(value, 3)}`;
    }
    case 'minimum':
      return `${field}: Must be greater than or equal to ${num(p.limit)}`;
    case 'exclusiveMinimum':
      return `${field}: Must be greater than ${num(p.limit)}`;
    case 'maximum':
      return `${field}: Must be less than or equal to ${num(p.limit)}`;
    case 'exclusiveMaximum':
      return `${field}: Must be less than ${num(p.limit)}`;
    case 'enum':
      return `${field}: ${field === '(root)' ? '(root)' : field.split('.').pop()} must be one of the following: ${(p.allowedValues as unknown[]).map(jsonText).join(', ')}`;
    case 'const':
      return `${field}: ${field.split('.').pop()} does not match: ${jsonText(p.allowedValue)}`;
    case 'additionalProperties':
      return `${field}: Additional property ${String(p.additionalProperty)} is not allowed`;
    case 'minLength':
      return `${field}: String length must be greater than or equal to ${num(p.limit)}`;
    case 'maxLength':
      return `${field}: String length must be less than or equal to ${num(p.limit)}`;
    case 'pattern':
      return `${field}: Does not match pattern '${String(p.pattern)}'`;
    case 'format':
      return `${field}: Does not match format '${String(p.format)}'`;
    case 'minItems':
      return `${field}: Array must have at least ${num(p.limit)} items`;
    case 'maxItems':
      return `${field}: Array must have at most ${num(p.limit)} items`;
    case 'uniqueItems':
      return `${field}: array items[${num(p.j)},${num(p.i)}] must be unique`;
    case 'multipleOf':
      return `${field}: Must be a multiple of ${num(p.multipleOf)}`;
    case 'minProperties':
      return `${field}: Must have at least ${num(p.limit)} properties`;
    case 'maxProperties':
      return `${field}: Must have at most ${num(p.limit)} properties`;
    case 'anyOf':
      return `${field}: Must validate at least one schema (anyOf)`;
    case 'oneOf':
      return `${field}: Must validate one and only one schema (oneOf)`;
    case 'not':
      return `${field}: Must not validate the schema (not)`;
    case 'if':
      return `${field}: Must validate "${String(p.failingKeyword)}" as "if" was ${p.failingKeyword === 'then' ? 'valid' : 'not valid'}`;
    case 'false schema':
      return `${field}: False always fails validation`;
    case 'additionalItems':
      return `${field}: No additional items allowed on array`;
    case 'dependencies':
      return `${field}: Has a dependency on ${String(p.property)}`;
  }
  return `${field}: ${e.message ?? e.keyword}`;
}

/** primitive: jsonschema v6 lists enum and const values only when none is an array or object. */
function primitive(x: unknown): boolean {
  return x === null || typeof x !== 'object';
}

function quoteList(xs: unknown[]): string {
  return xs.map((x) => (typeof x === 'string' ? `'${x}'` : jsonText(x))).join(', ');
}


/**
 * reportedErrors drops what Helm's validators never report: once a schema's `type` fails for
 * a value, gojsonschema and jsonschema v6 check none of that schema's other keywords (ajv with
 * allErrors reports them all, e.g. `enum` on a null value).
 */
function reportedErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const parent = (e: ErrorObject): string => e.schemaPath.slice(0, e.schemaPath.lastIndexOf('/'));
  const typeFailed = new Set(errors.filter((e) => e.keyword === 'type').map((e) => `${e.instancePath}\u0000${parent(e)}`));
  return errors.filter((e) => e.keyword === 'type' || !typeFailed.has(`${e.instancePath}\u0000${parent(e)}`));
}

/** v4Line formats one ajv error like santhosh-tekuri/jsonschema v6's English output. */
function v4Line(e: ErrorObject, data: unknown): string | undefined {
  const p = e.params as Record<string, unknown>;
  const value = lookup(data, e.instancePath);
  const at = `at '${e.instancePath}'`;
  switch (e.keyword) {
    case 'required':
      return `${at}: missing property '${String(p.missingProperty)}'`;
    case 'type': {
      // jsonschema v6 keeps types as a bit set and prints them in its fixed order.
      const want = Array.isArray(p.type) ? [...(p.type as string[])].sort((a, b) => V6_TYPE_ORDER.indexOf(a) - V6_TYPE_ORDER.indexOf(b)).join(' or ') : String(p.type);
      return `${at}: got ${goJsonKind(value, 4)}, want ${want}`;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${at}: ${e.keyword}: got ${num(value)}, want ${num(p.limit)}`;
    case 'minLength':
    case 'maxLength':
      return `${at}: ${e.keyword}: got ${typeof value === 'string' ? [...value].length : 0}, want ${num(p.limit)}`;
    case 'minItems':
    case 'maxItems':
      return `${at}: ${e.keyword}: got ${Array.isArray(value) ? value.length : 0}, want ${num(p.limit)}`;
    case 'minProperties':
    case 'maxProperties':
      return `${at}: ${e.keyword}: got ${value !== null && typeof value === 'object' ? Object.keys(value).length : 0}, want ${num(p.limit)}`;
    case 'enum': {
      // (an empty enum reaches ajv as the one sentinel value, see emptyEnums)
      const vals = (p.allowedValues as unknown[]).filter((x) => x !== EMPTY_ENUM);
      if (!vals.every(primitive)) return `${at}: 'enum' failed`;
      return vals.length === 1 ? `${at}: value must be ${quoteList(vals)}` : `${at}: value must be one of ${quoteList(vals)}`;
    }
    case 'const':
      return primitive(p.allowedValue) ? `${at}: value must be ${quoteList([p.allowedValue])}` : `${at}: 'const' failed`;
    case 'additionalProperties':
      return `${at}: additional properties '${String(p.additionalProperty)}' not allowed`;
    case 'pattern':
      // santhosh-tekuri quotes both like strconv.Quote without the outer quotes (recorded:
      // 'a\n' ... '^\\s$', '\u00a0'; printable non-ASCII such as 'é' stays as is).
      return `${at}: '${goQuote(String(value)).slice(1, -1)}' does not match pattern '${goQuote(String(p.pattern)).slice(1, -1)}'`;
    case 'format':
      return `${at}: '${String(value)}' is not valid ${String(p.format)}`;
    case 'multipleOf':
      return `${at}: ${num(value)} is not multipleOf ${num(p.multipleOf)}`;
    case 'uniqueItems':
      return `${at}: items at ${num(p.j)} and ${num(p.i)} are equal`;
    case 'anyOf':
      return `${at}: anyOf failed`;
    case 'oneOf':
      return `${at}: oneOf failed, none matched`;
    case 'not':
      return `${at}: not failed`;
    case 'false schema':
      return `${at}: false schema`;
    case 'if':
      return undefined;
  }
  return `${at}: ${e.message ?? e.keyword}`;
}

const compiled = new Map<string, ValidateFunction | { error: string }>();

/** forgetCompiledSchemas empties the in-process validator memo (tests of the code cache). */
export function forgetCompiledSchemas(): void {
  compiled.clear();
}

/**
 * goRegExp is ajv's regular-expression engine (its `code.regExp` option): `pattern` and
 * `patternProperties` are Go regexps in both Helms (santhosh-tekuri/jsonschema and gojsonschema
 * call regexp.Compile), matched in linear time by re2js instead of V8's backtracking engine.
 * An invalid pattern throws Re2Error (Go's text) from ajv's compile.
 */
const goRegExp = Object.assign(
  (pattern: string): { test(s: string): boolean; toString(): string } => {
    const re = new GoRegexp(pattern);
    return { test: (s: string) => re.matchString(s), toString: () => `go:${pattern}` };
  },
  { code: 'goRegExp' },
);

/**
 * SchemaCodeCache keeps ajv's generated validator code between runs (the CLI's on-disk cache,
 * cli/diskcache.ts): compiling a big schema (bitnami's 153 KB redis one) costs ~250 ms, loading
 * its generated code ~10 ms. `key` holds everything the code depends on (schema text, Helm
 * version, ajv's version and options); a store may hash it.
 */
export interface SchemaCodeCache {
  get(key: string): string | undefined;
  set(key: string, code: string): void;
  /**
   * checked: the cache holds only code stored by this very build (the CLI keys its entries by
   * build), so a stored entry proves its schema text passed this build's checks (JSON syntax,
   * metaschema), which a hit then skips (~15 ms for bitnami's redis schema on a cold VM).
   */
  readonly checked?: boolean;
}

// The options the generated code depends on; a change here must change CODE_KEY. Its version
// (chartwright-schema-N) changes with the checks a text passes before it is compiled (metaschema.ts,
// schema3.ts, schemarefs.ts): a cached validator implies the text passed them.
const AJV_OPTIONS = { allErrors: true, strict: false, validateSchema: false, logger: false as const };
let codeKeyText: string | undefined;
function codeKeyPrefix(): string {
  codeKeyText ??= `chartwright-schema-2 ajv@${ajvVersion()} ajv-formats@${ajvFormatsVersion()} ${JSON.stringify(AJV_OPTIONS)} regExp=goRegExp optimize=false`;
  return codeKeyText;
}

function ajvVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('ajv/package.json') as { version: string }).version;
}

function ajvFormatsVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('ajv-formats/package.json') as { version: string }).version;
}

/**
 * runtimeRequire is the `require` of generated (standalone) validator code: ajv refers to its
 * runtime helpers and ajv-formats' checks as `require("…")`; anything else is not served (the
 * code is then not cached, or a cached copy is recompiled).
 */
function runtimeRequire(id: string): unknown {
  /* eslint-disable @typescript-eslint/no-require-imports */
  switch (id) {
    case 'ajv/dist/runtime/equal':
      return require('ajv/dist/runtime/equal');
    case 'ajv/dist/runtime/ucs2length':
      return require('ajv/dist/runtime/ucs2length');
    case 'ajv/dist/runtime/uri':
      return require('ajv/dist/runtime/uri');
    case 'ajv/dist/runtime/validation_error':
      return require('ajv/dist/runtime/validation_error');
    case 'ajv-formats/dist/formats':
      return require('ajv-formats/dist/formats');
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  throw new Error(`generated schema code requires an unknown module: ${id}`);
}

const RUNTIME_MODULES = new Set(['ajv/dist/runtime/equal', 'ajv/dist/runtime/ucs2length', 'ajv/dist/runtime/uri', 'ajv/dist/runtime/validation_error', 'ajv-formats/dist/formats']);

/** servable: every module the generated code requires is one runtimeRequire serves. */
function servable(code: string): boolean {
  for (const m of code.matchAll(/\brequire\("([^"]*)"\)/g)) if (!RUNTIME_MODULES.has(m[1] ?? '')) return false;
  return true;
}

/** loadCode runs generated (standalone, CommonJS) validator code; undefined when it fails. */
function loadCode(code: string): ValidateFunction | undefined {
  try {
    const mod: { exports: unknown } = { exports: {} };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('require', 'goRegExp', 'module', 'exports', code)(runtimeRequire, goRegExp, mod, mod.exports);
    return typeof mod.exports === 'function' ? (mod.exports as ValidateFunction) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * known is the validator already made for this schema text: memoised in this process, or its code
 * in a `checked` cache (stored by this build). Either was made only after the text passed this
 * build's checks, so a caller holding one skips them and the parse of the schema.
 */
function known(schemaText: string, v: HelmVersion, cache: SchemaCodeCache | undefined): ValidateFunction | { error: string } | undefined {
  const key = memoKey(schemaText, v);
  const hit = compiled.get(key);
  if (hit !== undefined || cache?.checked !== true) return hit;
  const stored = cache.get(codeKeyFor(schemaText, v));
  const loaded = stored !== undefined ? loadCode(stored) : undefined;
  if (loaded !== undefined) compiled.set(key, loaded);
  return loaded;
}

/** memoKey is the key of a schema text's validator (or error) in the process's memo. */
function memoKey(schemaText: string, v: HelmVersion): string {
  return `${v}\u0000${schemaText}`;
}

function codeKeyFor(schemaText: string, v: HelmVersion): string {
  return `${codeKeyPrefix()} helm=${v}\n${schemaText}`;
}

function compile(schemaText: string, schema: Json, v: HelmVersion, cache: SchemaCodeCache | undefined): ValidateFunction | { error: string } {
  const key = memoKey(schemaText, v);
  const codeKey = cache !== undefined ? codeKeyFor(schemaText, v) : '';
  let result: ValidateFunction | { error: string };
  let instance: { opts: unknown } | undefined;
  const sv = schema !== null && typeof schema === 'object' && !Array.isArray(schema) ? schema.$schema : undefined;
  const draft = typeof sv === 'string' ? sv : '';
  // code.source keeps the generated code for the cache (standaloneCode needs it).
  const opts = { ...AJV_OPTIONS, code: { regExp: goRegExp, optimize: false, source: cache !== undefined } };
  const attempt = (kind: '07' | '2019' | '2020'): ValidateFunction => {
    const { Ajv, Ajv2019, Ajv2020, addFormats } = ajv();
    const validator = kind === '2020' ? new Ajv2020(opts) : kind === '2019' ? new Ajv2019(opts) : new Ajv(opts);
    addFormats(validator);
    // Draft-04's boolean exclusiveMinimum/exclusiveMaximum (gojsonschema's hybrid draft accepts
    // them in any schema; jsonschema v6 under draft-04) in the numeric form ajv compiles.
    let s: Json = emptyEnums(v === 3 || draft.includes('draft-04') ? numericExclusives(schema) : schema, v);
    if (s !== null && typeof s === 'object' && !Array.isArray(s)) {
      // Helm 3's gojsonschema ignores the meta-schema; ajv would try to resolve it.
      const { $schema: _drop, ...rest } = s;
      void _drop;
      s = rest;
    }
    const fn = validator.compile(s as object);
    instance = validator;
    return fn;
  };
  try {
    if (v === 3) result = attempt('07');
    else if (draft.includes('2019-09')) result = attempt('2019');
    else if (draft.includes('draft-0')) result = attempt('07');
    else {
      // santhosh-tekuri defaults to 2020-12; fall back for draft-07-only constructs.
      try {
        result = attempt('2020');
      } catch {
        result = attempt('07');
      }
    }
  } catch (e) {
    result = { error: compileErrorText(e, schema) };
  }
  if (cache !== undefined && instance !== undefined && !('error' in result)) storeCode(cache, codeKey, instance, result);
  compiled.set(key, result);
  return result;
}

const NOT_SCHEMAS = new Set(['enum', 'const', 'default', 'examples']);

/**
 * EMPTY_ENUM stands for an empty `enum`, which ajv refuses: gojsonschema (Helm 3) ignores it,
 * jsonschema v6 (Helm 4) fails every value ("value must be one of ", recorded).
 */
const EMPTY_ENUM = '\u0000chartwright: empty enum';

/** emptyEnums rewrites `enum: []` for ajv: dropped for Helm 3, the sentinel for Helm 4. */
function emptyEnums(s: Json, v: HelmVersion): Json {
  if (s === null || typeof s !== 'object') return s;
  if (Array.isArray(s)) return s.map((x) => emptyEnums(x, v));
  const out: { [k: string]: Json } = {};
  for (const [k, x] of Object.entries(s)) {
    if (k === 'enum' && Array.isArray(x) && x.length === 0) {
      if (v === 4) out[k] = [EMPTY_ENUM];
    } else out[k] = NOT_SCHEMAS.has(k) ? x : emptyEnums(x, v);
  }
  return out;
}

/** numericExclusives rewrites `minimum: m, exclusiveMinimum: true` as `exclusiveMinimum: m` (and maximum). */
function numericExclusives(s: Json): Json {
  if (s === null || typeof s !== 'object') return s;
  if (Array.isArray(s)) return s.map(numericExclusives);
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(s)) out[k] = NOT_SCHEMAS.has(k) ? v : numericExclusives(v);
  for (const [ex, base] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof out[ex] !== 'boolean') continue;
    if (out[ex] === true && typeof out[base] === 'number') {
      out[ex] = out[base];
      delete out[base];
    } else delete out[ex];
  }
  return out;
}

/** schemaCheck runs Helm's checks of a schema before compiling it: its error, or undefined. */
function schemaCheck(top: unknown, parsed: Json, v: HelmVersion): string | undefined {
  try {
    return v === 3 ? (topLevelError(top) ?? helm3SchemaError(parsed)) : (metaschemaError(parsed)?.error ?? helm4RefError(parsed));
  } catch (e) {
    // The checks recurse along the document: one nested deeper than the stack allows.
    // (noted: the CLI then runs again with a big stack, cli/stack-fallback.ts)
    if (e instanceof RangeError) {
      noteStackOverflow();
      return 'values.schema.json: at \'\': the schema is nested too deeply for Chartwright to check it';
    }
    throw e;
  }
}

/**
 * compileErrorText is a schema ajv cannot compile although it passed Helm's checks (metaschema.ts,
 * schema3.ts, schemarefs.ts): Chartwright's own error naming values.schema.json (and the `$ref`'s
 * pointer when a reference cannot be resolved), never a bare JavaScript error.
 */
function compileErrorText(e: unknown, schema: Json): string {
  const missing = e !== null && typeof e === 'object' && 'missingRef' in e ? String((e as { missingRef: unknown }).missingRef) : undefined;
  if (missing !== undefined) {
    const ref = e !== null && typeof e === 'object' && 'missingSchema' in e ? String((e as { missingSchema: unknown }).missingSchema) : missing;
    const at = refPointer(schema, ref) ?? refPointer(schema, missing) ?? '';
    return `values.schema.json: at '${at}': $ref ${JSON.stringify(ref)} cannot be resolved by Chartwright (it reads no schema document but values.schema.json)`;
  }
  if (e instanceof RangeError) noteStackOverflow();
  return `values.schema.json: Chartwright cannot compile this schema: ${e instanceof Error ? e.message : String(e)}`;
}

/** refPointer is the JSON pointer of the first `$ref` whose value is (or resolves to) ref. */
function refPointer(s: Json, ref: string, at = ''): string | undefined {
  if (s === null || typeof s !== 'object') return undefined;
  if (!Array.isArray(s) && typeof s.$ref === 'string' && (s.$ref === ref || ref.endsWith(s.$ref))) return `${at}/$ref`;
  for (const [k, v] of Array.isArray(s) ? s.entries() : Object.entries(s)) {
    const p = refPointer(v, ref, `${at}/${String(k).replaceAll('~', '~0').replaceAll('/', '~1')}`);
    if (p !== undefined) return p;
  }
  return undefined;
}

/**
 * validatorFor is the validator of a schema text, or `{ error }` with Go's JSON syntax error or
 * the compile error.
 */
function validatorFor(raw: string, v: HelmVersion, cache: SchemaCodeCache | undefined, log: Log | undefined): ValidateFunction | { error: string } {
  const fn = known(raw, v, cache);
  if (fn !== undefined) {
    // Helm reads the schema every time: its --debug line is printed for a memoised one too.
    log?.debug('unmarshalled JSON schema', [['schema', raw]]);
    return fn;
  }
  const doc = decodeSchemaText(raw, v);
  if ('error' in doc) return doc;
  log?.debug('unmarshalled JSON schema', [['schema', raw]]);
  const parsed = JSON.parse(doc.text) as Json;
  const invalid = schemaCheck(doc.top, parsed, v);
  if (invalid !== undefined) {
    // Memoised like a compile error: the checks run once per schema text.
    const failed = { error: invalid };
    compiled.set(memoKey(doc.text, v), failed);
    return failed;
  }
  // (Helm 3 keeps only the first JSON value: that text is compiled and memoised, not `raw`.)
  return compile(doc.text, parsed, v, cache);
}

/** storeCode puts the validator's standalone code in the cache (when ajv can produce it). */
function storeCode(cache: SchemaCodeCache, codeKey: string, instance: { opts: unknown }, fn: ValidateFunction): void {
  let code: string;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const standalone = (require('ajv/dist/standalone') as { default: (ajv: unknown, refsOrFunc: ValidateFunction) => string }).default;
    code = standalone(instance, fn);
  } catch {
    return;
  }
  if (servable(code)) cache.set(codeKey, code);
}

/**
 * decodeSchemaText reads a schema file as Helm does, with a json.Decoder (gojsonschema in Helm
 * 3, jsonschema.UnmarshalJSON in Helm 4): nothing but spaces is `EOF`, a truncated document
 * `unexpected EOF`; after the first value Helm 3 ignores the rest and Helm 4 refuses anything
 * but spaces. Returns the text of the schema to use, or Go's error.
 */
function decodeSchemaText(raw: string, v: HelmVersion): { text: string; top: unknown } | { error: string } {
  let first: { value: unknown; end: number } | undefined;
  try {
    first = readJSONValue(raw, 0);
  } catch (e) {
    if (!(e instanceof JSONError)) throw e;
    return { error: e.message === 'unexpected end of JSON input' ? 'unexpected EOF' : e.message };
  }
  if (first === undefined) return { error: 'EOF' };
  if (v === 3) return { text: raw.slice(0, first.end), top: first.value };
  let rest: unknown;
  try {
    rest = readJSONValue(raw, first.end);
  } catch {
    rest = null;
  }
  return rest === undefined ? { text: raw, top: first.value } : { error: 'invalid character after top-level value' };
}

/**
 * topLevelError is gojsonschema's (Helm 3) compile error of a schema that is neither an object
 * nor a boolean. (Helm 4's is its metaschema check, metaschema.ts.)
 */
function topLevelError(top: unknown): string | undefined {
  if (top instanceof Map || typeof top === 'boolean') return undefined;
  return 'schema is invalid';
}

/**
 * validateSingle is ValidateAgainstSingleSchema: undefined when valid, else the error text
 * ("- ...\n" lines, or the schema's JSON syntax error).
 */
export function validateSingle(values: GoMap, schemaBytes: Uint8Array, v: HelmVersion, cache?: SchemaCodeCache, log?: Log): string | undefined {
  const fn = validatorFor(utf8Decode(schemaBytes), v, cache, log);
  if ('error' in fn) return fn.error;
  // Helm validates the JSON form of the values (yaml.Marshal → YAMLToJSON).
  const data = JSON.parse(marshalJSON(values, { escapeHTML: false })) as unknown;
  if (fn(data ?? {})) return undefined;
  const lines: string[] = [];
  for (const e of reportedErrors(fn.errors ?? [])) {
    const l = v === 3 ? v3Line(e, data) : v4Line(e, data);
    if (l !== undefined && !lines.includes(l)) lines.push(l);
  }
  return lines.map((l) => `- ${l}\n`).join('');
}

/**
 * validateAgainstSchema is ValidateAgainstSchema over a chart tree: per chart "<name>:\n" then
 * its errors; subcharts get values[<name>]. Returns Helm's full message, or undefined.
 */
export function validateAgainstSchema(c: Chart, values: GoMap, v: HelmVersion, cache?: SchemaCodeCache, log?: Log): string | undefined {
  const body = validateTree(c, values, v, cache, log);
  return body === '' ? undefined : `${SCHEMA_ERROR_HEADER}\n${body}`;
}

function validateTree(c: Chart, values: GoMap, v: HelmVersion, cache: SchemaCodeCache | undefined, log: Log | undefined): string {
  let sb = '';
  if (c.schema !== undefined) {
    log?.debug('chart name', [['chart-name', c.metadata.name]]);
    const err = validateSingle(values, c.schema, v, cache, log);
    if (err !== undefined) sb += `${c.metadata.name}:\n${err}`;
  }
  // Helm 4's --debug walk of the tree is logged here (ValidateAgainstSchema), not by the engine.
  log?.debug('number of dependencies in the chart', [['chart', c.metadata.name], ['dependencies', String(c.dependencies.length)]]);
  for (const sub of c.dependencies) {
    const sv = values.get(sub.metadata.name);
    sb += validateTree(sub, sv instanceof Map ? sv : new Map(), v, cache, log);
  }
  return sb;
}

/** SchemaViolation is one schema error with the JSON pointer of the offending value (editors). */
export interface SchemaViolation {
  /** pointer is the JSON pointer of the value ('' for the root), e.g. "/image/tag". */
  readonly pointer: string;
  /** message is Helm's line for it (without the leading "- "). */
  readonly message: string;
}

/**
 * schemaViolations validates values against one schema like validateSingle, but returns each
 * violation with its location; `{ error }` when the schema itself is broken.
 */
export function schemaViolations(values: GoMap, schemaBytes: Uint8Array, v: HelmVersion): SchemaViolation[] | { error: string } {
  const fn = validatorFor(utf8Decode(schemaBytes), v, undefined, undefined);
  if ('error' in fn) return fn;
  const data = JSON.parse(marshalJSON(values, { escapeHTML: false })) as unknown;
  if (fn(data ?? {})) return [];
  const out: SchemaViolation[] = [];
  for (const e of reportedErrors(fn.errors ?? [])) {
    const message = v === 3 ? v3Line(e, data) : v4Line(e, data);
    if (message === undefined || out.some((o) => o.message === message)) continue;
    // A missing required property is reported at the object holding it.
    out.push({ pointer: e.instancePath, message });
  }
  return out;
}
