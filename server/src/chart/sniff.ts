// Package sniff: the part of Go's net/http.DetectContentType that Helm's EnsureArchive can print
// ("does not appear to be a gzipped archive; got '…'"). Signatures follow Go's sniff table in its
// order; formats a chart path is unlikely to hold (audio, video, fonts) fall through to Go's
// final text/binary test.

type Sig = (b: Uint8Array, firstNonWS: number) => string | undefined;

const enc = new TextEncoder();

function exact(prefix: string | number[], ct: string): Sig {
  const p = typeof prefix === 'string' ? enc.encode(prefix) : Uint8Array.from(prefix);
  return (b) => (b.length >= p.length && p.every((x, i) => b[i] === x) ? ct : undefined);
}

function isWS(c: number): boolean {
  return c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20;
}

/** htmlSig: case-insensitive tag after leading white space, followed by a space or '>'. */
function html(tag: string): Sig {
  const t = enc.encode(tag);
  return (b, ws) => {
    if (b.length < ws + t.length + 1) return undefined;
    for (let i = 0; i < t.length; i++) {
      let c = b[ws + i];
      if (t[i] >= 0x41 && t[i] <= 0x5a) c &= 0xdf;
      if (c !== t[i]) return undefined;
    }
    const next = b[ws + t.length];
    return next === 0x20 || next === 0x3e ? 'text/html; charset=utf-8' : undefined;
  };
}

function masked(mask: number[], pat: string | number[], ct: string, skipWS = false): Sig {
  const p = typeof pat === 'string' ? enc.encode(pat) : Uint8Array.from(pat);
  return (b, ws) => {
    const o = skipWS ? ws : 0;
    if (b.length < o + p.length) return undefined;
    for (let i = 0; i < p.length; i++) if ((b[o + i] & mask[i]) !== p[i]) return undefined;
    return ct;
  };
}

const SIGS: Sig[] = [
  ...['<!DOCTYPE HTML', '<HTML', '<HEAD', '<SCRIPT', '<IFRAME', '<H1', '<DIV', '<FONT', '<TABLE', '<A', '<STYLE', '<TITLE', '<B', '<BODY', '<BR', '<P', '<!--'].map(html),
  masked([0xff, 0xff, 0xff, 0xff, 0xff], '<?xml', 'text/xml; charset=utf-8', true),
  exact('%PDF-', 'application/pdf'),
  exact('%!PS-Adobe-', 'application/postscript'),
  exact([0xfe, 0xff], 'text/plain; charset=utf-16be'),
  exact([0xff, 0xfe], 'text/plain; charset=utf-16le'),
  exact([0xef, 0xbb, 0xbf], 'text/plain; charset=utf-8'),
  exact([0x00, 0x00, 0x01, 0x00], 'image/x-icon'),
  exact([0x00, 0x00, 0x02, 0x00], 'image/x-icon'),
  exact('BM', 'image/bmp'),
  exact('GIF87a', 'image/gif'),
  exact('GIF89a', 'image/gif'),
  masked([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 'RIFF\0\0\0\0WEBPVP', 'image/webp'),
  exact([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'),
  exact([0xff, 0xd8, 0xff], 'image/jpeg'),
  exact([0x1f, 0x8b, 0x08], 'application/x-gzip'),
  exact('PK\x03\x04', 'application/zip'),
  exact('Rar!\x1a\x07\x00', 'application/x-rar-compressed'),
  exact('Rar!\x1a\x07\x01\x00', 'application/x-rar-compressed'),
  exact([0x00, 0x61, 0x73, 0x6d], 'application/wasm'),
];

/** detectContentType is http.DetectContentType over (at most) the first 512 bytes. */
export function detectContentType(data: Uint8Array): string {
  const b = data.subarray(0, 512);
  let ws = 0;
  while (ws < b.length && isWS(b[ws])) ws++;
  for (const s of SIGS) {
    const ct = s(b, ws);
    if (ct !== undefined) return ct;
  }
  // Go's textSig: any "binary data byte" makes it application/octet-stream.
  for (const c of b) {
    if (c <= 0x08 || c === 0x0b || (c >= 0x0e && c <= 0x1a) || (c >= 0x1c && c <= 0x1f)) return 'application/octet-stream';
  }
  return 'text/plain; charset=utf-8';
}
