// Package helmignore: Helm's .helmignore rules (helm pkg/ignore/rules.go) and Go's
// path/filepath.Match, which those rules are built on.

/** goPathMatch is Go's filepath.Match on '/'-separated paths; throws on a malformed pattern. */
export function goPathMatch(pattern: string, name: string): boolean {
  // Go validates the whole pattern lazily while matching, but returns ErrBadPattern for any
  // malformed class or trailing escape it reaches. We validate up front (Helm calls Match with
  // a dummy name for exactly that purpose) and then match with backtracking.
  validatePattern(pattern);
  return matchFrom(pattern, 0, name, 0);
}

/** BadPatternError is Go's path/filepath.ErrBadPattern. */
export class BadPatternError extends Error {
  constructor() {
    super('syntax error in pattern');
  }
}

function validatePattern(p: string): void {
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      if (i + 1 >= p.length) throw new BadPatternError();
      i++;
    } else if (c === '[') {
      i = classEnd(p, i + 1);
      if (i < 0) throw new BadPatternError();
    }
  }
}

/** classEnd returns the index of the closing ']' of a class whose body starts at i, or -1. */
function classEnd(p: string, i: number): number {
  // Mirrors Go's getEsc rules: a range endpoint may not be '-' or ']', '\\' escapes, and the
  // class must be closed.
  const getEsc = (j: number): number => {
    if (j >= p.length || p[j] === '-' || p[j] === ']') return -1;
    if (p[j] === '\\') {
      j++;
      if (j >= p.length) return -1;
    }
    j++;
    return j >= p.length ? -1 : j;
  };
  if (p[i] === '^') i++;
  for (let n = 0; ; n++) {
    if (i < p.length && p[i] === ']' && n > 0) return i;
    i = getEsc(i);
    if (i < 0) return -1;
    if (p[i] === '-') {
      i = getEsc(i + 1);
      if (i < 0) return -1;
    }
  }
}

function matchClass(p: string, i: number, ch: string): { ok: boolean; end: number } {
  let negate = false;
  if (p[i] === '^') {
    negate = true;
    i++;
  }
  let matched = false;
  let first = true;
  while (i < p.length && (p[i] !== ']' || first)) {
    first = false;
    let lo = p[i];
    if (lo === '\\') lo = p[++i];
    i++;
    let hi = lo;
    if (p[i] === '-') {
      i++;
      hi = p[i];
      if (hi === '\\') hi = p[++i];
      i++;
    }
    const c = ch.codePointAt(0) ?? 0;
    if ((lo.codePointAt(0) ?? 0) <= c && c <= (hi.codePointAt(0) ?? 0)) matched = true;
  }
  return { ok: matched !== negate, end: i + 1 };
}

function matchFrom(p: string, pi: number, s: string, si: number): boolean {
  while (pi < p.length) {
    const c = p[pi];
    if (c === '*') {
      // '*' matches any run of non-separator characters.
      let pj = pi;
      while (pj < p.length && p[pj] === '*') pj++;
      for (let k = si; ; k++) {
        if (matchFrom(p, pj, s, k)) return true;
        if (k >= s.length || s[k] === '/') return false;
      }
    }
    if (si >= s.length) return false;
    const cp = s.codePointAt(si) ?? 0;
    const ch = String.fromCodePoint(cp);
    if (c === '?') {
      if (ch === '/') return false;
      pi++;
      si += ch.length;
      continue;
    }
    if (c === '[') {
      if (ch === '/') return false;
      const r = matchClass(p, pi + 1, ch);
      if (!r.ok) return false;
      pi = r.end;
      si += ch.length;
      continue;
    }
    let lit = c;
    if (c === '\\') lit = p[++pi];
    if (s[si] !== lit) return false;
    pi++;
    si++;
  }
  return si === s.length;
}

interface Rule {
  readonly raw: string;
  readonly negate: boolean;
  readonly mustDir: boolean;
  readonly match: (path: string) => boolean;
}

/** IgnoreRules is a parsed .helmignore. */
export class IgnoreRules {
  private readonly rules: Rule[] = [];

  /** parse reads .helmignore text; throws Error with Helm's message on a bad rule. */
  static parse(text: string): IgnoreRules {
    const r = new IgnoreRules();
    // bufio.Scanner splits on \n and drops a trailing \r; Helm trims a UTF-8 BOM on line 1.
    const lines = text.replace(/^\uFEFF/, '').split('\n');
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    for (const line of lines) r.addRule(line);
    return r;
  }

  /** addDefaults adds Helm's built-in rule: dotfiles inside templates/ are ignored. */
  addDefaults(): void {
    this.addRule('templates/.?*');
  }

  /** addRule parses one line (pkg/ignore parseRule). */
  addRule(line: string): void {
    let rule = line.trim();
    if (rule === '' || rule.startsWith('#')) return;
    if (rule.includes('**')) throw new Error('double-star (**) syntax is not supported');
    try {
      goPathMatch(rule, 'abc');
    } catch {
      throw new Error('syntax error in pattern');
    }
    const raw = rule;
    let negate = false;
    if (rule.startsWith('!')) {
      negate = true;
      rule = rule.slice(1);
    }
    let mustDir = false;
    if (rule.endsWith('/')) {
      mustDir = true;
      rule = rule.slice(0, -1);
    }
    const safe = (pat: string, n: string): boolean => {
      try {
        return goPathMatch(pat, n);
      } catch {
        return false;
      }
    };
    let match: (n: string) => boolean;
    if (rule.startsWith('/')) {
      const pat = rule.replace(/^\/+/, '');
      match = (n) => safe(pat, n);
    } else if (rule.includes('/')) {
      const pat = rule;
      match = (n) => safe(pat, n);
    } else {
      // Without a slash only the base name is compared.
      const pat = rule;
      match = (n) => safe(pat, n.slice(n.lastIndexOf('/') + 1));
    }
    this.rules.push({ raw, negate, mustDir, match });
  }

  /** ignore reports whether the chart-relative path should be skipped (Rules.Ignore). */
  ignore(path: string, isDir: boolean): boolean {
    if (path === '' || path === '.' || path === './') return false;
    for (const p of this.rules) {
      // Negative rules return "ignored" for every path they do NOT match — Helm's quirk.
      if (p.negate) {
        if (p.mustDir && !isDir) return true;
        if (!p.match(path)) return true;
        continue;
      }
      if (p.mustDir && !isDir) continue;
      if (p.match(path)) return true;
    }
    return false;
  }
}
