// `helm lint` over rendered manifests that go-yaml judges, replayed against what helm v4.1.4 and
// v3.17.3 printed (recorded by test/fixtures/lintyaml/record.mjs into cases.json; never edit
// that file by hand). The documents come from the go-yaml fixture (broken ones, a few per
// go-yaml message) and from hand-written cases for YAMLReader's split, null documents,
// YAMLOrJSONDecoder's JSON side (Helm 4 retries as YAML, Helm 3 does not), CRDs, string fields
// holding go-yaml floats (struct fields filled in encoding/json's order), and Chart.yaml
// literals (`template` too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryFS } from '../../server/src/chart/fs';
import { runLintCommand } from '../../server/src/lint/command';
import { runTemplateCommand } from '../../server/src/render/template-command';
import { CLI_LIMITS } from '../../server/src/render/limits';
import type { Runtime } from '../../server/src/template/func';

interface Run {
  readonly stdout: string;
  readonly stderr: string;
  readonly exit: number;
}
interface Case {
  readonly name: string;
  readonly cmd: 'lint' | 'template';
  readonly args: string[];
  readonly files: Record<string, string>;
  readonly helm4: Run;
  readonly helm3: Run;
}

const recorded = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'lintyaml', 'cases.json'), 'utf8')) as { cases: Case[] };

const runtime: Runtime = {
  now: () => new Date(Date.UTC(2024, 0, 1)),
  randomBytes: (n) => new Uint8Array(n),
  localZone: 'UTC',
};


let matched = 0;
let total = 0;
for (const c of recorded.cases) {
  for (const hv of [4, 3] as const) {
    const want = hv === 4 ? c.helm4 : c.helm3;
    test(`${c.cmd} ${c.name} (helm ${hv})`, () => {
      const env = { fs: memoryFS(c.files), cwd: '', helmVersion: hv, runtime };
      const got = c.cmd === 'template' ? runTemplateCommand(c.args, { ...env, limits: CLI_LIMITS }) : runLintCommand(c.args, env);
      total++;
      assert.equal(got.stdout, want.stdout, 'stdout');
      assert.equal(got.stderr, want.stderr, 'stderr');
      assert.equal(got.exitCode, want.exit, 'exit code');
      matched++;
    });
  }
}

test('summary: recorded helm lint YAML cases matched', () => {
  console.log(`lint yaml: ${matched}/${total} helm-recorded runs match`);
});
