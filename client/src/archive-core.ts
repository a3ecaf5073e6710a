// The vscode-free part of read-only archive documents (files inside a chart's `charts/*.tgz`,
// opened by go to definition): which URIs they are, the request that fetches their text, the
// text shown when the server has none, and the language they are shown in.
import { ARCHIVE_SCHEME, type ArchiveFileParams, type ArchiveFileResult } from '../../server/src/lsp/protocol';

/** isArchiveUri tells whether a URI (string form) names an archive document. */
export function isArchiveUri(uri: string): boolean {
  return uri.startsWith(ARCHIVE_SCHEME + ':');
}

/** archiveParams is the `chartwright/archiveFile` request for a URI. */
export function archiveParams(uri: string): ArchiveFileParams {
  return { uri };
}

/** archiveText is the document text for the server's answer (a note when the file is gone). */
export function archiveText(uri: string, r: ArchiveFileResult | undefined): string {
  if (r !== null && r !== undefined) return r.text;
  return `# Chartwright: ${uri} is not (or no longer) a file of a packaged dependency.\n`;
}

/** archiveLanguage is the language an archive document is shown in (helpers: helm-tpl, templates: helm, else plain YAML). */
export function archiveLanguage(path: string): string {
  if (/\.tpl$/.test(path)) return 'helm-tpl';
  if (/\/templates\//.test(path)) return 'helm';
  return 'yaml';
}
