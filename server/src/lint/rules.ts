// Helm's dependencies and CRD lint rules (rules/dependencies.go, rules/crds.go).
import type { ChartFS } from '../chart/fs';
import { joinPath } from '../chart/fs';
import { type Chart, crdFiles } from '../chart/loader';
import type { HelmVersion } from '../template/func';
import { utf8Decode } from '../template/value';
import { decodeManifestStream } from './yamlorjson';
import type { Linter } from './support';
import { loadForLint } from './templates';

/** lintDependencies runs rules.Dependencies; `chartDir` is the absolute path Helm prints. */
export function lintDependencies(l: Linter, fs: ChartFS, dir: string, chartDir: string, v: HelmVersion, log: (line: string) => void): void {
  const loaded = loadForLint(fs, dir, v, log);
  if (!l.run('ERROR', '', 'error' in loaded ? `unable to load chart\n\t${loaded.error}` : undefined, { file: 'Chart.yaml' }) || 'error' in loaded) {
    return;
  }
  const c = loaded.chart;
  const at = { file: 'Chart.yaml' };
  const declared = new Set(c.metadata.dependencies.map((d) => d.name));
  const notDeclared = c.dependencies.map((d) => d.metadata.name).filter((n) => !declared.has(n));
  l.run('ERROR', chartDir, notDeclared.length > 0 ? `chart metadata is missing these dependencies: ${notDeclared.join(',')}` : undefined, at);
  const seen = new Set<string>();
  const shadowing: string[] = [];
  for (const d of c.metadata.dependencies) {
    const key = d.alias !== '' ? d.alias : d.name;
    if (seen.has(key)) shadowing.push(key);
    seen.add(key);
  }
  l.run('ERROR', chartDir, shadowing.length > 0 ? `multiple dependencies with name or alias: ${shadowing.join(',')}` : undefined, at);
  const loadedNames = new Set(c.dependencies.map((d) => d.metadata.name));
  const missing = c.metadata.dependencies.map((d) => d.name).filter((n) => !loadedNames.has(n));
  l.run('WARNING', chartDir, missing.length > 0 ? `chart directory is missing these dependencies: ${missing.join(',')}` : undefined, at);
}

function crdObjects(c: Chart): Array<{ name: string; text: string }> {
  const out = crdFiles(c).map((f) => ({ name: f.name, text: utf8Decode(f.data) }));
  for (const d of c.dependencies) out.push(...crdObjects(d));
  return out;
}

/** lintCrds runs rules.Crds (Helm 4 only). */
export function lintCrds(l: Linter, fs: ChartFS, dir: string, v: HelmVersion, log: (line: string) => void): void {
  if (v !== 4) return;
  const cdir = joinPath(dir, 'crds');
  if (!fs.exists(cdir)) return;
  if (!l.run('ERROR', 'crds/', fs.isDirectory(cdir) ? undefined : 'not a directory', { file: 'crds' })) return;
  const loaded = loadForLint(fs, dir, v, log);
  if (!l.run('ERROR', 'crds/', 'error' in loaded ? loaded.error : undefined, { file: 'Chart.yaml' }) || 'error' in loaded) return;
  for (const crd of crdObjects(loaded.chart)) {
    const at = { file: crd.name };
    for (const d of decodeManifestStream(crd.text, v)) {
      if ('error' in d) {
        l.run('ERROR', crd.name, `unable to parse YAML: ${d.error}`, at);
        return;
      }
      if (d.value === undefined) continue;
      l.run('ERROR', crd.name, d.value.apiVersion.startsWith('apiextensions.k8s.io') ? undefined : "apiVersion is not in 'apiextensions.k8s.io'", at);
      l.run('ERROR', crd.name, d.value.kind === 'CustomResourceDefinition' ? undefined : "object kind is not 'CustomResourceDefinition'", at);
    }
  }
}

