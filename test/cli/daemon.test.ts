// The CLI daemon (server/src/cli/daemon.ts) and its client (bin/daemon-client.js): which commands
// it refuses, its protocol, and its life (one per socket, stale sockets replaced, idle exit,
// exit when its socket goes). Daemons here run the TypeScript sources through tsx, in their own
// os.tmpdir() folders, and are killed at the end.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerBytes, inheritedFds, parseRequest, refusal, sameFolder } from '../../server/src/cli/daemon';
import { daemonRunner } from '../../server/src/cli/main';
import { nodeFS } from '../../server/src/chart/fs';
import { runTemplateCommand } from '../../server/src/render/template-command';

interface Answer {
  readonly exitCode: number;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
}
interface Client {
  enabled(argv: readonly string[], env: Record<string, string | undefined>): boolean;
  socketPath(env: Record<string, string | undefined>, bundle: string): string | undefined;
  ask(sock: string, argv: readonly string[], done: (a: Answer | undefined, why: string) => void): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const client = require('../../bin/daemon-client.js') as Client;

const repo = join(__dirname, '..', '..');
const main = join(repo, 'server', 'src', 'cli', 'main.ts');
const tmp = mkdtempSync(join(tmpdir(), 'cw-daemon-test-'));
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(what: string, cond: () => boolean, ms = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) assert.fail(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** startDaemon runs serve(sock) from the sources; exited resolves with its exit code. */
function startDaemon(sock: string, env: Record<string, string> = {}): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', `require(${JSON.stringify(main)}).serve(${JSON.stringify(sock)})`], {
    cwd: repo,
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  children.push(child);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited };
}

function ask(sock: string, argv: readonly string[]): Promise<{ answer: Answer | undefined; why: string }> {
  return new Promise((r) => client.ask(sock, argv, (answer, why) => r({ answer, why })));
}

function rawAsk(sock: string, line: string): Promise<string> {
  return new Promise((r, j) => {
    const c = createConnection(sock);
    const chunks: Buffer[] = [];
    c.on('connect', () => c.write(line));
    c.on('data', (d: Buffer) => chunks.push(d));
    c.on('end', () => r(Buffer.concat(chunks).toString('utf8')));
    c.on('error', j);
  });
}

test('refusal: what the daemon leaves to the client', () => {
  const rows: [string[], string | undefined][] = [
    [['template', 'chart'], undefined],
    [['lint', 'chart', '--strict'], undefined],
    [['template', 'chart', '-f', 'values.yaml', '--set', 'a=b'], undefined],
    [['version'], 'not a rendering command'],
    [['language-server', '--stdio'], 'not a rendering command'],
    [['template', 'chart', '-f', '-'], 'standard input'],
    [['template', 'chart', '--values=-'], 'standard input'],
    [['template', 'chart', '-f-'], 'standard input'],
    [['template', 'chart', '--set-file', 'k=-'], 'standard input'],
    [['template', 'chart', '-f', '/dev/fd/63'], 'a file of the client process'],
    [['template', 'chart', '--set-file', 'k=/proc/self/fd/0'], 'a file of the client process'],
    [['template', 'chart', '--output-dir', 'out'], '--output-dir'],
    [['template', 'chart', '--output-dir=out'], '--output-dir'],
    // After `--` nothing is a flag.
    [['template', 'chart', '--', '-'], undefined],
  ];
  for (const [argv, want] of rows) assert.equal(refusal(argv), want, argv.join(' '));
});

test('parseRequest: only a well-formed request is run', () => {
  const ok = { argv: ['template', 'c'], cwd: '/w', env: { TZ: 'UTC', N: 1 } };
  assert.deepEqual(parseRequest(JSON.stringify(ok)), { argv: ['template', 'c'], cwd: '/w', env: { TZ: 'UTC' } });
  const bad = ['', 'null', '[]', '{"argv":"x","cwd":"/","env":{}}', '{"argv":[1],"cwd":"/","env":{}}', '{"argv":[],"cwd":"rel","env":{}}', '{"argv":[],"cwd":"/","env":[]}', '{"argv":[],"cwd":"/"}'];
  for (const line of bad) assert.equal(parseRequest(line), undefined, line);
});

test('answerBytes: sizes in bytes, raw bytes kept (lone surrogates are raw bytes)', () => {
  const b = answerBytes({ stdout: 'é\udcff', stderr: 'x', exitCode: 3 });
  const nl = b.indexOf(0x0a);
  assert.deepEqual(JSON.parse(b.toString('utf8', 0, nl)), { exitCode: 3, stdout: 3, stderr: 1 });
  assert.deepEqual([...b.subarray(nl + 1)], [0xc3, 0xa9, 0xff, 0x78]);
  assert.equal(answerBytes({ fallback: 'why' }).toString(), '{"fallback":"why"}\n');
});

