// Differential test of the go-yaml port (server/src/yaml/goyaml/) against Helm: every generated
// document of test/fixtures/goyaml/vectors.jsonl (broken and valid YAML, gen.mjs) was given to
// helm v4.1.4 and v3.17.3 as a values file (`helm template v -f doc.yaml`) and as a rendered
// manifest (chart m prints `.Files.Get "doc.txt"`); record.mjs stored their exit codes, exact
// stderr and a hash of stdout. Chartwright replays the same commands in memory and must agree on
// all three, so acceptance is checked both ways and every error text to the byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTemplateCommand } from '../../server/src/render/template-command';
import { memoryFS } from '../../server/src/chart/fs';
import { utf8Encode } from '../../server/src/template/value';
import { fastYamlDecode } from '../../server/src/yaml/yamlFast';
import { decodeWithFullParser, unmarshalYAML, YAMLDecodeError } from '../../server/src/yaml/yamlDecode';
import type { HelmVersion } from '../../server/src/template/func';
import { fixedRuntime } from '../robustness/gen';

interface Outcome {
  code: number;
  stderr: string;
  out: string;
}

interface Vector {
  doc: string;
  mode: 'values' | 'manifest';
  h4: Outcome;
  h3: Outcome;
}

const FIXTURE = join(__dirname, '..', 'fixtures', 'goyaml', 'vectors.jsonl');
const vectors: Vector[] = readFileSync(FIXTURE, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Vector);

function replay(v: Vector, helmVersion: HelmVersion): Outcome {
  const files: Record<string, string> =
    v.mode === 'values'
      ? { 'v/Chart.yaml': 'apiVersion: v2\nname: v\nversion: 0.1.0\n', 'v/templates/v.yaml': 'v: {{ toJson .Values | quote }}\n', 'doc.yaml': v.doc }
      : { 'm/Chart.yaml': 'apiVersion: v2\nname: m\nversion: 0.1.0\n', 'm/templates/doc.yaml': '{{ .Files.Get "doc.txt" }}', 'm/doc.txt': v.doc };
  const args = v.mode === 'values' ? ['v', '-f', 'doc.yaml'] : ['m'];
  const r = runTemplateCommand(args, { fs: memoryFS(files), cwd: '', runtime: fixedRuntime, helmVersion });
  return { code: r.exitCode, stderr: r.stderr, out: createHash('sha256').update(utf8Encode(r.stdout)).digest('hex') };
}

test('the fixture holds at least 500 documents, accepted and rejected', () => {
  const docs = new Set(vectors.map((v) => v.doc));
  assert.ok(docs.size >= 500, `${docs.size} documents`);
  assert.ok(vectors.some((v) => v.h4.code === 0) && vectors.some((v) => v.h4.code !== 0));
});

for (const hv of [4, 3] as const) {
  test(`chartwright template agrees with helm ${hv} on every recorded YAML document`, () => {
    const failures: string[] = [];
    for (const v of vectors) {
      const want = hv === 4 ? v.h4 : v.h3;
      const got = replay(v, hv);
      if (got.code !== want.code || got.stderr !== want.stderr || got.out !== want.out) {
        failures.push(`${v.mode} ${JSON.stringify(v.doc)}\n  want ${want.code} ${JSON.stringify(want.stderr)}\n  got  ${got.code} ${JSON.stringify(got.stderr)}${got.out !== want.out ? ' (stdout differs)' : ''}`);
      }
    }
    assert.equal(failures.length, 0, `${failures.length} of ${vectors.length} differ:\n${failures.slice(0, 15).join('\n')}`);
  });
}

test('the fast path decodes only what the port accepts, to the same value', () => {
  for (const v of vectors) {
    if (fastYamlDecode(v.doc) === undefined) continue;
    let port: unknown;
    try {
      port = decodeWithFullParser(v.doc, 'any');
    } catch (e) {
      if (!(e instanceof YAMLDecodeError)) throw e;
      assert.fail(`fast path accepted what go-yaml rejects: ${JSON.stringify(v.doc)}: ${e.message}`);
    }
    assert.deepEqual(unmarshalYAML(v.doc, 'any'), port, JSON.stringify(v.doc));
  }
});
