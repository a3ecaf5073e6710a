// Sprig crypto functions (crypto.go, sprig v3.3.0): derivePassword, genPrivateKey, the
// certificate generators (returning a sprig.certificate struct {Cert, Key}), buildCustomCert,
// encryptAES/decryptAES, bcrypt, htpasswd and randBytes. Serial numbers, IVs and salts come
// from ctx.runtime.randomBytes; key pairs from ctx.runtime.crypto (the platform's generator,
// injected by the real runtimes). A runtime without it (tests) falls back to node's generator
// here: generated keys are never reproducible in Helm either. The expensive functions go through
// ctx.runtime.crypto.reuse when the runtime offers it (the language server: an earlier result of
// the same call site and arguments is as valid a Helm output as a new one).
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  generateKeyPairSync,
  scryptSync,
  type KeyObject,
} from 'node:crypto';
import bcryptjs from 'bcryptjs';
import { FuncError, type CallContext, type FuncDef, type PrivateKeyType } from '../template/func';
import { formatValue } from '../template/fmt';
import { GoInt, GoObject, newMap, utf8Decode, utf8Encode, type Kind, type Value } from '../template/value';
import { fn } from './def';
import { rsaKey } from './rsakey';
import { MAKESLICE, MAX_STRING_CHARS, checkAlloc } from './alloc';
import { b64decode, b64encode } from './encoding';
import {
  KU,
  checkCertificate,
  children,
  createCertificate,
  derInt,
  intDer,
  parentOf,
  pemDecode,
  pemEncode,
  publicOf,
  readDer,
  seq,
  type CertTemplate,
} from './x509';

/** Certificate is sprig's `certificate` struct: PEM Cert and Key. */
export class Certificate extends GoObject {
  readonly goType = 'sprig.certificate';
  readonly kind: Kind = 'struct';
  constructor(
    readonly cert: string,
    readonly key: string,
  ) {
    super();
  }
  override field(name: string): { value: Value } | undefined {
    if (name === 'Cert') return { value: this.cert };
    if (name === 'Key') return { value: this.key };
    return undefined;
  }
  override fieldNames(): readonly string[] {
    return ['Cert', 'Key'];
  }
  override toData(): Value {
    return newMap([
      ['Cert', this.cert],
      ['Key', this.key],
    ]);
  }
}

function str(v: Value): string {
  return typeof v === 'string' ? v : '';
}

function num(v: Value): number {
  return v instanceof GoInt ? Number(v.v) : typeof v === 'number' ? v : 0;
}

/** daysArg is an `int` argument as Go's int64. */
function daysArg(v: Value): bigint {
  return v instanceof GoInt ? v.v : 0n;
}

// ---- native key generation and the session memo ------------------------------------------------

/**
 * nodeKey is node's key generator (OpenSSL): the fallback for runtimes that inject none (tests),
 * and what the real runtimes' NativeCrypto uses (render/nativecrypto.ts).
 */
export function nodeKey(type: PrivateKeyType, bits: number): KeyObject {
  switch (type) {
    case 'rsa':
      // Faster than generateKeyPairSync('rsa') under OpenSSL 3 (see rsakey.ts).
      return bits >= 1024 && bits % 2 === 0 ? rsaKey(bits) : generateKeyPairSync('rsa', { modulusLength: bits }).privateKey;
    case 'dsa':
      return generateKeyPairSync('dsa', { modulusLength: bits, divisorLength: 256 }).privateKey;
    case 'ec':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    case 'ed25519':
      return generateKeyPairSync('ed25519').privateKey;
  }
}

/** newKey generates a private key with the runtime's native crypto (else the fallback). */
function newKey(ctx: CallContext, type: PrivateKeyType, bits: number): KeyObject {
  const native = ctx.runtime.crypto;
  if (native === undefined) return nodeKey(type, bits);
  return createPrivateKey({ key: Buffer.from(native.generatePrivateKey(type, bits)), format: 'der', type: 'pkcs8' });
}

