// Tests of the text/template parser.
// - The conformance table: every recorded Helm parse error (expectations recorded from helm v4.1.4 in
//   /work/shared/conformance/vectors.jsonl) must come out with Helm's exact `parse error at (FILE:LINE): MSG`.
// - Ports of Go's parse_test.go tables (names kept), whose expectations come from the Go sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  formatParseError,
  isEmptyTree,
  nodeToString,
  parse,
  parseNumber,
  treeToSource,
  type Node,
  type ParseResult,
} from '../../server/src/template/parse/index';

const shared = join(__dirname, '..', '..', '..', 'shared');
const vectorsPath = join(shared, 'conformance', 'vectors.jsonl');
const specPath = join(shared, 'docs', 'renderer-spec.md');

/** helmFunctionNames reads the 239 names of renderer-spec.md §9.2 (Helm v4's parse-time FuncMap). */
function helmFunctionNames(): Set<string> {
  const doc = readFileSync(specPath, 'utf8');
  const start = doc.indexOf('### 9.2');
  const section = doc.slice(doc.indexOf('\n', start), doc.indexOf('\n### ', start + 5));
  const m = /`([^`]+)`/.exec(section);
  assert.ok(m, 'function list not found in renderer-spec.md §9.2');
  return new Set(m[1].split(/\s+/).filter((s) => s !== ''));
}

/** cleanup is Helm's cleanupParseError: keep the location and only the LAST ": "-separated token. */
function cleanup(goMessage: string): string {
  const tokens = goMessage.split(': ');
  return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
}

interface Vector {
  id: string;
  area: string;
  template: string | null;
  files?: Record<string, string | { $base64: string }>;
  helm4?: { stderr?: string; exit?: number };
}

/** helmTemplateOrder is Helm's sortTemplates: more path separators first, then reverse lexicographic. */
function helmTemplateOrder(a: string, b: string): number {
  const da = a.split('/').length;
  const db = b.split('/').length;
  if (da !== db) return db - da;
  return a < b ? 1 : a > b ? -1 : 0;
}

test('conformance: Helm parse errors (errors/parse + every "parse error at (")', (t) => {
  if (!existsSync(vectorsPath) || !existsSync(specPath)) {
    t.skip('shared conformance data (/work/shared) not present');
    return;
  }
  const funcs = helmFunctionNames();
  assert.equal(funcs.size, 239);
  const isFunc = (n: string): boolean => funcs.has(n);
  const vectors = readFileSync(vectorsPath, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Vector);
  const cases = vectors.filter((v) => v.area === 'errors/parse' || (v.helm4?.stderr ?? '').includes('parse error at ('));
  assert.ok(cases.length >= 53, `only ${cases.length} parse-error vectors`);
  let matched = 0;
  const failures: string[] = [];
  for (const v of cases) {
    const sources = new Map<string, string>();
    if (v.template !== null) sources.set('mychart/templates/case.yaml', v.template);
    for (const [p, content] of Object.entries(v.files ?? {})) {
      if (typeof content === 'string' && /^(charts\/[^/]+\/)*templates\//.test(p)) sources.set(`mychart/${p}`, content);
    }
    let got = '';
    for (const name of [...sources.keys()].sort(helmTemplateOrder)) {
      const r = parse(name, sources.get(name) as string, { isFunc });
      if (r.errors.length > 0) {
        got = `Error: ${cleanup(formatParseError(r.errors[0]))}`;
        break;
      }
    }
    const stderr = v.helm4?.stderr ?? '';
    const want = stderr.includes('parse error at (') ? stderr.split('\n')[0] : '';
    if (got === want) matched++;
    else failures.push(`${v.id}: got ${JSON.stringify(got)} want ${JSON.stringify(want)}`);
  }
  t.diagnostic(`${matched}/${cases.length} parse-error vectors match`);
  assert.deepEqual(failures, []);
  assert.equal(matched, cases.length);
});

// ---- Go parse_test.go: numberTests ----

interface NumberTest {
  text: string;
  isInt?: boolean;
  isUint?: boolean;
  isFloat?: boolean;
  isComplex?: boolean;
  int64?: bigint;
  uint64?: bigint;
  float64?: number;
  complex?: [number, number];
}

function nt(text: string, isInt: boolean, isUint: boolean, isFloat: boolean, isComplex: boolean, i: number, u: number, f: number, c: [number, number] = [0, 0]): NumberTest {
  return { text, isInt, isUint, isFloat, isComplex, int64: BigInt(i), uint64: BigInt(u), float64: f, complex: c };
}

const numberTests: NumberTest[] = [
  nt('0', true, true, true, false, 0, 0, 0),
  nt('-0', true, true, true, false, 0, 0, 0),
  nt('73', true, true, true, false, 73, 73, 73),
  nt('7_3', true, true, true, false, 73, 73, 73),
  nt('0b10_010_01', true, true, true, false, 73, 73, 73),
  nt('0B10_010_01', true, true, true, false, 73, 73, 73),
  nt('073', true, true, true, false, 0o73, 0o73, 0o73),
  nt('0o73', true, true, true, false, 0o73, 0o73, 0o73),
  nt('0O73', true, true, true, false, 0o73, 0o73, 0o73),
  nt('0x73', true, true, true, false, 0x73, 0x73, 0x73),
  nt('0X73', true, true, true, false, 0x73, 0x73, 0x73),
  nt('0x7_3', true, true, true, false, 0x73, 0x73, 0x73),
  nt('-73', true, false, true, false, -73, 0, -73),
  nt('+73', true, false, true, false, 73, 0, 73),
  nt('100', true, true, true, false, 100, 100, 100),
  nt('1e9', true, true, true, false, 1e9, 1e9, 1e9),
  nt('-1e9', true, false, true, false, -1e9, 0, -1e9),
  nt('-1.2', false, false, true, false, 0, 0, -1.2),
  { text: '1e19', isInt: false, isUint: true, isFloat: true, isComplex: false, uint64: 10000000000000000000n, float64: 1e19 },
  { text: '1e1_9', isInt: false, isUint: true, isFloat: true, isComplex: false, uint64: 10000000000000000000n, float64: 1e19 },
  { text: '1E19', isInt: false, isUint: true, isFloat: true, isComplex: false, uint64: 10000000000000000000n, float64: 1e19 },
  nt('-1e19', false, false, true, false, 0, 0, -1e19),
  nt('0x_1p4', true, true, true, false, 16, 16, 16),
  nt('0X_1P4', true, true, true, false, 16, 16, 16),
  nt('0x_1p-4', false, false, true, false, 0, 0, 1 / 16),
  nt('4i', false, false, false, true, 0, 0, 0, [0, 4]),
  nt('-1.2+4.2i', false, false, false, true, 0, 0, 0, [-1.2, 4.2]),
  nt('073i', false, false, false, true, 0, 0, 0, [0, 73]),
  nt('0i', true, true, true, true, 0, 0, 0, [0, 0]),
  nt('-1.2+0i', false, false, true, true, 0, 0, -1.2, [-1.2, 0]),
  nt('-12+0i', true, false, true, true, -12, 0, -12, [-12, 0]),
  nt('13+0i', true, true, true, true, 13, 13, 13, [13, 0]),
  nt('0123', true, true, true, false, 0o123, 0o123, 0o123),
  nt('-0x0', true, true, true, false, 0, 0, 0),
  nt('0xdeadbeef', true, true, true, false, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef),
  nt("'a'", true, true, true, false, 97, 97, 97),
  nt("'\\n'", true, true, true, false, 10, 10, 10),
  nt("'\\\\'", true, true, true, false, 92, 92, 92),
  nt("'\\''", true, true, true, false, 39, 39, 39),
  nt("'\\xFF'", true, true, true, false, 0xff, 0xff, 0xff),
  nt("'パ'", true, true, true, false, 0x30d1, 0x30d1, 0x30d1),
  nt("'\\u30d1'", true, true, true, false, 0x30d1, 0x30d1, 0x30d1),
  nt("'\\U000030d1'", true, true, true, false, 0x30d1, 0x30d1, 0x30d1),
  { text: '+-2' },
  { text: '0x123.' },
  { text: '1e.' },
  { text: '0xi.' },
  { text: '1+2.' },
  { text: "'x" },
  { text: "'xx'" },
  { text: "'433937734937734969526500969526500'" },
  nt('0xef', true, true, true, false, 0xef, 0xef, 0xef),
];

/** complexLike mirrors the Go test's use of fmt.Sscan to decide whether a text is a complex constant. */
function complexLike(text: string): boolean {
  return /^[+-]?[0-9.]+([eE][+-]?[0-9]+)?[+-][0-9.]+([eE][+-]?[0-9]+)?i$/.test(text);
}

test('go: TestNumberParse', () => {
  for (const tc of numberTests) {
    const kind = tc.text.startsWith("'") ? 'char' : complexLike(tc.text) ? 'complex' : 'number';
    const n = parseNumber(tc.text, kind);
    const ok = tc.isInt || tc.isUint || tc.isFloat || tc.isComplex;
    if (!ok) {
      assert.equal(typeof n, 'string', `expected error for ${tc.text}`);
      continue;
    }
    assert.notEqual(typeof n, 'string', `unexpected error for ${tc.text}: ${String(n)}`);
    if (typeof n === 'string') continue;
    assert.equal(n.isComplex, tc.isComplex, `complex for ${tc.text}`);
    assert.equal(n.isInt, tc.isInt, `isInt for ${tc.text}`);
    if (tc.isInt) assert.equal(n.int64, tc.int64 ?? 0n, `int64 for ${tc.text}`);
    assert.equal(n.isUint, tc.isUint, `isUint for ${tc.text}`);
    if (tc.isUint) assert.equal(n.uint64, tc.uint64 ?? 0n, `uint64 for ${tc.text}`);
    assert.equal(n.isFloat, tc.isFloat, `isFloat for ${tc.text}`);
    if (tc.isFloat) assert.equal(n.float64, tc.float64, `float64 for ${tc.text}`);
    if (tc.isComplex) assert.deepEqual([n.complex.re, n.complex.im], tc.complex, `complex128 for ${tc.text}`);
  }
});

test('number typing: integral float is int, huge integer overflows at parse time', () => {
  const three = parseNumber('3.0', 'number');
  assert.ok(typeof three !== 'string' && three.isInt && three.int64 === 3n && three.isFloat);
  const big = parseNumber('9223372036854775808', 'number');
  assert.ok(typeof big !== 'string' && !big.isInt && big.isUint, 'fits uint64: exec-time "overflows int"');
  assert.equal(parseNumber('18446744073709551616', 'number'), 'integer overflow: "18446744073709551616"');
  assert.equal(parseNumber('-', 'number'), 'illegal number syntax: "-"');
  assert.equal(parseNumber("'ab'", 'char'), "malformed character constant: 'ab'");
});

// ---- Go parse_test.go: parseTests ----

type ParseTest = [name: string, input: string, ok: boolean, result: string];
const noError = true;
const hasError = false;

const parseTests: ParseTest[] = [
  ['empty', '', noError, ''],
  ['comment', '{{/*\n\n\n*/}}', noError, '{{/*\n\n\n*/}}'],
  ['spaces', ' \t\n', noError, '" \\t\\n"'],
  ['text', 'some text', noError, '"some text"'],
  ['emptyAction', '{{}}', hasError, '{{}}'],
  ['field', '{{.X}}', noError, '{{.X}}'],
  ['simple command', '{{printf}}', noError, '{{printf}}'],
  ['$ invocation', '{{$}}', noError, '{{$}}'],
  ['variable invocation', '{{with $x := 3}}{{$x 23}}{{end}}', noError, '{{with $x := 3}}{{$x 23}}{{end}}'],
  ['variable with fields', '{{$.I}}', noError, '{{$.I}}'],
  ['multi-word command', '{{printf `%d` 23}}', noError, '{{printf `%d` 23}}'],
  ['pipeline', '{{.X|.Y}}', noError, '{{.X | .Y}}'],
  ['pipeline with decl', '{{$x := .X|.Y}}', noError, '{{$x := .X | .Y}}'],
  ['nested pipeline', '{{.X (.Y .Z) (.A | .B .C) (.E)}}', noError, '{{.X (.Y .Z) (.A | .B .C) (.E)}}'],
  ['field applied to parentheses', '{{(.Y .Z).Field}}', noError, '{{(.Y .Z).Field}}'],
  ['simple if', '{{if .X}}hello{{end}}', noError, '{{if .X}}"hello"{{end}}'],
  ['if with else', '{{if .X}}true{{else}}false{{end}}', noError, '{{if .X}}"true"{{else}}"false"{{end}}'],
  ['if with else if', '{{if .X}}true{{else if .Y}}false{{end}}', noError, '{{if .X}}"true"{{else}}{{if .Y}}"false"{{end}}{{end}}'],
  ['if else chain', '+{{if .X}}X{{else if .Y}}Y{{else if .Z}}Z{{end}}+', noError,
    '"+"{{if .X}}"X"{{else}}{{if .Y}}"Y"{{else}}{{if .Z}}"Z"{{end}}{{end}}{{end}}"+"'],
  ['simple range', '{{range .X}}hello{{end}}', noError, '{{range .X}}"hello"{{end}}'],
  ['chained field range', '{{range .X.Y.Z}}hello{{end}}', noError, '{{range .X.Y.Z}}"hello"{{end}}'],
  ['nested range', '{{range .X}}hello{{range .Y}}goodbye{{end}}{{end}}', noError, '{{range .X}}"hello"{{range .Y}}"goodbye"{{end}}{{end}}'],
  ['range with else', '{{range .X}}true{{else}}false{{end}}', noError, '{{range .X}}"true"{{else}}"false"{{end}}'],
  ['range over pipeline', '{{range .X|.M}}true{{else}}false{{end}}', noError, '{{range .X | .M}}"true"{{else}}"false"{{end}}'],
  ['range []int', '{{range .SI}}{{.}}{{end}}', noError, '{{range .SI}}{{.}}{{end}}'],
  ['range 1 var', '{{range $x := .SI}}{{.}}{{end}}', noError, '{{range $x := .SI}}{{.}}{{end}}'],
  ['range 2 vars', '{{range $x, $y := .SI}}{{.}}{{end}}', noError, '{{range $x, $y := .SI}}{{.}}{{end}}'],
  ['range with break', '{{range .SI}}{{.}}{{break}}{{end}}', noError, '{{range .SI}}{{.}}{{break}}{{end}}'],
  ['range with continue', '{{range .SI}}{{.}}{{continue}}{{end}}', noError, '{{range .SI}}{{.}}{{continue}}{{end}}'],
  ['constants', "{{range .SI 1 -3.2i true false 'a' nil}}{{end}}", noError, "{{range .SI 1 -3.2i true false 'a' nil}}{{end}}"],
  ['template', '{{template `x`}}', noError, '{{template "x"}}'],
  ['template with arg', '{{template `x` .Y}}', noError, '{{template "x" .Y}}'],
  ['with', '{{with .X}}hello{{end}}', noError, '{{with .X}}"hello"{{end}}'],
  ['with with else', '{{with .X}}hello{{else}}goodbye{{end}}', noError, '{{with .X}}"hello"{{else}}"goodbye"{{end}}'],
  ['with with else with', '{{with .X}}hello{{else with .Y}}goodbye{{end}}', noError, '{{with .X}}"hello"{{else}}{{with .Y}}"goodbye"{{end}}{{end}}'],
  ['with else chain', '{{with .X}}X{{else with .Y}}Y{{else with .Z}}Z{{end}}', noError,
    '{{with .X}}"X"{{else}}{{with .Y}}"Y"{{else}}{{with .Z}}"Z"{{end}}{{end}}{{end}}'],
  ['trim left', 'x \r\n\t{{- 3}}', noError, '"x"{{3}}'],
  ['trim right', '{{3 -}}\n\n\ty', noError, '{{3}}"y"'],
  ['trim left and right', 'x \r\n\t{{- 3 -}}\n\n\ty', noError, '"x"{{3}}"y"'],
  ['trim with extra spaces', 'x\n{{-  3   -}}\ny', noError, '"x"{{3}}"y"'],
  ['comment trim left', 'x \r\n\t{{- /* hi */}}', noError, '"x"{{/* hi */}}'],
  ['comment trim right', '{{/* hi */ -}}\n\n\ty', noError, '{{/* hi */}}"y"'],
  ['comment trim left and right', 'x \r\n\t{{- /* */ -}}\n\n\ty', noError, '"x"{{/* */}}"y"'],
  ['block definition', '{{block "foo" .}}hello{{end}}', noError, '{{template "foo" .}}'],
  ['newline in assignment', '{{ $x \n := \n 1 \n }}', noError, '{{$x := 1}}'],
  ['newline in empty action', '{{\n}}', hasError, '{{\n}}'],
  ['newline in pipeline', '{{\n"x"\n|\nprintf\n}}', noError, '{{"x" | printf}}'],
  ['newline in comment', '{{/*\nhello\n*/}}', noError, '{{/*\nhello\n*/}}'],
  ['newline in comment', '{{-\n/*\nhello\n*/\n-}}', noError, '{{/*\nhello\n*/}}'],
  ['spaces around continue', '{{range .SI}}{{.}}{{ continue }}{{end}}', noError, '{{range .SI}}{{.}}{{continue}}{{end}}'],
  ['spaces around break', '{{range .SI}}{{.}}{{ break }}{{end}}', noError, '{{range .SI}}{{.}}{{break}}{{end}}'],
  ['unclosed action', 'hello{{range', hasError, ''],
  ['unmatched end', '{{end}}', hasError, ''],
  ['unmatched else', '{{else}}', hasError, ''],
  ['unmatched else after if', '{{if .X}}hello{{end}}{{else}}', hasError, ''],
  ['multiple else', '{{if .X}}1{{else}}2{{else}}3{{end}}', hasError, ''],
  ['missing end', 'hello{{range .x}}', hasError, ''],
  ['missing end after else', 'hello{{range .x}}{{else}}', hasError, ''],
  ['undefined function', 'hello{{undefined}}', hasError, ''],
  ['undefined variable', '{{$x}}', hasError, ''],
  ['variable undefined after end', '{{with $x := 4}}{{end}}{{$x}}', hasError, ''],
  ['variable undefined in template', '{{template $v}}', hasError, ''],
  ['declare with field', '{{with $x.Y := 4}}{{end}}', hasError, ''],
  ['template with field ref', '{{template .X}}', hasError, ''],
  ['template with var', '{{template $v}}', hasError, ''],
  ['invalid punctuation', '{{printf 3, 4}}', hasError, ''],
  ['multidecl outside range', '{{with $v, $u := 3}}{{end}}', hasError, ''],
  ['too many decls in range', '{{range $u, $v, $w := 3}}{{end}}', hasError, ''],
  ['dot applied to parentheses', '{{printf (printf .).}}', hasError, ''],
  ['adjacent args', '{{printf 3`x`}}', hasError, ''],
  ['adjacent args with .', '{{printf `x`.}}', hasError, ''],
  ['extra end after if', '{{if .X}}a{{else if .Y}}b{{end}}{{end}}', hasError, ''],
  ['break outside range', '{{range .}}{{end}} {{break}}', hasError, ''],
  ['continue outside range', '{{range .}}{{end}} {{continue}}', hasError, ''],
  ['break in range else', '{{range .}}{{else}}{{break}}{{end}}', hasError, ''],
  ['continue in range else', '{{range .}}{{else}}{{continue}}{{end}}', hasError, ''],
  ['bug0a', '{{$x := 0}}{{$x}}', noError, '{{$x := 0}}{{$x}}'],
  ['bug0b', '{{$x += 1}}{{$x}}', hasError, ''],
  ['bug0c', '{{$x ! 2}}{{$x}}', hasError, ''],
  ['bug0d', '{{$x % 3}}{{$x}}', hasError, ''],
  ['bug0e', '{{range $x := $y := 3}}{{end}}', hasError, ''],
  ['bug1a', '{{$x:=.}}{{$x!2}}', hasError, ''],
  ['bug1b', '{{$x:=.}}{{$x+2}}', hasError, ''],
  ['bug1c', '{{$x:=.}}{{$x +2}}', noError, '{{$x := .}}{{$x +2}}'],
  ['bug2a', '{{range $x := 0}}{{$x}}{{end}}', noError, '{{range $x := 0}}{{$x}}{{end}}'],
  ['bug2b', '{{range $x = 0}}{{$x}}{{end}}', noError, '{{range $x = 0}}{{$x}}{{end}}'],
  ['dot after integer', '{{1.E}}', hasError, ''],
  ['dot after float', '{{0.1.E}}', hasError, ''],
  ['dot after boolean', '{{true.E}}', hasError, ''],
  ['dot after char', "{{'a'.any}}", hasError, ''],
  ['dot after string', '{{"hello".guys}}', hasError, ''],
  ['dot after dot', '{{..E}}', hasError, ''],
  ['dot after nil', '{{nil.E}}', hasError, ''],
  ['wrong pipeline dot', '{{12|.}}', hasError, ''],
  ['wrong pipeline number', '{{.|12|printf}}', hasError, ''],
  ['wrong pipeline string', '{{.|printf|"error"}}', hasError, ''],
  ['wrong pipeline char', "{{12|printf|'e'}}", hasError, ''],
  ['wrong pipeline boolean', '{{.|true}}', hasError, ''],
  ['wrong pipeline nil', "{{'c'|nil}}", hasError, ''],
  ['empty pipeline', '{{printf "%d" ( ) }}', hasError, ''],
  ['block definition', '{{block "foo"}}hello{{end}}', hasError, ''],
  ['paren nesting normal', '{{ (( 1 )) }}', noError, '{{((1))}}'],
  ['paren nesting at limit', '{{ ((( 1 ))) }}', noError, '{{(((1)))}}'],
  ['paren nesting in pipeline', '{{ ((( 1 ))) | printf }}', noError, '{{(((1))) | printf}}'],
  ['paren nesting with other constructs', '{{ if ((( true ))) }}YES{{ end }}', noError, '{{if (((true)))}}"YES"{{end}}'],
];

const goBuiltins = new Set(['printf', 'contains']);

test('go: TestParse (String() of the tree, %q text) and source round trip', () => {
  for (const [name, input, ok, result] of parseTests) {
    const r = parse(name, input, { isFunc: (n) => goBuiltins.has(n) });
    if (!ok) {
      assert.equal(r.errors.length, 1, `${name}: expected error; got none`);
      continue;
    }
    assert.deepEqual(r.errors, [], `${name}: unexpected error`);
    const tree = r.trees.get(name);
    assert.ok(tree, name);
    assert.equal(nodeToString(tree.root, { quoteText: true }), result, `${name}=(${JSON.stringify(input)})`);
    // treeToSource round trip: reparsing the printed source prints identically.
    const src = treeToSource(tree);
    const again = parse(name, src, { isFunc: (n) => goBuiltins.has(n) });
    assert.deepEqual(again.errors, [], `${name}: reparse of ${JSON.stringify(src)}`);
    const t2 = again.trees.get(name);
    assert.ok(t2);
    assert.equal(treeToSource(t2), src, `${name}: round trip`);
  }
});

test('go: TestKeywordsAndFuncs / TestSkipFuncCheck', () => {
  const inp = '{{range .X}}{{break 20}}{{end}}';
  assert.deepEqual(parse('', inp, { isFunc: (n) => n === 'break' }).errors, []);
  assert.equal(parse('', inp, { isFunc: () => false }).errors.length, 1);
  const r = parse('skip func check', '{{fn 1 2}}');
  assert.deepEqual(r.errors, []);
  const t = r.trees.get('skip func check');
  assert.ok(t);
  assert.equal(nodeToString(t.root), '{{fn 1 2}}');
});

test('go: TestIsEmpty', () => {
  assert.ok(isEmptyTree(null));
  const cases: [string, string, boolean][] = [
    ['empty', '', true],
    ['nonempty', 'hello', false],
    ['spaces only', ' \t\n \t\n', true],
    ['comment only', '{{/* comment */}}', true],
    ['definition', '{{define "x"}}something{{end}}', true],
    ['definitions and space', '{{define `x`}}something{{end}}\n\n{{define `y`}}something{{end}}\n\n', true],
    ['definitions and text', '{{define `x`}}something{{end}}\nx\n{{define `y`}}something{{end}}\ny\n', false],
    ['definition and action', '{{define `x`}}something{{end}}{{if 3}}foo{{end}}', false],
  ];
  for (const [name, input, empty] of cases) {
    const r = parse('root', input);
    assert.deepEqual(r.errors, [], name);
    const t = r.trees.get('root');
    assert.ok(t, name);
    assert.equal(isEmptyTree(t.root), empty, name);
  }
});

const errorTests: [string, string, string][] = [
  ['unclosed1', 'line1\n{{', 'unclosed1:2: unclosed action'],
  ['unclosed2', 'line1\n{{define `x`}}line2\n{{', 'unclosed2:3: unclosed action'],
  ['unclosed3', 'line1\n{{"x"\n"y"\n', 'unclosed3:4: unclosed action started at unclosed3:2'],
  ['unclosed4', '{{\n\n\n\n\n', 'unclosed4:6: unclosed action started at unclosed4:1'],
  ['var1', 'line1\n{{\nx\n}}', 'var1:3: function "x" not defined'],
  ['function', '{{foo}}', 'function "foo" not defined'],
  ['comment1', '{{/*}}', 'comment1:1: unclosed comment'],
  ['comment2', '{{/*\nhello\n}}', 'comment2:1: unclosed comment'],
  ['lparen', '{{.X (1 2 3}}', 'unclosed left paren'],
  ['rparen', '{{.X 1 2 3 ) }}', 'unexpected right paren'],
  ['rparen2', '{{(.X 1 2 3', 'unclosed action'],
  ['space', '{{`x`3}}', 'in operand'],
  ['idchar', '{{a#}}', "'#'"],
  ['charconst', "{{'a}}", 'unterminated character constant'],
  ['stringconst', '{{"a}}', 'unterminated quoted string'],
  ['rawstringconst', '{{`a}}', 'unterminated raw quoted string'],
  ['number', '{{0xi}}', 'number syntax'],
  ['multidefine', '{{define `a`}}a{{end}}{{define `a`}}b{{end}}', 'multiple definition of template'],
  ['eof', '{{range .X}}', 'unexpected EOF'],
  ['variable', '{{$x := 23}}{{with $x.y := 3}}{{$x 23}}{{end}}', 'unexpected ":="'],
  ['multidecl', '{{$a,$b,$c := 23}}', 'too many declarations'],
  ['undefvar', '{{$a}}', 'undefined variable'],
  ['wrongdot', '{{true.any}}', 'unexpected . after term'],
  ['wrongpipeline', '{{12|false}}', 'non executable command in pipeline'],
  ['emptypipeline', '{{ ( ) }}', 'missing value for parenthesized pipeline'],
  ['multilinerawstring', '{{ $v := `\n` }} {{', 'multilinerawstring:2: unclosed action'],
  ['rangeundefvar', '{{range $k}}{{end}}', 'undefined variable'],
  ['rangeundefvars', '{{range $k, $v}}{{end}}', 'undefined variable'],
  ['rangemissingvalue1', '{{range $k,}}{{end}}', 'missing value for range'],
  ['rangemissingvalue2', '{{range $k, $v := }}{{end}}', 'missing value for range'],
  ['rangenotvariable1', '{{range $k, .}}{{end}}', 'range can only initialize variables'],
  ['rangenotvariable2', '{{range $k, 123 := .}}{{end}}', 'range can only initialize variables'],
];

