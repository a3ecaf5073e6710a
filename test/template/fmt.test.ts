// Table tests for Go's fmt as used by templates (print, println, printf, %v printing).
// Expectations recorded from helm v4.1.4 (go1.25.9) by rendering every case through
// `helm template` (helm v3.17.3 / go1.23.7 gave identical fmt output); see the oracle notes in
// the commit that added this file. Args are written in a small notation:
//   bare integer → Go int literal (bare non-integer → float64); "s" → string; true/false; null → nil;
//   ["f", x] float64 (x may be "NaN", "+Inf", "-Inf", "-0"); ["i64", "n"] int64; ["u8", n] uint8;
//   ["bytes", "hex"] []byte; ["c", re, im] complex128; ["l", ...] []interface {}; ["ls", ...] []string;
//   ["m", k, v, ...] map[string]interface {}; ["vals"] .Values (common.Values: {a: 1, b: [x, 2.5], c: {d: null}});
//   ["tpl", ".Capabilities.KubeVersion" | ".Capabilities.HelmVersion" | ".Values.a" | ".Values.b"].
// Kinds: printf = sprintf(format, args); print = sprint(args); println = sprintln(args);
// direct = `{{ x }}` (formatOutput with an addressable field).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatOutput, sprint, sprintf, sprintln } from '../../server/src/template/fmt';
import { GoComplex, GoInt, GoObject, NamedMap, typedSlice, type Kind, type MapTypeInfo, type Value } from '../../server/src/template/value';

type Arg = number | string | boolean | null | (string | number | Arg)[];
type Case = [kind: 'printf' | 'print' | 'println' | 'direct', format: string, args: Arg[], expected: string];

/** Struct is a test GoObject with ordered string fields and an optional pointer-receiver String(). */
class Struct extends GoObject {
  readonly kind: Kind = 'struct';
  constructor(
    readonly goType: string,
    private readonly fields: [string, Value][],
    private readonly ptrString?: string,
  ) {
    super();
  }
  override field(name: string): { value: Value } | undefined {
    const f = this.fields.find(([n]) => n === name);
    return f ? { value: f[1] } : undefined;
  }
  override fieldNames(): readonly string[] {
    return this.fields.map(([n]) => n);
  }
  override stringer(addressable: boolean): string | undefined {
    return addressable ? this.ptrString : undefined;
  }
}

const valuesType: MapTypeInfo = { name: 'common.Values', elem: 'interface {}', method: () => undefined };

const kubeVersion = new Struct(
  'common.KubeVersion',
  [
    ['Version', 'v1.35.0'],
    ['normalizedVersion', 'v1.35.0'],
    ['Major', '1'],
    ['Minor', '35'],
  ],
  'v1.35.0',
);
const helmVersion = new Struct('version.BuildInfo', [
  ['Version', 'v4.1.4'],
  ['GitCommit', '05fa37973dc9e42b76e1d2883494c87174b6074f'],
  ['GitTreeState', 'clean'],
  ['GoVersion', 'go1.25.9'],
  ['KubeClientVersion', 'v1.35'],
]);

function float(x: string | number): number {
  if (typeof x === 'number') return x;
  switch (x) {
    case 'NaN':
      return NaN;
    case '+Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    case '-0':
      return -0;
  }
  return Number(x);
}

function toValue(a: Arg): Value {
  if (a === null || typeof a === 'boolean' || typeof a === 'string') return a;
  if (typeof a === 'number') return Number.isInteger(a) ? new GoInt('int', BigInt(a)) : a;
  const [tag, ...r] = a;
  switch (tag) {
    case 'f':
      return float(r[0] as string | number);
    case 'i64':
      return new GoInt('int64', BigInt(r[0] as string));
    case 'u8':
      return new GoInt('uint8', BigInt(r[0] as number));
    case 'bytes':
      return Uint8Array.from(Buffer.from(r[0] as string, 'hex'));
    case 'c':
      return new GoComplex(r[0] as number, r[1] as number);
    case 'l':
      return (r as Arg[]).map(toValue);
    case 'ls':
      return typedSlice((r as Arg[]).map(toValue), 'string');
    case 'm': {
      const m = new Map<string, Value>();
      for (let i = 0; i < r.length; i += 2) m.set(r[i] as string, toValue(r[i + 1] as Arg));
      return m;
    }
    case 'vals':
      return new NamedMap(valuesType, [
        ['a', 1],
        ['b', ['x', 2.5]],
        ['c', new Map<string, Value>([['d', null]])],
      ]);
    case 'tpl':
      switch (r[0]) {
        case '.Capabilities.KubeVersion':
          return kubeVersion;
        case '.Capabilities.HelmVersion':
          return helmVersion;
        case '.Values.a':
          return 1;
        case '.Values.b':
          return ['x', 2.5];
      }
  }
  throw new Error('bad arg ' + JSON.stringify(a));
}

function run([kind, format, args]: Case): string {
  const vs = args.map(toValue);
  switch (kind) {
    case 'printf':
      return sprintf(format, vs);
    case 'print':
      return sprint(vs);
    case 'println':
      return sprintln(vs);
    case 'direct':
      return formatOutput(vs[0], true);
  }
}

test('fmt table (recorded from helm v4.1.4)', () => {
  const failures: string[] = [];
  for (const c of cases) {
    let got: string;
    try {
      got = run(c);
    } catch (e) {
      got = 'THROWN: ' + String(e);
    }
    if (got !== c[3]) failures.push(`${c[0]} ${JSON.stringify(c[1])} ${JSON.stringify(c[2])}: got ${JSON.stringify(got)}, want ${JSON.stringify(c[3])}`);
  }
  assert.deepEqual(failures, [], `${failures.length}/${cases.length} cases differ`);
});

