// Hostile CLI input (issue 15): chart names that point `--output-dir` outside itself, write
// errors in the output directory, and value files from stdin, FIFOs and /dev/fd paths — through
// `node bin/chartwright.js`, with Helm's exact texts (recorded from helm v4.1.4 and v3.17.3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const BIN = path.resolve(__dirname, '../../bin/chartwright.js');

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cw-hostile-cli-'));
}

/** chart writes a one-template chart named `name` into dir/c. */
function chart(dir: string, name: string, template = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n'): void {
  fs.mkdirSync(path.join(dir, 'c', 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'c', 'Chart.yaml'), `apiVersion: v2\nname: ${JSON.stringify(name)}\nversion: 0.1.0\n`);
  fs.writeFileSync(path.join(dir, 'c', 'templates', 'cm.yaml'), template);
}

function cw(cwd: string, args: string[], input?: string): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [BIN, 'template', ...args], { cwd, input, encoding: 'utf8', timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** listTree lists every path under dir (relative), sorted. */
function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = rel === '' ? e.name : `${rel}/${e.name}`;
      out.push(p);
      if (e.isDirectory()) walk(p);
    }
  };
  walk('');
  return out.sort();
}

// Chart names Helm refuses or accepts, with --output-dir out. Recorded from helm v4.1.4 / v3.17.3
// (`helm template c --output-dir out`). Helm 3 writes `out/../templates/cm.yaml` for "..", i.e.
// outside `out`; Chartwright refuses instead (its own text, no Helm text exists for it).
const NAMES: ReadonlyArray<{ name: string; hv: 3 | 4; stdout: string; stderr: string; status: number }> = [
  { name: '..', hv: 4, stdout: '', stderr: 'Error: validation: chart.metadata.name ".." is not allowed\n', status: 1 },
  { name: '.', hv: 4, stdout: '', stderr: 'Error: validation: chart.metadata.name "." is not allowed\n', status: 1 },
  { name: 'a/b', hv: 4, stdout: '', stderr: 'Error: validation: chart.metadata.name "a/b" is invalid\n', status: 1 },
  { name: '../x', hv: 4, stdout: '', stderr: 'Error: validation: chart.metadata.name "../x" is invalid\n', status: 1 },
  { name: 'x/', hv: 4, stdout: '', stderr: 'Error: validation: chart.metadata.name "x/" is invalid\n', status: 1 },
  { name: 'a/b', hv: 3, stdout: '', stderr: 'Error: validation: chart.metadata.name "a/b" is invalid\n', status: 1 },
  { name: '../x', hv: 3, stdout: '', stderr: 'Error: validation: chart.metadata.name "../x" is invalid\n', status: 1 },
  {
    name: '..',
    hv: 3,
    stdout: '',
    stderr:
      'Error: refusing to write out/../templates/cm.yaml: the path is outside the output directory "out"\n\nUse --debug flag to render out invalid YAML\n',
    status: 1,
  },
];

