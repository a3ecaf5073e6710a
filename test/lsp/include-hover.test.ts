// Hover on an `include` call shows everything that call rendered in the last render — every line
// of a multi-line define (issue 12: it showed 1 of 5), as it appears at that call site without
// the shared indentation — inside a fence the output cannot close. Over the LSP protocol.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { memoryHost } from '../../server/src/analysis/host';
import { LineIndex } from '../../server/src/lsp/convert';
import { unsafeIn } from '../analysis/mdcheck';
import { inMemory } from './harness';

const R = '/ws/c';
const HELPERS = [
  '{{- define "c.labels" -}}',
  'helm.sh/chart: {{ .Chart.Name }}',
  '{{ include "c.selector" . }}',
  'app.kubernetes.io/version: "1.0"',
  'app.kubernetes.io/managed-by: {{ .Release.Service }}',
  '{{- end }}',
  '{{- define "c.selector" -}}',
  'app.kubernetes.io/name: {{ .Chart.Name }}',
  'app.kubernetes.io/instance: {{ .Release.Name }}',
  '{{- end }}',
  '{{- define "c.item" -}}',
  'item: {{ . }}',
  'fence: "````"',
  '{{- end }}',
  '',
].join('\n');
const CM = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: x',
  '  labels:',
  '    {{- include "c.labels" . | nindent 4 }}',
  'data:',
  '  quoted: {{ include "c.labels" . | quote }}',
  '  {{- range list "first" "second" }}',
  '  {{- include "c.item" . | nindent 2 }}',
  '  {{- end }}',
  '',
].join('\n');

const LABELS = ['helm.sh/chart: c', 'app.kubernetes.io/name: c', 'app.kubernetes.io/instance: release-name', 'app.kubernetes.io/version: "1.0"', 'app.kubernetes.io/managed-by: Helm'];

/** fenced returns the body of the fence after "Renders here". */
function rendersHere(md: string): string {
  const m = /Renders here \(last render of the chart\):\n(`{3,})yaml\n([\s\S]*?)\n\1(?:\n|$)/.exec(md);
  assert.ok(m !== null, md);
  return m[2];
}

test('hover on include: every line it rendered at that call site, dedented, in a safe fence', async () => {
  const files = { [`${R}/Chart.yaml`]: 'apiVersion: v2\nname: c\nversion: 0.1.0\n', [`${R}/values.yaml`]: '', [`${R}/templates/_helpers.tpl`]: HELPERS, [`${R}/templates/cm.yaml`]: CM };
  const c = await inMemory(memoryHost(files));
  try {
    const cmUri = pathToFileURL(`${R}/templates/cm.yaml`).href;
    let n = 0;
    const rendered = c.diags(cmUri, () => ++n >= 2);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: cmUri, languageId: 'helm', version: 1, text: CM } });
    await rendered;
    const hoverAt = async (uri: string, text: string, needle: string, nth = 0): Promise<string> => {
      let i = -1;
      for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
      assert.ok(i >= 0, needle);
      const h = (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: new LineIndex(text).positionAt(i + 3) })) as { contents: { value: string } } | null;
      return h?.contents.value ?? '';
    };
    const cases: Array<[string, string, string, string, number, string]> = [
      ['nindent: all five lines', cmUri, CM, '"c.labels"', 0, LABELS.join('\n')],
      ['quote: the include part of the quoted string', cmUri, CM, '"c.labels"', 1, JSON.stringify(LABELS.join('\n')).slice(1, -1)],
      ['inside a range: the first execution', cmUri, CM, '"c.item"', 0, 'item: first\nfence: "````"'],
      ['an include inside a define: its lines where the outer call printed them', pathToFileURL(`${R}/templates/_helpers.tpl`).href, HELPERS, '"c.selector"', 0, LABELS.slice(1, 3).join('\n')],
    ];
    for (const [name, uri, text, needle, nth, want] of cases) {
      const md = await hoverAt(uri, text, needle, nth);
      assert.equal(rendersHere(md), want, name);
      assert.deepEqual(unsafeIn(md), [], name);
    }
    // The server keeps answering.
    assert.match(await hoverAt(cmUri, CM, '"c.labels"'), /Renders here/);
  } finally {
    c.dispose();
  }
});
