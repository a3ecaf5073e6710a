// `.Files.Get "path"` / `.Files.Glob "pattern"` / `.Files.Lines` / `.Files.GetBytes` as
// navigation targets: the call under the cursor (on the method name or on its string argument)
// and the chart files it reads, matched exactly as the render does (glob syntax: helm/glob.ts).
import * as posix from 'node:path/posix';
import { globMatcher } from '../helm/glob';
import type * as N from '../template/parse/node';
import { NamedMap } from '../template/value';
import { type Sym, locate, resolveFields } from './scope';
import { defineRootFor } from './definectx';
import type { DocChart, Snapshot } from './snapshot';
import type { Location } from './types';

const FILE_METHODS: ReadonlySet<string> = new Set(['Get', 'GetBytes', 'Glob', 'Lines']);

/** FilesCall is a `.Files.M "arg"` call: the files object it is called on, the method and the argument. */
export interface FilesCall {
  readonly files: NamedMap;
  readonly method: string;
  readonly arg: string;
}

/** filesCallAt finds a `.Files` method call whose method name or string argument holds `offset`. */
export function filesCallAt(snap: Snapshot, path: string, offset: number): FilesCall | undefined {
  const text = snap.text(path);
  const dc = snap.docChart(path);
  if (text === undefined || dc === undefined) return undefined;
  const root: Sym = { value: snap.rootContext(dc), isRoot: true };
  const loc = locate(snap.parse(path, text), path, offset, root, defineRootFor(snap, dc));
  const c = loc.command;
  if (c === undefined || c.args.length < 2) return undefined;
  const [fn, arg] = c.args;
  if (arg.kind !== 'string' || (loc.leaf !== fn && loc.leaf !== arg)) return undefined;
  let base: Sym | undefined;
  let names: readonly string[];
  if (fn.kind === 'field') {
    base = loc.env.dot;
    names = fn.ident;
  } else if (fn.kind === 'variable') {
    base = loc.env.vars.get(fn.ident[0])?.sym;
    names = fn.ident.slice(1);
  } else return undefined;
  const method = names[names.length - 1];
  if (names.length < 2 || !FILE_METHODS.has(method)) return undefined;
  const files = resolveFields(base, names.slice(0, -1))?.value;
  if (!(files instanceof NamedMap) || files.typeInfo.name !== 'engine.files') return undefined;
  return { files, method, arg: (arg as N.StringNode).text };
}

/** chartOfFiles finds the chart directory whose render context holds `files` as `.Files`. */
function chartDirOf(dc: DocChart, files: NamedMap): string | undefined {
  for (const r of dc.model.renderByOrigin.values()) {
    if (r.context.get('Files') === files) return r.chart.origin.archive === undefined ? posix.join(dc.model.root, r.chart.origin.path) : undefined;
  }
  return dc.chart.origin.archive === undefined ? posix.join(dc.model.root, dc.chart.origin.path) : undefined;
}

/** filesDefinition lists the chart files a `.Files` call reads (a glob: every match, in name order). */
export function filesDefinition(snap: Snapshot, path: string, offset: number): Location[] | undefined {
  const call = filesCallAt(snap, path, offset);
  const dc = snap.docChart(path);
  if (call === undefined || dc === undefined) return undefined;
  const dir = chartDirOf(dc, call.files);
  if (dir === undefined) return [];
  let names: string[];
  if (call.method === 'Glob') {
    let match: (name: string) => boolean;
    try {
      match = globMatcher(call.arg);
    } catch {
      return [];
    }
    names = [...call.files.keys()].filter(match).sort();
  } else names = call.files.has(call.arg) ? [call.arg] : [];
  return names.map((n) => ({ path: posix.join(dir, n), start: 0, end: 0 }));
}
