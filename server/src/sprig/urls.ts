// Sprig URL functions (url.go): urlParse (Go's net/url.Parse into a dict) and urlJoin
// (a dict back to URL.String()). Go's parsing, escaping and error texts are reproduced.
import { FuncError, type FuncDef } from '../template/func';
import { quote } from '../template/fmt';
import { isMap, kindOf, newMap, utf8Decode, utf8Encode, type Value } from '../template/value';
import { fn, panicNil } from './def';

type Mode = 'path' | 'pathSegment' | 'host' | 'zone' | 'userPassword' | 'queryComponent' | 'fragment';

/** URLError carries net/url's error text (`parse "URL": reason`). */
export class URLError extends Error {}

/** GoURL holds the fields of net/url.URL that sprig reads or writes. */
export interface GoURL {
  scheme: string;
  opaque: string;
  user: { username: string; password?: string } | undefined;
  host: string;
  path: string;
  rawPath: string;
  omitHost: boolean;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** shouldEscape is net/url's shouldEscape for one byte. */
function shouldEscape(c: number, mode: Mode): boolean {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) return false;
  const ch = String.fromCharCode(c);
  if (mode === 'host' || mode === 'zone') {
    if ("!$&'()*+,;=:[]<>\"".includes(ch)) return false;
  }
  switch (ch) {
    case '-':
    case '_':
    case '.':
    case '~':
      return false;
    case '$':
    case '&':
    case '+':
    case ',':
    case '/':
    case ':':
    case ';':
    case '=':
    case '?':
    case '@':
      switch (mode) {
        case 'path':
          return ch === '?';
        case 'pathSegment':
          return ch === '/' || ch === ';' || ch === ',' || ch === '?';
        case 'userPassword':
          return ch === '@' || ch === '/' || ch === '?' || ch === ':';
        case 'queryComponent':
          return true;
        case 'fragment':
          return false;
        default:
          break;
      }
  }
  if (mode === 'fragment') {
    if ("!()*".includes(ch)) return false;
  }
  return true;
}

/** escape is net/url's escape (percent-encoding bytes per mode). */
function escape(s: string, mode: Mode): string {
  let out = '';
  for (const b of utf8Encode(s)) {
    if (shouldEscape(b, mode)) {
      if (b === 0x20 && mode === 'queryComponent') out += '+';
      else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
    } else out += String.fromCharCode(b);
  }
  return out;
}

/** unescape is net/url's unescape; throws URLError with Go's message. */
function unescape(s: string, mode: Mode): string {
  const b = utf8Encode(s);
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0x25) {
      if (i + 2 >= b.length || !isHex(b[i + 1]) || !isHex(b[i + 2])) {
        let bad = utf8Decode(b.subarray(i));
        if (bad.length > 3) bad = bad.slice(0, 3);
        throw new URLError('invalid URL escape ' + quote(bad));
      }
      const v = parseInt(String.fromCharCode(b[i + 1], b[i + 2]), 16);
      if (mode === 'host' && v < 0x80 && shouldEscape(v, mode)) {
        throw new URLError('invalid URL escape ' + quote(utf8Decode(b.subarray(i, i + 3))));
      }
      out.push(v);
      i += 2;
    } else {
      if ((mode === 'host' || mode === 'zone') && c < 0x80 && shouldEscape(c, mode)) {
        throw new URLError('invalid character ' + quote(String.fromCharCode(c)) + ' in host name');
      }
      out.push(mode === 'queryComponent' && c === 0x2b ? 0x20 : c);
    }
  }
  return utf8Decode(new Uint8Array(out));
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
    if ((c >= '0' && c <= '9') || c === '+' || c === '-' || c === '.') {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new URLError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (port[0] !== ':') return false;
  return /^[0-9]*$/.test(port.slice(1));
}

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new URLError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) throw new URLError(`invalid port ${quote(colonPort)} after host`);
    const zone = host.slice(0, i).indexOf('%25');
    if (zone >= 0) {
      const host1 = unescape(host.slice(0, zone), 'host');
      const host2 = unescape(host.slice(zone, i), 'zone');
      const host3 = unescape(host.slice(i), 'host');
      return host1 + host2 + host3;
    }
  } else {
    const i = host.lastIndexOf(':');
    if (i !== -1) {
      const colonPort = host.slice(i);
      if (!validOptionalPort(colonPort)) throw new URLError(`invalid port ${quote(colonPort)} after host`);
    }
  }
  return unescape(host, 'host');
}

