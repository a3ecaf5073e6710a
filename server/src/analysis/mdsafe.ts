// Markdown built from untrusted text. Hovers and completion documentation show text that comes
// from charts and values (rendered output, define names, file names, values, error messages);
// rendered as Markdown it could close a code fence and place links or images whose URLs carry
// data. Every piece of such text goes through one of these functions: inside a fence longer
// than any backtick run it contains, inside an inline code span likewise, or escaped as text.
// Markdown written by Chartwright itself (function docs) is the only Markdown not passed here.

/** longestRun is the length of the longest run of `ch` in s. */
function longestRun(s: string, ch: string): number {
  let best = 0;
  let cur = 0;
  for (const c of s) {
    cur = c === ch ? cur + 1 : 0;
    if (cur > best) best = cur;
  }
  return best;
}

/** fence puts untrusted multi-line text in a fenced code block that nothing inside can close. */
export function fence(text: string, lang = ''): string {
  const ticks = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  // The info string is ours (a language id); still keep it to safe characters.
  const info = /^[A-Za-z0-9_+-]*$/.test(lang) ? lang : '';
  return `${ticks}${info}\n${text.replace(/\r\n?/g, '\n')}\n${ticks}`;
}

/**
 * code puts untrusted one-line text in an inline code span. Line breaks become spaces (a blank
 * line would end the paragraph and the span with it); the delimiter is one backtick more than
 * the longest run inside, padded with spaces when the text starts or ends with a backtick.
 */
export function code(text: string): string {
  const one = text.replace(/[\r\n]+/g, ' ');
  const ticks = '`'.repeat(longestRun(one, '`') + 1);
  const pad = one.startsWith('`') || one.endsWith('`') || (one.startsWith(' ') && one.endsWith(' ') && one.trim() !== '') ? ' ' : '';
  return `${ticks}${pad}${one}${pad}${ticks}`;
}

/**
 * text escapes untrusted one-line text for use inside a line of Markdown prose (not at a line's
 * start): emphasis, code, link, image and HTML characters are backslash-escaped, and what GFM
 * would turn into an autolink (`scheme:`, `www.`, `user@host`) is broken up.
 */
export function text(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()#!|<>~&:@]/g, (c) => '\\' + c)
    .replace(/(www)\./gi, '$1\\.');
}
