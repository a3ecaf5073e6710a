// Package objects: the render context Helm gives every template (spec §2): `.Values` (a named
// map type with methods), `.Release`, `.Chart` (v3 struct / v4 map), `.Capabilities`, `.Files`,
// `.Template`, `.Subcharts`, and buildRenderContext which builds them for a chart tree
// (engine.go recAllTpls).
import type { Capabilities, KubeVersion } from './capabilities';
import type { Chart, ChartFile } from './loader';
import type { Dependency, Maintainer, Metadata } from './metadata';
import { FuncError, type HelmVersion } from '../template/func';
import {
  type GoMap,
  type GoMethod,
  GoObject,
  type Kind,
  type MapTypeInfo,
  NamedMap,
  type Value,
  int,
  namedSlice,
  nilMap,
  structData,
  typedSlice,
  utf8Decode,
  utf8Encode,
} from '../template/value';
import { base64Std } from '../sprig/json';
import { globMatcher } from '../helm/glob';
import { marshalYAML } from '../yaml/yamlEncode';
import { toYaml } from '../helm/helmYaml';

// ---------------------------------------------------------------------------------------------
// .Values: chartutil.Values (v3) / common.Values (v4)

/** ValuesView is a Values-typed map that shares storage with a plain map (Values.Table's result). */
export class ValuesView extends NamedMap {
  constructor(
    info: MapTypeInfo,
    /** target is the underlying map[string]interface{} this view aliases. */
    readonly target: GoMap,
  ) {
    super(info);
  }
  override get(k: string): Value | undefined {
    return this.target.get(k);
  }
  override set(k: string, v: Value): this {
    // super() calls set for initial entries before target exists.
    if (this.target === undefined) return super.set(k, v);
    this.target.set(k, v);
    return this;
  }
  override has(k: string): boolean {
    return this.target.has(k);
  }
  override delete(k: string): boolean {
    return this.target.delete(k);
  }
  override clear(): void {
    this.target.clear();
  }
  override get size(): number {
    return this.target === undefined ? 0 : this.target.size;
  }
  override keys(): MapIterator<string> {
    return this.target.keys();
  }
  override values(): MapIterator<Value> {
    return this.target.values();
  }
  override entries(): MapIterator<[string, Value]> {
    return this.target.entries();
  }
  override [Symbol.iterator](): MapIterator<[string, Value]> {
    return this.target.entries();
  }
  override forEach(cb: (value: Value, key: string, map: Map<string, Value>) => void, thisArg?: unknown): void {
    this.target.forEach((v, k) => cb.call(thisArg, v, k, this));
  }
}

function method(params: readonly string[], returnsError: boolean, call: (args: Value[]) => Value): GoMethod {
  return { params, returnsError, call };
}

function tableOf(v: GoMap, name: string): GoMap {
  let t = v;
  for (const n of name.split('.')) {
    const x = t.get(n);
    if (!(x instanceof Map)) throw new FuncError(`${JSON.stringify(n)} is not a table`);
    t = x;
  }
  return t;
}

function plain(m: GoMap): GoMap {
  return m instanceof ValuesView ? m.target : m;
}

const valuesInfos = new Map<HelmVersion, MapTypeInfo>();

/** valuesTypeInfo is the named map type of `.Values` for a Helm version. */
export function valuesTypeInfo(v: HelmVersion): MapTypeInfo {
  const cached = valuesInfos.get(v);
  if (cached !== undefined) return cached;
  const info: MapTypeInfo = {
    name: v === 4 ? 'common.Values' : 'chartutil.Values',
    elem: 'interface {}',
    methodNames: ['AsMap', 'Encode', 'PathValue', 'Table', 'YAML'],
    method(self, name) {
      switch (name) {
        case 'YAML':
          return method([], true, () => {
            try {
              return marshalYAML(plain(self));
            } catch (e) {
              throw new FuncError(e instanceof Error ? e.message : String(e));
            }
          });
        case 'Table':
          return method(['string'], true, (args) => {
            const n = typeof args[0] === 'string' ? args[0] : '';
            try {
              return new ValuesView(info, tableOf(plain(self), n));
            } catch (e) {
              // Go returns Values{} (an empty, non-nil map) alongside the error.
              throw e;
            }
          });
        case 'AsMap':
          return method([], false, () => (self.size === 0 ? new Map() : plain(self)));
        case 'PathValue':
          return method(['string'], true, (args) => pathValueOf(plain(self), typeof args[0] === 'string' ? args[0] : ''));
        case 'Encode':
          return method(['io.Writer'], true, () => {
            throw new FuncError('Encode needs an io.Writer');
          });
      }
      return undefined;
    },
  };
  valuesInfos.set(v, info);
  return info;
}

