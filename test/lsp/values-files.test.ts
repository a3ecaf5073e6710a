// Values files over the LSP protocol, on real charts from ../shared/corpus copied to a temporary
// directory: hover, go to definition and completion on keys of values.yaml, a subchart's
// values.yaml, discovered values*.yaml / ci/*.yaml files, and CodeLens on defines and values keys.
// The cases mirror helm-ls's own tests (internal/handler/yaml_handler/{hover,definition}_test.go):
// the cursor is written `^` inside a marked line, as there.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { nodeHost } from '../../server/src/lsp/nodeHost';
import { LineIndex } from '../../server/src/lsp/convert';
import { tar } from '../helpers/tar';
import { type TestClient, inMemory } from './harness';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/charts');
const skip = fs.existsSync(CORPUS) ? false : `corpus missing: ${CORPUS} (../shared is absent)`;

interface Pos {
  line: number;
  character: number;
}
interface Loc {
  uri: string;
  range: { start: Pos; end: Pos };
}
interface Item {
  label: string;
  detail?: string;
  insertText?: string;
  textEdit?: { newText: string };
}
interface Lens {
  range: { start: Pos; end: Pos };
  data?: unknown;
  command?: { title: string; command: string; arguments?: unknown[] };
}

/** Session: a server over the real disk, with a chart copied into a temporary directory. */
class Session {
  constructor(
    readonly root: string,
    readonly c: TestClient & { dispose(): void },
  ) {}

  uri(rel: string): string {
    return pathToFileURL(path.join(this.root, rel)).href;
  }

  text(rel: string): string {
    return fs.readFileSync(path.join(this.root, rel), 'utf8');
  }

  /** pos finds `marked` (a line of the file with `^` at the cursor) in the file. */
  pos(rel: string, marked: string): Pos {
    const t = this.text(rel);
    const caret = marked.indexOf('^');
    const needle = marked.replace('^', '');
    const i = t.indexOf(needle);
    assert.ok(caret >= 0 && i >= 0, `${JSON.stringify(needle)} in ${rel}`);
    return new LineIndex(t).positionAt(i + caret);
  }

  /** loc names the text between `§` marks of a marked line of a file, as rel:line:start-end (helm-ls's ExpectedLocationsResult). */
  loc(rel: string, marked: string): string {
    const t = this.text(rel);
    const a = marked.indexOf('§');
    const b = marked.indexOf('§', a + 1) - 1;
    const needle = marked.replace(/§/g, '');
    const i = t.indexOf(needle);
    assert.ok(a >= 0 && b >= a - 1 && i >= 0, `${JSON.stringify(needle)} in ${rel}`);
    const idx = new LineIndex(t);
    const s = idx.positionAt(i + a);
    const e = idx.positionAt(i + b);
    return `${rel}:${s.line}:${s.character}-${e.character}`;
  }

  names(locs: Loc[]): string[] {
    const prefix = pathToFileURL(this.root).href + '/';
    return locs.map((l) => `${l.uri.slice(prefix.length)}:${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`);
  }

  async hover(rel: string, marked: string): Promise<string> {
    const h = (await this.c.conn.sendRequest('textDocument/hover', { textDocument: { uri: this.uri(rel) }, position: this.pos(rel, marked) })) as { contents: { value: string } } | null;
    return h?.contents.value ?? '';
  }

  async definition(rel: string, marked: string): Promise<string[]> {
    return this.names((await this.c.conn.sendRequest('textDocument/definition', { textDocument: { uri: this.uri(rel) }, position: this.pos(rel, marked) })) as Loc[]);
  }

  async references(rel: string, marked: string): Promise<string[]> {
    const r = (await this.c.conn.sendRequest('textDocument/references', { textDocument: { uri: this.uri(rel) }, position: this.pos(rel, marked), context: { includeDeclaration: true } })) as Loc[];
    return this.names(r);
  }

  /**
   * complete opens `rel` as an editor does (its text on disk, then CodeLens asked), changes it to
   * `marked` (`$0` at the cursor) and asks for completion there.
   */
  async complete(rel: string, marked: string): Promise<Item[]> {
    const at = marked.indexOf('$0');
    const text = marked.replace('$0', '');
    const uri = this.uri(rel);
    const disk = fs.existsSync(path.join(this.root, rel)) ? this.text(rel) : '';
    await this.c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: disk } });
    await this.c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    await this.c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    const r = (await this.c.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: new LineIndex(text).positionAt(at) })) as { items: Item[] } | Item[];
    await this.c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return Array.isArray(r) ? r : r.items;
  }

  async lenses(rel: string): Promise<Array<{ line: number; title: string; command: string; count: number }>> {
    const ls = (await this.c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: this.uri(rel) } })) as Lens[];
    const out: Array<{ line: number; title: string; command: string; count: number }> = [];
    for (const l of ls) {
      const r = (await this.c.conn.sendRequest('codeLens/resolve', l)) as Lens;
      const args = r.command?.arguments;
      out.push({ line: l.range.start.line, title: r.command?.title ?? '', command: r.command?.command ?? '', count: Array.isArray(args?.[2]) ? args[2].length : 0 });
    }
    return out;
  }
}

