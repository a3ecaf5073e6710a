// The AnalysisHost over the real file system and clock (the language server's default).
import * as fs from 'node:fs';
import * as posix from 'node:path/posix';
import { nodeFS } from '../chart/fs';
import { MAX_VALUES_FILE_BYTES, readBoundedFile } from './boundedread';
import { defaultRuntime } from '../render/template-command';
import { SessionCrypto } from '../render/nativecrypto';
import type { AnalysisHost } from '../analysis/host';

/** MAX_DOCUMENT_BYTES bounds a file read as a document (64 MiB: far above any chart file). */
const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/**
 * confinementOf is the directory a chart rooted at `root` may reach through symlinks: the
 * innermost workspace folder containing it (a monorepo's shared `common` chart linked into
 * `charts/`), or the chart itself when it lies in no folder.
 */
export function confinementOf(root: string, workspaceRoots: readonly string[]): string {
  let best: string | undefined;
  for (const w of workspaceRoots) {
    const prefix = w.endsWith('/') ? w : w + '/';
    if ((root === w || root.startsWith(prefix)) && (best === undefined || w.length > best.length)) best = w;
  }
  return best ?? root;
}

/** nodeHost reads files from disk: regular files of bounded size only (never a FIFO or a device). */
export function nodeHost(): AnalysisHost {
  let workspaceRoots: readonly string[] = [];
  return {
    readFile(p) {
      const r = readBoundedFile(p, MAX_DOCUMENT_BYTES);
      return 'bytes' in r ? r.bytes : undefined;
    },
    readUserFile: (p) => readBoundedFile(p, MAX_VALUES_FILE_BYTES),
    realPath(p) {
      try {
        return fs.realpathSync.native(p);
      } catch {
        return undefined;
      }
    },
    isFile(p) {
      try {
        return fs.statSync(p).isFile();
      } catch {
        return false;
      }
    },
    chartFS: (root) => nodeFS(root, confinementOf(root, workspaceRoots)),
    setWorkspaceRoots(roots) {
      workspaceRoots = roots.map((r) => posix.normalize(r));
    },
    // Generated keys and certificates are reused between renders of the same call (bounded).
    runtime: defaultRuntime(new SessionCrypto()),
    // Render workers rebuild this host from the spec, with the same workspace folders.
    get spec() {
      return { kind: 'node' as const, workspaceRoots };
    },
  };
}
