// Hover: a value path's effective value and the values layer that set it; a function's docs;
// a define's location, source and what it renders with the chart's context. Text from the chart
// or its values only enters the Markdown through mdsafe (fences, code spans, escaped text).
import { describeDefineSite } from './definition';
import { funcMarkdown, membersOf, shortValue, yamlPreview } from './describe';
import { renderedAtCallSite } from './callsite';
import { code, fence, text } from './mdsafe';
import { settingLayers, sourceLayer, valuesOwner } from './model';
import { methodDoc } from './methods';
import type { Sym } from './scope';
import { NamedMap, type Value } from '../template/value';
import { kubeHover } from './k8shover';
import { previewDefine } from './preview';
import type { Snapshot } from './snapshot';
import { type Target, targetAt } from './target';
import type { HoverResult } from './types';
import { valuesHover } from './valueshover';

/** hover returns Markdown for the thing under `offset`, or undefined. */
export function hover(snap: Snapshot, path: string, offset: number): HoverResult | undefined {
  if (snap.docChart(path)?.kind !== 'template') {
    const v = valuesHover(snap, path, offset);
    if (v !== undefined) return v;
  }
  const info = targetAt(snap, path, offset);
  // Outside actions: a Kubernetes manifest key.
  if (info === undefined) return kubeHover(snap, path, offset);
  const { target, dc } = info;
  const md = ((): string | undefined => {
    switch (target.kind) {
      case 'function': {
        const d = snap.functions().get(target.name);
        return d === undefined ? `${code(target.name)}: unknown function` : funcMarkdown(d);
      }
      case 'variable': {
        const v = target.info;
        if (v === undefined) return 'variable not declared in scope';
        const head = fence(v.name);
        return v.sym === undefined ? head + '\n\nvalue not known statically' : head + '\n\n' + fence(yamlPreview(v.sym.value), 'yaml');
      }
      case 'define': {
        if (dc === undefined) return undefined;
        const sites = snap.defines(dc.model).get(target.name);
        if (sites === undefined || sites.length === 0) return `template ${code(target.name)} is not defined in this chart or its dependencies`;
        const parts = [`**define** ${code(target.name)}`, ...sites.map((s) => describeDefineSite(s))];
        const at = target.call ? renderedAtCallSite(snap, dc, offset) : undefined;
        if (at !== undefined) {
          parts.push('Renders here (last render of the chart):\n' + fence(cut(at, MAX_LINES), 'yaml'));
        } else {
          const p = previewDefine(snap, dc, target.name);
          if ('output' in p) parts.push('Renders (with the chart context):\n' + fence(cut(p.output, MAX_LINES), 'yaml'));
          else parts.push('Rendering it fails:\n' + fence(p.error));
        }
        return parts.join('\n\n');
      }
      case 'path':
        return pathMarkdown(info.dc, target);
    }
  })();
  return md === undefined ? undefined : { start: target.span.start, end: target.span.end, markdown: md };
}

/** MAX_LINES bounds a define's rendered output in a hover (a whole manifest's worth). */
const MAX_LINES = 400;

function cut(s: string, lines: number): string {
  const ls = s.split('\n');
  return ls.length > lines ? [...ls.slice(0, lines), `… (${ls.length - lines} more lines)`].join('\n') : s;
}

