// Sprig semver functions (semver.go) over Masterminds/semver v3: `semver` returns a
// *semver.Version object, `semverCompare` checks a constraint. Helm 3.17 ships semver v3.3.x
// (capitalised errors: "Invalid Semantic Version"), Helm 4.1 v3.4.x (lower-case errors).
import { FuncError, type FuncDef, type HelmVersion } from '../template/func';
import { GoInt, GoObject, type GoMethod, type Kind, type Value } from '../template/value';
import { GoRegexp } from './re2';
import { type Span, findConstraints, matchConstraint, matchLooseVersion, rangeParts } from './semverscan';

/** SemverError is an error returned by the semver package. */
export class SemverError extends Error {}

function errs(hv: HelmVersion) {
  const v3 = hv === 3;
  return {
    invalid: v3 ? 'Invalid Semantic Version' : 'invalid semantic version',
    prerelease: v3 ? 'Invalid Prerelease string' : 'invalid prerelease string',
    metadata: v3 ? 'Invalid Metadata string' : 'invalid metadata string',
    startsZero: v3 ? 'Version segment starts with 0' : 'version segment starts with 0',
    segment: (detail: string) => (v3 ? 'Error parsing version segment: ' : 'error parsing version segment: ') + detail,
  };
}

// NewVersion's (coercing) pattern `^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-(ID(\.ID)*))?(\+(ID(\.ID)*))?$`
// is matched by semverscan.matchLooseVersion (linear, same submatches).

function spanText(s: string, sp: Span | undefined): string {
  return sp === undefined ? '' : s.slice(sp[0], sp[1]);
}

const NUM = /^[0-9]*$/;
const ALLOWED = /^[0-9A-Za-z-]*$/;

/** Version is a parsed semantic version (major/minor/patch are uint64). */
export interface Version {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly pre: string;
  readonly metadata: string;
  readonly original: string;
}

const UINT64_MAX = (1n << 64n) - 1n;

function parseUint(s: string, hv: HelmVersion): bigint {
  const v = BigInt(s);
  if (v > UINT64_MAX) {
    throw new SemverError(errs(hv).segment(`strconv.ParseUint: parsing "${s}": value out of range`));
  }
  return v;
}

function validatePrerelease(p: string, hv: HelmVersion): void {
  for (const part of p.split('.')) {
    if (part === '') throw new SemverError(errs(hv).prerelease);
    if (NUM.test(part)) {
      if (part.length > 1 && part[0] === '0') throw new SemverError(errs(hv).startsZero);
    } else if (!ALLOWED.test(part)) throw new SemverError(errs(hv).prerelease);
  }
}

function validateMetadata(m: string, hv: HelmVersion): void {
  for (const part of m.split('.')) {
    if (part === '' || !ALLOWED.test(part)) throw new SemverError(errs(hv).metadata);
  }
}

/** newVersion is semver.NewVersion (coercing "1", "v1.2"); throws SemverError. */
export function newVersion(v: string, hv: HelmVersion): Version {
  const m = matchLooseVersion(v);
  if (!m) throw new SemverError(errs(hv).invalid);
  const major = parseUint(spanText(v, m.major), hv);
  const minor = m.minor !== undefined ? parseUint(spanText(v, m.minor).slice(1), hv) : 0n;
  const patch = m.patch !== undefined ? parseUint(spanText(v, m.patch).slice(1), hv) : 0n;
  const pre = spanText(v, m.pre).slice(1);
  const metadata = spanText(v, m.meta).slice(1);
  if (pre !== '') validatePrerelease(pre, hv);
  if (metadata !== '') validateMetadata(metadata, hv);
  return { major, minor, patch, pre, metadata, original: v };
}

