// CronJob defaults and validation, cases after pkg/apis/batch/validation TestValidateCronJob (v1.32).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CronJobT } from '../../src/api/batch/cronjob.js';
import { defaultCronJob } from '../../src/api/batch/cronjob-defaults.js';
import { cronJobWarnings, validateCronJob, validateCronJobUpdate } from '../../src/api/batch/cronjob-validation.js';
import { fieldErrorString } from '../../src/api/field-errors.js';

function valid(): CronJobT {
  const cj = {
    metadata: { name: 'mycronjob', namespace: 'default', uid: '1a2b3c' },
    spec: {
      schedule: '* * * * ?',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } },
    },
  } as unknown as CronJobT;
  defaultCronJob(cj);
  return cj;
}

const errs = (cj: CronJobT) => validateCronJob(cj).map(fieldErrorString);

test('defaults: Allow, not suspended, history limits 3 and 1, pod template defaults', () => {
  const cj = valid();
  assert.equal(cj.spec!.concurrencyPolicy, 'Allow');
  assert.equal(cj.spec!.suspend, false);
  assert.equal(cj.spec!.successfulJobsHistoryLimit, 3);
  assert.equal(cj.spec!.failedJobsHistoryLimit, 1);
  assert.equal(cj.spec!.jobTemplate.metadata!.creationTimestamp, null);
  assert.equal(cj.spec!.jobTemplate.spec!.template.spec!.dnsPolicy, 'ClusterFirst');
  // The JobSpec itself is not defaulted (that is SetDefaults_Job, for Jobs).
  assert.equal(cj.spec!.jobTemplate.spec!.backoffLimit, undefined);
  const explicit = { metadata: {}, spec: { schedule: 'x', concurrencyPolicy: 'Forbid', suspend: true, successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 5, jobTemplate: {} } } as unknown as CronJobT;
  defaultCronJob(explicit);
  assert.deepEqual(
    [explicit.spec!.concurrencyPolicy, explicit.spec!.suspend, explicit.spec!.successfulJobsHistoryLimit, explicit.spec!.failedJobsHistoryLimit],
    ['Forbid', true, 0, 5],
  );
});

test('valid cron jobs', () => {
  assert.deepEqual(errs(valid()), []);
  for (const schedule of ['*/1 * * * *', '@hourly', '@every 1h', '0 9 * * MON-FRI', '5,35 10-12/2 1 jan,jul ?', '@yearly']) {
    const cj = valid();
    cj.spec!.schedule = schedule;
    assert.deepEqual(errs(cj), [], schedule);
  }
  for (const tz of ['America/New_York', 'Europe/Rome', 'UTC', 'Etc/GMT+5', 'US/Eastern']) {
    const cj = valid();
    cj.spec!.timeZone = tz;
    assert.deepEqual(errs(cj), [], tz);
  }
});

