// Value checks of spf13/pflag's typed flags that Helm's commands declare but that change nothing
// Chartwright prints (`--timeout`, `--burst-limit`, `--qps`, `-l/--labels`): the value must still
// parse as Go parses it, with Go's error text (pflag wraps it as `invalid argument "V" for "F" flag: ...`).
import { quote as goQuote } from '../template/fmt';

/** goDurationError is time.ParseDuration's error for s, or undefined when s is a valid duration. */
export function goDurationError(s: string): string | undefined {
  const orig = s;
  const invalid = `time: invalid duration ${goQuote(orig)}`;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  if (s === '0') return undefined;
  if (s === '') return invalid;
  const units = new Map<string, number>([
    ['ns', 1], ['us', 1e3], ['µs', 1e3], ['μs', 1e3], ['ms', 1e6], ['s', 1e9], ['m', 60e9], ['h', 3600e9],
  ]);
  let total = 0;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0] >= '0' && s[0] <= '9'))) return invalid;
    const lead = /^[0-9]*/.exec(s)?.[0] ?? '';
    s = s.slice(lead.length);
    let frac = '';
    let post = false;
    if (s[0] === '.') {
      frac = /^\.[0-9]*/.exec(s)?.[0] ?? '.';
      s = s.slice(frac.length);
      post = frac.length > 1;
    }
    if (lead === '' && !post) return invalid;
    const unit = /^[^0-9.]*/.exec(s)?.[0] ?? '';
    s = s.slice(unit.length);
    if (unit === '') return `time: missing unit in duration ${goQuote(orig)}`;
    const scale = units.get(unit);
    if (scale === undefined) return `time: unknown unit ${goQuote(unit)} in duration ${goQuote(orig)}`;
    total += Number(`${lead === '' ? '0' : lead}${frac === '.' ? '' : frac}`) * scale;
    if (total > 2 ** 63 - 1) return invalid;
  }
  return undefined;
}

/** goParseIntError is strconv.ParseInt(s, 0, 64)'s error text, or undefined when s parses. */
export function goParseIntError(s: string): string | undefined {
  const body = s.replace(/^[+-]/, '');
  const ok = /^(0[xX](_?[0-9a-fA-F])+|0[bB](_?[01])+|0[oO](_?[0-7])+|0(_?[0-7])*|[1-9](_?[0-9])*)$/.test(body);
  if (!ok) return `strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax`;
  const clean = body.replaceAll('_', '');
  const n = BigInt(/^0[0-7]+$/.test(clean) ? `0o${clean.slice(1)}` : clean.replace(/^0[oO]/, '0o'));
  const limit = s.startsWith('-') ? 2n ** 63n : 2n ** 63n - 1n;
  if (n > limit) return `strconv.ParseInt: parsing ${goQuote(s)}: value out of range`;
  return undefined;
}

/** goParseFloat32Error is strconv.ParseFloat(s, 32)'s error text, or undefined when s parses. */
export function goParseFloat32Error(s: string): string | undefined {
  const dec = /^[+-]?((\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d+)?|inf|infinity|nan)$/i;
  if (!dec.test(s)) return `strconv.ParseFloat: parsing ${goQuote(s)}: invalid syntax`;
  const v = Number(s.replaceAll('_', '').replace(/^([+-]?)inf(inity)?$/i, '$1Infinity'));
  if (Number.isFinite(v) && Math.abs(Math.fround(v)) === Infinity) return `strconv.ParseFloat: parsing ${goQuote(s)}: value out of range`;
  return undefined;
}

/** stringToStringError is pflag's stringToString Set check: every CSV item is key=value. */
export function stringToStringError(items: readonly string[]): string | undefined {
  const bad = items.find((kv) => !kv.includes('='));
  return bad === undefined ? undefined : `${bad} must be formatted as key=value`;
}


/** goParseInt32Error is strconv.ParseInt(s, 10, 32)'s error text (klog's -v), or undefined when s parses. */
export function goParseInt32Error(s: string): string | undefined {
  if (!/^[+-]?\d+$/.test(s)) return `strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax`;
  const n = BigInt(s);
  if (n > 2n ** 31n - 1n || n < -(2n ** 31n)) return `strconv.ParseInt: parsing ${goQuote(s)}: value out of range`;
  return undefined;
}
