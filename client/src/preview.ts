// Read-only virtual documents: the live "rendered YAML" preview (chartwright-preview:) and static
// command output such as dry runs (chartwright-output:). Moving the cursor in a preview reveals the
// template line that produced it, using the source map the server returns; moving the cursor in a
// template highlights (and if needed scrolls to) the preview lines it produced.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type RenderParams, RenderRequest, type RenderResult } from '../../server/src/lsp/protocol';
import { previewOutline } from './outline-core';
import {
  PREVIEW_SCHEME,
  SchemeEvents,
  debounce,
  lineRuns,
  parsePreviewQuery,
  previewLinesOf,
  previewText,
  previewUri,
  revealLine,
  scopeFor,
  sourceOfLine,
} from './preview-core';

const uriSpelling = new Map<string, string>();
/** normUri spells a server URI the way vscode.Uri does (cached: called for every preview line). */
function normUri(u: string): string {
  let n = uriSpelling.get(u);
  if (n === undefined) {
    if (uriSpelling.size > 1000) uriSpelling.clear();
    n = vscode.Uri.parse(u).toString();
    uriSpelling.set(u, n);
  }
  return n;
}

/** OUTPUT_SCHEME is the scheme of static, read-only command output documents. */
export const OUTPUT_SCHEME = 'chartwright-output';

/**
 * PreviewProvider serves both schemes and keeps previews live while the user types. Each scheme has
 * a provider object of its own: only live previews change, and a provider registered for one
 * scheme must never fire URIs of the other (VS Code logs and ignores those events).
 */
export class PreviewProvider implements vscode.Disposable {
  private readonly changes = new SchemeEvents<vscode.Uri>(PREVIEW_SCHEME);
  private readonly results = new Map<string, RenderResult>();
  private readonly outputs = new Map<string, string>();
  private readonly highlight = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
  });
  private readonly subs: vscode.Disposable[] = [];
  private outputCount = 0;

  constructor(private readonly client: () => LanguageClient | undefined) {
    const refresh = debounce(() => this.refreshAll(), 250);
    const revealOutput = debounce((e: vscode.TextEditor, scroll: boolean) => this.revealOutput(e, scroll), 100);
    const previews: vscode.TextDocumentContentProvider = {
      onDidChange: this.changes.event,
      provideTextDocumentContent: (uri, token) => this.providePreview(uri, token),
    };
    const outputs: vscode.TextDocumentContentProvider = {
      provideTextDocumentContent: (uri) => this.outputs.get(uri.toString()) ?? '',
    };
    this.subs.push(
      vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
      vscode.workspace.registerTextDocumentContentProvider(OUTPUT_SCHEME, outputs),
      // The outline of a preview or a command's output: every rendered resource.
      vscode.languages.registerDocumentSymbolProvider([{ scheme: PREVIEW_SCHEME }, { scheme: OUTPUT_SCHEME }], {
        provideDocumentSymbols: (doc) =>
          previewOutline(doc.getText()).map((e) => {
            const range = new vscode.Range(e.startLine, 0, e.endLine, doc.lineAt(Math.min(e.endLine, doc.lineCount - 1)).text.length);
            return new vscode.DocumentSymbol(e.name, e.detail, vscode.SymbolKind.Class, range, doc.lineAt(Math.min(e.kindLine, doc.lineCount - 1)).range);
          }),
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.scheme === 'file') refresh();
        // A preview re-rendered: re-highlight what the template cursor line produced (no scrolling).
        const active = vscode.window.activeTextEditor;
        if (e.document.uri.scheme === PREVIEW_SCHEME && active?.document.uri.scheme === 'file') this.revealOutput(active, false);
      }),
      vscode.workspace.onDidSaveTextDocument(() => refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('chartwright') && refresh()),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.uri.scheme === PREVIEW_SCHEME) void this.revealSource(e.textEditor);
        else if (e.textEditor.document.uri.scheme === 'file') revealOutput(e.textEditor, true);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.results.delete(d.uri.toString())),
    );
  }

  /** open shows the preview of a document beside it. */
  async open(doc: vscode.TextDocument): Promise<void> {
    const parts = previewUri({ source: doc.uri.toString(), scope: scopeFor(doc.languageId) }, path.basename(doc.uri.fsPath));
    const uri = vscode.Uri.from(parts);
    const shown = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
  }

  /** showOutput opens a read-only document with the given text (e.g. a dry run's output); returns its URI. */
  async showOutput(title: string, text: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: OUTPUT_SCHEME, path: `/${title}.yaml`, query: String(++this.outputCount) });
    this.outputs.set(uri.toString(), text);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    return uri;
  }

  private async providePreview(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const target = parsePreviewQuery(uri.query);
    const client = this.client();
    if (target === undefined) return '# not a Chartwright preview\n';
    if (client === undefined) return '# the Chartwright language server is not running\n';
    const source = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.source);
    const params: RenderParams = { uri: target.source, text: source?.getText(), scope: target.scope };
    try {
      const r = await client.sendRequest<RenderResult>(RenderRequest.method, params, token);
      this.results.set(uri.toString(), r);
      return previewText(r);
    } catch (e) {
      return `# preview failed: ${e instanceof Error ? e.message : String(e)}\n`;
    }
  }

  private refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) this.changes.fire(d.uri);
  }

  /**
   * revealOutput highlights, in every visible preview, the lines the template cursor line produced,
   * and with `scroll` brings the first of them into view when none is visible.
   */
  private revealOutput(editor: vscode.TextEditor, scroll: boolean): void {
    const doc = editor.document;
    if (doc.isClosed || vscode.window.activeTextEditor !== editor) return;
    const uri = doc.uri.toString();
    const line = editor.selection.active.line;
    for (const e of vscode.window.visibleTextEditors) {
      if (e.document.uri.scheme !== PREVIEW_SCHEME) continue;
      const r = this.results.get(e.document.uri.toString());
      const lines = r === undefined ? [] : previewLinesOf(r, uri, line, normUri);
      e.setDecorations(
        this.highlight,
        lineRuns(lines).map((x) => new vscode.Range(x.start, 0, x.end, 0)),
      );
      const to = scroll ? revealLine(lines, e.visibleRanges.map((v) => ({ start: v.start.line, end: v.end.line }))) : undefined;
      if (to !== undefined) e.revealRange(new vscode.Range(to, 0, to, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    // The template's own highlight (from a preview → template reveal) is stale now.
    editor.setDecorations(this.highlight, []);
  }

  private async revealSource(editor: vscode.TextEditor): Promise<void> {
    if (editor.document.uri.scheme !== PREVIEW_SCHEME) return;
    const r = this.results.get(editor.document.uri.toString());
    const src = r && sourceOfLine(r, editor.selection.active.line);
    if (!src) return;
    const uri = vscode.Uri.parse(src.uri);
    let target = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    if (target === undefined) {
      const other = vscode.window.visibleTextEditors.find((e) => e !== editor && e.document.uri.scheme === 'file');
      target = await vscode.window.showTextDocument(uri, { viewColumn: other?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: true, preview: true });
    }
    const range = new vscode.Range(src.line, 0, src.line, 0);
    target.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    for (const e of vscode.window.visibleTextEditors) e.setDecorations(this.highlight, e === target ? [range] : []);
  }

  dispose(): void {
    this.changes.dispose();
    this.highlight.dispose();
    for (const d of this.subs) d.dispose();
  }
}
