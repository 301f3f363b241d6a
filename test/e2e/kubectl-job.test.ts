/**
 * Real kubectl with Jobs, the Job controller and the simulated kubelets on the stepped clock: a Job
 * with completions 4 / parallelism 2 whose pods count down (never more than 2 pods active or running,
 * 4 pods Completed, `get jobs` Complete 4/4, `logs` of a pod), `create job` (protobuf body) and
 * `describe job`, a failing Job ending Failed with BackoffLimitExceeded (pod back-off 10 s, 20 s),
 * and `delete job` cascading to its pods (propagationPolicy Background). kubectl-job-modes.test.ts
 * has Indexed completion, ttlSecondsAfterFinished, suspend and activeDeadlineSeconds.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../src/api/meta.js';
import { skipReason, startKubectlEnv, tableRows, type KubectlEnv } from '../helpers/kubectl.js';

const countdown = 'for i in 9 8 7 6 5; do echo $i; sleep 1; done';

const jobYaml = (name: string, o: { completions?: number; parallelism?: number; backoffLimit?: number; command: string }) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${o.completions !== undefined ? `  completions: ${o.completions}\n` : ''}${o.parallelism !== undefined ? `  parallelism: ${o.parallelism}\n` : ''}${o.backoffLimit !== undefined ? `  backoffLimit: ${o.backoffLimit}\n` : ''}  template:
    spec:
      restartPolicy: Never
      containers:
      - name: countdown
        image: busybox:1.36
        command: ["sh", "-c", ${JSON.stringify(o.command)}]
`;

type Pod = KObject & { status?: { phase?: string } };

describe('kubectl with Jobs', { skip: skipReason }, () => {
  let k: KubectlEnv;
  before(async () => {
    k = await startKubectlEnv();
    await k.cluster.settle();
  });
  after(async () => {
    await k?.stop();
  });

  const step = async (ms: number, each?: () => void) => {
    for (let t = 0; t < ms; t += 100) {
      k.clock.step(100);
      await k.cluster.settle();
      each?.();
    }
  };
  const jobPods = (job: string) => k.cluster.client.resource('', 'pods').list('default', { labelSelector: `job-name=${job}` }).items as Pod[];
  const getJob = (name: string) => k.cluster.client.resource('batch', 'jobs').get('default', name) as KObject & { status?: any; spec?: any };

  test('completions 4 / parallelism 2: at most 2 pods at a time, 4 Completed, get jobs Complete 4/4, logs 9..5', async () => {
    // Follow the pods through the in-process client while the clock moves.
    const pods = new Map<string, Pod>();
    let maxRunning = 0;
    let maxActive = 0;
    const seenPhases = new Set<string>();
    const w = k.cluster.client.resource('', 'pods').watch('default', { labelSelector: 'job-name=countdown' }, (e) => {
      const p = e.object as Pod;
      if (e.type === 'DELETED') pods.delete(p.metadata.name!);
      else if (e.type === 'ADDED' || e.type === 'MODIFIED') pods.set(p.metadata.name!, p);
      else return;
      seenPhases.add(p.status?.phase ?? '');
      const all = [...pods.values()];
      const running = all.filter((x) => x.status?.phase === 'Running').length;
      const active = all.filter((x) => !x.metadata.deletionTimestamp && x.status?.phase !== 'Succeeded' && x.status?.phase !== 'Failed').length;
      maxRunning = Math.max(maxRunning, running);
      maxActive = Math.max(maxActive, active);
    });
    try {
      assert.equal(await k.ok(['apply', '-f', '-'], { stdin: jobYaml('countdown', { completions: 4, parallelism: 2, command: countdown }) }), 'job.batch/countdown created\n');
      await k.cluster.settle();
      let sawTwoRunning = false;
      // Two waves of two pods, about 5 s each (image pull and start take a little more).
      for (let s = 0; s < 30 && !getJob('countdown').status?.completionTime; s++)
        await step(1000, () => {
          const running = jobPods('countdown').filter((p) => p.status?.phase === 'Running').length;
          assert.ok(running <= 2, `${running} pods running`);
          if (running === 2) sawTwoRunning = true;
        });
      assert.ok(sawTwoRunning, 'never saw 2 pods running together');
      assert.equal(maxRunning, 2);
      assert.equal(maxActive, 2);
      assert.ok(seenPhases.has('Running') && seenPhases.has('Succeeded'), [...seenPhases].join(','));
    } finally {
      w.stop();
    }
    const job = getJob('countdown');
    assert.equal(job.status.succeeded, 4);
    assert.equal(job.status.active ?? 0, 0);
    assert.ok(job.status.completionTime);
    assert.deepEqual(
      job.status.conditions.map((c: any) => [c.type, c.status, c.reason]),
      [
        ['SuccessCriteriaMet', 'True', 'CompletionsReached'],
        ['Complete', 'True', 'CompletionsReached'],
      ],
    );

    const got = await k.ok(['get', 'pods', '-l', 'job-name=countdown']);
    const rows = tableRows(got);
    assert.deepEqual(rows[0], ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    assert.equal(rows.length, 5, got);
    for (const r of rows.slice(1)) {
      assert.match(r[0]!, /^countdown-[a-z0-9]{5}$/);
      assert.deepEqual(r.slice(1, 4), ['0/1', 'Completed', '0'], got);
    }

    const jobs = tableRows(await k.ok(['get', 'jobs']));
    assert.deepEqual(jobs[0], ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE']);
    const start = Date.parse(job.status.startTime);
    const duration = Math.round((Date.parse(job.status.completionTime) - start) / 1000);
    assert.ok(duration >= 10 && duration < 20, String(duration));
    assert.deepEqual(jobs[1]?.slice(0, 4), ['countdown', 'Complete', '4/4', `${duration}s`]);

    const wide = tableRows(await k.ok(['get', 'job', 'countdown', '-o', 'wide']));
    assert.deepEqual(wide[0], ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    assert.deepEqual(wide[1]?.slice(5, 7), ['countdown', 'busybox:1.36']);
    assert.equal(wide[1]?.[7], `batch.kubernetes.io/controller-uid=${job.metadata.uid}`);

    const name = rows[1]![0]!;
    assert.equal(await k.ok(['logs', name]), '9\n8\n7\n6\n5\n');
    assert.equal(await k.ok(['logs', 'job/countdown']), '9\n8\n7\n6\n5\n');
  });

  test('create job sends protobuf; the stored Job has the defaults and generated selector; describe job', async () => {
    const r = await k.run(['create', 'job', 'once', '--image=busybox:1.36', '-v=8', '--', 'sh', '-c', 'echo done']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'job.batch/once created\n');
    assert.match(r.stderr, /POST http:\/\/127\.0\.0\.1:\d+\/apis\/batch\/v1\/namespaces\/default\/jobs\?fieldManager=kubectl-create&fieldValidation=Strict/);
    assert.match(r.stderr, /Content-Type: application\/vnd\.kubernetes\.protobuf/);
    assert.match(r.stderr, /Response Status: 201 Created/);
    const job = getJob('once');
    const uid = job.metadata.uid!;
    const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'once', 'controller-uid': uid, 'job-name': 'once' };
    assert.deepEqual(job.metadata.labels, labels);
    assert.deepEqual(job.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    assert.deepEqual(job.spec.template.metadata.labels, labels);
    assert.deepEqual(
      [job.spec.parallelism, job.spec.completions, job.spec.backoffLimit, job.spec.completionMode, job.spec.suspend, job.spec.podReplacementPolicy, job.spec.manualSelector],
      [1, 1, 6, 'NonIndexed', false, 'TerminatingOrFailed', undefined],
    );
    assert.equal(job.spec.template.spec.restartPolicy, 'Never');
    assert.deepEqual(job.spec.template.spec.containers[0].command, ['sh', '-c', 'echo done']);
    assert.equal(job.spec.template.spec.containers[0].name, 'once');
    for (let s = 0; s < 20 && !getJob('once').status?.completionTime; s++) await step(1000);
    const pods = jobPods('once');
    assert.equal(pods.length, 1);
    assert.equal(await k.ok(['logs', pods[0]!.metadata.name!]), 'done\n');
    assert.match(await k.ok(['get', 'job', 'once', '--no-headers']), /^once\s+Complete\s+1\/1\s+\d+s\s+\d+s\n$/);

    // describe of the countdown Job, as kubectl prints it from a real cluster's objects.
    const cd = getJob('countdown');
    const cuid = cd.metadata.uid!;
    const rfc1123z = (t: string) => new Date(t).toUTCString().replace('GMT', '+0000');
    const names = jobPods('countdown')
      .sort((a, b) => Date.parse(a.metadata.creationTimestamp!) - Date.parse(b.metadata.creationTimestamp!))
      .map((p) => p.metadata.name!);
    const out = await k.ok(['describe', 'job', 'countdown']);
    const [head, events] = out.split('Events:\n');
    const dur = `${Math.round((Date.parse(cd.status.completionTime) - Date.parse(cd.status.startTime)) / 1000)}s`;
    assert.equal(
      head,
      `Name:             countdown
Namespace:        default
Selector:         batch.kubernetes.io/controller-uid=${cuid}
Labels:           batch.kubernetes.io/controller-uid=${cuid}
                  batch.kubernetes.io/job-name=countdown
                  controller-uid=${cuid}
                  job-name=countdown
Annotations:      <none>
Parallelism:      2
Completions:      4
Completion Mode:  NonIndexed
Suspend:          false
Backoff Limit:    6
Start Time:       ${rfc1123z(cd.status.startTime)}
Completed At:     ${rfc1123z(cd.status.completionTime)}
Duration:         ${dur}
Pods Statuses:    0 Active (0 Ready) / 4 Succeeded / 0 Failed
Pod Template:
  Labels:  batch.kubernetes.io/controller-uid=${cuid}
           batch.kubernetes.io/job-name=countdown
           controller-uid=${cuid}
           job-name=countdown
  Containers:
   countdown:
    Image:      busybox:1.36
    Port:       <none>
    Host Port:  <none>
    Command:
      sh
      -c
      ${countdown}
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
`,
    );
    // kubectl ages events against its own wall clock, not the cluster's: leave the Age column out.
    const ev = tableRows(events!).map((r) => [r[0], r[1], ...r.slice(3)]);
    // Pods created in the same second may be listed in either order.
    const bySecond = (rows: string[][]) => [rows.slice(0, 2).sort(), rows.slice(2, 4).sort()];
    assert.deepEqual(ev.slice(0, 2), [
      ['Type', 'Reason', 'From', 'Message'],
      ['----', '------', '----', '-------'],
    ]);
    assert.deepEqual(bySecond(ev.slice(2, 6)), bySecond(names.map((n) => ['Normal', 'SuccessfulCreate', 'job-controller', `Created pod: ${n}`])));
    assert.deepEqual(ev.slice(6), [['Normal', 'Completed', 'job-controller', 'Job completed']]);
  });

  test('a failing Job (exit 1, backoffLimit 2) ends Failed with BackoffLimitExceeded', async () => {
    assert.equal(await k.ok(['apply', '-f', '-'], { stdin: jobYaml('fails', { backoffLimit: 2, command: 'exit 1' }) }), 'job.batch/fails created\n');
    const created: string[] = [];
    // Pod failure back-off: the 2nd pod 10 s after the 1st fails, the 3rd 20 s after the 2nd.
    for (let s = 0; s < 60 && !getJob('fails').status?.conditions?.some((c: any) => c.type === 'Failed'); s++)
      await step(1000, () => {
        for (const p of jobPods('fails')) if (!created.includes(p.metadata.name!)) created.push(p.metadata.name!);
        assert.ok(jobPods('fails').filter((p) => p.status?.phase !== 'Failed').length <= 1);
      });
    const job = getJob('fails');
    assert.deepEqual(
      job.status.conditions.map((c: any) => [c.type, c.status, c.reason, c.message]),
      [
        ['FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
        ['Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ],
    );
    assert.equal(job.status.failed, 3);
    assert.equal(job.status.completionTime, undefined);
    assert.equal(created.length, 3);
    const pods = jobPods('fails').sort((a, b) => Date.parse(a.metadata.creationTimestamp!) - Date.parse(b.metadata.creationTimestamp!));
    assert.deepEqual(pods.map((p) => p.metadata.name).sort(), [...created].sort());
    const gaps = pods.slice(1).map((p, i) => (Date.parse(p.metadata.creationTimestamp!) - Date.parse(pods[i]!.metadata.creationTimestamp!)) / 1000);
    assert.deepEqual(gaps, [10, 20]);
    const podRows = tableRows(await k.ok(['get', 'pods', '-l', 'job-name=fails', '--no-headers']));
    assert.deepEqual(podRows.map((r) => r.slice(1, 4)), [['0/1', 'Error', '0'], ['0/1', 'Error', '0'], ['0/1', 'Error', '0']]);
    const row = tableRows(await k.ok(['get', 'job', 'fails', '--no-headers']))[0]!;
    assert.deepEqual(row.slice(0, 3), ['fails', 'Failed', '0/1']);
    // A Job that did not complete shows its running time so far.
    const since = Math.floor((k.clock.now() - Date.parse(job.status.startTime)) / 1000);
    assert.equal(row[3], `${since}s`);

    const out = await k.ok(['describe', 'job', 'fails']);
    assert.match(out, /^Backoff Limit:    2$/m);
    assert.match(out, new RegExp(`^Start Time:       ${new Date(job.status.startTime).toUTCString().replace('GMT', '\\+0000')}$`, 'm'));
    assert.doesNotMatch(out, /Completed At:|Duration:/);
    assert.match(out, /^Pods Statuses:    0 Active \(0 Ready\) \/ 0 Succeeded \/ 3 Failed$/m);
    const ev = tableRows(out.split('Events:\n')[1]!).slice(2).map((r) => [r[0], r[1], ...r.slice(3)]);
    assert.deepEqual(ev, [
      ...created.map((n) => ['Normal', 'SuccessfulCreate', 'job-controller', `Created pod: ${n}`]),
      ['Warning', 'BackoffLimitExceeded', 'job-controller', 'Job has reached the specified backoff limit'],
    ]);
  });

  test('delete job cascades to its pods in the background', async () => {
    assert.equal(await k.ok(['apply', '-f', '-'], { stdin: jobYaml('sleeper', { parallelism: 2, completions: 2, command: 'sleep 3600' }) }), 'job.batch/sleeper created\n');
    for (let s = 0; s < 10 && jobPods('sleeper').filter((p) => p.status?.phase === 'Running').length < 2; s++) await step(1000);
    const pods = jobPods('sleeper');
    assert.deepEqual(pods.map((p) => p.status?.phase), ['Running', 'Running']);
    assert.ok(pods.every((p) => p.metadata.finalizers?.includes('batch.kubernetes.io/job-tracking')));
    const gone: Pod[] = [];
    const w = k.cluster.client.resource('', 'pods').watch('default', { labelSelector: 'job-name=sleeper' }, (e) => {
      if (e.type === 'DELETED') gone.push(e.object as Pod);
    });
    const del = await k.run(['delete', 'job', 'sleeper', '-v=8']);
    assert.equal(del.code, 0, del.stderr);
    assert.equal(del.stdout, 'job.batch "sleeper" deleted\n');
    assert.match(del.stderr, /"Request Body" body=<\n\s*\{"propagationPolicy":"Background"\}/);
    assert.equal((await k.run(['get', 'job', 'sleeper'])).code, 1);
    await k.cluster.settle();
    // The garbage collector deleted the pods gracefully, the controller dropped their tracking
    // finalizer, and the kubelet stopped the containers (the shell ends on SIGTERM) and removed the pods.
    // (The watch is also stopped by k.stop() should an assertion fail first.)
    w.stop();
    assert.deepEqual(
      gone.map((p) => [p.metadata.name, p.metadata.deletionGracePeriodSeconds, p.metadata.finalizers ?? []]).sort(),
      pods.map((p) => [p.metadata.name, 30, []]).sort(),
    );
    assert.deepEqual(jobPods('sleeper'), []);
    const killing = k.cluster.client
      .resource('', 'events')
      .list('default')
      .items.filter((e: any) => e.reason === 'Killing' && pods.some((p) => p.metadata.name === e.involvedObject?.name))
      .map((e: any) => e.message);
    assert.deepEqual(killing, ['Stopping container countdown', 'Stopping container countdown']);
    const r = await k.run(['get', 'pods', '-l', 'job-name=sleeper']);
    assert.equal(r.stderr, 'No resources found in default namespace.\n');
  });
});
