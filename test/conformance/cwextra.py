"""Extra conformance cases for Chartwright: what real charts do that the base set may miss.
Recorded with ../shared/conformance/harness.py (helm v4.1.4 / v3.17.3)."""

SUB = "apiVersion: v2\nname: sub\nversion: 0.1.0\n"

BITNAMI_HELPERS = r'''
{{- define "common.names.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- define "common.names.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- define "common.tplvalues.render" -}}
{{- $value := typeIs "string" .value | ternary .value (.value | toYaml) }}
{{- if contains "{{" (toJson .value) }}
  {{- if .scope }}
      {{- tpl (cat "{{- with $.RelativeScope -}}" $value "{{- end }}") (merge (dict "RelativeScope" .scope) .context) }}
  {{- else }}
    {{- tpl $value .context }}
  {{- end }}
{{- else }}
    {{- $value }}
{{- end }}
{{- end -}}
{{- define "common.tplvalues.merge" -}}
{{- $dst := dict -}}
{{- range .values -}}
{{- $dst = include "common.tplvalues.render" (dict "value" . "context" $.context "scope" $.scope) | fromYaml | merge $dst -}}
{{- end -}}
{{ $dst | toYaml }}
{{- end -}}
{{- define "common.labels.standard" -}}
{{- if and (hasKey . "customLabels") (hasKey . "context") -}}
{{- $default := dict "app.kubernetes.io/name" (include "common.names.name" .context) "helm.sh/chart" (printf "%s-%s" .context.Chart.Name .context.Chart.Version) "app.kubernetes.io/instance" .context.Release.Name "app.kubernetes.io/managed-by" .context.Release.Service -}}
{{- with .context.Chart.AppVersion -}}
{{- $_ := set $default "app.kubernetes.io/version" . -}}
{{- end -}}
{{ template "common.tplvalues.merge" (dict "values" (list .customLabels $default) "context" .context) }}
{{- else -}}
app.kubernetes.io/name: {{ include "common.names.name" . }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}
{{- end -}}
{{- define "common.images.image" -}}
{{- $registryName := default .imageRoot.registry ((.global).imageRegistry) -}}
{{- $repositoryName := .imageRoot.repository -}}
{{- $separator := ":" -}}
{{- $termination := .imageRoot.tag | toString -}}
{{- if .imageRoot.digest }}
    {{- $separator = "@" -}}
    {{- $termination = .imageRoot.digest | toString -}}
{{- end -}}
{{- if $registryName }}
    {{- printf "%s/%s%s%s" $registryName $repositoryName $separator $termination -}}
{{- else -}}
    {{- printf "%s%s%s"  $repositoryName $separator $termination -}}
{{- end -}}
{{- end -}}
'''

BITNAMI_VALUES = """nameOverride: ""
commonLabels:
  team: "{{ .Release.Name }}-team"
  tier: backend
image:
  registry: docker.io
  repository: bitnami/nginx
  tag: 1.25.3
  digest: ""
global:
  imageRegistry: ""
podAnnotations:
  checksum: "{{ .Chart.Version }}"
extraEnv:
  - name: FOO
    value: "{{ .Release.Namespace }}"
"""