const cases: Case[] = [
  ["printf","%d",[5],"5"],
  ["printf","%d",[["i64","-3"]],"-3"],
  ["printf","%d",[["f",1]],"%!d(float64=1)"],
  ["printf","%d",[true],"%!d(bool=true)"],
  ["printf","%d",[null],"%!d(<nil>)"],
  ["printf","%d",["x"],"%!d(string=x)"],
  ["printf","%5d|",[42],"   42|"],
  ["printf","%-5d|",[42],"42   |"],
  ["printf","%05d",[42],"00042"],
  ["printf","%05d",[-42],"-0042"],
  ["printf","%+d",[5],"+5"],
  ["printf","% d",[5]," 5"],
  ["printf","%+05d",[5],"+0005"],
  ["printf","%.3d",[7],"007"],
  ["printf","%8.3d|",[7],"     007|"],
  ["printf","%.0d|",[0],"|"],
  ["printf","%5.0d|",[0],"     |"],
  ["printf","%-05d|",[42],"42   |"],
  ["printf","%x",[255],"ff"],
  ["printf","%X",[255],"FF"],
  ["printf","%#x",[255],"0xff"],
  ["printf","%#X",[255],"0XFF"],
  ["printf","%x",[-255],"-ff"],
  ["printf","%o",[8],"10"],
  ["printf","%#o",[8],"010"],
  ["printf","%O",[8],"0o10"],
  ["printf","%b",[5],"101"],
  ["printf","%#b",[5],"0b101"],
  ["printf","%c",[65],"A"],
  ["printf","%c",[128512],"😀"],
  ["printf","%c",[55296],"�"],
  ["printf","%c",[-1],"�"],
  ["printf","%q",[65],"'A'"],
  ["printf","%q",[128512],"'😀'"],
  ["printf","%+q",[233],"'\\u00e9'"],
  ["printf","%q",[10],"'\\n'"],
  ["printf","%q",[55296],"'�'"],
  ["printf","%U",[128512],"U+1F600"],
  ["printf","%#U",[65],"U+0041 'A'"],
  ["printf","%U",[-1],"U+FFFFFFFFFFFFFFFF"],
  ["printf","%.6U",[65],"U+000041"],
  ["printf","%8U|",[65],"  U+0041|"],
  ["printf","%d",[["u8",98]],"98"],
  ["printf","%v",[["u8",98]],"98"],
  ["printf","%c",[["u8",98]],"b"],
  ["printf","%x",[["i64","9223372036854775807"]],"7fffffffffffffff"],
  ["printf","%d",[["i64","-9223372036854775808"]],"-9223372036854775808"],
  ["printf","%x",[["i64","-9223372036854775808"]],"-8000000000000000"],
  ["printf","%#v",[5],"5"],
  ["printf","%#v",[["i64","-7"]],"-7"],
  ["printf","%#v",[["u8",98]],"0x62"],
  ["printf","%+v",[5],"5"],
  ["printf","%010.4d|",[42],"      0042|"],
  ["printf","%#08x",[255],"0x000000ff"],
  ["printf","%s",[5],"%!s(int=5)"],
  ["printf","%t",[5],"%!t(int=5)"],
  ["printf","%e",[5],"%!e(int=5)"],
  ["printf","%f",[5],"%!f(int=5)"],
  ["printf","%g",[5],"%!g(int=5)"],
  ["printf","%x",[["u8",255]],"ff"],
  ["printf","%#o",[0],"0"],
  ["printf","% x",[-255],"-ff"],
  ["printf","%+x",[255],"+ff"],
  ["printf","%s",["hi"],"hi"],
  ["printf","%5s|",["hi"],"   hi|"],
  ["printf","%-5s|",["hi"],"hi   |"],
  ["printf","%.2s",["héllo"],"hé"],
  ["printf","%5.1s|",["héllo"],"    h|"],
  ["printf","%q",["a\"b\n"],"\"a\\\"b\\n\""],
  ["printf","%+q",["é☺😀"],"\"\\u00e9\\u263a\\U0001f600\""],
  ["printf","%#q",["ab"],"`ab`"],
  ["printf","%#q",["a`b"],"\"a`b\""],
  ["printf","%#q",["a\tb"],"`a\tb`"],
  ["printf","%#q",["a\nb"],"\"a\\nb\""],
  ["printf","%x",["hi"],"6869"],
  ["printf","%X",["hi"],"6869"],
  ["printf","% x",["hi"],"68 69"],
  ["printf","%# x",["hi"],"0x68 0x69"],
  ["printf","%#x",["hi"],"0x6869"],
  ["printf","%.1x",["hi"],"68"],
  ["printf","%8x|",["hi"],"    6869|"],
  ["printf","%-8x|",["hi"],"6869    |"],
  ["printf","%x",[""],""],
  ["printf","%4x|",[""],"    |"],
  ["printf","%x",["é"],"c3a9"],
  ["printf","%v",[""],""],
  ["printf","%05s",["ab"],"000ab"],
  ["printf","%-05s|",["ab"],"ab   |"],
  ["printf","%s",["日本語"],"日本語"],
  ["printf","%5s|",["日本"],"   日本|"],
  ["printf","%d",["5"],"%!d(string=5)"],
  ["printf","%t",["x"],"%!t(string=x)"],
  ["printf","%#v",["x"],"\"x\""],
  ["printf","%#v",["a\"b"],"\"a\\\"b\""],
  ["printf","%+v",["x"],"x"],
  ["printf","%5q|",["a"],"  \"a\"|"],
  ["printf","%.1q",["abc"],"\"a\""],
  ["printf","%c",["a"],"%!c(string=a)"],
  ["printf","%q",["é☺­​ 　͸﻿ "],"\"é☺\\u00ad\\u200b\\u00a0\\u3000\\ue000\\u0378\\ufeff\\u2028\""],
  ["printf","%q",["\u0000\u0007\b\f\u001b\r\t\u000b\\"],"\"\\x00\\a\\b\\f\\x1b\\x7f\\u0080\\u009f\\r\\t\\v\\\\\""],
  ["printf","%+q",["é􏿿"],"\"\\x7f\\u00e9\\U0010ffff\""],
  ["printf","%q",["é🇺󠀁𝐀"],"\"é🇺\\U000e0001𝐀\""],
  ["printf","%s",[5.5],"%!s(float64=5.5)"],
  ["printf","%f",[["f",3.14159]],"3.141590"],
  ["printf","%.2f",[["f",3.14159]],"3.14"],
  ["printf","%5.2f",[["f",3.14159]]," 3.14"],
  ["printf","%08.3f",[["f",-3.14159]],"-003.142"],
  ["printf","%+.2f",[["f",3.14159]],"+3.14"],
  ["printf","% .2f",[["f",3.14159]]," 3.14"],
  ["printf","%e",[["f",1234.5678]],"1.234568e+03"],
  ["printf","%E",[["f",1234.5678]],"1.234568E+03"],
  ["printf","%.2e",[["f",1234.5678]],"1.23e+03"],
  ["printf","%g",[["f",1234.5678]],"1234.5678"],
  ["printf","%G",[["f",1e-7]],"1E-07"],
  ["printf","%.3g",[["f",1234.5678]],"1.23e+03"],
  ["printf","%.3g",[["f",1]],"1"],
  ["printf","%#g",[["f",1]],"1.00000"],
  ["printf","%#.3g",[["f",1]],"1.00"],
  ["printf","%#.0f",[["f",3]],"3."],
  ["printf","%#.0e",[["f",3]],"3.e+00"],
  ["printf","%#g",[["f",1e-7]],"1.00000e-07"],
  ["printf","%#g",[["f",123456789]],"1.23456789e+08"],
  ["printf","%.0f",[["f",2.5]],"2"],
  ["printf","%.0f",[["f",3.5]],"4"],
  ["printf","%.2f",[["f",0.125]],"0.12"],
  ["printf","%.2f",[["f",0.375]],"0.38"],
  ["printf","%.1f",[["f",0.25]],"0.2"],
  ["printf","%.2f",[["f",1.005]],"1.00"],
  ["printf","%.1e",[["f",0.25]],"2.5e-01"],
  ["printf","%.0e",[["f",2.5]],"2e+00"],
  ["printf","%.20f",[["f",0.1]],"0.10000000000000000555"],
  ["printf","%.30e",[["f",0.3333333333333333]],"3.333333333333333148296162562474e-01"],
  ["printf","%.17g",[["f",0.1]],"0.10000000000000001"],
  ["printf","%.25g",[["f",0.1]],"0.1000000000000000055511151"],
  ["printf","%g",[["f",1e+100]],"1e+100"],
  ["printf","%.3f",[["f",1e+22]],"10000000000000000000000.000"],
  ["printf","%f",[["f",1e+300]],"1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000"],
  ["printf","%.2f",[5],"%!f(int=05)"],
  ["printf","%5.1f|",[["f","NaN"]],"  NaN|"],
  ["printf","%05.1f|",[["f","+Inf"]]," +Inf|"],
  ["printf","%+v",[["f","NaN"]],"NaN"],
  ["printf","% v",[["f","NaN"]]," NaN"],
  ["printf","%v",[["f","-Inf"]],"-Inf"],
  ["printf","%010v|",[["f","-Inf"]],"      -Inf|"],
  ["printf","%x",[["f",1]],"0x1p+00"],
  ["printf","%X",[["f",1.5]],"0X1.8P+00"],
  ["printf","%x",[["f",-0.1]],"-0x1.999999999999ap-04"],
  ["printf","%.2x",[["f",0.3333333333333333]],"0x1.55p-02"],
  ["printf","%b",[["f",1]],"4503599627370496p-52"],
  ["printf","%b",[["f",0.1]],"7205759403792794p-56"],
  ["printf","%F",[["f",1.5]],"1.500000"],
  ["printf","%.3v",[["f",3.14159]],"3.14"],
  ["printf","%10.3e|",[["f",3.14159]]," 3.142e+00|"],
  ["printf","%-10.2f|",[["f",3.14159]],"3.14      |"],
  ["printf","%d",[["f",1.5]],"%!d(float64=1.5)"],
  ["printf","%s",[["f",1.5]],"%!s(float64=1.5)"],
  ["printf","%t",[["f",1]],"%!t(float64=1)"],
  ["printf","%c",[["f",65]],"%!c(float64=65)"],
  ["printf","%q",[["f",1]],"%!q(float64=1)"],
  ["printf","%x",[["f",255]],"0x1.fep+07"],
  ["printf","%e",[["f",0]],"0.000000e+00"],
  ["printf","%g",[["f",0]],"0"],
  ["printf","%e",[["f","-0"]],"-0.000000e+00"],
  ["printf","%.3e",[["f",5e-324]],"4.941e-324"],
  ["printf","%g",[["f",5e-324]],"5e-324"],
  ["printf","%v",[["f",1.7976931348623157e+308]],"1.7976931348623157e+308"],
  ["printf","%.3g",[["f",0.0001234]],"0.000123"],
  ["printf","%.3g",[["f",123456]],"1.23e+05"],
  ["printf","%.10g",[["f",123456]],"123456"],
  ["printf","%g",[["f",100000000000000000000]],"1e+20"],
  ["printf","%G",[["f",100000000000000000000]],"1E+20"],
  ["printf","%#v",[["f",1]],"1"],
  ["printf","%#v",[["f",1000000]],"1e+06"],
  ["printf","%#v",[["f",1e+21]],"1e+21"],
  ["printf","%#v",[["f",0.5]],"0.5"],
  ["printf","%#v",[["f",0.00001]],"1e-05"],
  ["printf","%#v",[["f","NaN"]],"NaN"],
  ["printf","%#v",[["f","-0"]],"-0"],
  ["printf","%+.3e",[["f",-1]],"-1.000e+00"],
  ["printf","%+08.2f",[["f",1.5]],"+0001.50"],
  ["printf","%-08.2f|",[["f",1.5]],"1.50    |"],
  ["printf","% 08.2f",[["f",1.5]]," 0001.50"],
  ["printf","%08.2f",[["f",-1.5]],"-0001.50"],
  ["printf","%8.2f|",[["f",-1.5]],"   -1.50|"],
  ["printf","%.1f",[["f",0.05]],"0.1"],
  ["printf","%.1f",[["f",0.15]],"0.1"],
  ["printf","%.1f",[["f",0.45]],"0.5"],
  ["printf","%.15f",[["f",0.1]],"0.100000000000000"],
  ["printf","%.16e",[["f",0.6666666666666666]],"6.6666666666666663e-01"],
  ["printf","%.18e",[["f",0.6666666666666666]],"6.666666666666666297e-01"],
  ["printf","%.19e",[["f",0.6666666666666666]],"6.6666666666666662966e-01"],
  ["printf","%.0f",[["f",0.5]],"0"],
  ["printf","%.0f",[["f",1.5]],"2"],
  ["printf","%.0f",[["f",-0.5]],"-0"],
  ["printf","%.3f",[["f",-0.0001]],"-0.000"],
  ["printf","%g",[["f",100000]],"100000"],
  ["printf","%g",[["f",1000000]],"1e+06"],
  ["printf","%.2g",[["f",100]],"1e+02"],
  ["printf","%.1g",[["f",0.15]],"0.1"],
  ["printf","%g",[["f",0.00001234]],"1.234e-05"],
  ["printf","%v",[["f",0.000012345678901234]],"1.2345678901234e-05"],
  ["print","",[["f",0]],"0"],
  ["print","",[["f",8080]],"8080"],
  ["print","",[["f",123456]],"123456"],
  ["print","",[["f",1234567]],"1.234567e+06"],
  ["print","",[["f",1000000]],"1e+06"],
  ["print","",[["f",-1000000]],"-1e+06"],
  ["print","",[["f",12345678901]],"1.2345678901e+10"],
  ["print","",[["f",100000000000000000000]],"1e+20"],
  ["print","",[["f",1e+21]],"1e+21"],
  ["print","",[["f",0.0001]],"0.0001"],
  ["print","",[["f",0.00001]],"1e-05"],
  ["print","",[["f",1.5]],"1.5"],
  ["print","",[["f",1]],"1"],
  ["print","",[["f",9007199254740992]],"9.007199254740992e+15"],
  ["print","",[["f",0.1]],"0.1"],
  ["print","",[["f",0.3]],"0.3"],
  ["print","",[["f",0.3333333333333333]],"0.3333333333333333"],
  ["print","",[["f",2.5e-8]],"2.5e-08"],
  ["print","",[["f",123456.7]],"123456.7"],
  ["print","",[["f",1e-300]],"1e-300"],
  ["print","",[["f",5e-324]],"5e-324"],
  ["print","",[["f",100]],"100"],
  ["print","",[["f",1000000000000000]],"1e+15"],
  ["print","",[["f",123000000000000000000]],"1.23e+20"],
  ["print","",[["f","-0"]],"-0"],
  ["print","",[["f","NaN"]],"NaN"],
  ["print","",[["f","+Inf"]],"+Inf"],
  ["print","",[["f","-Inf"]],"-Inf"],
  ["print","",[["f",-0.0001]],"-0.0001"],
  ["printf","%t",[true],"true"],
  ["printf","%v",[false],"false"],
  ["printf","%5t|",[true]," true|"],
  ["printf","%-6t|",[false],"false |"],
  ["printf","%d",[true],"%!d(bool=true)"],
  ["printf","%s",[true],"%!s(bool=true)"],
  ["printf","%q",[true],"%!q(bool=true)"],
  ["printf","%#v",[true],"true"],
  ["printf","%s",[null],"%!s(<nil>)"],
  ["printf","%v",[null],"<nil>"],
  ["printf","%T",[null],"<nil>"],
  ["printf","%5v|",[null],"<nil>|"],
  ["printf","%-6v|",[null],"<nil> |"],
  ["printf","%q",[null],"%!q(<nil>)"],
  ["printf","%x",[null],"%!x(<nil>)"],
  ["printf","%#v",[null],"<nil>"],
  ["printf","%+v",[null],"<nil>"],
  ["printf","%p",[null],"%!p(<nil>)"],
  ["printf","%T %T %T %T %T %T",[1,["i64","1"],["f",1],"s",true,["u8",1]],"int int64 float64 string bool uint8"],
  ["printf","%T %T %T %T",[["l",1],["ls","a"],["m","a",1],["bytes","68"]],"[]interface {} []string map[string]interface {} []uint8"],
  ["printf","%T %T",[["vals"],["c",1,2]],"common.Values complex128"],
  ["printf","%10T|",[1],"       int|"],
  ["printf","%-10T|",["s"],"string    |"],
  ["printf","%s %s",["a"],"a %!s(MISSING)"],
  ["printf","%s",["a","b"],"a%!(EXTRA string=b)"],
  ["printf","%s",["a",3,["f",1.5],null,["l",1]],"a%!(EXTRA int=3, float64=1.5, <nil>, []interface {}=[1])"],
  ["printf","%",[],"%!(NOVERB)"],
  ["printf","abc%",[],"abc%!(NOVERB)"],
  ["printf","%!",[],"%!!(MISSING)"],
  ["printf","%z",[5],"%!z(int=5)"],
  ["printf","%z",[],"%!z(MISSING)"],
  ["printf","%[2]d %[1]d",[1,2],"2 1"],
  ["printf","%[3]d",[1,2],"%!d(BADINDEX)"],
  ["printf","%[0]d",[1],"%!d(BADINDEX)"],
  ["printf","%[x]d",[1],"%!d(BADINDEX)"],
  ["printf","%[2]*[1]d",[12,5],"   12"],
  ["printf","%*d",[5,42],"   42"],
  ["printf","%-*d|",[5,42],"42   |"],
  ["printf","%*d|",[-5,42],"42   |"],
  ["printf","%*d",["x",42],"%!(BADWIDTH)42"],
  ["printf","%.*f",[2,["f",3.14159]],"3.14"],
  ["printf","%.*f",["x",["f",1.5]],"%!(BADPREC)1.500000"],
  ["printf","%.*d",[-1,5],"%!(BADPREC)5"],
  ["printf","%d %d %[1]d",[1,2],"1 2 1"],
  ["printf","%[1]d",[1,2],"1"],
  ["printf","%d",[],"%!d(MISSING)"],
  ["printf","abc",[1],"abc%!(EXTRA int=1)"],
  ["printf","abc",[null],"abc%!(EXTRA <nil>)"],
  ["printf","%%",[],"%"],
  ["printf","%5%",[],"%"],
  ["printf","%-",[1],"%!(NOVERB)%!(EXTRA int=1)"],
  ["printf","%.2",[1],"%!(NOVERB)%!(EXTRA int=1)"],
  ["printf","%[1]",[1],"%!(NOVERB)"],
  ["printf","%[1]5d",[1],"%!d(BADINDEX)"],
  ["printf","%[1].2d",[1],"%!d(BADINDEX)"],
  ["printf","%[2]d",[1],"%!d(BADINDEX)"],
  ["printf","%[1]d %d",[1,2],"1 2"],
  ["printf","%[2]d %d",[1,2],"2 %!d(MISSING)"],
  ["printf","%*d",[["f",5],1],"%!(BADWIDTH)1"],
  ["printf","%*d",[["i64","3"],1],"  1"],
  ["printf","%*d",[10000000,1],"%!(BADWIDTH)1"],
  ["printf","%d %!",[1],"1 %!!(MISSING)"],
  ["printf","%ä",[1],"%!ä(int=1)"],
  ["printf","%5.3z",["ab"],"%!z(string=   ab)"],
  ["printf","%5d",["ab"],"%!d(string=   ab)"],
  ["printf","%-5d|",["ab"],"%!d(string=ab   )|"],
  ["printf","%.1d",[["f",2.5]],"%!d(float64=2)"],
  ["printf","%1000000000d",[1],"%!(NOVERB)%!(EXTRA int=1)"],
  ["printf","%[",[1],"%!(NOVERB)"],
  ["printf","%[1",[1],"%!(NOVERB)"],
  ["printf","%*",[1],"%!(NOVERB)"],
  ["printf","%.*",[1],"%!(NOVERB)"],
  ["printf","%[1]*d",[3],"%!d(MISSING)"],
  ["printf","%v",[["l",1,"two",["f",3.5],true,null,["m","k","v"],["l","x"]]],"[1 two 3.5 true <nil> map[k:v] [x]]"],
  ["printf","%s",[["l",1,2]],"[%!s(int=1) %!s(int=2)]"],
  ["printf","%d",[["l",1,2]],"[1 2]"],
  ["printf","%d",[["l",1,"a"]],"[1 %!d(string=a)]"],
  ["printf","%x",[["l","hi",255]],"[6869 ff]"],
  ["printf","%q",[["l","a",1]],"[\"a\" '\\x01']"],
  ["printf","%5v|",[["l",1,2]],"[    1     2]|"],
  ["printf","%v",[["m","b","x","a",1]],"map[a:1 b:x]"],
  ["printf","%s",[["m","a",1]],"map[a:%!s(int=1)]"],
  ["printf","%+v",[["m","a",1]],"map[a:1]"],
  ["printf","%d",[["m","a",1,"b","s"]],"map[%!d(string=a):1 %!d(string=b):%!d(string=s)]"],
  ["printf","%#v",[["m","a",1,"b","x","c",null,"d",["l",1],"e",["m","f",["f",2.5]]]],"map[string]interface {}{\"a\":1, \"b\":\"x\", \"c\":interface {}(nil), \"d\":[]interface {}{1}, \"e\":map[string]interface {}{\"f\":2.5}}"],
  ["printf","%#v",[["l","a",1]],"[]interface {}{\"a\", 1}"],
  ["printf","%#v",[["l"]],"[]interface {}{}"],
  ["printf","%#v",[["m"]],"map[string]interface {}{}"],
  ["printf","%#v",[["ls","a","b"]],"[]string{\"a\", \"b\"}"],
  ["printf","%#v",[["bytes","6869"]],"[]byte{0x68, 0x69}"],
  ["printf","%#v",[["l",["bytes","6869"]]],"[]interface {}{[]uint8{0x68, 0x69}}"],
  ["printf","%#v",[["vals"]],"common.Values{\"a\":1, \"b\":[]interface {}{\"x\", 2.5}, \"c\":map[string]interface {}{\"d\":interface {}(nil)}}"],
  ["printf","%v",[["vals"]],"map[a:1 b:[x 2.5] c:map[d:<nil>]]"],
  ["printf","%+v",[["vals"]],"map[a:1 b:[x 2.5] c:map[d:<nil>]]"],
  ["printf","%v",[["m","a",null]],"map[a:<nil>]"],
  ["printf","%s",[["m","a",null]],"map[a:<nil>]"],
  ["printf","%d",[["l",null]],"[<nil>]"],
  ["printf","%x",[["bytes","6869"]],"6869"],
  ["printf","%X",[["bytes","6869"]],"6869"],
  ["printf","% x",[["bytes","6869"]],"68 69"],
  ["printf","%s",[["bytes","6869"]],"hi"],
  ["printf","%q",[["bytes","6869"]],"\"hi\""],
  ["printf","%v",[["bytes","6869"]],"[104 105]"],
  ["printf","%d",[["bytes","6869"]],"[104 105]"],
  ["printf","%5d|",[["bytes","6869"]],"[  104   105]|"],
  ["printf","%c",[["bytes","6869"]],"[h i]"],
  ["printf","%t",[["bytes","6869"]],"[%!t(uint8=104) %!t(uint8=105)]"],
  ["printf","%s",[["l",["bytes","6869"]]],"[hi]"],
  ["printf","%v",[["l",["bytes","6869"]]],"[[104 105]]"],
  ["printf","%x",[["l",["bytes","6869"]]],"[6869]"],
  ["printf","%x",[["m","a","hi"]],"map[61:6869]"],
  ["printf","%q",[["m","a","b"]],"map[\"a\":\"b\"]"],
  ["printf","%v",[["l",["l",1,["l",2]],["l"]]],"[[1 [2]] []]"],
  ["printf","%6v|",[["m","a",1]],"map[     a:     1]|"],
  ["printf","%s",[["ls","a","b"]],"[a b]"],
  ["printf","%q",[["ls","a","b"]],"[\"a\" \"b\"]"],
  ["printf","%x",[["ls","a","b"]],"[61 62]"],
  ["printf","%v",[["m"]],"map[]"],
  ["printf","%v",[["l"]],"[]"],
  ["printf","%d",[["m","a",["f",1]]],"map[%!d(string=a):%!d(float64=1)]"],
  ["printf","%.1f",[["l",["f",1],["f",2.25]]],"[1.0 2.2]"],
  ["printf","%t",[["l",true,1]],"[true %!t(int=1)]"],
  ["printf","%T",[["l",["bytes","68"]]],"[]interface {}"],
  ["printf","%p",[5],"%!p(int=5)"],
  ["printf","%p",["s"],"%!p(string=s)"],
  ["printf","%v",[["m","b",["l",1],"B",2,"_",3,"10",4,"9",5]],"map[10:4 9:5 B:2 _:3 b:[1]]"],
  ["printf","%#v",[["m","a",["ls","x"]]],"map[string]interface {}{\"a\":[]string{\"x\"}}"],
  ["printf","%#v",[["l",null,true,["u8",3],["i64","4"]]],"[]interface {}{interface {}(nil), true, 0x3, 4}"],
  ["printf","%x",[["vals"]],"map[61:0x1p+00 62:[78 0x1.4p+01] 63:map[64:<nil>]]"],
  ["printf","%#v",[["l",["f",1],["f",1e+21]]],"[]interface {}{1, 1e+21}"],
  ["printf","%v",[["c",1,2]],"(1+2i)"],
  ["printf","%.2f",[["c",1,-2]],"(1.00-2.00i)"],
  ["printf","%+v",[["c",1,2]],"(1+2i)"],
  ["printf","%d",[["c",1,2]],"%!d(complex128=(1+2i))"],
  ["printf","%#v",[["c",1,2]],"(1+2i)"],
  ["printf","%e",[["c",1,2]],"(1.000000e+00+2.000000e+00i)"],
  ["printf","%8.1f|",[["c",1,2]],"(     1.0    +2.0i)|"],
  ["printf","%s",[["c",1,2]],"%!s(complex128=(1+2i))"],
  ["print","",[["c",0,-1.5]],"(0-1.5i)"],
  ["print","",[1,2,"a","b",3],"1 2ab3"],
  ["print","",["a",null,"b"],"a<nil>b"],
  ["print","",[null,null],"<nil> <nil>"],
  ["print","",[1,null],"1 <nil>"],
  ["print","",[["f",1.5],["f",2]],"1.5 2"],
  ["print","",[],""],
  ["print","",[true,false],"true false"],
  ["print","",[["l",1],["m","a",1]],"[1] map[a:1]"],
  ["print","",["a",["l",1]],"a[1]"],
  ["print","",[["bytes","6869"],1],"[104 105] 1"],
  ["print","",["a","b"],"ab"],
  ["print","",[1,"a",2],"1a2"],
  ["print","",[["ls","a"],["ls","b"]],"[a] [b]"],
  ["print","",[["vals"]],"map[a:1 b:[x 2.5] c:map[d:<nil>]]"],
  ["print","",[["u8",1],["i64","2"]],"1 2"],
  ["print","",["",1,""],"1"],
  ["print","",[["m","a",["m","b",null]]],"map[a:map[b:<nil>]]"],
  ["println","",[1,"a",2],"1 a 2\n"],
  ["println","",[],"\n"],
  ["println","",[null],"<nil>\n"],
  ["println","",["a","b"],"a b\n"],
  ["println","",[["l",1,2],["f",0.5]],"[1 2] 0.5\n"],
  ["printf","%v %v",[["m","a",["bytes","68"]],["l",["m"]]],"map[a:[104]] [map[]]"],
  ["printf","%s|%v|%d",[["tpl",".Values.a"],["tpl",".Values.b"],["tpl",".Values.a"]],"%!s(float64=1)|[x 2.5]|%!d(float64=1)"],
  ["printf","%v|%s|%+v|%#v",[["tpl",".Capabilities.KubeVersion"],["tpl",".Capabilities.KubeVersion"],["tpl",".Capabilities.KubeVersion"],["tpl",".Capabilities.KubeVersion"]],"{v1.35.0 v1.35.0 1 35}|{v1.35.0 v1.35.0 1 35}|{Version:v1.35.0 normalizedVersion:v1.35.0 Major:1 Minor:35}|common.KubeVersion{Version:\"v1.35.0\", normalizedVersion:\"v1.35.0\", Major:\"1\", Minor:\"35\"}"],
  ["printf","%d",[["tpl",".Capabilities.KubeVersion"]],"{%!d(string=v1.35.0) %!d(string=v1.35.0) %!d(string=1) %!d(string=35)}"],
  ["print","",[["tpl",".Capabilities.KubeVersion"]],"{v1.35.0 v1.35.0 1 35}"],
  ["direct","",[["tpl",".Capabilities.KubeVersion"]],"v1.35.0"],
  ["printf","%T",[["tpl",".Capabilities.KubeVersion"]],"common.KubeVersion"],
  ["printf","%v",[["l",["tpl",".Capabilities.KubeVersion"]]],"[{v1.35.0 v1.35.0 1 35}]"],
  ["printf","%v",[["tpl",".Capabilities.HelmVersion"]],"{v4.1.4 05fa37973dc9e42b76e1d2883494c87174b6074f clean go1.25.9 v1.35}"],
  ["printf","%+v",[["tpl",".Capabilities.HelmVersion"]],"{Version:v4.1.4 GitCommit:05fa37973dc9e42b76e1d2883494c87174b6074f GitTreeState:clean GoVersion:go1.25.9 KubeClientVersion:v1.35}"],
  ["printf","%#v",[["tpl",".Capabilities.HelmVersion"]],"version.BuildInfo{Version:\"v4.1.4\", GitCommit:\"05fa37973dc9e42b76e1d2883494c87174b6074f\", GitTreeState:\"clean\", GoVersion:\"go1.25.9\", KubeClientVersion:\"v1.35\"}"],
  ["printf","%T",[["tpl",".Capabilities.HelmVersion"]],"version.BuildInfo"],
  ["printf","%6v|",[["l",null,1]],"[<nil>      1]|"],
  ["printf","%-6v|",[["m","a",null]],"map[a     :<nil>]|"],
  ["printf","%#v",[["m","a",null]],"map[string]interface {}{\"a\":interface {}(nil)}"],
  ["printf","%x",[["f",-1.5]],"-0x1.8p+00"],
  ["printf","%#x",[["f",1]],"0x1.0000p+00"],
  ["printf","%#.3x",[["f",1]],"0x1.000p+00"],
  ["printf","%#X",[["f",0]],"0X0.P+00"],
  ["printf","%5v|",[["l",true]],"[ true]|"],
  ["printf","%+v",[["l",["tpl",".Capabilities.KubeVersion"]]],"[{Version:v1.35.0 normalizedVersion:v1.35.0 Major:1 Minor:35}]"],
  ["printf","%s",[["l",["tpl",".Capabilities.KubeVersion"]]],"[{v1.35.0 v1.35.0 1 35}]"],
  ["printf","%#v",[["l",["tpl",".Capabilities.KubeVersion"]]],"[]interface {}{common.KubeVersion{Version:\"v1.35.0\", normalizedVersion:\"v1.35.0\", Major:\"1\", Minor:\"35\"}}"],
  ["printf","%v",[["m","k",["tpl",".Capabilities.KubeVersion"]]],"map[k:{v1.35.0 v1.35.0 1 35}]"],
  ["printf","%5d|%-5s|%05.2f|%x|%X|%o|%b|%e",[42,"ab",["f",3.14159],255,255,8,5,["f",1234.5678]],"   42|ab   |03.14|ff|FF|10|101|1.234568e+03"],
  ["printf","%d-%s-%v-%q",[3,"x",true,"y"],"3-x-true-\"y\""],
  ["printf","%08v",[42],"00000042"],
  ["printf","%-08v|",[42],"42      |"],
  ["printf","%8.3v|",["abcdef"],"     abc|"],
  ["printf","%.3v",["abcdef"],"abc"],
  ["printf","%x",[true],"%!x(bool=true)"],
  ["printf","%08s",[true],"%!s(bool=0000true)"],
  ["printf","%08v",[["f","NaN"]],"     NaN"],
  ["printf","%08q",["a"],"00000\"a\""],
  ["printf","%#08v",["a"],"00000\"a\""],
  ["printf","% d",[["bytes","6869"]],"[ 104  105]"],
  ["printf","%+q",[["ls","é"]],"[\"\\u00e9\"]"],
  ["printf","%U",[1114112],"U+110000"],
  ["printf","%#U",[128512],"U+1F600 '😀'"],
  ["printf","%#U",[127],"U+007F"],
  ["printf","%c",[1114112],"�"],
  ["printf","%*d|",[["u8",4],1],"   1|"],
  ["printf","%.*s",[2,"abc"],"ab"],
  ["printf","%q",["؜ 🏻¡ÿĀ ￾𐀀󠄀"],"\"\\u061c\\u1680🏻¡ÿĀ\\u2029\\ufffe𐀀󠄀\""],
  ["printf","%+q",["\u001fĀ"],"\"\\x1f\\u0100\""],
  ["printf","%#q",["﻿"],"\"\\ufeff\""],
  ["printf","%#+q",["é"],"`é`"],
  ["printf","%#q",[""],"\"\\x7f\""],
  ["printf","%v",[["m","é",1,"z",2,"😀",3,"！",4]],"map[z:2 é:1 ！:4 😀:3]"],
  ["printf","%010.3f",[["f",0]],"000000.000"],
  ["printf","%+d",[["i64","-9223372036854775808"]],"-9223372036854775808"],
  ["printf","%b",[-5],"-101"],
  ["printf","%o",[-8],"-10"],
  ["printf","%O",[-8],"-0o10"],
  ["printf","%#O",[8],"0o010"],
  ["printf","%x",[["u8",0]],"0"],
  ["printf","%#x",[0],"0x0"],
  ["printf","%#o",[["i64","0"]],"0"],
  ["printf","%.3x",[255],"0ff"],
  ["printf","%#.3x",[255],"0x0ff"],
  ["printf","%+.3d",[5],"+005"],
  ["printf","% .3d",[-5],"-005"],
  ["printf","%5.3d|",[-5]," -005|"],
  ["printf","%05.3d|",[5],"  005|"],
  ["printf","%-5.3d|",[5],"005  |"],
  ["printf","%e",[["f",1e-310]],"1.000000e-310"],
  ["printf","%.0e",[["f",9.5]],"1e+01"],
  ["printf","%.0e",[["f",8.5]],"8e+00"],
  ["printf","%.1f",[["f",9.96]],"10.0"],
  ["printf","%.2g",[["f",9.96]],"10"],
  ["printf","%.3g",[["f",0.00009999]],"0.0001"],
  ["printf","%g",[["f",0.00001]],"1e-05"],
  ["printf","%g",[["f",0.0001]],"0.0001"],
  ["printf","%G",[["f",0.00001]],"1E-05"],
  ["printf","%.0g",[["f",25]],"2e+01"],
  ["printf","%#.0g",[["f",25]],"2.e+01"],
  ["printf","%#v",[["f",100]],"100"],
  ["printf","%#g",[["f",0]],"0.00000"],
  ["printf","%#e",[["f",0]],"0.000000e+00"],
  ["printf","%#f",[["f",0]],"0.000000"],
  ["printf","%#.0f",[["f",0]],"0."],
  ["printf","%#g",[["f",100000]],"100000."],
  ["printf","%#g",[["f",1000000]],"1.00000e+06"],
  ["printf","%#.2g",[["f",0.5]],"0.50"],
  ["printf","%#x",[["f",3]],"0x1.8000p+01"],
  ["printf","%#b",[["f",1]],"4503599627370496p-52"],
  ["printf","%T",[["l",["ls","a"]]],"[]interface {}"],
  ["printf","%#v",[["l",["ls",""]]],"[]interface {}{[]string{\"\"}}"],
  ["printf","%v",[["l",["ls",""]]],"[[]]"],
  ["printf","%v %v",[["l",["l"]],["m","a",["m"]]],"[[]] map[a:map[]]"],
  ["printf","%s",[["tpl",".Capabilities.KubeVersion"]],"{v1.35.0 v1.35.0 1 35}"],
  ["printf","%q",[["tpl",".Capabilities.KubeVersion"]],"{\"v1.35.0\" \"v1.35.0\" \"1\" \"35\"}"],
  ["printf","%x",[["tpl",".Capabilities.KubeVersion"]],"{76312e33352e30 76312e33352e30 31 3335}"],
  ["printf","%5v|",[["tpl",".Capabilities.KubeVersion"]],"{v1.35.0 v1.35.0     1    35}|"],
  ["printf","%t",[["tpl",".Capabilities.KubeVersion"]],"{%!t(string=v1.35.0) %!t(string=v1.35.0) %!t(string=1) %!t(string=35)}"],
  ["printf","%T",[["l",["tpl",".Capabilities.KubeVersion"]]],"[]interface {}"],
  ["print","",[["tpl",".Capabilities.KubeVersion"],["tpl",".Capabilities.KubeVersion"]],"{v1.35.0 v1.35.0 1 35} {v1.35.0 v1.35.0 1 35}"],
  ["print","",["a",["tpl",".Capabilities.KubeVersion"],"b"],"a{v1.35.0 v1.35.0 1 35}b"],
  ["print","",[["c",1,0],["f",1]],"(1+0i) 1"],
  ["println","",[["tpl",".Capabilities.KubeVersion"],1],"{v1.35.0 v1.35.0 1 35} 1\n"],
];
