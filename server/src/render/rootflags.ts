// Helm's early read of its root flags: newRootCmd calls flags.Parse(os.Args[1:]) on the
// persistent flags alone (settings.AddFlags and klog's flags), with unknown flags allowed, before
// cobra parses the command line; settings.Debug comes from there unless cobra's own parse sets
// --debug again before it stops. So `--set --debug` runs in debug mode (the early read skips the
// unknown `--set` and reads `--debug`) and a flag-parse error is followed by Helm 3's debug line
// when `--debug` stands before the first bad root-flag value. pflag's rules for unknown flags
// (ParseErrorsWhitelist.UnknownFlags): `--x=v` is skipped alone, `--x v` / `-x v` skip the next
// word unless it starts with '-'; `--help` / `-h` stop the read; so does a root flag's bad value.
import { parseBool } from './pflag';
import { goParseFloat32Error, goParseInt32Error, goParseIntError } from './pflagvalues';

type Check = (v: string) => string | undefined;
interface RootFlag {
  readonly bool: boolean;
  readonly check?: Check;
}

const BOOL: RootFlag = { bool: true, check: (v) => (parseBool(v) === undefined ? 'bad' : undefined) };
const VALUE: RootFlag = { bool: false };

/** uint64: strconv.ParseUint(s, 0, 64) accepts s. */
const uint64: Check = (v) => (/^(0[xX](_?[0-9a-fA-F])+|0[bB](_?[01])+|0[oO]?(_?[0-7])*|[1-9](_?[0-9])*)$/.test(v) && BigInt(v.replaceAll('_', '').replace(/^0([0-7])/, '0o$1')) < 2n ** 64n ? undefined : 'bad');

// Helm 3.17's settings.AddFlags and klog's flags (named with '-' for '_', hidden).
const LONG = new Map<string, RootFlag>([
  ['namespace', VALUE], ['kube-context', VALUE], ['kube-token', VALUE], ['kube-as-user', VALUE], ['kube-as-group', VALUE],
  ['kube-apiserver', VALUE], ['kube-ca-file', VALUE], ['kube-tls-server-name', VALUE], ['kube-insecure-skip-tls-verify', BOOL],
  ['kubeconfig', VALUE], ['debug', BOOL], ['registry-config', VALUE], ['repository-config', VALUE], ['repository-cache', VALUE],
  ['burst-limit', { bool: false, check: goParseIntError }], ['qps', { bool: false, check: goParseFloat32Error }],
  ['log-dir', VALUE], ['log-file', VALUE], ['log-file-max-size', { bool: false, check: uint64 }], ['logtostderr', BOOL],
  ['alsologtostderr', BOOL], ['v', { bool: false, check: goParseInt32Error }], ['add-dir-header', BOOL], ['skip-headers', BOOL],
  ['one-output', BOOL], ['skip-log-headers', BOOL], ['stderrthreshold', VALUE], ['vmodule', VALUE], ['log-backtrace-at', VALUE],
]);
const SHORT = new Map<string, string>([['n', 'namespace'], ['v', 'v']]);

/**
 * earlyDebug is settings.Debug after the early read of argv (the words after the command name;
 * the command word itself is a positional argument there).
 */
export function earlyDebug(argv: readonly string[]): boolean {
  let debug = false;
  const set = (name: string, value: string): boolean => {
    const f = LONG.get(name);
    if (f?.check?.(value) !== undefined) return false;
    if (name === 'debug') debug = parseBool(value) === true;
    return true;
  };
  // stripUnknownFlagValue: the next word is the unknown flag's value unless it starts with '-'.
  const skipValue = (i: number): number => (i + 1 < argv.length && !argv[i + 1].startsWith('-') ? i + 1 : i);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.length < 2 || !a.startsWith('-')) continue;
    if (a === '--') break;
    if (a.startsWith('--')) {
      const body = a.slice(2);
      if (body.startsWith('-') || body.startsWith('=')) return debug; // bad flag syntax
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const f = LONG.get(name);
      if (f === undefined) {
        if (name === 'help') return debug;
        if (eq < 0) i = skipValue(i);
        continue;
      }
      let value: string;
      if (eq >= 0) value = body.slice(eq + 1);
      else if (f.bool) value = 'true';
      else if (i + 1 < argv.length) value = argv[++i];
      else return debug; // flag needs an argument
      if (!set(name, value)) return debug;
      continue;
    }
    let rest = a.slice(1);
    while (rest.length > 0) {
      const name = SHORT.get(rest[0]);
      if (name === undefined) {
        if (rest[0] === 'h') return debug;
        if (rest.length > 2 && rest[1] === '=') break;
        i = skipValue(i);
        rest = rest.slice(1);
        continue;
      }
      let value: string;
      if (rest.length > 2 && rest[1] === '=') value = rest.slice(2);
      else if (rest.length > 1) value = rest.slice(1);
      else if (i + 1 < argv.length) value = argv[++i];
      else return debug;
      if (!set(name, value)) return debug;
      rest = '';
    }
  }
  return debug;
}
