#!/usr/bin/env python3
"""Records Helm's toYaml / toYamlPretty / toJson output for tricky strings and numbers.

Usage: python3 test/helm/data/record_yaml.py > test/helm/data/yaml-strings.json
Needs helm4 and helm3 on PATH (or HELM4=/HELM3=). Each case string is put in values.yaml as a
double-quoted YAML scalar (escaped, so the exact string reaches Helm), then rendered in
several shapes; the outputs are base64-encoded by the template so YAML parsing of the
rendered manifest cannot alter them.
"""
import base64, json, os, subprocess, sys, tempfile

SPECIAL = [' ', '-', ':', '#', "'", '"', '?', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>',
           '%', '@', '`', '\t', '\n', 'a', '0', '.', '~', '\\', '=', '<', '+']

def cases():
    out = []
    for a in SPECIAL:
        for b in SPECIAL:
            out.append(a + b)
    words = ['y', 'Y', 'yes', 'Yes', 'YES', 'yEs', 'n', 'N', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off',
             'Off', 'OFF', 'true', 'True', 'TRUE', 'tRue', 'false', 'False', 'FALSE', 'null', 'Null',
             'NULL', 'nULL', '~', '', '<<', '=', 'ok', 'yes please', 'nope']
    nums = ['1', '1.0', '-1', '+1', '0x1F', '0X1F', '0o17', '0b101', '-0b101', '1_000', '1e3', '1E3', '.5',
            '-.5', '1.', '08', '0755', '0', '-0', '00', '1:30', '1:30:00', '190:20:30.15', '-1:30',
            '.inf', '-.Inf', '+.INF', '.nan', 'NaN', 'nan', 'inf', 'Infinity', '+inf', '1e400', '-1e400',
            '99999999999999999999', '9223372036854775808', '18446744073709551615', '18446744073709551616',
            '0xFFFFFFFFFFFFFFFFFF', '1e', '1e+', '0x', '0b', '0o', '1.2.3', '1,000', '12345678901234567890123',
            '2020-01-01', '2020-1-1', '2020-01-01T00:00:00Z', '2020-01-01 10:00:00', '2020-02-30',
            '2020-02-29', '2021-02-29', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5',
            '2020-01-01T25:00:00Z', '2020-01-01T10:00:00+01:00', '2020-01-01T10:00:00.5Z', '2020-13-01',
            '1.5e-7', '-', '--', '---', '----', '...', '....', '- a', '-a', ':a', 'a:', 'a:b', 'a: b',
            'a #b', 'a#b', '#a', '? a', '?a', '@a', '`a', '%a', '!a', '&a', '*a', '|a', '>a', "'a", '"a',
            "a'", 'a"', '[a]', 'a[', 'a,b', '{a}', 'a}', 'a b', 'a  b', ' a', 'a ', '  ', ' ', '\t',
            'a\tb', '\ta', 'a\t', 'a\\b', 'a/b', 'a=b', '%', 'a%', 'http://x.y/z?a=b&c=d#f', 'k=v,k2=v2',
            '*', '&', '!', '|', '>', '@', '`', '{{ .Values.x }}', '$(VAR)', '${VAR}']
    uni = ['é', 'héllo ✓', '😀', 'a😀b', '\u0085', 'a\u0085b', '\u2028', 'a\u2028b', '\ufeff', 'a\ufeffb',
           '\u00a0', 'a\u00a0b', '\x7f', '\x00', 'a\x00b', '\x1b[0m', '\ue000', '\ufffe', '\uffff',
           '\ufffd', '日本語', 'ÄÖÜ: x', '\u200b', 'a\rb', '\r', 'a\r\nb', '\x07', '\x08', '\x0b', '\x0c',
           '\x01', 'ö' * 50 + ' ' + 'ö' * 50, '\u0080', '\u009f', '\u00ff']
    multi = ['a\nb', 'a\n', 'a\n\n', '\na', '\n', '\n\n', ' a\nb', 'a \nb', 'a\n b', 'a\n\tb', 'a\nb ',
             'a\n\n\nb\n', 'line1\nline2\n', '  indented\nx', 'a\n ', 'a\n\n ', '# c\nx', '- a\n- b\n',
             'key: value\nother: 1\n', 'a\n\nb', 'x\n\n\n', '\n\nx', 'tab\there\nx', 'a\u2028b\nc',
             'a\x00\nb', ('word ' * 30) + '\nend', '"q"\n\'s\'', 'a\nb\n' + 'z' * 100]
    longs = []
    for n in (70, 75, 76, 77, 78, 79, 80, 81, 82, 85, 90, 100, 200):
        longs.append(('abcd ' * 60)[:n])
        longs.append(('abcd ' * 60)[:n].rstrip() + ' ')
        longs.append(('ab  cd ' * 40)[:n])
        longs.append('x' * n)
        longs.append(('x' * (n - 5)) + ' yyyy zzzz')
        longs.append(("it's " * 40)[:n])
        longs.append(('a: b ' * 40)[:n])
        longs.append(('\t' + 'abc ' * 40)[:n])
        longs.append(('ab\tcd ' * 40)[:n])
    longs.append('word ' * 100)
    longs.append(('a' * 40 + ' ') * 5 + 'end')
    longs.append(' ' + 'abcd ' * 30)
    longs.append('abcd ' * 30 + ' ')
    longs.append('abcd  ' * 30 + 'x')
    longs.append('k' * 129)
    longs.append('k' * 128)
    longs.append('é' * 64 + 'k')
    longs.append('é' * 65)
    seen = set()
    res = []
    for s in out + words + nums + uni + multi + longs:
        if s not in seen:
            seen.add(s)
            res.append(s)
    return res