const dirs: string[] = [];

async function session(chart: string, extra: Record<string, string> = {}, prepare?: (root: string) => void): Promise<Session> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-values-'));
  dirs.push(tmp);
  const root = path.join(tmp, chart);
  fs.cpSync(path.join(CORPUS, chart), root, { recursive: true });
  for (const [rel, text] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  prepare?.(root);
  return new Session(root, await inMemory(nodeHost()));
}

after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

// helmtest-subchart: a parent with two subcharts (subcharta, subchartb); values.a.yaml and
// ci/ci-values.yaml are discovered (no settings), like helm-ls's dependenciesExample values.a.yaml.
const VALUES_A = 'subcharta:\n  service:\n    type: LoadBalancer\nglobal:\n  env: from-a\nextra:\n  - name: first\n    port: 1\n';
const CI_VALUES = 'configmap:\n  enabled: true\n';

describe('values files: a chart with subcharts (helmtest-subchart)', { skip }, () => {
  let s: Session;
  before(async () => {
    s = await session('helmtest-subchart', { 'values.a.yaml': VALUES_A, 'ci/ci-values.yaml': CI_VALUES });
  });
  after(() => s.c.dispose());

  const SUB = 'charts/subchartA/values.yaml';

  // helm-ls hover_test.go: "Hover on mapping node", "..., beginning of node", "..., end of node", "Hover on nested value node".
  for (const marked of ['ty^pe: ClusterIP', '^type: ClusterIP', 'typ^e: ClusterIP', 'type: Cluster^IP']) {
    test(`hover on a subchart default key (${marked})`, async () => {
      const md = await s.hover(SUB, marked);
      assert.match(md, /^`\.Values\.service\.type` — chart `subcharta`/);
      assert.ok(md.includes('```yaml\n"ClusterIP"\n```'), md);
      assert.ok(md.includes('- `charts/subchartA/values.yaml` line 7 — chart default: `"ClusterIP"`'), md);
      // helm-ls: "Hover on value defined in multiple files" (a discovered values.a.yaml).
      assert.ok(md.includes('- `values.a.yaml` line 3 — discovered, not in the render profile as `subcharta.service.type`: `"LoadBalancer"`'), md);
      assert.ok(md.includes('Read by 1 template (1 place):\n- `charts/subchartA/templates/service.yaml` line 8'), md);
    });
  }

  test('hover on the same key in the parent\'s discovered values file names the subchart\'s key', async () => {
    const md = await s.hover('values.a.yaml', '    ty^pe: LoadBalancer');
    assert.match(md, /^`\.Values\.service\.type` — chart `subcharta`/);
    assert.ok(md.includes('charts/subchartA/values.yaml` line 7'), md);
  });

  test('hover on a list item key prints its path with the index (helm-ls: ingress.hosts[].paths[].pathType)', async () => {
    const md = await s.hover('values.a.yaml', '    po^rt: 1');
    assert.match(md, /^`\.Values\.extra\[0\]\.port`/);
    assert.ok(md.includes('Not in the effective values'), md);
  });

  test('hover on a subchart key says it passes values to the subchart; on global (helm-ls: "Hover on global")', async () => {
    assert.ok((await s.hover('values.a.yaml', 'subchar^ta:')).includes('Values passed to the subchart `subcharta`.'));
    const g = await s.hover('values.a.yaml', 'glo^bal:');
    assert.match(g, /^`\.Values\.global`/);
    assert.ok(g.includes('- `values.a.yaml` line 4 — discovered, not in the render profile (global): `{…} 1 key`'), g);
  });

  test('hover in a ci/*.yaml values file', async () => {
    const md = await s.hover('ci/ci-values.yaml', '  ena^bled: true');
    assert.match(md, /^`\.Values\.configmap\.enabled`/);
    assert.ok(md.includes('- `values.yaml` line 58 — chart default: `false`'), md);
    assert.ok(md.includes('- `ci/ci-values.yaml` line 2 — discovered, not in the render profile: `true`'), md);
    assert.match(md, /Read by 1 template/);
  });

  // helm-ls definition_test.go.
  test('definition: from subchart to parent ("From subchart to parent"), then the template read', async () => {
    assert.deepEqual(await s.definition(SUB, '^type: ClusterIP'), [
      s.loc('values.a.yaml', '    §type§: LoadBalancer'),
      s.loc('charts/subchartA/templates/service.yaml', 'type: {{ .Values.service.§type§ }}'),
    ]);
  });

  test('definition: from parent to subchart ("From parent to subchart")', async () => {
    assert.deepEqual(await s.definition('values.a.yaml', '    ty^pe: LoadBalancer'), [
      s.loc(SUB, '  §type§: ClusterIP'),
      s.loc('charts/subchartA/templates/service.yaml', 'type: {{ .Values.service.§type§ }}'),
    ]);
  });

  test('definition: on a subchart name, the subchart\'s values.yaml ("From parent to subchart values when on subchart name")', async () => {
    assert.deepEqual(await s.definition('values.a.yaml', '^subcharta:'), [`${SUB}:0:0-0`]);
  });

  test('definition: the same key in other files of the chart ("Defined in multiple files in same chart")', async () => {
    const locs = await s.definition('ci/ci-values.yaml', '  ena^bled: true');
    assert.deepEqual(locs.slice(0, 1), [s.loc('values.yaml', '  §enabled§: false\n  value: "foo"')]);
    assert.ok(locs.length >= 2 && locs.slice(1).every((l) => l.startsWith('templates/')), locs.join('\n'));
  });

  test('references from a values key still list the template reads and the declarations', async () => {
    const refs = await s.references(SUB, '^type: ClusterIP');
    assert.ok(refs.includes(s.loc('charts/subchartA/templates/service.yaml', 'type: {{ .Values.service.§type§ }}')), refs.join('\n'));
    assert.ok(refs.includes(s.loc(SUB, '  §type§: ClusterIP')), refs.join('\n'));
  });

  test('completion under a subchart key: keys its templates read that the file does not set', async () => {
    const items = await s.complete('values.a.yaml', 'subcharta:\n  service:\n    type: LoadBalancer\n    $0\nglobal:\n  env: from-a\n');
    assert.deepEqual(
      items.map((i) => `${i.label} | ${i.detail} | ${i.insertText ?? i.textEdit?.newText}`),
      [
        'externalPort | read by charts/subchartA/templates/service.yaml:10 | externalPort: ',
        'internalPort | read by charts/subchartA/templates/service.yaml:11 | internalPort: ',
        'name | read by charts/subchartA/templates/service.yaml:13 | name: ',
      ],
    );
  });

  test('completion at the top level: template reads, subchart names, effective keys; present keys left out', async () => {
    const items = await s.complete('values.a.yaml', 'subcharta:\n  service:\n    type: LoadBalancer\nglo$0\n');
    const labels = items.map((i) => i.label);
    for (const l of ['service', 'configmap', 'subchartb', 'global']) assert.ok(labels.includes(l), labels.join(','));
    assert.ok(!labels.includes('subcharta'), labels.join(','));
    const svc = items.find((i) => i.label === 'service');
    assert.equal(svc?.detail, 'read by templates/service.yaml:18');
    assert.equal(svc?.insertText ?? svc?.textEdit?.newText, 'service:\n  $0');
  });

  test('completion in a subchart\'s values.yaml at the top level offers global', async () => {
    const items = await s.complete(SUB, 'service:\n  name: apache\n$0');
    assert.ok(items.some((i) => i.label === 'global'), items.map((i) => i.label).join(','));
    assert.ok(!items.some((i) => i.label === 'service'), 'service is set in the file');
  });

  test('CodeLens on values.yaml top-level keys: read by N templates / unused', async () => {
    const ls = await s.lenses('values.yaml');
    const byLine = new Map(ls.map((l) => [l.line, l]));
    const at = (key: string): { title: string; command: string; count: number } | undefined => {
      const l = byLine.get(s.pos('values.yaml', `^${key}:`).line);
      return l === undefined ? undefined : { title: l.title, command: l.command, count: l.count };
    };
    assert.deepEqual(at('service'), { title: 'read by 1 template', command: 'chartwright.showReferences', count: 4 });
    assert.deepEqual(at('SC1data'), { title: 'unused', command: '', count: 0 });
    assert.deepEqual(at('configmap'), { title: 'read by 1 template', command: 'chartwright.showReferences', count: 2 });
  });
});

