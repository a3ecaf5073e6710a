// k8s.io/apimachinery's YAMLOrJSONDecoder as Helm's template and CRD lint rules drive it
// (`Decode(&yamlStruct)` until io.EOF). A stream whose first non-space character (within 4096
// bytes) is `{` is read as JSON by encoding/json's Decoder; anything else as YAML documents
// (YAMLReader, yaml/yamlReader.ts, each decoded by sigs.k8s.io/yaml over the go-yaml port).
// Helm 3.17's apimachinery stays on the JSON side (a syntax error is `json: offset N: …`);
// Helm 4's retries as YAML when the JSON side fails before a second object: from the start, or
// after the one object it decoded (whitespace up to the first newline eaten), reporting the JSON
// error if the YAML document fails too. After two JSON objects its errors are raw.
import { readYamlStream } from '../yaml/yamlReader';
import { JSONError, readJSONValue } from '../sprig/json';
import type { HelmVersion } from '../template/func';
import { decodeJSONStruct, decodeK8sStruct, type K8sDoc, type K8sYamlStruct } from './k8s';

// unicode.IsSpace
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** mightBeJSON is GuessJSONStream: the first non-space byte of the first 4096 is `{`. */
function mightBeJSON(text: string): boolean {
  let i = 0;
  while (i < text.length && GO_SPACE.test(text[i])) i++;
  return text[i] === '{' && Buffer.byteLength(text.slice(0, i)) < 4096;
}

/** yamlDocs decodes YAML documents until the first error (YAMLToJSONDecoder). */
function yamlDocs(text: string, hv: HelmVersion): K8sDoc[] {
  const out: K8sDoc[] = [];
  const { docs, error } = readYamlStream(text);
  for (const doc of docs) {
    const d = decodeK8sStruct(doc, hv);
    out.push(d);
    if ('error' in d) return out;
  }
  if (error !== undefined) out.push({ error });
  return out;
}

/** JSONStep is one Decode: the end of the stream, a struct (undefined for null), or a failure (`offset`: a syntax error's). */
type JSONStep = { done: true } | { value: K8sYamlStruct | undefined; end: number } | { error: string; offset?: number };

/** jsonStep is one json.Decoder.Decode from index `at` (offsets count bytes from the stream start). */
function jsonStep(text: string, at: number, hv: HelmVersion): JSONStep {
  let r: { value: unknown; end: number } | undefined;
  try {
    r = readJSONValue(text, at);
  } catch (e) {
    if (!(e instanceof JSONError) || e.offset === undefined) throw e;
    if (e.offset >= text.length) return { error: 'unexpected EOF' };
    return { error: e.message, offset: Buffer.byteLength(text.slice(0, e.offset)) + 1 };
  }
  if (r === undefined) return { done: true };
  const d = decodeJSONStruct(r.value, hv);
  return 'error' in d ? d : { value: d.value, end: r.end };
}

/** consumeWhitespace drops leading spaces up to and including the first newline. */
function consumeWhitespace(text: string): string {
  let i = 0;
  while (i < text.length && GO_SPACE.test(text[i])) {
    i++;
    if (text[i - 1] === '\n') break;
  }
  return text.slice(i);
}

/**
 * decodeManifestStream is Helm's lint loop over a rendered file: every Decode's result until
 * io.EOF or the first error (the last element then).
 */
export function decodeManifestStream(text: string, hv: HelmVersion): K8sDoc[] {
  if (!mightBeJSON(text)) return yamlDocs(text, hv);
  const out: K8sDoc[] = [];
  let at = 0;
  for (;;) {
    const step = jsonStep(text, at, hv);
    if ('done' in step) return out;
    if ('value' in step) {
      out.push({ value: step.value });
      at = step.end;
      continue;
    }
    const wrapped = step.offset !== undefined ? `json: offset ${step.offset}: ${step.error}` : step.error;
    if (hv === 3) return [...out, { error: wrapped }];
    if (out.length > 1) return [...out, { error: step.error }];
    const rest = yamlDocs(consumeWhitespace(text.slice(at)), hv);
    if (rest.length > 0 && 'error' in rest[0]) return [...out, { error: wrapped }];
    return [...out, ...rest];
  }
}