function pathMarkdown(dc: ReturnType<Snapshot['docChart']>, t: Extract<Target, { kind: 'path' }>): string | undefined {
  const valuesPath = t.sym?.valuesPath ?? (t.parent?.valuesPath !== undefined ? [...t.parent.valuesPath, t.name] : undefined);
  const title = valuesPath !== undefined && valuesPath.length > 0 ? `.Values.${valuesPath.join('.')}` : t.display;
  const parts = [fence(title)];
  const method = t.sym === undefined ? methodOf(t.parent, t.name) : undefined;
  if (method !== undefined) return parts[0] + '\n\n' + method;
  if (t.sym !== undefined && isFiles(t.sym.value)) return parts[0] + '\n\n' + filesSummary(t.sym.value);
  if (valuesPath !== undefined && valuesPath.length === 0 && dc !== undefined && t.sym !== undefined) return parts[0] + '\n\n' + valuesSummary(dc, t.sym.value);
  if (t.sym !== undefined) {
    parts.push(fence(yamlPreview(t.sym.value), 'yaml'));
    if (t.sym.approximate === true) parts.push('*(first element of the enclosing `range`)*');
  } else if (t.parent !== undefined && (t.parent.value instanceof Map)) {
    parts.push('*not set* — renders as `<no value>`/empty');
  } else {
    return parts[0] + '\n\nvalue not known statically';
  }
  if (valuesPath !== undefined && dc !== undefined) {
    const layers = settingLayers(dc.model, valuesOwner(dc.chart), valuesPath);
    const where = (l: (typeof layers)[number]): string => `${text(l.layer.label)}${l.layer.path !== undefined ? ` (${code(l.layer.path)})` : ''}`;
    if (layers.length === 0) parts.push('Not set in any values layer.');
    else {
      parts.push(`Set in ${where(layers[0])}.`);
      // The layers it overrides, in precedence order (a parent chart's values, the chart's defaults, globals).
      if (layers.length > 1) parts.push('Overrides:\n' + layers.slice(1).map((l) => `- ${where(l)}: ${code(shortValue(l.value as Value))}`).join('\n'));
    }
  }
  return parts.join('\n\n');
}

/** methodOf documents a Go method of the value holding it (`.Files.Get`, `.Values.Table`, `.Capabilities.APIVersions.Has`). */
function methodOf(parent: Sym | undefined, name: string): string | undefined {
  if (parent === undefined) return undefined;
  const m = membersOf(parent.value).find((x) => x.kind === 'method' && x.name === name);
  if (m === undefined) return undefined;
  const d = m.owner !== undefined ? methodDoc(m.owner, name) : undefined;
  const owner = m.owner !== undefined ? ` of ${code(m.owner)}` : '';
  return d === undefined ? `method${owner}` : `${fence(d.signature)}\n\n${d.doc}\n\n*method${owner}*`;
}

function isFiles(v: Value): v is NamedMap {
  return v instanceof NamedMap && v.typeInfo.name === 'engine.files';
}

/** MAX_FILES bounds the file names a `.Files` hover lists. */
const MAX_FILES = 30;

/** filesSummary lists `.Files` by name and size (never their contents). */
function filesSummary(files: NamedMap): string {
  const lines = ['The chart\'s files outside `templates/` that `.helmignore` keeps (`engine.files`): ' + `${files.size} file${files.size === 1 ? '' : 's'}.`];
  const names = [...files.keys()].sort();
  const shown = names.slice(0, MAX_FILES).map((n) => {
    const b = files.get(n);
    return `${n}  (${b instanceof Uint8Array ? b.length : 0} bytes)`;
  });
  if (names.length > MAX_FILES) shown.push(`… ${names.length - MAX_FILES} more`);
  if (shown.length > 0) lines.push(fence(shown.join('\n')));
  lines.push('Methods: `Get`, `GetBytes`, `Glob`, `Lines`, `AsConfig`, `AsSecrets`.');
  return lines.join('\n\n');
}

/** MAX_KEYS bounds the top-level keys a `.Values` hover lists. */
const MAX_KEYS = 40;

/** valuesSummary lists the top-level keys of `.Values` with a short value and the layer that sets each. */
function valuesSummary(dc: NonNullable<ReturnType<Snapshot['docChart']>>, values: Value): string {
  if (!(values instanceof Map)) return fence(shortValue(values));
  const owner = valuesOwner(dc.chart);
  const keys = [...values.keys()].sort();
  const rows = keys.slice(0, MAX_KEYS).map((k) => {
    const src = sourceLayer(dc.model, owner, [k]);
    const from = src === undefined ? 'not in a values file' : text(src.layer.label);
    return `- ${code(k)}: ${code(shortValue(values.get(k) ?? null))} — ${from}`;
  });
  if (keys.length > MAX_KEYS) rows.push(`- … ${keys.length - MAX_KEYS} more`);
  const head = `The values of chart ${text(owner.metadata.name)} after coalescing: ${keys.length} top-level key${keys.length === 1 ? '' : 's'}.`;
  return rows.length === 0 ? head : head + '\n\n' + rows.join('\n');
}
