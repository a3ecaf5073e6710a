#!/usr/bin/env python3
"""Records what the real Helm prints for the fidelity table (issue 13): `helm template` and
`helm lint` on small charts, with both Helm versions.

Usage: python3 test/cli/fidelity-record.py   (writes test/cli/fidelity.recorded.json)
Needs helm4 (v4.1.4) and helm3 (v3.17.3) on PATH, or HELM4=/HELM3=.

Each case is a directory of files (and symbolic links: `links` maps a path to its target) and
the command's arguments. Helm runs with that directory as its working directory, an empty HOME
and TZ=UTC; the directory's absolute path is stored as <dir> and HOME as <home>, so the test
(test/cli/fidelity.test.ts) can materialize the case anywhere under os.tmpdir(). Never edit the
JSON by hand: change the cases here and re-run.
"""
import json, os, re, shutil, subprocess, tempfile, concurrent.futures as cf

HERE = os.path.dirname(os.path.abspath(__file__))
HELM = {"helm4": os.environ.get("HELM4", "helm4"), "helm3": os.environ.get("HELM3", "helm3")}

CHART = "apiVersion: v2\nname: c\nversion: 0.1.0\n"
CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n"


def chart(chart_yaml=CHART, values=None, templates=None, extra=None, root="c"):
    files = {f"{root}/Chart.yaml": chart_yaml}
    if values is not None:
        files[f"{root}/values.yaml"] = values
    for k, v in (templates or {"cm.yaml": CM}).items():
        files[f"{root}/templates/{k}"] = v
    for k, v in (extra or {}).items():
        files[f"{root}/{k}"] = v
    return files


def case(name, item, args, files=None, links=None, cmd="template", cwd=""):
    return {"name": name, "item": item, "cmd": cmd, "args": args, "files": files or {}, "links": links or {}, "cwd": cwd}


# Item 1: merge/mergeOverwrite/mustMerge/set/unset with .Values first return a plain map.
MERGE_T = """v: {{ $v := merge .Values }}{{ dig "a" "b" "none" $v }}
t1: {{ typeOf (merge .Values) }}
t2: {{ typeOf (mergeOverwrite .Values (dict "z" 1)) }}
t3: {{ typeOf (mustMerge .Values) }}
t4: {{ typeOf (mustMergeOverwrite .Values) }}
t5: {{ typeOf (set .Values "k" "v") }}
t6: {{ typeOf (unset .Values "k") }}
t7: {{ typeOf .Values }}
t8: {{ typeOf (merge (dict) .Values) }}
d: {{ dig "a" "b" "none" (mergeOverwrite .Values (dict)) }}
e: {{ dig "a" "b" "none" (set .Values "q" 1) }}
w: {{ $_ := set (merge .Values) "w" 5 }}{{ .Values.w }}
u: {{ $_ := unset (mergeOverwrite .Values) "w" }}{{ hasKey .Values "w" }}
f: {{ dig "a" "b" "none" (unset .Values "q") }}
k: {{ kindOf (merge .Values) }}
"""

# Item 3: numbers in Chart.yaml string fields.
def chart_yaml(extra):
    return "apiVersion: v2\nname: c\n" + extra


APPVER_T = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  app: {{ .Chart.AppVersion | quote }}\n  ver: {{ .Chart.Version | quote }}\n  kv: {{ .Chart.KubeVersion | quote }}\n"

# Item 5: a grandchild under an aliased child.
def aliased_tree(aliases, declared=True):
    deps = "".join(f"- name: child\n  version: 0.1.0\n  alias: {a}\n" for a in aliases)
    gdeps = "dependencies:\n- name: grandchild\n  version: 0.1.0\n" if declared else ""
    files = {
        "parent/Chart.yaml": "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n" + deps,
        "parent/templates/p.yaml": "kind: P\nname: {{ .Chart.Name }}\n",
        "parent/values.yaml": "c1:\n  grandchild:\n    x: one\nc2:\n  grandchild:\n    x: two\nchild:\n  grandchild:\n    x: three\n",
        "parent/charts/child/Chart.yaml": "apiVersion: v2\nname: child\nversion: 0.1.0\n" + gdeps,
        "parent/charts/child/templates/c.yaml": "kind: C\nname: {{ .Chart.Name }}\nrel: {{ .Template.Name }}\n",
        "parent/charts/child/charts/grandchild/Chart.yaml": "apiVersion: v2\nname: grandchild\nversion: 0.1.0\n",
        "parent/charts/child/charts/grandchild/templates/g.yaml": "kind: G\nname: {{ .Chart.Name }}\ntpl: {{ .Template.Name }}\nbase: {{ .Template.BasePath }}\nx: {{ .Values.x }}\n",
    }
    return files


# The datadog chart's dependency conditions (DataDog/helm-charts charts/datadog/requirements.yaml).
DATADOG = {
    "c/Chart.yaml": "apiVersion: v1\nname: c\nversion: 0.1.0\n",
    "c/requirements.yaml": "dependencies:\n- name: datadog-crds\n  version: 0.1.0\n  condition: datadog.autoscaling.workload.enabled,clusterAgent.metricsProvider.useDatadogMetrics\n  tags:\n  - install-crds\n"
                           "- name: kube-state-metrics\n  version: 0.1.0\n  condition: datadog.kubeStateMetricsEnabled\n"
                           "- name: datadog-operator\n  version: 0.1.0\n  condition: datadog.operator.enabled\n  alias: operator\n",
    "c/values.yaml": "datadog:\n  apiKey:\n  kubeStateMetricsEnabled:\n  autoscaling:\n    workload:\n      enabled:\n  operator:\n    enabled: false\nclusterAgent:\n  metricsProvider:\n    useDatadogMetrics: false\n",
    "c/templates/cm.yaml": CM,
    **{f"c/charts/{n}/Chart.yaml": f"apiVersion: v2\nname: {n}\nversion: 0.1.0\n" for n in ["datadog-crds", "kube-state-metrics", "datadog-operator"]},
    **{f"c/charts/{n}/templates/k.yaml": "kind: K\nmetadata:\n  name: {{ .Chart.Name }}\n" for n in ["datadog-crds", "kube-state-metrics", "datadog-operator"]},
}

