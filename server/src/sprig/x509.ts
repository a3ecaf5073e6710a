// Minimal DER/PEM and X.509 certificate building for sprig's genCA/genSelfSignedCert/
// genSignedCert, following what Go's x509.CreateCertificate emits for sprig's templates.
// Keys and signatures use node's crypto (RSA PKCS#1 v1.5 SHA-256, ECDSA, Ed25519).
import { KeyObject, X509Certificate, createHash, createPublicKey, sign as nodeSign } from 'node:crypto';

// ---- DER encoding ----------------------------------------------------------------------------

function len(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  while (n > 0) {
    out.unshift(n & 0xff);
    n >>>= 8;
  }
  return [0x80 | out.length, ...out];
}

/** tlv encodes one DER element. */
export function tlv(tag: number, body: Uint8Array | number[]): Uint8Array {
  const b = body instanceof Uint8Array ? body : Uint8Array.from(body);
  return Uint8Array.from([tag, ...len(b.length), ...b]);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let i = 0;
  for (const p of parts) {
    out.set(p, i);
    i += p.length;
  }
  return out;
}

/** seq encodes a SEQUENCE of already-encoded elements. */
export function seq(...parts: Uint8Array[]): Uint8Array {
  return tlv(0x30, concat(parts));
}

/** intDer encodes a non-negative INTEGER. */
export function intDer(v: bigint): Uint8Array {
  let hex = v.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  const bytes = Array.from(Buffer.from(hex, 'hex'));
  if (bytes[0] & 0x80) bytes.unshift(0);
  return tlv(0x02, bytes);
}

/** oid encodes an OBJECT IDENTIFIER from dotted form. */
export function oid(dotted: string): Uint8Array {
  const parts = dotted.split('.').map(Number);
  const out = [parts[0] * 40 + parts[1]];
  for (const p of parts.slice(2)) {
    const enc = [p & 0x7f];
    let x = Math.floor(p / 128);
    while (x > 0) {
      enc.unshift((x & 0x7f) | 0x80);
      x = Math.floor(x / 128);
    }
    out.push(...enc);
  }
  return tlv(0x06, out);
}

function bitString(bytes: Uint8Array, unused = 0): Uint8Array {
  return tlv(0x03, [unused, ...bytes]);
}

function octets(bytes: Uint8Array): Uint8Array {
  return tlv(0x04, bytes);
}

