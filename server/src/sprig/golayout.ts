// Go's time package pieces sprig needs: locations (via Intl), civil-time conversion, layout
// formatting and parsing (time.Format / time.ParseInLocation with Go's error texts), and
// time.ParseDuration / Duration.String.

/** Loc is a *time.Location: UTC, a fixed zone, or an IANA zone resolved through Intl. */
export type Loc =
  | { kind: 'utc'; name: string }
  | { kind: 'fixed'; name: string; offset: number }
  | { kind: 'iana'; name: string; zone: string };

/** UTC is time.UTC. */
export const UTC: Loc = { kind: 'utc', name: 'UTC' };

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function dtf(zone: string, locale = 'en-US', tzName: 'longOffset' | 'short' = 'longOffset'): Intl.DateTimeFormat {
  const key = zone + '|' + locale + '|' + tzName;
  let f = fmtCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: tzName });
    fmtCache.set(key, f);
  }
  return f;
}

/** loadLocation is time.LoadLocation: "" and "UTC" are UTC, "Local" is the runtime's zone. */
export function loadLocation(name: string, localZone: string): Loc | undefined {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return localLoc(localZone);
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    // Go reads zoneinfo files, so names are case-sensitive; Intl is not.
    if (resolved !== name && resolved.toLowerCase() === name.toLowerCase() && !/^[A-Z]/.test(name)) return undefined;
    return { kind: 'iana', name, zone: name };
  } catch {
    return undefined;
  }
}

/** localLoc is time.Local for the runtime's zone (named "Local" like Go's). */
export function localLoc(localZone: string): Loc {
  if (localZone === 'UTC' || localZone === '') return { kind: 'utc', name: 'Local' };
  return { kind: 'iana', name: 'Local', zone: localZone };
}

// Zones whose tzdata abbreviation Intl does not produce in any probed locale.
const ABBR: Record<string, [string, string?]> = {
  'Asia/Shanghai': ['CST'],
  'Asia/Taipei': ['CST'],
  'Asia/Hong_Kong': ['HKT'],
  'Asia/Seoul': ['KST'],
  'Europe/Moscow': ['MSK'],
  'Asia/Karachi': ['PKT'],
  'Asia/Manila': ['PST'],
  'Asia/Jakarta': ['WIB'],
  'Asia/Jerusalem': ['IST', 'IDT'],
  'Europe/Dublin': ['GMT', 'IST'],
};
const PROBE_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-IN', 'en-NZ', 'ja-JP', 'en-ZA'];

function offsetName(offset: number): string {
  // tzdata's numeric abbreviations: "+03", "+0530".
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const h = String(Math.floor(a / 3600)).padStart(2, '0');
  const m = Math.floor((a % 3600) / 60);
  return sign + h + (m ? String(m).padStart(2, '0') : '');
}

/** zoneAt returns the zone abbreviation and offset (seconds east of UTC) at unix second sec. */
export function zoneAt(loc: Loc, sec: number): { name: string; offset: number } {
  if (loc.kind === 'utc') return { name: 'UTC', offset: 0 };
  if (loc.kind === 'fixed') return { name: loc.name, offset: loc.offset };
  const ms = Math.max(-8.64e15, Math.min(8.64e15, sec * 1000));
  const d = new Date(ms);
  const part = dtf(loc.zone).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?$/.exec(part);
  let offset = 0;
  if (m && m[1]) offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0));
  const table = ABBR[loc.zone];
  if (table) {
    const std = table[0];
    const dst = table[1];
    // The larger of January's and July's offsets is daylight time.
    const jan = zoneOffsetOnly(loc.zone, Date.UTC(new Date(ms).getUTCFullYear(), 0, 1));
    return { name: dst !== undefined && offset > jan ? dst : std, offset };
  }
  for (const l of PROBE_LOCALES) {
    const n = dtf(loc.zone, l, 'short').formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (/^[A-Z]{2,5}$/.test(n) && (n !== 'GMT' || offset === 0) && n !== 'UTC') return { name: n, offset };
    if (n === 'UTC' && offset === 0) return { name: 'UTC', offset };
  }
  return { name: offsetName(offset), offset };
}

