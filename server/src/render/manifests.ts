// Helm's output stage of `helm template`: splitting rendered files into documents
// (releaseutil.SplitManifests), reading each document's head, separating hooks, the stable
// install-order kind sort, and the printing done by action.renderResources and cmd/template.go.
import type { HelmVersion } from '../template/func';
import { quote } from '../template/fmt';
import { HeadError, type SimpleHead, type YamlToJson } from './simplehead';
import { readManifestHead } from './fasthead';
import { filepathMatch, goTrimSpace, slogValue } from './gostrings';

export { goTrimSpace } from './gostrings';

// Go's `(?:^|\s*\n)---\s*` where \s is [\t\n\f\r ] and ^ is the start of the text only.
// It is matched by a linear scanner: as a backtracking regexp it is quadratic on long runs of
// white space (each start position rescans the run looking for "\n---").
function isSepSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c;
}

/**
 * splitManifests is releaseutil.SplitManifests: the documents of one rendered file, in order.
 * A `---` splits only at the very start or right after a newline; the trailing whitespace it
 * consumes includes the newline, so `---\n---\n` leaves a literal `---` in the next document.
 */
export function splitManifests(bigFile: string): string[] {
  const text = goTrimSpace(bigFile);
  // Go's Regexp.Split(s, -1) semantics over the leftmost-first matches of SEP.
  const pieces: string[] = [];
  if (text.length === 0) {
    pieces.push('');
  } else {
    let beg = 0;
    let end = 0;
    let pos = 0;
    for (;;) {
      let mStart: number;
      let mEnd: number;
      if (pos === 0 && text.startsWith('---')) {
        // The `^` alternative, tried first at offset 0.
        mStart = 0;
        mEnd = 3;
      } else {
        // `\s*\n---`: the leftmost match starts where the white-space run ending in "\n---" starts.
        const k = text.indexOf('\n---', pos);
        if (k < 0) break;
        mStart = k;
        while (mStart > pos && isSepSpace(text.charCodeAt(mStart - 1))) mStart--;
        mEnd = k + 4;
      }
      while (mEnd < text.length && isSepSpace(text.charCodeAt(mEnd))) mEnd++;
      end = mStart;
      if (mEnd !== 0) pieces.push(text.slice(beg, end));
      beg = mEnd;
      pos = mEnd;
    }
    if (end !== text.length) pieces.push(text.slice(beg));
  }
  const docs: string[] = [];
  for (const d of pieces) {
    // Helm checks for "" before trimming, so a whitespace-only piece becomes an empty document.
    if (d === '') continue;
    docs.push(goTrimSpace(d));
  }
  return docs;
}

/** Manifest is one non-hook document with the file it came from. */
export interface Manifest {
  readonly name: string;
  readonly content: string;
  readonly head: SimpleHead;
}

/** Hook is one hook document (release.Hook, the fields `helm template` uses). */
export interface Hook {
  readonly name: string;
  readonly kind: string;
  readonly path: string;
  readonly manifest: string;
  readonly events: readonly string[];
  readonly weight: number;
}

/** HOOK_EVENTS are the hook event names Helm knows (`test-success` = legacy alias of `test`). */
const HOOK_EVENTS: ReadonlyMap<string, string> = new Map([
  ['pre-install', 'pre-install'],
  ['post-install', 'post-install'],
  ['pre-delete', 'pre-delete'],
  ['post-delete', 'post-delete'],
  ['pre-upgrade', 'pre-upgrade'],
  ['post-upgrade', 'post-upgrade'],
  ['pre-rollback', 'pre-rollback'],
  ['post-rollback', 'post-rollback'],
  ['test', 'test'],
  ['test-success', 'test'],
]);

const INSTALL_ORDER_V3 = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy',
  'PodDisruptionBudget', 'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass',
  'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList',
  'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role', 'RoleList', 'RoleBinding', 'RoleBindingList',
  'Service', 'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler',
  'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService',
];

/** installOrder is releaseutil.InstallOrder for the Helm version (v4 adds the webhook kinds). */
export function installOrder(helmVersion: HelmVersion): readonly string[] {
  return helmVersion === 3
    ? INSTALL_ORDER_V3
    : [...INSTALL_ORDER_V3, 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];
}

