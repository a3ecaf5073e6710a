// Find references from any values file and one read index for every values feature, over the LSP
// protocol on corpus charts copied to a temporary directory:
// - references started from a key of a discovered values file (values.a.yaml, ci/*.yaml) list the
//   template reads and the key in every layer; references of a key list the same key in the
//   chart's discovered files (helm-ls's "Defined in multiple files in same chart");
// - a parent template reading `.Values.<subchart>.key` counts for `key` in the subchart's values
//   in hover ("Read by N templates"), completion ("read by") and CodeLens, exactly as references.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeHost } from '../../server/src/lsp/nodeHost';
import { LineIndex } from '../../server/src/lsp/convert';
import { type TestClient, inMemory } from './harness';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/charts');
const skip = fs.existsSync(CORPUS) ? false : `corpus missing: ${CORPUS} (../shared is absent)`;

interface Pos {
  line: number;
  character: number;
}
interface Loc {
  uri: string;
  range: { start: Pos };
}

/** Copy: a corpus chart copied to a temporary directory (plus extra files), with a server over the disk. */
class Copy {
  constructor(
    readonly root: string,
    readonly c: TestClient & { dispose(): void },
  ) {}

  static async of(chart: string, extra: Record<string, string>): Promise<Copy> {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-vrefs-'));
    const root = path.join(tmp, chart);
    fs.cpSync(path.join(CORPUS, chart), root, { recursive: true });
    for (const [rel, text] of Object.entries(extra)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    return new Copy(root, await inMemory(nodeHost()));
  }

  close(): void {
    this.c.dispose();
    fs.rmSync(path.dirname(this.root), { recursive: true, force: true });
  }

  private at(rel: string, marked: string, mark: string): { uri: string; text: string; offset: number } {
    const text = fs.readFileSync(path.join(this.root, rel), 'utf8');
    const i = text.indexOf(marked.replaceAll(mark, ''));
    assert.ok(marked.includes(mark) && i >= 0, `${JSON.stringify(marked)} in ${rel}`);
    return { uri: pathToFileURL(path.join(this.root, rel)).href, text, offset: i + marked.indexOf(mark) };
  }

  /** where names the place marked `§` in a line of a file as rel:line:character. */
  where(rel: string, marked: string): string {
    const { text, offset } = this.at(rel, marked, '§');
    const p = new LineIndex(text).positionAt(offset);
    return `${rel}:${p.line}:${p.character}`;
  }

  /** references at `^` of a marked line, as rel:line:character (declarations included unless told). */
  async references(rel: string, marked: string, includeDeclaration = true): Promise<string[]> {
    const { uri, text, offset } = this.at(rel, marked, '^');
    const r = (await this.c.conn.sendRequest('textDocument/references', { textDocument: { uri }, position: new LineIndex(text).positionAt(offset), context: { includeDeclaration } })) as Loc[];
    const prefix = pathToFileURL(this.root).href + '/';
    return r.map((l) => `${l.uri.slice(prefix.length)}:${l.range.start.line}:${l.range.start.character}`);
  }

  async hover(rel: string, marked: string): Promise<string> {
    const { uri, text, offset } = this.at(rel, marked, '^');
    const h = (await this.c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: new LineIndex(text).positionAt(offset) })) as { contents: { value: string } } | null;
    return h?.contents.value ?? '';
  }

  /** complete opens `rel` with `text` (`$0` at the cursor) and asks for completion there. */
  async complete(rel: string, text: string): Promise<Array<{ label: string; detail?: string }>> {
    const uri = pathToFileURL(path.join(this.root, rel)).href;
    const body = text.replace('$0', '');
    await this.c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: body } });
    const r = (await this.c.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: new LineIndex(body).positionAt(text.indexOf('$0')) })) as { items: Array<{ label: string; detail?: string }> } | Array<{ label: string; detail?: string }>;
    await this.c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return Array.isArray(r) ? r : r.items;
  }
}

/** readCount parses hover's "Read by N template(s) (M place(s))". */
function readCount(md: string): { templates: number; places: number } {
  const m = /Read by (\d+) templates? \((\d+) places?\)/.exec(md);
  assert.ok(m !== null, md);
  return { templates: Number(m[1]), places: Number(m[2]) };
}

// helmtest-subchart with a discovered values.a.yaml and ci/ci-values.yaml (as in helm-ls's
// dependenciesExample), and a parent template reading a key of subcharta's values.
const VALUES_A = 'subcharta:\n  service:\n    type: LoadBalancer\n';
const CI_VALUES = 'configmap:\n  enabled: true\n';
const PARENT_READS = 'kind: ConfigMap\nmetadata:\n  name: x\ndata:\n  from-parent: {{ .Values.subcharta.service.fromParent | quote }}\n  type: {{ .Values.subcharta.service.type | quote }}\n';

