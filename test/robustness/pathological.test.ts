// Pathological inputs: each case finishes in bounded time (measured, generous bound) with a clear,
// positioned error (or Helm's output). Expected Helm texts recorded from helm v4.1.4 (script:
// build each chart under /tmp, run `HOME=/tmp/h TZ=UTC helm4 template DIR`, print stdout/stderr
// /exit as JSON). Cases where this implementation knowingly differs from Helm say so; cases where
// another layer still differs are marked `todo` with the bug.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runTemplateCommand, type TemplateRun } from '../../server/src/render/template-command';
import { memoryFS } from '../../server/src/chart/fs';
import { helmFuncMap } from '../../server/src/render/funcmap';
import { TemplateError, TemplateSet, type EngineLimits } from '../../server/src/template/index';
import { parse } from '../../server/src/template/parse/parse';
import type { FuncDef, HelmVersion } from '../../server/src/template/func';
import type { Value } from '../../server/src/template/value';
import { boundedBy, fixedRuntime } from './gen';

const BOUND_MS = 10_000;
const CHART = 'apiVersion: v2\nname: mychart\nversion: 0.1.0\n';
const LONG = process.env.FUZZ_RUNS !== undefined;

const timed = boundedBy(BOUND_MS);

/** helmTemplate runs `template mychart` over a one-chart memoryFS. */
function helmTemplate(files: Record<string, string | Uint8Array>, hv: HelmVersion = 4): TemplateRun {
  const all: Record<string, string | Uint8Array> = { 'mychart/Chart.yaml': CHART };
  for (const [k, v] of Object.entries(files)) all[`mychart/${k}`] = v;
  return timed('template command', () => runTemplateCommand(['mychart', '--helm-version', String(hv)], { fs: memoryFS(all), cwd: '', runtime: fixedRuntime }));
}

/** execErr runs text in a TemplateSet with limits and returns the TemplateError it must raise. */
function execErr(text: string, data: Value, limits: EngineLimits, funcs?: ReadonlyMap<string, FuncDef>): TemplateError {
  const set = new TemplateSet({ funcs: funcs ?? helmFuncMap(4), helmVersion: 4, runtime: fixedRuntime, rootName: 'gotpl', limits });
  assert.equal(set.addFile('a.yaml', text), null);
  try {
    timed('execute', () => set.execute('a.yaml', data));
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  return assert.fail('expected a TemplateError');
}

test('include recursion: a define including itself stops with a positioned error at the outer include', () => {
  // Helm 4 reports 1002 nested `error calling include` levels ending in "rendering template has a
  // nested reference name: x: unable to execute template"; its outermost location is 1:47. The
  // JS stack runs out before Helm's 1000-level counter, so we report the recursion there.
  // With a larger stack (optimized frames) Helm's own limit is reached first: same text as Helm.
  const r = helmTemplate({ 'templates/a.yaml': '{{ define "x" }}{{ include "x" . }}{{ end }}{{ include "x" . }}' });
  assert.equal(r.exitCode, 1);
  assert.ok(r.stderr.startsWith('Error: template: mychart/templates/a.yaml:1:47: '), r.stderr.slice(0, 200));
  const ours = /^Error: template: mychart\/templates\/a\.yaml:1:47: template recursion too deep: \d+ nested include\/tpl calls \(repeating include "x"\); the JavaScript call stack is exhausted\n/;
  const helms = /error calling include: rendering template has a nested reference name: x: unable to execute template\n\nUse --debug flag to render out invalid YAML\n$/;
  assert.ok(ours.test(r.stderr) || helms.test(r.stderr), r.stderr.slice(0, 200));
});

test('include recursion through two defines names the cycle', () => {
  const r = helmTemplate({ 'templates/a.yaml': 'k: {{ include "a" . }}{{ define "a" }}{{ include "b" . }}{{ end }}{{ define "b" }}{{ include "a" . }}{{ end }}' });
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /template recursion too deep: \d+ nested include\/tpl calls \(repeating include "[ab]" → include "[ab]"\)|rendering template has a nested reference name: [ab]: unable to execute template/);
  assert.match(r.stderr, /^Error: template: mychart\/templates\/a\.yaml:1:6: /);
});

