// Adapter between the chart loader and the Go-exact YAML decoder (yaml/yamlDecode.ts): decodes
// chart files and values files and words errors the way each Helm call site does.
import { YAMLDecodeError, unmarshalYAML } from '../yaml/yamlDecode';
import { loadValuesText } from '../helm/helmYaml';
import type { HelmVersion } from '../template/func';
import type { GoMap, Value } from '../template/value';

/** DecodeResult is a decoded YAML document or a Go-style error text (without file prefix). */
export type DecodeResult = { value: Value } | { error: string };

/**
 * decodeYaml decodes a YAML document that must be a mapping (Chart.yaml, Chart.lock,
 * requirements.yaml) with sigs.k8s.io/yaml's rules; `goType` names the Go target in errors.
 */
export function decodeYaml(text: string, goType = 'chart.Metadata'): DecodeResult {
  try {
    return { value: unmarshalYAML(text, 'map') };
  } catch (e) {
    if (e instanceof YAMLDecodeError) return { error: e.message.replace('map[string]interface {}', goType) };
    throw e;
  }
}

/**
 * parseValuesText decodes a values document into a map. `fileLabel` is the caller's prefix
 * ("cannot load values.yaml: ", "failed to parse FILE: "); Helm 4 reads the file as a stream of
 * documents (yaml/yamlReader.ts) and adds "cannot unmarshal yaml document: " before the
 * decoder's message.
 */
export function parseValuesText(text: string, fileLabel: string, v: HelmVersion): { values: GoMap } | { error: string } {
  const r = loadValuesText(text, v);
  return 'error' in r ? { error: `${fileLabel}${r.error}` } : r;
}
