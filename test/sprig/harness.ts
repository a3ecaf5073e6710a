// Test harness for the sprig tables: renders `# {{ $r := EXPR }}{{ printf "%T" $r }}|{{ $r | toJson }}`
// through the real template engine with sprigFuncs() and compares with what Helm printed for
// the same template (see record.py, which recorded the expectations from helm v4.1.4).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { marshalJSON } from '../../server/src/sprig/json';
import type { FuncDef } from '../../server/src/template/func';
import { TemplateError, TemplateSet } from '../../server/src/template/index';
import { NamedMap, fromJS, isNilSlice, sliceElemType, typedSlice, type Value } from '../../server/src/template/value';
import { sprigFuncs } from '../../server/src/sprig/registry';

const runtime = { now: () => new Date(0), randomBytes: (n: number) => new Uint8Array(n).fill(7), localZone: 'UTC' };

// nilToNull turns nil slices into nil for marshalling (json.Marshal prints a nil slice as null).
function nilToNull(v: Value): Value {
  if (Array.isArray(v)) {
    if (isNilSlice(v)) return null;
    const out = v.map(nilToNull);
    return sliceElemType(v) === 'interface {}' ? out : typedSlice(out, sliceElemType(v));
  }
  if (v instanceof Map && !(v instanceof NamedMap)) return new Map([...v].map(([k, x]) => [k, nilToNull(x)] as const));
  return v;
}

const toJson: FuncDef = {
  name: 'toJson',
  params: ['interface {}'],
  result: 'string',
  impl: ([v]) => {
    // Helm's toJson drops marshalling errors and returns "".
    try {
      return marshalJSON(nilToNull(v));
    } catch {
      return '';
    }
  },
  doc: { signature: 'toJson', description: 'test', example: '', category: 'test' },
};

/** harnessFuncs are sprigFuncs() plus Helm's toJson. */
export function harnessFuncs(): Map<string, FuncDef> {
  const m = new Map<string, FuncDef>(sprigFuncs().map((d) => [d.name, d]));
  m.set('toJson', toJson);
  return m;
}

const valuesType = { name: 'common.Values', elem: 'interface {}', method: () => undefined };

function values(): NamedMap {
  const raw: unknown = parseYaml(readFileSync(join(__dirname, 'cases', 'values.yaml'), 'utf8'), { version: '1.1' });
  const vals = new NamedMap(valuesType);
  const decoded = fromJS(raw);
  if (decoded instanceof Map) for (const [k, x] of decoded) vals.set(k, x);
  return vals;
}

/** lastMessage is the error text after the last `at <...>:` (what record.py keeps). */
export function lastMessage(go: string): string {
  const re = /at <[^\n]*?>:\s*/g;
  let end = -1;
  for (let m = re.exec(go); m !== null; m = re.exec(go)) end = m.index + m[0].length;
  return (end >= 0 ? go.slice(end) : go).trim();
}

/** evaluate renders one case expression the way record.py does and returns the comparable form. */
export function evaluate(expr: string): string {
  const typeOnly = expr.startsWith('~');
  const e = typeOnly ? expr.slice(1) : expr;
  const set = new TemplateSet({ funcs: harnessFuncs(), helmVersion: 4, runtime });
  const name = 'mychart/templates/t.yaml';
  const perr = set.addFile(name, `# {{ $r := ${e} }}{{ printf "%T" $r }}|{{ $r | toJson }}\n`);
  if (perr !== null) return '!parse: ' + perr.message;
  const top = new NamedMap(valuesType, [['Values', values()]]);
  try {
    const out = set.execute(name, top).output.replaceAll('<no value>', '');
    const line = out.slice(2).replace(/\n$/, '');
    return typeOnly ? line.split('|')[0] : line;
  } catch (err) {
    if (err instanceof TemplateError) return '!' + lastMessage(err.goMessage);
    return '!' + String(err);
  }
}

/**
 * KNOWN_GAPS are recorded cases the value model cannot reproduce yet, with the reason.
 * (Strings are UTF-16 here, so a Go string holding invalid UTF-8 decodes to U+FFFD.)
 */
export const KNOWN_GAPS: ReadonlyMap<string, string> = new Map([
  ['trunc 2 "héllo"', 'byte-cut strings hold invalid UTF-8, which becomes U+FFFD in this model'],
  // The engine passes a missing value (nil interface{}) to a map parameter instead of failing
  // with Go's `wrong type for value; expected map[string]interface {}; got interface {}`.
  ['get .Values.nope "x"', 'engine: nil interface{} into a map parameter is not rejected'],
  ['merge .Values.nope (dict "a" 1)', 'engine: nil interface{} into a map parameter is not rejected'],
  // The value model has no nil map: a literal nil for a map parameter arrives as an empty map.
  ['set nil "a" 1', 'value model: no nil map (Go panics on assignment)'],
  ['unset nil "a"', 'value model: no nil map (Go returns the nil map, toJson null)'],
  ['merge nil nil', 'value model: no nil map (Go returns the nil map, toJson null)'],
  // Helm replaces sprig's fail with its own (tested in defaults.test.ts against sprig's text).
  ['fail "boom"', "Helm overrides sprig's fail"],
  ['fail ""', "Helm overrides sprig's fail"],
]);

/**
 * sameUnordered compares results of functions that iterate a Go map (keys, values): Go's order
 * is random, ours is sorted, so "TYPE|[...]" results are compared as multisets.
 */
export function sameUnordered(got: string, want: string): boolean {
  const split = (r: string): [string, string] => {
    const i = r.indexOf('|');
    return [r.slice(0, i), r.slice(i + 1)];
  };
  const [gt, gj] = split(got);
  const [wt, wj] = split(want);
  if (gt !== wt || !gj.startsWith('[') || !wj.startsWith('[')) return got === want;
  const norm = (j: string): string[] => (JSON.parse(j) as unknown[]).map((x) => JSON.stringify(x)).sort();
  return JSON.stringify(norm(gj)) === JSON.stringify(norm(wj));
}