def yq(s):
    """YAML double-quoted scalar with escapes for everything outside printable ASCII."""
    o = '"'
    for ch in s:
        c = ord(ch)
        if ch == '"':
            o += '\\"'
        elif ch == '\\':
            o += '\\\\'
        elif 0x20 <= c < 0x7f:
            o += ch
        elif c > 0xffff:
            o += '\\U%08X' % c
        else:
            o += '\\u%04X' % c
    return o + '"'

TEMPLATE = '''{{- range $k, $v := .Values.cases }}
{{ $k }}: {{ list (toYaml (dict "key" $v)) (toYaml (list $v)) (toYaml $v) (toYaml (dict $v 1)) (toYaml (dict "a" (dict "b" (list $v (list $v)) "c" $v))) (toYamlPretty (dict "a" (list $v) "k" $v)) (toJson $v) | join "\\n@@@\\n" | b64enc }}
{{- end }}
'''

def run(helm, strings):
    d = tempfile.mkdtemp()
    ch = os.path.join(d, 'mychart')
    os.makedirs(os.path.join(ch, 'templates'))
    open(os.path.join(ch, 'Chart.yaml'), 'w').write('apiVersion: v2\nname: mychart\nversion: 0.1.0\n')
    vals = 'cases:\n' + ''.join('  k%04d: %s\n' % (i, yq(s)) for i, s in enumerate(strings))
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
    strings = cases()
    r4 = run(os.environ.get('HELM4', 'helm4'), strings)
    r3 = run(os.environ.get('HELM3', 'helm3'), strings)
    table = []
    for i, s in enumerate(strings):
        if r4[i] != r3[i]:
            print('helm3/helm4 differ for', repr(s), file=sys.stderr)
        table.append({'s': s, 'out': r4[i]})
    json.dump({'recordedWith': 'helm v4.1.4 (checked equal to v3.17.3 unless noted)', 'shapes': [
        'toYaml (dict "key" $v)', 'toYaml (list $v)', 'toYaml $v', 'toYaml (dict $v 1)',
        'toYaml (dict "a" (dict "b" (list $v (list $v)) "c" $v))', 'toYamlPretty (dict "a" (list $v) "k" $v)', 'toJson $v'],
        'cases': table}, sys.stdout, ensure_ascii=True, indent=0)

main()
