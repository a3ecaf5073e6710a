#!/usr/bin/env python3
"""Records Helm's answers to alias-heavy YAML (go-yaml's alias budget) for hostile-yaml.test.ts.

Each case is a generated document (SHAPES below; the test generates the same text and checks
its sha256). For each, helm renders `fromYaml` of the document (read with .Files.Get) and
prints its "Error" (or "ok" and the toJson length). Run with both Helms; they must agree.

Usage: python3 test/robustness/data/record_aliases.py > test/robustness/data/aliases.json
"""
import hashlib, json, os, subprocess, tempfile


def flat9(m):
    return 'a: &a [' + ', '.join('x%d' % i for i in range(9)) + ']\nb: [' + ', '.join(['*a'] * m) + ']\n'


def nested(m):
    return 'a: &a {x: 1, y: 2}\nb: &b [*a, *a, *a]\nc: [' + ', '.join(['*b'] * m) + ']\n'


def merge(m):
    return 'a: &a {k1: 1, k2: 2, k3: 3, k4: 4}\nitems:\n' + '- {<<: *a, z: 0}\n' * m


def block(m):
    return 'base: &base\n  one: 1\n  two: [a, b, c]\nlist:\n' + '- *base\n' * m


def doubling(m):
    s = 'l0: &l0 [x, y]\n'
    for i in range(1, m + 1):
        s += 'l%d: &l%d [*l%d, *l%d]\n' % (i, i, i - 1, i - 1)
    return s


SHAPES = {'flat9': flat9, 'nested': nested, 'merge': merge, 'block': block, 'doubling': doubling}
# Around the thresholds found by the port (each side must match Helm).
CASES = [('flat9', m) for m in (1, 66121, 66122, 66123)] + [('nested', m) for m in (28093, 28094)] + \
    [('merge', m) for m in (123396, 123397)] + [('block', m) for m in (89892, 89893)] + \
    [('doubling', m) for m in (8, 9, 12)]

TEMPLATE = '''{{- range $p, $_ := .Files.Glob "docs/*" }}
{{- $r := fromYaml ($.Files.Get $p) }}
{{ base $p }}: {{ if hasKey $r "Error" }}{{ $r.Error | quote }}{{ else }}{{ printf "ok %d" (len (toJson $r)) | quote }}{{ end }}
{{- end }}
'''


def run(helm, texts):
    with tempfile.TemporaryDirectory() as d:
        c = os.path.join(d, 'c')
        os.makedirs(os.path.join(c, 'templates'))
        os.makedirs(os.path.join(c, 'docs'))
        open(os.path.join(c, 'Chart.yaml'), 'w').write('apiVersion: v2\nname: c\nversion: 0.1.0\n')
        open(os.path.join(c, 'templates', 'a.yaml'), 'w').write(TEMPLATE)
        for i, t in enumerate(texts):
            open(os.path.join(c, 'docs', '%03d' % i), 'w').write(t)
        out = subprocess.run([helm, 'template', c], capture_output=True, text=True, check=True).stdout
    res = {}
    for line in out.splitlines():
        if ': "' in line:
            k, v = line.split(': ', 1)
            res[int(k)] = json.loads(v)
    return [res[i] for i in range(len(texts))]


texts = [SHAPES[s](m) for s, m in CASES]
h4 = run('helm4', texts)
h3 = run('helm3', texts)
assert h4 == h3, (h4, h3)
print(json.dumps({
    'recordedWith': 'helm v4.1.4 (equal to v3.17.3)',
    'cases': [{'shape': s, 'm': m, 'sha256': hashlib.sha256(t.encode()).hexdigest(), 'result': r}
              for (s, m), t, r in zip(CASES, texts, h4)],
}, indent=1))
