// Shared plumbing for the real-chart corpus (../shared/corpus): run our `helm template` on each
// chart (with its extra values file), compare with Helm's golden output byte for byte, with the
// .mask files' nondeterministic lines compared only up to their YAML key. Used by
// test/render/corpus.test.ts and scripts/corpus.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeFS } from '../../server/src/chart/fs';
import { runTemplateCommand, type TemplateEnv } from '../../server/src/render/template-command';
import type { HelmVersion } from '../../server/src/template/func';

/** CORPUS_DIR is the corpus beside the repository. */
export const CORPUS_DIR = join(__dirname, '..', '..', '..', 'shared', 'corpus');

/** CorpusRow is one row of RESULTS.tsv. */
export interface CorpusRow {
  readonly id: string;
  readonly chart: string;
  /** Path of the extra values file relative to the corpus, or undefined. */
  readonly valuesFile: string | undefined;
  readonly exit: Record<HelmVersion, number>;
}

/** loadCorpus reads RESULTS.tsv, or returns undefined when the corpus is absent. */
export function loadCorpus(): CorpusRow[] | undefined {
  const p = join(CORPUS_DIR, 'RESULTS.tsv');
  if (!existsSync(p)) return undefined;
  const lines = readFileSync(p, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const header = lines[0].split('\t');
  const col = (name: string): number => header.indexOf(name);
  return lines.slice(1).map((l) => {
    const f = l.split('\t');
    const vf = f[col('values_file')];
    return {
      id: f[col('id')],
      chart: f[col('chart')],
      valuesFile: vf === '-' || vf === '' ? undefined : vf,
      exit: { 4: Number(f[col('helm4_exit')]), 3: Number(f[col('helm3_exit')]) },
    };
  });
}

/** CorpusOutcome is our render of one row. */
export interface CorpusOutcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly exit: number;
  readonly ms: number;
}

/**
 * renderRow runs our template command the way the goldens were made; `extra` adds caches (and
 * may wrap the corpus file system, e.g. to record what the run read).
 */
export function renderRow(row: CorpusRow, hv: HelmVersion, extra: Partial<Pick<TemplateEnv, 'fs' | 'treeStore' | 'cache' | 'reuse'>> = {}): CorpusOutcome {
  const fs = nodeFS(CORPUS_DIR);
  const argv = [`charts/${row.chart}`];
  if (row.valuesFile !== undefined) argv.push('-f', row.valuesFile);
  argv.push('--helm-version', String(hv));
  const t0 = Date.now();
  try {
    const r = runTemplateCommand(argv, {
      fs,
      cwd: '',
      runtime: { now: () => new Date(), randomBytes: (n) => new Uint8Array(require('node:crypto').randomBytes(n)), localZone: 'UTC' },
      ...extra,
    });
    return { stdout: r.stdout, stderr: r.stderr, exit: r.exitCode, ms: Date.now() - t0 };
  } catch (e) {
    return { stdout: '', stderr: `CRASH: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, exit: -99, ms: Date.now() - t0 };
  }
}

function keyPrefix(line: string): string {
  const i = line.indexOf(': ');
  if (i >= 0) return line.slice(0, i + 2);
  return /^\s*(- )?/.exec(line)?.[0] ?? '';
}

/** compareRow returns undefined when identical (modulo masks), else a reason with the first difference. */
export function compareRow(row: CorpusRow, hv: HelmVersion, got: CorpusOutcome): string | undefined {
  const base = join(CORPUS_DIR, 'golden', `${row.id}.helm${hv}`);
  const want = readFileSync(`${base}.yaml`, 'utf8');
  const wantErr = existsSync(`${base}.stderr`) ? readFileSync(`${base}.stderr`, 'utf8') : '';
  if (got.exit !== row.exit[hv]) {
    return `exit ${got.exit} != ${row.exit[hv]}: ${firstError(got.stderr) || got.stderr.slice(0, 300)}`;
  }
  if (row.exit[hv] !== 0) {
    const a = firstError(got.stderr);
    const b = firstError(wantErr);
    return a === b ? undefined : `error differs: got ${JSON.stringify(a)} want ${JSON.stringify(b)}`;
  }
  const mask = existsSync(`${base}.mask`)
    ? new Set(readFileSync(`${base}.mask`, 'utf8').split(/\s+/).filter((x) => x !== '').map(Number))
    : new Set<number>();
  if (mask.size === 0) {
    if (got.stdout === want) return undefined;
  }
  const g = got.stdout.split('\n');
  const w = want.split('\n');
  const n = Math.max(g.length, w.length);
  for (let i = 0; i < n; i++) {
    const gl = g[i];
    const wl = w[i];
    if (gl === wl) continue;
    if (mask.has(i + 1) && gl !== undefined && wl !== undefined && gl.startsWith(keyPrefix(wl))) continue;
    return `line ${i + 1}: got ${JSON.stringify(gl?.slice(0, 200))} want ${JSON.stringify(wl?.slice(0, 200))}`;
  }
  return undefined;
}

function firstError(s: string): string {
  return s.split('\n').find((l) => l.startsWith('Error:')) ?? '';
}