/** argKey identifies an argument for the memo (strings, ints, lists, certificates). */
function argKey(v: Value): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof GoInt) return 'i' + v.v.toString();
  if (v instanceof Certificate) return `cert(${JSON.stringify(v.cert)},${JSON.stringify(v.key)})`;
  if (Array.isArray(v)) return `[${v.map(argKey).join(',')}]`;
  if (v === null) return 'nil';
  return `${typeof v}:${formatValue(v)}`;
}

/**
 * reused runs `compute`, or hands back the runtime's stored result for the same function, call
 * site and arguments. Without a memo or a call site every call computes.
 */
function reused(name: string, args: readonly Value[], ctx: CallContext, compute: () => Value): Value {
  const native = ctx.runtime.crypto;
  const site = ctx.callSite?.();
  if (native?.reuse === undefined || site === undefined) return compute();
  return native.reuse(`${name}\0${site}\0${args.map(argKey).join('\0')}`, compute);
}

// ---- derivePassword (Master Password algorithm) ----------------------------------------------

const TEMPLATES: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv', 'CvcvCvcvnoCvcv', 'CvcvCvcvCvcvno', 'CvccnoCvcvCvcv', 'CvccCvcvnoCvcv', 'CvccCvcvCvcvno', 'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv', 'CvcvCvccCvcvno', 'CvcvnoCvcvCvcc', 'CvcvCvcvnoCvcc', 'CvcvCvcvCvccno', 'CvccnoCvccCvcv', 'CvccCvccnoCvcv',
    'CvccCvccCvcvno', 'CvcvnoCvccCvcc', 'CvcvCvccnoCvcc', 'CvcvCvccCvccno', 'CvccnoCvcvCvcc', 'CvccCvcvnoCvcc', 'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};

const CHARS: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** derivePassword is sprig's Master Password derivation. */
export function derivePassword(counter: number, type: string, password: string, user: string, site: string): string {
  const templates = TEMPLATES[type];
  if (!templates) return `cannot find password template ${type}`;
  const seed = Buffer.from('com.lyndir.masterpassword');
  const userB = Buffer.from(user, 'utf8');
  const salt = Buffer.concat([seed, u32(userB.length), userB]);
  const key = scryptSync(Buffer.from(password, 'utf8'), salt, 64, { N: 32768, r: 8, p: 2, maxmem: 256 * 1024 * 1024 });
  const siteB = Buffer.from(site, 'utf8');
  const msg = Buffer.concat([seed, u32(siteB.length), siteB, u32(counter)]);
  const s = createHmac('sha256', key).update(msg).digest();
  const temp = templates[s[0] % templates.length];
  let out = '';
  for (let i = 0; i < temp.length; i++) {
    const chars = CHARS[temp[i]];
    out += chars[s[i + 1] % chars.length];
  }
  return out;
}

// ---- keys ----------------------------------------------------------------------------------------

/** pemBlockForKey is sprig's pemBlockForKey: PKCS#1 RSA, SEC1 EC, sprig's DSA, else PKCS#8. */
function pemForKey(key: KeyObject): string {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return key.export({ type: 'pkcs1', format: 'pem' }).toString();
    case 'ec':
      return key.export({ type: 'sec1', format: 'pem' }).toString();
    case 'dsa':
      return pemEncode('DSA PRIVATE KEY', dsaKeyFormat(key));
    default:
      return key.export({ type: 'pkcs8', format: 'pem' }).toString();
  }
}

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

/** dsaKeyFormat is sprig's DSAKeyFormat ASN.1: SEQUENCE {0, P, Q, G, Y, X}. */
function dsaKeyFormat(key: KeyObject): Uint8Array {
  const der = new Uint8Array(key.export({ type: 'pkcs8', format: 'der' }));
  const top = children(readDer(der).body);
  const [p, q, g] = children(children(top[1].body)[1].body).map(derInt);
  const x = derInt(readDer(top[2].body));
  const y = modPow(g, x, p);
  return seq(intDer(0n), intDer(p), intDer(q), intDer(g), intDer(y), intDer(x));
}

