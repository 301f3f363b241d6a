/**
 * Real kubectl with CronJobs on the fake clock: `create cronjob` (a protobuf body), stepping the clock
 * makes the controller create a Job each minute, `get cronjobs` / `get jobs` show them, and
 * `create job --from=cronjob/x` builds a Job client-side from the template (instantiate annotation,
 * owner reference).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, startKubectlEnv, type KubectlEnv } from '../helpers/kubectl.js';

const MIN = 60_000;
const T0 = Date.parse('2024-01-01T00:00:00Z');

describe('kubectl with CronJobs', { skip: skipReason }, () => {
  let k: KubectlEnv;
  before(async () => {
    k = await startKubectlEnv({ cluster: { kubelets: false } });
    k.clock.step(1000);
    await k.cluster.settle();
  });
  after(async () => {
    await k?.stop();
  });

  test('create cronjob, step the clock, get cronjobs and jobs', async () => {
    assert.equal(await k.ok(['create', 'cronjob', 'x', '--image=busybox', '--schedule=*/1 * * * *', '--', 'echo', 'hi']), 'cronjob.batch/x created\n');
    const cj = k.cluster.client.resource('batch', 'cronjobs').get('default', 'x');
    assert.equal((cj.spec as any).jobTemplate.spec.template.spec.containers[0].command.join(' '), 'echo hi');
    assert.equal((cj.spec as any).jobTemplate.spec.template.spec.restartPolicy, 'OnFailure');
    for (let i = 0; i < 2; i++) {
      k.clock.step(MIN);
      await k.cluster.settle();
    }
    const jobs = k.cluster.client.resource('batch', 'jobs').list('default').items.map((j) => j.metadata.name).sort();
    const names = [`x-${(T0 + MIN) / MIN}`, `x-${(T0 + 2 * MIN) / MIN}`];
    assert.deepEqual(jobs, names);
    const got = await k.ok(['get', 'cronjobs']);
    const lines = got.trimEnd().split('\n');
    assert.match(lines[0]!, /^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE$/);
    assert.match(lines[1]!, /^x\s+\*\/1 \* \* \* \*\s+<none>\s+False\s+2\s+1s\s+2m$/);
    const jobLines = (await k.ok(['get', 'jobs', '-o', 'name'])).trimEnd().split('\n');
    assert.deepEqual(jobLines, names.map((n) => `job.batch/${n}`));
  });

  test('create job --from=cronjob/x', async () => {
    assert.equal(await k.ok(['create', 'job', 'y', '--from=cronjob/x']), 'job.batch/y created\n');
    const job = k.cluster.client.resource('batch', 'jobs').get('default', 'y');
    assert.equal(job.metadata.annotations?.['cronjob.kubernetes.io/instantiate'], 'manual');
    const cj = k.cluster.client.resource('batch', 'cronjobs').get('default', 'x');
    const ref = job.metadata.ownerReferences?.[0];
    assert.equal(ref?.kind, 'CronJob');
    assert.equal(ref?.name, 'x');
    assert.equal(ref?.uid, cj.metadata.uid);
    assert.equal(ref?.controller, true);
    // The controller notices an unfinished Job it did not create.
    await k.cluster.settle();
    const events = k.cluster.client
      .resource('', 'events')
      .list('default')
      .items.filter((e) => (e as any).involvedObject?.name === 'x')
      .map((e) => (e as any).reason);
    assert.ok(events.includes('UnexpectedJob'), events.join(','));
  });
});
