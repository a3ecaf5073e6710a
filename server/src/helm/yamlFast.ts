// A fast path for decoding plain block YAML (values files, Chart.yaml, most fromYaml input) into
// go-yaml values. Building a full `yaml` Document dominated chart loading; most values files use
// only block maps and sequences, one-line plain and quoted scalars, literal block scalars,
// one-line flow collections and comments. This decoder accepts exactly that subset and gives up
// (`undefined`) on anything else — anchors, tags, multi-line flow scalars, folded block scalars,
// tabs, document markers, suspicious indentation — so the caller runs the full decoder, which
// also produces every error text. Scalars are typed by the same resolver as the full path
// (resolvePlain), so both paths yield identical values.
import { GYMap, fromResolved, type GY } from './yamlGo';
import { resolvePlain } from './yamlResolve';

/** BAIL is thrown (never escapes this module) when the text leaves the supported subset. */
const BAIL = { bail: true };

const SP = 0x20;
const TAB = 0x09;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

// Tab, newline and YAML-printable characters only (CR, NEL, LS, PS, BOM and astral characters
// are left to the full parser).
const UNUSUAL = /[^\t\n\x20-\x7E\u00A0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD]/;

function isKeyStart(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f /* _ */ || c === 0x2e /* . */ || c === 0x2f /* / */ || c === 0x24 /* $ */
  );
}

function isKeyChar(c: number): boolean {
  return isKeyStart(c) || c === DASH;
}

/** isIndicator reports whether c (followed by next) cannot start a plain scalar of the subset. */
function isIndicator(c: number, next: number): boolean {
  switch (c) {
    case 0x26: case 0x2a: case 0x21: case 0x25: case 0x40: case 0x60: // & * ! % @ `
    case 0x3f: case COLON: case 0x2c: case 0x5b: case 0x5d: case 0x7b: case 0x7d: case 0x3c: // ? : , [ ] { } <
    case DQUOTE: case SQUOTE: case 0x7c: case 0x3e: case HASH: case TAB: // " ' | > # tab
      return true;
    case DASH:
      return next === SP || next === TAB;
    default:
      return false;
  }
}

function skipSpaces(t: string, i: number, le: number): number {
  while (i < le && t.charCodeAt(i) === SP) i++;
  return i;
}

/** plain is a plain scalar's go-yaml value (YAML 1.1 resolution as go-yaml v2 does). */
function plain(text: string): GY {
  return fromResolved(resolvePlain(text), text);
}

/** Decoder walks the text line by line; the current line may start mid-line after "- ". */
class Decoder {
  ls = 0;
  le = 0;
  cs = 0;
  ind = 0;
  eof = false;
  private next = 0;
  /** started: a content line of the document was seen. */
  private started = false;
  /** anchors defined so far (name → decoded value). */
  readonly anchors = new Map<string, GY>();
  /** key set by keyEnd. */
  key: GY = null;

  constructor(private readonly t: string) {}

  /** advance loads the next line that is neither blank nor a comment (or sets eof). */
  advance(): void {
    const t = this.t;
    const n = t.length;
    for (;;) {
      if (this.next >= n) {
        this.eof = true;
        this.ind = -1;
        return;
      }
      const ls = this.next;
      let le = t.indexOf('\n', ls);
      if (le < 0) le = n;
      this.next = le + 1;
      const i = skipSpaces(t, ls, le);
      if (i === le) continue;
      const c = t.charCodeAt(i);
      if (c === TAB) throw BAIL;
      if (c === HASH) continue;
      if (i === ls && (c === DASH || c === 0x2e) && le - ls >= 3 && t.charCodeAt(ls + 1) === c && t.charCodeAt(ls + 2) === c) {
        const c3 = le - ls === 3 ? SP : t.charCodeAt(ls + 3);
        if (c3 === SP || c3 === TAB) {
          // Only the first document is decoded: "---" alone starts it (before any content) or
          // ends it. Anything else on a marker line, and "...", go to the full parser.
          const k = skipSpaces(t, ls + 3, le);
          if (c !== DASH || (k < le && !(t.charCodeAt(k) === HASH && k > ls + 3))) throw BAIL;
          if (!this.started) continue;
          this.next = n;
          this.eof = true;
          this.ind = -1;
          return;
        }
      }
      this.started = true;
      this.ls = ls;
      this.le = le;
      this.cs = i;
      this.ind = i - ls;
      return;
    }
  }

