// Completion of the top-level `kind:` and `apiVersion:` values of a manifest in template text, for
// the configured Kubernetes version (the chart's KubeSchemas: built-in kinds and the chart's
// CRDs). `kind:` offers the kinds of the document's apiVersion when that one is known, else every
// kind; `apiVersion:` offers the group/versions serving the document's kind, else every one. A
// deprecated apiVersion (still served) and, for a known kind, a removed one (from Kubernetes'
// lifecycle table, the one helm lint uses) are marked deprecated with the replacement.
import type { ApiStatus, SchemaSet } from '../k8s/model';
import { isDeprecatedIn, isRemovedIn } from '../k8s/store';
import { DEPRECATIONS_V4 } from '../k8s/deprecations';
import type { CompletionEntry, Span } from './types';

interface Pair {
  readonly apiVersion: string;
  readonly kind: string;
}

/** stability orders GA before beta before alpha (v2 before v1, v1beta2 before v1beta1). */
function stability(apiVersion: string): string {
  const v = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (m === null) return '9';
  const level = m[2] === undefined ? '0' : m[2] === 'beta' ? '1' : '2';
  return `${level}${String(99 - Number(m[1])).padStart(2, '0')}${String(99 - Number(m[3] ?? 0)).padStart(2, '0')}`;
}

/** lifecycleText says what an apiVersion/kind's lifecycle means at minor `version` ('' when nothing applies; the table wins over the data). */
function lifecycleText(s: ApiStatus, version: string): string {
  const use = s.replacement !== undefined ? `; use ${s.replacement.apiVersion} ${s.replacement.kind}` : '';
  if (isRemovedIn(s, version)) return `removed in Kubernetes ${s.removedIn}${use}`;
  if (isDeprecatedIn(s, version)) return `deprecated since Kubernetes ${s.deprecatedIn}${s.removedIn !== undefined ? `, removed in ${s.removedIn}` : ''}${use}`;
  return '';
}

/** removedPairs lists the lifecycle table's apiVersion/kinds not served at the set's version. */
function removedPairs(set: SchemaSet, served: ReadonlySet<string>): Pair[] {
  if (set.version === '') return [];
  return DEPRECATIONS_V4.filter((r) => !served.has(`${r[0]} ${r[1]}`) && isRemovedIn(set.apiStatus(r[0], r[1]), set.version)).map((r) => ({ apiVersion: r[0], kind: r[1] }));
}

function entry(label: string, detail: string, lifecycle: string, order: string, replace: Span): CompletionEntry {
  const marked = lifecycle !== '';
  return {
    label,
    kind: 'value',
    detail: marked ? `${detail} — ${lifecycle}` : detail,
    replace,
    sortText: `${marked ? '1' : '0'}${order}`,
    ...(marked ? { deprecated: true } : {}),
  };
}

/** kindValueCompletions proposes the value of a top-level `kind:` or `apiVersion:`; `doc` holds the document's literal other field. */
export function kindValueCompletions(set: SchemaSet, field: 'kind' | 'apiVersion', doc: { readonly apiVersion?: string; readonly kind?: string }, replace: Span): CompletionEntry[] {
  const all = set.kinds();
  const served = new Set(all.map((p) => `${p.apiVersion} ${p.kind}`));
  const at = set.version !== '' ? ` (Kubernetes ${set.version})` : '';
  const statusOf = (p: Pair): string => lifecycleText(set.apiStatus(p.apiVersion, p.kind), set.version);
  if (field === 'kind') {
    const av = doc.apiVersion;
    const own = all.filter((p) => p.apiVersion === av);
    const gone = av === undefined || own.length > 0 ? [] : removedPairs(set, served).filter((p) => p.apiVersion === av);
    if (own.length > 0 || gone.length > 0) {
      return [...own.map((p) => entry(p.kind, `${p.apiVersion} ${p.kind}${at}`, statusOf(p), p.kind, replace)), ...gone.map((p) => entry(p.kind, `${p.apiVersion} ${p.kind}${at}`, statusOf(p), p.kind, replace))];
    }
    // Every kind, with the group/versions serving it; marked when every one of them is deprecated.
    const byKind = new Map<string, Pair[]>();
    for (const p of all) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
    return [...byKind].map(([kind, ps]) => {
      const sorted = [...ps].sort((a, b) => stability(a.apiVersion).localeCompare(stability(b.apiVersion)));
      const marks = sorted.map((p) => statusOf(p));
      return entry(kind, `${sorted.map((p) => p.apiVersion).join(', ')}${at}`, marks.every((m) => m !== '') ? marks[0] : '', kind, replace);
    });
  }
  const kind = doc.kind;
  const own = all.filter((p) => p.kind === kind);
  if (own.length > 0) {
    const gone = removedPairs(set, served).filter((p) => p.kind === kind);
    return [
      ...own.map((p) => entry(p.apiVersion, `${p.apiVersion} ${p.kind}${at}`, statusOf(p), stability(p.apiVersion) + p.apiVersion, replace)),
      ...gone.map((p) => entry(p.apiVersion, `${p.apiVersion} ${p.kind}${at}`, statusOf(p), stability(p.apiVersion) + p.apiVersion, replace)),
    ];
  }
  // Every served group/version, with its kinds; marked when every kind of it is deprecated.
  const byVersion = new Map<string, Pair[]>();
  for (const p of all) byVersion.set(p.apiVersion, [...(byVersion.get(p.apiVersion) ?? []), p]);
  return [...byVersion].map(([apiVersion, ps]) => {
    const marks = ps.map((p) => statusOf(p));
    const kinds = ps.map((p) => p.kind);
    const list = kinds.length > 4 ? `${kinds.slice(0, 4).join(', ')}, …` : kinds.join(', ');
    return entry(apiVersion, `${list}${at}`, marks.every((m) => m !== '') ? marks[0] : '', apiVersion, replace);
  });
}
