// Sprig date functions (date.go, sprig v3.3.0) over a Go time.Time model. Time comes from
// ctx.runtime.now(); "Local" is ctx.runtime.localZone (Helm's tests run with TZ=UTC).
import { FuncError, type CallContext, type FuncDef } from '../template/func';
import { GoInt, GoObject, type GoMethod, type Kind, type Value } from '../template/value';
import { fn } from './def';
import {
  LONG_DAYS,
  LONG_MONTHS,
  TimeError,
  UTC,
  civil,
  durationString,
  formatLayout,
  loadLocation,
  localLoc,
  parseDuration,
  parseInLocation,
  zoneAt,
  type Loc,
} from './golayout';

const ZERO_SEC = -62135596800; // 0001-01-01T00:00:00Z, Go's zero Time

/** EnumObject is a named integer type with a String method (time.Month, time.Weekday). */
class EnumObject extends GoObject {
  readonly kind: Kind = 'int';
  constructor(
    readonly goType: string,
    readonly n: number,
    private readonly name: string,
  ) {
    super();
  }
  override stringer(): string {
    return this.name;
  }
  override toData(): Value {
    return this.n;
  }
}

/** GoTime is a time.Time: an instant (unix seconds + nanoseconds) in a location. */
export class GoTime extends GoObject {
  readonly goType = 'time.Time';
  readonly kind: Kind = 'struct';
  constructor(
    readonly sec: number,
    readonly nsec: number,
    readonly loc: Loc,
    /** mono: the value carries a monotonic clock reading (time.Now), shown by String(). */
    readonly mono = false,
    private readonly localZone = 'UTC',
  ) {
    super();
  }

  /** parts returns the civil fields in the time's location. */
  parts() {
    const z = zoneAt(this.loc, this.sec);
    return { c: civil(this.sec + z.offset), nsec: this.nsec, zone: z.name, offset: z.offset };
  }

  /** format is Time.Format. */
  format(layout: string): string {
    return formatLayout(this.parts(), layout);
  }

  in(loc: Loc): GoTime {
    return new GoTime(this.sec, this.nsec, loc, this.mono, this.localZone);
  }

  /** addNanos is Time.Add. */
  addNanos(d: bigint): GoTime {
    const total = BigInt(this.nsec) + d;
    const s = total >= 0n ? total / 1000000000n : -((-total + 999999999n) / 1000000000n);
    const ns = Number(total - s * 1000000000n);
    return new GoTime(this.sec + Number(s), ns, this.loc, this.mono, this.localZone);
  }

  /** unixNanos is the instant in nanoseconds since the epoch. */
  unixNanos(): bigint {
    return BigInt(this.sec) * 1000000000n + BigInt(this.nsec);
  }

  override stringer(): string {
    const s = this.format('2006-01-02 15:04:05.999999999 -0700 MST');
    // time.Now() values print their monotonic reading; it is not reproducible anyway.
    return this.mono ? s + ' m=+0.000000001' : s;
  }

  override toData(): Value {
    return this.format('2006-01-02T15:04:05.999999999Z07:00');
  }

  override method(name: string): GoMethod | undefined {
    const m0 = (f: () => Value): GoMethod => ({ params: [], call: () => f() });
    const int = (n: number | bigint): Value => new GoInt('int', BigInt(n));
    const p = () => this.parts().c;
    switch (name) {
      case 'Year':
        return m0(() => int(p().year));
      case 'Month':
        return m0(() => new EnumObject('time.Month', p().month, LONG_MONTHS[p().month - 1]));
      case 'Day':
        return m0(() => int(p().day));
      case 'Hour':
        return m0(() => int(p().hour));
      case 'Minute':
        return m0(() => int(p().min));
      case 'Second':
        return m0(() => int(p().sec));
      case 'Nanosecond':
        return m0(() => int(this.nsec));
      case 'YearDay':
        return m0(() => int(p().yday));
      case 'Weekday':
        return m0(() => new EnumObject('time.Weekday', p().wday, LONG_DAYS[p().wday]));
      case 'Unix':
        return m0(() => new GoInt('int64', BigInt(this.sec)));
      case 'UnixMilli':
        return m0(() => new GoInt('int64', this.unixNanos() / 1000000n));
      case 'UnixNano':
        return m0(() => new GoInt('int64', this.unixNanos()));
      case 'IsZero':
        return m0(() => this.sec === ZERO_SEC && this.nsec === 0);
      case 'String':
        return m0(() => this.stringer());
      case 'UTC':
        return m0(() => this.in(UTC));
      case 'Local':
        return m0(() => this.in(localLoc(this.localZone)));
      case 'Format':
        return { params: ['string'], call: ([l]) => this.format(typeof l === 'string' ? l : '') };
      case 'Add':
        return { params: ['time.Duration'], call: ([d]) => this.addNanos(d instanceof GoInt ? d.v : 0n) };
      case 'Before':
      case 'After':
      case 'Equal':
        return {
          params: ['time.Time'],
          call: ([o]) => {
            const a = this.unixNanos();
            const b = o instanceof GoTime ? o.unixNanos() : 0n;
            return name === 'Before' ? a < b : name === 'After' ? a > b : a === b;
          },
        };
    }
    return undefined;
  }
}

