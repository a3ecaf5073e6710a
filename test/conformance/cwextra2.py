"""Second batch of Chartwright's own conformance cases (recorded with harness.py)."""

SUB = "apiVersion: v2\nname: sub\nversion: 0.1.0\n"


def cases():
    c = []
    add = lambda **kw: c.append(kw)
    long_words = " ".join("wörd%d" % i for i in range(25))
    add(id="cw2-toyaml-fold-nested", area="cw/toYaml", values='a:\n  b:\n    - desc: "%s"\n      k: "%s"\n' % (long_words, "x" * 100),
        template='v: {{- toYaml .Values | nindent 2 }}\nw: {{- toYaml .Values.a.b | nindent 6 }}\n')
    add(id="cw2-toyaml-empty-collections", area="cw/toYaml", values="m: {}\nl: []\nn: null\nlm: [{}, [], null, '']\n",
        template='v: {{- toYaml .Values | nindent 2 }}\ne: {{ toYaml dict }}|{{ toYaml list }}|{{ toYaml "" }}|{{ toYaml nil }}\n')
    add(id="cw2-toyaml-special-keys", area="cw/toYaml", values='"a:b": 1\n"-x": 2\n"✓": 3\n"1": 4\n"true": 5\n"": 6\n"with space": 7\n"#h": 8\n',
        template='v: {{- toYaml .Values | nindent 2 }}\n')
    add(id="cw2-yaml-anchors-merge", area="cw/values", values="base: &b\n  x: 1\n  y: 2\nderived:\n  <<: *b\n  y: 3\nlist: &l [1, 2]\nother: *l\n",
        template='v: {{ toJson .Values }}\n')
    add(id="cw2-nindent-empty-include", area="cw/include", values="",
        files={"templates/_h.tpl": '{{- define "empty" -}}{{- end -}}{{- define "two" -}}a: 1\nb: 2{{- end -}}'},
        template='x: {{- include "empty" . | nindent 2 }}\ny: {{- include "two" . | nindent 2 }}\nz: {{ include "two" . | indent 0 }}\n')
    add(id="cw2-default-falsy", area="cw/sprig", values="f: false\nz: 0\ne: \"\"\nm: {}\nl: []\n",
        template='a: {{ default "d" .Values.f }} {{ default "d" .Values.z }} {{ default "d" .Values.e }} {{ default "d" .Values.m }} {{ default "d" .Values.l }} {{ default "d" .Values.missing }}\nb: {{ coalesce .Values.e .Values.z "c" }}\nc: {{ ternary "y" "n" (empty .Values.m) }}\n')
    add(id="cw2-dig-pluck-haskey", area="cw/sprig", values="a:\n  b:\n    c: deep\nlist: [{k: 1}, {k: 2}, {j: 3}]\n",
        template='a: {{ dig "a" "b" "c" "none" .Values }}\nb: {{ dig "a" "x" "c" "none" .Values }}\nc: {{ pluck "k" (index .Values.list 0) (index .Values.list 1) | toJson }}\nd: {{ hasKey .Values.a "b" }}\n')
    add(id="cw2-float-printing", area="cw/values", values="a: 1000000\nb: 1.5e6\nc: 0.0001\nd: 123456789\ne: 1.0\nf: 3\n",
        template='a: {{ .Values.a }} {{ .Values.b }} {{ .Values.c }} {{ .Values.d }} {{ .Values.e }}\nb: {{ .Values.a | int }} {{ .Values.d | int64 }} {{ quote .Values.e }} {{ .Values.f | toString }}\nc: {{ add .Values.f 1 }} {{ div .Values.d 10 }} {{ mul .Values.b 2 }}\nd: {{ printf "%d" (.Values.f | int) }} {{ printf "%v-%s" .Values.a (toString .Values.c) }}\n')
    add(id="cw2-release-flags", area="cw/release", values="", release="rel", args=["--namespace", "prod", "--is-upgrade"],
        template='a: {{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.IsInstall }} {{ .Release.IsUpgrade }} {{ .Release.Revision }} {{ .Release.Service }}\n')
    add(id="cw2-values-files-precedence", area="cw/values", values="a: 1\nb: 1\nc: 1\nl: [1]\nm:\n  x: 1\n",
        files={"../v1.yaml": "b: 2\nc: 2\nm:\n  y: 2\n", "../v2.yaml": "c: 3\nl: [3, 3]\n"},
        args=["-f", "v1.yaml", "-f", "v2.yaml", "--set", "m.z=4"],
        template='v: {{ toJson .Values }}\n')
    add(id="cw2-global-override", area="cw/subchart", values="global:\n  env: dev\n  reg: r1\nsub:\n  global:\n    reg: r-sub\n",
        args=["--set", "global.env=prod"],
        files={"charts/sub/Chart.yaml": SUB, "charts/sub/values.yaml": "global:\n  own: x\n  env: sub-default\n",
               "charts/sub/templates/cm.yaml": 'kind: Sub\ng: {{ toJson .Values.global }}\n'},
        template='kind: Root\ng: {{ toJson .Values.global }}\n')
    add(id="cw2-subchart-shared-define", area="cw/subchart", values="",
        files={"charts/sub/Chart.yaml": SUB,
               "charts/sub/templates/_h.tpl": '{{- define "sub.label" -}}sub-{{ .Chart.Name }}-{{ .Template.BasePath }}{{- end -}}',
               "charts/sub/templates/cm.yaml": 'kind: Sub\nl: {{ include "sub.label" . }}\nn: {{ .Template.Name }}\n'},
        template='kind: Root\nl: {{ include "sub.label" . }}\n')
    add(id="cw2-library-subchart", area="cw/subchart", values="",
        files={"charts/lib/Chart.yaml": "apiVersion: v2\nname: lib\nversion: 0.1.0\ntype: library\n",
               "charts/lib/templates/_lib.tpl": '{{- define "lib.cm" -}}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-lib\n{{- end -}}',
               "charts/lib/templates/ignored.yaml": "kind: ShouldNotRender\n"},
        template='{{ include "lib.cm" . }}\n')
    add(id="cw2-schema-subchart", area="cw/subchart", values="sub:\n  port: \"eighty\"\n",
        files={"charts/sub/Chart.yaml": SUB, "charts/sub/values.yaml": "port: 80\n",
               "charts/sub/values.schema.json": '{"type":"object","properties":{"port":{"type":"integer"}}}',
               "charts/sub/templates/cm.yaml": 'kind: Sub\n'},
        template='kind: Root\n')
    add(id="cw2-kind-order", area="cw/output", values="",
        files={"templates/a.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n---\napiVersion: x/v1\nkind: Unknown\nmetadata:\n  name: u\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: cr\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: sec\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cj\n"},
        template="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n")
    add(id="cw2-whitespace-comments", area="cw/gotpl", values="a: 1\n",
        template='x:\n  {{- /* a comment */ -}}\n  {{ .Values.a }}\ny: {{/* inline */}}2\n{{- /*\nmulti\n*/}}\nz: 3\n')
    add(id="cw2-range-forms", area="cw/gotpl", values="m:\n  b: 2\n  a: 1\n  c: 3\nl: [x, y]\n",
        template='{{- range $k, $v := .Values.m }}\n{{ $k }}: {{ $v }}\n{{- end }}\n{{- range $i, $e := .Values.l }}\ni{{ $i }}: {{ $e }}\n{{- end }}\n{{- range until 2 }}\nu{{ . }}: 1\n{{- end }}\n{{- range .Values.none }}\nnever: 1\n{{- else }}\nelse: 1\n{{- end }}\n')
    add(id="cw2-regex-semver", area="cw/sprig", values='img: "docker.io/bitnami/nginx:1.25.3-debian-12-r0"\n',
        template='a: {{ regexReplaceAll "^(.*)/([^/:]+):(.*)$" .Values.img "${2}@${3}" }}\nb: {{ regexFind "[0-9]+\\\\.[0-9]+" .Values.img }}\nc: {{ semverCompare "^1.25.0-0" "1.25.3-debian" }}\nd: {{ (semver "1.2.3-rc.1+build").Prerelease }}\ne: {{ regexSplit ":" .Values.img -1 | toJson }}\n')
    add(id="cw2-tojson-html-escape", area="cw/sprig", values='s: "<a href=\\"x\\">&</a>"\n',
        template='a: {{ toJson .Values.s }}\nb: {{ toRawJson .Values.s }}\nc: {{ .Values.s | toPrettyJson }}\nd: {{ dict "k" .Values.s | toJson }}\n')
    add(id="cw2-fromyaml-forms", area="cw/sprig", values='y: "a: 1\\nb: [x, y]\\n"\nbad: "a: [\\n"\narr: "- 1\\n- two\\n"\n',
        template='a: {{ fromYaml .Values.y | toJson }}\nb: {{ fromYaml .Values.bad | toJson }}\nc: {{ fromYamlArray .Values.arr | toJson }}\nd: {{ fromYaml .Values.arr | toJson }}\n')
    add(id="cw2-required-empty-string", area="cw/sprig", values='e: ""\n',
        template='a: {{ required "e is required" .Values.e }}\n')
    add(id="cw2-fail-in-include", area="cw/sprig", values="",
        files={"templates/_h.tpl": '{{- define "check" -}}{{- if not .Values.ok -}}{{- fail "ok must be set" -}}{{- end -}}{{- end -}}'},
        template='{{ include "check" . }}\na: 1\n')
    add(id="cw2-files-missing", area="cw/files", values="",
        template='a: [{{ .Files.Get "nope.txt" }}]\nb: {{ len (.Files.Glob "nope/*") }}\nc: {{ (.Files.Glob "nope/*").AsConfig | quote }}\n')
    add(id="cw2-tpl-dollar-root", area="cw/tpl", values='items: [a, b]\nt: "{{ range .items }}{{ . }}-{{ $.Release.Name }},{{ end }}"\n',
        template='a: {{ tpl .Values.t (merge (dict "items" .Values.items) .) }}\n')
    add(id="cw2-hook-resource-policy", area="cw/hooks", values="",
        files={"templates/h.yaml": 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: keep\n  annotations:\n    helm.sh/resource-policy: keep\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: h\n  annotations:\n    helm.sh/hook: "post-install, post-upgrade"\n    helm.sh/hook-weight: "-1"\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\n  annotations:\n    helm.sh/hook: nonsense\n'},
        template="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n")
    add(id="cw2-crd-in-templates", area="cw/crds", values="", args=["--include-crds"],
        files={"templates/crd.yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: t.example.com\n---\napiVersion: example.com/v1\nkind: T\nmetadata:\n  name: inst\n"},
        template="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n")
    add(id="cw2-show-only-multi", area="cw/output", values="",
        files={"templates/a.yaml": "kind: A\n", "templates/b.yaml": "kind: B\n---\nkind: B2\n"},
        args=["-s", "templates/b.yaml", "-s", "templates/case.yaml"], template="kind: Case\n")
    add(id="cw2-set-types", area="cw/set", values="",
        args=["--set", "i=10,f=1.5,b=false,s=abc,big=12345678901234567890,neg=-3,e=", "--set", "q=\"quoted\"", "--set-literal", "lit=a,b={c}"],
        template='v: {{ toJson .Values }}\nt: {{ typeOf .Values.i }} {{ typeOf .Values.f }} {{ typeOf .Values.big }} {{ typeOf .Values.e }}\n')
    add(id="cw2-kube-version-default-gates", area="cw/capabilities", values="",
        template='a: {{ .Capabilities.KubeVersion.Version }}\nb: {{ semverCompare ">=1.33-0" .Capabilities.KubeVersion.Version }}\nc: {{ .Capabilities.APIVersions.Has "autoscaling/v2" }}\nd: {{ .Capabilities.APIVersions.Has "autoscaling/v2/HorizontalPodAutoscaler" }}\n')
    add(id="cw2-notes-and-partials", area="cw/output", values="",
        files={"templates/NOTES.txt": "Thanks {{ .Release.Name }}\n", "templates/_p.yaml": "kind: Partial\n", "templates/empty.yaml": "{{- if false }}\nkind: X\n{{- end }}\n"},
        template="kind: Case\n")
    add(id="cw2-b64-unicode", area="cw/bytes", values='s: "héllo ✓ 😀"\n',
        template='a: {{ b64enc .Values.s }}\nb: {{ b64enc .Values.s | b64dec }}\nc: {{ len .Values.s }} {{ trunc 8 .Values.s | quote }} {{ .Values.s | upper }}\nd: {{ sha256sum .Values.s | trunc 12 }} {{ .Values.s | substr 7 11 }}\ne: {{ printf "%q" .Values.s }} {{ printf "%x" .Values.s }}\n')
    return c