test('enabled: rendering commands, unless turned off, under CI, or without the cache', () => {
  const rows: [string[], Record<string, string>, boolean][] = [
    [['template', 'c'], {}, true],
    [['lint', 'c'], {}, true],
    [['version'], {}, false],
    [['template', 'c'], { CI: 'true' }, false],
    [['template', 'c'], { CI: 'false' }, true],
    [['template', 'c'], { CI: 'true', CHARTWRIGHT_DAEMON: '1' }, true],
    [['template', 'c'], { CHARTWRIGHT_DAEMON: '0' }, false],
    [['template', 'c'], { CHARTWRIGHT_DAEMON: 'off' }, false],
    [['template', 'c'], { CHARTWRIGHT_NO_CACHE: '1' }, false],
    [['template', 'c', '--no-cache'], {}, false],
    [['template', 'c', '--', '--no-cache'], {}, true],
  ];
  for (const [argv, env, want] of rows) assert.equal(client.enabled(argv, env), process.platform !== 'win32' && want, `${argv.join(' ')} ${JSON.stringify(env)}`);
});

test('socketPath: per build, in the cache folder, never too long for a socket', () => {
  const bundle = join(repo, 'package.json');
  const a = client.socketPath({ XDG_CACHE_HOME: tmp }, bundle);
  assert.ok(a !== undefined && a.startsWith(join(tmp, 'chartwright', 'daemon') + '/') && a.endsWith('.sock'), a);
  assert.notEqual(client.socketPath({ XDG_CACHE_HOME: tmp }, join(repo, 'README.md')), a);
  assert.equal(client.socketPath({ XDG_CACHE_HOME: `/${'x'.repeat(120)}` }, bundle), undefined);
  assert.equal(client.socketPath({ XDG_CACHE_HOME: tmp }, join(tmp, 'no-such-bundle.js')), undefined);
});

test('a daemon answers as the one-shot command does, refuses what it must, and lives alone on its socket', async () => {
  const sock = join(tmp, 'a', 'd.sock');
  const d = startDaemon(sock);
  // The pid file is written once the socket listens (the socket file appears at bind, before).
  await until('the daemon', () => existsSync(`${sock}.pid`));
  assert.ok(existsSync(sock));

  // Rendering: the same bytes and exit code as the command run here (hello is deterministic).
  const want = runTemplateCommand(['examples/hello'], { fs: nodeFS('/'), cwd: repo.replace(/^\/+/, '') });
  for (let i = 0; i < 2; i++) {
    const { answer } = await ask(sock, ['template', 'examples/hello']);
    assert.ok(answer !== undefined);
    assert.equal(answer.exitCode, want.exitCode);
    assert.equal(answer.stdout.toString('utf8'), want.stdout);
    assert.equal(answer.stderr.toString('utf8'), want.stderr);
  }
  // An error: Helm's text and exit code (recorded from helm v4.1.4), relative to the client's
  // working directory.
  const missing = await ask(sock, ['template', './no-such-chart']);
  assert.equal(missing.answer?.exitCode, 1);
  assert.equal(missing.answer?.stderr.toString(), 'Error: path "./no-such-chart" not found\n');
  // Standard input belongs to the client.
  const stdin = await ask(sock, ['template', 'examples/hello', '-f', '-']);
  assert.deepEqual(stdin, { answer: undefined, why: 'needs the client' });
  assert.equal(await rawAsk(sock, 'not json\n'), '{"fallback":"bad request"}\n');

  // A daemon busy with a command (its fresh `.busy` mark) leaves others to their clients; a
  // mark a minute old is a dead daemon's.
  writeFileSync(`${sock}.busy`, '1\n');
  assert.deepEqual(await ask(sock, ['template', './no-such-chart']), { answer: undefined, why: 'busy' });
  const old = new Date(Date.now() - 120_000);
  utimesSync(`${sock}.busy`, old, old);
  assert.equal((await ask(sock, ['template', './no-such-chart'])).answer?.exitCode, 1);
  assert.ok(!existsSync(`${sock}.busy`), 'the daemon removes its mark after a command');

  // A second daemon on the same socket sees the first one answer and exits.
  const second = startDaemon(sock);
  assert.equal(await second.exited, 0);
  assert.ok((await ask(sock, ['template', 'no-such-chart'])).answer !== undefined, 'the first daemon still serves');

  // Removing the socket (a cleared cache folder) ends the daemon.
  unlinkSync(sock);
  assert.equal(await d.exited, 0);
});

