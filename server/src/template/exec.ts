// The executor of Go's text/template (exec.go), as Helm uses it.
//
// Value model: `Value` from value.ts; Go's *invalid* reflect.Value (a missing value, printed
// "<no value>") is `undefined`, a nil interface is `null`. Go distinguishes the two: a missing map
// key under missingkey=zero is the zero of the element type, i.e. a nil *interface* (valid), and
// only a pipeline's result is unwrapped from interface to concrete (so `null` becomes invalid
// there). The distinction drives `nil pointer evaluating interface {}.x` vs silently-empty field
// chains, and `wrong type for value; ... got interface {}` vs `invalid value; expected string`.
//
// Go also reports the *static* type of a receiver in `can't evaluate field x in type T`: values
// read from map[string]interface{} / []interface{} have static type `interface {}`. We track that
// with `resIface` (set by whatever produced the last value) and `dotIface` for dot.
//
// Hot path: no closures or per-node allocations; variables live in parallel arrays; output goes
// into a string array; walk returns a control signal (break/continue) instead of throwing.
import { BUILTINS, REFLECT_VALUE, isBuiltinDef, truth, zeroOfElem, zeroOfType } from './builtins';
import type { Arg, BuiltinDef } from './builtins';
import { TemplateError, errorText, execError, goQuote, isStackOverflow, limitError, notDefinedError } from './errors';
import { formatOutput, formatValue } from './fmt';
import type { AbortFlag, CallContext, FuncDef, FuncMap, HelmVersion, Runtime, TemplateHost } from './func';
import { nodeToString } from './parse/print';
import type {
  ActionNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  RangeNode,
  TemplateNode,
  Tree,
  VariableNode,
} from './parse/node';
import { SourceMapBuilder, attachIncludes } from './sourcemap';
import type { CallKind, CallSite, IncludeResult, SourceLocation } from './sourcemap';
import { GoComplex, GoFunc, GoInt, GoObject, NamedMap, isTrue, sliceElemType, sliceTypeInfo, sortedKeys, typeName } from './value';
import type { GoMethod, Value } from './value';

/** MissingKey is Go's missingkey option: zero (Helm), error, or default (invalid). */
export type MissingKey = 'zero' | 'error' | 'default';

/** ExecEnv is what an execution needs from its template set (implemented by TemplateSet). */
export interface ExecEnv {
  lookup(name: string): Tree | undefined;
  readonly funcs: FuncMap;
  readonly helmVersion: HelmVersion;
  readonly runtime: Runtime;
  readonly missingKey: MissingKey;
  readonly maxDepth: number;
  readonly maxOutput: number;
  readonly signal: AbortFlag | undefined;
  /** rootName is the name of the set's root template ("gotpl" in Helm), used in messages. */
  readonly rootName: string;
  /** parseInClone parses `text` as template `name` in a clone of the set (tpl). Throws TemplateError. */
  parseInClone(name: string, text: string): { env: ExecEnv; tree: Tree };
}

/** RunOptions are per-execution options, shared by nested include/tpl executions. */
export interface RunOptions {
  /** funcsOverride functions are looked up before the set's functions. */
  readonly funcsOverride?: FuncMap;
  /** signal aborts the execution (checked at range iterations and template calls). */
  readonly signal?: AbortFlag;
  /** sourceMap records which node produced each output range. */
  readonly sourceMap?: boolean;
}

/**
 * NestState is shared by an execution and the nested executions its include/tpl calls start:
 * the chain of active nested calls, kept (not popped) when the JavaScript stack overflows so the
 * outermost level can describe the recursion in its error.
 */
interface NestState {
  readonly calls: string[];
}

// Frames of `template` recursion that must unwind before a stack overflow is turned into an
// error: building the error at the deepest frame could itself exhaust the stack (and V8 aborts
// the process when it compiles a regular expression there).
const OVERFLOW_UNWIND = 32;

// Sentinel for Go's missingVal: "no value piped in".
const MISSING: unique symbol = Symbol('missing');
type Final = Arg | typeof MISSING;

// walk's control signals.
const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
type Signal = typeof NORMAL | typeof BREAK | typeof CONTINUE;

/** Sig is a normalized Go function signature. */
interface Sig {
  readonly fixed: readonly string[];
  /** element type of the variadic parameter, or null */
  readonly variadic: string | null;
  readonly numIn: number;
}

const sigCache = new WeakMap<object, Sig>();

function normType(t: string): string {
  switch (t) {
    case 'any':
      return 'interface {}';
    case '[]byte':
      return '[]uint8';
    case 'byte':
      return 'uint8';
    case 'rune':
      return 'int32';
    case '[]any':
      return '[]interface {}';
    case 'map[string]any':
      return 'map[string]interface {}';
  }
  return t;
}

