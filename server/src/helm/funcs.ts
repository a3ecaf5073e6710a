// Helm's own template functions (pkg/engine/funcs.go funcMap and engine.go initFunMap):
// data formats (toYaml, fromYaml, toJson, toToml, ...), include, tpl, required, fail, lookup,
// getHostByName. They are added on top of Sprig's functions and override Sprig's of the same
// name; HELM_REMOVED_FUNCS are deleted from Sprig's map.
//
// include recursion state: Helm counts, per template name, how many include calls of that name
// are active (engine.go includedNames, one map per render, shared with tpl). The counter lives in
// a HelmFuncState created by the render layer (`helmFuncs(newHelmFuncState())`). Because every
// include decrements its count when it returns (try/finally, like Helm's code after
// ExecuteTemplate), the counts are back to zero after each render; a state shared by sequential
// renders (e.g. a cached func map built with `helmFuncs()`) therefore behaves the same.
import { quote } from '../template/strconv';
import { FuncError, type FuncDef, type FuncDoc } from '../template/func';
import { TemplateError } from '../template/errors';
import type { GoMap, Value } from '../template/value';
import { JSONError, marshalJSON, unmarshalJSON } from '../sprig/json';
import { fromToml, toToml } from './toml';
import { fromYaml, fromYamlArray, mustToYaml, toYaml, toYamlPretty } from './helmYaml';

/** HELM_REMOVED_FUNCS are Sprig functions Helm deletes (templates must not read the environment). */
export const HELM_REMOVED_FUNCS: readonly string[] = ['env', 'expandenv'];

/** RECURSION_MAX_NUMS is Helm's limit of simultaneously active includes of one name. */
export const RECURSION_MAX_NUMS = 1000;

/** HelmFuncState is the per-render state of Helm's functions (include counters). */
export interface HelmFuncState {
  readonly includedNames: Map<string, number>;
}

/** newHelmFuncState makes the state for one render. */
export function newHelmFuncState(): HelmFuncState {
  return { includedNames: new Map() };
}

/** warnWrap wraps a required/fail message in the delimiters Helm's error printer looks for. */
export function warnWrap(msg: string): string {
  return 'HELM_ERR_START' + msg + 'HELM_ERR_END';
}

/** goQuote is strconv.Quote, used by tpl's error messages (%q). */
const goQuote = quote;

/** WrappedError is a Go error wrapping another (errors.Wrapf / fmt.Errorf with %w). */
export class WrappedError extends Error {
  constructor(message: string, cause: Error) {
    super(message, { cause });
    this.name = 'WrappedError';
  }
}

function innerText(e: Error): string {
  return e instanceof TemplateError ? e.goMessage : e.message;
}

function doc(signature: string, description: string, example: string, category = 'helm'): FuncDoc {
  return { signature, description, example, category };
}

function msgOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** helmFuncs returns Helm's template functions bound to `state` (a fresh one if omitted). */
export function helmFuncs(state: HelmFuncState = newHelmFuncState()): FuncDef[] {
  return [
    {
      name: 'toYaml',
      params: ['interface {}'],
      result: 'string',
      impl: ([v]) => toYaml(v),
      doc: doc('toYaml VALUE', 'Encodes a value as YAML (keys sorted, no trailing newline); errors yield "".', '{{ toYaml .Values.resources | nindent 12 }}', 'encoding'),
    },
    {
      name: 'mustToYaml',
      params: ['interface {}'],
      result: 'string',
      versions: [4],
      impl: ([v]) => {
        try {
          return mustToYaml(v);
        } catch (e) {
          if (e instanceof RangeError) throw e;
          throw new FuncError(msgOf(e));
        }
      },
      doc: doc('mustToYaml VALUE', 'Like toYaml but fails the render when the value cannot be encoded (Helm 4).', '{{ mustToYaml .Values.config }}', 'encoding'),
    },
    {
      name: 'toYamlPretty',
      params: ['interface {}'],
      result: 'string',
      impl: ([v]) => {
        try {
          return toYamlPretty(v);
        } catch (e) {
          if (e instanceof RangeError) throw e;
          // go-yaml v3 panics on unsupported values; the executor reports the recovered panic.
          throw new FuncError(msgOf(e));
        }
      },
      doc: doc('toYamlPretty VALUE', 'Encodes a value as YAML with indented lists (go-yaml v3 style).', '{{ toYamlPretty .Values.list }}', 'encoding'),
    },
    {
      name: 'fromYaml',
      params: ['string'],
      result: 'map[string]interface {}',
      impl: ([s]) => fromYaml(s as string),
      doc: doc('fromYaml STRING', 'Decodes a YAML mapping; on failure returns a map with the error under "Error".', '{{ (.Files.Get "x.yaml" | fromYaml).key }}', 'encoding'),
    },
    {
      name: 'fromYamlArray',
      params: ['string'],
      result: '[]interface {}',
      impl: ([s]) => fromYamlArray(s as string),
      doc: doc('fromYamlArray STRING', 'Decodes a YAML list; on failure returns a list holding the error message.', '{{ fromYamlArray "- a\\n- b" | len }} → 2', 'encoding'),
    },
    {
      name: 'toJson',
      params: ['interface {}'],
      result: 'string',
      impl: ([v]) => {
        try {
          return marshalJSON(v);
        } catch (e) {
          if (e instanceof RangeError) throw e; // beyond a JS string or the stack: not a Go error
          return '';
        }
      },
      doc: doc('toJson VALUE', 'Encodes a value as compact JSON (< > & escaped); errors yield "".', '{{ dict "a" 1 | toJson }} → {"a":1}', 'encoding'),
    },
    {
      name: 'mustToJson',
      params: ['interface {}'],
      result: 'string',
      versions: [4],
      impl: ([v]) => {
        try {
          return marshalJSON(v);
        } catch (e) {
          if (e instanceof RangeError) throw e;
          throw new FuncError(msgOf(e));
        }
      },
      doc: doc('mustToJson VALUE', 'Like toJson but fails the render when the value cannot be encoded.', '{{ mustToJson .Values.x }}', 'encoding'),
    },
    {
      name: 'fromJson',
      params: ['string'],
      result: 'map[string]interface {}',
      impl: ([s]) => {
        try {
          return unmarshalJSON(s as string, 'map');
        } catch (e) {
          if (!(e instanceof JSONError)) throw e;
          const m: GoMap = new Map([['Error', e.message]]);
          return m;
        }
      },
      doc: doc('fromJson STRING', 'Decodes a JSON object (numbers are float64); on failure returns {"Error": message}.', '{{ (fromJson "{\\"a\\":1}").a }} → 1', 'encoding'),
    },
    {
      name: 'fromJsonArray',
      params: ['string'],
      result: '[]interface {}',
      impl: ([s]) => {
        try {
          return unmarshalJSON(s as string, 'slice');
        } catch (e) {
          if (!(e instanceof JSONError)) throw e;
          return [e.message];
        }
      },
      doc: doc('fromJsonArray STRING', 'Decodes a JSON array; on failure returns a list holding the error message.', '{{ fromJsonArray "[1,2]" | len }} → 2', 'encoding'),
    },
    {
      name: 'toToml',
      params: ['interface {}'],
      result: 'string',
      impl: ([v], ctx) => toToml(v, ctx.helmVersion),
      doc: doc('toToml VALUE', 'Encodes a value as TOML; on failure returns the error text.', '{{ dict "a" 1 | toToml }} → a = 1', 'encoding'),
    },
    {
      name: 'fromToml',
      params: ['string'],
      result: 'map[string]interface {}',
      impl: ([s], ctx) => fromToml(s as string, ctx.helmVersion),
      doc: doc('fromToml STRING', 'Decodes TOML (integers are int64); on failure returns {"Error": message}.', '{{ (fromToml "a = 1").a }} → 1', 'encoding'),
    },
    {
      name: 'include',
      params: ['string', 'interface {}'],
      result: 'string',
      impl: ([name, data], ctx) => {
        const n = name as string;
        const active = state.includedNames.get(n);
        if (active !== undefined && active > RECURSION_MAX_NUMS) {
          throw new FuncError(`rendering template has a nested reference name: ${n}: unable to execute template`);
        }
        state.includedNames.set(n, (active ?? 0) + 1);
        try {
          return ctx.host.executeTemplate(n, data);
        } finally {
          state.includedNames.set(n, (state.includedNames.get(n) ?? 1) - 1);
        }
      },
      doc: doc('include NAME DATA', 'Renders the named template with DATA as dot and returns the text (pipe it to indent/nindent).', '{{ include "mychart.labels" . | nindent 4 }}'),
    },
    {
      name: 'tpl',
      params: ['string', 'interface {}'],
      result: 'string',
      impl: ([text, data], ctx) => {
        const t = text as string;
        let out: string;
        try {
          out = ctx.host.parseAndExecute('gotpl', t, data);
        } catch (e) {
          if (!(e instanceof Error) || e instanceof RangeError) throw e;
          if (e instanceof TemplateError && e.kind === 'limit') throw e;
          if (e instanceof TemplateError && e.kind === 'parse') {
            throw new WrappedError(`cannot parse template ${goQuote(t)}: ${innerText(e)}`, e);
          }
          throw new WrappedError(`error during tpl function execution for ${goQuote(t)}: ${innerText(e)}`, e);
        }
        // Same hack as for rendered files: missing values print as "<no value>"; Helm drops it.
        return out.split('<no value>').join('');
      },
      doc: doc('tpl STRING DATA', 'Renders STRING as a template (all defines visible) with DATA as dot.', '{{ tpl .Values.annotationTemplate . }}'),
    },
    {
      name: 'required',
      params: ['string', 'interface {}'],
      result: 'interface {}',
      impl: ([msg, v]) => {
        // nil and the empty *string* fail; 0, false and empty collections pass unchanged.
        if (v === null || v === '') throw new FuncError(warnWrap(msg as string));
        return v;
      },
      doc: doc('required MESSAGE VALUE', 'Fails the render with MESSAGE when VALUE is missing, null or "".', '{{ required "image.tag is required" .Values.image.tag }}'),
    },
    {
      name: 'fail',
      params: ['string'],
      result: 'string',
      impl: ([msg]) => {
        throw new FuncError(warnWrap(msg as string));
      },
      doc: doc('fail MESSAGE', 'Fails the render with MESSAGE.', '{{ fail "unsupported mode" }}'),
    },
    {
      name: 'lookup',
      params: ['string', 'string', 'string', 'string'],
      result: 'map[string]interface {}',
      // `helm template` has no cluster: lookup always answers an empty map.
      impl: () => new Map<string, Value>(),
      doc: doc('lookup APIVERSION KIND NAMESPACE NAME', 'Looks up a cluster object; always an empty map in `helm template`.', '{{ (lookup "v1" "Secret" .Release.Namespace "x").data }}'),
    },
    {
      name: 'getHostByName',
      params: ['string'],
      result: 'string',
      // Overridden by Helm to return "" unless --enable-dns.
      impl: () => '',
      doc: doc('getHostByName NAME', 'Resolves a host name; returns "" in Helm unless --enable-dns is given.', '{{ getHostByName "example.com" }}'),
    },
  ];
}
