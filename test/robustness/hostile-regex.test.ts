// Hostile regular expressions (issue 15 items 2, 4 and the semver part of 7): patterns and inputs
// that take exponential time on a backtracking engine finish quickly, with Helm's exact answer.
// Every expected output or error text below was recorded from helm v4.1.4 and helm v3.17.3
// (a temp chart whose templates/t.yaml is `# {{ EXPR }}`, or `helm template c --kube-version K`
// with Chart.yaml `name: c` and templates/t.yaml `# {{ .Capabilities.KubeVersion }}`); both
// Helms gave the same answer unless an h3 entry says otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render, type Outcome } from '../helpers/sprigcall';
import { runTemplateCommand } from '../../server/src/render/template-command';
import { memoryFS } from '../../server/src/chart/fs';
import { parseCliKubeVersion } from '../../server/src/chart/index';
import type { HelmVersion } from '../../server/src/template/func';
import { boundedBy, fixedRuntime } from './gen';

/** A generous bound that only proves "does not hang" (the backtracking engine took years). */
const BOUND_MS = 5_000;

const timed = boundedBy(BOUND_MS);

interface ExprCase {
  expr: string;
  h4: Outcome;
  h3?: Outcome;
}

// Item 2: catastrophic patterns for a backtracking engine, and Go's invalid-UTF-8 rules.
const REGEX_CASES: ExprCase[] = [
  { expr: 'regexMatch "^(a+)+$" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"', h4: { out: 'false' } },
  { expr: 'regexFindAll "(a|aa)*c" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab" -1 | toJson', h4: { out: 'null' } },
  {
    expr: 'regexReplaceAll "(x+x+)+y" "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxz" "${1}!"',
    h4: { out: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxz' },
  },
  { expr: 'regexSplit "(a*)*b" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac" -1 | toJson', h4: { out: '["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac"]' } },
  { expr: 'regexFind "(\\\\w+\\\\s?)*$" "An input string that takes a long time or even makes this regex to hang!"', h4: { out: '' } },
  { expr: 'regexMatch "(?i)^(?U)(\\\\p{Greek}+)+$" "αβγδεζηθικλμνξοπρστυφχψωαβγδεζηθικλμνξοπρστυφχψω!"', h4: { out: 'false' } },
  // Invalid UTF-8: a pattern byte fails to compile; an input byte matches as U+FFFD.
  { expr: 'mustRegexMatch "x\\x80" "x"', h4: { err: 'error parsing regexp: invalid UTF-8: `\udc80`' } },
  { expr: 'mustRegexFindAll "." "a\\x80b" -1 | toJson', h4: { out: '["a","\\ufffd","b"]' } },
  { expr: 'mustRegexFindAll "\\\\x{FFFD}" "a\\x80b\\xef\\xbf\\xbd" -1 | toJson', h4: { out: '["\\ufffd","\ufffd"]' } },
  { expr: 'mustRegexFindAll "a*" "baaac" -1 | toJson', h4: { out: '["","aaa",""]' } },
  { expr: 'mustRegexMatch "(?:(?:a{100}){100}){100}" "a"', h4: { err: 'error parsing regexp: invalid repeat count: `{100}`' } },
];

for (const c of REGEX_CASES) {
  for (const hv of [4, 3] as const) {
    test(`regex (helm ${hv}): ${c.expr.slice(0, 70)}`, () => {
      const got = timed(c.expr, () => render(`{{ ${c.expr} }}`, hv));
      assert.deepEqual(got, hv === 3 ? (c.h3 ?? c.h4) : c.h4);
    });
  }
}

test('regex: a 1 MB hostile input to every regex function stays linear', () => {
  for (const expr of [
    'regexMatch "^(a+)+$" (printf "%sb" $s)',
    'regexFind "(a|aa)*c" $s',
    'regexFindAll "(a*)*b" $s 3 | len',
    'regexReplaceAll "(a+a+)+b" $s "${1}" | len',
    'regexReplaceAllLiteral "a" $s "" | len',
    'regexSplit "(a|a)*?b" $s -1 | len',
  ]) {
    const got = timed(expr, () => render(`{{ $s := repeat 1000000 "a" }}{{ ${expr} }}`, 4), 10_000);
    assert.ok('out' in got, JSON.stringify(got).slice(0, 200));
  }
});

// Item 4: --kube-version / chartwright.kubeVersion with a newline.
interface KubeCase {
  kubeVersion: string;
  h4: { exit: number; stdout: string; stderr: string };
  h3: { exit: number; stdout: string; stderr: string };
}

const X60 = 'x'.repeat(60);
const KUBE_CASES: KubeCase[] = [
  {
    kubeVersion: '1.2\n3',
    h4: { exit: 1, stdout: '', stderr: 'Error: invalid kube version \'1.2\n3\': could not parse "1.2\\n3" as version\n' },
    h3: { exit: 1, stdout: '', stderr: "Error: invalid kube version '1.2\n3': Invalid Semantic Version\n" },
  },
  {
    // `(.*)*$` after 60 characters and a newline: 2^60 paths for a backtracking engine.
    kubeVersion: `1.2${X60}\n`,
    h4: { exit: 1, stdout: '', stderr: `Error: invalid kube version '1.2${X60}\n': could not parse "1.2${X60}\\n" as version\n` },
    h3: { exit: 1, stdout: '', stderr: `Error: invalid kube version '1.2${X60}\n': Invalid Semantic Version\n` },
  },
  {
    // Go's `.` stops only at \n (JavaScript's also at \r).
    kubeVersion: '1.2\r3',
    h4: { exit: 0, stdout: '---\n# Source: c/templates/t.yaml\n# v1.2\n', stderr: '' },
    h3: { exit: 1, stdout: '', stderr: "Error: invalid kube version '1.2\r3': Invalid Semantic Version\n" },
  },
  {
    // Go's `\s` is ASCII (JavaScript's also matches U+00A0); %q escapes it.
    kubeVersion: '\u00a01.20',
    h4: { exit: 1, stdout: '', stderr: 'Error: invalid kube version \'\u00a01.20\': could not parse "\\u00a01.20" as version\n' },
    h3: { exit: 1, stdout: '', stderr: "Error: invalid kube version '\u00a01.20': Invalid Semantic Version\n" },
  },
];

const CAP_CHART = {
  'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
  'c/templates/t.yaml': '# {{ .Capabilities.KubeVersion }}\n',
};

for (const c of KUBE_CASES) {
  for (const hv of [4, 3] as const) {
    test(`--kube-version ${JSON.stringify(c.kubeVersion).slice(0, 30)} (helm ${hv})`, () => {
      const want = hv === 4 ? c.h4 : c.h3;
      const r = timed('template', () =>
        runTemplateCommand(['c', '--helm-version', String(hv), '--kube-version', c.kubeVersion], { fs: memoryFS(CAP_CHART), cwd: '', runtime: fixedRuntime }),
      );
      assert.deepEqual({ exit: r.exitCode, stdout: r.stdout, stderr: r.stderr }, want);
    });
  }
}

test('chartwright.kubeVersion (the language server path) with a hostile value answers at once', () => {
  for (const hv of [4, 3] as HelmVersion[]) {
    const kv = timed('parseCliKubeVersion', () => parseCliKubeVersion(`1.2${'x'.repeat(100_000)}\n`, hv));
    assert.ok(kv !== undefined && 'error' in kv);
  }
});

test('CLI process: --kube-version with a newline ends with Helm\'s error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-kv-'));
  try {
    mkdirSync(join(dir, 'c', 'templates'), { recursive: true });
    for (const [k, v] of Object.entries(CAP_CHART)) writeFileSync(join(dir, k), v);
    const c = KUBE_CASES[1];
    const r = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'chartwright.js'), 'template', 'c', '--kube-version', c.kubeVersion], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.deepEqual({ exit: r.status, stdout: r.stdout, stderr: r.stderr }, c.h4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Item 2, values.schema.json: both Helms match `pattern`/`patternProperties` as Go regexps
// (santhosh-tekuri/jsonschema v6, gojsonschema). Recorded with `helm template c` over a chart
// with this values.schema.json and values.yaml (templates/t.yaml is `# ok`).
interface SchemaCase {
  name: string;
  schema: string;
  values: string;
  h4: { exit: number; stdout: string; stderr: string };
  h3: { exit: number; stdout: string; stderr: string };
}

const SCHEMA_CASES: SchemaCase[] = [
  { name: "catastrophic", schema: "{\"properties\": {\"a\": {\"type\": \"string\", \"pattern\": \"^(a+)+$\"}}}", values: "{\"a\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\"}", h4: {"exit": 1, "stdout": "", "stderr": "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- at '/a': 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab' does not match pattern '^(a+)+$'\n\n"}, h3: {"exit": 1, "stdout": "", "stderr": "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- a: Does not match pattern '^(a+)+$'\n\n"} },
  { name: "catastrophic-pp", schema: "{\"patternProperties\": {\"^(a+)+$\": {\"type\": \"integer\"}}}", values: "{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\": \"x\", \"aaa\": \"y\"}", h4: {"exit": 1, "stdout": "", "stderr": "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- at '/aaa': got string, want integer\n\n"}, h3: {"exit": 1, "stdout": "", "stderr": "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- aaa: Invalid type. Expected: integer, given: string\n\n"} },
  { name: "go-only-flag", schema: "{\"properties\": {\"a\": {\"type\": \"string\", \"pattern\": \"(?i)^abc$\"}}}", values: "{\"a\": \"ABC\"}", h4: {"exit": 0, "stdout": "---\n# Source: c/templates/t.yaml\n# ok\n", "stderr": ""}, h3: {"exit": 0, "stdout": "---\n# Source: c/templates/t.yaml\n# ok\n", "stderr": ""} },
  { name: "go-only-named", schema: "{\"properties\": {\"a\": {\"type\": \"string\", \"pattern\": \"^(?P<n>a)$\"}}}", values: "{\"a\": \"b\"}", h4: {"exit": 1, "stdout": "", "stderr": "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- at '/a': 'b' does not match pattern '^(?P<n>a)$'\n\n"}, h3: {"exit": 1, "stdout": "", "stderr": "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- a: Does not match pattern '^(?P<n>a)$'\n\n"} },
  { name: "dot-cr", schema: "{\"properties\": {\"a\": {\"type\": \"string\", \"pattern\": \"^a.b$\"}}}", values: "{\"a\": \"a\\rb\"}", h4: {"exit": 0, "stdout": "---\n# Source: c/templates/t.yaml\n# ok\n", "stderr": ""}, h3: {"exit": 0, "stdout": "---\n# Source: c/templates/t.yaml\n# ok\n", "stderr": ""} },
  { name: "s-nbsp", schema: "{\"properties\": {\"a\": {\"type\": \"string\", \"pattern\": \"^\\\\s$\"}}}", values: "{\"a\": \" \"}", h4: {"exit": 1, "stdout": "", "stderr": "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- at '/a': '\\u00a0' does not match pattern '^\\\\s$'\n\n"}, h3: {"exit": 1, "stdout": "", "stderr": "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- a: Does not match pattern '^\\s$'\n\n"} },
];

for (const c of SCHEMA_CASES) {
  for (const hv of [4, 3] as const) {
    test(`values.schema.json ${c.name} (helm ${hv})`, () => {
      const files = {
        'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
        'c/values.schema.json': c.schema,
        'c/values.yaml': c.values,
        'c/templates/t.yaml': '# ok\n',
      };
      const r = timed('template', () => runTemplateCommand(['c', '--helm-version', String(hv)], { fs: memoryFS(files), cwd: '', runtime: fixedRuntime }));
      assert.deepEqual({ exit: r.exitCode, stdout: r.stdout, stderr: r.stderr }, hv === 4 ? c.h4 : c.h3);
    });
  }
}

// Item 7 (semver): a constraint or version a megabyte long. Helm needs 3-13 s for these (Go's
// regexp tracks submatches through the whole input); the answer is the same, quickly.
const SEMVER_CASES: ExprCase[] = [
  { expr: 'semverCompare (repeat 1000000 "1") "1.0.0"', h4: { err: 'constraint parser error' }, h3: { err: 'constraint Parser Error' } },
  { expr: 'semverCompare (printf ">=%s" (repeat 1000000 "1")) "1.2.3"', h4: { err: 'constraint parser error' }, h3: { err: 'constraint Parser Error' } },
  { expr: 'semverCompare (printf "%sx" (repeat 1000000 "1")) "1.2.3"', h4: { err: 'constraint parser error' }, h3: { err: 'constraint Parser Error' } },
  { expr: 'semverCompare (printf "1.2.3%s" (repeat 1000000 " ")) "1.2.3"', h4: { out: 'true' } },
];

for (const c of SEMVER_CASES) {
  for (const hv of [4, 3] as const) {
    test(`semver (helm ${hv}): ${c.expr}`, () => {
      const got = timed(c.expr, () => render(`{{ ${c.expr} }}`, hv));
      assert.deepEqual(got, hv === 3 ? (c.h3 ?? c.h4) : c.h4);
    });
  }
}

test('semver: a megabyte-long version fails with the ParseUint text at once', () => {
  for (const [hv, prefix] of [
    [4, 'error parsing version segment: strconv.ParseUint: parsing "1111'],
    [3, 'Error parsing version segment: strconv.ParseUint: parsing "1111'],
  ] as const) {
    const got = timed('semverCompare', () => render('{{ semverCompare "^1.0.0" (repeat 1000000 "1") }}', hv));
    assert.ok('err' in got && got.err.startsWith(prefix) && got.err.endsWith('": value out of range'), JSON.stringify(got).slice(0, 120));
  }
});