function sigOf(key: object, params: readonly string[], variadicFlag: boolean): Sig {
  let s = sigCache.get(key);
  if (s !== undefined) return s;
  const n = params.length;
  let variadic: string | null = null;
  let fixed = params.map(normType);
  if (n > 0 && params[n - 1].startsWith('...')) {
    variadic = normType(params[n - 1].slice(3));
    fixed = fixed.slice(0, n - 1);
  } else if (variadicFlag && n > 0) {
    const last = params[n - 1];
    variadic = normType(last.startsWith('[]') ? last.slice(2) : last);
    fixed = fixed.slice(0, n - 1);
  }
  s = { fixed, variadic, numIn: n };
  sigCache.set(key, s);
  return s;
}

function isIntType(t: string): boolean {
  return t === 'int' || t === 'int8' || t === 'int16' || t === 'int32' || t === 'int64';
}

function isUintType(t: string): boolean {
  return t === 'uint' || t === 'uint8' || t === 'uint16' || t === 'uint32' || t === 'uint64' || t === 'uintptr';
}

/** canBeNil reports whether untyped nil can be assigned to the type (exec.go canBeNil). */
export function canBeNil(t: string): boolean {
  return (
    t === 'interface {}' ||
    t === REFLECT_VALUE ||
    t === 'error' ||
    t.startsWith('[]') ||
    t.startsWith('map[') ||
    t.startsWith('*') ||
    t.startsWith('func') ||
    t.startsWith('chan')
  );
}

/** nilOf returns what a nil of a nillable type becomes for a function (reflect.Zero). */
function nilOf(t: string): Arg {
  if (t === REFLECT_VALUE) return undefined; // the zero reflect.Value is invalid inside
  if (t.startsWith('[]') || t.startsWith('map[')) return zeroOfType(t);
  return null;
}

/** assignable reports whether a (non-nil, concrete) value is assignable to the Go type t. */
export function assignable(v: Value, t: string): boolean {
  const tn = typeName(v);
  if (tn === t) return true;
  // A named map type is assignable to its unnamed underlying type.
  if (v instanceof NamedMap) return t === `map[string]${v.typeInfo.elem}`;
  return false;
}

/** describeCycle names the repeating tail of a call chain: `repeating include "x"`. */
function describeCycle(calls: readonly string[]): string {
  const L = calls.length;
  for (let p = 1; p <= 16 && 2 * p <= L; p++) {
    let periodic = true;
    for (let k = 0; k < p && periodic; k++) if (calls[L - 1 - k] !== calls[L - 1 - k - p]) periodic = false;
    if (periodic) return `repeating ${calls.slice(L - p).join(' → ')}`;
  }
  return `innermost ${calls[L - 1]}`;
}

function isHexInt(s: string): boolean {
  return s.length > 2 && s[0] === '0' && (s[1] === 'x' || s[1] === 'X') && !/[pP]/.test(s);
}

/**
 * Executor runs one template (Go's state). It implements TemplateHost for functions (include,
 * tpl): each executeTemplate runs a fresh Executor, like Go's ExecuteTemplate.
 */
export class Executor implements TemplateHost {
  private readonly env: ExecEnv;
  private readonly opts: RunOptions;
  private readonly funcsOverride: FuncMap | undefined;
  private readonly signal: AbortFlag | undefined;
  private tree: Tree;
  /** node is the node being evaluated, for error context (Go's s.node). */
  private node: Node | null = null;
  /** callNode is the function call being executed (for CallContext.callSite). */
  private callNode: Node | null = null;
  private depth = 0;
  // Variable stack: parallel arrays, logical length varLen, scope floor varBase.
  private varNames: string[] = [];
  private varVals: Arg[] = [];
  private varIface: boolean[] = [];
  private varLen = 0;
  private varBase = 0;
  // Static-type tracking (see file comment).
  private dotIface = false;
  private resIface = false;
  /** addr: the last field value is an addressable struct (pointer-receiver String applies). */
  private addr = false;
  // Template call stack (for the depth-limit emulation).
  private readonly callNodes: TemplateNode[] = [];
  private readonly callTrees: Tree[] = [];
  // Output.
  private readonly out: string[] = [];
  private outLen = 0;
  // Source map (null when off).
  readonly sm: SourceMapBuilder | null;
  private site: CallSite | null = null;
  private readonly pending: IncludeResult[] = [];
  private readonly ctx: CallContext;
  private readonly nest: NestState;
  /** overflowLevel is the template depth at which the JS stack overflowed (-1: none). */
  private overflowLevel = -1;

  constructor(env: ExecEnv, tree: Tree, opts: RunOptions, nest?: NestState) {
    this.nest = nest ?? { calls: [] };
    this.env = env;
    this.tree = tree;
    this.opts = opts;
    this.funcsOverride = opts.funcsOverride;
    this.signal = opts.signal ?? env.signal;
    this.sm = opts.sourceMap === true ? new SourceMapBuilder() : null;
    this.ctx = { host: this, runtime: env.runtime, helmVersion: env.helmVersion, callSite: () => this.callSiteName() };
  }

