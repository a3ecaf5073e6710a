#!/usr/bin/env node
// Launcher for the `chartwright` command: runs the bundled CLI (`npm run build`) unless the
// TypeScript sources are newer than it (a stale bundle during development), in which case the
// sources run through tsx.
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const bundle = join(root, 'server', 'out', 'cli.js');
const sources = join(root, 'server', 'src');

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

// V8 flags, set before the bundle is compiled; they also apply to the big-stack worker, and are
// set in every mode because V8 rejects a code cache made under other flags.
const v8 = require('node:v8');
// A young generation of 3 x 32 MB for the big-stack render worker: a render allocates a few
// hundred MB of short-lived objects, and with V8's default (semi-spaces starting at 1 MB) the
// worker of a cold argo-cd run spent ~55 ms in scavenges, with these ~25 ms.
v8.setFlagsFromString('--min-semi-space-size=32');
v8.setFlagsFromString('--max-semi-space-size=32');
// Optimise later: a run renders once, and with V8's default budget (~132 KB of bytecode executed
// per function before it is queued for TurboFan) a cold argo-cd render spent about a third of its
// CPU compiling optimised code it then barely ran (task-clock 590 -> 380 ms with 600 KB). Code
// that really is hot (a `range` over 100000 items) is still optimised, only a little later.
// The daemon (below) keeps V8's default: it runs the same code for many commands.
if (process.argv[2] !== '__daemon') v8.setFlagsFromString('--interrupt-budget=600000');

const argv = process.argv.slice(2);
const useBundle = existsSync(bundle) && (!existsSync(sources) || statSync(bundle).mtimeMs >= newestMtime(sources));
const daemon = require('./daemon-client.js');
const sock = useBundle ? daemon.socketPath(process.env, bundle) : undefined;

if (argv[0] === 'daemon') {
  // `chartwright daemon status|stop`, without loading the renderer.
  const why = useBundle ? 'no cache folder (or its path is too long for a socket)' : 'the sources run through tsx (no build)';
  process.exitCode = daemon.command(argv.slice(1), process.platform === 'win32' ? undefined : sock, process.platform === 'win32' ? 'not on Windows' : why);
} else if (argv[0] === '__daemon' && argv.length === 1) {
  // The daemon (server/src/cli/daemon.ts), started by a client below; only a build has one.
  if (sock !== undefined) loadBundle().cli.serve(sock);
} else if (sock !== undefined && require('node:worker_threads').isMainThread && daemon.enabled(argv, process.env)) {
  // A rendering command goes to the daemon when one serves this build; otherwise (or when it
  // answers "run it yourself") it runs here, and a daemon is started for the next command.
  daemon.ask(sock, argv, (answer, why) => {
    if (answer === undefined) {
      runHere();
      if (why === 'absent') daemon.startDaemon(__filename, sock);
      return;
    }
    process.stdout.write(answer.stdout);
    process.stderr.write(answer.stderr);
    process.exitCode = answer.exitCode;
  });
} else {
  runHere();
}

function runHere() {
  if (!useBundle) require('tsx/cjs');
  const loaded = useBundle ? loadBundle() : { cli: require(join(sources, 'cli', 'main.ts')), saveCache() {} };
  // start() renders on this thread, or in a worker with a big stack when the render needs one
  // (the worker runs this file again, and so reaches the code cache too).
  loaded.cli.start(argv);
  // Only a rendering command writes the cache: it holds the functions the run compiled, and one
  // written by `version` would leave every later render compiling the renderer again.
  if (argv[0] === 'template' || argv[0] === 'lint') loaded.saveCache();
}

// loadBundle loads the bundled CLI as require() would, but through a V8 code cache kept next to
// it (cli.js.cache): compiling the 2 MB bundle took ~70 ms of every run. V8 checks the cache
// against the source and its own version and flags, and ignores (rejects) it on any mismatch;
// the cache is then rewritten after the command ran, so it holds the functions the command used.
// A cache that cannot be written (a read-only install) only costs the compile.
function loadBundle() {
  const { readFileSync, writeFileSync, renameSync, unlinkSync } = require('node:fs');
  const vm = require('node:vm');
  const Module = require('node:module');
  const { threadId } = require('node:worker_threads');
  const cacheFile = `${bundle}.cache`;
  let source = readFileSync(bundle, 'utf8');
  // The wrapper puts the code inside a function, where a "#!" line is a syntax error.
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const dir = join(root, 'server', 'out');
  const m = new Module(bundle, module);
  m.filename = bundle;
  m.paths = Module._nodeModulePaths(dir);
  script.runInThisContext({ displayErrors: true }).call(m.exports, m.exports, Module.createRequire(bundle), m, bundle, dir);
  m.loaded = true;
  const fresh = cachedData === undefined || script.cachedDataRejected === true;
  return {
    cli: m.exports,
    saveCache() {
      if (!fresh) return;
      const tmp = `${cacheFile}.${process.pid}.${threadId}.tmp`;
      try {
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        try {
          unlinkSync(tmp);
        } catch {
          // nothing was written
        }
      }
    },
  };
}