test('invalid cron jobs: upstream paths and messages', () => {
  const cases: Array<[string, (cj: CronJobT) => void, string[]]> = [
    ['non-standard schedule', (cj) => (cj.spec!.schedule = '@every 5m x'), ['spec.schedule: Invalid value: "@every 5m x": failed to parse duration @every 5m x: time: unknown unit "m x" in duration "5m x"']],
    ['bad schedule', (cj) => (cj.spec!.schedule = 'error'), ['spec.schedule: Invalid value: "error": expected exactly 5 fields, found 1: [error]']],
    ['empty schedule', (cj) => (cj.spec!.schedule = ''), ['spec.schedule: Required value']],
    [
      'TZ in schedule',
      (cj) => (cj.spec!.schedule = 'TZ=UTC 0 * * * *'),
      ['spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead'],
    ],
    [
      'CRON_TZ and an unknown location',
      (cj) => (cj.spec!.schedule = 'CRON_TZ=Mars/Olympus 0 * * * *'),
      [
        'spec.schedule: Invalid value: "CRON_TZ=Mars/Olympus 0 * * * *": provided bad location Mars/Olympus: unknown time zone Mars/Olympus',
        'spec.schedule: Invalid value: "CRON_TZ=Mars/Olympus 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      ],
    ],
    ['unknown time zone', (cj) => (cj.spec!.timeZone = 'America/New_Yrok'), ['spec.timeZone: Invalid value: "America/New_Yrok": unknown time zone America/New_Yrok']],
    ['time zone case matters', (cj) => (cj.spec!.timeZone = 'america/new_york'), ['spec.timeZone: Invalid value: "america/new_york": unknown time zone america/new_york']],
    ['empty time zone', (cj) => (cj.spec!.timeZone = ''), ['spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string']],
    ['bad time zone characters', (cj) => (cj.spec!.timeZone = 'Europe/Rome ;'), ['spec.timeZone: Invalid value: "Europe/Rome ;": unknown time zone Europe/Rome ;']],
    ['local time zone', (cj) => (cj.spec!.timeZone = 'Local'), ['spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones']],
    ['negative startingDeadlineSeconds', (cj) => (cj.spec!.startingDeadlineSeconds = -1), ['spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0']],
    ['negative successfulJobsHistoryLimit', (cj) => (cj.spec!.successfulJobsHistoryLimit = -1), ['spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0']],
    ['negative failedJobsHistoryLimit', (cj) => (cj.spec!.failedJobsHistoryLimit = -1), ['spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0']],
    ['missing concurrencyPolicy', (cj) => (cj.spec!.concurrencyPolicy = ''), ['spec.concurrencyPolicy: Required value']],
    [
      'unsupported concurrencyPolicy',
      (cj) => (cj.spec!.concurrencyPolicy = 'Sometimes'),
      ['spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"'],
    ],
    [
      'name longer than 52',
      (cj) => (cj.metadata.name = 'a'.repeat(53)),
      [`metadata.name: Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters`],
    ],
    [
      'negative parallelism',
      (cj) => (cj.spec!.jobTemplate.spec!.parallelism = -1),
      ['spec.jobTemplate.spec.parallelism: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'restartPolicy Always',
      (cj) => (cj.spec!.jobTemplate.spec!.template.spec!.restartPolicy = 'Always'),
      ['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ],
    [
      'selector set',
      (cj) => (cj.spec!.jobTemplate.spec!.selector = { matchLabels: { a: 'b' } }),
      ['spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` will be auto-generated'],
    ],
    [
      'manualSelector true',
      (cj) => (cj.spec!.jobTemplate.spec!.manualSelector = true),
      ['spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"'],
    ],
  ];
  for (const [name, mutate, expected] of cases) {
    const cj = valid();
    mutate(cj);
    assert.deepEqual(errs(cj), expected, name);
  }
});

test('update: no name limit, TZ kept only if the old schedule had it, time zone checked only when it changes', () => {
  const old = valid();
  old.metadata.name = 'a'.repeat(60);
  const cur = structuredClone(old);
  assert.deepEqual(validateCronJobUpdate(cur, old), []);

  const oldTz = valid();
  oldTz.spec!.schedule = 'TZ=UTC 0 * * * *';
  const curTz = structuredClone(oldTz);
  curTz.spec!.schedule = 'TZ=UTC 5 * * * *';
  assert.deepEqual(validateCronJobUpdate(curTz, oldTz), []);
  curTz.spec!.timeZone = 'UTC';
  assert.deepEqual(validateCronJobUpdate(curTz, oldTz).map(fieldErrorString), [
    'spec.schedule: Invalid value: "TZ=UTC 5 * * * *": cannot use both timeZone field and TZ or CRON_TZ in schedule',
  ]);

  const plain = valid();
  const withTz = structuredClone(plain);
  withTz.spec!.schedule = 'TZ=UTC 0 * * * *';
  assert.deepEqual(validateCronJobUpdate(withTz, plain).map(fieldErrorString), [
    'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
  ]);
  assert.deepEqual(cronJobWarnings(withTz), ['cannot use TZ or CRON_TZ in schedule "TZ=UTC 0 * * * *", use timeZone field instead']);
});
