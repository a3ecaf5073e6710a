// go-yaml v2's node tree (decode.go's parser type: parse, document, alias, scalar, sequence,
// mapping) built from the parser's events, iteratively. As in go-yaml, only the first document
// is read (and the scanner reads only as far as that needs), anchors are registered when their
// node starts, and an alias to an anchor not defined before it fails at once.
import { Ev, EVENT_NAMES, Parser, type Event } from './parser';
import { GoYamlSyntaxError, type Mark } from './scanner';

export const enum Kind {
  Document = 1,
  Mapping,
  Sequence,
  Scalar,
  Alias,
}

export interface YNode {
  kind: Kind;
  line: number;
  column: number;
  tag: string;
  value: string;
  implicit: boolean;
  children: YNode[];
  /** alias: the anchored node an alias refers to. */
  alias: YNode | undefined;
}

/** GoYamlFailure is a failf() of go-yaml's decode.go (a message without a line). */
export class GoYamlFailure extends Error {
  constructor(
    message: string,
    /** mark: where the failure was noticed (for editors). */
    readonly mark: Mark | undefined,
  ) {
    super(message);
    this.name = 'GoYamlFailure';
  }
}

function node(kind: Kind, e: Event): YNode {
  return { kind, line: e.start.line, column: e.start.column, tag: '', value: '', implicit: false, children: [], alias: undefined };
}

class Composer {
  private readonly parser: Parser;
  private current: Event | undefined;
  private anchors = new Map<string, YNode>();

  constructor(text: string) {
    this.parser = new Parser(text);
  }

  private peek(): Event {
    if (this.current === undefined) this.current = this.parser.next();
    return this.current;
  }

  private expect(type: Ev): Event {
    const e = this.peek();
    if (e.type === Ev.StreamEnd) throw new GoYamlFailure('attempted to go past the end of stream; corrupted value?', e.start);
    if (e.type !== type) {
      throw new GoYamlSyntaxError('parser', `expected ${EVENT_NAMES[type]} event but got ${EVENT_NAMES[e.type]}`, undefined, '', undefined);
    }
    this.current = undefined;
    return e;
  }

  /** parse is decode.go's parser.parse() at the top: the first document, or undefined. */
  parse(): YNode | undefined {
    this.expect(Ev.StreamStart);
    const e = this.peek();
    if (e.type === Ev.StreamEnd) return undefined;
    if (e.type !== Ev.DocumentStart) throw new Error(`attempted to parse unknown event: ${EVENT_NAMES[e.type]}`);
    const doc = node(Kind.Document, e);
    this.anchors = new Map();
    this.expect(Ev.DocumentStart);
    doc.children.push(this.content());
    this.expect(Ev.DocumentEnd);
    return doc;
  }

  private anchor(n: YNode, e: Event): void {
    if (e.anchor.length > 0) this.anchors.set(e.anchor, n);
  }

  /** content parses one node (and everything inside it) without recursion. */
  private content(): YNode {
    const stack: YNode[] = [];
    for (;;) {
      const e = this.peek();
      let done: YNode | undefined;
      switch (e.type) {
        case Ev.Scalar: {
          const n = node(Kind.Scalar, e);
          n.value = e.value;
          n.tag = e.tag;
          n.implicit = e.implicit;
          this.anchor(n, e);
          this.expect(Ev.Scalar);
          done = n;
          break;
        }
        case Ev.Alias: {
          const n = node(Kind.Alias, e);
          n.value = e.anchor;
          n.alias = this.anchors.get(n.value);
          if (n.alias === undefined) throw new GoYamlFailure(`unknown anchor '${n.value}' referenced`, e.start);
          this.expect(Ev.Alias);
          done = n;
          break;
        }
        case Ev.SequenceStart:
        case Ev.MappingStart: {
          const n = node(e.type === Ev.SequenceStart ? Kind.Sequence : Kind.Mapping, e);
          n.tag = e.tag;
          this.anchor(n, e);
          this.expect(e.type);
          stack.push(n);
          continue;
        }
        case Ev.SequenceEnd:
        case Ev.MappingEnd:
          if (stack.length === 0) throw new Error(`attempted to parse unknown event: ${EVENT_NAMES[e.type]}`);
          this.expect(e.type);
          done = stack.pop();
          break;
        default:
          throw new Error(`attempted to parse unknown event: ${EVENT_NAMES[e.type]}`);
      }
      if (done === undefined) continue;
      if (stack.length === 0) return done;
      stack[stack.length - 1].children.push(done);
    }
  }
}

/**
 * composeFirstDocument reads `text` as go-yaml v2's yaml.Unmarshal does before decoding: the
 * first document's node tree, or undefined for a stream without documents. Throws
 * GoYamlSyntaxError (reader, scanner, parser errors) or GoYamlFailure (unknown anchor).
 */
export function composeFirstDocument(text: string): YNode | undefined {
  return new Composer(text).parse();
}

/** goYamlError is the message go-yaml returns for a composition failure (with "yaml: "). */
export function goYamlError(e: GoYamlSyntaxError | GoYamlFailure): string {
  return 'yaml: ' + (e instanceof GoYamlSyntaxError ? e.goMessage() : e.message);
}

/** GoYamlCheck is the first problem go-yaml finds reading a document, with its byte offset. */
export interface GoYamlCheck {
  /** message: go-yaml's text, e.g. "yaml: line 3: did not find expected key". */
  readonly message: string;
  readonly offset: number;
}

/** checkGoYaml returns go-yaml's syntax (or unknown anchor) error for `text`, if any. */
export function checkGoYaml(text: string): GoYamlCheck | undefined {
  try {
    composeFirstDocument(text);
    return undefined;
  } catch (e) {
    if (e instanceof GoYamlSyntaxError) return { message: goYamlError(e), offset: e.offset() };
    if (e instanceof GoYamlFailure) return { message: goYamlError(e), offset: e.mark?.pos ?? 0 };
    throw e;
  }
}
