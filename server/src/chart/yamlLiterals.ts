// Which scalars of a YAML document go-yaml decodes as *float* values. sigs.k8s.io/yaml decodes
// Chart.yaml (and lint's Kubernetes object stubs) through go-yaml, where `7244500` is an int but
// `72445e2`, `1234567.0` and `!!float 7244500` are float64s; a number stored into a Go string
// field is then printed with strconv.FormatInt or, for a float, FormatFloat(f, 'g', -1, 32)
// ("7.2445e+06"). The JSON-level value (a JS number) no longer says which it was, so callers ask
// this module about the value at a key path: the go-yaml port (yaml/goyaml/) decodes the text
// again, keeping ints as bigint, and follows the path through aliases and merge keys as go-yaml
// built the value.
import { decodeFirstDocument } from '../yaml/goyaml/decode';
import { keyString } from '../yaml/yamlDecode';
import { GYMap, type GY } from '../yaml/yamlGo';

/** KeyPath is a path of JSON object keys and array indexes from the document root. */
export type KeyPath = readonly (string | number)[];

/** child is the value under one step: a map entry whose JSON key is `step` (the last one wins), or a list item. */
function child(v: GY | undefined, step: string | number): GY | undefined {
  if (v instanceof GYMap) {
    let found: GY | undefined;
    for (const { key, value } of v.entries.values()) {
      let k: string;
      try {
        k = keyString(key, value);
      } catch {
        continue;
      }
      if (k === String(step)) found = value;
    }
    return found;
  }
  if (Array.isArray(v) && typeof step === 'number') return v[step];
  return undefined;
}

/**
 * floatLiteralFinder returns a lookup: is the value at `path` of `text`'s first document a
 * go-yaml float64? Ask only about texts that decoded (their nesting was checked); the text is
 * decoded on the first question only (most documents never ask).
 */
export function floatLiteralFinder(text: string): (path: KeyPath) => boolean {
  let root: GY | undefined;
  return (path) => {
    if (root === undefined) {
      try {
        root = decodeFirstDocument(text);
      } catch (e) {
        if (e instanceof RangeError) throw e;
        root = null;
      }
    }
    let v: GY | undefined = root;
    for (const step of path) v = child(v, step);
    return typeof v === 'number';
  };
}
