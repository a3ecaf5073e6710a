// Maps syntax errors of the `yaml` npm package to the messages go-yaml v2 reports for the same
// input ("yaml: line 3: mapping values are not allowed in this context").
//
// go-yaml's scanner errors print the 1-based line of the problem (omitted on the first line);
// its parser errors print the 0-based line of the offending token (also omitted when 0), and
// the end of input counts as a line of its own when the text does not end with a newline.
// The mapping is heuristic (calibrated on recorded Helm outputs, see test/helm/fromYaml.test.ts):
// the two parsers detect problems at different places, so exotic inputs may get a different text.
import type { YAMLError } from 'yaml';

function lineOf(text: string, pos: number): number {
  let n = 0;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function eofLine(text: string): number {
  const n = lineOf(text, text.length);
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}

function withLine(line: number, msg: string): string {
  return line !== 0 ? `line ${line}: ${msg}` : msg;
}

function scanner(line0: number, msg: string): string {
  return withLine(line0 === 0 ? 0 : line0 + 1, msg);
}

function prevNonEmptyLine(text: string, line0: number): string {
  const lines = text.split('\n');
  for (let i = line0 - 1; i >= 0; i--) if (lines[i].trim() !== '' && !lines[i].trim().startsWith('#')) return lines[i];
  return '';
}

/** goYamlSyntaxError returns go-yaml's message (without the "yaml: " prefix) for the first error. */
export function goYamlSyntaxError(text: string, errors: readonly YAMLError[]): string {
  const e = errors[0];
  const pos = e.pos[0];
  const line0 = pos >= text.length ? eofLine(text) : lineOf(text, pos);
  const msg = e.message;
  switch (e.code) {
    case 'MISSING_CHAR':
      if (/quote/.test(msg)) return scanner(eofLine(text), 'found unexpected end of stream');
      if (/Flow sequence must end/.test(msg)) return withLine(line0, "did not find expected ',' or ']'");
      if (/Flow map must end/.test(msg)) return withLine(line0, "did not find expected ',' or '}'");
      if (/Implicit map keys need to be followed/.test(msg)) {
        // go-yaml notices the missing ':' at the next token (or the end of input).
        const rest = text.slice(pos);
        const m = /\S/.exec(rest.slice(rest.indexOf('\n') + 1));
        const next = rest.indexOf('\n') < 0 || !m ? eofLine(text) : lineOf(text, pos + rest.indexOf('\n') + 1 + m.index);
        return scanner(next, "could not find expected ':'");
      }
      break;
    case 'BAD_INDENT':
      if (/^Flow (sequence|map) in block collection/.test(msg)) {
        const isSeq = msg.startsWith('Flow sequence');
        const open = text.lastIndexOf(isSeq ? '[' : '{', pos);
        const inner = open >= 0 ? text.slice(open + 1, pos).trim() : '';
        if (inner === '') return withLine(line0, 'did not find expected node content');
        return withLine(line0, isSeq ? "did not find expected ',' or ']'" : "did not find expected ',' or '}'");
      }
      if (/All mapping items must start at the same column/.test(msg)) {
        // go-yaml points at the offending token; the yaml package may point at the end of the
        // line before it (a less indented line right after a mapping key).
        const tok = /\S/.exec(text.slice(pos));
        const at0 = /^[ \t]*\r?\n/.test(text.slice(pos)) && tok !== null ? lineOf(text, pos + tok.index) : line0;
        const prev = prevNonEmptyLine(text, at0).trimStart();
        return withLine(at0, prev.startsWith('- ') || prev === '-' ? "did not find expected '-' indicator" : 'did not find expected key');
      }
      break;
    case 'BLOCK_AS_IMPLICIT_KEY': {
      // Reported at the ':' that starts the forbidden nested mapping.
      const re = /:(?=[ \t\r\n]|$)/g;
      re.lastIndex = pos;
      const m = re.exec(text);
      return scanner(m ? lineOf(text, m.index) : line0, 'mapping values are not allowed in this context');
    }
    case 'MULTILINE_IMPLICIT_KEY': {
      // A plain scalar running onto the next line (`x:1` + `y: 2` reads as the key "x:1 y"):
      // go-yaml's scanner refuses the ':' after a multi-line simple key.
      const c0 = text[pos];
      if (c0 !== undefined && !'"\'[{'.includes(c0)) {
        const re = /:(?=[ \t\r\n]|$)/g;
        re.lastIndex = pos;
        const m = re.exec(text);
        if (m) return scanner(lineOf(text, m.index), 'mapping values are not allowed in this context');
      }
      return withLine(line0, 'did not find expected key');
    }
    case 'TAB_AS_INDENT': {
      if (line0 === 0) return 'found character that cannot start any token';
      const prev = prevNonEmptyLine(text, line0).trimEnd();
      return scanner(line0, prev.endsWith(':') ? 'found character that cannot start any token' : 'found a tab character that violates indentation');
    }
    case 'BAD_SCALAR_START':
      if (/reserved character/.test(msg)) return scanner(line0, 'found character that cannot start any token');
      return withLine(line0, 'did not find expected node content');
    case 'BAD_DQ_ESCAPE':
      return scanner(line0, 'found unknown escape character');
    case 'UNEXPECTED_TOKEN':
      if (/flow-(seq|map)-end/.test(msg)) return withLine(line0, 'did not find expected node content');
      if (/^Block scalar header includes extra characters/.test(msg)) return scanner(line0, 'did not find expected comment or line break');
      if (/block-scalar-header at node end/.test(msg)) {
        // go-yaml scans `|`/`>` as a block scalar whose header must end the line.
        const eol = text.indexOf('\n', pos);
        const header = text.slice(pos, eol < 0 ? text.length : eol);
        if (!/^[|>]([1-9][+-]?|[+-][1-9]?)?([ \t]+(#.*)?)?$/.test(header)) return scanner(line0, 'did not find expected comment or line break');
      }
      if (/at node end/.test(msg)) {
        const prev = (line0 > 0 ? prevNonEmptyLine(text, line0) : '').trimStart();
        return withLine(line0, prev.startsWith('- ') ? "did not find expected '-' indicator" : 'did not find expected key');
      }
      break;
  }
  return withLine(line0, msg);
}
