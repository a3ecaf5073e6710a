// go-yaml level values: what go-yaml v2 decodes a document into before sigs.k8s.io/yaml turns it
// into JSON-able data (yamlDecode.ts). Shared by the full decoder and the fast one (yamlFast.ts).
import type { Resolved } from './yamlResolve';

/** GY is a go-yaml value: map keys keep their Go type (GYMap), integers are bigint. */
export type GY = null | boolean | string | bigint | number | GY[] | GYMap;

/** GYMap is go-yaml's map[interface{}]interface{}: keys keep their Go type. */
export class GYMap {
  readonly entries = new Map<string, { key: GY; value: GY }>();
  set(key: GY, value: GY): void {
    this.entries.set(keyId(key), { key, value });
  }
}

let unhashable = 0;

/** keyId identifies a key as Go map equality would (collection keys are never equal). */
export function keyId(k: GY): string {
  if (k === null) return 'n:';
  switch (typeof k) {
    case 'boolean':
      return 'b:' + k;
    case 'string':
      return 's:' + k;
    case 'bigint':
      return 'i:' + k.toString();
    case 'number':
      return 'f:' + String(k);
  }
  unhashable++;
  return 'x:' + unhashable; // collection keys: never equal to another key
}

/** fromResolved is go-yaml's value for a resolved plain scalar. */
export function fromResolved(r: Resolved, raw: string): GY {
  switch (r.tag) {
    case 'str':
      return r.value;
    case 'bool':
      return r.value;
    case 'null':
      return null;
    case 'int':
      return r.value;
    case 'float':
      return r.value;
    case 'timestamp':
      // go-yaml v2 keeps timestamps as their original text when decoding into interface{}.
      return raw;
    case 'merge':
      return '<<';
  }
}

