// go-yaml's line for a less indented mapping line right after a mapping key (a wrong `nindent`):
// the line of the offending token, not the line before it. Texts recorded from helm v4.1.4 and
// v3.17.3 (`helm template` of a chart printing `fromYaml (.Files.Get "bad.txt") | toJson`, and
// `helm template` of the same text as a template: "YAML parse error on …: error converting YAML
// to JSON: yaml: line 4: did not find expected key").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marshalJSON } from '../../server/src/sprig/json';
import { fromYaml } from '../../server/src/helm/helmYaml';

const cases: Array<[string, string]> = [
  ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n app: x\n team: y\n  name: z\n', '{"Error":"error converting YAML to JSON: yaml: line 4: did not find expected key"}'],
];

for (const [yaml, want] of cases) {
  test(`fromYaml error line of ${JSON.stringify(yaml)}`, () => assert.equal(marshalJSON(fromYaml(yaml)), want));
}
