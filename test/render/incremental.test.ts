// Incremental renders (render/incremental.ts): after an edit, reusing unchanged files' outputs
// must give exactly what a fresh full render of the edited chart gives, and re-execute only the
// edited file / the files that include an edited define. The oracle is the full render (itself
// checked against Helm by the corpus and conformance tests); corpus charts are read from
// ../shared/corpus and the test skips when it is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { nodeFS, memoryFS, type ChartFS } from '../../server/src/chart/fs';
import { loadChart } from '../../server/src/chart/loader';
import { ParseCache, render, type EngineTemplate, type RenderResult } from '../../server/src/render/engine';
import { IncrementalCache } from '../../server/src/render/incremental';
import { newTemplateFlags } from '../../server/src/render/flags';
import { helmFuncMap } from '../../server/src/render/funcmap';
import { collectTemplates } from '../../server/src/render/pipeline';
import { buildRelease } from '../../server/src/render/release';
import { parse } from '../../server/src/template/parse/parse';
import type { Runtime } from '../../server/src/template/func';

const runtime: Runtime = { now: () => new Date(0), randomBytes: (n) => new Uint8Array(n), localZone: 'UTC' };
const CHARTS = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'charts');

/** templatesOf prepares a fresh release (values are mutable) and returns its templates. */
function templatesOf(fs: ChartFS, chartPath: string, values: readonly string[] = []): EngineTemplate[] {
  const flags = { ...newTemplateFlags(4), values: [...values] };
  const rel = buildRelease({
    fs,
    cwd: '',
    helmVersion: 4,
    chartPath,
    releaseName: 'release-name',
    flags,
    log: () => undefined,
    load: (p) => loadChart(fs, p, 4),
    releaseNameCheck: () => undefined,
  });
  if ('error' in rel) throw new Error(rel.error);
  return collectTemplates(rel);
}

function edited(tpls: EngineTemplate[], path: string, text: string): EngineTemplate[] {
  return tpls.map((t) => (t.path === path ? { ...t, text } : t));
}

function outputs(r: RenderResult): Map<string, string> {
  assert.equal(r.error?.message, undefined);
  return new Map([...r.files].map(([k, v]) => [k, v.text]));
}

function full(tpls: EngineTemplate[]): Map<string, string> {
  return outputs(render(tpls, { helmVersion: 4, runtime, funcs: helmFuncMap(4) }));
}

/** Session renders one chart incrementally, as the language server does. */
class Session {
  readonly parse = new ParseCache();
  readonly inc = new IncrementalCache();
  constructor(private readonly keepNondeterministic = false) {}
  run(tpls: EngineTemplate[], fingerprint = 'v1'): RenderResult {
    return render(tpls, {
      helmVersion: 4,
      runtime,
      funcs: helmFuncMap(4),
      cache: this.parse,
      sourceMaps: true,
      incremental: { cache: this.inc, fingerprint, keepNondeterministic: this.keepNondeterministic },
    });
  }
}

const isPartial = (p: string): boolean => p.slice(p.lastIndexOf('/') + 1).startsWith('_');

/**
 * staticUsers: the non-partial files that reach define `name` through literal include/template
 * names (transitively) — the static oracle for which files an edit of the define re-executes.
 */
function staticUsers(tpls: EngineTemplate[], name: string): Set<string> {
  const refs = new Map<string, Set<string>>();
  const RE = /(?:include|template)\s+"([^"]+)"/g;
  for (const t of tpls) {
    const res = parse(t.path, t.text, { isFunc: () => true });
    for (const [n, tree] of res.trees) {
      const src = tree.defineRange !== undefined ? t.text.slice(tree.defineRange.start, tree.defineRange.end) : t.text;
      const set = refs.get(n) ?? new Set<string>();
      for (const m of src.matchAll(RE)) set.add(m[1]);
      refs.set(n, set);
    }
  }
  const out = new Set<string>();
  for (const t of tpls) {
    if (isPartial(t.path)) continue;
    const seen = new Set<string>([t.path]);
    const stack = [t.path];
    while (stack.length > 0) {
      for (const r of refs.get(stack.pop() as string) ?? []) if (!seen.has(r)) (seen.add(r), stack.push(r));
    }
    if (seen.has(name)) out.add(t.path);
  }
  return out;
}

/** dependents lists the files whose cached execution looked up `name`. */
function dependents(s: Session, name: string): string[] {
  return [...s.inc.entries].filter(([, e]) => e.deps.has(name)).map(([p]) => p);
}

const CORPUS = ['argo-cd', 'bitnami-kafka', 'prometheus', 'ingress-nginx'];