function pathValueOf(v: GoMap, path: string): Value {
  if (path === '') throw new FuncError('YAML path cannot be empty');
  const parts = path.split('.');
  const key = parts[parts.length - 1];
  let t = v;
  if (parts.length > 1) {
    try {
      t = tableOf(v, parts.slice(0, -1).join('.'));
    } catch {
      throw new FuncError(`${JSON.stringify(key)} is not a value`);
    }
  }
  const x = t.get(key);
  if (t.has(key) && !(x instanceof Map)) return x ?? null;
  throw new FuncError(`${JSON.stringify(key)} is not a value`);
}

/** valuesMap wraps coalesced values as the `.Values` named map (sharing storage). */
export function valuesMap(values: GoMap, v: HelmVersion): NamedMap {
  return new ValuesView(valuesTypeInfo(v), plain(values));
}

// ---------------------------------------------------------------------------------------------
// .Files: engine.files (map[string][]byte with methods)

const filesInfo: MapTypeInfo = {
  name: 'engine.files',
  elem: '[]uint8',
  methodNames: ['AsConfig', 'AsSecrets', 'Get', 'GetBytes', 'Glob', 'Lines'],
  method(self, name) {
    const bytesOf = (p: Value): Uint8Array | undefined => {
      const b = typeof p === 'string' ? self.get(p) : undefined;
      return b instanceof Uint8Array ? b : undefined;
    };
    switch (name) {
      case 'GetBytes':
        return method(['string'], false, (a) => bytesOf(a[0]) ?? new Uint8Array(0));
      case 'Get':
        return method(['string'], false, (a) => {
          const b = bytesOf(a[0]);
          return b === undefined ? '' : utf8Decode(b);
        });
      case 'Glob':
        return method(['string'], false, (a) => {
          const match = globMatcher(typeof a[0] === 'string' ? a[0] : '');
          const out = new NamedMap(filesInfo);
          for (const [k, x] of self) if (match(k)) out.set(k, x);
          return out;
        });
      case 'AsConfig':
      case 'AsSecrets':
        return method([], false, () => {
          const m: GoMap = new Map();
          // Keyed by base name; collisions resolve by (random) map order in Helm: last wins here.
          for (const [k, x] of self) {
            const b = x instanceof Uint8Array ? x : new Uint8Array(0);
            m.set(k.slice(k.lastIndexOf('/') + 1), name === 'AsConfig' ? utf8Decode(b) : base64Std(b));
          }
          return toYaml(m);
        });
      case 'Lines':
        return method(['string'], false, (a) => {
          const b = bytesOf(a[0]);
          if (b === undefined) return typedSlice([], 'string');
          // Helm indexes s[len(s)-1] unguarded: an empty file panics.
          if (b.length === 0) throw new FuncError('runtime error: index out of range [-1]');
          let s = utf8Decode(b);
          if (s.endsWith('\n')) s = s.slice(0, -1);
          return typedSlice(s.split('\n'), 'string');
        });
    }
    return undefined;
  },
};

/** filesMap builds `.Files` from a chart's files (newFiles). */
export function filesMap(files: readonly ChartFile[]): NamedMap {
  const m = new NamedMap(filesInfo);
  for (const f of files) m.set(f.name, f.data);
  return m;
}

// ---------------------------------------------------------------------------------------------
// .Capabilities

/** StructObject is a Go struct (or pointer to one) with fixed fields. */
export class StructObject extends GoObject {
  constructor(
    readonly goType: string,
    readonly kind: Kind,
    private readonly fields: ReadonlyArray<readonly [string, Value]>,
    private readonly methods: Readonly<Record<string, GoMethod>> = {},
    private readonly data?: () => Value,
    private readonly str?: (addressable: boolean) => string | undefined,
  ) {
    super();
  }
  override method(name: string): GoMethod | undefined {
    return Object.prototype.hasOwnProperty.call(this.methods, name) ? this.methods[name] : undefined;
  }
  override field(name: string): { value: Value } | undefined {
    const f = this.fields.find(([n]) => n === name);
    return f === undefined ? undefined : { value: f[1] };
  }
  override fieldNames(): readonly string[] {
    return this.fields.map(([n]) => n);
  }
  override methodNames(): readonly string[] {
    return Object.keys(this.methods);
  }
  override toData(): Value | undefined {
    return this.data?.();
  }
  override stringer(addressable: boolean): string | undefined {
    return this.str?.(addressable);
  }
}

