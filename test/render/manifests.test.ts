// Output stage tests: splitting, head decoding, hooks, kind order, printing, --skip-tests,
// --no-hooks, --show-only. Expectations recorded from helm v4.1.4 and v3.17.3 by
// test/render/fixtures/record-manifests.py (plain-text templates, so the engine output equals
// the template text), plus the conformance vectors of the output/* areas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printTemplateOutput, renderResources, splitManifests, sortByKind } from '../../server/src/render/manifests';
import { filepathMatch } from '../../server/src/render/gostrings';
import type { HelmVersion } from '../../server/src/template/func';

interface Rec {
  text: string;
  args: string[];
  helm4: { stdout: string; stderr: string; exit: number };
  helm3: { stdout: string; stderr: string; exit: number };
}
const recs = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'manifests.helm.json'), 'utf8')) as Record<string, Rec>;

function simulate(text: string, args: string[], hv: HelmVersion): { stdout: string; stderr: string; exit: number } {
  const files = new Map([['mychart/templates/case.yaml', text]]);
  const rr = renderResources({
    helmVersion: hv, files, chartName: 'mychart', includeCrds: false, crds: [], outputDir: '',
    useReleaseName: false, releaseName: 'release-name',
  });
  const stderr = rr.logs.map((l) => l + '\n').join('');
  if (rr.error !== undefined) {
    return { stdout: '', stderr: `${stderr}Error: ${rr.error}\n\nUse --debug flag to render out invalid YAML\n`, exit: 1 };
  }
  const showOnly: string[] = [];
  for (let i = 0; i < args.length; i++) if (args[i] === '-s') showOnly.push(args[++i]);
  const p = printTemplateOutput(rr.manifest, rr.hooks, {
    noHooks: args.includes('--no-hooks'), skipTests: args.includes('--skip-tests'), showOnly,
    outputDir: '', useReleaseName: false, releaseName: 'release-name',
  });
  if (p.error !== undefined) return { stdout: p.stdout, stderr: `${stderr}Error: ${p.error}\n`, exit: 1 };
  return { stdout: p.stdout, stderr, exit: 0 };
}

for (const [name, rec] of Object.entries(recs)) {
  for (const hv of [4, 3] as const) {
    // head-errors-2's Go type text is long; compare it fully all the same.
    test(`output ${name} (helm ${hv})`, () => {
      const want = hv === 4 ? rec.helm4 : rec.helm3;
      assert.deepEqual(simulate(rec.text, rec.args, hv), want);
    });
  }
}

test('splitManifests keeps a literal --- after consecutive separators', () => {
  assert.deepEqual(splitManifests('---\n---\na: 1\n'), ['---\na: 1']);
  assert.deepEqual(splitManifests('   \n'), []);
  assert.deepEqual(splitManifests('a\n---b'), ['a', 'b']);
});

test('sortByKind is stable and puts unknown kinds last alphabetically', () => {
  const kinds = ['Zed', 'Deployment', '', 'Namespace', 'Alpha', 'Deployment', 'MutatingWebhookConfiguration'];
  const idx = kinds.map((k, i) => ({ k, i }));
  assert.deepEqual(sortByKind(idx, (x) => x.k, 4).map((x) => x.i), [3, 1, 5, 6, 2, 4, 0]);
  assert.deepEqual(sortByKind(idx, (x) => x.k, 3).map((x) => x.i), [3, 1, 5, 2, 4, 6, 0]);
});

test('filepathMatch follows path/filepath.Match', () => {
  const cases: [string, string, boolean][] = [
    ['templates/*.yaml', 'templates/a.yaml', true],
    ['templates/*', 'templates/sub/a.yaml', false],
    ['templates/?.yaml', 'templates/a.yaml', true],
    ['templates/[ab].yaml', 'templates/b.yaml', true],
    ['templates/[^ab].yaml', 'templates/b.yaml', false],
    ['templates/[a-c].yaml', 'templates/c.yaml', true],
    ['templates/\\*.yaml', 'templates/*.yaml', true],
    ['templates/[', 'templates/[', false],
    ['charts/*/templates/*.yaml', 'charts/sub/templates/s.yaml', true],
  ];
  for (const [p, n, want] of cases) assert.equal(filepathMatch(p, n), want, `${p} ~ ${n}`);
});
