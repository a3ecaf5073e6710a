#!/usr/bin/env python3
"""Records what the real `helm lint` prints for the lint table tests.

Usage: python3 test/lint/record.py   (writes test/lint/recorded.json)
Needs helm4 (v4.1.4) and helm3 (v3.17.3) on PATH, or HELM4=/HELM3=.

Each case is a small chart (files relative to the case directory, the chart usually under
`mychart/`) and the `helm lint` arguments. The case is written to /tmp/cwlint/<name>/ and
helm runs with that directory as its working directory and an empty HOME, so the absolute
paths Helm prints (e.g. the dependencies rule's chart directory) are stable. The test mounts
the same files in a memoryFS whose display root is /tmp/cwlint/<name>.

Corpus cases (`corpus`: chart name under ../shared/corpus/charts) are recorded with the
chart's absolute path; they are skipped by the recorder and the test when the corpus is absent.
"""
import json, os, shutil, subprocess, concurrent.futures as cf

HERE = os.path.dirname(os.path.abspath(__file__))
HELM4 = os.environ.get("HELM4", "helm4")
HELM3 = os.environ.get("HELM3", "helm3")
ROOT = "/tmp/cwlint"
CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "corpus", "charts")

CHART = "apiVersion: v2\nname: mychart\nversion: 0.1.0\nicon: https://example.com/icon.png\n"
CHART_NOICON = "apiVersion: v2\nname: mychart\nversion: 0.1.0\n"
CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  a: {{ .Values.a | quote }}\n"
VALUES = "a: hello\n"


def chart(extra=None, chart_yaml=CHART, values=VALUES, cm=CM):
    files = {"mychart/Chart.yaml": chart_yaml}
    if values is not None:
        files["mychart/values.yaml"] = values
    if cm is not None:
        files["mychart/templates/cm.yaml"] = cm
    for k, v in (extra or {}).items():
        if v is None:
            files.pop("mychart/" + k, None)
        else:
            files["mychart/" + k] = v
    return files


SCHEMA = '{"type":"object","properties":{"a":{"type":"string"},"n":{"type":"integer"}},"required":["a"]}'
SUB_CHART = "apiVersion: v2\nname: sub\nversion: 0.2.0\n"
DEPLOY_NOSEL = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      labels: {a: b}\n"

