"""Third batch of Chartwright's own conformance cases (recorded with harness.py)."""


def cases():
    c = []
    add = lambda **kw: c.append(kw)
    tricky = ["0x1F", "1_000", "1e3", ".5", "+1", "null", "~", "NULL", "Yes", "y", "n", "=", "<<", "2001-12-14", "12:30",
              "a:", "@x", "`x", "%x", "!x", "&x", "|x", ">x", "?x", "? x", "- ", "-", "key: value", "a\u2028b", "a\u0085b",
              "\tlead", "00", "-0", ".inf", ".NaN", "0o17", "0b101", "1:20", "3.", "'s'", '"d"', "#", "a #b", "x\\y", "[1]", "{a}",
              "*", "ok", "True", "off", "1.0e+3", "-.5", "https://x.y/z?a=b#c", "line\n", "\n", " ", "é", "\u00a0nbsp"]
    vals = "".join("s%02d: %s\n" % (i, __import__("json").dumps(t, ensure_ascii=False)) for i, t in enumerate(tricky))
    add(id="cw3-toyaml-scalar-quoting", area="cw/toYaml", values=vals,
        template='v: {{- toYaml .Values | nindent 2 }}\n')
    add(id="cw3-toyaml-list-quoting", area="cw/toYaml", values="l: " + __import__("json").dumps(tricky, ensure_ascii=False) + "\n",
        template='v: {{- toYaml .Values.l | nindent 2 }}\n')
    add(id="cw3-toyaml-key-sorting", area="cw/toYaml", values='"10": a\n"9": b\nB: c\na: d\n"_x": e\n"Z": f\n"é": g\n"-": h\n',
        template='v: {{- toYaml .Values | nindent 2 }}\nj: {{ toJson .Values }}\nk: {{ keys .Values | sortAlpha | toJson }}\n')
    add(id="cw3-print-collections", area="cw/gotpl", values="m:\n  b: 1000000\n  a: [1, x, {c: 2.5}]\nf: 1e+06\n",
        template='a: "{{ .Values.m }}"\nb: "{{ list 1 "x" 2.5 nil }}"\nc: "{{ dict "z" 1 "a" (list) }}"\nd: "{{ printf "%v|%s|%d" .Values.f "s" 3 }}"\ne: "{{ printf "%T %T %T" .Values.m .Values.m.a .Values.f }}"\n')
    add(id="cw3-list-funcs", area="cw/sprig", values="l: [b, a, c, a]\nn: [3, 1, 2]\n",
        template='a: {{ uniq .Values.l | toJson }} {{ without .Values.l "a" | toJson }} {{ has "c" .Values.l }} {{ sortAlpha .Values.l | toJson }}\nb: {{ join "," .Values.n }} {{ first .Values.l }} {{ last .Values.n }} {{ rest .Values.l | toJson }} {{ initial .Values.n | toJson }}\nc: {{ until 3 | toJson }} {{ untilStep 0 10 4 | toJson }} {{ seq 3 | quote }} {{ reverse .Values.n | toJson }}\nd: {{ compact (list "" "a" nil 0 false) | toJson }} {{ concat .Values.l (list 1) | len }} {{ slice .Values.l 1 3 | toJson }}\n')
    add(id="cw3-dict-funcs", area="cw/sprig", values="a:\n  x: 1\n  n:\n    p: 1\n    q: 1\nb:\n  y: 2\n  n:\n    q: 2\n    r: 2\n",
        template='a: {{ merge (deepCopy .Values.a) .Values.b | toJson }}\nb: {{ mergeOverwrite (deepCopy .Values.a) .Values.b | toJson }}\nc: {{ $d := dict "k" 1 }}{{ $_ := set $d "j" 2 }}{{ $_ := unset $d "k" }}{{ toJson $d }}\nd: {{ get .Values.a "missing" | quote }} {{ keys .Values.a | sortAlpha | toJson }} {{ values .Values.b.n | sortAlpha | toJson }}\ne: {{ pick .Values.a "x" | toJson }} {{ omit .Values.a "x" | toJson }} {{ .Values.a | toJson }}\n')
    add(id="cw3-type-funcs", area="cw/sprig", values="i: 1\ns: x\nl: []\nm: {}\nb: true\nf: 1.5\n",
        template='a: {{ kindOf .Values.i }} {{ kindOf .Values.s }} {{ kindOf .Values.l }} {{ kindOf .Values.m }} {{ kindOf .Values.b }} {{ kindOf nil }}\nb: {{ typeIs "float64" .Values.i }} {{ kindIs "slice" .Values.l }} {{ typeOf 1 }} {{ typeOf (int 1) }} {{ typeOf (toString 1) }}\nc: {{ toString nil }}|{{ quote nil }}|{{ squote "a" }}|{{ quote 1.5 }}|{{ toString .Values.l }}\nd: {{ int "12" }} {{ int64 "1.9" }} {{ float64 "2" }} {{ atoi "x" }} {{ toStrings (list 1 "a" nil) | toJson }}\n')
    add(id="cw3-removed-funcs", area="cw/sprig", values="", template='a: {{ env "HOME" }}\n')
    add(id="cw3-compare-types", area="cw/gotpl", values="a: 1\ns: x\n",
        template='a: {{ eq .Values.a 1.0 }} {{ eq .Values.s "x" "y" }} {{ ne .Values.missing "x" }} {{ lt "a" "b" }} {{ le 1 2 }}\nb: {{ and 1 "" 3 }}|{{ or 0 "" "z" }}|{{ not .Values.missing }}|{{ and .Values.missing .Values.missing.x }}\n')
    add(id="cw3-compare-int-float-error", area="cw/gotpl", values="", template='a: {{ eq 1 1.0 }}\n')
    add(id="cw3-index-errors", area="cw/gotpl", values="l: [a]\n", template='a: {{ index .Values.l 3 }}\n')
    add(id="cw3-index-nil-map", area="cw/gotpl", values="", template='a: {{ index .Values.nope "x" }}|{{ index .Values "nope" }}\n')
    add(id="cw3-len-nil", area="cw/gotpl", values="", template='a: {{ len .Values.nope }}\n')
    add(id="cw3-break-continue-elsewith", area="cw/gotpl", values="l: [1, 2, 3, 4]\nm: {}\n",
        template='a: {{ range .Values.l }}{{ if eq . 2.0 }}{{ continue }}{{ end }}{{ if eq . 4.0 }}{{ break }}{{ end }}{{ . }},{{ end }}\nb: {{ with .Values.m }}m{{ else with .Values.l }}l{{ len . }}{{ else }}none{{ end }}\nc: {{ $x := 0 }}{{ range .Values.l }}{{ $x = add $x . }}{{ end }}{{ $x }}\n')
    add(id="cw3-block-override", area="cw/gotpl", values="",
        files={"templates/_o.tpl": '{{- define "b" }}overridden{{ end -}}'},
        template='a: {{ block "b" . }}default{{ end }}\nb: {{ template "b" . }}\n')
    add(id="cw3-include-undefined", area="cw/include", values="", template='a: {{ include "nope" . }}\n')
    add(id="cw3-template-undefined", area="cw/gotpl", values="", template='a: {{ template "nope" . }}\n')
    add(id="cw3-printf-verbs", area="cw/gotpl", values="f: 3.14159\ni: 42\ns: str\n",
        template='a: "{{ printf "%05.2f|%x|%X|%o|%e|%g|%8.3s|%-5d|%+d|%q|%c|%U" .Values.f 255 255 8 .Values.f .Values.f .Values.s (int .Values.i) 5 .Values.s 65 0x1F600 }}"\nb: "{{ printf "%v %d" .Values.i .Values.i }}"\nc: "{{ printf "%s" (list 1 2) }}|{{ printf "%d" "x" }}|{{ printf "%!" }}|{{ printf "%s" }}"\n')
    add(id="cw3-indent-crlf", area="cw/sprig", values='s: "a\\r\\nb\\r\\n"\n',
        template='a: |\n{{ .Values.s | indent 2 }}\nb: {{ .Values.s | nindent 2 | quote }}\n')
    add(id="cw3-string-funcs", area="cw/sprig", values='s: "  Hello World  "\n',
        template='a: {{ trim .Values.s | lower | replace " " "-" }}|{{ trimAll " H" .Values.s }}|{{ trimPrefix "  " .Values.s }}|{{ .Values.s | trimSuffix "  " }}\nb: {{ camelcase "foo_bar-baz" }} {{ snakecase "FooBar" }} {{ kebabcase "FooBarBaz" }} {{ title "hello world" }} {{ untitle "Hello" }} {{ swapcase "aBc" }}\nc: {{ repeat 3 "ab" }} {{ nospace " a b " }} {{ abbrev 5 "hello world" }} {{ wrap 5 "hello world foo" | quote }} {{ plural "one" "many" 2 }} {{ initials "hello world" }}\nd: {{ contains "ll" "hello" }} {{ hasPrefix "he" "hello" }} {{ hasSuffix "lo" "hello" }} {{ cat "a" nil "b" 1 }} {{ substr 1 -1 "hello" }} {{ trunc -3 "hello" }}\n')
    add(id="cw3-split-funcs", area="cw/sprig", values="",
        template='a: {{ split "," "a,b,c" | toJson }} {{ (split "," "a,b").  _1 }} {{ splitn "," 2 "a,b,c" | toJson }} {{ splitList "," "a,,b" | toJson }}\n')
    add(id="cw3-split-field", area="cw/sprig", values="",
        template='a: {{ (split "," "a,b")._1 }} {{ (splitn "," 2 "a,b,c")._1 }}\n')
    add(id="cw3-semver-funcs", area="cw/sprig", values="",
        template='a: {{ semverCompare ">=1.2.3 <2.0.0" "1.5.0" }} {{ semverCompare "~1.2" "1.2.9" }} {{ semverCompare "1.x" "1.9.0-beta" }} {{ semverCompare ">=1.20.0-0" "v1.20.0-eks-abc" }}\nb: {{ (semver "v1.2.3").Major }} {{ (semver "1.2.3").Minor }} {{ semver "1.2.3" }} {{ (semver "1.2.3").Original }} {{ ((semver "1.2.3").IncMinor).String }}\n')
    add(id="cw3-semver-invalid", area="cw/sprig", values="", template='a: {{ semverCompare ">=1.2" "not-a-version" }}\n')
    add(id="cw3-crypto-deterministic", area="cw/sprig", values="",
        template='a: {{ sha1sum "x" }} {{ sha256sum "x" | trunc 10 }} {{ adler32sum "x" }} {{ sha512sum "x" | trunc 10 }}\nb: {{ derivePassword 1 "long" "password" "user" "example.com" }}\nc: {{ "hello" | b32enc }} {{ "NBSWY3DP" | b32dec }} {{ "aGVsbG8" | b64dec }}\n')
    add(id="cw3-random-shapes", area="cw/sprig", values="", nondeterministic=True,
        template='a: {{ randAlphaNum 10 }} {{ randAlpha 5 }} {{ randNumeric 4 }} {{ randAscii 3 | len }}\nb: {{ uuidv4 | len }} {{ now | date "2006" | len }} {{ htpasswd "u" "p" | len }}\n')
    add(id="cw3-date-funcs", area="cw/sprig", values="",
        template='a: {{ "2024-03-05T10:20:30Z" | toDate "2006-01-02T15:04:05Z07:00" | date "Jan 2, 2006 15:04" }}\nb: {{ dateInZone "2006-01-02" (toDate "2006-01-02" "2024-01-01") "UTC" }} {{ unixEpoch (toDate "2006-01-02" "2024-01-01") }}\nc: {{ duration 3661 }} {{ durationRound "2h30m" }} {{ ago (toDate "2006-01-02" "2000-01-01") | len | ne 0 }}\n')
    add(id="cw3-lookup-assign-default", area="cw/lookup", values="",
        template='{{- $secret := (lookup "v1" "Secret" .Release.Namespace "s") | default dict }}\n{{- $pw := (get ($secret.data | default dict) "pw") | default ("static" | b64enc) }}\npw: {{ $pw }}\nkeys: {{ keys $secret | len }}\n')
    add(id="cw3-tpl-nested-tpl", area="cw/tpl", values='a: "{{ tpl .Values.b . }}"\nb: "{{ .Values.c | upper }}"\nc: deep\n',
        template='x: {{ tpl .Values.a . }}\n')
    add(id="cw3-values-nil-override", area="cw/values", values="a:\n  b: 1\n  c: 2\n", args=["--set", "a=null"],
        template='v: {{ toJson .Values }}\n')
    add(id="cw3-values-type-override", area="cw/values", values="a:\n  b: 1\n", files={"../o.yaml": "a: scalar\n"}, args=["-f", "o.yaml"],
        template='v: {{ toJson .Values }}\n')
    return c
