// The Kubernetes schemas that apply to a chart: the built-in set of the configured Kubernetes
// version (`chartwright.kubeVersion` → schemaVersionFor), the CRDs of the chart's `crds/`
// folders (its dependencies' too) and the CustomResourceDefinitions the last render produced
// (their `openAPIV3Schema` validates the chart's custom resources), and user JSON Schemas for
// single templates: a `# yaml-language-server: $schema=<path>` modeline and the
// `chartwright.schemas` setting (glob → file). User files are read through the trust rules
// (valuesfiles.ts); no URL is ever fetched.
import * as posix from 'node:path/posix';
import { crdSchemaSet, layered } from '../k8s/crd';
import { type JsonSchemaModel, jsonSchemaModel } from '../k8s/jsonschema';
import { crdObjects } from '../render/pipeline';
import type { K8sObjectType, SchemaSet } from '../k8s/model';
import { schemaSet } from '../k8s/store';
import { schemaVersionFor } from '../k8s/versions';
import { globMatcher } from '../helm/glob';
import { unmarshalJSONValue } from './k8sjson';
import { lazyDocument } from './k8slazyyaml';
import type { Chart } from '../chart/loader';
import type { ChartModel } from './model';
import { documents } from './rendered';
import type { RenderOutcome, Snapshot } from './snapshot';
import { readSettingFile } from './valuesfiles';

/** KubeSchemas is every schema that applies to one chart's manifests. */
export interface KubeSchemas extends SchemaSet {
  /** key identifies the inputs (memo key of validation results). */
  readonly key: string;
  /** builtinKey identifies the inputs but the CRDs: the results of documents of built-in kinds only depend on no more. */
  readonly builtinKey: string;
  /** builtin: the built-in set of the configured version (which kinds the CRDs cannot change). */
  readonly builtin: SchemaSet;
  /** common: the set of every template without a user schema (what forFile returns for those). */
  readonly common: SchemaSet;
  /** forFile: the set for the documents of the template at an absolute path (a user schema for it wins); `text`: its text when the caller has it (else read). */
  forFile(path: string, text?: string): SchemaSet;
  /** problems: user schema entries that could not be used (refused, unreadable, not a schema), by template path. */
  readonly userErrors: ReadonlyMap<string, string>;
}

/** CrdDoc is one CustomResourceDefinition document of a YAML text, with the kind it defines when a cheap scan finds it. */
interface CrdDoc {
  readonly text: string;
  readonly kind: string | undefined;
}

const NAMES_KIND = /^([ \t]+)names:[ \t]*\n((?:\1[ \t]+.*\n|[ \t]*\n)*)/m;

