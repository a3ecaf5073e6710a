// Shared fixtures of the files' output reuse tests (the daemon's memory, test/cli/daemon-reuse*.test.ts,
// and the one-shot disk cache, test/cli/disk-reuse*.test.ts): a small chart written into temporary
// folders, the changes made to it between runs, the nondeterministic functions, the ways a file
// changes shared state, and the corpus rows where nothing can be reused.
import { lstatSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** folderId is the `dev:ino` a client sends with its working directory (bin/daemon-client.js). */
export function folderId(dir: string): string {
  const st = lstatSync(dir);
  return `${st.dev}:${st.ino}`;
}

const roots: string[] = [];

/** removeCharts removes every folder writeChart made (call it from `after`). */
export function removeCharts(): void {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
}

/** tempFolder is a new temporary folder, removed by removeCharts. */
export function tempFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  roots.push(dir);
  return dir;
}

// The chart: files in the parent's templates run in Helm's order (deepest path first, then
// reverse alphabetical): the subchart's, z-*, y-random, m-set (sets .Values.computed), a-*.
export const CHART: Readonly<Record<string, string>> = {
  'parent/Chart.yaml': 'apiVersion: v2\nname: parent\nversion: 0.1.0\nappVersion: "1.0"\ndependencies:\n  - name: sub\n    version: 0.2.0\n',
  'parent/values.yaml': 'greeting: hello\nreplicas: 1\nsub:\n  color: blue\n',
  'parent/files/note.txt': 'note one\n',
  'parent/templates/_helpers.tpl':
    '{{- define "parent.name" -}}{{ .Chart.Name }}-{{ .Values.greeting }}{{- end -}}\n' +
    '{{- define "parent.labels" -}}app: {{ include "parent.name" . }}\nversion: {{ .Chart.Version | quote }}{{- end -}}\n',
  'parent/templates/z-configmap.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "parent.name" . }}\n  namespace: {{ .Release.Namespace }}\n  labels:\n    {{- include "parent.labels" . | nindent 4 }}\n' +
    'data:\n  note: {{ .Files.Get "files/note.txt" | quote }}\n  app: {{ .Chart.AppVersion | quote }}\n  kube: {{ .Capabilities.KubeVersion.Version | quote }}\n  extra: {{ .Values.extra | default "none" | quote }}\n',
  'parent/templates/z-deploy.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  replicas: {{ .Values.replicas }}\n',
  'parent/templates/y-random.yaml':
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}-random\nstringData:\n  token: {{ randAlphaNum 12 | quote }}\n  at: {{ now | date "2006-01-02T15:04:05.000000000" | quote }}\n',
  'parent/templates/m-set.yaml': '{{- $_ := set .Values "computed" (printf "%s-%v" .Values.greeting .Values.replicas) -}}\n# computed here\n',
  'parent/templates/a-reader.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: reader\ndata:\n  computed: {{ .Values.computed | quote }}\n',
  'parent/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.2.0\n',
  'parent/charts/sub/values.yaml': 'color: red\nsize: small\n',
  'parent/charts/sub/templates/cm.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-sub\ndata:\n  color: {{ .Values.color }}\n  size: {{ .Values.size }}\n',
  'ci/extra.yaml': 'extra: from-file\n',
};

/** writeChart writes CHART (with `edits`: undefined removes a file) into a new temporary folder. */
export function writeChart(edits: Readonly<Record<string, string | undefined>> = {}): string {
  const root = tempFolder('chartwright-reuse-');
  for (const [p, text] of Object.entries(CHART)) put(root, p, text);
  edit(root, edits);
  return root;
}

function put(root: string, p: string, text: string): void {
  mkdirSync(dirname(join(root, p)), { recursive: true });
  writeFileSync(join(root, p), text);
}

export function edit(root: string, edits: Readonly<Record<string, string | undefined>>): void {
  for (const [p, text] of Object.entries(edits)) {
    if (text === undefined) unlinkSync(join(root, p));
    else put(root, p, text);
  }
}

