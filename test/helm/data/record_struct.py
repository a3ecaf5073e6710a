#!/usr/bin/env python3
"""Records Helm's toYaml / toYamlPretty / toJson / toPrettyJson / toRawJson for values given as JSON.

Usage: python3 test/helm/data/record_struct.py > test/helm/data/yaml-structs.json
Each case is a JSON text placed in values.yaml (JSON is YAML), so the template sees exactly the
values JSON.parse gives in the tests (numbers float64, maps, lists, strings).
"""
import base64, json, os, subprocess, sys, tempfile

NUMS = ['0', '-0.0', '1', '-1', '1.5', '0.1', '1e21', '1e20', '123456789012345678', '9007199254740993',
        '1e-7', '0.000001', '0.0000012345', '3.0', '-1e-10', '5e-324', '1.7976931348623157e308', '100000',
        '1234567', '1e6', '12345678901', '0.5', '1e15', '1.5e300', '2.5e-5', '18446744073709551615',
        '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809',
        '0.30000000000000004', '123.456', '-0.001', '1e-5', '1e-4', '99999999999999999999', '4.9e-324',
        '1e300', '65536.5', '1e16', '12345678.9']
KEYS = ['b', 'a', 'B', '_', '10', '9', 'a10', 'a9', 'a09', 'a009', '1a', '01', '1', 'é', 'Z', 'z', '-', '0',
        '00', 'a0', 'a00', 'x1y2', 'x1y10', 'x01', 'ä', '日', '', ' ', 'A', 'a_b', 'a-b', 'a.b', 'a1', 'a01',
        'a001', '12abc', '9abc', '\u0661\u0662', 'a\u0661', 'a2', '~', 'null', 'true', 'key with space',
        'ab', 'aB', 'Ab', 'a10b', 'a10a', 'a1b', '100', '099', '0099', '$x', '.x', '@', 'k8s', 'k9s', 'k10s']
STRUCTS = [
    {'l': [1, 2], 'm': {'a': 1}, 'e': {}, 'el': [], 'n': None},
    [[1, 2], [3, [4, 5]], [], {}, None, {'a': [1, {'b': []}]}],
    {'a': {'b': {'c': {'d': {'e': [1, 'x\ny', {'f': 'g'}]}}}}},
    [{'a': 1, 'b': [1, 2]}, {'c': None}, {'d': {}}, [{'e': 1}]],
    {'multi': 'a\nb\n', 'list': ['x\ny', 'p\n\nq\n\n', ' lead\nx'], 'nested': {'s': 'l1\nl2'}},
    {'k' * 130: 'long key', 'short': 1},
    {'a\nb': 1},
    {'lst': [[[]], [{}], [[1]]]},
    [],
    {},
    None,
    'plain',
    True,
    [True, False, None, 'true', 'null', '1'],
    {'resources': {'limits': {'cpu': '100m', 'memory': '128Mi'}, 'requests': {'cpu': 0.5, 'memory': '64Mi'}},
     'env': [{'name': 'A', 'value': '1'}, {'name': 'B', 'valueFrom': {'secretKeyRef': {'name': 's', 'key': 'k'}}}],
     'annotations': {'prometheus.io/scrape': 'true', 'checksum/config': 'abc123'},
     'nodeSelector': {}, 'tolerations': [], 'affinity': {}, 'port': 8080, 'image': 'nginx:1.25',
     'command': ['/bin/sh', '-c', 'echo "hello" && sleep 3600'],
     'config': 'server {\n  listen 80;\n  location / {\n    root /usr/share/nginx/html;\n  }\n}\n'},
    {'html': '<a href="x">&</a>', 'u': '\u2028\u2029', 'ctl': '\x01\x1f\b\f', 'emoji': '😀'},
]

def cases():
    out = [json.loads(n) if False else ('NUM', n) for n in NUMS]
    out.append(('JSON', json.dumps({k: i for i, k in enumerate(KEYS)}, ensure_ascii=False)))
    for s in STRUCTS:
        out.append(('JSON', json.dumps(s, ensure_ascii=False)))
    return out

TEMPLATE = '''{{- range $k, $v := .Values.cases }}
{{ $k }}: {{ list (toYaml $v) (toYamlPretty $v) (toJson $v) (toPrettyJson $v) (toRawJson $v) | join "\\n@@@\\n" | b64enc }}
{{- end }}
'''

def run(helm, cs):
    d = tempfile.mkdtemp()
    ch = os.path.join(d, 'mychart')
    os.makedirs(os.path.join(ch, 'templates'))
    open(os.path.join(ch, 'Chart.yaml'), 'w').write('apiVersion: v2\nname: mychart\nversion: 0.1.0\n')
    vals = 'cases:\n' + ''.join('  k%04d: %s\n' % (i, t) for i, (_, t) in enumerate(cs))
    open(os.path.join(ch, 'values.yaml'), 'w').write(vals)
    open(os.path.join(ch, 'templates', 'c.yaml'), 'w').write(TEMPLATE)
    env = dict(os.environ, HOME=d, TZ='UTC')
    p = subprocess.run([helm, 'template', ch], capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.exit(p.stderr)
    res = {}
    for line in p.stdout.splitlines():
        if line.startswith('k') and ': ' in line:
            k, b = line.split(': ', 1)
            res[int(k[1:])] = base64.b64decode(b).decode('utf-8').split('\n@@@\n')
    return res

def main():
    cs = cases()
    r4 = run(os.environ.get('HELM4', 'helm4'), cs)
    r3 = run(os.environ.get('HELM3', 'helm3'), cs)
    table = []
    for i, (_, t) in enumerate(cs):
        if r4.get(i) != r3.get(i):
            print('helm3/helm4 differ for', t, file=sys.stderr)
        table.append({'json': t, 'out': r4.get(i)})
    json.dump({'recordedWith': 'helm v4.1.4 (equal to v3.17.3)',
               'shapes': ['toYaml', 'toYamlPretty', 'toJson', 'toPrettyJson', 'toRawJson'], 'cases': table},
              sys.stdout, ensure_ascii=True, indent=0)

main()
