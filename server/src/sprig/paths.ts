// Sprig path functions: Go's `path` package (base dir clean ext isAbs) and `path/filepath`
// (os* variants), which on Linux — where Helm's behaviour is defined — follow the same rules.
import type { FuncDef } from '../template/func';
import type { Value } from '../template/value';
import { fn } from './def';

/** clean is path.Clean: lexical shortest path (. and .. resolved, slashes collapsed). */
export function clean(p: string): string {
  if (p === '') return '.';
  const rooted = p[0] === '/';
  const n = p.length;
  let out = rooted ? '/' : '';
  let r = rooted ? 1 : 0;
  let dotdot = rooted ? 1 : 0;
  while (r < n) {
    if (p[r] === '/') r++;
    else if (p[r] === '.' && (r + 1 === n || p[r + 1] === '/')) r++;
    else if (p[r] === '.' && p[r + 1] === '.' && (r + 2 === n || p[r + 2] === '/')) {
      r += 2;
      if (out.length > dotdot) {
        // backtrack to the previous '/'
        let w = out.length - 1;
        while (w > dotdot && out[w] !== '/') w--;
        out = out.slice(0, w);
      } else if (!rooted) {
        if (out.length > 0) out += '/';
        out += '..';
        dotdot = out.length;
      }
    } else {
      if ((rooted && out.length !== 1) || (!rooted && out.length !== 0)) out += '/';
      for (; r < n && p[r] !== '/'; r++) out += p[r];
    }
  }
  return out === '' ? '.' : out;
}

/** base is path.Base: the last element, trailing slashes removed ("" → ".", "/" → "/"). */
export function base(p: string): string {
  if (p === '') return '.';
  while (p.length > 0 && p[p.length - 1] === '/') p = p.slice(0, -1);
  const i = p.lastIndexOf('/');
  if (i >= 0) p = p.slice(i + 1);
  return p === '' ? '/' : p;
}

/** dir is path.Dir: everything but the last element, cleaned. */
export function dir(p: string): string {
  const i = p.lastIndexOf('/');
  return clean(p.slice(0, i + 1));
}

/** ext is path.Ext: the suffix from the final '.' in the last element. */
export function ext(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) {
    if (p[i] === '.') return p.slice(i);
  }
  return '';
}

/** isAbs is path.IsAbs. */
export function isAbs(p: string): boolean {
  return p.startsWith('/');
}

function str(v: Value): string {
  return typeof v === 'string' ? v : '';
}

const S = 'string';
const cat = 'paths';

/** pathsFuncs are sprig's path and filepath functions. */
export const pathsFuncs: FuncDef[] = [
  fn(cat, 'base', [S], S, ([p]) => base(str(p)), ['base PATH', 'Last element of a slash-separated path.', '{{ base "foo/bar/baz" }} → baz']),
  fn(cat, 'dir', [S], S, ([p]) => dir(str(p)), ['dir PATH', 'All but the last element of a path.', '{{ dir "foo/bar/baz" }} → foo/bar']),
  fn(cat, 'clean', [S], S, ([p]) => clean(str(p)), ['clean PATH', 'Cleans up a path (. and .. resolved).', '{{ clean "foo/bar/../baz" }} → foo/baz']),
  fn(cat, 'ext', [S], S, ([p]) => ext(str(p)), ['ext PATH', 'File extension of the last element, with the dot.', '{{ ext "foo.bar" }} → .bar']),
  fn(cat, 'isAbs', [S], 'bool', ([p]) => isAbs(str(p)), ['isAbs PATH', 'Reports whether the path is absolute.', '{{ isAbs "/foo" }} → true']),
  fn(cat, 'osBase', [S], S, ([p]) => base(str(p)), ['osBase PATH', 'filepath.Base (OS separators; / on Linux).', '{{ osBase "/foo/bar.txt" }} → bar.txt']),
  fn(cat, 'osDir', [S], S, ([p]) => dir(str(p)), ['osDir PATH', 'filepath.Dir (OS separators; / on Linux).', '{{ osDir "/foo/bar.txt" }} → /foo']),
  fn(cat, 'osClean', [S], S, ([p]) => clean(str(p)), ['osClean PATH', 'filepath.Clean (OS separators; / on Linux).', '{{ osClean "a/../b" }} → b']),
  fn(cat, 'osExt', [S], S, ([p]) => ext(str(p)), ['osExt PATH', 'filepath.Ext (OS separators; / on Linux).', '{{ osExt "x.y" }} → .y']),
  fn(cat, 'osIsAbs', [S], 'bool', ([p]) => isAbs(str(p)), ['osIsAbs PATH', 'filepath.IsAbs (/ on Linux).', '{{ osIsAbs "/x" }} → true']),
];
