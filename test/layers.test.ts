// The import graph of server/src and client/src keeps ARCHITECTURE.md's invariants: no import
// cycle between files, and every import points down the layer order (a layer is a folder of
// server/src; client/src is the `client` layer). Type-only imports count: they tie modules
// together for readers and the type checker as much as value imports do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..');

/**
 * LAYERS lists the layers bottom-up. A file may import its own layer and any layer of a lower
 * tier; layers sharing a tier (front ends) do not import each other. ARCHITECTURE.md
 * "Invariants" describes the same order.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['version'], // server/src/version.ts: Chartwright's and the reproduced Helm releases' versions
  ['template'], // Go's text/template
  ['sprig'],
  ['yaml'], // Go-exact YAML codecs (go-yaml v2/v3, sigs.k8s.io/yaml), knowing nothing of Helm
  ['helm'], // Helm's template functions
  ['chart'], // loading, values, render objects, release preparation
  ['render'], // Helm's engine, manifests, the `template` command; the pflag parser
  ['k8s'], // Kubernetes schemas and the API lifecycle table (knows nothing of templates)
  ['lint'], // helm lint's rules (+ --kube-schemas over k8s/)
  ['analysis'],
  ['lsp'],
  ['cli', 'client'],
];

/** Graph maps a file (relative to the project, '/' separated) to the project files it imports. */
type Graph = ReadonlyMap<string, readonly string[]>;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const c of [base + '.ts', join(base, 'index.ts'), base]) if (existsSync(c) && statSync(c).isFile()) return c;
  return undefined;
}

function toKey(p: string): string {
  return relative(root, p).split('\\').join('/');
}

/** importGraph reads every relative import (static, `export ... from`, dynamic, require) of the sources. */
function importGraph(): Graph {
  const files = ['server/src', 'client/src'].flatMap((d) => sourceFiles(join(root, d)));
  const g = new Map<string, string[]>();
  for (const f of files) {
    const info = ts.preProcessFile(readFileSync(f, 'utf8'), true, true);
    const deps: string[] = [];
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const target = resolveImport(f, ref.fileName);
      if (target !== undefined && !deps.includes(toKey(target))) deps.push(toKey(target));
    }
    g.set(toKey(f), deps);
  }
  return g;
}

/** layerOf is a file's layer: its folder under server/src (a top-level file is its own), or `client`. */
function layerOf(file: string): string {
  if (file.startsWith('client/')) return 'client';
  const m = /^server\/src\/([^/]+?)(?:\.ts)?(?:\/|$)/.exec(file);
  return m === null ? file : m[1];
}

/** cycles finds the strongly connected components of more than one file, each as one cycle path. */
function cycles(g: Graph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc = new Set<string>();
    for (;;) {
      const w = stack.pop() as string;
      onStack.delete(w);
      scc.add(w);
      if (w === v) break;
    }
    if (scc.size > 1) {
      const path = cyclePath(g, scc);
      // A component larger than the cycle shown holds more cycles: name all its files.
      if (path.length - 1 < scc.size) path.push(`(all of: ${[...scc].sort().join(', ')})`);
      out.push(path);
    }
  };
  for (const v of [...g.keys()].sort()) if (!index.has(v)) visit(v);
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

/** cyclePath is one cycle through a component, from its first file (sorted) back to it. */
function cyclePath(g: Graph, scc: ReadonlySet<string>): string[] {
  const start = [...scc].sort()[0];
  // Breadth-first from start inside the component: the shortest way back to start.
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift() as string;
    for (const w of g.get(v) ?? []) {
      if (!scc.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let x = v; x !== start; x = prev.get(x) as string) path.splice(1, 0, x);
        path.push(start);
        return path;
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...scc].sort();
}

/** layerViolations lists imports that do not point down the layer order (and files of unknown layers). */
function layerViolations(g: Graph, layers: readonly (readonly string[])[] = LAYERS): string[] {
  const tier = new Map<string, number>();
  layers.forEach((t, i) => t.forEach((l) => tier.set(l, i)));
  const out: string[] = [];
  for (const [file, deps] of g) {
    const from = layerOf(file);
    const ft = tier.get(from);
    if (ft === undefined) {
      out.push(`${file}: layer ${from} is not in the layer order`);
      continue;
    }
    for (const dep of deps) {
      const to = layerOf(dep);
      if (to === from) continue;
      const tt = tier.get(to);
      if (tt === undefined || tt >= ft) out.push(`${file} (${from}) imports ${dep} (${to})`);
    }
  }
  return out.sort();
}