test('a stale socket is replaced; an idle daemon exits and removes its files', async () => {
  const sock = join(tmp, 'b', 'd.sock');
  const killed = startDaemon(sock);
  await until('the first daemon', () => existsSync(`${sock}.pid`));
  killed.child.kill('SIGKILL');
  await killed.exited;
  assert.ok(existsSync(sock), 'a killed daemon leaves its socket');
  assert.equal((await ask(sock, ['template', 'x'])).why, 'absent');

  const d = startDaemon(sock, { CHARTWRIGHT_DAEMON_IDLE_MS: '1500' });
  let r = await ask(sock, ['template', 'no-such-chart']);
  for (let t0 = Date.now(); r.answer === undefined && Date.now() - t0 < 30_000; r = await ask(sock, ['template', 'no-such-chart'])) await sleep(50);
  assert.equal(r.answer?.exitCode, 1);
  assert.equal(await d.exited, 0);
  assert.ok(!existsSync(sock) && !existsSync(`${sock}.pid`));
});

test('a socket folder others can enter is not used', async () => {
  if (process.platform === 'win32') return;
  const dir = join(tmp, 'open');
  mkdirSync(dir, { mode: 0o777 });
  chmodSync(dir, 0o777);
  const d = startDaemon(join(dir, 'd.sock'));
  assert.equal(await d.exited, 0);
  assert.ok(!existsSync(join(dir, 'd.sock')));
});

test('inheritedFds: the descriptors without close-on-exec beyond 0-2 (node opens all its own with it)', () => {
  // Texts of /proc/<daemon>/fdinfo/N seen on Linux: 251 was a CI runner's pipe the shell passed on.
  const info: Record<number, string> = {
    0: 'pos:\t0\nflags:\t02100000\n',
    3: 'pos:\t0\nflags:\t02000002\nmnt_id:\t15\n',
    10: 'pos:\t0\nflags:\t02004000\n',
    251: 'pos:\t0\nflags:\t01\nmnt_id:\t15\n',
    7: 'pos:\t0\nflags:\t0100002\n',
  };
  assert.deepEqual(inheritedFds(['0', '3', '10', '251', '7', '99', 'x'], (fd) => info[fd]), [251, 7]);
});

test('a client that sees another folder under its cwd path (a container sharing the cache) is left to itself', () => {
  const st = lstatSync(repo);
  const id = `${st.dev}:${st.ino}`;
  assert.equal(sameFolder(repo, id), true);
  assert.equal(sameFolder(repo, `${st.dev}:${st.ino + 1}`), false);
  assert.equal(sameFolder(repo, undefined), false);
  assert.equal(sameFolder(join(tmp, 'no-such-folder'), id), false);
  const run = daemonRunner();
  const argv = ['template', './no-such-chart'];
  assert.equal(run({ argv, cwd: repo, env: {} }), undefined);
  assert.equal(run({ argv, cwd: repo, cwdId: `${st.dev}:${st.ino + 1}`, env: {} }), undefined);
  assert.equal(run({ argv, cwd: repo, cwdId: id, env: {} })?.exitCode, 1);
});

test('chartwright daemon status|stop (bin/daemon-client.js command): a stopped daemon removes its files', async () => {
  const sock = join(tmp, 'e', 'd.sock');
  // s null: an install without a daemon.
  const cmd = (args: string[], s: string | null = sock): { out: string; code: number | null } => {
    const socket = s === null ? 'undefined' : JSON.stringify(s);
    const r = spawnSync(process.execPath, ['-e', `process.exitCode = require(${JSON.stringify(join(repo, 'bin', 'daemon-client.js'))}).command(${JSON.stringify(args)}, ${socket}, 'the sources run through tsx (no build)')`], { encoding: 'utf8' });
    return { out: r.stdout + r.stderr, code: r.status };
  };
  assert.deepEqual(cmd(['status']), { out: `not running (socket ${sock})\n`, code: 3 });
  assert.deepEqual(cmd(['status'], null), { out: 'no daemon: the sources run through tsx (no build)\n', code: 3 });
  assert.deepEqual(cmd([]), { out: 'Usage: chartwright daemon status|stop\n', code: 1 });
  const d = startDaemon(sock);
  await until('the daemon', () => existsSync(`${sock}.pid`));
  const pid = d.child.pid;
  assert.deepEqual(cmd(['status']), { out: `running: pid ${pid}, socket ${sock}\n`, code: 0 });
  assert.deepEqual(cmd(['stop']), { out: `stopped: pid ${pid}\n`, code: 0 });
  assert.equal(await d.exited, 0);
  assert.ok(!existsSync(sock) && !existsSync(`${sock}.pid`));
  assert.deepEqual(cmd(['stop']), { out: `not running (socket ${sock})\n`, code: 0 });
});
