// go-yaml v2's alias handling, shared by every decoder built on the `yaml` package's Document.
//
// go-yaml resolves an alias to the latest node carrying its anchor *before* the alias in
// document order (a collection's anchor is registered when the collection starts, so an alias
// inside its own anchored collection refers to that collection), and decodes an alias by
// decoding its target again. Against "billion laughs" documents it keeps a budget: every
// decoded node counts (decodeCount), and nodes decoded below an alias count as aliased
// (aliasCount); once more than 100 aliased nodes and more than 1000 nodes in all have been
// decoded, an aliased share above allowedAliasRatio fails the document with
// `yaml: document contains excessive aliasing`. An alias met again while its own target is
// being decoded fails with `yaml: anchor 'NAME' value contains itself`. This module mirrors
// both rules so that decoding is bounded exactly where Helm's is (the budget allows at most a
// few hundred thousand aliased nodes; beyond 4 million decoded nodes only 10% may be aliased).
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type Node as YNode } from 'yaml';

/** EXCESSIVE_ALIASING is go-yaml's budget error (recorded from helm v4.1.4 and v3.17.3). */
export const EXCESSIVE_ALIASING = 'document contains excessive aliasing';

/** containsItself is go-yaml's text for an alias decoded inside its own target. */
export function containsItself(name: string): string {
  return `anchor '${name}' value contains itself`;
}

// go-yaml's alias_ratio_range_low / _high: the decode counts over which the allowed ratio falls.
const RATIO_LOW = 400000;
const RATIO_HIGH = 4000000;

/** allowedAliasRatio is go-yaml's share of aliased decodes allowed after `decodeCount` decodes. */
export function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= RATIO_LOW) return 0.99;
  if (decodeCount >= RATIO_HIGH) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - RATIO_LOW) / (RATIO_HIGH - RATIO_LOW));
}

/** AliasFailure is a go-yaml alias error; `message` is the text after `yaml: `. */
export class AliasFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AliasFailure';
  }
}

/** AliasBudget counts decodes as go-yaml's decoder.unmarshal does. */
export class AliasBudget {
  decodeCount = 0;
  aliasCount = 0;
  aliasDepth = 0;

  /** step counts one decoded node; throws AliasFailure when the budget is exceeded. */
  step(): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new AliasFailure(EXCESSIVE_ALIASING);
    }
  }
}

/** AnchorTable maps each alias node of a document to the node go-yaml resolves it to. */
export type AnchorTable = ReadonlyMap<Alias, YNode | undefined>;

/**
 * anchorTable resolves a document's aliases as go-yaml's parser does (anchors registered in
 * document order, a collection's before its children; the latest definition wins). An alias
 * of an anchor not yet defined maps to undefined. One linear walk (the `yaml` package's own
 * Alias.resolve walks the whole document per alias).
 */
export function anchorTable(doc: Document): AnchorTable {
  const anchors = new Map<string, YNode>();
  const table = new Map<Alias, YNode | undefined>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        table.set(node, anchors.get(node.source));
        return;
      }
      const anchor = (node as { anchor?: string }).anchor;
      if (anchor !== undefined && anchor !== '') anchors.set(anchor, node as YNode);
    },
  });
  return table;
}

/** isMergeKey is go-yaml's isMerge: a plain `<<` key (or one tagged !!merge). */
export function isMergeKey(n: unknown): boolean {
  return isScalar(n) && n.value === '<<' && (n.type === 'PLAIN' || n.type === undefined) && (n.tag === undefined || n.tag === 'tag:yaml.org,2002:merge');
}

type Frame = { node: unknown } | { leave: Alias };

/**
 * aliasProblem walks a document as go-yaml's decoder would, only counting, and returns the
 * first alias or merge error (go-yaml's text without `yaml: `) or undefined. For readers that
 * build their values another way (manifest heads) but must refuse what Helm refuses before
 * expanding anything. Iterative: alias chains cannot overflow the stack. Merge values are
 * walked as go-yaml merges them; other decoding errors are left to the reader.
 */
