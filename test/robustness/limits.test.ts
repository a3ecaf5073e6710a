// Render limits (render/limits.ts): the language server's renders (no limits passed) stop a
// runaway template at 64 Mi characters per file, the CLI at 256 Mi, with a positioned template
// error. Helm has no such limit; the bounds are far above any real chart (the corpus' largest
// output is about 2 MB), so no Helm text applies to these errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTemplateCommand } from '../../server/src/render/template-command';
import { render } from '../../server/src/render/engine';
import { helmFuncMap } from '../../server/src/render/funcmap';
import { CLI_LIMITS, EDITOR_LIMITS } from '../../server/src/render/limits';
import { memoryFS } from '../../server/src/chart/fs';
import type { EngineLimits } from '../../server/src/template/index';
import { fixedRuntime } from './gen';

const CHART = 'apiVersion: v2\nname: mychart\nversion: 0.1.0\n';
// 70 Mi characters: above the editor bound, below the CLI's.
const BIG = 'x: {{ range until 70 }}{{ repeat 1048576 "x" }}{{ end }}\n';

function run(tpl: string, limits?: EngineLimits) {
  const fs = memoryFS({ 'mychart/Chart.yaml': CHART, 'mychart/templates/a.yaml': tpl });
  return runTemplateCommand(['mychart'], { fs, cwd: '', runtime: fixedRuntime, limits });
}

test('renders without explicit limits get the editor bound', () => {
  assert.equal(EDITOR_LIMITS.maxOutputBytes, 64 * 1024 * 1024);
  const r = run(BIG);
  assert.deepEqual(
    { exit: r.exitCode, stdout: r.stdout, stderr: r.stderr },
    {
      exit: 1,
      stdout: '',
      stderr: 'Error: template: mychart/templates/a.yaml:1:26: output exceeds the maximum size (67108864 characters)\n\nUse --debug flag to render out invalid YAML\n',
    },
  );
});

test('the CLI bound lets 70 Mi characters through; {} means no bound', () => {
  for (const limits of [CLI_LIMITS, {}]) {
    const r = run(BIG, limits);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stdout.length, '---\n# Source: mychart/templates/a.yaml\nx: \n'.length + 70 * 1048576);
  }
});

test('render() takes limits', () => {
  const res = render([{ path: 'c/templates/a.yaml', text: '{{ repeat 20 "x" }}', vals: new Map(), basePath: 'c/templates', library: false }], {
    helmVersion: 4,
    runtime: fixedRuntime,
    funcs: helmFuncMap(4),
    limits: { maxOutputBytes: 10 },
  });
  assert.equal(res.error?.message, 'template: c/templates/a.yaml:1:3: result of repeat exceeds the maximum size (10 characters)');
});

test('the CLI applies its bound (256 Mi characters)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-limits-'));
  try {
    mkdirSync(join(dir, 'mychart', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'mychart', 'Chart.yaml'), CHART);
    writeFileSync(join(dir, 'mychart', 'templates', 'a.yaml'), 'x: {{ range until 300 }}{{ repeat 1048576 "x" }}{{ end }}\n');
    const r = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'chartwright.js'), 'template', join(dir, 'mychart')], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'Error: template: mychart/templates/a.yaml:1:27: output exceeds the maximum size (268435456 characters)\n\nUse --debug flag to render out invalid YAML\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