# A tree for --debug's per-chart lines: an undeclared subchart, an alias, a disabled alias, a grandchild, a library.
DEBUG_TREE = {
    "p/Chart.yaml": "apiVersion: v2\nname: p\nversion: 0.1.0\ndependencies:\n- name: a\n  version: 0.1.0\n- name: b\n  version: 0.1.0\n  alias: bb\n"
                    "- name: b\n  version: 0.1.0\n  alias: gone\n  condition: gone.enabled\n- name: lib\n  version: 0.1.0\n",
    "p/values.yaml": "gone:\n  enabled: false\n",
    "p/templates/k.yaml": CM,
    "p/charts/a/Chart.yaml": "apiVersion: v2\nname: a\nversion: 0.1.0\n", "p/charts/a/templates/k.yaml": "kind: A\n",
    "p/charts/a/charts/a1/Chart.yaml": "apiVersion: v2\nname: a1\nversion: 0.1.0\n", "p/charts/a/charts/a1/templates/k.yaml": "kind: A1\n",
    "p/charts/b/Chart.yaml": "apiVersion: v2\nname: b\nversion: 0.1.0\n", "p/charts/b/templates/k.yaml": "kind: B\n",
    "p/charts/lib/Chart.yaml": "apiVersion: v2\nname: lib\nversion: 0.1.0\ntype: library\n", "p/charts/lib/templates/_h.tpl": "{{ define \"x\" }}{{ end }}\n",
    "p/charts/z/Chart.yaml": "apiVersion: v2\nname: z\nversion: 0.1.0\n", "p/charts/z/templates/k.yaml": "kind: Z\n",
}

# Schemas at the root and in an aliased subchart (pretty-printed, with a non-ASCII description).
DEBUG_SCHEMA = dict(chart(chart_yaml=CHART + "dependencies:\n- name: s\n  version: 0.1.0\n  alias: ss\n", values="a: x\nss:\n  b: 1\n",
                          extra={"values.schema.json": '{\n  "type": "object",\n  "properties": {"a": {"type": "string", "description": "é \\"q\\""}}\n}\n',
                                 "charts/s/Chart.yaml": "apiVersion: v2\nname: s\nversion: 0.1.0\n", "charts/s/templates/k.yaml": "kind: S\n",
                                 "charts/s/values.schema.json": '{"properties":{"b":{"type":"integer"}}}',
                                 "charts/t/Chart.yaml": "apiVersion: v2\nname: t\nversion: 0.1.0\n", "charts/t/templates/k.yaml": "kind: T\n"}))

SHARED_T = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n{{- if .Values.t.k }}{{ fail (printf "k=%v" .Values.t.k) }}{{ end }}\n'
SHARED_C1 = {"c1/Chart.yaml": "apiVersion: v2\nname: c1\nversion: 0.1.0\n", "c1/values.yaml": "t:\n  k: from-c1\n", "c1/templates/cm.yaml": CM}
SHARED_C2 = {"c2/Chart.yaml": "apiVersion: v2\nname: c2\nversion: 0.1.0\n", "c2/values.yaml": "t:\n  z: 1\n", "c2/templates/cm.yaml": SHARED_T}

SCHEMA_ENUM = '{"type":"object","properties":{"a":{"type":"string","enum":["x","y"]}}}'

INVALID_SCHEMAS = [
    ("props-null", '{"properties":{"a":null}}'),
    ("props-number", '{"properties":{"a":5}}'),
    ("props-string", '{"properties":{"a":"x"}}'),
    ("props-array", '{"properties":{"a":[]}}'),
    ("properties-number", '{"properties":5}'),
    ("items-null", '{"items":null}'),
    ("items-array", '{"items":[{}]}'),
    ("additional-string", '{"additionalProperties":"x"}'),
    ("allof-item-null", '{"allOf":[null]}'),
    ("allof-null", '{"allOf":null}'),
    ("allof-empty", '{"allOf":[]}'),
    ("anyof-object", '{"anyOf":{}}'),
    ("oneof-item-number", '{"oneOf":[{},3]}'),
    ("not-number", '{"not":5}'),
    ("if-string", '{"if":"x"}'),
    ("type-typo", '{"type":"strin"}'),
    ("type-number", '{"type":5}'),
    ("type-list-typo", '{"type":["string","strin"]}'),
    ("type-list-empty", '{"type":[]}'),
    ("type-list-dup", '{"type":["string","string"]}'),
    ("required-string", '{"required":"a"}'),
    ("required-dup", '{"required":["a","a"]}'),
    ("required-number-item", '{"required":[1]}'),
    ("enum-string", '{"enum":"a"}'),
    ("pattern-bad", '{"pattern":"("}'),
    ("pattern-nested", '{"properties":{"a":{"pattern":"[z-a]"}}}'),
    ("pattern-number", '{"pattern":5}'),
    ("pattern-properties-bad", '{"patternProperties":{"(":{}}}'),
    ("minimum-string", '{"minimum":"1"}'),
    ("maximum-bool", '{"maximum":true}'),
    ("exclusive-minimum-bool", '{"exclusiveMinimum":true}'),
    ("minlength-negative", '{"minLength":-1}'),
    ("maxlength-float", '{"maxLength":1.5}'),
    ("minitems-string", '{"minItems":"2"}'),
    ("multipleof-zero", '{"multipleOf":0}'),
    ("uniqueitems-string", '{"uniqueItems":"yes"}'),
    ("ref-missing", '{"$ref":"#/definitions/x"}'),
    ("ref-missing-nested", '{"properties":{"a":{"$ref":"#/$defs/y"}}}'),
    ("ref-number", '{"$ref":5}'),
    ("definitions-null", '{"definitions":{"x":null}}'),
    ("defs-number", '{"$defs":{"x":1}}'),
    ("dependencies-number", '{"dependencies":{"a":5}}'),
    ("schema-number", '{"$schema":5}'),
    ("title-number", '{"title":5}'),
    ("description-array", '{"description":[]}'),
    ("deep", '{"properties":{"a":{"items":{"properties":{"b":{"type":"strin"}}}}}}'),
    ("draft7-props-null", '{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"a":null}}'),
    ("draft7-type-typo", '{"$schema":"http://json-schema.org/draft-07/schema","type":"strin"}'),
    ("draft7-pattern", '{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"a":{"pattern":"a**"}}}'),
    ("minlength-gt-maxlength", '{"minLength":3,"maxLength":2}'),
    ("minprops-gt-maxprops", '{"minProperties":3,"maxProperties":2}'),
    ("enum-dup", '{"enum":["a","a"]}'),
    ("enum-empty", '{"enum":[]}'),
    ("exclusive-minimum-string", '{"exclusiveMinimum":"1"}'),
    ("format-number", '{"format":5}'),
    ("propertynames-number", '{"propertyNames":5}'),
    ("contains-number", '{"contains":5}'),
    ("const-any", '{"const":{"a":[1]}}'),
    ("id-number", '{"$id":5}'),
    ("ref-to-number", '{"definitions":{"n":5},"$ref":"#/definitions/n"}'),
    ("ref-array-index", '{"allOf":[{}],"$ref":"#/allOf/3"}'),
    ("additional-items-number", '{"additionalItems":5}'),
    ("draft4-props-number", '{"$schema":"http://json-schema.org/draft-04/schema#","properties":{"a":5}}'),
    ("draft4-props-true", '{"$schema":"http://json-schema.org/draft-04/schema#","properties":{"a":true}}'),
    ("draft4-exclusive-no-minimum", '{"$schema":"http://json-schema.org/draft-04/schema#","exclusiveMinimum":true}'),
    ("draft4-type-typo", '{"$schema":"http://json-schema.org/draft-04/schema#","type":"strin"}'),
    ("draft4-items-number", '{"$schema":"http://json-schema.org/draft-04/schema#","items":[5]}'),
    ("draft4-multipleof-zero", '{"$schema":"http://json-schema.org/draft-04/schema#","multipleOf":0}'),
    ("draft4-minlength-negative", '{"$schema":"http://json-schema.org/draft-04/schema#","minLength":-1}'),
    ("draft4-pattern-properties", '{"$schema":"http://json-schema.org/draft-04/schema#","properties":{"a":{"patternProperties":{"[z-a]":{}}}}}'),
    ("draft6-pattern-properties", '{"$schema":"http://json-schema.org/draft-06/schema#","patternProperties":{"(":{}}}'),
    ("draft6-props-number", '{"$schema":"http://json-schema.org/draft-06/schema#","properties":{"a":5}}'),
    ("draft2019-items", '{"$schema":"https://json-schema.org/draft/2019-09/schema","items":[5]}'),
    ("draft2019-props-null", '{"$schema":"https://json-schema.org/draft/2019-09/schema","properties":{"a":null}}'),
]

