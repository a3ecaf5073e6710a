// Every registered sprig function must carry documentation (completion and hover use it) and
// a Go signature; the core domains must define all of sprig v3.3.0's names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coreSprigFuncs, sprigFuncs } from '../../server/src/sprig/registry';

// Names from sprig v3.3.0's GenericFuncMap in the domains of the core modules (renderer-spec §9.2).
const CORE = `abbrev abbrevboth camelcase cat contains hasPrefix hasSuffix indent initials kebabcase lower
nindent nospace plural quote repeat replace shuffle snakecase squote substr swapcase title toString toStrings
trim trimAll trimPrefix trimSuffix trimall trunc untitle upper wrap wrapWith split splitList splitn join
sortAlpha hello list tuple append push prepend first last rest initial reverse uniq without has slice concat
chunk compact mustAppend mustPush mustPrepend mustFirst mustLast mustRest mustInitial mustReverse mustUniq
mustWithout mustHas mustSlice mustChunk mustCompact dict get set unset hasKey pluck keys values pick omit
merge mergeOverwrite mustMerge mustMergeOverwrite dig deepCopy mustDeepCopy default empty coalesce ternary
all any fail add sub mul div mod add1 max min biggest addf subf mulf divf add1f maxf minf floor ceil round
int int64 float64 atoi toDecimal until untilStep seq typeOf typeIs typeIsLike kindOf kindIs deepEqual`
  .split(/\s+/)
  .filter((x) => x !== '');

test('docs: every sprig function has a signature, description, example and category', () => {
  const missing: string[] = [];
  for (const d of sprigFuncs()) {
    const { signature, description, example, category } = d.doc;
    if (!signature.trim() || !description.trim() || !example.trim() || !category.trim()) missing.push(d.name);
    if (!signature.startsWith(d.name)) missing.push(`${d.name} (signature does not start with the name)`);
  }
  assert.deepEqual(missing, []);
});

test('docs: parameter types are Go types and only the last may be variadic', () => {
  const bad: string[] = [];
  for (const d of sprigFuncs()) {
    d.params.forEach((p, i) => {
      if (p.startsWith('...') && i !== d.params.length - 1) bad.push(d.name);
      if (!/^(\.\.\.)?[\w.[\]{} *]+$/.test(p)) bad.push(`${d.name}: ${p}`);
    });
    if (!d.result.trim()) bad.push(`${d.name}: no result type`);
  }
  assert.deepEqual(bad, []);
});

test('docs: the core domains define exactly the sprig v3.3.0 names, once each', () => {
  const names = coreSprigFuncs().map((d) => d.name);
  assert.equal(new Set(names).size, names.length, 'duplicate names');
  assert.deepEqual([...names].sort(), [...CORE].sort());
});

test('docs: sprigFuncs has no duplicate names', () => {
  const names = sprigFuncs().map((d) => d.name);
  assert.equal(new Set(names).size, names.length);
});
