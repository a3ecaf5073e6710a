// A generic command-line parser with spf13/pflag's rules as cobra/Helm configure them:
// `--flag value`, `--flag=value`, `-f value`, `-fvalue`, `-f=value`, runs of shorthand bools
// (`-abc`), bool flags taking no value (`--debug`, `--debug=false`), optional-value flags
// (NoOptDefVal), `--` ending the flags. It knows nothing of any command: callers pass a table of
// flag specs whose `apply` stores the value into the caller's own flag record.

import { quote } from '../template/fmt';

/** FlagKind is a flag's pflag value type; only 'bool' changes how the value is read. */
export type FlagKind = 'bool' | 'string' | 'stringArray' | 'stringSlice';

/** FlagSpec describes one flag: its names, kind, optional NoOptDefVal, and how to store a value. */
export interface FlagSpec<T> {
  readonly long: string;
  readonly short?: string;
  readonly kind: FlagKind;
  /** noOptDefault is pflag's NoOptDefVal: the value `--long` alone means (the next word is not consumed). */
  readonly noOptDefault?: string;
  /** apply stores the value (bools arrive as 'true'/'false'); it returns an error text or undefined. Absent = accepted and ignored. */
  readonly apply?: (target: T, value: string) => string | undefined;
  /** check is the value's Go parse (duration, int, ...): its error is wrapped as pflag wraps a Set error. */
  readonly check?: (value: string) => string | undefined;
  /** usage is the help line's text; valueName the word after the flag (pflag's type name). */
  readonly usage?: string;
  readonly valueName?: string;
  /** deprecated is cobra's MarkDeprecated text: using the flag prints `Flag --NAME has been deprecated, TEXT`. */
  readonly deprecated?: string;
}

/** PflagResult is the positional arguments (and the deprecation lines pflag printed) or pflag's error text. */
export type PflagResult = { ok: true; args: string[]; notices: string[] } | { ok: false; error: string; notices: string[] };

/** flagName is how pflag names a flag in errors: `-s, --long` when it has a shorthand. */
function flagName<T>(spec: FlagSpec<T>): string {
  return spec.short !== undefined ? `-${spec.short}, --${spec.long}` : `--${spec.long}`;
}

/** parseBool is Go's strconv.ParseBool (undefined = invalid syntax). */
export function parseBool(v: string): boolean | undefined {
  switch (v) {
    case '1': case 't': case 'T': case 'TRUE': case 'true': case 'True':
      return true;
    case '0': case 'f': case 'F': case 'FALSE': case 'false': case 'False':
      return false;
  }
  return undefined;
}

/** splitCSV is pflag's StringSlice parsing (encoding/csv, one record). */
export function splitCSV(v: string): string[] {
  if (v === '') return [];
  const out: string[] = [];
  let cur = '';
  let i = 0;
  let quoted = false;
  let fieldStart = true;
  while (i < v.length) {
    const c = v[i];
    if (fieldStart && c === '"') {
      quoted = true;
      fieldStart = false;
      i++;
      continue;
    }
    fieldStart = false;
    if (quoted) {
      if (c === '"') {
        if (v[i + 1] === '"') {
          cur += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cur += c;
      i++;
      continue;
    }
    if (c === ',') {
      out.push(cur);
      cur = '';
      fieldStart = true;
      i++;
      continue;
    }
    cur += c;
    i++;
  }
  out.push(cur);
  return out;
}

/** parsePflags parses argv against specs, applying each flag to target in order; it stops at the first error. */
export function parsePflags<T>(argv: readonly string[], specs: readonly FlagSpec<T>[], target: T): PflagResult {
  const args: string[] = [];
  const notices: string[] = [];
  const byLong = new Map(specs.map((s) => [s.long, s]));
  const byShort = new Map(specs.filter((s) => s.short !== undefined).map((s) => [s.short as string, s]));
  const set = (spec: FlagSpec<T>, value: string): string | undefined => {
    const name = flagName(spec);
    if (spec.deprecated !== undefined) notices.push(`Flag --${spec.long} has been deprecated, ${spec.deprecated}`);
    if (spec.kind === 'bool') {
      const b = parseBool(value);
      if (b === undefined) return `invalid argument "${value}" for "${name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`;
      value = b ? 'true' : 'false';
    }
    const bad = spec.check?.(value);
    if (bad !== undefined) return `invalid argument ${quote(value)} for "${name}" flag: ${bad}`;
    return spec.apply?.(target, value);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const body = a.slice(2);
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const spec = byLong.get(name);
      if (spec === undefined) return { ok: false, error: `unknown flag: --${name}`, notices };
      let value: string;
      if (eq >= 0) value = body.slice(eq + 1);
      else if (spec.kind === 'bool') value = 'true';
      else if (spec.noOptDefault !== undefined) value = spec.noOptDefault;
      else if (i + 1 < argv.length) value = argv[++i];
      else return { ok: false, error: `flag needs an argument: --${name}`, notices };
      const err = set(spec, value);
      if (err !== undefined) return { ok: false, error: err, notices };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // A run of shorthand flags: -abc, -fvalue, -f=value, -f value.
      let rest = a.slice(1);
      while (rest.length > 0) {
        const c = rest[0];
        const spec = byShort.get(c);
        if (spec === undefined) return { ok: false, error: `unknown shorthand flag: '${c}' in -${rest}`, notices };
        let value: string;
        if (rest.length > 2 && rest[1] === '=') {
          value = rest.slice(2);
          rest = '';
        } else if (spec.kind === 'bool') {
          value = 'true';
          rest = rest.slice(1);
        } else if (rest.length > 1) {
          value = rest.slice(1);
          rest = '';
        } else if (i + 1 < argv.length) {
          value = argv[++i];
          rest = '';
        } else {
          return { ok: false, error: `flag needs an argument: '${c}' in -${c}`, notices };
        }
        const err = set(spec, value);
        if (err !== undefined) return { ok: false, error: err, notices };
      }
      continue;
    }
    args.push(a);
  }
  return { ok: true, args, notices };
}