describe('references from discovered values files, one read index (helmtest-subchart)', { skip }, () => {
  let s: Copy;
  before(async () => {
    s = await Copy.of('helmtest-subchart', { 'values.a.yaml': VALUES_A, 'ci/ci-values.yaml': CI_VALUES, 'templates/parent-reads.yaml': PARENT_READS });
  });
  after(() => s.close());

  const SUB = 'charts/subchartA/values.yaml';
  const SUB_READ = 'charts/subchartA/templates/service.yaml';

  test('references from a key of a discovered values.a.yaml: template reads (subchart and parent), every layer', async () => {
    const refs = await s.references('values.a.yaml', '    ty^pe: LoadBalancer');
    for (const want of [
      s.where('values.a.yaml', '    §type: LoadBalancer'),
      s.where(SUB, '  §type: ClusterIP'),
      s.where(SUB_READ, 'type: {{ .Values.service.§type }}'),
      s.where('templates/parent-reads.yaml', 'type: {{ .Values.subcharta.service.§type'),
    ]) {
      assert.ok(refs.includes(want), `${want} missing from\n${refs.join('\n')}`);
    }
  });

  test('references from a key of ci/ci-values.yaml, and of values.yaml: the same key in the other file ("Defined in multiple files in same chart")', async () => {
    const fromCi = await s.references('ci/ci-values.yaml', '  ena^bled: true');
    const fromValues = await s.references('values.yaml', 'configmap:\n  ena^bled: false');
    for (const refs of [fromCi, fromValues]) {
      assert.ok(refs.includes(s.where('ci/ci-values.yaml', '  §enabled: true')), refs.join('\n'));
      assert.ok(refs.includes(s.where('values.yaml', 'configmap:\n  §enabled: false')), refs.join('\n'));
      assert.ok(refs.some((r) => r.startsWith('templates/')), refs.join('\n'));
    }
    assert.deepEqual([...fromCi].sort(), [...fromValues].sort());
  });

  test('without declarations, references from a discovered file are the template reads only', async () => {
    const refs = await s.references('values.a.yaml', '    ty^pe: LoadBalancer', false);
    assert.deepEqual(refs.sort(), [s.where(SUB_READ, 'type: {{ .Values.service.§type }}'), s.where('templates/parent-reads.yaml', 'type: {{ .Values.subcharta.service.§type')].sort());
  });

  test('hover in the subchart counts the parent\'s .Values.subcharta.service.type read, as references do', async () => {
    const md = await s.hover(SUB, '  ty^pe: ClusterIP');
    const reads = await s.references(SUB, '  ty^pe: ClusterIP', false);
    assert.deepEqual(readCount(md), { templates: 2, places: reads.length });
    assert.ok(md.includes('- `templates/parent-reads.yaml` line 6'), md);
  });

  test('completion in the subchart\'s values.yaml offers a key only the parent reads', async () => {
    const items = await s.complete(SUB, 'service:\n  name: apache\n  $0\n');
    const item = items.find((i) => i.label === 'fromParent');
    assert.equal(item?.detail, 'read by templates/parent-reads.yaml:5', items.map((i) => `${i.label} ${i.detail}`).join('\n'));
  });
});

describe('one read index on bitnami-harbor: the parent reads redis.tls.* and postgresql.*', { skip }, () => {
  let s: Copy;
  before(async () => {
    s = await Copy.of('bitnami-harbor', {});
  });
  after(() => s.close());

  test('hover on redis\'s tls.enabled lists the parent\'s templates, with the count of references', async () => {
    const marked = 'tls:\n  ## @param tls.enabled Enable TLS traffic\n  ##\n  ena^bled: false';
    const md = await s.hover('charts/redis/values.yaml', marked);
    const reads = await s.references('charts/redis/values.yaml', marked, false);
    assert.ok(reads.some((r) => r.startsWith('templates/')), reads.join('\n'));
    assert.ok(reads.some((r) => r.startsWith('charts/redis/templates/')), reads.join('\n'));
    const files = new Set(reads.map((r) => r.split(':')[0]));
    assert.deepEqual(readCount(md), { templates: files.size, places: reads.length });
  });
});

describe('values hover agrees with the values-unused index (helmtest-subchart)', { skip }, () => {
  let s: Copy;
  before(async () => {
    s = await Copy.of('helmtest-subchart', {});
  });
  after(() => s.close());

  test('a key only import-values reads is "read indirectly", not "not read" (as its CodeLens says)', async () => {
    const md = await s.hover('charts/subchartA/values.yaml', '^SCAdata:');
    assert.ok(md.includes('Read indirectly (a dependency condition, import-values'), md);
    assert.ok(!md.includes('Not read by any template.'), md);
  });
});
