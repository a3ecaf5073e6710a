// The AnalysisHost over the real file system and clock (the language server's default).
import * as fs from 'node:fs';
import { nodeFS } from '../chart/fs';
import { MAX_VALUES_FILE_BYTES, readBoundedFile } from './boundedread';
import { defaultRuntime } from '../render/template-command';
import { SessionCrypto } from '../render/nativecrypto';
import type { AnalysisHost } from '../analysis/host';

/** MAX_DOCUMENT_BYTES bounds a file read as a document (64 MiB: far above any chart file). */
const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/** nodeHost reads files from disk: regular files of bounded size only (never a FIFO or a device). */
export function nodeHost(): AnalysisHost {
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
    chartFS: (root) => nodeFS(root),
    // Generated keys and certificates are reused between renders of the same call (bounded).
    runtime: defaultRuntime(new SessionCrypto()),
  };
}
