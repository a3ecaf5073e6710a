// strvals tests: every case was recorded with helm v4.1.4 (`helm template mychart FLAG VALUE` on
// an empty chart, template `{{ toJson .Values }}|{{ range $k, $v := .Values }}{{ $k }}:{{ typeOf $v }},{{ end }}`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeCliValues } from '../../server/src/chart/values';
import { marshalJSON } from '../../server/src/sprig/json';
import { sortedKeys, typeName, utf8Encode } from '../../server/src/template/value';

interface Case {
  readonly flag: string;
  readonly value: string;
  readonly json?: string;
  readonly types?: string;
  readonly error?: string;
}

const CASES: readonly Case[] = [
 {
  "flag": "--set",
  "value": "a=1,b=true,c=TRUE,d=null,e=0,f=007,g=1.5,h=-3,i=,j=9223372036854775808,k=+5",
  "json": "{\"a\":1,\"b\":true,\"c\":true,\"d\":null,\"e\":0,\"f\":\"007\",\"g\":\"1.5\",\"h\":-3,\"i\":\"\",\"j\":\"9223372036854775808\",\"k\":5}",
  "types": "a:int64,b:bool,c:bool,d:<nil>,e:int64,f:string,g:string,h:int64,i:string,j:string,k:int64,"
 },
 {
  "flag": "--set",
  "value": "a.b.c=x,a.d=y",
  "json": "{\"a\":{\"b\":{\"c\":\"x\"},\"d\":\"y\"}}",
  "types": "a:map[string]interface {},"
 },
 {
  "flag": "--set",
  "value": "list={a,b,c}",
  "json": "{\"list\":[\"a\",\"b\",\"c\"]}",
  "types": "list:[]interface {},"
 },
 {
  "flag": "--set",
  "value": "list[2]=x",
  "json": "{\"list\":[null,null,\"x\"]}",
  "types": "list:[]interface {},"
 },
 {
  "flag": "--set",
  "value": "list[0].name=a,list[1].name=b",
  "json": "{\"list\":[{\"name\":\"a\"},{\"name\":\"b\"}]}",
  "types": "list:[]interface {},"
 },
 {
  "flag": "--set",
  "value": "m[1][0]=x",
  "json": "{\"m\":[null,[\"x\"]]}",
  "types": "m:[]interface {},"
 },
 {
  "flag": "--set",
  "value": "a\\.b=1,c=x\\,y",
  "json": "{\"a.b\":1,\"c\":\"x,y\"}",
  "types": "a.b:int64,c:string,"
 },
 {
  "flag": "--set",
  "value": "a={}",
  "json": "{\"a\":[\"\"]}",
  "types": "a:[]interface {},"
 },
 {
  "flag": "--set",
  "value": "a={x}",
  "json": "{\"a\":[\"x\"]}",
  "types": "a:[]interface {},"
 },
 {
  "flag": "--set",
  "value": "a=b=c",
  "json": "{\"a\":\"b=c\"}",
  "types": "a:string,"
 },
 {
  "flag": "--set",
  "value": "name=\"quoted\"",
  "json": "{\"name\":\"\\\"quoted\\\"\"}",
  "types": "name:string,"
 },
 {
  "flag": "--set",
  "value": "a.b",
  "error": "Error: failed parsing --set data: key \"b\" has no value"
 },
 {
  "flag": "--set",
  "value": "a,",
  "error": "Error: failed parsing --set data: key \"a\" has no value (cannot end with ,)"
 },
 {
  "flag": "--set",
  "value": "a[x]=1",
  "error": "Error: failed parsing --set data: error parsing index: strconv.Atoi: parsing \"x\": invalid syntax"
 },
 {
  "flag": "--set",
  "value": "a=1,a.b=2",
  "error": "Error: failed parsing --set data: unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}"
 },
 {
  "flag": "--set",
  "value": "a[-1]=1",
  "error": "Error: failed parsing --set data: negative -1 index not allowed"
 },
 {
  "flag": "--set",
  "value": "a[70000]=1",
  "error": "Error: failed parsing --set data: index of 70000 is greater than maximum supported index of 65536"
 },
 {
  "flag": "--set",
  "value": "list={a,b",
  "error": "Error: failed parsing --set data: list must terminate with '}'"
 },
 {
  "flag": "--set",
  "value": "a.=1",
  "error": "Error: failed parsing --set data: key map \"a\" has no value"
 },
 {
  "flag": "--set",
  "value": "a[0]x=1",
  "error": "Error: failed parsing --set data: unexpected data at end of array index: ['x']"
 },
 {
  "flag": "--set-string",
  "value": "a=1,b=true,c=null",
  "json": "{\"a\":\"1\",\"b\":\"true\",\"c\":\"null\"}",
  "types": "a:string,b:string,c:string,"
 },
 {
  "flag": "--set-string",
  "value": "l={1,2}",
  "json": "{\"l\":[\"1\",\"2\"]}",
  "types": "l:[]interface {},"
 },
 {
  "flag": "--set-json",
  "value": "a={\"b\":1.5,\"c\":[1,\"x\",null]}",
  "json": "{\"a\":{\"b\":1.5,\"c\":[1,\"x\",null]}}",
  "types": "a:map[string]interface {},"
 },
 {
  "flag": "--set-json",
  "value": "a=[1,2],b=\"s\"",
  "json": "{\"a\":[1,2],\"b\":\"s\"}",
  "types": "a:[]interface {},b:string,"
 },
 {
  "flag": "--set-json",
  "value": "a[1]={\"x\":1}",
  "json": "{\"a\":[null,{\"x\":1}]}",
  "types": "a:[]interface {},"
 },
 {
  "flag": "--set-json",
  "value": "a=",
  "json": "{\"a\":null}",
  "types": "a:<nil>,"
 },
 {
  "flag": "--set-literal",
  "value": "a.b={x,y}=z",
  "json": "{\"a\":{\"b\":\"{x,y}=z\"}}",
  "types": "a:map[string]interface {},"
 },
 {
  "flag": "--set-literal",
  "value": "a[1]=v,w",
  "json": "{\"a\":[null,\"v,w\"]}",
  "types": "a:[]interface {},"
 },
 {
  "flag": "--set-file",
  "value": "a=f.txt",
  "json": "{\"a\":\"filedata\\n\"}",
  "types": "a:string,"
 },
 {
  "flag": "--set-file",
  "value": "a={f.txt,f.txt}",
  "json": "{\"a\":[\"filedata\\n\",\"filedata\\n\"]}",
  "types": "a:[]interface {},"
 },
 {
  "flag": "--set-file",
  "value": "a=nope.txt",
  "error": "Error: failed parsing --set-file data: open nope.txt: no such file or directory"
 }
];

const FLAG_FIELD: Record<string, 'set' | 'setString' | 'setJson' | 'setFile' | 'setLiteral'> = {
  '--set': 'set',
  '--set-string': 'setString',
  '--set-json': 'setJson',
  '--set-file': 'setFile',
  '--set-literal': 'setLiteral',
};

for (const c of CASES) {
  test(`${c.flag} ${c.value}`, () => {
    const opts = { valueFiles: [], set: [], setString: [], setJson: [], setFile: [], setLiteral: [], [FLAG_FIELD[c.flag]]: [c.value] };
    const r = mergeCliValues((p) => (p === 'f.txt' ? utf8Encode('filedata\n') : undefined), opts, 4);
    if (c.error !== undefined) {
      assert.ok('error' in r, 'expected an error');
      assert.equal(`Error: ${r.error}`, c.error);
      return;
    }
    assert.ok('values' in r, 'error' in r ? r.error : '');
    assert.equal(marshalJSON(r.values), c.json);
    assert.equal(sortedKeys(r.values).map((k) => `${k}:${typeName(r.values.get(k))},`).join(''), c.types);
  });
}
