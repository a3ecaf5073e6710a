// Globs without backtracking blow-up (issue 15 item 3): .helmignore / --show-only (Go's
// filepath.Match, chart/gomatch.ts) and .Files.Glob (gobwas/glob, helm/glob.ts) finish at once on
// many-star patterns against long names, and keep Helm's answers (recorded from helm v4.1.4 and
// v3.17.3, which agree on every row).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goMatch } from '../../server/src/chart/gomatch';
import { IgnoreRules } from '../../server/src/chart/helmignore';
import { globMatcher } from '../../server/src/helm/glob';

const STARS = '*a*a*a*a*a*a*a*a*a*a*a*a*b';
const LONG = 'a'.repeat(200);

test('many-star patterns on a 200-character name finish at once (filepath.Match and gobwas)', () => {
  const t0 = Date.now();
  for (let i = 0; i < 50; i++) {
    assert.equal(goMatch(STARS, LONG), false);
    assert.equal(goMatch(STARS, LONG + 'b'), true);
    assert.equal(globMatcher(STARS)(LONG), false);
    assert.equal(globMatcher(STARS)(LONG + 'b'), true);
    assert.equal(globMatcher(`**${STARS}**`)(`${LONG}/${LONG}`), false);
  }
  const rules = IgnoreRules.parse(`${STARS}\n`);
  assert.equal(rules.ignore(LONG, false), false);
  // Generous bound: proves "does not hang" (the backtracking matchers took hours).
  assert.ok(Date.now() - t0 < 5_000, `took ${Date.now() - t0} ms`);
});

// .helmignore rules against chart files (a/b, q/日, q/ab, q/c, xy, é, 日): which files Helm keeps
// in `.Files`. Recorded from helm v4.1.4 / v3.17.3 with .helmignore "x*[\na[/]b\nq/*??\n": a class
// matches '/', `*??` matches "日" (Go's '*' skips bytes, the tail decodes as two RuneErrors), and
// `x*[` is accepted (Helm only logs "failed to compile" when a name reaches the bad part).
test('.helmignore keeps Go filepath.Match quirks (recorded from helm)', () => {
  const rules = IgnoreRules.parse('x*[\na[/]b\nq/*??\n');
  const files = ['a/b', 'q/日', 'q/ab', 'q/c', 'xy', 'é', '日'];
  const kept = files.filter((f) => !rules.ignore(f, false));
  assert.deepEqual(kept, ['q/c', 'xy', 'é', '日']);
});

// .Files.Glob answers, recorded from helm v4.1.4 / v3.17.3 over files a/b, a😀b, q/ab, q/c, q/日.
const GLOB_FILES = ['a/b', 'a😀b', 'q/ab', 'q/c', 'q/日'];
const GLOB_CASES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['a[!x]b', ['a/b']],
  ['a?b', []],
  ['a*b', ['a😀b']],
  ['a[/]b', ['a/b']],
  ['{q/*,a/?}', ['a/b', 'q/ab', 'q/c', 'q/日']],
  [STARS, []],
];

test('.Files.Glob matches as gobwas does in Helm (recorded)', () => {
  for (const [pat, want] of GLOB_CASES) {
    const m = globMatcher(pat);
    assert.deepEqual(
      GLOB_FILES.filter((f) => m(f)).sort(),
      [...want].sort(),
      pat,
    );
  }
});
