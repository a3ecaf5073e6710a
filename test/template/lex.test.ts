// Tests of the text/template lexer: a port of Go's parse/lex_test.go tables (names kept; expectations from the
// Go sources; the custom-delimiter tables are omitted because Helm always uses {{ }}), plus resilient-mode cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Item, ItemType, itemTypeName, lex } from '../../server/src/template/parse/index';

type T = ItemType;
const I = ItemType;

function mk(type: T, val: string): [T, string] {
  return [type, val];
}

const tDot = mk(I.Dot, '.');
const tBlock = mk(I.Block, 'block');
const tEOF = mk(I.EOF, '');
const tFor = mk(I.Identifier, 'for');
const tLeft = mk(I.LeftDelim, '{{');
const tLpar = mk(I.LeftParen, '(');
const tPipe = mk(I.Pipe, '|');
const tQuote = mk(I.String, '"abc \\n\\t\\" "');
const tRange = mk(I.Range, 'range');
const tRight = mk(I.RightDelim, '}}');
const tRpar = mk(I.RightParen, ')');
const tSpace = mk(I.Space, ' ');
const raw = '`abc\\n\\t\\" `';
const rawNL = '`now is{{\n}}the time`';
const tRawQuote = mk(I.RawString, raw);
const tRawQuoteNL = mk(I.RawString, rawNL);