test('tpl of itself: positioned recursion error (Helm 4 dies with a Go stack overflow, exit 2)', () => {
  const r = helmTemplate({ 'templates/a.yaml': 'a: {{ tpl .Values.t . }}', 'values.yaml': 't: "{{ tpl .Values.t . }}"' });
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /^Error: template: mychart\/templates\/a\.yaml:1:6: template recursion too deep: \d+ nested include\/tpl calls \(repeating tpl "gotpl"\)/);
});

test('template infinite recursion: Go\'s depth error, exactly as Helm prints it', () => {
  const r = helmTemplate({ 'templates/a.yaml': '{{ define "x" }}{{ template "x" . }}{{ end }}{{ template "x" . }}' });
  assert.deepEqual(
    { exit: r.exitCode, stdout: r.stdout, stderr: r.stderr },
    {
      exit: 1,
      stdout: '',
      stderr: 'Error: mychart/templates/a.yaml:1:28\n  executing "x" at <{{template "x" .}}>:\n    exceeded maximum template depth (100000)\n\nUse --debug flag to render out invalid YAML\n',
    },
  );
});

test('template recursion that is not periodic still ends with a positioned error', () => {
  const e = execErr('{{ define "x" }}{{ if . }}{{ template "x" (rest .) }}{{ end }}{{ end }}{{ template "x" (until 5000) }}', null, {});
  assert.equal(e.kind === 'limit' || e.kind === 'exec', true);
  assert.match(e.goMessage, /^template: a\.yaml:1:\d+: /);
});

test('huge range with an output limit', () => {
  const n = LONG ? 10_000_000 : 1_000_000;
  const e = execErr(`{{ range until ${n} }}x{{ end }}`, null, { maxOutputBytes: 100_000 });
  assert.equal(e.kind, 'limit');
  // The list itself is larger than the limit: stopped before the first iteration.
  assert.equal(e.goMessage, 'template: a.yaml:1:9: result of until exceeds the maximum size (100000 characters)');
  const e1 = execErr(`{{ range until ${n} }}xx{{ end }}`, null, { maxOutputBytes: n });
  assert.equal(e1.goMessage, 'template: a.yaml:1:' + String(`{{ range until ${n} }}`.length) + `: output exceeds the maximum size (${n} characters)`);
  const e2 = execErr('{{ range 10000000 }}x{{ end }}', null, { maxOutputBytes: 100_000 });
  assert.equal(e2.kind, 'limit');
});

test('100 MB of output stops at the output limit, also inside include', () => {
  const e = execErr('{{ range until 100 }}{{ repeat 1048576 "x" }}{{ end }}', null, { maxOutputBytes: 10_000_000 });
  assert.equal(e.kind, 'limit');
  assert.match(e.goMessage, /^template: a\.yaml:1:\d+: output exceeds the maximum size \(10000000 characters\)$/);
  const e2 = execErr('{{ define "big" }}{{ range until 100 }}{{ repeat 1048576 "x" }}{{ end }}{{ end }}{{ include "big" . }}', null, { maxOutputBytes: 10_000_000 });
  assert.equal(e2.kind, 'limit');
});

// Go's YAML/JSON depth limits (10000 levels) and deep documents: yamldepth.test.ts.

test('deeply nested YAML values: always a clean load error, never an exception', () => {
  const r = helmTemplate({ 'values.yaml': 'a: ' + '{b: '.repeat(10000) + '1' + '}'.repeat(10000) + '\n', 'templates/a.yaml': 'x: 1\n' });
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /^Error: cannot load values\.yaml: /);
  // Block style at 10000 levels is a 50 MB file: Helm refuses it by size (recorded).
  let block = '';
  for (let i = 0; i < 10000; i++) block += ' '.repeat(i) + 'a:\n';
  const r2 = helmTemplate({ 'values.yaml': block, 'templates/a.yaml': 'x: 1\n' });
  assert.equal(r2.stderr, 'Error: chart file "values.yaml" is larger than the maximum file size 5242880\n');
});

