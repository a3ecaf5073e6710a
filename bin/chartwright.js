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

// Rendering commands run in a worker thread with a big stack (see start() in cli/main.ts). The
// launcher starts that worker itself, before loading the CLI, so the code is loaded only once.
const { isMainThread, Worker } = require('node:worker_threads');
const argv = process.argv.slice(2);
if (isMainThread && (argv[0] === 'template' || argv[0] === 'lint') && process.env.CHARTWRIGHT_NO_WORKER !== '1') {
  const w = new Worker(__filename, { argv, execArgv: process.execArgv, resourceLimits: { stackSizeMb: 256 } });
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
  const cli = require(useBundle ? bundle : join(sources, 'cli', 'main.ts'));
  // In the worker (or for commands that need none) start() runs the command directly.
  cli.start(argv);
}
