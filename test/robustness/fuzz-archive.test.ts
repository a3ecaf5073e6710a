// Property test (fast-check, fixed seed): packaged charts built from random entries, then
// mutated at the byte level (gzip and tar), always load to a chart or a clean error text, in
// bounded time, for both Helm versions; nothing throws. FUZZ_RUNS scales the run count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { tarHeader, tarPadding } from '../helpers/tar';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { memoryFS } from '../../server/src/chart/fs';
import { loadChart } from '../../server/src/chart/loader';
import { SEED, runs } from './gen';

const BOUND_MS = 5_000;

const NAMES = ['c/Chart.yaml', 'c/values.yaml', 'c/templates/a.yaml', 'c/charts/s/Chart.yaml', 'c/charts/s.tgz', 'c/../x', '/abs', 'Chart.yaml', 'c\\win.yaml', 'c/', 'c/C:/x', 'c/.helmignore'];
const BODIES = ['apiVersion: v2\nname: c\nversion: 0.1.0\n', 'apiVersion: v2\nname: s\nversion: 1.0.0\n', 'a: {{ .Values.x }}\n', 'x: [', '', 'apiVersion: v9\nname: c\nversion: 1\n'];

const entryArb = fc.record({
  name: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 120 })),
  body: fc.oneof(fc.constantFrom(...BODIES), fc.string({ maxLength: 200 })),
  type: fc.constantFrom('0', '0', '0', '5', '2', 'x', 'g', 'L', '7'),
  // A declared size that may lie about the data (truncation, huge claims).
  lie: fc.oneof(fc.constant(0), fc.integer({ min: -600, max: 600 }), fc.constant(200 * 1024 * 1024)),
});

const mutationArb = fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 4 });

function build(entries: Array<{ name: string; body: string; type: string; lie: number }>, cut: number | undefined): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.body);
    const size = Math.max(0, data.length + e.lie);
    parts.push(tarHeader(e.name, size, e.type), data, tarPadding(data.length));
  }
  parts.push(Buffer.alloc(1024));
  const raw = Buffer.concat(parts);
  return cut === undefined ? raw : raw.subarray(0, cut % (raw.length + 1));
}

test('fuzz: generated and mutated .tgz archives load or fail cleanly, in bounded time', () => {
  let charts = 0;
  let errors = 0;
  fc.assert(
    fc.property(
      fc.array(entryArb, { maxLength: 8 }),
      fc.option(fc.nat(), { nil: undefined }),
      mutationArb,
      fc.boolean(),
      fc.boolean(),
      (extra, cut, mutations, mutateGzip, valid) => {
        // Half the archives start as a valid chart, so mutations also hit loadable ones.
        const base = [
          { name: 'c/Chart.yaml', body: BODIES[0], type: '0', lie: 0 },
          { name: 'c/templates/a.yaml', body: BODIES[2], type: '0', lie: 0 },
        ];
        const entries = valid ? [...base, ...extra.filter((e) => e.lie === 0)] : extra;
        const tarBytes = build(entries, valid ? undefined : cut);
        if (valid && mutations.length > 0 && cut !== undefined && cut % 3 === 0) mutations.length = 0;
        for (const m of mutateGzip ? [] : mutations) if (tarBytes.length > 0) tarBytes[m.at % tarBytes.length] = m.byte;
        const gz = Buffer.from(gzipSync(tarBytes));
        for (const m of mutateGzip ? mutations : []) gz[m.at % gz.length] = m.byte;
        // The archive as a chart, and as a subchart archive of a directory chart.
        const fs = memoryFS({ 'c.tgz': gz, 'p/Chart.yaml': 'apiVersion: v2\nname: p\nversion: 0.1.0\n', 'p/charts/c.tgz': gz });
        for (const v of [4, 3] as const) {
          for (const path of ['c.tgz', 'p']) {
            const t0 = performance.now();
            const r = loadChart(fs, path, v);
            assert.ok(performance.now() - t0 < BOUND_MS, `load took ${Math.round(performance.now() - t0)} ms`);
            if ('error' in r) {
              assert.equal(typeof r.error, 'string');
              assert.ok(r.error.length > 0 && !r.error.includes('    at '), r.error);
              errors++;
            } else charts++;
          }
        }
      },
    ),
    { seed: SEED, numRuns: runs(200) },
  );
  console.log(`# fuzz-archive: ${charts} charts, ${errors} clean errors`);
});
