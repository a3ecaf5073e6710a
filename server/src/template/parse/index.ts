// Public API of the template parser (Go's text/template/parse): parse, errors, printing, the lexer and the AST.

export { parse, formatParseError, MULTIPLE_DEFINITION } from './parse';
export type { ParseOptions, ParseError, ParseResult, DefineInfo } from './parse';
export { isEmptyTree, nodeToString, treeToSource, itemToString } from './print';
export { lex, ItemType, itemTypeName, isAlphaNumeric } from './lex';
export type { Item, LexOptions, LexResult } from './lex';
export { parseNumber, unquote, goQuote } from './literals';
export type { NumberValue, NumberKind } from './literals';
export type * from './node';
