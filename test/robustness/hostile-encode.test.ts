// Hostile values for the encoders (issue 15, items 6 and 7): dicts 12,000 deep built with a
// template loop and dicts containing themselves (`set $d "self" $d`) through toYaml, mustToYaml,
// toYamlPretty, toJson, mustToJson, toRawJson, mustToRawJson, toPrettyJson and
// mustToPrettyJson. Every expected output and error text was recorded from helm v4.1.4 and
// v3.17.3 (the same template in a one-chart temp dir, `helm template`; both agree, mustToYaml is
// Helm 4 only). Where Helm itself dies (toYamlPretty of a value containing itself grows past
// 23 GB) or prints more than a bounded result can hold, Chartwright fails with a clear error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runTemplateCommand } from '../../server/src/render/template-command';
import { memoryFS } from '../../server/src/chart/fs';
import { fixedRuntime } from './gen';

const ROOT = join(__dirname, '..', '..');
const CHART = 'apiVersion: v2\nname: mychart\nversion: 0.1.0\n';
const FILE = 'mychart/templates/a.yaml';

/** deep: the result length of F on a dict n+1 levels deep (the error is on line 3, column 8). */
const deep = (f: string, n: number): string =>
  `{{- $d := dict "leaf" "x" -}}\n{{- range until ${n} -}}{{- $d = dict "a" $d -}}{{- end -}}\nout: {{ ${f} $d | len }}\n`;
/** self: F of a dict containing itself (the error is on line 2, column 8). */
const self = (f: string): string => `{{- $d := dict "k" "v" -}}{{- $_ := set $d "self" $d -}}\nout: {{ ${f} $d | quote }}\n`;

interface Out {
  exit: number;
  stdout: string;
  stderr: string;
}

