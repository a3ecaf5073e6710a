// Which plain scalars of a YAML document were *float* literals. sigs.k8s.io/yaml decodes Chart.yaml
// through go-yaml, where `7244500` is an int but `72445e2` and `1234567.0` are float64s; a number
// stored into a Go string field is then printed with strconv.FormatInt or, for a float,
// FormatFloat(f, 'g', -1, 32) ("7.2445e+06"). The decoded value (a JS number) no longer says
// which it was, so the chart layer asks this module about the literal at a key path.
import { isMap, isScalar, isSeq, parseDocument, Scalar, type Node as YamlNode } from 'yaml';

/** KeyPath is a path of mapping keys and sequence indexes from the document root. */
export type KeyPath = readonly (string | number)[];

const INT_LITERAL = /^[-+]?(0b[01]+|0x[0-9a-fA-F]+|0o[0-7]+|[0-9]+)$/;
const INT64_MAX = 2n ** 63n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * isFloatLiteral reports whether go-yaml v2 resolves the plain scalar `lit` (already known to
 * be a number) as a float: it is one unless strconv.ParseInt or ParseUint (base 0, after
 * removing `_`) accepts it.
 */
export function isFloatLiteral(lit: string): boolean {
  const plain = lit.replaceAll('_', '');
  if (!INT_LITERAL.test(plain)) return true;
  const neg = plain.startsWith('-');
  const body = plain.replace(/^[-+]/, '');
  const prefixed = /^0[box]/.test(body) ? body : /^0[0-7]+$/.test(body) ? `0o${body.slice(1)}` : body;
  let n: bigint;
  try {
    n = BigInt(prefixed);
  } catch {
    return true;
  }
  return neg ? n > INT64_MAX : n > UINT64_MAX;
}

/**
 * floatLiteralFinder returns a lookup: is the scalar at `path` of `text`'s first document a
 * plain float literal? The text is parsed on the first question only (most Chart.yaml files
 * never ask).
 */
export function floatLiteralFinder(text: string): (path: KeyPath) => boolean {
  let root: YamlNode | null | undefined;
  return (path) => {
    if (root === undefined) {
      try {
        root = parseDocument(text, { uniqueKeys: false }).contents as YamlNode | null;
      } catch {
        root = null;
      }
    }
    let node: unknown = root;
    for (const step of path) {
      if (isMap(node)) {
        const pair = [...node.items].reverse().find((p) => isScalar(p.key) && (p.key.source ?? String(p.key.value)) === String(step));
        node = pair?.value;
      } else if (isSeq(node) && typeof step === 'number') node = node.items[step];
      else return false;
    }
    if (!isScalar(node) || node.type !== Scalar.PLAIN || typeof node.source !== 'string') return false;
    return isFloatLiteral(node.source);
  };
}
