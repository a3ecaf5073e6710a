// The editor's workspace trust as the server keeps it: from initializationOptions (else trusted,
// with the LSP workspace folders), replaced by each `chartwright/workspaceTrust` notification,
// and stamped onto every AnalysisSettings the server installs.
import type { Connection, InitializeParams } from 'vscode-languageserver/node';
import { TRUSTED, type AnalysisSettings, type WorkspaceTrust } from '../analysis/host';
import { uriToPath } from './convert';
import { TRUST_INIT_KEY, WorkspaceTrustNotification } from './protocol';
import { parseTrust } from './settings';

/** TrustState holds the current trust; `apply` stamps it onto settings. */
export class TrustState {
  private current: WorkspaceTrust = TRUSTED;

  get trust(): WorkspaceTrust {
    return this.current;
  }

  /** initialize reads the trust the client sent with `initialize`. */
  initialize(params: InitializeParams): void {
    const init: unknown = params.initializationOptions;
    const sent = init !== null && typeof init === 'object' ? parseTrust((init as Record<string, unknown>)[TRUST_INIT_KEY]) : undefined;
    const lspFolders = (params.workspaceFolders ?? []).flatMap((f) => uriToPath(f.uri) ?? []);
    const root = params.rootUri !== null && params.rootUri !== undefined ? uriToPath(params.rootUri) : undefined;
    const fallback = lspFolders.length > 0 ? lspFolders : root !== undefined ? [root] : [];
    this.current = sent === undefined ? TRUSTED : { trusted: sent.trusted, folders: sent.folders.length > 0 ? sent.folders : fallback };
  }

  /** apply returns `s` with the current trust. */
  apply(s: AnalysisSettings): AnalysisSettings {
    return { ...s, trust: this.current };
  }

  /** listen replaces the trust on each notification and calls `changed`. */
  listen(connection: Connection, changed: () => void): void {
    connection.onNotification(WorkspaceTrustNotification.method, (raw: unknown) => {
      const t = parseTrust(raw);
      if (t === undefined) return;
      this.current = t;
      changed();
    });
  }
}