function zoneOffsetOnly(zone: string, ms: number): number {
  const part = dtf(zone).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(part);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60) : 0;
}

// ---- civil calendar --------------------------------------------------------------------------

/** Civil is a broken-down time. */
export interface Civil {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  min: number;
  sec: number;
  yday: number; // 1..366
  wday: number; // 0 = Sunday
}

function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/** daysFromCivil returns days since 1970-01-01 for a proleptic Gregorian date. */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400;
  const doy = floorDiv(153 * (m + (m > 2 ? -3 : 9)) + 2, 5) + d - 1;
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146097 + doe - 719468;
}

/** isLeap reports whether year is a leap year. */
export function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/** civil converts local seconds (unix seconds + offset) into calendar fields. */
export function civil(local: number): Civil {
  const days = floorDiv(local, 86400);
  const rem = local - days * 86400;
  const z = days + 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
  let y = yoe + era * 400;
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const d = doy - floorDiv(153 * mp + 2, 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) y++;
  const yday = days - daysFromCivil(y, 1, 1) + 1;
  const wday = (((days + 4) % 7) + 7) % 7;
  return {
    year: y,
    month: m,
    day: d,
    hour: Math.floor(rem / 3600),
    min: Math.floor((rem % 3600) / 60),
    sec: rem % 60,
    yday,
    wday,
  };
}

export const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SHORT_MONTHS = LONG_MONTHS.map((m) => m.slice(0, 3));
const SHORT_DAYS = LONG_DAYS.map((d) => d.slice(0, 3));

// ---- layout chunks ---------------------------------------------------------------------------

type Std =
  | 'none'
  | 'longMonth'
  | 'month'
  | 'numMonth'
  | 'zeroMonth'
  | 'longWeekDay'
  | 'weekDay'
  | 'day'
  | 'underDay'
  | 'zeroDay'
  | 'underYearDay'
  | 'zeroYearDay'
  | 'hour'
  | 'hour12'
  | 'zeroHour12'
  | 'minute'
  | 'zeroMinute'
  | 'second'
  | 'zeroSecond'
  | 'longYear'
  | 'year'
  | 'PM'
  | 'pm'
  | 'TZ'
  | 'ISO8601TZ'
  | 'ISO8601SecondsTZ'
  | 'ISO8601ShortTZ'
  | 'ISO8601ColonTZ'
  | 'ISO8601ColonSecondsTZ'
  | 'NumTZ'
  | 'NumSecondsTz'
  | 'NumShortTZ'
  | 'NumColonTZ'
  | 'NumColonSecondsTZ'
  | 'frac0'
  | 'frac9';

interface Chunk {
  prefix: string;
  std: Std;
  stdstr: string;
  suffix: string;
  /** fractional-second digit count and separator */
  digits?: number;
  sep?: string;
}

const STD0X: Std[] = ['zeroMonth', 'zeroDay', 'zeroHour12', 'zeroMinute', 'zeroSecond', 'year'];

function startsWithLower(s: string): boolean {
  return s.length > 0 && s[0] >= 'a' && s[0] <= 'z';
}

function isDigitAt(s: string, i: number): boolean {
  return i < s.length && s[i] >= '0' && s[i] <= '9';
}

