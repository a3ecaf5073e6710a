// Generates the TextMate grammars in syntaxes/ from this readable source (run: node scripts/grammar.mjs).
//
// - syntaxes/helm.tmLanguage.json      scope source.helm      YAML templates: YAML text + Go template actions
// - syntaxes/helm-tpl.tmLanguage.json  scope text.helm.tpl    .tpl partials and NOTES.txt: plain text + actions
//
// Actions are injected (`injections` with L: priority) rather than only listed beside `source.yaml`,
// because the YAML grammar's own begin/end rules (quoted strings, flow mappings, block scalars, plain
// scalars) would otherwise swallow `{{ … }}` that sits inside them: `image: "{{ .a }}:{{ .b }}"`.
// L: makes an action win a tie with a YAML rule that starts at the same column (`{{` is also a flow
// mapping start for YAML). test/grammar/grammar.test.ts checks the output against the real YAML grammar.
import { writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;

// Go's text/template builtins (text/template/funcs.go builtins()).
const goBuiltins = 'and call html index slice js len not or print printf println urlquery eq ge gt le lt ne';
// Helm's own functions (pkg/engine/funcs.go) — include/tpl/required and the codecs.
const helmFunctions =
  'include tpl required lookup toYaml mustToYaml toYamlPretty fromYaml fromYamlArray toJson mustToJson fromJson ' +
  'fromJsonArray toToml fromToml getHostByName';
// Sprig v3 GenericFuncMap names (minus env/expandenv which Helm deletes).
const sprigFunctions =
  'hello ago date date_in_zone date_modify dateInZone dateModify duration durationRound htmlDate htmlDateInZone ' +
  'must_date_modify mustDateModify mustToDate now toDate unixEpoch abbrev abbrevboth trunc trim upper lower title ' +
  'untitle substr repeat trimall trimAll trimSuffix trimPrefix nospace initials randAlphaNum randAlpha randAscii ' +
  'randNumeric swapcase shuffle snakecase camelcase kebabcase wrap wrapWith contains hasPrefix hasSuffix quote ' +
  'squote cat indent nindent replace plural sha1sum sha256sum sha512sum adler32sum toString atoi int64 int float64 ' +
  'seq toDecimal split splitList splitn toStrings until untilStep add1 add sub div mod mul randInt add1f addf subf ' +
  'divf mulf biggest max min maxf minf ceil floor round join sortAlpha default empty coalesce all any compact ' +
  'mustCompact toPrettyJson toRawJson mustFromJson mustToPrettyJson mustToRawJson ternary deepCopy mustDeepCopy ' +
  'typeOf typeIs typeIsLike kindOf kindIs deepEqual base dir clean ext isAbs osBase osClean osDir osExt osIsAbs ' +
  'b64enc b64dec b32enc b32dec tuple list dict get set unset hasKey pluck keys pick omit merge mergeOverwrite ' +
  'mustMerge mustMergeOverwrite values append push mustAppend mustPush prepend mustPrepend first mustFirst rest ' +
  'mustRest last mustLast initial mustInitial reverse mustReverse uniq mustUniq without mustWithout has mustHas ' +
  'mustSlice concat dig chunk mustChunk bcrypt htpasswd genPrivateKey derivePassword buildCustomCert genCA ' +
  'genCAWithKey genSelfSignedCert genSelfSignedCertWithKey genSignedCert genSignedCertWithKey encryptAES ' +
  'decryptAES randBytes uuidv4 semver semverCompare fail regexMatch mustRegexMatch regexFindAll mustRegexFindAll ' +
  'regexFind mustRegexFind regexReplaceAll mustRegexReplaceAll regexReplaceAllLiteral mustRegexReplaceAllLiteral ' +
  'regexSplit mustRegexSplit regexQuoteMeta urlParse urlJoin';
// The render objects Helm puts at the root of `.`.
const builtinObjects = 'Values Release Chart Capabilities Files Template Subcharts';

const words = (s) => s.split(/\s+/).filter(Boolean);
const alt = (s) => words(s).sort((a, b) => b.length - a.length).join('|');
const sprigOnly = words(sprigFunctions).filter((n) => !words(helmFunctions).includes(n) && !words(goBuiltins).includes(n));

// Identifier characters as Go's lexer accepts them (unicode letters, digits, underscore).
const ident = '[\\p{L}_][\\p{L}\\p{N}_]*';
// Not preceded by something that would make this token part of a longer operand.
const notAfterOperand = '(?<![\\p{L}\\p{N}_.$])';
const identEnd = '(?![\\p{L}\\p{N}_])';
const dq = '"(?:[^"\\\\]|\\\\.)*"';

const repository = {
  template: { patterns: [{ include: '#comment' }, { include: '#action' }] },
  comment: {
    // Go accepts a comment only right after the delimiter and its trim marker: `{{/*` or `{{- /*`.
    name: 'comment.block.helm',
    begin: '(\\{\\{)(?:(-)\\s)?(/\\*)',
    beginCaptures: {
      1: { name: 'punctuation.definition.comment.begin.helm' },
      2: { name: 'keyword.operator.trim.helm' },
      3: { name: 'punctuation.definition.comment.begin.helm' },
    },
    end: '(\\*/)(?:\\s(-))?(\\}\\})',
    endCaptures: {
      1: { name: 'punctuation.definition.comment.end.helm' },
      2: { name: 'keyword.operator.trim.helm' },
      3: { name: 'punctuation.definition.comment.end.helm' },
    },
  },
  action: {
    name: 'meta.embedded.action.helm',
    // `{{-` trims only when a space follows the minus (otherwise `{{-3}}` is the number -3).
    begin: '(\\{\\{)(?:(-)(?=\\s))?',
    beginCaptures: {
      1: { name: 'punctuation.section.embedded.begin.helm' },
      2: { name: 'keyword.operator.trim.helm' },
    },
    end: '(?:(?<=\\s)(-))?(\\}\\})',
    endCaptures: {
      1: { name: 'keyword.operator.trim.helm' },
      2: { name: 'punctuation.section.embedded.end.helm' },
    },
    patterns: [{ include: '#expression' }],
  },
  expression: {
    patterns: [
      { include: '#string' },
      { include: '#raw-string' },
      { include: '#char' },
      { include: '#parens' },
      { include: '#template-name' },
      { include: '#keyword' },
      { include: '#constant' },
      { include: '#number' },
      { include: '#variable' },
      { include: '#field' },
      { include: '#function' },
      { include: '#operator' },
    ],
  },
  string: {
    name: 'string.quoted.double.helm',
    begin: '"',
    beginCaptures: { 0: { name: 'punctuation.definition.string.begin.helm' } },
    // Go strings cannot span lines: an unterminated one ends at the end of the line.
    end: '(")|$',
    endCaptures: { 1: { name: 'punctuation.definition.string.end.helm' } },
    patterns: [{ include: '#escape' }],
  },
  'raw-string': {
    // Raw strings may span lines and contain anything, `}}` included.
    name: 'string.quoted.other.raw.helm',
    begin: '`',
    beginCaptures: { 0: { name: 'punctuation.definition.string.begin.helm' } },
    end: '`',
    endCaptures: { 0: { name: 'punctuation.definition.string.end.helm' } },
  },
  char: {
    name: 'constant.character.rune.helm',
    match: "'(?:[^'\\\\]|\\\\(?:[abfnrtv\\\\'\"]|x\\h{2}|u\\h{4}|U\\h{8}|[0-7]{3}))'",
  },
  escape: {
    patterns: [
      {
        name: 'constant.character.escape.helm',
        match: '\\\\(?:[abfnrtv\\\\\'"]|x\\h{2}|u\\h{4}|U\\h{8}|[0-7]{3})',
      },
      { name: 'invalid.illegal.unknown-escape.helm', match: '\\\\.' },
    ],
  },
  parens: {
    name: 'meta.group.helm',
    begin: '\\(',
    beginCaptures: { 0: { name: 'punctuation.section.parens.begin.helm' } },
    end: '\\)',
    endCaptures: { 0: { name: 'punctuation.section.parens.end.helm' } },
    patterns: [{ include: '#expression' }],
  },
  'template-name': {
    patterns: [
      {
        // The name of a define/block/template, and of include's first argument.
        match: `${notAfterOperand}(?:(define|block|template)|(include))\\s+(${dq})`,
        captures: {
          1: { name: 'keyword.control.helm' },
          2: { name: 'support.function.helm' },
          3: {
            name: 'string.quoted.double.helm entity.name.function.template.helm',
            patterns: [{ include: '#escape' }],
          },
        },
      },
    ],
  },
  keyword: {
    name: 'keyword.control.helm',
    match: `${notAfterOperand}(?:if|else|end|range|with|define|template|block|break|continue)${identEnd}`,
  },
  constant: {
    patterns: [
      { name: 'constant.language.boolean.helm', match: `${notAfterOperand}(?:true|false)${identEnd}` },
      { name: 'constant.language.nil.helm', match: `${notAfterOperand}nil${identEnd}` },
    ],
  },
  number: {
    // Go's lexer: optional sign, hex/octal/binary/decimal with `_`, fractions, exponents, imaginary `i`.
    name: 'constant.numeric.helm',
    match:
      `${notAfterOperand}[+-]?(?:0[xX][\\h_]*(?:\\.[\\h_]*)?(?:[pP][+-]?[0-9_]+)?|0[bB][01_]+|0[oO][0-7_]+|` +
      '(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9][0-9_]*)(?:[eE][+-]?[0-9_]+)?)i?(?![\\p{L}\\p{N}_.])',
  },
  variable: {
    patterns: [
      { name: 'variable.other.helm', match: `\\$[\\p{L}\\p{N}_]+` },
      { name: 'variable.language.root.helm', match: '\\$' },
    ],
  },
  field: {
    patterns: [
      {
        // `.Values` and friends at the start of a chain (also after `$`).
        match: `(?<![\\p{L}\\p{N}_)\\]])(\\.)(${alt(builtinObjects)})${identEnd}`,
        captures: {
          1: { name: 'punctuation.accessor.helm' },
          2: { name: 'support.variable.object.helm' },
        },
      },
      {
        match: `(\\.)(${ident})`,
        captures: {
          1: { name: 'punctuation.accessor.helm' },
          2: { name: 'variable.other.member.helm' },
        },
      },
      { name: 'variable.language.dot.helm', match: '\\.' },
    ],
  },
  function: {
    patterns: [
      { name: 'support.function.builtin.helm', match: `${notAfterOperand}(?:${alt(goBuiltins)})${identEnd}` },
      { name: 'support.function.helm', match: `${notAfterOperand}(?:${alt(helmFunctions)})${identEnd}` },
      { name: 'support.function.sprig.helm', match: `${notAfterOperand}(?:${sprigOnly.sort((a, b) => b.length - a.length).join('|')})${identEnd}` },
      { name: 'entity.name.function.helm', match: `${notAfterOperand}${ident}` },
    ],
  },
  operator: {
    patterns: [
      { name: 'keyword.operator.pipe.helm', match: '\\|' },
      { name: 'keyword.operator.assignment.helm', match: ':?=' },
      { name: 'punctuation.separator.comma.helm', match: ',' },
    ],
  },
};

const helm = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Helm Template',
  scopeName: 'source.helm',
  comment: 'Generated by scripts/grammar.mjs — edit that file, not this one.',
  patterns: [{ include: '#template' }, { include: 'source.yaml' }],
  injections: {
    // Inside YAML rules (strings, flow collections, scalars, comments) but never inside our own tokens.
    'L:source.helm -meta.embedded.action.helm -comment.block.helm': { patterns: [{ include: '#template' }] },
  },
  repository,
};

const tpl = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Helm Template (text)',
  scopeName: 'text.helm.tpl',
  comment: 'Generated by scripts/grammar.mjs — edit that file, not this one.',
  patterns: [{ include: '#template' }],
  repository,
};

/** grammars returns the generated grammar documents keyed by output path (used by the sync test). */
export function grammars() {
  return {
    'syntaxes/helm.tmLanguage.json': JSON.stringify(helm, null, 2) + '\n',
    'syntaxes/helm-tpl.tmLanguage.json': JSON.stringify(tpl, null, 2) + '\n',
  };
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  for (const [path, text] of Object.entries(grammars())) {
    writeFileSync(root + path, text);
    console.log(`wrote ${path}`);
  }
}
