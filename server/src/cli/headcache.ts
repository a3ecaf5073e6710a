// The CLI's on-disk store of rendered documents' heads (render/fasthead.ts HeadStore): Helm
// decodes every rendered document to sort it (apiVersion, kind, metadata), which means reading
// all of it; argo-cd's CustomResourceDefinitions alone are ~2 MB, ~100 ms of a cold process.
// One entry per large document, in the `heads` kind of the disk cache, keyed by the build, the
// Helm version and the document's hash.
//
// Encoding: a head is {"h":[version, kind, metadata]}, metadata null or [name, annotations],
// annotations null or [key, value, ...] (order kept); a decoding error's text is {"e":text}, a
// reader problem {"r":text}. Strings go through JSON (which escapes lone surrogates).
import type { HeadOutcome, HeadStore } from '../render/fasthead';
import type { SimpleHead } from '../render/simplehead';
import { jsonEntries, type TextCache } from './diskcache';
import { textHash } from '../render/texthash';

const FORMAT = 'chartwright heads 1';

type Encoded = { h: [string, string, null | [string, null | string[]]] } | { e: string } | { r: string };

/** encodeHead encodes a head outcome as plain JSON data. */
export function encodeHead(o: HeadOutcome): Encoded {
  if (typeof o === 'string') return { e: o };
  if ('readerProblem' in o) return { r: o.readerProblem };
  const m = o.metadata;
  let meta: null | [string, null | string[]] = null;
  if (m !== null) {
    let ann: null | string[] = null;
    if (m.annotations !== null) {
      ann = [];
      for (const [k, v] of m.annotations) ann.push(k, v);
    }
    meta = [m.name, ann];
  }
  return { h: [o.version, o.kind, meta] };
}

class Malformed extends Error {}

function str(x: unknown): string {
  if (typeof x !== 'string') throw new Malformed('headcache: not a string');
  return x;
}

/** decodeHead rebuilds an encoded head outcome; throws on anything malformed. */
export function decodeHead(e: unknown): HeadOutcome {
  if (typeof e !== 'object' || e === null) throw new Malformed('headcache: malformed entry');
  const o = e as { h?: unknown; e?: unknown; r?: unknown };
  if (o.e !== undefined) return str(o.e);
  if (o.r !== undefined) return { readerProblem: str(o.r) };
  const h = o.h;
  if (!Array.isArray(h) || h.length !== 3) throw new Malformed('headcache: malformed head');
  let metadata: SimpleHead['metadata'] = null;
  if (h[2] !== null) {
    const m: unknown = h[2];
    if (!Array.isArray(m) || m.length !== 2) throw new Malformed('headcache: malformed metadata');
    let annotations: Map<string, string> | null = null;
    if (m[1] !== null) {
      const a: unknown = m[1];
      if (!Array.isArray(a) || a.length % 2 !== 0) throw new Malformed('headcache: malformed annotations');
      annotations = new Map();
      for (let i = 0; i < a.length; i += 2) annotations.set(str(a[i]), str(a[i + 1]));
    }
    metadata = { name: str(m[0]), annotations };
  }
  return { version: str(h[0]), kind: str(h[1]), metadata };
}

/** diskHeadStore stores head outcomes in `cache`, for build `buildId` only. */
export function diskHeadStore(cache: TextCache, buildId: string): HeadStore {
  const entries = jsonEntries(cache, encodeHead, decodeHead);
  return {
    get: (doc, hv) => entries.get([FORMAT, buildId, hv, textHash(doc)]),
    put: (doc, hv, outcome) => entries.put([FORMAT, buildId, hv, textHash(doc)], outcome),
  };
}
