// chartwright.valuesFiles against a hostile workspace, over LSP with the real file system:
// untrusted (Restricted Mode), a values file outside the workspace folders — named directly or
// through a symlink committed in the chart — is refused with a values-error naming the setting
// entry, and its content reaches neither hovers nor the preview; once the client reports trust,
// it is read. Trusted or not, /dev/zero, a FIFO and a file over 16 MiB are refused at once, and
// the server keeps answering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeHost } from '../../server/src/lsp/nodeHost';
import { TRUST_INIT_KEY, WorkspaceTrustNotification, type WorkspaceTrustParams } from '../../server/src/lsp/protocol';
import { type PublishParams, type TestClient, inMemory } from './harness';

interface Fixture {
  readonly base: string;
  readonly ws: string;
  readonly chart: string;
  readonly secret: string;
  readonly fifo: string;
  readonly big: string;
}

function fixture(): Fixture {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cw-trust-')));
  const ws = path.join(base, 'ws');
  const chart = path.join(ws, 'c');
  fs.mkdirSync(path.join(chart, 'templates'), { recursive: true });
  fs.writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  fs.writeFileSync(path.join(chart, 'values.yaml'), 'token: default\n');
  fs.writeFileSync(path.join(chart, 'templates', 'cm.yaml'), 'token: {{ .Values.token }}\n');
  fs.writeFileSync(path.join(chart, 'inside.yaml'), 'token: inside\n');
  const secret = path.join(base, 'secret.yaml');
  fs.writeFileSync(secret, 'token: SECRET-TOKEN\n');
  fs.symlinkSync(secret, path.join(chart, 'link.yaml'));
  const fifo = path.join(ws, 'pipe.yaml');
  execFileSync('mkfifo', [fifo]);
  const big = path.join(ws, 'big.yaml');
  fs.writeFileSync(big, '');
  fs.truncateSync(big, 17 * 1024 * 1024);
  return { base, ws, chart, secret, fifo, big };
}

function serve(trust: WorkspaceTrustParams | undefined, settings: Record<string, unknown>): Promise<TestClient & { dispose(): void }> {
  return inMemory(nodeHost(), { debounceMs: 1, renderDelayMs: 1 }, settings, trust !== undefined ? { [TRUST_INIT_KEY]: trust } : {});
}

const uri = (p: string): string => pathToFileURL(p).href;

/** valuesErrors opens values.yaml and returns the values-error messages of its first render-pass publication. */
async function valuesErrors(c: TestClient, f: Fixture, pred: (msgs: string[]) => boolean = () => true): Promise<string[]> {
  const v = path.join(f.chart, 'values.yaml');
  const msgs = (p: PublishParams): string[] => p.diagnostics.filter((d) => d.code === 'values-error').map((d) => d.message);
  const got = c.diags(uri(v), (p) => pred(msgs(p)));
  await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(v), languageId: 'yaml', version: 1, text: fs.readFileSync(v, 'utf8') } });
  return msgs(await got);
}

async function hoverToken(c: TestClient, f: Fixture): Promise<string> {
  const t = path.join(f.chart, 'templates', 'cm.yaml');
  const text = fs.readFileSync(t, 'utf8');
  await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(t), languageId: 'helm', version: 1, text } });
  const h = (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: uri(t) }, position: { line: 0, character: text.indexOf('token }}') + 2 } })) as { contents: { value: string } } | null;
  return h?.contents.value ?? '';
}

async function preview(c: TestClient, f: Fixture): Promise<{ text: string; error?: string }> {
  return (await c.conn.sendRequest('chartwright/render', { uri: uri(path.join(f.chart, 'templates', 'cm.yaml')), scope: 'chart' })) as { text: string; error?: string };
}

test('untrusted: values files outside the workspace folders are refused (direct and through a symlink); trust granted reads them', async () => {
  const f = fixture();
  const cases: Array<[string, string, RegExp]> = [
    ['absolute path outside', f.secret, /^chartwright\.valuesFiles\[0\] ".*secret\.yaml" was not read: it is outside the workspace folders and the workspace is not trusted \(Restricted Mode\)/],
    ['symlink in the chart', 'link.yaml', /^chartwright\.valuesFiles\[0\] "link\.yaml" was not read: it is outside the workspace folders \(it resolves to .*secret\.yaml\) and the workspace is not trusted/],
  ];
  try {
    for (const [name, entry, want] of cases) {
      const c = await serve({ trusted: false, folders: [uri(f.ws)] }, { valuesFiles: [entry] });
      try {
        const errs = await valuesErrors(c, f, (m) => m.length > 0);
        assert.equal(errs.length, 1, `${name}: ${errs.join('\n')}`);
        assert.match(errs[0], want, name);
        const md = await hoverToken(c, f);
        assert.match(md, /default/, name);
        assert.doesNotMatch(md, /SECRET/, name);
        const r = await preview(c, f);
        assert.doesNotMatch(r.text, /SECRET/, name);
        assert.match(r.error ?? '', want, name);
        // The client reports that the user trusted the workspace: the file is read now.
        const trusted = c.diags(uri(path.join(f.chart, 'values.yaml')), (p) => !p.diagnostics.some((d) => d.code === 'values-error'));
        await c.conn.sendNotification(WorkspaceTrustNotification.method, { trusted: true, folders: [uri(f.ws)] });
        await trusted;
        assert.match(await hoverToken(c, f), /SECRET-TOKEN/, name);
        assert.match((await preview(c, f)).text, /token: SECRET-TOKEN/, name);
      } finally {
        c.dispose();
      }
    }
    // Inside the workspace folders: read while untrusted.
    const c = await serve({ trusted: false, folders: [uri(f.ws)] }, { valuesFiles: ['inside.yaml'] });
    try {
      assert.deepEqual(await valuesErrors(c, f), []);
      assert.match(await hoverToken(c, f), /inside/);
    } finally {
      c.dispose();
    }
  } finally {
    fs.rmSync(f.base, { recursive: true, force: true });
  }
});

test('trusted or not: /dev/zero, a FIFO and a 17 MiB file are refused at once, and the server keeps answering', async () => {
  const f = fixture();
  try {
    const cases: Array<[string, () => string, RegExp]> = [
      ['/dev/zero', () => '/dev/zero', /"\/dev\/zero" was not read: a character device, not a regular file$/],
      ['FIFO', () => f.fifo, /pipe\.yaml" was not read: a named pipe \(FIFO\), not a regular file$/],
      ['17 MiB', () => f.big, /big\.yaml" was not read: 17 MiB is larger than the 16 MiB limit$/],
    ];
    for (const trust of [undefined, { trusted: true, folders: [] }, { trusted: false, folders: [uri(f.ws)] }] as const) {
      for (const [name, entry, want] of cases) {
        // /dev/zero is outside any workspace: untrusted, it is refused for that first.
        if (trust?.trusted === false && name === '/dev/zero') continue;
        const started = Date.now();
        const c = await serve(trust, { valuesFiles: [entry()] });
        try {
          const errs = await valuesErrors(c, f, (m) => m.length > 0);
          assert.equal(errs.length, 1, `${name}: ${errs.join('\n')}`);
          assert.match(errs[0], want, `${name} (${JSON.stringify(trust)})`);
          assert.match(await hoverToken(c, f), /default/);
          assert.ok(Date.now() - started < 10_000, `${name} took ${Date.now() - started} ms`);
        } finally {
          c.dispose();
        }
      }
    }
  } finally {
    fs.rmSync(f.base, { recursive: true, force: true });
  }
});