for (const chart of CORPUS) {
  const dir = join(CHARTS, chart);
  test(`incremental: ${chart}`, { skip: existsSync(dir) ? false : `corpus chart ${dir} absent` }, () => {
    const fs = nodeFS(CHARTS);
    const base = templatesOf(fs, chart);
    const s = new Session();
    const first = s.run(base);
    assert.deepEqual(outputs(first), full(templatesOf(fs, chart)));
    // Nothing changed: nothing runs (unless it mutates shared state or reads the clock).
    const again = s.run(templatesOf(fs, chart));
    assert.deepEqual(outputs(again), full(templatesOf(fs, chart)));
    const always = new Set(again.executed);
    const root = base[0].path.split('/')[0];

    // (a) a comment line appended to one non-partial template of the root chart.
    const target = base.find((t) => !isPartial(t.path) && t.path.startsWith(`${root}/templates/`) && !always.has(t.path) && t.text.length > 0);
    assert.ok(target !== undefined);
    const textA = target.text + '\n# edited\n';
    const ra = s.run(edited(templatesOf(fs, chart), target.path, textA));
    assert.deepEqual(outputs(ra), full(edited(templatesOf(fs, chart), target.path, textA)));
    assert.deepEqual(new Set(ra.executed), new Set([target.path, ...always]));

    // (b) the last define of the root chart's _helpers.tpl gets a comment (no shift of others).
    const helpers = base.find((t) => t.path === `${root}/templates/_helpers.tpl`);
    assert.ok(helpers !== undefined);
    const defs = [...parse(helpers.path, helpers.text, { isFunc: () => true }).trees.values()].filter((t) => t.defineRange !== undefined);
    const last = defs.reduce((a, b) => ((a.defineRange?.start ?? 0) > (b.defineRange?.start ?? 0) ? a : b));
    const r = last.defineRange as { end: number; nameEnd: number };
    const at = helpers.text.indexOf('}}', r.nameEnd) + 2;
    const textB = helpers.text.slice(0, at) + '{{/* edited */}}' + helpers.text.slice(at);
    const tplsB = (): EngineTemplate[] => edited(edited(templatesOf(fs, chart), target.path, textA), helpers.path, textB);
    const prevUsers = dependents(s, last.name);
    const rb = s.run(tplsB());
    assert.deepEqual(outputs(rb), full(tplsB()));
    // Re-executed: the files that reached the define in the last render — a subset of those
    // naming it (transitively), since a reference may sit in a branch not taken.
    const users = staticUsers(tplsB(), last.name);
    const reran = (rb.executed ?? []).filter((p) => !always.has(p));
    for (const p of reran) assert.ok(users.has(p), `${p} re-executed but does not include ${last.name}`);
    for (const p of always) assert.ok(rb.executed?.includes(p));
    assert.deepEqual(new Set(reran), new Set(prevUsers.filter((p) => !always.has(p))), `define ${last.name}`);

    // (c) a values change re-executes everything.
    const rc = s.run(tplsB(), 'v2');
    assert.deepEqual(rc.reused, []);
    assert.deepEqual(outputs(rc), full(tplsB()));
  });
}

test('incremental: a file that sets .Values is never reused, nor the files after it', () => {
  const files = {
    'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
    'c/values.yaml': 'a: 1\n',
    'c/templates/_helpers.tpl': '{{- define "c.x" -}}x={{ .Values.a }}{{- end -}}',
    'c/templates/m.yaml': '{{- $_ := set .Values "a" 2 -}}\nm: {{ include "c.x" . }}\n',
    'c/templates/b.yaml': 'b: {{ include "c.x" . }}\n',
    'c/templates/z/d.yaml': '{{- $d := dict "k" 1 }}{{ $_ := set $d "k" 2 }}d: {{ $d.k }}\n',
  };
  const fs = memoryFS(files);
  const s = new Session();
  const r1 = s.run(templatesOf(fs, 'c'));
  assert.deepEqual(outputs(r1), full(templatesOf(fs, 'c')));
  const r2 = s.run(templatesOf(fs, 'c'));
  assert.deepEqual(outputs(r2), full(templatesOf(fs, 'c')));
  // z/d.yaml runs first (deeper path) and sets only its own dict: reused. m.yaml sets .Values
  // (never reused) and b.yaml, after it, reads it.
  assert.deepEqual(r2.reused, ['c/templates/z/d.yaml']);
  assert.deepEqual(r2.executed, ['c/templates/m.yaml', 'c/templates/b.yaml']);
  assert.match(outputs(r2).get('c/templates/b.yaml') ?? '', /x=2/);
});

test('incremental: nondeterministic functions are never reused', () => {
  const fs = memoryFS({
    'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
    'c/templates/a.yaml': 'a: {{ randAlphaNum 5 }}\n',
    'c/templates/b.yaml': 'b: {{ now | date "2006" }}\n',
    'c/templates/c.yaml': 'c: 1\n',
  });
  const s = new Session();
  s.run(templatesOf(fs, 'c'));
  const r2 = s.run(templatesOf(fs, 'c'));
  assert.deepEqual(r2.reused, ['c/templates/c.yaml']);
  assert.deepEqual(r2.executed, ['c/templates/b.yaml', 'c/templates/a.yaml']);
  // The editor keeps them (any valid output will do) until something they read changes.
  const e = new Session(true);
  const e1 = e.run(templatesOf(fs, 'c'));
  const e2 = e.run(templatesOf(fs, 'c'));
  assert.deepEqual(e2.reused, ['c/templates/c.yaml', 'c/templates/b.yaml', 'c/templates/a.yaml']);
  assert.deepEqual(outputs(e2), outputs(e1));
  assert.deepEqual(e.run(templatesOf(fs, 'c'), 'v2').executed, ['c/templates/c.yaml', 'c/templates/b.yaml', 'c/templates/a.yaml']);
});
