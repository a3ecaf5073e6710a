// The native crypto seam (Runtime.crypto) and the language server's memo of generated keys and
// certificates, plus Go's int64 wrap of certificate validity. Helm's dates below were recorded
// from helm v4.1.4 and v3.17.3 (identical) with `TZ=UTC helm template` of
// `{{ (genCA "x" DAYS).Cert | b64enc }}` decoded by `openssl x509 -noout -dates`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import type { NativeCrypto, PrivateKeyType, Runtime } from '../../server/src/template/func';
import type { Value } from '../../server/src/template/value';
import { Certificate, validity } from '../../server/src/sprig/crypto';
import { SessionCrypto, generatePrivateKey, nodeCrypto } from '../../server/src/render/nativecrypto';
import { FIXED_NOW, evalValue, testRuntime } from '../helpers/sprigcall';
import { memoryFS } from '../../server/src/chart/fs';
import { runTemplateCommand } from '../../server/src/render/template-command';
import { Recorder, Watch } from '../../server/src/render/incremental';

// Test inputs (generated once with node's crypto; not Helm outputs).
const RSA_KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA2Xg1EpZ0yphL+z8qY+P2MvRmHl1T1UwyHMiiDLKaBk6154+L\nMtvO31ZAzAX/0d/kkltYbp/08/2y9/oxp6Wqi/YYfH9Y9nrNQgI2Qta7F3XIMwD/\nLyouzwwZ+mBYehanNk0QA96ehe9XE7G1jOSKDcYEJiY6GmsuMUp/aqmas0efqfkJ\nmhmirslfXbRemuz3P6t/IuEcbBG/uz316kHanzsgj9F0iFeTwSFpZHkl2cdDNcnf\ngIXC6tHRnTLi5QCITKJeQ0Vw+oGlYQorT4XWyg3YOUb84vGqwrg4GDvzFC2wP/dT\n4i5OHwwi5L8ue6y9t08Q5msLSAWAOdMRw5aXUwIDAQABAoIBAAHD7ApelkweuF8t\nwBZXf2Qif8G3WDrfB3kcV9Rqjr2GXgunKqYbCq7dcGE3m0AE5UIa47jiK4bfhFhm\n+4g03BGOydwY3IwDqy7h/bbFL3edSSbA11F2sjKUEpHpvk4faPQT5BFj+T11F+vd\nAXBHWqeJ9/anUMluHU3hIO+ouMzDwD8j2OSs4jTU9ECCQ0Tff7qgihh5T/W+xIkZ\nBtK2edOt+bCOzwg8/nf7BImVeXYdTpbFgmXt67uIljTeZhaEtn5gquZadyTfxtSh\nV6oraKWgD5yAf5hoV1x/Z+s0DxrOhJtWIBof0kmu1NGo8N3irUGOs+RIOqiVcFQW\nSq1ohWECgYEA8UkGgB2CebW4CknUf5KsoA5jezjoWXbLC2rA0UXmtqPZwFmnZdUC\ns9PDjebdlskBrUPwhl7NEL6yMNDK1AgSV+iBU9Vnf1HNf7QLd+Syze0V8bTK4I9n\nKtOivCgFK3z5fQnetSfb6bh2HGT2nJp1dmjLNR4SmaMWuxIP32AC+ccCgYEA5rte\nT32pBYA1YdjrhugfVD6gNXixVbKFICsqag+FOgrfwShzZcaRKoai5sACCIbHLArT\nAskG0ET+Eal39WYrS8aytjVj9dORpIR9mLRpvUxETEL9BrepaG6298unO6AMD6we\nqigSrNHWQ9tT3YMeq0jCrhNa4ORnmCaAbEcXFhUCgYA88j8sGUgdyiLkpmWAm+Hy\nw++o7mTyRClhhuOReOCf/Z9BEORRuo5mMfVRYKFUNw2vYFve9Q9DTYfhALxa9nb7\nsYUJUfxEkrsfqLDE5gWsMli6pvof4tkiXjba5Bj6NSUnylhw1dKcpLVg0rfgMru8\n3xeFIUV9fU5+jj9oIu5dfQKBgQC+SIfexqM+Bh4ANAUJnSU5NOyrLH4TTsa7YN35\n2hLla1Jc2h9RMBFIIQD3jCIhJgXcLJEZGvCjkkJ2Dmz/1OKf+54m5qEpevIB28I4\nzZDmrJ8mxZgmkhEEL0p10V55reREiI5Bhgrgu60ZCSiA5kHEwJzNMukfzz4gHKCM\nq5Q+gQKBgDkUTa5AFq3XtxivwAJqQJuoWuwThqKq8kEfP/TnIxwJl/ujHBWi+68t\nB3yHwpO5JmBqZzfW9dQPr6QW60ONLGzm3CU1Oh9uj20ZPByBYc6YbcQaxmK1Mv9+\n9SJ09b13otoXGZNN8JoZShe3VfG4wa3sHGo+tCxg9MJuVe72jUxB\n-----END RSA PRIVATE KEY-----\n";
const ED_KEY = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIEAhhDbarScokpEuf5E1+er+p7442+oZ42oZRmPZbAst\n-----END PRIVATE KEY-----\n";

