// Helm's readFile for `-f` and `--set-file` paths (pkg/cli/values/options.go), up to the read:
// `-` (after trimming spaces) is standard input; any other path is first parsed as a URL
// (net/url.Parse, whose errors are Helm's: `parse ":x": missing protocol scheme`); a scheme with
// a getter (http, https, oci — Helm's built-in ones) is downloaded by Helm, which Chartwright
// never does, so it is refused naming the flag; anything else is a local file.
import { URLError, parseURL } from '../sprig/urls';
import type { ChartFS } from './fs';

/** RefusedInput is a command-line input Chartwright does not read (a URL); its text is the whole error. */
export class RefusedInput extends Error {}

const GETTER_SCHEMES = new Set(['http', 'https', 'oci']);

/**
 * checkCliPath throws what Helm's readFile fails with before reading `p` (a URL parse error,
 * as an Error with Go's text) or a RefusedInput for a URL Helm would download. `flag` names
 * the flag in the refusal (`-f`, `--set-file`).
 */
export function checkCliPath(p: string, flag: string): void {
  if (p.trim() === '-') return;
  let scheme: string;
  try {
    scheme = parseURL(p).scheme;
  } catch (e) {
    if (e instanceof URLError) throw new Error(e.message);
    throw e;
  }
  if (!GETTER_SCHEMES.has(scheme)) return;
  const what = flag === '-f' ? 'values files' : 'files';
  throw new RefusedInput(`${flag} ${p}: ${what} from URLs are not supported: Chartwright reads local files only (download it first)`);
}

/**
 * readCliFile is os.ReadFile of a command-line path `p` (at `abs` in `fs`): the bytes, undefined
 * when nothing is there (`open p: no such file or directory`), or Go's error for a directory
 * (`read p: is a directory`) and for a path through a regular file (`open p: not a directory`).
 */
export function readCliFile(fs: ChartFS, abs: string, p: string): Uint8Array | undefined {
  const b = fs.readFile(abs);
  if (b !== undefined) return b;
  if (fs.isDirectory(abs)) throw new Error(`read ${p}: is a directory`);
  // The nearest ancestor that exists decides: a file there is ENOTDIR.
  for (let d = abs.slice(0, Math.max(abs.lastIndexOf('/'), 0)); d !== ''; d = d.slice(0, Math.max(d.lastIndexOf('/'), 0))) {
    if (!fs.exists(d)) continue;
    if (!fs.isDirectory(d)) throw new Error(`open ${p}: not a directory`);
    break;
  }
  return undefined;
}
