// Template-side navigation over the LSP protocol on real corpus charts: references of variables
// (Go's scoping), of render objects and of subchart values read by the parent; go to definition
// of `.Chart.X`, `.Files.*` calls, variables and defines inside a packaged `common` library
// (chartwright-archive: documents); hover of `.Files`/`.Values`; snippets in template text.
// The cases of helm-ls's internal/handler/template_handler tests are marked `helm-ls:`.
// Skipped with a message when ../shared/corpus is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { LineIndex } from '../../server/src/lsp/convert';
import { nodeHost } from '../../server/src/lsp/nodeHost';
import { ArchiveFileRequest, type ArchiveFileResult } from '../../server/src/lsp/protocol';
import { tar } from '../helpers/tar';
import { type TestClient, inMemory } from './harness';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/charts');
const skip = fs.existsSync(CORPUS) ? false : `corpus absent: ${CORPUS} (../shared is needed for these tests)`;

interface Loc {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const uri = (p: string): string => pathToFileURL(p).href;

/** files lists a directory's files recursively (relative paths). */
function files(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...files(dir, r));
    else out.push(r);
  }
  return out;
}

/**
 * memcachedWithTgz copies bitnami-memcached to os.tmpdir() and packages its charts/common as
 * charts/common-<version>.tgz (the directory removed), as `helm dependency build` leaves it.
 */
function memcachedWithTgz(): string {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cw-nav-')));
  const chart = path.join(base, 'memcached');
  fs.cpSync(path.join(CORPUS, 'bitnami-memcached'), chart, { recursive: true });
  const common = path.join(chart, 'charts', 'common');
  const version = /^version: (\S+)$/m.exec(fs.readFileSync(path.join(common, 'Chart.yaml'), 'utf8'))?.[1] ?? '0.0.0';
  const entries = files(common).map((f) => [`common/${f}`, fs.readFileSync(path.join(common, f))] as const);
  fs.writeFileSync(path.join(chart, 'charts', `common-${version}.tgz`), gzipSync(tar(entries)));
  fs.rmSync(common, { recursive: true });
  return chart;
}

/** Nav is a server session over one chart directory. */
interface Nav {
  readonly c: TestClient & { dispose(): void };
  readonly root: string;
  version: number;
}

async function nav(root: string): Promise<Nav> {
  return { c: await inMemory(nodeHost()), root, version: 1 };
}

/** textOf is a file's text (the buffer text when `buffers` has it). */
const buffers = new Map<string, string>();
function textOf(file: string): string {
  return buffers.get(file) ?? fs.readFileSync(file, 'utf8');
}

/** open puts a buffer (an unsaved template) in the server. */
async function open(n: Nav, rel: string, text: string): Promise<void> {
  const file = path.join(n.root, rel);
  buffers.set(file, text);
  n.version++;
  await n.c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(file), languageId: 'helm', version: n.version, text } });
}

