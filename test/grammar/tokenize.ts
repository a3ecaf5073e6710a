// tokenize loads the Helm grammars (plus the YAML grammar they embed) into vscode-textmate and returns
// per-character scope lists, for table tests that assert scopes at substrings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type StateStack } from 'vscode-textmate';

const root = join(__dirname, '..', '..');

/** grammarFiles maps each scope name to the grammar file that defines it. */
export const grammarFiles: Readonly<Record<string, string>> = {
  'source.helm': join(root, 'syntaxes', 'helm.tmLanguage.json'),
  'text.helm.tpl': join(root, 'syntaxes', 'helm-tpl.tmLanguage.json'),
  // textmate/yaml.tmbundle as collected by tm-grammars: the YAML grammar VS Code shipped for years.
  'source.yaml': join(root, 'node_modules', 'tm-grammars', 'grammars', 'yaml.json'),
};

// CHARTWRIGHT_VSCODE_YAML=<VS Code's extensions/yaml/syntaxes> checks against the YAML grammar that
// current VS Code ships (source.yaml dispatching to source.yaml.1.x), e.g. the one in code-server.
function vscodeYaml(scopeName: string): string | undefined {
  const dir = process.env.CHARTWRIGHT_VSCODE_YAML;
  if (dir === undefined || !scopeName.startsWith('source.yaml')) return undefined;
  const suffix = scopeName.slice('source.yaml'.length).replace(/^\./, '');
  return join(dir, suffix === '' ? 'yaml.tmLanguage.json' : `yaml-${suffix}.tmLanguage.json`);
}

let registry: Promise<Registry> | undefined;

function getRegistry(): Promise<Registry> {
  registry ??= (async () => {
    const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) => {
        const file = vscodeYaml(scopeName) ?? grammarFiles[scopeName];
        if (!file) return null;
        return parseRawGrammar(readFileSync(file, 'utf8'), file);
      },
    });
  })();
  return registry;
}

/** loadGrammar returns the compiled grammar for a scope name. */
export async function loadGrammar(scopeName: string): Promise<IGrammar> {
  const g = await (await getRegistry()).loadGrammar(scopeName);
  if (!g) throw new Error(`grammar ${scopeName} not found`);
  return g;
}

/** Token is one token with its absolute UTF-16 range in the whole text. */
export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

/** tokenize runs the grammar over every line of text (state carried across lines). */
export function tokenize(grammar: IGrammar, text: string): Token[] {
  const out: Token[] = [];
  let state: StateStack = INITIAL;
  let offset = 0;
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) {
      const end = Math.min(t.endIndex, line.length);
      if (end > t.startIndex) out.push({ start: offset + t.startIndex, end: offset + end, text: line.slice(t.startIndex, end), scopes: t.scopes });
    }
    state = r.ruleStack;
    offset += line.length + 1;
  }
  return out;
}

/** scopesAt returns the scopes of the token covering offset (empty when none). */
export function scopesAt(tokens: readonly Token[], offset: number): readonly string[] {
  return tokens.find((t) => t.start <= offset && offset < t.end)?.scopes ?? [];
}
