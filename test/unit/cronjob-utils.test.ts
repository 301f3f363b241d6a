// pkg/controller/cronjob/utils_test.go (v1.32) cases: TestMostRecentScheduleTime, TestNextScheduleTime,
// TestNextScheduleTimeDuration, TestGetJobFromTemplate2, TestByJobStartTime.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CronJobT } from '../../src/api/batch/cronjob.js';
import type { JobT } from '../../src/api/batch/job.js';
import { parseStandard } from '../../src/util/cron.js';
import {
  byJobStartTime,
  getJobFromTemplate2,
  mostRecentScheduleTime,
  nextScheduleDelta,
  nextScheduleTime,
  nextScheduleTimeDuration,
  type MissedSchedules,
} from '../../src/controllers/cronjob/utils.js';

const H = 3600_000;
const M = 60_000;
const topOfTheHour = Date.parse('2016-05-19T10:00:00Z');
const at = (d: number) => topOfTheHour + d;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function cronJob(schedule: string, created: number, opts: { last?: number; sds?: number; tz?: string } = {}): CronJobT {
  return {
    metadata: { name: 'mycronjob', namespace: 'default', uid: '1a2b3c', creationTimestamp: iso(created) },
    spec: {
      schedule,
      concurrencyPolicy: 'Allow',
      jobTemplate: {},
      ...(opts.sds !== undefined ? { startingDeadlineSeconds: opts.sds } : {}),
      ...(opts.tz !== undefined ? { timeZone: opts.tz } : {}),
    },
    status: opts.last !== undefined ? { lastScheduleTime: iso(opts.last) } : {},
  } as CronJobT;
}

test('mostRecentScheduleTime (TestMostRecentScheduleTime)', () => {
  const cases: Array<{ name: string; cj: CronJobT; sds?: boolean; now: number; earliest?: number; recent?: number; missed?: MissedSchedules; err?: boolean }> = [
    { name: 'now before next schedule', cj: cronJob('0 * * * *', topOfTheHour), now: at(30_000), earliest: topOfTheHour },
    { name: 'now just after next schedule', cj: cronJob('0 * * * *', topOfTheHour), now: at(61 * M), recent: at(60 * M), earliest: topOfTheHour },
    { name: 'missed 5 schedules', cj: cronJob('0 * * * *', at(10_000)), now: at(301 * M), recent: at(300 * M), earliest: at(10_000), missed: 'few' },
    {
      name: 'complex schedule',
      cj: cronJob('30 6-16/4 * * 1-5', topOfTheHour, { last: at(30 * M) }),
      now: at(24 * H + 31 * M),
      recent: at(24 * H + 30 * M),
      earliest: at(30 * M),
      missed: 'few',
    },
    {
      name: 'another complex schedule',
      cj: cronJob('30 10,11,12 * * 1-5', topOfTheHour, { last: at(30 * M) }),
      now: at(30 * H + 30 * M),
      earliest: at(30 * M),
      missed: 'few',
    },
    {
      name: 'complex schedule with longer diff between executions',
      cj: cronJob('30 6-16/4 * * 1-5', topOfTheHour, { last: at(30 * M) }),
      now: at(96 * H + 31 * M),
      recent: at(96 * H + 30 * M),
      earliest: at(30 * M),
      missed: 'few',
    },
    {
      name: 'complex schedule with shorter diff between executions',
      cj: cronJob('30 6-16/4 * * 1-5', topOfTheHour),
      now: at(24 * H + 31 * M),
      recent: at(24 * H + 30 * M),
      earliest: topOfTheHour,
      missed: 'few',
    },
    {
      name: '@every schedule',
      cj: cronJob('@every 1h', at(-59 * M), { sds: 10, last: at(1 * M) }),
      now: at(7 * 24 * H),
      recent: at(6 * 24 * H + 23 * H + 1 * M),
      earliest: at(1 * M),
      missed: 'many',
    },
    { name: 'rogue cronjob', cj: cronJob('59 23 31 2 *', at(10_000)), now: at(1 * H), err: true },
    {
      name: 'earliestTime being CreationTimestamp and LastScheduleTime',
      cj: cronJob('0 * * * *', topOfTheHour, { last: topOfTheHour }),
      now: at(30_000),
      earliest: topOfTheHour,
    },
    { name: 'earliestTime being LastScheduleTime', cj: cronJob('*/5 * * * *', topOfTheHour, { last: at(30 * M) }), now: at(31 * M), earliest: at(30 * M) },
    {
      name: 'earliestTime being LastScheduleTime (within StartingDeadlineSeconds)',
      cj: cronJob('*/5 * * * *', topOfTheHour, { last: at(30 * M), sds: 60 }),
      now: at(31 * M),
      earliest: at(30 * M),
    },
    {
      name: 'earliestTime being LastScheduleTime (outside StartingDeadlineSeconds)',
      cj: cronJob('*/5 * * * *', topOfTheHour, { last: at(30 * M), sds: 60 }),
      sds: true,
      now: at(32 * M),
      earliest: at(31 * M),
    },
  ];
  for (const c of cases) {
    const r = mostRecentScheduleTime(c.cj, c.now, parseStandard(c.cj.spec!.schedule), c.sds ?? false);
    if (c.err) {
      assert.ok(r.error, c.name);
      continue;
    }
    assert.equal(r.error, undefined, c.name);
    assert.equal(r.earliestTime, c.earliest, `${c.name}: earliest`);
    assert.equal(r.mostRecentTime, c.recent, `${c.name}: recent`);
    assert.equal(r.missed, c.missed ?? 'none', `${c.name}: missed`);
  }
});