/** nextStdChunk is time's nextStdChunk: the text before the first layout element, and it. */
function nextStdChunk(layout: string): Chunk {
  const mk = (i: number, std: Std, len: number, extra?: Partial<Chunk>): Chunk => ({
    prefix: layout.slice(0, i),
    std,
    stdstr: layout.slice(i, i + len),
    suffix: layout.slice(i + len),
    ...extra,
  });
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i];
    const at = (s: string): boolean => layout.startsWith(s, i);
    switch (c) {
      case 'J':
        if (at('Jan')) {
          if (at('January')) return mk(i, 'longMonth', 7);
          if (!startsWithLower(layout.slice(i + 3))) return mk(i, 'month', 3);
        }
        break;
      case 'M':
        if (at('Mon')) {
          if (at('Monday')) return mk(i, 'longWeekDay', 6);
          if (!startsWithLower(layout.slice(i + 3))) return mk(i, 'weekDay', 3);
        }
        if (at('MST')) return mk(i, 'TZ', 3);
        break;
      case '0':
        if (layout[i + 1] >= '1' && layout[i + 1] <= '6') return mk(i, STD0X[layout.charCodeAt(i + 1) - 0x31], 2);
        if (at('002')) return mk(i, 'zeroYearDay', 3);
        break;
      case '1':
        if (layout[i + 1] === '5') return mk(i, 'hour', 2);
        return mk(i, 'numMonth', 1);
      case '2':
        if (at('2006')) return mk(i, 'longYear', 4);
        return mk(i, 'day', 1);
      case '_':
        if (layout[i + 1] === '2') {
          // "_2006" is a literal '_' followed by the long year.
          if (layout.startsWith('2006', i + 1)) return mk(i + 1, 'longYear', 4);
          return mk(i, 'underDay', 2);
        }
        if (at('__2')) return mk(i, 'underYearDay', 3);
        break;
      case '3':
        return mk(i, 'hour12', 1);
      case '4':
        return mk(i, 'minute', 1);
      case '5':
        return mk(i, 'second', 1);
      case 'P':
        if (layout[i + 1] === 'M') return mk(i, 'PM', 2);
        break;
      case 'p':
        if (layout[i + 1] === 'm') return mk(i, 'pm', 2);
        break;
      case '-':
        if (at('-070000')) return mk(i, 'NumSecondsTz', 7);
        if (at('-07:00:00')) return mk(i, 'NumColonSecondsTZ', 9);
        if (at('-0700')) return mk(i, 'NumTZ', 5);
        if (at('-07:00')) return mk(i, 'NumColonTZ', 6);
        if (at('-07')) return mk(i, 'NumShortTZ', 3);
        break;
      case 'Z':
        if (at('Z070000')) return mk(i, 'ISO8601SecondsTZ', 7);
        if (at('Z07:00:00')) return mk(i, 'ISO8601ColonSecondsTZ', 9);
        if (at('Z0700')) return mk(i, 'ISO8601TZ', 5);
        if (at('Z07:00')) return mk(i, 'ISO8601ColonTZ', 6);
        if (at('Z07')) return mk(i, 'ISO8601ShortTZ', 3);
        break;
      case '.':
      case ',':
        if (layout[i + 1] === '0' || layout[i + 1] === '9') {
          const ch = layout[i + 1];
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          // Only a run of digits not followed by another digit is a fractional second.
          if (!isDigitAt(layout, j)) {
            return mk(i, ch === '0' ? 'frac0' : 'frac9', j - i, { digits: j - (i + 1), sep: c });
          }
        }
        break;
    }
  }
  return { prefix: layout, std: 'none', stdstr: '', suffix: '' };
}

function pad(n: number, width: number): string {
  const neg = n < 0;
  const s = String(Math.abs(n)).padStart(width, '0');
  return neg ? '-' + s : s;
}

/** TimeParts is what formatting needs: civil fields, nanoseconds, zone name and offset. */
export interface TimeParts {
  c: Civil;
  nsec: number;
  zone: string;
  offset: number;
}

