// robfig/cron v3 parser_test.go and spec_test.go cases, against src/util/cron.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConstantDelaySchedule,
  Descriptor,
  Dom,
  Dow,
  DowOptional,
  Hour,
  Minute,
  Month,
  Parser,
  Second,
  SecondOptional,
  SpecSchedule,
  ZERO_TIME,
  all,
  dom,
  dow,
  getBits,
  getField,
  getRange,
  hours,
  minutes,
  months,
  normalizeFields,
  parseStandard,
  seconds,
  starBit,
  tryParseStandard,
} from '../../src/util/cron.js';
import { parseGoDuration } from '../../src/util/go-duration.js';

const b = (...ns: number[]) => ns.reduce((a, n) => a | (1n << BigInt(n)), 0n);
const secondParser = new Parser(Second | Minute | Hour | Dom | Month | DowOptional | Descriptor);

test('getRange (TestRange)', () => {
  const cases: Array<[string, number, number, bigint, string]> = [
    ['5', 0, 7, b(5), ''],
    ['0', 0, 7, b(0), ''],
    ['7', 0, 7, b(7), ''],
    ['5-5', 0, 7, b(5), ''],
    ['5-6', 0, 7, b(5, 6), ''],
    ['5-7', 0, 7, b(5, 6, 7), ''],
    ['5-6/2', 0, 7, b(5), ''],
    ['5-7/2', 0, 7, b(5, 7), ''],
    ['5-7/1', 0, 7, b(5, 6, 7), ''],
    ['*', 1, 3, b(1, 2, 3) | starBit, ''],
    ['*/2', 1, 3, b(1, 3), ''],
    ['5--5', 0, 0, 0n, 'too many hyphens'],
    ['jan-x', 0, 0, 0n, 'failed to parse int from'],
    ['2-x', 1, 5, 0n, 'failed to parse int from'],
    ['*/-12', 0, 0, 0n, 'negative number'],
    ['*//2', 0, 0, 0n, 'too many slashes'],
    ['1', 3, 5, 0n, 'below minimum'],
    ['6', 3, 5, 0n, 'above maximum'],
    ['5-3', 3, 5, 0n, 'beyond end of range'],
    ['*/0', 0, 0, 0n, 'should be a positive number'],
  ];
  for (const [expr, min, max, expected, err] of cases) {
    if (err) assert.throws(() => getRange(expr, { min, max }), (e: Error) => e.message.includes(err), expr);
    else assert.equal(getRange(expr, { min, max }), expected, expr);
  }
});

