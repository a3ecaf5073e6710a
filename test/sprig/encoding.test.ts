// Table tests for sprig encoding functions, run through the real engine. Expectations recorded
// from helm v4.1.4 (h4) and helm v3.17.3 (h3, only where it differs) by rendering each
// expression in a temp chart with TZ=UTC; never typed by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, type Case } from '../helpers/sprigcall';

const cases: Case[] = [
  {"expr": "b64enc \"Hello, world!\"", "mode": "v", "h4": {"out": "SGVsbG8sIHdvcmxkIQ=="}},
  {"expr": "b64enc \"\"", "mode": "v", "h4": {"out": ""}},
  {"expr": "b64enc \"héllo😀\"", "mode": "v", "h4": {"out": "aMOpbGxv8J+YgA=="}},
  {"expr": "b64dec \"SGVsbG8sIHdvcmxkIQ==\"", "mode": "v", "h4": {"out": "Hello, world!"}},
  {"expr": "b64dec \"SGVsbG8\"", "mode": "v", "h4": {"out": "illegal base64 data at input byte 4"}},
  {"expr": "b64dec \"SGVsbA==\"", "mode": "v", "h4": {"out": "Hell"}},
  {"expr": "b64dec \"SGVsbA=\"", "mode": "v", "h4": {"out": "illegal base64 data at input byte 7"}},
  {"expr": "b64dec \"SGVsbA\"", "mode": "v", "h4": {"out": "illegal base64 data at input byte 4"}},
  {"expr": "b64dec \"S\"", "mode": "v", "h4": {"out": "illegal base64 data at input byte 0"}},
  {"expr": "b64dec \"SG==\"", "mode": "v", "h4": {"out": "H"}},
  {"expr": "b64dec \"SGVs\\nbG8h\"", "mode": "v", "h4": {"out": "Hello!"}},
  {"expr": "b64dec \"!!!!\"", "mode": "v", "h4": {"out": "illegal base64 data at input byte 0"}},
  {"expr": "b64dec \"SGVsbA==x\"", "mode": "v", "h4": {"out": "illegal base64 data at input byte 8"}},
  {"expr": "b64dec \"SGVsbA==\\n\"", "mode": "v", "h4": {"out": "Hell"}},
  {"expr": "b64dec \"=AAA\"", "mode": "v", "h4": {"out": "illegal base64 data at input byte 0"}},
  {"expr": "b64dec \"A=AA\"", "mode": "v", "h4": {"out": "illegal base64 data at input byte 1"}},
  {"expr": "b64dec \"AA=A\"", "mode": "v", "h4": {"out": "illegal base64 data at input byte 2"}},
  {"expr": "b64dec \"AA==AAAA\"", "mode": "v", "h4": {"out": "illegal base64 data at input byte 4"}},
  {"expr": "b64dec \"\"", "mode": "v", "h4": {"out": ""}},
  {"expr": "b64dec \"aGk-\"", "mode": "v", "h4": {"out": "illegal base64 data at input byte 3"}},
  {"expr": "b64enc 1.5", "mode": "v", "h4": {"err": "expected string; found 1.5"}},
  {"expr": "b32enc \"Hello\"", "mode": "v", "h4": {"out": "JBSWY3DP"}},
  {"expr": "b32enc \"\"", "mode": "v", "h4": {"out": ""}},
  {"expr": "b32enc \"a\"", "mode": "v", "h4": {"out": "ME======"}},
  {"expr": "b32enc \"ab\"", "mode": "v", "h4": {"out": "MFRA===="}},
  {"expr": "b32enc \"abc\"", "mode": "v", "h4": {"out": "MFRGG==="}},
  {"expr": "b32enc \"abcd\"", "mode": "v", "h4": {"out": "MFRGGZA="}},
  {"expr": "b32enc \"abcdef\"", "mode": "v", "h4": {"out": "MFRGGZDFMY======"}},
  {"expr": "b32dec \"JBSWY3DP\"", "mode": "v", "h4": {"out": "Hello"}},
  {"expr": "b32dec \"??\"", "mode": "v", "h4": {"out": "illegal base32 data at input byte 0"}},
  {"expr": "b32dec \"ME======\"", "mode": "v", "h4": {"out": "a"}},
  {"expr": "b32dec \"MFRA====\"", "mode": "v", "h4": {"out": "ab"}},
  {"expr": "b32dec \"MFRGG===\"", "mode": "v", "h4": {"out": "abc"}},
  {"expr": "b32dec \"MFRGGZA=\"", "mode": "v", "h4": {"out": "abcd"}},
  {"expr": "b32dec \"MFRGGZDF\"", "mode": "v", "h4": {"out": "abcde"}},
  {"expr": "b32dec \"ME=====\"", "mode": "v", "h4": {"out": "illegal base32 data at input byte 7"}},
  {"expr": "b32dec \"ME\"", "mode": "v", "h4": {"out": "illegal base32 data at input byte 0"}},
  {"expr": "b32dec \"M=======\"", "mode": "v", "h4": {"out": "illegal base32 data at input byte 1"}},
  {"expr": "b32dec \"MFR=====\"", "mode": "v", "h4": {"out": "illegal base32 data at input byte 3"}},
  {"expr": "b32dec \"JBSW\\nY3DP\"", "mode": "v", "h4": {"out": "Hello"}},
  {"expr": "b32dec \"me======\"", "mode": "v", "h4": {"out": "illegal base32 data at input byte 0"}},
  {"expr": "b32dec \"ME=====A\"", "mode": "v", "h4": {"out": "illegal base32 data at input byte 6"}},
  {"expr": "sha1sum \"Hello world!\"", "mode": "v", "h4": {"out": "d3486ae9136e7856bc42212385ea797094475802"}},
  {"expr": "sha256sum \"Hello world!\"", "mode": "v", "h4": {"out": "c0535e4be2b79ffd93291305436bf889314e4a3faec05ecffcbb7df31ad9e51a"}},
  {"expr": "sha256sum \"\"", "mode": "v", "h4": {"out": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}},
  {"expr": "sha512sum \"Hello world!\"", "mode": "v", "h4": {"out": "f6cde2a0f819314cdde55fc227d8d7dae3d28cc556222a0a8ad66d91ccad4aad6094f517a2182360c9aacf6a3dc323162cb6fd8cdffedb0fe038f55e85ffb5b6"}},
  {"expr": "adler32sum \"Hello world!\"", "mode": "v", "h4": {"out": "487130206"}},
  {"expr": "adler32sum \"\"", "mode": "v", "h4": {"out": "1"}},
  {"expr": "adler32sum \"héllo\"", "mode": "v", "h4": {"out": "192152348"}},
  {"expr": "sha256sum 1", "mode": "v", "h4": {"err": "expected string; found 1"}},
];

for (const c of cases) {
  test(`encoding: ${c.expr} (${c.mode})`, (t) => {
    const got = run(c, 4);
    // Gap outside this domain: helm/json does not yet encode nil slices (nilSlice) as null.
    if ('out' in c.h4 && c.h4.out === 'null' && 'out' in got && got.out === '[]') return t.skip('nil slice JSON');
    assert.deepEqual(got, c.h4);
    assert.deepEqual(run(c, 3), c.h3 ?? c.h4);
  });
}

