// Find references, signature help and the define-scoped dot, over the LSP protocol (in-memory
// streams) against a fixture chart; `$0` marks the cursor in the document being asked about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { memoryHost } from '../../server/src/analysis/host';
import { LineIndex } from '../../server/src/lsp/convert';
import { BASE_FILES, ROOT, withCursor } from '../analysis/fixture';
import { type TestClient, inMemory } from './harness';

const APP = [
  'image: {{ .Values.image.repository }}:{{ $.Values.image.tag }}',
  '{{- with .Values.image }}',
  'tag: {{ .tag }}',
  '{{- end }}',
  'env: {{ .Values.global.env }}',
  'name: {{ include "mychart.name" . }}',
  'full: {{ include "common.fullname" . }}',
  'pull: {{ index .Values.image "tag" }}',
  'img: {{ include "mychart.image" (dict "imageRoot" .Values.image "global" .Values.global) }}',
  '{{ template "mychart.labels" . }}',
  'lib: {{ include "common.tag" (dict "img" .Values.image) }}',
  '',
].join('\n');

const FILES: Record<string, string> = {
  ...BASE_FILES,
  [`${ROOT}/templates/app.yaml`]: APP,
  [`${ROOT}/templates/_image.tpl`]: '{{- define "mychart.image" -}}\n{{ .imageRoot.repository }}:{{ .imageRoot.tag }}\n{{- end }}\n',
  [`${ROOT}/charts/common/templates/_tag.tpl`]: '{{- define "common.tag" -}}\n{{ .img.tag }}\n{{- end }}\n',
  [`${ROOT}/charts/sub/templates/g.yaml`]: 'env: {{ .Values.global.env }}\non: {{ .Values.enabled }}\nname: {{ include "common.fullname" . }}\n',
};

function uri(rel: string): string {
  return pathToFileURL(`${ROOT}/${rel}`).href;
}

function textOf(rel: string): string {
  return FILES[`${ROOT}/${rel}`];
}

