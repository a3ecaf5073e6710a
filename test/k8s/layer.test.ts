// server/src/k8s knows nothing of templates, analysis or LSP: its imports are its own modules, node's
// fs/path (store.ts reads the data files) and the Kubernetes lifecycle table helm lint also uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

test('k8s/ imports only itself and node:fs/node:path', () => {
  const dir = join(__dirname, '..', '..', 'server', 'src', 'k8s');
  const allowed = /^(\.\/[\w-]+|node:fs|node:path)$/;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/^import [^;]*? from '([^']+)';$/gm)) {
      assert.match(m[1], allowed, `${f} imports ${m[1]}`);
    }
  }
});
