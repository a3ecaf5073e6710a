// Go's fmt and strconv formatting of template values (STUB: being implemented).
import type { Value } from './value';

/** sprint is fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(_args: readonly Value[]): string {
  throw new Error('fmt.sprint: not implemented yet');
}

/** sprintln is fmt.Sprintln: spaces between all operands, trailing newline. */
export function sprintln(_args: readonly Value[]): string {
  throw new Error('fmt.sprintln: not implemented yet');
}

/** sprintf is fmt.Sprintf with Go's verbs, flags, widths and %!verb(type=value) artefacts. */
export function sprintf(_format: string, _args: readonly Value[]): string {
  throw new Error('fmt.sprintf: not implemented yet');
}

/** formatValue is fmt's %v of one value (what printing `{{ x }}` and sprig's strval produce). */
export function formatValue(_v: Value): string {
  throw new Error('fmt.formatValue: not implemented yet');
}

/** formatFloat is strconv.FormatFloat(f, fmt, prec, 64). */
export function formatFloat(_f: number, _fmt: 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X', _prec: number): string {
  throw new Error('fmt.formatFloat: not implemented yet');
}

/** quote is strconv.Quote (Go's %q of a string). */
export function quote(_s: string): string {
  throw new Error('fmt.quote: not implemented yet');
}
