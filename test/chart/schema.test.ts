// values.schema.json tests: each case recorded with helm v4.1.4 and v3.17.3 (`helm template`
// stderr for a chart with the schema and values.yaml). More cases run in vectors.test.ts
// (values/schema area). Note `s: y` and `n: ...` are YAML 1.1 booleans, as Helm reads them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryFS } from '../../server/src/chart/fs';
import { prepareRelease } from '../../server/src/chart/index';
import { loadChart } from '../../server/src/chart/loader';

const CASES: ReadonlyArray<{ schema: unknown; values: string; helm4: string; helm3: string }> = [
 {
  "schema": {
   "type": "object",
   "properties": {
    "mode": {
     "enum": [
      "a",
      "b"
     ]
    }
   }
  },
  "values": "mode: c\n",
  "helm4": "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nmychart:\n- at '/mode': value must be one of 'a', 'b'\n\n",
  "helm3": "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nmychart:\n- mode: mode must be one of the following: \"a\", \"b\"\n\n"
 },
 {
  "schema": {
   "type": "object",
   "additionalProperties": false,
   "properties": {
    "a": {}
   }
  },
  "values": "a: 1\nextra: 2\n",
  "helm4": "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nmychart:\n- at '': additional properties 'extra' not allowed\n\n",
  "helm3": "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nmychart:\n- (root): Additional property extra is not allowed\n\n"
 },
 {
  "schema": {
   "type": "object",
   "properties": {
    "s": {
     "type": "string",
     "pattern": "^x"
    }
   }
  },
  "values": "s: y\n",
  "helm4": "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nmychart:\n- at '/s': got boolean, want string\n\n",
  "helm3": "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nmychart:\n- s: Invalid type. Expected: string, given: boolean\n\n"
 },
 {
  "schema": {
   "type": "object",
   "properties": {
    "s": {
     "type": "string",
     "minLength": 3
    }
   }
  },
  "values": "s: ab\n",
  "helm4": "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nmychart:\n- at '/s': minLength: got 2, want 3\n\n",
  "helm3": "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nmychart:\n- s: String length must be greater than or equal to 3\n\n"
 },
 {
  "schema": {
   "type": "object",
   "properties": {
    "l": {
     "type": "array",
     "minItems": 2
    }
   }
  },
  "values": "l: [1]\n",
  "helm4": "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nmychart:\n- at '/l': minItems: got 1, want 2\n\n",
  "helm3": "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nmychart:\n- l: Array must have at least 2 items\n\n"
 },
 {
  "schema": {
   "type": "object",
   "properties": {
    "n": {
     "type": "number",
     "maximum": 5
    }
   }
  },
  "values": "n: 7.5\n",
  "helm4": "",
  "helm3": ""
 },
 {
  "schema": {
   "type": "object",
   "properties": {
    "n": {
     "type": [
      "string",
      "null"
     ]
    }
   }
  },
  "values": "n: 1\n",
  "helm4": "",
  "helm3": ""
 },
 {
  "schema": {
   "type": "object",
   "properties": {
    "i": {
     "type": "integer"
    }
   }
  },
  "values": "i: 2.0\n",
  "helm4": "",
  "helm3": ""
 }
];

for (const c of CASES) {
  for (const v of [4, 3] as const) {
    test(`schema ${JSON.stringify(c.schema)} / ${JSON.stringify(c.values)} (v${v})`, () => {
      const r = loadChart(
        memoryFS({
          'mychart/Chart.yaml': 'apiVersion: v2\nname: mychart\nversion: 0.1.0\n',
          'mychart/values.yaml': c.values,
          'mychart/values.schema.json': JSON.stringify(c.schema),
        }),
        'mychart',
        v,
      );
      assert.ok('chart' in r);
      const p = prepareRelease(r.chart, new Map(), { releaseName: 'r', namespace: '', isUpgrade: false, apiVersions: [], helmVersion: v, skipSchemaValidation: false });
      const want = v === 4 ? c.helm4 : c.helm3;
      assert.equal('error' in p ? `Error: ${p.error}\n` : '', want);
    });
  }
}
