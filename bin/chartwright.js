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

// A young generation of 3 x 32 MB for the render worker: a render allocates a few hundred MB of
// short-lived objects, and with V8's default (semi-spaces starting at 1 MB) the worker of a cold
// argo-cd run spent ~55 ms in scavenges, with these ~25 ms. The flags apply to isolates created
// after them; they are set in every mode because V8 rejects a code cache made under other flags.
require('node:v8').setFlagsFromString('--min-semi-space-size=32');
require('node:v8').setFlagsFromString('--max-semi-space-size=32');

// Rendering commands run in a worker thread with a big stack (see start() in cli/main.ts). The
// launcher starts that worker itself, before loading the CLI, so the code is loaded only once.
const { isMainThread, Worker } = require('node:worker_threads');
const argv = process.argv.slice(2);
if (isMainThread && (argv[0] === 'template' || argv[0] === 'lint') && process.env.CHARTWRIGHT_NO_WORKER !== '1') {
  const w = new Worker(__filename, { argv, execArgv: process.execArgv, resourceLimits: { stackSizeMb: 256, maxYoungGenerationSizeMb: 96 } });
  w.on('error', (e) => {
    process.stderr.write(`Error: ${e && e.stack ? e.stack : String(e)}\n`);
    process.exitCode = 70;
  });
  w.on('exit', (code) => {
    if (process.exitCode === undefined) process.exitCode = code;
  });
} else {
  const useBundle = existsSync(bundle) && (!existsSync(sources) || statSync(bundle).mtimeMs >= newestMtime(sources));
  if (!useBundle) require('tsx/cjs');
  const loaded = useBundle ? loadBundle() : { cli: require(join(sources, 'cli', 'main.ts')), saveCache() {} };
  // In the worker (or for commands that need none) start() runs the command directly.
  loaded.cli.start(argv);
  loaded.saveCache();
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
