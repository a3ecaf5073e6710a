// Parser of Go's text/template (parse/parse.go, Go 1.25), a close port: same token look-ahead (3-token buffer
// per tree), same error texts, same line reported (Go uses the line of the most recently lexed token, token[0]),
// same node positions. Editor (resilient) mode records errors instead of stopping and keeps partial nodes.

import { type Item, ItemType as ItemTypes, lex } from './lex';
import { noteStackOverflow } from '../stack-signal';
import type { ItemType } from './lex';

// A module-local copy: transpiled CommonJS would otherwise go through an export getter on every access.
const IT = ItemTypes;
import { goQuote, parseNumber, unquote } from './literals';
import type * as N from './node';
import { isEmptyTree, itemToString, nodeToString } from './print';

/** ParseOptions control function checking and editor mode. */
export interface ParseOptions {
  /** Reports whether a function name exists (Go checks at parse time: `function "x" not defined`). Omitted = no check. */
  isFunc?: (name: string) => boolean;
  /** Editor mode: never stop at the first error; recover, keep parsing, return a best-effort tree plus ALL errors. */
  resilient?: boolean;
}

/** ParseError is one parse error: Go's message (without the `template: NAME:LINE: ` prefix), file, line and range. */
export interface ParseError {
  readonly message: string;
  readonly name: string;
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/** DefineInfo locates a define/block declaration: the whole `{{define "x"}}...{{end}}` and its name literal. */
export interface DefineInfo {
  name: string;
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
}

/** ParseResult holds the trees by template name, the define/block declarations and the errors. */
export interface ParseResult {
  readonly trees: Map<string, N.Tree>;
  readonly defines: DefineInfo[];
  readonly errors: ParseError[];
}

/** MULTIPLE_DEFINITION prefixes the one message Go wraps twice (`template: x:1: template: multiple definition ...`). */
export const MULTIPLE_DEFINITION = 'multiple definition of template ';

/** formatParseError renders Go's error text `template: NAME:LINE: MESSAGE`. */
export function formatParseError(e: ParseError): string {
  // Go's add() calls errorf("template: multiple definition of template %q"), so the text carries a second prefix.
  const inner = e.message.startsWith(MULTIPLE_DEFINITION) ? 'template: ' : '';
  return `template: ${e.name}:${e.line}: ${inner}${e.message}`;
}

// maxStackDepth and maxPipelineCmds are Go's limits.
const maxStackDepth = 10000;
const maxPipelineCmds = 100000;

/** ParseAbort unwinds the parser like Go's panic in errorf. */
class ParseAbort extends Error {}

interface Ctl {
  readonly kind: 'end' | 'else';
  readonly pos: number;
  readonly line: number;
  /** offset of the action's `{{` */
  readonly start: number;
  /** offset past the action */
  readonly end: number;
}

type Parsed = N.Node | Ctl;

function isCtl(n: Parsed): n is Ctl {
  return n.kind === 'end' || n.kind === 'else';
}

function ctlString(c: Ctl): string {
  return c.kind === 'end' ? '{{end}}' : '{{else}}';
}

class Shared {
  idx = 0;
  readonly errors: ParseError[] = [];
  readonly treeSet = new Map<string, N.Tree>();
  readonly defines: DefineInfo[] = [];
  readonly sentinel: Item;
  /** nest counts open control bodies; peak is the deepest control + parenthesis nesting seen. */
  nest = 0;
  peak = 0;

  constructor(
    readonly items: Item[],
    insideActionAtEnd: boolean,
    readonly text: string,
    readonly parseName: string,
    readonly isFunc: ((name: string) => boolean) | undefined,
    readonly resilient: boolean,
  ) {
    const last = items[items.length - 1];
    // After a lex error Go truncates the input: further items are "unclosed action" (inside an action) or EOF.
    if (last.type === IT.Error) {
      this.sentinel = insideActionAtEnd
        ? { type: IT.Error, pos: 0, end: 0, val: 'unclosed action', line: last.line }
        : { type: IT.EOF, pos: 0, end: 0, val: '', line: last.line };
    } else {
      this.sentinel = last;
    }
  }

