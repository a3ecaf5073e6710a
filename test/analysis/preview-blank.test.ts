// A template that renders nothing: the preview says which conditions were false and with which
// values profile (issue 16). The fixture chart's values are in test/analysis/fixture.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, memoryHost } from '../../server/src/analysis/host';
import { Workspace } from '../../server/src/analysis/snapshot';
import { handleRender } from '../../server/src/lsp/requests';
import { previewText } from '../../client/src/preview-core';
import { BASE_FILES, ROOT } from './fixture';

function preview(template: string, extra: Record<string, string> = {}, valuesFiles: string[] = []): { text: string; blank?: string; shown: string } {
  const files: Record<string, string> = {
    ...BASE_FILES,
    [`${ROOT}/values.yaml`]: `${BASE_FILES[`${ROOT}/values.yaml`]}ingress:\n  enabled: false\n`,
    [`${ROOT}/templates/t.yaml`]: template,
  };
  for (const [k, v] of Object.entries(extra)) files[`${ROOT}/${k}`] = v;
  const ws = new Workspace(memoryHost(files));
  if (valuesFiles.length > 0) ws.setSettings({ ...DEFAULT_SETTINGS, valuesFiles });
  const r = handleRender(ws, { uri: `file://${ROOT}/templates/t.yaml`, scope: 'template' });
  assert.equal(r.error, undefined);
  return { text: r.text, blank: r.blank, shown: previewText(r) };
}

test('blank preview: the conditions that were false (table)', () => {
  const cases: readonly [template: string, want: string][] = [
    [
      '{{- if .Values.ingress.enabled }}\nkind: Ingress\n{{- end }}\n',
      'templates/t.yaml renders nothing with values.yaml:\n  line 1: `if .Values.ingress.enabled` is false',
    ],
    // the outermost branch that was reached and not taken
    [
      '{{- if .Values.sub.enabled }}\n{{- if .Values.nope }}\nx: 1\n{{- end }}\n{{- end }}\n',
      'templates/t.yaml renders nothing with values.yaml:\n  line 2: `if .Values.nope` is false',
    ],
    ['{{ with .Values.nothing }}a: {{ . }}{{ end }}', 'templates/t.yaml renders nothing with values.yaml:\n  line 1: `with .Values.nothing` is empty'],
    [
      'list:\n{{- range .Values.imagePullSecrets }}\n- {{ . }}\n{{- end }}\n',
      // `list:` is printed, so this one is not blank: checked separately below
      '',
    ],
    [
      '{{- range .Values.imagePullSecrets }}\n- {{ . }}\n{{- end }}\n',
      'templates/t.yaml renders nothing with values.yaml:\n  line 1: `range .Values.imagePullSecrets` has nothing to range over',
    ],
    // every false condition of an else-if chain
    [
      '{{ if .Values.a }}A{{ else if .Values.b }}B{{ end }}',
      'templates/t.yaml renders nothing with values.yaml:\n  line 1: `if .Values.a` is false\n  line 1: `if .Values.b` is false',
    ],
    // two documents, both empty (helm prints no empty document)
    [
      '{{- if .Values.a }}\nA\n{{- end }}\n---\n{{- if and .Values.b .Values.c }}\nB\n{{- end }}\n',
      'templates/t.yaml renders nothing with values.yaml:\n  line 1: `if .Values.a` is false\n  line 5: `if and .Values.b .Values.c` is false',
    ],
    // nothing conditional: just empty
    ['{{/* nothing yet */}}\n', 'templates/t.yaml renders nothing with values.yaml.'],
    [
      '{{- if .Values.a }}\nA\n{{- end }}\n{{- if and .Values.b .Values.c }}\nB\n{{- end }}\n',
      'templates/t.yaml renders nothing with values.yaml:\n  line 1: `if .Values.a` is false\n  line 4: `if and .Values.b .Values.c` is false',
    ],
  ];
  for (const [template, want] of cases) {
    const p = preview(template);
    if (want === '') {
      assert.equal(p.blank, undefined, template);
      continue;
    }
    assert.equal(p.text.trim(), '', template);
    assert.equal(p.blank, want, template);
    assert.equal(p.shown, want.split('\n').map((l) => `# ${l}`).join('\n') + '\n', template);
  }
});

test('blank preview: names the values profile, and a branch the profile turns on is not blamed', () => {
  const tpl = '{{- if .Values.ingress.enabled }}\nkind: Ingress\n{{- end }}\n';
  const off = preview(tpl, { 'ci/prod.yaml': 'ingress:\n  enabled: false\n' }, ['ci/prod.yaml']);
  assert.equal(off.blank, 'templates/t.yaml renders nothing with values.yaml + ci/prod.yaml:\n  line 1: `if .Values.ingress.enabled` is false');
  const on = preview(tpl, { 'ci/prod.yaml': 'ingress:\n  enabled: true\n' }, ['ci/prod.yaml']);
  assert.equal(on.blank, undefined);
  assert.match(on.text, /kind: Ingress/);
});

test('blank preview: a template with output has no blank notice', () => {
  const p = preview('kind: ConfigMap\n');
  assert.equal(p.blank, undefined);
  assert.match(p.shown, /kind: ConfigMap/);
});
