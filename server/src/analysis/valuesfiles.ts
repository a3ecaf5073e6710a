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

/** SettingFileRead is a file named by a setting: its bytes, missing, or refused (why). */
export type SettingFileRead = { readonly bytes: Uint8Array } | { readonly missing: true } | { readonly refused: string };

/**
 * trustCheck applies the trust rules to a file a setting names: in an untrusted workspace it is
 * read only when its real path lies inside the chart at `root` or a workspace folder. Undefined
 * when it may be read. `allowed` caches the trusted directories' real paths.
 */
export function trustCheck(host: AnalysisHost, root: string, settings: AnalysisSettings, path: string, allowed: { dirs?: string[] }): { readonly missing: true } | { readonly refused: string } | undefined {
  const trust = settings.trust;
  if (trust.trusted) return undefined;
  const real = host.realPath(path);
  if (real === undefined) return { missing: true };
  allowed.dirs ??= [root, ...trust.folders].flatMap((d) => host.realPath(d) ?? []);
  if (allowed.dirs.some((d) => inside(d, real))) return undefined;
  return { refused: `it is outside the workspace folders${real !== path ? ` (it resolves to ${real})` : ''} and the workspace is not trusted (Restricted Mode)` };
}

/** readSettingFile reads a file a setting names: the trust rules, then a regular file of bounded size (AnalysisHost.readUserFile). */
export function readSettingFile(host: AnalysisHost, root: string, settings: AnalysisSettings, path: string, allowed: { dirs?: string[] } = {}): SettingFileRead {
  const t = trustCheck(host, root, settings, path, allowed);
  if (t !== undefined) return t;
  const r = host.readUserFile(path);
  if ('bytes' in r) return { bytes: r.bytes };
  if ('missing' in r) return { missing: true };
  return { refused: r.error };
}

/** resolveValuesFiles reads every configured values file of the chart at `root`. */
export function resolveValuesFiles(host: AnalysisHost, root: string, buffers: ReadonlyMap<string, string>, settings: AnalysisSettings): ValuesFile[] {
  const out: ValuesFile[] = [];
  const allowed: { dirs?: string[] } = {};
  settings.valuesFiles.forEach((setting, index) => {
    const path = posix.isAbsolute(setting) ? posix.normalize(setting) : posix.join(root, setting);
    const entry = `chartwright.valuesFiles[${index}] ${JSON.stringify(setting)}`;
    const push = (r: SettingFileRead): void => {
      if ('bytes' in r) out.push({ setting, index, path, bytes: r.bytes, refused: undefined });
      else if ('missing' in r) out.push({ setting, index, path, bytes: undefined, refused: undefined });
      else {
        const why = r.refused.endsWith('(Restricted Mode)') ? `${r.refused}; trust the workspace to read values files from anywhere` : r.refused;
        out.push({ setting, index, path, bytes: undefined, refused: `${entry} was not read: ${why}` });
      }
    };
    const t = trustCheck(host, root, settings, path, allowed);
    if (t !== undefined) return push(t);
    const rel = posix.relative(root, path);
    const buffer = rel.startsWith('..') ? undefined : buffers.get(rel);
    if (buffer !== undefined) return push({ bytes: new TextEncoder().encode(buffer) });
    push(readSettingFile(host, root, settings, path, allowed));
  });
  return out;
}
