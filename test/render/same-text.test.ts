// Files with the same text are parsed once per CLI run (render/engine.ts parseOnce) and their
// trees renamed: errors must still name the file (and the define's file) that failed. Expected
// texts recorded from helm v4.1.4 and v3.17.3 (`helm template c`, exit 1) on this chart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryFS } from '../../server/src/chart/fs';
import { ParseCache } from '../../server/src/render/engine';
import { runTemplateCommand } from '../../server/src/render/template-command';

const DEFINE = '{{- define "h" }}\nv: {{ .Values.a.b.c }}\n{{- end }}\n';
const ONLY_IN_A = '{{- if eq .Template.Name "c/templates/a.yaml" }}\nv: {{ .Values.x.y.z }}\n{{- end }}\n';

function chart(a: string): Record<string, string> {
  return {
    'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
    'c/values.yaml': 'x: {}\n',
    'c/templates/a.yaml': a,
    'c/templates/b.yaml': ONLY_IN_A,
    'c/charts/sub1/Chart.yaml': 'apiVersion: v2\nname: sub1\nversion: 0.1.0\n',
    'c/charts/sub1/templates/_h.tpl': DEFINE,
    'c/charts/sub2/Chart.yaml': 'apiVersion: v2\nname: sub2\nversion: 0.1.0\n',
    'c/charts/sub2/templates/_h.tpl': DEFINE,
  };
}

const CASES: ReadonlyArray<{ name: string; a: string; helm4: string; helm3: string }> = [
  {
    // b.yaml is parsed first; a.yaml (same text) gets b's trees renamed, and fails.
    name: 'the second file with the same text fails',
    a: ONLY_IN_A,
    helm4: 'Error: c/templates/a.yaml:2:13\n  executing "c/templates/a.yaml" at <.Values.x.y.z>:\n    nil pointer evaluating interface {}.z\n\nUse --debug flag to render out invalid YAML\n',
    helm3: 'Error: template: c/templates/a.yaml:2:13: executing "c/templates/a.yaml" at <.Values.x.y.z>: nil pointer evaluating interface {}.z\n\nUse --debug flag to render out invalid YAML\n',
  },
  {
    // sub2's _h.tpl is parsed first; sub1's copy is added last, so its "h" is the one run.
    name: 'a define from the second copy fails',
    a: 'k: {{ include "h" . }}\n',
    helm4:
      'Error: c/templates/a.yaml:1:6\n  executing "c/templates/a.yaml" at <include "h" .>:\n    error calling include:\nc/charts/sub1/templates/_h.tpl:2:13\n  executing "h" at <.Values.a.b.c>:\n    nil pointer evaluating interface {}.b\n\nUse --debug flag to render out invalid YAML\n',
    helm3:
      'Error: template: c/templates/a.yaml:1:6: executing "c/templates/a.yaml" at <include "h" .>: error calling include: template: c/charts/sub1/templates/_h.tpl:2:13: executing "h" at <.Values.a.b.c>: nil pointer evaluating interface {}.b\n\nUse --debug flag to render out invalid YAML\n',
  },
];

for (const c of CASES) {
  for (const hv of [4, 3] as const) {
    for (const cached of [false, true]) {
      test(`same text: ${c.name} (helm ${hv}${cached ? ', ParseCache' : ''})`, () => {
        const r = runTemplateCommand(['c'], { fs: memoryFS(chart(c.a)), cwd: '', helmVersion: hv, ...(cached ? { cache: new ParseCache() } : {}) });
        assert.equal(r.exitCode, 1);
        assert.equal(r.stderr, hv === 4 ? c.helm4 : c.helm3);
      });
    }
  }
}
