// Typing assist for template actions in helm documents: `{{` → `{{ | }}`, `{{-` → `{{- | }}`, and
// the closing braces typed over the inserted close (the decisions live in braces-core.ts).
import * as vscode from 'vscode';
import { ActionBraces, type AssistEdit } from './braces-core';

const LANGUAGES = new Set(['helm', 'helm-tpl']);

/** ActionBracesAssist answers typed changes in the active helm editor with the assist's edits. */
export class ActionBracesAssist implements vscode.Disposable {
  private readonly byDoc = new Map<string, ActionBraces>();
  /** own: the edit being applied, so that its change event is not taken for typing. */
  private own: { readonly uri: string; readonly edit: AssistEdit } | undefined;
  private readonly subs: vscode.Disposable[] = [];

  constructor() {
    this.subs.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.byDoc.delete(d.uri.toString())),
    );
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    const doc = e.document;
    if (!LANGUAGES.has(doc.languageId) || e.contentChanges.length === 0) return;
    const key = doc.uri.toString();
    let assist = this.byDoc.get(key);
    if (assist === undefined) this.byDoc.set(key, (assist = new ActionBraces()));
    const c = e.contentChanges[0];
    const own = this.own;
    if (own !== undefined && own.uri === key && e.contentChanges.length === 1 && isEdit(c, own.edit)) {
      this.own = undefined;
      return;
    }
    const editor = vscode.window.activeTextEditor;
    const typed =
      editor !== undefined &&
      editor.document === doc &&
      editor.selections.length === 1 &&
      e.reason === undefined &&
      e.contentChanges.length === 1 &&
      c.range.isSingleLine &&
      !/[\r\n]/.test(c.text);
    if (!typed) {
      assist.reset();
      return;
    }
    const line = c.range.start.line;
    const edit = assist.onChange({
      line,
      lineText: doc.lineAt(line).text,
      start: c.range.start.character,
      deleted: c.range.end.character - c.range.start.character,
      text: c.text,
    });
    if (edit !== undefined) void this.apply(editor, key, edit);
  }

  private async apply(editor: vscode.TextEditor, key: string, edit: AssistEdit): Promise<void> {
    this.own = { uri: key, edit };
    // A snippet puts text and cursor in one step: a separate selection change could land after
    // the next keystroke. VS Code refuses the edit if the document changed meanwhile (fast typing):
    // the assist then steps back and VS Code's own auto-closing stays in charge.
    const k = edit.cursor - edit.from;
    const snippet = new vscode.SnippetString().appendText(edit.text.slice(0, k)).appendTabstop(0).appendText(edit.text.slice(k));
    const ok = await editor.insertSnippet(snippet, new vscode.Range(edit.line, edit.from, edit.line, edit.to), {
      // Part of the keystroke's undo step: one undo removes the typed brace and the assist's text.
      undoStopBefore: false,
      undoStopAfter: false,
    });
    if (!ok) {
      this.own = undefined;
      this.byDoc.get(key)?.reset();
    }
  }

  dispose(): void {
    for (const d of this.subs) d.dispose();
  }
}

/** isEdit tells whether a reported change is the assist's own edit. */
function isEdit(c: vscode.TextDocumentContentChangeEvent, e: AssistEdit): boolean {
  return c.range.start.line === e.line && c.range.end.line === e.line && c.range.start.character === e.from && c.range.end.character === e.to && c.text === e.text;
}