test('error texts are robfig v3 ones', () => {
  assert.equal(tryParseStandard('x').error, 'expected exactly 5 fields, found 1: [x]');
  assert.equal(tryParseStandard('* * * * * *').error, 'expected exactly 5 fields, found 6: [* * * * * *]');
  assert.equal(tryParseStandard('5 j * * *').error, 'failed to parse int from j: strconv.Atoi: parsing "j": invalid syntax');
  assert.equal(tryParseStandard('60 * * * *').error, 'end of range (60) above maximum (59): 60');
  assert.equal(tryParseStandard('* * 0 * *').error, 'beginning of range (0) below minimum (1): 0');
  assert.equal(tryParseStandard('@unrecognized').error, 'unrecognized descriptor: @unrecognized');
  assert.equal(tryParseStandard('@every Xm').error, 'failed to parse duration @every Xm: time: invalid duration "Xm"');
  assert.equal(tryParseStandard('').error, 'empty spec string');
  assert.equal(tryParseStandard('TZ=Mars/Olympus * * * * *').error, 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus');
  assert.throws(() => new Parser(Minute | Hour).parse('@every 1m'), /parser does not accept descriptors: @every 1m/);
});

test('getField, all, getBits (TestField, TestAll, TestBits)', () => {
  assert.equal(getField('5', { min: 1, max: 7 }), b(5));
  assert.equal(getField('5,6', { min: 1, max: 7 }), b(5, 6));
  assert.equal(getField('5,6,7', { min: 1, max: 7 }), b(5, 6, 7));
  assert.equal(getField('1,5-7/2,3', { min: 1, max: 7 }), b(1, 5, 7, 3));
  assert.equal(all(minutes), 0xfffffffffffffffn | starBit);
  assert.equal(all(hours), 0xffffffn | starBit);
  assert.equal(all(dom), 0xfffffffen | starBit);
  assert.equal(all(months), 0x1ffen | starBit);
  assert.equal(all(dow), 0x7fn | starBit);
  assert.equal(getBits(0, 0, 1), 0x1n);
  assert.equal(getBits(1, 1, 1), 0x2n);
  assert.equal(getBits(1, 5, 2), 0x2an);
  assert.equal(getBits(1, 4, 2), 0xan);
});

const every5min = (loc: string) => new SpecSchedule(1n, b(5), all(hours), all(dom), all(months), all(dow), loc);
const midnight = (loc: string) => new SpecSchedule(1n, 1n, 1n, all(dom), all(months), all(dow), loc);
const annual = (loc: string) => new SpecSchedule(1n << BigInt(seconds.min), 1n, 1n, 1n << 1n, 1n << 1n, all(dow), loc);

test('Parse (TestParseSchedule, TestStandardSpecSchedule)', () => {
  const standard = new Parser(Minute | Hour | Dom | Month | Dow | Descriptor);
  const cases: Array<[Parser, string, unknown]> = [
    [secondParser, '0 5 * * * *', every5min('Local')],
    [standard, '5 * * * *', every5min('Local')],
    [secondParser, 'CRON_TZ=UTC  0 5 * * * *', every5min('UTC')],
    [standard, 'CRON_TZ=UTC  5 * * * *', every5min('UTC')],
    [secondParser, 'CRON_TZ=Asia/Tokyo 0 5 * * * *', every5min('Asia/Tokyo')],
    [secondParser, '@every 5m', new ConstantDelaySchedule(5 * 60_000)],
    [secondParser, '@midnight', midnight('Local')],
    [secondParser, 'TZ=UTC  @midnight', midnight('UTC')],
    [secondParser, 'TZ=Asia/Tokyo @midnight', midnight('Asia/Tokyo')],
    [secondParser, '@yearly', annual('Local')],
    [secondParser, '@annually', annual('Local')],
    [secondParser, '* 5 * * * *', new SpecSchedule(all(seconds), b(5), all(hours), all(dom), all(months), all(dow), 'Local')],
  ];
  for (const [p, expr, expected] of cases) assert.deepEqual(p.parse(expr), expected, expr);
  assert.deepEqual(parseStandard('@every 5m'), new ConstantDelaySchedule(300_000));
  const optSecond = new Parser(SecondOptional | Minute | Hour | Dom | Month | Dow | Descriptor);
  assert.deepEqual(optSecond.parse('0 5 * * * *'), every5min('Local'));
  assert.deepEqual(optSecond.parse('5 * * * *'), every5min('Local'));
  assert.throws(() => parseStandard('* * * *'), /expected exactly 5 fields/);
  assert.throws(() => secondParser.parse('* * * *'), /expected 5 to 6 fields/);
  assert.throws(() => secondParser.parse('* 5 j * * *'), /failed to parse int from/);
});

test('normalizeFields (TestNormalizeFields)', () => {
  const all6 = Second | Minute | Hour | Dom | Month | Dow | Descriptor;
  assert.deepEqual(normalizeFields(['0', '5', '*', '*', '*', '*'], all6), ['0', '5', '*', '*', '*', '*']);
  assert.deepEqual(normalizeFields(['5', '*', '*', '*', '*'], SecondOptional | Minute | Hour | Dom | Month | Dow), ['0', '5', '*', '*', '*', '*']);
  assert.deepEqual(normalizeFields(['5', '15', '*'], Hour | Dom | Month), ['0', '0', '5', '15', '*', '*']);
  assert.deepEqual(normalizeFields(['5', '15', '*', '4'], Hour | Dom | Month | DowOptional), ['0', '0', '5', '15', '*', '4']);
  assert.deepEqual(normalizeFields(['5', '15', '*'], Hour | Dom | Month | DowOptional), ['0', '0', '5', '15', '*', '*']);
  assert.deepEqual(normalizeFields(['5', '15', '*'], SecondOptional | Hour | Dom | Month), ['0', '0', '5', '15', '*', '*']);
  assert.throws(() => normalizeFields(['0', '5', '*', '*', '*', '*'], SecondOptional | Minute | Hour | Dom | Month | DowOptional));
  assert.throws(() => normalizeFields(['0', '5', '*', '*'], SecondOptional | Minute | Hour));
  assert.throws(() => normalizeFields([], SecondOptional | Minute | Hour));
  assert.throws(() => normalizeFields(['*'], SecondOptional | Minute | Hour));
});

/** spec_test.go's getTime: "Mon Jul 9 15:00 2012" in UTC, or an RFC 3339-ish time in America/New_York. */
function getTime(v: string): { ms: number; zone: string } {
  if (v === '') return { ms: ZERO_TIME, zone: 'UTC' };
  const m = /^\w{3} (\w{3}) (\d+) (\d+):(\d+)(?::(\d+))? (\d{4})$/.exec(v);
  if (m) {
    const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(m[1]!);
    return { ms: Date.UTC(Number(m[6]), mon, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5] ?? 0)), zone: 'UTC' };
  }
  return { ms: Date.parse(v.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')), zone: 'America/New_York' };
}

test('activation (TestActivation)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['Mon Jul 9 15:00 2012', '0 0/15 * * *', true],
    ['Mon Jul 9 15:45 2012', '0 0/15 * * *', true],
    ['Mon Jul 9 15:40 2012', '0 0/15 * * *', false],
    ['Mon Jul 9 15:05 2012', '0 5/15 * * *', true],
    ['Mon Jul 9 15:20 2012', '0 5/15 * * *', true],
    ['Mon Jul 9 15:50 2012', '0 5/15 * * *', true],
    ['Sun Jul 15 15:00 2012', '0 0/15 * * Jul', true],
    ['Sun Jul 15 15:00 2012', '0 0/15 * * Jun', false],
    ['Sun Jul 15 08:30 2012', '0 30 08 ? Jul Sun', true],
    ['Sun Jul 15 08:30 2012', '0 30 08 15 Jul ?', true],
    ['Mon Jul 16 08:30 2012', '0 30 08 ? Jul Sun', false],
    ['Mon Jul 16 08:30 2012', '0 30 08 15 Jul ?', false],
    ['Mon Jul 9 15:00 2012', '@hourly', true],
    ['Mon Jul 9 15:04 2012', '@hourly', false],
    ['Mon Jul 9 15:00 2012', '@daily', false],
    ['Mon Jul 9 00:00 2012', '@daily', true],
    ['Mon Jul 9 00:00 2012', '@weekly', false],
    ['Sun Jul 8 00:00 2012', '@weekly', true],
    ['Sun Jul 8 01:00 2012', '@weekly', false],
    ['Sun Jul 8 00:00 2012', '@monthly', false],
    ['Sun Jul 1 00:00 2012', '@monthly', true],
    // Both day-of-month and day-of-week given: either may match.
    ['Sun Jul 15 00:00 2012', '0 * * 1,15 * Sun', true],
    ['Fri Jun 15 00:00 2012', '0 * * 1,15 * Sun', true],
    ['Wed Aug 1 00:00 2012', '0 * * 1,15 * Sun', true],
    ['Sun Jul 15 00:00 2012', '0 * * */10 * Sun', true], // a stepped star is not a star (robfig #70)
    // One of them a star: both must match.
    ['Sun Jul 15 00:00 2012', '0 * * * * Mon', false],
    ['Mon Jul 9 00:00 2012', '0 * * 1,15 * *', false],
    ['Sun Jul 15 00:00 2012', '0 * * 1,15 * *', true],
    ['Sun Jul 15 00:00 2012', '0 * * */2 * Sun', true],
  ];
  for (const [time, spec, expected] of cases) {
    const t = getTime(time);
    const actual = secondParser.parse(spec).next(t.ms - 1000, t.zone);
    assert.equal(actual === t.ms, expected, `${spec} on ${time}`);
  }
});

