// Bundles the CLI (and, once present, the language server and the VS Code client) with esbuild.
// Usage: node scripts/build.mjs [--production] [name-filter...]   e.g. `node scripts/build.mjs client`
import { build } from 'esbuild';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// The CLI bundle holds the language server (`chartwright language-server`), but `template` and
// `lint` must not pay for loading it (vscode-languageserver and the analysis code are ~40% of the
// bundle). This plugin replaces the CLI's import of lsp/cli-entry with a stub that require()s the
// real module on first call; esbuild then wraps that module graph in lazy initialisers.
const lazyLanguageServer = {
  name: 'lazy-language-server',
  setup(b) {
    b.onResolve({ filter: /\/lsp\/cli-entry$/ }, (args) => ({ path: resolve(args.resolveDir, `${args.path}.ts`), namespace: 'lazy-lsp' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-lsp' }, (args) => ({
      contents: `export function runLanguageServer(argv) { return require(${JSON.stringify(args.path)}).runLanguageServer(argv); }`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

const entries = [
  { in: 'server/src/cli/main.ts', out: 'server/out/cli.js', banner: '#!/usr/bin/env node', plugins: [lazyLanguageServer] },
  { in: 'server/src/lsp/main.ts', out: 'server/out/server.js' },
  // The language server's render workers run this bundle (server/src/lsp/renderService.ts finds it next to cli.js/server.js).
  { in: 'server/src/lsp/renderWorker.ts', out: 'server/out/render-worker.js' },
  { in: 'client/src/extension.ts', out: 'client/out/extension.js', external: ['vscode'] },
];

const args = process.argv.slice(2);
const production = args.includes('--production');
const filters = args.filter((a) => !a.startsWith('--'));

for (const e of entries) {
  if (!existsSync(e.in)) continue;
  if (filters.length > 0 && !filters.some((f) => e.out.includes(f))) continue;
  await build({
    entryPoints: [e.in],
    outfile: e.out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // The packaged extension ships minified bundles without maps (size); dev builds keep maps.
    sourcemap: !production,
    minify: production,
    keepNames: production,
    external: e.external ?? [],
    banner: e.banner ? { js: e.banner } : undefined,
    plugins: e.plugins ?? [],
    logLevel: 'warning',
  });
  asciiOnly(e.out);
  console.log(`built ${e.out}`);
}

// asciiOnly escapes what non-ASCII text esbuild leaves in a bundle (comments it keeps in dev
// builds; strings and identifiers are escaped already): V8 holds a source with any non-ASCII
// character as a two-byte string, so a 5 MB bundle took 10 MB in every thread that loads it
// (the language server's main thread and each render worker) and decoded slower.
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  if (!/[^\x00-\x7f]/.test(text)) return;
  const escaped = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  writeFileSync(file, escaped);
}
