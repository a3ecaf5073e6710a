// Package glob: github.com/gobwas/glob as Helm's `.Files.Glob` uses it (separator '/').
//
// Syntax: `*` any run of non-separator characters, `**` any run including separators, `?` one
// non-separator character, `[abc]` / `[a-z]` / `[!abc]` classes, `{a,b}` alternatives, `\`
// escapes. A malformed pattern throws (Helm then falls back to "**").

/** GlobError is a pattern syntax error. */
export class GlobError extends Error {}

function esc(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** compileGlob compiles a gobwas/glob pattern with '/' as separator into a RegExp. */
export function compileGlob(pattern: string): RegExp {
  const chars = [...pattern];
  let i = 0;
  const parse = (inAlt: boolean): string => {
    let out = '';
    while (i < chars.length) {
      const c = chars[i];
      if (inAlt && (c === ',' || c === '}')) return out;
      i++;
      switch (c) {
        case '\\':
          if (i >= chars.length) throw new GlobError('unexpected end of input');
          out += esc(chars[i++]);
          break;
        case '*':
          if (chars[i] === '*') {
            while (chars[i] === '*') i++;
            out += '[\\s\\S]*';
          } else out += '[^/]*';
          break;
        case '?':
          out += '[^/]';
          break;
        case '[': {
          let neg = false;
          if (chars[i] === '!') {
            neg = true;
            i++;
          }
          let body = '';
          let n = 0;
          while (i < chars.length && chars[i] !== ']') {
            let lo = chars[i++];
            if (lo === '\\') lo = chars[i++] ?? '';
            if (chars[i] === '-' && chars[i + 1] !== undefined && chars[i + 1] !== ']') {
              i++;
              let hi = chars[i++];
              if (hi === '\\') hi = chars[i++] ?? '';
              if (hi < lo) throw new GlobError('hi character should be greater than lo character');
              body += `${esc(lo)}-${esc(hi)}`;
            } else body += esc(lo);
            n++;
          }
          if (i >= chars.length || n === 0) throw new GlobError('unexpected end of input');
          i++; // ']'
          out += neg ? `(?:(?!/)[^${body}])` : `[${body}]`;
          break;
        }
        case '{': {
          const alts: string[] = [];
          for (;;) {
            alts.push(parse(true));
            if (i >= chars.length) throw new GlobError('unexpected end of input');
            const d = chars[i++];
            if (d === '}') break;
          }
          out += `(?:${alts.join('|')})`;
          break;
        }
        default:
          out += esc(c);
      }
    }
    if (inAlt) throw new GlobError('unexpected end of input');
    return out;
  };
  const body = parse(false);
  return new RegExp(`^${body}$`);
}

/** globMatcher returns Helm's matcher for a pattern: an invalid pattern silently becomes "**". */
export function globMatcher(pattern: string): (name: string) => boolean {
  let re: RegExp;
  try {
    re = compileGlob(pattern);
  } catch {
    re = /^[\s\S]*$/;
  }
  return (name) => re.test(name);
}
