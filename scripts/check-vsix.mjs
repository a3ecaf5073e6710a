// Checks the packaged extension: size under 2 MB and only the files the extension needs
// (bundles, grammars, language configurations, manifest, README, LICENSE). Run after `vsce package`.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const { name, version } = JSON.parse(readFileSync(root + 'package.json', 'utf8'));
const vsix = `${root}${name}-${version}.vsix`;
const size = statSync(vsix).size;
const listed = execFileSync(process.execPath, [root + 'node_modules/@vscode/vsce/vsce', 'ls', '--no-dependencies'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('WARNING') && !l.startsWith('INFO'));
const allowed = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^language-configuration(-tpl)?\.json$/,
  /^syntaxes\/[\w-]+\.tmLanguage\.json$/,
  /^client\/out\/extension\.js$/,
  /^server\/out\/(server|cli)\.js$/,
];
const unexpected = listed.filter((f) => !allowed.some((r) => r.test(f)));
const required = ['package.json', 'client/out/extension.js', 'server/out/server.js', 'syntaxes/helm.tmLanguage.json'];
const missing = required.filter((f) => !listed.includes(f));
console.log(`${vsix}: ${(size / 1024).toFixed(1)} KiB, ${listed.length} files`);
for (const f of listed) console.log(`  ${f}`);
let ok = true;
if (size >= 2 * 1024 * 1024) (ok = false), console.error('vsix is 2 MB or larger');
if (unexpected.length > 0) (ok = false), console.error(`unexpected files: ${unexpected.join(', ')}`);
if (missing.length > 0) (ok = false), console.error(`missing files: ${missing.join(', ')}`);
process.exit(ok ? 0 : 1);