  nextItem(): Item {
    const i = this.idx++;
    return i < this.items.length ? this.items[i] : this.sentinel;
  }
}

function newList(pos: number): N.ListNode {
  return { kind: 'list', pos, end: pos, nodes: [] };
}

class TreeParser {
  private readonly token: Item[];
  private peekCount = 0;
  private vars: string[] = ['$'];
  private actionLine = 0;
  private rangeDepth = 0;
  private stackDepth = 0;
  /** Resilient mode: the current action was abandoned after an error (its rest skipped). */
  private aborted = false;
  private actionStart = 0;
  private lastTok: Item;

  constructor(
    private readonly sh: Shared,
    private name: string,
  ) {
    const dummy: Item = { type: IT.EOF, pos: 0, end: 0, val: '', line: 1 };
    this.token = [dummy, dummy, dummy];
    this.lastTok = dummy;
  }

  // ---- token stream (Go's next/backup/peek with a 3-token buffer) ----

  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.sh.nextItem();
    const t = this.token[this.peekCount];
    this.lastTok = t;
    return t;
  }

  private backup(): void {
    this.peekCount++;
  }

  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1];
    this.peekCount = 1;
    this.token[0] = this.sh.nextItem();
    return this.token[0];
  }

  private nextNonSpace(): Item {
    for (;;) {
      const t = this.next();
      if (t.type !== IT.Space) return t;
    }
  }

  private peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  /** handOver returns buffered look-ahead to the shared stream before another tree reads from it. */
  private handOver(): void {
    this.sh.idx -= this.peekCount;
    this.peekCount = 0;
  }

  // ---- errors ----

  private record(message: string, at?: Item): void {
    const tok = at ?? this.token[0];
    this.sh.errors.push({ message, name: this.sh.parseName, line: this.token[0].line, start: tok.pos, end: tok.end });
  }

  /** fail is Go's errorf: record and unwind. */
  private fail(message: string, at?: Item): never {
    this.record(message, at);
    throw new ParseAbort(message);
  }

  /** soft is an error after which resilient parsing simply continues (strict mode stops like Go). */
  private soft(message: string, at?: Item): void {
    this.record(message, at);
    if (!this.sh.resilient) throw new ParseAbort(message);
  }

  /** unexpected complains about a consumed token; resilient mode skips the rest of the action. */
  private unexpected(token: Item, context: string): void {
    let msg: string;
    if (token.type === IT.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.sh.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length); // avoid "action in action"
      }
      msg = token.val + extra;
    } else {
      msg = `unexpected ${itemToString(token)} in ${context}`;
    }
    this.soft(msg, token);
    this.aborted = true;
    switch (token.type) {
      case IT.RightDelim:
        return;
      case IT.EOF:
      case IT.LeftDelim:
      case IT.Text:
      case IT.Comment:
        this.backup();
        return;
    }
    this.skipAction();
  }

  /** skipAction consumes the rest of a broken action (through `}}`), reporting lex errors met on the way. */
  private skipAction(): void {
    for (;;) {
      const t = this.next();
      switch (t.type) {
        case IT.RightDelim:
          return;
        case IT.EOF:
        case IT.LeftDelim:
        case IT.Text:
        case IT.Comment:
          this.backup();
          return;
        case IT.Error:
          this.record(t.val, t);
          break;
      }
    }
  }

  private expect(type: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.type !== type) this.unexpected(token, context);
    return token;
  }

  // ---- top level ----

  /** parse is the top-level parser for a template: itemList plus {{define}} handling, to EOF. */
  parseFile(): N.ListNode {
    const root = newList(this.peek().pos);
    while (this.peek().type !== IT.EOF) {
      if (this.peek().type === IT.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().type === IT.Define) {
          this.handOver();
          const newT = new TreeParser(this.sh, 'definition');
          try {
            newT.parseDefinition(delim);
          } catch (e) {
            if (!(e instanceof ParseAbort) || !this.sh.resilient) throw e;
            newT.handOver();
            this.skipAction();
          }
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (isCtl(n)) this.soft(`unexpected ${ctlString(n)}`);
      else root.nodes.push(n);
    }
    root.end = this.sh.text.length;
    return root;
  }

  /** parseDefinition parses `{{define "name"}} ... {{end}}`; the define keyword is past. */
  private parseDefinition(delim: Item): void {
    const context = 'define clause';
    const nameTok = this.nextNonSpace();
    let valid = true;
    if (nameTok.type !== IT.String && nameTok.type !== IT.RawString) {
      this.unexpected(nameTok, context);
      valid = false;
    } else {
      const s = unquote(nameTok.val);
      if (s === null) this.fail('invalid syntax', nameTok);
      this.name = s;
      this.expect(IT.RightDelim, context);
    }
    this.aborted = false;
    const [root, end] = this.itemList();
    if (end.kind !== 'end') this.soft(`unexpected ${ctlString(end)} in ${context}`);
    const range = { start: delim.pos, end: end.end, nameStart: nameTok.pos, nameEnd: nameTok.end };
    if (!valid) return;
    this.sh.defines.push({ name: this.name, ...range });
    this.add(root, range, nameTok);
    this.handOver();
  }

  /** add installs the tree unless a non-empty one of that name exists (an empty redefinition is ignored). */
  add(root: N.ListNode, defineRange?: N.Tree['defineRange'], at?: Item): void {
    const tree: N.Tree = {
      name: this.name,
      parseName: this.sh.parseName,
      text: this.sh.text,
      root,
      ...(defineRange ? { defineRange } : {}),
    };
    const old = this.sh.treeSet.get(this.name);
    if (old === undefined || isEmptyTree(old.root)) {
      this.sh.treeSet.set(this.name, tree);
      return;
    }
    if (!isEmptyTree(root)) this.soft(`${MULTIPLE_DEFINITION}${goQuote(this.name)}`, at);
  }

  /** itemList: textOrAction* up to {{end}} or {{else}}, returned separately. */
  private itemList(): [N.ListNode, Ctl] {
    const list = newList(this.peekNonSpace().pos);
    const sh = this.sh;
    if (++sh.nest > sh.peak) sh.peak = sh.nest;
    while (this.peekNonSpace().type !== IT.EOF) {
      const n = this.textOrAction();
      if (isCtl(n)) {
        list.end = n.start;
        sh.nest--;
        return [list, n];
      }
      list.nodes.push(n);
    }
    sh.nest--;
    this.soft('unexpected EOF');
    const eof = this.peek();
    list.end = eof.pos;
    return [list, { kind: 'end', pos: eof.pos, line: eof.line, start: eof.pos, end: eof.pos }];
  }

  /** textOrAction: text | comment | action. */
  private textOrAction(): Parsed {
    const token = this.nextNonSpace();
    switch (token.type) {
      case IT.Text:
        return { kind: 'text', pos: token.pos, end: token.end, text: token.val };
      case IT.LeftDelim: {
        this.actionLine = token.line;
        const saveStart = this.actionStart;
        this.actionStart = token.pos;
        this.aborted = false;
        try {
          return this.action();
        } catch (e) {
          if (!(e instanceof ParseAbort) || !this.sh.resilient) throw e;
          this.skipAction();
          return this.bad(token.pos, this.lastTok.end);
        } finally {
          this.actionLine = 0;
          this.aborted = false;
          this.actionStart = saveStart;
        }
      }
      case IT.Comment:
        return { kind: 'comment', pos: token.pos, end: token.end, text: token.val };
    }
    this.unexpected(token, 'input');
    // Resilient: a stray token outside any action becomes a BadNode; make sure we advance.
    if (this.peekCount > 0 && this.token[this.peekCount - 1] === token) this.next();
    return this.bad(token.pos, Math.max(token.end, this.lastTok.end));
  }

  private bad(pos: number, end: number): N.BadNode {
    if (end < pos) end = pos;
    return { kind: 'bad', pos, end, text: this.sh.text.slice(pos, end) };
  }

  /** action: control | pipeline. The left delimiter is past; the first word may be a keyword. */
  private action(): N.Node | Ctl {
    const token = this.nextNonSpace();
    switch (token.type) {
      case IT.Block:
        return this.blockControl();
      case IT.Break:
      case IT.Continue:
        return this.breakControl(token);
      case IT.Else:
        return this.elseControl();
      case IT.End:
        return this.endControl();
      case IT.If:
        return this.branch('if');
      case IT.Range:
        return this.branch('range');
      case IT.Template:
        return this.templateControl();
      case IT.With:
        return this.branch('with');
    }
    this.backup();
    const tok = this.peek();
    // Do not pop variables; they persist until "end".
    const pipe = this.pipeline('command', IT.RightDelim);
    return { kind: 'action', pos: tok.pos, end: this.lastTok.end, line: tok.line, pipe };
  }

  /** breakControl parses {{break}} / {{continue}}; the keyword is past. */
  private breakControl(kw: Item): N.BreakNode | N.ContinueNode {
    const kind = kw.type === IT.Break ? 'break' : 'continue';
    const token = this.nextNonSpace();
    if (token.type !== IT.RightDelim) this.unexpected(token, `{{${kind}}}`);
    else if (this.rangeDepth === 0) this.soft(`{{${kind}}} outside {{range}}`);
    return { kind, pos: kw.pos, end: this.lastTok.end, line: kw.line };
  }

  // ---- pipelines ----

  /** pipeline: declarations? command ('|' command)*, up to the `end` token. */
  private pipeline(context: string, end: ItemType): N.PipeNode {
    const token = this.peekNonSpace();
    const pipe: N.PipeNode = { kind: 'pipe', pos: token.pos, end: token.pos, line: token.line, isAssign: false, decl: [], cmds: [] };
    this.declarations(pipe, context);
    for (;;) {
      if (this.aborted) return this.finishPipe(pipe);
      const t = this.nextNonSpace();
      if (t.type === end) {
        this.checkPipeline(pipe, context);
        this.finishPipe(pipe);
        if (end === IT.RightParen) pipe.end = t.end;
        return pipe;
      }
      switch (t.type) {
        case IT.Bool:
        case IT.CharConstant:
        case IT.Complex:
        case IT.Dot:
        case IT.Field:
        case IT.Identifier:
        case IT.Number:
        case IT.Nil:
        case IT.RawString:
        case IT.String:
        case IT.Variable:
        case IT.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          if (pipe.cmds.length > maxPipelineCmds) this.fail('pipeline too long');
          break;
        default:
          this.unexpected(t, context);
          return this.finishPipe(pipe);
      }
    }
  }

  private finishPipe(pipe: N.PipeNode): N.PipeNode {
    const last = pipe.cmds.length > 0 ? pipe.cmds[pipe.cmds.length - 1] : pipe.decl[pipe.decl.length - 1];
    if (last !== undefined) pipe.end = last.end;
    return pipe;
  }

  /** declarations parses `$x :=`, `$x =` and range's `$i, $v :=` (3-token look-ahead, as Go). */
  private declarations(pipe: N.PipeNode, context: string): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== IT.Variable) return;
      this.next();
      // In "$x foo" we need to read "foo" (as opposed to ":=") to know $x is an argument, not a declaration.
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.type === IT.Assign || next.type === IT.Declare) {
        pipe.isAssign = next.type === IT.Assign;
        this.nextNonSpace();
        pipe.decl.push(this.variable(v.pos, v.end, [v.val]));
        this.vars.push(v.val);
        return;
      }
      if (next.type === IT.Char && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.variable(v.pos, v.end, [v.val]));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace().type;
          if (p === IT.Variable || p === IT.RightDelim || p === IT.RightParen) continue; // second variable
          this.soft('range can only initialize variables');
          return;
        }
        this.soft(`too many declarations in ${context}`);
        return;
      }
      if (tokenAfterVariable.type === IT.Space) this.backup3(v, tokenAfterVariable);
      else this.backup2(v);
      return;
    }
  }

  private checkPipeline(pipe: N.PipeNode, context: string): void {
    // Reject empty pipelines.
    if (pipe.cmds.length === 0) {
      this.soft(`missing value for ${context}`);
      return;
    }
    // Only the first command of a pipeline can start with a non-executable operand.
    for (let i = 1; i < pipe.cmds.length; i++) {
      const a = pipe.cmds[i].args[0];
      if (a === undefined) continue;
      switch (a.kind) {
        case 'bool':
        case 'dot':
        case 'nil':
        case 'number':
        case 'string':
          // With A|B|C, pipeline stage 2 is B.
          this.soft(`non executable command in pipeline stage ${i + 1}`);
      }
    }
  }

  /** command: operand (space operand)*, up to `|` (consumed) or the right delimiter / paren (left pending). */
  private command(): N.CommandNode {
    const cmd: N.CommandNode = { kind: 'command', pos: this.peekNonSpace().pos, end: 0, args: [] };
    for (;;) {
      this.peekNonSpace(); // skip leading spaces.
      const operand = this.operand();
      if (operand !== null) cmd.args.push(operand);
      if (this.aborted) break;
      const token = this.next();
      if (token.type === IT.Space) continue;
      if (token.type === IT.RightDelim || token.type === IT.RightParen) this.backup();
      else if (token.type !== IT.Pipe) this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) {
      if (!this.aborted) this.fail('empty command');
      cmd.end = cmd.pos;
    } else {
      cmd.end = cmd.args[cmd.args.length - 1].end;
    }
    return cmd;
  }

  /**
   * operand: term .Field*. Go's quirk: a field chain on a field or variable is rebuilt at the position of the
   * chain, i.e. of the SECOND segment (`.Values.a.b` has the pos of `.a`); exec error columns depend on it.
   */
  private operand(): N.Node | null {
    const node = this.term();
    if (node === null || this.aborted) return node;
    if (this.peek().type !== IT.Field) return node;
    const first = this.peek();
    const fields: string[] = [];
    let end = first.end;
    while (this.peek().type === IT.Field) {
      const f = this.next();
      fields.push(f.val.slice(1));
      end = f.end;
    }
    switch (node.kind) {
      case 'field':
        return { kind: 'field', pos: first.pos, end, ident: node.ident.concat(fields) };
      case 'variable':
        return this.variable(first.pos, end, node.ident.concat(fields));
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.soft(`unexpected . after term ${goQuote(nodeToString(node))}`);
    }
    return { kind: 'chain', pos: first.pos, end, node, field: fields };
  }

  private variable(pos: number, end: number, ident: string[]): N.VariableNode {
    return { kind: 'variable', pos, end, ident };
  }

  /** term: literal | identifier | . | .Field | $var | '(' pipeline ')'; null when the next item is not a term. */
  private term(): N.Node | null {
    const token = this.nextNonSpace();
    const pos = token.pos;
    const end = token.end;
    switch (token.type) {
      case IT.Identifier:
        if (this.sh.isFunc !== undefined && !this.sh.isFunc(token.val)) {
          this.soft(`function ${goQuote(token.val)} not defined`, token);
        }
        return { kind: 'identifier', pos, end, ident: token.val };
      case IT.Dot:
        return { kind: 'dot', pos, end };
      case IT.Nil:
        return { kind: 'nil', pos, end };
      case IT.Variable:
        return this.useVar(token);
      case IT.Field:
        return { kind: 'field', pos, end, ident: [token.val.slice(1)] };
      case IT.Bool:
        return { kind: 'bool', pos, end, value: token.val === 'true' };
      case IT.CharConstant:
      case IT.Complex:
      case IT.Number: {
        const kind = token.type === IT.CharConstant ? 'char' : token.type === IT.Complex ? 'complex' : 'number';
        const n = parseNumber(token.val, kind);
        if (typeof n === 'string') {
          this.soft(n, token);
          return this.bad(pos, end);
        }
        return { kind: 'number', pos, end, text: token.val, ...n };
      }
      case IT.LeftParen: {
        if (this.stackDepth >= maxStackDepth) this.fail('max expression depth exceeded');
        this.stackDepth++;
        if (this.sh.nest + this.stackDepth > this.sh.peak) this.sh.peak = this.sh.nest + this.stackDepth;
        try {
          return this.pipeline('parenthesized pipeline', IT.RightParen);
        } finally {
          this.stackDepth--;
        }
      }
      case IT.String:
      case IT.RawString: {
        const s = unquote(token.val);
        if (s === null) this.soft('invalid syntax', token);
        return { kind: 'string', pos, end, quoted: token.val, text: s ?? '' };
      }
    }
    this.backup();
    return null;
  }

  /** useVar returns a variable reference; it errors if the variable is not in scope. */
  private useVar(token: Item): N.VariableNode {
    const v = this.variable(token.pos, token.end, [token.val]);
    if (!this.vars.includes(token.val)) this.soft(`undefined variable ${goQuote(token.val)}`, token);
    return v;
  }

  // ---- control structures ----

  private branch(context: 'if' | 'range' | 'with'): N.IfNode | N.RangeNode | N.WithNode {
    const varsLen = this.vars.length;
    try {
      const pipe = this.pipeline(context, IT.RightDelim);
      if (context === 'range') this.rangeDepth++;
      let list: N.ListNode;
      let next: Ctl;
      try {
        [list, next] = this.itemList();
      } finally {
        if (context === 'range') this.rangeDepth--;
      }
      let elseList: N.ListNode | null = null;
      let end = next.end;
      if (next.kind === 'else') {
        // "{{else if b}}" / "{{else with b}}" is "{{else}}{{if b}}...{{end}}{{end}}" with the inner {{end}} shared.
        const p = this.peek().type;
        if ((context === 'if' && p === IT.If) || (context === 'with' && p === IT.With)) {
          this.next();
          elseList = newList(next.pos);
          const inner = this.branch(context);
          elseList.nodes.push(inner);
          elseList.end = inner.end;
          end = inner.end;
        } else {
          [elseList, next] = this.itemList();
          if (next.kind !== 'end') this.soft(`expected end; found ${ctlString(next)}`);
          end = next.end;
        }
      }
      return { kind: context, pos: pipe.pos, end, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = varsLen;
    }
  }

  private endControl(): Ctl {
    const start = this.actionStart;
    const t = this.expect(IT.RightDelim, 'end');
    return { kind: 'end', pos: t.pos, line: t.line, start, end: this.lastTok.end };
  }

  private elseControl(): Ctl {
    const start = this.actionStart;
    const peek = this.peekNonSpace();
    // "{{else if ..." and "{{else with ..." leave the if/with pending: return the else node here.
    if (peek.type === IT.If || peek.type === IT.With) {
      return { kind: 'else', pos: peek.pos, line: peek.line, start, end: peek.pos };
    }
    const t = this.expect(IT.RightDelim, 'else');
    return { kind: 'else', pos: t.pos, line: t.line, start, end: this.lastTok.end };
  }

  /** blockControl: `{{block "name" pipeline}} ... {{end}}` defines the template and invokes it. */
  private blockControl(): N.TemplateNode {
    const context = 'block clause';
    const start = this.actionStart;
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    if (this.aborted) return this.templateNode(token, name, null);
    const pipe = this.pipeline(context, IT.RightDelim);
    this.handOver();
    const block = new TreeParser(this.sh, name);
    const [root, end] = block.itemList();
    block.handOver();
    // Go reports a wrong terminator through the outer tree (its token[0] is the block's opening `}}`).
    if (end.kind !== 'end') this.soft(`unexpected ${ctlString(end)} in ${context}`);
    const range = { start, end: end.end, nameStart: token.pos, nameEnd: token.end };
    this.sh.defines.push({ name, ...range });
    block.add(root, range, token);
    const node = this.templateNode(token, name, pipe);
    node.end = end.end;
    return node;
  }

  /** templateControl: `{{template "name" pipeline?}}`; the name must be a string literal. */
  private templateControl(): N.TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    if (this.aborted) return this.templateNode(token, name, null);
    let pipe: N.PipeNode | null = null;
    if (this.nextNonSpace().type !== IT.RightDelim) {
      this.backup();
      // Do not pop variables; they persist until "end".
      pipe = this.pipeline(context, IT.RightDelim);
    }
    return this.templateNode(token, name, pipe);
  }

  private templateNode(token: Item, name: string, pipe: N.PipeNode | null): N.TemplateNode {
    return {
      kind: 'template', pos: token.pos, end: this.lastTok.end, line: token.line, name,
      nameStart: token.pos, nameEnd: token.end, pipe,
    };
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.type === IT.String || token.type === IT.RawString) {
      const s = unquote(token.val);
      if (s === null) this.fail('invalid syntax', token);
      return s;
    }
    this.unexpected(token, context);
    return '';
  }
}

