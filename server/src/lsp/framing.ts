// What to do when the LSP byte stream breaks. A frame with a wrong `Content-Length` (or a header
// without one) leaves the reader misaligned: every later message is read from the middle of
// another one, so the server can never answer again. Staying alive then only hides the failure
// from the editor, which restarts a server that exits; so a framing error ends the process.
// A well-framed message that is not JSON leaves the stream aligned and is only logged.
import type { MessageReader } from 'vscode-languageserver/node';

/** FRAMING_EXIT_CODE is the exit status after a framing error. */
export const FRAMING_EXIT_CODE = 2;

/** isFramingError tells a broken stream (headers, lengths) from one bad message body. */
export function isFramingError(e: unknown): boolean {
  // The reader's JSON decoding throws SyntaxError for a body that is not JSON; a too short
  // Content-Length also ends there, and the rest of the body then fails as a header next.
  return !(e instanceof SyntaxError);
}

/** exitOnFramingError makes `reader` end the process on a framing error. */
export function exitOnFramingError(reader: MessageReader, exit: (code: number) => void, log: (s: string) => void): void {
  reader.onError((e) => {
    const msg = e instanceof Error ? e.message : String(e);
    if (!isFramingError(e)) {
      log(`chartwright: ignored a message that is not JSON: ${msg}\n`);
      return;
    }
    log(`chartwright: the LSP message stream is corrupt (${msg.split('\n')[0]}); exiting\n`);
    exit(FRAMING_EXIT_CODE);
  });
}
