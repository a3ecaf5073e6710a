// Package semver: the parts of Masterminds/semver v3 the chart layer needs (chart version
// validation, dependency version ranges, the Chart.yaml kubeVersion constraint).

/** SemVer is a parsed Masterminds semantic version. */
export interface SemVer {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly pre: string;
  readonly meta: string;
  readonly original: string;
}

const VERSION_RE =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
const MAX_U64 = (1n << 64n) - 1n;

/** parseSemver is semver.NewVersion (loose: optional 'v', missing minor/patch); undefined if invalid. */
export function parseSemver(s: string): SemVer | undefined {
  const m = VERSION_RE.exec(s);
  if (!m) return undefined;
  const num = (x: string | undefined): bigint | undefined => {
    if (x === undefined) return 0n;
    const n = BigInt(x.replace(/^\./, ''));
    return n > MAX_U64 ? undefined : n;
  };
  const major = num(m[1]);
  const minor = num(m[2]);
  const patch = num(m[3]);
  if (major === undefined || minor === undefined || patch === undefined) return undefined;
  const pre = m[4] ?? '';
  // Numeric prerelease identifiers must not have leading zeros.
  if (pre !== '' && pre.split('.').some((p) => /^0[0-9]+$/.test(p))) return undefined;
  return { major, minor, patch, pre, meta: m[5] ?? '', original: s };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const x = as[i];
    const y = bs[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^[0-9]+$/.test(x);
    const yn = /^[0-9]+$/.test(y);
    if (xn && yn) {
      const d = BigInt(x) - BigInt(y);
      if (d !== 0n) return d < 0n ? -1 : 1;
    } else if (xn) return -1;
    else if (yn) return 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** compareSemver orders versions (build metadata ignored). */
export function compareSemver(a: SemVer, b: SemVer): number {
  for (const k of ['major', 'minor', 'patch'] as const) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  return comparePre(a.pre, b.pre);
}

interface Constraint {
  readonly op: string;
  readonly con: SemVer;
  readonly minorDirty: boolean;
  readonly patchDirty: boolean;
  readonly dirty: boolean;
}

const CONSTRAINT_RE =
  /^\s*(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*v?([0-9xX*]+)(\.[0-9xX*]+)?(\.[0-9xX*]+)?(-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?\s*$/;

const isX = (s: string | undefined): boolean => s === 'x' || s === 'X' || s === '*';

function parseOne(s: string): Constraint | undefined {
  const t = s.trim();
  if (t === '' || t === '*' || t === 'x' || t === 'X') {
    return { op: '>=', con: parseSemver('0.0.0')!, minorDirty: true, patchDirty: true, dirty: true };
  }
  const m = CONSTRAINT_RE.exec(t);
  if (!m) return undefined;
  const ma = m[2];
  const mi = m[3]?.slice(1);
  const pa = m[4]?.slice(1);
  let minorDirty = false;
  let patchDirty = false;
  let dirty = false;
  if (isX(ma)) {
    return { op: '>=', con: parseSemver('0.0.0')!, minorDirty: true, patchDirty: true, dirty: true };
  }
  if (mi === undefined || isX(mi)) {
    minorDirty = true;
    patchDirty = true;
    dirty = true;
  } else if (pa === undefined || isX(pa)) {
    patchDirty = true;
    dirty = true;
  }
  // Missing parts count as wildcards only for x-ranges written explicitly; Masterminds treats
  // "1.2" as dirty patch as well (same range semantics).
  const ver = `${ma}.${minorDirty ? '0' : mi}.${patchDirty ? '0' : pa}${m[5] ?? ''}${m[6] ?? ''}`;
  const con = parseSemver(ver);
  if (!con) return undefined;
  return { op: m[1] ?? '', con, minorDirty, patchDirty, dirty };
}

function check(v: SemVer, c: Constraint): boolean {
  const cmp = compareSemver(v, c.con);
  // A prerelease version satisfies only constraints that themselves carry a prerelease.
  const preBlocked = v.pre !== '' && c.con.pre === '';
  switch (c.op) {
    case '':
    case '=':
      if (c.dirty) return tildeLike(v, c, preBlocked);
      return cmp === 0;
    case '!=':
      if (c.dirty) return !tildeLike(v, c, false);
      return cmp !== 0;
    case '>':
      if (preBlocked) return false;
      if (!c.dirty) return cmp > 0;
      if (c.minorDirty) return v.major > c.con.major;
      return v.major > c.con.major || (v.major === c.con.major && v.minor > c.con.minor);
    case '<':
      if (preBlocked) return false;
      return cmp < 0;
    case '>=':
    case '=>':
      if (preBlocked) return false;
      return cmp >= 0;
    case '<=':
    case '=<':
      if (preBlocked) return false;
      if (!c.dirty) return cmp <= 0;
      if (c.minorDirty) return v.major <= c.con.major;
      return v.major < c.con.major || (v.major === c.con.major && v.minor <= c.con.minor);
    case '~':
    case '~>':
      if (preBlocked || cmp < 0) return false;
      if (v.major !== c.con.major) return false;
      if (v.minor !== c.con.minor && !c.minorDirty) return false;
      return true;
    case '^':
      if (preBlocked || cmp < 0) return false;
      if (c.con.major > 0n) return v.major === c.con.major;
      if (v.major > 0n) return false;
      if (c.minorDirty) return true;
      if (c.con.minor > 0n) return v.minor === c.con.minor;
      if (v.minor > 0n) return false;
      if (c.patchDirty) return true;
      return v.patch === c.con.patch;
  }
  return false;
}

function tildeLike(v: SemVer, c: Constraint, preBlocked: boolean): boolean {
  if (preBlocked) return false;
  if (v.major !== c.con.major) return false;
  if (c.minorDirty) return true;
  if (v.minor !== c.con.minor) return false;
  return true;
}

/** parseConstraint parses a Masterminds constraint string ("||" of AND groups); undefined if invalid. */
export function parseConstraint(s: string): Constraint[][] | undefined {
  const groups: Constraint[][] = [];
  for (const orPart of s.split('||')) {
    // Hyphen ranges "a - b" become ">= a, <= b".
    const expanded = orPart.replace(/([0-9xX*][0-9A-Za-z.+-]*)\s+-\s+(v?[0-9xX*][0-9A-Za-z.+-]*)/g, '>=$1,<=$2');
    const items = expanded
      .split(',')
      .flatMap((p) => p.trim().replace(/(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)\s+/g, '$1').split(/\s+/))
      .filter((p) => p !== '');
    const group: Constraint[] = [];
    for (const it of items.length === 0 ? ['*'] : items) {
      const c = parseOne(it);
      if (!c) return undefined;
      group.push(c);
    }
    groups.push(group);
  }
  return groups;
}

/** isCompatibleRange is chartutil.IsCompatibleRange: false when either side does not parse. */
export function isCompatibleRange(constraint: string, version: string): boolean {
  const v = parseSemver(version);
  if (!v) return false;
  const c = parseConstraint(constraint);
  if (!c) return false;
  return c.some((group) => group.every((x) => check(v, x)));
}