function kubeVersionObject(k: KubeVersion, v: HelmVersion): StructObject {
  const s = k.normalized !== '' ? k.normalized : k.version;
  const fields: Array<[string, Value]> =
    v === 4
      ? [['Version', k.version], ['normalizedVersion', k.normalized], ['Major', k.major], ['Minor', k.minor]]
      : [['Version', k.version], ['Major', k.major], ['Minor', k.minor]];
  return new StructObject(
    v === 4 ? 'common.KubeVersion' : 'chartutil.KubeVersion',
    'struct',
    fields,
    { String: method([], false, () => s), GitVersion: method([], false, () => k.version) },
    () => structData(new Map<string, Value>([['Version', k.version], ['Major', k.major], ['Minor', k.minor]])),
    // String() has a pointer receiver: fmt uses it only when the value is addressable.
    (addressable) => (addressable ? s : undefined),
  );
}

/** capabilitiesObject builds `.Capabilities` (*chartutil.Capabilities / *common.Capabilities). */
export function capabilitiesObject(c: Capabilities): StructObject {
  const v = c.helmVersion;
  const api = namedSlice([...c.apiVersions] as Value[], 'string', {
    name: v === 4 ? 'common.VersionSet' : 'chartutil.VersionSet',
    methodNames: ['Has'],
    method(self, name) {
      if (name !== 'Has') return undefined;
      return method(['string'], false, (a) => self.includes(a[0]));
    },
  });
  const b = c.buildInfo;
  const biFields: Array<[string, Value]> = [
    ['Version', b.version],
    ['GitCommit', b.gitCommit],
    ['GitTreeState', b.gitTreeState],
    ['GoVersion', b.goVersion],
  ];
  if (b.kubeClientVersion !== undefined) biFields.push(['KubeClientVersion', b.kubeClientVersion]);
  const buildInfo = new StructObject('version.BuildInfo', 'struct', biFields, {}, () => {
    const m = new Map<string, Value>([
      ['version', b.version],
      ['git_commit', b.gitCommit],
      ['git_tree_state', b.gitTreeState],
      ['go_version', b.goVersion],
    ]);
    if (b.kubeClientVersion !== undefined) m.set('kube_client_version', b.kubeClientVersion);
    return structData(m);
  });
  const kv = kubeVersionObject(c.kubeVersion, v);
  return new StructObject(
    v === 4 ? '*common.Capabilities' : '*chartutil.Capabilities',
    'ptr',
    [['KubeVersion', kv], ['APIVersions', api], ['HelmVersion', buildInfo]],
    {},
    () => structData(new Map<string, Value>([['KubeVersion', kv.toData() ?? null], ['APIVersions', [...c.apiVersions]], ['HelmVersion', buildInfo.toData() ?? null]])),
  );
}

// ---------------------------------------------------------------------------------------------
// .Chart

function strList(xs: readonly string[], v: HelmVersion): Value[] {
  const arr: Value[] = [...xs];
  return v === 3 ? typedSlice(arr, 'string') : arr;
}

function importValuesData(d: Dependency): Value[] {
  return d.importValues.map((x) => (x instanceof Map ? new Map(x) : x));
}

/** chartMapV4 is Helm 4's `.Chart`: Go field names, every field present (structToMap + IsRoot). */
export function chartMapV4(md: Metadata, isRoot: boolean): GoMap {
  const maint = (m: Maintainer): GoMap => new Map<string, Value>([['Name', m.name], ['Email', m.email], ['URL', m.url]]);
  const dep = (d: Dependency): GoMap =>
    new Map<string, Value>([
      ['Name', d.name],
      ['Version', d.version],
      ['Repository', d.repository],
      ['Condition', d.condition],
      ['Tags', [...d.tags]],
      ['Enabled', d.enabled],
      ['ImportValues', importValuesData(d)],
      ['Alias', d.alias],
    ]);
  return new Map<string, Value>([
    ['Name', md.name],
    ['Home', md.home],
    ['Sources', [...md.sources]],
    ['Version', md.version],
    ['Description', md.description],
    ['Keywords', [...md.keywords]],
    ['Maintainers', md.maintainers.map(maint)],
    ['Icon', md.icon],
    ['APIVersion', md.apiVersion],
    ['Condition', md.condition],
    ['Tags', md.tags],
    ['AppVersion', md.appVersion],
    ['Deprecated', md.deprecated],
    // structToMap keeps the field's map[string]string as is: a chart without annotations has a
    // nil one (prints map[], marshals as null).
    ['Annotations', md.annotations === null ? nilMap(new NamedMap(stringMapInfo)) : new NamedMap(stringMapInfo, md.annotations)],
    ['KubeVersion', md.kubeVersion],
    ['Dependencies', md.dependencies.map(dep)],
    ['Type', md.type],
    ['IsRoot', isRoot],
  ]);
}