/** crdKindOf reads `spec.names.kind` from a CRD document's text (undefined when the layout is not the usual one). */
function crdKindOf(doc: string): string | undefined {
  const m = NAMES_KIND.exec(doc);
  if (m === null) return undefined;
  const k = /^[ \t]+kind:[ \t]*["']?([A-Za-z0-9]+)["']?[ \t]*$/m.exec(m[2]);
  return k === null ? undefined : k[1];
}

/** crdDocs lists the CustomResourceDefinition documents of YAML texts (memoized per text: CRDs are big and rarely change). */
const crdDocMemo = new Map<string, CrdDoc[]>();
function crdDocs(text: string): CrdDoc[] {
  const hit = crdDocMemo.get(text);
  if (hit !== undefined) return hit;
  const out: CrdDoc[] = [];
  for (const d of documents(text)) {
    if (/^kind:\s*["']?CustomResourceDefinition\b/m.test(d.text)) out.push({ text: d.text, kind: crdKindOf(d.text) });
  }
  if (crdDocMemo.size > 64) crdDocMemo.clear();
  crdDocMemo.set(text, out);
  return out;
}

/**
 * decodedCrd decodes one CRD document (memoized per text): lazily (k8slazyyaml.ts: only the schema
 * nodes validation reads are decoded), or whole when the lazy scan does not follow the text.
 */
const decodedMemo = new Map<string, unknown>();
function decodedCrd(doc: CrdDoc): unknown[] {
  let v = decodedMemo.get(doc.text);
  if (v === undefined && !decodedMemo.has(doc.text)) {
    v = lazyDocument(doc.text) ?? unmarshalJSONValue(doc.text);
    if (decodedMemo.size > 256) decodedMemo.clear();
    decodedMemo.set(doc.text, v);
  }
  return v === undefined ? [] : [v];
}

/**
 * lazyCrds converts the CRDs on first use, per kind: a render of built-in kinds only never
 * decodes them, and a custom kind decodes only the CRDs that define it (megabytes in some charts;
 * a CRD whose kind the scan cannot read is decoded for every kind). kinds() converts them all.
 */
function lazyCrds(docs: readonly CrdDoc[], builtin: SchemaSet): SchemaSet {
  const byKind = new Map<string, SchemaSet>();
  let all: SchemaSet | undefined;
  const forKind = (kind: string): SchemaSet => {
    let set = byKind.get(kind);
    if (set === undefined) byKind.set(kind, (set = crdSchemaSet(docs.filter((d) => d.kind === undefined || d.kind === kind).flatMap(decodedCrd), builtin)));
    return set;
  };
  const getAll = (): SchemaSet => (all ??= crdSchemaSet(docs.flatMap(decodedCrd), builtin));
  return {
    version: '',
    type: (ref) => {
      for (const set of byKind.values()) {
        const t = set.type(ref);
        if (t !== undefined) return t;
      }
      return all?.type(ref);
    },
    resource: (apiVersion, kind) => (all ?? forKind(kind)).resource(apiVersion, kind),
    // CRD sets know no lifecycle (k8s/crd.ts): asking must not convert them.
    apiStatus: () => ({}),
    kinds: () => getAll().kinds(),
  };
}

/** userSet makes a converted JSON Schema the type of every document it applies to. */
function userSet(m: JsonSchemaModel): SchemaSet {
  return { version: '', type: (ref) => m.type(ref), resource: () => m.rootObject, apiStatus: () => ({}), kinds: () => [] };
}

const MODELINE = /^#\s*yaml-language-server:\s*\$schema=(\S+)/m;

/** userSchemaFor finds the user schema file of a template: its modeline first, then the setting's first matching glob. */
export function userSchemaFor(snap: Snapshot, root: string, path: string, text: string | undefined): { file: string; entry: string } | undefined {
  const m = text !== undefined && text.includes('yaml-language-server') ? MODELINE.exec(text) : null;
  if (m !== null) {
    const ref = m[1];
    // Files only: URLs are not fetched.
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !ref.startsWith('file:')) return undefined;
    const p = ref.startsWith('file://') ? decodeURIComponent(ref.slice('file://'.length)) : ref;
    return { file: posix.isAbsolute(p) ? posix.normalize(p) : posix.join(posix.dirname(path), p), entry: `the $schema modeline ${JSON.stringify(ref)}` };
  }
  const rel = posix.relative(root, path);
  for (const [glob, file] of Object.entries(snap.settings.schemas)) {
    if (globMatcher(glob)(rel)) return { file: posix.isAbsolute(file) ? posix.normalize(file) : posix.join(root, file), entry: `chartwright.schemas ${JSON.stringify(glob)}` };
  }
  return undefined;
}

/** CRD sets by their source texts (a render's CRDs are new strings with the same text: compared, not hashed). */
const crdSets: Array<{ readonly texts: readonly string[]; readonly builtin: SchemaSet; readonly set: SchemaSet; readonly id: number }> = [];
let crdIds = 0;

function crdSetOf(texts: readonly string[], builtin: SchemaSet): { readonly set: SchemaSet; readonly id: number } | undefined {
  if (texts.length === 0) return undefined;
  const hit = crdSets.find((c) => c.builtin === builtin && c.texts.length === texts.length && c.texts.every((t, i) => t === texts[i]));
  if (hit !== undefined) return hit;
  const made = { texts, builtin, set: lazyCrds(texts.flatMap(crdDocs), builtin), id: ++crdIds };
  crdSets.unshift(made);
  if (crdSets.length > 8) crdSets.pop();
  return made;
}

interface Built {
  readonly key: string;
  readonly schemas: KubeSchemas;
}

const memo = new WeakMap<ChartModel, WeakMap<RenderOutcome | ChartModel, Built>>();

function renderedCrds(outcome: RenderOutcome | undefined): string[] {
  if (outcome === undefined) return [];
  const out: string[] = [];
  for (const f of outcome.files.values()) if (/^kind:\s*["']?CustomResourceDefinition\b/m.test(f.text)) out.push(f.text);
  return out;
}

/** chartCrdTexts: the texts of a chart's crds/ files (its dependencies' too), decoded once per loaded chart (megabytes in some charts). */
const chartCrds = new WeakMap<Chart, readonly string[]>();
function chartCrdTexts(chart: Chart): readonly string[] {
  let hit = chartCrds.get(chart);
  if (hit === undefined) chartCrds.set(chart, (hit = crdObjects(chart).map((c) => c.data)));
  return hit;
}

/** kubeSchemas returns the schemas of the chart of `model` (with the CRDs of `outcome`, by default the last render). */
export function kubeSchemas(snap: Snapshot, model: ChartModel, outcome: RenderOutcome | undefined = snap.lastRender(model)): KubeSchemas {
  const version = schemaVersionFor(snap.settings.kubeVersion);
  const userKey = JSON.stringify(snap.settings.schemas) + (snap.settings.trust.trusted ? 'T' : 'U');
  const key = `${version}|${model.key}|${userKey}`;
  let byOutcome = memo.get(model);
  if (byOutcome === undefined) {
    byOutcome = new WeakMap();
    memo.set(model, byOutcome);
  }
  const slot = outcome ?? model;
  const hit = byOutcome.get(slot);
  if (hit !== undefined && hit.key === key) return hit.schemas;
  const builtin = schemaSet(version);
  const crdTexts = model.chart !== undefined ? [...chartCrdTexts(model.chart)] : [];
  crdTexts.push(...renderedCrds(outcome));
  const crds = crdSetOf(crdTexts, builtin);
  const sets: SchemaSet[] = crds !== undefined ? [builtin, crds.set] : [builtin];
  const base = layered(version, ...sets);
  const perFile = new Map<string, SchemaSet>();
  const userErrors = new Map<string, string>();
  const userSets = new Map<string, SchemaSet | string>();
  const schemas: KubeSchemas = {
    ...base,
    key: `${key}|crd${crds?.id ?? 0}`,
    builtinKey: key,
    builtin,
    common: base,
    userErrors,
    forFile(path: string, text?: string): SchemaSet {
      const hitFile = perFile.get(path);
      if (hitFile !== undefined) return hitFile;
      let set: SchemaSet = base;
      const u = userSchemaFor(snap, model.root, path, text ?? snap.text(path));
      if (u !== undefined) {
        let got = userSets.get(u.file);
        if (got === undefined) {
          const r = readSettingFile(snap.host, model.root, snap.settings, u.file);
          if ('bytes' in r) {
            try {
              got = userSet(jsonSchemaModel(JSON.parse(new TextDecoder().decode(r.bytes)) as unknown, `user:${u.file}`));
            } catch (e) {
              got = `${u.entry}: ${u.file} is not a JSON Schema (${e instanceof Error ? e.message : String(e)})`;
            }
          } else got = `${u.entry}: ${u.file} was not read: ${'missing' in r ? 'no such file' : r.refused}`;
          userSets.set(u.file, got);
        }
        if (typeof got === 'string') userErrors.set(path, got);
        else set = withUserRoot(base, got);
      }
      perFile.set(path, set);
      return set;
    },
  };
  byOutcome.set(slot, { key, schemas });
  return schemas;
}

/** withUserRoot validates every document of a file against a user schema's root type, keeping the built-in types for lookups. */
function withUserRoot(base: SchemaSet, user: SchemaSet): SchemaSet {
  const root: K8sObjectType | undefined = user.resource('', '');
  return {
    ...layered(base.version, user, base),
    resource: (apiVersion, kind) => root ?? user.resource(apiVersion, kind) ?? base.resource(apiVersion, kind),
    apiStatus: (apiVersion, kind) => base.apiStatus(apiVersion, kind),
  };
}
