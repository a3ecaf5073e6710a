// Pure parts of the commands: helm's argument list, the trust gate and the status bar text.
import * as path from 'node:path';
import { type BoundedRead, readBoundedFile } from '../../server/src/lsp/boundedread';
import { validateReleaseName } from '../../server/src/render/releasename';
import type { ClientSettings } from './settings-core';

/** HelmInvocation is a program and its argument array (never a shell string). */
export interface HelmInvocation {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

/** resolveValuesFiles makes the configured values files absolute, relative to the chart directory. */
export function resolveValuesFiles(chartDir: string, files: readonly string[], p: path.PlatformPath = path): string[] {
  return files.map((f) => (p.isAbsolute(f) ? f : p.resolve(chartDir, f)));
}

/**
 * helmDryRun builds `helm install --dry-run=client [options] -- RELEASE CHART` with the configured
 * values files (in order) and namespace. Every value is its own argument, so names with spaces or
 * shell characters are passed through verbatim, and `--` ends the options: a release name that
 * starts with `-` is never read as a flag (checkReleaseName refuses it before helm runs anyway).
 * `helm install` has no `--kube-version`/`--api-versions` (helm v4.1.4 and v3.17.3 both answer
 * `Error: unknown flag: --kube-version`), so those settings apply to the built-in renders only.
 */
export function helmDryRun(settings: ClientSettings, chartDir: string, p: path.PlatformPath = path): HelmInvocation {
  const args = ['install', '--dry-run=client'];
  if (settings.namespace !== '') args.push('--namespace', settings.namespace);
  for (const f of resolveValuesFiles(chartDir, settings.valuesFiles, p)) args.push('--values', f);
  args.push('--', settings.releaseName, chartDir);
  return { file: settings.helmPath, args, cwd: chartDir };
}

/** checkReleaseName explains why `chartwright.releaseName` cannot be used (Helm's rule), or undefined. */
export function checkReleaseName(name: string): string | undefined {
  const invalid = validateReleaseName(name);
  if (invalid === undefined) return undefined;
  return `Chartwright: the release name ${JSON.stringify(name)} (setting "chartwright.releaseName") is not valid: ${invalid}`;
}

/** TrustDecision says whether an external binary may run, and what to tell the user if not. */
export type TrustDecision = { readonly allowed: true } | { readonly allowed: false; readonly message: string };

/** externalBinaryAllowed refuses to run helm in an untrusted (Restricted Mode) workspace. */
export function externalBinaryAllowed(isTrusted: boolean): TrustDecision {
  if (isTrusted) return { allowed: true };
  return {
    allowed: false,
    message:
      'Chartwright: "Dry Run with helm" runs an external program and is disabled in Restricted Mode. ' +
      'Trust this workspace to enable it, or use "Dry Run (built-in)".',
  };
}

/** formatHelmFailure turns a failed helm run into the text shown to the user. */
export function formatHelmFailure(inv: HelmInvocation, code: number | string | null, stderr: string): string {
  if (code === 'ENOENT') {
    return `Chartwright: helm was not found at "${inv.file}". Set "chartwright.helmPath" to the helm binary.`;
  }
  const detail = stderr.trim() === '' ? `exit code ${String(code)}` : stderr.trim();
  return `helm ${inv.args.join(' ')}\n\n${detail}\n`;
}

/** statusText is the status bar label: chart name and the active values profile. */
export function statusText(chartName: string | undefined, valuesFiles: readonly string[], p: path.PlatformPath = path): string {
  const profile = valuesFiles.length === 0 ? 'values.yaml' : valuesFiles.map((f) => p.basename(f)).join(' + ');
  return chartName === undefined ? `$(package) ${profile}` : `$(package) ${chartName} · ${profile}`;
}

/** chartNameOf reads `name:` from Chart.yaml text without a YAML parser (top-level scalar only). */
export function chartNameOf(chartYaml: string): string | undefined {
  const m = /^name:[ \t]*(?:"([^"]*)"|'([^']*)'|([^#\r\n]*?))[ \t]*(?:#.*)?$/m.exec(chartYaml);
  if (!m) return undefined;
  const name = m[1] ?? m[2] ?? m[3] ?? '';
  return name === '' ? undefined : name;
}

/** MAX_CHART_YAML_BYTES bounds the Chart.yaml the status bar reads (real ones are a few KB). */
export const MAX_CHART_YAML_BYTES = 1024 * 1024;

/**
 * chartNameIn reads `<chartDir>/Chart.yaml` for the status bar: a regular file of at most 1 MiB
 * only (a committed `Chart.yaml -> /dev/zero` symlink or a FIFO must not hang or kill the
 * extension host, Restricted Mode included); anything else gives no name.
 */
export function chartNameIn(chartDir: string, read: (p: string, max: number) => BoundedRead = readBoundedFile, p: path.PlatformPath = path): string | undefined {
  const r = read(p.join(chartDir, 'Chart.yaml'), MAX_CHART_YAML_BYTES);
  return 'bytes' in r ? chartNameOf(new TextDecoder().decode(r.bytes)) : undefined;
}