/** formatLayout is Time.Format. */
export function formatLayout(t: TimeParts, layout: string): string {
  let out = '';
  const { c } = t;
  while (layout !== '') {
    const ch = nextStdChunk(layout);
    out += ch.prefix;
    if (ch.std === 'none') break;
    layout = ch.suffix;
    switch (ch.std) {
      case 'year':
        out += pad(((c.year % 100) + 100) % 100, 2);
        break;
      case 'longYear':
        out += pad(c.year, 4);
        break;
      case 'month':
        out += SHORT_MONTHS[c.month - 1];
        break;
      case 'longMonth':
        out += LONG_MONTHS[c.month - 1];
        break;
      case 'numMonth':
        out += String(c.month);
        break;
      case 'zeroMonth':
        out += pad(c.month, 2);
        break;
      case 'weekDay':
        out += SHORT_DAYS[c.wday];
        break;
      case 'longWeekDay':
        out += LONG_DAYS[c.wday];
        break;
      case 'day':
        out += String(c.day);
        break;
      case 'underDay':
        out += (c.day < 10 ? ' ' : '') + String(c.day);
        break;
      case 'zeroDay':
        out += pad(c.day, 2);
        break;
      case 'underYearDay':
        out += (c.yday < 100 ? ' ' : '') + (c.yday < 10 ? ' ' : '') + String(c.yday);
        break;
      case 'zeroYearDay':
        out += pad(c.yday, 3);
        break;
      case 'hour':
        out += pad(c.hour, 2);
        break;
      case 'hour12':
      case 'zeroHour12': {
        const h = c.hour % 12 === 0 ? 12 : c.hour % 12;
        out += ch.std === 'hour12' ? String(h) : pad(h, 2);
        break;
      }
      case 'minute':
        out += String(c.min);
        break;
      case 'zeroMinute':
        out += pad(c.min, 2);
        break;
      case 'second':
        out += String(c.sec);
        break;
      case 'zeroSecond':
        out += pad(c.sec, 2);
        break;
      case 'PM':
        out += c.hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += c.hour >= 12 ? 'pm' : 'am';
        break;
      case 'TZ':
        if (t.zone !== '') out += t.zone;
        else {
          const z = Math.trunc(t.offset / 60);
          out += (z < 0 ? '-' : '+') + pad(Math.floor(Math.abs(z) / 60), 2) + pad(Math.abs(z) % 60, 2);
        }
        break;
      case 'frac0':
      case 'frac9': {
        const n = ch.digits ?? 0;
        const trim = ch.std === 'frac9';
        if (trim && (n === 0 || t.nsec === 0)) break;
        let s = (ch.sep ?? '.') + pad(t.nsec, 9);
        if (n < 9) s = s.slice(0, s.length - 9 + n);
        if (trim) {
          s = s.replace(/0+$/, '');
          if (s === ch.sep) s = '';
        }
        out += s;
        break;
      }
      default: {
        // Numeric zone offsets; the Z variants print "Z" for UTC.
        const iso = ch.std.startsWith('ISO');
        if (t.offset === 0 && iso) {
          out += 'Z';
          break;
        }
        let zone = Math.trunc(t.offset / 60);
        let abs = t.offset;
        if (zone < 0) {
          out += '-';
          zone = -zone;
          abs = -abs;
        } else out += '+';
        out += pad(Math.floor(zone / 60), 2);
        const colon = ch.std.includes('Colon');
        if (colon) out += ':';
        if (!ch.std.includes('Short')) out += pad(zone % 60, 2);
        if (ch.std.includes('Seconds')) {
          if (colon) out += ':';
          out += pad(abs % 60, 2);
        }
      }
    }
  }
  return out;
}

// ---- parsing ---------------------------------------------------------------------------------

/** TimeError is a Go time package error (ParseError or duration error). */
export class TimeError extends Error {}

/** timeQuote is the time package's quote (non-ASCII bytes as \xNN). */
export function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0x80 || c < 0x20) {
      for (const b of new TextEncoder().encode(ch)) out += '\\x' + b.toString(16).padStart(2, '0');
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return out + '"';
}

class Bad extends Error {}

function getnum(s: string, fixed: boolean): [number, string] {
  if (!isDigitAt(s, 0)) throw new Bad();
  if (!isDigitAt(s, 1)) {
    if (fixed) throw new Bad();
    return [s.charCodeAt(0) - 0x30, s.slice(1)];
  }
  return [(s.charCodeAt(0) - 0x30) * 10 + (s.charCodeAt(1) - 0x30), s.slice(2)];
}

