// The fast YAML decoder on manifest text (server/src/yaml/yamlFast.ts): CRDs and templates of the
// corpus (lines holding actions dropped, split into documents as Helm splits manifests) and
// mutations that break lines inside plain scalars (multi-line plain scalars, as CRD descriptions
// use them). Whenever the fast path answers, it must give what the full parser gives (values and
// error texts, both targets); expectations come from the full parser path, never typed by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWithFullParser, unmarshalYAML } from '../../server/src/yaml/yamlDecode';
import { fastYamlDecode } from '../../server/src/yaml/yamlFast';

function show(f: () => unknown): string {
  try {
    return JSON.stringify(f(), (_k, v: unknown) => (v instanceof Map ? { $map: [...v] } : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

/** agree compares both paths for both targets; returns whether the fast path answered. */
function agree(text: string): boolean {
  if (fastYamlDecode(text) === undefined) return false;
  for (const target of ['map', 'slice'] as const) {
    assert.equal(show(() => unmarshalYAML(text, target)), show(() => decodeWithFullParser(text, target)), `${target}: ${JSON.stringify(text.slice(0, 2000))}`);
  }
  return true;
}

function manifestDocs(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string, inTemplates: boolean): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p, inTemplates || e === 'templates' || e === 'crds');
      else if (inTemplates && /\.ya?ml$/.test(e)) {
        const text = readFileSync(p, 'utf8')
          .split('\n')
          .filter((l) => !l.includes('{{'))
          .join('\n');
        for (const doc of text.split(/^---[ \t]*$/m)) if (doc.trim() !== '') out.push(doc.replace(/^\n+/, ''));
      }
    }
  };
  walk(root, false);
  return out;
}

test('fast YAML decoding agrees on corpus manifests, CRDs included, and on line breaks inside their scalars', (t) => {
  const root = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'charts');
  if (!existsSync(root)) {
    t.skip('../shared/corpus is absent');
    return;
  }
  const docs = manifestDocs(root);
  let fast = 0;
  let multiline = 0;
  for (const d of docs) {
    if (agree(d)) {
      fast++;
      if (/^( *)(- )?[\w.-]+: [^\n"'|>{[]*\n\1 {2,}[A-Za-z(]/m.test(d)) multiline++;
    }
  }
  assert.ok(fast > docs.length * 0.5, `fast path taken on ${fast}/${docs.length}`);
  assert.ok(multiline > 10, `multi-line plain scalars decoded fast in ${multiline} documents`);
  // Mutations: break a line after a space (a continuation at some indentation), add blank or
  // comment lines, indicators and colons at the start of a continuation.
  const small = docs.filter((d) => d.length < 4000 && d.includes(': '));
  const breaks = ['\n', '\n ', '\n  ', '\n   ', '\n    ', '\n      ', '\n\n    ', '\n    # c\n    ', '\n    - ', '\n    : ', '\n    #', '\n    "', ' #\n    ', ':\n    ', '\n---\n  ', '\n...\n  '];
  let seed = 5;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let taken = 0;
  for (let i = 0; i < 6000 && small.length > 0; i++) {
    let d = small[rnd(small.length)];
    for (let k = 1 + rnd(2); k > 0; k--) {
      let p = d.indexOf(' ', rnd(d.length));
      if (p < 0) p = rnd(d.length + 1);
      d = d.slice(0, p) + breaks[rnd(breaks.length)] + d.slice(p + 1);
    }
    if (agree(d)) taken++;
  }
  assert.ok(taken > 100, `fast path taken on ${taken} mutations`);
});
