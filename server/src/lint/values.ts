// Helm's values.yaml lint rule (rules/values.go ValuesWithOverrides): the file must parse, and
// the top-level values (user overrides coalesced over values.yaml, tables only) must satisfy
// values.schema.json. Subchart values are not checked here (Helm 2 heritage).
import { Log } from '../chart/log';
import type { ChartFS } from '../chart/fs';
import { joinPath } from '../chart/fs';
import { validateSingle } from '../chart/schema';
import { Coalescer } from '../chart/values';
import { YAMLDecodeError, unmarshalYAML } from '../yaml/yamlDecode';
import type { HelmVersion } from '../template/func';
import { type GoMap, utf8Decode } from '../template/value';
import type { Linter } from './support';

const FILE = 'values.yaml';

/** lintValues runs rules.ValuesWithOverrides. */
export function lintValues(l: Linter, fs: ChartFS, dir: string, overrides: GoMap, skipSchema: boolean, v: HelmVersion, log: (line: string) => void, debug = false): void {
  const path = joinPath(dir, FILE);
  if (!l.run('INFO', FILE, fs.exists(path) ? undefined : 'file does not exist', { file: FILE })) return;
  l.run('ERROR', FILE, validateValuesFile(fs, dir, overrides, skipSchema, v, log, debug), { file: FILE });
}

function validateValuesFile(fs: ChartFS, dir: string, overrides: GoMap, skipSchema: boolean, v: HelmVersion, log: (line: string) => void, debug: boolean): string | undefined {
  const data = fs.readFile(joinPath(dir, FILE));
  if (data === undefined) return `unable to parse YAML: read ${fs.displayPath(joinPath(dir, FILE))}: is a directory`;
  let values: GoMap;
  try {
    values = unmarshalYAML(utf8Decode(data), 'map') as GoMap;
  } catch (e) {
    if (!(e instanceof YAMLDecodeError)) throw e;
    // ReadValuesFile decodes into common.Values (chartutil.Values in Helm 3).
    const typeName = v === 4 ? 'common.Values' : 'chartutil.Values';
    return `unable to parse YAML: ${e.message.replace('Go value of type map[string]interface {}', `Go value of type ${typeName}`)}`;
  }
  // CoalesceTables(CoalesceTables(empty, overrides), values): the overrides win; its warnings go
  // to stderr. The first call copies only the top level, so the second coalesces values.yaml
  // into the user's own nested tables, in place (both Helm versions): what later rules and
  // later charts of the same run see has the chart's defaults in those tables, and a nested
  // user null that deleted a default has deleted it for good (Helm 3 then prints no "Condition
  // path … non-bool" warning for a null default under such a table: its coalescing deletes it).
  const lg = new Log(v);
  const coalesced = new Coalescer(lg).coalesceTables(new Map(overrides), values);
  lg.lines.forEach(log);
  const schema = fs.readFile(joinPath(dir, 'values.schema.json'));
  if (schema === undefined || schema.length === 0) return undefined;
  // Helm 3.17 passes no skip flag to this rule: the schema is always checked here.
  if (skipSchema && v === 4) return undefined;
  const dl = new Log(v, debug);
  const err = validateSingle(coalesced, schema, v, undefined, dl);
  dl.lines.forEach(log);
  return err;
}
