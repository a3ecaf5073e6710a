// The CLI's on-disk store of decoded values documents (yaml/yamlDecode.ts DecodeStore): a large
// values.yaml (bitnami's are 50-150 KB, mostly comments) decodes on a cold VM in several ms; its
// stored value loads with JSON.parse and a short walk. One entry per text, in the `values` kind
// of the disk cache, keyed by the build and the text's hash.
//
// The encoding keeps exactly the decoded representation: a map is {"m":[key, value, ...]} (its
// key order kept; JSON objects would move integer-like keys first), -0 is {"z":1} (JSON writes
// it as 0), arrays, strings (JSON escapes lone surrogates), finite numbers (JSON round-trips
// them exactly), booleans and null as themselves. A decoded value holds nothing else.
import type { DecodeStore } from '../yaml/yamlDecode';
import type { GoMap, Value } from '../template/value';
import { jsonEntries, type TextCache } from './diskcache';
import { textHash } from '../render/texthash';

const FORMAT = 'chartwright values 1';

type Encoded = null | boolean | number | string | Encoded[] | { m: Encoded[] } | { z: 1 };

/** encodeValue encodes a decoded values document; throws on anything a decode cannot give. */
export function encodeValue(v: Value): Encoded {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error('valuecache: not a decoded number');
    return Object.is(v, -0) ? { z: 1 } : v;
  }
  if (Array.isArray(v)) return v.map(encodeValue);
  if (v instanceof Map && Object.getPrototypeOf(v) === Map.prototype) {
    const m: Encoded[] = [];
    for (const [k, x] of v) m.push(k, encodeValue(x));
    return { m };
  }
  throw new Error('valuecache: not a decoded value');
}

class Malformed extends Error {}

/** decodeValue rebuilds an encoded value; throws Malformed on anything else. */
export function decodeValue(e: unknown): Value {
  if (e === null || typeof e === 'boolean' || typeof e === 'string') return e;
  if (typeof e === 'number') return e;
  if (Array.isArray(e)) return e.map(decodeValue);
  if (typeof e === 'object') {
    const o = e as { m?: unknown; z?: unknown };
    if (o.z === 1) return -0;
    const m = o.m;
    if (Array.isArray(m) && m.length % 2 === 0) {
      const out: GoMap = new Map();
      for (let i = 0; i < m.length; i += 2) {
        const k: unknown = m[i];
        if (typeof k !== 'string') throw new Malformed('valuecache: a key is not a string');
        out.set(k, decodeValue(m[i + 1]));
      }
      return out;
    }
  }
  throw new Malformed('valuecache: malformed entry');
}

/** diskDecodeStore stores decoded values documents in `cache`, for build `buildId` only. */
export function diskDecodeStore(cache: TextCache, buildId: string): DecodeStore {
  const entries = jsonEntries(cache, encodeValue, (e): GoMap => {
    const v = decodeValue(e);
    if (!(v instanceof Map)) throw new Malformed('valuecache: not a values document');
    return v;
  });
  return {
    get: (text) => entries.get([FORMAT, buildId, textHash(text)]),
    put: (text, value) => entries.put([FORMAT, buildId, textHash(text)], value),
  };
}
