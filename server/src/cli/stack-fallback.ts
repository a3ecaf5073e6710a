// Rendering commands first run on the main thread and, only when its small JavaScript stack
// shaped the result, again in a worker with a big one (see start() in main.ts). A worker costs a
// second isolate and a second load of the bundle (~40 ms of CPU per run), which almost no chart
// needs: Helm lets `include` nest 1000 deep and YAML nest 10000 deep, and only such charts reach
// the main thread's stack. The rerun must see the same command-line files: standard input and
// FIFOs can be read only once, so the first run records what each read gave.
import { stackOverflowCount } from '../template/stack-signal';

/** Outcome is a command's output and exit code. */
export interface Outcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** CliRead is one read of a command-line file (`-f`, `--set-file`): its path and bytes. */
export interface CliRead {
  readonly path: string;
  readonly bytes: Uint8Array | null;
}

type Reader = (path: string) => Uint8Array | undefined;

/**
 * recordingReader wraps `read`: the n-th read first replays the n-th of `replay` when it names
 * the same path (the rerun of a first attempt), and every read is appended to `log`. A read that
 * throws ends the recording (a rerun reads the rest again).
 */
export function recordingReader(read: Reader, replay: readonly CliRead[], log: CliRead[]): Reader {
  let n = 0;
  let recording = true;
  return (path) => {
    const i = n++;
    const old = replay[i];
    if (recording && old !== undefined && old.path === path) {
      log.push(old);
      return old.bytes ?? undefined;
    }
    let bytes: Uint8Array | undefined;
    try {
      bytes = read(path);
    } catch (e) {
      recording = false;
      throw e;
    }
    if (recording) log.push({ path, bytes: bytes ?? null });
    return bytes;
  };
}

// Texts of an overflow that escaped the places that note one (stack-signal.ts): V8's own message
// and this engine's limit texts. Meeting one only costs a rerun with the big stack.
const OVERFLOW_TEXTS = ['Maximum call stack size exceeded', 'JavaScript stack', 'JavaScript call stack'];

function mentionsOverflow(s: string): boolean {
  return OVERFLOW_TEXTS.some((t) => s.includes(t));
}

/**
 * firstAttempt runs a command on the current (main) thread and returns its outcome, or undefined
 * when the command must run again with a big stack: a stack overflow was met (and perhaps turned
 * into an error text), the output mentions one, or the command threw.
 */
export function firstAttempt(run: () => Outcome): Outcome | undefined {
  const before = stackOverflowCount();
  let r: Outcome;
  try {
    r = run();
  } catch {
    return undefined;
  }
  return shapedByStack(before, r) ? undefined : r;
}

/**
 * shapedByStack: the stack may have shaped outcome `r` of a run that started when the thread had
 * met `overflowsBefore` overflows (firstAttempt then runs it again with the big stack).
 */
export function shapedByStack(overflowsBefore: number, r: Outcome): boolean {
  return stackOverflowCount() !== overflowsBefore || mentionsOverflow(r.stderr) || mentionsOverflow(r.stdout);
}

/** usesOutputDir reports whether argv writes files (`--output-dir`): such runs go to the worker at once. */
export function usesOutputDir(argv: readonly string[]): boolean {
  return argv.some((a) => a === '--output-dir' || a.startsWith('--output-dir='));
}