for (const c of NAMES) {
  test(`chart named ${JSON.stringify(c.name)} (helm ${c.hv}) never writes outside --output-dir`, () => {
    const dir = tmpdir();
    try {
      chart(dir, c.name);
      const before = listTree(dir);
      const r = cw(dir, ['c', '--output-dir', 'out', '--helm-version', String(c.hv)]);
      assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, status: r.status }, { stdout: c.stdout, stderr: c.stderr, status: c.status });
      // Nothing appeared outside out/ (and nothing inside either, for a refused chart).
      assert.deepEqual(
        listTree(dir).filter((p) => p !== 'out' && !p.startsWith('out/')),
        before,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

// Write errors: `helm template c --output-dir out` with something in the way (chart "ok").
// Recorded from helm v4.1.4 and v3.17.3 (identical texts; exit code 1).
const WRITE_ERRORS: ReadonlyArray<{ what: string; setup: (dir: string) => void; stderr: string }> = [
  {
    what: 'out is a file',
    setup: (d) => fs.writeFileSync(path.join(d, 'out'), ''),
    stderr: 'Error: stat out/ok/templates: not a directory\n\nUse --debug flag to render out invalid YAML\n',
  },
  {
    what: 'out/ok/templates is a file',
    setup: (d) => {
      fs.mkdirSync(path.join(d, 'out', 'ok'), { recursive: true });
      fs.writeFileSync(path.join(d, 'out', 'ok', 'templates'), '');
    },
    stderr: 'Error: mkdir out/ok/templates: not a directory\n\nUse --debug flag to render out invalid YAML\n',
  },
  {
    what: 'the target file is a directory',
    setup: (d) => fs.mkdirSync(path.join(d, 'out', 'ok', 'templates', 'cm.yaml'), { recursive: true }),
    stderr: 'Error: open out/ok/templates/cm.yaml: is a directory\n\nUse --debug flag to render out invalid YAML\n',
  },
];

for (const w of WRITE_ERRORS) {
  test(`--output-dir write error (${w.what}) prints Helm's Error:, not a stack trace`, () => {
    const dir = tmpdir();
    try {
      chart(dir, 'ok');
      w.setup(dir);
      for (const hv of ['4', '3']) {
        const r = cw(dir, ['c', '--output-dir', 'out', '--helm-version', hv]);
        assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, status: r.status }, { stdout: '', stderr: w.stderr, status: 1 });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('--output-dir with a writable directory still prints wrote lines (recorded from helm v4.1.4)', () => {
  const dir = tmpdir();
  try {
    chart(dir, 'ok');
    const r = cw(dir, ['c', '--output-dir', 'out']);
    assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, status: r.status }, { stdout: 'wrote out/ok/templates/cm.yaml\n\n', stderr: '', status: 0 });
    assert.equal(fs.readFileSync(path.join(dir, 'out/ok/templates/cm.yaml'), 'utf8'), '---\n# Source: ok/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// Values through stdin and FIFOs. Expected outputs recorded from helm v4.1.4 and v3.17.3
// (`echo 'a: fromstdin' | helm template c -f -`, `... --set-file b=-`, `-f FIFO`).
const VALUES_TPL = 'a: {{ .Values.a }}\nb: {{ .Values.b | quote }}\n';

test('-f - reads values from stdin, --set-file k=- reads the value from stdin (like Helm)', () => {
  const dir = tmpdir();
  try {
    chart(dir, 'ok', VALUES_TPL);
    const r = cw(dir, ['c', '-f', '-'], 'a: fromstdin\n');
    assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, status: r.status }, { stdout: '---\n# Source: ok/templates/cm.yaml\na: fromstdin\nb:\n', stderr: '', status: 0 });
    const s = cw(dir, ['c', '--set-file', 'b=-', '--helm-version', '3'], 'hello\n');
    assert.deepEqual({ stdout: s.stdout, stderr: s.stderr, status: s.status }, { stdout: '---\n# Source: ok/templates/cm.yaml\na: \nb: "hello\\n"\n', stderr: '', status: 0 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('-f and --set-file read FIFOs (mkfifo) like Helm', { skip: process.platform === 'win32' ? 'no mkfifo' : false }, async () => {
  const dir = tmpdir();
  try {
    chart(dir, 'ok', VALUES_TPL);
    const vf = path.join(dir, 'values.fifo');
    const sf = path.join(dir, 'b.fifo');
    assert.equal(spawnSync('mkfifo', [vf, sf]).status, 0);
    const child = spawn(process.execPath, [BIN, 'template', 'c', '-f', vf, '--set-file', `b=${sf}`], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    // Opening a FIFO for writing waits for the reader: the CLI must open and read both.
    const writeFifo = (p: string, text: string): Promise<void> =>
      new Promise((res, rej) => {
        const ws = fs.createWriteStream(p);
        ws.on('error', rej);
        ws.end(text, res);
      });
    const status = await Promise.race([
      (async () => {
        await writeFifo(vf, 'a: fromfifo\n');
        await writeFifo(sf, 'filetext');
        return await new Promise<number | null>((res) => child.on('close', res));
      })(),
      new Promise<string>((res) => setTimeout(() => res('timeout'), 60_000)),
    ]);
    if (status === 'timeout') child.kill();
    assert.deepEqual({ stdout, stderr, status }, { stdout: '---\n# Source: ok/templates/cm.yaml\na: fromfifo\nb: "filetext"\n', stderr: '', status: 0 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