/** fromDate converts a JS Date (millisecond precision) to a GoTime in `loc`. */
export function fromDate(d: Date, loc: Loc, mono: boolean, localZone: string): GoTime {
  const ms = d.getTime();
  const sec = Math.floor(ms / 1000);
  return new GoTime(sec, (ms - sec * 1000) * 1000000, loc, mono, localZone);
}

function now(ctx: CallContext): GoTime {
  return fromDate(ctx.runtime.now(), localLoc(ctx.runtime.localZone), true, ctx.runtime.localZone);
}

function zeroTime(ctx: CallContext): GoTime {
  return new GoTime(ZERO_SEC, 0, UTC, false, ctx.runtime.localZone);
}

/** timeArg is sprig's switch on the date argument: time.Time or int/int64/int32 seconds, else now. */
function timeArg(v: Value, ctx: CallContext, allowInt32: boolean): GoTime {
  if (v instanceof GoTime) return v;
  if (v instanceof GoInt && (v.type === 'int' || v.type === 'int64' || (allowInt32 && v.type === 'int32'))) {
    return new GoTime(Number(v.v), 0, localLoc(ctx.runtime.localZone), false, ctx.runtime.localZone);
  }
  // Anything else (a float64 from values, a string...) silently means time.Now().
  return now(ctx);
}

function dateInZone(layout: string, date: Value, zone: string, ctx: CallContext): string {
  const t = timeArg(date, ctx, true);
  const loc = loadLocation(zone, ctx.runtime.localZone) ?? UTC;
  return t.in(loc).format(layout);
}

function str(v: Value): string {
  return typeof v === 'string' ? v : '';
}

function timeVal(v: Value, ctx: CallContext): GoTime {
  return v instanceof GoTime ? v : zeroTime(ctx);
}

function since(t: GoTime, ctx: CallContext): bigint {
  return now(ctx).unixNanos() - t.unixNanos();
}

/** roundSecond is Duration.Round(time.Second): halves away from zero. */
function roundSecond(d: bigint): bigint {
  const m = 1000000000n;
  let r = d % m;
  if (d < 0n) {
    r = -r;
    return r + r < m ? d + r : d - (m - r);
  }
  return r + r < m ? d - r : d + (m - r);
}

function durationRound(v: Value, ctx: CallContext): string {
  let d = 0n;
  if (typeof v === 'string') {
    try {
      d = parseDuration(v);
    } catch {
      d = 0n;
    }
  } else if (v instanceof GoInt && v.type === 'int64') d = v.v;
  else if (v instanceof GoTime) d = since(v, ctx);
  let u = BigInt.asUintN(64, d);
  if (d < 0n) u = BigInt.asUintN(64, -u);
  const hour = 3600000000000n;
  const units: [bigint, string][] = [
    [hour * 24n * 365n, 'y'],
    [hour * 24n * 30n, 'mo'],
    [hour * 24n, 'd'],
    [hour, 'h'],
    [60000000000n, 'm'],
    [1000000000n, 's'],
  ];
  for (const [size, suffix] of units) if (u > size) return String(u / size) + suffix;
  return '0s';
}

function durationFn(v: Value): string {
  let n = 0n;
  if (typeof v === 'string') {
    // strconv.ParseInt(value, 10, 64); errors leave 0 (or the clamped value on overflow).
    if (/^[+-]?[0-9]+$/.test(v)) {
      n = BigInt(v);
      if (n > (1n << 63n) - 1n) n = (1n << 63n) - 1n;
      if (n < -(1n << 63n)) n = -(1n << 63n);
    }
  } else if (v instanceof GoInt && v.type === 'int64') n = v.v;
  return durationString(BigInt.asIntN(64, n * 1000000000n));
}

function toDate(layout: string, value: string, ctx: CallContext): GoTime {
  const p = parseInLocation(layout, value, localLoc(ctx.runtime.localZone));
  return new GoTime(p.sec, p.nsec, p.loc, false, ctx.runtime.localZone);
}

function timeErr<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof TimeError) throw new FuncError(e.message);
    throw e;
  }
}

const S = 'string';
const T = 'time.Time';
const I = 'interface {}';
const cat = 'date';