export function aliasProblem(doc: Document, table: AnchorTable = anchorTable(doc)): string | undefined {
  if (table.size === 0) return undefined;
  const budget = new AliasBudget();
  const active = new Set<Alias>();
  const stack: Frame[] = [];
  const push = (n: unknown): void => {
    stack.push({ node: n });
  };
  try {
    budget.step(); // the document node
    push(doc.contents);
    while (stack.length > 0) {
      const f = stack.pop() as Frame;
      if ('leave' in f) {
        budget.aliasDepth--;
        active.delete(f.leave);
        continue;
      }
      const n = f.node;
      budget.step();
      if (isAlias(n)) {
        if (active.has(n)) throw new AliasFailure(containsItself(n.source));
        const target = table.get(n);
        if (target === undefined) continue;
        active.add(n);
        budget.aliasDepth++;
        stack.push({ leave: n });
        push(target);
        continue;
      }
      if (isSeq(n)) {
        for (let i = n.items.length - 1; i >= 0; i--) push(n.items[i]);
        continue;
      }
      if (isMap(n)) {
        pushPairs(n.items, push, table);
        continue;
      }
      if (isPair(n)) {
        // A single-pair mapping inside a flow sequence ([a: b]).
        pushPairs([n], push, table);
      }
    }
  } catch (e) {
    if (e instanceof AliasFailure) return e.message;
    throw e;
  }
  return undefined;
}

/** MERGE_FAILURE is go-yaml's text for a `<<` value that is not a map or a list of maps. */
export const MERGE_FAILURE = 'map merge requires map or sequence of maps as the value';

/** pushPairs schedules a mapping's pairs (in reverse, so they pop in document order). */
function pushPairs(items: ReadonlyArray<{ key: unknown; value: unknown }>, push: (n: unknown) => void, table: AnchorTable): void {
  const isMapNode = (x: unknown): boolean => isMap(isAlias(x) ? table.get(x) : x);
  for (let i = items.length - 1; i >= 0; i--) {
    const p = items[i];
    if (isMergeKey(p.key)) {
      // go-yaml merges without decoding the `<<` key or a merged sequence node itself.
      const v = p.value;
      if (isSeq(v)) {
        for (const m of v.items) if (!isMapNode(m)) throw new AliasFailure(MERGE_FAILURE);
        for (let j = 0; j < v.items.length; j++) push(v.items[j]);
      } else if (isMapNode(v)) push(v);
      else throw new AliasFailure(MERGE_FAILURE);
      continue;
    }
    push(p.value);
    push(p.key);
  }
}

/**
 * inlineAliases replaces every alias of a document by its target node (shared, not copied), so
 * that the `yaml` package's toJS converts each use without resolving aliases one by one (its
 * Alias.resolve walks the document for each alias). Call only after aliasProblem found no
 * problem: the document then has no alias cycle, and expansion stays within go-yaml's budget.
 * Recursive over the text's nesting (callers check it first, yaml/yamlDepth.ts).
 */
export function inlineAliases(doc: Document, table: AnchorTable = anchorTable(doc)): void {
  if (table.size === 0) return;
  const sub = (n: unknown): unknown => (isAlias(n) ? (table.get(n) ?? n) : n);
  const walk = (n: unknown): void => {
    if (isSeq(n)) {
      for (let i = 0; i < n.items.length; i++) {
        walk(n.items[i]);
        n.items[i] = sub(n.items[i]);
      }
    } else if (isMap(n)) {
      for (const p of n.items) walkPair(p);
    } else if (isPair(n)) walkPair(n);
  };
  const walkPair = (p: { key: unknown; value: unknown }): void => {
    walk(p.key);
    walk(p.value);
    p.key = sub(p.key);
    p.value = sub(p.value);
  };
  walk(doc.contents);
  doc.contents = sub(doc.contents) as typeof doc.contents;
}