test('nextScheduleTime (TestNextScheduleTime)', () => {
  const T1 = topOfTheHour;
  const T2 = at(1 * H);
  const s = parseStandard('0 * * * ?');
  const cj = (created: number, last?: number, sds?: number) => cronJob('0 * * * ?', created, { last, sds });
  // 1: no known start times, none needed yet.
  assert.equal(nextScheduleTime(cj(T1 - 10 * M), T1 - 7 * M, s).time, undefined);
  // 2: no known start times, one needed.
  assert.equal(nextScheduleTime(cj(T1 - 10 * M), T1 + 2000, s).time, T1);
  // 3: known lastScheduleTime, no start needed.
  assert.equal(nextScheduleTime(cj(T1 - 10 * M, T1), T1 + 2 * M, s).time, undefined);
  // 4: known lastScheduleTime, a start needed.
  assert.equal(nextScheduleTime(cj(T1 - 10 * M, T1), T2 + 5 * M, s).time, T2);
  // 5: two starts needed: the most recent one.
  assert.equal(nextScheduleTime(cj(T1 - 2 * H, T1 - H), T2 + 5 * M, s).time, T2);
  // 6: way ahead of the last start, no deadline: still one (the most recent), and >100 missed.
  const far = nextScheduleTime(cj(T1 - 2 * H, T1 - H), T2 + 10 * 24 * H, s);
  assert.equal(far.time, T2 + 10 * 24 * H);
  assert.equal(far.tooManyMissed, true);
  // 7: a short deadline: the most recent one, without the warning.
  const dl = nextScheduleTime(cj(T1 - 2 * H, T1 - H, 2 * 60 * 60), T2 + 10 * 24 * H, s);
  assert.equal(dl.time, T2 + 10 * 24 * H);
  assert.equal(dl.tooManyMissed, false);
  // 8: the error of a rogue schedule is passed up.
  const rogue = nextScheduleTime(cronJob('59 23 31 2 *', T1 + 10_000), at(1 * H), parseStandard('59 23 31 2 *'));
  assert.equal(rogue.time, undefined);
  assert.equal(rogue.error, 'time difference between two schedules is less than 1 second');
});

