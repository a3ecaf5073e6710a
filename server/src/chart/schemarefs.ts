// Local `$ref`s of values.schema.json that point nowhere (and, Helm 4, patternProperties that are
// not regexps under drafts whose meta-schema lets them through), reported as Helm does when it
// compiles the schema (after the metaschema check): jsonschema v6 (Helm 4) follows the references of the
// schemas it compiles (the root and its subschemas, not unreferenced `$defs`); gojsonschema
// (Helm 3) walks the JSON pointer and names the first key that is missing.
import { GoRegexp } from '../sprig/re2';
import { quote as goQuote } from '../template/strconv';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const URL_BASE = 'file:///values.schema.json';

function isObj(x: Json | undefined): x is Obj {
  return x !== null && x !== undefined && typeof x === 'object' && !Array.isArray(x);
}

/** SELF/EACH/PROPS: the keywords whose values are compiled as schemas (jsonschema v6). */
const SELF = ['additionalProperties', 'additionalItems', 'items', 'contains', 'propertyNames', 'if', 'then', 'else', 'not', 'unevaluatedProperties', 'unevaluatedItems', 'contentSchema'];
const EACH = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
const PROPS = ['properties', 'patternProperties', 'dependentSchemas', 'dependencies'];

function hasKey(x: Json, key: string): boolean {
  if (Array.isArray(x)) return x.some((i) => hasKey(i, key));
  if (!isObj(x)) return false;
  return key in x || Object.values(x).some((v) => hasKey(v, key));
}

function decodeFragment(frag: string): string {
  try {
    return decodeURIComponent(frag);
  } catch {
    return frag;
  }
}

function tokens(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function walkPointer(doc: Json, pointer: string): { found: Json } | { missing: string } {
  let cur: Json = doc;
  for (const t of tokens(pointer)) {
    const next: Json | undefined = Array.isArray(cur) ? cur[Number(t)] : isObj(cur) ? cur[t] : undefined;
    if (next === undefined) return { missing: t };
    cur = next;
  }
  return { found: cur };
}

function anchorExists(doc: Json, name: string): boolean {
  if (Array.isArray(doc)) return doc.some((d) => anchorExists(d, name));
  if (!isObj(doc)) return false;
  if (doc.$anchor === name || doc.$dynamicAnchor === name) return true;
  return Object.values(doc).some((d) => anchorExists(d, name));
}

/**
 * helm4RefError is jsonschema v6's compile error for the first local `$ref` of a compiled
 * schema that resolves to nothing, or undefined. Schemas with `$id`s (other bases) and
 * references to other documents are left to the validator.
 */
export function helm4RefError(doc: Json): string | undefined {
  if (hasKey(doc, '$id')) return undefined;
  const seen = new Set<Json>();
  const visit = (s: Json | undefined, at: string): string | undefined => {
    if (!isObj(s) || seen.has(s)) return undefined;
    seen.add(s);
    if (isObj(s.patternProperties)) {
      // (draft-07 and later refuse these in the metaschema check already)
      for (const k of Object.keys(s.patternProperties)) {
        try {
          new GoRegexp(k);
        } catch (e) {
          return `invalid regex ${goQuote(k)} at "${URL_BASE}#${encodeURI(at)}/patternProperties": ${e instanceof Error ? e.message : String(e)}`;
        }
      }
    }
    if (typeof s.$ref === 'string' && s.$ref.startsWith('#')) {
      const frag = decodeFragment(s.$ref.slice(1));
      const shown = `${URL_BASE}#${encodeURI(frag)}`;
      if (frag === '' || frag.startsWith('/')) {
        const r = walkPointer(doc, frag);
        if ('missing' in r) return `json-pointer in "${shown}" not found`;
        const e = visit(r.found, frag);
        if (e !== undefined) return e;
      } else if (!anchorExists(doc, frag)) {
        return `anchor in "${shown}" not found in schema "${URL_BASE}"`;
      }
    }
    for (const k of SELF) {
      const e = isObj(s[k]) ? visit(s[k], `${at}/${k}`) : undefined;
      if (e !== undefined) return e;
    }
    for (const k of EACH) {
      const v = s[k];
      if (!Array.isArray(v)) continue;
      for (const [i, item] of v.entries()) {
        const e = visit(item, `${at}/${k}/${i}`);
        if (e !== undefined) return e;
      }
    }
    for (const k of PROPS) {
      const v = s[k];
      if (!isObj(v)) continue;
      for (const [name, item] of Object.entries(v)) {
        const e = visit(item, `${at}/${k}/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`);
        if (e !== undefined) return e;
      }
    }
    return undefined;
  };
  return visit(doc, '');
}