// The nesting from which a JavaScript stack overflow is blamed on the text rather than the caller.
const MIN_BLAMED_NESTING = 100;

function isStackOverflow(e: unknown): boolean {
  const yes = e instanceof RangeError && e.message.includes('call stack');
  if (yes) noteStackOverflow();
  return yes;
}

/**
 * nestingError reports text nested too deeply for the JavaScript stack. Go's own limit is
 * `max expression depth exceeded` at the 10001st nested parenthesis (reported when the text has
 * one, as Go would); nested control structures have no limit in Go (its stack is 1 GB), so for
 * those we report this implementation's limit at the last token read.
 */
function nestingError(sh: Shared): ParseError {
  let depth = 0;
  for (const it of sh.items) {
    if (it.type === IT.LeftDelim) depth = 0;
    else if (it.type === IT.RightParen) depth--;
    else if (it.type === IT.LeftParen && ++depth > maxStackDepth) {
      return { message: 'max expression depth exceeded', name: sh.parseName, line: it.line, start: it.pos, end: it.end };
    }
  }
  const last = sh.items[Math.min(sh.idx, sh.items.length) - 1] ?? sh.sentinel;
  return {
    message: `template nested too deeply (${sh.peak} levels); the JavaScript call stack is exhausted`,
    name: sh.parseName,
    line: last.line,
    start: last.pos,
    end: last.end,
  };
}