test('go: TestErrors', () => {
  for (const [name, input, want] of errorTests) {
    const r = parse(name, input, { isFunc: () => false });
    assert.equal(r.errors.length, 1, `${name}: expected error`);
    const msg = formatParseError(r.errors[0]);
    assert.ok(msg.includes(want), `${name}: error ${JSON.stringify(msg)} does not contain ${JSON.stringify(want)}`);
  }
  const md = parse('x', '{{define "a"}}a{{end}}{{define "a"}}b{{end}}');
  assert.equal(formatParseError(md.errors[0]), 'template: x:1: template: multiple definition of template "a"');
  // An empty redefinition is ignored.
  const ok = parse('x', '{{define "a"}}a{{end}}{{define "a"}} {{end}}');
  assert.deepEqual(ok.errors, []);
  assert.equal(nodeToString(ok.trees.get('a')?.root ?? ({ kind: 'list', pos: 0, end: 0, nodes: [] } as Node)), 'a');
});

test('go: TestBlock and define trees', () => {
  const r = parse('outer', 'a{{block "inner" .}}bar{{.}}baz{{end}}b');
  assert.deepEqual(r.errors, []);
  assert.deepEqual([...r.trees.keys()], ['outer', 'inner']);
  assert.equal(nodeToString(r.trees.get('outer')?.root as Node), 'a{{template "inner" .}}b');
  assert.equal(nodeToString(r.trees.get('inner')?.root as Node), 'bar{{.}}baz');
  const src = '{{define "x"}}X{{end}}\n{{- block "y" . }}Y{{end}}';
  const d = parse('f', src);
  assert.deepEqual(d.defines.map((x) => [x.name, src.slice(x.start, x.end), src.slice(x.nameStart, x.nameEnd)]), [
    ['x', '{{define "x"}}X{{end}}', '"x"'],
    ['y', '{{- block "y" . }}Y{{end}}', '"y"'],
  ]);
  assert.equal(d.trees.get('x')?.parseName, 'f');
  assert.deepEqual(d.trees.get('x')?.defineRange, { start: 0, end: 22, nameStart: 9, nameEnd: 12 });
});

