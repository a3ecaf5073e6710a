// Issue 13's fidelity table: `chartwright template` and `chartwright lint` against what the real
// Helm printed for the same case. Expectations are recorded from helm v4.1.4 and v3.17.3 by
// test/cli/fidelity-record.py into test/cli/fidelity.recorded.json (never edit it by hand;
// change the cases in the recorder and re-run it). Each case is materialized under os.tmpdir()
// (files and symbolic links) and run in-process over the real disk with that directory as the
// working directory; its absolute path is compared as <dir>.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { nodeFS } from '../../server/src/chart/fs';
import { runTemplateCommand } from '../../server/src/render/template-command';
import { runLintCommand } from '../../server/src/lint/command';
import { CLI_LIMITS } from '../../server/src/render/limits';
import type { Runtime } from '../../server/src/template/func';

interface Run {
  readonly stdout: string;
  readonly stderr: string;
  readonly exit: number;
}
interface Case {
  readonly name: string;
  readonly item: string;
  readonly cmd: 'template' | 'lint';
  readonly args: string[];
  readonly files: Record<string, string>;
  readonly links: Record<string, string>;
  readonly cwd: string;
  readonly helm4: Run;
  readonly helm3: Run;
}

const recorded = JSON.parse(readFileSync(join(__dirname, 'fidelity.recorded.json'), 'utf8')) as { cases: Case[] };

const runtime: Runtime = {
  now: () => new Date(Date.UTC(2024, 0, 1)),
  randomBytes: (n) => new Uint8Array(n),
  localZone: 'UTC',
};

const base = mkdtempSync(join(tmpdir(), 'cwfid-'));
after(() => rmSync(base, { recursive: true, force: true }));

