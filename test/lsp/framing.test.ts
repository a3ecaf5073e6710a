// A broken LSP frame (wrong Content-Length, no Content-Length) leaves the stream misaligned: the
// server must exit with an error (so the editor restarts it) instead of living on deaf. A
// well-framed body that is not JSON keeps the stream aligned: the server goes on answering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const BIN = path.join(__dirname, '..', '..', 'bin', 'chartwright.js');

function frame(body: string, length = Buffer.byteLength(body)): string {
  return `Content-Length: ${length}\r\n\r\n${body}`;
}

const INIT = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
const NOTE = JSON.stringify({ jsonrpc: '2.0', method: 'workspace/didChangeConfiguration', params: { settings: {} } });

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** run starts the server, writes `chunks` 300 ms apart and resolves on exit (killing it after `limitMs` or once stdout matches `until`). */
function run(chunks: readonly string[], limitMs: number, until?: RegExp): Promise<Run & { exited: boolean }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, 'language-server', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (until !== undefined && until.test(stdout)) p.kill();
    });
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.stdin.on('error', () => undefined);
    const timers: NodeJS.Timeout[] = [];
    chunks.forEach((c, i) => timers.push(setTimeout(() => p.stdin.write(c), 300 * i)));
    const kill = setTimeout(() => p.kill(), limitMs);
    p.on('exit', (code) => {
      timers.forEach(clearTimeout);
      clearTimeout(kill);
      resolve({ code, stdout, stderr, exited: code !== null });
    });
  });
}

const broken: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Content-Length too large', [frame(INIT, INIT.length + 40), frame(NOTE), frame(NOTE), frame(NOTE)]],
  ['Content-Length too small', [frame(INIT, INIT.length - 5), frame(NOTE), frame(NOTE)]],
  ['no Content-Length header', ['Content-Lenght: 12\r\n\r\n{"jsonrpc":1}', frame(NOTE)]],
  ['Content-Length not a number', ['Content-Length: twelve\r\n\r\n{"jsonrpc":1}', frame(NOTE)]],
];

for (const [name, chunks] of broken) {
  test(`framing: ${name} → the server exits non-zero within seconds`, async () => {
    const r = await run(chunks, 20_000);
    assert.ok(r.exited, `still running after 20 s; stderr: ${r.stderr}`);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /LSP message stream is corrupt/);
  });
}

test('framing: a well-framed body that is not JSON is skipped and the server keeps answering', async () => {
  const r = await run([frame('{not json'), frame(INIT), frame(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'shutdown' }))], 20_000, /"id":2,"result":null/);
  assert.equal(r.exited, false, 'the server exited by itself');
  assert.match(r.stdout, /"id":1,"result":\{"capabilities"/);
  assert.match(r.stdout, /"id":2,"result":null/);
});
