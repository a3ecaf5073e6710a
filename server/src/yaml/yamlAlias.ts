// go-yaml v2's alias budget and alias/merge failure texts, used by the port's decoder
// (goyaml/decode.ts).
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

/** MERGE_FAILURE is go-yaml's text for a `<<` value that is not a map or a list of maps. */
export const MERGE_FAILURE = 'map merge requires map or sequence of maps as the value';
