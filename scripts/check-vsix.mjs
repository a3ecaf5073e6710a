// Checks the packaged extension: size under 3 MB and only the files the extension needs
// (bundles, grammars, language configurations, manifest, the README with its screenshots linked (https), LICENSE, the
// Kubernetes schema data of scripts/k8s-schemas.mjs). Then unpacks it into an empty temp folder (no node_modules
// above it), starts the packaged language server over stdio and asks it for a built-in dry run of a
// chart with a schema violation: the check fails unless the server reports the Kubernetes schema
// problem, i.e. unless the packaged server finds and reads its schema data (server/data/k8s, read by
// server/src/k8s/store.ts next to the bundle). Run after `vsce package`.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { imagesBase } from './vsix-readme.mjs';

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
  /^README\.md$/, // vsce ls names it; the package carries client/out/README.md (--readme-path) as readme.md
  /^LICENSE$/,
  /^language-configuration(-tpl)?\.json$/,
  /^syntaxes\/[\w-]+\.tmLanguage\.json$/,
  /^client\/out\/extension\.js$/,
  /^server\/out\/(server|cli|render-worker)\.js$/,
  /^server\/data\/k8s\/[\w.-]+\.json$/, // server/src/k8s/store.ts reads them next to the bundle (../data/k8s)
];
const unexpected = listed.filter((f) => !allowed.some((r) => r.test(f)));
const required = [
  'package.json',
  'client/out/extension.js',
  'server/out/server.js',
  'server/out/render-worker.js',
  'syntaxes/helm.tmLanguage.json',
  ...k8sSchemaFiles(),
];
const missing = required.filter((f) => !listed.includes(f));
console.log(`${vsix}: ${(size / 1024).toFixed(1)} KiB, ${listed.length} files`);
for (const f of listed) console.log(`  ${f}`);
let ok = true;
if (size >= 3 * 1024 * 1024) (ok = false), console.error('vsix is 3 MB or larger');
if (unexpected.length > 0) (ok = false), console.error(`unexpected files: ${unexpected.join(', ')}`);
if (missing.length > 0) (ok = false), console.error(`missing files: ${missing.join(', ')}`);
if (ok) ok = readmeImagesLinked();
if (ok) ok = await schemaValidationWorks();
process.exit(ok ? 0 : 1);

/**
 * readmeImagesLinked checks the README inside the .vsix (scripts/vsix-readme.mjs): every image is an
 * https URL under the images base (the only kind VS Code's extension page shows for a local
 * extension), naming a file of docs/images/ that the npm package ships.
 */
function readmeImagesLinked() {
  const text = execFileSync('unzip', ['-p', vsix, 'extension/readme.md'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const images = [...text.matchAll(/!\[[^\]]*\]\(([^)]*)\)/g)].map((m) => m[1]);
  const packed = new Set(
    JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }))[0].files.map((f) => f.path),
  );
  const bad = images.filter((src) => !src.startsWith(imagesBase) || !packed.has(`docs/images/${src.slice(imagesBase.length)}`));
  console.log(`extension/readme.md: ${images.length} images under ${imagesBase}, ${bad.length} bad`);
  if (images.length === 0 || bad.length > 0) {
    console.error(`README images not under the images base or not in the npm package: ${bad.join(', ') || '(no images)'}`);
    return false;
  }
  return true;
}

/** k8sSchemaFiles lists server/data/k8s: its index and every file the index names. */
function k8sSchemaFiles() {
  const index = JSON.parse(readFileSync(join(root, 'server', 'data', 'k8s', 'index.json'), 'utf8'));
  return ['index.json', 'strings.json', ...Object.values(index.versions)].map((f) => `server/data/k8s/${f}`);
}

/** schemaValidationWorks runs the packaged server's built-in dry run on a chart with a bad Deployment. */
async function schemaValidationWorks() {
  const tmp = mkdtempSync(join(tmpdir(), 'cw-vsix-'));
  try {
    await extract(vsix, tmp);
    const server = join(tmp, 'extension', 'server', 'out', 'server.js');

    const chart = join(tmp, 'ws', 'vsixchart');
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: vsixchart\nversion: 0.1.0\n');
    writeFileSync(join(chart, 'values.yaml'), 'replicas: two\n');
    const deploy = join(chart, 'templates', 'deploy.yaml');
    writeFileSync(
      deploy,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: {{ .Values.replicas }}\n' +
        '  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n' +
        '    spec:\n      containers:\n        - name: web\n          image: nginx\n',
    );
    const rpc = createRequire(join(root, 'package.json'))('vscode-jsonrpc/node');
    const child = spawn(process.execPath, [server, '--stdio'], { cwd: tmp, stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
    conn.listen();
    const timer = setTimeout(() => child.kill(), 60_000);
    try {
      const rootUri = pathToFileURL(join(tmp, 'ws')).href;
      await conn.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'ws' }], capabilities: {} });
      conn.sendNotification('initialized', {});
      const r = await conn.sendRequest('chartwright/dryRun', { uri: pathToFileURL(deploy).href });
      const problems = r.problems ?? [];
      const hit = problems.find((p) => /^Deployment web: spec\.replicas: Invalid type: expected integer, got string$/.test(p.message) && p.source?.line === 5);
      if (r.error !== undefined || hit === undefined) {
        console.error(`packaged server: no Kubernetes schema problem for spec.replicas (error: ${r.error ?? 'none'}, problems: ${JSON.stringify(problems)})`);
        return false;
      }
      console.log(`packaged server: schema validation works (${hit.message})`);
      await conn.sendRequest('shutdown');
      conn.sendNotification('exit');
      return true;
    } finally {
      clearTimeout(timer);
      conn.dispose();
      child.kill(); // the server process this check started
    }
  } catch (e) {
    console.error(`packaged server: schema validation failed: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** extract unpacks the zip's `extension/` entries under dir (yauzl: vsce's own zip reader, no unzip binary needed). */
async function extract(zip, dir) {
  const yauzl = createRequire(join(root, 'node_modules', '@vscode', 'vsce', 'package.json'))('yauzl');
  const z = await new Promise((res, rej) => yauzl.open(zip, { lazyEntries: true }, (e, f) => (e ? rej(e) : res(f))));
  await new Promise((res, rej) => {
    z.on('error', rej);
    z.on('end', res);
    z.on('entry', (entry) => {
      const name = entry.fileName;
      if (!name.startsWith('extension/') || name.endsWith('/') || name.split('/').includes('..')) {
        z.readEntry();
        return;
      }
      const dest = join(dir, name);
      mkdirSync(dirname(dest), { recursive: true });
      z.openReadStream(entry, (e, stream) => {
        if (e) return rej(e);
        pipeline(stream, createWriteStream(dest)).then(() => z.readEntry(), rej);
      });
    });
    z.readEntry();
  });
  z.close();
}
