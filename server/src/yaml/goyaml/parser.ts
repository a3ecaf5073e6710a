// go-yaml v2's parser (parserc.go of gopkg.in/yaml.v2 v2.4.0 = sigs.k8s.io/yaml v1.4.0's
// goyaml.v2 = go.yaml.in/yaml/v2 v2.4.3): the state machine turning scanner tokens into events,
// with go-yaml's error texts and marks.
import { GoYamlSyntaxError, Scanner, Style, Tok, type Mark, type Token } from './scanner';

export const enum Ev {
  None = 0,
  StreamStart,
  StreamEnd,
  DocumentStart,
  DocumentEnd,
  Alias,
  Scalar,
  SequenceStart,
  SequenceEnd,
  MappingStart,
  MappingEnd,
}

/** EVENT_NAMES are go-yaml's yaml_event_type_t String() texts. */
export const EVENT_NAMES = ['none', 'stream start', 'stream end', 'document start', 'document end', 'alias', 'scalar', 'sequence start', 'sequence end', 'mapping start', 'mapping end'];

export interface Event {
  type: Ev;
  start: Mark;
  end: Mark;
  anchor: string;
  tag: string;
  value: string;
  implicit: boolean;
  quotedImplicit: boolean;
  style: Style;
}

const enum St {
  StreamStart,
  ImplicitDocumentStart,
  DocumentStart,
  DocumentContent,
  DocumentEnd,
  BlockNode,
  BlockNodeOrIndentlessSequence,
  FlowNode,
  BlockSequenceFirstEntry,
  BlockSequenceEntry,
  IndentlessSequenceEntry,
  BlockMappingFirstKey,
  BlockMappingKey,
  BlockMappingValue,
  FlowSequenceFirstEntry,
  FlowSequenceEntry,
  FlowSequenceEntryMappingKey,
  FlowSequenceEntryMappingValue,
  FlowSequenceEntryMappingEnd,
  FlowMappingFirstKey,
  FlowMappingKey,
  FlowMappingValue,
  FlowMappingEmptyValue,
  End,
}

interface TagDirective {
  handle: string;
  prefix: string;
}

const DEFAULT_TAG_DIRECTIVES: TagDirective[] = [
  { handle: '!', prefix: '!' },
  { handle: '!!', prefix: 'tag:yaml.org,2002:' },
];

function event(type: Ev, start: Mark, end: Mark): Event {
  return { type, start, end, anchor: '', tag: '', value: '', implicit: false, quotedImplicit: false, style: Style.Any };
}

/** Parser is yaml_parser_parse: call next() for each event (throws GoYamlSyntaxError). */
export class Parser {
  readonly scanner: Scanner;
  private state: St = St.StreamStart;
  private states: St[] = [];
  private marks: Mark[] = [];
  private tagDirectives: TagDirective[] = [];

  constructor(text: string) {
    this.scanner = new Scanner(text);
  }

  private error(problem: string, mark: Mark): never {
    throw new GoYamlSyntaxError('parser', problem, mark, '', undefined);
  }

  private errorContext(context: string, contextMark: Mark, problem: string, mark: Mark): never {
    throw new GoYamlSyntaxError('parser', problem, mark, context, contextMark);
  }

  private pop(): void {
    this.state = this.states.pop() as St;
  }

  /** next returns the next event; after the stream end or END state, a None event. */
  next(): Event {
    if (this.scanner.ended || this.state === St.End) {
      const m: Mark = { index: 0, line: 0, column: 0, pos: 0 };
      return event(Ev.None, m, m);
    }
    switch (this.state) {
      case St.StreamStart:
        return this.streamStart();
      case St.ImplicitDocumentStart:
        return this.documentStart(true);
      case St.DocumentStart:
        return this.documentStart(false);
      case St.DocumentContent:
        return this.documentContent();
      case St.DocumentEnd:
        return this.documentEnd();
      case St.BlockNode:
        return this.node(true, false);
      case St.BlockNodeOrIndentlessSequence:
        return this.node(true, true);
      case St.FlowNode:
        return this.node(false, false);
      case St.BlockSequenceFirstEntry:
        return this.blockSequenceEntry(true);
      case St.BlockSequenceEntry:
        return this.blockSequenceEntry(false);
      case St.IndentlessSequenceEntry:
        return this.indentlessSequenceEntry();
      case St.BlockMappingFirstKey:
        return this.blockMappingKey(true);
      case St.BlockMappingKey:
        return this.blockMappingKey(false);
      case St.BlockMappingValue:
        return this.blockMappingValue();
      case St.FlowSequenceFirstEntry:
        return this.flowSequenceEntry(true);
      case St.FlowSequenceEntry:
        return this.flowSequenceEntry(false);
      case St.FlowSequenceEntryMappingKey:
        return this.flowSequenceEntryMappingKey();
      case St.FlowSequenceEntryMappingValue:
        return this.flowSequenceEntryMappingValue();
      case St.FlowSequenceEntryMappingEnd:
        return this.flowSequenceEntryMappingEnd();
      case St.FlowMappingFirstKey:
        return this.flowMappingKey(true);
      case St.FlowMappingKey:
        return this.flowMappingKey(false);
      case St.FlowMappingValue:
        return this.flowMappingValue(false);
      case St.FlowMappingEmptyValue:
        return this.flowMappingValue(true);
      default:
        throw new Error('invalid parser state');
    }
  }

