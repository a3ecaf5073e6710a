// A fast path for decoding plain block YAML (values files, Chart.yaml, most fromYaml input) into
// go-yaml values. Building a full `yaml` Document dominated chart loading; most values files use
// only block maps and sequences, plain scalars (multi-line ones only when no blank or comment
// line interrupts them), one-line quoted scalars, literal block scalars, one-line flow
// collections and comments. This decoder accepts exactly that subset and gives up
// (`undefined`) on anything else — anchors, tags, multi-line flow scalars, folded block scalars,
// tabs, document markers, suspicious indentation — so the caller runs the full decoder, which
// also produces every error text. Scalars are typed by the same resolver as the full path
// (resolvePlain), so both paths yield identical values.
import { GYMap, fromResolved, type GY } from './yamlGo';
import { resolvePlain } from './yamlResolve';
import { BAIL, COLON, DASH, DQUOTE, flowPlainEnd, HASH, hasUnusual, isIndicator, LineCursor, plainLineEnd, skipSpaces, SP, SQUOTE, TAB } from './yamlLines';

/** plain is a plain scalar's go-yaml value (YAML 1.1 resolution as go-yaml v2 does). */
function plain(text: string): GY {
  return fromResolved(resolvePlain(text), text);
}

/** Decoder walks the text line by line; the current line may start mid-line after "- ". */
class Decoder extends LineCursor {
  /** anchors defined so far (name → decoded value). */
  readonly anchors = new Map<string, GY>();
  /** key set by keyEnd. */
  key: GY = null;

  /**
   * onMarker: only the first document is decoded: "---" alone starts it (before any content) or
   * ends it. Anything else on a marker line, and "...", go to the full parser.
   */
  protected override onMarker(ls: number, le: number, c: number): boolean {
    const k = skipSpaces(this.t, ls + 3, le);
    if (c !== DASH || (k < le && !(this.t.charCodeAt(k) === HASH && k > ls + 3))) throw BAIL;
    return !this.started;
  }

  /** keyEnd is LineCursor.keyEnd with the key decoded into `key` (plain keys are resolved). */
  override keyEnd(): number {
    const i = super.keyEnd();
    if (i >= 0) this.key = this.keyQuoted ? this.keyText : plain(this.keyText);
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
      case 0x2a:
        // *alias: go-yaml decodes an alias again at each use and bounds that by its alias
        // budget (yaml/yamlAlias.ts), which the full decoder applies.
        throw BAIL;
      case 0x5b:
      case 0x7b: {
        const f = this.flow(vs);
        result = f.value;
        end = f.end;
        break;
      }
      default: {
        if (isIndicator(c, vs + 1 < this.le ? t.charCodeAt(vs + 1) : SP)) throw BAIL;
        const stop = plainLineEnd(t, vs, this.le);
        let e = stop;
        while (e > vs && t.charCodeAt(e - 1) === SP) e--;
        let text = t.slice(vs, e);
        const commented = stop < this.le;
        let prevLe = this.le;
        this.advance();
        // A deeper line continues the scalar (multi-line plain scalars: CRD descriptions). Only
        // directly following lines without a comment, each folded to one space; a blank or
        // comment line between, a comment after a line, and a continuation starting with an
        // indicator are left to the full parser.
        while (!this.eof && this.ind > parentInd) {
          const cs = this.cs;
          if (commented || this.ls !== prevLe + 1 || isIndicator(t.charCodeAt(cs), cs + 1 < this.le ? t.charCodeAt(cs + 1) : SP) || t.charCodeAt(cs) === DASH) throw BAIL;
          if (plainLineEnd(t, cs, this.le) < this.le) throw BAIL;
          let ce = this.le;
          while (ce > cs && t.charCodeAt(ce - 1) === SP) ce--;
          text += ' ' + t.slice(cs, ce);
          prevLe = this.le;
          this.advance();
        }
        return plain(text);
      }
    }
    this.trailer(end);
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
    if (c === 0x2a || c === 0x26) throw BAIL; // aliases and anchors: the full decoder
    const j = flowPlainEnd(t, i, le, isKey);
    let e = j;
    while (e > i && t.charCodeAt(e - 1) === SP) e--;
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
    this.trailer(i);
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
  if (hasUnusual(text)) return undefined;
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
