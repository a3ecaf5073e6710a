// A fast path for reading a manifest's head. Rendered manifests are nearly always plain block
// YAML (block maps and sequences, one-line plain or quoted scalars, block scalars, comments), and
// building a full `yaml` Document for each one dominated `helm template`'s run time. This scanner
// validates a document line by line against that subset and extracts apiVersion, kind,
// metadata.name and metadata.annotations on the way. Anything outside the subset — or anything
// whose value would need YAML type resolution or could be an error — makes it give up
// (`undefined`), and the caller runs the full decoder, so results and error texts are exactly
// those of the full path.
import { stackOverflowCount } from '../template/stack-signal';
import type { HelmVersion } from '../template/func';
import { decodeSimpleHead, defaultYamlToJson, HeadError, type SimpleHead, type YamlToJson } from './simplehead';
import { BAIL, COLON, DASH, flowPlainEnd, HASH, hasUnusual, isIndicator, LineCursor, plainLineEnd, skipSpaces, SP, TAB } from '../yaml/yamlLines';

// What a value is needed for.
const W_NONE = 0; // validity only
const W_STR = 1; // a string field (apiVersion, kind, name, hook annotations)
const W_META = 2; // metadata
const W_ANN = 3; // metadata.annotations
const W_ANNVAL = 4; // another annotation's value: any scalar that converts to a string

// Map roles (which keys are relevant).
const R_NONE = 0;
const R_ROOT = 1;
const R_META = 2;
const R_ANN = 3;

// YAML 1.1 bool and null words: plain scalars starting with a letter resolve to strings otherwise.
const NOT_STRING = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF', 'null', 'Null', 'NULL',
]);

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

interface Meta {
  name: string;
  annotations: Map<string, string> | null;
}

interface Root {
  version: string;
  kind: string;
  metadata: Meta | null;
  seen: number;
}

/** Scanner walks the document's lines; the "current line" may start mid-line after "- ". */
class Scanner extends LineCursor {
  /** block parses the block node whose first line is current (indent > parent's). */
  block(parentInd: number, want: number): unknown {
    // Each level is indented deeper than its parent: very deep documents (a recursion risk) are
    // left to the full decoder, which applies go-yaml's depth limits.
    if (parentInd >= 256) throw BAIL;
    if (this.isEntry()) {
      if (want !== W_NONE) throw BAIL; // a list where a string or map is wanted: an error
      this.seq(this.ind);
      return undefined;
    }
    if (this.keyEnd() < 0) {
      const c = this.t.charCodeAt(this.cs);
      if (c === 0x7c || c === 0x3e) throw BAIL; // a block scalar on its own line
      return this.inline(parentInd, this.cs, want); // a scalar or flow node
    }
    switch (want) {
      case W_NONE:
        this.map(this.ind, R_NONE);
        return undefined;
      case W_META:
        return this.map(this.ind, R_META);
      case W_ANN:
        return this.map(this.ind, R_ANN);
      default:
        throw BAIL; // a map where a string is wanted: the full decoder reports the error
    }
  }

