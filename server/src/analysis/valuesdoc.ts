// Key positions in a values YAML file, from the `yaml` package's Document API (its ranges are
// JS string offsets, i.e. UTF-16, like every position in the analysis layer).
import { type Node as YamlNode, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Span } from './types';
import { depthError } from '../yaml/yamlDepth';

/** KeyNode is one mapping key (or sequence item, named by its index) with its children. */
export interface KeyNode {
  readonly name: string;
  /** key is the key scalar's range (the item's range for sequence items). */
  readonly key: Span;
  /** whole covers key and value. */
  readonly whole: Span;
  readonly children: readonly KeyNode[];
}

/** ValuesDoc indexes the keys of one values file. */
export interface ValuesDoc {
  readonly text: string;
  readonly roots: readonly KeyNode[];
  /** find returns the node at a key path (list items by decimal index), or undefined. */
  find(path: readonly string[]): KeyNode | undefined;
}

function rangeOf(n: unknown): Span | undefined {
  if (n === null || typeof n !== 'object' || !('range' in n)) return undefined;
  const r = (n as { range?: unknown }).range;
  if (!Array.isArray(r) || typeof r[0] !== 'number' || typeof r[2] !== 'number') return undefined;
  return { start: r[0], end: r[2] };
}

function childrenOf(n: YamlNode | null | undefined, depth: number): KeyNode[] {
  if (n === null || n === undefined || depth > 64) return [];
  const out: KeyNode[] = [];
  if (isMap(n)) {
    for (const item of n.items) {
      const k = item.key;
      const name = isScalar(k) ? String(k.value) : undefined;
      const kr = rangeOf(k);
      if (name === undefined || kr === undefined) continue;
      const vr = rangeOf(item.value);
      out.push({
        name,
        key: kr,
        whole: { start: kr.start, end: vr !== undefined ? Math.max(vr.end, kr.end) : kr.end },
        children: childrenOf(item.value as YamlNode | null, depth + 1),
      });
    }
  } else if (isSeq(n)) {
    n.items.forEach((item, i) => {
      const r = rangeOf(item);
      if (r === undefined) return;
      out.push({ name: String(i), key: r, whole: r, children: childrenOf(item as YamlNode | null, depth + 1) });
    });
  }
  return out;
}

/** parseValuesDoc indexes a values file's keys; malformed YAML yields what could be parsed. */
export function parseValuesDoc(text: string): ValuesDoc {
  let roots: KeyNode[] = [];
  try {
    // The `yaml` parser recurses per nesting level: texts nested past go-yaml's limit or the
    // stack are not indexed (yaml/yamlDepth.ts). Aliases are never followed here.
    if (depthError(text) !== undefined) throw new Error('too deep');
    const doc = parseDocument(text, { uniqueKeys: false, strict: false });
    roots = childrenOf(doc.contents as YamlNode | null, 0);
  } catch {
    roots = [];
  }
  return {
    text,
    roots,
    find(path) {
      let level: readonly KeyNode[] = roots;
      let found: KeyNode | undefined;
      for (const seg of path) {
        // Later duplicate keys win in Go's YAML decoding.
        found = undefined;
        for (const k of level) if (k.name === seg) found = k;
        if (found === undefined) return undefined;
        level = found.children;
      }
      return found;
    },
  };
}
