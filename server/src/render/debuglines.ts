// The --debug lines of `helm template`'s command layer (cmd/install.go runInstall, cmd/helm.go):
// Helm 4's slog.Debug lines, and Helm 3's debug() lines `install.go:225: <time.Now()> [debug] …`
// (the time from the runtime's clock; Go's monotonic reading, which no one can reproduce, is
// printed as m=+0.000000001). The release's own debug lines (the values-schema walk) are in
// chart/log.ts's Log.debug.
import type { HelmVersion, Runtime } from '../template/func';
import { quote } from '../template/fmt';
import { slogValue } from '../chart/log';
import { fromDate } from '../sprig/date';
import { localLoc } from '../sprig/golayout';

function now(rt: Runtime): string {
  return fromDate(rt.now(), localLoc(rt.localZone), true, rt.localZone).stringer();
}

/** h3 is a Helm 3 debug() line at file:line of its source. */
function h3(rt: Runtime, at: string, msg: string): string {
  return `${at}: ${now(rt)} [debug] ${msg}\n`;
}

function h4(msg: string, attrs: ReadonlyArray<readonly [string, string]> = []): string {
  return `level=DEBUG msg=${slogValue(msg)}${attrs.map(([k, v]) => ` ${k}=${slogValue(v)}`).join('')}\n`;
}

/** versionLines opens runInstall: the --version given, and --devel without one. */
export function versionLines(hv: HelmVersion, rt: Runtime, version: string, devel: boolean): string {
  let s = hv === 4 ? h4('Original chart version', [['version', version]]) : h3(rt, 'install.go:225', `Original chart version: ${quote(version)}`);
  if (version === '' && devel) s += hv === 4 ? h4('setting version to >0.0.0-0') : h3(rt, 'install.go:227', 'setting version to >0.0.0-0');
  return s;
}

/** chartPathLine follows LocateChart: the chart's absolute path (Helm 3 adds an empty line). */
export function chartPathLine(hv: HelmVersion, rt: Runtime, abs: string): string {
  return hv === 4 ? h4('Chart path', [['path', abs]]) : h3(rt, 'install.go:242', `CHART PATH: ${abs}\n`);
}

/** downloaderLine: Helm 4's LocateChart sets up the downloader for a name it did not find on disk. */
export function downloaderLine(hv: HelmVersion): string {
  return hv === 4 ? h4('set up default downloader cache') : '';
}

/**
 * errorLine is Helm 3's main(): the failing command's error again, after `Error: …` (Helm 4
 * prints nothing more). Go's stack trace, which Helm 3 adds for some errors, is not reproduced.
 */
export function errorLine(hv: HelmVersion, rt: Runtime, msg: string): string {
  return hv === 3 ? h3(rt, 'helm.go:86', msg) : '';
}
