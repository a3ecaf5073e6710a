// Builds the run-time copy of `kubernetes-models` that the packaged language server loads for the
// dry run's Kubernetes schema validation (server/src/analysis/k8sschema.ts).
//
// Why: k8sschema.ts requires `kubernetes-models/<apiVersion>/<Kind>` with a computed path, which
// esbuild cannot follow, and `vsce package --no-dependencies` ships no node_modules; without this the
// installed extension would silently validate nothing. So we bundle every Kubernetes kind of the
// package (with ajv and the package's compiled validators) into one minified, lazily-evaluated file
// and lay out a tiny package next to the server bundle, where Node's resolution from
// server/out/server.js finds it first:
//
//   server/out/node_modules/kubernetes-models/package.json   exports "./apps/v1/*" -> "./apps/v1.js", ...
//   server/out/node_modules/kubernetes-models/models.js      { "apps/v1": { get Deployment() {...} }, ... }
//   server/out/node_modules/kubernetes-models/apps/v1.js     module.exports = require("../models.js")["apps/v1"]
//
// Each kind's module only runs when a manifest of that kind is first validated.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** kubernetesKinds lists the models of the installed package that carry a kind, by apiVersion. */
export function kubernetesKinds(pkgDir) {
  const byVersion = new Map();
  const walk = (dir, rel) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (name === '_schemas' || name === 'node_modules') continue;
      if (statSync(p).isDirectory()) walk(p, rel === '' ? name : `${rel}/${name}`);
      else if (rel !== '' && name.endsWith('.js') && name !== 'index.js') {
        // Models of API objects set a static kind; nested types (DaemonSetCondition, ...) do not.
        if (!/\.kind="/.test(readFileSync(p, 'utf8'))) continue;
        const kinds = byVersion.get(rel) ?? [];
        kinds.push(name.slice(0, -3));
        byVersion.set(rel, kinds);
      }
    }
  };
  walk(pkgDir, '');
  return byVersion;
}

/** buildKubernetesModels writes the run-time package under outDir (e.g. server/out). */
export async function buildKubernetesModels(outDir) {
  const require = createRequire(join(root, 'package.json'));
  const pkgJson = require.resolve('kubernetes-models/package.json');
  const pkgDir = dirname(pkgJson);
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8'));
  const byVersion = kubernetesKinds(pkgDir);
  const dest = join(outDir, 'node_modules', 'kubernetes-models');
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });

  const groups = [...byVersion.entries()].sort(([a], [b]) => a.localeCompare(b));
  const entry = `module.exports = {\n${groups
    .map(
      ([v, kinds]) =>
        `  ${JSON.stringify(v)}: {\n${kinds
          .sort()
          .map((k) => `    get ${k}() { return require(${JSON.stringify(`kubernetes-models/${v}/${k}`)}).${k}; },`)
          .join('\n')}\n  },`,
    )
    .join('\n')}\n};\n`;
  await build({
    stdin: { contents: entry, resolveDir: root, loader: 'js', sourcefile: 'kubernetes-models-entry.js' },
    outfile: join(dest, 'models.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true, // always: the unminified validators are several MB
    legalComments: 'none',
    sourcemap: false,
    logLevel: 'warning',
  });

  const exportsMap = {};
  for (const [v] of groups) {
    const stub = join(dest, `${v}.js`);
    mkdirSync(dirname(stub), { recursive: true });
    const rel = relative(dirname(stub), join(dest, 'models.js'));
    writeFileSync(stub, `module.exports = require(${JSON.stringify(rel.startsWith('.') ? rel : `./${rel}`)})[${JSON.stringify(v)}];\n`);
    exportsMap[`./${v}/*`] = `./${v}.js`;
  }
  writeFileSync(
    join(dest, 'package.json'),
    `${JSON.stringify({ name: 'kubernetes-models', version, private: true, description: `Bundled run-time subset of kubernetes-models ${version} (scripts/k8s-models.mjs)`, license: 'MIT', exports: exportsMap }, null, 2)}\n`,
  );
  // MIT: its licence travels with the bundled code.
  if (existsSync(join(pkgDir, 'LICENSE'))) copyFileSync(join(pkgDir, 'LICENSE'), join(dest, 'LICENSE'));
  const kinds = groups.reduce((n, [, k]) => n + k.length, 0);
  console.log(`built ${relative(root, dest)} (${kinds} kinds in ${groups.length} API versions, ${(statSync(join(dest, 'models.js')).size / 1024).toFixed(0)} KiB)`);
}