  /** map parses a block mapping at indentation mInd; the current line holds its first key. */
  map(mInd: number, role: number): unknown {
    const root: Root | undefined = role === R_ROOT ? { version: '', kind: '', metadata: null, seen: 0 } : undefined;
    const meta: Meta | undefined = role === R_META ? { name: '', annotations: null } : undefined;
    let metaSeen = 0;
    const ann: Map<string, string> | undefined = role === R_ANN ? new Map() : undefined;
    for (;;) {
      const ke = this.keyEnd();
      if (ke < 0) throw BAIL;
      let want = W_NONE;
      let slot = 0;
      if (role !== R_NONE) {
        const key = this.keyText;
        if (role === R_ROOT) {
          const l = key.length === 4 || key.length === 8 || key.length === 10 ? key.toLowerCase() : '';
          if (l === 'apiversion' || l === 'kind' || l === 'metadata') {
            slot = l === 'apiversion' ? 1 : l === 'kind' ? 2 : 4;
            // Case variants and duplicates depend on encoding/json's key order: full decoder.
            if (key !== (slot === 1 ? 'apiVersion' : l) || ((root as Root).seen & slot) !== 0) throw BAIL;
            (root as Root).seen |= slot;
            want = slot === 4 ? W_META : W_STR;
          }
        } else if (role === R_META) {
          const l = key.length === 4 || key.length === 11 ? key.toLowerCase() : '';
          if (l === 'name' || l === 'annotations') {
            slot = l === 'name' ? 1 : 2;
            if (key !== l || (metaSeen & slot) !== 0) throw BAIL;
            metaSeen |= slot;
            want = slot === 1 ? W_STR : W_ANN;
          }
        } else {
          want = key === 'helm.sh/hook' || key === 'helm.sh/hook-weight' ? W_STR : W_ANNVAL;
        }
        const v = this.value(mInd, ke + 1, want);
        if (role === R_ROOT) {
          const r = root as Root;
          if (slot === 1) r.version = (v as string | null) ?? '';
          else if (slot === 2) r.kind = (v as string | null) ?? '';
          else if (slot === 4) r.metadata = v as Meta | null;
        } else if (role === R_META) {
          const m = meta as Meta;
          if (slot === 1) m.name = (v as string | null) ?? '';
          else if (slot === 2) m.annotations = v as Map<string, string> | null;
        } else {
          (ann as Map<string, string>).set(key, want === W_STR ? ((v as string | null) ?? '') : '');
        }
      } else {
        this.value(mInd, ke + 1, W_NONE);
      }
      // The value left the next content line current.
      if (this.eof || this.ind < mInd) break;
      if (this.ind > mInd || this.isEntry()) throw BAIL;
    }
    return role === R_ROOT ? root : role === R_META ? meta : ann;
  }

  /** seq parses a block sequence at indentation sInd; the current line holds its first entry. */
  seq(sInd: number): void {
    const t = this.t;
    for (;;) {
      let vs = this.cs + 1;
      while (vs < this.le && t.charCodeAt(vs) === SP) vs++;
      if (vs === this.le || t.charCodeAt(vs) === HASH) {
        this.advance();
        if (!this.eof && this.ind > sInd) this.block(sInd, W_NONE);
      } else {
        // Compact forms: the rest of the line is a node at column vs.
        this.cs = vs;
        this.ind = vs - this.ls;
        if (this.isEntry()) this.seq(this.ind);
        else if (this.keyEnd() >= 0) this.map(this.ind, R_NONE);
        else this.inline(sInd, vs, W_NONE);
      }
      if (this.eof || this.ind < sInd) return;
      if (this.ind > sInd) throw BAIL;
      if (!this.isEntry()) return;
    }
  }

  /**
   * value parses a mapping value starting after the ':' at `from` (inline, or a block node on
   * the following lines) and leaves the next content line current.
   */
  value(mInd: number, from: number, want: number): unknown {
    const t = this.t;
    let vs = from;
    while (vs < this.le && t.charCodeAt(vs) === SP) vs++;
    if (vs === this.le || t.charCodeAt(vs) === HASH) {
      this.advance();
      if (this.eof) return null;
      if (this.ind > mInd) return this.block(mInd, want);
      if (this.ind === mInd && this.isEntry()) {
        if (want !== W_NONE) throw BAIL;
        this.seq(mInd);
        return undefined;
      }
      return null;
    }
    return this.inline(mInd, vs, want);
  }

