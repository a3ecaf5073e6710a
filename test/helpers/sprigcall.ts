// sprigcall: runs recorded snippets (`{{ EXPR }}` or `{{ EXPR | toJson }}`) through the real
// template engine with sprig + Helm functions, so sprig domain tests compare exactly what Helm
// printed (or the error text after "error calling NAME: ").
import type { FuncDef, HelmVersion, Runtime } from '../../server/src/template/func';
import { TemplateError, TemplateSet } from '../../server/src/template/index';
import { NamedMap, type Value } from '../../server/src/template/value';
import { sprigFuncs } from '../../server/src/sprig/registry';
import { helmFuncs } from '../../server/src/helm/funcs';
import { randomBytes } from 'node:crypto';

/** Outcome is what a snippet produced: its printed output or the function's error text. */
export type Outcome = { out: string } | { err: string };

/** Case is one recorded helm case: the expression, how it was printed, Helm's answers. */
export interface Case {
  expr: string;
  /** v: `{{ EXPR }}`; json: `{{ EXPR | toJson }}`. */
  mode: 'v' | 'json';
  h4: Outcome;
  /** Helm 3's answer when it differs from Helm 4's. */
  h3?: Outcome;
}

/** FIXED_NOW is the clock the tests use. */
export const FIXED_NOW = new Date(Date.UTC(2024, 2, 5, 6, 7, 8, 123));

/** testRuntime is a Runtime with a fixed clock (UTC) and real randomness. */
export function testRuntime(now: Date = FIXED_NOW, zone = 'UTC'): Runtime {
  return { now: () => now, randomBytes: (n) => new Uint8Array(randomBytes(n)), localZone: zone };
}

function funcMap(): Map<string, FuncDef> {
  const m = new Map<string, FuncDef>();
  for (const d of sprigFuncs()) m.set(d.name, d);
  for (const d of helmFuncs()) m.set(d.name, d);
  return m;
}

let cached: Map<string, FuncDef> | undefined;

/** errorText extracts what follows "error calling NAME: " (else the last "<node>: "). */
export function errorText(go: string): string {
  const i = go.lastIndexOf('error calling ');
  if (i < 0) {
    const k = go.lastIndexOf('>:');
    return (k < 0 ? go : go.slice(k + 2)).trim();
  }
  const rest = go.slice(i + 'error calling '.length);
  return rest.slice(rest.indexOf(': ') + 2).trim();
}

/** render executes a template text and returns its output or the function error text. */
export function render(text: string, version: HelmVersion = 4, runtime: Runtime = testRuntime()): Outcome {
  cached ??= funcMap();
  const set = new TemplateSet({ funcs: cached, helmVersion: version, runtime });
  const name = 'mychart/templates/t.yaml';
  const perr = set.addFile(name, text);
  if (perr !== null) return { err: 'parse: ' + perr.message };
  try {
    return { out: set.execute(name, new NamedMap({ name: 'map', elem: 'interface {}', method: () => undefined })).output };
  } catch (e) {
    if (e instanceof TemplateError) return { err: errorText(e.goMessage) };
    throw e;
  }
}

/** run renders a case the way it was recorded. */
export function run(c: Case, version: HelmVersion = 4, runtime?: Runtime): Outcome {
  return render(`{{ ${c.expr}${c.mode === 'json' ? ' | toJson' : ''} }}`, version, runtime);
}

/** evalValue renders `{{ $r := EXPR }}` and returns the value bound to $r via a capture function. */
export function evalValue(expr: string, version: HelmVersion = 4, runtime: Runtime = testRuntime()): Value {
  let got: Value = null;
  const capture: FuncDef = {
    name: 'capture__',
    params: ['interface {}'],
    result: 'string',
    impl: ([v]) => {
      got = v;
      return '';
    },
    doc: { signature: '', description: '', example: '', category: 'test' },
  };
  cached ??= funcMap();
  const funcs = new Map(cached);
  funcs.set(capture.name, capture);
  const set = new TemplateSet({ funcs, helmVersion: version, runtime });
  const perr = set.addFile('t', `{{ ${expr} | capture__ }}`);
  if (perr !== null) throw new Error(perr.message);
  set.execute('t', null);
  return got;
}