function getnum3(s: string, fixed: boolean): [number, string] {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigitAt(s, i); i++) n = n * 10 + (s.charCodeAt(i) - 0x30);
  if (i === 0 || (fixed && i !== 3)) throw new Bad();
  return [n, s.slice(i)];
}

function lookup(tab: readonly string[], val: string): [number, string] {
  for (let i = 0; i < tab.length; i++) {
    const v = tab[i];
    if (val.length >= v.length && val.slice(0, v.length).toLowerCase() === v.toLowerCase()) return [i, val.slice(v.length)];
  }
  throw new Bad();
}

function cutspace(s: string): string {
  let i = 0;
  while (i < s.length && s[i] === ' ') i++;
  return s.slice(i);
}

function skip(value: string, prefix: string): string {
  while (prefix.length > 0) {
    if (prefix[0] === ' ') {
      if (value.length > 0 && value[0] !== ' ') throw new Bad();
      prefix = cutspace(prefix);
      value = cutspace(value);
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) throw new Bad();
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return value;
}

function parseNanoseconds(value: string, nbytes: number): [number, string] {
  if (value[0] !== '.' && value[0] !== ',') throw new Bad();
  if (nbytes > 10) nbytes = 10;
  const digits = value.slice(1, nbytes);
  if (!/^[0-9]+$/.test(digits)) throw new Bad();
  let ns = Number(digits);
  for (let i = 0; i < 10 - nbytes; i++) ns *= 10;
  return [ns, ''];
}

function parseSignedOffset(value: string): number {
  const sign = value[0];
  if (sign !== '-' && sign !== '+') return 0;
  const m = /^[0-9]+/.exec(value.slice(1));
  if (!m) return 0;
  if (Number(m[0]) > 12) return 0;
  return 1 + m[0].length;
}

function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith('ChST') || value.startsWith('MeST')) return 4;
  if (value.startsWith('GMT')) return value.length === 3 ? 3 : 3 + parseSignedOffset(value.slice(3));
  if (value[0] === '+' || value[0] === '-') return parseSignedOffset(value);
  let n = 0;
  while (n < 6 && n < value.length && value[n] >= 'A' && value[n] <= 'Z') n++;
  switch (n) {
    case 5:
      return value[4] === 'T' ? 5 : 0;
    case 4:
      return value[3] === 'T' || value.startsWith('WITA') ? 4 : 0;
    case 3:
      return 3;
  }
  return 0;
}

const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

function daysIn(month: number, year: number): number {
  if (month === 2 && isLeap(year)) return 29;
  return DAYS_BEFORE[month] - DAYS_BEFORE[month - 1];
}

/** Parsed is a parsed instant: unix seconds, nanoseconds and location. */
export interface Parsed {
  sec: number;
  nsec: number;
  loc: Loc;
}

