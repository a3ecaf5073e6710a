// Completion in a values file. At a key position, the mapping level comes from the indentation of
// the lines above; proposed are the keys that templates read at that level but this file does not
// set (with the template reading them), the keys of the effective values there (subchart defaults,
// globals), values.schema.json properties, and at the top level the subcharts' keys and `global`.
// At a value position (`key: |`), the schema's enum (or true/false for booleans).
import type { Chart } from '../chart/loader';
import type { Value } from '../template/value';
import { shortValue } from './describe';
import { code, text as mdText } from './mdsafe';
import { valuesKeyOf } from './model';
import { readIndex } from './readindex';
import { valuesTarget } from './references';
import type { Snapshot } from './snapshot';
import type { CompletionEntry, Span } from './types';
import { effectiveValue, lineOf, valuesFileAt } from './valueslayers';
import { schemaAt, schemaProperties, schemaType } from './valuesschema';

/** LineContext is what the cursor's line says: a key being typed, or a value after `key:`. */
type LineContext = { readonly kind: 'key'; readonly column: number; readonly word: string } | { readonly kind: 'value'; readonly column: number; readonly key: string; readonly word: string };

const KEY_LINE = /^( *)([^\s:#'"-][^:#]*)?$/;
const VALUE_LINE = /^( *)([^\s:#'"-][^:#]*?):[ \t]+([^\s#]*)$/;
const PARENT_LINE = /^( *)([^\s:#'"-][^:#]*?):[ \t]*(?:&\S+[ \t]*)?(?:#.*)?$/;

function lineContext(line: string): LineContext | undefined {
  const v = VALUE_LINE.exec(line);
  if (v !== null) return { kind: 'value', column: v[1].length, key: v[2], word: v[3] };
  const k = KEY_LINE.exec(line);
  if (k !== null) return { kind: 'key', column: k[1].length, word: k[2] ?? '' };
  return undefined;
}

/** parentPath reads the enclosing keys from the lines above (undefined inside lists or flow collections). */
function parentPath(text: string, lineStart: number, column: number): string[] | undefined {
  const path: string[] = [];
  let want = column;
  let end = lineStart - 1;
  while (want > 0 && end >= 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    const indent = line.length - line.trimStart().length;
    const body = line.trimStart();
    if (body === '' || body.startsWith('#')) continue;
    if (indent >= want) continue;
    if (body.startsWith('-')) return undefined;
    const m = PARENT_LINE.exec(line);
    if (m === null) return undefined;
    path.unshift(m[2].trim());
    want = indent;
    if (start === 0) break;
  }
  return want === 0 ? path : undefined;
}

function isMapValue(v: Value | undefined): boolean {
  return v instanceof Map;
}

/** valuesCompletion answers for a values file (undefined: `path` is no values file). */
export function valuesCompletion(snap: Snapshot, path: string, offset: number): CompletionEntry[] | undefined {
  const file = valuesFileAt(snap, path);
  const text = snap.text(path);
  if (file === undefined || text === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const ctx = lineContext(text.slice(lineStart, offset));
  if (ctx === undefined) return [];
  const filePath = parentPath(text, lineStart, ctx.column);
  if (filePath === undefined) return [];
  const model = file.dc.model;
  const replace: Span = { start: offset - ctx.word.length, end: offset };
  if (ctx.kind === 'value') {
    const t = valuesTarget(file.dc, file.chart, [...filePath, ctx.key.trim()]);
    const schema = t !== undefined ? schemaAt(t.chart, t.path) : undefined;
    if (schema === undefined) return [];
    const options = Array.isArray(schema.enum) ? schema.enum : schemaType(schema) === 'boolean' ? [true, false] : [];
    return options.map((e, i) => ({ label: typeof e === 'string' ? e : JSON.stringify(e), kind: 'value', detail: 'values.schema.json', replace, sortText: String(i).padStart(4, '0') }));
  }
  // The mapping the cursor is in, as a target: a key under it canonicalises like any other.
  const probe = valuesTarget(file.dc, file.chart, [...filePath, '\u0000']);
  if (probe === undefined) return [];
  const chart: Chart = probe.chart;
  const at = probe.path.slice(0, -1);
  const doc = snap.valuesDoc(text);
  const here = filePath.length === 0 ? doc.roots : (doc.find(filePath)?.children ?? []);
  const present = new Set(here.filter((k) => !(k.key.start <= offset && offset <= k.key.end)).map((k) => k.name));
  const out = new Map<string, CompletionEntry>();
  const add = (label: string, map: boolean, detail: string, doc: string | undefined, rank: number): void => {
    if (present.has(label) || out.has(label) || label === '' || /[\s:#]/.test(label)) return;
    out.set(label, {
      label,
      kind: map ? 'object' : 'field',
      detail,
      documentation: doc,
      insertText: map ? `${label}:\n  $0` : `${label}: `,
      snippet: map,
      replace,
      sortText: `${rank}${label}`,
    });
  };
  const index = readIndex(snap, file.dc);
  const eff = effectiveValue(model, chart, at);
  const effMap = eff.value instanceof Map ? eff.value : undefined;
  for (const [k, loc] of index.children(chart, at)) {
    const rel = loc.path.startsWith(model.root + '/') ? loc.path.slice(model.root.length + 1) : loc.path;
    const where = `${rel}:${lineOf(snap.text(loc.path) ?? '', loc.start)}`;
    const deeper = index.children(chart, [...at, k]).size > 0;
    add(k, deeper || isMapValue(effMap?.get(k)), `read by ${where}`, `Read by the template ${code(where)}; not set in this file.`, 0);
  }
  if (at.length === 0 && !probe.global) {
    for (const d of chart.dependencies) if (d.metadata.type !== 'library') add(valuesKeyOf(model, d), true, `values of subchart ${d.metadata.name}`, undefined, 1);
    add('global', true, 'values shared with every subchart', undefined, 3);
  }
  const schema = schemaAt(chart, at);
  if (schema !== undefined) {
    for (const [k, n] of schemaProperties(chart, schema)) {
      const ty = schemaType(n);
      const desc = typeof n.description === 'string' ? mdText(n.description) : undefined;
      add(k, ty === 'object', `values.schema.json${ty !== undefined ? `: ${ty}` : ''}`, desc, 1);
    }
  }
  if (effMap !== undefined) for (const [k, v] of effMap) add(k, isMapValue(v), `effective value: ${shortValue(v)}`, undefined, 2);
  return [...out.values()];
}
