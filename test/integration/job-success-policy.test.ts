import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, type TestCluster } from '../helpers/cluster.js';
import { failPods, succeedPods } from '../helpers/pods.js';
import type { KObject } from '../../src/api/meta.js';

const IX = 'batch.kubernetes.io/job-completion-index';
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
const namesOf = (c: TestCluster, name: string, ...ix: number[]) => active(c, name).filter((p) => ix.includes(Number(p.metadata.annotations?.[IX]))).map((p) => p.metadata.name!);
const condTypes = (j: Obj) => (j.status?.conditions ?? []).map((x: any) => `${x.type}=${x.status}/${x.reason}/${x.message}`);
const events = (c: TestCluster, name: string) =>
  (c.client.resource('', 'events').list('default').items as any[]).filter((e) => e.involvedObject?.name === name).map((e) => `${e.reason}: ${e.message}`);

test('successPolicy: a rule met early gives SuccessCriteriaMet, removes the remaining pods, then Complete', async () => {
  const c = await testCluster({ kubelets: false, scheduler: false });
  try {
    const successPolicy = { rules: [{ succeededIndexes: '0-2', succeededCount: 2 }] };
    jobs(c).create('default', job('sp', { completions: 5, parallelism: 5, successPolicy }));
    await c.settle();
    assert.equal(active(c, 'sp').length, 5);
    succeedPods(c, 'default', undefined, { names: namesOf(c, 'sp', 0, 4) });
    await c.settle();
    let j = getJob(c, 'sp');
    assert.equal(j.status.completedIndexes, '0,4');
    assert.deepEqual(condTypes(j), [], 'index 4 is outside the rule: one of 0-2 is not enough');
    assert.equal(active(c, 'sp').length, 3);

    c.clock.step(1_000);
    succeedPods(c, 'default', undefined, { names: namesOf(c, 'sp', 2) });
    await c.settle();
    j = getJob(c, 'sp');
    assert.deepEqual(condTypes(j), ['SuccessCriteriaMet=True/SuccessPolicy/Matched rules at index 0', 'Complete=True/SuccessPolicy/Matched rules at index 0']);
    assert.equal(j.status.completedIndexes, '0,2,4');
    assert.equal(j.status.succeeded, 3);
    assert.equal(j.status.failed ?? 0, 0, 'pods removed after success are not failures');
    assert.equal(j.status.active, 0);
    assert.equal(j.status.terminating, 0);
    assert.equal(j.status.completionTime, j.status.conditions[1].lastTransitionTime);
    assert.deepEqual(pods(c, 'sp').map((p) => p.status?.phase).sort(), ['Succeeded', 'Succeeded', 'Succeeded'], 'the running pods of indexes 1 and 3 are gone');
    for (const p of pods(c, 'sp')) assert.equal(p.metadata.finalizers, undefined);
    const ev = events(c, 'sp');
    assert.equal(ev.filter((e) => e.startsWith('SuccessfulDelete: ')).length, 2);
    assert.ok(ev.includes('Completed: Job completed'));
  } finally {
    await c.stop();
  }
});

test('successPolicy: succeededCount alone, with failed pods beside it', async () => {
  const c = await testCluster({ kubelets: false, scheduler: false });
  try {
    jobs(c).create('default', job('cnt', { completions: 4, parallelism: 4, successPolicy: { rules: [{ succeededIndexes: '3' }, { succeededCount: 2 }] } }));
    await c.settle();
    failPods(c, 'default', undefined, { names: namesOf(c, 'cnt', 0) });
    succeedPods(c, 'default', undefined, { names: namesOf(c, 'cnt', 1) });
    await c.settle();
    assert.deepEqual(condTypes(getJob(c, 'cnt')), []);
    succeedPods(c, 'default', undefined, { names: namesOf(c, 'cnt', 2) });
    await c.settle();
    const j = getJob(c, 'cnt');
    assert.deepEqual(condTypes(j), ['SuccessCriteriaMet=True/SuccessPolicy/Matched rules at index 1', 'Complete=True/SuccessPolicy/Matched rules at index 1']);
    assert.equal(j.status.completedIndexes, '1,2');
    assert.equal(j.status.failed, 1);
    assert.equal(active(c, 'cnt').length, 0);
  } finally {
    await c.stop();
  }
});