/** parseInLocation is time.ParseInLocation; throws TimeError with Go's message. */
export function parseInLocation(layout: string, value: string, loc: Loc): Parsed {
  const alayout = layout;
  const avalue = value;
  const perr = (layoutElem: string, valueElem: string, message: string): TimeError =>
    new TimeError(
      message === ''
        ? `parsing time ${timeQuote(avalue)} as ${timeQuote(alayout)}: cannot parse ${timeQuote(valueElem)} as ${timeQuote(layoutElem)}`
        : `parsing time ${timeQuote(avalue)}${message}`,
    );
  let rangeErr = '';
  let amSet = false;
  let pmSet = false;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let z: Loc | undefined;
  let zoneOffset = -1;
  let zoneName = '';
  for (;;) {
    const ch = nextStdChunk(layout);
    try {
      value = skip(value, ch.prefix);
    } catch {
      throw perr(ch.prefix, value, '');
    }
    if (ch.std === 'none') {
      if (value.length !== 0) throw perr('', value, ': extra text: ' + timeQuote(value));
      break;
    }
    layout = ch.suffix;
    const hold = value;
    try {
      switch (ch.std) {
        case 'year': {
          if (value.length < 2) throw new Bad();
          const p = value.slice(0, 2);
          if (!/^[0-9]{2}$/.test(p)) throw new Bad();
          value = value.slice(2);
          year = Number(p);
          year += year >= 69 ? 1900 : 2000;
          break;
        }
        case 'longYear': {
          if (value.length < 4 || !isDigitAt(value, 0)) throw new Bad();
          const p = value.slice(0, 4);
          if (!/^[0-9]{4}$/.test(p)) throw new Bad();
          value = value.slice(4);
          year = Number(p);
          break;
        }
        case 'month':
          [month, value] = lookup(SHORT_MONTHS, value);
          month++;
          break;
        case 'longMonth':
          [month, value] = lookup(LONG_MONTHS, value);
          month++;
          break;
        case 'numMonth':
        case 'zeroMonth':
          [month, value] = getnum(value, ch.std === 'zeroMonth');
          if (month <= 0 || month > 12) rangeErr = 'month';
          break;
        case 'weekDay':
          [, value] = lookup(SHORT_DAYS, value);
          break;
        case 'longWeekDay':
          [, value] = lookup(LONG_DAYS, value);
          break;
        case 'day':
        case 'underDay':
        case 'zeroDay':
          if (ch.std === 'underDay' && value[0] === ' ') value = value.slice(1);
          [day, value] = getnum(value, ch.std === 'zeroDay');
          break;
        case 'underYearDay':
        case 'zeroYearDay':
          for (let i = 0; i < 2; i++) if (ch.std === 'underYearDay' && value[0] === ' ') value = value.slice(1);
          [yday, value] = getnum3(value, ch.std === 'zeroYearDay');
          break;
        case 'hour':
          [hour, value] = getnum(value, false);
          if (hour < 0 || hour >= 24) rangeErr = 'hour';
          break;
        case 'hour12':
        case 'zeroHour12':
          [hour, value] = getnum(value, ch.std === 'zeroHour12');
          if (hour < 0 || hour > 12) rangeErr = 'hour';
          break;
        case 'minute':
        case 'zeroMinute':
          [min, value] = getnum(value, ch.std === 'zeroMinute');
          if (min < 0 || min >= 60) rangeErr = 'minute';
          break;
        case 'second':
        case 'zeroSecond': {
          [sec, value] = getnum(value, ch.std === 'zeroSecond');
          if (sec < 0 || sec >= 60) {
            rangeErr = 'second';
            break;
          }
          // A fractional second in the input but not in the layout is still accepted.
          if (value.length >= 2 && (value[0] === '.' || value[0] === ',') && isDigitAt(value, 1)) {
            const next = nextStdChunk(layout).std;
            if (next === 'frac0' || next === 'frac9') break;
            let n = 2;
            while (n < value.length && isDigitAt(value, n)) n++;
            [nsec] = parseNanoseconds(value, n);
            value = value.slice(n);
          }
          break;
        }
        case 'PM':
        case 'pm': {
          if (value.length < 2) throw new Bad();
          const p = value.slice(0, 2);
          value = value.slice(2);
          const [pmS, amS] = ch.std === 'PM' ? ['PM', 'AM'] : ['pm', 'am'];
          if (p === pmS) pmSet = true;
          else if (p === amS) amSet = true;
          else throw new Bad();
          break;
        }
        case 'TZ': {
          if (value.startsWith('UTC')) {
            z = UTC;
            value = value.slice(3);
            break;
          }
          const n = parseTimeZone(value);
          if (n === 0) throw new Bad();
          zoneName = value.slice(0, n);
          value = value.slice(n);
          break;
        }
        case 'frac0': {
          const ndigit = 1 + (ch.digits ?? 0);
          if (value.length < ndigit) throw new Bad();
          [nsec] = parseNanoseconds(value, ndigit);
          value = value.slice(ndigit);
          break;
        }
        case 'frac9': {
          if (value.length < 2 || (value[0] !== '.' && value[0] !== ',') || !isDigitAt(value, 1)) break;
          let i = 0;
          while (i + 1 < value.length && isDigitAt(value, i + 1)) i++;
          [nsec] = parseNanoseconds(value, 1 + i);
          value = value.slice(1 + i);
          break;
        }
        default: {
          const s = ch.std;
          if (s.startsWith('ISO') && value[0] === 'Z') {
            value = value.slice(1);
            z = UTC;
            break;
          }
          let sign: string;
          let hh: string;
          let mm: string;
          let ss: string;
          if (s === 'ISO8601ColonTZ' || s === 'NumColonTZ') {
            if (value.length < 6 || value[3] !== ':') throw new Bad();
            [sign, hh, mm, ss, value] = [value[0], value.slice(1, 3), value.slice(4, 6), '00', value.slice(6)];
          } else if (s === 'NumShortTZ' || s === 'ISO8601ShortTZ') {
            if (value.length < 3) throw new Bad();
            [sign, hh, mm, ss, value] = [value[0], value.slice(1, 3), '00', '00', value.slice(3)];
          } else if (s === 'ISO8601ColonSecondsTZ' || s === 'NumColonSecondsTZ') {
            if (value.length < 9 || value[3] !== ':' || value[6] !== ':') throw new Bad();
            [sign, hh, mm, ss, value] = [value[0], value.slice(1, 3), value.slice(4, 6), value.slice(7, 9), value.slice(9)];
          } else if (s === 'ISO8601SecondsTZ' || s === 'NumSecondsTz') {
            if (value.length < 7) throw new Bad();
            [sign, hh, mm, ss, value] = [value[0], value.slice(1, 3), value.slice(3, 5), value.slice(5, 7), value.slice(7)];
          } else {
            if (value.length < 5) throw new Bad();
            [sign, hh, mm, ss, value] = [value[0], value.slice(1, 3), value.slice(3, 5), '00', value.slice(5)];
          }
          const [hr] = getnum(hh, true);
          const [mi] = getnum(mm, true);
          const [se] = getnum(ss, true);
          if (hr > 24) rangeErr = 'time zone offset hour';
          if (mi > 60) rangeErr = 'time zone offset minute';
          if (se > 60) rangeErr = 'time zone offset second';
          zoneOffset = (hr * 60 + mi) * 60 + se;
          if (sign === '-') zoneOffset = -zoneOffset;
          else if (sign !== '+') throw new Bad();
        }
      }
    } catch (e) {
      if (!(e instanceof Bad)) throw e;
      throw perr(ch.stdstr, hold, '');
    }
    if (rangeErr !== '') throw perr(ch.stdstr, value, ': ' + rangeErr + ' out of range');
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;
  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) yday--;
    }
    if (yday < 1 || yday > 365) throw perr('', value, ': day-of-year out of range');
    if (m === 0) {
      m = Math.floor((yday - 1) / 31) + 1;
      if (DAYS_BEFORE[m] < yday) m++;
      d = yday - DAYS_BEFORE[m - 1];
    }
    if (month >= 0 && month !== m) throw perr('', value, ': day-of-year does not match month');
    month = m;
    if (day >= 0 && day !== d) throw perr('', value, ': day-of-year does not match day');
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) throw perr('', value, ': day out of range');
  const wall = daysFromCivil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec;
  if (z) return { sec: wall, nsec, loc: z };
  if (zoneOffset !== -1) {
    const t = wall - zoneOffset;
    const local = zoneAt(loc, t);
    if (local.offset === zoneOffset && (zoneName === '' || local.name === zoneName)) return { sec: t, nsec, loc };
    return { sec: t, nsec, loc: { kind: 'fixed', name: zoneName, offset: zoneOffset } };
  }
  if (zoneName !== '') {
    const local = zoneAt(loc, wall);
    if (local.name === zoneName) return { sec: wall - local.offset, nsec, loc };
    let offset = 0;
    if (zoneName.length > 3 && zoneName.startsWith('GMT')) offset = Number(zoneName.slice(3)) * 3600;
    // Go keeps the UTC reading of the wall clock here (no offset adjustment).
    return { sec: wall, nsec, loc: { kind: 'fixed', name: zoneName, offset } };
  }
  // Wall clock in `loc`: find the offset in effect at that local time.
  let off = zoneAt(loc, wall).offset;
  off = zoneAt(loc, wall - off).offset;
  return { sec: wall - off, nsec, loc };
}

