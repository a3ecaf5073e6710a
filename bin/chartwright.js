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

const useBundle = existsSync(bundle) && (!existsSync(sources) || statSync(bundle).mtimeMs >= newestMtime(sources));
if (useBundle) {
  require(bundle).start(process.argv.slice(2));
} else {
  require('tsx/cjs');
  require(join(sources, 'cli', 'main.ts')).start(process.argv.slice(2));
}