const lexTests: [string, string, [T, string][]][] = [
  ['empty', '', [tEOF]],
  ['spaces', ' \t\n', [mk(I.Text, ' \t\n'), tEOF]],
  ['text', 'now is the time', [mk(I.Text, 'now is the time'), tEOF]],
  ['text with comment', 'hello-{{/* this is a comment */}}-world', [
    mk(I.Text, 'hello-'), mk(I.Comment, '/* this is a comment */'), mk(I.Text, '-world'), tEOF,
  ]],
  ['punctuation', '{{,@% }}', [tLeft, mk(I.Char, ','), mk(I.Char, '@'), mk(I.Char, '%'), tSpace, tRight, tEOF]],
  ['parens', '{{((3))}}', [tLeft, tLpar, tLpar, mk(I.Number, '3'), tRpar, tRpar, tRight, tEOF]],
  ['empty action', '{{}}', [tLeft, tRight, tEOF]],
  ['for', '{{for}}', [tLeft, tFor, tRight, tEOF]],
  ['block', '{{block "foo" .}}', [tLeft, tBlock, tSpace, mk(I.String, '"foo"'), tSpace, tDot, tRight, tEOF]],
  ['quote', '{{"abc \\n\\t\\" "}}', [tLeft, tQuote, tRight, tEOF]],
  ['raw quote', '{{' + raw + '}}', [tLeft, tRawQuote, tRight, tEOF]],
  ['raw quote with newline', '{{' + rawNL + '}}', [tLeft, tRawQuoteNL, tRight, tEOF]],
  ['numbers', '{{1 02 0x14 0X14 -7.2i 1e3 1E3 +1.2e-4 4.2i 1+2i 1_2 0x1.e_fp4 0X1.E_FP4}}', [
    tLeft,
    mk(I.Number, '1'), tSpace, mk(I.Number, '02'), tSpace, mk(I.Number, '0x14'), tSpace, mk(I.Number, '0X14'), tSpace,
    mk(I.Number, '-7.2i'), tSpace, mk(I.Number, '1e3'), tSpace, mk(I.Number, '1E3'), tSpace, mk(I.Number, '+1.2e-4'), tSpace,
    mk(I.Number, '4.2i'), tSpace, mk(I.Complex, '1+2i'), tSpace, mk(I.Number, '1_2'), tSpace, mk(I.Number, '0x1.e_fp4'), tSpace,
    mk(I.Number, '0X1.E_FP4'),
    tRight, tEOF,
  ]],
  ['characters', "{{'a' '\\n' '\\'' '\\\\' '\\u00FF' '\\xFF' '本'}}", [
    tLeft,
    mk(I.CharConstant, "'a'"), tSpace, mk(I.CharConstant, "'\\n'"), tSpace, mk(I.CharConstant, "'\\''"), tSpace,
    mk(I.CharConstant, "'\\\\'"), tSpace, mk(I.CharConstant, "'\\u00FF'"), tSpace, mk(I.CharConstant, "'\\xFF'"), tSpace,
    mk(I.CharConstant, "'本'"),
    tRight, tEOF,
  ]],
  ['bools', '{{true false}}', [tLeft, mk(I.Bool, 'true'), tSpace, mk(I.Bool, 'false'), tRight, tEOF]],
  ['dot', '{{.}}', [tLeft, tDot, tRight, tEOF]],
  ['nil', '{{nil}}', [tLeft, mk(I.Nil, 'nil'), tRight, tEOF]],
  ['dots', '{{.x . .2 .x.y.z}}', [
    tLeft, mk(I.Field, '.x'), tSpace, tDot, tSpace, mk(I.Number, '.2'), tSpace,
    mk(I.Field, '.x'), mk(I.Field, '.y'), mk(I.Field, '.z'), tRight, tEOF,
  ]],
  ['keywords', '{{range if else end with}}', [
    tLeft, mk(I.Range, 'range'), tSpace, mk(I.If, 'if'), tSpace, mk(I.Else, 'else'), tSpace, mk(I.End, 'end'), tSpace,
    mk(I.With, 'with'), tRight, tEOF,
  ]],
  ['variables', '{{$c := printf $ $hello $23 $ $var.Field .Method}}', [
    tLeft, mk(I.Variable, '$c'), tSpace, mk(I.Declare, ':='), tSpace, mk(I.Identifier, 'printf'), tSpace,
    mk(I.Variable, '$'), tSpace, mk(I.Variable, '$hello'), tSpace, mk(I.Variable, '$23'), tSpace, mk(I.Variable, '$'), tSpace,
    mk(I.Variable, '$var'), mk(I.Field, '.Field'), tSpace, mk(I.Field, '.Method'), tRight, tEOF,
  ]],
  ['variable invocation', '{{$x 23}}', [tLeft, mk(I.Variable, '$x'), tSpace, mk(I.Number, '23'), tRight, tEOF]],
  ['pipeline', 'intro {{echo hi 1.2 |noargs|args 1 "hi"}} outro', [
    mk(I.Text, 'intro '), tLeft, mk(I.Identifier, 'echo'), tSpace, mk(I.Identifier, 'hi'), tSpace, mk(I.Number, '1.2'), tSpace,
    tPipe, mk(I.Identifier, 'noargs'), tPipe, mk(I.Identifier, 'args'), tSpace, mk(I.Number, '1'), tSpace,
    mk(I.String, '"hi"'), tRight, mk(I.Text, ' outro'), tEOF,
  ]],
  ['declaration', '{{$v := 3}}', [tLeft, mk(I.Variable, '$v'), tSpace, mk(I.Declare, ':='), tSpace, mk(I.Number, '3'), tRight, tEOF]],
  ['2 declarations', '{{$v , $w := 3}}', [
    tLeft, mk(I.Variable, '$v'), tSpace, mk(I.Char, ','), tSpace, mk(I.Variable, '$w'), tSpace, mk(I.Declare, ':='), tSpace,
    mk(I.Number, '3'), tRight, tEOF,
  ]],
  ['field of parenthesized expression', '{{(.X).Y}}', [tLeft, tLpar, mk(I.Field, '.X'), tRpar, mk(I.Field, '.Y'), tRight, tEOF]],
  ['trimming spaces before and after', 'hello- {{- 3 -}} -world', [
    mk(I.Text, 'hello-'), tLeft, mk(I.Number, '3'), tRight, mk(I.Text, '-world'), tEOF,
  ]],
  ['trimming spaces before and after comment', 'hello- {{- /* hello */ -}} -world', [
    mk(I.Text, 'hello-'), mk(I.Comment, '/* hello */'), mk(I.Text, '-world'), tEOF,
  ]],
  ['badchar', '#{{\x01}}', [mk(I.Text, '#'), tLeft, mk(I.Error, 'unrecognized character in action: U+0001')]],
  ['unclosed action', '{{', [tLeft, mk(I.Error, 'unclosed action')]],
  ['EOF in action', '{{range', [tLeft, tRange, mk(I.Error, 'unclosed action')]],
  ['unclosed quote', '{{"\n"}}', [tLeft, mk(I.Error, 'unterminated quoted string')]],
  ['unclosed raw quote', '{{`xx}}', [tLeft, mk(I.Error, 'unterminated raw quoted string')]],
  ['unclosed char constant', "{{'\n}}", [tLeft, mk(I.Error, 'unterminated character constant')]],
  ['bad number', '{{3k}}', [tLeft, mk(I.Error, 'bad number syntax: "3k"')]],
  ['unclosed paren', '{{(3}}', [tLeft, tLpar, mk(I.Number, '3'), mk(I.Error, 'unclosed left paren')]],
  ['extra right paren', '{{3)}}', [tLeft, mk(I.Number, '3'), mk(I.Error, 'unexpected right paren')]],
  ['long pipeline deadlock', '{{|||||}}', [tLeft, tPipe, tPipe, tPipe, tPipe, tPipe, tRight, tEOF]],
  ['text with bad comment', 'hello-{{/*/}}-world', [mk(I.Text, 'hello-'), mk(I.Error, 'unclosed comment')]],
  ['text with comment close separated from delim', 'hello-{{/* */ }}-world', [
    mk(I.Text, 'hello-'), mk(I.Error, 'comment ends before closing delimiter'),
  ]],
  ['unmatched right delimiter', 'hello-{.}}-world', [mk(I.Text, 'hello-{.}}-world'), tEOF]],
  // Chartwright additions (Helm-relevant lexing rules).
  ['trim needs a space: {{-3}} is a number', '{{-3}}', [tLeft, mk(I.Number, '-3'), tRight, tEOF]],
  ['dash without space before comment', '{{-/* c */-}}', [
    tLeft, mk(I.Number, '-'), mk(I.Char, '/'), mk(I.Char, '*'), tSpace, mk(I.Identifier, 'c'), tSpace, mk(I.Char, '*'),
    mk(I.Char, '/'), mk(I.Number, '-'), tRight, tEOF,
  ]],
  ['dash in field name', '{{.Values.dash-key}}', [tLeft, mk(I.Field, '.Values'), mk(I.Error, "bad character U+002D '-'")]],
  ['field starting with digit', '{{.Values.1abc}}', [tLeft, mk(I.Field, '.Values'), mk(I.Error, 'bad number syntax: ".1a"')]],
  ['unicode field', '{{.Values.größe}}', [tLeft, mk(I.Field, '.Values'), mk(I.Field, '.größe'), tRight, tEOF]],
  ['assign', '{{$x = 1}}', [tLeft, mk(I.Variable, '$x'), tSpace, mk(I.Assign, '='), tSpace, mk(I.Number, '1'), tRight, tEOF]],
  ['break and continue', '{{break}}{{continue}}', [tLeft, mk(I.Break, 'break'), tRight, tLeft, mk(I.Continue, 'continue'), tRight, tEOF]],
  ['newline inside action is space', '{{ print\n  .x }}', [
    tLeft, tSpace, mk(I.Identifier, 'print'), mk(I.Space, '\n  '), mk(I.Field, '.x'), tSpace, tRight, tEOF,
  ]],
  ['trim crosses CR and newlines', 'a \r\n\r\n{{- 1 -}} \r\n b', [mk(I.Text, 'a'), tLeft, mk(I.Number, '1'), tRight, mk(I.Text, 'b'), tEOF]],
];

