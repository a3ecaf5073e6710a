// Read-only documents of files inside packaged dependencies (`chartwright-archive:` URIs that go
// to definition answers for a define in `charts/*.tgz`): their text comes from the server.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ARCHIVE_SCHEME, ArchiveFileRequest, type ArchiveFileResult } from '../../server/src/lsp/protocol';
import { archiveLanguage, archiveParams, archiveText, isArchiveUri } from './archive-core';

/** registerArchiveDocuments serves archive documents through the running client. */
export function registerArchiveDocuments(client: () => LanguageClient | undefined): vscode.Disposable {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
      const c = client();
      const r = c?.isRunning() === true ? await c.sendRequest<ArchiveFileResult>(ArchiveFileRequest.method, archiveParams(uri.toString())) : undefined;
      return archiveText(uri.toString(), r);
    },
  };
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(ARCHIVE_SCHEME, provider),
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (!isArchiveUri(d.uri.toString())) return;
      const lang = archiveLanguage(d.uri.path);
      if (d.languageId !== lang) void vscode.languages.setTextDocumentLanguage(d, lang);
    }),
  );
}
