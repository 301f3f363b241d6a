// The CronJob controller on the fake clock: schedules, concurrency policies, missed schedules,
// startingDeadlineSeconds, suspend, history limits, status. Jobs are finished through jobs/status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, type TestCluster } from '../helpers/cluster.js';
import type { KObject } from '../../src/api/meta.js';
import { rfc3339 } from '../../src/util/clock.js';

const T0 = Date.parse('2024-01-01T00:00:00Z');
const MIN = 60_000;
const minutesOf = (ms: number) => Math.floor(ms / MIN);

function cronJob(name: string, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: '*/1 * * * *',
      jobTemplate: {
        metadata: { labels: { app: name } },
        spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox', command: ['sh', '-c', 'echo hi'] }] } } },
      },
      ...spec,
    },
  };
}

async function start(): Promise<TestCluster> {
  const c = await testCluster({ kubelets: false });
  // One second past the hour, so each one-minute step lands just after a slot (and its 100ms padding).
  c.clock.step(1000);
  await c.settle();
  return c;
}

const cronJobs = (c: TestCluster) => c.client.resource('batch', 'cronjobs');
const jobsOf = (c: TestCluster, owner: string) =>
  c.client
    .resource('batch', 'jobs')
    .list('default')
    .items.filter((j) => j.metadata.ownerReferences?.some((r) => r.name === owner))
    .map((j) => j.metadata.name!)
    .sort();
const events = (c: TestCluster, name: string) =>
  c.client
    .resource('', 'events')
    .list('default')
    .items.filter((e) => (e as any).involvedObject?.name === name)
    .map((e) => `${(e as any).reason}: ${(e as any).message}`);

/** Step the clock in one-minute ticks (each just past a slot), settling after each. */
async function minutes(c: TestCluster, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    c.clock.step(MIN);
    await c.settle();
  }
}

/** What the Job controller writes when a Job finishes: the condition(s) and the times. */
function finishJob(c: TestCluster, name: string, type: 'Complete' | 'Failed'): KObject {
  const jobs = c.client.resource('batch', 'jobs');
  const job = jobs.get('default', name);
  const now = rfc3339(c.clock.now());
  const conditions =
    type === 'Complete'
      ? [
          { type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: now, lastTransitionTime: now },
          { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: now, lastTransitionTime: now },
        ]
      : [
          { type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastProbeTime: now, lastTransitionTime: now },
          { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastProbeTime: now, lastTransitionTime: now },
        ];
  const status = {
    ...(job.status as object),
    active: 0,
    ready: 0,
    conditions,
    startTime: (job.status as any)?.startTime ?? job.metadata.creationTimestamp,
    ...(type === 'Complete' ? { succeeded: 1, completionTime: now } : { failed: 1 }),
  };
  return jobs.updateStatus('default', { ...job, status });
}

