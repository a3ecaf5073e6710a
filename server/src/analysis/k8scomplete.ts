// Completion of Kubernetes manifest keys in template text (outside `{{ }}`): the fields of the
// object at the cursor's schema path (type, required marker, description), enum values of a
// scalar field after `key: `, snippets for common blocks (a container, resources, probes), and the
// top-level `kind:`/`apiVersion:` values (k8skinds.ts).
import type { K8sField, K8sObjectType, K8sType } from '../k8s/model';
import { kindValueCompletions } from './k8skinds';
import { resourceAt } from './k8spos';
import { kubeSchemas } from './k8sschemas';
import { objectOf, resolvePath, typeText } from './k8swalk';
import { code, text as mdText } from './mdsafe';
import type { Snapshot } from './snapshot';
import type { CompletionEntry, Span } from './types';

/** wordSpan is the key or value word around `offset` on its line. */
function wordSpan(text: string, offset: number): Span {
  let s = offset;
  while (s > 0 && /[A-Za-z0-9_.\-/]/.test(text[s - 1])) s--;
  let e = offset;
  while (e < text.length && /[A-Za-z0-9_.\-/]/.test(text[e])) e++;
  return { start: s, end: e };
}

function isScalar(t: K8sType): boolean {
  return t.t !== 'object' && t.t !== 'array' && t.t !== 'map';
}

/** keyInsert is the text inserted for a field: `name: ` for scalars, a nested block for objects and lists. */
function keyInsert(f: K8sField, lookup: (t: K8sType) => K8sObjectType | undefined): string {
  const t = f.type;
  const name = f.name.replace(/[$}\\]/g, '\\$&');
  if (t.t === 'array') return lookup(t.items) !== undefined ? `${name}:\n  - $0` : `${name}:\n  - $0`;
  if (t.t === 'object' || t.t === 'map') return `${name}:\n  $0`;
  return `${name}: $0`;
}

function fieldDoc(f: K8sField, owner: K8sObjectType): string {
  const head = `${code(f.name)}: ${code(typeText(f.type))}${f.required ? ' — **required**' : ''} (in ${code(shortName(owner.name))})`;
  return f.description !== '' ? `${head}\n\n${mdText(f.description)}` : head;
}

function shortName(ref: string): string {
  const i = ref.lastIndexOf('.');
  return i >= 0 ? ref.slice(i + 1) : ref;
}

/** Snippet is a common block offered where its field is. */
interface Snippet {
  readonly field: string;
  readonly label: string;
  readonly body: string;
}

const SNIPPETS: readonly Snippet[] = [
  { field: 'containers', label: 'containers: a container with name, image, ports', body: 'containers:\n  - name: ${1:app}\n    image: ${2:nginx:1.27}\n    ports:\n      - name: ${3:http}\n        containerPort: ${4:80}\n        protocol: TCP\n$0' },
  { field: 'resources', label: 'resources: requests and limits', body: 'resources:\n  requests:\n    cpu: ${1:100m}\n    memory: ${2:128Mi}\n  limits:\n    memory: ${3:256Mi}\n$0' },
  ...['livenessProbe', 'readinessProbe', 'startupProbe'].map((p) => ({
    field: p,
    label: `${p}: HTTP GET probe`,
    body: `${p}:\n  httpGet:\n    path: \${1:/healthz}\n    port: \${2:http}\n  initialDelaySeconds: \${3:5}\n  periodSeconds: \${4:10}\n$0`,
  })),
];

/** CONTAINER_BODY is offered as the first item of a containers list (under `- `). */
const CONTAINER_BODY = 'name: ${1:app}\nimage: ${2:nginx:1.27}\nports:\n  - name: ${3:http}\n    containerPort: ${4:80}\n    protocol: TCP\n$0';

