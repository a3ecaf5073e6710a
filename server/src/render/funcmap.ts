// The FuncMap Helm installs for a render (pkg/engine funcs.go funcMap + engine.go initFunMap):
// sprig's TxtFuncMap minus env/expandenv, then Helm's functions (toYaml, include, tpl, required,
// lookup, ...) overriding sprig's (toJson, fromJson, fail, getHostByName, mustToJson in v4).
// Go's builtins stay in the executor: a FuncMap entry shadows a builtin of the same name, as in
// Go (e.g. sprig's `slice`).
import type { FuncDef, FuncMap, HelmVersion } from '../template/func';
import { BUILTINS } from '../template/index';
import { sprigFuncs as sprigRegistry } from '../sprig/registry';
import { helmFuncs, newHelmFuncState } from '../helm/funcs';

const sprigFuncs = (): Iterable<readonly [string, FuncDef]> => sprigRegistry().map((d) => [d.name, d] as const);

const cache = new Map<HelmVersion, FuncMap>();

function forVersion(d: FuncDef, hv: HelmVersion): boolean {
  return d.versions === undefined || d.versions.includes(hv);
}

function sprigPart(helmVersion: HelmVersion): FuncMap {
  const hit = cache.get(helmVersion);
  if (hit !== undefined) return hit;
  const m = new Map<string, FuncDef>();
  for (const [name, d] of sprigFuncs()) if (forVersion(d, helmVersion)) m.set(name, d);
  // Helm deletes these so templates cannot read the environment.
  m.delete('env');
  m.delete('expandenv');
  cache.set(helmVersion, m);
  return m;
}

/**
 * helmFuncMap returns the functions one Helm render sees (without Go's builtins). Helm's
 * functions carry per-render state (include's recursion counter), so build one map per render.
 */
export function helmFuncMap(helmVersion: HelmVersion): FuncMap {
  const m = new Map<string, FuncDef>(sprigPart(helmVersion));
  for (const d of helmFuncs(newHelmFuncState())) {
    const name = d.name;
    // A Helm function of the other version only (mustToJson/mustToYaml are Helm's in v4) leaves
    // sprig's definition, if any, in place.
    if (forVersion(d, helmVersion)) m.set(name, d);
  }
  return m;
}

/** allFunctions lists every function name a template can call (builtins included), for docs. */
export function allFunctions(helmVersion: HelmVersion): Map<string, FuncDef> {
  const m = new Map<string, FuncDef>();
  for (const [name, d] of BUILTINS) if (forVersion(d, helmVersion)) m.set(name, d);
  for (const [name, d] of helmFuncMap(helmVersion)) m.set(name, d);
  return m;
}