/**
 * parse parses one template file the way text/template's Parse does (Go's parse.Parse with ParseComments):
 * the file's own tree under `name` and one tree per define/block.
 */
export function parse(name: string, text: string, options: ParseOptions = {}): ParseResult {
  const res = parseOnce(name, text, options);
  if (options.resilient !== true || res.errors.length === 0) return res;
  // Editor mode recovers with heuristics (e.g. a `{{` inside an action ends it), so its first
  // error can differ from Go's. The first error reported must be the one Helm prints: take it
  // from a strict parse, followed by the recovered errors (minus the heuristic's own take on
  // the same spot). When Go accepts the text, the heuristics were wrong and Go's exact trees
  // are returned.
  const strict = parseOnce(name, text, { isFunc: options.isFunc });
  if (strict.errors.length === 0) return strict;
  const first = strict.errors[0];
  const errors = [first, ...res.errors.filter((e) => e.start !== first.start)];
  return { trees: res.trees, defines: res.defines, errors };
}

function parseOnce(name: string, text: string, options: ParseOptions): ParseResult {
  const isFunc = options.isFunc;
  const resilient = options.resilient ?? false;
  const lexed = lex(name, text, {
    emitComment: true,
    breakOK: isFunc === undefined || !isFunc('break'),
    continueOK: isFunc === undefined || !isFunc('continue'),
    resilient,
  });
  const sh = new Shared(lexed.items, lexed.insideActionAtEnd, text, name, isFunc, resilient);
  const t = new TreeParser(sh, name);
  try {
    const root = t.parseFile();
    t.add(root);
  } catch (e) {
    if (isStackOverflow(e) && sh.peak >= MIN_BLAMED_NESTING) {
      sh.errors.push(nestingError(sh));
    } else if (!(e instanceof ParseAbort)) {
      // A stack overflow with shallow nesting is the caller's (e.g. tpl deep in a recursion).
      throw e;
    }
  }
  if (!resilient && sh.errors.length > 0) {
    // Go returns no trees with the error (text/template discards them); keep exactly one error.
    return { trees: new Map(), defines: sh.defines, errors: sh.errors.slice(0, 1) };
  }
  // The file's own tree first, then defines/blocks in source order.
  const trees = new Map<string, N.Tree>();
  const own = sh.treeSet.get(name);
  if (own !== undefined) trees.set(name, own);
  for (const [k, v] of sh.treeSet) if (k !== name) trees.set(k, v);
  return { trees, defines: sh.defines, errors: sh.errors };
}
