// The render outcome as it crosses from a render worker to the main thread (structured clone).
// Source maps and texts are plain data and clone as they are; only files/texts that changed
// since the previous outcome of the same worker are sent (the decoder keeps the previous ones).
// Go values lose their prototypes under structured clone, so recorded include contexts are
// encoded: an object identical to a root of the worker's release (a chart's render context, its
// entries, every map/list inside its .Values) travels as a reference (chart index + key path),
// resolved on the main thread against its own prepared release; the rest structurally (a NamedMap that is no root arrives as a plain map, a GoObject as nil).
import type { RenderChart } from '../chart/objects';
import type { IncludeFrame, RenderError, RenderedFile } from '../render/engine';
import type { RenderOutcome } from '../analysis/snapshot';
import { type RenderedProblem, provideRenderedProblems, renderedProblems } from '../analysis/rendered';
import { GoInt, type IntType, type Value, sliceElemType, typedSlice } from '../template/value';

/** WireValue is an encoded Go value. */
export type WireValue = null | boolean | number | string | Uint8Array | WireRef | WireInt | WireList | WireMap;

interface WireRef {
  readonly t: 'ref';
  readonly chart: number;
  readonly path: readonly (string | number)[];
}
interface WireInt {
  readonly t: 'int';
  readonly type: IntType;
  readonly v: bigint;
}
interface WireList {
  readonly t: 'list';
  readonly elem: string;
  readonly items: readonly WireValue[];
}
interface WireMap {
  readonly t: 'map';
  readonly entries: ReadonlyArray<readonly [string, WireValue]>;
}

/** WireError is a RenderError without its engine cause. */
export type WireError = Omit<RenderError, 'cause'>;

/** WireOutcome is what a worker posts for one finished render. */
export interface WireOutcome {
  readonly error: WireError | undefined;
  readonly pathOf: ReadonlyArray<readonly [string, string]>;
  /** files: null = the same as in the previous outcome of this worker. */
  readonly files: ReadonlyArray<readonly [string, RenderedFile | null]>;
  /** textOf: null = the same as in the previous outcome of this worker. */
  readonly textOf: ReadonlyArray<readonly [string, string | null]>;
  /** includeContexts: null = the same values as in the previous outcome of this worker. */
  readonly includeContexts: ReadonlyArray<readonly [string, readonly WireValue[] | null]>;
  readonly substituted: readonly string[];
  /** problems: the rendered-YAML problems of every file, computed in the worker (diagnostics filter them by path). */
  readonly problems: readonly RenderedProblem[];
}

/** MAX_NODES bounds the values encoded per outcome and the root index walk. */
const MAX_NODES = 50_000;
const MAX_DEPTH = 24;

/** OutcomeEncoder runs in the worker; it remembers what it sent last. */
export class OutcomeEncoder {
  private prevFiles = new Map<string, RenderedFile>();
  private prevText = new Map<string, string>();
  private prevContexts = new Map<string, readonly Value[]>();
  /** prevEncoded: the encoding of every object sent last time (a reused file's contexts belong to an older release, whose roots this render's index lacks). */
  private prevEncoded = new Map<object, WireValue>();

  encode(o: RenderOutcome): WireOutcome {
    const files: Array<readonly [string, RenderedFile | null]> = [];
    for (const [name, f] of o.files) {
      const prev = this.prevFiles.get(name);
      files.push([name, prev !== undefined && prev.text === f.text && prev.sourceMap === f.sourceMap ? null : plainFile(f)]);
    }
    const textOf: Array<readonly [string, string | null]> = [];
    for (const [name, t] of o.textOf) textOf.push([name, this.prevText.get(name) === t ? null : t]);
    this.prevFiles = new Map(o.files);
    this.prevText = new Map(o.textOf);
    const index = rootIndex(o.charts ?? []);
    let budget = MAX_NODES;
    const encoded = new Map<object, WireValue>();
    const enc = (v: Value, depth: number): WireValue => {
      if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
      if (--budget < 0 || depth > MAX_DEPTH) return null;
      if (typeof v === 'object') {
        const ref = index.get(v);
        if (ref !== undefined) return { t: 'ref', chart: ref[0], path: ref[1] };
        const before = this.prevEncoded.get(v);
        if (before !== undefined) return before;
      }
      if (v instanceof GoInt) return { t: 'int', type: v.type, v: v.v };
      if (v instanceof Uint8Array) return v;
      if (Array.isArray(v)) return { t: 'list', elem: sliceElemType(v), items: v.map((x) => enc(x, depth + 1)) };
      if (v instanceof Map) return { t: 'map', entries: [...v].map(([k, x]) => [k, enc(x, depth + 1)] as const) };
      return null;
    };
    const includeContexts: Array<readonly [string, readonly WireValue[] | null]> = [];
    for (const [name, list] of o.includeContexts) {
      const prev = this.prevContexts.get(name);
      const same = prev !== undefined && prev.length === list.length && prev.every((x, i) => x === list[i]);
      // Objects met before cost a lookup: a repeated list only refreshes the memo.
      const wire = list.map((v) => enc(v, 0));
      list.forEach((v, i) => v !== null && typeof v === 'object' && encoded.set(v, wire[i]));
      includeContexts.push([name, same ? null : wire]);
    }
    this.prevContexts = new Map(o.includeContexts);
    this.prevEncoded = encoded;
    return {
      error: o.error === undefined ? undefined : plainError(o.error),
      pathOf: [...o.pathOf],
      files,
      textOf,
      includeContexts,
      substituted: [...o.substituted],
      problems: o.error === undefined ? renderedProblems(o) : [],
    };
  }
}

