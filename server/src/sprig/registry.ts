// The sprig v3.3.0 function map as FuncDefs: every domain module's table, collected in one list.
// Domains written by other modules are loaded when present (see optionalDomains) so the
// registry works while they land; make those imports static once every file exists.
import type { FuncDef } from '../template/func';
import { defaultsFuncs } from './defaults';
import { dictsFuncs } from './dicts';
import { listsFuncs } from './lists';
import { numericFuncs } from './numeric';
import { reflectFuncs } from './reflect';
import { stringsFuncs } from './strings';

// pick reads `export const <name>: FuncDef[]` from a loaded module.
function pick(load: () => unknown, name: string): FuncDef[] {
  try {
    const m = load() as Record<string, unknown>;
    const v = m[name];
    return Array.isArray(v) ? (v as FuncDef[]) : [];
  } catch {
    return []; // module not written yet
  }
}

// optionalDomains lists the other sprig domains; literal require() paths keep bundlers happy.
function optionalDomains(): FuncDef[][] {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return [
    pick(() => require('./regex'), 'regexFuncs'),
    pick(() => require('./semver'), 'semverFuncs'),
    pick(() => require('./date'), 'dateFuncs'),
    pick(() => require('./encoding'), 'encodingFuncs'),
    pick(() => require('./crypto'), 'cryptoFuncs'),
    pick(() => require('./paths'), 'pathsFuncs'),
    pick(() => require('./urls'), 'urlsFuncs'),
    pick(() => require('./random'), 'randomFuncs'),
    pick(() => require('./network'), 'networkFuncs'),
  ];
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** coreSprigFuncs are the domains implemented in this directory's core modules. */
export function coreSprigFuncs(): FuncDef[] {
  return [...stringsFuncs, ...listsFuncs, ...dictsFuncs, ...defaultsFuncs, ...numericFuncs, ...reflectFuncs];
}

let cached: FuncDef[] | undefined;

/**
 * sprigFuncs returns every sprig function Helm sees (GenericFuncMap; `env`/`expandenv` are not
 * included since Helm deletes them). A later definition of a name replaces an earlier one.
 */
export function sprigFuncs(): FuncDef[] {
  if (cached) return cached;
  const byName = new Map<string, FuncDef>();
  for (const d of coreSprigFuncs()) byName.set(d.name, d);
  for (const table of optionalDomains()) for (const d of table) byName.set(d.name, d);
  cached = [...byName.values()];
  return cached;
}