describe('values files: global and a parent override (bitnami-harbor with redis and postgresql)', { skip }, () => {
  let s: Session;
  before(async () => {
    s = await session('bitnami-harbor');
  });
  after(() => s.c.dispose());

  test('hover on a subchart default overridden by the parent shows both layers and the effective value', async () => {
    const md = await s.hover('charts/redis/values.yaml', '^architecture: replication');
    assert.match(md, /^`\.Values\.architecture` — chart `redis`/);
    assert.ok(md.includes('```yaml\n"standalone"\n```'), md);
    assert.match(md, /- `values\.yaml` line \d+ — parent override as `redis\.architecture`: `"standalone"`\n- `charts\/redis\/values\.yaml` line \d+ — chart default: `"replication"`/);
    assert.ok(md.includes('values.schema.json: type `string`'), md);
  });

  test('hover on a global key lists the templates of every chart reading it', async () => {
    const md = await s.hover('charts/postgresql/values.yaml', '      ^postgresPassword: ""');
    assert.match(md, /^`\.Values\.global\.postgresql\.auth\.postgresPassword`/);
    const m = /Read by (\d+) templates/.exec(md);
    assert.ok(m !== null && Number(m[1]) > 1, md);
    assert.ok(md.includes('- `charts/postgresql/values.yaml` line'), md);
    // `global` itself: read by templates of the parent and of both subcharts.
    const g = await s.hover('values.yaml', '^global:\n  imageRegistry');
    assert.match(g, /^`\.Values\.global`/);
    const n = /Read by (\d+) templates/.exec(g);
    assert.ok(n !== null && Number(n[1]) >= 3, g);
  });

  test('definition from a subchart\'s global to the parent\'s global ("From subchart to parent multiple files")', async () => {
    const locs = await s.definition('charts/redis/values.yaml', '^global:');
    assert.ok(locs.includes(s.loc('values.yaml', '§global§:\n  imageRegistry')), locs.slice(0, 5).join('\n'));
  });

  test('definition from the parent override to the subchart default ("From parent to subchart")', async () => {
    const locs = await s.definition('values.yaml', '    password: ""\n    existingSecret: ""\n  ^architecture: standalone');
    assert.equal(locs[0], s.loc('charts/redis/values.yaml', '§architecture§: replication'));
    assert.ok(locs.slice(1).some((l) => l.startsWith('charts/redis/templates/')), locs.join('\n'));
  });
});