/** genPrivateKey is sprig's generatePrivateKey. */
function genPrivateKey(ctx: CallContext, type: string): string {
  switch (type) {
    case '':
    case 'rsa':
      return pemForKey(newKey(ctx, 'rsa', 4096));
    case 'dsa':
      return pemForKey(newKey(ctx, 'dsa', 2048));
    case 'ecdsa':
      return pemForKey(newKey(ctx, 'ec', 256));
    case 'ed25519':
      return pemForKey(newKey(ctx, 'ed25519', 256));
  }
  return 'Unknown type ' + type;
}

/** DsaKey marks a parsed DSA key: it is valid, but *dsa.PrivateKey is not a crypto.Signer. */
class DsaKey extends Error {
  constructor() {
    super('x509: certificate private key does not implement crypto.Signer');
  }
}

/** parsePrivateKeyPEM is sprig's parsePrivateKeyPEM; throws FuncError-ready messages. */
function parsePrivateKeyPEM(pem: string): KeyObject {
  const block = pemDecode(pem);
  if (!block) throw new Error('no PEM data in input');
  const der = Buffer.from(block.bytes);
  if (block.type === 'PRIVATE KEY') {
    try {
      return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    } catch (e) {
      throw new Error(`decoding PEM as PKCS#8: ${(e as Error).message}`);
    }
  }
  if (!block.type.endsWith(' PRIVATE KEY')) throw new Error(`no private key data in PEM block of type ${block.type}`);
  switch (block.type.slice(0, -12)) {
    case 'RSA':
      try {
        return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
      } catch (e) {
        throw new Error(`parsing RSA private key from PEM: ${(e as Error).message}`);
      }
    case 'EC':
      try {
        return createPrivateKey({ key: der, format: 'der', type: 'sec1' });
      } catch (e) {
        throw new Error(`parsing EC private key from PEM: ${(e as Error).message}`);
      }
    case 'DSA':
      // A DSA key parses, but x509.CreateCertificate cannot sign with it.
      throw new DsaKey();
  }
  throw new Error(`invalid private key type ${block.type}`);
}

// ---- certificates ------------------------------------------------------------------------------

/** parseIP is net.ParseIP returning the bytes Go puts in the SAN (4 for IPv4, else 16). */
function parseIP(s: string): Uint8Array | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const parts = v4.slice(1).map((x) => (x.length > 1 && x[0] === '0' ? 256 : Number(x)));
    return parts.every((x) => x <= 255) ? Uint8Array.from(parts) : undefined;
  }
  if (!s.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(s)) return undefined;
  let head = s;
  let tail4: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const p = parseIP(s.slice(lastColon + 1));
    if (!p || p.length !== 4) return undefined;
    tail4 = [(p[0] << 8) | p[1], (p[2] << 8) | p[3]];
    head = s.slice(0, lastColon + 1) + (s.slice(lastColon - 1, lastColon + 1) === '::' ? '' : '0');
    if (!s.slice(0, lastColon + 1).endsWith('::')) head = s.slice(0, lastColon);
  }
  const dbl = head.split('::');
  if (dbl.length > 2) return undefined;
  const grp = (x: string): number[] | undefined => {
    if (x === '') return [];
    const out: number[] = [];
    for (const g of x.split(':')) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const a = grp(dbl[0]);
  const b = dbl.length === 2 ? grp(dbl[1]) : [];
  if (!a || !b) return undefined;
  const total = a.length + b.length + tail4.length;
  let words: number[];
  if (dbl.length === 2) {
    if (total > 7) return undefined;
    words = [...a, ...new Array<number>(8 - total).fill(0), ...b, ...tail4];
  } else {
    if (total !== 8) return undefined;
    words = [...a, ...tail4];
  }
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  // IPv4-mapped addresses are stored in 4 bytes (ip.To4()).
  if (out.subarray(0, 10).every((x) => x === 0) && out[10] === 0xff && out[11] === 0xff) return out.slice(12);
  return out;
}