  isEntry(): boolean {
    if (this.t.charCodeAt(this.cs) !== DASH) return false;
    const c = this.cs + 1;
    return c === this.le || this.t.charCodeAt(c) === SP;
  }

  /** keyEnd finds a key (plain or quoted without escapes) + ':' at the content start; -1 if none. */
  keyEnd(): number {
    const t = this.t;
    const cs = this.cs;
    const c = t.charCodeAt(cs);
    let i: number;
    let quoted = false;
    if (c === DQUOTE || c === SQUOTE) {
      const close = t.indexOf(c === DQUOTE ? '"' : "'", cs + 1);
      if (close < 0 || close >= this.le) return -1;
      i = close + 1;
      quoted = true;
    } else {
      if (!isKeyStart(c)) return -1;
      i = cs + 1;
      while (i < this.le && isKeyChar(t.charCodeAt(i))) i++;
    }
    if (i >= this.le || t.charCodeAt(i) !== COLON) return -1;
    if (i + 1 < this.le && t.charCodeAt(i + 1) !== SP) return -1;
    if (i - cs > 512) return -1;
    if (quoted) {
      const inner = t.slice(cs + 1, i - 1);
      if (inner.includes('\\') || inner.includes("'")) return -1;
      this.key = inner;
    } else {
      this.key = plain(t.slice(cs, i));
    }
    return i;
  }

  block(parentInd: number): GY {
    if (this.isEntry()) return this.seq(this.ind);
    if (this.keyEnd() >= 0) return this.map(this.ind);
    if (this.t.charCodeAt(this.cs) === 0x7c) throw BAIL; // a block scalar on its own line
    return this.inline(parentInd, this.cs);
  }

  map(mInd: number): GYMap {
    const out = new GYMap();
    for (;;) {
      const ke = this.keyEnd();
      if (ke < 0) throw BAIL;
      const key = this.key;
      out.set(key, this.value(mInd, ke + 1));
      if (this.eof || this.ind < mInd) break;
      if (this.ind > mInd || this.isEntry()) throw BAIL;
    }
    return out;
  }

  seq(sInd: number): GY[] {
    const t = this.t;
    const out: GY[] = [];
    for (;;) {
      const vs = skipSpaces(t, this.cs + 1, this.le);
      if (vs === this.le || t.charCodeAt(vs) === HASH) {
        this.advance();
        out.push(!this.eof && this.ind > sInd ? this.block(sInd) : null);
      } else {
        this.cs = vs;
        this.ind = vs - this.ls;
        if (this.isEntry()) out.push(this.seq(this.ind));
        else if (this.keyEnd() >= 0) out.push(this.map(this.ind));
        else out.push(this.inline(sInd, vs));
      }
      if (this.eof || this.ind < sInd) return out;
      if (this.ind > sInd) throw BAIL;
      if (!this.isEntry()) return out;
    }
  }

  value(mInd: number, from: number): GY {
    const t = this.t;
    const vs = skipSpaces(t, from, this.le);
    if (vs === this.le || t.charCodeAt(vs) === HASH) {
      this.advance();
      if (this.eof) return null;
      if (this.ind > mInd) return this.block(mInd);
      if (this.ind === mInd && this.isEntry()) return this.seq(mInd);
      return null;
    }
    return this.inline(mInd, vs);
  }

