// Sprig's default/flow functions (defaults.go): default, empty, coalesce, ternary, all, any, fail.
// (compact/mustCompact live in lists.ts; the JSON functions belong to the encoding helpers.)
import { FuncError, type FuncDef } from '../template/func';
import { isEmpty, type Value } from '../template/value';
import { argStr } from './cast';
import { fn } from './def';

const cat = 'defaults';

/** empty is sprig's `empty`: Go zero-ness by reflection (0, 0.0, "", false, nil, empty list/map). */
export function empty(v: Value): boolean {
  return isEmpty(v);
}

/** defaultsFuncs are sprig's default, empty, coalesce, ternary, all, any and fail. */
export const defaultsFuncs: FuncDef[] = [
  fn(cat, 'default', ['interface {}', '...interface {}'], 'interface {}', ([d, ...given]) => {
    // dfault checks `empty(given)` first: with no piped value the default is returned.
    if (given.length === 0 || empty(given[0])) return d;
    return given[0];
  }, [
    'default DEFAULT VALUE',
    'Returns VALUE unless it is empty (nil, "", 0, false, empty list/map), else DEFAULT.',
    '{{ .Values.name | default "app" }} → app',
  ]),
  fn(cat, 'empty', ['interface {}'], 'bool', ([v]) => empty(v), [
    'empty VALUE',
    'Reports whether the value is empty: nil, "", 0, 0.0, false, or an empty list or map ("0" is not).',
    '{{ empty "" }} → true',
  ]),
  fn(cat, 'coalesce', ['...interface {}'], 'interface {}', (vs) => {
    for (const v of vs) if (!empty(v)) return v;
    return null;
  }, [
    'coalesce VALUE...',
    'Returns the first non-empty argument, or nil.',
    '{{ coalesce .Values.a .Values.b "fallback" }} → fallback',
  ]),
  fn(cat, 'ternary', ['interface {}', 'interface {}', 'bool'], 'interface {}', ([a, b, c]) => (c === true ? a : b), [
    'ternary TRUEVAL FALSEVAL CONDITION',
    'Returns TRUEVAL if CONDITION (which must be a bool) is true, else FALSEVAL.',
    '{{ true | ternary "yes" "no" }} → yes',
  ]),
  fn(cat, 'all', ['...interface {}'], 'bool', (vs) => vs.every((v) => !empty(v)), [
    'all VALUE...',
    'Reports whether every argument is non-empty (true with no arguments).',
    '{{ all 1 "a" true }} → true',
  ]),
  fn(cat, 'any', ['...interface {}'], 'bool', (vs) => vs.some((v) => !empty(v)), [
    'any VALUE...',
    'Reports whether at least one argument is non-empty (false with no arguments).',
    '{{ any 0 "" "x" }} → true',
  ]),
  fn(cat, 'fail', ['string'], 'string', ([msg]) => {
    throw new FuncError(argStr(msg));
  }, [
    'fail MESSAGE',
    'Fails the render with MESSAGE as the error.',
    '{{ fail "replicas must be positive" }}',
  ]),
];
