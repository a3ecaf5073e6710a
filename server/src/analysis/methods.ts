// Documentation of the Go methods templates can call on Helm's render objects (`.Values.Table`,
// `.Files.Get`, `.Capabilities.APIVersions.Has`, ...), keyed by the Go type family, for
// completion details and hover. The method sets themselves come from the renderer's objects.

/** MethodDoc is a method's Go signature and a short description (Markdown). */
export interface MethodDoc {
  readonly signature: string;
  readonly doc: string;
}

const VALUES: Readonly<Record<string, MethodDoc>> = {
  AsMap: { signature: 'AsMap() map[string]interface{}', doc: 'The values as a plain map.' },
  Encode: { signature: 'Encode(w io.Writer) error', doc: 'Writes the values as YAML to a writer (not usable from templates).' },
  PathValue: { signature: 'PathValue(path string) (interface{}, error)', doc: 'The value at a dotted path (`"image.tag"`); an error when it is missing or is a table.' },
  Table: { signature: 'Table(name string) (Values, error)', doc: 'The table (map) at a dotted path (`"image"`); an error when it is not a table.' },
  YAML: { signature: 'YAML() (string, error)', doc: 'The values encoded as YAML.' },
};

const FILES: Readonly<Record<string, MethodDoc>> = {
  AsConfig: { signature: 'AsConfig() string', doc: 'The files as a YAML map of base name → content, for a ConfigMap\'s `data` (e.g. `(.Files.Glob "conf/*").AsConfig`).' },
  AsSecrets: { signature: 'AsSecrets() string', doc: 'The files as a YAML map of base name → base64 content, for a Secret\'s `data`.' },
  Get: { signature: 'Get(name string) string', doc: 'The content of a chart file (outside `templates/`, not excluded by `.helmignore`); `""` when missing.' },
  GetBytes: { signature: 'GetBytes(name string) []byte', doc: 'The raw bytes of a chart file; empty when missing.' },
  Glob: { signature: 'Glob(pattern string) files', doc: 'The chart files whose path matches a glob pattern (`*`, `**`, `?`, `[...]`, `{a,b}`).' },
  Lines: { signature: 'Lines(path string) []string', doc: 'The lines of a chart file (for `range`).' },
};

const VERSION_SET: Readonly<Record<string, MethodDoc>> = {
  Has: {
    signature: 'Has(apiVersion string) bool',
    doc: 'Whether the cluster serves an API version (`"apps/v1"`) or a resource (`"apps/v1/Deployment"`). Without a cluster (`helm template`), Helm\'s built-in list plus `--api-versions`.',
  },
};

const KUBE_VERSION: Readonly<Record<string, MethodDoc>> = {
  String: { signature: 'String() string', doc: 'The normalized version (`v1.33.0`).' },
  GitVersion: { signature: 'GitVersion() string', doc: 'The version as given (deprecated alias of `.Version`).' },
};

/** methodDoc documents method `name` of the Go type `goType`, or undefined when unknown. */
export function methodDoc(goType: string, name: string): MethodDoc | undefined {
  const table = /(^|\.)Values$/.test(goType)
    ? VALUES
    : goType === 'engine.files'
      ? FILES
      : /(^|\.)VersionSet$/.test(goType)
        ? VERSION_SET
        : /(^|\.)KubeVersion$/.test(goType)
          ? KUBE_VERSION
          : undefined;
  return table !== undefined && Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}