  /** run executes the template with data as dot and returns the output (Go's Template.execute). */
  run(data: Value): string {
    // Execute uses reflect.ValueOf(data): a nil data is the invalid value, not a nil interface.
    const dot: Arg = data === null ? undefined : data;
    this.push('$', dot, false);
    this.walk(dot, this.tree.root);
    return this.out.length === 1 ? this.out[0] : this.out.join('');
  }

  /** callSiteName is the current call's file name and offset (CallContext.callSite). */
  private callSiteName(): string {
    return `${this.tree.parseName}:${this.callNode === null ? -1 : this.callNode.pos}`;
  }

  // ---- TemplateHost -------------------------------------------------------------------------

  /** executeTemplate is Go's ExecuteTemplate on the same set (Helm's include). */
  executeTemplate(name: string, data: Value): string {
    const tree = this.env.lookup(name);
    if (tree === undefined) throw notDefinedError(name, this.env.rootName);
    return this.runNested(this.env, tree, data, 'include');
  }

  /** hasTemplate reports whether the set defines `name`. */
  hasTemplate(name: string): boolean {
    return this.env.lookup(name) !== undefined;
  }

  /** parseAndExecute parses text as `name` in a clone of the set and executes it (Helm's tpl). */
  parseAndExecute(name: string, text: string, data: Value): string {
    const { env, tree } = this.env.parseInClone(name, text);
    return this.runNested(env, tree, data, 'tpl');
  }

  private runNested(env: ExecEnv, tree: Tree, data: Value, kind: CallKind): string {
    this.checkAbort();
    const calls = this.nest.calls;
    calls.push(`${kind} ${goQuote(tree.name)}`);
    const sub = new Executor(env, tree, this.opts, this.nest);
    let out: string;
    try {
      out = sub.run(data);
    } catch (e) {
      // On a stack overflow the chain stays for overflowError at the outermost level.
      if (!isStackOverflow(e)) calls.pop();
      throw e;
    }
    calls.pop();
    if (this.sm !== null && sub.sm !== null) this.pending.push({ text: out, segments: sub.sm.segments, kind });
    return out;
  }

  // ---- errors ---------------------------------------------------------------------------------

  /**
   * overflowError turns a JavaScript stack overflow that reached the outermost execution into a
   * positioned limit error: at the node the outermost template was evaluating (the include/tpl
   * call that started the recursion, or the deepest `template` call/node when the recursion
   * stayed in this execution), describing the repeating chain of nested calls. Go's stack
   * (1 GB) only runs out much later, so this is a limit of this implementation, not a Go error.
   */
  overflowError(): TemplateError {
    const calls = this.nest.calls;
    let what: string;
    if (calls.length > 0) {
      what = `template recursion too deep: ${calls.length} nested include/tpl calls (${describeCycle(calls)})`;
    } else if (this.overflowLevel >= 0) {
      const names = this.callNodes.slice(0, this.overflowLevel + 1).map((n) => `template ${goQuote(n.name)}`);
      what = `template recursion too deep: ${names.length} nested template calls (${describeCycle(names)})`;
    } else {
      what = 'template or value nesting too deep';
    }
    return limitError(this.tree, this.node, `${what}; the JavaScript call stack is exhausted`);
  }

  private errorf(message: string, cause?: TemplateError | Error): never {
    const node = this.node;
    throw execError(this.tree, node, node === null ? '' : nodeToString(node), message, cause);
  }

  private checkAbort(): void {
    const signal = this.signal;
    if (signal !== undefined && signal.aborted) throw limitError(this.tree, this.node, 'template execution aborted');
  }

  // ---- variables ------------------------------------------------------------------------------

  private push(name: string, value: Arg, iface: boolean): void {
    const i = this.varLen++;
    this.varNames[i] = name;
    this.varVals[i] = value;
    this.varIface[i] = iface;
  }

  private pop(mark: number): void {
    // Clear references so popped values can be collected.
    for (let i = mark; i < this.varLen; i++) this.varVals[i] = undefined;
    this.varLen = mark;
  }

  private varIndex(name: string): number {
    for (let i = this.varLen - 1; i >= this.varBase; i--) {
      if (this.varNames[i] === name) return i;
    }
    return this.errorf(`undefined variable: ${name}`);
  }

  private setVar(name: string, value: Arg, iface: boolean): void {
    const i = this.varIndex(name);
    this.varVals[i] = value;
    this.varIface[i] = iface;
  }

  private setTopVar(n: number, value: Arg, iface: boolean): void {
    const i = this.varLen - n;
    this.varVals[i] = value;
    this.varIface[i] = iface;
  }

  // ---- output ---------------------------------------------------------------------------------

  private write(s: string): void {
    if (s.length === 0) return;
    this.out.push(s);
    this.outLen += s.length;
    if (this.outLen > this.env.maxOutput) {
      throw limitError(this.tree, this.node, `output exceeds the maximum size (${this.env.maxOutput} characters)`);
    }
  }

