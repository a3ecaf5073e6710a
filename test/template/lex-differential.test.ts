// The lexer's fast path (sticky regular expressions, server/src/template/parse/lex.ts) against the
// per-character state machine it replaced (lex-reference.ts): the same items (type, range, text or
// error message, line) and the same insideActionAtEnd for every template file of ../shared/corpus,
// every conformance vector's templates (../shared/conformance/vectors.jsonl and the project's
// extra-vectors.jsonl), hand-written edge cases, and deterministic mutations of corpus files (cut
// short, a character inserted: errors, unterminated literals, trim markers, non-ASCII words), in
// strict, resilient and break/continue-as-identifier modes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lex, type LexOptions } from '../../server/src/template/parse/lex';
import { lex as lexReference } from './lex-reference';
import { utf8Decode } from '../../server/src/template/value';
import { EXTRA_VECTORS_PATH, loadVectors } from '../conformance/harness';

const SHARED = join(__dirname, '..', '..', '..', 'shared');
const CORPUS = join(SHARED, 'corpus');

const MODES: readonly (readonly [string, LexOptions])[] = [
  ['strict', {}],
  ['resilient', { resilient: true }],
  ['no comments, break/continue identifiers', { emitComment: false, breakOK: false, continueOK: false }],
];

/** differences lists the first difference per mode between the two lexers on one source. */
function differences(name: string, text: string, modes = MODES): string[] {
  const out: string[] = [];
  for (const [mode, o] of modes) {
    const got = lex(name, text, o);
    const want = lexReference(name, text, o);
    if (got.insideActionAtEnd !== want.insideActionAtEnd) out.push(`${name} (${mode}): insideActionAtEnd ${got.insideActionAtEnd}, want ${want.insideActionAtEnd}`);
    const n = Math.max(got.items.length, want.items.length);
    for (let i = 0; i < n; i++) {
      const a = got.items[i];
      const b = want.items[i];
      if (a?.type !== b?.type || a?.pos !== b?.pos || a?.end !== b?.end || a?.val !== b?.val || a?.line !== b?.line) {
        out.push(`${name} (${mode}): item ${i} is ${JSON.stringify(a)}, want ${JSON.stringify(b)}`);
        break;
      }
    }
  }
  return out;
}

function templateFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) templateFiles(p, out);
    else if (/[/\\]templates[/\\]/.test(p)) out.push(p);
  }
  return out;
}

/** rng is a small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INSERTS = ['-', '}', '{', '"', "'", '`', '\n', '.', '$', '(', ')', 'é', '😀', '\\', '0', '_', ' ', ':', '=', ',', '+', 'x', '\udc80', '\t'];

/** mutations are deterministic variants of a source: cut short, and a character inserted. */
function mutations(text: string, seed: number): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let k = 0; k < 6; k++) out.push(text.slice(0, Math.floor(r() * text.length)));
  // Inside or next to actions, where the fast path works.
  const actions: number[] = [];
  for (let i = text.indexOf('{{'); i >= 0 && actions.length < 200; i = text.indexOf('{{', i + 2)) actions.push(i);
  for (let k = 0; k < 10 && actions.length > 0; k++) {
    const at = actions[Math.floor(r() * actions.length)] + Math.floor(r() * 40);
    const ins = INSERTS[Math.floor(r() * INSERTS.length)];
    out.push(text.slice(0, at) + ins + text.slice(at));
  }
  return out;
}