/** at names the `nth` occurrence of `needle` in a fixture file as "rel:line:char-endChar". */
function at(rel: string, needle: string, nth = 0, inner?: string): string {
  const t = textOf(rel);
  let i = -1;
  for (let k = 0; k <= nth; k++) i = t.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} in ${rel}`);
  const start = inner === undefined ? i : i + needle.indexOf(inner);
  const len = (inner ?? needle).length;
  const idx = new LineIndex(t);
  const a = idx.positionAt(start);
  const b = idx.positionAt(start + len);
  return `${rel}:${a.line}:${a.character}-${b.character}`;
}

interface Loc {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

function names(locs: Loc[]): string[] {
  const prefix = pathToFileURL(ROOT).href + '/';
  return locs.map((l) => `${l.uri.slice(prefix.length)}:${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`).sort();
}

/** session opens app.yaml and waits for the render pass (which records include contexts). */
async function session(): Promise<TestClient & { dispose(): void }> {
  const c = await inMemory(memoryHost(FILES));
  let n = 0;
  const rendered = c.diags(uri('templates/app.yaml'), () => ++n >= 2);
  await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('templates/app.yaml'), languageId: 'helm', version: 1, text: APP } });
  await rendered;
  return c;
}

/** position finds the `$0` marker in `src` (a fixture file's text with the marker inserted). */
function cursorIn(rel: string, marked: string): { line: number; character: number } {
  const { text, offset } = withCursor(marked);
  assert.equal(text, textOf(rel), 'marker text must match the fixture');
  return new LineIndex(text).positionAt(offset);
}

function mark(rel: string, needle: string, inNeedle: number): string {
  const t = textOf(rel);
  const i = t.indexOf(needle);
  assert.ok(i >= 0, needle);
  return t.slice(0, i + inNeedle) + '$0' + t.slice(i + inNeedle);
}

async function refs(c: TestClient, rel: string, needle: string, inNeedle: number, includeDeclaration: boolean): Promise<string[]> {
  const position = cursorIn(rel, mark(rel, needle, inNeedle));
  const r = (await c.conn.sendRequest('textDocument/references', { textDocument: { uri: uri(rel) }, position, context: { includeDeclaration } })) as Loc[];
  return names(r);
}

test('references: capabilities advertise references and signature help', async () => {
  const c = await inMemory(memoryHost(FILES));
  try {
    const init = (await c.conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} })) as { capabilities: { referencesProvider?: boolean; signatureHelpProvider?: { triggerCharacters: string[] } } };
    assert.equal(init.capabilities.referencesProvider, true);
    assert.deepEqual(init.capabilities.signatureHelpProvider?.triggerCharacters, [' ', '(']);
  } finally {
    c.dispose();
  }
});

test('references of a values key from values.yaml and from a template', async () => {
  const c = await session();
  try {
    const reads = [
      at('templates/app.yaml', '$.Values.image.tag', 0, 'tag'),
      at('templates/app.yaml', '{{ .tag }}', 0, 'tag'),
      at('templates/app.yaml', '"tag"', 0, 'tag'),
      // Inside the define, through the dict its caller passed in the last render.
      at('templates/_image.tpl', '.imageRoot.tag', 0, 'tag'),
      // A library chart's helper reads the values of the chart including it.
      at('charts/common/templates/_tag.tpl', '.img.tag', 0, 'tag'),
    ];
    const decl = at('values.yaml', 'tag');
    assert.deepEqual(await refs(c, 'values.yaml', '  tag:', 3, true), [decl, ...reads].sort());
    assert.deepEqual(await refs(c, 'values.yaml', '  tag:', 3, false), [...reads].sort());
    // From a template read: the values file and the other reads.
    assert.deepEqual(await refs(c, 'templates/app.yaml', '{{ .tag }}', 5, true), [decl, ...reads].sort());
    // A parent key: every read passing through it (segments `image`, the `with`, the dict's `.imageRoot`).
    const image = await refs(c, 'values.yaml', 'image:', 1, false);
    assert.deepEqual(image, [
      at('templates/app.yaml', '.Values.image.repository', 0, 'image'),
      at('templates/app.yaml', '$.Values.image.tag', 0, 'image'),
      at('templates/app.yaml', 'with .Values.image', 0, 'image'),
      at('templates/app.yaml', 'index .Values.image', 0, 'image'),
      at('templates/app.yaml', '.Values.image "global"', 0, 'image'),
      at('templates/_image.tpl', '.imageRoot.repository', 0, 'imageRoot'),
      at('templates/_image.tpl', '.imageRoot.tag', 0, 'imageRoot'),
      at('templates/app.yaml', '"img" .Values.image', 0, '.Values.image').replace(/:(\d+)-(\d+)$/, (_, a: string, b: string) => `:${Number(a) + 8}-${b}`),
      at('charts/common/templates/_tag.tpl', '.img.tag', 0, 'img'),
    ].sort());
  } finally {
    c.dispose();
  }
});

test('references: subchart values under the subchart key, and global', async () => {
  const c = await session();
  try {
    assert.deepEqual(await refs(c, 'values.yaml', '  enabled', 3, true), [
      at('values.yaml', '  enabled', 0, 'enabled'),
      at('charts/sub/values.yaml', 'enabled'),
      at('charts/sub/templates/g.yaml', '.Values.enabled', 0, 'enabled'),
    ].sort());
    const env = [
      at('values.yaml', '  env', 0, 'env'),
      at('templates/app.yaml', '.Values.global.env', 0, 'env'),
      at('charts/sub/templates/g.yaml', '.Values.global.env', 0, 'env'),
    ].sort();
    assert.deepEqual(await refs(c, 'values.yaml', '  env', 3, true), env);
    // Asked from the subchart's template: the same set.
    assert.deepEqual(await refs(c, 'charts/sub/templates/g.yaml', 'global.env', 8, true), env);
  } finally {
    c.dispose();
  }
});

test('references of a define: from the define and from any call, across charts', async () => {
  const c = await session();
  try {
    const calls = [at('templates/_helpers.tpl', 'include "mychart.name"', 0, 'mychart.name'), at('templates/app.yaml', '"mychart.name"', 0, 'mychart.name')];
    const def = at('templates/_helpers.tpl', '"mychart.name"', 0, 'mychart.name');
    assert.deepEqual(await refs(c, 'templates/_helpers.tpl', '"mychart.name"', 3, true), [def, ...calls].sort());
    assert.deepEqual(await refs(c, 'templates/_helpers.tpl', '"mychart.name"', 3, false), [...calls].sort());
    assert.deepEqual(await refs(c, 'templates/app.yaml', '"mychart.name"', 4, false), [...calls].sort());
    // A library chart's define, called from the chart and from a subchart.
    assert.deepEqual(await refs(c, 'templates/app.yaml', '"common.fullname"', 4, true), [
      at('charts/common/templates/_names.tpl', 'common.fullname'),
      at('templates/app.yaml', 'common.fullname'),
      at('charts/sub/templates/g.yaml', 'common.fullname'),
    ].sort());
    // `{{ template "x" }}` calls count too.
    assert.deepEqual(await refs(c, 'templates/_helpers.tpl', '"mychart.labels"', 3, false), [at('templates/app.yaml', 'mychart.labels')]);
  } finally {
    c.dispose();
  }
});

interface SigHelp {
  signatures: Array<{ label: string; documentation: { value: string }; parameters: Array<{ label: [number, number] }>; activeParameter?: number }>;
  activeParameter?: number;
}

const SIGS: ReadonlyArray<readonly [string, string | null, string | null]> = [
  // [text with cursor, signature label, active parameter label]
  ['{{ trimPrefix "-" $0 }}', 'trimPrefix PREFIX STRING', 'STRING'],
  ['{{ trimPrefix $0 }}', 'trimPrefix PREFIX STRING', 'PREFIX'],
  ['{{ trimPrefix "-"$0 }}', 'trimPrefix PREFIX STRING', 'PREFIX'],
  // The piped value is the last argument: the first explicit one is PREFIX.
  ['{{ "--x" | trimPrefix $0 }}', 'trimPrefix PREFIX STRING', 'PREFIX'],
  ['{{ .Values.image.tag | default $0 }}', 'default DEFAULT VALUE', 'DEFAULT'],
  ['{{ include "mychart.name" ($0 }}', 'include NAME DATA', 'DATA'],
  ['{{ include "x" (dict "a" .Values.image $0', 'dict KEY VALUE...', 'VALUE...'],
  ['{{ if eq .Values.replicaCount $0 }}{{ end }}', 'eq ARG1 ARG2...', null],
  ['{{ $x := printf "%s" $0 }}', 'printf FORMAT ARGS...', null],
  ['{{ .Values.image $0 }}', null, null],
  ['{{ template "x" $0 }}', null, null],
  ['text $0 {{ quote . }}', null, null],
];

test('signature help over LSP (active parameter, pipelines, parentheses)', async () => {
  const c = await inMemory(memoryHost(FILES));
  try {
    let version = 1;
    const doc = uri('templates/sig.yaml');
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: doc, languageId: 'helm', version, text: '' } });
    for (const [src, label, active] of SIGS) {
      const { text, offset } = withCursor(src);
      version++;
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc, version }, contentChanges: [{ text }] });
      const h = (await c.conn.sendRequest('textDocument/signatureHelp', { textDocument: { uri: doc }, position: new LineIndex(text).positionAt(offset) })) as SigHelp | null;
      if (label === null) {
        assert.equal(h, null, src);
        continue;
      }
      assert.ok(h !== null, src);
      const sig = h.signatures[0];
      if (!sig.label.startsWith(label.split(' ')[0])) assert.fail(`${src}: got ${sig.label}`);
      assert.ok(sig.documentation.value.length > 0, src);
      if (active !== null) {
        const p = sig.parameters[h.activeParameter ?? -1];
        assert.ok(p !== undefined, `${src}: active ${h.activeParameter}`);
        assert.equal(sig.label.slice(p.label[0], p.label[1]), active, src);
      }
    }
  } finally {
    c.dispose();
  }
});

test('the dot inside a define is what its include callers passed in the last render', async () => {
  const c = await inMemory(memoryHost(FILES));
  try {
    const rel = 'templates/_image.tpl';
    const t = textOf(rel);
    const complete = async (marked: string): Promise<string[]> => {
      const { offset } = withCursor(marked);
      const r = (await c.conn.sendRequest('textDocument/completion', { textDocument: { uri: uri(rel) }, position: new LineIndex(t).positionAt(offset) })) as { items: Array<{ label: string }> } | Array<{ label: string }>;
      const items = Array.isArray(r) ? r : r.items;
      return items.map((i) => i.label).sort();
    };
    const marked = mark(rel, '.imageRoot.tag', 11);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(rel), languageId: 'helm', version: 1, text: t } });
    // No render yet: the chart root is assumed, which has no `.imageRoot`.
    assert.deepEqual(await complete(marked), []);
    // Opening a template schedules the render pass; it records include "mychart.image"'s dict.
    let n = 0;
    const rendered = c.diags(uri('templates/app.yaml'), () => ++n >= 2);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('templates/app.yaml'), languageId: 'helm', version: 1, text: APP } });
    await rendered;
    assert.deepEqual(await complete(marked), ['repository', 'tag']);
    assert.deepEqual(await complete(mark(rel, '.imageRoot.tag', 1)), ['global', 'imageRoot']);
    const h = (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: uri(rel) }, position: cursorIn(rel, mark(rel, '.imageRoot.tag', 12)) })) as { contents: { value: string } };
    assert.match(h.contents.value, /\.Values\.image\.tag/);
    assert.match(h.contents.value, /"1\.25"/);
    assert.match(h.contents.value, /values\.yaml of chart mychart/);
    // Go to definition follows the origin into values.yaml.
    const d = (await c.conn.sendRequest('textDocument/definition', { textDocument: { uri: uri(rel) }, position: cursorIn(rel, mark(rel, '.imageRoot.tag', 12)) })) as Loc[];
    assert.deepEqual(names(d), [at('values.yaml', 'tag')]);
    // A define included with `.` still sees the chart root.
    const labels = (await c.conn.sendRequest('textDocument/completion', { textDocument: { uri: uri('templates/_helpers.tpl') }, position: cursorIn('templates/_helpers.tpl', mark('templates/_helpers.tpl', '.Chart.Name', 1)) })) as { items: Array<{ label: string }> };
    assert.ok(labels.items.some((i) => i.label === 'Values'));
  } finally {
    c.dispose();
  }
});

test('hover: an include call shows what it rendered at that call site; values show every layer', async () => {
  const c = await session();
  try {
    const hoverAt = async (rel: string, needle: string, inNeedle: number): Promise<string> => {
      const h = (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: uri(rel) }, position: cursorIn(rel, mark(rel, needle, inNeedle)) })) as { contents: { value: string } } | null;
      return h?.contents.value ?? '';
    };
    // The dict argument is only known to the render: the call site's own output.
    assert.match(await hoverAt('templates/app.yaml', '"mychart.image"', 3), /Renders here[\s\S]*nginx:1\.25/);
    assert.match(await hoverAt('templates/app.yaml', '"mychart.labels"', 3), /Renders here[\s\S]*app: mychart/);
    // A library helper's dot comes from its caller: values of the including chart.
    assert.match(await hoverAt('charts/common/templates/_tag.tpl', '.img.tag', 6), /\.Values\.image\.tag[\s\S]*"1\.25"[\s\S]*Set in values\.yaml of chart mychart/);
    // The subchart's `enabled`: the parent's values win over the subchart's default.
    const md = await hoverAt('charts/sub/templates/g.yaml', '.Values.enabled', 10);
    assert.match(md, /Set in values\.yaml of chart mychart/);
    assert.match(md, /Overrides:\n- values\.yaml of chart sub \(`\/ws\/mychart\/charts\/sub\/values\.yaml`\): `false`/);
  } finally {
    c.dispose();
  }
});
