// Fixture charts built in memory for analysis tests, with a `$0` cursor marker helper.
import { memoryHost } from '../../server/src/analysis/host';
import { Workspace } from '../../server/src/analysis/snapshot';

/** ROOT is the absolute directory of the fixture chart. */
export const ROOT = '/ws/mychart';

/** BASE_FILES is a chart with nested values, a subchart, a library chart and helpers. */
export const BASE_FILES: Readonly<Record<string, string>> = {
  [`${ROOT}/Chart.yaml`]: 'apiVersion: v2\nname: mychart\nversion: 0.1.0\ndependencies:\n  - name: sub\n    version: 0.1.0\n  - name: common\n    version: 1.0.0\n',
  [`${ROOT}/values.yaml`]: [
    'image:',
    '  repository: nginx',
    '  tag: "1.25"',
    'imagePullSecrets: []',
    'replicaCount: 2',
    'ports:',
    '  - name: http',
    '    port: 80',
    'global:',
    '  env: prod',
    'sub:',
    '  enabled: true',
    '  extra: fromParent',
    '',
  ].join('\n'),
  [`${ROOT}/templates/_helpers.tpl`]: '{{- define "mychart.name" -}}\n{{ .Chart.Name }}\n{{- end }}\n{{- define "mychart.labels" -}}\napp: {{ include "mychart.name" . }}\n{{- end }}\n',
  [`${ROOT}/templates/deployment.yaml`]: 'kind: Deployment\nreplicas: {{ .Values.replicaCount }}\n',
  [`${ROOT}/charts/sub/Chart.yaml`]: 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
  [`${ROOT}/charts/sub/values.yaml`]: 'enabled: false\nservice:\n  port: 8080\n',
  [`${ROOT}/charts/sub/templates/svc.yaml`]: 'port: {{ .Values.service.port }}\n',
  [`${ROOT}/charts/common/Chart.yaml`]: 'apiVersion: v2\nname: common\nversion: 1.0.0\ntype: library\n',
  [`${ROOT}/charts/common/templates/_names.tpl`]: '{{- define "common.fullname" -}}\n{{ .Release.Name }}-{{ .Chart.Name }}\n{{- end }}\n',
};

/** withCursor splits a text with a `$0` marker into text and offset. */
export function withCursor(src: string): { text: string; offset: number } {
  const offset = src.indexOf('$0');
  if (offset < 0) throw new Error('no $0 cursor marker in ' + JSON.stringify(src));
  return { text: src.slice(0, offset) + src.slice(offset + 2), offset };
}

/** openAt builds a workspace over the fixture and opens `text` as `file` (relative to ROOT). */
export function openAt(src: string, file = 'templates/test.yaml', extra: Record<string, string> = {}): { ws: Workspace; path: string; offset: number; text: string } {
  const { text, offset } = withCursor(src);
  const files: Record<string, string> = { ...BASE_FILES };
  for (const [k, v] of Object.entries(extra)) files[`${ROOT}/${k}`] = v;
  const ws = new Workspace(memoryHost(files));
  const path = `${ROOT}/${file}`;
  ws.openDocument(path, 1, text);
  return { ws, path, offset, text };
}