const EDGES: readonly string[] = [
  '', '{{', '{{.', '{{$', '{{ .', '{{ $', '{{.}}', '{{$}}', '{{ . }}', '{{ $ }}', '{{.5}}', '{{ .a.b.c }}', '{{ .a.5 }}',
  '{{ $x := 1 }}{{ $x = 2 }}', '{{ $x : 1 }}', '{{ 1_000 }}', '{{ 0x1F }}', '{{ 1.5e3 }}', '{{ 1+2i }}', '{{ -1 }}', '{{ 09 }}',
  '{{ 1}}', '{{1 }}', '{{ 1)}}', '{{ (1) }}', '{{ ((1)) }}', '{{ ) }}', '{{ ( }}', '{{ ( -}}', '{{ (  -}}', '{{ x  -}}',
  '{{ x -}}  \n y', '{{- x -}}', '{{-x}}', '{{ x -}}', '{{ x-}}', '{{ x }-}}', '{{ x }', '{{ x }} }}', '{{ "a" }}',
  '{{ "a\\"b" }}', '{{ "a\\', '{{ "a\\\n" }}', '{{ "a\n" }}', '{{ "a', "{{ 'a' }}", "{{ '\\'' }}", '{{ `a\nb` }}', '{{ `a',
  '{{ é }}', '{{ .é }}', '{{ aé }}', '{{ $é }}', '{{ a😀 }}', '{{ 😀 }}', '{{ a\udc80 }}', '{{ \udc80 }}', '{{ a, b }}',
  '{{ a|b }}', '{{ a | b }}', '{{ a.b }}', '{{ a:b }}', '{{ a(b) }}', '{{ a@b }}', '{{ true false nil }}',
  '{{ if x }}{{ else if y }}{{ end }}', '{{ range $i, $v := .x }}{{ break }}{{ continue }}{{ end }}', '{{ define "x" }}{{ end }}',
  '{{ block "x" . }}{{ end }}', '{{ template "x" . }}', '{{ with .x }}{{ end }}', '{{/* c */}}', '{{- /* c */ -}}', '{{/* c',
  '{{/* c */ }}', '{{ x\n}}', '{{ x\ny }}{{ z }}', '{{ x\n\n{{ y }}', '{{ "a" \n {{ y }}', '{{ x\r\n}}', '{{\t.x\t}}',
  '{{ x }}{{', '{{ {{ }}', '{{ x {{ y }}', 'a {{- x }} b', 'a\n  {{- x }}', '{{ .x -}}\n\n  b', '{{ .a }}}}', '{{ ,}}',
  '{{ a= b }}', '{{ a :=b }}', '{{ $a:=1 }}', '{{ x}}y{{z }}',
];

test('lexer fast path = state machine: hand-written edge cases', () => {
  const diffs = EDGES.flatMap((t, i) => differences(`edge-${i}`, t));
  assert.deepEqual(diffs, []);
});

test('lexer fast path = state machine: every template file of ../shared/corpus, and mutations', { skip: existsSync(CORPUS) ? false : '../shared/corpus not found' }, () => {
  const files = templateFiles(CORPUS);
  assert.ok(files.length > 1000, `only ${files.length} template files`);
  const diffs: string[] = [];
  files.forEach((f, i) => {
    const name = relative(CORPUS, f);
    const text = utf8Decode(readFileSync(f));
    diffs.push(...differences(name, text));
    // Mutations of one file in four (strict and resilient).
    if (i % 4 === 0) mutations(text, i).forEach((m, k) => diffs.push(...differences(`${name} mutation ${k}`, m, MODES.slice(0, 2))));
  });
  assert.deepEqual(diffs.slice(0, 20), []);
});

test('lexer fast path = state machine: the conformance vectors\' templates', { skip: loadVectors() === undefined ? '../shared/conformance/vectors.jsonl not found' : false }, () => {
  const vectors = [...(loadVectors() ?? []), ...(loadVectors(EXTRA_VECTORS_PATH) ?? [])];
  assert.ok(vectors.length > 700);
  const diffs: string[] = [];
  for (const v of vectors) {
    if (v.template !== null) diffs.push(...differences(`${v.id} template`, v.template));
    for (const [path, f] of Object.entries(v.files ?? {})) {
      const text = typeof f === 'string' ? f : utf8Decode(Buffer.from(f.$base64, 'base64'));
      diffs.push(...differences(`${v.id} ${path}`, text));
    }
  }
  assert.deepEqual(diffs.slice(0, 20), []);
});
