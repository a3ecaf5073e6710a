// Go text semantics the sprig string functions depend on: unicode predicates and simple
// (rune-to-rune) case mapping, UTF-8 byte slicing, and ports of the goutils and xstrings helpers
// sprig calls (Abbreviate, Wrap, Initials, DeleteWhiteSpace, SwapCase, Uncapitalize,
// ToPascalCase, ToSnakeCase/ToKebabCase).
import { utf8Encode } from '../template/value';
import { bytesToString } from './cast';

/** isAscii reports whether s has only ASCII characters (byte offsets = char offsets). */
export function isAscii(s: string): boolean {
  return /^[\x00-\x7f]*$/.test(s);
}

/** runes splits s into code points (Go's []rune(s)). */
export function runes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0) as number);
  return out;
}

/** fromRunes is Go's string([]rune). */
export function fromRunes(rs: readonly number[]): string {
  let s = '';
  for (const r of rs) s += String.fromCodePoint(r);
  return s;
}

const reUpper = /^\p{Lu}$/u;
const reLower = /^\p{Ll}$/u;
const reTitle = /^\p{Lt}$/u;
const reLetter = /^\p{L}$/u;
const reDigit = /^\p{Nd}$/u;
const reNumber = /^\p{N}$/u;
const rePunct = /^\p{P}$/u;

/** isUpper is unicode.IsUpper. */
export const isUpper = (r: number): boolean => reUpper.test(String.fromCodePoint(r));
/** isLower is unicode.IsLower. */
export const isLower = (r: number): boolean => reLower.test(String.fromCodePoint(r));
/** isTitle is unicode.IsTitle. */
export const isTitle = (r: number): boolean => reTitle.test(String.fromCodePoint(r));
/** isLetter is unicode.IsLetter. */
export const isLetter = (r: number): boolean => reLetter.test(String.fromCodePoint(r));
/** isDigit is unicode.IsDigit. */
export const isDigit = (r: number): boolean => reDigit.test(String.fromCodePoint(r));
/** isNumber is unicode.IsNumber. */
export const isNumber = (r: number): boolean => reNumber.test(String.fromCodePoint(r));
/** isPunct is unicode.IsPunct. */
export const isPunct = (r: number): boolean => rePunct.test(String.fromCodePoint(r));

/** isSpace is unicode.IsSpace (Latin-1 spaces incl. U+0085 and U+00A0, then White_Space). */
export function isSpace(r: number): boolean {
  if (r <= 0xff) return r === 0x20 || (r >= 0x09 && r <= 0x0d) || r === 0x85 || r === 0xa0;
  return (
    r === 0x1680 || (r >= 0x2000 && r <= 0x200a) || r === 0x2028 || r === 0x2029 ||
    r === 0x202f || r === 0x205f || r === 0x3000
  );
}

// simple maps a rune with JS's full case mapping, keeping it when the mapping is not 1:1
// (Go's unicode.ToUpper/ToLower use the simple, single-rune mappings: ß stays ß).
function simple(r: number, f: (s: string) => string): number {
  const s = f(String.fromCodePoint(r));
  const cp = s.codePointAt(0) as number;
  return s.length === String.fromCodePoint(cp).length ? cp : r;
}

/** toUpper is unicode.ToUpper. */
export function toUpper(r: number): number {
  if (r < 0x80) return r >= 0x61 && r <= 0x7a ? r - 32 : r;
  return simple(r, (s) => s.toUpperCase());
}

/** toLower is unicode.ToLower. */
export function toLower(r: number): number {
  if (r < 0x80) return r >= 0x41 && r <= 0x5a ? r + 32 : r;
  if (r === 0x130) return 0x69; // İ: simple lowercase is i (the full mapping adds a dot)
  return simple(r, (s) => s.toLowerCase());
}

/** toTitle is unicode.ToTitle: upper case except the Latin digraphs and Georgian letters. */
export function toTitle(r: number): number {
  if (r >= 0x1c4 && r <= 0x1c6) return 0x1c5;
  if (r >= 0x1c7 && r <= 0x1c9) return 0x1c8;
  if (r >= 0x1ca && r <= 0x1cc) return 0x1cb;
  if (r >= 0x1f1 && r <= 0x1f3) return 0x1f2;
  if ((r >= 0x10d0 && r <= 0x10fa) || (r >= 0x10fd && r <= 0x10ff)) return r;
  return toUpper(r);
}

/**
 * mapRunes is strings.Map with a rune-to-rune function. Ranging over a Go string yields
 * utf8.RuneError for each invalid byte (U+DC80..U+DCFF in this model, see utf8Decode), and
 * Map writes it as U+FFFD.
 */
