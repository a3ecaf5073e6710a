// A CommonMark-minded checker for Markdown built from hostile text: what is left outside fenced
// code blocks and code spans (with backslash escapes removed) must hold no link, image, HTML tag
// or autolink. Used by the hover/completion/signature markdown tests.

/** proseOf returns the Markdown outside fences and code spans, backslash escapes removed. */
export function proseOf(md: string): string {
  const prose: string[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(lines[i]);
    if (open === null) {
      prose.push(lines[i]);
      continue;
    }
    const mark = open[1];
    const close = new RegExp(`^ {0,3}${mark[0] === '`' ? '`' : '~'}{${mark.length},}\\s*$`);
    i++;
    while (i < lines.length && !close.test(lines[i])) i++;
  }
  // Code spans: a backtick run opens a span closed by the next run of the same length.
  const p = prose.join('\n');
  let out = '';
  let k = 0;
  while (k < p.length) {
    if (p[k] === '\\' && k + 1 < p.length && /[!-~]/.test(p[k + 1])) {
      k += 2;
      continue;
    }
    if (p[k] !== '`') {
      out += p[k++];
      continue;
    }
    let n = 0;
    while (p[k + n] === '`') n++;
    const re = new RegExp(`(?<!\`)\`{${n}}(?!\`)`, 'g');
    re.lastIndex = k + n;
    const m = re.exec(p);
    if (m === null) {
      out += p.slice(k, k + n);
      k += n;
    } else k = m.index + n;
  }
  return out;
}

/** unsafeIn lists the link/image/HTML/autolink constructs found in the prose of `md`. */
export function unsafeIn(md: string): string[] {
  const prose = proseOf(md);
  const found: string[] = [];
  for (const re of [/!\[/, /\]\(/, /\]\[/, /<[A-Za-z/!?]/, /[A-Za-z][A-Za-z0-9+.-]*:\/\//, /www\./i, /[\w.+-]+@[\w-]+\.[\w.-]+/, /&#?\w+;/]) {
    const m = re.exec(prose);
    if (m !== null) found.push(m[0]);
  }
  return found;
}
