/**
 * Real kubectl with Jobs in their other modes, on the stepped clock with the simulated kubelets:
 * Indexed completion (per-index pod names, label and env, Completed Indexes in describe) with
 * ttlSecondsAfterFinished (the Job and its pods removed), and a Job created suspended, resumed with
 * `kubectl patch`, then failed by activeDeadlineSeconds while `kubectl wait --for=condition=failed` waits.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../src/api/meta.js';
import { skipReason, startKubectlEnv, tableRows, type KubectlEnv } from '../helpers/kubectl.js';

type Pod = KObject & { status?: { phase?: string } };

describe('kubectl with Indexed, TTL, suspended and deadline Jobs', { skip: skipReason }, () => {
  let k: KubectlEnv;
  before(async () => {
    k = await startKubectlEnv();
    await k.cluster.settle();
  });
  after(async () => {
    await k?.stop();
  });

  const step = async (ms: number) => {
    for (let t = 0; t < ms; t += 100) {
      k.clock.step(100);
      await k.cluster.settle();
    }
  };
  const jobPods = (job: string) => k.cluster.client.resource('', 'pods').list('default', { labelSelector: `job-name=${job}` }).items as Pod[];
  const getJob = (name: string) => k.cluster.client.resource('batch', 'jobs').get('default', name) as KObject & { status?: any; spec?: any };

  test('Indexed completion with ttlSecondsAfterFinished: per-index pods and logs, Completed Indexes, then the Job and its pods are removed', async () => {
    const y = `apiVersion: batch/v1
kind: Job
metadata:
  name: idx
spec:
  completions: 3
  parallelism: 3
  completionMode: Indexed
  ttlSecondsAfterFinished: 5
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
        command: ["sh", "-c", "echo index $JOB_COMPLETION_INDEX; sleep 2"]
`;
    assert.equal(await k.ok(['apply', '-f', '-'], { stdin: y }), 'job.batch/idx created\n');
    // All three indexes run at once (parallelism 3); the first image pull on a node takes a moment.
    for (let s = 0; s < 10 && jobPods('idx').filter((p) => p.status?.phase === 'Running').length < 3; s++) await step(500);
    const rows = tableRows(await k.ok(['get', 'pods', '-l', 'job-name=idx', '-L', 'batch.kubernetes.io/job-completion-index', '--sort-by=.metadata.name']));
    assert.deepEqual(rows[0], ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'JOB-COMPLETION-INDEX']);
    assert.deepEqual(
      rows.slice(1).map((r) => [r[0]!.replace(/-[a-z0-9]{5}$/, ''), r[2], r[5]]),
      [
        ['idx-0', 'Running', '0'],
        ['idx-1', 'Running', '1'],
        ['idx-2', 'Running', '2'],
      ],
    );
    for (let s = 0; s < 10 && !getJob('idx').status?.completionTime; s++) await step(1000);
    assert.match(await k.ok(['get', 'job', 'idx', '--no-headers']), /^idx\s+Complete\s+3\/3\s+\d+s\s+\d+s\n$/);
    for (const r of rows.slice(1)) assert.equal(await k.ok(['logs', r[0]!]), `index ${r[5]}\n`);
    const out = await k.ok(['describe', 'job', 'idx']);
    assert.match(out, /^Completion Mode:             Indexed\nSuspend:                     false\nBackoff Limit:               6\nTTL Seconds After Finished:  5\n/m);
    assert.match(out, /^Pods Statuses:               0 Active \(0 Ready\) \/ 3 Succeeded \/ 0 Failed\nCompleted Indexes:           0-2\n/m);
    // ttlSecondsAfterFinished: 5 s after completion the TTL controller deletes the Job (background).
    const expires = Date.parse(getJob('idx').status.completionTime) + 5000;
    await step(expires - 100 - k.clock.now());
    assert.equal((await k.run(['get', 'job', 'idx'])).code, 0);
    for (let s = 0; s < 5 && jobPods('idx').length > 0; s++) await step(1000);
    const gone = await k.run(['get', 'job,pods', '-l', 'job-name=idx']);
    assert.deepEqual([gone.stdout, gone.stderr], ['', 'No resources found in default namespace.\n']);
  });

  test('suspend, resume with kubectl patch, activeDeadlineSeconds: DeadlineExceeded; kubectl wait --for=condition=failed', async () => {
    const y = `apiVersion: batch/v1
kind: Job
metadata:
  name: susp
spec:
  suspend: true
  activeDeadlineSeconds: 4
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
        command: ["sleep", "100"]
`;
    assert.equal(await k.ok(['apply', '-f', '-'], { stdin: y }), 'job.batch/susp created\n');
    await step(2000);
    // Suspended: no pods, no start time (so no DURATION), and the deadline does not run.
    assert.match(await k.ok(['get', 'job', 'susp', '--no-headers']), /^susp\s+Suspended\s+0\/1\s+2s\n$/);
    assert.deepEqual(jobPods('susp'), []);
    assert.equal(getJob('susp').status.startTime, undefined);
    assert.equal(await k.ok(['patch', 'job', 'susp', '--type=merge', '-p', '{"spec":{"suspend":false}}']), 'job.batch/susp patched\n');
    const resumed = k.clock.now();
    for (let s = 0; s < 6 && jobPods('susp').filter((p) => p.status?.phase === 'Running').length < 1; s++) await step(500);
    assert.deepEqual(jobPods('susp').map((p) => p.status?.phase), ['Running']);
    // DURATION counts from the start time, set again on resume; AGE from creation.
    const secondsSince = (t: string) => Math.floor((k.clock.now() - Date.parse(t)) / 1000);
    const running = getJob('susp');
    assert.equal(Date.parse(running.status.startTime), Math.floor(resumed / 1000) * 1000);
    assert.match(
      await k.ok(['get', 'job', 'susp', '--no-headers']),
      new RegExp(`^susp\\s+Running\\s+0\\/1\\s+${secondsSince(running.status.startTime)}s\\s+${secondsSince(running.metadata.creationTimestamp!)}s\\n$`),
    );
    const wait = k.spawn(['wait', '--for=condition=failed', 'job/susp', '--timeout=20s']);
    await step(4000 - (k.clock.now() - resumed));
    assert.deepEqual(await wait.exited(), { code: 0, stdout: 'job.batch/susp condition met\n', stderr: '' });
    const job = getJob('susp');
    assert.deepEqual(
      job.status.conditions.map((c: any) => [c.type, c.status, c.reason]),
      [
        ['Suspended', 'False', 'JobResumed'],
        ['FailureTarget', 'True', 'DeadlineExceeded'],
        ['Failed', 'True', 'DeadlineExceeded'],
      ],
    );
    // The deadline counts from the resume (the new start time).
    assert.equal(Date.parse(job.status.conditions[2].lastTransitionTime) - Date.parse(job.status.startTime), 4000);
    assert.equal(job.status.failed, 1);
    assert.deepEqual(jobPods('susp'), []);
    const out = await k.ok(['describe', 'job', 'susp']);
    assert.match(out, /^Active Deadline Seconds:  4s\nPods Statuses:            0 Active \(0 Ready\) \/ 0 Succeeded \/ 1 Failed\n/m);
    const ev = tableRows(out.split('Events:\n')[1]!).slice(2).map((r) => [r[0], r[1], ...r.slice(3)]);
    const pod = (ev[1]![3] ?? '').replace('Created pod: ', '');
    assert.deepEqual(ev, [
      ['Normal', 'Suspended', 'job-controller', 'Job suspended'],
      ['Normal', 'SuccessfulCreate', 'job-controller', `Created pod: ${pod}`],
      ['Normal', 'Resumed', 'job-controller', 'Job resumed'],
      ['Normal', 'SuccessfulDelete', 'job-controller', `Deleted pod: ${pod}`],
      ['Warning', 'DeadlineExceeded', 'job-controller', 'Job was active longer than specified deadline'],
    ]);
  });
});