export function mapRunes(s: string, f: (r: number) => number): string {
  return fromRunes(runes(s).map((r) => f(r >= 0xdc80 && r <= 0xdcff ? 0xfffd : r)));
}

/** goUpper is strings.ToUpper. */
export function goUpper(s: string): string {
  return isAscii(s) ? s.toUpperCase() : mapRunes(s, toUpper);
}

/** goLower is strings.ToLower. */
export function goLower(s: string): string {
  return isAscii(s) ? s.toLowerCase() : mapRunes(s, toLower);
}

// isSeparator is strings.Title's word-boundary test.
function isSeparator(r: number): boolean {
  if (r <= 0x7f) {
    if ((r >= 0x30 && r <= 0x39) || (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a) || r === 0x5f) return false;
    return true;
  }
  if (isLetter(r) || isDigit(r)) return false;
  return isSpace(r);
}

/** goTitle is the deprecated strings.Title: title-case the first letter after each separator. */
export function goTitle(s: string): string {
  let prev = 0x20;
  return mapRunes(s, (r) => {
    const out = isSeparator(prev) ? toTitle(r) : r;
    prev = r;
    return out;
  });
}

/** trimSpace is strings.TrimSpace. */
export function trimSpace(s: string): string {
  const rs = runes(s);
  let i = 0;
  let j = rs.length;
  while (i < j && isSpace(rs[i])) i++;
  while (j > i && isSpace(rs[j - 1])) j--;
  return i === 0 && j === rs.length ? s : fromRunes(rs.slice(i, j));
}

/** trimCutset is strings.Trim(s, cutset). */
export function trimCutset(s: string, cutset: string): string {
  if (s === '' || cutset === '') return s;
  const cut = new Set(runes(cutset));
  const rs = runes(s);
  let i = 0;
  let j = rs.length;
  while (i < j && cut.has(rs[i])) i++;
  while (j > i && cut.has(rs[j - 1])) j--;
  return fromRunes(rs.slice(i, j));
}

/** replaceAll is strings.Replace(s, old, new, -1) (an empty old matches around every rune). */
export function replaceAll(s: string, old: string, repl: string): string {
  if (old === '') {
    const rs = Array.from(s);
    return repl + rs.join(repl) + (rs.length > 0 ? repl : '');
  }
  return s.split(old).join(repl);
}