function byteLess(a: string, b: string): boolean {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')) < 0;
}

/** sortByKind is Helm's stable sort by InstallOrder; unknown kinds go last, alphabetically. */
export function sortByKind<T>(items: readonly T[], kindOf: (t: T) => string, helmVersion: HelmVersion): T[] {
  const order = new Map(installOrder(helmVersion).map((k, i) => [k, i]));
  const less = (a: string, b: string): boolean => {
    const x = order.get(a);
    const y = order.get(b);
    if (x === undefined && y === undefined) return a !== b ? byteLess(a, b) : false;
    if (x === undefined) return false;
    if (y === undefined) return true;
    return x < y;
  };
  // Array.prototype.sort is stable (ES2019), as Go's sort.SliceStable.
  return [...items].sort((a, b) => {
    const ka = kindOf(a);
    const kb = kindOf(b);
    if (less(ka, kb)) return -1;
    if (less(kb, ka)) return 1;
    return 0;
  });
}

/** SortResult is SortManifests' output, or its error (Helm keeps the hooks found so far). */
export interface SortResult {
  readonly hooks: Hook[];
  readonly manifests: Manifest[];
  /** `YAML parse error on <file>: ...` when a document's head does not decode. */
  readonly error?: string;
  /** Log lines Helm prints on stderr while sorting (unknown hook events). */
  readonly logs: string[];
}

/** SortOptions configures sortManifests. */
export interface SortOptions {
  readonly helmVersion: HelmVersion;
  readonly yamlToJson?: YamlToJson;
}

/**
 * sortManifests is releaseutil.SortManifests: files in byte order of their path (partials and
 * blank files skipped), documents in file order, hooks separated, both sorted by kind.
 */
export function sortManifests(files: ReadonlyMap<string, string>, opts: SortOptions): SortResult {
  const paths = [...files.keys()].sort((a, b) => (byteLess(a, b) ? -1 : byteLess(b, a) ? 1 : 0));
  const hooks: Hook[] = [];
  const generic: Manifest[] = [];
  const logs: string[] = [];
  for (const path of paths) {
    const content = files.get(path) ?? '';
    const base = path.slice(path.lastIndexOf('/') + 1);
    if (base.startsWith('_')) continue;
    if (goTrimSpace(content) === '') continue;
    for (const m of splitManifests(content)) {
      let head: SimpleHead;
      try {
        // go-yaml rejects control characters and invalid UTF-8 before parsing anything.
        const r = readManifestHead(m, opts.helmVersion, opts.yamlToJson);
        if ('readerProblem' in r) {
          return { hooks, manifests: generic, error: `YAML parse error on ${path}: error converting YAML to JSON: yaml: ${r.readerProblem}`, logs };
        }
        head = r;
      } catch (e) {
        const msg = e instanceof HeadError ? e.message : String(e);
        return { hooks, manifests: generic, error: `YAML parse error on ${path}: ${msg}`, logs };
      }
      const annotations = head.metadata?.annotations;
      const hookTypes = annotations?.get('helm.sh/hook');
      if (!annotations || annotations.size === 0 || hookTypes === undefined) {
        generic.push({ name: path, content: m, head });
        continue;
      }
      const events: string[] = [];
      let unknown = false;
      for (const raw of hookTypes.split(',')) {
        const ev = HOOK_EVENTS.get(goTrimSpace(raw).toLowerCase());
        if (ev === undefined) {
          unknown = true;
          break;
        }
        events.push(ev);
      }
      if (unknown) {
        // Helm drops the whole document and only logs it.
        logs.push(
          opts.helmVersion === 3
            ? `manifest_sorter.go:190: info: skipping unknown hook: ${quote(hookTypes)}`
            : `level=INFO msg="skipping unknown hooks" hookTypes=${slogValue(hookTypes)}`,
        );
        continue;
      }
      const w = Number.parseInt(annotations.get('helm.sh/hook-weight') ?? '', 10);
      hooks.push({
        name: head.metadata?.name ?? '',
        kind: head.kind,
        path,
        manifest: m,
        events,
        weight: Number.isNaN(w) ? 0 : w,
      });
    }
  }
  return {
    hooks: sortByKind(hooks, (h) => h.kind, opts.helmVersion),
    manifests: sortByKind(generic, (m) => m.head.kind, opts.helmVersion),
    logs,
  };
}