/** counting wraps a NativeCrypto and counts generated keys per type. */
function counting(inner: NativeCrypto): NativeCrypto & { counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  const c: NativeCrypto & { counts: Record<string, number> } = {
    counts,
    generatePrivateKey(type: PrivateKeyType, bits: number): Uint8Array {
      counts[`${type}${bits}`] = (counts[`${type}${bits}`] ?? 0) + 1;
      return inner.generatePrivateKey(type, bits);
    },
  };
  if (inner.reuse !== undefined) {
    const memo = inner.reuse.bind(inner);
    c.reuse = (key: string, compute: () => Value): Value => memo(key, compute);
  }
  return c;
}

function withCrypto(crypto: NativeCrypto, now: Date = FIXED_NOW): Runtime {
  return { ...testRuntime(now), crypto };
}

function cert(expr: string, rt: Runtime): Certificate {
  const v = evalValue(expr, 4, rt);
  assert.ok(v instanceof Certificate, `expected a sprig.certificate from ${expr}: ${String(v)}`);
  return v;
}

test('native: genPrivateKey uses Runtime.crypto with sprig\'s sizes and PEM encodings', () => {
  const c = counting(nodeCrypto());
  const rt = withCrypto(c);
  const table: { type: string; header: string; keyType: string; check: (k: ReturnType<typeof createPrivateKey>) => void }[] = [
    { type: 'rsa', header: 'RSA PRIVATE KEY', keyType: 'rsa', check: (k) => assert.equal(k.asymmetricKeyDetails?.modulusLength, 4096) },
    { type: 'ecdsa', header: 'EC PRIVATE KEY', keyType: 'ec', check: (k) => assert.equal(k.asymmetricKeyDetails?.namedCurve, 'prime256v1') },
    { type: 'ed25519', header: 'PRIVATE KEY', keyType: 'ed25519', check: () => undefined },
  ];
  for (const row of table) {
    const pem = evalValue(`genPrivateKey "${row.type}"`, 4, rt);
    assert.equal(typeof pem, 'string');
    const text = String(pem);
    assert.ok(text.startsWith(`-----BEGIN ${row.header}-----\n`), text.slice(0, 40));
    assert.ok(text.endsWith(`-----END ${row.header}-----\n`));
    const k = createPrivateKey(text);
    assert.equal(k.asymmetricKeyType, row.keyType);
    row.check(k);
  }
  assert.deepEqual(c.counts, { rsa4096: 1, ec256: 1, ed25519256: 1 });
});

test('native: DSA keys are PEM "DSA PRIVATE KEY" (sprig\'s ASN.1) from a 2048/256 key', () => {
  const c = counting({ generatePrivateKey });
  const pem = String(evalValue('genPrivateKey "dsa"', 4, withCrypto(c)));
  assert.ok(pem.startsWith('-----BEGIN DSA PRIVATE KEY-----\n'));
  assert.deepEqual(c.counts, { dsa2048: 1 });
});

