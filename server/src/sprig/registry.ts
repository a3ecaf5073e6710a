// The sprig v3.3.0 function map as FuncDefs: every domain module's table, collected in one list.
import type { FuncDef } from '../template/func';
import { cryptoFuncs } from './crypto';
import { dateFuncs } from './date';
import { defaultsFuncs } from './defaults';
import { dictsFuncs } from './dicts';
import { encodingFuncs } from './encoding';
import { sprigJSONFuncs } from './json';
import { listsFuncs } from './lists';
import { networkFuncs } from './network';
import { numericFuncs } from './numeric';
import { pathsFuncs } from './paths';
import { randomFuncs } from './random';
import { reflectFuncs } from './reflect';
import { regexFuncs } from './regex';
import { semverFuncs } from './semver';
import { stringsFuncs } from './strings';
import { urlsFuncs } from './urls';

// otherDomains lists the domains beyond the core ones, in sprig's functions.go order.
function otherDomains(): (readonly FuncDef[])[] {
  return [regexFuncs, semverFuncs, dateFuncs, encodingFuncs, cryptoFuncs, pathsFuncs, urlsFuncs, randomFuncs, networkFuncs, sprigJSONFuncs];
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
  for (const table of otherDomains()) for (const d of table) byName.set(d.name, d);
  cached = [...byName.values()];
  return cached;
}