CASES = [
    ("clean", chart(), ["mychart"]),
    ("clean-quiet", chart(), ["mychart", "--quiet"]),
    ("clean-strict", chart(), ["mychart", "--strict"]),
    ("missing-icon", chart(chart_yaml=CHART_NOICON), ["mychart"]),
    ("missing-icon-quiet", chart(chart_yaml=CHART_NOICON), ["mychart", "--quiet"]),
    ("bad-version", chart(chart_yaml="apiVersion: v2\nname: mychart\nversion: abc\n"), ["mychart"]),
    ("float-version", chart(chart_yaml="apiVersion: v2\nname: mychart\nversion: 1.0\nappVersion: 2.10\n"), ["mychart"]),
    ("v-version", chart(chart_yaml="apiVersion: v2\nname: mychart\nversion: v1.2.3\nicon: https://x.io/i.png\n"), ["mychart"]),
    ("v-version-strict", chart(chart_yaml="apiVersion: v2\nname: mychart\nversion: v1.2.3\nicon: https://x.io/i.png\n"), ["mychart", "--strict"]),
    ("no-version", chart(chart_yaml="apiVersion: v2\nname: mychart\n"), ["mychart"]),
    ("no-name", chart(chart_yaml="apiVersion: v2\nversion: 0.1.0\n"), ["mychart"]),
    ("no-apiversion", chart(chart_yaml="name: mychart\nversion: 0.1.0\n"), ["mychart"]),
    ("bad-apiversion", chart(chart_yaml="apiVersion: v3\nname: mychart\nversion: 0.1.0\n"), ["mychart"]),
    ("chart-yaml-invalid", chart(chart_yaml="apiVersion: v2\nname: [mychart\n"), ["mychart"]),
    ("chart-unknown-field", chart(chart_yaml=CHART + "engine: gotpl\n"), ["mychart"]),
    ("chart-metadata-errors", chart(chart_yaml=CHART_NOICON + "icon: notaurl\nsources: ['', 'http://ok.example.com']\nmaintainers:\n  - name: a\n    email: bad\n  - name: b\n"), ["mychart"]),
    ("maintainer-noname", chart(chart_yaml=CHART + "maintainers:\n  - email: a@b.com\n"), ["mychart"]),
    ("maintainer-badurl", chart(chart_yaml=CHART + "maintainers:\n  - name: x\n    url: 'not a url'\n"), ["mychart"]),
    ("bad-type", chart(chart_yaml=CHART + "type: weird\n"), ["mychart"]),
    ("name-mismatch", chart(chart_yaml="apiVersion: v2\nname: other\nversion: 0.1.0\nicon: https://x.io/i.png\n"), ["mychart"]),
    ("bad-values-yaml", chart(values="a: [1\n"), ["mychart"]),
    ("no-values", chart(values=None, cm="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"), ["mychart"]),
    ("values-not-map", chart(values="- 1\n- 2\n"), ["mychart"]),
    ("parse-error", chart(cm="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.a }\n"), ["mychart"]),
    ("parse-error-unclosed", chart(cm="{{ if .Values.a }}\nkind: ConfigMap\n"), ["mychart"]),
    ("exec-error", chart(cm="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  b: {{ .Values.b.c }}\n"), ["mychart"]),
    ("exec-error-include", chart(extra={"templates/_h.tpl": '{{ define "h" }}{{ .x.y }}{{ end }}'},
                                 cm="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  b: {{ include \"h\" . }}\n"), ["mychart"]),
    ("exec-error-call", chart(cm="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  b: {{ index .Values.a 5 }}\n"), ["mychart"]),
    ("required-missing", chart(cm="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  b: {{ required \"b is required\" .Values.b | quote }}\n  c: {{ required \"c is empty\" .Values.c | quote }}\n", values="a: x\nc: ''\n"), ["mychart"]),
    ("required-set", chart(cm="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  b: {{ required \"b is required\" .Values.b | quote }}\n"), ["mychart", "--set", "b=1"]),
    ("fail-call", chart(cm="{{ fail \"unsupported\" }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"), ["mychart"]),
    ("missing-value-strict", chart(cm="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  b: {{ .Values.nope | quote }}\n"), ["mychart", "--strict"]),
    ("invalid-yaml", chart(cm="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: [b\n"), ["mychart"]),
    ("invalid-yaml-second-doc", chart(cm="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\nkind: ConfigMap\n  bad: indent\n"), ["mychart"]),
    ("yaml-tab", chart(cm="apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n"), ["mychart"]),
    ("top-indent", chart(cm="  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: x\n"), ["mychart"]),
    ("schema-violation", chart(extra={"values.schema.json": SCHEMA}, values="a: 1\nn: x\n"), ["mychart"]),
    ("schema-ok", chart(extra={"values.schema.json": SCHEMA}), ["mychart"]),
    ("schema-violation-set", chart(extra={"values.schema.json": SCHEMA}), ["mychart", "--set", "n=abc"]),
    ("schema-skip", chart(extra={"values.schema.json": SCHEMA}, values="a: 1\n"), ["mychart", "--skip-schema-validation"]),
    ("values-file", dict(chart(), **{"extra.yaml": "a: from-file\nb: 2\n"}), ["mychart", "-f", "extra.yaml"]),
    ("values-file-missing", chart(), ["mychart", "-f", "nope.yaml"]),
    ("bad-name-service", chart(cm="apiVersion: v1\nkind: Service\nmetadata:\n  name: My.Service\nspec:\n  ports: [{port: 80}]\n"), ["mychart"]),
    ("bad-name-cm", chart(cm="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n"), ["mychart"]),
    ("bad-name-strict", chart(cm="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n"), ["mychart", "--strict"]),
    ("bad-name-role", chart(cm="apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: a/b\n"), ["mychart"]),
    ("bad-name-ns", chart(cm="apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns.x\n"), ["mychart"]),
    ("empty-name", chart(cm="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ''\n"), ["mychart"]),
    ("deployment-no-selector", chart(cm=DEPLOY_NOSEL), ["mychart"]),
    ("list-resource-policy", chart(cm="apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: x\n      annotations:\n        helm.sh/resource-policy: keep\n"), ["mychart"]),
    ("deprecated-psp", chart(cm="apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: p\n"), ["mychart"]),
    ("deprecated-psp-old-kube", chart(cm="apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: p\n"), ["mychart", "--kube-version", "1.20.0"]),
    ("deprecated-ingress", chart(cm="apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: p\n"), ["mychart"]),
    ("deprecated-cronjob", chart(cm="apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: p\n"), ["mychart"]),
    ("deprecated-hpa", chart(cm="apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: p\n"), ["mychart", "--kube-version", "1.24.0"]),
    ("deprecated-flowschema", chart(cm="apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: p\n"), ["mychart"]),
    ("bad-kube-version", chart(), ["mychart", "--kube-version", "abc"]),
    ("custom-kind", chart(cm="apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n"), ["mychart"]),
    ("bad-extension", chart(extra={"templates/data.json": "{}"}), ["mychart"]),
    ("notes-txt", chart(extra={"templates/NOTES.txt": "{{ .Values.a }}\n"}), ["mychart"]),
    ("no-templates", chart(cm=None), ["mychart"]),
    ("templates-is-file", chart(cm=None, extra={"templates": "x"}), ["mychart"]),
    ("empty-template", chart(cm="{{- if false }}\nx: 1\n{{- end }}\n"), ["mychart"]),
    ("not-a-chart", {"mychart/values.yaml": "a: 1\n"}, ["mychart"]),
    ("missing-path", {}, ["nope"]),
    ("two-charts", dict(chart(), **{"other/Chart.yaml": "apiVersion: v2\nname: other\nversion: 0.1.0\n"}), ["mychart", "other"]),
    ("library", chart(chart_yaml=CHART + "type: library\n", cm=None, extra={"templates/_h.tpl": '{{ define "x" }}a{{ end }}'}), ["mychart"]),
    ("v1-chart", chart(chart_yaml="apiVersion: v1\nname: mychart\nversion: 0.1.0\n"), ["mychart"]),
    ("v1-requirements", chart(chart_yaml="apiVersion: v1\nname: mychart\nversion: 0.1.0\n",
                              extra={"requirements.yaml": "dependencies:\n  - name: sub\n    version: 0.2.0\n",
                                     "charts/sub/Chart.yaml": "apiVersion: v1\nname: sub\nversion: 0.2.0\n"}), ["mychart"]),
    ("v1-dependencies", chart(chart_yaml="apiVersion: v1\nname: mychart\nversion: 0.1.0\ndependencies:\n  - name: sub\n    version: 0.2.0\n",
                              extra={"charts/sub/Chart.yaml": "apiVersion: v1\nname: sub\nversion: 0.2.0\n"}), ["mychart"]),
    ("v1-type", chart(chart_yaml="apiVersion: v1\nname: mychart\nversion: 0.1.0\ntype: application\n"), ["mychart"]),
    ("dep-missing", chart(chart_yaml=CHART + "dependencies:\n  - name: sub\n    version: 0.2.0\n    repository: https://example.com\n"), ["mychart"]),
    ("dep-not-in-metadata", chart(extra={"charts/sub/Chart.yaml": SUB_CHART}), ["mychart"]),
    ("subchart", chart(chart_yaml=CHART + "dependencies:\n  - name: sub\n    version: 0.2.0\n",
                       extra={"charts/sub/Chart.yaml": SUB_CHART,
                              "charts/sub/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sub\ndata:\n  v: {{ .Values.v | quote }}\n",
                              "charts/sub/values.yaml": "v: 1\n"}), ["mychart"]),
    ("subchart-with-subcharts", chart(chart_yaml=CHART + "dependencies:\n  - name: sub\n    version: 0.2.0\n",
                                      extra={"charts/sub/Chart.yaml": SUB_CHART,
                                             "charts/sub/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Sub_Bad\ndata:\n  v: {{ .Values.v.w }}\n"}),
     ["mychart", "--with-subcharts"]),
    ("subchart-error", chart(chart_yaml=CHART + "dependencies:\n  - name: sub\n    version: 0.2.0\n",
                             extra={"charts/sub/Chart.yaml": SUB_CHART,
                                    "charts/sub/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  v: {{ .Values.v.w }}\n"}), ["mychart"]),
    ("subchart-disabled", chart(chart_yaml=CHART + "dependencies:\n  - name: sub\n    version: 0.2.0\n    condition: sub.enabled\n",
                                values="a: x\nsub:\n  enabled: false\n",
                                extra={"charts/sub/Chart.yaml": SUB_CHART,
                                       "charts/sub/templates/cm.yaml": "{{ .Values.v.w }}\n"}), ["mychart"]),
    ("crd-ok", chart(extra={"crds/crd.yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n"}), ["mychart"]),
    ("crd-bad", chart(extra={"crds/crd.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"}), ["mychart"]),
    ("crd-invalid-yaml", chart(extra={"crds/crd.yaml": "apiVersion: [v1\n"}), ["mychart"]),
    ("crd-template", chart(extra={"crds/crd.yaml": "{{ .Values.a }}\n"}), ["mychart"]),
    ("coalesce-warning", chart(values="a: x\nm:\n  k: 1\n"), ["mychart", "--set", "m=3"]),
    ("set-parse-error", chart(), ["mychart", "--set", "a"]),
    ("unknown-flag", chart(), ["mychart", "--nope"]),
    ("namespace", chart(cm="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: {{ .Release.Namespace }}\ndata:\n  r: {{ .Release.Name }}\n"), ["mychart", "-n", "other"]),
    ("multi-errors", chart(chart_yaml="apiVersion: v2\nname: mychart\nversion: 1.0.0\n",
                           extra={"templates/svc.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: A\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: b_c\n"}), ["mychart"]),
]


