// Diagnostics of unmodified corpus charts, as the language server computes them for open
// documents: every template of the chart tree (subcharts' too, not packaged ones) plus its
// values.yaml files, opened unchanged, with the fast checks and the render pass (not lint).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnostics } from '../../server/src/analysis/diagnostics';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/host';
import { Workspace } from '../../server/src/analysis/snapshot';
import type { Diagnostic } from '../../server/src/analysis/types';
import { nodeHost } from '../../server/src/lsp/nodeHost';

/** CORPUS_CHARTS is ../shared/corpus/charts (from the project root). */
export const CORPUS_CHARTS = path.resolve(__dirname, '../../../shared/corpus/charts');

/** CorpusDiagnostic is one diagnostic with the chart-relative file it is in and its line. */
export interface CorpusDiagnostic extends Diagnostic {
  readonly chart: string;
  readonly file: string;
  readonly line: number;
}

/** chartFiles lists the documents a user can open in a chart tree: templates and values.yaml, recursively through charts/. */
export function chartFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, inTemplates: boolean): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p, inTemplates || e.name === 'templates');
      else if (e.isFile() && (inTemplates || e.name === 'values.yaml')) out.push(p);
    }
  };
  walk(dir, false);
  return out.filter((p) => !p.split(path.sep).includes('ci'));
}

/** corpusChartDiagnostics opens every document of one corpus chart and collects their diagnostics. */
export function corpusChartDiagnostics(chart: string): CorpusDiagnostic[] {
  const dir = path.join(CORPUS_CHARTS, chart);
  const host = nodeHost();
  host.setWorkspaceRoots?.([CORPUS_CHARTS]);
  const ws = new Workspace(host);
  ws.setSettings(DEFAULT_SETTINGS);
  const files = chartFiles(dir);
  const texts = new Map<string, string>();
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    texts.set(f, text);
    ws.openDocument(f, 1, text);
  }
  const snap = ws.snapshot();
  const out: CorpusDiagnostic[] = [];
  for (const f of files) {
    const text = texts.get(f) ?? '';
    for (const d of diagnostics(snap, f, { render: true })) {
      const line = text.slice(0, d.start).split('\n').length;
      out.push({ ...d, chart, file: path.relative(dir, f), line });
    }
  }
  return out;
}

/** corpusCharts lists the corpus chart names (empty when ../shared is absent). */
export function corpusCharts(): string[] {
  if (!fs.existsSync(CORPUS_CHARTS)) return [];
  return fs.readdirSync(CORPUS_CHARTS).filter((n) => fs.existsSync(path.join(CORPUS_CHARTS, n, 'Chart.yaml'))).sort();
}
