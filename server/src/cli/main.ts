// The `chartwright` command line: `chartwright template [NAME] CHART [flags]` (Helm's
// `helm template`), `chartwright lint` (planned). Process I/O only; the work is in render/.
import { mkdirSync, appendFileSync, writeFileSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { cleanPath, type ChartFS } from '../chart/fs';
import { runTemplateCommand } from '../render/template-command';
import type { OutputFS } from '../render/manifests';

const USAGE = `Usage: chartwright <command> [args]

Commands:
  template [NAME] CHART [flags]   render chart templates locally (like \`helm template\`)
  lint CHART                      (planned) check a chart

Run 'chartwright template --help' for the template flags.
`;

/**
 * diskFS is a ChartFS over the whole disk ('' = '/'), so relative paths resolve against the
 * working directory and `-f ../values.yaml` or absolute chart paths work as in Helm.
 * (chart/fs.ts nodeFS('/') refuses every path: its inside-root check expects a non-root root.)
 */
function diskFS(): ChartFS {
  const abs = (p: string): string => '/' + cleanPath(p);
  const stat = (p: string) => {
    try {
      return statSync(abs(p));
    } catch {
      return undefined;
    }
  };
  const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));
  return {
    readFile: (p) => {
      const st = stat(p);
      if (st === undefined || !st.isFile()) return undefined;
      return new Uint8Array(readFileSync(abs(p)));
    },
    readDir: (p) => {
      try {
        return readdirSync(abs(p))
          .sort(byteOrder)
          .flatMap((name) => {
            const st = stat(`${p}/${name}`);
            return st === undefined ? [] : [{ name, isDirectory: st.isDirectory() }];
          });
      } catch {
        return undefined;
      }
    },
    isDirectory: (p) => stat(p)?.isDirectory() ?? false,
    exists: (p) => stat(p) !== undefined,
    displayPath: (p) => abs(p),
  };
}

/** diskOutput writes --output-dir files relative to the process working directory. */
function diskOutput(): OutputFS {
  return {
    exists: (p) => existsSync(resolve(p)),
    write: (w) => {
      const full = resolve(w.path);
      mkdirSync(dirname(full), { recursive: true });
      if (w.append) appendFileSync(full, w.data);
      else writeFileSync(full, w.data);
    },
  };
}

/** main runs the CLI with argv (without node and script) and returns the exit code. */
export function main(argv: readonly string[]): number {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'template': {
      // The FS is rooted at '/', so relative paths resolve against the working directory and
      // `-f ../values.yaml` works as in Helm.
      const cwd = process.cwd().replace(/^\/+/, '');
      const r = runTemplateCommand(rest, { fs: diskFS(), cwd, out: diskOutput() });
      process.stdout.write(r.stdout);
      process.stderr.write(r.stderr);
      return r.exitCode;
    }
    case 'lint':
      process.stderr.write('chartwright lint: not implemented yet (planned); use `chartwright template` to check rendering\n');
      return 2;
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(USAGE);
      return cmd === undefined ? 1 : 0;
    default:
      process.stderr.write(`Error: unknown command "${cmd}" for "chartwright"\n\n${USAGE}`);
      return 1;
  }
}

if (require.main === module || process.argv[1]?.endsWith('chartwright.js')) {
  process.exitCode = main(process.argv.slice(2));
}