export const BASE = ['parent', '-f', 'ci/extra.yaml', '--set', 'replicas=2'];

export interface ChangeRow {
  readonly name: string;
  /** files written (undefined: removed) after the warm-up run */
  readonly files?: Readonly<Record<string, string | undefined>>;
  /** argv of the second run (default BASE) */
  readonly argv?: readonly string[];
}

export const CHANGES: readonly ChangeRow[] = [
  { name: 'nothing changed' },
  { name: 'a value in values.yaml', files: { 'parent/values.yaml': 'greeting: bonjour\nreplicas: 1\nsub:\n  color: blue\n' } },
  { name: "a template's text", files: { 'parent/templates/z-deploy.yaml': CHART['parent/templates/z-deploy.yaml'].replace('-web', '-www') } },
  { name: "a define's text in _helpers.tpl", files: { 'parent/templates/_helpers.tpl': CHART['parent/templates/_helpers.tpl'].replace('}}-{{', '}}--{{') } },
  { name: 'a file read by .Files.Get', files: { 'parent/files/note.txt': 'note two\n' } },
  { name: "the -f file's content", files: { 'ci/extra.yaml': 'extra: changed\n' } },
  { name: 'a --set value', argv: ['parent', '-f', 'ci/extra.yaml', '--set', 'replicas=3'] },
  { name: 'Chart.yaml version', files: { 'parent/Chart.yaml': CHART['parent/Chart.yaml'].replace('0.1.0', '0.1.1') } },
  { name: 'Chart.yaml appVersion', files: { 'parent/Chart.yaml': CHART['parent/Chart.yaml'].replace('"1.0"', '"1.1"') } },
  { name: "the subchart's values.yaml", files: { 'parent/charts/sub/values.yaml': 'color: red\nsize: large\n' } },
  { name: 'a new template file', files: { 'parent/templates/z-new.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: new\n' } },
  { name: 'a removed template file', files: { 'parent/templates/z-deploy.yaml': undefined } },
  { name: 'a template that now fails', files: { 'parent/templates/z-deploy.yaml': '{{ fail "no deploy" }}\n' } },
  { name: '--namespace', argv: [...BASE, '--namespace', 'other'] },
  { name: '--kube-version', argv: [...BASE, '--kube-version', '1.29.0'] },
  { name: '--helm-version 3', argv: [...BASE, '--helm-version', '3'] },
];

// Functions whose result is not a function of the inputs: the file calling them is never kept,
// so every run gives a new text where a one-shot run would (`differs`), or asks again.
export const NONDETERMINISTIC: readonly { readonly expr: string; readonly differs: boolean }[] = [
  { expr: 'randAlphaNum 12', differs: true },
  { expr: 'randInt 0 1000000000', differs: true },
  { expr: 'uuidv4', differs: true },
  { expr: 'shuffle "abcdefghijklmnopqrstuvwxyz"', differs: true },
  { expr: 'now | date "2006-01-02T15:04:05.000000000"', differs: true },
  { expr: 'now | unixEpoch', differs: false },
  { expr: 'htpasswd "user" "pass"', differs: true },
  { expr: 'encryptAES "key" "text"', differs: true },
  { expr: 'genPrivateKey "ecdsa" | sha256sum', differs: true },
  { expr: 'lookup "v1" "ConfigMap" "default" "x" | toJson', differs: false },
  { expr: 'getHostByName "localhost"', differs: false },
  { expr: 'include "parent.random" .', differs: true },
];