/** OutcomeDecoder runs on the main thread, one per worker, fed every outcome in order. */
export class OutcomeDecoder {
  private prevFiles = new Map<string, RenderedFile>();
  private prevText = new Map<string, string>();
  private prevContexts = new Map<string, Value[]>();

  /**
   * decode rebuilds the outcome; references resolve against `charts` (the main thread's release).
   * `own(path)` is this thread's text of a template file: a template text that arrives equal to
   * it is replaced by it, so the main thread does not keep a second copy of every template (the
   * worker read the same files; argo-cd's CRD templates alone are 1.8 MB).
   */
  decode(w: WireOutcome, charts: readonly RenderChart[] | undefined, own?: (path: string) => string | undefined): RenderOutcome {
    const pathOf = new Map(w.pathOf);
    const files = new Map<string, RenderedFile>();
    for (const [name, f] of w.files) {
      const got = f ?? this.prevFiles.get(name);
      if (got !== undefined) files.set(name, got);
    }
    const textOf = new Map<string, string>();
    for (const [name, t] of w.textOf) {
      const p = t !== null ? pathOf.get(name) : undefined;
      const mine = p !== undefined ? own?.(p) : undefined;
      const got = t === null ? this.prevText.get(name) : mine === t ? mine : t;
      if (got !== undefined) textOf.set(name, got);
    }
    this.prevFiles = files;
    this.prevText = textOf;
    const dec = (v: WireValue): Value => {
      if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return v;
      switch (v.t) {
        case 'ref':
          return resolveRef(charts, v.chart, v.path);
        case 'int':
          return new GoInt(v.type, v.v);
        case 'list':
          return typedSlice(v.items.map(dec), v.elem);
        case 'map':
          return new Map(v.entries.map(([k, x]) => [k, dec(x)] as const));
      }
    };
    const includeContexts = new Map<string, Value[]>();
    for (const [name, list] of w.includeContexts) {
      const got = list === null ? this.prevContexts.get(name) : list.map(dec);
      if (got !== undefined) includeContexts.set(name, got);
    }
    this.prevContexts = includeContexts;
    const error: RenderError | undefined = w.error === undefined ? undefined : { ...w.error, cause: undefined };
    const outcome: RenderOutcome = { error, pathOf, files, textOf, includeContexts, substituted: new Set(w.substituted) };
    provideRenderedProblems(outcome, w.problems);
    return outcome;
  }
}

function plainFile(f: RenderedFile): RenderedFile {
  return f.sourceMap === undefined ? { text: f.text } : { text: f.text, sourceMap: { segments: f.sourceMap.segments } };
}

function plainError(e: RenderError): WireError {
  const includeStack: IncludeFrame[] = e.includeStack.map((f) => ({ ...f }));
  return { kind: e.kind, message: e.message, file: e.file, start: e.start, end: e.end, includeStack };
}

/** rootIndex maps every root object of the release to [chart index, key path] (first chart wins). */
function rootIndex(charts: readonly RenderChart[]): Map<object, readonly [number, readonly (string | number)[]]> {
  const index = new Map<object, readonly [number, readonly (string | number)[]]>();
  let budget = MAX_NODES;
  const walk = (v: Value, chart: number, path: (string | number)[], deep: boolean): void => {
    if (v === null || typeof v !== 'object' || index.has(v) || --budget < 0 || path.length > MAX_DEPTH) return;
    index.set(v, [chart, path]);
    if (!deep) return;
    if (v instanceof Map) for (const [k, x] of v) walk(x, chart, [...path, k], true);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, chart, [...path, i], true));
  };
  charts.forEach((r, i) => {
    walk(r.context, i, [], false);
    for (const [k, x] of r.context) walk(x, i, [k], k === 'Values');
  });
  return index;
}

function resolveRef(charts: readonly RenderChart[] | undefined, chart: number, path: readonly (string | number)[]): Value {
  const r = charts?.[chart];
  if (r === undefined) return null;
  let cur: Value = r.context;
  for (const k of path) {
    if (cur instanceof Map && typeof k === 'string') cur = cur.get(k) ?? null;
    else if (Array.isArray(cur) && typeof k === 'number') cur = cur[k] ?? null;
    else return null;
    if (cur === null) return null;
  }
  return cur;
}
