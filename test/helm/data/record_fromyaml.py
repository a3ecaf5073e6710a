#!/usr/bin/env python3
"""Records Helm's fromYaml / fromYamlArray results (as toJson) for YAML snippets.

Usage: python3 test/helm/data/record_fromyaml.py > test/helm/data/fromyaml.json
"""
import base64, json, os, subprocess, sys, tempfile

CASES = [
    # valid documents
    'a: 1\nb: two\nc: 1.5\nd: true\ne: null\nf: [1, 2]\ng: {h: i}\n',
    'y: 1\nn: 2\nyes: 3\nno: 4\non: 5\noff: 6\nY: 7\nN: 8\ntrue: 9\nok: 10\n',
    'a: y\nb: n\nc: yes\nd: No\ne: ON\nf: off\ng: Yes\nh: TRUE\ni: False\nj: nULL\nk: ~\nl: Null\n',
    'oct: 0755\nhex: 0x1F\nund: 1_000\nplus: +12\nbin: 0b101\noctO: 0o17\nexp: 1e3\ndot: .5\nneg: -.5\ntrail: 1.\n',
    'big: 9007199254740993\nhuge: 12345678901234567890\nneg: -9223372036854775809\nzero: -0\nf: 08\n',
    'sex: 1:30\nsex2: 190:20:30.15\nts: 2020-01-01\nts2: 2001-12-14t21:59:43.10-05:00\nts3: 2020-01-01 10:00:00\n',
    'bin: !!binary aGVsbG8=\nstr: !!str 123\nflt: !!float 1\nint: !!int "12"\nbool: !!bool yes\ncustom: !foo bar\nts: !!timestamp 2020-01-01\n',
    'a: &x {k: v}\nb: *x\nc: &y [1, 2]\nd: *y\ne: &s scalar\nf: *s\n',
    'base: &base {a: 1, b: 2}\nder:\n  <<: *base\n  b: 3\n  c: 4\n',
    'base: &base {a: 1, b: 2}\nder:\n  b: 3\n  <<: *base\n',
    'b1: &b1 {a: 1}\nb2: &b2 {a: 2, c: 3}\nder:\n  <<: [*b1, *b2]\n  d: 4\n',
    'der:\n  <<: {x: 1}\n  y: 2\n',
    '1: a\n2.5: b\n1e3: c\n0x10: d\ntrue: e\n~: f\n3.14159265358979: g\n1e6: h\n.inf: i\n',
    '',
    '# only a comment\n',
    '---\na: 1\n---\nb: 2\n',
    '---\na: 1\n---\n: bad: [\n',
    'a: 1\na: 2\n',
    'a: |\n  line1\n  line2\nb: >\n  folded\n  text\nc: |-\n  x\nd: |+\n  y\n\n',
    'a: "multi\n  line"\nb: \'it\'\'s\'\nc: plain\n  continued\n',
    'list:\n- a\n- b:\n    c: 1\n-\n- - x\n',
    'a:\nb: ""\nc: \'\'\n',
    'a: 1 # comment\n#c\nb: 2\n',
    'k: "\\u00e9\\t\\x41"\n',
    '? complex\n: value\n',
    'a: !!null ""\nb: !!str\nc: !!map {}\n',
    'a: <<\nb: "<<"\n',
    'a: 1e400\nb: -1e400\n',
    'a: .nan\n',
    'a: -.inf\n',
    '- 1\n- 2\n',
    'x\n',
    '42\n',
    'null\n',
    '~\n',
    '[]\n',
    '{}\n',
    '"quoted"\n',
    '%YAML 1.1\n---\na: 1\n',
    'a: 1\n...\n',
    # invalid documents
    'a: [',
    'a: [\n',
    'a: 1b: 2',
    'x:\n\tname: x\n',
    'a: *nope\n',
    'a: {\n',
    "a: 'x\n",
    'a: "x\n',
    '- a\nb: 1\n',
    'a:\n  b: 1\n c: 2\n',
    'a: b: c\n',
    '[1, 2\n',
    '{a: 1\n',
    'key: @x\n',
    'key: `x\n',
    'a: 1\n- b\n',
    'a:\n- b\nc\n',
    'a: !!int abc\n',
    'a: !!binary "***"\n',
    '<<: 1\n',
    'a: &x 1\n<<: *x\n',
    'a:\n  b: 1\n   c: 2\n',
    'a: 1\nb: 2\nc: [1, 2\nd: 4\n',
    'a: 1\nb: 2\n  c: 3\n',
    'a: "\\q"\n',
    'a:\n  - x\n  y: 1\n',
    '- a\n  - b\n',
    'one: 1\ntwo: 2\nthree: 3\nfour: {\n',
    'one: 1\ntwo: 2\nthree: 3\nfour: x: y\n',
    'a: b\n\tc: d\n',
    '\ta: 1\n',
    'a: |\n  x\n y\n',
    ',a: 1\n',
    'a: ]\n',
    'a: }\n',
    '"a\n',
    "a: 'b'c\n",
    'a: "b"c\n',
    '!!int x: 1\n',
    '&a a: &a b\n',
    'a: !<tag:yaml.org,2002:str> 1\n',
]

TEMPLATE = '''{{- range $k, $v := .Values.cases }}
{{ $k }}: {{ list (fromYaml $v | toJson) (fromYamlArray $v | toJson) | join "\\n@@@\\n" | b64enc }}
{{- end }}
'''

def yq(s):
    o = '"'
    for ch in s:
        c = ord(ch)
        if ch == '"': o += '\\"'
        elif ch == '\\': o += '\\\\'
        elif 0x20 <= c < 0x7f: o += ch
        else: o += '\\u%04X' % c
    return o + '"'

def run(helm):
    d = tempfile.mkdtemp()
    ch = os.path.join(d, 'mychart')
    os.makedirs(os.path.join(ch, 'templates'))
    open(os.path.join(ch, 'Chart.yaml'), 'w').write('apiVersion: v2\nname: mychart\nversion: 0.1.0\n')
    open(os.path.join(ch, 'values.yaml'), 'w').write('cases:\n' + ''.join('  k%04d: %s\n' % (i, yq(s)) for i, s in enumerate(CASES)))
    open(os.path.join(ch, 'templates', 'c.yaml'), 'w').write(TEMPLATE)
    p = subprocess.run([helm, 'template', ch], capture_output=True, text=True, env=dict(os.environ, HOME=d, TZ='UTC'))
    if p.returncode != 0:
        sys.exit(p.stderr)
    res = {}
    for line in p.stdout.splitlines():
        if line.startswith('k') and ': ' in line:
            k, b = line.split(': ', 1)
            res[int(k[1:])] = base64.b64decode(b).decode('utf-8').split('\n@@@\n')
    return res

r4 = run(os.environ.get('HELM4', 'helm4'))
r3 = run(os.environ.get('HELM3', 'helm3'))
table = []
for i, s in enumerate(CASES):
    if r4[i] != r3[i]:
        print('differ', repr(s), r4[i], r3[i], file=sys.stderr)
    table.append({'yaml': s, 'fromYaml': r4[i][0], 'fromYamlArray': r4[i][1]})
json.dump({'recordedWith': 'helm v4.1.4 (equal to v3.17.3)', 'cases': table}, sys.stdout, ensure_ascii=True, indent=0)
