// Hover on a key of a values file (values.yaml, a discovered values*.yaml or ci/*.yaml, a
// configured values file, a parent's values for a subchart): the key's full path in the chart
// whose values it sets, its effective value after coalescing with the configured values files,
// every layer setting it (file and line), the values.schema.json description and type, and the
// template places reading it. Chart text reaches the Markdown only through mdsafe.
import type { Value } from '../template/value';
import { shallowPreview, shortValue } from './describe';
import { code, fence, text } from './mdsafe';
import { readIndex, readIndirectly } from './readindex';
import type { Snapshot } from './snapshot';
import type { HoverResult } from './types';
import { type KeySetting, effectiveValue, lineOf, subchartOf, targetSettings, valuesKeyAt } from './valueslayers';
import { schemaAt, schemaType } from './valuesschema';

/** MAX_READS bounds the template places listed. */
const MAX_READS = 5;

/** displayPath prints a key path with list indexes as `[i]`. */
export function displayPath(path: readonly string[]): string {
  let s = '';
  for (const p of path) s += /^\d+$/.test(p) ? `[${p}]` : s === '' ? p : `.${p}`;
  return s;
}

function layerLine(s: KeySetting, path: readonly string[]): string {
  const t = s.source.text;
  const where = s.range !== undefined && t !== undefined ? ` line ${lineOf(t, s.range.start)}` : '';
  const how = {
    user: 'configured values file',
    parent: 'parent override',
    own: 'chart default',
    discovered: 'discovered, not in the render profile',
  }[s.source.kind];
  const global = s.keyPath[0] === 'global' ? ' (global)' : '';
  const same = s.keyPath.length === path.length && s.keyPath.every((k, i) => k === path[i]);
  const as = same ? '' : ` as ${code(displayPath(s.keyPath))}`;
  return `- ${code(s.source.rel)}${where} — ${how}${global}${as}: ${code(shortValue(s.value as Value))}`;
}

/** valuesHover describes the values key at `offset` of a values file, or undefined when not on a key. */
export function valuesHover(snap: Snapshot, path: string, offset: number): HoverResult | undefined {
  const key = valuesKeyAt(snap, path, offset);
  if (key === undefined) return undefined;
  const { target, file } = key;
  const model = file.dc.model;
  const parts: string[] = [];
  const title = `.Values.${displayPath(target.path)}`;
  const root = model.chart;
  const inChart = root !== undefined && target.chart !== root && !target.global ? ` — chart ${code(target.chart.metadata.name)}` : '';
  parts.push(`${code(title)}${inChart}`);
  const sub = subchartOf(model, target.chart, target.path);
  if (sub !== undefined) parts.push(`Values passed to the subchart ${code(sub.metadata.name)}.`);
  const eff = effectiveValue(model, target.chart, target.path);
  if (eff.disabled) parts.push(`Chart ${code(target.chart.metadata.name)} is disabled (condition or tags): it is not rendered.`);
  else if (eff.found) parts.push('Effective value (values.yaml coalesced with the configured values files):\n' + fence(shallowPreview(eff.value as Value, 20), 'yaml'));
  else parts.push('Not in the effective values (only set in files outside the render profile).');
  const settings = targetSettings(snap, model, target);
  if (settings.length > 0) parts.push('Set in (highest precedence first):\n' + settings.map((s) => layerLine(s, target.path)).join('\n'));
  const schema = schemaAt(target.chart, target.path);
  if (schema !== undefined) {
    const ty = schemaType(schema);
    const desc = typeof schema.description === 'string' ? schema.description : typeof schema.title === 'string' ? schema.title : undefined;
    const bits = [ty !== undefined ? `type ${code(ty)}` : undefined, Array.isArray(schema.enum) ? `one of ${schema.enum.map((e) => code(JSON.stringify(e))).join(', ')}` : undefined].filter((x) => x !== undefined);
    const line = `values.schema.json: ${bits.join(', ')}`;
    parts.push(desc !== undefined ? `${line}\n\n${text(desc)}` : line);
  }
  const reads = readIndex(snap, file.dc).reads(target.chart, target.path);
  if (reads.length === 0) {
    // The values-unused index: conditions, import-values, `tpl` strings, helper lookups.
    parts.push(readIndirectly(snap, model, target) ? 'Read indirectly (a dependency condition, import-values, a `tpl` string or a helper looking the path up); no template names it.' : 'Not read by any template.');
  }
  else {
    const files = new Set(reads.map((r) => r.path));
    const head = `Read by ${files.size} template${files.size === 1 ? '' : 's'} (${reads.length} place${reads.length === 1 ? '' : 's'}):`;
    const list = reads.slice(0, MAX_READS).map((r) => {
      const t = snap.text(r.path) ?? '';
      const rel = r.path.startsWith(model.root + '/') ? r.path.slice(model.root.length + 1) : r.path;
      return `- ${code(rel)} line ${lineOf(t, r.start)}`;
    });
    if (reads.length > MAX_READS) list.push(`- … ${reads.length - MAX_READS} more (Find All References)`);
    parts.push(head + '\n' + list.join('\n'));
  }
  return { start: key.span.start, end: key.span.end, markdown: parts.join('\n\n') };
}