/** posOf is the position of `inNeedle` characters into the `nth` occurrence of `needle` in a file. */
function posOf(file: string, needle: string, inNeedle = 0, nth = 0): { line: number; character: number } {
  const t = textOf(file);
  let i = -1;
  for (let k = 0; k <= nth; k++) i = t.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} in ${file}`);
  return new LineIndex(t).positionAt(i + inNeedle);
}

/** show names a location as "rel:line:char" (relative to the chart root) or "archive:rel:line:char". */
function show(n: Nav, l: Loc): string {
  const prefix = uri(n.root) + '/';
  const archive = 'chartwright-archive:' + uri(n.root).slice('file:'.length) + '/';
  const at = `${l.range.start.line}:${l.range.start.character}`;
  if (l.uri.startsWith(prefix)) return `${l.uri.slice(prefix.length)}:${at}`;
  if (l.uri.startsWith(archive)) return `archive:${l.uri.slice(archive.length)}:${at}`;
  return `${l.uri}:${at}`;
}

async function ask(n: Nav, method: 'references' | 'definition', rel: string, needle: string, inNeedle: number, nth = 0, includeDeclaration = true): Promise<string[]> {
  const file = path.join(n.root, rel);
  const params = { textDocument: { uri: uri(file) }, position: posOf(file, needle, inNeedle, nth), context: { includeDeclaration } };
  const r = (await n.c.conn.sendRequest(`textDocument/${method}`, params)) as Loc[] | null;
  return (r ?? []).map((l) => show(n, l)).sort();
}

async function hoverText(n: Nav, rel: string, needle: string, inNeedle: number): Promise<string> {
  const file = path.join(n.root, rel);
  const h = (await n.c.conn.sendRequest('textDocument/hover', { textDocument: { uri: uri(file) }, position: posOf(file, needle, inNeedle) })) as { contents: { value: string } } | null;
  return h?.contents.value ?? '';
}

/** where names "rel:line:char" of the `nth` occurrence of `needle` (plus `inNeedle`) in a chart file. */
function where(n: Nav, rel: string, needle: string, inNeedle = 0, nth = 0): string {
  const p = posOf(path.join(n.root, rel), needle, inNeedle, nth);
  return `${rel}:${p.line}:${p.character}`;
}

// helm-ls TestRefercesSingleLines (template_handler/references_test.go): `^` marks the cursor,
// the numbers are the start characters of every reference. Plus Go's scoping beyond them.
const VAR_REFS: ReadonlyArray<readonly [string, readonly number[]]> = [
  ['Test References on {{ $test := .Values.value }} {{ $te^st }}', [22, 51]],
  ['Test References on {{ range $test := .Values.value }} {{ $te^st }}', [28, 57]],
  ['Test References on {{ range $test := .Values.value }} {{ $te^st }} {{ end }} {{ $test }}', [28, 57]],
  ['Test References on {{ range $test := .Values.value }} {{ $te^st }}  {{ $test }} {{ end }}', [28, 57, 70]],
  ['Test References on {{ if .Values.bla }} {{ $test := 2 }} {{ $t^est }} {{ end }} {{ $test := 3 }} {{ $test }}', [43, 60]],
  ['Test References on {{ if .Values.bla }} {{ $test := 2 }} {{ $test }} {{ end }} {{ $te^st := 3 }} {{ $test }}', [82, 99]],
  // helm-ls answers the define action and the `include` word (0, 31, 52); Chartwright the name literals.
  ['{{define "na^me"}} T1 {{end}} {{include "name" .}} {{include "name" .}} ', [10, 40, 61]],
  ['{{define "name"}} T1 {{end}} {{include "na^me" .}} {{include "name" .}} ', [10, 40, 61]],
  ['{{define "name"}} T1 {{end}} {{include "name" .}} {{include "nam^e" .}} ', [10, 40, 61]],
  // range $i, $v: two declarations; the else branch sees them; after end they are gone.
  ['{{ range $i, $v := .Values.l }}{{ $^i }}{{ $v }}{{ else }}{{ $i }}{{ end }}{{ $i }}', [9, 34, 60]],
  ['{{ range $i, $v := .Values.l }}{{ $i }}{{ $^v }}{{ end }}', [13, 42]],
  // Redeclaration in an inner scope shadows; the outer one is visible again after end.
  ['{{ $x := 1 }}{{ with .Values.a }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $^x }}', [3, 66]],
  ['{{ $x := 1 }}{{ with .Values.a }}{{ $^x := 2 }}{{ $x }}{{ end }}{{ $x }}', [36, 49]],
  // `=` assigns the variable in scope: a reference, not a new declaration.
  ['{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $^x }}', [3, 29, 50]],
  // `$` is the tree's data; a define is its own scope.
  ['{{ $^.Values.a }}{{ with .Values.b }}{{ $.Values.c }}{{ end }}', [3, 39]],
  ['{{ $x := 1 }}{{ define "d" }}{{ $x }}{{ end }}{{ $^x }}', [3, 49]],
];

// helm-ls TestDefinitionSingleLine and TestDefinitionRange/RangeOnRedeclaration (definition_test.go):
// `^` the cursor, `§` before the expected declaration.
const VAR_DEFS: readonly string[] = [
  '{{ §$test := 1 }} {{ $te^st }}',
  '{{ §$test := .Values.test }} {{ $te^st.with.selectorexpression }}',
  '{{ §$test := $.Values.test }} {{ $te^st.with.selectorexpression }}',
  '{{ range §$test := .Values.test }} {{ $te^st }} {{ end }}',
  '{{ range §$test := $.Values.test }} {{ if not $te^st }} y {{ else }} n {{ end }}{{ end }}',
  '{{ range $index, §$element := .Values.l }}{{ $index }}{{ $ele^ment }}{{ end }}',
  '{{ range $index, $element := .Values.l }}{{ $index }}{{ end }}{{ range §$index, $element := .Values.l }}{{ $in^dex }}{{ end }}',
];

test('references and definition of variables follow Go scoping (helm-ls single-line cases)', { skip }, async () => {
  const n = await nav(path.join(CORPUS, 'bitnami-memcached'));
  const rel = 'templates/zz-vars.yaml';
  const file = path.join(n.root, rel);
  try {
    for (const [marked, expected] of VAR_REFS) {
      const text = marked.replace('^', '');
      await open(n, rel, text);
      const position = new LineIndex(text).positionAt(marked.indexOf('^'));
      const r = (await n.c.conn.sendRequest('textDocument/references', { textDocument: { uri: uri(file) }, position, context: { includeDeclaration: true } })) as Loc[];
      assert.deepEqual(r.map((l) => l.range.start.character).sort((a, b) => a - b), [...expected], marked);
    }
    for (const marked of VAR_DEFS) {
      const text = marked.replace('^', '').replace('§', '');
      await open(n, rel, text);
      const cursor = marked.replace('§', '').indexOf('^');
      const decl = marked.replace('^', '').indexOf('§');
      const r = (await n.c.conn.sendRequest('textDocument/definition', { textDocument: { uri: uri(file) }, position: new LineIndex(text).positionAt(cursor) })) as Loc[];
      assert.deepEqual(r.map((l) => l.range.start.character), [decl], marked);
    }
  } finally {
    n.c.dispose();
  }
});

test('references on a real chart: a variable, .Release, .Chart (with its Chart.yaml key)', { skip }, async () => {
  const n = await nav(path.join(CORPUS, 'bitnami-memcached'));
  try {
    const dep = 'templates/deployment.yaml';
    // `$podLabels` is declared once at the top of deployment.yaml and read 4 times (and nowhere else).
    const uses = textOf(path.join(n.root, dep)).split('$podLabels').length - 1;
    assert.equal(uses, 5);
    assert.deepEqual(await ask(n, 'references', dep, '$podLabels :=', 2), Array.from({ length: uses }, (_, k) => where(n, dep, '$podLabels', 0, k)).sort());
    assert.deepEqual(await ask(n, 'references', dep, '$podLabels', 3, 3, false), Array.from({ length: uses - 1 }, (_, k) => where(n, dep, '$podLabels', 0, k + 1)).sort());
    // `.Release.Namespace`: every read across the chart's templates, on the `Namespace` segment.
    const ns = await ask(n, 'references', dep, '.Release.Namespace', 10);
    const nsFiles = new Set(ns.map((l) => l.split(':')[0]));
    for (const f of ['templates/deployment.yaml', 'templates/service.yaml', 'templates/statefulset.yaml']) assert.ok(nsFiles.has(f), `${f} in ${[...nsFiles].join(' ')}`);
    for (const l of ns) {
      const [f, line, ch] = l.split(':');
      const t = textOf(path.join(n.root, f)).split('\n')[Number(line)];
      assert.equal(t.slice(Number(ch), Number(ch) + 'Namespace'.length), 'Namespace', l);
    }
    // `.Chart.AppVersion` from a new template: the Chart.yaml key (declaration) and both reads.
    const rel = 'templates/zz-chart.yaml';
    await open(n, rel, 'a: {{ .Chart.AppVersion }}\nb: {{ $.Chart.AppVersion }}\nc: {{ .Chart.Name }}\n');
    assert.deepEqual(await ask(n, 'references', rel, '.Chart.AppVersion', 8), [
      where(n, 'Chart.yaml', 'appVersion:'),
      where(n, 'templates/NOTES.txt', '.Chart.AppVersion', 7),
      where(n, rel, '.Chart.AppVersion', 7),
      where(n, rel, '$.Chart.AppVersion', 8),
    ].sort());
    assert.deepEqual(await ask(n, 'references', rel, '.Chart.AppVersion', 8, 0, false), [
      where(n, 'templates/NOTES.txt', '.Chart.AppVersion', 7),
      where(n, rel, '.Chart.AppVersion', 7),
      where(n, rel, '$.Chart.AppVersion', 8),
    ].sort());
  } finally {
    n.c.dispose();
  }
});

test('references: a parent template reading .Values.<subchart>.key is a reference of the key in the subchart', { skip }, async () => {
  const n = await nav(path.join(CORPUS, 'bitnami-thanos'));
  try {
    const minioValues = 'charts/minio/values.yaml';
    const reads = (await ask(n, 'references', minioValues, '    api: 9000', 4, 0, false)).filter((l) => !l.startsWith('charts/'));
    // Every parent template reading `.Values.minio.service.ports.api` (13 reads, recorded from grep).
    assert.equal(reads.length, 13, reads.join('\n'));
    for (const l of reads) assert.match(l, /^templates\/[\w-]+\/networkpolicy\.yaml:/);
    // From the parent's read: the subchart's default is the declaration.
    const fromTemplate = await ask(n, 'references', 'templates/query/networkpolicy.yaml', '.Values.minio.service.ports.api', 28);
    assert.ok(fromTemplate.includes(where(n, minioValues, '    api: 9000', 4)), fromTemplate.join('\n'));
    assert.equal(fromTemplate.filter((l) => l.startsWith('templates/')).length, 13);
  } finally {
    n.c.dispose();
  }
});

test('definition: .Values in every layer, .Chart → Chart.yaml, .Files calls → the files', { skip }, async () => {
  const thanos = await nav(path.join(CORPUS, 'bitnami-thanos'));
  try {
    // helm-ls TestDefinitionChart: a subchart value set by the parent and by the subchart's default.
    const rel = 'templates/zz-nav.yaml';
    await open(thanos, rel, 'u: {{ .Values.minio.auth.rootUser }}\n');
    assert.deepEqual(await ask(thanos, 'definition', rel, 'rootUser', 2), [
      where(thanos, 'values.yaml', 'rootUser:', 0),
      where(thanos, 'charts/minio/values.yaml', 'rootUser:', 0),
    ].sort());
  } finally {
    thanos.c.dispose();
  }
  const n = await nav(path.join(CORPUS, 'bitnami-memcached'));
  try {
    const rel = 'templates/zz-def.yaml';
    await open(n, rel, 'n: {{ .Chart.Name }}\nv: {{ .Chart.Version }}\nc: {{ .Chart }}\nr: {{ .Files.Get "README.md" }}\ng: {{ (.Files.Glob "*.md").AsConfig }}\nl: {{ range $.Files.Lines "README.md" }}{{ end }}\nm: {{ .Files.Get "Chart.lock" }}\n');
    const CASES: ReadonlyArray<readonly [string, number, readonly string[]]> = [
      // helm-ls: `.Chart.Name` → the `name` key; `.Chart` → Chart.yaml's start.
      ['.Chart.Name', 8, [where(n, 'Chart.yaml', '\nname: memcached', 1)]],
      ['.Chart.Version', 8, [where(n, 'Chart.yaml', '\nversion:', 1)]],
      ['{{ .Chart }}', 5, ['Chart.yaml:0:0']],
      // On the method or on the argument.
      ['.Files.Get "README.md"', 8, ['README.md:0:0']],
      ['"README.md"', 3, ['README.md:0:0']],
      // CHANGELOG.md matches too, but the chart's .helmignore keeps it out of `.Files`.
      ['"*.md"', 2, ['README.md:0:0']],
      ['$.Files.Lines', 9, ['README.md:0:0']],
      // Chart.lock is the chart's lock, not one of its `.Files` (Helm's loader): nowhere to go.
      ['"Chart.lock"', 2, []],
    ];
    for (const [needle, inNeedle, expected] of CASES) assert.deepEqual(await ask(n, 'definition', rel, needle, inNeedle), [...expected].sort(), needle);
  } finally {
    n.c.dispose();
  }
});

test('definition of an include whose define sits in a packaged common library: a chartwright-archive document', { skip }, async () => {
  const root = memcachedWithTgz();
  const n = await nav(root);
  try {
    const dep = 'templates/deployment.yaml';
    // helm-ls TestDefinitionChart: `include "common.names.name"` → the common chart's _names.tpl.
    const CASES: ReadonlyArray<readonly [string, number]> = [
      ['include "common.capabilities.deployment.apiVersion"', 12],
      ['template "common.names.fullname"', 14],
      ['include "common.labels.standard"', 12],
    ];
    const tgz = fs.readdirSync(path.join(root, 'charts')).find((f) => f.endsWith('.tgz')) ?? '';
    for (const [needle, inNeedle] of CASES) {
      const name = needle.split('"')[1];
      const file = path.join(root, dep);
      const r = (await n.c.conn.sendRequest('textDocument/definition', { textDocument: { uri: uri(file) }, position: posOf(file, needle, inNeedle) })) as Loc[];
      assert.equal(r.length, 1, needle);
      assert.match(show(n, r[0]), new RegExp(`^archive:charts/${tgz.replace(/\./g, '\\.')}/templates/_\\w+\\.tpl:`), needle);
      // The client asks for the document's text with the custom request.
      const doc = (await n.c.conn.sendRequest(ArchiveFileRequest.method, { uri: r[0].uri })) as ArchiveFileResult;
      assert.ok(doc !== null, needle);
      const line = doc.text.split('\n')[r[0].range.start.line];
      assert.equal(line.slice(r[0].range.start.character, r[0].range.end.character), `"${name}"`, needle);
    }
    // References of the packaged define list it too (as an archive document).
    const refs = await ask(n, 'references', dep, 'template "common.names.fullname"', 14);
    assert.ok(refs.some((l) => l.startsWith('archive:')), refs.join('\n'));
    assert.ok(refs.includes(where(n, dep, 'common.names.fullname')));
    // An unknown archive URI is answered with null.
    assert.equal(await n.c.conn.sendRequest(ArchiveFileRequest.method, { uri: 'chartwright-archive:///nowhere/x.tgz/templates/a.tpl' }), null);
  } finally {
    n.c.dispose();
    fs.rmSync(path.dirname(root), { recursive: true, force: true });
  }
});

test('hover: .Files methods are described, .Files lists names, .Values summarises', { skip }, async () => {
  const n = await nav(path.join(CORPUS, 'bitnami-memcached'));
  try {
    const rel = 'templates/zz-hover.yaml';
    await open(n, rel, 'a: {{ .Files.Get "README.md" }}\nb: {{ .Files.Glob "*.md" }}\nc: {{ .Files.AsConfig }}\nd: {{ .Files.AsSecrets }}\ne: {{ .Files.Lines "x" }}\nf: {{ .Files.GetBytes "x" }}\ng: {{ .Files }}\nh: {{ .Values }}\n');
    // helm-ls TestHoverMain: "Test hover on .Files function", "Test hover on .Files", "Test hover on .Values".
    const METHODS: ReadonlyArray<readonly [string, RegExp]> = [
      ['.Files.Get', /Get\(name string\) string/],
      ['.Files.Glob', /Glob\(pattern string\) files/],
      ['.Files.AsConfig', /AsConfig\(\) string/],
      ['.Files.AsSecrets', /AsSecrets\(\) string/],
      ['.Files.Lines', /Lines\(path string\) \[\]string/],
      ['.Files.GetBytes', /GetBytes\(name string\) \[\]byte/],
    ];
    for (const [needle, re] of METHODS) {
      const md = await hoverText(n, rel, needle, 8);
      assert.match(md, re, needle);
      assert.doesNotMatch(md, /not set/, needle);
    }
    const files = await hoverText(n, rel, '{{ .Files }}', 5);
    assert.match(files, /README\.md {2}\(\d+ bytes\)/);
    const readme = fs.readFileSync(path.join(n.root, 'README.md'), 'utf8');
    assert.ok(!files.includes(readme.split('\n').find((l) => l.length > 40) ?? '\0'), 'no file contents');
    const values = await hoverText(n, rel, '{{ .Values }}', 5);
    assert.match(values, /top-level keys/);
    assert.match(values, /`architecture`: `"standalone"` — values\.yaml of chart memcached/);
    assert.ok(values.split('\n').length < 60, `${values.split('\n').length} lines`);
  } finally {
    n.c.dispose();
  }
});

interface Item {
  label: string;
  insertText?: string;
  textEdit?: { newText: string };
  sortText?: string;
  insertTextMode?: number;
}

test('snippets in template text: control structures, include/toYaml with nindent = the line indentation', { skip }, async () => {
  const n = await nav(path.join(CORPUS, 'bitnami-memcached'));
  try {
    const rel = 'templates/zz-snip.yaml';
    const complete = async (marked: string): Promise<Item[]> => {
      const text = marked.replace('^', '');
      await open(n, rel, text);
      const r = (await n.c.conn.sendRequest('textDocument/completion', { textDocument: { uri: uri(path.join(n.root, rel)) }, position: new LineIndex(text).positionAt(marked.indexOf('^')) })) as { items: Item[] } | Item[];
      return Array.isArray(r) ? r : r.items;
    };
    const body = (i: Item | undefined): string => i?.insertText ?? i?.textEdit?.newText ?? '';
    // helm-ls TestCompletionMain "Test completion on text": an if/else/end snippet on an empty line.
    const blank = await complete('metadata:\n  labels:\n    ^\n');
    assert.deepEqual(blank.map((i) => i.label).sort(), ['define … end', 'if … else … end', 'include … | nindent', 'range … end', 'toYaml … | nindent', 'with … end']);
    for (const i of blank) {
      assert.ok(i.sortText?.startsWith('~'), i.label);
      assert.equal(i.insertTextMode, 1, i.label);
    }
    assert.match(body(blank.find((i) => i.label.startsWith('include'))), /^\{\{- include "\$\{1\|memcached\.[^}]*,common\.[^}]*\|\}" \$\{2:\.\} \| nindent 4 \}\}$/);
    assert.equal(body(blank.find((i) => i.label.startsWith('toYaml'))), '{{- toYaml ${1:.Values.x} | nindent 4 }}');
    assert.equal(body(blank.find((i) => i.label.startsWith('if'))), '{{- if ${1:.Values.enabled} }}\n    ${2}\n    {{- else }}\n    ${0}\n    {{- end }}');
    // A prefix of a snippet word narrows the list; anything else on the line: no snippets.
    assert.deepEqual((await complete('spec:\n  to^\n')).map((i) => i.label), ['toYaml … | nindent']);
    assert.equal(body((await complete('spec:\n  to^\n'))[0]), '{{- toYaml ${1:.Values.x} | nindent 2 }}');
    assert.deepEqual((await complete('spec:\n  key: ^\n')).filter((i) => i.sortText?.startsWith('~')), []);
    // Inside an action, the action's completion, not the text snippets.
    assert.ok(!(await complete('a: {{ i^ }}\n')).some((i) => i.label === 'include … | nindent'));
  } finally {
    n.c.dispose();
  }
});
