// The launcher's side of the CLI daemon (server/src/cli/daemon.ts): plain JavaScript that loads
// nothing of the bundle, so a command the daemon answers costs node's start and the render.
'use strict';
const { createConnection } = require('node:net');
const { closeSync, lstatSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync } = require('node:fs');
const { homedir } = require('node:os');
const { isAbsolute, join } = require('node:path');

// A Unix socket's path has room for about 104 bytes (sockaddr_un).
const MAX_SOCKET_PATH = 100;
// A client waits this long for an answer before it runs the command itself.
const ANSWER_TIMEOUT_MS = 120_000;
// A busy mark older than this is a dead daemon's (a command runs in well under a minute).
const BUSY_FRESH_MS = 60_000;
// A lock younger than this means another client is starting a daemon already.
const LOCK_FRESH_MS = 10_000;

function truthy(v) {
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false' && v.toLowerCase() !== 'off';
}

/**
 * enabled: the daemon serves `argv` under `env`. CHARTWRIGHT_DAEMON=0 turns it off and =1 on;
 * by default it is on except under CI (the CI variable set: no process outlives a CI step), with
 * the cache off (CHARTWRIGHT_NO_CACHE, --no-cache), and on Windows.
 */
function enabled(argv, env) {
  if (argv[0] !== 'template' && argv[0] !== 'lint') return false;
  if (process.platform === 'win32') return false;
  const end = argv.indexOf('--');
  if ((end < 0 ? argv : argv.slice(0, end)).includes('--no-cache')) return false;
  if (truthy(env.CHARTWRIGHT_NO_CACHE)) return false;
  const d = env.CHARTWRIGHT_DAEMON;
  if (d !== undefined && d !== '') return truthy(d);
  return !truthy(env.CI);
}

/** fnv1a: a short hex name for a text (not a security measure: the folder is private). */
function fnv1a(text) {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x811c9dc5) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

/**
 * socketPath is the daemon's socket for this build of the bundle (its path, size and
 * modification time: a rebuilt or reinstalled bundle gets a new daemon) in the chartwright cache
 * folder ($XDG_CACHE_HOME/chartwright, else ~/.cache/chartwright), or undefined without one.
 */
function socketPath(env, bundle) {
  let root;
  if (env.XDG_CACHE_HOME !== undefined && isAbsolute(env.XDG_CACHE_HOME)) root = join(env.XDG_CACHE_HOME, 'chartwright');
  else {
    let home;
    try {
      home = homedir();
    } catch {
      return undefined;
    }
    if (home === '') return undefined;
    root = join(home, '.cache', 'chartwright');
  }
  let st;
  try {
    st = statSync(bundle);
  } catch {
    return undefined;
  }
  const p = join(root, 'daemon', `${fnv1a(`${bundle}\n${st.size}\n${st.mtimeMs}`)}.sock`);
  return p.length <= MAX_SOCKET_PATH ? p : undefined;
}

/**
 * ask sends `argv` to the daemon at `sock`; done(answer) gets { exitCode, stdout, stderr } (bytes),
 * or undefined with why: 'absent' (no daemon listens), 'busy' (it runs another command), or a
 * refusal or failure (run it here).
 */
function ask(sock, argv, done) {
  // A daemon busy with another command (`<sock>.busy`, fresh) would make this one wait.
  try {
    if (Date.now() - statSync(`${sock}.busy`).mtimeMs < BUSY_FRESH_MS) return done(undefined, 'busy');
  } catch {
    // not busy
  }
  let finished = false;
  const chunks = [];
  const c = createConnection(sock);
  const finish = (answer, why) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    c.destroy();
    done(answer, why);
  };
  const timer = setTimeout(() => finish(undefined, 'no answer'), ANSWER_TIMEOUT_MS);
  c.on('connect', () => {
    const env = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    const cwd = process.cwd();
    let cwdId = '';
    try {
      const st = lstatSync(cwd);
      cwdId = `${st.dev}:${st.ino}`;
    } catch {
      // an unreadable folder: the daemon leaves the command to this process
    }
    c.write(JSON.stringify({ argv, cwd, cwdId, env }) + '\n');
  });
  c.on('data', (d) => chunks.push(d));
  c.on('error', (e) => finish(undefined, e.code === 'ENOENT' || e.code === 'ECONNREFUSED' ? 'absent' : String(e.code)));
  c.on('end', () => {
    const all = Buffer.concat(chunks);
    const nl = all.indexOf(0x0a);
    let head;
    try {
      head = nl < 0 ? undefined : JSON.parse(all.toString('utf8', 0, nl));
    } catch {
      head = undefined;
    }
    if (head === undefined || typeof head !== 'object' || head === null) return finish(undefined, 'bad answer');
    if (typeof head.fallback === 'string') return finish(undefined, head.fallback);
    const { exitCode, stdout, stderr } = head;
    if (![exitCode, stdout, stderr].every(Number.isInteger) || nl + 1 + stdout + stderr !== all.length) return finish(undefined, 'bad answer');
    finish({ exitCode, stdout: all.subarray(nl + 1, nl + 1 + stdout), stderr: all.subarray(nl + 1 + stdout) }, '');
  });
}

/**
 * startDaemon starts a detached daemon for the next command (unless another client is starting
 * one: a lock file next to the socket, younger than LOCK_FRESH_MS). It runs `launcher`
 * with the `__daemon` command, outside any working directory the user may want to remove.
 */
function startDaemon(launcher, sock) {
  const lock = `${sock}.lock`;
  try {
    const st = statSync(lock);
    if (Date.now() - st.mtimeMs < LOCK_FRESH_MS) return;
    unlinkSync(lock);
  } catch {
    // no lock
  }
  try {
    mkdirSync(join(sock, '..'), { recursive: true, mode: 0o700 });
    closeSync(openSync(lock, 'wx', 0o600));
  } catch {
    return;
  }
  const { spawn } = require('node:child_process');
  try {
    spawn(process.execPath, [launcher, '__daemon'], { detached: true, stdio: 'ignore', cwd: join(launcher, '..') }).unref();
  } catch {
    // no daemon: every command runs itself
  }
}

/** daemonPid is the pid of the live daemon serving `sock`, or undefined. */
function daemonPid(sock) {
  let pid;
  try {
    pid = Number(readFileSync(`${sock}.pid`, 'utf8').trim());
    statSync(sock);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  return pid;
}

/**
 * command runs `chartwright daemon status|stop` (`sock` undefined: this install has no daemon,
 * `why` says why) and returns the exit code: status 0 when one runs, 3 when none does (as
 * `systemctl status`); stop 0.
 */
function command(args, sock, why) {
  const sub = args[0];
  if (args.length !== 1 || (sub !== 'status' && sub !== 'stop')) {
    process.stderr.write('Usage: chartwright daemon status|stop\n');
    return 1;
  }
  if (sock === undefined) {
    process.stdout.write(`no daemon: ${why}\n`);
    return sub === 'status' ? 3 : 0;
  }
  const pid = daemonPid(sock);
  if (pid === undefined) {
    process.stdout.write(`not running (socket ${sock})\n`);
    return sub === 'status' ? 3 : 0;
  }
  if (sub === 'status') {
    process.stdout.write(`running: pid ${pid}, socket ${sock}\n`);
    return 0;
  }
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // ended meanwhile
  }
  process.stdout.write(`stopped: pid ${pid}\n`);
  return 0;
}

module.exports = { enabled, socketPath, ask, startDaemon, command };
