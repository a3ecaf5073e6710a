// Package lint: `helm lint` as a library — pkg/action/lint.go (per-path guard, strict mode) over
// the rules of pkg/chart/v2/lint (Chart.yaml, values, templates, dependencies, CRDs), in Helm's
// order and with Helm's texts, for Helm 4 or Helm 3.
import type { KubeVersion } from '../chart/capabilities';
import type { ChartFS } from '../chart/fs';
import { joinPath } from '../chart/fs';
import type { HelmVersion, Runtime } from '../template/func';
import type { GoMap } from '../template/value';
import { lintChartfile } from './chartfile';
import { lintCrds, lintDependencies } from './rules';
import { type LintMessage, Linter, severityRank } from './support';
import { lintTemplates } from './templates';
import { lintValues } from './values';

export { type LintMessage, type Severity, type Position, formatMessage } from './support';

/** LintOptions configure one lint run (one chart path). */
export interface LintOptions {
  readonly helmVersion: HelmVersion;
  readonly strict: boolean;
  /** namespace is the release namespace ("default" unless -n). */
  readonly namespace: string;
  readonly kubeVersion?: KubeVersion;
  readonly skipSchemaValidation: boolean;
  readonly runtime: Runtime;
  /** log receives stderr lines Helm prints while linting (warnings of coalescing, required, fail). */
  readonly log?: (line: string) => void;
  /** kubeSchemas: also check the rendered manifests against the Kubernetes schemas (`--kube-schemas`; not a Helm rule, reported last). */
  readonly kubeSchemas?: boolean;
  /** debug: --debug (Helm 4's debug lines go to `log`). */
  readonly debug?: boolean;
}

/** LintResult is action.LintResult for one path. */
export interface LintResult {
  /** messages are every rule finding, in Helm's order. */
  readonly messages: readonly LintMessage[];
  /** errors are the texts that make the chart fail (errors, and warnings when strict). */
  readonly errors: readonly string[];
  readonly totalChartsLinted: number;
}

/**
 * lintChart lints the chart directory at `dir` (a path of `fs`); `display` is the path as the
 * user gave it (for the "not a chart" error) and `chartDir` the absolute path Helm prints.
 * `userValues` is mutated as Helm's lint mutates its values (the values rule coalesces the
 * chart's values.yaml into the user's nested tables): pass the same map for every chart of one
 * `lint` run, as Helm does, and a copy where the caller keeps using it.
 */
export function lintChart(fs: ChartFS, dir: string, display: string, userValues: GoMap, o: LintOptions): LintResult {
  if (fs.readFile(joinPath(dir, 'Chart.yaml')) === undefined) {
    const p = goJoin(display, 'Chart.yaml');
    // os.Stat through a file: ENOTDIR.
    const why = fs.exists(dir) && !fs.isDirectory(dir) ? 'not a directory' : 'no such file or directory';
    return { messages: [], errors: [`unable to check Chart.yaml file in chart: stat ${p}: ${why}`], totalChartsLinted: 0 };
  }
  const l = new Linter();
  const v = o.helmVersion;
  const log = o.log ?? ((): void => undefined);
  const schemaMessages: LintMessage[] | undefined = o.kubeSchemas === true ? [] : undefined;
  lintChartfile(l, fs, dir, v);
  lintValues(l, fs, dir, userValues, o.skipSchemaValidation, v, log, o.debug === true);
  lintTemplates(l, fs, dir, userValues, {
    helmVersion: v,
    namespace: o.namespace,
    kubeVersion: o.kubeVersion,
    skipSchemaValidation: o.skipSchemaValidation,
    runtime: o.runtime,
    log,
    schemaMessages,
    debug: o.debug,
  });
  lintDependencies(l, fs, dir, fs.displayPath(dir), v, log);
  lintCrds(l, fs, dir, v, log);
  for (const m of schemaMessages ?? []) l.run(m.severity, m.path, m.message, m.position);
  const lowest = o.strict ? severityRank('WARNING') : severityRank('ERROR');
  const errors = l.messages.filter((m) => severityRank(m.severity) >= lowest).map((m) => m.message);
  return { messages: l.messages, errors, totalChartsLinted: 1 };
}

/** hasWarningsOrErrors is action.HasWarningsOrErrors. */
export function hasWarningsOrErrors(r: LintResult): boolean {
  return r.messages.some((m) => severityRank(m.severity) > severityRank('INFO')) || r.errors.length > 0;
}

/**
 * goJoin is filepath.Join for display paths: Go's filepath.Clean of `a/b`, so a relative path
 * keeps its leading `..` elements (`../chart` + `charts` → `../chart/charts`) and `..` at the
 * root of an absolute path is dropped.
 */
export function goJoin(a: string, b: string): string {
  const abs = a.startsWith('/');
  const out: string[] = [];
  for (const part of `${a}/${b}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') out.push(part);
    else if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (!abs) out.push(part);
  }
  const joined = out.join('/');
  return abs ? '/' + joined : joined === '' ? '.' : joined;
}
