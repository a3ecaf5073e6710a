// Linear scanners for Masterminds/semver's regular expressions (version.go, constraints.go).
//
// The patterns are concatenations of character-class runs whose neighbours never share a
// character, so the greedy scan is the only way each can match and it yields the same submatches
// as Go's leftmost-first regexp. A regexp engine that tracks submatches (Go's and re2js's NFA)
// needs seconds for a megabyte-long version; these scans need milliseconds.
// test/robustness/fuzz-regex.test.ts checks each scanner against the regexp it replaces.

/** [start, end) of a submatch in UTF-16 indices. */
export type Span = readonly [number, number];

/** CvSpans are the parts of one version: `v?MAJOR(.MINOR)?(.PATCH)?(-PRE)?(+META)?`. */
export interface CvSpans {
  readonly start: number;
  readonly end: number;
  readonly major: Span;
  /** minor and patch include their leading '.', pre its '-', meta its '+'. */
  readonly minor?: Span;
  readonly patch?: Span;
  readonly pre?: Span;
  readonly meta?: Span;
}

type CharTest = (c: number) => boolean;

/** isDigit is [0-9] (the version regexp's numbers). */
export const isDigit: CharTest = (c) => c >= 0x30 && c <= 0x39;

/** isCvChar is the constraint regexp's [0-9|x|X|\*] (the '|' is part of the class). */
export const isCvChar: CharTest = (c) => (c >= 0x30 && c <= 0x39) || c === 0x7c || c === 0x78 || c === 0x58 || c === 0x2a;

/** isIdChar is [0-9A-Za-z\-]. */
function isIdChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d;
}

/** isSpace is Go's \s: [\t\n\f\r ]. */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

function at(s: string, i: number, t: CharTest): boolean {
  return i < s.length && t(s.charCodeAt(i));
}

function run(s: string, i: number, t: CharTest): number {
  while (i < s.length && t(s.charCodeAt(i))) i++;
  return i;
}

/** idList scans `ID(\.ID)*` from i (which holds an ID character). */
function idList(s: string, i: number): number {
  i = run(s, i, isIdChar);
  while (s.charCodeAt(i) === 0x2e && at(s, i + 1, isIdChar)) i = run(s, i + 1, isIdChar);
  return i;
}

/** cvStartsAt reports whether a version can start at q: `v?` then a number character. */
export function cvStartsAt(s: string, q: number, num: CharTest): boolean {
  return at(s, q, num) || (s.charCodeAt(q) === 0x76 && at(s, q + 1, num));
}

/** scanCv scans one version at q greedily (num: the number class), or undefined if none starts there. */
export function scanCv(s: string, q: number, num: CharTest): CvSpans | undefined {
  let i = q;
  if (s.charCodeAt(i) === 0x76 && at(s, i + 1, num)) i++;
  if (!at(s, i, num)) return undefined;
  const m0 = i;
  i = run(s, i, num);
  const major: Span = [m0, i];
  let minor: Span | undefined;
  let patch: Span | undefined;
  let pre: Span | undefined;
  let meta: Span | undefined;
  if (s.charCodeAt(i) === 0x2e && at(s, i + 1, num)) {
    const a = i;
    i = run(s, i + 1, num);
    minor = [a, i];
    if (s.charCodeAt(i) === 0x2e && at(s, i + 1, num)) {
      const b = i;
      i = run(s, i + 1, num);
      patch = [b, i];
    }
  }
  if (s.charCodeAt(i) === 0x2d && at(s, i + 1, isIdChar)) {
    const a = i;
    i = idList(s, i + 1);
    pre = [a, i];
  }
  if (s.charCodeAt(i) === 0x2b && at(s, i + 1, isIdChar)) {
    const a = i;
    i = idList(s, i + 1);
    meta = [a, i];
  }
  return { start: q, end: i, major, minor, patch, pre, meta };
}

/**
 * matchLooseVersion is `^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-(ID(\.ID)*))?(\+(ID(\.ID)*))?$`
 * (semver.NewVersion's versionRegex).
 */
export function matchLooseVersion(s: string): CvSpans | undefined {
  const cv = scanCv(s, 0, isDigit);
  return cv !== undefined && cv.end === s.length ? cv : undefined;
}

// The operators of `(=||!=|>|<|>=|=>|<=|=<|~|~>|\^)`, in the regexp's order ('' is the second).
const OPS = ['=', '', '!=', '>', '<', '>=', '=>', '<=', '=<', '~', '~>', '^'];

/** ConstraintSpans is one constraint: its operator and its version. */
export interface ConstraintSpans {
  readonly op: Span;
  readonly cv: CvSpans;
}

/** skipSpaces returns the end of the run of \s at i. */
function skipSpaces(s: string, i: number): number {
  return run(s, i, isSpace);
}

/** opAt is the operator the constraint regexp takes at i: the first alternative followed by `\s*` and a version. */
function opAt(s: string, i: number, skip: (i: number) => number): Span | undefined {
  for (const op of OPS) {
    if (!s.startsWith(op, i)) continue;
    if (cvStartsAt(s, skip(i + op.length), isCvChar)) return [i, i + op.length];
  }
  return undefined;
}

/** matchConstraint is `^\s*(OPS)\s*CV\s*$` (constraints.go's constraintRegex). */
export function matchConstraint(s: string): ConstraintSpans | undefined {
  const i = skipSpaces(s, 0);
  const op = opAt(s, i, (k) => skipSpaces(s, k));
  if (op === undefined) return undefined;
  const cv = scanCv(s, skipSpaces(s, op[1]), isCvChar);
  if (cv === undefined || skipSpaces(s, cv.end) !== s.length) return undefined;
  return { op, cv };
}

/**
 * findConstraints is FindAllString of `(OPS)\s*CV` (findConstraintRegex): the [start, end) of
 * every match, leftmost-first, in one pass (runs of spaces are measured once).
 */
export function findConstraints(s: string): Span[] {
  const out: Span[] = [];
  let runFrom = -1;
  let runEnd = -1;
  const skip = (i: number): number => {
    if (i >= runFrom && i < runEnd) return runEnd;
    runFrom = i;
    runEnd = skipSpaces(s, i);
    return runEnd;
  };
  let p = 0;
  while (p < s.length) {
    const op = opAt(s, p, skip);
    if (op === undefined) {
      p++;
      continue;
    }
    const cv = scanCv(s, skip(op[1]), isCvChar);
    if (cv === undefined) throw new Error('semverscan: version expected'); // opAt checked it
    out.push([p, cv.end]);
    p = cv.end;
  }
  return out;
}

/**
 * rangeParts re-reads one match of `\s*CV\s+-\s+CV\s*` (constraintRangeRegex) found by the
 * regexp: the spans of its two versions (submatches 1 and 11).
 */
export function rangeParts(s: string, start: number, end: number): [Span, Span] | undefined {
  // The regexp's match is the greedy one, so scanning on past `end` stops exactly there.
  const a = scanCv(s, skipSpaces(s, start), isCvChar);
  if (a === undefined) return undefined;
  let i = skipSpaces(s, a.end);
  if (i === a.end || s.charCodeAt(i) !== 0x2d) return undefined;
  const j = skipSpaces(s, i + 1);
  if (j === i + 1) return undefined;
  const b = scanCv(s, j, isCvChar);
  if (b === undefined) return undefined;
  i = skipSpaces(s, b.end);
  return i === end ? [[a.start, a.end], [b.start, b.end]] : undefined;
}
