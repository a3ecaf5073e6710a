// Property tests (fast-check, fixed seed, bounded runs): whatever the input, the lexer, both
// parser modes, the executor with Helm's full function map, the chart loader and the `template`
// command never throw an unexpected exception; failures are positioned TemplateErrors or an
// `Error:` text with exit code 1. `npm run fuzz` runs the same properties with FUZZ_RUNS=100000.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lex } from '../../server/src/template/parse/lex';
import { parse } from '../../server/src/template/parse/parse';
import { BUILTINS, TemplateError, TemplateSet } from '../../server/src/template/index';
import { helmFuncMap } from '../../server/src/render/funcmap';
import { runTemplateCommand } from '../../server/src/render/template-command';
import { memoryFS } from '../../server/src/chart/fs';
import { loadChart } from '../../server/src/chart/loader';
import type { HelmVersion } from '../../server/src/template/func';
import type { Value } from '../../server/src/template/value';
import {
  SEED,
  applyMutations,
  corpusTexts,
  fixedRuntime,
  mutationArb,
  nodeRangeProblems,
  rootValuesArb,
  runs,
  templateArb,
  tokenSoupArb,
} from './gen';

const funcs4 = helmFuncMap(4);
const funcs3 = helmFuncMap(3);
const isFunc = (name: string): boolean => funcs4.has(name) || BUILTINS.has(name);
// Functions both Helm versions define (generated templates run under either).
const commonFuncs = new Map([...funcs4].filter(([n]) => funcs3.has(n)));

const corpusTemplates = corpusTexts((p) => /\/templates\/.*\.(ya?ml|tpl|txt)$/.test(p), 400);
const corpusValues = corpusTexts((p) => p.endsWith('/values.yaml'), 60, 8_000);
const corpusCharts = corpusTexts((p) => p.endsWith('/Chart.yaml'), 60);
if (corpusTemplates.length === 0) console.log('# fuzz: ../shared/corpus/charts absent: corpus-mutation properties use built-in seeds only');

const SEEDS = [
  '{{- define "x.name" -}}{{ default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}{{- end }}',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "x.name" . }}\ndata:\n{{- range $k, $v := .Values.data }}\n  {{ $k }}: {{ $v | quote }}\n{{- end }}\n',
  '{{ if and .Values.a (not .Values.b) }}{{ toYaml .Values.c | nindent 4 }}{{ else if .Values.d }}{{ tpl .Values.e $ }}{{ end }}',
];
const templatePool = corpusTemplates.length > 0 ? corpusTemplates : SEEDS;

/** check runs a property and fails with the counterexample and the inner error's message. */
function check<T>(name: string, prop: fc.IProperty<T>, numRuns: number): void {
  const d = fc.check(prop, { seed: SEED, numRuns });
  if (d.failed) {
    const inner = d.errorInstance instanceof Error ? d.errorInstance.stack ?? d.errorInstance.message : String(d.errorInstance);
    throw new Error(`${name}: counterexample ${fc.stringify(d.counterexample)} (seed ${d.seed}, path "${d.counterexamplePath}")\n${inner}`);
  }
  console.log(`# fuzz ${name}: ${d.numRuns} runs passed (seed ${SEED})`);
}

/** checkParse runs the lexer and both parser modes over text and checks the invariants. */
function checkParse(text: string): void {
  lex('t', text);
  lex('t', text, { resilient: true });
  const strict = parse('t', text, { isFunc });
  const res = parse('t', text, { isFunc, resilient: true });
  for (const [name, tree] of res.trees) {
    const bad = nodeRangeProblems(tree.root, text.length);
    assert.deepEqual(bad, [], `resilient tree ${name} of ${JSON.stringify(text)}`);
  }
  assert.ok(strict.errors.length <= 1, 'strict mode reports one error');
  if (strict.errors.length === 0) {
    assert.deepEqual(res.errors, [], `resilient reports errors strict does not: ${JSON.stringify(text)}`);
  } else {
    assert.ok(res.errors.length >= 1, `resilient misses strict's error for ${JSON.stringify(text)}`);
    const s = strict.errors[0];
    const r = res.errors[0];
    assert.deepEqual({ message: r.message, line: r.line }, { message: s.message, line: s.line }, `first error of ${JSON.stringify(text)}`);
  }
}

test('fuzz (a): random token soup through lexer and both parsers', () => {
  check('token soup', fc.property(tokenSoupArb, (text) => checkParse(text)), runs(1500));
});