function listArg(v: Value): Value[] {
  return Array.isArray(v) ? v : [];
}

const NS_PER_DAY = 24n * 3600n * 1000000000n;

/**
 * validity is Go's NotBefore = time.Now() and NotAfter = time.Now().Add(time.Hour * 24 *
 * time.Duration(days)) in Unix seconds: the duration is int64 nanoseconds, so a day count beyond
 * about 106751 days wraps around as in Go (recorded from helm v4.1.4: `genCA "x" 200000` expires
 * in 1989), and the sum keeps Go's sub-second carry.
 */
export function validity(nowMs: number, days: bigint): { notBefore: number; notAfter: number } {
  const nowNs = BigInt(Math.floor(nowMs)) * 1000000n;
  const endNs = nowNs + BigInt.asIntN(64, NS_PER_DAY * days);
  return { notBefore: Number(floorDiv(nowNs, 1000000000n)), notAfter: Number(floorDiv(endNs, 1000000000n)) };
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function baseTemplate(ctx: CallContext, cn: string, ips: Value, dns: Value, days: bigint): CertTemplate {
  const ipBytes: Uint8Array[] = [];
  for (const ip of listArg(ips)) {
    if (typeof ip !== 'string') throw new Error(`error parsing ip: ${formatValue(ip)} is not a string`);
    const b = parseIP(ip);
    if (!b) throw new Error(`error parsing ip: ${ip}`);
    ipBytes.push(b);
  }
  const dnsNames: string[] = [];
  for (const d of listArg(dns)) {
    if (typeof d !== 'string') throw new Error(`error processing alternate dns name: ${formatValue(d)} is not a string`);
    dnsNames.push(d);
  }
  // Serial: uniform below 2^128.
  const serial = BigInt('0x' + Buffer.from(ctx.runtime.randomBytes(16)).toString('hex'));
  const { notBefore, notAfter } = validity(ctx.runtime.now().getTime(), days);
  return {
    serial,
    cn,
    notBefore,
    notAfter,
    isCA: false,
    keyUsage: KU.keyEncipherment | KU.digitalSignature,
    dnsNames,
    ips: ipBytes,
  };
}

/** CERT_KEY_BITS is the RSA key size of genCA, genSelfSignedCert and genSignedCert (crypto.go). */
export const CERT_KEY_BITS = 2048;

function newRSA(ctx: CallContext): KeyObject {
  return newKey(ctx, 'rsa', CERT_KEY_BITS);
}

// The certificate functions that generate a key (the ...WithKey forms take one).
const CERT_KEY_CALL = /\bgen(?:CA|SelfSignedCert|SignedCert)\b/g;

/**
 * certKeyMentions counts the names of key-generating certificate functions in template texts: an
 * upper guess at the RSA keys of CERT_KEY_BITS a render makes (a name under a false `if` makes
 * none, one in a `range` or a define included often makes several).
 */
export function certKeyMentions(texts: Iterable<string>): number {
  let n = 0;
  for (const t of texts) {
    if (t.includes('gen')) n += t.match(CERT_KEY_CALL)?.length ?? 0;
  }
  return n;
}

function certAndKey(t: CertTemplate, signee: KeyObject, signer: KeyObject, parentDer: Uint8Array | undefined): Certificate {
  let der: Uint8Array;
  try {
    der = createCertificate(t, publicOf(signee), signer, parentDer ? parentOf(parentDer) : undefined);
  } catch (e) {
    throw new Error(`error creating certificate: ${(e as Error).message}`);
  }
  return new Certificate(pemEncode('CERTIFICATE', der), pemForKey(signee));
}

function genCA(ctx: CallContext, cn: string, days: bigint, key: KeyObject): Certificate {
  const t = baseTemplate(ctx, cn, null, null, days);
  t.keyUsage = KU.keyEncipherment | KU.digitalSignature | KU.certSign;
  t.isCA = true;
  return certAndKey(t, key, key, undefined);
}

function genSelfSigned(ctx: CallContext, cn: string, ips: Value, dns: Value, days: bigint, key: KeyObject): Certificate {
  return certAndKey(baseTemplate(ctx, cn, ips, dns, days), key, key, undefined);
}

function genSigned(ctx: CallContext, cn: string, ips: Value, dns: Value, days: bigint, ca: Value, key: KeyObject): Certificate {
  const c = ca instanceof Certificate ? ca : new Certificate('', '');
  const block = pemDecode(c.cert);
  if (!block) throw new Error('unable to decode certificate');
  const bad = checkCertificate(block.bytes);
  if (bad !== undefined) throw new Error(`error parsing certificate: decodedSignerCert.Bytes: ${bad}`);
  let signer: KeyObject;
  try {
    signer = parsePrivateKeyPEM(c.key);
  } catch (e) {
    if (e instanceof DsaKey) throw new Error('error creating certificate: ' + e.message);
    throw new Error(`error parsing private key: ${(e as Error).message}`);
  }
  return certAndKey(baseTemplate(ctx, cn, ips, dns, days), key, signer, block.bytes);
}

function withPEMKey(pem: string): KeyObject {
  try {
    return parsePrivateKeyPEM(pem);
  } catch (e) {
    if (e instanceof DsaKey) throw new Error('error creating certificate: ' + e.message);
    throw new Error(`parsing private key: ${(e as Error).message}`);
  }
}

function buildCustomCert(b64cert: string, b64key: string): Certificate {
  const cert = b64decode(b64cert);
  if (!(cert instanceof Uint8Array)) throw new Error('unable to decode base64 certificate');
  const key = b64decode(b64key);
  if (!(key instanceof Uint8Array)) throw new Error('unable to decode base64 private key');
  const block = pemDecode(utf8Decode(cert));
  if (!block) throw new Error('unable to decode certificate');
  const bad = checkCertificate(block.bytes);
  if (bad !== undefined) throw new Error(`error parsing certificate: decodedCert.Bytes: ${bad}`);
  try {
    parsePrivateKeyPEM(utf8Decode(key));
  } catch (e) {
    if (e instanceof DsaKey) return new Certificate(utf8Decode(cert), utf8Decode(key));
    throw new Error(`error parsing private key: ${(e as Error).message}`);
  }
  return new Certificate(utf8Decode(cert), utf8Decode(key));
}

/** goErr runs f and turns a thrown Error into the function's Go error. */
function goErr<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FuncError) throw e;
    if (e instanceof Error) throw new FuncError(e.message);
    throw e;
  }
}

