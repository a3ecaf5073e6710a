// Rendering commands run on the main thread first and again in the big-stack worker when an
// overflow shaped the outcome (cli/stack-fallback.ts): the rerun gives Helm's output, and sees
// the same standard input as the first attempt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstAttempt, recordingReader, usesOutputDir, type CliRead, type Outcome } from '../../server/src/cli/stack-fallback';
import { noteStackOverflow } from '../../server/src/template/stack-signal';

const BIN = join(__dirname, '..', '..', 'bin', 'chartwright.js');

// An include chain 991 deep: past the main thread's stack, within Helm's 1000.
const DEEP = '{{- define "r" }}{{ if lt (int .) 990 }}{{ include "r" (add . 1) }}{{ else }}{{ . }}{{ end }}{{ end }}\na: {{ include "r" 0 }}\nb: {{ .Values.fromStdin }}\n';

test('an include chain 991 deep with values on stdin: Helm\'s output after the rerun', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-fallback-'));
  try {
    mkdirSync(join(dir, 'deep', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'deep', 'Chart.yaml'), 'apiVersion: v2\nname: deep\nversion: 0.1.0\n');
    writeFileSync(join(dir, 'deep', 'templates', 'a.yaml'), DEEP);
    const r = spawnSync(process.execPath, [BIN, 'template', 'deep', '-f', '-'], { cwd: dir, input: 'fromStdin: hello\n', encoding: 'utf8', timeout: 60_000 });
    // Recorded from helm v4.1.4 and v3.17.3 (identical): `echo "fromStdin: hello" | helm template deep -f -`.
    assert.equal(r.stdout, '---\n# Source: deep/templates/a.yaml\na: 990\nb: hello\n');
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('recordingReader: logs reads in order and replays them while the paths agree', () => {
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
  const disk: Record<string, string> = { a: 'A', b: 'B' };
  const read = (p: string): Uint8Array | undefined => (p in disk ? bytes(disk[p]!) : undefined);
  const log: CliRead[] = [];
  const first = recordingReader(read, [], log);
  assert.deepEqual([first('a'), first('-x'), first('b')], [bytes('A'), undefined, bytes('B')]);
  assert.deepEqual(log, [
    { path: 'a', bytes: bytes('A') },
    { path: '-x', bytes: null },
    { path: 'b', bytes: bytes('B') },
  ]);
  // The rerun: replayed bytes even when the file changed since, fresh reads after a mismatch.
  disk.a = 'changed';
  const again = recordingReader(read, [{ path: 'a', bytes: bytes('stdin once') }, { path: 'z', bytes: null }], []);
  assert.deepEqual([again('a'), again('b')], [bytes('stdin once'), bytes('B')]);
});

test('firstAttempt: the outcome, or undefined when the stack may have shaped it', () => {
  const ok: Outcome = { stdout: 'a: 1\n', stderr: '', exitCode: 0 };
  const cases: readonly [string, () => Outcome, Outcome | undefined][] = [
    ['plain', () => ok, ok],
    ['error outcome', () => ({ stdout: '', stderr: 'Error: x\n', exitCode: 1 }), { stdout: '', stderr: 'Error: x\n', exitCode: 1 }],
    ['noted overflow', () => (noteStackOverflow(), ok), undefined],
    ['thrown', () => { throw new Error('boom'); }, undefined],
    ['V8 text in stderr', () => ({ stdout: '', stderr: 'Error: Maximum call stack size exceeded\n', exitCode: 1 }), undefined],
    ['limit text', () => ({ stdout: '', stderr: 'Error: ... the JavaScript call stack is exhausted\n', exitCode: 1 }), undefined],
  ];
  for (const [name, run, want] of cases) assert.deepEqual(firstAttempt(run), want, name);
});

test('usesOutputDir', () => {
  const cases: readonly [readonly string[], boolean][] = [
    [['template', 'c'], false],
    [['template', 'c', '--output-dir', 'o'], true],
    [['template', 'c', '--output-dir=o'], true],
    [['template', 'c', '--set', 'x=--output-dir'], false],
  ];
  for (const [argv, want] of cases) assert.equal(usesOutputDir(argv), want, argv.join(' '));
});
