// Every function a template can call — Go builtins, Sprig and Helm's own — carries its
// documentation as data (completion and hover are built from it), and the set of names is
// exactly the one each Helm version defines at parse time.
//
// The expected name list is the one recorded from the real binaries in
// ../shared/docs/renderer-spec.md §9.2 ("Complete list (v4; v3 = same minus mustToYaml)").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allFunctions } from '../../server/src/render/funcmap';
import type { HelmVersion } from '../../server/src/template/func';

const spec = join(__dirname, '..', '..', '..', 'shared', 'docs', 'renderer-spec.md');

function helmNames(v: HelmVersion): Set<string> | undefined {
  if (!existsSync(spec)) return undefined;
  const text = readFileSync(spec, 'utf8');
  const heading = text.indexOf('### 9.2 Complete list');
  const open = text.indexOf('`', text.indexOf('\n', heading));
  const close = text.indexOf('`', open + 1);
  const names = new Set(text.slice(open + 1, close).split(/\s+/).filter((n) => n !== ''));
  if (v === 3) names.delete('mustToYaml');
  return names;
}

for (const v of [4, 3] as const) {
  test(`helm ${v}: every callable function has a signature, description, example and category`, () => {
    const missing: string[] = [];
    for (const [name, d] of allFunctions(v)) {
      const { signature, description, example, category } = d.doc;
      if (!signature.trim() || !description.trim() || !example.trim() || !category.trim()) missing.push(name);
    }
    assert.deepEqual(missing, [], `functions without complete docs: ${missing.join(' ')}`);
  });

  test(`helm ${v}: the function names are exactly Helm's`, (t) => {
    const want = helmNames(v);
    if (want === undefined) return t.skip(`${spec} is absent: cannot compare with Helm's recorded list`);
    const got = new Set(allFunctions(v).keys());
    const extra = [...got].filter((n) => !want.has(n)).sort();
    const lacking = [...want].filter((n) => !got.has(n)).sort();
    assert.deepEqual({ extra, lacking }, { extra: [], lacking: [] });
    assert.equal(got.size, v === 4 ? 239 : 238);
  });
}
