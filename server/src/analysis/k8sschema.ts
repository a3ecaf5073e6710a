// Kubernetes schema validation of rendered manifests with the `kubernetes-models` package (its
// precompiled validators of the Kubernetes OpenAPI schemas, offline), each violation placed at the
// output line of the offending key and, through the line map, at the template text behind it.
// Kinds the package does not know (custom resources) are skipped.
import { unmarshalJSONValue } from './k8sjson';
import type { LineSource, ManifestBlock } from './chartrender';
import { parseValuesDoc } from './valuesdoc';

/** ManifestProblem is one schema violation of a rendered manifest. */
export interface ManifestProblem {
  /** manifest: the engine path of the document (`mychart/templates/x.yaml`) and its kind/name. */
  readonly manifest: string;
  readonly kind: string;
  readonly name: string;
  readonly message: string;
  /** outputLine: 0-based line of the output the problem is at. */
  readonly outputLine: number;
  readonly source: LineSource | null;
}

interface ValidationErrorLike {
  readonly errors?: ReadonlyArray<{ readonly instancePath?: unknown; readonly message?: unknown; readonly params?: unknown }>;
  readonly message?: unknown;
}

type Validator = (data: unknown) => ValidationErrorLike | undefined;

const validators = new Map<string, Validator | null>();

/** validatorFor loads the model of apiVersion/kind from kubernetes-models (null when unknown). */
function validatorFor(apiVersion: string, kind: string): Validator | null {
  const key = `${apiVersion}/${kind}`;
  const hit = validators.get(key);
  if (hit !== undefined) return hit;
  let v: Validator | null = null;
  if (/^[a-z0-9.-]*\/?v[a-z0-9]+$/.test(apiVersion) && /^[A-Za-z0-9]+$/.test(kind)) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod: unknown = require(`kubernetes-models/${apiVersion}/${kind}`);
      const ctor = mod !== null && typeof mod === 'object' ? (mod as Record<string, unknown>)[kind] : undefined;
      if (typeof ctor === 'function') {
        const Model = ctor as new (data: unknown) => { validate(): void };
        v = (data) => {
          try {
            new Model(data).validate();
            return undefined;
          } catch (e) {
            return e !== null && typeof e === 'object' ? (e as ValidationErrorLike) : { message: String(e) };
          }
        };
      }
    } catch {
      v = null;
    }
  }
  validators.set(key, v);
  return v;
}

function pointerPath(p: string): string[] {
  return p === '' ? [] : p.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** validateManifests checks every printed manifest against the Kubernetes schemas. */
export function validateManifests(blocks: readonly ManifestBlock[], lines: readonly (LineSource | null)[]): ManifestProblem[] {
  const out: ManifestProblem[] = [];
  for (const b of blocks) {
    const data = unmarshalJSONValue(b.content);
    if (data === undefined || data === null || typeof data !== 'object' || Array.isArray(data)) continue;
    const obj = data as Record<string, unknown>;
    const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
    const kind = typeof obj.kind === 'string' ? obj.kind : '';
    const meta = obj.metadata;
    const name = meta !== null && typeof meta === 'object' && typeof (meta as Record<string, unknown>).name === 'string' ? ((meta as Record<string, unknown>).name as string) : '';
    const validate = validatorFor(apiVersion, kind);
    if (validate === null) continue;
    const err = validate(data);
    if (err === undefined) continue;
    const doc = parseValuesDoc(b.content);
    const errors = err.errors ?? [{ instancePath: '', message: err.message }];
    for (const e of errors) {
      const ptr = typeof e.instancePath === 'string' ? e.instancePath : '';
      const path = pointerPath(ptr);
      let node = undefined;
      for (let n = path.length; n > 0 && node === undefined; n--) node = doc.find(path.slice(0, n));
      const outputLine = b.line + (node !== undefined ? lineOf(b.content, node.key.start) : 0);
      const params = e.params !== null && typeof e.params === 'object' ? JSON.stringify(e.params) : '';
      const msg = `${kind} ${name}: ${ptr === '' ? '(root)' : ptr.slice(1).replace(/\//g, '.')} ${String(e.message ?? 'is invalid')}${params !== '' && params !== '{}' ? ' ' + params : ''}`;
      out.push({ manifest: b.name, kind, name, message: msg, outputLine, source: lines[outputLine] ?? null });
    }
  }
  return out;
}