/** splitN is strings.SplitN (n < 0: all; n == 0: none); an empty sep splits into runes. */
export function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const rs = Array.from(s);
    if (n < 0 || n >= rs.length) return rs;
    return [...rs.slice(0, n - 1), rs.slice(n - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

// --- byte-level helpers (Go strings are UTF-8 bytes) ----------------------------------------

/** byteLen is len(s). */
export function byteLen(s: string): number {
  return isAscii(s) ? s.length : utf8Encode(s).length;
}

/** byteSlice is s[i:j] on UTF-8 bytes (cutting a multi-byte character yields U+FFFD here). */
export function byteSlice(s: string, i: number, j?: number): string {
  if (isAscii(s)) return s.slice(i, j);
  return bytesToString(utf8Encode(s).subarray(i, j));
}

// latin1Bytes renders bytes as Go's buf.WriteRune(rune(str[i])) does: one rune per byte.
function latin1(bytes: readonly number[]): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

// --- goutils ---------------------------------------------------------------------------------

/** abbreviateFull is goutils.AbbreviateFull (byte-based); an error gives "". */
export function abbreviateFull(s: string, offset: number, maxWidth: number): string {
  if (s === '') return '';
  if (maxWidth < 4) return '';
  const len = byteLen(s);
  if (len <= maxWidth) return s;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  const marker = '...';
  if (offset <= 4) return byteSlice(s, 0, maxWidth - 3) + marker;
  if (maxWidth < 7) return '';
  if (offset + maxWidth - 3 < len) return marker + abbreviateFull(byteSlice(s, offset), 0, maxWidth - 3);
  return marker + byteSlice(s, len - (maxWidth - 3));
}

/** deleteWhiteSpace is goutils.DeleteWhiteSpace: byte-wise, re-encoding each kept byte as a rune. */
export function deleteWhiteSpace(s: string): string {
  if (s === '') return s;
  const bytes = utf8Encode(s);
  const kept: number[] = [];
  for (const b of bytes) if (!isSpace(b)) kept.push(b);
  return kept.length === bytes.length ? s : latin1(kept);
}

/** initials is goutils.Initials: the first byte of each whitespace-separated word, as a rune. */
export function initials(s: string): string {
  if (s === '') return s;
  const out: number[] = [];
  let lastWasGap = true;
  for (const b of utf8Encode(s)) {
    if (isSpace(b)) lastWasGap = true;
    else if (lastWasGap) {
      out.push(b);
      lastWasGap = false;
    }
  }
  return latin1(out);
}

/** wrapCustom is goutils.WrapCustom (byte-based; words split only at ' '). */
export function wrapCustom(str: string, wrapLength: number, newLineStr: string, wrapLongWords: boolean): string {
  if (str === '') return '';
  if (newLineStr === '') newLineStr = '\n';
  if (wrapLength < 1) wrapLength = 1;
  const b = utf8Encode(str);
  const nl = Array.from(utf8Encode(newLineStr));
  const len = b.length;
  const out: number[] = [];
  const put = (i: number, j: number): void => {
    for (let k = i; k < j; k++) out.push(b[k]);
  };
  const lastSpace = (i: number, j: number): number => {
    for (let k = j - 1; k >= i; k--) if (b[k] === 0x20) return k - i;
    return -1;
  };
  let offset = 0;
  while (len - offset > wrapLength) {
    if (b[offset] === 0x20) {
      offset++;
      continue;
    }
    const end = wrapLength + offset + 1;
    let spaceToWrapAt = lastSpace(offset, end) + offset;
    if (spaceToWrapAt >= offset) {
      put(offset, spaceToWrapAt);
      out.push(...nl);
      offset = spaceToWrapAt + 1;
    } else if (wrapLongWords) {
      put(offset, wrapLength + offset);
      out.push(...nl);
      offset += wrapLength;
    } else {
      const e = wrapLength + offset;
      let index = -1;
      for (let k = e; k < len; k++) {
        if (b[k] === 0x20) {
          index = k - e;
          break;
        }
      }
      spaceToWrapAt = index === -1 ? -1 : index + e;
      if (spaceToWrapAt >= 0) {
        put(offset, spaceToWrapAt);
        out.push(...nl);
        offset = spaceToWrapAt + 1;
      } else {
        put(offset, len);
        offset = len;
      }
    }
  }
  put(offset, len);
  return bytesToString(Uint8Array.from(out));
}

/** swapCaseWords is goutils.SwapCase: upper→lower, lower→upper, title case after whitespace. */
export function swapCaseWords(s: string): string {
  let whitespace = true;
  return mapRunes(s, (ch) => {
    if (isUpper(ch) || isTitle(ch)) {
      whitespace = false;
      return toLower(ch);
    }
    if (isLower(ch)) {
      if (whitespace) {
        whitespace = false;
        return toTitle(ch);
      }
      return toUpper(ch);
    }
    whitespace = isSpace(ch);
    return ch;
  });
}

/** uncapitalize is goutils.Uncapitalize: lower-case the first rune of each whitespace-separated word. */
export function uncapitalize(s: string): string {
  let next = true;
  return mapRunes(s, (ch) => {
    if (isSpace(ch)) {
      next = true;
      return ch;
    }
    if (next) {
      next = false;
      return toLower(ch);
    }
    return ch;
  });
}

// --- xstrings v1.5 ---------------------------------------------------------------------------

function isConnector(r: number): boolean {
  return r === 0x2d || r === 0x5f || isSpace(r);
}

// isAlphabet is a letter that is not a CJK ideograph.
function isAlphabet(r: number): boolean {
  if (!isLetter(r)) return false;
  if (r < 0x3400) return true;
  if (r >= 0x4e00 && r <= 0x9fcc) return false;
  if (r >= 0x3400 && r <= 0x4d85) return false;
  if (r >= 0x20000 && r <= 0x2b81d) return false;
  return true;
}

/**
 * toPascalCase is xstrings.ToPascalCase (sprig's `camelcase`): drop single connectors (- _ space)
 * and upper-case the rune after them; leading connectors are kept; runs of upper case letters
 * after an initial capital are lowered ("GOLANG_IS" → "GolangIs").
 */
export function toPascalCase(str: string): string {
  const rs = runes(str);
  if (rs.length === 0) return '';
  const buf: number[] = [];
  let isFirstRuneUpper = false;
  let r0 = 0;
  let r1 = 0;
  let size = 0;
  let i = 0;
  while (i < rs.length) {
    r0 = rs[i++];
    size = 1;
    if (!isConnector(r0)) {
      isFirstRuneUpper = isUpper(r0);
      r0 = toUpper(r0);
      break;
    }
    buf.push(r0);
  }
  if (i === rs.length) {
    // xstrings writes the last rune again here, so "__" becomes "___".
    if (size !== 0) buf.push(r0);
    return fromRunes(buf);
  }
  while (i < rs.length) {
    r1 = r0;
    r0 = rs[i++];
    if (isConnector(r0) && isConnector(r1)) {
      buf.push(r1);
      continue;
    }
    if (isConnector(r1)) {
      isFirstRuneUpper = isUpper(r0);
      r0 = toUpper(r0);
    } else {
      if (isFirstRuneUpper) {
        if (isUpper(r0)) r0 = toLower(r0);
        else isFirstRuneUpper = false;
      }
      buf.push(r1);
    }
  }
  buf.push(r0);
  return fromRunes(buf);
}

const enum WT {
  invalid,
  number,
  upper,
  alphabet,
  connector,
  punct,
  other,
}

// nextWord is xstrings' word scanner; returns the word type and the end index of the word.
function nextWord(rs: readonly number[], p: number): [WT, number] {
  if (p >= rs.length) return [WT.invalid, p];
  let off = p + 1;
  let r = rs[p];
  const scan = (ok: (x: number) => boolean): void => {
    while (off < rs.length && ok(rs[off])) off++;
  };
  if (isConnector(r)) {
    scan(isConnector);
    return [WT.connector, off];
  }
  if (isPunct(r)) {
    scan(isPunct);
    return [WT.punct, off];
  }
  if (isUpper(r)) {
    if (off === rs.length) return [WT.upper, off];
    r = rs[off];
    if (isUpper(r)) {
      off++;
      while (off < rs.length) {
        r = rs[off];
        if (!isUpper(r)) break;
        off++;
      }
      // "HTTPStatus": the last capital starts the next word.
      if (off < rs.length && isAlphabet(r)) off--;
    } else if (isAlphabet(r)) {
      off++;
      scan((x) => isAlphabet(x) && !isUpper(x));
    }
    return [WT.upper, off];
  }
  if (isAlphabet(r)) {
    scan((x) => isAlphabet(x) && !isUpper(x));
    return [WT.alphabet, off];
  }
  if (isNumber(r)) {
    scan(isNumber);
    return [WT.number, off];
  }
  scan((x) => !(isConnector(x) || isAlphabet(x) || isNumber(x) || isPunct(x)));
  return [WT.other, off];
}

/** camelCaseToLowerCase is xstrings' snake/kebab converter ("HTTPServer" → "http_server"). */
export function camelCaseToLowerCase(str: string, connector: number): string {
  const rs = runes(str);
  if (rs.length === 0) return '';
  const buf: number[] = [];
  const toLowerWord = (wt: WT, a: number, b: number): void => {
    for (let k = a; k < b; k++) {
      const r = rs[k];
      if (wt !== WT.upper && wt !== WT.connector) buf.push(r);
      else if (isConnector(r)) buf.push(connector);
      else if (isUpper(r)) buf.push(toLower(r));
      else buf.push(r);
    }
  };
  const st = { wt: WT.invalid as WT, start: 0, end: 0 };
  [st.wt, st.end] = nextWord(rs, 0);
  const advance = (): WT => {
    st.start = st.end;
    [st.wt, st.end] = nextWord(rs, st.end);
    return st.wt;
  };
  while (st.end < rs.length) {
    if (st.wt !== WT.connector) toLowerWord(st.wt, st.start, st.end);
    const prev = st.wt;
    const lastStart = st.start;
    const lastEnd = st.end;
    let wt = advance();
    switch (prev) {
      case WT.number:
        while (wt === WT.alphabet || wt === WT.number) {
          toLowerWord(wt, st.start, st.end);
          wt = advance();
        }
        if (wt !== WT.invalid && wt !== WT.punct && wt !== WT.connector) buf.push(connector);
        break;
      case WT.connector:
        toLowerWord(prev, lastStart, lastEnd);
        break;
      case WT.punct:
        break;
      default: {
        if (wt !== WT.number) {
          if (wt !== WT.connector && wt !== WT.punct) buf.push(connector);
          break;
        }
        if (st.end >= rs.length) break;
        const numStart = st.start;
        const numEnd = st.end;
        wt = advance();
        if (wt !== WT.alphabet) {
          toLowerWord(WT.number, numStart, numEnd);
          if (wt !== WT.connector && wt !== WT.punct) buf.push(connector);
          break;
        }
        // "HTTP2xx" → "http_2xx": a number followed by lower case starts a new word.
        buf.push(connector);
        toLowerWord(WT.number, numStart, numEnd);
        while (wt === WT.alphabet || wt === WT.number) {
          toLowerWord(wt, st.start, st.end);
          wt = advance();
        }
        if (wt !== WT.invalid && wt !== WT.connector && wt !== WT.punct) buf.push(connector);
      }
    }
  }
  toLowerWord(st.wt, st.start, st.end);
  return fromRunes(buf);
}