test('native: certificates parse with the right key sizes, subjects, SANs, validity', () => {
  const c = counting(nodeCrypto());
  const rt = withCrypto(c);
  const ca = cert('genCA "native-ca" 365', rt);
  const caX = new X509Certificate(ca.cert);
  assert.equal(caX.ca, true);
  assert.equal(caX.subject, 'CN=native-ca');
  assert.ok(caX.verify(caX.publicKey));
  assert.equal(caX.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
  assert.ok(ca.key.startsWith('-----BEGIN RSA PRIVATE KEY-----\n'));
  assert.equal(Date.parse(caX.validFrom), Math.floor(FIXED_NOW.getTime() / 1000) * 1000);
  assert.equal((Date.parse(caX.validTo) - Date.parse(caX.validFrom)) / 86400000, 365);

  const ss = new X509Certificate(cert('genSelfSignedCert "foo.com" (list "10.0.0.1" "::1") (list "foo.com" "bar.com") 30', rt).cert);
  assert.equal(ss.ca, false);
  assert.equal(ss.subjectAltName, 'DNS:foo.com, DNS:bar.com, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1');
  assert.equal((Date.parse(ss.validTo) - Date.parse(ss.validFrom)) / 86400000, 30);

  const leaf = cert('genSignedCert "svc" (list "127.0.0.1") (list "svc.ns.svc") 10 (genCA "native-ca" 365)', rt);
  const leafX = new X509Certificate(leaf.cert);
  assert.equal(leafX.subject, 'CN=svc');
  assert.equal(leafX.issuer, 'CN=native-ca');
  assert.equal(leafX.subjectAltName, 'DNS:svc.ns.svc, IP Address:127.0.0.1');
  assert.equal(createPrivateKey(leaf.key).asymmetricKeyDetails?.modulusLength, 2048);
  // genCA, genSelfSignedCert, then genSignedCert and its genCA: 4 RSA keys from Runtime.crypto.
  assert.deepEqual(c.counts, { rsa2048: 4 });
});

// sha256 of .Cert under a fixed runtime (clock FIXED_NOW, every random byte 7), recorded from
// the code before Runtime.crypto existed (commit 529b85d): RSA PKCS#1 v1.5 and Ed25519
// signatures are deterministic, so these certificates are reproducible byte for byte.
const FIXED: { expr: string; sha256: string }[] = [
  { expr: `genCAWithKey "fixed-ca" 365 ${JSON.stringify(RSA_KEY)}`, sha256: '769e3d04a443299a19ebfaaa154a7448875a14fa9b2ade686d6ec310c5e79674' },
  {
    expr: `genSelfSignedCertWithKey "foo.com" (list "10.0.0.1" "::1") (list "foo.com" "bar.com") 30 ${JSON.stringify(ED_KEY)}`,
    sha256: 'dda50d42c771a517614577beab81014871b4541968acff52ae730c01e6628850',
  },
  {
    expr: `genSignedCertWithKey "svc" (list "127.0.0.1") (list "svc.ns") 10 (genCAWithKey "fixed-ca" 365 ${JSON.stringify(RSA_KEY)}) ${JSON.stringify(ED_KEY)}`,
    sha256: 'cd20afca2d470724d405ea3fafc45893b23009dcb4d72c32165085d0ae2dddad',
  },
];

const fixedRuntime: Runtime = { now: () => FIXED_NOW, randomBytes: (n) => new Uint8Array(n).fill(7), localZone: 'UTC' };

for (const f of FIXED) {
  test(`fixed runtime: byte-identical to before: ${f.expr.slice(0, 40)}`, () => {
    for (const rt of [fixedRuntime, { ...fixedRuntime, crypto: nodeCrypto() }, { ...fixedRuntime, crypto: new SessionCrypto() }]) {
      const c = cert(f.expr, rt);
      assert.equal(createHash('sha256').update(c.cert).digest('hex'), f.sha256);
    }
  });
}

test('memo: the same call site and arguments reuse the result across renders', () => {
  const c = counting(new SessionCrypto());
  const rt = withCrypto(c);
  const expr = 'genSignedCert "svc" nil (list "svc") 365 (genCA "memo-ca" 365)';
  const a = cert(expr, rt);
  const b = cert(expr, rt);
  assert.equal(b.cert, a.cert);
  assert.equal(b.key, a.key);
  assert.deepEqual(c.counts, { rsa2048: 2 });
  for (const e of ['genPrivateKey "ecdsa"', 'bcrypt "pw"', 'htpasswd "u" "pw"', 'derivePassword 1 "pin" "p" "u" "s"']) {
    assert.equal(evalValue(e, 4, rt), evalValue(e, 4, rt), e);
  }
  assert.deepEqual(c.counts, { rsa2048: 2, ec256: 1 });
});

test('memo: different arguments or call sites generate anew', () => {
  const c = counting(new SessionCrypto());
  const rt = withCrypto(c);
  const a = cert('genCA "one" 365', rt);
  const b = cert('genCA "two" 365', rt);
  const d = cert('genCA "one" 366', rt);
  assert.notEqual(a.key, b.key);
  assert.notEqual(a.key, d.key);
  // Same arguments at another call site (a different offset in the template).
  const e = cert(' genCA "one" 365', rt);
  assert.notEqual(a.key, e.key);
  assert.deepEqual(c.counts, { rsa2048: 4 });
  // A different signer CA is a different argument.
  const s1 = cert('genSignedCert "svc" nil nil 1 (genCA "one" 365)', rt);
  const s2 = cert('genSignedCert "svc" nil nil 1 (genCA "two" 365)', rt);
  assert.notEqual(s1.key, s2.key);
  assert.equal(new X509Certificate(s2.cert).issuer, 'CN=two');
});

test('memo: no runtime memo, no reuse; errors are not stored', () => {
  const c = counting(nodeCrypto());
  const rt = withCrypto(c);
  assert.notEqual(String(evalValue('genPrivateKey "ed25519"', 4, rt)), String(evalValue('genPrivateKey "ed25519"', 4, rt)));
  const s = new SessionCrypto();
  let calls = 0;
  assert.throws(() => s.reuse('k', () => { calls++; throw new Error('boom'); }));
  assert.equal(s.reuse('k', () => { calls++; return 'ok'; }), 'ok');
  assert.equal(s.reuse('k', () => { calls++; return 'other'; }), 'ok');
  assert.equal(calls, 2);
});

test('memo: bounded by entries (least recently used goes first) and by age', () => {
  let now = 0;
  const s = new SessionCrypto({ maxEntries: 2, maxAgeMs: 1000, clock: () => now });
  s.reuse('a', () => 'A');
  s.reuse('b', () => 'B');
  assert.equal(s.reuse('a', () => 'A2'), 'A');
  s.reuse('c', () => 'C');
  assert.equal(s.size, 2);
  assert.equal(s.reuse('b', () => 'B2'), 'B2');
  now = 5000;
  assert.equal(s.reuse('b', () => 'B3'), 'B3');
});

// Recorded from helm v4.1.4 and v3.17.3 (same dates): days → [notBefore, notAfter].
const HELM_DATES: [string, string, string][] = [
  ['200000', 'Dec  6 20:30:58 2026 GMT', 'Dec 16 20:56:24 1989 GMT'],
  ['106751', 'Dec  6 20:30:58 2026 GMT', 'Mar 17 20:30:58 2319 GMT'],
  ['106752', 'Dec  6 20:30:58 2026 GMT', 'Aug 27 20:56:25 1734 GMT'],
  ['213503', 'Dec  6 20:30:59 2026 GMT', 'Dec  5 20:56:25 2026 GMT'],
  ['213504', 'Dec  6 20:30:59 2026 GMT', 'Dec  6 20:56:25 2026 GMT'],
  ['300000', 'Dec  6 20:30:59 2026 GMT', 'Oct  1 20:56:25 2263 GMT'],
  ['1000000000', 'Dec  6 20:30:59 2026 GMT', 'Oct  9 14:23:24 1882 GMT'],
  ['-1', 'Dec  6 20:30:59 2026 GMT', 'Dec  5 20:30:59 2026 GMT'],
  ['-106752', 'Dec  6 20:30:59 2026 GMT', 'Mar 18 20:05:33 2319 GMT'],
  ['-200000', 'Dec  6 20:31:00 2026 GMT', 'Nov 26 20:05:33 2063 GMT'],
  ['9223372036854775807', 'Dec  6 20:31:00 2026 GMT', 'Dec  5 20:31:00 2026 GMT'],
];

/** parseOpenssl reads `Mon DD HH:MM:SS YYYY GMT` (openssl's and node's form) as ms. */
function parseOpenssl(s: string): number {
  const m = /^(\w{3}) +(\d+) (\d\d):(\d\d):(\d\d) (\d{4}) GMT$/.exec(s);
  assert.ok(m, s);
  const mon = 'JanFebMarAprMayJunJulAugSepOctNovDec'.indexOf(m[1]) / 3;
  const d = new Date(0);
  d.setUTCFullYear(Number(m[6]), mon, Number(m[2]));
  d.setUTCHours(Number(m[3]), Number(m[4]), Number(m[5]), 0);
  return d.getTime();
}

for (const [days, nb, na] of HELM_DATES) {
  test(`validity: genCA "x" ${days} wraps like Helm (NotAfter ${na})`, () => {
    // Helm's clock had an unknown fraction of a second: try both ends of its second.
    const from = parseOpenssl(nb);
    const want = parseOpenssl(na);
    const got = [0, 999].map((frac) => {
      const x = new X509Certificate(cert(`genCA "x" ${days}`, withCrypto(nodeCrypto(), new Date(from + frac))).cert);
      assert.equal(x.validFrom, nb);
      return parseOpenssl(x.validTo);
    });
    assert.ok(got.some((t) => t === want), `${new Date(got[0]).toISOString()} / ${new Date(got[1]).toISOString()} vs ${na}`);
  });
}

test('validity: Go arithmetic (int64 nanoseconds, floor to seconds)', () => {
  // 200000 days = 1.728e19 ns wraps to 1.728e19 - 2^64 = -1166744073.709551616 s.
  assert.deepEqual(validity(0, 200000n), { notBefore: 0, notAfter: -1166744074 });
  assert.deepEqual(validity(500, 200000n), { notBefore: 0, notAfter: -1166744074 });
  assert.deepEqual(validity(800, 200000n), { notBefore: 0, notAfter: -1166744073 });
  assert.deepEqual(validity(1500, 365n), { notBefore: 1, notAfter: 1 + 365 * 86400 });
  assert.deepEqual(validity(0, -1n), { notBefore: 0, notAfter: -86400 });
});

// ---- end to end: a chart rendered twice, as the CLI and as the language server do ------------

const CHART = {
  'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
  'c/templates/tls.yaml': [
    '{{- $ca := genCA "c-ca" 365 }}',
    '{{- $cert := genSignedCert "c" nil (list "c.svc") 365 $ca }}',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: c-tls',
    'data:',
    '  ca.crt: {{ $ca.Cert | b64enc }}',
    '  tls.crt: {{ $cert.Cert | b64enc }}',
    '  tls.key: {{ $cert.Key | b64enc }}',
    '',
  ].join('\n'),
};

test('end to end: the language server runtime reuses a chart\'s certificates between renders; the CLI does not', () => {
  const fs = memoryFS(CHART);
  const session = counting(new SessionCrypto());
  const first = runTemplateCommand(['c'], { fs, cwd: '', runtime: withCrypto(session) });
  assert.equal(first.exitCode, 0, first.stderr);
  const second = runTemplateCommand(['c'], { fs, cwd: '', runtime: withCrypto(session) });
  assert.equal(second.stdout, first.stdout);
  assert.deepEqual(session.counts, { rsa2048: 2 });
  const cli = counting(nodeCrypto());
  const a = runTemplateCommand(['c'], { fs, cwd: '', runtime: withCrypto(cli) });
  const b = runTemplateCommand(['c'], { fs, cwd: '', runtime: withCrypto(cli) });
  assert.notEqual(a.stdout, b.stdout);
  assert.deepEqual(cli.counts, { rsa2048: 4 });
});

test('incremental cache: Runtime.crypto passes through and marks the file nondeterministic', () => {
  const watch = new Watch([]);
  const rec = new Recorder();
  watch.current = rec;
  const session = counting(new SessionCrypto());
  const rt = watch.runtime(withCrypto(session));
  assert.ok(rt.crypto !== undefined && rt.crypto.reuse !== undefined);
  const v = cert('genCA "inc" 1', rt);
  assert.equal(cert('genCA "inc" 1', rt).cert, v.cert);
  assert.equal(rec.nondeterministic, true);
  assert.deepEqual(session.counts, { rsa2048: 1 });
});