test('go: TestLineNum', () => {
  const text = '{{printf 1234}}\n'.repeat(3);
  const r = parse('bench', text, { isFunc: (n) => goBuiltins.has(n) });
  const nodes = r.trees.get('bench')?.root.nodes ?? [];
  for (let i = 0; i < nodes.length; i += 2) {
    const a = nodes[i];
    assert.equal(a.kind, 'action');
    if (a.kind !== 'action') continue;
    assert.equal(a.line, 1 + i / 2);
    assert.equal(a.pipe.line, 1 + i / 2);
  }
});

function first(r: ParseResult, name: string): Node {
  const t = r.trees.get(name);
  assert.ok(t);
  return t.root.nodes[0];
}

test('positions: Go Pos quirks (field chain = second segment, template = name literal)', () => {
  const src = '# {{ .Values.nope.x }}';
  const a = first(parse('p', src), 'p');
  assert.ok(a.kind === 'text');
  const act = parse('p', src).trees.get('p')?.root.nodes[1];
  assert.ok(act && act.kind === 'action');
  const f = act.pipe.cmds[0].args[0];
  assert.equal(f.kind, 'field');
  assert.equal(f.pos, 12); // Go reports column 12 (the `.nope`) for this node
  assert.equal(src.slice(act.pipe.cmds[0].pos, f.end), '.Values.nope.x');
  const single = parse('p', '{{ .Values }}{{ $x := 1 }}{{ $x.a.b }}');
  const nodes = single.trees.get('p')?.root.nodes ?? [];
  assert.ok(nodes[0].kind === 'action' && nodes[0].pipe.cmds[0].args[0].pos === 3);
  assert.ok(nodes[2].kind === 'action' && nodes[2].pipe.cmds[0].args[0].pos === 31);
  const tpl = parse('p', '{{ template "x" . }}{{define "x"}}{{end}}');
  const tn = first(tpl, 'p');
  assert.ok(tn.kind === 'template');
  assert.equal(tn.pos, 12);
  assert.equal(nodeToString(tn), '{{template "x" .}}');
  // Multi-byte text before a node: positions are UTF-16 offsets.
  const u = parse('p', 'é😀{{ .a }}').trees.get('p')?.root.nodes[1];
  assert.ok(u && u.kind === 'action' && u.pos === 6);
});

