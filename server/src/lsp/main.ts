// `node server/src/lsp/main.ts --stdio`: the language server as a standalone process.
import { runLanguageServer } from './cli-entry';

if (require.main === module) runLanguageServer(process.argv.slice(2));