  private recordSegment(start: number, node: Node, kind: 'text' | 'action'): void {
    if (this.sm === null) return;
    this.sm.add(start, this.outLen, kind, this.locOf(node, kind === 'action'), this.site);
  }

  /** locOf is the source range of a node; actions start at their `{{` (Go's Pos is inside). */
  private locOf(node: Node, action: boolean): SourceLocation {
    let start = node.pos;
    if (action) {
      const i = this.tree.text.lastIndexOf('{{', node.pos);
      if (i >= 0) start = i;
    }
    return { parseName: this.tree.parseName, templateName: this.tree.name, start, end: node.end };
  }

  // ---- walk -----------------------------------------------------------------------------------

  private walk(dot: Arg, node: Node): Signal {
    this.node = node;
    switch (node.kind) {
      case 'action':
        this.walkAction(dot, node);
        return NORMAL;
      case 'break':
        return BREAK;
      case 'continue':
        return CONTINUE;
      case 'comment':
        return NORMAL;
      case 'if':
        return this.walkIfOrWith(false, dot, node.pipe, node.list, node.elseList);
      case 'with':
        return this.walkIfOrWith(true, dot, node.pipe, node.list, node.elseList);
      case 'list': {
        const nodes = node.nodes;
        for (let i = 0; i < nodes.length; i++) {
          const sig = this.walk(dot, nodes[i]);
          if (sig !== NORMAL) return sig;
        }
        return NORMAL;
      }
      case 'range':
        this.walkRange(dot, node);
        return NORMAL;
      case 'template':
        this.walkTemplate(dot, node);
        return NORMAL;
      case 'text':
        if (this.sm !== null) {
          const start = this.outLen;
          this.write(node.text);
          this.recordSegment(start, node, 'text');
        } else {
          this.write(node.text);
        }
        return NORMAL;
      default:
        return this.errorf(`unknown node: ${nodeToString(node)}`);
    }
  }

  private walkAction(dot: Arg, node: ActionNode): void {
    // Variables declared by the action persist until the enclosing end; an action that declares
    // variables prints nothing.
    if (this.sm === null) {
      const val = this.evalPipeline(dot, node.pipe);
      if (node.pipe.decl.length === 0) this.printValue(node, val);
      return;
    }
    const mark = this.pending.length;
    const val = this.evalPipeline(dot, node.pipe);
    if (node.pipe.decl.length === 0) {
      const start = this.outLen;
      const printed = this.printValue(node, val);
      this.recordSegment(start, node, 'action');
      if (this.pending.length > mark) {
        const loc = this.locOf(node, true);
        const parent = this.site;
        attachIncludes(this.sm, printed, start, this.pending.slice(mark), (kind) => ({ loc, kind, parent }));
      }
    }
    this.pending.length = mark;
  }

  private walkIfOrWith(isWith: boolean, dot: Arg, pipe: PipeNode, list: ListNode, elseList: ListNode | null): Signal {
    const mark = this.varLen;
    const val = this.evalPipeline(dot, pipe);
    let sig: Signal = NORMAL;
    if (isTrue(val)) {
      if (isWith) {
        const saved = this.dotIface;
        this.dotIface = false;
        sig = this.walk(val, list);
        this.dotIface = saved;
      } else {
        sig = this.walk(dot, list);
      }
    } else if (elseList !== null) {
      sig = this.walk(dot, elseList);
    }
    this.pop(mark);
    return sig;
  }

