// The values files named by `chartwright.valuesFiles`, resolved and read once per model. Each
// entry is read only if it is a regular file of bounded size (the host refuses FIFOs, devices,
// huge files) and, in an untrusted workspace, only if its real path (symlinks resolved) lies
// inside a workspace folder or the chart: a workspace's settings cannot make the server read
// `~/.kube/config` into previews and hovers. Refusals are messages naming the setting entry.
import * as posix from 'node:path/posix';
import type { AnalysisHost, AnalysisSettings } from './host';

/** ValuesFile is one entry of the setting: its bytes, or why it was refused. */
export interface ValuesFile {
  /** setting: the entry as written in the setting. */
  readonly setting: string;
  /** index: its position in the setting. */
  readonly index: number;
  /** path: the absolute path it names (relative entries are relative to the chart root). */
  readonly path: string;
  /** bytes: undefined when the file is missing or refused. */
  readonly bytes: Uint8Array | undefined;
  /** refused: why it was not read (missing files are not refused: Helm's error reports them). */
  readonly refused: string | undefined;
}

function inside(dir: string, p: string): boolean {
  return p === dir || p.startsWith(dir.endsWith('/') ? dir : dir + '/');
}

/** resolveValuesFiles reads every configured values file of the chart at `root`. */
export function resolveValuesFiles(host: AnalysisHost, root: string, buffers: ReadonlyMap<string, string>, settings: AnalysisSettings): ValuesFile[] {
  const out: ValuesFile[] = [];
  const trust = settings.trust;
  let allowed: string[] | undefined;
  settings.valuesFiles.forEach((setting, index) => {
    const path = posix.isAbsolute(setting) ? posix.normalize(setting) : posix.join(root, setting);
    const entry = `chartwright.valuesFiles[${index}] ${JSON.stringify(setting)}`;
    const refuse = (why: string): void => void out.push({ setting, index, path, bytes: undefined, refused: `${entry} was not read: ${why}` });
    if (!trust.trusted) {
      const real = host.realPath(path);
      if (real === undefined) {
        out.push({ setting, index, path, bytes: undefined, refused: undefined });
        return;
      }
      allowed ??= [root, ...trust.folders].flatMap((d) => host.realPath(d) ?? []);
      if (!allowed.some((d) => inside(d, real))) {
        refuse(`it is outside the workspace folders${real !== path ? ` (it resolves to ${real})` : ''} and the workspace is not trusted (Restricted Mode); trust the workspace to read values files from anywhere`);
        return;
      }
    }
    const rel = posix.relative(root, path);
    const buffer = rel.startsWith('..') ? undefined : buffers.get(rel);
    if (buffer !== undefined) {
      out.push({ setting, index, path, bytes: new TextEncoder().encode(buffer), refused: undefined });
      return;
    }
    const r = host.readUserFile(path);
    if ('bytes' in r) out.push({ setting, index, path, bytes: r.bytes, refused: undefined });
    else if ('missing' in r) out.push({ setting, index, path, bytes: undefined, refused: undefined });
    else refuse(r.error);
  });
  return out;
}
