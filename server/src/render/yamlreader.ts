// go-yaml v2's reader checks (reader.go, yaml_parser_update_buffer): before the YAML of a
// manifest is parsed, its bytes must be valid UTF-8 made of printable characters. Helm decodes
// every rendered document's head through sigs.k8s.io/yaml (go-yaml v2), so a rendered
// manifest holding a control character or a raw non-UTF-8 byte fails with
// `error converting YAML to JSON: yaml: <problem>` even when it sits in a comment.
import { utf8Encode } from '../template/value';

// Anything outside go-yaml's printable set, or a surrogate (a raw byte, see utf8Decode, or
// the half of a pair, checked precisely below). Fast pre-check over the UTF-16 text.
const SUSPECT = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]/;

/**
 * yamlReaderProblem returns go-yaml v2's reader error for the document (e.g. "control
 * characters are not allowed", "invalid leading UTF-8 octet"), or undefined when its bytes
 * pass. Go reads in chunks, so a syntax error before the bad byte could win there; the whole
 * document is checked first here.
 */
export function yamlReaderProblem(doc: string): string | undefined {
  if (!SUSPECT.test(doc)) return undefined;
  const b = utf8Encode(doc);
  let i = 0;
  while (i < b.length) {
    const octet = b[i];
    const width = (octet & 0x80) === 0 ? 1 : (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
    if (width === 0) return 'invalid leading UTF-8 octet';
    if (i + width > b.length) return 'incomplete UTF-8 octet sequence';
    let value = width === 1 ? octet & 0x7f : width === 2 ? octet & 0x1f : width === 3 ? octet & 0x0f : octet & 0x07;
    for (let k = 1; k < width; k++) {
      const c = b[i + k];
      if ((c & 0xc0) !== 0x80) return 'invalid trailing UTF-8 octet';
      value = (value << 6) + (c & 0x3f);
    }
    const shortest = width === 1 || (width === 2 && value >= 0x80) || (width === 3 && value >= 0x800) || (width === 4 && value >= 0x10000);
    if (!shortest) return 'invalid length of a UTF-8 sequence';
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) return 'invalid Unicode character';
    if (!isPrintable(value)) return 'control characters are not allowed';
    i += width;
  }
  return undefined;
}

// isPrintable is the reader's accepted character set (tab, line breaks, NEL, printable BMP
// minus surrogates and U+FFFE/U+FFFF, and the supplementary planes).
function isPrintable(v: number): boolean {
  return (
    v === 0x09 ||
    v === 0x0a ||
    v === 0x0d ||
    (v >= 0x20 && v <= 0x7e) ||
    v === 0x85 ||
    (v >= 0xa0 && v <= 0xd7ff) ||
    (v >= 0xe000 && v <= 0xfffd) ||
    (v >= 0x10000 && v <= 0x10ffff)
  );
}
