// Document symbols: defines/blocks in templates; keys (nested) in YAML files such as values.yaml.
import { resourceSymbols } from './k8ssymbols';
import type { Snapshot } from './snapshot';
import type { DocSymbol } from './types';
import type { KeyNode } from './valuesdoc';

function keySymbols(nodes: readonly KeyNode[], depth: number): DocSymbol[] {
  return nodes.map((k) => ({
    name: k.name,
    kind: 'key' as const,
    start: k.whole.start,
    end: k.whole.end,
    selection: k.key,
    children: depth > 1 ? keySymbols(k.children.filter((c) => !/^\d+$/.test(c.name)), depth - 1) : [],
  }));
}

/** documentSymbols lists the outline of a chart document. */
export function documentSymbols(snap: Snapshot, path: string): DocSymbol[] {
  const text = snap.text(path);
  if (text === undefined) return [];
  const isTemplate = /(^|\/)templates\//.test(path) && !/\.(txt|md)$/i.test(path);
  if (isTemplate) {
    const defines: DocSymbol[] = snap.parse(path, text).defines.map((d) => ({
      name: d.name,
      kind: 'define' as const,
      detail: 'define',
      start: d.start,
      end: d.end,
      selection: { start: d.nameStart, end: d.nameEnd },
      children: [],
    }));
    // Then the Kubernetes resources the template renders (from the last render).
    return [...defines, ...resourceSymbols(snap, path, text)];
  }
  if (/\.ya?ml$/i.test(path)) return keySymbols(snap.valuesDoc(text).roots, 4);
  return [];
}
