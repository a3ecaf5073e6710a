// `helm lint` of a packaged chart (action.lintChart): the archive is expanded (chartutil.Expand:
// LoadArchiveFiles, then the files under a directory named after Chart.yaml's name) and that
// directory is linted. Chartwright expands into memory instead of a temporary directory.
import { loadArchiveFiles } from '../chart/archive';
import { type ChartFS, cleanPath, memoryFS } from '../chart/fs';
import { DecodeError, decodeMetadataInto, emptyMetadata } from '../chart/metadata';
import { decodeYaml } from '../chart/yamlAdapter';
import type { HelmVersion } from '../template/func';
import { utf8Decode } from '../template/value';

/** isArchivePath is lint's test for a packaged chart argument. */
export function isArchivePath(p: string): boolean {
  return p.endsWith('.tgz') || p.endsWith('.tar.gz');
}

/** expandForLint expands a .tgz in memory: the chart directory to lint, or Helm's error text. */
export function expandForLint(data: Uint8Array, v: HelmVersion): { fs: ChartFS; dir: string } | { error: string } {
  const fail = (e: string): { error: string } => ({ error: `unable to extract tarball: ${e}` });
  const files = loadArchiveFiles(data, v);
  if ('error' in files) return fail(files.error);
  let name = '';
  for (const f of files) {
    if (f.name !== 'Chart.yaml') continue;
    const source = utf8Decode(f.data);
    const doc = decodeYaml(source);
    if ('error' in doc) return fail(`cannot load Chart.yaml: ${doc.error}`);
    const md = emptyMetadata();
    try {
      decodeMetadataInto(md, doc.value, source);
    } catch (e) {
      return fail(`cannot load Chart.yaml: ${e instanceof DecodeError ? `error unmarshaling JSON: while decoding JSON: ${e.message}` : String(e)}`);
    }
    name = md.name;
  }
  if (name === '') return fail('chart name not specified');
  // securejoin keeps the directory inside the temporary one.
  const dir = cleanPath(name) === '' ? 'chart' : cleanPath(name);
  const tree: Record<string, Uint8Array> = {};
  for (const f of files) tree[`${dir}/${f.name}`] = f.data;
  return { fs: memoryFS(tree), dir };
}
