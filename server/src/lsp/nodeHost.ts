// The AnalysisHost over the real file system and clock (the language server's default).
import * as fs from 'node:fs';
import { nodeFS } from '../chart/fs';
import { defaultRuntime } from '../render/template-command';
import type { AnalysisHost } from '../analysis/host';

/** nodeHost reads files from disk. */
export function nodeHost(): AnalysisHost {
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
    chartFS: (root) => nodeFS(root),
    runtime: defaultRuntime(),
    spec: { kind: 'node' },
  };
}