// Ways a file changes state that later files read. z-mut.yaml runs first among the parent's
// files; y-random reads the state and is run again every time (it reads the random source): if a
// change went unnoticed, z-mut would be reused (not run) and y-random would miss the change.
export const MUTATIONS: readonly { readonly name: string; readonly text: string }[] = [
  { name: 'set .Values', text: '{{- $_ := set .Values "probe" "x" }}' },
  { name: 'set on a variable holding .Values', text: '{{- $v := .Values }}{{- $_ := set $v "probe" "x" }}' },
  { name: 'unset .Values', text: '{{- $_ := unset .Values "greeting" }}' },
  { name: 'set on a nested map of .Values', text: '{{- $_ := set .Values.sub "probe" "x" }}' },
  { name: 'set on a map in a list of .Values', text: '{{- $_ := set (first .Values.items) "probe" "x" }}' },
  { name: 'set on the root context', text: '{{- $_ := set $ "probe" "x" }}' },
  { name: 'set on .Release', text: '{{- $_ := set .Release "probe" "x" }}' },
  { name: 'mergeOverwrite into .Values', text: '{{- $_ := mergeOverwrite .Values (dict "probe" "x") }}' },
  { name: 'merge into a dict holding .Values.sub', text: '{{- $_ := merge (dict "a" .Values.sub) (dict "a" (dict "probe" "x")) }}' },
  { name: 'mustMerge into a dict holding .Values.sub', text: '{{- $_ := mustMerge (dict "a" .Values.sub) (dict "a" (dict "probe" "x")) }}' },
  { name: 'mergeOverwrite into a dict holding .Values.sub', text: '{{- $_ := mergeOverwrite (dict "a" .Values.sub) (dict "a" (dict "color" "x")) }}' },
  { name: 'mustMergeOverwrite two levels down', text: '{{- $_ := mustMergeOverwrite (dict "a" (dict "b" .Values.sub)) (dict "a" (dict "b" (dict "probe" "x"))) }}' },
  { name: 'set inside tpl', text: '{{- tpl "{{ $_ := set .Values \\"probe\\" \\"x\\" }}" . }}' },
  { name: 'set inside an included define', text: '{{- define "parent.mutate" }}{{ $_ := set .Values "probe" "x" }}{{ end }}{{- include "parent.mutate" . }}' },
  { name: 'set through a map added to .Values earlier in the file', text: '{{- $m := dict }}{{- $_ := set .Values "probe" $m }}{{- $_ := set $m "deep" "x" }}' },
];

/**
 * mutationChart writes the chart with z-mut.yaml (run first among the parent's files) holding
 * `text`, and a y-random.yaml (run again every time: it reads the random source) that shows the
 * state z-mut may change: .Values, .Release and the root context.
 */
export function mutationChart(text: string): string {
  return writeChart({
    'parent/values.yaml': `${CHART['parent/values.yaml']}items:\n  - a: 1\n`,
    'parent/templates/z-mut.yaml': `${text}\n# mutated\n`,
    'parent/templates/y-random.yaml':
      'token: {{ randAlphaNum 4 | quote }}\nvalues: {{ .Values | toJson | quote }}\nrelease: {{ .Release.probe | default "none" | quote }}\nroot: {{ .probe | default "none" | quote }}\n',
  });
}

/** reusedCount: entries of `before` still present, as the same objects, in `after` (the files a render reused). */
export function reusedCount(before: ReadonlyMap<string, object>, after: ReadonlyMap<string, object>): number {
  let n = 0;
  for (const [path, e] of before) if (after.get(path) === e) n++;
  return n;
}

// Corpus rows where nothing can be reused: the first file executed (deepest path first, then
// reverse alphabetical order, as Helm sorts them) sets values on a map shared by every later file,
// so every file is run again (incremental.ts: no reuse after a mutation in the same render).
export const NO_REUSE: Readonly<Record<string, string>> = {
  vault: 'every file sets on its context (`set .` in _helpers.tpl)',
  'vault-ha-raft': 'every file sets on its context (`set .` in _helpers.tpl)',
  'istio-base': 'zzz_profile.yaml, executed first, sets .Values',
  'istio-gateway': 'zzz_profile.yaml, executed first, sets .Values',
  'istio-gateway-autoscaling': 'zzz_profile.yaml, executed first, sets .Values',
  'istio-cni': 'zzz_profile.yaml, executed first, sets .Values',
  'istio-ambient': "its subcharts' zzz_profile.yaml, executed first, set .Values",
  'bitnami-redis-sentinel': 'the sentinel files, executed first, set .Values.global.redis.password (_helpers.tpl)',
};