/** layerGraph is the graph between layers; `edges` keeps the file imports behind each arrow. */
function layerGraph(g: Graph): { graph: Graph; edges: ReadonlyMap<string, string[]> } {
  const graph = new Map<string, string[]>();
  const edges = new Map<string, string[]>();
  for (const [file, deps] of g) {
    const from = layerOf(file);
    if (!graph.has(from)) graph.set(from, []);
    for (const dep of deps) {
      const to = layerOf(dep);
      if (to === from) continue;
      const out = graph.get(from) as string[];
      if (!out.includes(to)) out.push(to);
      const key = `${from} → ${to}`;
      edges.set(key, [...(edges.get(key) ?? []), `${file} → ${dep}`]);
    }
  }
  return { graph, edges };
}

/** layerCycles lists the cycles between layers, each with the file imports making its arrows. */
function layerCycles(g: Graph): string[] {
  const { graph, edges } = layerGraph(g);
  return cycles(graph).map((c) => {
    const lines = [c.join(' → ')];
    const path = c.filter((x) => !x.startsWith('('));
    for (let i = 0; i + 1 < path.length; i++) {
      const all = edges.get(`${path[i]} → ${path[i + 1]}`) ?? [];
      lines.push(...all.slice(0, 3).map((e) => '    ' + e));
      if (all.length > 3) lines.push(`    (and ${all.length - 3} more ${path[i]} → ${path[i + 1]})`);
    }
    return lines.join('\n');
  });
}

test('the checker finds cycles and upward imports (synthetic graphs)', () => {
  const cases: { name: string; graph: Record<string, string[]>; cycles: string[][]; violations: string[] }[] = [
    {
      name: 'clean',
      graph: { 'server/src/render/a.ts': ['server/src/template/b.ts'], 'server/src/template/b.ts': [] },
      cycles: [],
      violations: [],
    },
    {
      name: 'two-file cycle',
      graph: { 'server/src/render/a.ts': ['server/src/render/b.ts'], 'server/src/render/b.ts': ['server/src/render/a.ts'] },
      cycles: [['server/src/render/a.ts', 'server/src/render/b.ts', 'server/src/render/a.ts']],
      violations: [],
    },
    {
      name: 'three-file cycle',
      graph: {
        'server/src/render/p.ts': ['server/src/render/r.ts'],
        'server/src/render/r.ts': ['server/src/render/t.ts'],
        'server/src/render/t.ts': ['server/src/render/p.ts'],
      },
      cycles: [['server/src/render/p.ts', 'server/src/render/r.ts', 'server/src/render/t.ts', 'server/src/render/p.ts']],
      violations: [],
    },
    {
      name: 'upward import',
      graph: { 'server/src/lint/command.ts': ['server/src/cli/main.ts'], 'server/src/cli/main.ts': [] },
      cycles: [],
      violations: ['server/src/lint/command.ts (lint) imports server/src/cli/main.ts (cli)'],
    },
    {
      name: 'peers of one tier',
      graph: { 'client/src/a.ts': ['server/src/cli/main.ts'], 'server/src/cli/main.ts': [] },
      cycles: [],
      violations: ['client/src/a.ts (client) imports server/src/cli/main.ts (cli)'],
    },
    {
      name: 'unknown layer',
      graph: { 'server/src/misc/a.ts': [] },
      cycles: [],
      violations: ['server/src/misc/a.ts: layer misc is not in the layer order'],
    },
  ];
  for (const c of cases) {
    const g = new Map(Object.entries(c.graph));
    assert.deepEqual(cycles(g), c.cycles, c.name);
    assert.deepEqual(layerViolations(g), c.violations, c.name);
  }
});

test('no import cycle between files', () => {
  const found = cycles(importGraph()).map((c) => c.join(' → '));
  assert.deepEqual(found, [], `import cycles:\n${found.join('\n')}`);
});

test('no import cycle between layers', () => {
  const found = layerCycles(importGraph());
  assert.deepEqual(found, [], `layers importing each other:\n${found.join('\n')}`);
});

test('imports point down the layers', () => {
  const found = layerViolations(importGraph());
  assert.deepEqual(found, [], `imports against the layer order:\n${found.join('\n')}`);
});