// ---- durations -------------------------------------------------------------------------------

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n,
  'μs': 1000n,
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n,
};

const INT64_MAX = (1n << 63n) - 1n;

/** parseDuration is time.ParseDuration (returns nanoseconds); throws TimeError. */
export function parseDuration(s: string): bigint {
  const orig = s;
  const bad = (): TimeError => new TimeError('time: invalid duration ' + timeQuote(orig));
  let d = 0n;
  let neg = false;
  if (s !== '') {
    const c = s[0];
    if (c === '-' || c === '+') {
      neg = c === '-';
      s = s.slice(1);
    }
  }
  if (s === '0') return 0n;
  if (s === '') throw bad();
  while (s !== '') {
    if (!(s[0] === '.' || isDigitAt(s, 0))) throw bad();
    const m = /^([0-9]*)/.exec(s);
    const intPart = m ? m[1] : '';
    s = s.slice(intPart.length);
    let v = intPart === '' ? 0n : BigInt(intPart);
    if (v > 1n << 63n) throw bad();
    const pre = intPart !== '';
    let f = 0n;
    let scale = 1n;
    let post = false;
    if (s[0] === '.') {
      s = s.slice(1);
      const fm = /^([0-9]*)/.exec(s);
      const frac = fm ? fm[1] : '';
      s = s.slice(frac.length);
      post = frac !== '';
      for (const dch of frac) {
        // Digits beyond what fits are dropped, like Go's leadingFraction.
        if (scale > 1n << 62n) continue;
        f = f * 10n + BigInt(dch.charCodeAt(0) - 0x30);
        scale *= 10n;
      }
    }
    if (!pre && !post) throw bad();
    const um = /^[^0-9.]*/.exec(s);
    const u = um ? um[0] : '';
    s = s.slice(u.length);
    if (u === '') throw new TimeError('time: missing unit in duration ' + timeQuote(orig));
    const unit = UNITS[u];
    if (unit === undefined) throw new TimeError('time: unknown unit ' + timeQuote(u) + ' in duration ' + timeQuote(orig));
    if (v > (1n << 63n) / unit) throw bad();
    v *= unit;
    if (f > 0n) {
      v += (f * unit) / scale;
      if (v > 1n << 63n) throw bad();
    }
    d += v;
    if (d > 1n << 63n) throw bad();
  }
  if (neg) return -d;
  if (d > INT64_MAX) throw bad();
  return d;
}

