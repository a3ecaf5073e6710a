// Table tests for sprig date functions, run through the real engine. Expectations recorded
// from helm v4.1.4 (h4) and helm v3.17.3 (h3, only where it differs) by rendering each
// expression in a temp chart with TZ=UTC; never typed by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, type Case } from '../helpers/sprigcall';

const cases: Case[] = [
  {"expr": "toDate \"2006-01-02\" \"2017-12-31\" | date \"Jan 2, 2006\"", "mode": "v", "h4": {"out": "Dec 31, 2017"}},
  {"expr": "toDate \"2006-01-02\" \"2024-03-05\"", "mode": "v", "h4": {"out": "2024-03-05 00:00:00 +0000 UTC"}},
  {"expr": "toDate \"2006-01-02\" \"garbage\"", "mode": "v", "h4": {"out": "0001-01-01 00:00:00 +0000 UTC"}},
  {"expr": "mustToDate \"2006-01-02\" \"garbage\"", "mode": "v", "h4": {"err": "parsing time \"garbage\" as \"2006-01-02\": cannot parse \"garbage\" as \"2006\""}},
  {"expr": "mustToDate \"2006-01-02\" \"2024-13-05\"", "mode": "v", "h4": {"err": "parsing time \"2024-13-05\": month out of range"}},
  {"expr": "mustToDate \"2006-01-02\" \"2024-02-30\"", "mode": "v", "h4": {"err": "parsing time \"2024-02-30\": day out of range"}},
  {"expr": "mustToDate \"2006-01-02\" \"2024-02-05x\"", "mode": "v", "h4": {"err": "parsing time \"2024-02-05x\": extra text: \"x\""}},
  {"expr": "mustToDate \"2006-01-02 15:04\" \"2024-02-05 25:00\"", "mode": "v", "h4": {"err": "parsing time \"2024-02-05 25:00\": hour out of range"}},
  {"expr": "mustToDate \"2006-01-02T15:04:05Z07:00\" \"2024-02-05T10:11:12+05:30\"", "mode": "v", "h4": {"out": "2024-02-05 10:11:12 +0530 +0530"}},
  {"expr": "mustToDate \"2006-01-02T15:04:05Z07:00\" \"2024-02-05T10:11:12Z\"", "mode": "v", "h4": {"out": "2024-02-05 10:11:12 +0000 UTC"}},
  {"expr": "mustToDate \"2006-01-02T15:04:05.000Z\" \"2024-02-05T10:11:12.345Z\"", "mode": "v", "h4": {"out": "2024-02-05 10:11:12.345 +0000 UTC"}},
  {"expr": "mustToDate \"2006-01-02 15:04:05\" \"2024-02-05 10:11:12.123456\"", "mode": "v", "h4": {"out": "2024-02-05 10:11:12.123456 +0000 UTC"}},
  {"expr": "mustToDate \"Jan _2 2006 3:04PM\" \"Feb  5 2024 3:04PM\"", "mode": "v", "h4": {"out": "2024-02-05 15:04:00 +0000 UTC"}},
  {"expr": "mustToDate \"Monday, 02-Jan-06 15:04:05 MST\" \"Monday, 05-Feb-24 10:11:12 EST\"", "mode": "v", "h4": {"out": "2024-02-05 10:11:12 +0000 EST"}},
  {"expr": "mustToDate \"02 Jan 06 15:04 -0700\" \"05 Feb 24 10:11 +0100\"", "mode": "v", "h4": {"out": "2024-02-05 10:11:00 +0100 +0100"}},
  {"expr": "mustToDate \"2006-002\" \"2024-060\"", "mode": "v", "h4": {"out": "2024-02-29 00:00:00 +0000 UTC"}},
  {"expr": "mustToDate \"January 2, 2006\" \"february 5, 2024\"", "mode": "v", "h4": {"out": "2024-02-05 00:00:00 +0000 UTC"}},
  {"expr": "mustToDate \"2006-01-02\" \"\"", "mode": "v", "h4": {"err": "parsing time \"\" as \"2006-01-02\": cannot parse \"\" as \"2006\""}},
  {"expr": "toDate \"2006-01-02\" \"2024-03-05\" | unixEpoch", "mode": "v", "h4": {"out": "1709596800"}},
  {"expr": "toDate \"2006-01-02\" \"1960-03-05\" | unixEpoch", "mode": "v", "h4": {"out": "-310089600"}},
  {"expr": "date \"2006-01-02\" (int64 86400)", "mode": "v", "h4": {"out": "1970-01-02"}},
  {"expr": "date \"2006-01-02 15:04:05\" 1700000000", "mode": "v", "h4": {"out": "2023-11-14 22:13:20"}},
  {"expr": "dateInZone \"2006-01-02 15:04 MST\" 1700000000 \"America/New_York\"", "mode": "v", "h4": {"out": "2023-11-14 17:13 EST"}},
  {"expr": "date_in_zone \"15:04\" 0 \"Asia/Tokyo\"", "mode": "v", "h4": {"out": "09:00"}},
  {"expr": "dateInZone \"15:04 MST -07:00\" 1700000000 \"Europe/Berlin\"", "mode": "v", "h4": {"out": "23:13 CET +01:00"}},
  {"expr": "dateInZone \"15:04 MST\" 1690000000 \"Europe/Berlin\"", "mode": "v", "h4": {"out": "06:26 CEST"}},
  {"expr": "dateInZone \"15:04 MST\" 1700000000 \"Asia/Kolkata\"", "mode": "v", "h4": {"out": "03:43 IST"}},
  {"expr": "dateInZone \"15:04 MST\" 1700000000 \"Australia/Sydney\"", "mode": "v", "h4": {"out": "09:13 AEDT"}},
  {"expr": "dateInZone \"15:04 MST\" 1700000000 \"America/Sao_Paulo\"", "mode": "v", "h4": {"out": "19:13 -03"}},
  {"expr": "dateInZone \"15:04 MST\" 1700000000 \"Asia/Shanghai\"", "mode": "v", "h4": {"out": "06:13 CST"}},
  {"expr": "dateInZone \"15:04 MST\" 1700000000 \"Nowhere/Land\"", "mode": "v", "h4": {"out": "22:13 UTC"}},
  {"expr": "dateInZone \"15:04 MST\" 1700000000 \"\"", "mode": "v", "h4": {"out": "22:13 UTC"}},
  {"expr": "dateInZone \"15:04 MST\" 1700000000 \"Local\"", "mode": "v", "h4": {"out": "22:13 UTC"}},
  {"expr": "htmlDate 86400", "mode": "v", "h4": {"out": "1970-01-02"}},
  {"expr": "htmlDateInZone 86400 \"Asia/Tokyo\"", "mode": "v", "h4": {"out": "1970-01-02"}},
  {"expr": "toDate \"2006-01-02\" \"2020-01-01\" | dateModify \"-1.5h\" | date \"2006-01-02 15:04\"", "mode": "v", "h4": {"out": "2019-12-31 22:30"}},
  {"expr": "toDate \"2006-01-02\" \"2020-01-01\" | date_modify \"48h\" | date \"01/02\"", "mode": "v", "h4": {"out": "01/03"}},
  {"expr": "toDate \"2006-01-02\" \"2020-01-01\" | dateModify \"bogus\" | date \"2006\"", "mode": "v", "h4": {"out": "2020"}},
  {"expr": "toDate \"2006-01-02\" \"2020-01-01\" | mustDateModify \"bogus\"", "mode": "v", "h4": {"err": "time: invalid duration \"bogus\""}},
  {"expr": "toDate \"2006-01-02\" \"2020-01-01\" | mustDateModify \"1x\"", "mode": "v", "h4": {"err": "time: unknown unit \"x\" in duration \"1x\""}},
  {"expr": "toDate \"2006-01-02\" \"2020-01-01\" | mustDateModify \"1\"", "mode": "v", "h4": {"err": "time: missing unit in duration \"1\""}},
  {"expr": "toDate \"2006-01-02\" \"2020-01-01\" | must_date_modify \"1h\" | date \"15:04\"", "mode": "v", "h4": {"out": "01:00"}},
  {"expr": "toDate \"2006-01-02\" \"2020-01-01\" | dateModify \"1h30m45.5s\"", "mode": "v", "h4": {"out": "2020-01-01 01:30:45.5 +0000 UTC"}},
  {"expr": "duration 95", "mode": "v", "h4": {"out": "0s"}},
  {"expr": "duration \"3600\"", "mode": "v", "h4": {"out": "1h0m0s"}},
  {"expr": "duration \"95\"", "mode": "v", "h4": {"out": "1m35s"}},
  {"expr": "duration (int64 95)", "mode": "v", "h4": {"out": "1m35s"}},
  {"expr": "duration \"-3661\"", "mode": "v", "h4": {"out": "-1h1m1s"}},
  {"expr": "duration \"1.5\"", "mode": "v", "h4": {"out": "0s"}},
  {"expr": "duration 0", "mode": "v", "h4": {"out": "0s"}},
  {"expr": "duration \"100000000000\"", "mode": "v", "h4": {"out": "2157299h53m51.45224192s"}},
  {"expr": "durationRound \"2h10m5s\"", "mode": "v", "h4": {"out": "2h"}},
  {"expr": "durationRound 95", "mode": "v", "h4": {"out": "0s"}},
  {"expr": "durationRound \"400h\"", "mode": "v", "h4": {"out": "16d"}},
  {"expr": "durationRound \"90000h\"", "mode": "v", "h4": {"out": "10y"}},
  {"expr": "durationRound \"-3m\"", "mode": "v", "h4": {"out": "3m"}},
  {"expr": "durationRound \"1s\"", "mode": "v", "h4": {"out": "0s"}},
  {"expr": "durationRound \"1.5s\"", "mode": "v", "h4": {"out": "1s"}},
  {"expr": "durationRound (int64 3600000000001)", "mode": "v", "h4": {"out": "1h"}},
  {"expr": "durationRound \"bogus\"", "mode": "v", "h4": {"out": "0s"}},
  {"expr": "durationRound \"720h\"", "mode": "v", "h4": {"out": "30d"}},
  {"expr": "durationRound \"721h\"", "mode": "v", "h4": {"out": "1mo"}},
  {"expr": "date \"2006-01-02T15:04:05.000Z07:00 Mon Monday Jan January 1 01 2 _2 02 002 __2 15 3 03 4 04 5 05 06 PM pm -0700 -07:00 -07 Z0700 Z07 .999 ,000\" 1700000000", "mode": "v", "h4": {"out": "2023-11-14T22:13:20.000Z Tue Tuesday Nov November 11 11 14 14 14 318 318 22 10 10 13 13 20 20 23 PM pm +0000 +00:00 +00 Z Z  ,000"}},
  {"expr": "dateInZone \"Z07:00:00 -07:00:00 -070000 Z070000 MST\" 1700000000 \"Asia/Kolkata\"", "mode": "v", "h4": {"out": "+05:30:00 +05:30:00 +053000 +053000 IST"}},
  {"expr": "date \"Jan 2nd Monday Mond Janu\" 1700000000", "mode": "v", "h4": {"out": "Nov 14nd Tuesday Mond Janu"}},
  {"expr": "toDate \"2006-01-02\" \"2024-03-05\" | typeOf", "mode": "v", "h4": {"out": "time.Time"}},
  {"expr": "(toDate \"2006-01-02\" \"2024-03-05\").Year", "mode": "v", "h4": {"out": "2024"}},
  {"expr": "(toDate \"2006-01-02\" \"2024-03-05\").Month", "mode": "v", "h4": {"out": "March"}},
  {"expr": "(toDate \"2006-01-02\" \"2024-03-05\").Weekday", "mode": "v", "h4": {"out": "Tuesday"}},
  {"expr": "(toDate \"2006-01-02\" \"2024-03-05\").YearDay", "mode": "v", "h4": {"out": "65"}},
  {"expr": "(toDate \"2006-01-02\" \"2024-03-05\").Unix", "mode": "v", "h4": {"out": "1709596800"}},
  {"expr": "(toDate \"2006-01-02\" \"2024-03-05\").Format \"Jan 2\"", "mode": "v", "h4": {"out": "Mar 5"}},
  {"expr": "toDate \"2006-01-02 15:04:05.999\" \"2024-03-05 01:02:03.5\"", "mode": "json", "h4": {"out": "\"2024-03-05T01:02:03.5Z\""}},
  {"expr": "toDate \"2006-01-02 15:04:05.999\" \"2024-03-05 01:02:03.5\"", "mode": "v", "h4": {"out": "2024-03-05 01:02:03.5 +0000 UTC"}},
  {"expr": "unixEpoch (toDate \"2006\" \"1999\")", "mode": "v", "h4": {"out": "915148800"}},
  {"expr": "ago (int64 0) | len | lt 4", "mode": "v", "h4": {"out": "true"}},
  {"expr": "(mustToDate \"2006-01-02 MST\" \"2024-01-02 JST\").Unix", "mode": "v", "h4": {"out": "1704153600"}},
  {"expr": "mustToDate \"2006-01-02 MST\" \"2024-01-02 JST\"", "mode": "v", "h4": {"out": "2024-01-02 00:00:00 +0000 JST"}},
  {"expr": "mustToDate \"2006-01-02 MST\" \"2024-01-02 GMT+3\"", "mode": "v", "h4": {"out": "2024-01-02 03:00:00 +0300 GMT+3"}},
  {"expr": "mustToDate \"3:04pm\" \"11:30am\"", "mode": "v", "h4": {"out": "0000-01-01 11:30:00 +0000 UTC"}},
];

