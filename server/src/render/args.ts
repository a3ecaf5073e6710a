// The `template` command's argument checks that release building (render/release.ts) and the
// render pipeline (render/pipeline.ts) share with the command (render/template-command.ts).
import { cleanPath } from '../chart/fs';
import type { HelmVersion } from '../template/func';
import { quote } from '../template/fmt';
import { slogValue } from './gostrings';
import { validateReleaseName } from './releasename';

/** resolvePath resolves a command-line path against the working directory inside the FS. */
export function resolvePath(cwd: string, p: string): string {
  if (p.startsWith('/')) return cleanPath(p);
  return cleanPath(cwd === '' ? p : `${cwd}/${p}`);
}

/** releaseNameCheck is Install.availableName's failure text and (v4) its log line. */
export function releaseNameCheck(name: string, helmVersion: HelmVersion): { error: string; log?: string } | undefined {
  const invalid = validateReleaseName(name);
  if (invalid === undefined) return undefined;
  const e = `release name ${quote(name)}: ${invalid}`;
  if (helmVersion === 3) return { error: e };
  return {
    error: `release name check failed: ${e}`,
    log: `level=ERROR msg="release name check failed" error=${slogValue(e)}`,
  };
}