// ---- AES -------------------------------------------------------------------------------------------

function aesKey(password: string): Buffer {
  // key := make([]byte, 32); copy(key, password): zero-padded or truncated to 32 bytes.
  const key = Buffer.alloc(32);
  Buffer.from(utf8Encode(password)).copy(key, 0, 0, 32);
  return key;
}

/** encryptAES is sprig's encryptAES: AES-256-CBC, PKCS#7 padding, base64(IV || ciphertext). */
export function encryptAES(password: string, plaintext: string, iv: Uint8Array): string {
  if (plaintext === '') return '';
  const c = createCipheriv('aes-256-cbc', aesKey(password), iv);
  const out = Buffer.concat([Buffer.from(iv), c.update(utf8Encode(plaintext)), c.final()]);
  return b64encode(out);
}

/** decryptAES is sprig's decryptAES, including Go's panics on malformed input. */
export function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  const crypt = b64decode(crypt64);
  if (!(crypt instanceof Uint8Array)) throw new Error(`illegal base64 data at input byte ${crypt.offset}`);
  if (crypt.length < 16) throw new Error(`runtime error: slice bounds out of range [:16] with capacity ${crypt.length}`);
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) throw new Error('crypto/cipher: input not full blocks');
  if (body.length === 0) throw new Error('runtime error: index out of range [-1]');
  const d = createDecipheriv('aes-256-cbc', aesKey(password), crypt.subarray(0, 16));
  d.setAutoPadding(false);
  const plain = Buffer.concat([d.update(body), d.final()]);
  const n = plain.length - plain[plain.length - 1];
  if (n < 0) throw new Error(`runtime error: slice bounds out of range [:${n}]`);
  return utf8Decode(plain.subarray(0, n));
}

