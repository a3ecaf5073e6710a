// Table tests for sprig urls functions, run through the real engine. Expectations recorded
// from helm v4.1.4 (h4) and helm v3.17.3 (h3, only where it differs) by rendering each
// expression in a temp chart with TZ=UTC; never typed by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, type Case } from '../helpers/sprigcall';

const cases: Case[] = [
  {"expr": "urlParse \"http://admin:secret@server.com:8080/api?list=false#anchor\"", "mode": "json", "h4": {"out": "{\"fragment\":\"anchor\",\"host\":\"server.com:8080\",\"hostname\":\"server.com\",\"opaque\":\"\",\"path\":\"/api\",\"query\":\"list=false\",\"scheme\":\"http\",\"userinfo\":\"admin:secret\"}"}},
  {"expr": "urlParse \"https://example.com\"", "mode": "json", "h4": {"out": "{\"fragment\":\"\",\"host\":\"example.com\",\"hostname\":\"example.com\",\"opaque\":\"\",\"path\":\"\",\"query\":\"\",\"scheme\":\"https\",\"userinfo\":\"\"}"}},
  {"expr": "urlParse \"mailto:user@example.com\"", "mode": "json", "h4": {"out": "{\"fragment\":\"\",\"host\":\"\",\"hostname\":\"\",\"opaque\":\"user@example.com\",\"path\":\"\",\"query\":\"\",\"scheme\":\"mailto\",\"userinfo\":\"\"}"}},
  {"expr": "urlParse \"/relative/path?x=1\"", "mode": "json", "h4": {"out": "{\"fragment\":\"\",\"host\":\"\",\"hostname\":\"\",\"opaque\":\"\",\"path\":\"/relative/path\",\"query\":\"x=1\",\"scheme\":\"\",\"userinfo\":\"\"}"}},
  {"expr": "urlParse \"relative/path\"", "mode": "json", "h4": {"out": "{\"fragment\":\"\",\"host\":\"\",\"hostname\":\"\",\"opaque\":\"\",\"path\":\"relative/path\",\"query\":\"\",\"scheme\":\"\",\"userinfo\":\"\"}"}},
  {"expr": "urlParse \"http://[::1]:8080/x\"", "mode": "json", "h4": {"out": "{\"fragment\":\"\",\"host\":\"[::1]:8080\",\"hostname\":\"::1\",\"opaque\":\"\",\"path\":\"/x\",\"query\":\"\",\"scheme\":\"http\",\"userinfo\":\"\"}"}},
  {"expr": "urlParse \"http://[fe80::1%25en0]/\"", "mode": "json", "h4": {"out": "{\"fragment\":\"\",\"host\":\"[fe80::1%en0]\",\"hostname\":\"fe80::1%en0\",\"opaque\":\"\",\"path\":\"/\",\"query\":\"\",\"scheme\":\"http\",\"userinfo\":\"\"}"}},
  {"expr": "urlParse \"http://example.com/a%20b?q=a%20b#f%20g\"", "mode": "json", "h4": {"out": "{\"fragment\":\"f g\",\"host\":\"example.com\",\"hostname\":\"example.com\",\"opaque\":\"\",\"path\":\"/a b\",\"query\":\"q=a%20b\",\"scheme\":\"http\",\"userinfo\":\"\"}"}},
  {"expr": "urlParse \"HTTP://Example.COM/\"", "mode": "json", "h4": {"out": "{\"fragment\":\"\",\"host\":\"Example.COM\",\"hostname\":\"Example.COM\",\"opaque\":\"\",\"path\":\"/\",\"query\":\"\",\"scheme\":\"http\",\"userinfo\":\"\"}"}},
  {"expr": "urlParse \"file:///etc/hosts\"", "mode": "json", "h4": {"out": "{\"fragment\":\"\",\"host\":\"\",\"hostname\":\"\",\"opaque\":\"\",\"path\":\"/etc/hosts\",\"query\":\"\",\"scheme\":\"file\",\"userinfo\":\"\"}"}},
  {"expr": "urlParse \"//host/path\"", "mode": "json", "h4": {"out": "{\"fragment\":\"\",\"host\":\"host\",\"hostname\":\"host\",\"opaque\":\"\",\"path\":\"/path\",\"query\":\"\",\"scheme\":\"\",\"userinfo\":\"\"}"}},
  {"expr": "urlParse \"http://user@host\"", "mode": "json", "h4": {"out": "{\"fragment\":\"\",\"host\":\"host\",\"hostname\":\"host\",\"opaque\":\"\",\"path\":\"\",\"query\":\"\",\"scheme\":\"http\",\"userinfo\":\"user\"}"}},
  {"expr": "urlParse \"http://us%40er:p%3Ass@host/\"", "mode": "json", "h4": {"out": "{\"fragment\":\"\",\"host\":\"host\",\"hostname\":\"host\",\"opaque\":\"\",\"path\":\"/\",\"query\":\"\",\"scheme\":\"http\",\"userinfo\":\"us%40er:p%3Ass\"}"}},
  {"expr": "urlParse \"http://host?\"", "mode": "json", "h4": {"out": "{\"fragment\":\"\",\"host\":\"host\",\"hostname\":\"host\",\"opaque\":\"\",\"path\":\"\",\"query\":\"\",\"scheme\":\"http\",\"userinfo\":\"\"}"}},
  {"expr": "urlParse \"\"", "mode": "json", "h4": {"out": "{\"fragment\":\"\",\"host\":\"\",\"hostname\":\"\",\"opaque\":\"\",\"path\":\"\",\"query\":\"\",\"scheme\":\"\",\"userinfo\":\"\"}"}},
  {"expr": "urlParse \"*\"", "mode": "json", "h4": {"out": "{\"fragment\":\"\",\"host\":\"\",\"hostname\":\"\",\"opaque\":\"\",\"path\":\"*\",\"query\":\"\",\"scheme\":\"\",\"userinfo\":\"\"}"}},
  {"expr": "urlParse \"a:b\"", "mode": "json", "h4": {"out": "{\"fragment\":\"\",\"host\":\"\",\"hostname\":\"\",\"opaque\":\"b\",\"path\":\"\",\"query\":\"\",\"scheme\":\"a\",\"userinfo\":\"\"}"}},
  {"expr": "urlParse \"http://[::1\"", "mode": "v", "h4": {"err": "unable to parse url: parse \"http://[::1\": missing ']' in host"}},
  {"expr": "urlParse \":foo\"", "mode": "v", "h4": {"err": "unable to parse url: parse \":foo\": missing protocol scheme"}},
  {"expr": "urlParse \"1http://x\"", "mode": "v", "h4": {"err": "unable to parse url: parse \"1http://x\": first path segment in URL cannot contain colon"}},
  {"expr": "urlParse \"a:b/c:d\"", "mode": "v", "h4": {"out": "map[fragment: host: hostname: opaque:b/c:d path: query: scheme:a userinfo:]"}},
  {"expr": "urlParse \"x/c:d\"", "mode": "v", "h4": {"out": "map[fragment: host: hostname: opaque: path:x/c:d query: scheme: userinfo:]"}},
  {"expr": "urlParse \"c:d/x\"", "mode": "v", "h4": {"out": "map[fragment: host: hostname: opaque:d/x path: query: scheme:c userinfo:]"}},
  {"expr": "urlParse \"http://host:abc/\"", "mode": "v", "h4": {"err": "unable to parse url: parse \"http://host:abc/\": invalid port \":abc\" after host"}},
  {"expr": "urlParse \"http://ho st/\"", "mode": "v", "h4": {"err": "unable to parse url: parse \"http://ho st/\": invalid character \" \" in host name"}},
  {"expr": "urlParse \"http://host/%zz\"", "mode": "v", "h4": {"err": "unable to parse url: parse \"http://host/%zz\": invalid URL escape \"%zz\""}},
  {"expr": "urlParse \"http://host/#%zz\"", "mode": "v", "h4": {"err": "unable to parse url: parse \"http://host/#%zz\": invalid URL escape \"%zz\""}},
  {"expr": "urlParse \"http://h\\x01/\"", "mode": "v", "h4": {"err": "unable to parse url: parse \"http://h\\x01/\": net/url: invalid control character in URL"}},
  {"expr": "urlParse \"http://a b@host/\"", "mode": "v", "h4": {"err": "unable to parse url: parse \"http://a b@host/\": net/url: invalid userinfo"}},
  {"expr": "urlJoin (dict \"fragment\" \"fragment\" \"host\" \"host:80\" \"path\" \"/path\" \"query\" \"query\" \"scheme\" \"http\")", "mode": "v", "h4": {"out": "http://host:80/path?query#fragment"}},
  {"expr": "urlJoin (dict \"scheme\" \"https\" \"host\" \"h\" \"userinfo\" \"u:p\" \"opaque\" \"\")", "mode": "v", "h4": {"out": "https://u:p@h"}},
  {"expr": "urlJoin (dict \"scheme\" \"mailto\" \"opaque\" \"me@x.org\")", "mode": "v", "h4": {"out": "mailto:me@x.org"}},
  {"expr": "urlJoin (dict \"path\" \"a b/c?d\" \"fragment\" \"x y#z\")", "mode": "v", "h4": {"out": "a%20b/c%3Fd#x%20y%23z"}},
  {"expr": "urlJoin (dict \"host\" \"h\" \"path\" \"p\")", "mode": "v", "h4": {"out": "//h/p"}},
  {"expr": "urlJoin (dict \"path\" \"c:d\")", "mode": "v", "h4": {"out": "./c:d"}},
  {"expr": "urlJoin (dict)", "mode": "v", "h4": {"out": ""}},
  {"expr": "urlJoin (dict \"scheme\" \"http\" \"host\" \"h\" \"userinfo\" \"us@er:p/w\")", "mode": "v", "h4": {"err": "unable to parse userinfo in dict: parse \"proto://us@er:p/w@host\": invalid port \":p\" after host"}},
  {"expr": "urlJoin (dict \"scheme\" \"http\" \"host\" \"h\" \"userinfo\" \"a b\")", "mode": "v", "h4": {"err": "unable to parse userinfo in dict: parse \"proto://a b@host\": net/url: invalid userinfo"}},
  {"expr": "urlJoin (dict \"scheme\" \"http\" \"port\" 80)", "mode": "v", "h4": {"out": "http:"}},
  {"expr": "urlJoin (dict \"scheme\" 1)", "mode": "v", "h4": {"err": "unable to parse scheme key, must be of type string, but int found"}},
  {"expr": "urlJoin (dict \"scheme\" nil)", "mode": "v", "h4": {"err": "runtime error: invalid memory address or nil pointer dereference"}},
  {"expr": "urlJoin (dict \"scheme\" \"http\" \"host\" \"h\" \"query\" \"a=1&b=2\")", "mode": "v", "h4": {"out": "http://h?a=1&b=2"}},
  {"expr": "urlJoin (urlParse \"http://admin:secret@server.com:8080/api?list=false#anchor\")", "mode": "v", "h4": {"out": "http://admin:secret@server.com:8080/api?list=false#anchor"}},
];

for (const c of cases) {
  test(`urls: ${c.expr} (${c.mode})`, (t) => {
    const got = run(c, 4);
    // Gap outside this domain: helm/json does not yet encode nil slices (nilSlice) as null.
    if ('out' in c.h4 && c.h4.out === 'null' && 'out' in got && got.out === '[]') return t.skip('nil slice JSON');
    assert.deepEqual(got, c.h4);
    assert.deepEqual(run(c, 3), c.h3 ?? c.h4);
  });
}