test('a */1 CronJob creates a Job each minute, named by the scheduled minute, with the annotation, owner and status', async () => {
  const c = await start();
  try {
    cronJobs(c).create('default', cronJob('hello'));
    await c.settle();
    assert.deepEqual(jobsOf(c, 'hello'), []);
    await minutes(c, 1);
    const first = `hello-${minutesOf(T0 + MIN)}`;
    assert.deepEqual(jobsOf(c, 'hello'), [first]);
    const job = c.client.resource('batch', 'jobs').get('default', first);
    assert.equal(job.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'], '2024-01-01T00:01:00Z');
    assert.deepEqual(job.metadata.labels?.app, 'hello');
    const cj = cronJobs(c).get('default', 'hello');
    const ref = job.metadata.ownerReferences![0]!;
    assert.deepEqual(ref, { apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true });
    assert.equal((cj.status as any).lastScheduleTime, '2024-01-01T00:01:00Z');
    assert.deepEqual((cj.status as any).active, [
      { kind: 'Job', namespace: 'default', name: first, uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: (cj.status as any).active[0].resourceVersion },
    ]);
    await minutes(c, 2);
    assert.deepEqual(jobsOf(c, 'hello'), [first, `hello-${minutesOf(T0 + 2 * MIN)}`, `hello-${minutesOf(T0 + 3 * MIN)}`]);
    assert.equal((cronJobs(c).get('default', 'hello').status as any).active.length, 3);
    assert.ok(events(c, 'hello').includes(`SuccessfulCreate: Created job ${first}`));
    // A finished Job leaves the active list, with lastSuccessfulTime from its completionTime.
    finishJob(c, first, 'Complete');
    await c.settle();
    const after = cronJobs(c).get('default', 'hello').status as any;
    assert.equal(after.active.length, 2);
    assert.equal(after.lastSuccessfulTime, rfc3339(c.clock.now()));
    assert.ok(events(c, 'hello').includes(`SawCompletedJob: Saw completed job: ${first}, condition: Complete`));
  } finally {
    await c.stop();
  }
});

test('Forbid skips a run while a Job is active', async () => {
  const c = await start();
  try {
    cronJobs(c).create('default', cronJob('forbid', { concurrencyPolicy: 'Forbid' }));
    await minutes(c, 3);
    const first = `forbid-${minutesOf(T0 + MIN)}`;
    assert.deepEqual(jobsOf(c, 'forbid'), [first]);
    assert.ok(events(c, 'forbid').includes('JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid'));
    // When the active Job finishes, the most recent skipped slot (00:03) still runs, at once.
    finishJob(c, first, 'Complete');
    await c.settle();
    const caughtUp = `forbid-${minutesOf(T0 + 3 * MIN)}`;
    assert.deepEqual(jobsOf(c, 'forbid'), [first, caughtUp]);
    await minutes(c, 1);
    assert.deepEqual(jobsOf(c, 'forbid'), [first, caughtUp]);
  } finally {
    await c.stop();
  }
});

test('Replace deletes the active Job and starts a new one', async () => {
  const c = await start();
  try {
    cronJobs(c).create('default', cronJob('replace', { concurrencyPolicy: 'Replace' }));
    await minutes(c, 1);
    const first = `replace-${minutesOf(T0 + MIN)}`;
    assert.deepEqual(jobsOf(c, 'replace'), [first]);
    await minutes(c, 1);
    const second = `replace-${minutesOf(T0 + 2 * MIN)}`;
    assert.deepEqual(jobsOf(c, 'replace'), [second]);
    const active = (cronJobs(c).get('default', 'replace').status as any).active.map((r: any) => r.name);
    assert.deepEqual(active, [second]);
    assert.ok(events(c, 'replace').includes(`SuccessfulDelete: Deleted job ${first}`));
  } finally {
    await c.stop();
  }
});

test('history limits delete the oldest finished Jobs', async () => {
  const c = await start();
  try {
    cronJobs(c).create('default', cronJob('hist', { successfulJobsHistoryLimit: 2, failedJobsHistoryLimit: 1 }));
    const names: string[] = [];
    for (let i = 1; i <= 4; i++) {
      await minutes(c, 1);
      const name = `hist-${minutesOf(T0 + i * MIN)}`;
      names.push(name);
      finishJob(c, name, 'Complete');
      await c.settle();
    }
    assert.deepEqual(jobsOf(c, 'hist'), names.slice(2));
    assert.ok(events(c, 'hist').includes(`SuccessfulDelete: Deleted job ${names[0]}`));
    // Two failed Jobs: only the newest is kept.
    for (let i = 5; i <= 6; i++) {
      await minutes(c, 1);
      finishJob(c, `hist-${minutesOf(T0 + i * MIN)}`, 'Failed');
      await c.settle();
    }
    assert.deepEqual(jobsOf(c, 'hist'), [...names.slice(2), `hist-${minutesOf(T0 + 6 * MIN)}`].sort());
  } finally {
    await c.stop();
  }
});

test('suspend stops new runs; resuming runs only the most recent missed slot', async () => {
  const c = await start();
  try {
    cronJobs(c).create('default', cronJob('sus', { suspend: true }));
    await minutes(c, 5);
    assert.deepEqual(jobsOf(c, 'sus'), []);
    assert.equal((cronJobs(c).get('default', 'sus').status as any).lastScheduleTime, undefined);
    c.clock.step(20_000); // 00:05:21
    cronJobs(c).patch('default', 'sus', 'merge', { spec: { suspend: false } });
    await c.settle();
    assert.deepEqual(jobsOf(c, 'sus'), [`sus-${minutesOf(T0 + 5 * MIN)}`]);
    assert.equal((cronJobs(c).get('default', 'sus').status as any).lastScheduleTime, '2024-01-01T00:05:00Z');
  } finally {
    await c.stop();
  }
});

test('startingDeadlineSeconds: a slot missed by more than the deadline is not run', async () => {
  const c = await start();
  try {
    cronJobs(c).create('default', cronJob('late', { suspend: true, startingDeadlineSeconds: 10 }));
    await minutes(c, 5);
    c.clock.step(20_000); // 00:05:21: the 00:05 slot is 21s old, past the 10s deadline
    cronJobs(c).patch('default', 'late', 'merge', { spec: { suspend: false } });
    await c.settle();
    assert.deepEqual(jobsOf(c, 'late'), []);
    c.clock.step(40_000); // 00:06:01
    await c.settle();
    assert.deepEqual(jobsOf(c, 'late'), [`late-${minutesOf(T0 + 6 * MIN)}`]);
  } finally {
    await c.stop();
  }
});

test('more than 100 missed schedules: a TooManyMissedTimes warning, and the most recent slot runs', async () => {
  const c = await start();
  try {
    cronJobs(c).create('default', cronJob('many', { suspend: true }));
    c.clock.step(150 * MIN);
    await c.settle();
    cronJobs(c).patch('default', 'many', 'merge', { spec: { suspend: false } });
    await c.settle();
    assert.deepEqual(jobsOf(c, 'many'), [`many-${minutesOf(T0 + 150 * MIN)}`]);
    assert.ok(events(c, 'many').includes('TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew'));
  } finally {
    await c.stop();
  }
});

test('a time zone schedule fires at the wall-clock time of that zone', async () => {
  const c = await start();
  try {
    // 19:05 in New York on 2023-12-31 is 00:05Z on 2024-01-01.
    cronJobs(c).create('default', cronJob('ny', { schedule: '5 19 * * *', timeZone: 'America/New_York' }));
    await minutes(c, 6);
    const name = `ny-${minutesOf(T0 + 5 * MIN)}`;
    assert.deepEqual(jobsOf(c, 'ny'), [name]);
    const job = c.client.resource('batch', 'jobs').get('default', name);
    assert.equal(job.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'], '2023-12-31T19:05:00-05:00');
  } finally {
    await c.stop();
  }
});

test('API: defaults, status on create, validation messages, table', async () => {
  const c = await start();
  try {
    const created = await c.req('POST', '/apis/batch/v1/namespaces/default/cronjobs', cronJob('api'));
    assert.equal(created.status, 201);
    assert.equal(created.body.spec.concurrencyPolicy, 'Allow');
    assert.equal(created.body.spec.suspend, false);
    assert.equal(created.body.spec.successfulJobsHistoryLimit, 3);
    assert.equal(created.body.spec.failedJobsHistoryLimit, 1);
    assert.deepEqual(created.body.status, {});
    assert.equal(created.body.metadata.generation, 1);
    const bad = await c.req('POST', '/apis/batch/v1/namespaces/default/cronjobs', cronJob('bad', { schedule: 'x' }));
    assert.equal(bad.status, 422);
    assert.equal(bad.body.message, 'CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "x": expected exactly 5 fields, found 1: [x]');
    const tz = await c.req('POST', '/apis/batch/v1/namespaces/default/cronjobs', cronJob('tz', { timeZone: 'Mars/Olympus' }));
    assert.equal(tz.status, 422);
    assert.equal(tz.body.message, 'CronJob.batch "tz" is invalid: spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus');
    const long = await c.req('POST', '/apis/batch/v1/namespaces/default/cronjobs', cronJob('a'.repeat(53)));
    assert.equal(long.status, 422);
    assert.match(long.body.message, /metadata.name: Invalid value: "a{53}": must be no more than 52 characters$/);
    const table = await c.req('GET', '/apis/batch/v1/namespaces/default/cronjobs', undefined, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
    assert.deepEqual(
      table.body.columnDefinitions.filter((d: any) => d.priority === 0).map((d: any) => d.name),
      ['Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age'],
    );
    assert.deepEqual(table.body.rows[0].cells.slice(0, 6), ['api', '*/1 * * * *', '<none>', 'False', 0, '<none>']);
  } finally {
    await c.stop();
  }
});