test('nodeToString matches Go exec contexts', () => {
  const r = parse('p', '{{ include "x" . | nindent 2 }}{{ (index .a "b").c }}{{ $v = 1 }}', { resilient: true });
  const nodes = r.trees.get('p')?.root.nodes ?? [];
  assert.ok(nodes[0].kind === 'action');
  assert.equal(nodeToString(nodes[0].pipe.cmds[0]), 'include "x" .');
  assert.equal(nodeToString(nodes[0]), '{{include "x" . | nindent 2}}');
  assert.ok(nodes[1].kind === 'action');
  assert.equal(nodeToString(nodes[1].pipe.cmds[0].args[0]), '(index .a "b").c');
  assert.ok(nodes[2].kind === 'action');
  assert.equal(nodeToString(nodes[2]), '{{$v = 1}}');
});

test('strings: Go escapes and raw strings', () => {
  const r = parse('s', '{{ "\\n\\t\\x41\\u00e9\\U0001F600\\101\\"" }}{{ `a\r\nb` }}');
  assert.deepEqual(r.errors, []);
  const nodes = r.trees.get('s')?.root.nodes ?? [];
  assert.ok(nodes[0].kind === 'action' && nodes[1].kind === 'action');
  const s0 = nodes[0].pipe.cmds[0].args[0];
  const s1 = nodes[1].pipe.cmds[0].args[0];
  assert.ok(s0.kind === 'string' && s1.kind === 'string');
  assert.equal(s0.text, '\n\tAé😀A"');
  assert.equal(s1.text, 'a\nb'); // Go's Unquote drops \r from raw strings
  assert.equal(parse('s', "{{ '\\'' }}{{ \"\\'\" }}").errors[0].message, 'invalid syntax');
});

