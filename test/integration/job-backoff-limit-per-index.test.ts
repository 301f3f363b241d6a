import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, type TestCluster } from '../helpers/cluster.js';
import { failPods, succeedPods } from '../helpers/pods.js';
import type { KObject } from '../../src/api/meta.js';

const IX = 'batch.kubernetes.io/job-completion-index';
const FC = 'batch.kubernetes.io/job-index-failure-count';
const IFC = 'batch.kubernetes.io/job-index-ignored-failure-count';

const job = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: { completionMode: 'Indexed', template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } }, ...spec },
});
type Obj = KObject & { status?: any; spec?: any };
const jobs = (c: TestCluster) => c.client.resource('batch', 'jobs');
const getJob = (c: TestCluster, name: string) => jobs(c).get('default', name) as Obj;
const pods = (c: TestCluster, name: string) => c.client.resource('', 'pods').list('default', { labelSelector: `batch.kubernetes.io/job-name=${name}` }).items as Obj[];
const active = (c: TestCluster, name: string) => pods(c, name).filter((p) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status?.phase));
const activeOf = (c: TestCluster, name: string, ix: number) => active(c, name).filter((p) => p.metadata.annotations?.[IX] === String(ix));
const activeIndexes = (c: TestCluster, name: string) => active(c, name).map((p) => Number(p.metadata.annotations?.[IX])).sort((a, b) => a - b);
const names = (ps: Obj[]) => ps.map((p) => p.metadata.name!);
const cond = (j: Obj, type: string) => (j.status?.conditions ?? []).find((x: any) => x.type === type);
const events = (c: TestCluster, name: string) =>
  (c.client.resource('', 'events').list('default').items as any[]).filter((e) => e.involvedObject?.name === name).map((e) => `${e.reason}: ${e.message}`);

test('backoffLimitPerIndex: an index failing past its limit fails the job with FailedIndexes once the others complete', async () => {
  const c = await testCluster({ kubelets: false, scheduler: false });
  try {
    jobs(c).create('default', job('bl', { completions: 3, parallelism: 3, backoffLimitPerIndex: 1 }));
    await c.settle();
    assert.deepEqual(activeIndexes(c, 'bl'), [0, 1, 2]);
    for (const p of active(c, 'bl')) assert.equal(p.metadata.annotations?.[FC], '0');
    assert.equal(getJob(c, 'bl').status.failedIndexes, '');

    const first = activeOf(c, 'bl', 1);
    failPods(c, 'default', undefined, { names: names(first) });
    await c.settle();
    let j = getJob(c, 'bl');
    assert.equal(activeOf(c, 'bl', 1).length, 0, 'index 1 waits for its back-off');
    assert.equal(j.status.failed ?? 0, 0, 'the failed pod is counted once its replacement exists');
    assert.deepEqual(pods(c, 'bl').find((p) => p.metadata.name === first[0]!.metadata.name)?.metadata.finalizers, ['batch.kubernetes.io/job-tracking']);
    c.clock.step(9_000);
    await c.settle();
    assert.equal(activeOf(c, 'bl', 1).length, 0);
    c.clock.step(1_000);
    await c.settle();
    const replacement = activeOf(c, 'bl', 1);
    assert.equal(replacement.length, 1, 'replacement after 10s');
    assert.equal(replacement[0]!.metadata.annotations?.[FC], '1');
    j = getJob(c, 'bl');
    assert.equal(j.status.failed, 1);
    assert.equal(j.status.failedIndexes, '');

    succeedPods(c, 'default', undefined, { names: [...names(activeOf(c, 'bl', 0)), ...names(activeOf(c, 'bl', 2))] });
    await c.settle();
    j = getJob(c, 'bl');
    assert.equal(j.status.completedIndexes, '0,2');
    assert.equal(cond(j, 'Failed'), undefined);

    failPods(c, 'default', undefined, { names: names(replacement) });
    await c.settle();
    j = getJob(c, 'bl');
    assert.equal(j.status.failedIndexes, '1');
    assert.equal(j.status.completedIndexes, '0,2');
    assert.equal(j.status.failed, 2);
    assert.equal(j.status.succeeded, 2);
    assert.equal(j.status.active, 0);
    assert.equal(cond(j, 'FailureTarget')?.reason, 'FailedIndexes');
    assert.equal(cond(j, 'Failed')?.reason, 'FailedIndexes');
    assert.equal(cond(j, 'Failed')?.message, 'Job has failed indexes');
    assert.ok(events(c, 'bl').includes('FailedIndexes: Job has failed indexes'));
    c.clock.step(60_000);
    await c.settle();
    assert.equal(active(c, 'bl').length, 0, 'a failed index is not re-created');
    for (const p of pods(c, 'bl')) assert.equal(p.metadata.finalizers, undefined);
  } finally {
    await c.stop();
  }
});

