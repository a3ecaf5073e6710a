// Package archive: reading packaged charts (.tgz) the way Helm's loader.LoadArchiveFiles does.
import { gunzipSync } from 'node:zlib';

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
  data: Uint8Array;
}

/** readTar lists the entries of an uncompressed tar stream (ustar, PAX and GNU long names). */
export function readTar(buf: Uint8Array): TarEntry[] {
  const out: TarEntry[] = [];
  let off = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (off + 512 <= buf.length) {
    const h = buf.subarray(off, off + 512);
    if (h.every((x) => x === 0)) break;
    let name = cstr(h, 0, 100);
    const size = octal(h, 124, 12);
    const type = String.fromCharCode(h[156] || 0x30);
    const magic = cstr(h, 257, 6);
    if (magic.startsWith('ustar')) {
      const prefix = cstr(h, 345, 155);
      if (prefix !== '') name = prefix + '/' + name;
    }
    const data = buf.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
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
      out.push({ name, type, data });
      continue;
    }
    if (type === 'g') {
      out.push({ name, type, data });
      continue;
    }
    if (paxPath !== undefined) name = paxPath;
    else if (longName !== undefined) name = longName;
    paxPath = undefined;
    longName = undefined;
    out.push({ name, type, data });
  }
  return out;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** trimBOM drops a leading UTF-8 byte-order mark (Helm does this for every loaded file). */
export function trimBOM(b: Uint8Array): Uint8Array {
  return b.length >= 3 && b[0] === UTF8_BOM[0] && b[1] === UTF8_BOM[1] && b[2] === UTF8_BOM[2] ? b.subarray(3) : b;
}

function cleanPosix(p: string): string {
  const abs = p.startsWith('/');
  const parts: string[] = [];
  for (const s of p.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!abs) parts.push('..');
      continue;
    }
    parts.push(s);
  }
  const r = (abs ? '/' : '') + parts.join('/');
  return r === '' ? '.' : r;
}

/** loadArchiveFiles unpacks a gzipped chart archive into files with the top folder stripped. */
export function loadArchiveFiles(tgz: Uint8Array): BufferedFile[] | { error: string } {
  let raw: Uint8Array;
  try {
    raw = gunzipSync(tgz);
  } catch {
    return { error: 'gzip: invalid header' };
  }
  const files: BufferedFile[] = [];
  for (const e of readTar(raw)) {
    if (e.type === '5' || e.name.endsWith('/')) continue;
    if (e.type === 'x' || e.type === 'g') continue;
    const delim = e.name.includes('\\') ? '\\' : '/';
    const parts = e.name.split(delim);
    let n = parts.slice(1).join(delim).split(delim).join('/');
    if (n.startsWith('/')) return { error: 'chart illegally contains absolute paths' };
    n = cleanPosix(n);
    if (n === '.') return { error: `chart illegally contains content outside the base directory: ${JSON.stringify(e.name)}` };
    if (n.startsWith('..')) return { error: 'chart illegally references parent directory' };
    if (/^[a-zA-Z]:\//.test(n)) return { error: 'chart contains illegally named files' };
    if (parts[0] === 'Chart.yaml') return { error: 'chart yaml not in base directory' };
    files.push({ name: n, data: trimBOM(new Uint8Array(e.data)) });
  }
  if (files.length === 0) return { error: 'no files in chart archive' };
  return files;
}