function isPrintable(s: string): boolean {
  return /^[A-Za-z0-9 '()+,\-./:=?*&]*$/.test(s);
}

/** pkixName encodes pkix.Name{CommonName: cn} (no attribute when cn is empty). */
export function pkixName(cn: string): Uint8Array {
  if (cn === '') return seq();
  const val = tlv(isPrintable(cn) ? 0x13 : 0x0c, Buffer.from(cn, 'utf8'));
  return seq(tlv(0x31, seq(oid('2.5.4.3'), val)));
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** timeDer encodes a time (Unix seconds) as UTCTime (1950–2049) or GeneralizedTime, like Go. */
function timeDer(sec: number): Uint8Array {
  const d = new Date(sec * 1000);
  const y = d.getUTCFullYear();
  const rest = pad2(d.getUTCMonth() + 1) + pad2(d.getUTCDate()) + pad2(d.getUTCHours()) + pad2(d.getUTCMinutes()) + pad2(d.getUTCSeconds()) + 'Z';
  if (y >= 1950 && y < 2050) return tlv(0x17, Buffer.from(pad2(y % 100) + rest, 'ascii'));
  return tlv(0x18, Buffer.from(String(y).padStart(4, '0') + rest, 'ascii'));
}

// ---- DER decoding (just enough to walk certificates and keys) --------------------------------

/** Der is a decoded element: tag, content bytes and the full encoding. */
export interface Der {
  tag: number;
  body: Uint8Array;
  raw: Uint8Array;
}

/** readDer decodes the element at offset; throws on malformed input. */
export function readDer(b: Uint8Array, off = 0): Der & { end: number } {
  if (off + 2 > b.length) throw new Error('truncated');
  const tag = b[off];
  let l = b[off + 1];
  let p = off + 2;
  if (l & 0x80) {
    const n = l & 0x7f;
    if (n === 0 || n > 4 || p + n > b.length) throw new Error('bad length');
    l = 0;
    for (let i = 0; i < n; i++) l = l * 256 + b[p + i];
    p += n;
  }
  if (p + l > b.length) throw new Error('truncated');
  return { tag, body: b.subarray(p, p + l), raw: b.subarray(off, p + l), end: p + l };
}

/** children decodes the elements inside a constructed element. */
export function children(body: Uint8Array): Der[] {
  const out: Der[] = [];
  let off = 0;
  while (off < body.length) {
    const d = readDer(body, off);
    out.push(d);
    off = d.end;
  }
  return out;
}

/** derInt reads an INTEGER element as an unsigned bigint. */
export function derInt(d: Der): bigint {
  return d.body.length === 0 ? 0n : BigInt('0x' + Buffer.from(d.body).toString('hex'));
}

// ---- PEM ---------------------------------------------------------------------------------------

/** pemEncode is encoding/pem.EncodeToMemory (64-column base64). */
export function pemEncode(type: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  let body = '';
  for (let i = 0; i < b64.length; i += 64) body += b64.slice(i, i + 64) + '\n';
  return `-----BEGIN ${type}-----\n${body}-----END ${type}-----\n`;
}

/** pemDecode is encoding/pem.Decode: the first block, or undefined. */
export function pemDecode(s: string): { type: string; bytes: Uint8Array } | undefined {
  const m = /-----BEGIN ([^\n-]*)-----\r?\n([\s\S]*?)-----END \1-----/.exec(s);
  if (!m) return undefined;
  // Headers ("Key: value" lines) are not expected in sprig's inputs; drop them.
  const body = m[2].replace(/^[^:\n]+:[^\n]*\n/gm, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return undefined;
  return { type: m[1], bytes: new Uint8Array(Buffer.from(body, 'base64')) };
}

// ---- certificates ----------------------------------------------------------------------------

/** CertTemplate is the part of an x509.Certificate template sprig fills in. */
export interface CertTemplate {
  serial: bigint;
  cn: string;
  notBefore: number; // Unix seconds
  notAfter: number; // Unix seconds
  isCA: boolean;
  keyUsage: number; // Go KeyUsage bits
  dnsNames: string[];
  ips: Uint8Array[];
}

/** Go's x509.KeyUsage bits. */
export const KU = { digitalSignature: 1, keyEncipherment: 4, certSign: 32 };

function keyUsageExt(ku: number): Uint8Array {
  const a = [0, 0];
  for (let i = 0; i < 9; i++) if ((ku >> i) & 1) a[i >> 3] |= 0x80 >> (i % 8);
  const bytes = a[1] !== 0 ? a : [a[0]];
  // BIT STRING length is up to the last set bit.
  const last = bytes[bytes.length - 1];
  let unused = 0;
  if (last !== 0) while (((last >> unused) & 1) === 0) unused++;
  return bitString(Uint8Array.from(bytes), unused);
}

function ext(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? seq(oid(id), tlv(0x01, [0xff]), octets(value)) : seq(oid(id), octets(value));
}

function sigAlg(key: KeyObject): { alg: Uint8Array; hash: string | null } {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { alg: seq(oid('1.2.840.113549.1.1.11'), tlv(0x05, [])), hash: 'sha256' };
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve === 'secp384r1') return { alg: seq(oid('1.2.840.10045.4.3.3')), hash: 'sha384' };
      if (curve === 'secp521r1') return { alg: seq(oid('1.2.840.10045.4.3.4')), hash: 'sha512' };
      return { alg: seq(oid('1.2.840.10045.4.3.2')), hash: 'sha256' };
    }
    case 'ed25519':
      return { alg: seq(oid('1.3.101.112')), hash: null };
  }
  throw new Error('x509: only RSA, ECDSA and Ed25519 keys supported');
}

