// `chartwright lint` with a chart path that climbs out of the working directory (`../chart`):
// the displayed paths keep their leading `..` (Go's filepath.Join) and `--with-subcharts` finds
// the subcharts; a packaged chart that is not there is Helm's "unable to open tarball" with the
// path as given. Expected outputs recorded from helm v4.1.4 and helm v3.17.3 (identical for both)
// in a directory `work/` beside `mychart/`:
//   helm lint ../mychart --with-subcharts;  helm lint ../nonexist;  helm lint nope.tgz;  helm lint ../nope.tgz
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFS } from '../../server/src/chart/fs';
import { runLintCommand } from '../../server/src/lint/command';
import { goJoin } from '../../server/src/lint/index';

const files: Record<string, string> = {
  'mychart/Chart.yaml': 'apiVersion: v2\nname: mychart\nversion: 0.1.0\ndependencies:\n  - name: sub\n    version: 0.2.0\n',
  'mychart/values.yaml': 'x: 1\n',
  'mychart/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
  'mychart/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.2.0\n',
  'mychart/charts/sub/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
  'work/.keep': '',
};

const cases: { args: string[]; stdout: string; stderr: string; exit: number }[] = [
  {
    args: ['../mychart', '--with-subcharts'],
    stdout:
      '==> Linting ../mychart\n[INFO] Chart.yaml: icon is recommended\n\n' +
      '==> Linting ../mychart/charts/sub\n[INFO] Chart.yaml: icon is recommended\n[INFO] values.yaml: file does not exist\n\n' +
      '2 chart(s) linted, 0 chart(s) failed\n',
    stderr: '',
    exit: 0,
  },
  {
    args: ['../nonexist'],
    stdout: '==> Linting ../nonexist\nError unable to check Chart.yaml file in chart: stat ../nonexist/Chart.yaml: no such file or directory\n\n',
    stderr: 'Error: 1 chart(s) linted, 1 chart(s) failed\n',
    exit: 1,
  },
  {
    args: ['nope.tgz'],
    stdout: '==> Linting nope.tgz\nError unable to open tarball: open nope.tgz: no such file or directory\n\n',
    stderr: 'Error: 1 chart(s) linted, 1 chart(s) failed\n',
    exit: 1,
  },
  {
    args: ['../nope.tgz'],
    stdout: '==> Linting ../nope.tgz\nError unable to open tarball: open ../nope.tgz: no such file or directory\n\n',
    stderr: 'Error: 1 chart(s) linted, 1 chart(s) failed\n',
    exit: 1,
  },
];

for (const hv of [4, 3]) {
  for (const c of cases) {
    test(`lint ${c.args.join(' ')} from a sibling directory (helm ${hv})`, () => {
      const fs = memoryFS(files, '/tmp/cwlint/rel');
      const got = runLintCommand(['--helm-version', String(hv), ...c.args], { fs, cwd: 'work' });
      assert.deepEqual({ stdout: got.stdout, stderr: got.stderr, exit: got.exitCode }, { stdout: c.stdout, stderr: c.stderr, exit: c.exit });
    });
  }
}

// filepath.Join results (Go's path rules, checked against Go's documented Clean examples).
const joins: [string, string, string][] = [
  ['../mychart', 'charts', '../mychart/charts'],
  ['../../a/../b', 'Chart.yaml', '../../b/Chart.yaml'],
  ['./../mychart/charts/../', 'charts', '../mychart/charts'],
  ['a/..', '..', '..'],
  ['/..', 'x', '/x'],
  ['/a/b/../..', '..', '/'],
  ['.', '', '.'],
  ['mychart/', 'Chart.yaml', 'mychart/Chart.yaml'],
];
for (const [a, b, want] of joins) {
  test(`goJoin(${JSON.stringify(a)}, ${JSON.stringify(b)}) = ${want}`, () => assert.equal(goJoin(a, b), want));
}