test('nextScheduleTimeDuration (TestNextScheduleTimeDuration)', () => {
  const cases: Array<[string, CronJobT, number, number]> = [
    ['complex schedule skipping weekend', cronJob('30 6-16/4 * * 1-5', topOfTheHour, { last: at(30 * M) }), at(24 * H + 31 * M), 3 * H + 59 * M],
    ['another complex schedule skipping weekend', cronJob('30 10,11,12 * * 1-5', topOfTheHour, { last: at(30 * M) }), at(30 * H + 30 * M), 66 * H],
    ['once a week cronjob, missed two runs', cronJob('0 12 * * 4', topOfTheHour, { last: at(2 * H) }), at(19 * 24 * H + 1 * H + 30 * M), 48 * H + 30 * M],
    ['no previous run of a cronjob', cronJob('0 12 * * 5', topOfTheHour), at(6 * H), 20 * H],
  ];
  for (const [name, cj, now, expected] of cases)
    assert.equal(nextScheduleTimeDuration(cj, now, parseStandard(cj.spec!.schedule)), expected + nextScheduleDelta, name);
});

test('getJobFromTemplate2 (TestGetJobFromTemplate2)', () => {
  const base = cronJob('* * * * ?', topOfTheHour);
  base.spec!.jobTemplate = {
    metadata: { labels: { a: 'b' } },
    spec: { activeDeadlineSeconds: 1, manualSelector: false, template: { metadata: { labels: { foo: 'bar' } }, spec: { containers: [{ name: 'c', image: 'foo/bar' }] } } },
  };
  const cases: Array<[string, string | undefined, Record<string, string>, string, number]> = [
    ['UTC timezone and one annotation', 'UTC', { x: 'y' }, '2016-05-19T10:00:00Z', 2],
    ['nil timezone and one annotation', undefined, { x: 'y' }, '2016-05-19T10:00:00Z', 2],
    ['correct timezone and multiple annotation', 'Europe/Rome', { x: 'y', z: 'x' }, '2016-05-19T12:00:00+02:00', 3],
  ];
  for (const [name, tz, annotations, stamp, count] of cases) {
    const cj = structuredClone(base);
    cj.spec!.jobTemplate!.metadata!.annotations = annotations;
    if (tz) cj.spec!.timeZone = tz;
    const job = getJobFromTemplate2(cj, topOfTheHour);
    assert.equal(job.metadata.name, `mycronjob-${Math.floor(topOfTheHour / 60_000)}`, name);
    assert.deepEqual(job.metadata.labels, { a: 'b' }, name);
    assert.equal(Object.keys(job.metadata.annotations!).length, count, name);
    assert.equal(job.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp'], stamp, name);
    assert.deepEqual(job.metadata.ownerReferences, [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'mycronjob', uid: '1a2b3c', controller: true, blockOwnerDeletion: true }]);
    assert.deepEqual(job.spec, cj.spec!.jobTemplate!.spec, name);
  }
});

test('byJobStartTime (TestByJobStartTime)', () => {
  const now = '2018-01-01T02:03:04Z';
  const later = '2019-01-01T02:03:04Z';
  const j = (name: string, startTime?: string) => ({ metadata: { name }, status: startTime ? { startTime } : {} }) as JobT;
  const aNil = j('a');
  const bNil = j('b');
  const aSet = j('a', now);
  const bSet = j('b', now);
  const aSetLater = j('a', later);
  const cases: Array<[string, JobT[], JobT[]]> = [
    ['both have nil start times', [bNil, aNil], [aNil, bNil]],
    ['only the first has a nil start time', [aNil, bSet], [bSet, aNil]],
    ['only the second has a nil start time', [aSet, bNil], [aSet, bNil]],
    ['both have non-nil, equal start time', [bSet, aSet], [aSet, bSet]],
    ['both have non-nil, different start time', [aSetLater, bSet], [bSet, aSetLater]],
  ];
  for (const [name, input, expected] of cases) assert.deepEqual([...input].sort(byJobStartTime), expected, name);
});
