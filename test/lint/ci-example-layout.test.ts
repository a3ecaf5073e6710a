// examples/github-actions/check-charts.sh on the usual layout of a chart repository,
// `charts/NAME/Chart.yaml`, run on `.` as the workflow runs it: the repository's charts are
// checked (an earlier version took every path with `/charts/` for a subchart and checked
// nothing), a chart's own subcharts (`charts/NAME/charts/SUB`) are not checked on their own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = join(__dirname, '..', '..');

function chart(dir: string, name: string, extra = ''): void {
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n${extra}`);
  writeFileSync(join(dir, 'values.yaml'), 'name: x\n');
  writeFileSync(join(dir, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ required "name is required" .Values.name }}\n');
}

test('check-charts.sh . checks charts/NAME of a chart repository, not their subcharts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-ci-layout-'));
  try {
    chart(join(dir, 'charts', 'app'), 'app', 'dependencies:\n  - name: sub\n    version: 0.1.0\n');
    chart(join(dir, 'charts', 'app', 'charts', 'sub'), 'sub');
    chart(join(dir, 'charts', 'other'), 'other');
    mkdirSync(join(dir, 'charts', 'other', 'ci'));
    writeFileSync(join(dir, 'charts', 'other', 'ci', 'bad-values.yaml'), 'name: null\n');
    const r = spawnSync('bash', [join(root, 'examples', 'github-actions', 'check-charts.sh'), '.'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, CHARTWRIGHT: `${process.execPath} ${join(root, 'bin', 'chartwright.js')}` },
      timeout: 120_000,
    });
    const groups = r.stdout.split('\n').filter((l) => l.startsWith('::group::'));
    assert.deepEqual(groups, ['::group::./charts/app', '::group::./charts/other'], r.stdout + r.stderr);
    assert.match(r.stdout, /^::error file=\.\/charts\/other\/ci\/bad-values\.yaml::chartwright template failed with these values$/m);
    assert.equal(r.status, 1, r.stdout + r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
