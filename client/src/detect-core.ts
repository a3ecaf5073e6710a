// Which files are Helm templates: only files under `<chart>/templates/` where `<chart>/Chart.yaml`
// exists. package.json claims `**/templates/**` by file name (a cheap first guess that VS Code applies
// before activation); the client corrects the guess both ways with this rule.
import * as path from 'node:path';

/** HelmLanguage is one of the two languages this extension contributes. */
export type HelmLanguage = 'helm' | 'helm-tpl';

/** chartRootOf returns the chart directory whose templates/ folder contains file, if any. */
export function chartRootOf(file: string, isFile: (p: string) => boolean, p: path.PlatformPath = path): string | undefined {
  let dir = p.dirname(file);
  for (;;) {
    if (p.basename(dir) === 'templates') {
      const chart = p.dirname(dir);
      if (isFile(p.join(chart, 'Chart.yaml'))) return chart;
    }
    const parent = p.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** enclosingChartOf returns the nearest ancestor directory holding a Chart.yaml (for any chart file). */
export function enclosingChartOf(file: string, isFile: (p: string) => boolean, p: path.PlatformPath = path): string | undefined {
  let dir = p.dirname(file);
  for (;;) {
    if (isFile(p.join(dir, 'Chart.yaml'))) return dir;
    const parent = p.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** templateLanguage is the language of a file inside a chart's templates/ folder, by extension. */
export function templateLanguage(file: string, p: path.PlatformPath = path): HelmLanguage | undefined {
  const ext = p.extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'helm';
  if (ext === '.tpl' || ext === '.txt') return 'helm-tpl';
  return undefined;
}

/**
 * languageChange returns the language id a document should switch to, or undefined to leave it:
 * chart templates become helm/helm-tpl; files claimed by the file-name patterns outside any chart
 * go back to yaml/plaintext; everything else (other YAML, values.yaml, Chart.yaml) is untouched.
 */
export function languageChange(
  file: string,
  currentLanguage: string,
  isFile: (p: string) => boolean,
  p: path.PlatformPath = path,
): string | undefined {
  const wanted = chartRootOf(file, isFile, p) !== undefined ? templateLanguage(file, p) : undefined;
  if (wanted !== undefined) {
    // Only take over documents VS Code guessed as YAML/plain text (or ours); respect a user's choice.
    const guessable = ['yaml', 'plaintext', 'helm', 'helm-tpl'];
    return guessable.includes(currentLanguage) && currentLanguage !== wanted ? wanted : undefined;
  }
  if (currentLanguage === 'helm' || currentLanguage === 'helm-tpl') {
    const ext = p.extname(file).toLowerCase();
    return ext === '.yaml' || ext === '.yml' ? 'yaml' : 'plaintext';
  }
  return undefined;
}
