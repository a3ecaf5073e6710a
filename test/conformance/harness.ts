// Shared plumbing for the conformance vectors (../shared/conformance/vectors.jsonl): building each
// case's chart in memory exactly as harness.py lays it out on disk, running our `helm template`
// and comparing with Helm's recorded answer. Used by vectors.test.ts and scripts/conformance.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryFS } from '../../server/src/chart/fs';
import { runTemplateCommand } from '../../server/src/render/template-command';
import type { HelmVersion } from '../../server/src/template/func';
import { utf8Encode } from '../../server/src/template/value';

/** VECTORS_PATH is where the recorded vectors live (beside the repository). */
export const VECTORS_PATH = join(__dirname, '..', '..', '..', 'shared', 'conformance', 'vectors.jsonl');

/** HelmRun is one recorded Helm run. */
export interface HelmRun {
  readonly stdout?: string;
  readonly stderr?: string;
  readonly exit: number;
  readonly stdout_shape?: string;
  readonly stdout_len?: number;
}

/** Vector is one record of vectors.jsonl. */
export interface Vector {
  readonly id: string;
  readonly area: string;
  readonly template: string | null;
  readonly values: string | null;
  readonly files?: Record<string, string | { $base64: string }>;
  readonly args?: string[];
  readonly release?: string;
  readonly helm4: HelmRun;
  readonly helm3: HelmRun;
  readonly nondeterministic?: boolean;
  readonly nondeterministic_stderr?: boolean;
  readonly compare?: string;
}

/**
 * EXTRA_VECTORS_PATH holds the project's own cases (cwextra.py beside it), recorded from Helm
 * with the same harness.py: `PATH=<folder with helm4 and helm3>:$PATH python3 ../shared/conformance/harness.py
 * --jobs 4 --out extra-vectors.jsonl cwextra` run in test/conformance.
 */
export const EXTRA_VECTORS_PATH = join(__dirname, 'extra-vectors.jsonl');

/** loadVectors reads all vectors of a file, or returns undefined when it is absent. */
export function loadVectors(path = VECTORS_PATH): Vector[] | undefined {
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Vector);
}

const DEFAULT_CHART = `apiVersion: v2
name: mychart
description: A Helm chart for conformance tests
type: application
version: 0.1.0
appVersion: "1.16.0"
`;

/** vectorFiles lays out the case's work directory: mychart/... plus ../x files at the root. */
export function vectorFiles(v: Vector): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = {};
  const chartFiles: Record<string, string | Uint8Array> = {};
  for (const [k, val] of Object.entries(v.files ?? {})) {
    chartFiles[k] = typeof val === 'string' ? val : new Uint8Array(Buffer.from(val.$base64, 'base64'));
  }
  if (!('Chart.yaml' in chartFiles)) chartFiles['Chart.yaml'] = DEFAULT_CHART;
  if (v.values !== null && !('values.yaml' in chartFiles)) chartFiles['values.yaml'] = v.values;
  if (v.template !== null) chartFiles['templates/case.yaml'] = v.template;
  for (const [k, val] of Object.entries(chartFiles)) {
    // memoryFS cleans the path, so "mychart/../x" lands at the work directory's root.
    files[`mychart/${k}`] = val;
  }
  return files;
}

/** Outcome is our run of a vector. */
export interface Outcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly exit: number;
}

/**
 * asRecorded turns our output into what harness.py stored: the bytes we would write
 * (utf8Encode: raw non-UTF-8 bytes included) decoded as UTF-8 with replacement, as Python's
 * decode("utf-8", "replace") did with Helm's output.
 */
function asRecorded(s: string): string {
  return /[\uD800-\uDFFF]/.test(s) ? Buffer.from(utf8Encode(s)).toString('utf8') : s;
}

