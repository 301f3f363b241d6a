/**
 * Real kubectl against the simulated kubelet: `kubectl logs` of a Job-like pod whose command is a
 * shell loop (stepped clock), with --tail, --timestamps, -c, --previous errors, and -f following.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, startKubectlEnv, type KubectlEnv } from '../helpers/kubectl.js';

describe('kubectl logs', { skip: skipReason }, () => {
  let k: KubectlEnv;
  before(async () => {
    k = await startKubectlEnv();
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

  test('logs of a Job-like pod: the loop output, --tail, --timestamps, STATUS Completed', async () => {
    const manifest = k.file(
      'job-pod.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: counter
spec:
  restartPolicy: Never
  containers:
  - name: count
    image: busybox:1.36
    command: ["sh", "-c", "for i in 1 2 3; do echo $i; sleep 1; done"]
`,
    );
    await k.ok(['apply', '-f', manifest]);
    await step(2000);
    assert.equal(await k.ok(['logs', 'counter']), '1\n2\n');
    await step(3000);
    assert.equal(await k.ok(['logs', 'counter']), '1\n2\n3\n');
    assert.equal(await k.ok(['logs', 'counter', '--tail=1']), '3\n');
    assert.match(await k.ok(['logs', 'counter', '-c', 'count', '--timestamps']), /^2024-01-01T00:00:\d\d\.\d{9}Z 1\n/);
    const get = await k.ok(['get', 'pod', 'counter', '--no-headers']);
    assert.match(get, /^counter\s+0\/1\s+Completed\s+0\s+/);
    const prev = await k.run(['logs', 'counter', '--previous']);
    assert.notEqual(prev.code, 0);
    assert.match(prev.stderr, /previous terminated container "count" in pod "counter" not found/);
  });

  test('logs -f follows until the container ends', async () => {
    const manifest = k.file(
      'follow.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: follower
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "for i in a b c; do echo $i; sleep 1; done"]
`,
    );
    await k.ok(['apply', '-f', manifest]);
    await step(1000);
    const p = k.spawn(['logs', '-f', 'follower']);
    await p.waitFor('a\n');
    await step(4000);
    await p.waitFor('c\n');
    const code = await new Promise<number | null>((r) => (p.child.exitCode !== null ? r(p.child.exitCode) : p.child.on('exit', (c) => r(c))));
    assert.equal(code, 0);
    assert.equal(p.stdout(), 'a\nb\nc\n');
  });
});
