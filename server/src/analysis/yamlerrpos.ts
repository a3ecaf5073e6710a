// Places a go-yaml error of a values file or Chart.yaml at the line its text names
// ("... yaml: line 3: did not find expected key"), for diagnostics that otherwise have no position.

/** Range is a span of UTF-16 offsets in a document. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/**
 * yamlErrorRange returns the 1-based line that a go-yaml error message names, as the range of
 * that line's text in `text` (from its first non-blank character to its end); undefined when the
 * message names no line or the text has fewer lines.
 */
export function yamlErrorRange(text: string, message: string): Range | undefined {
  const m = /\byaml: line (\d+):/.exec(message);
  if (m === null) return undefined;
  const line = Number(m[1]);
  let start = 0;
  for (let i = 1; i < line; i++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  let first = start;
  while (first < end && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
  return first < end ? { start: first, end } : { start, end };
}

/**
 * loadErrorRange places a chart load error in the document `rel` (a path relative to the chart)
 * when the error is about that very file ("cannot load values.yaml: ... yaml: line N: ...");
 * errors of a subchart's files name no path Helm prints, so they stay unplaced.
 */
export function loadErrorRange(rel: string, text: string, message: string): Range | undefined {
  const m = /^cannot load (Chart\.yaml|values\.yaml): /.exec(message);
  return m !== null && m[1] === rel ? yamlErrorRange(text, message) : undefined;
}
