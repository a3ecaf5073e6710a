// Entry point for `chartwright language-server [--stdio]`: the CLI calls runLanguageServer.
import { StreamMessageReader, StreamMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { exitOnFramingError } from './framing';
import { nodeHost } from './nodeHost';
import { startServer } from './server';

/** runLanguageServer starts the server on stdio (the only transport offered); it exits by itself only when the stream breaks. */
export function runLanguageServer(argv: readonly string[]): void {
  if (!argv.includes('--stdio')) {
    process.stderr.write('chartwright language-server: only --stdio is supported\n');
  }
  // stdout is the protocol channel: route stray console output to stderr.
  console.log = (...args: unknown[]): void => void process.stderr.write(args.map(String).join(' ') + '\n');
  process.on('uncaughtException', (e) => process.stderr.write(`chartwright: uncaught ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`));
  const reader = new StreamMessageReader(process.stdin);
  exitOnFramingError(reader, (code) => process.exit(code), (s) => void process.stderr.write(s));
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  startServer(connection, nodeHost());
}