CASES = [
    # --- item 1
    case("merge-values-plain-map", "1", ["c"], chart(values="a:\n  b: x\n", templates={"m.yaml": MERGE_T})),
    # --- item 3
    case("chart-version-float-exp", "3", ["c"], chart(chart_yaml=chart_yaml("version: 72445e2\n"), templates={"cm.yaml": APPVER_T})),
    case("chart-appversion-float-1e6", "3", ["c"], chart(chart_yaml=chart_yaml("version: 0.1.0\nappVersion: 1234567.0\n"), templates={"cm.yaml": APPVER_T})),
    case("chart-appversion-floats", "3", ["c"], chart(chart_yaml=chart_yaml("version: 0.1.0\nappVersion: 999999.0\n"), templates={"cm.yaml": APPVER_T})),
    case("chart-appversion-1e21", "3", ["c"], chart(chart_yaml=chart_yaml("version: 0.1.0\nappVersion: 1e21\n"), templates={"cm.yaml": APPVER_T})),
    case("chart-appversion-small", "3", ["c"], chart(chart_yaml=chart_yaml("version: 0.1.0\nappVersion: 0.0000123\n"), templates={"cm.yaml": APPVER_T})),
    case("chart-appversion-int-big", "3", ["c"], chart(chart_yaml=chart_yaml("version: 0.1.0\nappVersion: 12345678\n"), templates={"cm.yaml": APPVER_T})),
    case("chart-version-int-big", "3", ["c"], chart(chart_yaml=chart_yaml("version: 10000000\n"), templates={"cm.yaml": APPVER_T})),
    case("chart-version-float-1e6", "3", ["c"], chart(chart_yaml=chart_yaml("version: 2000000.0\n"), templates={"cm.yaml": APPVER_T})),
    case("chart-version-float-plain", "3", ["c"], chart(chart_yaml=chart_yaml("version: 1.5\n"), templates={"cm.yaml": APPVER_T})),
    case("chart-kubeversion-float", "3", ["c"], chart(chart_yaml=chart_yaml("version: 0.1.0\nkubeVersion: 1e7\n"), templates={"cm.yaml": APPVER_T})),
    case("lint-chart-version-float-exp", "3", ["c"], chart(chart_yaml=chart_yaml("version: 72445e2\n")), cmd="lint"),
    case("lint-chart-appversion-float-1e6", "3", ["c"], chart(chart_yaml=chart_yaml("version: 0.1.0\nappVersion: 1234567.0\n")), cmd="lint"),
    # --- item 4
    case("symlink-devnull", "4", ["c"], chart(), links={"c/templates/null.yaml": "/dev/null"}),
    case("symlink-dangling", "4", ["c"], chart(), links={"c/templates/gone.yaml": "nowhere.yaml"}),
    case("symlink-file", "4", ["c"], dict(chart(), **{"shared/x.yaml": "kind: X\n"}), links={"c/templates/x.yaml": "../../shared/x.yaml"}),
    case("symlink-dir", "4", ["c"], dict(chart(), **{"shared/t/y.yaml": "kind: Y\n"}), links={"c/templates/t": "../../shared/t"}),
    case("symlink-self-cycle", "4", ["c"], chart(), links={"c/templates/self": "."}),
    case("symlink-loop", "4", ["c"], chart(), links={"c/templates/l1.yaml": "l2", "c/templates/l2": "l1.yaml"}),
    case("symlink-ignored", "4", ["c"], dict(chart(extra={".helmignore": "templates/x.yaml\n"}), **{"shared/x.yaml": "kind: X\n"}), links={"c/templates/x.yaml": "../../shared/x.yaml"}),
    case("symlink-subchart", "4", ["c"], dict(chart(), **{"sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n", "sub/templates/s.yaml": "kind: S\n"}), links={"c/charts/sub": "../../sub"}),
    case("requirements-v2-bad", "4", ["c"], chart(extra={"requirements.yaml": "dependencies: [\n"})),
    case("requirements-v1", "4", ["c"], chart(chart_yaml="apiVersion: v1\nname: c\nversion: 0.1.0\n", extra={"requirements.yaml": "dependencies: []\n"})),
    case("symlink-devnull-lint", "4", ["c"], chart(), links={"c/templates/null.yaml": "/dev/null"}, cmd="lint"),
    case("symlink-dangling-lint", "4", ["c"], chart(), links={"c/templates/gone.yaml": "nowhere.yaml"}, cmd="lint"),
    case("symlink-file-lint", "4", ["c"], dict(chart(), **{"shared/x.yaml": "kind: X\n"}), links={"c/templates/x.yaml": "../../shared/x.yaml"}, cmd="lint"),
    case("requirements-v2", "4", ["c"], chart(extra={"requirements.yaml": "dependencies: []\n"})),
    case("requirements-v2-lint", "4", ["c"], chart(extra={"requirements.yaml": "dependencies: []\n"}), cmd="lint"),
    # --- item 5
    case("aliased-twice-grandchild", "5", ["parent"], aliased_tree(["c1", "c2"])),
    case("aliased-once-grandchild", "5", ["parent"], aliased_tree(["c1"])),
    case("aliased-twice-undeclared-grandchild", "5", ["parent"], aliased_tree(["c1", "c2"], declared=False)),
    case("aliased-once-undeclared-grandchild", "5", ["parent"], aliased_tree(["c1"], declared=False)),
    case("aliased-and-plain-undeclared-grandchild", "5", ["parent"], dict(aliased_tree(["c1"], declared=False), **{"parent/Chart.yaml": "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: child\n  version: 0.1.0\n  alias: c1\n- name: child\n  version: 0.1.0\n"})),
    # --- item 6
    case("v3-name-dot", "6", ["c"], chart(chart_yaml="apiVersion: v3\nname: .\nversion: 0.1.0\n")),
    case("v3-valid", "6", ["c"], chart(chart_yaml="apiVersion: v3\nname: c\nversion: 0.1.0\n")),
    case("v3-no-version", "6", ["c"], chart(chart_yaml="apiVersion: v3\nname: c\n")),
    case("v3-subchart", "6", ["c"], chart(chart_yaml="apiVersion: v3\nname: c\nversion: 0.1.0\n",
                                          extra={"charts/s/Chart.yaml": "apiVersion: v2\nname: s\nversion: 0.1.0\n"})),
    case("v3-subchart-declared", "6", ["c"], chart(chart_yaml="apiVersion: v3\nname: c\nversion: 0.1.0\ndependencies:\n- name: s\n  version: 0.1.0\n",
                                                   extra={"charts/s/Chart.yaml": "apiVersion: v2\nname: s\nversion: 0.1.0\n"})),
    case("v3-subchart-invalid", "6", ["c"], chart(chart_yaml="apiVersion: v3\nname: c\nversion: 0.1.0\n",
                                                  extra={"charts/s/Chart.yaml": "apiVersion: v2\nname: s\n"})),
    case("v3-bad-type", "6", ["c"], chart(chart_yaml="apiVersion: v3\nname: c\nversion: 0.1.0\ntype: foo\n")),
    case("v3-library", "6", ["c"], chart(chart_yaml="apiVersion: v3\nname: c\nversion: 0.1.0\ntype: library\n")),
    case("v3-name-dot-subchart", "6", ["c"], chart(chart_yaml="apiVersion: v3\nname: .\nversion: 0.1.0\n",
                                                   extra={"charts/s/Chart.yaml": "apiVersion: v2\nname: s\nversion: 0.1.0\n", "charts/s/templates/s.yaml": "kind: S\n"})),
    case("v3-lint", "6", ["c"], chart(chart_yaml="apiVersion: v3\nname: c\nversion: 0.1.0\n"), cmd="lint"),
    # --- item 7
    case("schema-enum-null", "7", ["c"], chart(values="a: null\n", extra={"values.schema.json": SCHEMA_ENUM})),
    case("schema-enum-null-set", "7", ["c", "--set", "a=null"], chart(values="a: x\n", extra={"values.schema.json": SCHEMA_ENUM})),
    case("schema-enum-null-lint", "7", ["c"], chart(values="a: null\n", extra={"values.schema.json": SCHEMA_ENUM}), cmd="lint"),
    case("schema-enum-only-null", "7", ["c"], chart(values="a: null\n", extra={"values.schema.json": '{"properties":{"a":{"enum":["x",1]}}}'})),
    case("schema-type-only-null", "7", ["c"], chart(values="a: null\n", extra={"values.schema.json": '{"properties":{"a":{"type":"integer"}}}'})),
    # (one failing property per case: Helm orders the lines of several as Go's map iteration does)
    case("schema-type-stops-keywords", "7", ["c"], chart(values="a: 5\n", extra={"values.schema.json": '{"type":"object","properties":{"a":{"type":"string","enum":["x","y"],"minLength":3}}}'})),
    case("schema-type-stops-keywords-2", "7", ["c"], chart(values="b: true\n", extra={"values.schema.json": '{"type":"object","properties":{"b":{"type":["string","integer"],"enum":["x"]}}}'})),
    case("schema-type-stops-keywords-3", "7", ["c"], chart(values="c: s\n", extra={"values.schema.json": '{"type":"object","properties":{"c":{"type":"integer","minimum":5}}}'})),
    case("schema-type-list-order", "7", ["c"], chart(values="a: 5\n", extra={"values.schema.json": '{"properties":{"a":{"type":["string","object","array","boolean","null"]}}}'})),
    case("schema-type-list-order-2", "7", ["c"], chart(values="b: 1.5\n", extra={"values.schema.json": '{"properties":{"b":{"type":["integer","null","string"]}}}'})),
    case("schema-enum-wrong-value", "7", ["c"], chart(values="a: z\n", extra={"values.schema.json": SCHEMA_ENUM})),
    case("schema-enum-null-subchart", "7", ["c"], chart(values="s:\n  a: null\n", extra={"charts/s/Chart.yaml": "apiVersion: v2\nname: s\nversion: 0.1.0\n", "charts/s/values.schema.json": SCHEMA_ENUM})),
    # a schema that is neither an object nor a boolean (gojsonschema's and jsonschema's compile errors)
] + [
    case(f"schema-top-{n}{'-lint' if cmd == 'lint' else ''}", "7", ["c"], chart(values="a: 1\n", extra={"values.schema.json": text}), cmd=cmd)
    for n, text in [("number", "1"), ("string", '"x"'), ("array", "[]"), ("null", "null"), ("true", "true"), ("false", " false ")]
    for cmd in ["template", "lint"]
] + [
    # a schema that is valid JSON but not a valid schema: Helm 4's metaschema check (jsonschema v6),
    # Helm 3's gojsonschema parse errors. One failing keyword per case: jsonschema v6 walks an
    # object's keys in Go's map order, so several failures print in a random order.
    case(f"schema-invalid-{n}{'-lint' if cmd == 'lint' else ''}", "7", ["c"], chart(values="a: 1\n", extra={"values.schema.json": text}), cmd=cmd)
    for n, text in INVALID_SCHEMAS
    for cmd in ["template", "lint"]
] + [
    case("schema-invalid-subchart", "7", ["c"], chart(values="a: 1\n", extra={"charts/s/Chart.yaml": "apiVersion: v2\nname: s\nversion: 0.1.0\n", "charts/s/values.schema.json": '{"properties":{"a":{"type":"strin"}}}'})),
    case("schema-valid-draft7", "7", ["c"], chart(values="a: 1\n", extra={"values.schema.json": '{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"a":{"type":"integer","minimum":0}}}'})),
    case("schema-valid-2019", "7", ["c"], chart(values="a: x\n", extra={"values.schema.json": '{"$schema":"https://json-schema.org/draft/2019-09/schema","properties":{"a":{"type":"integer"}}}'})),
    case("schema-draft4-exclusive-bool", "7", ["c"], chart(values="a: 1\n", extra={"values.schema.json": '{"$schema":"http://json-schema.org/draft-04/schema#","properties":{"a":{"minimum":1,"exclusiveMinimum":true}}}'})),
    case("schema-exclusive-max-bool", "7", ["c"], chart(values="a: 1\n", extra={"values.schema.json": '{"properties":{"a":{"maximum":1,"exclusiveMaximum":true}}}'})),
    case("schema-ref-other-file", "7", ["c"], chart(values="a: 1\n", extra={"values.schema.json": '{"properties":{"a":{"$ref":"other.json"}}}'})),
    case("schema-unknown-dialect", "7", ["c"], chart(values="a: 1\n", extra={"values.schema.json": '{"$schema":"http://127.0.0.1:1/s","type":"object"}'})),
] + [
    # --- lint: scalars in the k8s struct's string fields (sigs.k8s.io/yaml turns them into strings)
] + [
    case(f"lint-k8s-scalar-{i}", "lint", ["c"], chart(templates={"y.yaml": body}), cmd="lint")
    for i, body in enumerate(["kind: 5\n", "kind: Z\nmetadata:\n  name: true\n", "kind: Z\nmetadata:\n  name: 1.5e7\n",
                              "kind: [1]\n", "kind: Z\nmetadata:\n  name: yes\n", "kind: Y\nmetadata:\n  name: y\n  namespace: 12\n",
                              "kind: Z\nmetadata: [1]\n", "kind: Z\nmetadata:\n  name: [1]\n", "apiVersion: [1]\n", "[1]\n"])
] + [
    # --- lint: coalescing twice (jenkins: a warning printed twice), conditions (datadog)
    case("lint-coalesce-warning-twice", "lint", ["c", "-f", "user.yaml"], dict(chart(values="controller:\n  x:\n    a: 1\n"), **{"user.yaml": "controller:\n  x: 5\n"}), cmd="lint"),
    case("template-coalesce-warning", "lint", ["c", "-f", "user.yaml"], dict(chart(values="controller:\n  x:\n    a: 1\n"), **{"user.yaml": "controller:\n  x: 5\n"})),
    # The values rule coalesces values.yaml into the user's nested tables in place (Go shares
    # them): later rules and later charts of the run see the result. datadog's conditions
    # (apiVersion v1, requirements.yaml) over null defaults: Helm 3's second coalescing deletes
    # a null the user's table now holds, so no "non-bool" warning; Helm 4 keeps it (nil over nil).
    case("lint-condition-null-user-table", "lint", ["c", "-f", "user.yaml"], dict(DATADOG, **{"user.yaml": "datadog:\n  apiKey: k\n"}), cmd="lint"),
    case("lint-condition-null-no-user-table", "lint", ["c", "-f", "user.yaml"], dict(DATADOG, **{"user.yaml": "clusterAgent:\n  enabled: true\n"}), cmd="lint"),
    case("lint-condition-null-no-values", "lint", ["c"], DATADOG, cmd="lint"),
    case("template-condition-null-user-table", "lint", ["c", "-f", "user.yaml"], dict(DATADOG, **{"user.yaml": "datadog:\n  apiKey: k\n"})),
    case("lint-condition-null-user-table-set", "lint", ["c", "--set", "datadog.apiKey=k"], DATADOG, cmd="lint"),
    case("lint-nested-null-restored", "lint", ["c", "-f", "user.yaml"], dict(chart(values="a:\n  b: 1\n  c: 2\n", templates={"cm.yaml": CM, "f.yaml": '{{ if hasKey .Values.a "b" }}{{ fail (printf "b=%v" .Values.a.b) }}{{ end }}'}), **{"user.yaml": "a:\n  b: null\n"}), cmd="lint"),
    case("template-nested-null-deleted", "lint", ["c", "-f", "user.yaml"], dict(chart(values="a:\n  b: 1\n  c: 2\n", templates={"cm.yaml": CM, "f.yaml": '{{ if hasKey .Values.a "b" }}{{ fail (printf "b=%v" .Values.a.b) }}{{ end }}'}), **{"user.yaml": "a:\n  b: null\n"})),
    case("lint-two-charts-share-values", "lint", ["c1", "c2", "-f", "u.yaml"], {**SHARED_C1, **SHARED_C2, "u.yaml": "t:\n  u: 1\n"}, cmd="lint"),
    case("lint-with-subcharts-share-values", "lint", ["p", "--with-subcharts", "-f", "u.yaml"], {
        "p/Chart.yaml": "apiVersion: v2\nname: p\nversion: 0.1.0\n", "p/values.yaml": "t:\n  k: from-p\n", "p/templates/cm.yaml": CM,
        "p/charts/s/Chart.yaml": "apiVersion: v2\nname: s\nversion: 0.1.0\n", "p/charts/s/values.yaml": "t:\n  z: 1\n",
        "p/charts/s/templates/f.yaml": SHARED_T, "u.yaml": "t:\n  u: 1\n"}, cmd="lint"),
    # --- CLI: a chart path that is a file
    case("template-yaml-file", "cli-file", ["values.yaml"], {"values.yaml": "a: 1\n"}),
    case("template-text-file", "cli-file", ["notes.txt"], {"notes.txt": "hello\n"}),
    case("lint-yaml-file", "cli-file", ["values.yaml"], {"values.yaml": "a: 1\n"}, cmd="lint"),
    # --- CLI: --set-json and --set parsing
    case("set-json-object", "cli-set", ["c", "--set-json", '{"a":{"b":1},"c":[1,2]}'], chart(templates={"v.yaml": "v: {{ toJson .Values }}\n"})),
    case("set-json-object-and-pairs", "cli-set", ["c", "--set-json", '{"a":{"b":1}}', "--set-json", "x=[1]"], chart(templates={"v.yaml": "v: {{ toJson .Values }}\n"})),
    case("set-json-object-bad", "cli-set", ["c", "--set-json", '{"a":'], chart(templates={"v.yaml": "v: {{ toJson .Values }}\n"})),
    case("set-json-array", "cli-set", ["c", "--set-json", '[1,2]'], chart(templates={"v.yaml": "v: {{ toJson .Values }}\n"})),
] + [
    case(f"set-{i}", "cli-set", ["c", "--set", s], chart(templates={"v.yaml": "v: {{ toJson .Values }}\n"}))
    for i, s in enumerate([
        "a[=1", "a[1=x", "a[]=1", "a]=1", "a[-1]=1", "a[0", "a.=1", ".a=1", "a[0]b=1", "a[0].=1", "a==1",
        "a=1,", ",a=1", "a[0][1]=x", "=1", "a", "a[x]=1", "a[ 1]=1", "a[1]]=2", "a.b[0]=1,a.b[2]=3", "a[0]=1,a.b=2",
        "a[0].b=1,a[0]=2", "a[65537]=1", "a\\.b=1", "a=b\\,c", "a={1,2}", "a[0]", "a[0]=", "a.b.c", "a,b=1",
        "x=1,a[", "a[0][1", "a.b[", "a[0].b[1", "a[0]b", "x=1,a[2", "a[0][x]=1", "a[0][=1",
    ])
] + [
    case(f"set-{flag}-{i}", "cli-set", ["c", f"--{flag}", s], chart(templates={"v.yaml": "v: {{ toJson .Values }}\n"}))
    for flag, items in [
        ("set-string", ["a[=1", "x=1,a[0", "a[0]"]),
        ("set-json", ["a[=1", "a[0", "a={\"b\":1}", " {\"a\":null}", "{\"a\":1} x", "{}", "{\"a\":1,\"a\":2}", "{\"a\":1e400}"]),
        ("set-literal", ["a[=1", "a[0"]),
    ]
    for i, s in enumerate(items)
] + [
    # --- CLI: lint with no chart
    case("lint-no-args-empty-dir", "cli-lint", [], {"x/readme": "x\n"}, cmd="lint"),
    case("lint-no-args-chart-dir", "cli-lint", [], chart(), cmd="lint", cwd="c"),
    # --- CLI: flags accepted (no-ops offline)
    case("noop-force-conflicts", "cli-noop", ["c", "--force-conflicts"], chart()),
    case("noop-server-side", "cli-noop", ["c", "--server-side"], chart()),
    case("noop-server-side-false", "cli-noop", ["c", "--server-side=false"], chart()),
    case("noop-force-replace", "cli-noop", ["c", "--force-replace"], chart()),
    case("noop-labels", "cli-noop", ["c", "-l", "a=b,c=d"], chart()),
    case("noop-labels-long", "cli-noop", ["c", "--labels=a=b"], chart()),
    case("noop-labels-bad", "cli-noop", ["c", "--labels", "ab"], chart()),
    case("noop-timeout", "cli-noop", ["c", "--timeout", "10m"], chart()),
    case("noop-timeout-bad", "cli-noop", ["c", "--timeout", "ten"], chart()),
    case("noop-wait", "cli-noop", ["c", "--wait"], chart()),
    case("noop-wait-legacy", "cli-noop", ["c", "--wait=legacy"], chart()),
    case("noop-wait-bad", "cli-noop", ["c", "--wait=bogus"], chart()),
    case("noop-dry-run-server", "cli-noop", ["c", "--dry-run=server"], chart()),
    case("noop-dry-run-bad", "cli-noop", ["c", "--dry-run=bogus"], chart()),
    case("noop-description", "cli-noop", ["c", "--description", "x", "--hide-notes", "--take-ownership", "--rollback-on-failure", "--atomic"], chart()),
    case("noop-burst-qps", "cli-noop", ["c", "--burst-limit", "5", "--qps", "2.5"], chart()),
    case("noop-burst-bad", "cli-noop", ["c", "--burst-limit", "x"], chart()),
    case("noop-post-renderer-args", "cli-noop", ["c", "--post-renderer-args", "x"], chart()),
    case("noop-create-namespace", "cli-noop", ["c", "--create-namespace", "--replace", "--devel", "--skip-crds", "--wait-for-jobs"], chart()),
    case("noop-force", "cli-noop", ["c", "--force"], chart()),
    case("noop-wait-true", "cli-noop", ["c", "--wait=true"], chart()),
    case("noop-wait-false", "cli-noop", ["c", "--wait=false"], chart()),
    case("noop-wait-hookonly", "cli-noop", ["c", "--wait", "--wait=hookOnly"], chart()),
    case("noop-dry-run", "cli-noop", ["c", "--dry-run"], chart()),
    case("noop-dry-run-client", "cli-noop", ["c", "--dry-run=client"], chart()),
    case("noop-dry-run-true", "cli-noop", ["c", "--dry-run=true"], chart()),
    case("noop-dry-run-none", "cli-noop", ["c", "--dry-run=none"], chart()),
    case("noop-dry-run-false", "cli-noop", ["c", "--dry-run=false"], chart()),
    case("noop-dry-run-no-chart", "cli-noop", ["--dry-run=bogus"], chart()),
    case("noop-timeout-nounit", "cli-noop", ["c", "--timeout=5"], chart()),
    case("noop-timeout-unit", "cli-noop", ["c", "--timeout=5x"], chart()),
    case("noop-timeout-ok", "cli-noop", ["c", "--timeout=1h2m3.5s", "--timeout=-1.5ms", "--timeout=0"], chart()),
    case("noop-qps-bad", "cli-noop", ["c", "--qps=x"], chart()),
    case("noop-qps-range", "cli-noop", ["c", "--qps=1e39"], chart()),
    case("noop-burst-hex", "cli-noop", ["c", "--burst-limit=0x10"], chart()),
    case("noop-empty-post-renderer-repo", "cli-noop", ["c", "--post-renderer=", "--repo="], chart()),
    case("noop-version-constraint", "cli-noop", ["c", "--version", "1.0.0", "--devel"], chart()),
    case("noop-color", "cli-noop", ["c", "--color", "never", "--colour"], chart()),
    case("flag-generate-name-bad", "cli-noop", ["c", "--generate-name=x"], chart()),
    case("flag-unknown", "cli-noop", ["c", "--skip-refresh"], chart()),
    case("flag-validate", "cli-noop", ["c", "--validate"], chart()),
    case("noop-kube-as-group", "cli-noop", ["c", "--kube-as-group", "g1", "--kube-as-group", "g2"], chart()),
    # --- CLI: -f and --set-file paths go through url.Parse; a scheme with a getter is downloaded
    # (refused by Chartwright: the test's OWN table), other schemes are local files.
    case("url-set-file-http", "cli-url", ["c", "--set-file", "a=http://127.0.0.1:1/a.txt"], chart()),
    case("url-values-http", "cli-url", ["c", "-f", "http://127.0.0.1:1/v.yaml"], chart()),
    case("url-values-oci", "cli-url", ["c", "-f", "oci://127.0.0.1:1/v"], chart()),
    case("url-lint-values-http", "cli-url", ["c", "-f", "http://127.0.0.1:1/v.yaml"], chart(), cmd="lint"),
    case("url-lint-set-file-http", "cli-url", ["c", "--set-file", "a=http://127.0.0.1:1/a.txt"], chart(), cmd="lint"),
] + [
    case(f"url-{flag}-{i}", "cli-url", ["c", f"--{flag}", f"a={p}" if flag == "set-file" else p], dict(chart(), **({"x#ok": "a: 1\n", "file:": "a: 2\n"})))
    for flag in ["set-file", "values"]
    for i, p in enumerate(["%zz", ":x", "1http://x", "//a:b/x", "x#%zz", "x#ok", "a\x01b", "file:///x", "ftp://x/y", "//[::1/x", "//a b/x",
                           "//u^@h/x", "x?%zz", "x%", "a%2", "-:x", "c:x", "file:", "c", "c/Chart.yaml/x"])
] + [
    # --- CLI: --debug's log lines on stderr (Helm 3's carry the time: stored as <time>)
    case("debug-template", "cli-debug", ["c", "--debug"], chart()),
    case("debug-template-tree", "cli-debug", ["p", "--debug"], DEBUG_TREE),
    case("debug-template-version", "cli-debug", ["c", "--debug", "--version", "1.2.3"], chart()),
    case("debug-template-devel", "cli-debug", ["c", "--debug", "--devel"], chart()),
    case("debug-template-devel-version", "cli-debug", ["c", "--debug", "--devel", "--version=>1"], chart()),
    case("debug-template-dry-run", "cli-debug", ["c", "--debug", "--dry-run"], chart()),
    case("debug-template-fail", "cli-debug", ["c", "--debug"], chart(templates={"f.yaml": '{{ fail "boom" }}'})),
    case("debug-template-show-only-missing", "cli-debug", ["c", "--debug", "-s", "templates/nope.yaml"], chart()),
    case("debug-template-values-missing", "cli-debug", ["c", "--debug", "-f", "nope.yaml"], chart()),
    case("debug-template-no-chart", "cli-debug", ["nope", "--debug"], chart()),
    case("debug-template-two-names", "cli-debug", ["a", "b", "c", "--debug"], chart()),
    case("template-no-chart-dir-slash", "cli-debug", ["nope/"], chart()),
    case("template-no-chart-bad-url", "cli-debug", ["%zz"], chart()),
    case("template-no-chart-space", "cli-debug", ["no pe"], chart()),
    case("template-no-chart-colon", "cli-debug", ["c:x"], chart()),
    case("debug-template-path-space", "cli-debug", ["my chart/", "--debug"], chart(root="my chart")),
    case("debug-template-dot-path", "cli-debug", ["./c/", "--debug", "--generate-name"], chart()),
    case("debug-template-conditions", "cli-debug", ["c", "--debug"], DATADOG),
    case("debug-template-schema-fail", "cli-debug", ["c", "--debug"], chart(values="a: 1\n", extra={"values.schema.json": '{"properties":{"a":{"type":"string"}}}'})),
    case("debug-template-schema-tree", "cli-debug", ["c", "--debug"], DEBUG_SCHEMA),
    case("debug-template-skip-schema", "cli-debug", ["c", "--debug", "--skip-schema-validation"], DEBUG_SCHEMA),
    case("debug-template-schema-bad-json", "cli-debug", ["c", "--debug"], chart(values="a: 1\n", extra={"values.schema.json": '{"properties": '})),
    case("debug-lint-schema-tree", "cli-debug", ["c", "--debug"], DEBUG_SCHEMA, cmd="lint"),
    case("debug-lint-skip-schema", "cli-debug", ["c", "--debug", "--skip-schema-validation"], DEBUG_SCHEMA, cmd="lint"),
    case("debug-template-bad-yaml", "cli-debug", ["c", "--debug"], chart(templates={"cm.yaml": CM, "b.yaml": "a: [\n"})),
    case("debug-template-kube-version-bad", "cli-debug", ["c", "--debug", "--kube-version", "x"], chart()),
    case("debug-template-missing-dep", "cli-debug", ["c", "--debug"], chart(chart_yaml=CHART + "dependencies:\n- name: s\n  version: 0.1.0\n")),
    case("debug-template-devel-missing-chart", "cli-debug", ["./nope", "--debug", "--devel"], chart()),
    case("debug-template-no-args", "cli-debug", ["--debug"], chart()),
    case("debug-lint", "cli-debug", ["c", "--debug"], chart(), cmd="lint"),
    case("debug-lint-missing-values", "cli-debug", ["c", "--debug", "-f", "nope.yaml"], chart(), cmd="lint"),
    case("debug-lint-tree", "cli-debug", ["p", "--debug", "--with-subcharts"], DEBUG_TREE, cmd="lint"),
    case("debug-lint-fail", "cli-debug", ["c", "--debug"], chart(templates={"f.yaml": '{{ fail "boom" }}'}), cmd="lint"),
    case("debug-lint-conditions", "cli-debug", ["c", "--debug"], DATADOG, cmd="lint"),
] + [
    # Helm 3 reads its root flags (--debug among them) from the whole command line before cobra
    # parses it (unknown flags skipped, stopping at the first bad root flag value or --help):
    # whether a flag-parse error is followed by its debug line depends on where --debug stands.
    case(f"debug-flag-error-{i}{'-lint' if cmd == 'lint' else ''}", "cli-debug", args, chart(), cmd=cmd)
    for i, args in enumerate([
        ["c", "--bogus", "--debug"], ["--debug", "c", "--bogus"], ["c", "--debug", "--timeout", "x"], ["c", "--timeout", "x", "--debug"],
        ["--kube-context", "--debug", "c", "--bogus"], ["c", "--burst-limit=x", "--debug"], ["c", "--debug", "--burst-limit=x"],
        ["c", "--bogus", "--", "--debug"], ["c", "--debug=false", "--bogus", "--debug"], ["c", "--debug", "--bogus", "--debug=false"],
        ["c", "--help", "--bogus", "--debug"], ["c", "-h", "--bogus", "--debug"], ["c", "-s", "--debug", "--bogus"], ["c", "--bogus", "x", "--debug"],
        ["c", "-v", "x", "--debug", "--bogus"], ["c", "--debug", "-v", "x"], ["c", "--debug=x"], ["c", "--debug", "--qps=x"], ["c", "--qps=x", "--debug"],
        ["c", "-n", "--debug", "--bogus"], ["c", "-zq", "--debug", "--bogus"], ["c", "--kube-insecure-skip-tls-verify=maybe", "--debug"],
        ["c", "--debug", "--kube-insecure-skip-tls-verify=maybe"], ["c", "--debug", "--set"], ["c", "--set", "--debug"], ["c", "--debug", "--kubeconfig"],
    ])
    for cmd in ["template", "lint"]
] + [
]