  private peek(): Token {
    return this.scanner.peek();
  }

  private skip(): void {
    this.scanner.skipToken();
  }

  private streamStart(): Event {
    const t = this.peek();
    if (t.type !== Tok.StreamStart) this.error('did not find expected <stream-start>', t.start);
    this.state = St.ImplicitDocumentStart;
    const e = event(Ev.StreamStart, t.start, t.end);
    this.skip();
    return e;
  }

  private documentStart(implicit: boolean): Event {
    let t = this.peek();
    if (!implicit) {
      while (t.type === Tok.DocumentEnd) {
        this.skip();
        t = this.peek();
      }
    }
    if (implicit && t.type !== Tok.VersionDirective && t.type !== Tok.TagDirective && t.type !== Tok.DocumentStart && t.type !== Tok.StreamEnd) {
      this.processDirectives();
      this.states.push(St.DocumentEnd);
      this.state = St.BlockNode;
      return event(Ev.DocumentStart, t.start, t.end);
    }
    if (t.type !== Tok.StreamEnd) {
      const start = t.start;
      this.processDirectives();
      t = this.peek();
      if (t.type !== Tok.DocumentStart) this.error('did not find expected <document start>', t.start);
      this.states.push(St.DocumentEnd);
      this.state = St.DocumentContent;
      const e = event(Ev.DocumentStart, start, t.end);
      this.skip();
      return e;
    }
    this.state = St.End;
    const e = event(Ev.StreamEnd, t.start, t.end);
    this.skip();
    return e;
  }

  private documentContent(): Event {
    const t = this.peek();
    if (t.type === Tok.VersionDirective || t.type === Tok.TagDirective || t.type === Tok.DocumentStart || t.type === Tok.DocumentEnd || t.type === Tok.StreamEnd) {
      this.pop();
      return this.emptyScalar(t.start);
    }
    return this.node(true, false);
  }

  private documentEnd(): Event {
    const t = this.peek();
    const start = t.start;
    let end = t.start;
    let implicit = true;
    if (t.type === Tok.DocumentEnd) {
      end = t.end;
      this.skip();
      implicit = false;
    }
    this.tagDirectives = [];
    this.state = St.DocumentStart;
    const e = event(Ev.DocumentEnd, start, end);
    e.implicit = implicit;
    return e;
  }

  private node(block: boolean, indentlessSequence: boolean): Event {
    let t = this.peek();
    if (t.type === Tok.Alias) {
      this.pop();
      const e = event(Ev.Alias, t.start, t.end);
      e.anchor = t.value;
      this.skip();
      return e;
    }
    let start = t.start;
    let end = t.start;
    let tagToken = false;
    let tagHandle = '';
    let tagSuffix = '';
    let anchor = '';
    let tagMark = t.start;
    if (t.type === Tok.Anchor) {
      anchor = t.value;
      start = t.start;
      end = t.end;
      this.skip();
      t = this.peek();
      if (t.type === Tok.Tag) {
        tagToken = true;
        tagHandle = t.value;
        tagSuffix = t.suffix;
        tagMark = t.start;
        end = t.end;
        this.skip();
        t = this.peek();
      }
    } else if (t.type === Tok.Tag) {
      tagToken = true;
      tagHandle = t.value;
      tagSuffix = t.suffix;
      start = t.start;
      tagMark = t.start;
      end = t.end;
      this.skip();
      t = this.peek();
      if (t.type === Tok.Anchor) {
        anchor = t.value;
        end = t.end;
        this.skip();
        t = this.peek();
      }
    }
    let tag = '';
    if (tagToken) {
      if (tagHandle.length === 0) tag = tagSuffix;
      else {
        for (const d of this.tagDirectives) {
          if (d.handle === tagHandle) {
            tag = d.prefix + tagSuffix;
            break;
          }
        }
        if (tag.length === 0) this.errorContext('while parsing a node', start, 'found undefined tag handle', tagMark);
      }
    }
    const implicit = tag.length === 0;
    const collection = (type: Ev, st: St, style: Style): Event => {
      end = t.end;
      this.state = st;
      const e = event(type, start, end);
      e.anchor = anchor;
      e.tag = tag;
      e.implicit = implicit;
      e.style = style;
      return e;
    };
    if (indentlessSequence && t.type === Tok.BlockEntry) return collection(Ev.SequenceStart, St.IndentlessSequenceEntry, Style.Any);
    if (t.type === Tok.Scalar) {
      let plainImplicit = false;
      let quotedImplicit = false;
      end = t.end;
      if ((tag.length === 0 && t.style === Style.Plain) || tag === '!') plainImplicit = true;
      else if (tag.length === 0) quotedImplicit = true;
      this.pop();
      const e = event(Ev.Scalar, start, end);
      e.anchor = anchor;
      e.tag = tag;
      e.value = t.value;
      e.implicit = plainImplicit;
      e.quotedImplicit = quotedImplicit;
      e.style = t.style;
      this.skip();
      return e;
    }
    if (t.type === Tok.FlowSequenceStart) return collection(Ev.SequenceStart, St.FlowSequenceFirstEntry, Style.Any);
    if (t.type === Tok.FlowMappingStart) return collection(Ev.MappingStart, St.FlowMappingFirstKey, Style.Any);
    if (block && t.type === Tok.BlockSequenceStart) return collection(Ev.SequenceStart, St.BlockSequenceFirstEntry, Style.Any);
    if (block && t.type === Tok.BlockMappingStart) return collection(Ev.MappingStart, St.BlockMappingFirstKey, Style.Any);
    if (anchor.length > 0 || tag.length > 0) {
      this.pop();
      const e = event(Ev.Scalar, start, end);
      e.anchor = anchor;
      e.tag = tag;
      e.implicit = implicit;
      e.style = Style.Plain;
      return e;
    }
    this.errorContext(block ? 'while parsing a block node' : 'while parsing a flow node', start, 'did not find expected node content', t.start);
  }

