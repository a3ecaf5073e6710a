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
import type { ChartModel } from './model';
import { documents } from './rendered';
import type { RenderOutcome, Snapshot } from './snapshot';
import { readSettingFile } from './valuesfiles';

/** KubeSchemas is every schema that applies to one chart's manifests. */
export interface KubeSchemas extends SchemaSet {
  /** key identifies the inputs (memo key of validation results). */
  readonly key: string;
  /** forFile: the set for the documents of the template at an absolute path (a user schema for it wins). */
  forFile(path: string): SchemaSet;
  /** problems: user schema entries that could not be used (refused, unreadable, not a schema), by template path. */
  readonly userErrors: ReadonlyMap<string, string>;
}

/** decodedCrds decodes the CustomResourceDefinition documents of YAML texts (memoized per text: CRDs are big and rarely change). */
const crdDocs = new Map<string, unknown[]>();
function decodedCrds(text: string): unknown[] {
  const hit = crdDocs.get(text);
  if (hit !== undefined) return hit;
  const out: unknown[] = [];
  for (const d of documents(text)) {
    if (!/^kind:\s*["']?CustomResourceDefinition\b/m.test(d.text)) continue;
    const v = unmarshalJSONValue(d.text);
    if (v !== undefined) out.push(v);
  }
  if (crdDocs.size > 64) crdDocs.clear();
  crdDocs.set(text, out);
  return out;
}

/** lazy converts the CRDs on first use: a render of built-in kinds only never decodes them (megabytes in some charts). */
function lazy(make: () => SchemaSet): SchemaSet {
  let set: SchemaSet | undefined;
  const get = (): SchemaSet => (set ??= make());
  return {
    version: '',
    type: (ref) => get().type(ref),
    resource: (apiVersion, kind) => get().resource(apiVersion, kind),
    // CRD sets know no lifecycle (k8s/crd.ts): asking must not convert them.
    apiStatus: () => ({}),
    kinds: () => get().kinds(),
  };
}

/** userSet makes a converted JSON Schema the type of every document it applies to. */
function userSet(m: JsonSchemaModel): SchemaSet {
  return { version: '', type: (ref) => m.type(ref), resource: () => m.rootObject, apiStatus: () => ({}), kinds: () => [] };
}

const MODELINE = /^#\s*yaml-language-server:\s*\$schema=(\S+)/m;

/** userSchemaFor finds the user schema file of a template: its modeline first, then the setting's first matching glob. */
export function userSchemaFor(snap: Snapshot, root: string, path: string, text: string | undefined): { file: string; entry: string } | undefined {
  const m = text !== undefined ? MODELINE.exec(text) : null;
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
  const made = { texts, builtin, set: lazy(() => crdSchemaSet(texts.flatMap(decodedCrds), builtin)), id: ++crdIds };
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
  const crdTexts = model.chart !== undefined ? crdObjects(model.chart).map((c) => c.data) : [];
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
    userErrors,
    forFile(path: string): SchemaSet {
      const hitFile = perFile.get(path);
      if (hitFile !== undefined) return hitFile;
      let set: SchemaSet = base;
      const u = userSchemaFor(snap, model.root, path, snap.text(path));
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
