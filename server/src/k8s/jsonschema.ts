// A user's JSON Schema (a `# yaml-language-server: $schema=` modeline or a `chartwright.schemas`
// entry; files only) → the schema model. Understood: type (one type, or one plus "null"),
// properties, required, items, additionalProperties (false closes an object; a schema makes a map),
// enum of strings, local $ref (#/definitions/…, #/$defs/…). Anything else is permissive.
import { ANY, type K8sObjectType, type K8sType, type TypeLookup } from './model';
import { asSchema, SchemaConverter, TypeTable, type Schema } from './schemaobj';

/** JsonSchemaModel is a converted schema: its root type and the object types it names. */
export interface JsonSchemaModel extends TypeLookup {
  readonly root: K8sType;
  /** rootObject: the root's object type when the root is an object (what validateObject takes). */
  readonly rootObject: K8sObjectType | undefined;
}

/** resolveLocal follows a JSON pointer `#/a/b` inside the document. */
function resolveLocal(doc: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(1).split('/').filter((p) => p !== '')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    const s = asSchema(node);
    if (s === undefined || !Object.prototype.hasOwnProperty.call(s, key)) return undefined;
    node = s[key];
  }
  return asSchema(node);
}

/** jsonSchemaModel converts a parsed JSON Schema document; `name` prefixes its type names. */
export function jsonSchemaModel(schema: unknown, name: string): JsonSchemaModel {
  const table = new TypeTable();
  const doc = asSchema(schema);
  const root = doc === undefined ? ANY : new SchemaConverter(table, { closedByDefault: false, resolve: (ref) => resolveLocal(doc, ref) }).convert(doc, name);
  return {
    root,
    rootObject: root.t === 'object' ? table.type(root.ref) : undefined,
    type: (ref) => table.type(ref),
  };
}