/** Parent is the issuing certificate's subject and key id (self-signed: the template's own). */
export interface Parent {
  subject: Uint8Array; // raw Name DER
  subjectKeyId: Uint8Array | undefined;
}

/** parentOf extracts the raw subject and subjectKeyIdentifier of a DER certificate. */
export function parentOf(certDer: Uint8Array): Parent {
  const tbs = children(children(readDer(certDer).body)[0].body);
  const hasVersion = tbs[0].tag === 0xa0;
  const subject = tbs[hasVersion ? 5 : 4].raw;
  let subjectKeyId: Uint8Array | undefined;
  const extsEl = tbs.find((d) => d.tag === 0xa3);
  if (extsEl) {
    for (const e of children(children(extsEl.body)[0].body)) {
      const parts = children(e.body);
      if (Buffer.from(parts[0].raw).equals(Buffer.from(oid('2.5.29.14')))) {
        subjectKeyId = readDer(parts[parts.length - 1].body).body;
      }
    }
  }
  return { subject: new Uint8Array(subject), subjectKeyId };
}

/**
 * createCertificate is x509.CreateCertificate for sprig's templates: returns the DER.
 * `parent` undefined means self-signed.
 */
export function createCertificate(t: CertTemplate, pub: KeyObject, signer: KeyObject, parent: Parent | undefined): Uint8Array {
  const spki = new Uint8Array(pub.export({ type: 'spki', format: 'der' }));
  const subject = pkixName(t.cn);
  // Go generates a SubjectKeyId for CA templates: a hash of the public key bits.
  const spkiBits = readDer(children(readDer(spki).body)[1].raw).body.subarray(1);
  const ski = t.isCA ? new Uint8Array(createHash('sha1').update(spkiBits).digest()) : undefined;
  const issuer = parent ? parent.subject : subject;
  const aki = parent && !Buffer.from(parent.subject).equals(Buffer.from(subject)) ? parent.subjectKeyId : undefined;
  const exts: Uint8Array[] = [];
  exts.push(ext('2.5.29.15', true, keyUsageExt(t.keyUsage)));
  exts.push(ext('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))));
  exts.push(ext('2.5.29.19', true, t.isCA ? seq(tlv(0x01, [0xff])) : seq()));
  if (ski) exts.push(ext('2.5.29.14', false, octets(ski)));
  if (aki) exts.push(ext('2.5.29.35', false, seq(tlv(0x80, aki))));
  if (t.dnsNames.length > 0 || t.ips.length > 0) {
    const names = [...t.dnsNames.map((d) => tlv(0x82, Buffer.from(d, 'utf8'))), ...t.ips.map((ip) => tlv(0x87, ip))];
    exts.push(ext('2.5.29.17', false, seq(...names)));
  }
  const { alg, hash } = sigAlg(signer);
  const tbs = seq(
    tlv(0xa0, intDer(2n)),
    intDer(t.serial),
    alg,
    tlv(0x30, parent ? readDer(issuer).body : readDer(subject).body),
    seq(timeDer(t.notBefore), timeDer(t.notAfter)),
    subject,
    spki,
    tlv(0xa3, seq(...exts)),
  );
  const sig = new Uint8Array(nodeSign(hash, tbs, signer));
  return seq(tbs, alg, bitString(sig));
}

/** checkCertificate parses DER as X.509 (node's parser); returns an error text or undefined. */
export function checkCertificate(der: Uint8Array): string | undefined {
  try {
    new X509Certificate(der);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** publicOf derives the public key of a private key. */
export function publicOf(priv: KeyObject): KeyObject {
  return createPublicKey(priv);
}