test('next (TestNext), including America/New_York DST', () => {
  const cases: Array<[string, string, string]> = [
    ['Mon Jul 9 14:45 2012', '0 0/15 * * *', 'Mon Jul 9 15:00 2012'],
    ['Mon Jul 9 14:59 2012', '0 0/15 * * *', 'Mon Jul 9 15:00 2012'],
    ['Mon Jul 9 14:59:59 2012', '0 0/15 * * *', 'Mon Jul 9 15:00 2012'],
    ['Mon Jul 9 15:45 2012', '0 20-35/15 * * *', 'Mon Jul 9 16:20 2012'],
    ['Mon Jul 9 23:46 2012', '0 */15 * * *', 'Tue Jul 10 00:00 2012'],
    ['Mon Jul 9 23:45 2012', '0 20-35/15 * * *', 'Tue Jul 10 00:20 2012'],
    ['Mon Jul 9 23:35:51 2012', '15/35 20-35/15 * * *', 'Tue Jul 10 00:20:15 2012'],
    ['Mon Jul 9 23:35:51 2012', '15/35 20-35/15 1/2 * *', 'Tue Jul 10 01:20:15 2012'],
    ['Mon Jul 9 23:35:51 2012', '15/35 20-35/15 10-12 * *', 'Tue Jul 10 10:20:15 2012'],
    ['Mon Jul 9 23:35:51 2012', '15/35 20-35/15 1/2 */2 * *', 'Thu Jul 11 01:20:15 2012'],
    ['Mon Jul 9 23:35:51 2012', '15/35 20-35/15 * 9-20 * *', 'Wed Jul 10 00:20:15 2012'],
    ['Mon Jul 9 23:35:51 2012', '15/35 20-35/15 * 9-20 Jul *', 'Wed Jul 10 00:20:15 2012'],
    ['Mon Jul 9 23:35 2012', '0 0 0 9 Apr-Oct ?', 'Thu Aug 9 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '0 0 0 */5 Apr,Aug,Oct Mon', 'Tue Aug 1 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '0 0 0 */5 Oct Mon', 'Mon Oct 1 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '0 0 0 * Feb Mon', 'Mon Feb 4 00:00 2013'],
    ['Mon Jul 9 23:35 2012', '0 0 0 * Feb Mon/2', 'Fri Feb 1 00:00 2013'],
    ['Mon Dec 31 23:59:45 2012', '0 * * * * *', 'Tue Jan 1 00:00:00 2013'],
    ['Mon Jul 9 23:35 2012', '0 0 0 29 Feb ?', 'Mon Feb 29 00:00 2016'],
    // 2am EST (-5) -> 3am EDT (-4)
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 0 30 2 11 Mar ?', '2013-03-11T02:30:00-0400'],
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 0 0 * * * ?', '2012-03-11T01:00:00-0500'],
    ['2012-03-11T01:00:00-0500', 'TZ=America/New_York 0 0 * * * ?', '2012-03-11T03:00:00-0400'],
    ['2012-03-11T03:00:00-0400', 'TZ=America/New_York 0 0 * * * ?', '2012-03-11T04:00:00-0400'],
    ['2012-03-11T04:00:00-0400', 'TZ=America/New_York 0 0 * * * ?', '2012-03-11T05:00:00-0400'],
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 0 0 1 * * ?', '2012-03-11T01:00:00-0500'],
    ['2012-03-11T01:00:00-0500', 'TZ=America/New_York 0 0 1 * * ?', '2012-03-12T01:00:00-0400'],
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 0 0 2 * * ?', '2012-03-12T02:00:00-0400'],
    // 2am EDT (-4) => 1am EST (-5)
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 30 2 04 Nov ?', '2012-11-04T02:30:00-0500'],
    ['2012-11-04T01:45:00-0400', 'TZ=America/New_York 0 30 1 04 Nov ?', '2012-11-04T01:30:00-0500'],
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 0 * * * ?', '2012-11-04T01:00:00-0400'],
    ['2012-11-04T01:00:00-0400', 'TZ=America/New_York 0 0 * * * ?', '2012-11-04T01:00:00-0500'],
    ['2012-11-04T01:00:00-0500', 'TZ=America/New_York 0 0 * * * ?', '2012-11-04T02:00:00-0500'],
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 0 1 * * ?', '2012-11-04T01:00:00-0400'],
    ['2012-11-04T01:00:00-0400', 'TZ=America/New_York 0 0 1 * * ?', '2012-11-04T01:00:00-0500'],
    ['2012-11-04T01:00:00-0500', 'TZ=America/New_York 0 0 1 * * ?', '2012-11-05T01:00:00-0500'],
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 0 2 * * ?', '2012-11-04T02:00:00-0500'],
    ['2012-11-04T02:00:00-0500', 'TZ=America/New_York 0 0 2 * * ?', '2012-11-05T02:00:00-0500'],
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 0 3 * * ?', '2012-11-04T03:00:00-0500'],
    ['2012-11-04T03:00:00-0500', 'TZ=America/New_York 0 0 3 * * ?', '2012-11-05T03:00:00-0500'],
    // The schedule's own zone, whatever zone the time is given in.
    ['2012-03-11T00:00:00-0500', 'TZ=America/New_York 0 0 2 * * ?', '2012-03-12T02:00:00-0400'],
    ['2012-11-04T00:00:00-0400', 'TZ=America/New_York 0 0 3 3 * ?', '2012-12-03T03:00:00-0500'],
    // Midnight missing because of DST (Sao Paulo).
    ['2018-10-17T05:00:00-0400', 'TZ=America/Sao_Paulo 0 0 9 10 * ?', '2018-11-10T06:00:00-0500'],
    ['2018-02-14T05:00:00-0500', 'TZ=America/Sao_Paulo 0 0 9 22 * ?', '2018-02-22T07:00:00-0500'],
    // Unsatisfiable.
    ['Mon Jul 9 23:35 2012', '0 0 0 30 Feb ?', ''],
    ['Mon Jul 9 23:35 2012', '0 0 0 31 Apr ?', ''],
  ];
  for (const [time, spec, expected] of cases) {
    const t = getTime(time);
    const actual = secondParser.parse(spec).next(t.ms, t.zone);
    assert.equal(actual, getTime(expected).ms, `${time} "${spec}": got ${new Date(actual).toISOString()}`);
  }
});

test('next in a time zone (TestNextWithTz)', () => {
  const cases: Array<[string, string, string]> = [
    ['2016-01-03T13:09:03+0530', '0 14 14 * * *', '2016-01-03T14:14:00+0530'],
    ['2016-01-03T04:09:03+0530', '0 14 14 * * ?', '2016-01-03T14:14:00+0530'],
    ['2016-01-03T14:09:03+0530', '0 14 14 * * *', '2016-01-03T14:14:00+0530'],
    ['2016-01-03T14:00:00+0530', '0 14 14 * * ?', '2016-01-03T14:14:00+0530'],
  ];
  const p = (v: string) => Date.parse(v.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  for (const [time, spec, expected] of cases) assert.equal(secondParser.parse(spec).next(p(time), 'Asia/Kolkata'), p(expected), `${time} ${spec}`);
});

test('standard 5-field schedules with timeZone, as the CronJob controller uses them', () => {
  // "*/1 * * * *" in UTC: the next whole minute.
  assert.equal(parseStandard('*/1 * * * *').next(Date.parse('2024-01-01T00:00:30Z')), Date.parse('2024-01-01T00:01:00Z'));
  // 9:00 in New York across the spring-forward weekend: 14:00Z in winter, 13:00Z in summer.
  const ny = parseStandard('TZ=America/New_York 0 9 * * *');
  assert.equal(ny.next(Date.parse('2024-03-09T15:00:00Z')), Date.parse('2024-03-10T13:00:00Z'));
  assert.equal(ny.next(Date.parse('2024-03-08T15:00:00Z')), Date.parse('2024-03-09T14:00:00Z'));
  // 2:30 does not exist on 2024-03-10 in New York: robfig skips to the next day.
  assert.equal(parseStandard('TZ=America/New_York 30 2 * * *').next(Date.parse('2024-03-10T05:00:00Z')), Date.parse('2024-03-11T06:30:00Z'));
  // @every rounds down to whole seconds and counts from the given time.
  assert.equal(parseStandard('@every 90s').next(Date.parse('2024-01-01T00:00:00.500Z')), Date.parse('2024-01-01T00:01:30Z'));
  assert.equal(parseStandard('@every 1h30m').next(0), 5_400_000);
});

test('Go duration parsing', () => {
  assert.equal(parseGoDuration('1h30m'), 5_400_000);
  assert.equal(parseGoDuration('1.5h'), 5_400_000);
  assert.equal(parseGoDuration('300ms'), 300);
  assert.equal(parseGoDuration('-2m'), -120_000);
  assert.equal(parseGoDuration('0'), 0);
  assert.equal(parseGoDuration('5'), 'time: missing unit in duration "5"');
  assert.equal(parseGoDuration('5x'), 'time: unknown unit "x" in duration "5x"');
  assert.equal(parseGoDuration(''), 'time: invalid duration ""');
  assert.equal(parseGoDuration('.s'), 'time: invalid duration ".s"');
});
