// Typing assist for template actions (vscode-free): `{{` becomes `{{ | }}` (and `{{-` becomes
// `{{- | }}`), the way chart authors write actions, and typing the closing `}}` (or ` }}`, `-}}`)
// walks over the close that was inserted instead of doubling it.
//
// VS Code's language configuration cannot do this: autoClosingPairs insert a fixed close right
// after the cursor (`{{` → `{{|}}`) and only type over characters they inserted themselves. So the
// client watches typed changes in helm documents and answers with small edits; this module decides
// them. Coordinates are characters of one line, after the change.

/** TypedChange is one edit confined to a line: `deleted` characters at `start` replaced by `text`. */
export interface TypedChange {
  readonly line: number;
  /** lineText is the whole line after the change. */
  readonly lineText: string;
  readonly start: number;
  readonly deleted: number;
  /** text is what was inserted (no line break). */
  readonly text: string;
}

/** AssistEdit replaces [from, to) of the change's line by `text`, then puts the cursor at `cursor`. */
export interface AssistEdit {
  readonly line: number;
  readonly from: number;
  readonly to: number;
  readonly text: string;
  readonly cursor: number;
}

/** PendingClose is a close the assist inserted: `rest` still stands at `at` on `line`. */
interface PendingClose {
  readonly line: number;
  readonly at: number;
  readonly rest: string;
  /** body: where the action's content starts (right after `{{ ` / `{{- `). */
  readonly body: number;
}

const CLOSE = ' }}';

/** ActionBraces follows the typing in one document and proposes the edits described above. */
export class ActionBraces {
  private pending: PendingClose | undefined;

  /** reset forgets the inserted close (another kind of change, undo, another document...). */
  reset(): void {
    this.pending = undefined;
  }

  /** onChange takes a change the user made and returns the edit to apply, if any. */
  onChange(c: TypedChange): AssistEdit | undefined {
    const open = this.opened(c);
    if (open !== undefined) return open;
    const p = this.pending;
    if (p === undefined) return undefined;
    if (c.line !== p.line || c.start > p.at || c.start + c.deleted > p.at) {
      this.pending = undefined;
      return undefined;
    }
    const shift = c.text.length - c.deleted;
    const at = p.at + shift;
    const body = c.start < p.body ? p.body + shift : p.body;
    if (c.lineText.slice(at, at + p.rest.length) !== p.rest) {
      this.pending = undefined;
      return undefined;
    }
    const typedAtClose = c.deleted === 0 && c.text.length === 1 && c.start === p.at;
    if (!typedAtClose) {
      this.pending = { ...p, at, body };
      return undefined;
    }
    const s = c.start;
    // A space at the start of an empty action: it is there already.
    if (c.text === ' ' && s === p.body && p.rest === CLOSE) {
      this.pending = { ...p, at: s, body: s };
      return { line: c.line, from: s, to: s + 1, text: '', cursor: s };
    }
    // Closing: `}` types over the inserted ` }` (the user's own spacing before it is kept)…
    if (c.text === '}' && p.rest === CLOSE) return this.overtype(c.line, s, 2, '}');
    // …and `}` over a `}` of the close.
    if (c.text === p.rest[0] && c.text !== ' ') return this.overtype(c.line, s, 1, p.rest.slice(1));
    this.pending = { ...p, at, body };
    return undefined;
  }

  /** opened handles `{{` and `{{-` typed just now. */
  private opened(c: TypedChange): AssistEdit | undefined {
    const t = c.lineText;
    // One typed character, or an auto-closing insertion (`{}`, `{}}` over a `}`).
    if (c.deleted > 2 || c.text.length === 0 || c.text.length > 4) return undefined;
    const brace = c.text.lastIndexOf('{');
    if (brace >= 0) {
      // `{{|}}` as VS Code's auto-closing pair leaves it (not `{{{`, not inside `}}}`).
      const at = c.start + brace + 1;
      if (t.slice(at - 2, at) !== '{{' || t[at - 3] === '{' || t.slice(at, at + 2) !== '}}' || t[at + 2] === '}') return undefined;
      this.pending = { line: c.line, at: at + 1, rest: CLOSE, body: at + 1 };
      return { line: c.line, from: at, to: at, text: '  ', cursor: at + 1 };
    }
    // `-` right after the inserted `{{ `, in an empty action: `{{- | }}`.
    const p = this.pending;
    const s = c.start;
    if (c.deleted === 0 && c.text === '-' && p !== undefined && p.line === c.line && p.at === s && p.body === s && t.slice(s - 3, s) === '{{ ' && t.slice(s + 1, s + 1 + CLOSE.length) === CLOSE) {
      this.pending = { line: c.line, at: s + 1, rest: CLOSE, body: s + 1 };
      return { line: c.line, from: s - 1, to: s + 1, text: '- ', cursor: s + 1 };
    }
    return undefined;
  }

  /** overtype drops `n` characters of the close after the typed one at `s`. */
  private overtype(line: number, s: number, n: number, rest: string): AssistEdit {
    this.pending = rest === '' ? undefined : { line, at: s + 1, rest, body: -1 };
    return { line, from: s + 1, to: s + 1 + n, text: '', cursor: s + 1 };
  }
}