test('fuzz (a): mutated real templates through lexer and both parsers', () => {
  check(
    'mutated templates',
    fc.property(fc.nat(templatePool.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (i, ms) => {
      checkParse(applyMutations(templatePool[i], ms));
    }),
    runs(1500),
  );
});

/** execute runs text (which must parse) over data with limits; returns the output or the TemplateError. */
function execute(text: string, data: Value, hv: HelmVersion, sourceMap: boolean): string | TemplateError {
  const set = new TemplateSet({
    funcs: hv === 4 ? funcs4 : funcs3,
    helmVersion: hv,
    runtime: fixedRuntime,
    rootName: 'gotpl',
    limits: { maxOutputBytes: 200_000, maxTemplateDepth: 200 },
  });
  const perr = set.addFile('t', text);
  assert.equal(perr, null, 'generated templates are well-formed');
  try {
    return set.execute('t', data, { sourceMap }).output;
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
}

test('fuzz (b): random well-formed templates over random values with the Helm function map', () => {
  let parsed = 0;
  let failed = 0;
  check(
    'execution',
    fc.property(templateArb(commonFuncs), rootValuesArb, fc.constantFrom<HelmVersion>(3, 4), fc.boolean(), (text, data, hv, sm) => {
      const r = execute(text, data, hv, sm);
      parsed++;
      if (r instanceof TemplateError) {
        failed++;
        // Every failure is positioned in the file or names what it is about.
        assert.ok(r.goMessage.startsWith('template: '), `unpositioned error ${r.goMessage}`);
      }
    }),
    runs(1500),
  );
  console.log(`# fuzz execution: ${failed} of ${parsed} executions failed with a TemplateError`);
  assert.ok(failed < parsed, 'some random templates execute');
});

/** chartFS builds a one-chart memoryFS. */
function chartFS(files: Record<string, string | Uint8Array>): ReturnType<typeof memoryFS> {
  const out: Record<string, string | Uint8Array> = {};
  for (const [k, v] of Object.entries(files)) out[`mychart/${k}`] = v;
  return memoryFS(out);
}

const CHART = 'apiVersion: v2\nname: mychart\nversion: 0.1.0\n';
const TEMPLATE = 'a: {{ .Values.a | toYaml | nindent 2 }}\nn: {{ .Chart.Name }}-{{ .Chart.Version }}\n{{ range $k, $v := .Values }}{{ $k }}: {{ $v | toJson }}\n{{ end }}';

/** checkCommand runs `template mychart` and checks the outcome's shape. */
function checkCommand(files: Record<string, string | Uint8Array>, hv: HelmVersion): void {
  const fs = chartFS(files);
  const loaded = loadChart(fs, 'mychart', hv);
  if ('error' in loaded) assert.equal(typeof loaded.error, 'string');
  const r = runTemplateCommand(['mychart', '--helm-version', String(hv)], { fs, cwd: '', runtime: fixedRuntime });
  assert.ok(r.exitCode === 0 || r.exitCode === 1, `exit ${r.exitCode}`);
  if (r.exitCode === 1) assert.match(r.stderr, /^Error: |\nError: /, r.stderr);
}

const yamlSoup = fc
  .array(
    fc.oneof(
      fc.constantFrom('a:', ' b:', '  - ', '- ', ': ', '{', '}', '[', ']', ',', '"', "'", '&x ', '*x', '<<: *x', '!!str ', '!!binary ', '|', '>-', '#c', '\n', '  ', '\t', '---\n', '...', '?', 'null', '~', '0x1F', '1e3', '.inf', 'yes', '\ufeff', '\u0000'),
      fc.string({ maxLength: 5 }),
    ),
    { maxLength: 30 },
  )
  .map((xs) => xs.join(''));

test('fuzz (c): random and mutated values.yaml through the loader and the template command', () => {
  const pool = corpusValues.length > 0 ? corpusValues : ['a: 1\nb:\n  - x\n  - y: 2\n'];
  check(
    'values.yaml',
    fc.property(
      fc.oneof(yamlSoup, fc.tuple(fc.nat(pool.length - 1), fc.array(mutationArb, { maxLength: 5 })).map(([i, ms]) => applyMutations(pool[i], ms))),
      fc.constantFrom<HelmVersion>(3, 4),
      (values, hv) => checkCommand({ 'Chart.yaml': CHART, 'values.yaml': values, 'templates/a.yaml': TEMPLATE }, hv),
    ),
    runs(300),
  );
});

test('fuzz (c): random and mutated Chart.yaml through the loader and the template command', () => {
  const pool = corpusCharts.length > 0 ? corpusCharts : [CHART];
  check(
    'Chart.yaml',
    fc.property(
      fc.oneof(
        yamlSoup.map((y) => CHART + y),
        fc.tuple(fc.nat(pool.length - 1), fc.array(mutationArb, { maxLength: 5 })).map(([i, ms]) => applyMutations(pool[i], ms)),
      ),
      fc.constantFrom<HelmVersion>(3, 4),
      (chart, hv) => checkCommand({ 'Chart.yaml': chart, 'values.yaml': 'a: 1\n', 'templates/a.yaml': TEMPLATE }, hv),
    ),
    runs(300),
  );
});
