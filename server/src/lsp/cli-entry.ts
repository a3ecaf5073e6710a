// Entry point for `chartwright language-server [--stdio]`: the CLI calls runLanguageServer.
import { setFlagsFromString } from 'node:v8';
import { StreamMessageReader, StreamMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { exitOnFramingError } from './framing';
import { nodeHost } from './nodeHost';
import { startServer } from './server';

/** HEAP_GROWING_PERCENT: see runLanguageServer. */
const HEAP_GROWING_PERCENT = 20;

/** runLanguageServer starts the server on stdio (the only transport offered); it exits by itself only when the stream breaks. */
export function runLanguageServer(argv: readonly string[]): void {
  if (!argv.includes('--stdio')) {
    process.stderr.write('chartwright language-server: only --stdio is supported\n');
  }
  // stdout is the protocol channel: route stray console output to stderr.
  console.log = (...args: unknown[]): void => void process.stderr.write(args.map(String).join(' ') + '\n');
  process.on('uncaughtException', (e) => process.stderr.write(`chartwright: uncaught ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`));
  // Grow each heap (this thread's and every render worker's: V8 flags are per process, and this
  // one is read at every GC) by 20% over what the last full GC kept (V8 adds at least 8 MB),
  // instead of V8's up to 4x: during a long burst of edits there is no idle GC (idleGc.ts), and
  // the threads kept up to ~100 MB of garbage each before V8 collected (bench/lsp.ts: 346 MB
  // right after 5,000 edits; 219 MB with 50%).
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const reader = new StreamMessageReader(process.stdin);
  exitOnFramingError(reader, (code) => process.exit(code), (s) => void process.stderr.write(s));
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  startServer(connection, nodeHost());
}
