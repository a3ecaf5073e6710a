// Engine tests: Helm's sortTemplates order, the parse cache, <no value> removal, partials not
// executed, and Helm's parse-error rewriting. Expected texts recorded from helm v4.1.4
// (conformance vectors perr-parse-error-multiple-files, partial-exec-not-run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseCache, render, sortTemplates, type EngineTemplate } from '../../server/src/render/engine';
import { helmFuncMap } from '../../server/src/render/funcmap';
import { cleanupParseError } from '../../server/src/render/errors';
import type { Runtime } from '../../server/src/template/func';
import type { GoMap } from '../../server/src/template/value';

const runtime: Runtime = { now: () => new Date(0), randomBytes: (n) => new Uint8Array(n), localZone: 'UTC' };

test('sortTemplates: deeper paths first, then reverse byte order', () => {
  assert.deepEqual(
    sortTemplates(['mychart/templates/_helpers.tpl', 'mychart/templates/a.yaml', 'mychart/charts/sub/templates/s.yaml', 'mychart/templates/z.yaml', 'mychart/templates/case.yaml']),
    ['mychart/charts/sub/templates/s.yaml', 'mychart/templates/z.yaml', 'mychart/templates/case.yaml', 'mychart/templates/a.yaml', 'mychart/templates/_helpers.tpl'],
  );
});

function tpl(path: string, text: string, vals: GoMap = new Map()): EngineTemplate {
  return { path, text, vals, basePath: 'mychart/templates', library: false };
}

test('render: partials parsed not executed, <no value> removed, .Template set', () => {
  const vals: GoMap = new Map();
  const r = render(
    [tpl('mychart/templates/_p.tpl', '{{ define "x" }}X{{ end }}{{ fail "never" }}', vals), tpl('mychart/templates/a.yaml', '{{ template "x" }} {{ .nope }} {{ .Template.Name }}', vals)],
    { helmVersion: 4, runtime, funcs: helmFuncMap(4) },
  );
  assert.equal(r.error, undefined);
  assert.deepEqual([...r.files.keys()], ['mychart/templates/a.yaml']);
  assert.equal(r.files.get('mychart/templates/a.yaml')?.text, 'X  mychart/templates/a.yaml');
});

test('render: first parse error in sortTemplates order wins', () => {
  const r = render([tpl('mychart/templates/a.yaml', '{{ if }}'), tpl('mychart/templates/z.yaml', '{{ nope }}')], {
    helmVersion: 4, runtime, funcs: helmFuncMap(4),
  });
  assert.equal(r.error?.message, 'parse error at (mychart/templates/z.yaml:1): function "nope" not defined');
});

test('render: parse cache reuses unchanged files', () => {
  const cache = new ParseCache();
  const opts = { helmVersion: 4 as const, runtime, funcs: helmFuncMap(4), cache };
  render([tpl('mychart/templates/a.yaml', 'a'), tpl('mychart/templates/b.yaml', 'b')], opts);
  assert.equal(cache.misses, 2);
  const r = render([tpl('mychart/templates/a.yaml', 'a'), tpl('mychart/templates/b.yaml', 'b2')], opts);
  assert.equal(cache.hits, 1);
  assert.equal(cache.misses, 3);
  assert.equal(r.files.get('mychart/templates/b.yaml')?.text, 'b2');
});

test('cleanupParseError keeps only the last ": " token', () => {
  assert.equal(
    cleanupParseError('mychart/templates/x.yaml', 'template: mychart/templates/x.yaml:3: function "c" not defined'),
    'parse error at (mychart/templates/x.yaml:3): function "c" not defined',
  );
});
