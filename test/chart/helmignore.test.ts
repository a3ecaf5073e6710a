// .helmignore tests: each case was recorded with helm v4.1.4 — a chart holding FILES plus the
// .helmignore text, rendered with `{{ range $p, $_ := .Files }}{{ $p }} {{ end }}`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryFS } from '../../server/src/chart/fs';
import { goPathMatch, IgnoreRules } from '../../server/src/chart/helmignore';
import { loadChart } from '../../server/src/chart/loader';

const FILES = ['a.txt', 'b.md', 'docs/x.md', 'docs/y.txt', 'sub/docs/z.txt', '.hidden', 'dir.txt/inner.yaml', 'foo/bar/baz.txt', 'templates/.h.yaml'];

const CASES: ReadonlyArray<{ helmignore: string; files?: string[]; error?: string }> = [
 {
  "helmignore": "*.md",
  "files": [
   ".helmignore",
   ".hidden",
   "a.txt",
   "dir.txt/inner.yaml",
   "docs/y.txt",
   "foo/bar/baz.txt",
   "sub/docs/z.txt"
  ]
 },
 {
  "helmignore": "docs/",
  "files": [
   ".helmignore",
   ".hidden",
   "a.txt",
   "b.md",
   "dir.txt/inner.yaml",
   "foo/bar/baz.txt"
  ]
 },
 {
  "helmignore": "/docs",
  "files": [
   ".helmignore",
   ".hidden",
   "a.txt",
   "b.md",
   "dir.txt/inner.yaml",
   "foo/bar/baz.txt",
   "sub/docs/z.txt"
  ]
 },
 {
  "helmignore": "docs/*.txt",
  "files": [
   ".helmignore",
   ".hidden",
   "a.txt",
   "b.md",
   "dir.txt/inner.yaml",
   "docs/x.md",
   "foo/bar/baz.txt",
   "sub/docs/z.txt"
  ]
 },
 {
  "helmignore": "!*.txt\n",
  "error": "Error: Chart.yaml file is missing"
 },
 {
  "helmignore": "*.txt\n!a.txt",
  "error": "Error: Chart.yaml file is missing"
 },
 {
  "helmignore": "foo/**",
  "error": "Error: double-star (**) syntax is not supported"
 },
 {
  "helmignore": ".*",
  "files": [
   "a.txt",
   "b.md",
   "dir.txt/inner.yaml",
   "docs/x.md",
   "docs/y.txt",
   "foo/bar/baz.txt",
   "sub/docs/z.txt"
  ]
 },
 {
  "helmignore": "dir.txt",
  "files": [
   ".helmignore",
   ".hidden",
   "a.txt",
   "b.md",
   "docs/x.md",
   "docs/y.txt",
   "foo/bar/baz.txt",
   "sub/docs/z.txt"
  ]
 },
 {
  "helmignore": "[ab].txt",
  "files": [
   ".helmignore",
   ".hidden",
   "b.md",
   "dir.txt/inner.yaml",
   "docs/x.md",
   "docs/y.txt",
   "foo/bar/baz.txt",
   "sub/docs/z.txt"
  ]
 },
 {
  "helmignore": "sub/*/z.txt",
  "files": [
   ".helmignore",
   ".hidden",
   "a.txt",
   "b.md",
   "dir.txt/inner.yaml",
   "docs/x.md",
   "docs/y.txt",
   "foo/bar/baz.txt"
  ]
 },
 {
  "helmignore": "#c\n\n  b.md  ",
  "files": [
   ".helmignore",
   ".hidden",
   "a.txt",
   "dir.txt/inner.yaml",
   "docs/x.md",
   "docs/y.txt",
   "foo/bar/baz.txt",
   "sub/docs/z.txt"
  ]
 },
 {
  "helmignore": "a?txt",
  "files": [
   ".helmignore",
   ".hidden",
   "b.md",
   "dir.txt/inner.yaml",
   "docs/x.md",
   "docs/y.txt",
   "foo/bar/baz.txt",
   "sub/docs/z.txt"
  ]
 },
 {
  "helmignore": "\\*.md",
  "files": [
   ".helmignore",
   ".hidden",
   "a.txt",
   "b.md",
   "dir.txt/inner.yaml",
   "docs/x.md",
   "docs/y.txt",
   "foo/bar/baz.txt",
   "sub/docs/z.txt"
  ]
 }
];

for (const c of CASES) {
  test(`helmignore ${JSON.stringify(c.helmignore)}`, () => {
    const files: Record<string, string> = {
      'mychart/Chart.yaml': 'apiVersion: v2\nname: mychart\nversion: 0.1.0\n',
      'mychart/templates/t.yaml': 'x',
      'mychart/.helmignore': c.helmignore,
    };
    for (const f of FILES) files[`mychart/${f}`] = 'x';
    const r = loadChart(memoryFS(files), 'mychart', 4);
    if (c.error !== undefined) {
      assert.ok('error' in r);
      assert.equal(`Error: ${r.error}`, c.error);
      return;
    }
    assert.ok('chart' in r, 'error' in r ? r.error : '');
    assert.deepEqual(r.chart.files.map((f) => f.name).sort(), c.files);
  });
}

test('templates/ dotfiles are ignored by default', () => {
  const r = IgnoreRules.parse('');
  r.addDefaults();
  assert.equal(r.ignore('templates/.h.yaml', false), true);
  assert.equal(r.ignore('templates/h.yaml', false), false);
});

test('filepath.Match classes and errors', () => {
  assert.equal(goPathMatch('[a-c]x', 'bx'), true);
  assert.equal(goPathMatch('[^a-c]x', 'bx'), false);
  assert.equal(goPathMatch('*', 'a/b'), false);
  assert.throws(() => goPathMatch('[', 'a'));
  assert.throws(() => goPathMatch('a\\', 'a'));
});