  /** oneIteration runs the range body once; returns true to stop (break). */
  private oneIteration(r: RangeNode, mark: number, index: Arg, elem: Arg, elemIface: boolean): boolean {
    const decl = r.pipe.decl;
    const nd = decl.length;
    if (nd > 0) {
      if (r.pipe.isAssign) {
        // With two variables, index comes first; with one, the element.
        if (nd > 1) this.setVar(decl[0].ident[0], index, false);
        else this.setVar(decl[0].ident[0], elem, elemIface);
      } else {
        this.setTopVar(1, elem, elemIface);
      }
    }
    if (nd > 1) {
      if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem, elemIface);
      else this.setTopVar(2, index, false);
    }
    const saved = this.dotIface;
    this.dotIface = elemIface;
    const sig = this.walk(elem, r.list);
    this.dotIface = saved;
    this.pop(mark);
    this.checkAbort();
    return sig === BREAK;
  }

  private walkRange(dot: Arg, r: RangeNode): void {
    this.node = r;
    const mark0 = this.varLen;
    let val = this.evalPipeline(dot, r.pipe);
    if (val === null) val = undefined;
    const mark = this.varLen;
    let ran = false;
    if (val === undefined) {
      // An invalid value (missing, nil) acts like an empty map.
    } else if (Array.isArray(val)) {
      const iface = sliceElemType(val) === 'interface {}';
      for (let i = 0; i < val.length; i++) {
        ran = true;
        if (this.oneIteration(r, mark, new GoInt('int', BigInt(i)), val[i], iface)) break;
      }
    } else if (val instanceof Uint8Array) {
      for (let i = 0; i < val.length; i++) {
        ran = true;
        if (this.oneIteration(r, mark, new GoInt('int', BigInt(i)), new GoInt('uint8', BigInt(val[i])), false)) break;
      }
    } else if (val instanceof Map) {
      const iface = !(val instanceof NamedMap) || val.typeInfo.elem === 'interface {}';
      if (val.size > 0) {
        ran = true;
        for (const k of sortedKeys(val)) {
          const v = val.get(k);
          if (this.oneIteration(r, mark, k, v === undefined ? null : v, iface)) break;
        }
      }
    } else if (val instanceof GoInt && this.env.helmVersion === 4) {
      // Go 1.24+ ranges over integers (Helm 4); Go 1.23 (Helm 3) falls to the error below.
      if (r.pipe.decl.length > 1) this.errorf(`can't use ${val.toString()} to iterate over more than one variable`);
      for (let i = 0n; i < val.v; i++) {
        ran = true;
        // Pass the element as the second value, as Go does for channels and integers.
        if (this.oneIteration(r, mark, undefined, new GoInt(val.type, i), false)) break;
      }
    } else {
      this.errorf(`range can't iterate over ${formatValue(val)}`);
    }
    if (!ran && r.elseList !== null) this.walk(dot, r.elseList);
    this.pop(mark0);
  }

  private walkTemplate(dot: Arg, t: TemplateNode): void {
    this.node = t;
    const tmpl = this.env.lookup(t.name);
    if (tmpl === undefined) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth === this.env.maxDepth) this.errorf(`exceeded maximum template depth (${this.env.maxDepth})`);
    this.checkAbort();
    // Variables declared by the pipeline persist.
    const newDot = this.evalPipeline(dot, t.pipe);
    const savedTree = this.tree;
    const savedBase = this.varBase;
    const savedLen = this.varLen;
    const savedIface = this.dotIface;
    const savedSite = this.site;
    if (this.sm !== null) {
      this.site = {
        loc: this.locOf(t, true),
        kind: 'template',
        parent: savedSite,
      };
    }
    this.callNodes.push(t);
    this.callTrees.push(savedTree);
    const level = this.depth++;
    this.tree = tmpl;
    // No dynamic scoping: template invocations inherit no variables.
    this.varBase = savedLen;
    this.push('$', newDot, false);
    this.dotIface = false;
    try {
      this.walk(newDot, tmpl.root);
    } catch (e) {
      if (isStackOverflow(e)) {
        // depth is not unwound on errors: the first frame to see the overflow records it, and a
        // frame OVERFLOW_UNWIND levels further out (or the outermost) builds the error.
        if (this.overflowLevel < 0) this.overflowLevel = level;
        if (level === 0 || level <= this.overflowLevel - OVERFLOW_UNWIND) throw this.depthError(e);
      }
      throw e;
    }
    this.pop(savedLen);
    this.varBase = savedBase;
    this.tree = savedTree;
    this.dotIface = savedIface;
    this.site = savedSite;
    this.depth--;
    this.callNodes.pop();
    this.callTrees.pop();
  }

  /**
   * depthError turns a JavaScript stack overflow during recursive `template` calls into Go's
   * `exceeded maximum template depth (100000)`: the JS stack is exhausted long before Go's
   * limit, so we find the cycle of the recursion and report the node Go would be at when it
   * reaches the limit. Overflows not caused by deep template recursion are passed on.
   */
  private depthError(e: unknown): unknown {
    const nodes = this.callNodes;
    const L = this.overflowLevel + 1;
    if (L < 64) return e;
    const max = this.env.maxDepth;
    let j = L - 1;
    for (let p = 1; p <= 256 && 2 * p <= L; p++) {
      let periodic = true;
      for (let k = 0; k < p && periodic; k++) {
        if (nodes[L - 1 - k] !== nodes[L - 1 - k - p]) periodic = false;
      }
      if (periodic) {
        const first = L - p;
        j = first + ((((max - first) % p) + p) % p);
        break;
      }
    }
    const node = nodes[j];
    return execError(this.callTrees[j], node, nodeToString(node), `exceeded maximum template depth (${max})`);
  }

  // ---- evaluation -----------------------------------------------------------------------------

  private evalPipeline(dot: Arg, pipe: PipeNode | null): Arg {
    if (pipe === null) return undefined;
    this.node = pipe;
    let value: Final = MISSING;
    const cmds = pipe.cmds;
    for (let i = 0; i < cmds.length; i++) {
      value = this.evalCommand(dot, cmds[i], value);
      // A value of type interface{} is unwrapped to the thing inside: a nil interface becomes
      // the invalid value (printed "<no value>").
      if (value === null) value = undefined;
    }
    const v: Arg = value === MISSING ? undefined : value;
    const decl = pipe.decl;
    for (let i = 0; i < decl.length; i++) {
      if (pipe.isAssign) this.setVar(decl[i].ident[0], v, false);
      else this.push(decl[i].ident[0], v, false);
    }
    return v;
  }

  private notAFunction(args: readonly Node[] | null, final: Final): void {
    if (args !== null && (args.length > 1 || final !== MISSING)) {
      this.errorf(`can't give argument to non-function ${nodeToString(args[0])}`);
    }
  }

  private evalCommand(dot: Arg, cmd: CommandNode, final: Final): Arg {
    this.addr = false;
    const first = cmd.args[0];
    switch (first.kind) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        // Parenthesized pipeline: the arguments are all inside; final must be absent.
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    return this.errorf(`can't evaluate command ${goQuote(nodeToString(first))}`);
  }

  /** idealConstant types an untyped numeric constant by its syntax (int, float64, complex128). */
  private idealConstant(c: NumberNode): Arg {
    this.node = c;
    if (c.isComplex) return new GoComplex(c.complex.re, c.complex.im);
    if (c.isFloat && !isHexInt(c.text) && c.text[0] !== "'" && /[.eEpP]/.test(c.text)) return c.float64;
    if (c.isInt) return new GoInt('int', c.int64);
    if (c.isUint) this.errorf(`${c.text} overflows int`);
    return undefined;
  }

  private evalFieldNode(dot: Arg, field: FieldNode, args: readonly Node[] | null, final: Final): Arg {
    this.node = field;
    return this.evalFieldChain(dot, dot, this.dotIface, field, field.ident, 0, args, final);
  }

  private evalChainNode(dot: Arg, chain: ChainNode, args: readonly Node[] | null, final: Final): Arg {
    this.node = chain;
    if (chain.field.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.kind === 'nil') this.errorf(`indirection through explicit nil in ${nodeToString(chain)}`);
    // (pipe).Field1.Field2: evaluate the pipeline, then the fields.
    this.resIface = false;
    const pipe = this.evalArg(dot, null, chain.node);
    // A parenthesized pipeline's value is concrete; a function's has its declared result type.
    const iface = chain.node.kind === 'pipe' ? false : this.resIface;
    return this.evalFieldChain(dot, pipe, iface, chain, chain.field, 0, args, final);
  }

  private evalVariableNode(dot: Arg, v: VariableNode, args: readonly Node[] | null, final: Final): Arg {
    this.node = v;
    const i = this.varIndex(v.ident[0]);
    const value = this.varVals[i];
    const iface = this.varIface[i];
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      this.resIface = iface;
      return value;
    }
    return this.evalFieldChain(dot, value, iface, v, v.ident, 1, args, final);
  }

  private evalFieldChain(
    dot: Arg,
    receiver: Arg,
    recvIface: boolean,
    node: Node,
    ident: readonly string[],
    start: number,
    args: readonly Node[] | null,
    final: Final,
  ): Arg {
    const n = ident.length;
    for (let i = start; i < n - 1; i++) {
      receiver = this.evalField(dot, ident[i], node, null, MISSING, receiver, recvIface);
      recvIface = this.resIface;
    }
    return this.evalField(dot, ident[n - 1], node, args, final, receiver, recvIface);
  }

  private evalFunction(dot: Arg, node: IdentifierNode, cmd: Node, args: readonly Node[] | null, final: Final): Arg {
    this.node = node;
    const name = node.ident;
    let def: FuncDef | undefined = this.funcsOverride?.get(name) ?? this.env.funcs.get(name);
    let isBuiltin = false;
    if (def === undefined) {
      def = BUILTINS.get(name);
      if (def === undefined) this.errorf(`${goQuote(name)} is not a defined function`);
      isBuiltin = true;
    } else {
      isBuiltin = isBuiltinDef(def);
    }
    return this.evalCall(dot, def, null, isBuiltin, cmd, name, args, final);
  }

  /** evalField evaluates `.Field` on receiver: method first, then struct field, then map key. */
  private evalField(
    dot: Arg,
    fieldName: string,
    node: Node,
    args: readonly Node[] | null,
    final: Final,
    receiver: Arg,
    recvIface: boolean,
  ): Arg {
    if (receiver === undefined) {
      if (this.env.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      this.resIface = false;
      return undefined;
    }
    if (receiver === null) {
      // Calling a method on a nil interface can't work.
      return this.errorf(`nil pointer evaluating interface {}.${fieldName}`);
    }
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (receiver instanceof Map) {
      if (receiver instanceof NamedMap) {
        const m = receiver.typeInfo.method(receiver, fieldName);
        if (m !== undefined) return this.evalCall(dot, null, m, false, node, fieldName, args, final);
      }
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      const r = receiver.get(fieldName);
      const elem = receiver instanceof NamedMap ? receiver.typeInfo.elem : 'interface {}';
      this.resIface = elem === 'interface {}';
      if (r !== undefined) return r;
      switch (this.env.missingKey) {
        case 'default':
          this.resIface = false;
          return undefined;
        case 'zero':
          return zeroOfElem(receiver);
        case 'error':
          return this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
      }
      return undefined;
    }
    const typ = recvIface ? 'interface {}' : typeName(receiver);
    if (Array.isArray(receiver)) {
      // Named slice types have methods too (common.VersionSet.Has for .Capabilities.APIVersions).
      const m = sliceTypeInfo(receiver)?.method(receiver, fieldName);
      if (m !== undefined) return this.evalCall(dot, null, m, false, node, fieldName, args, final);
    }
    if (receiver instanceof GoObject) {
      const m = receiver.method(fieldName);
      if (m !== undefined) return this.evalCall(dot, null, m, false, node, fieldName, args, final);
      if (receiver.isNil()) {
        if (receiver.fieldNames().includes(fieldName)) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
      } else {
        const f = receiver.field(fieldName);
        if (f !== undefined) {
          if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
          const v = f.value;
          this.resIface = false;
          // A field reached through a pointer is addressable: pointer-receiver String() applies.
          this.addr = v instanceof GoObject && v.kind === 'struct';
          return v;
        }
      }
    }
    return this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  /**
   * evalCall calls a function (def) or method (m) with the argument nodes args[1:] and the piped
   * final value, converting each argument to its parameter type as Go does.
   */
  private evalCall(
    dot: Arg,
    def: FuncDef | null,
    m: GoMethod | null,
    isBuiltin: boolean,
    node: Node,
    name: string,
    args: readonly Node[] | null,
    final: Final,
  ): Arg {
    const sig = def !== null ? sigOf(def, def.params, false) : sigOf(m as GoMethod, (m as GoMethod).params, (m as GoMethod).variadic === true);
    const nArgs = args === null ? 0 : args.length - 1;
    const numIn = nArgs + (final !== MISSING ? 1 : 0);
    const numFixed = sig.variadic !== null ? sig.fixed.length : nArgs;
    if (sig.variadic !== null) {
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${nArgs}`);
    } else if (numIn !== sig.numIn) {
      this.errorf(`wrong number of args for ${name}: want ${sig.numIn} got ${numIn}`);
    }

    // Special case for builtin and/or, which short-circuit and return the deciding value.
    if (isBuiltin && (name === 'and' || name === 'or')) {
      const wantTrue = name === 'or';
      let v: Arg = undefined;
      for (let i = 1; args !== null && i < args.length; i++) {
        v = this.evalArg(dot, REFLECT_VALUE, args[i]);
        if (truth(v) === wantTrue) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }

    const argv: Arg[] = new Array<Arg>(numIn);
    let i = 0;
    for (; i < numFixed && i < nArgs; i++) argv[i] = this.evalArg(dot, sig.fixed[i], (args as readonly Node[])[i + 1]);
    if (sig.variadic !== null) {
      for (; i < nArgs; i++) argv[i] = this.evalArg(dot, sig.variadic, (args as readonly Node[])[i + 1]);
    }
    if (final !== MISSING) {
      let t: string;
      if (sig.variadic !== null) t = numIn - 1 < numFixed ? sig.fixed[numIn - 1] : sig.variadic;
      else t = sig.fixed[sig.numIn - 1];
      argv[i] = this.validateType(final, t);
    }

    let result: Arg;
    try {
      if (def !== null && isBuiltin && isBuiltinDef(def)) {
        if (name === 'call') {
          // The call builtin gets the callee's source text for its messages.
          const callee = nArgs === 0 ? (typeof final === 'string' ? final : '<reflect.Value Value>') : nodeToString((args as readonly Node[])[1]);
          argv.unshift(callee);
        }
        result = (def as BuiltinDef).call(argv, this.env.helmVersion);
      } else {
        for (let k = 0; k < argv.length; k++) if (argv[k] === undefined) argv[k] = null;
        const values = argv as Value[];
        this.callNode = node;
        const r = def !== null ? def.impl(values, this.ctx) : (m as GoMethod).call(values);
        result = r === undefined ? null : r;
      }
    } catch (e) {
      if (isStackOverflow(e)) {
        // Point at the call: the outermost level reports the overflow at it (overflowError).
        this.node = node;
        throw e;
      }
      if (e instanceof TemplateError && e.kind === 'limit') throw e;
      this.node = node;
      const cause = e instanceof Error ? e : new Error(String(e));
      return this.errorf(`error calling ${name}: ${errorText(e)}`, cause);
    }
    // With an output limit, no single value may exceed it either: a string that doubles per
    // recursion level (`include "x" (toJson .)`) would otherwise exhaust memory long before
    // anything is written.
    if (this.env.maxOutput !== Infinity) this.checkSize(result, name, node);
    this.addr = false;
    this.resIface = def !== null && def.result === 'interface {}';
    return result;
  }

  /** checkSize raises the limit error when a function result is larger than maxOutput. */
  private checkSize(v: Arg, name: string, node: Node): void {
    const n = typeof v === 'string' || v instanceof Uint8Array || Array.isArray(v) ? v.length : 0;
    if (n > this.env.maxOutput) {
      throw limitError(this.tree, node, `result of ${name} exceeds the maximum size (${this.env.maxOutput} characters)`);
    }
  }

  /** validateType checks that a computed value is assignable to the parameter type t. */
  private validateType(value: Arg, t: string | null): Arg {
    if (value === undefined) {
      if (t === null) return undefined;
      if (canBeNil(t)) return nilOf(t);
      return this.errorf(`invalid value; expected ${t}`);
    }
    if (t === null || t === REFLECT_VALUE || t === 'interface {}') return value;
    if (value === null) {
      // A nil interface{} value (a missing or null map entry reached by a field chain) is not
      // assignable to any concrete type, not even a nilable one: Go's validateType reports it.
      // (Pipeline results were already unwrapped to "invalid", which nilable params accept.)
      return this.errorf(`wrong type for value; expected ${t}; got interface {}`);
    }
    if (assignable(value, t)) return value;
    // One dereference: a pointer whose element type is t.
    if (value instanceof GoObject && value.kind === 'ptr' && value.goType === '*' + t) {
      if (value.isNil()) this.errorf(`dereference of nil pointer of type ${t}`);
      return value;
    }
    return this.errorf(`wrong type for value; expected ${t}; got ${typeName(value)}`);
  }

  private evalArg(dot: Arg, t: string | null, n: Node): Arg {
    this.node = n;
    switch (n.kind) {
      case 'dot':
        return this.validateType(dot, t);
      case 'nil':
        if (t !== null && canBeNil(t)) return nilOf(t);
        return this.errorf(`cannot assign nil to ${t ?? '<nil>'}`);
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, null, MISSING), t);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, null, MISSING), t);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), t);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, null, MISSING), t);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, null, MISSING), t);
    }
    if (t === null) return this.errorf(`can't handle ${nodeToString(n)} for arg of type <nil>`);
    switch (t) {
      case 'bool':
        if (n.kind === 'bool') return n.value;
        return this.errorf(`expected bool; found ${nodeToString(n)}`);
      case 'complex128':
      case 'complex64':
        if (n.kind === 'number' && n.isComplex) return new GoComplex(n.complex.re, n.complex.im);
        return this.errorf(`expected complex; found ${nodeToString(n)}`);
      case 'float64':
      case 'float32':
        if (n.kind === 'number' && n.isFloat) return n.float64;
        return this.errorf(`expected float; found ${nodeToString(n)}`);
      case 'interface {}':
      case REFLECT_VALUE:
        return this.evalEmptyInterface(dot, n);
      case 'string':
        if (n.kind === 'string') return n.text;
        return this.errorf(`expected string; found ${nodeToString(n)}`);
    }
    if (isIntType(t)) {
      if (n.kind === 'number' && n.isInt) return new GoInt(t as 'int', n.int64);
      return this.errorf(`expected integer; found ${nodeToString(n)}`);
    }
    if (isUintType(t)) {
      if (n.kind === 'number' && n.isUint) return new GoInt(t as 'uint', n.uint64);
      return this.errorf(`expected unsigned integer; found ${nodeToString(n)}`);
    }
    return this.errorf(`can't handle ${nodeToString(n)} for arg of type ${t}`);
  }

  private evalEmptyInterface(dot: Arg, n: Node): Arg {
    this.node = n;
    switch (n.kind) {
      case 'bool':
        return n.value;
      case 'dot':
        return dot;
      case 'field':
        return this.evalFieldNode(dot, n, null, MISSING);
      case 'identifier':
        return this.evalFunction(dot, n, n, null, MISSING);
      case 'nil':
        return this.errorf("evalEmptyInterface: nil (can't happen)");
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
      case 'variable':
        return this.evalVariableNode(dot, n, null, MISSING);
      case 'pipe':
        return this.evalPipeline(dot, n);
    }
    return this.errorf(`can't handle assignment of ${nodeToString(n)} to empty interface argument`);
  }

  // ---- printing -------------------------------------------------------------------------------

  /** printValue writes the value as fmt.Fprint does (printableValue rules); returns the text. */
  private printValue(n: ActionNode, v: Arg): string {
    this.node = n;
    let s: string;
    if (v === undefined) s = '<no value>';
    else if (typeof v === 'string') s = v;
    else if (typeof v === 'boolean') s = v ? 'true' : 'false';
    else if (v instanceof GoInt) s = v.v.toString();
    else if (v instanceof GoFunc) return this.errorf(`can't print ${nodeToString(n)} of type ${v.goType}`);
    else if (v instanceof GoObject) s = this.printObject(n, v);
    else s = formatValue(v);
    this.write(s);
    return s;
  }

  private printObject(n: ActionNode, v: GoObject): string {
    if (v.kind === 'func' || v.kind === 'chan') return this.errorf(`can't print ${nodeToString(n)} of type ${v.goType}`);
    // printableValue: pointers are indirected (the element is addressable, so *T's String
    // applies); a struct field reached through a pointer is addressable too.
    return formatOutput(v, this.addr);
  }

}
