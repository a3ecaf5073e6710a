// Table tests for sprig paths functions, run through the real engine. Expectations recorded
// from helm v4.1.4 (h4) and helm v3.17.3 (h3, only where it differs) by rendering each
// expression in a temp chart with TZ=UTC; never typed by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, type Case } from '../helpers/sprigcall';

const cases: Case[] = [
  {"expr": "base \"foo/bar/baz\"", "mode": "v", "h4": {"out": "baz"}},
  {"expr": "base \"\"", "mode": "v", "h4": {"out": "."}},
  {"expr": "base \"/\"", "mode": "v", "h4": {"out": "/"}},
  {"expr": "base \"//\"", "mode": "v", "h4": {"out": "/"}},
  {"expr": "base \"foo/\"", "mode": "v", "h4": {"out": "foo"}},
  {"expr": "base \"/a/b.c\"", "mode": "v", "h4": {"out": "b.c"}},
  {"expr": "dir \"foo/bar/baz\"", "mode": "v", "h4": {"out": "foo/bar"}},
  {"expr": "dir \"\"", "mode": "v", "h4": {"out": "."}},
  {"expr": "dir \"/\"", "mode": "v", "h4": {"out": "/"}},
  {"expr": "dir \"foo\"", "mode": "v", "h4": {"out": "."}},
  {"expr": "dir \"/foo\"", "mode": "v", "h4": {"out": "/"}},
  {"expr": "dir \"a//b/\"", "mode": "v", "h4": {"out": "a/b"}},
  {"expr": "dir \"../a/./b\"", "mode": "v", "h4": {"out": "../a"}},
  {"expr": "clean \"foo/bar/../baz\"", "mode": "v", "h4": {"out": "foo/baz"}},
  {"expr": "clean \"\"", "mode": "v", "h4": {"out": "."}},
  {"expr": "clean \"a/../..\"", "mode": "v", "h4": {"out": ".."}},
  {"expr": "clean \"/../a\"", "mode": "v", "h4": {"out": "/a"}},
  {"expr": "clean \"//a//b/./c/..\"", "mode": "v", "h4": {"out": "/a/b"}},
  {"expr": "clean \"./\"", "mode": "v", "h4": {"out": "."}},
  {"expr": "clean \"a/b/../../../c\"", "mode": "v", "h4": {"out": "../c"}},
  {"expr": "clean \"../../x/../y\"", "mode": "v", "h4": {"out": "../../y"}},
  {"expr": "ext \"foo.bar\"", "mode": "v", "h4": {"out": ".bar"}},
  {"expr": "ext \"foo.tar.gz\"", "mode": "v", "h4": {"out": ".gz"}},
  {"expr": "ext \"a.b/c\"", "mode": "v", "h4": {"out": ""}},
  {"expr": "ext \"noext\"", "mode": "v", "h4": {"out": ""}},
  {"expr": "ext \".hidden\"", "mode": "v", "h4": {"out": ".hidden"}},
  {"expr": "isAbs \"/foo\"", "mode": "v", "h4": {"out": "true"}},
  {"expr": "isAbs \"foo\"", "mode": "v", "h4": {"out": "false"}},
  {"expr": "isAbs \"\"", "mode": "v", "h4": {"out": "false"}},
  {"expr": "osBase \"/a/b.c\"", "mode": "v", "h4": {"out": "b.c"}},
  {"expr": "osDir \"/a/b.c\"", "mode": "v", "h4": {"out": "/a"}},
  {"expr": "osExt \"x.y\"", "mode": "v", "h4": {"out": ".y"}},
  {"expr": "osClean \"a/../b\"", "mode": "v", "h4": {"out": "b"}},
  {"expr": "osIsAbs \"/x\"", "mode": "v", "h4": {"out": "true"}},
  {"expr": "osIsAbs \"x\"", "mode": "v", "h4": {"out": "false"}},
  {"expr": "base 1", "mode": "v", "h4": {"err": "expected string; found 1"}},
];

for (const c of cases) {
  test(`paths: ${c.expr} (${c.mode})`, (t) => {
    const got = run(c, 4);
    // Gap outside this domain: helm/json does not yet encode nil slices (nilSlice) as null.
    if ('out' in c.h4 && c.h4.out === 'null' && 'out' in got && got.out === '[]') return t.skip('nil slice JSON');
    assert.deepEqual(got, c.h4);
    assert.deepEqual(run(c, 3), c.h3 ?? c.h4);
  });
}

