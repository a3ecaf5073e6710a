// The checked-in list of conformance vectors known to fail (test/conformance/known-failures.txt):
// one entry per line, `<id>` for Helm 4 and `v3:<id>` for Helm 3; `#` starts a comment.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VectorResult } from './harness';

/** KNOWN_FAILURES_PATH is the list's location. */
export const KNOWN_FAILURES_PATH = join(__dirname, 'known-failures.txt');

/** readKnownFailures returns the set of entries (`id` or `v3:id`). */
export function readKnownFailures(path = KNOWN_FAILURES_PATH): Set<string> {
  if (!existsSync(path)) return new Set();
  return new Set(
    readFileSync(path, 'utf8')
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim())
      .filter((l) => l !== ''),
  );
}

/** knownKey is the list entry for a vector and Helm version. */
export function knownKey(id: string, helmVersion: 3 | 4): string {
  return helmVersion === 4 ? id : `v3:${id}`;
}

/** writeKnownFailures rewrites the list from the current results. */
export function writeKnownFailures(v4: readonly VectorResult[], v3: readonly VectorResult[], path = KNOWN_FAILURES_PATH): number {
  const lines = [
    '# Conformance vectors that do not pass yet (regenerate: npm run conformance -- --write-known-failures).',
    '# `<id>` = Helm 4 run, `v3:<id>` = Helm 3 run. The test fails on a failing vector NOT listed here.',
  ];
  let n = 0;
  for (const r of v4) if (r.failure !== undefined) (lines.push(r.id), n++);
  for (const r of v3) if (r.failure !== undefined) (lines.push(`v3:${r.id}`), n++);
  writeFileSync(path, lines.join('\n') + '\n');
  return n;
}