for (const c of cases) {
  test(`date: ${c.expr} (${c.mode})`, (t) => {
    const got = run(c, 4);
    // Gap outside this domain: helm/json does not yet encode nil slices (nilSlice) as null.
    if ('out' in c.h4 && c.h4.out === 'null' && 'out' in got && got.out === '[]') return t.skip('nil slice JSON');
    assert.deepEqual(got, c.h4);
    assert.deepEqual(run(c, 3), c.h3 ?? c.h4);
  });
}


// Nondeterministic in Helm (it reads the clock); here the runtime clock is FIXED_NOW (2024).
test('date: a float64 argument means now (vector date-date-values-float)', () => {
  assert.deepEqual(run({ expr: 'date "2006" 1700000000.5', mode: 'v', h4: { out: '' } }, 4), { out: '2024' });
  assert.deepEqual(run({ expr: 'now | date "2006-01-02 15:04:05.000"', mode: 'v', h4: { out: '' } }, 4), {
    out: '2024-03-05 06:07:08.123',
  });
  assert.deepEqual(run({ expr: 'now.Year | typeOf', mode: 'v', h4: { out: '' } }, 4), { out: 'int' });
  assert.deepEqual(run({ expr: 'now | typeOf', mode: 'v', h4: { out: '' } }, 4), { out: 'time.Time' });
  assert.deepEqual(run({ expr: 'ago (now)', mode: 'v', h4: { out: '' } }, 4), { out: '0s' });
  assert.deepEqual(run({ expr: 'toDate "2006-01-02" "2024-03-04" | ago', mode: 'v', h4: { out: '' } }, 4), { out: '30h7m8s' });
});
