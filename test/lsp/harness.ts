// An LSP client for tests: talks to startServer over in-memory streams (or to a process over its
// stdio), records published diagnostics and lets tests wait for a matching publication.
import { PassThrough } from 'node:stream';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import type { AnalysisHost } from '../../server/src/analysis/host';
import { type LiveServer, type ServerOptions, startServer } from '../../server/src/lsp/server';

/** PublishParams is textDocument/publishDiagnostics' payload (the fields tests read). */
export interface PublishParams {
  uri: string;
  version?: number;
  diagnostics: Array<{ code?: string; message: string; severity?: number; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>;
}

/** TestClient is a JSON-RPC connection plus a diagnostics waiter. */
export interface TestClient {
  readonly conn: MessageConnection;
  diags(uri: string, pred: (p: PublishParams) => boolean): Promise<PublishParams>;
}

/** client wraps streams as an LSP client answering workspace/configuration with `config`. */
export function client(reader: NodeJS.ReadableStream, writer: NodeJS.WritableStream, config: unknown = {}): TestClient {
  const conn = createMessageConnection(new StreamMessageReader(reader), new StreamMessageWriter(writer));
  const waiters: Array<{ uri: string; pred: (p: PublishParams) => boolean; resolve: (p: PublishParams) => void }> = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishParams) => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].uri === p.uri && waiters[i].pred(p)) waiters.splice(i, 1)[0].resolve(p);
    }
  });
  conn.onRequest('workspace/configuration', () => [config]);
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  return { conn, diags: (uri, pred) => new Promise((resolve) => waiters.push({ uri, pred, resolve })) };
}

/** inMemory starts a server over `host` and an initialized client talking to it. */
export async function inMemory(
  host: AnalysisHost,
  opts: ServerOptions = { debounceMs: 1, renderDelayMs: 1 },
  settings: unknown = {},
  /** init: more initializationOptions beside `chartwright` (e.g. the client's workspace trust). */
  init: Readonly<Record<string, unknown>> = {},
): Promise<TestClient & { readonly live: LiveServer; dispose(): void }> {
  const up = new PassThrough();
  const down = new PassThrough();
  const server = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
  const live = startServer(server, host, opts);
  const c = client(down, up, settings);
  await c.conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: { textDocument: { completion: { completionList: { itemDefaults: ['editRange'] } } } }, initializationOptions: { ...init, chartwright: settings } });
  await c.conn.sendNotification('initialized', {});
  return {
    ...c,
    live,
    dispose() {
      c.conn.dispose();
      server.dispose();
    },
  };
}