test('deeply nested Go values through functions: TemplateError or output, never an exception', () => {
  let v: Value = 1;
  for (let i = 0; i < 10000; i++) v = new Map<string, Value>([['a', v]]);
  const funcs = helmFuncMap(4);
  for (const f of ['toYaml', 'toJson', 'toPrettyJson', 'deepCopy', 'toString', 'keys', 'toToml', 'fromYaml', 'b64enc']) {
    if (!funcs.has(f)) continue;
    const set = new TemplateSet({ funcs: helmFuncMap(4), helmVersion: 4, runtime: fixedRuntime, rootName: 'gotpl' });
    assert.equal(set.addFile('a.yaml', `{{ ${f} . | len }}`), null);
    try {
      timed(f, () => set.execute('a.yaml', v));
    } catch (e) {
      assert.ok(e instanceof TemplateError, `${f}: ${String(e)}`);
      assert.match(e.goMessage, /^template: a\.yaml:1:\d+: /, f);
    }
  }
});

test('deeply nested parentheses: Go\'s "max expression depth exceeded" at the 10001st, on its line', () => {
  const r = helmTemplate({ 'templates/a.yaml': 'a: 1\nb: {{ ' + '('.repeat(10001) + '1' + ')'.repeat(10001) + ' }}\n' });
  assert.equal(r.stderr, 'Error: parse error at (mychart/templates/a.yaml:2): max expression depth exceeded\n\nUse --debug flag to render out invalid YAML\n');
});

test('nesting deeper than the JS stack: positioned parse error (Go has no limit for control nesting)', () => {
  const text = 'a: 1\n' + '{{ if 1 }}'.repeat(20000) + '{{ end }}'.repeat(20000);
  const res = timed('parse', () => parse('a.yaml', text, {}));
  assert.equal(res.errors.length, 1);
  const e = res.errors[0];
  assert.match(e.message, /^template nested too deeply \(\d+ levels\); the JavaScript call stack is exhausted$/);
  assert.equal(e.line, 2);
  assert.ok(e.start > 5 && e.end <= text.length);
  // Editor mode never throws either, and keeps a tree.
  const rr = timed('resilient parse', () => parse('a.yaml', text, { resilient: true }));
  assert.ok(rr.errors.length >= 1);
});

test('deeply nested actions: positioned parse or execution error, never an exception', () => {
  // Where parsing or execution runs out of stack depends on frame sizes (JIT state), so grow the
  // nesting until one of the two positioned errors appears.
  let seen = '';
  for (const n of [1400, 2000, 3000, 5000, 10000, 20000]) {
    const text = '{{ range list 1 }}'.repeat(n) + 'x' + '{{ end }}'.repeat(n);
    const set = new TemplateSet({ funcs: helmFuncMap(4), helmVersion: 4, runtime: fixedRuntime, rootName: 'gotpl' });
    const perr = set.addFile('a.yaml', text);
    if (perr !== null) {
      assert.match(perr.message, /^template nested too deeply \(\d+ levels\); the JavaScript call stack is exhausted$/);
      seen = 'parse';
      break;
    }
    try {
      timed('execute', () => set.execute('a.yaml', null));
    } catch (e) {
      assert.ok(e instanceof TemplateError, String(e));
      assert.equal(e.kind, 'limit');
      assert.match(e.goMessage, /^template: a\.yaml:1:\d+: template or value nesting too deep; the JavaScript call stack is exhausted$/);
      seen = 'exec';
      break;
    }
  }
  assert.notEqual(seen, '');
});

test('binary file in templates/: Helm\'s parse error', () => {
  const r = helmTemplate({ 'templates/a.bin': new Uint8Array([0, 1, 2, 0xff, 0xfe, 0x7b, 0x7b, 0x80]) });
  assert.equal(r.stderr, "Error: parse error at (mychart/templates/a.bin:1): U+FFFD '\ufffd'\n\nUse --debug flag to render out invalid YAML\n");
  assert.equal(r.exitCode, 1);
});

test('invalid UTF-8 in a template: no exception', () => {
  const r = helmTemplate({ 'templates/a.yaml': new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0xc3, 0x28, 0x0a]) });
  assert.ok(r.exitCode === 0 || r.exitCode === 1);
});

test('invalid UTF-8 in a template: Helm\'s YAML error', { todo: 'render: the YAML check of rendered files accepts invalid UTF-8 (bytes kept as lone surrogates U+DC80..U+DCFF); Helm fails with "invalid leading UTF-8 octet"' }, () => {
  const r = helmTemplate({ 'templates/a.yaml': new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0xc3, 0x28, 0x0a]) });
  assert.equal(r.stderr, 'Error: YAML parse error on mychart/templates/a.yaml: error converting YAML to JSON: yaml: invalid leading UTF-8 octet\n\nUse --debug flag to render out invalid YAML\n');
});