describe('values files and CodeLens: bitnami-redis with the common library packaged as .tgz', { skip }, () => {
  let s: Session;
  before(async () => {
    s = await session('bitnami-redis', {}, (root) => {
      // Package charts/common as charts/common-<version>.tgz (as `helm dependency build` leaves it).
      const dir = path.join(root, 'charts', 'common');
      const files: Array<[string, Uint8Array]> = [];
      const walk = (d: string): void => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          const p = path.join(d, e.name);
          if (e.isDirectory()) walk(p);
          else files.push([path.posix.join('common', path.relative(dir, p).split(path.sep).join('/')), fs.readFileSync(p)]);
        }
      };
      walk(dir);
      fs.writeFileSync(path.join(root, 'charts', 'common-2.0.0.tgz'), gzipSync(tar(files)));
      fs.rmSync(dir, { recursive: true });
    });
  });
  after(() => s.c.dispose());

  test('hover shows the values.schema.json type and description', async () => {
    const md = await s.hover('values.yaml', '^useHostnames: true');
    assert.match(md, /^`\.Values\.useHostnames`/);
    assert.ok(md.includes('values.schema.json: type `boolean`\n\nUse hostnames internally when announcing replication. If false, the hostname will be resolved to an IP address'), md);
    assert.match(md, /Read by \d+ template/);
  });

  test('completion of a value: booleans from the schema', async () => {
    const text = s.text('values.yaml').replace('useHostnames: true', 'useHostnames: $0');
    const items = await s.complete('values.yaml', text);
    assert.deepEqual(items.map((i) => i.label), ['true', 'false']);
  });

  test('completion of a key: schema properties with their types', async () => {
    const text = s.text('values.yaml').replace('\nuseHostnames: true', '\nuseHost$0');
    const items = await s.complete('values.yaml', text);
    const it = items.find((i) => i.label === 'useHostnames');
    assert.ok(it !== undefined, items.map((i) => i.label).join(','));
    assert.ok(!items.some((i) => i.label === 'architecture'), 'architecture is set in the file');
  });

  test('CodeLens on a define counts its includes and lists them on click', async () => {
    const ls = await s.lenses('templates/_helpers.tpl');
    const line = s.pos('templates/_helpers.tpl', '{{- define "^redis.image" -}}').line;
    const lens = ls.find((l) => l.line === line);
    assert.ok(lens !== undefined && /^included \d+ times?$/.test(lens.title), JSON.stringify(ls.slice(0, 3)));
    assert.equal(lens.command, 'chartwright.showReferences');
    assert.equal(lens.count, Number(/\d+/.exec(lens.title)?.[0]));
  });
});