  /** inline decodes a one-line node at vs, then advances. */
  inline(parentInd: number, vs: number): GY {
    const t = this.t;
    const c = t.charCodeAt(vs);
    let result: GY;
    let end: number;
    switch (c) {
      case DQUOTE:
      case SQUOTE: {
        const q = this.quoted(vs, this.le);
        result = q.value;
        end = q.end;
        break;
      }
      case 0x7c: // |
        return this.literal(parentInd, vs);
      case 0x26: {
        // &anchor: on a one-line node, or on the block node of the following lines
        const e = this.anchorEnd(vs);
        const name = t.slice(vs + 1, e);
        const k = skipSpaces(t, e, this.le);
        let v: GY;
        if (k === this.le || t.charCodeAt(k) === HASH) {
          this.advance();
          v = !this.eof && this.ind > parentInd ? this.block(parentInd) : null;
        } else {
          const d = t.charCodeAt(k);
          if (d === 0x26 || d === 0x2a || d === 0x7c) throw BAIL;
          v = this.inline(parentInd, k);
        }
        // go-yaml resolves an alias to the latest definition before it.
        this.anchors.set(name, v);
        return v;
      }
      case 0x2a: {
        // *alias of an anchor defined earlier (an unknown one is an error: full parser)
        end = this.anchorEnd(vs);
        const name = t.slice(vs + 1, end);
        if (!this.anchors.has(name)) throw BAIL;
        result = this.anchors.get(name) as GY;
        break;
      }
      case 0x5b:
      case 0x7b: {
        const f = this.flow(vs);
        result = f.value;
        end = f.end;
        break;
      }
      default: {
        if (isIndicator(c, vs + 1 < this.le ? t.charCodeAt(vs + 1) : SP)) throw BAIL;
        let stop = this.le;
        for (let i = vs; i < this.le; i++) {
          const d = t.charCodeAt(i);
          if (d === COLON) {
            if (i + 1 === this.le || t.charCodeAt(i + 1) === SP) throw BAIL;
          } else if (d === HASH) {
            if (t.charCodeAt(i - 1) === SP) {
              stop = i;
              break;
            }
          } else if (d === TAB) throw BAIL;
        }
        let e = stop;
        while (e > vs && t.charCodeAt(e - 1) === SP) e--;
        result = plain(t.slice(vs, e));
        this.advance();
        // A deeper line would continue the scalar (folding): left to the full parser.
        if (!this.eof && this.ind > parentInd) throw BAIL;
        return result;
      }
    }
    const j = skipSpaces(t, end, this.le);
    if (j < this.le && !(t.charCodeAt(j) === HASH && j > end)) throw BAIL;
    this.advance();
    if (!this.eof && this.ind > parentInd) throw BAIL;
    return result;
  }