function materialize(c: Case, hv: 3 | 4): string {
  const dir = join(base, `h${hv}`, c.name);
  mkdirSync(dir, { recursive: true });
  for (const [p, content] of Object.entries(c.files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
  for (const [p, target] of Object.entries(c.links)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    symlinkSync(target, join(dir, p));
  }
  return dir;
}

/**
 * Where Chartwright deliberately differs: Helm contacts a Kubernetes cluster for these (and
 * fails offline), Chartwright refuses the flag with its own error naming it and saying why.
 */
const OWN: Record<string, { readonly stderr: RegExp; readonly exit: number }> = {
  'noop-dry-run-server@4': { stderr: /^Error: --dry-run=server is not supported: it needs a live Kubernetes cluster/, exit: 1 },
  'flag-validate@4': { stderr: /^Flag --validate has been deprecated, use '--dry-run=server' instead\nError: --validate is not supported: it needs a live Kubernetes cluster/, exit: 1 },
  'flag-validate@3': { stderr: /^Error: --validate is not supported: it needs a live Kubernetes cluster/, exit: 1 },
  // Helm 4 downloads a `$schema` meta-schema it does not know (and fails offline).
  'schema-unknown-dialect@4': { stderr: /^Error: values don't meet the specifications of the schema\(s\) in the following chart\(s\):\nc:\nvalues\.schema\.json: at '\/\$schema': 'http:\/\/127\.0\.0\.1:1\/s' is not a JSON Schema draft Chartwright knows .*Chartwright does not download\)\n$/, exit: 1 },
};
// A `$ref` to another document: Helm 4 reads it from the root of the file system, Helm 3 refuses
// a non-canonical reference; Chartwright reads no schema document but values.schema.json.
for (const hv of [4, 3]) {
  OWN[`schema-ref-other-file@${hv}`] = { stderr: /^Error: values don't meet the specifications of the schema\(s\) in the following chart\(s\):\nc:\nvalues\.schema\.json: at '\/properties\/a\/\$ref': \$ref "other\.json" cannot be resolved by Chartwright/, exit: 1 };
}
// Helm downloads -f and --set-file URLs (http, https, oci); Chartwright refuses them, naming the flag.
for (const hv of [4, 3]) {
  const refused = (flag: string) => ({ stderr: new RegExp(`^Error: ${flag} \\S+: (values )?files from URLs are not supported: Chartwright reads local files only`), exit: 1 });
  OWN[`url-set-file-http@${hv}`] = refused('--set-file');
  OWN[`url-lint-set-file-http@${hv}`] = refused('--set-file');
  for (const n of ['url-values-http', 'url-values-oci', 'url-lint-values-http']) OWN[`${n}@${hv}`] = refused('-f');
  // A chart name with a `/` not on disk: Helm looks its first part up as a chart repository.
  OWN[`template-no-chart-dir-slash@${hv}`] = { stderr: /^Error: chart repository reference "nope\/" \(repo\/chart\) is not supported/, exit: 1 };
}

// Helm 3's --debug lines carry time.Now() (the recorder stored it as <time>; Chartwright's is
// the runtime's clock). Helm 3 repeats a failing command's error as `helm.go:86: <time> [debug]
// %+v`: for errors of github.com/pkg/errors that is the cause first, then each wrapping message,
// each with a Go stack trace — Chartwright prints the error's text there instead, so such a
// case is compared up to that line, and Chartwright must have printed the line.
const GO_TIME = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? [+-]\d{4} \S+ m=[+-]\d+\.\d+/g;
const GO_FRAME = /^\t\S+\.go:\d+$/m;
const DEBUG_ERROR = 'helm.go:86: <time> [debug] ';
function assertStderr(got: string, want: string): void {
  const at = want.indexOf(DEBUG_ERROR);
  if (at < 0 || !GO_FRAME.test(want.slice(at))) {
    assert.equal(got, want, 'stderr');
    return;
  }
  assert.equal(got.slice(0, at), want.slice(0, at), 'stderr (up to the Go stack trace)');
  assert.ok(got.slice(at).startsWith(DEBUG_ERROR), `stderr: ${JSON.stringify(got.slice(at))} lacks Helm 3's debug error line`);
}

/** only: FIDELITY_ONLY=substring runs the matching cases alone (debugging). */
const only = process.env.FIDELITY_ONLY;

for (const c of recorded.cases) {
  if (only !== undefined && !c.name.includes(only)) continue;
  for (const hv of [4, 3] as const) {
    const want = hv === 4 ? c.helm4 : c.helm3;
    test(`item ${c.item}: ${c.cmd} ${c.name} (helm ${hv})`, () => {
      const dir = materialize(c, hv);
      const cwdAbs = join(dir, c.cwd);
      const env = { fs: nodeFS('/'), cwd: cwdAbs.replace(/^\/+/, ''), helmVersion: hv, runtime };
      const got = c.cmd === 'template' ? runTemplateCommand(c.args, { ...env, limits: CLI_LIMITS }) : runLintCommand(c.args, env);
      const norm = (s: string) => s.replaceAll(dir, '<dir>').replace(GO_TIME, '<time>');
      const own = OWN[`${c.name}@${hv}`];
      if (own !== undefined) {
        assert.match(got.stderr, own.stderr);
        assert.equal(got.stdout, '');
        assert.equal(got.exitCode, own.exit);
        return;
      }
      assertStderr(norm(got.stderr), want.stderr);
      assert.equal(norm(got.stdout), want.stdout, 'stdout');
      assert.equal(got.exitCode, want.exit, 'exit code');
    });
  }
}

// The README's fidelity row comes from this test's name (`node scripts/test.mjs test/cli/fidelity`).
{
  const names = new Set(recorded.cases.map((c) => c.name));
  const own = (hv: number) => Object.keys(OWN).filter((k) => k.endsWith(`@${hv}`)).length;
  const n = recorded.cases.length;
  test(`summary: ${n} recorded cases; helm 4: ${n - own(4)} as Helm + ${own(4)} refused by Chartwright; helm 3: ${n - own(3)} as Helm + ${own(3)} refused`, () => {
    for (const k of Object.keys(OWN)) assert.ok(names.has(k.slice(0, k.lastIndexOf('@'))), `OWN names no recorded case: ${k}`);
  });
}