def corpus_cases():
    names = ["cert-manager", "helmtest-subchart", "helmtest-issue-9027", "loki-stack", "istio-ambient", "bitnami-redis", "helmtest-import-from-aliased"]
    return [("corpus-" + n, None, [os.path.join(CORPUS, n)], n) for n in names]


def run(helm, cwd, args):
    home = os.path.join(ROOT, "_home")
    os.makedirs(home, exist_ok=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": home, "TZ": "UTC", "LANG": "C.UTF-8", "KUBECONFIG": os.path.join(home, "nokube")}
    p = subprocess.run([helm, "lint", *args], capture_output=True, env=env, text=True, cwd=cwd)
    return {"stdout": p.stdout, "stderr": p.stderr, "exit": p.returncode}


def record(case):
    name, files, args = case[0], case[1], case[2]
    d = os.path.join(ROOT, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for rel, text in (files or {}).items():
        full = os.path.join(d, rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)
    out = {"name": name, "args": args}
    if files is not None:
        out["files"] = files
    else:
        out["corpus"] = case[3]
    out["helm4"] = run(HELM4, d, args)
    out["helm3"] = run(HELM3, d, args)
    return out


def main():
    cases = list(CASES)
    if os.path.isdir(CORPUS):
        cases += corpus_cases()
    with cf.ThreadPoolExecutor(8) as ex:
        results = list(ex.map(record, cases))
    doc = {
        "comment": "Generated by test/lint/record.py: expectations recorded from helm v4.1.4 and v3.17.3. Do not edit.",
        "cases": results,
    }
    # Corpus charts are linted by absolute path, which helm prints: store it as the placeholder
    # <corpus> (lint.test.ts puts the test machine's ../shared/corpus/charts back in).
    text = json.dumps(doc, indent=1, ensure_ascii=False).replace(os.path.realpath(CORPUS), "<corpus>")
    with open(os.path.join(HERE, "recorded.json"), "w") as f:
        f.write(text)
        f.write("\n")
    print("recorded %d cases" % len(results))


if __name__ == "__main__":
    main()