function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);
}

function parseAuthority(authority: string): [GoURL['user'], string] {
  const i = authority.lastIndexOf('@');
  const host = parseHost(i < 0 ? authority : authority.slice(i + 1));
  if (i < 0) return [undefined, host];
  const userinfo = authority.slice(0, i);
  if (!validUserinfo(userinfo)) throw new URLError('net/url: invalid userinfo');
  const colon = userinfo.indexOf(':');
  if (colon < 0) return [{ username: unescape(userinfo, 'userPassword') }, host];
  return [
    { username: unescape(userinfo.slice(0, colon), 'userPassword'), password: unescape(userinfo.slice(colon + 1), 'userPassword') },
    host,
  ];
}

function emptyURL(): GoURL {
  return {
    scheme: '',
    opaque: '',
    user: undefined,
    host: '',
    path: '',
    rawPath: '',
    omitHost: false,
    forceQuery: false,
    rawQuery: '',
    fragment: '',
    rawFragment: '',
  };
}

function parseInner(raw: string): GoURL {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new URLError('net/url: invalid control character in URL');
  const u = emptyURL();
  if (raw === '*') {
    u.path = '*';
    return u;
  }
  let rest: string;
  [u.scheme, rest] = getScheme(raw);
  u.scheme = u.scheme.toLowerCase();
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    u.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      u.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (u.scheme !== '') {
      u.opaque = rest;
      return u;
    }
    const seg = rest.split('/')[0];
    if (seg.includes(':')) throw new URLError('first path segment in URL cannot contain colon');
  }
  if ((u.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const i = authority.indexOf('/');
    if (i >= 0) {
      rest = authority.slice(i);
      authority = authority.slice(0, i);
    }
    [u.user, u.host] = parseAuthority(authority);
  } else if (u.scheme !== '' && rest.startsWith('/')) {
    u.omitHost = true;
  }
  const path = unescape(rest, 'path');
  u.path = path;
  u.rawPath = escape(path, 'path') === rest ? '' : rest;
  return u;
}

/** parseURL is net/url.Parse; throws URLError with Go's `parse "URL": reason` message. */
export function parseURL(raw: string): GoURL {
  const h = raw.indexOf('#');
  const u0 = h < 0 ? raw : raw.slice(0, h);
  let u: GoURL;
  try {
    u = parseInner(u0);
  } catch (e) {
    if (e instanceof URLError) throw new URLError(`parse ${quote(u0)}: ${e.message}`);
    throw e;
  }
  if (h < 0) return u;
  const frag = raw.slice(h + 1);
  try {
    u.fragment = unescape(frag, 'fragment');
    u.rawFragment = escape(u.fragment, 'fragment') === frag ? '' : frag;
  } catch (e) {
    if (e instanceof URLError) throw new URLError(`parse ${quote(raw)}: ${e.message}`);
    throw e;
  }
  return u;
}

function hostname(host: string): string {
  if (host.startsWith('[')) {
    const i = host.indexOf(']');
    return i < 0 ? host.slice(1) : host.slice(1, i);
  }
  const i = host.lastIndexOf(':');
  return i < 0 ? host : host.slice(0, i);
}

function userString(u: NonNullable<GoURL['user']>): string {
  let s = escape(u.username, 'userPassword');
  if (u.password !== undefined) s += ':' + escape(u.password, 'userPassword');
  return s;
}

function validEncoded(s: string, mode: Mode): boolean {
  for (const ch of s) {
    if ("!$&'()*+,;=:@[]".includes(ch)) continue;
    if (ch === '%') continue;
    const c = ch.charCodeAt(0);
    if (c >= 0x80 || shouldEscape(c, mode)) return false;
  }
  return true;
}

function escapedPath(u: GoURL): string {
  if (u.rawPath !== '' && validEncoded(u.rawPath, 'path')) {
    try {
      if (unescape(u.rawPath, 'path') === u.path) return u.rawPath;
    } catch {
      // fall through
    }
  }
  if (u.path === '*') return '*';
  return escape(u.path, 'path');
}

