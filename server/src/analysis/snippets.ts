// Snippets in template text (outside `{{ }}`): the control structures with whitespace-trimming
// delimiters, laid out at the current line's indentation, and the two idioms of chart authors
// that need an indentation count — `include "x" . | nindent N` and `toYaml .Values.x | nindent N`
// with N = the current line's indentation (the `{{-` trims the line's own whitespace, nindent
// restores it). Offered only when the line so far is blank or a prefix of a snippet word, and
// sorted after any key completion of the same position ('~').
import type { CompletionEntry } from './types';

/** TextSnippet is one snippet: the word that selects it and its body at indentation `ind` (N = ind.length). */
interface TextSnippet {
  readonly word: string;
  readonly label: string;
  readonly detail: string;
  readonly body: (ind: string, defines: readonly string[]) => string;
}

/** escapeChoice escapes a define name for an LSP snippet choice (`${1|a,b|}`). */
function escapeChoice(s: string): string {
  return s.replace(/[\\,|$}]/g, (c) => '\\' + c);
}

const SNIPPETS: readonly TextSnippet[] = [
  {
    word: 'if',
    label: 'if … else … end',
    detail: '{{- if }} … {{- else }} … {{- end }}',
    body: (ind) => `{{- if \${1:.Values.enabled} }}\n${ind}\${2}\n${ind}{{- else }}\n${ind}\${0}\n${ind}{{- end }}`,
  },
  {
    word: 'range',
    label: 'range … end',
    detail: '{{- range $item := … }} … {{- end }}',
    body: (ind) => `{{- range \${1:\\$item} := \${2:.Values.items} }}\n${ind}\${0}\n${ind}{{- end }}`,
  },
  {
    word: 'with',
    label: 'with … end',
    detail: '{{- with … }} … {{- end }}',
    body: (ind) => `{{- with \${1:.Values.x} }}\n${ind}\${0}\n${ind}{{- end }}`,
  },
  {
    word: 'define',
    label: 'define … end',
    detail: '{{- define "name" -}} … {{- end }}',
    body: (ind) => `{{- define "\${1:name}" -}}\n${ind}\${0}\n${ind}{{- end }}`,
  },
  {
    word: 'include',
    label: 'include … | nindent',
    detail: '{{- include "name" . | nindent N }} (N = this line\'s indentation)',
    body: (ind, defines) => {
      const name = defines.length > 0 ? `\${1|${defines.map(escapeChoice).join(',')}|}` : '${1:name}';
      return `{{- include "${name}" \${2:.} | nindent ${ind.length} }}`;
    },
  },
  {
    word: 'toYaml',
    label: 'toYaml … | nindent',
    detail: '{{- toYaml .Values.x | nindent N }} (N = this line\'s indentation)',
    body: (ind) => `{{- toYaml \${1:.Values.x} | nindent ${ind.length} }}`,
  },
];

/** MAX_CHOICES bounds the define names offered in the include snippet. */
const MAX_CHOICES = 20;

/**
 * textSnippets lists the snippets at `offset` of template text (the caller has decided the
 * cursor is outside any action). `defines` are the define names the include snippet offers, in order.
 */
export function textSnippets(text: string, offset: number, defines: readonly string[]): CompletionEntry[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const m = /^([ \t]*)([A-Za-z]*)$/.exec(text.slice(lineStart, offset));
  if (m === null) return [];
  const [, ind, word] = m;
  const replace = { start: offset - word.length, end: offset };
  const names = defines.slice(0, MAX_CHOICES);
  const out: CompletionEntry[] = [];
  for (const s of SNIPPETS) {
    if (!s.word.toLowerCase().startsWith(word.toLowerCase())) continue;
    out.push({
      label: s.label,
      kind: 'snippet',
      detail: s.detail,
      insertText: s.body(ind, names),
      snippet: true,
      asIs: true,
      replace,
      sortText: '~' + s.word,
    });
  }
  return out;
}