/** kubeCompletions proposes manifest keys/values at `offset` (template text outside actions), or undefined when no schema applies. */
export function kubeCompletions(snap: Snapshot, path: string, offset: number): CompletionEntry[] | undefined {
  const text = snap.text(path);
  const dc = snap.docChart(path);
  if (text === undefined || dc === undefined) return undefined;
  const at = resourceAt(snap, path, offset);
  if (at === undefined) return undefined;
  const top = at.spot.where === 'value' && at.spot.parents.length === 0 && (at.spot.key === 'kind' || at.spot.key === 'apiVersion') ? at.spot.key : undefined;
  if (top !== undefined) {
    const doc = { ...(at.apiVersion !== undefined ? { apiVersion: at.apiVersion } : {}), ...(at.kind !== undefined ? { kind: at.kind } : {}) };
    return kindValueCompletions(kubeSchemas(snap, dc.model), top, doc, wordSpan(text, offset));
  }
  if (at.apiVersion === undefined || at.kind === undefined) return undefined;
  const schemas = kubeSchemas(snap, dc.model);
  const root = schemas.resource(at.apiVersion, at.kind);
  if (root === undefined) return undefined;
  const { spot } = at;
  const replace = wordSpan(text, offset);
  if (spot.where === 'value') {
    const r = resolvePath(schemas, root, [...spot.parents, spot.key]);
    if (r?.type === undefined || !isScalar(r.type)) return [];
    const values = r.type.t === 'boolean' ? ['true', 'false'] : (r.type.t !== 'object' && r.type.t !== 'array' && r.type.t !== 'map' ? (r.type.enum ?? []) : []).map(String);
    return values.map((v, i) => ({ label: v, kind: 'value' as const, detail: typeText(r.type as K8sType), replace, sortText: String(i).padStart(4, '0') }));
  }
  const container = resolvePath(schemas, root, spot.parents);
  const obj = container?.object;
  if (obj === undefined) return [];
  const out: CompletionEntry[] = [];
  const present = siblingKeys(text, offset, spot.indent);
  const lookup = (t: K8sType): K8sObjectType | undefined => objectOf(schemas, t);
  for (const f of obj.fields.values()) {
    if (present.has(f.name) && f.name !== spot.key) continue;
    out.push({
      label: f.name,
      kind: 'field',
      detail: `${typeText(f.type)}${f.required ? ' (required)' : ''}`,
      documentation: fieldDoc(f, obj),
      insertText: keyInsert(f, lookup),
      snippet: true,
      replace,
      // Required fields first, then alphabetical.
      sortText: `${f.required ? '0' : '1'}${f.name}`,
    });
  }
  for (const s of SNIPPETS) {
    if (!obj.fields.has(s.field) || present.has(s.field)) continue;
    out.push({ label: s.label, kind: 'snippet', insertText: s.body, snippet: true, replace, sortText: `2${s.field}`, detail: 'snippet' });
  }
  // The first key of a new item of a containers list: the whole container.
  const last = spot.parents[spot.parents.length - 1];
  const owner = spot.parents[spot.parents.length - 2];
  if (typeof last === 'number' && (owner === 'containers' || owner === 'initContainers') && present.size === 0) {
    out.push({ label: 'container: name, image, ports', kind: 'snippet', insertText: CONTAINER_BODY, snippet: true, replace, sortText: '2~container', detail: 'snippet' });
  }
  return out;
}

/**
 * siblingKeys lists the keys already written in the mapping at column `indent` around the
 * cursor's line (template text: lines up and down until one is less indented).
 */
function siblingKeys(text: string, offset: number, indent: number): Set<string> {
  const out = new Set<string>();
  const ls = text.lastIndexOf('\n', offset - 1) + 1;
  const scan = (from: number, dir: 1 | -1): void => {
    let i = from;
    for (let n = 0; n < 500; n++) {
      let s: number;
      let e: number;
      if (dir < 0) {
        if (i <= 0) return;
        e = i - 1;
        s = text.lastIndexOf('\n', e - 1) + 1;
        i = s;
      } else {
        if (i >= text.length) return;
        s = i;
        e = text.indexOf('\n', s);
        if (e < 0) e = text.length;
        i = e + 1;
      }
      const line = text.slice(s, e);
      if (line.trim() === '' || /^\s*(\{\{[\s\S]*?\}\}\s*)+$/.test(line) || line.trimStart().startsWith('#')) continue;
      const lead = line.length - line.trimStart().length;
      const dash = /^(\s*)- /.exec(line);
      if (lead < indent) {
        // The item's own first line (`- name: x`) belongs to the mapping too.
        if (dash !== null && dash[0].length === indent) {
          const m = /^([A-Za-z0-9_.\-/]+)\s*:/.exec(line.slice(indent));
          if (m !== null) out.add(m[1]);
        }
        return;
      }
      if (lead > indent) continue;
      const m = /^([A-Za-z0-9_.\-/]+)\s*:/.exec(line.slice(indent));
      if (m !== null) out.add(m[1]);
    }
  };
  scan(ls, -1);
  const le = text.indexOf('\n', offset);
  if (le >= 0) scan(le + 1, 1);
  return out;
}