/** dateFuncs are sprig's date and duration functions. */
export const dateFuncs: FuncDef[] = [
  fn(cat, 'now', [], T, (_a, ctx) => now(ctx), ['now', 'The current time (a time.Time).', '{{ now | date "2006-01-02" }}']),
  fn(cat, 'date', [S, I], S, ([f, d], ctx) => dateInZone(str(f), d, 'Local', ctx), [
    'date LAYOUT TIME',
    'Formats TIME (a time.Time or int unix seconds; anything else means now) with a Go layout in the local zone.',
    '{{ now | date "2006-01-02" }}',
  ]),
  fn(cat, 'dateInZone', [S, I, S], S, ([f, d, z], ctx) => dateInZone(str(f), d, str(z), ctx), [
    'dateInZone LAYOUT TIME ZONE',
    'Like date, in the named IANA zone (unknown zones mean UTC).',
    '{{ dateInZone "2006-01-02 15:04 MST" (now) "America/New_York" }}',
  ]),
  fn(cat, 'date_in_zone', [S, I, S], S, ([f, d, z], ctx) => dateInZone(str(f), d, str(z), ctx), [
    'date_in_zone LAYOUT TIME ZONE',
    'Alias of dateInZone.',
    '{{ date_in_zone "15:04" 0 "Asia/Tokyo" }} → 09:00',
  ]),
  fn(cat, 'htmlDate', [I], S, ([d], ctx) => dateInZone('2006-01-02', d, 'Local', ctx), [
    'htmlDate TIME',
    'Formats TIME as YYYY-MM-DD (for HTML date inputs).',
    '{{ now | htmlDate }}',
  ]),
  fn(cat, 'htmlDateInZone', [I, S], S, ([d, z], ctx) => dateInZone('2006-01-02', d, str(z), ctx), [
    'htmlDateInZone TIME ZONE',
    'Formats TIME as YYYY-MM-DD in the named zone.',
    '{{ htmlDateInZone (now) "UTC" }}',
  ]),
  ...(['dateModify', 'date_modify'] as const).map((name) =>
    fn(cat, name, [S, T], T, ([s, d], ctx) => {
      const t = timeVal(d, ctx);
      try {
        return t.addNanos(parseDuration(str(s)));
      } catch (e) {
        // An invalid duration leaves the time unchanged.
        if (e instanceof TimeError) return t;
        throw e;
      }
    }, [`${name} DURATION TIME`, 'Adds a Go duration ("-1.5h", "90m") to TIME; invalid durations leave it unchanged.', `{{ now | ${name} "-1.5h" }}`]),
  ),
  ...(['mustDateModify', 'must_date_modify'] as const).map((name) =>
    fn(cat, name, [S, T], T, ([s, d], ctx) => timeErr(() => timeVal(d, ctx).addNanos(parseDuration(str(s)))), [
      `${name} DURATION TIME`,
      'Like dateModify, but an invalid duration is an error.',
      `{{ now | ${name} "1h" }}`,
    ]),
  ),
  fn(cat, 'ago', [I], S, ([d], ctx) => {
    let t: GoTime;
    if (d instanceof GoTime) t = d;
    else if (d instanceof GoInt && (d.type === 'int' || d.type === 'int64')) t = new GoTime(Number(d.v), 0, UTC);
    else t = now(ctx);
    return durationString(roundSecond(since(t, ctx)));
  }, ['ago TIME', 'Time elapsed since TIME, rounded to seconds ("2h34m7s").', '{{ ago .Release.Time }}']),
  fn(cat, 'duration', [I], S, ([v]) => durationFn(v), [
    'duration SECONDS',
    'Formats seconds (a string or int64; other types mean 0) as a Go duration.',
    '{{ duration "95" }} → 1m35s',
  ]),
  fn(cat, 'durationRound', [I], S, ([v], ctx) => durationRound(v, ctx), [
    'durationRound DURATION',
    'Rounds a duration (string, int64 nanoseconds or a time.Time = since) to its largest unit ("2h", "16d", "10y").',
    '{{ durationRound "2h10m5s" }} → 2h',
  ]),
  fn(cat, 'toDate', [S, S], T, ([l, s], ctx) => {
    try {
      return toDate(str(l), str(s), ctx);
    } catch (e) {
      // The parse error is dropped: the result is the zero time.
      if (e instanceof TimeError) return zeroTime(ctx);
      throw e;
    }
  }, ['toDate LAYOUT STRING', 'Parses STRING with a Go layout in the local zone (zero time if it does not parse).', '{{ toDate "2006-01-02" "2017-12-31" | date "Jan 2, 2006" }} → Dec 31, 2017']),
  fn(cat, 'mustToDate', [S, S], T, ([l, s], ctx) => timeErr(() => toDate(str(l), str(s), ctx)), [
    'mustToDate LAYOUT STRING',
    'Like toDate, but a parse failure is an error.',
    '{{ mustToDate "2006-01-02" "2017-12-31" }}',
  ]),
  fn(cat, 'unixEpoch', [T], S, ([d], ctx) => String(timeVal(d, ctx).sec), [
    'unixEpoch TIME',
    'Unix seconds of TIME as a string.',
    '{{ now | unixEpoch }}',
  ]),
];