/** CrdFile is one file of a chart's crds/ directory (Chart.CRDObjects order). */
export interface CrdFile {
  /** Path as Helm prints it, e.g. "mychart/charts/sub/crds/s.yaml". */
  readonly filename: string;
  readonly data: string;
}

/** FileWrite is one write Helm's --output-dir makes (append=false truncates). */
export interface FileWrite {
  readonly path: string;
  readonly data: string;
  readonly append: boolean;
}

/** OutputFS is what --output-dir needs from the file system. */
export interface OutputFS {
  exists(path: string): boolean;
  /** write makes one write; it returns Go's error text (`open out/x: is a directory`) on failure. */
  write(w: FileWrite): string | undefined;
}

/** RenderResourcesInput is what action.renderResources needs after the engine ran. */
export interface RenderResourcesInput {
  readonly helmVersion: HelmVersion;
  /** Engine output: full path → rendered text (partials not included). */
  readonly files: ReadonlyMap<string, string>;
  /** Root chart name (for the NOTES.txt path). */
  readonly chartName: string;
  readonly includeCrds: boolean;
  readonly crds: readonly CrdFile[];
  readonly outputDir: string;
  readonly useReleaseName: boolean;
  readonly releaseName: string;
  readonly yamlToJson?: YamlToJson;
  readonly out?: OutputFS;
}

/** RenderResourcesResult is renderResources' (hooks, manifest buffer, error) plus side output. */
export interface RenderResourcesResult {
  readonly hooks: Hook[];
  /** The release manifest text (`rel.Manifest`). */
  readonly manifest: string;
  readonly notes: string;
  readonly error?: string;
  /** stdout lines printed directly while writing --output-dir files ("wrote ..."). */
  readonly stdout: string;
  /** stderr log lines. */
  readonly logs: string[];
}

/** WriteResult is writeToFile's "wrote PATH" line, or the error that stopped the write. */
export type WriteResult = { readonly stdout: string; readonly error?: undefined } | { readonly stdout?: undefined; readonly error: string };

/**
 * leavesDir reports whether `name` (a '/'-separated path joined under a directory) climbs above
 * that directory: a Helm 3 chart named ".." gives `out/../templates/x.yaml`.
 */
export function leavesDir(name: string): boolean {
  let depth = 0;
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    depth += part === '..' ? -1 : 1;
    if (depth < 0) return true;
  }
  return false;
}

/**
 * writeToFile is cmd/template.go's writeToFile: one `---\n# Source:` block per call. Unlike
 * Helm 3 (which writes `out/../templates/x.yaml` for a chart named ".."), nothing is ever
 * written outside the output directory: such a path is an error.
 */
export function writeToFile(out: OutputFS | undefined, outputDir: string, name: string, data: string, append: boolean): WriteResult {
  const path = `${outputDir}/${name}`;
  if (leavesDir(name)) return { error: `refusing to write ${path}: the path is outside the output directory ${quote(outputDir)}` };
  const err = out?.write({ path, data: `---\n# Source: ${name}\n${data}\n`, append });
  if (err !== undefined) return { error: err };
  return { stdout: `wrote ${path}\n` };
}

function joinPath(a: string, b: string): string {
  // filepath.Join: clean join (enough for a directory plus a release name).
  const parts = `${a}/${b}`.split('/').filter((p, i) => p !== '' || i === 0);
  const s = parts.join('/');
  return s === '' ? '.' : s;
}

/**
 * renderResources is the part of action.renderResources after engine.Render: NOTES.txt removed,
 * documents sorted, CRDs (with --include-crds) then manifests printed as `---\n# Source:` blocks,
 * or written to --output-dir. On a YAML head error the manifest holds every non-empty rendered
 * file, unsorted, for --debug.
 */
