// Sprig network function getHostByName. Helm replaces it with a stub returning "" unless
// DNS lookups are enabled (`--enable-dns`), which a hermetic renderer never does.
import type { FuncDef } from '../template/func';
import { fn } from './def';

/** networkFuncs is sprig's getHostByName as Helm exposes it (hermetic: always ""). */
export const networkFuncs: FuncDef[] = [
  fn('network', 'getHostByName', ['string'], 'string', () => '', [
    'getHostByName NAME',
    'Resolves a host name to an IP address; Helm returns "" unless --enable-dns is set (always "" here).',
    '{{ getHostByName "example.com" }} → ""',
  ]),
];