  /** inline parses a node that starts on the current line at vs, then advances. */
  inline(parentInd: number, vs: number, want: number): unknown {
    const t = this.t;
    const c = t.charCodeAt(vs);
    let result: unknown = undefined;
    let end: number;
    // A quoted scalar where a map is wanted is a decoding error: the full decoder words it.
    if ((c === 0x22 || c === 0x27) && (want === W_META || want === W_ANN)) throw BAIL;
    switch (c) {
      case 0x22: {
        // "double quoted", possibly over several lines
        let i = vs + 1;
        let escapes = false;
        let jsonSafe = true;
        let multiline = false;
        for (;;) {
          if (i >= this.le) {
            i = this.nextQuotedLine(parentInd);
            multiline = true;
            continue;
          }
          const d = t.charCodeAt(i);
          if (d === 0x22) break;
          if (d === 0x5c) {
            escapes = true;
            const e = t.charCodeAt(i + 1);
            let hex = 0;
            switch (e) {
              case 0x22: case 0x5c: case 0x2f: case 0x62: case 0x66: case 0x6e: case 0x72: case 0x74: // " \ / b f n r t
                break;
              case 0x30: case 0x61: case 0x76: case 0x65: case 0x20: case 0x4e: case 0x5f: case 0x4c: case 0x50: case TAB: // 0 a v e sp N _ L P tab
                jsonSafe = false;
                break;
              case 0x78: hex = 2; jsonSafe = false; break; // x
              case 0x75: hex = 4; break; // u
              case 0x55: hex = 8; jsonSafe = false; break; // U
              default:
                throw BAIL; // unknown escape or escaped line break
            }
            if (hex > 0) {
              let cp = 0;
              for (let k = 0; k < hex; k++) {
                const h = t.charCodeAt(i + 2 + k);
                if (!isHex(h)) throw BAIL;
                cp = cp * 16 + Number.parseInt(t[i + 2 + k], 16);
              }
              if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) throw BAIL;
            }
            i += 2 + hex;
            continue;
          }
          i++;
        }
        end = i + 1;
        if (want === W_STR) {
          if (multiline) throw BAIL; // line folding: left to the full parser
          const raw = t.slice(vs + 1, i);
          if (!escapes) result = raw;
          else if (jsonSafe && !raw.includes('\t')) result = JSON.parse(t.slice(vs, end)) as string;
          else throw BAIL;
        }
        break;
      }
      case 0x27: {
        // 'single quoted', possibly over several lines
        let i = vs + 1;
        let multiline = false;
        for (;;) {
          if (i >= this.le) {
            i = this.nextQuotedLine(parentInd);
            multiline = true;
            continue;
          }
          if (t.charCodeAt(i) === 0x27) {
            if (t.charCodeAt(i + 1) === 0x27) {
              i += 2;
              continue;
            }
            break;
          }
          i++;
        }
        end = i + 1;
        if (want === W_STR) {
          if (multiline) throw BAIL;
          result = t.slice(vs + 1, i).replaceAll("''", "'");
        }
        break;
      }
      case 0x7c: // |
      case 0x3e: {
        // > block scalar
        if (want !== W_NONE && want !== W_ANNVAL) throw BAIL;
        let i = vs + 1;
        const ch = t.charCodeAt(i);
        if (ch === DASH || ch === 0x2b /* + */) i++;
        this.trailer(i);
        this.blockScalar(parentInd);
        return undefined;
      }
      case 0x5b: // [
      case 0x7b: {
        // { flow collection on one line
        if (t.charCodeAt(vs + 1) === (c === 0x5b ? 0x5d : 0x7d)) {
          end = vs + 2;
          if (c === 0x7b) {
            if (want === W_META) result = { name: '', annotations: null };
            else if (want === W_ANN) result = new Map<string, string>();
            else if (want !== W_NONE) throw BAIL;
          } else if (want !== W_NONE) throw BAIL;
        } else {
          if (want !== W_NONE) throw BAIL;
          end = this.flow(vs);
        }
        break;
      }
      default: {
        // Plain scalar: no indicator first, no ": " inside, ends at " #".
        if (isIndicator(c, vs + 1 < this.le ? t.charCodeAt(vs + 1) : SP)) throw BAIL;
        const stop = plainLineEnd(t, vs, this.le);
        let e = stop;
        while (e > vs && t.charCodeAt(e - 1) === SP) e--;
        if (want === W_STR) {
          const s = t.slice(vs, e);
          if (!isLetter(c) || NOT_STRING.has(s)) throw BAIL; // needs YAML 1.1 resolution
          result = s;
        } else if (want === W_ANNVAL) {
          // Only timestamps fail the string conversion.
          if (c >= 0x30 && c <= 0x39 && /^[0-9]{4}-[0-9]/.test(t.slice(vs, vs + 6))) throw BAIL;
        } else if (want !== W_NONE) throw BAIL;
        if (stop === this.le) this.plainContinuation(parentInd, want);
        else this.advance();
        return result;
      }
    }
    this.trailer(end);
    this.advance();
    return result;
  }

  /**
   * plainContinuation consumes the continuation lines of a multi-line plain scalar (lines
   * indented deeper than parentInd, up to a comment or a less indented line), then loads the
   * next content line.
   */
  plainContinuation(parentInd: number, want: number): void {
    const t = this.t;
    const n = t.length;
    let pos = this.le + 1;
    while (pos < n) {
      let le = t.indexOf('\n', pos);
      if (le < 0) le = n;
      let i = pos;
      while (i < le && t.charCodeAt(i) === SP) i++;
      if (i === le) {
        pos = le + 1;
        continue;
      }
      const c = t.charCodeAt(i);
      if (c === TAB) throw BAIL;
      // A comment line ends the scalar; so does a less indented line.
      if (c === HASH || i - pos <= parentInd) break;
      if (want !== W_NONE) throw BAIL;
      // Indicators do not matter after the first line, except where they could start a node.
      const c1 = i + 1 < le ? t.charCodeAt(i + 1) : SP;
      if ((c === DASH || c === 0x3f || c === COLON) && c1 === SP) throw BAIL;
      const stop = plainLineEnd(t, i, le);
      pos = le + 1;
      if (stop < le) break; // a trailing comment ends it too (deeper lines then fail in the caller)
    }
    this.resume(pos);
  }

  /**
   * nextQuotedLine moves to the next line inside a multi-line quoted scalar and returns where
   * its text starts; continuation lines must be indented deeper than the parent.
   */
  nextQuotedLine(parentInd: number): number {
    const t = this.t;
    const n = t.length;
    for (;;) {
      const pos = this.le + 1;
      if (pos >= n) throw BAIL; // unterminated
      let le = t.indexOf('\n', pos);
      if (le < 0) le = n;
      let i = pos;
      while (i < le && t.charCodeAt(i) === SP) i++;
      this.ls = pos;
      this.le = le;
      this.next = le + 1;
      if (i < le && t.charCodeAt(i) === TAB) throw BAIL;
      if (i === le) continue; // an empty line (a folded line break)
      if (i - pos <= parentInd) throw BAIL;
      return i;
    }
  }

  /**
   * flow checks a flow collection that opens at i and closes on the same line; returns its end.
   * Deep nesting is left to the full decoder, which applies go-yaml's depth limits.
   */
  flow(i: number, depth = 0): number {
    if (depth >= 32) throw BAIL;
    const t = this.t;
    const le = this.le;
    const open = t.charCodeAt(i);
    const close = open === 0x5b ? 0x5d : 0x7d;
    let j = skipSpaces(t, i + 1, le);
    if (t.charCodeAt(j) === close) return j + 1;
    for (;;) {
      if (open === 0x7b) {
        j = this.flowScalar(j, true);
        if (t.charCodeAt(j) !== COLON || t.charCodeAt(j + 1) !== SP) throw BAIL;
        j = skipSpaces(t, j + 1, le);
      }
      const d = t.charCodeAt(j);
      j = d === 0x5b || d === 0x7b ? this.flow(j, depth + 1) : this.flowScalar(j, false);
      j = skipSpaces(t, j, le);
      if (j >= le) throw BAIL;
      const e = t.charCodeAt(j);
      if (e === close) return j + 1;
      if (e !== 0x2c) throw BAIL;
      j = skipSpaces(t, j + 1, le);
      if (t.charCodeAt(j) === close) return j + 1; // a trailing comma
    }
  }

  /** flowScalar checks a scalar inside a flow collection at i; returns the index after it. */
  flowScalar(i: number, isKey: boolean): number {
    const t = this.t;
    const le = this.le;
    if (i >= le) throw BAIL;
    const c = t.charCodeAt(i);
    if (c === 0x22 || c === 0x27) {
      let j = i + 1;
      for (;;) {
        if (j >= le) throw BAIL;
        const d = t.charCodeAt(j);
        if (d === c) {
          if (c === 0x27 && t.charCodeAt(j + 1) === 0x27) {
            j += 2;
            continue;
          }
          break;
        }
        if (d === 0x5c && c === 0x22) {
          const e = t.charCodeAt(j + 1);
          // The JSON escapes other than \u (enough for rendered flow lists).
          if (e !== 0x22 && e !== 0x5c && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) throw BAIL;
          j += 2;
          continue;
        }
        j++;
      }
      return j + 1;
    }
    return flowPlainEnd(t, i, le, isKey);
  }

  /** blockScalar consumes a block scalar's lines (header already checked) and loads the next line. */
  blockScalar(parentInd: number): void {
    const t = this.t;
    const n = t.length;
    let pos = this.le + 1;
    let contentInd = -1;
    let maxBlank = 0;
    while (pos < n) {
      let le = t.indexOf('\n', pos);
      if (le < 0) le = n;
      let i = pos;
      while (i < le && t.charCodeAt(i) === SP) i++;
      const sp = i - pos;
      if (i === le) {
        if (contentInd < 0 && sp > maxBlank) maxBlank = sp;
        pos = le + 1;
        continue;
      }
      if (contentInd < 0) {
        if (sp <= parentInd) break;
        if (t.charCodeAt(i) === TAB) throw BAIL;
        contentInd = sp;
      } else if (sp < contentInd) break;
      pos = le + 1;
    }
    if (contentInd < 0 ? maxBlank > parentInd : maxBlank > contentInd) throw BAIL;
    this.resume(pos);
  }

}

