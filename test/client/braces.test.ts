// The action typing assist (client/src/braces-core.ts), driven keystroke by keystroke over a line
// buffer that behaves like VS Code with the language configuration's auto-closing pairs
// (`{` → `{}`, and `{{` → `{{}}` when the second `{` is typed inside `{}`), applying the edits the
// assist returns exactly as the extension does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActionBraces } from '../../client/src/braces-core';

interface Buffer {
  text: string;
  cursor: number;
}

/** type sends one keystroke through the simulated editor and the assist. */
function type(b: Buffer, ch: string, assist: ActionBraces, autoClose: boolean): void {
  const start = b.cursor;
  let deleted = 0;
  let text = ch;
  if (autoClose && ch === '{') {
    if (b.text[b.cursor - 1] === '{' && b.text[b.cursor] === '}') {
      // the `{{` pair over the `}` the first `{` auto-closed
      deleted = 1;
      text = '{}}';
    } else {
      text = '{}';
    }
  }
  b.text = b.text.slice(0, start) + text + b.text.slice(start + deleted);
  b.cursor = start + 1;
  const edit = assist.onChange({ line: 0, lineText: b.text, start, deleted, text });
  if (edit !== undefined) {
    assert.equal(edit.line, 0);
    b.text = b.text.slice(0, edit.from) + edit.text + b.text.slice(edit.to);
    b.cursor = edit.cursor;
  }
}

function run(keys: string, autoClose = true, initial = ''): string {
  const b: Buffer = { text: initial, cursor: initial.length };
  const assist = new ActionBraces();
  for (const ch of keys) type(b, ch, assist, autoClose);
  return b.text.slice(0, b.cursor) + '|' + b.text.slice(b.cursor);
}

test('action braces: keystrokes → line and cursor (table)', () => {
  const cases: readonly [keys: string, want: string][] = [
    ['{', '{|}'],
    ['{{', '{{ | }}'],
    ['{{-', '{{- | }}'],
    // the space chart authors type after `{{` is not doubled
    ['{{ ', '{{ | }}'],
    ['{{- ', '{{- | }}'],
    // typing the whole action, closing braces included, never doubles them
    ['{{ .Values.x }}', '{{ .Values.x }}|'],
    ['{{.Values.x}}', '{{ .Values.x}}|'],
    ['{{- .Values.x -}}', '{{- .Values.x -}}|'],
    ['{{ include "a" . | nindent 4 }}', '{{ include "a" . | nindent 4 }}|'],
    ['{{ .a }} {{ .b }}', '{{ .a }} {{ .b }}|'],
    ['x: {{ .Values.x }}\n', 'x: {{ .Values.x }}\n|'],
    // a space inside the action is the user's
    ['{{ .a | quote', '{{ .a | quote| }}'],
    // a brace typed inside an action is left alone
    ['{{{', '{{ {|} }}'],
  ];
  for (const [keys, want] of cases) assert.equal(run(keys), want, JSON.stringify(keys));
});

test('action braces: without auto-closing nothing is inserted', () => {
  assert.equal(run('{{', false), '{{|');
  assert.equal(run('{{ .x }}', false), '{{ .x }}|');
});

test('action braces: a change elsewhere forgets the pending close', () => {
  const assist = new ActionBraces();
  const b: Buffer = { text: '', cursor: 0 };
  for (const ch of '{{ .x') type(b, ch, assist, true);
  assert.equal(b.text, '{{ .x }}');
  // another line changes: the close is no longer followed
  assert.equal(assist.onChange({ line: 3, lineText: 'y', start: 0, deleted: 0, text: 'y' }), undefined);
  assert.equal(assist.onChange({ line: 0, lineText: '{{ .x} }}', start: 5, deleted: 0, text: '}' }), undefined);
  // reset likewise
  const a2 = new ActionBraces();
  assert.ok(a2.onChange({ line: 0, lineText: '{{}}', start: 1, deleted: 0, text: '{}' }));
  a2.reset();
  assert.equal(a2.onChange({ line: 0, lineText: '{{ - }}', start: 3, deleted: 0, text: '-' }), undefined);
});