# Go's time.Now().String() in Helm 3's --debug lines (with the monotonic reading).
TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? [+-]\d{4} \S+ m=[+-]\d+\.\d+")


def run_case(c):
    base = tempfile.mkdtemp(prefix="cwfid-")
    home = tempfile.mkdtemp(prefix="cwfid-home-")
    d = os.path.join(base, c["name"])
    os.makedirs(d)
    for p, content in c["files"].items():
        full = os.path.join(d, p)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(content)
    for p, target in c["links"].items():
        full = os.path.join(d, p)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        os.symlink(target, full)
    env = {"PATH": os.environ["PATH"], "HOME": home, "TZ": "UTC"}
    out = dict(c)
    for key, binary in HELM.items():
        p = subprocess.run([binary, c["cmd"], *c["args"]], cwd=os.path.join(d, c["cwd"]), env=env, capture_output=True, timeout=120)
        norm = lambda b: TIME.sub("<time>", b.decode("utf-8", "surrogateescape").replace(d, "<dir>").replace(home, "<home>"))
        out[key] = {"stdout": norm(p.stdout), "stderr": norm(p.stderr), "exit": p.returncode}
    shutil.rmtree(base)
    shutil.rmtree(home)
    return out


def main():
    # FIDELITY_ONLY=substring re-records only the matching cases and keeps the others as recorded.
    only = os.environ.get("FIDELITY_ONLY")
    path = os.path.join(HERE, "fidelity.recorded.json")
    kept = {}
    if only:
        with open(path) as f:
            kept = {c["name"]: c for c in json.load(f)["cases"]}
    todo = [c for c in CASES if not only or only in c["name"] or c["name"] not in kept]
    with cf.ThreadPoolExecutor(max_workers=2) as ex:
        done = {c["name"]: c for c in ex.map(run_case, todo)}
    cases = [done.get(c["name"]) or kept[c["name"]] for c in CASES]
    versions = {k: subprocess.run([v, "version", "--short"], capture_output=True, text=True).stdout.strip() for k, v in HELM.items()}
    doc = {"comment": f"Recorded by test/cli/fidelity-record.py from helm {versions['helm4']} and {versions['helm3']}; do not edit.", "cases": cases}
    with open(path, "w") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
