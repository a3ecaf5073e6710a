// What the cursor points at in a template, for hover and go-to-definition: one segment of a
// field path, a variable, a function name, or a define name (include/template string).
import type * as N from '../template/parse/node';
import { type Env, type Sym, type VarInfo, locate, nodeStart, resolveFields } from './scope';
import { defineRootFor } from './definectx';
import type { DocChart, Snapshot } from './snapshot';
import type { Span } from './types';

/** Target is the thing under the cursor. */
export type Target =
  | {
      readonly kind: 'path';
      readonly span: Span;
      /** display: the source form up to the hovered segment, e.g. ".Values.image.tag". */
      readonly display: string;
      readonly sym: Sym | undefined;
      /** parent: the value holding the hovered segment (to tell "missing" from "unknown"). */
      readonly parent: Sym | undefined;
      readonly name: string;
    }
  | { readonly kind: 'variable'; readonly span: Span; readonly info: VarInfo | undefined }
  | { readonly kind: 'function'; readonly span: Span; readonly name: string }
  /** define: a define name; call: in an include/template call (not the define itself). */
  | { readonly kind: 'define'; readonly span: Span; readonly name: string; readonly call?: boolean };

/** TargetInfo is the target with the document context it was computed in. */
export interface TargetInfo {
  readonly target: Target;
  readonly dc: DocChart | undefined;
  readonly env: Env;
}

function segmentAt(start: number, parts: readonly string[], offset: number): number {
  // parts[i] spans [pos+1, pos+1+len) after its leading '.' (or '$' name for variables).
  let pos = start;
  for (let i = 0; i < parts.length; i++) {
    const end = pos + (i === 0 && parts[0].startsWith('$') ? 0 : 1) + parts[i].length;
    if (offset <= end) return i;
    pos = end;
  }
  return parts.length - 1;
}

function segSpan(start: number, parts: readonly string[], i: number): Span {
  let pos = start;
  for (let j = 0; j < i; j++) pos += (j === 0 && parts[0].startsWith('$') ? 0 : 1) + parts[j].length;
  const lead = i === 0 && parts[0].startsWith('$') ? 0 : 1;
  return { start: pos + lead, end: pos + lead + parts[i].length };
}

function pathTarget(base: Sym | undefined, names: readonly string[], i: number, span: Span, display: string): Target {
  const parent = resolveFields(base, names.slice(0, i));
  return { kind: 'path', span, display, sym: resolveFields(parent, [names[i]]), parent, name: names[i] };
}

/** targetAt finds what lies under `offset` in a template document. */
export function targetAt(snap: Snapshot, path: string, offset: number): TargetInfo | undefined {
  const text = snap.text(path);
  if (text === undefined) return undefined;
  const dc = snap.docChart(path);
  const root: Sym | undefined = dc !== undefined ? { value: snap.rootContext(dc), isRoot: true } : undefined;
  const loc = locate(snap.parse(path, text), path, offset, root, defineRootFor(snap, dc));
  const env = loc.env;
  const t = loc.templateNode;
  if (t !== undefined) return { target: { kind: 'define', span: { start: t.nameStart, end: t.nameEnd }, name: t.name, call: true }, dc, env };
  const leaf = loc.leaf;
  if (leaf === undefined) return undefined;
  const target = leafTarget(leaf, loc.command, env, offset);
  return target === undefined ? undefined : { target, dc, env };
}

function leafTarget(leaf: N.Node, command: N.CommandNode | undefined, env: Env, offset: number): Target | undefined {
  switch (leaf.kind) {
    case 'field': {
      const start = nodeStart(leaf);
      const i = segmentAt(start, leaf.ident, offset);
      return pathTarget(env.dot, leaf.ident, i, segSpan(start, leaf.ident, i), '.' + leaf.ident.slice(0, i + 1).join('.'));
    }
    case 'variable': {
      const start = nodeStart(leaf);
      const i = segmentAt(start, leaf.ident, offset);
      const info = env.vars.get(leaf.ident[0]);
      if (i === 0) return { kind: 'variable', span: { start, end: start + leaf.ident[0].length }, info };
      const names = leaf.ident.slice(1);
      return pathTarget(info?.sym, names, i - 1, segSpan(start, leaf.ident, i), leaf.ident.slice(0, i + 1).join('.'));
    }
    case 'dot':
      return { kind: 'path', span: { start: leaf.pos, end: leaf.end }, display: '.', sym: env.dot, parent: undefined, name: '.' };
    case 'identifier':
      return { kind: 'function', span: { start: leaf.pos, end: leaf.end }, name: leaf.ident };
    case 'string': {
      const fn = command?.args[0];
      if (fn?.kind === 'identifier' && fn.ident === 'include' && command?.args[1] === leaf) {
        return { kind: 'define', span: { start: leaf.pos + 1, end: leaf.end - 1 }, name: leaf.text, call: true };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