test('backoffLimitPerIndex: exceeding maxFailedIndexes fails the job and removes the remaining pods', async () => {
  const c = await testCluster({ kubelets: false, scheduler: false });
  try {
    jobs(c).create('default', job('mfi', { completions: 4, parallelism: 4, backoffLimitPerIndex: 0, maxFailedIndexes: 1 }));
    await c.settle();
    failPods(c, 'default', undefined, { names: names(activeOf(c, 'mfi', 0)) });
    await c.settle();
    let j = getJob(c, 'mfi');
    assert.equal(j.status.failedIndexes, '0');
    assert.equal(j.status.failed, 1);
    assert.equal(cond(j, 'FailureTarget'), undefined, 'one failed index is allowed');
    c.clock.step(60_000);
    await c.settle();
    assert.deepEqual(activeIndexes(c, 'mfi'), [1, 2, 3], 'the failed index is not re-created');

    failPods(c, 'default', undefined, { names: names(activeOf(c, 'mfi', 3)) });
    await c.settle();
    j = getJob(c, 'mfi');
    assert.equal(j.status.failedIndexes, '0,3');
    assert.equal(cond(j, 'FailureTarget')?.reason, 'MaxFailedIndexesExceeded');
    assert.equal(cond(j, 'Failed')?.reason, 'MaxFailedIndexesExceeded');
    assert.equal(cond(j, 'Failed')?.message, 'Job has exceeded the specified maximal number of failed indexes');
    assert.equal(j.status.active, 0);
    assert.equal(j.status.failed, 4, 'the two removed running pods count as failed');
    assert.equal(active(c, 'mfi').length, 0);
    assert.ok(events(c, 'mfi').includes('MaxFailedIndexesExceeded: Job has exceeded the specified maximal number of failed indexes'));
  } finally {
    await c.stop();
  }
});

test('backoffLimitPerIndex: a FailIndex pod failure policy rule fails the index at once', async () => {
  const c = await testCluster({ kubelets: false, scheduler: false });
  try {
    const podFailurePolicy = { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } }] };
    jobs(c).create('default', job('fi', { completions: 2, parallelism: 2, backoffLimitPerIndex: 3, podFailurePolicy }));
    await c.settle();
    failPods(c, 'default', undefined, { names: names(activeOf(c, 'fi', 0)) }); // exit code 1
    await c.settle();
    let j = getJob(c, 'fi');
    assert.equal(j.status.failedIndexes, '0');
    assert.equal(j.status.failed, 1);
    c.clock.step(60_000);
    await c.settle();
    assert.deepEqual(activeIndexes(c, 'fi'), [1], 'index 0 is not retried although its limit is 3');
    succeedPods(c, 'default', undefined, { names: names(activeOf(c, 'fi', 1)) });
    await c.settle();
    j = getJob(c, 'fi');
    assert.equal(j.status.completedIndexes, '1');
    assert.equal(cond(j, 'Failed')?.reason, 'FailedIndexes');
    assert.equal(cond(j, 'Complete'), undefined);
  } finally {
    await c.stop();
  }
});

test('backoffLimitPerIndex: failures ignored by the pod failure policy are not counted but do back off', async () => {
  const c = await testCluster({ kubelets: false, scheduler: false });
  try {
    const podFailurePolicy = { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [1] } }] };
    jobs(c).create('default', job('ig', { completions: 1, parallelism: 1, backoffLimitPerIndex: 0, podFailurePolicy }));
    await c.settle();
    failPods(c, 'default', 'job-name=ig');
    await c.settle();
    c.clock.step(10_000);
    await c.settle();
    let a = active(c, 'ig');
    assert.equal(a.length, 1, 'index 0 is retried: the failure did not count towards backoffLimitPerIndex 0');
    assert.equal(a[0]!.metadata.annotations?.[FC], '0');
    assert.equal(a[0]!.metadata.annotations?.[IFC], '1');
    let j = getJob(c, 'ig');
    assert.equal(j.status.failed ?? 0, 0);
    assert.equal(j.status.failedIndexes, '');

    failPods(c, 'default', 'job-name=ig');
    await c.settle();
    c.clock.step(19_000);
    await c.settle();
    assert.equal(active(c, 'ig').length, 0, 'second failure of the index backs off 20s');
    c.clock.step(1_000);
    await c.settle();
    a = active(c, 'ig');
    assert.equal(a.length, 1);
    assert.equal(a[0]!.metadata.annotations?.[IFC], '2');
    succeedPods(c, 'default', 'job-name=ig');
    await c.settle();
    j = getJob(c, 'ig');
    assert.equal(cond(j, 'Complete')?.status, 'True');
    assert.equal(j.status.failed ?? 0, 0);
    assert.equal(j.status.failedIndexes, '');
  } finally {
    await c.stop();
  }
});