/** versionString is Version.String(): no v prefix, prerelease and metadata kept. */
export function versionString(v: Version): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.pre !== '') s += '-' + v.pre;
  if (v.metadata !== '') s += '+' + v.metadata;
  return s;
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return o !== '' ? -1 : 1;
  if (o === '') return s !== '' ? 1 : -1;
  const sn = /^[0-9]+$/.test(s) && BigInt(s) <= UINT64_MAX;
  const on = /^[0-9]+$/.test(o) && BigInt(o) <= UINT64_MAX;
  if (!sn && !on) return s > o ? 1 : -1;
  if (!on) return -1; // o is a string and s a number
  if (!sn) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePrerelease(a: string, b: string): number {
  const sp = a.split('.');
  const op = b.split('.');
  const l = Math.max(sp.length, op.length);
  for (let i = 0; i < l; i++) {
    const d = comparePrePart(sp[i] ?? '', op[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** compareVersions is Version.Compare (metadata ignored, prerelease lower than release). */
export function compareVersions(v: Version, o: Version): number {
  const d = cmp(v.major, o.major) || cmp(v.minor, o.minor) || cmp(v.patch, o.patch);
  if (d !== 0) return d;
  if (v.pre === '' && o.pre === '') return 0;
  if (v.pre === '') return 1;
  if (o.pre === '') return -1;
  return comparePrerelease(v.pre, o.pre);
}

// ---- constraints -----------------------------------------------------------------------------

const CV = '(?:v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?)';
const CVG = CV.replace('(?:', '(');
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
// constraintRegex `^\s*(OPS)\s*CVG\s*$` and findConstraintRegex `(OPS)\s*CVG` are matched by
// semverscan (linear, same submatches); the range regexp only locates its matches.
const constraintRangeRegex = new GoRegexp(`\\s*${CVG}\\s+-\\s+${CVG}\\s*`);
const validConstraintRegex = new GoRegexp(`^(\\s*(${OPS})\\s*${CVG}\\s*)((?:\\s+|,\\s*)(${OPS})\\s*${CVG}\\s*)*$`);

interface Constraint {
  con: Version;
  orig: string;
  op: string;
  minorDirty: boolean;
  dirty: boolean;
  patchDirty: boolean;
}

/** Constraints is a parsed constraint: OR groups of AND-ed constraints. */
export interface Constraints {
  readonly groups: Constraint[][];
  /** containsPre[i]: group i names a prerelease, so prerelease versions may satisfy it. */
  readonly containsPre: boolean[];
  readonly hv: HelmVersion;
}

function isX(s: string): boolean {
  return s === 'x' || s === '*' || s === 'X';
}

function parseConstraint(c: string, hv: HelmVersion): Constraint {
  if (c.length === 0) {
    return { con: newVersion('0.0.0', hv), orig: c, op: '', minorDirty: false, dirty: true, patchDirty: false };
  }
  const m = matchConstraint(c);
  if (!m) throw new SemverError(`improper constraint: ${c}`);
  // The regexp's submatches: 1 operator, 2 version, 3 major, 4 .minor, 5 .patch, 6 -prerelease.
  const cv = m.cv;
  const groups = [m.op, [cv.start, cv.end] as const, cv.major, cv.minor, cv.patch, cv.pre];
  const g = (i: number): string => spanText(c, groups[i - 1]);
  let ver = g(2);
  let minorDirty = false;
  let patchDirty = false;
  let dirty = false;
  if (isX(g(3)) || g(3) === '') {
    ver = `0.0.0${g(6)}`;
    dirty = true;
  } else if (isX(g(4).replace(/^\./, '')) || g(4) === '') {
    minorDirty = true;
    dirty = true;
    ver = `${g(3)}.0.0${g(6)}`;
  } else if (isX(g(5).replace(/^\./, '')) || g(5) === '') {
    dirty = true;
    patchDirty = true;
    ver = `${g(3)}${g(4)}.0${g(6)}`;
  }
  let con: Version;
  try {
    con = newVersion(ver, hv);
  } catch {
    // The constraint regexp should catch everything; Go reports this if it does not
    // (e.g. a number beyond uint64). Recorded: v3.3 "constraint Parser Error", v3.4 lower case.
    throw new SemverError(hv === 3 ? 'constraint Parser Error' : 'constraint parser error');
  }
  return { con, orig: g(2), op: g(1), minorDirty, dirty, patchDirty };
}

function rewriteRange(i: string): string {
  const ms = constraintRangeRegex.findAll(i, -1);
  let o = i;
  for (const m of ms) {
    const whole = i.slice(m[0], m[1]);
    const parts = rangeParts(i, m[0], m[1]);
    if (parts === undefined) throw new Error('semver: range match not re-read'); // cannot happen
    const t = `>= ${spanText(i, parts[0])}, <= ${spanText(i, parts[1])}`;
    o = o.replace(whole, () => t);
  }
  return o;
}

/** newConstraint is semver.NewConstraint; throws SemverError("improper constraint: ..."). */
export function newConstraint(c: string, hv: HelmVersion): Constraints {
  c = rewriteRange(c);
  const groups: Constraint[][] = [];
  const containsPre: boolean[] = [];
  for (const v of c.split('||')) {
    if (!validConstraintRegex.matchString(v)) throw new SemverError(`improper constraint: ${v}`);
    let cs = findConstraints(v).map((m) => v.slice(m[0], m[1]));
    if (cs.length === 0) cs = [v];
    const result = cs.map((s) => parseConstraint(s, hv));
    groups.push(result);
    containsPre.push(result.some((pc) => pc.con.pre !== ''));
  }
  return { groups, containsPre, hv };
}

function tilde(v: Version, c: Constraint): boolean {
  if (compareVersions(v, c.con) < 0) return false;
  // ~0.0.0 accepts everything (>= 0.0.0).
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  if (v.minor !== c.con.minor && !c.minorDirty) return false;
  return true;
}

function checkOne(v: Version, c: Constraint, includePre: boolean): boolean {
  // A prerelease version only satisfies an AND group that itself names a prerelease.
  if (v.pre !== '' && !includePre) return false;
  const con = c.con;
  switch (c.op) {
    case '':
    case '=':
      if (c.dirty) return tilde(v, c);
      return compareVersions(v, con) === 0;
    case '!=':
      if (c.dirty) {
        if (con.major !== v.major) return true;
        if (con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) {
          if (v.pre !== '' || con.pre !== '') return comparePrerelease(v.pre, con.pre) !== 0;
          return false;
        }
      }
      return compareVersions(v, con) !== 0;
    case '>':
      if (!c.dirty) return compareVersions(v, con) === 1;
      if (v.major > con.major) return true;
      if (v.major < con.major) return false;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > con.minor;
      return compareVersions(v, con) === 1;
    case '<':
      return compareVersions(v, con) < 0;
    case '>=':
    case '=>':
      return compareVersions(v, con) >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return compareVersions(v, con) <= 0;
      if (v.major > con.major) return false;
      if (v.major === con.major && v.minor > con.minor && !c.minorDirty) return false;
      return true;
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      if (compareVersions(v, con) < 0) return false;
      if (con.major > 0n || c.minorDirty) return v.major === con.major;
      if (con.major === 0n && v.major > 0n) return false;
      if (con.minor > 0n || c.patchDirty) return v.minor === con.minor;
      if (con.minor === 0n && v.minor > 0n) return false;
      return con.patch === v.patch;
  }
  return false;
}

/** checkConstraints is Constraints.Check. */
export function checkConstraints(cs: Constraints, v: Version): boolean {
  // semver v3.4 (Helm 4) lets a prerelease satisfy every constraint of an AND group that names
  // a prerelease; v3.3 (Helm 3) only the individual constraints that name one.
  return cs.groups.some((group, i) =>
    group.every((c) => checkOne(v, c, cs.hv === 4 ? cs.containsPre[i] : c.con.pre !== '')),
  );
}

/**
 * checkConstraint parses `constraint` and `version` and reports whether the version satisfies it
 * (what sprig's semverCompare and Helm's Chart.yaml kubeVersion check do). Throws SemverError.
 */
export function checkConstraint(constraint: string, version: string, hv: HelmVersion): boolean {
  const c = newConstraint(constraint, hv);
  return checkConstraints(c, newVersion(version, hv));
}

// ---- the *semver.Version object ----------------------------------------------------------------

function withOriginal(v: Version, next: Omit<Version, 'original'>): Version {
  // Inc*/Set* keep only a lowercase "v" prefix of the original.
  const prefix = v.original.startsWith('v') ? 'v' : '';
  const n = { ...next, original: '' };
  return { ...n, original: prefix + versionString(n) };
}

const POINTER_METHODS = new Set(['Original', 'Compare', 'LessThan', 'LessThanEqual', 'GreaterThan', 'GreaterThanEqual', 'Equal']);

/** SemverObject is a *semver.Version (or a semver.Version value returned by IncMajor, SetPrerelease...). */
export class SemverObject extends GoObject {
  readonly goType: string;
  readonly kind: Kind;
  readonly v: Version;
  private readonly hv: HelmVersion;

  constructor(v: Version, hv: HelmVersion, pointer = true) {
    super();
    this.v = v;
    this.hv = hv;
    this.goType = pointer ? '*semver.Version' : 'semver.Version';
    this.kind = pointer ? 'ptr' : 'struct';
  }

  override method(name: string): GoMethod | undefined {
    // A semver.Version value (not addressable) lacks the pointer-receiver methods.
    if (this.kind === 'struct' && POINTER_METHODS.has(name)) return undefined;
    const v = this.v;
    const hv = this.hv;
    const other = (x: Value): Version => {
      if (x instanceof SemverObject) return x.v;
      throw new FuncError('invalid memory address or nil pointer dereference');
    };
    const m0 = (f: () => Value): GoMethod => ({ params: [], call: () => f() });
    const m1 = (f: (o: Version) => Value): GoMethod => ({ params: ['*semver.Version'], call: ([o]) => f(other(o)) });
    const u64 = (x: bigint): Value => new GoInt('uint64', x);
    switch (name) {
      case 'Major':
        return m0(() => u64(v.major));
      case 'Minor':
        return m0(() => u64(v.minor));
      case 'Patch':
        return m0(() => u64(v.patch));
      case 'Prerelease':
        return m0(() => v.pre);
      case 'Metadata':
        return m0(() => v.metadata);
      case 'Original':
        return m0(() => v.original);
      case 'String':
        return m0(() => versionString(v));
      case 'Compare':
        return m1((o) => new GoInt('int', BigInt(compareVersions(v, o))));
      case 'LessThan':
        return m1((o) => compareVersions(v, o) < 0);
      case 'LessThanEqual':
        return m1((o) => compareVersions(v, o) <= 0);
      case 'GreaterThan':
        return m1((o) => compareVersions(v, o) > 0);
      case 'GreaterThanEqual':
        return m1((o) => compareVersions(v, o) >= 0);
      case 'Equal':
        return m1((o) => compareVersions(v, o) === 0);
      case 'IncPatch':
        return m0(
          () =>
            new SemverObject(
              withOriginal(v, { ...v, pre: '', metadata: '', patch: v.pre !== '' ? v.patch : v.patch + 1n }),
              hv,
              false,
            ),
        );
      case 'IncMinor':
        return m0(() => new SemverObject(withOriginal(v, { ...v, pre: '', metadata: '', patch: 0n, minor: v.minor + 1n }), hv, false));
      case 'IncMajor':
        return m0(
          () => new SemverObject(withOriginal(v, { ...v, pre: '', metadata: '', patch: 0n, minor: 0n, major: v.major + 1n }), hv, false),
        );
      case 'SetPrerelease':
        return {
          params: ['string'],
          returnsError: true,
          call: ([p]) => {
            const pre = typeof p === 'string' ? p : '';
            if (pre !== '') wrap(() => validatePrerelease(pre, hv));
            return new SemverObject(withOriginal(v, { ...v, pre }), hv, false);
          },
        };
      case 'SetMetadata':
        return {
          params: ['string'],
          returnsError: true,
          call: ([p]) => {
            const metadata = typeof p === 'string' ? p : '';
            if (metadata !== '') wrap(() => validateMetadata(metadata, hv));
            return new SemverObject(withOriginal(v, { ...v, metadata }), hv, false);
          },
        };
    }
    return undefined;
  }

  override stringer(): string {
    return versionString(this.v);
  }

  override toData(): Value {
    // MarshalJSON encodes the String() form.
    return versionString(this.v);
  }
}

function wrap<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SemverError) throw new FuncError(e.message);
    throw e;
  }
}

function str(v: Value): string {
  return typeof v === 'string' ? v : '';
}

/** semverFuncs are sprig's semver and semverCompare. */
export const semverFuncs: FuncDef[] = [
  {
    name: 'semver',
    params: ['string'],
    result: '*semver.Version',
    impl: ([s], ctx) => new SemverObject(wrap(() => newVersion(str(s), ctx.helmVersion)), ctx.helmVersion),
    doc: {
      signature: 'semver VERSION',
      description: 'Parses a semantic version (v prefix and partial versions allowed) into an object with .Major .Minor .Patch .Prerelease .Metadata .Original and Compare/LessThan/GreaterThan/Equal methods.',
      example: '{{ (semver "1.2.3-alpha.1+b5").Prerelease }} → alpha.1',
      category: 'semver',
    },
  },
  {
    name: 'semverCompare',
    params: ['string', 'string'],
    result: 'bool',
    impl: ([c, v], ctx) => wrap(() => checkConstraint(str(c), str(v), ctx.helmVersion)),
    doc: {
      signature: 'semverCompare CONSTRAINT VERSION',
      description:
        'Reports whether VERSION satisfies CONSTRAINT (">=1.2, <2", "~1.2", "^1.2.3", "1.2 - 1.4", "1.x", "||"). Prereleases only match constraints that contain a prerelease (">=1.19.0-0").',
      example: '{{ semverCompare ">=1.19.0-0" .Capabilities.KubeVersion.Version }} → true',
      category: 'semver',
    },
  },
];
