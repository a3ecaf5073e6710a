// Deeply nested YAML (values files, fromYaml, rendered manifests): Go's depth limits with Helm's
// texts, and never a stack overflow or a crash. Expected outputs recorded from helm v4.1.4
// (script: each case as files of a one-chart temp dir, `HOME=/tmp/h TZ=UTC helm4 template DIR`,
// exit/stdout/stderr printed as JSON). go-yaml stops past 10000 flow or block levels, and
// encoding/json past 10000 levels of the converted document. Decoding deep documents needs a
// big stack: the CLI renders in a worker with a 256 MB stack and matches Helm up to the limit;
// with the default stack (the language server, this test process) a document deeper than the
// stack can hold is a clear load error instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTemplateCommand } from '../../server/src/render/template-command';
import { memoryFS } from '../../server/src/chart/fs';
import { fixedRuntime } from './gen';

const CHART = 'apiVersion: v2\nname: mychart\nversion: 0.1.0\n';
const ROOT = join(__dirname, '..', '..');

type Files = Record<string, string>;
interface Out {
  exit: number;
  stdout: string;
  stderr: string;
}

const flow = (n: number): string => 'a: ' + '['.repeat(n) + ']'.repeat(n) + '\n';
const LEN = 'x: {{ .Values | toJson | len }}\n';
const fromYamlLen = (n: number): string => `x: {{ fromYaml (printf "a: %s%s" (repeat ${n} "[") (repeat ${n} "]")) | toJson | len }}\n`;
const fromYamlErr = (n: number): string => `x: {{ (fromYaml (printf "a: %s%s" (repeat ${n} "[") (repeat ${n} "]"))).Error | quote }}\n`;
const manifest = (n: number): string => `a: {{ repeat ${n} "[" }}{{ repeat ${n} "]" }}\n`;

function inProcess(files: Files): Out {
  const all: Files = { 'mychart/Chart.yaml': CHART };
  for (const [k, v] of Object.entries(files)) all[`mychart/${k}`] = v;
  const r = runTemplateCommand(['mychart'], { fs: memoryFS(all), cwd: '', runtime: fixedRuntime });
  return { exit: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

function viaCli(files: Files): Out {
  const dir = mkdtempSync(join(tmpdir(), 'cw-yamldepth-'));
  try {
    mkdirSync(join(dir, 'mychart', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'mychart', 'Chart.yaml'), CHART);
    for (const [k, v] of Object.entries(files)) writeFileSync(join(dir, 'mychart', k), v);
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'chartwright.js'), 'template', join(dir, 'mychart')], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    return { exit: r.status ?? -1, stdout: r.stdout.split(dir + '/').join(''), stderr: r.stderr.split(dir + '/').join('') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ok = (x: string): Out => ({ exit: 0, stdout: `---\n# Source: mychart/templates/a.yaml\n${x}\n`, stderr: '' });
const valuesErr = (m: string): Out => ({ exit: 1, stdout: '', stderr: `Error: cannot load values.yaml: cannot unmarshal yaml document: ${m}\n` });
const manifestErr = (m: string): Out => ({
  exit: 1,
  stdout: '',
  stderr: `Error: YAML parse error on mychart/templates/a.yaml: ${m}\n\nUse --debug flag to render out invalid YAML\n`,
});
const YAML_DEPTH = 'error converting YAML to JSON: yaml: exceeded max depth of 10000';
const JSON_DEPTH = "error unmarshaling JSON: while decoding JSON: invalid character '[' exceeded max depth";
const STACK = /yaml: document nested \d+ levels deep is too deep for the JavaScript stack \(Helm accepts up to 10000\)/;

test('past go-yaml\'s depth limit: Helm\'s error, with any stack', () => {
  assert.deepEqual(inProcess({ 'values.yaml': flow(10001), 'templates/a.yaml': LEN }), valuesErr(YAML_DEPTH));
  assert.deepEqual(inProcess({ 'values.yaml': flow(20000), 'templates/a.yaml': LEN }), valuesErr(YAML_DEPTH));
  assert.deepEqual(inProcess({ 'values.yaml': '- '.repeat(10001) + 'x\n', 'templates/a.yaml': LEN }), valuesErr(YAML_DEPTH));
  assert.deepEqual(inProcess({ 'templates/a.yaml': fromYamlErr(10001) }), ok(`x: "${YAML_DEPTH}"`));
  assert.deepEqual(inProcess({ 'templates/a.yaml': manifest(10001) }), manifestErr(YAML_DEPTH));
});

test('moderate nesting decodes as in Helm with the default stack', () => {
  assert.deepEqual(inProcess({ 'values.yaml': flow(100), 'templates/a.yaml': LEN }), ok('x: 206'));
});

test('deep nesting with the default stack: Helm\'s output or a clear error, never an exception', () => {
  const cases: [Files, Out][] = [
    [{ 'values.yaml': flow(1000), 'templates/a.yaml': LEN }, ok('x: 2006')],
    [{ 'values.yaml': flow(6000), 'templates/a.yaml': LEN }, ok('x: 12006')],
    [{ 'values.yaml': flow(10000), 'templates/a.yaml': LEN }, valuesErr(JSON_DEPTH)],
    [{ 'templates/a.yaml': fromYamlErr(1000) }, ok('x:')],
    [{ 'templates/a.yaml': fromYamlErr(6000) }, ok('x:')],
    [{ 'templates/a.yaml': manifest(10000) }, manifestErr(JSON_DEPTH)],
  ];
  for (const [files, helm] of cases) {
    const r = inProcess(files);
    if (r.exit === 1 && STACK.test(r.stderr)) continue;
    // fromYaml reports the stack error in its Error key.
    if (r.exit === 0 && STACK.test(r.stdout)) continue;
    assert.deepEqual(r, helm);
  }
});

test('the CLI (256 MB stack worker) matches Helm up to the limit', () => {
  assert.deepEqual(viaCli({ 'values.yaml': flow(1000), 'templates/a.yaml': LEN }), ok('x: 2006'));
  assert.deepEqual(viaCli({ 'values.yaml': flow(9999), 'templates/a.yaml': LEN }), ok('x: 20004'));
  assert.deepEqual(viaCli({ 'values.yaml': flow(10000), 'templates/a.yaml': LEN }), valuesErr(JSON_DEPTH));
  assert.deepEqual(viaCli({ 'templates/a.yaml': fromYamlLen(1000) }), ok('x: 2006'));
  assert.deepEqual(viaCli({ 'templates/a.yaml': fromYamlErr(6000) }), ok('x:'));
  assert.deepEqual(viaCli({ 'templates/a.yaml': fromYamlErr(10000) }), ok(`x: "${JSON_DEPTH}"`));
  const m = viaCli({ 'templates/a.yaml': 'x: {{ repeat 9999 "[" }}{{ repeat 9999 "]" }}\n' });
  assert.equal(m.exit, 0, m.stderr);
  assert.equal(m.stdout.length, 20041);
  assert.deepEqual(viaCli({ 'templates/a.yaml': manifest(10000) }), manifestErr(JSON_DEPTH));
});
