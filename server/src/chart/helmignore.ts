// Package helmignore: Helm's .helmignore rules (helm pkg/ignore/rules.go) and Go's
// path/filepath.Match, which those rules are built on (gomatch.ts: linear in the name per chunk).
import { BadPatternError, goMatch } from './gomatch';

export { BadPatternError };

/** goPathMatch is Go's filepath.Match on '/'-separated paths; throws on a malformed pattern. */
export function goPathMatch(pattern: string, name: string): boolean {
  return goMatch(pattern, name);
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
    // Helm checks the rule with Match(rule, "abc"): only the part of the pattern Match reads
    // before it fails is checked (`x*[` passes, and then matches nothing).
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