  private blockSequenceEntry(first: boolean): Event {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let t = this.peek();
    if (t.type === Tok.BlockEntry) {
      const mark = t.end;
      this.skip();
      t = this.peek();
      if (t.type !== Tok.BlockEntry && t.type !== Tok.BlockEnd) {
        this.states.push(St.BlockSequenceEntry);
        return this.node(true, false);
      }
      this.state = St.BlockSequenceEntry;
      return this.emptyScalar(mark);
    }
    if (t.type === Tok.BlockEnd) {
      this.pop();
      this.marks.pop();
      const e = event(Ev.SequenceEnd, t.start, t.end);
      this.skip();
      return e;
    }
    const contextMark = this.marks.pop() as Mark;
    this.errorContext('while parsing a block collection', contextMark, "did not find expected '-' indicator", t.start);
  }

  private indentlessSequenceEntry(): Event {
    let t = this.peek();
    if (t.type === Tok.BlockEntry) {
      const mark = t.end;
      this.skip();
      t = this.peek();
      if (t.type !== Tok.BlockEntry && t.type !== Tok.Key && t.type !== Tok.Value && t.type !== Tok.BlockEnd) {
        this.states.push(St.IndentlessSequenceEntry);
        return this.node(true, false);
      }
      this.state = St.IndentlessSequenceEntry;
      return this.emptyScalar(mark);
    }
    this.pop();
    return event(Ev.SequenceEnd, t.start, t.start);
  }

  private blockMappingKey(first: boolean): Event {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let t = this.peek();
    if (t.type === Tok.Key) {
      const mark = t.end;
      this.skip();
      t = this.peek();
      if (t.type !== Tok.Key && t.type !== Tok.Value && t.type !== Tok.BlockEnd) {
        this.states.push(St.BlockMappingValue);
        return this.node(true, true);
      }
      this.state = St.BlockMappingValue;
      return this.emptyScalar(mark);
    }
    if (t.type === Tok.BlockEnd) {
      this.pop();
      this.marks.pop();
      const e = event(Ev.MappingEnd, t.start, t.end);
      this.skip();
      return e;
    }
    const contextMark = this.marks.pop() as Mark;
    this.errorContext('while parsing a block mapping', contextMark, 'did not find expected key', t.start);
  }

  private blockMappingValue(): Event {
    let t = this.peek();
    if (t.type === Tok.Value) {
      const mark = t.end;
      this.skip();
      t = this.peek();
      if (t.type !== Tok.Key && t.type !== Tok.Value && t.type !== Tok.BlockEnd) {
        this.states.push(St.BlockMappingKey);
        return this.node(true, true);
      }
      this.state = St.BlockMappingKey;
      return this.emptyScalar(mark);
    }
    this.state = St.BlockMappingKey;
    return this.emptyScalar(t.start);
  }