function show(items: Item[]): string {
  return items.map((i) => `${itemTypeName[i.type]}:${JSON.stringify(i.val)}`).join(' ');
}

test('go: TestLex', () => {
  for (const [name, input, want] of lexTests) {
    const got = lex(name, input).items;
    assert.equal(show(got), show(want.map(([type, val]) => ({ type, val, pos: 0, end: 0, line: 0 }))), name);
  }
});

test('go: TestPos', () => {
  const cases: [string, string, [T, number, string, number][]][] = [
    ['empty', '', [[I.EOF, 0, '', 1]]],
    ['punctuation', '{{,@%#}}', [
      [I.LeftDelim, 0, '{{', 1], [I.Char, 2, ',', 1], [I.Char, 3, '@', 1], [I.Char, 4, '%', 1], [I.Char, 5, '#', 1],
      [I.RightDelim, 6, '}}', 1], [I.EOF, 8, '', 1],
    ]],
    ['sample', '0123{{hello}}xyz', [
      [I.Text, 0, '0123', 1], [I.LeftDelim, 4, '{{', 1], [I.Identifier, 6, 'hello', 1], [I.RightDelim, 11, '}}', 1],
      [I.Text, 13, 'xyz', 1], [I.EOF, 16, '', 1],
    ]],
    ['trimafter', '{{x -}}\n{{y}}', [
      [I.LeftDelim, 0, '{{', 1], [I.Identifier, 2, 'x', 1], [I.RightDelim, 5, '}}', 1],
      [I.LeftDelim, 8, '{{', 2], [I.Identifier, 10, 'y', 2], [I.RightDelim, 11, '}}', 2], [I.EOF, 13, '', 2],
    ]],
    ['trimbefore', '{{x}}\n{{- y}}', [
      [I.LeftDelim, 0, '{{', 1], [I.Identifier, 2, 'x', 1], [I.RightDelim, 3, '}}', 1],
      [I.LeftDelim, 6, '{{', 2], [I.Identifier, 10, 'y', 2], [I.RightDelim, 11, '}}', 2], [I.EOF, 13, '', 2],
    ]],
    ['longcomment', '{{/*\n*/}}\n{{undefinedFunction "test"}}', [
      [I.Comment, 2, '/*\n*/', 1], [I.Text, 9, '\n', 2], [I.LeftDelim, 10, '{{', 3], [I.Identifier, 12, 'undefinedFunction', 3],
      [I.Space, 29, ' ', 3], [I.String, 30, '"test"', 3], [I.RightDelim, 36, '}}', 3], [I.EOF, 38, '', 3],
    ]],
  ];
  for (const [name, input, want] of cases) {
    const got = lex(name, input).items.map((i) => [i.type, i.pos, i.val, i.line]);
    assert.deepEqual(got, want, name);
  }
});

