// Functions that allocate by a count: absurd counts are a clear error before anything large is
// allocated, and rejection sampling ends on any byte source. Expected texts recorded from helm
// v4.1.4 (script: each expression as `x: EXPR` in a one-chart temp dir, `ulimit -v 3000000;
// HOME=/tmp/h TZ=UTC helm4 template mychart`, stdout/stderr/exit printed as JSON). Counts for
// which Helm instead dies with "fatal error: out of memory" (no text to match) give Go's
// makeslice panic text here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { runTemplateCommand } from '../../server/src/render/template-command';
import { memoryFS } from '../../server/src/chart/fs';
import type { Runtime } from '../../server/src/template/func';
import { fixedRuntime } from './gen';

const CHART = 'apiVersion: v2\nname: mychart\nversion: 0.1.0\n';
const BOUND_MS = 10_000;

/** constRuntime returns the same byte forever (a deterministic runtime a test might use). */
function constRuntime(byte: number): Runtime {
  return { ...fixedRuntime, randomBytes: (n) => new Uint8Array(n).fill(byte) };
}

/** render runs `template mychart` on `x: EXPR` within BOUND_MS. */
function render(expr: string, runtime: Runtime = fixedRuntime): { exit: number; stdout: string; stderr: string } {
  const fs = memoryFS({ 'mychart/Chart.yaml': CHART, 'mychart/templates/a.yaml': `x: ${expr}\n` });
  const t0 = performance.now();
  const r = runTemplateCommand(['mychart'], { fs, cwd: '', runtime });
  const ms = performance.now() - t0;
  assert.ok(ms < BOUND_MS, `${expr} took ${Math.round(ms)} ms`);
  return { exit: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

const ok = (x: string) => ({ exit: 0, stdout: `---\n# Source: mychart/templates/a.yaml\nx: ${x}\n`, stderr: '' });
const callErr = (expr: string, fn: string, msg: string) => ({
  exit: 1,
  stdout: '',
  stderr: `Error: template: mychart/templates/a.yaml:1:6: executing "mychart/templates/a.yaml" at <${expr}>: error calling ${fn}: ${msg}\n\nUse --debug flag to render out invalid YAML\n`,
});
const MAKESLICE = 'runtime error: makeslice: len out of range';

test('rejection sampling ends on a constant byte source', () => {
  // randInt -1 2 draws 2 bits; 0x07 gives 3 >= 3 on every draw.
  const r = render('{{ randInt -1 2 }}', constRuntime(0x07));
  assert.equal(r.exit, 0, r.stderr);
  assert.match(r.stdout, /\nx: (-1|0|1)\n$/);
  // 0xff & 63 = 63 is never a letter index (52 letters).
  for (const f of ['randAlpha', 'randAlphaNum', 'randNumeric', 'randAscii']) {
    const a = render(`{{ ${f} 20 | len }}`, constRuntime(0xff));
    assert.deepEqual(a, ok('20'), f);
  }
  assert.deepEqual(render('{{ randInt -1 2 | typeOf }}', constRuntime(0x07)), ok('int'));
});

test('absurd counts: Helm\'s panic texts (recorded)', () => {
  const cases: [string, string, string][] = [
    ['repeat 100000000000000000 "x"', 'repeat', MAKESLICE],
    ['repeat 4611686018427387904 "xx"', 'repeat', 'strings: Repeat output length overflow'],
    ['randBytes 100000000000000000', 'randBytes', MAKESLICE],
    ['randAlpha 100000000000000000', 'randAlpha', MAKESLICE],
    ['randNumeric 100000000000000000', 'randNumeric', MAKESLICE],
    ['indent 9223372036854775807 "x"', 'indent', MAKESLICE],
    ['nindent 9223372036854775807 "x"', 'nindent', MAKESLICE],
  ];
  for (const [expr, fn, msg] of cases) assert.deepEqual(render(`{{ ${expr} | len }}`), callErr(expr, fn, msg), expr);
});

test('counts for which Helm runs out of memory: makeslice panic before allocating', () => {
  // Helm 4 dies with "fatal error: out of memory" on each (recorded under ulimit -v 3000000).
  const cases: [string, string][] = [
    ['until 10000000000', 'until'],
    ['untilStep 0 10000000000000000 1', 'untilStep'],
    ['untilStep 10000000000 0 -1', 'untilStep'],
    // The int counter wraps past the end and never reaches it.
    ['untilStep 9223372036854775800 9223372036854775807 3', 'untilStep'],
    ['untilStep -9223372036854775800 -9223372036854775808 -5', 'untilStep'],
    ['seq 10000000000', 'seq'],
    ['seq 1 2 100000000000', 'seq'],
    ['nindent 100000000000000 "a\\nb"', 'nindent'],
    ['nindent 100000000 "a\\nb\\nc\\nd\\ne\\nf"', 'nindent'],
    ['randAlpha 10000000000', 'randAlpha'],
    ['randBytes 10000000000', 'randBytes'],
    ['repeat 10000000000 "x"', 'repeat'],
    ['replace "" "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" (repeat 10000000 "y")', 'replace'],
  ];
  for (const [expr, fn] of cases) assert.deepEqual(render(`{{ ${expr} | len }}`), callErr(expr, fn, MAKESLICE), expr);
});

test('large but reasonable counts still work', () => {
  assert.deepEqual(render('{{ until 1000000 | len }}'), ok('1000000'));
  assert.deepEqual(render('{{ untilStep 0 3000000 3 | len }}'), ok('1000000'));
  assert.deepEqual(render('{{ untilStep 5 -5 -3 | toJson }}'), ok('[5,2,-1,-4]'));
  assert.deepEqual(render('{{ until -3 | toJson }}'), ok('[0,-1,-2]'));
  assert.deepEqual(render('{{ untilStep -9223372036854775800 -9223372036854775808 -4 | toJson }}'), ok('[-9223372036854775800,-9223372036854775804]'));
  assert.deepEqual(render('{{ randAlphaNum 1000000 | len }}'), ok('1000000'));
  assert.deepEqual(render('{{ seq 100000 | len }}'), ok('588894'));
});