const stringMapInfo: MapTypeInfo = { name: 'map[string]string', elem: 'string', method: () => undefined };

function omitEmpty(m: GoMap, k: string, x: Value): void {
  if (x === '' || x === false || x === null || (Array.isArray(x) && x.length === 0) || (x instanceof Map && x.size === 0)) return;
  m.set(k, x);
}

/** chartObjectV3 is Helm 3's `.Chart`: struct{ chart.Metadata; IsRoot bool } with json tags. */
export function chartObjectV3(md: Metadata, isRoot: boolean): StructObject {
  const maint = (m: Maintainer): StructObject =>
    new StructObject('*chart.Maintainer', 'ptr', [['Name', m.name], ['Email', m.email], ['URL', m.url]], {}, () => {
      const d: GoMap = new Map();
      omitEmpty(d, 'name', m.name);
      omitEmpty(d, 'email', m.email);
      omitEmpty(d, 'url', m.url);
      return structData(d);
    });
  const dep = (x: Dependency): StructObject =>
    new StructObject(
      '*chart.Dependency',
      'ptr',
      [
        ['Name', x.name],
        ['Version', x.version],
        ['Repository', x.repository],
        ['Condition', x.condition],
        ['Tags', strList(x.tags, 3)],
        ['Enabled', x.enabled],
        ['ImportValues', importValuesData(x)],
        ['Alias', x.alias],
      ],
      {},
      () => {
        const d: GoMap = new Map();
        d.set('name', x.name);
        omitEmpty(d, 'version', x.version);
        d.set('repository', x.repository);
        omitEmpty(d, 'condition', x.condition);
        omitEmpty(d, 'tags', [...x.tags]);
        omitEmpty(d, 'enabled', x.enabled);
        omitEmpty(d, 'import-values', importValuesData(x));
        omitEmpty(d, 'alias', x.alias);
        return structData(d);
      },
    );
  const annotations = new NamedMap(stringMapInfo, md.annotations ?? []);
  const metaFields: Array<[string, Value]> = [
    ['Name', md.name],
    ['Home', md.home],
    ['Sources', strList(md.sources, 3)],
    ['Version', md.version],
    ['Description', md.description],
    ['Keywords', strList(md.keywords, 3)],
    ['Maintainers', typedSlice(md.maintainers.map(maint), '*chart.Maintainer')],
    ['Icon', md.icon],
    ['APIVersion', md.apiVersion],
    ['Condition', md.condition],
    ['Tags', md.tags],
    ['AppVersion', md.appVersion],
    ['Deprecated', md.deprecated],
    ['Annotations', annotations],
    ['KubeVersion', md.kubeVersion],
    ['Dependencies', typedSlice(md.dependencies.map(dep), '*chart.Dependency')],
    ['Type', md.type],
  ];
  const data = (): GoMap => {
    const d: GoMap = new Map();
    d.set('name', md.name);
    omitEmpty(d, 'home', md.home);
    omitEmpty(d, 'sources', [...md.sources]);
    d.set('version', md.version);
    omitEmpty(d, 'description', md.description);
    omitEmpty(d, 'keywords', [...md.keywords]);
    omitEmpty(d, 'maintainers', md.maintainers.map((m) => maint(m).toData() ?? null));
    omitEmpty(d, 'icon', md.icon);
    d.set('apiVersion', md.apiVersion);
    omitEmpty(d, 'condition', md.condition);
    omitEmpty(d, 'tags', md.tags);
    omitEmpty(d, 'appVersion', md.appVersion);
    omitEmpty(d, 'deprecated', md.deprecated);
    omitEmpty(d, 'annotations', md.annotations === null ? null : new Map<string, Value>(md.annotations));
    omitEmpty(d, 'kubeVersion', md.kubeVersion);
    omitEmpty(d, 'dependencies', md.dependencies.map((x) => dep(x).toData() ?? null));
    omitEmpty(d, 'type', md.type);
    return structData(d);
  };
  const metadata = new StructObject('chart.Metadata', 'struct', metaFields, {}, data);
  // Embedded struct: its fields are promoted; %v prints {Metadata IsRoot}.
  return new (class extends StructObject {
    override field(name: string): { value: Value } | undefined {
      if (name === 'Metadata') return { value: metadata };
      if (name === 'IsRoot') return { value: isRoot };
      return metadata.field(name);
    }
  })('struct { chart.Metadata; IsRoot bool }', 'struct', [['Metadata', metadata], ['IsRoot', isRoot]], {}, () => {
    const d = data();
    d.set('IsRoot', isRoot);
    return d;
  });
}

