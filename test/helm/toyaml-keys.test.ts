// toYaml of map keys around the bounds where a key stops being a simple key (over 128 UTF-8
// bytes, or holding a line break: `? key`) and where go-yaml cannot read the JSON back (a key
// over 1024 characters quoted: toYaml gives ""). The emitter and the encoder decide short keys
// without measuring them (yaml/yamlEmitter.ts checkSimpleKey, yaml/yamlEncode.ts reReadKey).
// Expected output recorded from helm v4.1.4 (`helm4 template .`); helm v3.17.3 printed the same.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryFS } from '../../server/src/chart/fs';
import { runTemplateCommand } from '../../server/src/render/template-command';

const VALUES = "k170:\n  \"<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\": 1\nk171:\n  \"<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\": 1\nk42ls:\n  \"a\\u2028bccccccccccccccccccccccccccccccccccccccc\": 1\nk42:\n  \"dddddddddddddddddddddddddddddddddddddddddd\": 1\nk43:\n  \"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\": 1\nk43ls:\n  \"f\\u2028ggggggggggggggggggggggggggggggggggggggggg\": 1\nk41nl:\n  \"h\\niiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii\": 1\nk100:\n  \"éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé\": 1\nk30nel:\n  \"j\\u0085kkkkkkkkkkkkkkkkkkkkkkkkkkkk\": 1\n";
const TEMPLATE = "k170: {{ toYaml .Values.k170 | quote }}\nk171: {{ toYaml .Values.k171 | quote }}\nk42ls: {{ toYaml .Values.k42ls | quote }}\nk42: {{ toYaml .Values.k42 | quote }}\nk43: {{ toYaml .Values.k43 | quote }}\nk43ls: {{ toYaml .Values.k43ls | quote }}\nk41nl: {{ toYaml .Values.k41nl | quote }}\nk100: {{ toYaml .Values.k100 | quote }}\nk30nel: {{ toYaml .Values.k30nel | quote }}\n";
const RECORDED = "---\n# Source: keys/templates/cm.yaml\nk170: \"? <<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\\n: 1\"\nk171: \"\"\nk42ls: \"? 'a\\u2028  bccccccccccccccccccccccccccccccccccccccc'\\n: 1\"\nk42: \"dddddddddddddddddddddddddddddddddddddddddd: 1\"\nk43: \"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee: 1\"\nk43ls: \"? 'f\\u2028  ggggggggggggggggggggggggggggggggggggggggg'\\n: 1\"\nk41nl: \"? |-\\n  h\\n  iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii\\n: 1\"\nk100: \"? éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé\\n: 1\"\nk30nel: \"\"\n";

for (const hv of [4, 3] as const) {
  test(`toYaml keys at the simple-key and quoting bounds (helm ${hv})`, () => {
    const fs = memoryFS({
      'keys/Chart.yaml': 'apiVersion: v2\nname: keys\nversion: 0.1.0\n',
      'keys/values.yaml': VALUES,
      'keys/templates/cm.yaml': TEMPLATE,
    });
    const r = runTemplateCommand(['keys', '--helm-version', String(hv)], { fs, cwd: '' });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, RECORDED);
  });
}
