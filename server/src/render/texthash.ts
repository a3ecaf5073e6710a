// A SHA-256 naming a JS string exactly, for the caches that key or check texts by content (the
// CLI's disk caches, the content identities of render/incremental.ts).
import { createHash } from 'node:crypto';

const WIDE = /[^\u0000-\u00ff]/;

/**
 * textHash is a SHA-256 naming a JS string exactly: of its characters as bytes when they all
 * fit in one (most texts: half the bytes to hash), else of its UTF-16 code units, with a prefix
 * telling which. UTF-8 would not do: it turns every lone surrogate (a Go string's invalid
 * bytes) into U+FFFD.
 */
export function textHash(text: string): string {
  const wide = WIDE.test(text);
  return createHash('sha256').update(wide ? 'W' : 'L').update(text, wide ? 'utf16le' : 'latin1').digest('hex');
}
