// Pure parts of the commands: helm's argument list, the trust gate and the status bar text.
import * as path from 'node:path';
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
 * helmDryRun builds `helm install RELEASE CHART --dry-run=client` with the configured values files
 * (in order), namespace, kube version and API versions. Every value is its own argument, so names with
 * spaces or shell characters are passed through verbatim.
 */
export function helmDryRun(settings: ClientSettings, chartDir: string, p: path.PlatformPath = path): HelmInvocation {
  const args = ['install', settings.releaseName, chartDir, '--dry-run=client'];
  if (settings.namespace !== '') args.push('--namespace', settings.namespace);
  for (const f of resolveValuesFiles(chartDir, settings.valuesFiles, p)) args.push('--values', f);
  if (settings.kubeVersion !== '') args.push('--kube-version', settings.kubeVersion);
  for (const v of settings.apiVersions) args.push('--api-versions', v);
  return { file: settings.helmPath, args, cwd: chartDir };
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