  private flowSequenceEntry(first: boolean): Event {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let t = this.peek();
    if (t.type !== Tok.FlowSequenceEnd) {
      if (!first) {
        if (t.type === Tok.FlowEntry) {
          this.skip();
          t = this.peek();
        } else {
          const contextMark = this.marks.pop() as Mark;
          this.errorContext('while parsing a flow sequence', contextMark, "did not find expected ',' or ']'", t.start);
        }
      }
      if (t.type === Tok.Key) {
        this.state = St.FlowSequenceEntryMappingKey;
        const e = event(Ev.MappingStart, t.start, t.end);
        e.implicit = true;
        this.skip();
        return e;
      }
      if (t.type !== Tok.FlowSequenceEnd) {
        this.states.push(St.FlowSequenceEntry);
        return this.node(false, false);
      }
    }
    this.pop();
    this.marks.pop();
    const e = event(Ev.SequenceEnd, t.start, t.end);
    this.skip();
    return e;
  }

  private flowSequenceEntryMappingKey(): Event {
    const t = this.peek();
    if (t.type !== Tok.Value && t.type !== Tok.FlowEntry && t.type !== Tok.FlowSequenceEnd) {
      this.states.push(St.FlowSequenceEntryMappingValue);
      return this.node(false, false);
    }
    const mark = t.end;
    this.skip();
    this.state = St.FlowSequenceEntryMappingValue;
    return this.emptyScalar(mark);
  }

  private flowSequenceEntryMappingValue(): Event {
    const t = this.peek();
    if (t.type === Tok.Value) {
      this.skip();
      const t2 = this.peek();
      if (t2.type !== Tok.FlowEntry && t2.type !== Tok.FlowSequenceEnd) {
        this.states.push(St.FlowSequenceEntryMappingEnd);
        return this.node(false, false);
      }
    }
    this.state = St.FlowSequenceEntryMappingEnd;
    // go-yaml uses the token peeked first (the ':'), not the one after it.
    return this.emptyScalar(t.start);
  }

  private flowSequenceEntryMappingEnd(): Event {
    const t = this.peek();
    this.state = St.FlowSequenceEntry;
    return event(Ev.MappingEnd, t.start, t.start);
  }

  private flowMappingKey(first: boolean): Event {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let t = this.peek();
    if (t.type !== Tok.FlowMappingEnd) {
      if (!first) {
        if (t.type === Tok.FlowEntry) {
          this.skip();
          t = this.peek();
        } else {
          const contextMark = this.marks.pop() as Mark;
          this.errorContext('while parsing a flow mapping', contextMark, "did not find expected ',' or '}'", t.start);
        }
      }
      if (t.type === Tok.Key) {
        this.skip();
        t = this.peek();
        if (t.type !== Tok.Value && t.type !== Tok.FlowEntry && t.type !== Tok.FlowMappingEnd) {
          this.states.push(St.FlowMappingValue);
          return this.node(false, false);
        }
        this.state = St.FlowMappingValue;
        return this.emptyScalar(t.start);
      }
      if (t.type !== Tok.FlowMappingEnd) {
        this.states.push(St.FlowMappingEmptyValue);
        return this.node(false, false);
      }
    }
    this.pop();
    this.marks.pop();
    const e = event(Ev.MappingEnd, t.start, t.end);
    this.skip();
    return e;
  }

  private flowMappingValue(empty: boolean): Event {
    let t = this.peek();
    if (empty) {
      this.state = St.FlowMappingKey;
      return this.emptyScalar(t.start);
    }
    if (t.type === Tok.Value) {
      this.skip();
      t = this.peek();
      if (t.type !== Tok.FlowEntry && t.type !== Tok.FlowMappingEnd) {
        this.states.push(St.FlowMappingKey);
        return this.node(false, false);
      }
    }
    this.state = St.FlowMappingKey;
    return this.emptyScalar(t.start);
  }

  private emptyScalar(mark: Mark): Event {
    const e = event(Ev.Scalar, mark, mark);
    e.implicit = true;
    e.style = Style.Plain;
    return e;
  }

  private processDirectives(): void {
    let version = false;
    let t = this.peek();
    while (t.type === Tok.VersionDirective || t.type === Tok.TagDirective) {
      if (t.type === Tok.VersionDirective) {
        if (version) this.error('found duplicate %YAML directive', t.start);
        if (t.major !== 1 || t.minor !== 1) this.error('found incompatible YAML document', t.start);
        version = true;
      } else {
        this.appendTagDirective({ handle: t.value, prefix: t.prefix }, false, t.start);
      }
      this.skip();
      t = this.peek();
    }
    for (const d of DEFAULT_TAG_DIRECTIVES) this.appendTagDirective(d, true, t.start);
  }

  private appendTagDirective(value: TagDirective, allowDuplicates: boolean, mark: Mark): void {
    for (const d of this.tagDirectives) {
      if (d.handle === value.handle) {
        if (allowDuplicates) return;
        this.error('found duplicate %TAG directive', mark);
      }
    }
    this.tagDirectives.push({ handle: value.handle, prefix: value.prefix });
  }
}