export function renderResources(input: RenderResourcesInput): RenderResourcesResult {
  const files = new Map(input.files);
  let notes = '';
  for (const [k, v] of input.files) {
    if (k.endsWith('NOTES.txt')) {
      if (k === `${input.chartName}/templates/NOTES.txt`) {
        if (notes.length > 0) notes += '\n';
        notes += v;
      }
      files.delete(k);
    }
  }
  const sorted = sortManifests(files, { helmVersion: input.helmVersion, yamlToJson: input.yamlToJson });
  if (sorted.error !== undefined) {
    let b = '';
    // Go ranges over a map here (random order); we use the engine's order.
    for (const [name, content] of files) {
      if (goTrimSpace(content) === '') continue;
      b += `---\n# Source: ${name}\n${content}\n`;
    }
    return { hooks: sorted.hooks, manifest: b, notes: '', error: sorted.error, stdout: '', logs: sorted.logs };
  }
  let b = '';
  let stdout = '';
  const written = new Set<string>();
  if (input.includeCrds) {
    for (const crd of input.crds) {
      if (input.outputDir === '') {
        b += `---\n# Source: ${crd.filename}\n${crd.data}\n`;
      } else {
        const w = writeToFile(input.out, input.outputDir, crd.filename, crd.data, written.has(crd.filename));
        if (w.error !== undefined) return { hooks: sorted.hooks, manifest: b, notes: '', error: w.error, stdout, logs: sorted.logs };
        stdout += w.stdout;
        written.add(crd.filename);
      }
    }
  }
  for (const m of sorted.manifests) {
    if (input.outputDir === '') {
      b += `---\n# Source: ${m.name}\n${m.content}\n`;
    } else {
      const dir = input.useReleaseName ? joinPath(input.outputDir, input.releaseName) : input.outputDir;
      const w = writeToFile(input.out, dir, m.name, m.content, written.has(m.name));
      if (w.error !== undefined) return { hooks: sorted.hooks, manifest: b, notes: '', error: w.error, stdout, logs: sorted.logs };
      stdout += w.stdout;
      written.add(m.name);
    }
  }
  return { hooks: sorted.hooks, manifest: b, notes, stdout, logs: sorted.logs };
}

/** PrintOptions are the cmd/template.go options that shape stdout. */
export interface PrintOptions {
  readonly noHooks: boolean;
  readonly skipTests: boolean;
  readonly showOnly: readonly string[];
  readonly outputDir: string;
  readonly useReleaseName: boolean;
  readonly releaseName: string;
  readonly out?: OutputFS;
}

/** PrintResult is what the template command prints, or its --show-only error. */
export interface PrintResult {
  readonly stdout: string;
  readonly error?: string;
}

/**
 * printTemplateOutput is cmd/template.go after runInstall: TrimSpace(manifest) + "\n", then hooks
 * (unless --no-hooks; test hooks skipped with --skip-tests), then the --show-only filter.
 */
export function printTemplateOutput(manifest: string, hooks: readonly Hook[], opts: PrintOptions): PrintResult {
  let manifests = goTrimSpace(manifest) + '\n';
  let direct = '';
  if (!opts.noHooks) {
    const written = new Set<string>();
    for (const h of hooks) {
      if (opts.skipTests && h.events.includes('test')) continue;
      if (opts.outputDir === '') {
        manifests += `---\n# Source: ${h.path}\n${h.manifest}\n`;
      } else {
        const dir = opts.useReleaseName ? joinPath(opts.outputDir, opts.releaseName) : opts.outputDir;
        // Helm appends when the file already exists on disk (written above or by an earlier run).
        if (opts.out?.exists(`${dir}/${h.path}`)) written.add(h.path);
        const w = writeToFile(opts.out, dir, h.path, h.manifest, written.has(h.path));
        if (w.error !== undefined) return { stdout: direct, error: w.error };
        direct += w.stdout;
      }
    }
  }
  if (opts.showOnly.length > 0) {
    const split = splitManifests(manifests);
    const re = /# Source: [^/]+\/(.+)/;
    let out = direct;
    const toRender: string[] = [];
    for (const raw of opts.showOnly) {
      const f = raw;
      let missing = true;
      for (const m of split) {
        const sub = re.exec(m);
        if (sub === null) continue;
        if (!filepathMatch(f, sub[1])) continue;
        toRender.push(m);
        missing = false;
      }
      if (missing) return { stdout: direct, error: `could not find template ${f} in chart` };
    }
    for (const m of toRender) out += `---\n${m}\n`;
    return { stdout: out };
  }
  return { stdout: direct + manifests };
}
