// Describing static values for people: short one-line forms (completion details), YAML previews
// (hover) and member lists generated from the renderer's own objects (maps, Go structs, methods).
import { toYaml } from '../helm/helmYaml';
import { formatValue } from '../template/fmt';
import { code, fence } from './mdsafe';
import type { FuncDef } from '../template/func';
import { GoObject, NamedMap, type Value, sliceTypeInfo, typeName } from '../template/value';

/** Member is a completable member of a value. */
export interface Member {
  readonly name: string;
  readonly kind: 'key' | 'field' | 'method';
  readonly value?: Value;
  /** owner: the Go type declaring a method (for its documentation). */
  readonly owner?: string;
}

/** membersOf lists the keys/fields/methods of a value, as the executor would resolve them. */
export function membersOf(v: Value): Member[] {
  const out: Member[] = [];
  if (v instanceof Map) {
    if (v instanceof NamedMap) for (const m of v.typeInfo.methodNames ?? []) out.push({ name: m, kind: 'method', owner: v.typeInfo.name });
    for (const [k, x] of v) if (/^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(k)) out.push({ name: k, kind: 'key', value: x });
  } else if (v instanceof GoObject) {
    for (const m of v.methodNames()) out.push({ name: m, kind: 'method', owner: v.goType.replace(/^\*/, '') });
    for (const f of v.fieldNames()) {
      // Unexported Go fields are not reachable from templates.
      if (!/^\p{Lu}/u.test(f)) continue;
      const x = v.field(f);
      if (x !== undefined) out.push({ name: f, kind: 'field', value: x.value });
    }
  } else if (Array.isArray(v)) {
    const info = sliceTypeInfo(v);
    for (const m of info?.methodNames ?? []) out.push({ name: m, kind: 'method', owner: info?.name });
  }
  return out;
}

/** shortValue is a one-line form: scalars as printed, maps/lists summarised. */
export function shortValue(v: Value): string {
  if (v === null) return 'null';
  if (v instanceof Map) return v.size === 0 ? '{}' : `{…} ${v.size} key${v.size === 1 ? '' : 's'}`;
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[…] ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '…' : v);
  if (v instanceof GoObject) return v.goType;
  try {
    return formatValue(v);
  } catch {
    return typeName(v);
  }
}

/** yamlPreview renders a value as YAML, cut to `maxLines`. */
export function yamlPreview(v: Value, maxLines = 20): string {
  let s: string;
  try {
    if (v instanceof GoObject) {
      const d = v.toData();
      s = d === undefined ? formatValue(v) : toYaml(d);
    } else if (v instanceof Map || Array.isArray(v)) s = toYaml(v);
    else s = shortValue(v);
  } catch {
    s = shortValue(v);
  }
  const lines = s.replace(/\n$/, '').split('\n');
  return lines.length > maxLines ? [...lines.slice(0, maxLines), '# …'].join('\n') : lines.join('\n');
}

/** funcMarkdown documents a template function from its FuncDef. */
export function funcMarkdown(d: FuncDef): string {
  const parts = [fence(d.doc.signature), d.doc.description];
  if (d.doc.example !== '') parts.push('Example: ' + code(d.doc.example));
  parts.push(`*${d.doc.category}* — Go signature: ${code(`func(${d.params.join(', ')}) ${d.result}`)}`);
  return parts.join('\n\n');
}

/** shallowPreview is a cheap YAML-like preview one level deep (completion documentation). */
export function shallowPreview(v: Value, maxLines = 12): string {
  const lines: string[] = [];
  if (v instanceof Map) {
    for (const [k, x] of v) {
      if (lines.length >= maxLines) {
        lines.push('# …');
        break;
      }
      lines.push(`${k}: ${shortValue(x)}`);
    }
  } else if (Array.isArray(v)) {
    for (const x of v) {
      if (lines.length >= maxLines) {
        lines.push('# …');
        break;
      }
      lines.push(`- ${shortValue(x)}`);
    }
  } else lines.push(shortValue(v));
  return lines.length === 0 ? shortValue(v) : lines.join('\n');
}
