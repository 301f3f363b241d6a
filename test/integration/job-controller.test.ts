import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, type TestCluster } from '../helpers/cluster.js';
import { failPods, succeedPods } from '../helpers/pods.js';
import type { KObject } from '../../src/api/meta.js';

const job = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } }, ...spec },
});

const jobs = (c: TestCluster) => c.client.resource('batch', 'jobs');
const getJob = (c: TestCluster, name: string) => jobs(c).get('default', name) as KObject & { status?: any; spec?: any };
const pods = (c: TestCluster, name: string) =>
  c.client.resource('', 'pods').list('default', { labelSelector: `batch.kubernetes.io/job-name=${name}` }).items as Array<KObject & { status?: any; spec?: any }>;
const active = (c: TestCluster, name: string) => pods(c, name).filter((p) => !p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(p.status?.phase));
const cond = (j: { status?: any }, type: string) => (j.status?.conditions ?? []).find((x: any) => x.type === type);
const events = (c: TestCluster, name: string) =>
  (c.client.resource('', 'events').list('default').items as any[]).filter((e) => e.involvedObject?.name === name).map((e) => `${e.reason}: ${e.message}`);

test('job: defaults, generated selector and labels', async () => {
  const c = await testCluster({ kubelets: false, scheduler: false });
  try {
    const j = jobs(c).create('default', job('pi')) as any;
    const uid = j.metadata.uid;
    assert.equal(j.spec.completions, 1);
    assert.equal(j.spec.parallelism, 1);
    assert.equal(j.spec.backoffLimit, 6);
    assert.equal(j.spec.completionMode, 'NonIndexed');
    assert.equal(j.spec.suspend, false);
    assert.equal(j.spec.podReplacementPolicy, 'TerminatingOrFailed');
    assert.deepEqual(j.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    assert.deepEqual(j.spec.template.metadata.labels, { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' });
    assert.deepEqual(j.metadata.labels, j.spec.template.metadata.labels);
    // restartPolicy Always is rejected
    const bad = job('bad');
    (bad.spec.template.spec as any).restartPolicy = 'Always';
    assert.throws(() => jobs(c).create('default', bad), /spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"/);
    // template immutable
    const cur = getJob(c, 'pi');
    (cur.spec.template.spec.containers[0] as any).image = 'other';
    assert.throws(() => jobs(c).update('default', cur), /spec.template: Invalid value: .*field is immutable/s);
  } finally {
    await c.stop();
  }
});

test('job: completions 4 / parallelism 2 never runs more than 2 pods and completes', async () => {
  const c = await testCluster({ kubelets: false, scheduler: false });
  try {
    jobs(c).create('default', job('work', { completions: 4, parallelism: 2 }));
    await c.settle();
    let done = 0;
    for (let round = 0; round < 10 && !cond(getJob(c, 'work'), 'Complete'); round++) {
      const a = active(c, 'work');
      assert.ok(a.length <= 2, `active ${a.length}`);
      for (const p of a) {
        assert.match(p.metadata.name!, /^work-[a-z0-9]{5}$/);
        assert.deepEqual(p.metadata.finalizers, ['batch.kubernetes.io/job-tracking']);
        assert.equal(p.metadata.ownerReferences?.[0]?.kind, 'Job');
        assert.equal(p.metadata.ownerReferences?.[0]?.controller, true);
      }
      c.clock.step(1000);
      succeedPods(c, 'default', undefined, { names: [a[0]!.metadata.name!] });
      done++;
      await c.settle();
    }
    const j = getJob(c, 'work');
    assert.equal(done, 4, JSON.stringify(j.status) + JSON.stringify(pods(c, "work").map((p) => [p.metadata.name, p.status?.phase, p.metadata.finalizers])));
    assert.equal(j.status.succeeded, 4);
    assert.equal(j.status.active, 0);
    assert.equal(cond(j, 'SuccessCriteriaMet')?.status, 'True');
    assert.equal(cond(j, 'Complete')?.status, 'True');
    assert.equal(cond(j, 'Complete')?.reason, 'CompletionsReached');
    assert.ok(j.status.completionTime);
    assert.ok(j.status.startTime);
    assert.equal(j.status.uncountedTerminatedPods?.succeeded, undefined);
    for (const p of pods(c, 'work')) assert.equal(p.metadata.finalizers, undefined);
    const ev = events(c, 'work');
    assert.equal(ev.filter((e) => e.startsWith('SuccessfulCreate: Created pod: work-')).length, 4);
    assert.ok(ev.includes('Completed: Job completed'));
  } finally {
    await c.stop();
  }
});

test('job: failures back off 10s, 20s... and the job fails at backoffLimit', async () => {
  const c = await testCluster({ kubelets: false, scheduler: false });
  try {
    jobs(c).create('default', job('flaky', { backoffLimit: 2 }));
    await c.settle();
    assert.equal(active(c, 'flaky').length, 1);
    failPods(c, 'default', 'job-name=flaky');
    await c.settle();
    assert.equal(active(c, 'flaky').length, 0, 'no replacement before the 10s backoff');
    assert.equal(getJob(c, 'flaky').status.failed, 1);
    c.clock.step(9_000);
    await c.settle();
    assert.equal(active(c, 'flaky').length, 0);
    c.clock.step(1_000);
    await c.settle();
    assert.equal(active(c, 'flaky').length, 1, 'replacement after 10s');
    failPods(c, 'default', 'job-name=flaky');
    await c.settle();
    c.clock.step(19_000);
    await c.settle();
    assert.equal(active(c, 'flaky').length, 0, 'second backoff is 20s');
    c.clock.step(1_000);
    await c.settle();
    assert.equal(active(c, 'flaky').length, 1);
    failPods(c, 'default', 'job-name=flaky');
    await c.settle();
    const j = getJob(c, 'flaky');
    assert.equal(j.status.failed, 3);
    assert.equal(cond(j, 'FailureTarget')?.reason, 'BackoffLimitExceeded');
    assert.equal(cond(j, 'Failed')?.reason, 'BackoffLimitExceeded');
    assert.equal(cond(j, 'Failed')?.message, 'Job has reached the specified backoff limit');
    assert.ok(events(c, 'flaky').includes('BackoffLimitExceeded: Job has reached the specified backoff limit'));
  } finally {
    await c.stop();
  }
});

test('job: activeDeadlineSeconds deletes active pods and fails the job', async () => {
  const c = await testCluster({ kubelets: false, scheduler: false });
  try {
    jobs(c).create('default', job('slow', { activeDeadlineSeconds: 30, parallelism: 2, completions: 2 }));
    await c.settle();
    assert.equal(active(c, 'slow').length, 2);
    c.clock.step(29_000);
    await c.settle();
    assert.equal(cond(getJob(c, 'slow'), 'Failed'), undefined);
    c.clock.step(1_000);
    await c.settle();
    const j = getJob(c, 'slow');
    assert.equal(cond(j, 'Failed')?.reason, 'DeadlineExceeded');
    assert.equal(cond(j, 'Failed')?.message, 'Job was active longer than specified deadline');
    assert.equal(j.status.active, 0);
    assert.equal(j.status.failed, 2);
    assert.equal(pods(c, 'slow').length, 0);
  } finally {
    await c.stop();
  }
});

test('job: Indexed mode names, annotations, env and completedIndexes', async () => {
  const c = await testCluster({ kubelets: false, scheduler: false });
  try {
    jobs(c).create('default', job('idx', { completions: 3, parallelism: 2, completionMode: 'Indexed' }));
    await c.settle();
    let a = active(c, 'idx');
    assert.deepEqual(a.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).sort(), ['0', '1']);
    for (const p of a) {
      const ix = p.metadata.annotations!['batch.kubernetes.io/job-completion-index'];
      assert.match(p.metadata.name!, new RegExp(`^idx-${ix}-[a-z0-9]{5}$`));
      assert.equal(p.metadata.labels!['batch.kubernetes.io/job-completion-index'], ix);
      assert.equal(p.spec.hostname, `idx-${ix}`);
      assert.equal(p.spec.containers[0].env[0].name, 'JOB_COMPLETION_INDEX');
    }
    const one = a.find((p) => p.metadata.annotations!['batch.kubernetes.io/job-completion-index'] === '1')!;
    succeedPods(c, 'default', undefined, { names: [one.metadata.name!] });
    await c.settle();
    assert.equal(getJob(c, 'idx').status.completedIndexes, '1');
    a = active(c, 'idx');
    assert.deepEqual(a.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).sort(), ['0', '2']);
    succeedPods(c, 'default', 'job-name=idx');
    await c.settle();
    const j = getJob(c, 'idx');
    assert.equal(j.status.completedIndexes, '0-2');
    assert.equal(j.status.succeeded, 3);
    assert.equal(cond(j, 'Complete')?.status, 'True');
  } finally {
    await c.stop();
  }
});

test('job: suspend deletes active pods, resume resets startTime', async () => {
  const c = await testCluster({ kubelets: false, scheduler: false });
  try {
    jobs(c).create('default', job('sus', { parallelism: 2, completions: 4 }));
    await c.settle();
    assert.equal(active(c, 'sus').length, 2);
    const start = getJob(c, 'sus').status.startTime;
    jobs(c).patch('default', 'sus', 'merge', { spec: { suspend: true } });
    await c.settle();
    let j = getJob(c, 'sus');
    assert.equal(active(c, 'sus').length, 0);
    assert.equal(cond(j, 'Suspended')?.status, 'True');
    assert.equal(cond(j, 'Suspended')?.reason, 'JobSuspended');
    assert.equal(j.status.active, 0);
    c.clock.step(5_000);
    jobs(c).patch('default', 'sus', 'merge', { spec: { suspend: false } });
    await c.settle();
    j = getJob(c, 'sus');
    assert.equal(cond(j, 'Suspended')?.status, 'False');
    assert.equal(cond(j, 'Suspended')?.reason, 'JobResumed');
    assert.notEqual(j.status.startTime, start);
    assert.equal(active(c, 'sus').length, 2);
    const ev = events(c, 'sus');
    assert.ok(ev.includes('Suspended: Job suspended'));
    assert.ok(ev.includes('Resumed: Job resumed'));
  } finally {
    await c.stop();
  }
});

test('job: ttlSecondsAfterFinished deletes the finished job', async () => {
  const c = await testCluster({ kubelets: false, scheduler: false });
  try {
    jobs(c).create('default', job('ttl', { ttlSecondsAfterFinished: 60 }));
    await c.settle();
    succeedPods(c, 'default', 'job-name=ttl');
    await c.settle();
    assert.equal(cond(getJob(c, 'ttl'), 'Complete')?.status, 'True');
    c.clock.step(59_000);
    await c.settle();
    assert.ok(getJob(c, 'ttl'));
    c.clock.step(1_000);
    await c.settle();
    assert.throws(() => getJob(c, 'ttl'), /not found/);
    assert.equal(pods(c, 'ttl').length, 0);
  } finally {
    await c.stop();
  }
});