function fmtFrac(v: bigint, prec: number): [string, bigint] {
  // Omit trailing zeros up to and including the decimal point.
  let out = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) out = String(digit) + out;
    v /= 10n;
  }
  if (print) out = '.' + out;
  return [out, v];
}

/** durationString is time.Duration.String ("1h2m3.5s", "1.5ms", "0s"). */
export function durationString(d: bigint): string {
  d = BigInt.asIntN(64, d);
  const neg = d < 0n;
  let u = neg ? -d : d;
  if (u < 1000000000n) {
    if (u === 0n) return '0s';
    let prec: number;
    let unit: string;
    if (u < 1000n) return (neg ? '-' : '') + String(u) + 'ns';
    if (u < 1000000n) {
      prec = 3;
      unit = 'µs';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const [frac, rest] = fmtFrac(u, prec);
    return (neg ? '-' : '') + String(rest) + frac + unit;
  }
  let out = 's';
  const [frac, rest] = fmtFrac(u, 9);
  u = rest;
  out = frac + out;
  out = String(u % 60n) + out;
  u /= 60n;
  if (u > 0n) {
    out = String(u % 60n) + 'm' + out;
    u /= 60n;
    if (u > 0n) out = String(u) + 'h' + out;
  }
  return (neg ? '-' : '') + out;
}