/** runVector runs our template command on the vector for one Helm version. */
export function runVector(v: Vector, helmVersion: HelmVersion): Outcome {
  const fs = memoryFS(vectorFiles(v));
  const argv = ['template'];
  if (v.release) argv.push(v.release);
  argv.push('./mychart', ...(v.args ?? []));
  if (helmVersion === 3) argv.push('--helm-version', '3');
  try {
    const r = runTemplateCommand(argv.slice(1), { fs, cwd: '', helmVersion: 4 });
    return { stdout: asRecorded(r.stdout), stderr: asRecorded(r.stderr), exit: r.exitCode };
  } catch (e) {
    return { stdout: '', stderr: `CRASH: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, exit: -99 };
  }
}

/** shape is harness.py's shape(): alphanumerics and base64 `+/` masked, headers kept. */
export function shape(s: string): string {
  return s
    .split('\n')
    .map((line) => (line === '---' || line.startsWith('# Source: ') ? line : line.replace(/[A-Za-z0-9+/]/g, 'x')))
    .join('\n');
}

function errorLines(s: string): string {
  return s
    .split('\n')
    .filter((l) => l.startsWith('Error:'))
    .join('\n');
}

/** compareOutcome returns undefined when ours matches Helm's record, else a short reason. */
export function compareOutcome(v: Vector, expected: HelmRun, got: Outcome): string | undefined {
  if (got.exit !== expected.exit) {
    return `exit ${got.exit} != ${expected.exit}; stderr: ${firstLine(got.stderr)} | want: ${firstLine(expected.stderr ?? '')}`;
  }
  if (v.nondeterministic) {
    if (shape(got.stdout) !== expected.stdout_shape) return `stdout shape differs: ${diffAt(shape(got.stdout), expected.stdout_shape ?? '')}`;
    if (expected.exit !== 0 && errorLines(got.stderr) !== errorLines(expected.stderr ?? '')) {
      return `stderr differs: ${diffAt(got.stderr, expected.stderr ?? '')}`;
    }
    return undefined;
  }
  if (got.stdout !== expected.stdout) return `stdout differs: ${diffAt(got.stdout, expected.stdout ?? '')}`;
  const want = expected.stderr ?? '';
  if (v.nondeterministic_stderr) {
    if (errorLines(got.stderr) !== errorLines(want)) return `stderr differs: ${diffAt(errorLines(got.stderr), errorLines(want))}`;
    return undefined;
  }
  if (v.compare === 'stderr-lines-unordered') {
    const a = got.stderr.split('\n').sort().join('\n');
    const b = want.split('\n').sort().join('\n');
    if (a !== b) return `stderr lines differ: ${diffAt(a, b)}`;
    return undefined;
  }
  if (got.stderr !== want) return `stderr differs: ${diffAt(got.stderr, want)}`;
  return undefined;
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return (i < 0 ? s : s.slice(0, i)).slice(0, 200);
}

/** diffAt shows both texts around the first differing character. */
export function diffAt(got: string, want: string): string {
  let i = 0;
  while (i < got.length && i < want.length && got[i] === want[i]) i++;
  const from = Math.max(0, i - 40);
  return `at ${i}: got ${JSON.stringify(got.slice(from, i + 80))} want ${JSON.stringify(want.slice(from, i + 80))}`;
}

/** AreaStats counts passes per area. */
export type AreaStats = Map<string, { pass: number; total: number }>;

/** VectorResult is one vector's outcome for one Helm version. */
export interface VectorResult {
  readonly id: string;
  readonly area: string;
  readonly failure?: string;
}

/** runAll runs every vector for one Helm version. */
export function runAll(vectors: readonly Vector[], helmVersion: HelmVersion): VectorResult[] {
  return vectors.map((v) => {
    const expected = helmVersion === 4 ? v.helm4 : v.helm3;
    const got = runVector(v, helmVersion);
    return { id: v.id, area: v.area, failure: compareOutcome(v, expected, got) };
  });
}

/** areaTable formats per-area pass/total for both versions. */
export function areaTable(v4: readonly VectorResult[], v3: readonly VectorResult[]): string {
  const areas = new Map<string, [number, number, number, number]>();
  for (const r of v4) {
    const a = areas.get(r.area) ?? [0, 0, 0, 0];
    a[0] += r.failure === undefined ? 1 : 0;
    a[1]++;
    areas.set(r.area, a);
  }
  for (const r of v3) {
    const a = areas.get(r.area) ?? [0, 0, 0, 0];
    a[2] += r.failure === undefined ? 1 : 0;
    a[3]++;
    areas.set(r.area, a);
  }
  const lines = [`${'area'.padEnd(26)} ${'helm4'.padStart(9)} ${'helm3'.padStart(9)}`];
  let t = [0, 0, 0, 0];
  for (const [area, a] of [...areas.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    lines.push(`${area.padEnd(26)} ${`${a[0]}/${a[1]}`.padStart(9)} ${`${a[2]}/${a[3]}`.padStart(9)}`);
    t = t.map((x, i) => x + a[i]);
  }
  lines.push(`${'TOTAL'.padEnd(26)} ${`${t[0]}/${t[1]}`.padStart(9)} ${`${t[2]}/${t[3]}`.padStart(9)}`);
  return lines.join('\n');
}
