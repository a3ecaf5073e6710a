// Helm's uses of the Go YAML codecs (yaml/): the template functions toYaml / mustToYaml /
// toYamlPretty and fromYaml / fromYamlArray, and reading values files — Helm 4's LoadValues reads
// a YAML stream (yaml/yamlReader.ts), decodes each document with sigs.k8s.io/yaml.Unmarshal into a
// map and merges the maps (MergeMaps: nested maps merged, anything else replaced); Helm 3 decodes
// the whole text as one document.
import type { HelmVersion } from '../template/func';
import type { GoMap, Value } from '../template/value';
import { YAMLDecodeError, unmarshalValuesDocument, unmarshalYAML } from '../yaml/yamlDecode';
import { encodeYAMLv3, marshalYAML } from '../yaml/yamlEncode';
import { readYamlStream } from '../yaml/yamlReader';

/** toYaml is Helm's toYAML: marshalYAML without the final newline; errors yield "". */
export function toYaml(v: Value): string {
  try {
    return trimNewline(marshalYAML(v));
  } catch (e) {
    // Results beyond a JS string or the stack are not Go errors: they fail the call.
    if (e instanceof RangeError) throw e;
    return '';
  }
}

/** mustToYaml is Helm 4's mustToYAML: like toYaml but throws the marshal error. */
export function mustToYaml(v: Value): string {
  return trimNewline(marshalYAML(v));
}

/**
 * toYamlPretty is Helm's toYAMLPretty (go-yaml v3 Encoder, SetIndent(2)) without the final
 * newline. Unsupported values throw YAMLEncodeError (Helm's encoder panics on them).
 */
export function toYamlPretty(v: Value): string {
  return trimNewline(encodeYAMLv3(v, 2));
}

function trimNewline(s: string): string {
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}

/** fromYaml is Helm's fromYAML: a map, or {"Error": message} when decoding fails. */
export function fromYaml(text: string): GoMap {
  try {
    return unmarshalYAML(text, 'map') as GoMap;
  } catch (e) {
    if (e instanceof YAMLDecodeError) return new Map([['Error', e.message]]);
    throw e;
  }
}

/** fromYamlArray is Helm's fromYAMLArray: a list, or [message] when decoding fails. */
export function fromYamlArray(text: string): Value[] {
  try {
    return unmarshalYAML(text, 'slice') as Value[];
  } catch (e) {
    if (e instanceof YAMLDecodeError) return [e.message];
    throw e;
  }
}

/** ValuesLoadError is a values-file load failure; `message` is Helm's full error text. */
export class ValuesLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValuesLoadError';
  }
}

/** ValuesStreamError is a Helm 4 LoadValues failure; `message` includes Helm's wrapper text. */
export class ValuesStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValuesStreamError';
  }
}

/**
 * loadValuesStream is Helm 4's LoadValues (yaml/yamlReader.ts): the merged documents of a values
 * file, or a ValuesStreamError reading `cannot unmarshal yaml document: <cause>` or
 * `error reading yaml document: <cause>`.
 */
export function loadValuesStream(text: string): GoMap {
  const stream = readYamlStream(text);
  let values: GoMap = new Map();
  for (const doc of stream.docs) {
    let current: GoMap;
    try {
      current = unmarshalValuesDocument(doc);
    } catch (e) {
      if (e instanceof YAMLDecodeError) throw new ValuesStreamError(`cannot unmarshal yaml document: ${e.message}`);
      throw e;
    }
    values = mergeMaps(values, current);
  }
  if (stream.error !== undefined) throw new ValuesStreamError(`error reading yaml document: ${stream.error}`);
  return values;
}

/**
 * loadValuesText decodes a values file as the Helm version does (Helm 4: a stream of documents,
 * merged; Helm 3: one document); the error message is Helm's text after the file label.
 */
export function loadValuesText(text: string, helmVersion: HelmVersion): { values: GoMap } | { error: string } {
  try {
    if (helmVersion === 4) return { values: loadValuesStream(text) };
    return { values: unmarshalValuesDocument(text) };
  } catch (e) {
    if (e instanceof ValuesStreamError || e instanceof YAMLDecodeError) return { error: e.message };
    throw e;
  }
}

/**
 * parseValues reads a values file (values.yaml, -f FILE) as Helm does: a map (empty for an
 * empty or comment-only file). Errors read `cannot load <fileLabel>: <cause>`, with Helm 4
 * reading a stream of documents (`cannot unmarshal yaml document: ` before a decoding error).
 */
export function parseValues(text: string, fileLabel: string, helmVersion: HelmVersion): GoMap {
  const r = loadValuesText(text, helmVersion);
  if ('error' in r) throw new ValuesLoadError(`cannot load ${fileLabel}: ${r.error}`);
  return r.values;
}

/** mergeMaps is Helm 4's MergeMaps: b's keys win; maps on both sides merge recursively. */
export function mergeMaps(a: GoMap, b: GoMap): GoMap {
  const out: GoMap = new Map(a);
  for (const [k, v] of b) {
    const prev = out.get(k);
    if (v instanceof Map && prev instanceof Map) out.set(k, mergeMaps(prev as GoMap, v as GoMap));
    else out.set(k, v as Value);
  }
  return out;
}
