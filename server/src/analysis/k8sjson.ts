// A rendered manifest as plain JSON data, decoded the way Kubernetes clients see it
// (sigs.k8s.io/yaml: YAML → JSON), for schema validation.
import { unmarshalYAML } from '../yaml/yamlDecode';
import { marshalJSON } from '../sprig/json';

/** unmarshalJSONValue decodes one YAML document to JSON data; undefined when it does not decode. */
export function unmarshalJSONValue(text: string): unknown {
  try {
    const v = unmarshalYAML(text, 'map');
    return JSON.parse(marshalJSON(v, { escapeHTML: false })) as unknown;
  } catch {
    return undefined;
  }
}
