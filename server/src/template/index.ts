// The template engine's public API: Go's text/template (parse + execute) as Helm uses it.
export { TemplateSet, parseErrorToTemplateError } from './template';
export type { EngineOptions, EngineLimits, ExecuteOptions } from './template';
export type { MissingKey, RunOptions } from './exec';
export { TemplateError, lineAndByteCol } from './errors';
export type { TemplateErrorKind } from './errors';
export { BUILTINS, isBuiltinDef } from './builtins';
export type { BuiltinDef } from './builtins';
export { segmentAt, callStack } from './sourcemap';
export type { SourceMap, SourceMapSegment, SourceLocation, CallSite, CallKind, SegmentKind } from './sourcemap';
export { FuncError } from './func';
export type { FuncDef, FuncDoc, FuncMap, HelmVersion, Runtime, CallContext, TemplateHost } from './func';