test('lex options: comments and break/continue as identifiers', () => {
  assert.deepEqual(lex('x', 'a{{/* c */}}b', { emitComment: false }).items.map((i) => i.val), ['a', 'b', '']);
  const items = lex('x', '{{break}}{{continue}}', { breakOK: false, continueOK: false }).items;
  assert.deepEqual(items.filter((i) => i.type === I.Identifier).map((i) => i.val), ['break', 'continue']);
});

test('lex: positions are UTF-16 offsets, lines count newlines in raw strings and comments', () => {
  const src = 'é😀{{ `a\nb` }}\n{{/* x\ny */}}{{ .z }}';
  const items = lex('x', src).items;
  for (const it of items) if (it.type !== I.EOF) assert.equal(src.slice(it.pos, it.end), it.val);
  const z = items.find((i) => i.val === '.z');
  assert.ok(z);
  assert.equal(z.line, 4);
  assert.equal(z.pos, src.indexOf('.z'));
});

test('lex resilient: errors are reported and lexing continues', () => {
  const r = lex('x', '{{ "abc }}\n{{ .ok }}{{ 3k }}{{ a#b }}{{ ) }}{{ .x', { resilient: true });
  const errs = r.items.filter((i) => i.type === I.Error).map((i) => i.val);
  assert.deepEqual(errs, [
    'unterminated quoted string',
    'unclosed action', // the string swallowed the `}}`; the next line starts with a new action
    'bad number syntax: "3k"',
    "bad character U+0023 '#'",
    'unexpected right paren',
    'unclosed action',
  ]);
  assert.ok(r.items.some((i) => i.type === I.Field && i.val === '.ok'));
  assert.ok(r.items.some((i) => i.type === I.Field && i.val === '.x'));
  assert.equal(r.items[r.items.length - 1].type, I.EOF);
  // An action left open on one line does not swallow the next line's action.
  const open = lex('x', 'a: {{ .Values.x\nb: {{ .y }}', { resilient: true }).items;
  assert.ok(open.some((i) => i.type === I.Text && i.val === '\nb: '));
  // ...but a multi-line action whose string contains braces is still one action.
  const multi = lex('x', '{{ tpl (print\n "{{ .x }}") . }}', { resilient: true }).items;
  assert.equal(multi.filter((i) => i.type === I.Error).length, 0);
});