// ---- resilient (editor) mode ----

function allNodes(n: Node, out: Node[] = []): Node[] {
  out.push(n);
  switch (n.kind) {
    case 'list':
      n.nodes.forEach((c) => allNodes(c, out));
      break;
    case 'action':
      allNodes(n.pipe, out);
      break;
    case 'pipe':
      n.decl.forEach((c) => allNodes(c, out));
      n.cmds.forEach((c) => allNodes(c, out));
      break;
    case 'command':
      n.args.forEach((c) => allNodes(c, out));
      break;
    case 'chain':
      allNodes(n.node, out);
      break;
    case 'if':
    case 'range':
    case 'with':
      allNodes(n.pipe, out);
      allNodes(n.list, out);
      if (n.elseList) allNodes(n.elseList, out);
      break;
    case 'template':
      if (n.pipe) allNodes(n.pipe, out);
      break;
  }
  return out;
}

test('resilient: half-typed templates still yield trees with partial nodes and all errors', () => {
  const funcs = new Set(['include', 'quote', 'nindent']);
  const isFunc = (n: string): boolean => funcs.has(n);

  const a = parse('r', 'x: {{ .Values.ima', { resilient: true, isFunc });
  assert.deepEqual(a.errors.map((e) => e.message), ['unclosed action']);
  const fa = allNodes(a.trees.get('r')?.root as Node).find((n) => n.kind === 'field');
  assert.ok(fa && fa.kind === 'field');
  assert.deepEqual(fa.ident, ['Values', 'ima']);

  const b = parse('r', '{{ if .x }}\n  a: {{ .y }}\n', { resilient: true, isFunc });
  assert.deepEqual(b.errors.map((e) => e.message), ['unexpected EOF']);
  const ifn = b.trees.get('r')?.root.nodes[0];
  assert.ok(ifn && ifn.kind === 'if');
  assert.equal(ifn.list.nodes.length, 3);

  const c = parse('r', '{{ include "a" . | nin }}\nok: {{ .z | quote }}', { resilient: true, isFunc });
  assert.deepEqual(c.errors.map((e) => e.message), ['function "nin" not defined']);
  assert.equal(c.errors[0].start, 19);
  assert.equal(c.errors[0].end, 22);
  const act = c.trees.get('r')?.root.nodes[0];
  assert.ok(act && act.kind === 'action');
  assert.equal(act.pipe.cmds.length, 2);
  assert.equal(nodeToString(act.pipe), 'include "a" . | nin');
  assert.equal(c.trees.get('r')?.root.nodes.length, 3);

  const d = parse('r', 'a: {{ .Values.x\nb: {{ .y }}\n{{ end }}{{ $nope }}{{ else }}', { resilient: true, isFunc });
  assert.deepEqual(d.errors.map((e) => e.message), [
    'unclosed action',
    'unexpected {{end}}',
    'undefined variable "$nope"',
    'unexpected {{else}}',
  ]);
  const fields = allNodes(d.trees.get('r')?.root as Node).filter((n) => n.kind === 'field');
  assert.deepEqual(fields.map((f) => (f.kind === 'field' ? f.ident.join('.') : '')), ['Values.x', 'y']);

  const e = parse('r', '{{ define "x" }}{{ .a | }}{{ nosuch 1 }}{{ end }}{{ template "x" }}{{ (print 1 }}', { resilient: true, isFunc });
  assert.ok(e.trees.has('x'));
  assert.deepEqual(e.errors.map((x) => x.message), ['function "nosuch" not defined', 'function "print" not defined', 'unclosed left paren']);
});

test('resilient: positions and ranges of partial pipeline', () => {
  const src = '{{ .Values.image.tag | default "x" | qu';
  const r = parse('r', src, { resilient: true, isFunc: (n) => n === 'default' || n === 'quote' });
  const act = r.trees.get('r')?.root.nodes[0];
  assert.ok(act && act.kind === 'action');
  assert.deepEqual(act.pipe.cmds.map((c) => src.slice(c.pos, c.end)), ['.Values.image.tag', 'default "x"', 'qu']);
  assert.deepEqual(r.errors.map((e) => e.message), ['function "qu" not defined', 'unclosed action']);
});
