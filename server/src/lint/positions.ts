// Offsets → editor positions for lint findings.

/** offsetPosition converts a UTF-16 offset into a 1-based line and 1-based UTF-16 column. */
export function offsetPosition(text: string, offset: number): { line: number; column: number } {
  const o = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < o; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: o - lineStart + 1 };
}