test('CRLF line endings: \\r kept as Helm keeps it', () => {
  const r = helmTemplate({
    'templates/a.yaml': 'a: 1\r\nb: {{ "x" }}\r\n{{- if true }}\r\nc: {{ .Values.c }}\r\n{{- end }}\r\n',
    'values.yaml': 'c: 3\r\nd: "x\r\n  y"\r\n',
  });
  assert.deepEqual({ exit: r.exitCode, stdout: r.stdout, stderr: r.stderr }, { exit: 0, stdout: '---\n# Source: mychart/templates/a.yaml\na: 1\r\nb: x\r\nc: 3\n', stderr: '' });
});

test('oversized chart file: Helm refuses the chart', () => {
  const r = helmTemplate({ 'templates/a.yaml': 'x: 1\n', 'files/big.txt': new Uint8Array(5242881).fill(0x61) });
  assert.equal(r.stderr, 'Error: chart file "big.txt" is larger than the maximum file size 5242880\n');
  const ok = helmTemplate({ 'templates/a.yaml': 'x: 1\n', 'files/big.txt': new Uint8Array(5242880).fill(0x61), '.helmignore': '' });
  assert.equal(ok.exitCode, 0);
  const ignored = helmTemplate({ 'templates/a.yaml': 'x: 1\n', 'files/big.txt': new Uint8Array(5242881).fill(0x61), '.helmignore': 'files/\n' });
  assert.equal(ignored.exitCode, 0);
});

test('a 10,000-template chart renders in bounded time and memory', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 10000; i++) {
    files[`templates/t${String(i).padStart(5, '0')}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  k: {{ .Values.x | default "d" | quote }}\n`;
  }
  const before = process.memoryUsage().heapUsed;
  const r = helmTemplate(files);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout.split('\n---\n').length, 10000);
  assert.ok(process.memoryUsage().heapUsed - before < 1024 * 1024 * 1024, 'heap growth < 1 GB');
});

test('a values file of 100k lines', () => {
  let big = '';
  for (let i = 0; i < 100000; i++) big += `k${i}: v${i}\n`;
  const r = helmTemplate({ 'values.yaml': big, 'templates/a.yaml': 'n: {{ len .Values }}\nl: {{ .Values.k99999 }}\n' });
  assert.equal(r.stdout, '---\n# Source: mychart/templates/a.yaml\nn: 100000\nl: v99999\n');
});

test('cancellation through AbortSignal in the middle of a long render', () => {
  // A synchronous render cannot see timers fire, so the signal is aborted from inside the
  // render (as a host would from a callback): the executor notices at the next iteration.
  const ac = new AbortController();
  let calls = 0;
  const tick: FuncDef = {
    name: 'tick',
    params: [],
    result: 'string',
    impl: () => {
      if (++calls === 1000) ac.abort();
      return '';
    },
    doc: { signature: 'tick', description: 'test hook', example: '', category: 'test' },
  };
  const funcs = new Map(helmFuncMap(4));
  funcs.set('tick', tick);
  const e = execErr('{{ range 100000000 }}{{ tick }}{{ end }}', null, { signal: ac.signal }, funcs);
  assert.equal(e.kind, 'limit');
  assert.match(e.goMessage, /^template: a\.yaml:1:\d+: template execution aborted$/);
  assert.equal(calls, 1000);
  // An already-aborted signal stops include and template calls too.
  const e2 = execErr('{{ define "x" }}x{{ end }}{{ include "x" . }}', null, { signal: AbortSignal.abort() });
  assert.equal(e2.kind, 'limit');
  const e3 = execErr('{{ define "x" }}x{{ end }}{{ template "x" . }}', null, { signal: AbortSignal.abort() });
  assert.equal(e3.kind, 'limit');
});

test('a value doubling per include level stops at the size limit instead of exhausting memory', () => {
  // Each level JSON-quotes the previous one: 2^n characters after n levels.
  const e = execErr('{{ define "t1" }}{{ include "t1" (toJson .) }}{{ end }}{{ include "t1" "x" }}', null, { maxOutputBytes: 1_000_000 });
  assert.equal(e.kind, 'limit');
  assert.match(e.goMessage, /^template: a\.yaml:1:\d+: result of toJson exceeds the maximum size \(1000000 characters\)$/);
});
