// Function definitions: how the engine calls the functions of a FuncMap, and the
// documentation each function carries as data (completion and hover are built from it).
import type { Value } from './value';

/** HelmVersion selects Helm 3 (Go 1.23) or Helm 4 (Go 1.25) behaviour. */
export type HelmVersion = 3 | 4;

/** FuncDoc is the documentation of one template function. */
export interface FuncDoc {
  /** Go-style signature as users read it, e.g. "trimPrefix PREFIX STRING" or "add a b ...". */
  readonly signature: string;
  /** One line describing what the function does. */
  readonly description: string;
  /** A template example, e.g. `{{ "--x" | trimPrefix "-" }}` → `-x`. */
  readonly example: string;
  /** Category for grouping: "strings", "lists", "dicts", "math", "helm", "builtin", ... */
  readonly category: string;
}

/**
 * FuncDef is one template function.
 *
 * `params` are Go parameter types ("string", "int", "int64", "float64", "bool", "interface {}",
 * "[]interface {}", "map[string]interface {}", "[]string", ...). A variadic function's last
 * entry starts with "..." (e.g. "...interface {}"). The executor checks arity and converts each
 * argument exactly as Go's text/template does (untyped constants must fit the parameter type;
 * computed values must be assignable), then calls `impl` with the converted arguments.
 *
 * `impl` returns the result. It reports a Go error (the function's second `error` result) or a
 * recovered panic by throwing FuncError; the executor prints it as `error calling NAME: MSG`.
 */
export interface FuncDef {
  readonly name: string;
  readonly params: readonly string[];
  /** Go result type, for docs ("string", "interface {}", ...). */
  readonly result: string;
  readonly impl: (args: Value[], ctx: CallContext) => Value;
  readonly doc: FuncDoc;
  /** Helm versions that define the function; undefined = both. */
  readonly versions?: readonly HelmVersion[];
}

/** FuncMap maps function names to definitions. */
export type FuncMap = ReadonlyMap<string, FuncDef>;

/** FuncError is thrown by a function implementation: Go's returned error or a recovered panic. */
export class FuncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FuncError';
  }
}

/** PrivateKeyType names the key algorithms sprig generates. */
export type PrivateKeyType = 'rsa' | 'ec' | 'ed25519' | 'dsa';

/**
 * NativeCrypto is the platform's key generator and an optional memo for expensive results,
 * injected by the real runtimes (CLI, language server). Any generated key or certificate is a
 * valid Helm output, so a session may hand back an earlier result for the same call.
 */
export interface NativeCrypto {
  /**
   * generatePrivateKey returns a new private key as PKCS#8 DER: `rsa` with `bits` modulus, `ec`
   * on P-256, `ed25519`, or `dsa` with a `bits` prime and a 256-bit subprime.
   */
  generatePrivateKey(type: PrivateKeyType, bits: number): Uint8Array;
  /**
   * reuse returns the value stored under `key` by an earlier call, else runs `compute` and may
   * store its result (a thrown error is not stored). `key` names the function, its call site
   * and its arguments. Absent: every call computes.
   */
  reuse?(key: string, compute: () => Value): Value;
  /**
   * expectKeys is a hint before a render whose templates name a key generator `count` times
   * (rsa keys of `bits` bits): a runtime may start generating their parts ahead, elsewhere (the
   * CLI's prime pool). Absent: keys are made when asked.
   */
  expectKeys?(type: PrivateKeyType, bits: number, count: number): void;
}

/**
 * Runtime holds the non-deterministic inputs, injected so renders and tests are reproducible.
 */
export interface Runtime {
  /** now returns the current time. */
  now(): Date;
  /** randomBytes returns n random bytes. */
  randomBytes(n: number): Uint8Array;
  /** localZone is the IANA zone used as Go's time.Local (Helm's goldens use UTC). */
  readonly localZone: string;
  /** crypto: native key generation (and a session memo); absent, sprig uses its fallback. */
  readonly crypto?: NativeCrypto;
}

/**
 * TemplateHost lets functions that need the engine (include, tpl) reach it. The executor
 * implements it for the duration of one call.
 */
export interface TemplateHost {
  /**
   * executeTemplate runs the named template with `data` as dot and returns its output.
   * Throws the engine's error (a TemplateError) if it fails or the name is not defined.
   */
  executeTemplate(name: string, data: Value): string;
  /** hasTemplate reports whether a template of that name is defined. */
  hasTemplate(name: string): boolean;
  /**
   * parseAndExecute parses `text` as a template named `name` in a clone of the current
   * template set (defines inside it are visible only there), then executes it with `data`.
   * Throws a TemplateError for parse or execution errors.
   */
  parseAndExecute(name: string, text: string, data: Value): string;
}

/** CallContext is what a function implementation can use besides its arguments. */
export interface CallContext {
  readonly host: TemplateHost;
  readonly runtime: Runtime;
  readonly helmVersion: HelmVersion;
  /**
   * callSite names the call being executed: its template (file) name and the offset of the
   * call in that template's text. Absent outside the executor.
   */
  readonly callSite?: () => string;
}

/**
 * AbortFlag is what the executor reads to stop: an AbortSignal, or any object whose `aborted`
 * reads shared state (the language server's render workers read a SharedArrayBuffer flag).
 */
export interface AbortFlag {
  readonly aborted: boolean;
}
