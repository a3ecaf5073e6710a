// `lint --format github|sarif`: the findings of `--format json` (template positions) as GitHub
// Actions annotations and as SARIF 2.1.0. These formats are Chartwright's own (Helm has none),
// so the expectations are the formats' specifications, not recordings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFS } from '../../server/src/chart/fs';
import { runLintCommand } from '../../server/src/lint/command';
import { fixedRuntime } from '../../server/src/analysis/host';

const fs = memoryFS({
  'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
  'c/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{ .Values.x.y }}\n',
});
const lint = (format: string) => runLintCommand(['c', '--format', format], { fs, cwd: '', runtime: fixedRuntime });

test('github: one workflow command per finding, escaped, positioned at the template', () => {
  const r = lint('github');
  assert.equal(r.exitCode, 1);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.at(-1), '1 chart(s) linted, 1 chart(s) failed');
  const table: Array<[RegExp, string]> = [
    [/^::notice file=c\/Chart\.yaml,title=helm lint%3A c \(Chart\.yaml\)::icon is recommended$/, 'INFO → notice, no line'],
    [/^::error file=c\/templates\/cm\.yaml,line=6,col=16,title=helm lint%3A c \(templates\/\)::c\/templates\/cm\.yaml:6:15%0A  executing /, 'ERROR at the template position, newlines escaped'],
  ];
  for (const [re, why] of table) assert.ok(lines.some((l) => re.test(l)), `${why}\n${r.stdout}`);
  // Every annotation is a single line (messages with newlines are %0A-escaped).
  for (const l of lines.slice(0, -1)) assert.match(l, /^::(error|warning|notice) [^\n]*::/);
});

test('sarif: a 2.1.0 log with rules, levels and regions', () => {
  const r = lint('sarif');
  assert.equal(r.exitCode, 1);
  const log = JSON.parse(r.stdout) as {
    version: string;
    runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; level: string; locations?: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn?: number } } }> }> }>;
  };
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  assert.equal(run?.tool.driver.name, 'chartwright');
  const err = run?.results.find((x) => x.level === 'error');
  assert.equal(err?.ruleId, 'templates');
  assert.deepEqual(err?.locations?.[0]?.physicalLocation, { artifactLocation: { uri: 'c/templates/cm.yaml' }, region: { startLine: 6, startColumn: 16 } });
  // Every result's rule is declared.
  const ids = new Set(run?.tool.driver.rules.map((x) => x.id));
  for (const x of run?.results ?? []) assert.ok(ids.has(x.ruleId), x.ruleId);
});

test('an unknown format is a flag error', () => {
  const r = lint('xml');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, 'Error: invalid argument "xml" for "--format" flag: must be text, json, github or sarif\n');
});

test('examples/github-actions/check-charts.sh lints and renders each chart with its ci/*.yaml values', async () => {
  const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { spawnSync } = await import('node:child_process');
  const root = join(__dirname, '..', '..');
  const dir = mkdtempSync(join(tmpdir(), 'cw-ci-'));
  try {
    const chart = join(dir, 'charts-repo', 'app');
    mkdirSync(join(chart, 'templates'), { recursive: true });
    mkdirSync(join(chart, 'ci'));
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 0.1.0\n');
    writeFileSync(join(chart, 'values.yaml'), 'name: x\n');
    writeFileSync(join(chart, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ required "name is required" .Values.name }}\n');
    writeFileSync(join(chart, 'ci', 'ok-values.yaml'), 'name: y\n');
    writeFileSync(join(chart, 'ci', 'bad-values.yaml'), 'name: null\n');
    const r = spawnSync('bash', [join(root, 'examples', 'github-actions', 'check-charts.sh'), 'charts-repo'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, CHARTWRIGHT: `${process.execPath} ${join(root, 'bin', 'chartwright.js')}` },
      timeout: 120_000,
    });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^::group::charts-repo\/app$/m);
    assert.match(r.stdout, /^::error file=charts-repo\/app\/ci\/bad-values\.yaml::chartwright template failed with these values$/m);
    assert.doesNotMatch(r.stdout, /ok-values/);
    assert.match(r.stderr, /name is required/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
