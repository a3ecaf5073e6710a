// The AnalysisHost over the real file system and clock (the language server's default).
import * as fs from 'node:fs';
import * as posix from 'node:path/posix';
import { nodeFS } from '../chart/fs';
import { defaultRuntime } from '../render/template-command';
import type { AnalysisHost } from '../analysis/host';

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

/** nodeHost reads files from disk. */
export function nodeHost(): AnalysisHost {
  let workspaceRoots: readonly string[] = [];
  return {
    readFile(p) {
      try {
        return new Uint8Array(fs.readFileSync(p));
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
    runtime: defaultRuntime(),
  };
}
