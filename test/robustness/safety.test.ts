// Safety: templates cannot read outside their chart (.Files with "..", globs, symlinks, tpl) and
// no template function can run a program, read the environment or reach the network.
// Expected Helm texts recorded from helm v4.1.4 (`env`/`expandenv` parse errors). Helm itself
// follows symlinks out of a chart (logging "found symbolic link in path"); Chartwright's ChartFS
// deliberately refuses them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTemplateCommand } from '../../server/src/render/template-command';
import { memoryFS, nodeFS } from '../../server/src/chart/fs';
import { allFunctions } from '../../server/src/render/funcmap';
import { fixedRuntime } from './gen';

const CHART = 'apiVersion: v2\nname: mychart\nversion: 0.1.0\n';
const PROBE = [
  'a: {{ .Files.Get "../../etc/passwd" | quote }}',
  'b: {{ .Files.Get "../secret.txt" | quote }}',
  'c: {{ .Files.Get "/etc/passwd" | quote }}',
  'd: {{ .Files.Glob "../**" | len }}',
  'e: {{ range $k, $v := .Files.Glob "**" }}{{ $k }},{{ end }}',
  'f: {{ tpl "{{ .Files.Get \\"../secret.txt\\" }}" . | quote }}',
  'g: {{ (.Files.Glob "../*").AsConfig | quote }}',
  'h: {{ .Files.Lines "../secret.txt" | len }}',
  '',
].join('\n');

test('.Files and tpl cannot reach outside the chart (memoryFS)', () => {
  const fs = memoryFS({
    'secret.txt': 'SECRET',
    'etc/passwd': 'root:x:0:0',
    'mychart/Chart.yaml': CHART,
    'mychart/files/in.txt': 'inside',
    'mychart/templates/a.yaml': PROBE,
  });
  const r = runTemplateCommand(['mychart'], { fs, cwd: '', runtime: fixedRuntime });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.ok(!r.stdout.includes('SECRET') && !r.stdout.includes('root:'), r.stdout);
  assert.match(r.stdout, /e: files\/in\.txt,\n/);
});

test('symlinks pointing outside the chart are not followed (nodeFS)', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-safety-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const chart = join(dir, 'mychart');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  mkdirSync(join(chart, 'files'));
  writeFileSync(join(dir, 'secret.txt'), 'SECRET\n');
  writeFileSync(join(dir, 'outside.yaml'), 'stolen: {{ "SECRET" }}\n');
  writeFileSync(join(chart, 'Chart.yaml'), CHART);
  writeFileSync(join(chart, 'files', 'in.txt'), 'inside\n');
  writeFileSync(join(chart, 'templates', 'a.yaml'), PROBE + 'i: {{ .Files.Get "files/link.txt" | quote }}\nj: {{ .Files.Get "files/up/secret.txt" | quote }}\n');
  symlinkSync(join(dir, 'secret.txt'), join(chart, 'files', 'link.txt'));
  symlinkSync('../..', join(chart, 'files', 'up'));
  symlinkSync(join(dir, 'outside.yaml'), join(chart, 'templates', 'outside.yaml'));
  // The ChartFS root is the confinement boundary (the language server roots it at the chart or
  // workspace; the CLI roots it at '/' and, like Helm, follows links anywhere below it).
  const r = runTemplateCommand(['.'], { fs: nodeFS(chart), cwd: '', runtime: fixedRuntime });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.ok(!r.stdout.includes('SECRET'), r.stdout);
  assert.ok(!r.stdout.includes('outside.yaml'), r.stdout);
  assert.match(r.stdout, /e: files\/in\.txt,\n/);
  // Rooted higher up, links resolving inside the root are followed: `files/up -> ../..` is then
  // a cycle, which fails as in Helm once the path holds 41 links (test/chart/hostile-loader).
  const r2 = runTemplateCommand(['mychart'], { fs: nodeFS(dir), cwd: '', runtime: fixedRuntime });
  // (After Helm's log line for each link it followed.)
  assert.match(r2.stderr, /(^|\n)Error: open .*\/files\/up\/mychart\/files\/up\/.*: too many levels of symbolic links\n$/);
});

test('no function can run programs, read the environment or files, or reach the network', () => {
  for (const hv of [3, 4] as const) {
    const names = [...allFunctions(hv).keys()];
    const risky = names.filter((n) => /exec|shell|spawn|command|system|process|http|fetch|socket|dial|url.?get|readfile|writefile|open|^env$|expandenv|getenv|os\b/i.test(n));
    assert.deepEqual(risky, [], `Helm ${hv} function map`);
  }
});

test('the function implementations import no process, network or file-system module', () => {
  const root = join(__dirname, '..', '..', 'server', 'src');
  const forbidden = /(?:from\s+|require\(\s*)['"](?:node:)?(?:child_process|net|http|https|http2|dns|tls|dgram|fs|fs\/promises|worker_threads|vm|cluster|inspector)['"]/;
  const offenders: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.ts')) {
        const text = readFileSync(p, 'utf8');
        if (forbidden.test(text) || /process\.env/.test(text)) offenders.push(p.slice(root.length + 1));
      }
    }
  };
  for (const d of ['template', 'sprig', 'helm']) walk(join(root, d));
  assert.deepEqual(offenders, []);
});

test('getHostByName answers "" and lookup an empty map offline', () => {
  const fs = memoryFS({
    'mychart/Chart.yaml': CHART,
    'mychart/templates/a.yaml': 'a: {{ getHostByName "localhost" | quote }}\nb: {{ lookup "v1" "Secret" "default" "x" | len }}\nc: {{ lookup "v1" "Pod" "" "" | toJson }}\n',
  });
  const r = runTemplateCommand(['mychart'], { fs, cwd: '', runtime: fixedRuntime });
  assert.equal(r.stdout, '---\n# Source: mychart/templates/a.yaml\na: ""\nb: 0\nc: {}\n');
});

test('env and expandenv are not defined (Helm\'s parse error)', () => {
  for (const [tpl, fn] of [['{{ env "HOME" }}', 'env'], ['{{ expandenv "$HOME" }}', 'expandenv']] as const) {
    for (const hv of [3, 4] as const) {
      const fs = memoryFS({ 'mychart/Chart.yaml': CHART, 'mychart/templates/a.yaml': tpl + '\n' });
      const r = runTemplateCommand(['mychart', '--helm-version', String(hv)], { fs, cwd: '', runtime: fixedRuntime });
      assert.equal(r.exitCode, 1);
      assert.equal(r.stderr, `Error: parse error at (mychart/templates/a.yaml:1): function "${fn}" not defined\n\nUse --debug flag to render out invalid YAML\n`);
    }
  }
});