  /** anchorEnd returns the end of an anchor or alias name at i (after & or *), followed by a space or the line end. */
  anchorEnd(i: number): number {
    const t = this.t;
    let j = i + 1;
    for (; j < this.le; j++) {
      const c = t.charCodeAt(j);
      if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === DASH)) break;
    }
    if (j === i + 1 || (j < this.le && t.charCodeAt(j) !== SP)) throw BAIL;
    return j;
  }

  /** quoted decodes a quoted scalar on one line at i (before le). */
  quoted(i: number, le: number): { value: string; end: number } {
    const t = this.t;
    const q = t.charCodeAt(i);
    let j = i + 1;
    let escapes = false;
    for (;;) {
      if (j >= le) throw BAIL; // multi-line (folding): full parser
      const d = t.charCodeAt(j);
      if (d === q) {
        if (q === SQUOTE && t.charCodeAt(j + 1) === SQUOTE) {
          escapes = true;
          j += 2;
          continue;
        }
        break;
      }
      if (d === 0x5c && q === DQUOTE) {
        escapes = true;
        const e = t.charCodeAt(j + 1);
        // JSON's escapes decode the same in YAML; others (\x, \e, \N, ...) go to the full parser.
        if (e === 0x75) {
          let cp = 0;
          for (let k = 2; k < 6; k++) {
            const h = Number.parseInt(t[j + k] ?? '', 16);
            if (Number.isNaN(h)) throw BAIL;
            cp = cp * 16 + h;
          }
          if (cp >= 0xd800 && cp <= 0xdfff) throw BAIL;
          j += 6;
          continue;
        }
        if (e !== 0x22 && e !== 0x5c && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) throw BAIL;
        j += 2;
        continue;
      }
      if (d === TAB && q === DQUOTE) escapes = true; // JSON.parse rejects raw tabs
      j++;
    }
    const raw = t.slice(i + 1, j);
    let value: string;
    if (!escapes) value = raw;
    else if (q === SQUOTE) value = raw.replaceAll("''", "'");
    else if (raw.includes('\t')) throw BAIL;
    else value = JSON.parse(t.slice(i, j + 1)) as string;
    return { value, end: j + 1 };
  }

  /** flow decodes a flow collection opening at i and closing on the same line. */
  flow(i: number): { value: GY; end: number } {
    const t = this.t;
    const le = this.le;
    const open = t.charCodeAt(i);
    const close = open === 0x5b ? 0x5d : 0x7d;
    const seq: GY[] = [];
    const map = new GYMap();
    let j = skipSpaces(t, i + 1, le);
    const done = (k: number): { value: GY; end: number } => ({ value: open === 0x5b ? seq : map, end: k });
    if (t.charCodeAt(j) === close) return done(j + 1);
    for (;;) {
      let key: GY = null;
      if (open === 0x7b) {
        const k = this.flowScalar(j, true);
        key = k.value;
        j = k.end;
        if (t.charCodeAt(j) !== COLON || t.charCodeAt(j + 1) !== SP) throw BAIL;
        j = skipSpaces(t, j + 1, le);
      }
      const d = t.charCodeAt(j);
      const v = d === 0x5b || d === 0x7b ? this.flow(j) : this.flowScalar(j, false);
      if (open === 0x5b) seq.push(v.value);
      else map.set(key, v.value);
      j = skipSpaces(t, v.end, le);
      if (j >= le) throw BAIL;
      const e = t.charCodeAt(j);
      if (e === close) return done(j + 1);
      if (e !== 0x2c) throw BAIL;
      j = skipSpaces(t, j + 1, le);
      if (t.charCodeAt(j) === close) return done(j + 1);
    }
  }

  /** flowScalar decodes a scalar inside a flow collection at i. */
  flowScalar(i: number, isKey: boolean): { value: GY; end: number } {
    const t = this.t;
    const le = this.le;
    if (i >= le) throw BAIL;
    const c = t.charCodeAt(i);
    if (c === DQUOTE || c === SQUOTE) return this.quoted(i, le);
    if (!(isKeyStart(c) || (c === DASH && isKeyStart(t.charCodeAt(i + 1))))) throw BAIL;
    let j = i + 1;
    for (; j < le; j++) {
      const d = t.charCodeAt(j);
      if (d === 0x2c || d === 0x5d || d === 0x7d) break;
      if (d === COLON) {
        if (isKey) break;
        throw BAIL;
      }
      if (d === HASH || d === TAB || d === 0x5b || d === 0x7b || d === DQUOTE || d === SQUOTE) throw BAIL;
    }
    let e = j;
    while (e > i && t.charCodeAt(e - 1) === SP) e--;
    if (isKey && e !== j) throw BAIL; // the ':' must follow the key directly
    return { value: plain(t.slice(i, e)), end: j };
  }

  /** literal decodes a literal block scalar (| or |-) whose header is at vs. */
  literal(parentInd: number, vs: number): string {
    const t = this.t;
    const n = t.length;
    let i = vs + 1;
    const chomp = t.charCodeAt(i);
    const strip = chomp === DASH;
    if (strip) i++;
    else if (chomp === 0x2b /* + */) throw BAIL; // keep: trailing-line rules left to the full parser
    const j = skipSpaces(t, i, this.le);
    if (j < this.le && !(t.charCodeAt(j) === HASH && j > i)) throw BAIL;
    let pos = this.le + 1;
    let contentInd = -1;
    const lines: string[] = [];
    let lastContent = -1; // index in lines of the last non-empty line
    let endsAtEof = false;
    while (pos < n) {
      let le = t.indexOf('\n', pos);
      if (le < 0) {
        le = n;
        endsAtEof = true;
      }
      const k = skipSpaces(t, pos, le);
      const sp = k - pos;
      if (k === le) {
        // An empty line: with more spaces than the indentation it would hold text.
        if (contentInd >= 0 ? sp > contentInd : sp > parentInd) throw BAIL;
        lines.push('');
        pos = le + 1;
        endsAtEof = false;
        continue;
      }
      if (contentInd < 0) {
        if (sp <= parentInd) break;
        if (t.charCodeAt(k) === TAB) throw BAIL;
        contentInd = sp;
      } else if (sp < contentInd) break;
      lines.push(t.slice(pos + contentInd, le));
      lastContent = lines.length - 1;
      pos = le + 1;
      if (endsAtEof) break;
    }
    if (lastContent >= 0 && endsAtEof) throw BAIL; // no final line break: clip rules differ
    this.next = pos;
    this.advance();
    if (lastContent < 0) return '';
    const body = lines.slice(0, lastContent + 1).join('\n');
    return strip ? body : body + '\n';
  }
}

/**
 * fastYamlDecode decodes the first document of `text` as go-yaml v2 would (before the JSON
 * conversion), or returns undefined when the text is outside the plain subset.
 */
export function fastYamlDecode(text: string): GY | undefined {
  if (UNUSUAL.test(text)) return undefined;
  const d = new Decoder(text);
  try {
    d.advance();
    if (d.eof) return null;
    let v: GY;
    if (d.isEntry()) v = d.seq(d.ind);
    else if (d.keyEnd() >= 0) v = d.map(d.ind);
    else return undefined;
    if (!d.eof) return undefined;
    return v;
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}