function escapedFragment(u: GoURL): string {
  if (u.rawFragment !== '' && validEncoded(u.rawFragment, 'fragment')) {
    try {
      if (unescape(u.rawFragment, 'fragment') === u.fragment) return u.rawFragment;
    } catch {
      // fall through
    }
  }
  return escape(u.fragment, 'fragment');
}

/** urlString is URL.String(). */
export function urlString(u: GoURL): string {
  let buf = '';
  if (u.scheme !== '') buf += u.scheme + ':';
  if (u.opaque !== '') buf += u.opaque;
  else {
    if (u.scheme !== '' || u.host !== '' || u.user !== undefined) {
      if (!(u.omitHost && u.host === '' && u.user === undefined)) {
        if (u.host !== '' || u.path !== '' || u.user !== undefined) buf += '//';
        if (u.user !== undefined) buf += userString(u.user) + '@';
        if (u.host !== '') buf += escape(u.host, 'host');
      }
    }
    const path = escapedPath(u);
    if (path !== '' && path[0] !== '/' && u.host !== '') buf += '/';
    if (buf === '') {
      // A first segment containing ':' would read as a scheme: prefix "./".
      if (path.split('/')[0].includes(':')) buf += './';
    }
    buf += path;
  }
  if (u.forceQuery || u.rawQuery !== '') buf += '?' + u.rawQuery;
  if (u.fragment !== '') buf += '#' + escapedFragment(u);
  return buf;
}

function urlParse(v: string): Value {
  let u: GoURL;
  try {
    u = parseURL(v);
  } catch (e) {
    if (e instanceof URLError) throw new FuncError(`unable to parse url: ${e.message}`);
    throw e;
  }
  return newMap([
    ['scheme', u.scheme],
    ['host', u.host],
    ['hostname', hostname(u.host)],
    ['path', u.path],
    ['query', u.rawQuery],
    ['opaque', u.opaque],
    ['fragment', u.fragment],
    ['userinfo', u.user ? userString(u.user) : ''],
  ]);
}

function dictGetOrEmpty(d: Map<string, Value>, key: string): string {
  if (!d.has(key)) return '';
  const v = d.get(key) ?? null;
  // reflect.TypeOf(nil).Kind() dereferences a nil Type.
  if (v === null) panicNil();
  if (typeof v !== 'string') {
    throw new FuncError(`unable to parse ${key} key, must be of type string, but ${kindOf(v)} found`);
  }
  return v;
}

function urlJoin(d: Map<string, Value>): string {
  const u = emptyURL();
  u.scheme = dictGetOrEmpty(d, 'scheme');
  u.host = dictGetOrEmpty(d, 'host');
  u.path = dictGetOrEmpty(d, 'path');
  u.rawQuery = dictGetOrEmpty(d, 'query');
  u.opaque = dictGetOrEmpty(d, 'opaque');
  u.fragment = dictGetOrEmpty(d, 'fragment');
  const userinfo = dictGetOrEmpty(d, 'userinfo');
  if (userinfo !== '') {
    try {
      u.user = parseURL(`proto://${userinfo}@host`).user;
    } catch (e) {
      if (e instanceof URLError) throw new FuncError(`unable to parse userinfo in dict: ${e.message}`);
      throw e;
    }
  }
  return urlString(u);
}

const cat = 'url';

/** urlsFuncs are sprig's urlParse and urlJoin. */
export const urlsFuncs: FuncDef[] = [
  fn(cat, 'urlParse', ['string'], 'map[string]interface {}', ([s]) => urlParse(typeof s === 'string' ? s : ''), [
    'urlParse URL',
    'Parses a URL into a dict with scheme, host, hostname, path, query, opaque, fragment and userinfo.',
    '{{ (urlParse "http://admin:secret@server.com:8080/api?list=false#anchor").hostname }} → server.com',
  ]),
  fn(cat, 'urlJoin', ['map[string]interface {}'], 'string', ([d]) => urlJoin(isMap(d) ? d : new Map()), [
    'urlJoin DICT',
    'Builds a URL string from a dict as produced by urlParse (all values must be strings).',
    '{{ urlJoin (dict "scheme" "http" "host" "host:80" "path" "/path" "query" "query" "fragment" "fragment") }} → http://host:80/path?query#fragment',
  ]),
];
