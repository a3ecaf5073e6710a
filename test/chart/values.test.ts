// Chart-layer conformance: replays the recorded Helm vectors of the values/* and output/chart
// areas through the chart API only (no template engine): CLI values → load → checks →
// prepareRelease, then compares the coalesced `.Values` (for `{{ toJson .Values }}` templates),
// the error line and the warning lines with helm v4.1.4 / v3.17.3's recorded stdout/stderr.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkDependencies,
  checkInstallable,
  loadChart,
  memoryFS,
  mergeCliValues,
  parseKubeVersion,
  prepareRelease,
} from '../../server/src/chart/index';
import type { KubeVersion } from '../../server/src/chart/capabilities';
import { marshalJSON } from '../../server/src/sprig/json';
import type { HelmVersion } from '../../server/src/template/func';
import type { GoMap } from '../../server/src/template/value';
import { type Vector, loadVectors, vectorFiles } from '../conformance/harness';

const AREAS = new Set(['values/coalesce', 'values/subchart', 'values/schema', 'output/chart']);

interface Run {
  error?: string;
  warnings: string[];
  values?: GoMap;
  subValues?: GoMap;
}

function runChart(vec: Vector, v: HelmVersion): Run | undefined {
  const fs = memoryFS(vectorFiles(vec));
  const opts = { valueFiles: [] as string[], set: [] as string[], setString: [] as string[], setFile: [] as string[], setJson: [] as string[], setLiteral: [] as string[] };
  let kube: KubeVersion | undefined;
  let skip = false;
  let ns = '';
  const args = vec.args ?? [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = (): string => args[++i];
    switch (a) {
      case '-f':
      case '--values':
        opts.valueFiles.push(...next().split(','));
        break;
      case '--set':
        opts.set.push(next());
        break;
      case '--set-string':
        opts.setString.push(next());
        break;
      case '--set-file':
        opts.setFile.push(next());
        break;
      case '--set-json':
        opts.setJson.push(next());
        break;
      case '--set-literal':
        opts.setLiteral.push(next());
        break;
      case '--skip-schema-validation':
        skip = true;
        break;
      case '--namespace':
        ns = next();
        break;
      case '--kube-version': {
        const k = parseKubeVersion(next(), v);
        if ('error' in k) return { error: k.error, warnings: [] };
        kube = k;
        break;
      }
      default:
        return undefined; // flags outside the chart layer
    }
  }
  if (vec.release !== undefined) return undefined;
  const user = mergeCliValues((p) => fs.readFile(p), opts, v);
  if ('error' in user) return { error: user.error, warnings: [] };
  const loaded = loadChart(fs, 'mychart', v);
  if ('error' in loaded) return { error: loaded.error, warnings: [] };
  const inst = checkInstallable(loaded.chart) ?? checkDependencies(loaded.chart, v);
  if (inst !== undefined) return { error: inst, warnings: [] };
  const p = prepareRelease(loaded.chart, user.values, {
    releaseName: 'release-name',
    namespace: ns,
    isUpgrade: false,
    kubeVersion: kube,
    apiVersions: [],
    helmVersion: v,
    skipSchemaValidation: skip,
  });
  if ('error' in p) return { error: p.error + (p.withRelease ? '\n\nUse --debug flag to render out invalid YAML' : ''), warnings: [...p.warnings] };
  const sub = p.charts.find((c) => c.chart.metadata.name === 'sub');
  const sv = sub?.context.get('Values');
  return { warnings: [...p.warnings], values: p.values, subValues: sv instanceof Map ? sv : undefined };
}

const vectors = loadVectors();

test('chart-layer vectors', { skip: vectors === undefined ? '../shared/conformance absent' : false }, () => {
  let checked = 0;
  const failures: string[] = [];
  for (const vec of vectors ?? []) {
    if (!AREAS.has(vec.area) || vec.nondeterministic) continue;
    for (const v of [4, 3] as const) {
      const want = v === 4 ? vec.helm4 : vec.helm3;
      const r = runChart(vec, v);
      if (r === undefined) continue;
      const stderr = want.stderr ?? '';
      const got: string[] = [];
      if (r.error !== undefined) {
        if (want.exit === 0) failures.push(`${vec.id} v${v}: unexpected error ${r.error}`);
        else {
          const errLine = stderr.slice(stderr.indexOf('Error: '));
          const mine = `Error: ${r.error}\n`;
          const same =
            vec.compare === 'stderr-lines-unordered'
              ? [...errLine.split('\n')].sort().join('\n') === [...mine.split('\n')].sort().join('\n')
              : errLine === mine;
          if (!same) failures.push(`${vec.id} v${v}: error\n  want ${JSON.stringify(errLine)}\n  got  ${JSON.stringify(mine)}`);
        }
        checked++;
        continue;
      }
      if (want.exit !== 0) {
        // Failures raised later (templates, YAML parsing, release names) are not ours.
        if (!/YAML parse error|executing|parse error|release name/.test(stderr)) {
          failures.push(`${vec.id} v${v}: expected error ${JSON.stringify(stderr)}`);
        }
        continue;
      }
      // Warnings: every stderr line Helm printed that comes from the chart layer.
      for (const l of r.warnings) got.push(l);
      const wantWarn = stderr.split('\n').filter((l) => l !== '' && !/deprecated/.test(l));
      if (JSON.stringify(got) !== JSON.stringify(wantWarn)) {
        failures.push(`${vec.id} v${v}: warnings\n  want ${JSON.stringify(wantWarn)}\n  got  ${JSON.stringify(got)}`);
      }
      const out = want.stdout ?? '';
      if (vec.template !== null && /^# (parent: )?\{\{ toJson \.Values \}\}\n$/.test(vec.template) && r.values !== undefined) {
        const line = out.split('# Source: mychart/templates/case.yaml\n')[1]?.split('\n')[0];
        const mine = (vec.template.startsWith('# parent') ? '# parent: ' : '# ') + marshalJSON(r.values);
        if (line !== mine) failures.push(`${vec.id} v${v}: values\n  want ${line}\n  got  ${mine}`);
      }
      const subLine = out.split('# Source: mychart/charts/sub/templates/s.yaml\n')[1]?.split('\n')[0];
      if (subLine !== undefined && subLine.startsWith('# sub: {') && r.subValues !== undefined) {
        const mine = '# sub: ' + marshalJSON(r.subValues);
        if (!subLine.startsWith(mine + ' ')) failures.push(`${vec.id} v${v}: sub values\n  want ${subLine}\n  got  ${mine}`);
      }
      checked++;
    }
  }
  assert.ok(checked > 80, `only ${checked} runs checked`);
  assert.deepEqual(failures, []);
});