def cases():
    c = []
    add = lambda **kw: c.append(kw)

    # --- bitnami-style library helpers ----------------------------------------------------
    bf = {"templates/_helpers.tpl": BITNAMI_HELPERS}
    add(id="cw-bitnami-labels-dict-context", area="cw/bitnami", values=BITNAMI_VALUES, files=bf, release="my-rel",
        template='apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "common.names.fullname" . }}\n  labels: {{- include "common.labels.standard" (dict "customLabels" .Values.commonLabels "context" $) | nindent 4 }}\ndata:\n  image: {{ include "common.images.image" (dict "imageRoot" .Values.image "global" .Values.global) | quote }}\n')
    add(id="cw-bitnami-labels-plain", area="cw/bitnami", values=BITNAMI_VALUES, files=bf,
        template='apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "common.names.fullname" . }}\n  labels: {{- include "common.labels.standard" . | nindent 4 }}\n')
    add(id="cw-bitnami-tplvalues-list", area="cw/bitnami", values=BITNAMI_VALUES, files=bf,
        template='env: {{- include "common.tplvalues.render" (dict "value" .Values.extraEnv "context" $) | nindent 2 }}\nann: {{- include "common.tplvalues.render" (dict "value" .Values.podAnnotations "context" $) | nindent 2 }}\n')
    add(id="cw-bitnami-tplvalues-scope", area="cw/bitnami", values="sub:\n  name: inner\n  tpl: '{{ .name }}-x'\n", files=bf,
        template='a: {{ include "common.tplvalues.render" (dict "value" .Values.sub.tpl "context" $ "scope" .Values.sub) }}\n')
    add(id="cw-bitnami-image-digest-global", area="cw/bitnami", values=BITNAMI_VALUES, files=bf,
        args=["--set", "global.imageRegistry=reg.example.com", "--set", "image.digest=sha256:abc"],
        template='image: {{ include "common.images.image" (dict "imageRoot" .Values.image "global" .Values.global) }}\n')
    add(id="cw-bitnami-fullname-contains", area="cw/bitnami", values="", files=bf, release="mychart-prod",
        template='a: {{ include "common.names.fullname" . }}\n')
    add(id="cw-bitnami-fullname-override-trunc", area="cw/bitnami", values="fullnameOverride: " + "x" * 62 + "-abc\n", files=bf,
        template='a: {{ include "common.names.fullname" . }}\n')
    add(id="cw-include-nested-dict-merge", area="cw/bitnami", values="a:\n  b: 1\n  c:\n    d: [1, 2]\n",
        files={"templates/_h.tpl": '{{- define "x" -}}{{- $ctx := merge (dict "extra" "e") .ctx -}}{{ toYaml $ctx }}{{- end -}}\n{{- define "y" -}}{{ include "x" (dict "ctx" (deepCopy .Values.a)) }}{{- end -}}'},
        template='v: {{- include "y" . | nindent 2 }}\norig: {{ toJson .Values.a }}\n')

    # --- tpl ----------------------------------------------------------------------------------
    tplf = {"templates/_t.tpl": '{{- define "app.name" -}}{{ .Chart.Name }}-{{ .Values.suffix }}{{- end -}}\n{{- define "app.host" -}}{{ include "app.name" . }}.{{ .Release.Namespace }}.svc{{- end -}}'}
    add(id="cw-tpl-value-nested-define", area="cw/tpl", files=tplf, values='suffix: web\nurl: "http://{{ include \\"app.host\\" . }}:8080"\n',
        template='url: {{ tpl .Values.url . | quote }}\n')
    add(id="cw-tpl-map-toYaml", area="cw/tpl", files=tplf, values='suffix: api\nextra:\n  host: "{{ include \\"app.host\\" . }}"\n  list:\n    - "{{ .Release.Name }}"\n    - plain\n',
        template='extra: {{- tpl (toYaml .Values.extra) . | nindent 2 }}\n')
    add(id="cw-tpl-define-inside", area="cw/tpl", values='t: \'{{ define "inner" }}I{{ .Values.n }}{{ end }}{{ include "inner" . }}/{{ include "inner" . }}\'\nn: 5\n',
        template='a: {{ tpl .Values.t . }}\n')
    add(id="cw-tpl-template-name", area="cw/tpl", values='t: "{{ .Template.Name }}|{{ .Template.BasePath }}"\n',
        template='a: {{ tpl .Values.t . | quote }}\n')
    add(id="cw-tpl-error-in-value", area="cw/tpl", values='t: "{{ .Values.missing.deep }}"\n',
        template='a: {{ tpl .Values.t . | quote }}\n')

    # --- .Files ---------------------------------------------------------------------------------
    ff = {"files/conf/a.conf": "key=a\n", "files/conf/b.conf": "key=b\nx: \"q\"\n", "files/conf/sub/c.conf": "c\n",
          "files/data.json": '{"b": 1, "a": [1,2]}\n', "files/unicode.txt": "héllo wörld ✓\n"}
    add(id="cw-files-glob-asconfig", area="cw/files", files=ff, values="",
        template='apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n{{ (.Files.Glob "files/conf/*").AsConfig | indent 2 }}\n')
    add(id="cw-files-glob-doublestar-assecrets", area="cw/files", files=ff, values="",
        template='apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n{{ (.Files.Glob "files/**.conf").AsSecrets | indent 2 }}\n')
    add(id="cw-files-glob-range", area="cw/files", files=ff, values="",
        template='{{- range $path, $bytes := .Files.Glob "files/**" }}\n{{ $path }}: {{ len $bytes }} {{ base $path }}\n{{- end }}\n')
    add(id="cw-files-get-json-unicode", area="cw/files", files=ff, values="",
        template='j: {{ .Files.Get "files/data.json" | fromJson | toJson }}\nu: {{ .Files.Get "files/unicode.txt" | trim | quote }}\nlen: {{ .Files.Get "files/unicode.txt" | len }}\nlines: {{ .Files.Lines "files/conf/b.conf" | toJson }}\n')
    add(id="cw-files-tpl-file", area="cw/files", files={"files/cfg.tpl": "name={{ .Release.Name }}\nns={{ .Release.Namespace }}\n"}, values="",
        template='data:\n  cfg: |\n{{ tpl (.Files.Get "files/cfg.tpl") . | indent 4 }}\n')

    # --- toYaml | nindent --------------------------------------------------------------------
    yv = ("multi: |\n  line one\n  line two\n\n  after blank\nfolded: >\n  folded text\n  continues\nunicode: \"héllo ✓ 日本\"\n"
          "quoted: 'it''s \"q\"'\nyesno: \"yes\"\nonoff: \"on\"\nnum: \"0123\"\nfloatstr: \"1e3\"\nempty: \"\"\nlead: \"  leading\"\n"
          "trail: \"trailing  \"\ncolon: \"a: b\"\nhash: \"a #b\"\nstar: \"*x\"\ndash: \"- x\"\ntilde: \"~\"\nnull_: null\n"
          "long: \"" + " ".join(["word%d" % i for i in range(30)]) + "\"\n"
          "tabs: \"a\\tb\"\ncrlf: \"a\\r\\nb\"\ntrailnl: \"x\\n\"\nnested:\n  k1: [a, 'b c', {d: e}]\n  'key with space': 1\n  'a.b': 2\n")
    add(id="cw-toyaml-nindent-strings", area="cw/toYaml", values=yv,
        template='data: {{- toYaml .Values | nindent 2 }}\n')
    add(id="cw-toyaml-nindent-list-of-maps", area="cw/toYaml",
        values="containers:\n  - name: a\n    args: [\"--x=1\", '--y \"2\"']\n    env:\n      - {name: A, value: \"1\"}\n  - name: b\n    resources: {}\n",
        template='spec:\n  containers: {{- toYaml .Values.containers | nindent 4 }}\n')
    add(id="cw-toyaml-multiline-trailing-spaces", area="cw/toYaml",
        values='s1: "line  \\nnext"\ns2: "a\\n  indented\\n"\ns3: "\\nstarts with nl"\ns4: "ends with two\\n\\n"\ns5: "  x\\ny"\n',
        template='v: {{- toYaml .Values | nindent 2 }}\n')
    add(id="cw-toyaml-numbers-bools", area="cw/toYaml",
        values="i: 1\nbig: 12345678901234567890\nf: 1.5\nexp: 1e20\nneg: -0.0\nb: true\noctal: 0o17\nhex: 0x1F\nts: 2024-01-01\n",
        template='v: {{- toYaml .Values | nindent 2 }}\nj: {{ toJson .Values }}\n')

    # --- lookup / capabilities -----------------------------------------------------------------
    add(id="cw-lookup-empty", area="cw/lookup", values="",
        template='{{- $s := lookup "v1" "Secret" .Release.Namespace "x" }}\na: {{ $s | toJson }}\nb: {{ if $s }}found{{ else }}none{{ end }}\nc: {{ ($s.data).password | default "gen" }}\nd: {{ (lookup "v1" "Namespace" "" "") | toJson }}\ne: {{ typeOf $s }}\n')
    add(id="cw-kubeversion-semver-set", area="cw/capabilities", values="", args=["--kube-version", "1.20.0"],
        template='a: {{ semverCompare ">=1.21-0" .Capabilities.KubeVersion.Version }}\nb: {{ semverCompare ">=1.19-0" .Capabilities.KubeVersion.GitVersion }}\nc: {{ .Capabilities.KubeVersion }}\nd: {{ .Capabilities.KubeVersion.Major }}.{{ .Capabilities.KubeVersion.Minor }}\ne: {{ if .Capabilities.APIVersions.Has "policy/v1beta1/PodDisruptionBudget" }}y{{ else }}n{{ end }}\n')
    add(id="cw-kubeversion-gke-suffix", area="cw/capabilities", values="", args=["--kube-version", "v1.28.3-gke.1286000"],
        template='a: {{ semverCompare ">=1.28-0" .Capabilities.KubeVersion.Version }}\nb: {{ semverCompare ">=1.28" .Capabilities.KubeVersion.Version }}\nc: {{ .Capabilities.KubeVersion.Version }}\nd: {{ .Capabilities.KubeVersion.Minor }}\n')
    add(id="cw-kubeversion-ingress-api", area="cw/capabilities", values="", args=["--kube-version", "1.18.0", "--api-versions", "networking.k8s.io/v1beta1/Ingress"],
        template='{{- if and (.Capabilities.APIVersions.Has "networking.k8s.io/v1/Ingress") (semverCompare ">= 1.19-0" .Capabilities.KubeVersion.Version) }}\napiVersion: networking.k8s.io/v1\n{{- else if .Capabilities.APIVersions.Has "networking.k8s.io/v1beta1/Ingress" }}\napiVersion: networking.k8s.io/v1beta1\n{{- else }}\napiVersion: extensions/v1beta1\n{{- end }}\nkind: Ingress\n')
    add(id="cw-struct-order-capabilities", area="cw/struct", values="",
        template='# {{ toJson .Capabilities.KubeVersion }}\n# {{ toPrettyJson .Capabilities.HelmVersion | replace "\\n" "|" }}\n# {{ toYamlPretty .Capabilities.KubeVersion | replace "\\n" "|" }}\n# {{ toToml .Capabilities.KubeVersion | replace "\\n" "|" }}\n# {{ toYaml .Capabilities.KubeVersion | replace "\\n" "|" }}\n')
    add(id="cw-struct-chart-annotations", area="cw/struct", values="",
        files={"Chart.yaml": "apiVersion: v2\nname: mychart\nversion: 0.1.0\nannotations:\n  z: last\n  a: first\nkeywords: [k]\n"},
        template='# {{ .Chart.Annotations }} {{ toJson .Chart.Annotations }} {{ typeOf .Chart.Annotations }}\n# {{ toJson .Chart }}\n')

    # --- required / subcharts -----------------------------------------------------------------
    add(id="cw-required-in-subchart", area="cw/subchart", values="",
        files={"charts/sub/Chart.yaml": SUB, "charts/sub/values.yaml": "x: 1\n",
               "charts/sub/templates/cm.yaml": 'a: {{ required "sub.password is required" .Values.password }}\n'},
        template="a: 1\n")
    add(id="cw-required-subchart-global-ok", area="cw/subchart", values="global:\n  pw: s3cret\nsub:\n  password: p\n",
        files={"charts/sub/Chart.yaml": SUB,
               "charts/sub/templates/cm.yaml": 'a: {{ required "need" .Values.password }}\ng: {{ .Values.global.pw }}\n'},
        template="a: 1\n")
    add(id="cw-subchart-show-only", area="cw/subchart", values="sub:\n  v: from-parent\n",
        files={"charts/sub/Chart.yaml": SUB, "charts/sub/values.yaml": "v: default\n",
               "charts/sub/templates/cm.yaml": 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Chart.Name }}\ndata:\n  v: {{ .Values.v }}\n',
               "charts/sub/templates/other.yaml": 'kind: Other\n'},
        args=["--show-only", "charts/sub/templates/cm.yaml"], template="kind: Root\n")
    add(id="cw-subchart-show-only-missing", area="cw/subchart", values="",
        files={"charts/sub/Chart.yaml": SUB, "charts/sub/templates/cm.yaml": 'kind: X\n'},
        args=["--show-only", "templates/nope.yaml"], template="kind: Root\n")
    add(id="cw-subchart-condition-alias-import", area="cw/subchart", values="first:\n  enabled: true\nsecond:\n  enabled: false\n",
        files={"Chart.yaml": "apiVersion: v2\nname: mychart\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 0.1.0\n  alias: first\n  condition: first.enabled\n  import-values:\n  - child: exported\n    parent: imported\n- name: sub\n  version: 0.1.0\n  alias: second\n  condition: second.enabled\n",
               "charts/sub/Chart.yaml": SUB, "charts/sub/values.yaml": "exported:\n  k: v\n",
               "charts/sub/templates/cm.yaml": 'kind: {{ .Chart.Name }}\n'},
        template='kind: Root\nimported: {{ toJson .Values.imported }}\n')
    add(id="cw-import-aliased-twice", area="cw/subchart", values=None,
        files={"Chart.yaml": "apiVersion: v2\nname: mychart\nversion: 1.0.0\ndependencies:\n- name: child\n  alias: foo\n  version: 1.0.0\n  import-values:\n  - parent: foo-defaults\n    child: defaults\n- name: child\n  alias: bar\n  version: 1.0.0\n  import-values:\n  - parent: bar-defaults\n    child: defaults\n",
               "charts/child/Chart.yaml": "apiVersion: v2\nname: child\nversion: 1.0.0\ndependencies:\n- name: grandchild\n  version: 1.0.0\n  import-values:\n  - parent: defaults\n    child: defaults\n",
               "charts/child/templates/d.yaml": "kind: {{ .Chart.Name }}\nd: {{ toJson .Values.defaults }}\n",
               "charts/child/charts/grandchild/Chart.yaml": "apiVersion: v2\nname: grandchild\nversion: 1.0.0\n",
               "charts/child/charts/grandchild/values.yaml": "defaults:\n  defaultValue: \"42\"\n"},
        template='kind: Root\nf: {{ toJson (index .Values "foo-defaults") }}\nb: {{ toJson (index .Values "bar-defaults") }}\n')

    # --- --set ------------------------------------------------------------------------------------
    add(id="cw-set-list-braces", area="cw/set", values="a: [x]\n", args=["--set", "a={one,two,three}", "--set", "b[1]=z", "--set", "c[0].name=n,c[0].v=1"],
        template='v: {{ toJson .Values }}\n')
    add(id="cw-set-escapes", area="cw/set", values="", args=["--set", "a\\.b=dotted", "--set", "c=x\\,y", "--set", "d=with\\=eq", "--set", "e=null", "--set-string", "f=true", "--set", "g=007"],
        template='v: {{ toJson .Values }}\n')
    add(id="cw-set-null-deletes", area="cw/set", values="keep: 1\ndrop: 2\nnested:\n  x: 1\n  y: 2\n", args=["--set", "drop=null", "--set", "nested.y=null"],
        template='v: {{ toJson .Values }}\n')
    add(id="cw-set-json-and-file", area="cw/set", values="", files={"../val.txt": "file-content\n"},
        args=["--set-json", 'j={"a":[1,{"b":null}]}', "--set-file", "f=val.txt", "--set", "annotations.example\\.com/x=1"],
        template='v: {{ toJson .Values }}\n')
    add(id="cw-set-index-gap", area="cw/set", values="", args=["--set", "l[2]=c"],
        template='v: {{ toJson .Values }}\n')

    # --- hooks / crds ---------------------------------------------------------------------------
    hk = lambda name, ev, w: "---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: %s\n  annotations:\n    \"helm.sh/hook\": %s\n    \"helm.sh/hook-weight\": \"%s\"\n    \"helm.sh/hook-delete-policy\": before-hook-creation\n" % (name, ev, w)
    add(id="cw-hooks-weights", area="cw/hooks", values="",
        files={"templates/hooks.yaml": hk("j-late", "pre-install,pre-upgrade", "10") + hk("j-early", "pre-install", "-5") + hk("j-post", "post-install", "0"),
               "templates/z-hook.yaml": hk("j-zero", "pre-install", "0")},
        template="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n")
    add(id="cw-hooks-test", area="cw/hooks", values="",
        files={"templates/tests/t.yaml": 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "{{ .Release.Name }}-test"\n  annotations:\n    "helm.sh/hook": test\n'},
        template="apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n")
    crd = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: %s.example.com\n"
    add(id="cw-crds-include", area="cw/crds", values="", args=["--include-crds"],
        files={"crds/a.yaml": crd % "as", "crds/b.yaml": "# comment\n" + crd % "bs" + "---\n" + crd % "cs",
               "charts/sub/Chart.yaml": SUB, "charts/sub/crds/s.yaml": crd % "subs", "charts/sub/templates/x.yaml": "kind: SubKind\n"},
        template="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n")
    add(id="cw-crds-skip-default", area="cw/crds", values="",
        files={"crds/a.yaml": crd % "as"},
        template="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n")

    # --- bytes ----------------------------------------------------------------------------------
    add(id="cw-bytes-binary-file", area="cw/bytes", values="", files={"files/bin.dat": b"a\xff\xfeb\xc3(\x00\x01"},
        template='a: {{ .Files.Get "files/bin.dat" | b64enc }}\nb: {{ .Files.Get "files/bin.dat" | len }}\nc: {{ .Files.GetBytes "files/bin.dat" | len }}\nd: {{ .Files.Get "files/bin.dat" | toJson }}\ne: {{ printf "%q" (.Files.Get "files/bin.dat") }}\nf: {{ .Files.Get "files/bin.dat" | upper | b64enc }}\ng: {{ substr 1 4 (.Files.Get "files/bin.dat") | b64enc }}\n')
    add(id="cw-bytes-trunc-substr-utf8", area="cw/bytes", values='s: "日本語テキスト"\n',
        template='a: {{ trunc 4 .Values.s | quote }}\nb: {{ substr 0 5 .Values.s | b64enc }}\nc: {{ trunc 6 .Values.s }}\nd: {{ len .Values.s }}\ne: {{ "/w==" | b64dec | len }}\nf: {{ "/w==" | b64dec | printf "%q" }}\ng: {{ trunc 4 .Values.s | len }}\n')
    add(id="cw-bytes-raw-in-manifest", area="cw/bytes", values="", files={"files/bin.dat": b"\xff\xfe"},
        template='# {{ .Files.Get "files/bin.dat" }}\na: 1\n')
    add(id="cw-bytes-control-in-manifest", area="cw/bytes", values="",
        template='# {{ printf "%c" 1 }}\na: 1\n')
    add(id="cw-bytes-bom-file", area="cw/bytes", values="", files={"files/bom.txt": b"\xef\xbb\xbfhello"},
        template='a: {{ .Files.Get "files/bom.txt" | len }}\nb: {{ .Files.GetBytes "files/bom.txt" | len }}\n')
    return c
