// What the client tells the server about workspace trust (vscode-free, unit-tested): whether the
// workspace is trusted and its folders' file URIs. Untrusted, the server reads files named by
// settings (values files) only inside these folders or the chart itself.
import { TRUST_INIT_KEY, type WorkspaceTrustParams } from '../../server/src/lsp/protocol';

/** FolderLike is the part of a vscode.WorkspaceFolder used here. */
export interface FolderLike {
  readonly uri: { readonly scheme: string; toString(): string };
}

/** trustParams builds the trust message; non-file folders (remote, virtual) are left out. */
export function trustParams(isTrusted: boolean, folders: readonly FolderLike[] | undefined): WorkspaceTrustParams {
  return { trusted: isTrusted, folders: (folders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.toString()) };
}

/** initializationOptions is what the client sends with `initialize`. */
export function initializationOptions(isTrusted: boolean, folders: readonly FolderLike[] | undefined): Record<string, unknown> {
  return { [TRUST_INIT_KEY]: trustParams(isTrusted, folders) };
}