// ---------------------------------------------------------------------------------------------
// .Release and .Template

/** ReleaseOptions are the release fields of the context. */
export interface ReleaseOptions {
  readonly name: string;
  /** namespace: '' becomes "default" as in `helm template`. */
  readonly namespace: string;
  readonly isUpgrade: boolean;
  readonly revision?: number;
}

/** releaseMap builds `.Release`. */
export function releaseMap(o: ReleaseOptions): GoMap {
  return new Map<string, Value>([
    ['Name', o.name],
    ['Namespace', o.namespace === '' ? 'default' : o.namespace],
    ['IsUpgrade', o.isUpgrade],
    ['IsInstall', !o.isUpgrade],
    ['Revision', int(o.revision ?? 1)],
    ['Service', 'Helm'],
  ]);
}

/** templateMap builds `.Template` for one file ("mychart/templates/x.yaml", "mychart/templates"). */
export function templateMap(name: string, basePath: string): GoMap {
  return new Map<string, Value>([
    ['Name', name],
    ['BasePath', basePath],
  ]);
}

// ---------------------------------------------------------------------------------------------
// Context tree (recAllTpls)

/** RenderChart is one enabled chart of the tree with its shared context map (`next`). */
export interface RenderChart {
  readonly chart: Chart;
  /** fullPath is chart.ChartFullPath(): "mychart/charts/sub". */
  readonly fullPath: string;
  /** context holds Chart, Files, Release, Capabilities, Values, Subcharts; the engine sets Template. */
  readonly context: GoMap;
  /** templates are the files the engine renders (library charts: only `_` files, isTemplateValid). */
  readonly templates: readonly ChartFile[];
  readonly children: readonly RenderChart[];
}

/** RenderContextOptions configure buildRenderContext. */
export interface RenderContextOptions {
  readonly helmVersion: HelmVersion;
  readonly release: ReleaseOptions;
  readonly capabilities: Capabilities;
}

function fullPath(c: Chart): string {
  return c.parent === undefined ? c.metadata.name : `${fullPath(c.parent)}/charts/${c.metadata.name}`;
}

function isTemplateValid(c: Chart, name: string): boolean {
  if (c.metadata.type !== 'library') return true;
  const base = name.slice(name.lastIndexOf('/') + 1);
  return base.startsWith('_');
}

/**
 * buildRenderContext builds the context tree for an (already dependency-processed) chart and
 * its coalesced values: the root sees all values; a subchart sees parent.Values.Table(name),
 * sharing storage so `set` mutations are visible across charts as in Helm.
 */
export function buildRenderContext(chart: Chart, values: GoMap, o: RenderContextOptions): RenderChart {
  const caps = capabilitiesObject(o.capabilities);
  const release = releaseMap(o.release);
  const info = valuesTypeInfo(o.helmVersion);
  const rec = (c: Chart, parentCtx: GoMap | undefined): RenderChart => {
    const subcharts: GoMap = new Map();
    const isRoot = c.parent === undefined;
    // Helm stores each chart's context as a chartutil.Values / common.Values (renderable.vals),
    // so `typeOf .` prints the named type and its methods (.YAML, .Table, ...) shadow keys on dot.
    const ctx: GoMap = new NamedMap(info, [
      ['Chart', o.helmVersion === 4 ? chartMapV4(c.metadata, isRoot) : chartObjectV3(c.metadata, isRoot)],
      ['Files', filesMap(c.files)],
      ['Release', release],
      ['Capabilities', caps],
      ['Values', new NamedMap(info)],
      ['Subcharts', subcharts],
    ]);
    if (isRoot) ctx.set('Values', new ValuesView(info, plain(values)));
    else if (parentCtx !== undefined) {
      const pv = parentCtx.get('Values');
      const sub = pv instanceof Map ? pv.get(c.metadata.name) : undefined;
      if (sub instanceof Map) ctx.set('Values', new ValuesView(info, plain(sub)));
    }
    const children = c.dependencies.map((d) => {
      const child = rec(d, ctx);
      subcharts.set(d.metadata.name, child.context);
      return child;
    });
    return {
      chart: c,
      fullPath: fullPath(c),
      context: ctx,
      templates: c.templates.filter((t) => isTemplateValid(c, t.name)),
      children,
    };
  };
  return rec(chart, undefined);
}

/** bytesOf encodes a string as the []byte Helm stores for a file (for tests and overlays). */
export function bytesOf(s: string): Uint8Array {
  return utf8Encode(s);
}
