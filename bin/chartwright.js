#!/usr/bin/env node
// Launcher for the `chartwright` command: runs the bundled CLI when it has been built
// (`npm run build`), otherwise runs the TypeScript sources through tsx.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'server', 'out', 'cli.js');
if (existsSync(bundle)) {
  require(bundle).start(process.argv.slice(2));
} else {
  require('tsx/cjs');
  require(join(__dirname, '..', 'server', 'src', 'cli', 'main.ts')).start(process.argv.slice(2));
}
