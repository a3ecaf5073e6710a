// Package archive: reading packaged charts (.tgz) the way Helm's loader.LoadArchiveFiles does,
// with its decompressed-size limits (Helm 3.17 / 4.1: 5 MiB per file, 100 MiB per archive) and
// one more bound of Chartwright's own: all archives of one load together (nested .tgz
// subcharts) stay below MAX_TOTAL_DECOMPRESSED, where Helm would run out of memory.
import { constants as zc, gunzipSync, inflateRawSync } from 'node:zlib';
import { clean } from '../sprig/paths';
import { goQuote } from '../template/errors';
import type { HelmVersion } from '../template/func';
import type { LoadNote } from './log';

/** BufferedFile is a chart file with its chart-relative name (loader.BufferedFile). */
export interface BufferedFile {
  name: string;
  data: Uint8Array;
}

const decoder = new TextDecoder();

function cstr(b: Uint8Array, off: number, len: number): string {
  let end = off;
  while (end < off + len && b[end] !== 0) end++;
  return decoder.decode(b.subarray(off, end));
}

function octal(b: Uint8Array, off: number, len: number): number {
  // GNU base-256 encoding for large sizes.
  if (b[off] & 0x80) {
    let n = 0;
    for (let i = off + 1; i < off + len; i++) n = n * 256 + b[i];
    return n;
  }
  const s = cstr(b, off, len).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

interface TarEntry {
  name: string;
  type: string;
  /** size is the header's size field (the data may be shorter when the stream is truncated). */
  size: number;
  data: Uint8Array;
}

/** TarError is archive/tar's or io's error text for a malformed stream. */
export class TarError extends Error {}

const ERR_HEADER = 'archive/tar: invalid tar header';
const ERR_EOF = 'unexpected EOF';

/** checksumOK verifies the header checksum as Go does (unsigned or signed byte sums). */
function checksumOK(h: Uint8Array): boolean {
  const field = cstr(h, 148, 8).trim();
  if (!/^[0-7]+$/.test(field)) return false;
  const want = parseInt(field, 8);
  let u = 0;
  let sgn = 0;
  for (let i = 0; i < 512; i++) {
    const c = i >= 148 && i < 156 ? 0x20 : h[i];
    u += c;
    sgn += c >= 0x80 ? c - 256 : c;
  }
  return want === u || want === sgn;
}

/**
 * readTar walks an uncompressed tar stream (ustar, PAX and GNU long names) and hands each entry
 * to `visit` in order; a false return stops the walk. Malformed headers and truncated data throw
 * TarError with Go's texts, at the entry where Go's reader would fail.
 */
export function readTar(buf: Uint8Array, visit: (e: TarEntry) => boolean): void {
  let off = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  for (;;) {
    if (off >= buf.length) return; // io.EOF at a header boundary: the end
    if (off + 512 > buf.length) throw new TarError(ERR_EOF);
    const h = buf.subarray(off, off + 512);
    if (h.every((x) => x === 0)) {
      // End of archive: a second zero block (or the end of the stream) must follow.
      if (off + 512 >= buf.length) return;
      if (off + 1024 > buf.length) throw new TarError(ERR_EOF);
      if (buf.subarray(off + 512, off + 1024).every((x) => x === 0)) return;
      throw new TarError(ERR_HEADER);
    }
    if (!checksumOK(h)) throw new TarError(ERR_HEADER);
    let name = cstr(h, 0, 100);
    const size = octal(h, 124, 12);
    if (!Number.isSafeInteger(size) || size < 0) throw new TarError(ERR_HEADER);
    const type = String.fromCharCode(h[156] || 0x30);
    const magic = cstr(h, 257, 6);
    if (magic.startsWith('ustar')) {
      const prefix = cstr(h, 345, 155);
      if (prefix !== '') name = prefix + '/' + name;
    }
    const dataStart = off + 512;
    const data = buf.subarray(dataStart, Math.min(buf.length, dataStart + size));
    off = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'L' || type === 'x') {
      if (data.length < size) throw new TarError(ERR_EOF);
    }
    if (type === 'L') {
      longName = cstr(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      const text = decoder.decode(data);
      let i = 0;
      while (i < text.length) {
        const sp = text.indexOf(' ', i);
        if (sp < 0) break;
        const len = parseInt(text.slice(i, sp), 10);
        if (!(len > 0)) break;
        const rec = text.slice(sp + 1, i + len - 1);
        const eq = rec.indexOf('=');
        if (eq > 0 && rec.slice(0, eq) === 'path') paxPath = rec.slice(eq + 1);
        i += len;
      }
      if (!visit({ name, type, size, data })) return;
      continue;
    }
    if (type === 'g') {
      if (!visit({ name, type, size, data })) return;
      continue;
    }
    if (paxPath !== undefined) name = paxPath;
    else if (longName !== undefined) name = longName;
    paxPath = undefined;
    longName = undefined;
    if (!visit({ name, type, size, data })) return;
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** trimBOM drops a leading UTF-8 byte-order mark (Helm does this for every loaded file). */
export function trimBOM(b: Uint8Array): Uint8Array {
  return b.length >= 3 && b[0] === UTF8_BOM[0] && b[1] === UTF8_BOM[1] && b[2] === UTF8_BOM[2] ? b.subarray(3) : b;
}

/** MAX_DECOMPRESSED_CHART_SIZE is Helm's MaxDecompressedChartSize (100 MiB per archive). */
export const MAX_DECOMPRESSED_CHART_SIZE = 100 * 1024 * 1024;
/** MAX_DECOMPRESSED_FILE_SIZE is Helm's MaxDecompressedFileSize (5 MiB per archived file). */
export const MAX_DECOMPRESSED_FILE_SIZE = 5 * 1024 * 1024;
/**
 * MAX_TOTAL_DECOMPRESSED bounds the file data of all archives of one load together (a chart
 * whose charts/ holds archives that hold archives multiplies Helm's per-archive limit; Helm
 * then exhausts memory). Chartwright's own bound, with its own text.
 */
export const MAX_TOTAL_DECOMPRESSED = 256 * 1024 * 1024;
/**
 * MAX_TAR_STREAM bounds the decompressed tar stream (file data plus headers and padding):
 * above it the archive holds more than Helm's 100 MiB of data, or an absurd number of entries.
 */
export const MAX_TAR_STREAM = 2 * MAX_DECOMPRESSED_CHART_SIZE;

/**
 * LoadBudget is one load's shared state: the decompressed bytes still allowed (shared by nested
 * archives) and the lines Helm's loader logs on the way (symbolic links, requirements.yaml).
 */
export interface LoadBudget {
  remaining: number;
  readonly notes: LoadNote[];
}

/** newLoadBudget starts a load's budget. */
export function newLoadBudget(total = MAX_TOTAL_DECOMPRESSED): LoadBudget {
  return { remaining: total, notes: [] };
}

/** ArchiveError is a failed unpack: Helm's text, and whether it is gzip.ErrHeader. */
export interface ArchiveError {
  error: string;
  gzipHeader?: boolean;
}

/** chartTooLarge is Helm's text for an archive over MaxDecompressedChartSize (worded per version). */
export function chartTooLarge(v: HelmVersion): string {
  return v === 4
    ? `decompressed chart is larger than the maximum size ${MAX_DECOMPRESSED_CHART_SIZE}`
    : `decompressed chart is larger than the maximum file size ${MAX_DECOMPRESSED_CHART_SIZE}`;
}

/** TOTAL_TOO_LARGE is Chartwright's text for a load over MAX_TOTAL_DECOMPRESSED (Helm has no such bound). */
export const TOTAL_TOO_LARGE = `chart and subcharts are larger than the maximum total size ${MAX_TOTAL_DECOMPRESSED} of one load`;

/** gzipBodyOffset parses the gzip member header as Go's gzip.Reader does (RFC 1952). */
function gzipBodyOffset(b: Uint8Array): number | ArchiveError {
  if (b.length < 10) return { error: b.length === 0 ? 'EOF' : ERR_EOF };
  if (b[0] !== 0x1f || b[1] !== 0x8b || b[2] !== 8) return { error: 'gzip: invalid header', gzipHeader: true };
  const flg = b[3];
  let off = 10;
  if (flg & 4) {
    if (off + 2 > b.length) return { error: ERR_EOF };
    off += 2 + (b[off] | (b[off + 1] << 8));
  }
  for (const bit of [8, 16]) {
    if (!(flg & bit)) continue;
    while (off < b.length && b[off] !== 0) off++;
    off++;
  }
  if (flg & 2) off += 2;
  if (off > b.length) return { error: ERR_EOF };
  return off;
}

/**
 * gunzip decompresses up to `cap` bytes. Like Go's reader as the tar reader drives it: a
 * truncated stream yields what was decompressed (the tar reader then reports `unexpected EOF`),
 * a trailer (CRC) the tar reader never reaches is not checked, corrupt deflate data fails.
 */
function gunzip(tgz: Uint8Array, cap: number): Uint8Array | ArchiveError | 'tooLarge' {
  const body = gzipBodyOffset(tgz);
  if (typeof body !== 'number') return body;
  const opts = { finishFlush: zc.Z_SYNC_FLUSH, maxOutputLength: cap };
  const tooLarge = (e: unknown): boolean => e instanceof RangeError || (e instanceof Error && 'code' in e && e.code === 'ERR_BUFFER_TOO_LARGE');
  try {
    return new Uint8Array(gunzipSync(tgz, opts));
  } catch (e) {
    if (tooLarge(e)) return 'tooLarge';
  }
  // A bad trailer or trailing garbage: decode the first member's deflate data alone.
  try {
    return new Uint8Array(inflateRawSync(tgz.subarray(body), opts));
  } catch (e) {
    if (tooLarge(e)) return 'tooLarge';
    // Go: "flate: corrupt input before offset N" (the offset is not available from zlib).
    return { error: 'flate: corrupt input' };
  }
}

/**
 * loadArchiveFiles unpacks a gzipped chart archive into files with the top folder stripped
 * (archive.LoadArchiveFiles of Helm 3.17.3 / 4.1.4: same checks in the same order, same texts,
 * the chart-size text worded per version). `budget` is shared by all archives of one load.
 */
export function loadArchiveFiles(tgz: Uint8Array, v: HelmVersion, budget: LoadBudget = newLoadBudget()): BufferedFile[] | ArchiveError {
  const raw = gunzip(tgz, MAX_TAR_STREAM);
  if (raw === 'tooLarge') return { error: chartTooLarge(v) };
  if ('error' in raw) return raw;
  const files: BufferedFile[] = [];
  let failure: ArchiveError | undefined;
  let remaining = MAX_DECOMPRESSED_CHART_SIZE;
  const fail = (error: string): boolean => {
    failure = { error };
    return false;
  };
  try {
    readTar(raw, (e) => {
      if (e.type === '5' || e.name.endsWith('/')) return true;
      if (e.type === 'x' || e.type === 'g') return true;
      const delim = e.name.includes('\\') ? '\\' : '/';
      const parts = e.name.split(delim);
      let n = parts.slice(1).join(delim).split(delim).join('/');
      if (n.startsWith('/')) return fail('chart illegally contains absolute paths');
      n = clean(n);
      if (n === '.') return fail(`chart illegally contains content outside the base directory: ${goQuote(e.name)}`);
      if (n.startsWith('..')) return fail('chart illegally references parent directory');
      if (/^[a-zA-Z]:\//.test(n)) return fail('chart contains illegally named files');
      if (parts[0] === 'Chart.yaml') return fail('chart yaml not in base directory');
      if (e.size > remaining) return fail(chartTooLarge(v));
      if (e.size > MAX_DECOMPRESSED_FILE_SIZE) return fail(`decompressed chart file ${goQuote(e.name)} is larger than the maximum file size ${MAX_DECOMPRESSED_FILE_SIZE}`);
      if (e.data.length < e.size) throw new TarError(ERR_EOF);
      remaining -= e.data.length;
      if (remaining <= 0) return fail(chartTooLarge(v));
      if (e.data.length > budget.remaining) return fail(TOTAL_TOO_LARGE);
      budget.remaining -= e.data.length;
      files.push({ name: n, data: trimBOM(new Uint8Array(e.data)) });
      return true;
    });
  } catch (e) {
    if (e instanceof TarError) return { error: e.message };
    throw e;
  }
  if (failure !== undefined) return failure;
  if (files.length === 0) return { error: 'no files in chart archive' };
  return files;
}
