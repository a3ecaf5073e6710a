// Extension entry: starts the bundled language server (server/out/server.js over stdio), marks chart
// templates as helm/helm-tpl documents, and wires the preview, commands and status bar.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { registerArchiveDocuments } from './archive';
import { ActionBracesAssist } from './braces';
import { registerCommands } from './commands';
import { languageChange } from './detect-core';
import { WorkspaceTrustNotification } from '../../server/src/lsp/protocol';
import { PreviewProvider } from './preview';
import { ChartStatus } from './status';
import { initializationOptions, trustParams } from './trust-core';

let client: LanguageClient | undefined;

/** SERVER_NODE_FLAGS: node flags of the language server process (bench/lsp.ts starts it with the same). */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];

/**
 * SERVER_ENV: environment of the language server process (bench/lsp.ts sets the same). Two glibc
 * malloc arenas instead of one per thread: the server's threads (main, render workers, V8's
 * helpers) allocate little natively, and each arena kept its own free pages (~10 MB less RSS).
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('server/out/server.js');
  // TransportKind.stdio passes `--stdio` to the server.
  // A small young generation (2 MB semi-spaces): the server's own allocations per request are
  // small, and with node's default the idle server kept ~60 MB more resident (bench/lsp.ts).
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_FLAGS], env: { ...SERVER_ENV } } },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'], env: { ...SERVER_ENV } } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'helm' },
      { scheme: 'file', language: 'helm-tpl' },
      { scheme: 'file', pattern: '**/Chart.yaml' },
      { scheme: 'file', pattern: '**/values*.{yaml,yml}' },
      // A chart's ci/*.yaml values files (hover, completion and definition as in values.yaml).
      { scheme: 'file', pattern: '**/ci/*.{yaml,yml}' },
    ],
    synchronize: {
      configurationSection: 'chartwright',
      fileEvents: vscode.workspace.createFileSystemWatcher(
        '**/{Chart.yaml,Chart.lock,requirements.yaml,values*.yaml,values*.yml,values.schema.json,.helmignore,*.tgz,*.tpl,templates/**}',
      ),
    },
    outputChannelName: 'Chartwright',
    // Workspace trust and folders: untrusted, the server reads values files only inside them.
    initializationOptions: () => initializationOptions(vscode.workspace.isTrusted, vscode.workspace.workspaceFolders),
  };
  return new LanguageClient('chartwright', 'Chartwright', serverOptions, clientOptions);
}

// Chart templates get the helm languages; files the name patterns claimed outside a chart go back.
// Each document is decided once, so a language the user picks by hand afterwards is respected.
const decided = new Set<string>();
function detectLanguage(doc: vscode.TextDocument): void {
  if (doc.uri.scheme !== 'file' || decided.has(doc.uri.toString())) return;
  decided.add(doc.uri.toString());
  const next = languageChange(doc.uri.fsPath, doc.languageId, existsSync);
  if (next !== undefined) void vscode.languages.setTextDocumentLanguage(doc, next);
}

/** activate is called by VS Code on the first helm document or a workspace with a Chart.yaml. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  vscode.workspace.textDocuments.forEach(detectLanguage);
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(detectLanguage),
    vscode.workspace.onDidCloseTextDocument((d) => {
      // setTextDocumentLanguage closes and reopens the document; keep the decision for that reopen.
      if (!vscode.workspace.textDocuments.some((o) => o.uri.toString() === d.uri.toString())) {
        setTimeout(() => {
          if (!vscode.workspace.textDocuments.some((o) => o.uri.toString() === d.uri.toString())) decided.delete(d.uri.toString());
        }, 1000);
      }
    }),
  );

  // Trust granted or folders changed: the server re-reads what it refused (settings restricted in
  // package.json's restrictedConfigurations come back through the configuration change).
  const sendTrust = (): void => {
    if (client?.isRunning() === true) void client.sendNotification(WorkspaceTrustNotification.method, trustParams(vscode.workspace.isTrusted, vscode.workspace.workspaceFolders));
  };
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(sendTrust), vscode.workspace.onDidChangeWorkspaceFolders(sendTrust));

  const preview = new PreviewProvider(() => client);
  const status = new ChartStatus();
  // A collection of its own, so the server's diagnostics never replace the dry run's and vice versa.
  const dryRunProblems = vscode.languages.createDiagnosticCollection('chartwright-dry-run');
  context.subscriptions.push(
    preview,
    status,
    new ActionBracesAssist(),
    registerArchiveDocuments(() => client),
    dryRunProblems,
    // A dry run's problems describe the text it rendered; an edited document's are stale.
    vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && dryRunProblems.delete(e.document.uri)),
  );
  context.subscriptions.push(
    ...registerCommands({
      client: () => client,
      preview,
      dryRunProblems,
      restart: async () => {
        if (client === undefined) {
          client = createClient(context);
          await client.start();
        } else {
          await client.restart();
        }
      },
    }),
  );

  client = createClient(context);
  try {
    await client.start();
  } catch (e) {
    void vscode.window.showErrorMessage(`Chartwright: the language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** deactivate stops the language server. */
export async function deactivate(): Promise<void> {
  if (client !== undefined) await client.stop();
  client = undefined;
}
