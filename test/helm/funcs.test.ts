// Helm's functions (include, tpl, required, fail, lookup, ...) against a fake TemplateHost.
// Message texts from the helm/include, helm/tpl, helm/required, helm/fail vectors (helm v4.1.4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FuncError, type CallContext, type FuncDef, type TemplateHost } from '../../server/src/template/func';
import { TemplateError } from '../../server/src/template/errors';
import { HELM_REMOVED_FUNCS, RECURSION_MAX_NUMS, helmFuncs, newHelmFuncState } from '../../server/src/helm/funcs';
import { GoComplex, type Value } from '../../server/src/template/value';

function ctxWith(host: Partial<TemplateHost>, helmVersion: 3 | 4 = 4): CallContext {
  const h: TemplateHost = {
    executeTemplate: host.executeTemplate ?? (() => ''),
    hasTemplate: host.hasTemplate ?? (() => true),
    parseAndExecute: host.parseAndExecute ?? (() => ''),
  };
  return { host: h, helmVersion, runtime: { now: () => new Date(0), randomBytes: (n) => new Uint8Array(n), localZone: 'UTC' } };
}

function fn(defs: FuncDef[], name: string): FuncDef {
  const d = defs.find((x) => x.name === name);
  assert.ok(d, name);
  return d;
}

const tplErr = (kind: 'parse' | 'exec', goMessage: string): TemplateError =>
  new TemplateError({ kind, goMessage, message: goMessage, templateName: 'gotpl', parseName: 'gotpl', line: 1, byteCol: -1, start: -1, end: -1, context: '' });

test('include runs the named template and limits nesting per name', () => {
  const defs = helmFuncs(newHelmFuncState());
  const include = fn(defs, 'include');
  let depth = 0;
  let maxDepth = 0;
  let failedAt = -1;
  const ctx = ctxWith({
    executeTemplate: (name, data) => {
      depth++;
      maxDepth = Math.max(maxDepth, depth);
      try {
        if ((data as number) > 0) include.impl([name, (data as number) - 1], ctx);
        return 'x';
      } catch (e) {
        if (failedAt < 0 && e instanceof FuncError) failedAt = depth;
        throw e;
      } finally {
        depth--;
      }
    },
  });
  assert.equal(include.impl(['r', 500], ctx), 'x');
  assert.throws(() => include.impl(['r', 1005], ctx), {
    message: 'rendering template has a nested reference name: r: unable to execute template',
  });
  // the 1002nd nested include of the same name fails (count > 1000)
  assert.equal(failedAt, RECURSION_MAX_NUMS + 1);
  // counters return to zero: a later render can nest again
  assert.equal(include.impl(['r', 900], ctx), 'x');
});

test('tpl wraps parse and exec errors and drops <no value>', () => {
  const tpl = fn(helmFuncs(), 'tpl');
  assert.equal(tpl.impl(['{{ .a }}', null], ctxWith({ parseAndExecute: () => 'a<no value>b' })), 'ab');
  assert.throws(
    () => tpl.impl(['{{ .Values.str ', null], ctxWith({ parseAndExecute: () => { throw tplErr('parse', 'template: gotpl:1: unclosed action'); } })),
    { message: 'cannot parse template "{{ .Values.str ": template: gotpl:1: unclosed action' },
  );
  const exec = 'template: gotpl:1:10: executing "gotpl" at <.Values.nope.x>: nil pointer evaluating interface {}.x';
  assert.throws(
    () => tpl.impl(['{{ .Values.nope.x }}', null], ctxWith({ parseAndExecute: () => { throw tplErr('exec', exec); } })),
    { message: 'error during tpl function execution for "{{ .Values.nope.x }}": ' + exec },
  );
});

test('required and fail wrap messages in HELM_ERR delimiters', () => {
  const defs = helmFuncs();
  const required = fn(defs, 'required');
  const ctx = ctxWith({});
  for (const ok of [0, false, [], '   ', 'x'] as Value[]) assert.equal(required.impl(['m', ok], ctx), ok);
  for (const bad of [null, ''] as Value[]) {
    assert.throws(() => required.impl(['need: it\nnow 100%d', bad], ctx), { message: 'HELM_ERR_STARTneed: it\nnow 100%dHELM_ERR_END' });
  }
  assert.throws(() => fn(defs, 'fail').impl(['inner'], ctx), { message: 'HELM_ERR_STARTinnerHELM_ERR_END' });
});

test('lookup, getHostByName, versions, removed functions, data formats', () => {
  const defs = helmFuncs();
  const ctx = ctxWith({});
  const l = fn(defs, 'lookup').impl(['v1', 'Secret', 'ns', 'x'], ctx);
  assert.ok(l instanceof Map && l.size === 0);
  assert.equal(fn(defs, 'getHostByName').impl(['localhost'], ctx), '');
  assert.deepEqual(fn(defs, 'mustToYaml').versions, [4]);
  assert.deepEqual(fn(defs, 'mustToJson').versions, [4]);
  assert.deepEqual([...HELM_REMOVED_FUNCS], ['env', 'expandenv']);
  assert.equal(fn(defs, 'toJson').impl([new GoComplex(1, 0)], ctx), '');
  assert.throws(() => fn(defs, 'mustToJson').impl([new GoComplex(1, 0)], ctx), { message: 'json: unsupported type: complex128' });
  assert.throws(() => fn(defs, 'mustToYaml').impl([new GoComplex(1, 0)], ctx), { message: 'error marshaling into JSON: json: unsupported type: complex128' });
  assert.equal(fn(defs, 'toYaml').impl([new Map([['a', [1]]])], ctx), 'a:\n- 1');
  const fj = fn(defs, 'fromJson').impl(['bad'], ctx) as Map<string, Value>;
  assert.equal(fj.get('Error'), "invalid character 'b' looking for beginning of value");
  assert.deepEqual(fn(defs, 'fromJsonArray').impl(['{}'], ctx), ['json: cannot unmarshal object into Go value of type []interface {}']);
  for (const d of defs) assert.ok(d.doc.signature.startsWith(d.name), d.name);
});
