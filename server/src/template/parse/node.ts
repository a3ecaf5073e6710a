// The template AST, a discriminated union mirroring Go's text/template/parse node.go.
//
// Positions: `pos` is the UTF-16 offset (JS string index) in the template source of the place Go's
// parser records as the node's Pos (same token, same quirks, e.g. a field chain's position is its
// second segment's); `end` is the offset just past the node's source text (for editor ranges).
// Go prints 1-based lines and 0-based *byte* columns; errors.ts converts offsets to those.

export interface NodeBase {
  readonly pos: number;
  end: number;
}

/** ListNode holds a sequence of nodes. */
export interface ListNode extends NodeBase {
  readonly kind: 'list';
  readonly nodes: Node[];
}

/** TextNode holds plain text. */
export interface TextNode extends NodeBase {
  readonly kind: 'text';
  text: string;
}

/** CommentNode holds a comment `{{/* ... *\/}}`; executing it prints nothing. */
export interface CommentNode extends NodeBase {
  readonly kind: 'comment';
  /** The comment including its delimiters: "/* ... *\/". */
  readonly text: string;
}

/** PipeNode holds a pipeline with optional declaration: `$x := a | b`. */
export interface PipeNode extends NodeBase {
  readonly kind: 'pipe';
  readonly line: number;
  /** true for `=` (assignment), false for `:=` (declaration). */
  isAssign: boolean;
  readonly decl: VariableNode[];
  readonly cmds: CommandNode[];
}

/** ActionNode is `{{ pipeline }}`: a non-control action such as a field evaluation. */
export interface ActionNode extends NodeBase {
  readonly kind: 'action';
  readonly line: number;
  readonly pipe: PipeNode;
}

/** CommandNode is one stage of a pipeline: `fn arg arg`. */
export interface CommandNode extends NodeBase {
  readonly kind: 'command';
  readonly args: Node[];
}

/** IdentifierNode is a function name. */
export interface IdentifierNode extends NodeBase {
  readonly kind: 'identifier';
  readonly ident: string;
}

/** VariableNode is `$x` or `$x.a.b` (ident = ["$x", "a", "b"]). */
export interface VariableNode extends NodeBase {
  readonly kind: 'variable';
  readonly ident: string[];
}

/** DotNode is `.`. */
export interface DotNode extends NodeBase {
  readonly kind: 'dot';
}

/** NilNode is the untyped `nil` constant. */
export interface NilNode extends NodeBase {
  readonly kind: 'nil';
}

/** FieldNode is `.a.b.c` (ident = ["a", "b", "c"]). */
export interface FieldNode extends NodeBase {
  readonly kind: 'field';
  readonly ident: string[];
}

/** ChainNode is a term followed by fields: `(pipe).a.b`. */
export interface ChainNode extends NodeBase {
  readonly kind: 'chain';
  readonly node: Node;
  readonly field: string[];
}

/** BoolNode is `true` or `false`. */
export interface BoolNode extends NodeBase {
  readonly kind: 'bool';
  readonly value: boolean;
}

/** NumberNode is a numeric constant with every interpretation Go's parser computes. */
export interface NumberNode extends NodeBase {
  readonly kind: 'number';
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  readonly isComplex: boolean;
  readonly int64: bigint;
  readonly uint64: bigint;
  readonly float64: number;
  readonly complex: { re: number; im: number };
  /** The original source text. */
  readonly text: string;
}

/** StringNode is a string constant. */
export interface StringNode extends NodeBase {
  readonly kind: 'string';
  /** The original text, with quotes. */
  readonly quoted: string;
  /** The string after quote processing. */
  readonly text: string;
}

/** BranchNode is the common shape of if, range and with. */
export interface BranchBase extends NodeBase {
  readonly line: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  elseList: ListNode | null;
}

export interface IfNode extends BranchBase {
  readonly kind: 'if';
}

export interface RangeNode extends BranchBase {
  readonly kind: 'range';
}

export interface WithNode extends BranchBase {
  readonly kind: 'with';
}

/** BreakNode is `{{break}}`. */
export interface BreakNode extends NodeBase {
  readonly kind: 'break';
  readonly line: number;
}

/** ContinueNode is `{{continue}}`. */
export interface ContinueNode extends NodeBase {
  readonly kind: 'continue';
  readonly line: number;
}

/** TemplateNode is `{{template "name" pipeline}}` (also produced by `block`). */
export interface TemplateNode extends NodeBase {
  readonly kind: 'template';
  readonly line: number;
  readonly name: string;
  /** Offset range of the name's string literal (for editors). */
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly pipe: PipeNode | null;
}

/**
 * BadNode stands in, in editor (resilient) mode only, for source the parser could not
 * understand; it keeps the range so the tree still covers the text. Never executed.
 */
export interface BadNode extends NodeBase {
  readonly kind: 'bad';
  readonly text: string;
}

/** Node is any node of the template AST. */
export type Node =
  | ListNode
  | TextNode
  | CommentNode
  | PipeNode
  | ActionNode
  | CommandNode
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | IfNode
  | RangeNode
  | WithNode
  | BreakNode
  | ContinueNode
  | TemplateNode
  | BadNode;

/** Tree is one parsed template (a file, a define or a block). */
export interface Tree {
  /** Template name: the file path, or the define/block name. */
  readonly name: string;
  /** Name of the top-level template (file) this tree was parsed from (Go's ParseName). */
  readonly parseName: string;
  /** The full source text of the file the tree was parsed from (for positions). */
  readonly text: string;
  readonly root: ListNode;
  /** For defines/blocks: offsets of the `{{define "x"}}` action and of the name literal. */
  readonly defineRange?: { start: number; end: number; nameStart: number; nameEnd: number };
}
