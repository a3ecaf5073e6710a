// CodeLens requests: lenses from analysis/codelens.ts, converted to LSP. A resolved lens runs the
// client's ShowReferencesCommand with the places it counts; a lens with none has an empty command
// (shown, not clickable).
import type * as L from 'vscode-languageserver/node';
import { type LensData, codeLenses, resolveCodeLens } from '../analysis/codelens';
import type { Workspace } from '../analysis/snapshot';
import { lineIndex, pathToUri, toLspLocation, uriToPath } from './convert';
import { ShowReferencesCommand } from './protocol';

function asLensData(x: unknown): LensData | undefined {
  if (x === null || typeof x !== 'object') return undefined;
  const o = x as Record<string, unknown>;
  if (typeof o.path !== 'string') return undefined;
  if (o.kind === 'define' && typeof o.name === 'string') return { kind: 'define', path: o.path, name: o.name };
  if (o.kind === 'values' && typeof o.offset === 'number') return { kind: 'values', path: o.path, offset: o.offset };
  return undefined;
}

/** listLenses answers textDocument/codeLens (unresolved lenses). */
export function listLenses(ws: Workspace, p: L.CodeLensParams): L.CodeLens[] {
  const path = uriToPath(p.textDocument.uri);
  if (path === undefined) return [];
  const snap = ws.snapshot();
  const idx = lineIndex(snap.text(path) ?? '');
  return codeLenses(snap, path).map((l) => ({ range: idx.range(l), data: l.data }));
}

/** resolveLens answers codeLens/resolve. */
export function resolveLens(ws: Workspace, lens: L.CodeLens): L.CodeLens {
  const data = asLensData(lens.data);
  if (data === undefined) return lens;
  const snap = ws.snapshot();
  const r = resolveCodeLens(snap, data);
  if (r === undefined) return { ...lens, command: { title: '', command: '' } };
  const t = (path: string): string | undefined => snap.text(path);
  const locations = r.locations.flatMap((l) => toLspLocation(l, t) ?? []);
  const command: L.Command =
    locations.length === 0 ? { title: r.title, command: '' } : { title: r.title, command: ShowReferencesCommand, arguments: [pathToUri(data.path), lens.range.start, locations] };
  return { ...lens, command };
}
