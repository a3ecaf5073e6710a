// k8s.io/apimachinery's util/yaml YAMLReader over a LineReader (bufio ReadLine: "\r\n" and "\n"
// end lines, every line gets "\n" back, so the last line always ends with one): splits a YAML
// stream into its documents at `---` lines. Helm 4 reads values files with it (helm/helmYaml.ts).

/** YamlStream is what YAMLReader returns: the documents, then maybe an error. */
export interface YamlStream {
  readonly docs: string[];
  /** error: YAMLReader's error after the documents (an invalid separator). */
  readonly error?: string;
}

/** readYamlStream is util/yaml.YAMLReader.Read called until io.EOF. */
export function readYamlStream(text: string): YamlStream {
  const pieces = text.split('\n');
  const docs: string[] = [];
  let buf = '';
  for (let i = 0; i < pieces.length; i++) {
    let line = pieces[i];
    if (i === pieces.length - 1) {
      if (line === '') break; // LineReader's "\n" at EOF is never written
    } else if (line.endsWith('\r')) line = line.slice(0, -1);
    line += '\n';
    if (line.startsWith('---')) {
      const trimmed = line.slice(3).trim();
      if (trimmed.length > 0 && trimmed[0] !== '#') return { docs, error: `invalid Yaml document separator: ${trimmed}` };
      if (buf.length !== 0) {
        docs.push(buf);
        buf = '';
        continue;
      }
      // A separator starting a document stays in it.
    }
    buf += line;
  }
  if (buf.length !== 0) docs.push(buf);
  return { docs };
}
