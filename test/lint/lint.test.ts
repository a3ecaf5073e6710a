// `chartwright lint` against the real `helm lint`: expectations recorded from helm v4.1.4 and
// v3.17.3 by test/lint/record.py into test/lint/recorded.json (do not edit that file; change the
// cases in record.py and re-run it). Each case is a small in-memory chart mounted at the
// directory it was recorded in (/tmp/cwlint/<name>), or a corpus chart read from
// ../shared/corpus/charts (skipped when absent).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type ChartFS, cleanPath, memoryFS } from '../../server/src/chart/fs';
import { runLintCommand } from '../../server/src/lint/command';
import type { Runtime } from '../../server/src/template/func';

interface Run {
  readonly stdout: string;
  readonly stderr: string;
  readonly exit: number;
}
interface Case {
  readonly name: string;
  readonly args: string[];
  readonly files?: Record<string, string>;
  readonly corpus?: string;
  readonly helm4: Run;
  readonly helm3: Run;
}

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'charts');
// Corpus charts were linted by absolute path, which helm prints; record.py stores it as <corpus>.
const recorded = JSON.parse(readFileSync(join(__dirname, 'recorded.json'), 'utf8').replaceAll('<corpus>', JSON.stringify(CORPUS).slice(1, -1))) as { cases: Case[] };

const runtime: Runtime = {
  now: () => new Date(Date.UTC(2024, 0, 1)),
  randomBytes: (n) => new Uint8Array(n),
  localZone: 'UTC',
};

/** diskFS is a ChartFS over the whole disk ('' = '/'), for corpus charts given by absolute path. */
function diskFS(): ChartFS {
  const abs = (p: string): string => '/' + cleanPath(p);
  const stat = (p: string) => {
    try {
      return statSync(abs(p));
    } catch {
      return undefined;
    }
  };
  return {
    readFile: (p) => (stat(p)?.isFile() ? new Uint8Array(readFileSync(abs(p))) : undefined),
    readDir: (p) => {
      try {
        return readdirSync(abs(p))
          .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
          .map((name) => ({ name, isDirectory: stat(`${p}/${name}`)?.isDirectory() ?? false }));
      } catch {
        return undefined;
      }
    },
    isDirectory: (p) => stat(p)?.isDirectory() ?? false,
    exists: (p) => stat(p) !== undefined,
    displayPath: abs,
  };
}

// Corpus charts the renderer itself cannot render yet (shared with `chartwright template`).
const KNOWN_RENDER = (() => {
  const f = join(__dirname, '..', 'render', 'corpus-known-failures.txt');
  return existsSync(f) ? new Set(readFileSync(f, 'utf8').split('\n').map((l) => l.trim())) : new Set<string>();
})();
// Differences owned by other layers (reproduced by `chartwright template` as well).
const KNOWN: Record<string, string> = {};

let matched = 0;
let total = 0;
for (const c of recorded.cases) {
  for (const hv of [4, 3] as const) {
    const want = hv === 4 ? c.helm4 : c.helm3;
    const renderKnown = c.corpus !== undefined && KNOWN_RENDER.has(hv === 4 ? c.corpus : `v3:${c.corpus}`);
    const skip = c.corpus !== undefined && !existsSync(CORPUS) ? 'corpus absent (../shared/corpus/charts)' : false;
    // Known differences run as `todo`: reported, not failing the suite.
    const todo = renderKnown ? 'renderer known failure (test/render/corpus-known-failures.txt)' : (KNOWN[`${c.name}@${hv}`] ?? false);
    test(`lint ${c.name} (helm ${hv})`, { skip, todo }, () => {
      const fs = c.corpus !== undefined ? diskFS() : memoryFS(c.files ?? {}, `/tmp/cwlint/${c.name}`);
      const got = runLintCommand(['--helm-version', String(hv), ...c.args], { fs, cwd: '', runtime });
      total++;
      assert.equal(got.stdout, want.stdout, 'stdout');
      assert.equal(got.stderr, want.stderr, 'stderr');
      assert.equal(got.exitCode, want.exit, 'exit code');
      matched++;
    });
  }
}

test('json format: template error positions point into the template', () => {
  const fs = memoryFS({
    'mychart/Chart.yaml': 'apiVersion: v2\nname: mychart\nversion: 0.1.0\n',
    'mychart/templates/_h.tpl': '{{ define "h" }}\n  x: {{ .x.y }}\n{{ end }}',
    'mychart/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n{{ include "h" . }}\n',
  });
  const got = runLintCommand(['mychart', '--format', 'json'], { fs, cwd: '', runtime });
  assert.equal(got.exitCode, 1);
  const findings = JSON.parse(got.stdout) as Array<Record<string, unknown>>;
  const err = findings.find((f) => f.severity === 'ERROR');
  assert.ok(err !== undefined);
  assert.equal(err.path, 'templates/');
  assert.equal(err.file, 'templates/_h.tpl');
  // Go positions a field chain's error at its last field (".y"), as Helm's "line:col" shows.
  assert.equal(err.line, 2);
  assert.equal(err.column, 11);
  const info = findings.find((f) => f.severity === 'INFO');
  assert.deepEqual(info, { chart: 'mychart', severity: 'INFO', path: 'Chart.yaml', message: 'icon is recommended', file: 'Chart.yaml', line: null, column: null });
});

test('json format: parse error position', () => {
  const fs = memoryFS({
    'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
    'c/templates/a.yaml': 'a: 1\nb: {{ .Values.x }\n',
  });
  const got = runLintCommand(['c', '--format', 'json'], { fs, cwd: '', runtime });
  const err = (JSON.parse(got.stdout) as Array<Record<string, unknown>>).find((f) => f.severity === 'ERROR');
  assert.equal(err?.file, 'templates/a.yaml');
  assert.equal(err?.line, 2);
});

test('summary: recorded helm cases matched', () => {
  // Printed for the report; every case above asserts on its own.
  console.log(`lint: ${matched}/${total} helm-recorded runs match`);
});