// ---- bcrypt ----------------------------------------------------------------------------------------

function bcrypt(ctx: CallContext, input: string): string {
  if (utf8Encode(input).length > 72) return 'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes';
  const salt = '$2a$10$' + bcryptjs.encodeBase64(Array.from(ctx.runtime.randomBytes(16)), 16);
  return bcryptjs.hashSync(input, salt);
}

const S = 'string';
const I = 'int';
const L = '[]interface {}';
const CERT = 'sprig.certificate';
const cat = 'crypto';

/** cryptoFuncs are sprig's crypto functions. */
export const cryptoFuncs: FuncDef[] = [
  fn(cat, 'derivePassword', ['uint32', S, S, S, S], S, (a, ctx) =>
    reused('derivePassword', a, ctx, () => derivePassword(num(a[0]), str(a[1]), str(a[2]), str(a[3]), str(a[4]))), [
    'derivePassword COUNTER TYPE PASSWORD USER SITE',
    'Derives a password with the Master Password algorithm (TYPE: maximum long medium short basic pin).',
    '{{ derivePassword 1 "long" "password" "user" "example.com" }} → ZedaFaxcZaso9*',
  ]),
  fn(cat, 'genPrivateKey', [S], S, (a, ctx) => reused('genPrivateKey', a, ctx, () => genPrivateKey(ctx, str(a[0]))), [
    'genPrivateKey TYPE',
    'Generates a PEM private key: rsa (4096 bits), dsa, ecdsa (P-256) or ed25519.',
    '{{ genPrivateKey "ecdsa" }}',
  ]),
  fn(cat, 'buildCustomCert', [S, S], CERT, ([c, k]) => goErr(() => buildCustomCert(str(c), str(k))), [
    'buildCustomCert B64CERT B64KEY',
    'Wraps a base64-encoded PEM certificate and key into a certificate object (.Cert, .Key).',
    '{{ $c := buildCustomCert .Values.cert .Values.key }}{{ $c.Cert }}',
  ]),
  fn(cat, 'genCA', [S, I], CERT, (a, ctx) =>
    reused('genCA', a, ctx, () => goErr(() => genCA(ctx, str(a[0]), daysArg(a[1]), newRSA(ctx)))), [
    'genCA CN DAYS',
    'Generates a self-signed CA (RSA 2048); returns an object with .Cert and .Key (PEM).',
    '{{ $ca := genCA "foo-ca" 365 }}{{ $ca.Cert | b64enc }}',
  ]),
  fn(cat, 'genCAWithKey', [S, I, S], CERT, (a, ctx) =>
    reused('genCAWithKey', a, ctx, () => goErr(() => genCA(ctx, str(a[0]), daysArg(a[1]), withPEMKey(str(a[2]))))), [
    'genCAWithKey CN DAYS KEY',
    'Like genCA with the given PEM private key.',
    '{{ $ca := genCAWithKey "foo-ca" 365 (genPrivateKey "rsa") }}',
  ]),
  fn(cat, 'genSelfSignedCert', [S, L, L, I], CERT, ([cn, ips, dns, d], ctx) =>
    reused('genSelfSignedCert', [cn, ips, dns, d], ctx, () => goErr(() => genSelfSigned(ctx, str(cn), ips, dns, daysArg(d), newRSA(ctx)))), [
    'genSelfSignedCert CN IPS DNSNAMES DAYS',
    'Generates a self-signed certificate (RSA 2048) with IP and DNS SANs.',
    '{{ $c := genSelfSignedCert "foo.com" (list "10.0.0.1") (list "foo.com") 365 }}',
  ]),
  fn(cat, 'genSelfSignedCertWithKey', [S, L, L, I, S], CERT, ([cn, ips, dns, d, k], ctx) =>
    reused('genSelfSignedCertWithKey', [cn, ips, dns, d, k], ctx, () =>
      goErr(() => genSelfSigned(ctx, str(cn), ips, dns, daysArg(d), withPEMKey(str(k))))), [
    'genSelfSignedCertWithKey CN IPS DNSNAMES DAYS KEY',
    'Like genSelfSignedCert with the given PEM private key.',
    '{{ $c := genSelfSignedCertWithKey "foo.com" nil nil 365 (genPrivateKey "ecdsa") }}',
  ]),
  fn(cat, 'genSignedCert', [S, L, L, I, CERT], CERT, ([cn, ips, dns, d, ca], ctx) =>
    reused('genSignedCert', [cn, ips, dns, d, ca], ctx, () => goErr(() => genSigned(ctx, str(cn), ips, dns, daysArg(d), ca, newRSA(ctx)))), [
    'genSignedCert CN IPS DNSNAMES DAYS CA',
    'Generates a certificate (RSA 2048) signed by CA (from genCA).',
    '{{ $ca := genCA "ca" 365 }}{{ $c := genSignedCert "svc" nil (list "svc.ns.svc") 365 $ca }}',
  ]),
  fn(cat, 'genSignedCertWithKey', [S, L, L, I, CERT, S], CERT, ([cn, ips, dns, d, ca, k], ctx) =>
    reused('genSignedCertWithKey', [cn, ips, dns, d, ca, k], ctx, () =>
      goErr(() => genSigned(ctx, str(cn), ips, dns, daysArg(d), ca, withPEMKey(str(k))))), [
    'genSignedCertWithKey CN IPS DNSNAMES DAYS CA KEY',
    'Like genSignedCert with the given PEM private key.',
    '{{ $c := genSignedCertWithKey "svc" nil nil 365 $ca (genPrivateKey "ed25519") }}',
  ]),
  fn(cat, 'encryptAES', [S, S], S, ([k, t], ctx) => encryptAES(str(k), str(t), ctx.runtime.randomBytes(16)), [
    'encryptAES KEY TEXT',
    'Encrypts TEXT with AES-256-CBC (key zero-padded to 32 bytes, random IV); base64 output.',
    '{{ "plaintext" | encryptAES "secretkey" }}',
  ]),
  fn(cat, 'decryptAES', [S, S], S, ([k, c]) => goErr(() => decryptAES(str(k), str(c))), [
    'decryptAES KEY BASE64',
    'Decrypts the output of encryptAES.',
    '{{ encryptAES "secretkey" "plaintext" | decryptAES "secretkey" }} → plaintext',
  ]),
  fn(cat, 'bcrypt', [S], S, (a, ctx) => reused('bcrypt', a, ctx, () => bcrypt(ctx, str(a[0]))), [
    'bcrypt STRING',
    'bcrypt hash of STRING ($2a$, cost 10).',
    '{{ bcrypt "password" }}',
  ]),
  fn(cat, 'htpasswd', [S, S], S, ([u, p], ctx) => {
    const user = str(u);
    if (user.includes(':')) return `invalid username: ${user}`;
    return reused('htpasswd', [u, p], ctx, () => `${user}:${bcrypt(ctx, str(p))}`);
  }, ['htpasswd USER PASSWORD', 'An htpasswd line "USER:BCRYPT" (bcrypt, $2a$).', '{{ htpasswd "admin" "secret" }}']),
  fn(cat, 'randBytes', [I], S, ([n], ctx) => {
    const count = num(n);
    if (count < 0) throw new FuncError(MAKESLICE);
    // The base64 text must fit in a JS string: refuse before drawing gigabytes (Go: OOM).
    checkAlloc(count, Math.floor(MAX_STRING_CHARS / 4) * 3);
    return b64encode(ctx.runtime.randomBytes(count));
  }, ['randBytes COUNT', 'COUNT random bytes, base64-encoded.', '{{ randBytes 24 }}']),
];
