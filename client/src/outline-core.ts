// Pure part of the preview's outline: every rendered resource of a `helm template` text, one
// entry per YAML document (`Deployment release-name-web`, its apiVersion and `# Source:` file),
// with the lines it spans. The preview document is the render's blocks as printed, so the
// outline is read from that text.

/** OutlineEntry is one rendered resource: its line range and the line of its `kind:` key. */
export interface OutlineEntry {
  readonly name: string;
  readonly detail: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly kindLine: number;
}

function unquote(v: string): string {
  const t = v.trim();
  return /^(["']).*\1$/.test(t) ? t.slice(1, -1) : t;
}

/** previewOutline lists the resources of a rendered text (documents without a `kind:` are left out). */
export function previewOutline(text: string): OutlineEntry[] {
  const lines = text.split('\n');
  const out: OutlineEntry[] = [];
  let source = '';
  let start = 0;
  const flush = (end: number): void => {
    let kind = '';
    let apiVersion = '';
    let name = '';
    let kindLine = start;
    let inMeta = false;
    let metaIndent = -1;
    for (let i = start; i < end; i++) {
      const l = lines[i];
      let m: RegExpExecArray | null;
      if ((m = /^kind:\s*([^#]*)/.exec(l)) !== null) {
        kind = unquote(m[1]);
        kindLine = i;
      } else if ((m = /^apiVersion:\s*([^#]*)/.exec(l)) !== null) apiVersion = unquote(m[1]);
      if (/^metadata:\s*$/.test(l)) {
        inMeta = true;
        continue;
      }
      if (inMeta && l.trim() !== '') {
        const ind = l.length - l.trimStart().length;
        if (ind === 0) inMeta = false;
        else {
          if (metaIndent < 0) metaIndent = ind;
          if (ind === metaIndent && (m = /^\s*name:\s*([^#]*)/.exec(l)) !== null && name === '') name = unquote(m[1]);
        }
      }
    }
    if (kind !== '') out.push({ name: name !== '' ? `${kind} ${name}` : kind, detail: [apiVersion, source].filter((s) => s !== '').join(' · '), startLine: start, endLine: Math.max(start, end - 1), kindLine });
  };
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '---') continue;
    flush(i);
    start = i + 1;
    const m = /^# Source: (.*)$/.exec(lines[i + 1] ?? '');
    if (m !== null) source = m[1];
  }
  flush(lines.length);
  return out;
}