const EMPTY: SimpleHead = { version: '', kind: '', metadata: null };

/**
 * fastSimpleHead reads the head of a document in the plain block-YAML subset, or returns
 * undefined (the document may be valid or not; the caller must use the full decoder).
 */
export function fastSimpleHead(doc: string): SimpleHead | undefined {
  return hasUnusual(doc) ? undefined : scanHead(doc);
}

/** scanHead is fastSimpleHead for a document known to hold no unusual character. */
function scanHead(doc: string): SimpleHead | undefined {
  const s = new Scanner(doc);
  try {
    s.advance();
    if (s.eof) return EMPTY;
    if (s.isEntry() || s.keyEnd() < 0) return undefined;
    const r = s.map(s.ind, R_ROOT) as Root;
    if (!s.eof) return undefined;
    return { version: r.version, kind: r.kind, metadata: r.metadata };
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

// Heads (or error texts) by document text, per Helm version: a warm render (the language server
// after an edit) re-reads mostly unchanged documents. Bounded by the total length of the keys.
/** HeadOutcome is what reading a document's head gives: the head, HeadError's text or the reader problem. */
export type HeadOutcome = SimpleHead | string | ReaderProblem;
type Cached = HeadOutcome;

/**
 * HeadStore keeps the outcomes of reading large documents' heads between processes (the CLI's
 * on-disk cache, set with useHeadStore; the language server sets none): scanning a big
 * CustomResourceDefinition on a cold VM costs milliseconds, and a chart renders the same ones
 * every run. `get` must give exactly what reading `doc` with the default decoder gives.
 */
export interface HeadStore {
  get(doc: string, helmVersion: HelmVersion): HeadOutcome | undefined;
  put(doc: string, helmVersion: HelmVersion, outcome: HeadOutcome): void;
}

let headStore: HeadStore | undefined;

/** useHeadStore sets (or, with undefined, removes) the process's HeadStore. */
export function useHeadStore(store: HeadStore | undefined): void {
  headStore = store;
}

// Smaller documents are read about as fast as a stored outcome loads.
const STORE_MIN_CHARS = 8192;
const HEAD_CACHE: Record<HelmVersion, Map<string, Cached>> = { 3: new Map(), 4: new Map() };
const HEAD_CACHE_MAX_CHARS = 32 * 1024 * 1024;
let headCacheChars = 0;

/** forgetHeads empties the process's memo of heads (tests of the HeadStore). */
export function forgetHeads(): void {
  HEAD_CACHE[3].clear();
  HEAD_CACHE[4].clear();
  headCacheChars = 0;
}

/** ReaderProblem is go-yaml's reader error for a document (control characters, bad UTF-8). */
export interface ReaderProblem {
  readonly readerProblem: string;
}

/**
 * readManifestHead checks a document as go-yaml's reader does, then decodes its head as
 * decodeSimpleHead does — with the fast path and a cache when the decoder is the default one.
 * It returns the head or the reader problem, and throws HeadError with the decoder's text.
 */
export function readManifestHead(doc: string, helmVersion: HelmVersion, yamlToJson: YamlToJson | undefined): SimpleHead | ReaderProblem {
  const custom = yamlToJson !== undefined && yamlToJson !== defaultYamlToJson;
  const cache = HEAD_CACHE[helmVersion];
  let r = custom ? undefined : cache.get(doc);
  if (r === undefined) {
    if (custom) return decodeSimpleHead(doc, helmVersion, yamlToJson);
    const store = doc.length >= STORE_MIN_CHARS ? headStore : undefined;
    r = store?.get(doc, helmVersion);
    if (r === undefined) {
      const overflows = stackOverflowCount();
      r = readHead(doc, helmVersion);
      // An outcome a stack overflow shaped depends on this thread's stack (the CLI then renders
      // again in its big-stack worker, which must not find it stored).
      if (stackOverflowCount() === overflows) store?.put(doc, helmVersion, r);
    }
    if (headCacheChars + doc.length > HEAD_CACHE_MAX_CHARS) {
      HEAD_CACHE[3].clear();
      HEAD_CACHE[4].clear();
      headCacheChars = 0;
    }
    cache.set(doc, r);
    headCacheChars += doc.length;
  }
  if (typeof r === 'string') throw new HeadError(r);
  return r;
}

/** readHead reads a document's head with the default decoder (fast path first). */
function readHead(doc: string, helmVersion: HelmVersion): HeadOutcome {
  // Text with unusual characters (control characters, invalid UTF-8) goes to the go-yaml port,
  // whose reader decides when they fail (yaml/goyaml/scanner.ts).
  const fast = hasUnusual(doc) ? undefined : scanHead(doc);
  if (fast !== undefined) return fast;
  try {
    return decodeSimpleHead(doc, helmVersion, defaultYamlToJson);
  } catch (e) {
    if (!(e instanceof HeadError)) throw e;
    return e.message;
  }
}

/** readSimpleHead is readManifestHead for a document known to pass the reader check. */
export function readSimpleHead(doc: string, helmVersion: HelmVersion, yamlToJson: YamlToJson | undefined): SimpleHead {
  const r = readManifestHead(doc, helmVersion, yamlToJson);
  if ('readerProblem' in r) throw new HeadError(`error converting YAML to JSON: yaml: ${r.readerProblem}`);
  return r;
}