function inProcess(tpl: string, helm: 3 | 4): Out {
  const fs = memoryFS({ 'mychart/Chart.yaml': CHART, [FILE]: tpl });
  const r = runTemplateCommand(['mychart', '--helm-version', String(helm)], { fs, cwd: '', runtime: fixedRuntime });
  return { exit: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

function viaCli(tpl: string, helm: 3 | 4): Out {
  const dir = mkdtempSync(join(tmpdir(), 'cw-hostile-encode-'));
  try {
    mkdirSync(join(dir, 'mychart', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'mychart', 'Chart.yaml'), CHART);
    writeFileSync(join(dir, FILE), tpl);
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'chartwright.js'), 'template', 'mychart', '--helm-version', String(helm)], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60000,
    });
    return { exit: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ok = (x: string): Out => ({ exit: 0, stdout: `---\n# Source: ${FILE}\nout: ${x}\n`, stderr: '' });
const callErr = (pos: string, f: string, msg: string): Out => ({
  exit: 1,
  stdout: '',
  stderr: `Error: template: ${FILE}:${pos}: executing "${FILE}" at <${f} $d>: error calling ${f}: ${msg}\n\nUse --debug flag to render out invalid YAML\n`,
});
const CYCLE = 'json: unsupported value: encountered a cycle via map[string]interface {}';

// [name, template, Helm versions, recorded result]
const CASES: Array<[string, string, Array<3 | 4>, Out]> = [
  ['toYaml of a dict 12001 deep', deep('toYaml', 12000), [3, 4], ok('0')],
  ['mustToYaml of a dict 12001 deep', deep('mustToYaml', 12000), [4], callErr('3:8', 'mustToYaml', 'yaml: exceeded max depth of 10000')],
  ['mustToYaml of a dict 10001 deep (the first too deep)', deep('mustToYaml', 10000), [4], callErr('3:8', 'mustToYaml', 'yaml: exceeded max depth of 10000')],
  ['toJson of a dict 12001 deep', deep('toJson', 12000), [3, 4], ok('72012')],
  ['mustToJson of a dict 12001 deep', deep('mustToJson', 12000), [3, 4], ok('72012')],
  ['toRawJson of a dict 12001 deep', deep('toRawJson', 12000), [3, 4], ok('72012')],
  ['mustToRawJson of a dict 12001 deep', deep('mustToRawJson', 12000), [3, 4], ok('72012')],
  ['toPrettyJson of a dict 12001 deep', deep('toPrettyJson', 12000), [3, 4], ok('0')],
  ['mustToPrettyJson of a dict 12001 deep', deep('mustToPrettyJson', 12000), [3, 4], callErr('3:8', 'mustToPrettyJson', "invalid character '{' exceeded max depth")],
  ['toYaml of a dict containing itself', self('toYaml'), [3, 4], ok('""')],
  ['mustToYaml of a dict containing itself', self('mustToYaml'), [4], callErr('2:8', 'mustToYaml', 'error marshaling into JSON: ' + CYCLE)],
  ['toJson of a dict containing itself', self('toJson'), [3, 4], ok('""')],
  ['mustToJson of a dict containing itself', self('mustToJson'), [3, 4], callErr('2:8', 'mustToJson', CYCLE)],
  ['toRawJson of a dict containing itself (it panics: an error)', self('toRawJson'), [3, 4], callErr('2:8', 'toRawJson', CYCLE)],
  ['mustToRawJson of a dict containing itself', self('mustToRawJson'), [3, 4], callErr('2:8', 'mustToRawJson', CYCLE)],
  ['toPrettyJson of a dict containing itself', self('toPrettyJson'), [3, 4], ok('""')],
  ['mustToPrettyJson of a dict containing itself', self('mustToPrettyJson'), [3, 4], callErr('2:8', 'mustToPrettyJson', CYCLE)],
];

// With the default stack (this test process, the language server) values 12000 deep cannot be
// walked recursively: a clean positioned error is the accepted answer there. The CLI renders
// with a 256 MB stack and must match Helm.
const STACK = (pos: string): Out => ({
  exit: 1,
  stdout: '',
  stderr: `Error: template: ${FILE}:${pos}: template or value nesting too deep; the JavaScript call stack is exhausted\n\nUse --debug flag to render out invalid YAML\n`,
});

for (const [name, tpl, versions, want] of CASES) {
  test(`encoders: ${name}: Helm's result, in process and in the CLI, in bounded time`, () => {
    for (const v of versions) {
      const t0 = performance.now();
      const got = inProcess(tpl, v);
      if (tpl.includes('range until') && got.stderr.includes('call stack is exhausted')) assert.deepEqual(got, STACK('3:8'));
      else assert.deepEqual(got, want, `helm ${v} in process`);
      assert.ok(performance.now() - t0 < 20000);
    }
    assert.deepEqual(viaCli(tpl, versions[versions.length - 1]), want, 'CLI');
  });
}

// The type encoding/json names in its cycle error depends on where on the cyclic path its
// tracking starts (recorded from helm v4.1.4 and v3.17.3; .Values is a named map type).
const CYCLE_TYPES: Array<[string, string, Record<3 | 4, string>]> = [
  ['dict → list → dict', '{{- $d := dict "k" "v" -}}{{- $l := list $d -}}{{- $_ := set $d "l" $l -}}{{ mustToJson $d }}', { 3: 'map[string]interface {}', 4: 'map[string]interface {}' }],
  ['list → dict → list', '{{- $d := dict "k" "v" -}}{{- $l := list $d -}}{{- $_ := set $d "l" $l -}}{{ mustToJson $l }}', { 3: '[]interface {}', 4: '[]interface {}' }],
  ['.Values containing itself', '{{- $_ := set .Values "self" .Values -}}{{ mustToJson .Values }}', { 3: 'chartutil.Values', 4: 'common.Values' }],
  ['a cycle below a prefix', '{{- $d := dict "k" "v" -}}{{- $e := dict "d" $d -}}{{- $_ := set $d "e" $e -}}{{ mustToJson (list 1 (list $d)) }}', { 3: 'map[string]interface {}', 4: 'map[string]interface {}' }],
  ['a cycle of three', '{{- $a := dict -}}{{- $b := dict "a" $a -}}{{- $c := list $b -}}{{- $_ := set $a "c" $c -}}{{ mustToJson $a }}', { 3: '[]interface {}', 4: '[]interface {}' }],
];

for (const [name, tpl, types] of CYCLE_TYPES) {
  test(`encoders: cycle through ${name}: encoding/json's type`, () => {
    for (const v of [3, 4] as const) {
      const r = inProcess(tpl, v);
      assert.equal(r.exit, 1);
      assert.ok(r.stderr.includes(`error calling mustToJson: json: unsupported value: encountered a cycle via ${types[v]}\n`), r.stderr);
    }
  });
}

test('toYamlPretty of a dict containing itself: a clear error (Helm runs out of memory)', () => {
  const r = inProcess(self('toYamlPretty'), 4);
  assert.equal(r.exit, 1);
  assert.match(r.stderr, /error calling toYamlPretty: cannot marshal a value that contains itself \(a cycle via map\[string\]interface \{\}\)/);
});

test('toYamlPretty of a dict 12001 deep: bounded (Helm prints 144 MB; here an allocation error)', () => {
  const r = viaCli(deep('toYamlPretty', 12000), 4);
  assert.equal(r.exit, 1);
  assert.match(r.stderr, /error calling toYamlPretty: runtime error: makeslice: len out of range/);
});

test('values sharing sub-values (2^40 leaves once encoded): an allocation error, never a crash', () => {
  const tpl = '{{- $d := dict "k" "v" -}}{{- range until 40 -}}{{- $d = dict "a" $d "b" $d -}}{{- end -}}\nout: {{ F $d | len }}\n';
  for (const f of ['toJson', 'mustToJson', 'toRawJson', 'toPrettyJson', 'toYaml']) {
    const r = viaCli(tpl.replace('F', f), 4);
    assert.equal(r.exit, 1, `${f}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`error calling ${f}: runtime error: makeslice: len out of range`));
  }
});
