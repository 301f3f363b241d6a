/**
 * Behaviour overrides as data: per-pod kubemu.dev/* annotations and kubemu.dev/v1alpha1 Behavior
 * objects (matched by selector, namespace, image glob, container), read by the simulated kubelet when
 * it pulls, starts containers and probes them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, type TestCluster } from '../helpers/cluster.js';
import { advance, createPod, events, getPod, pod, row } from '../helpers/kubelet.js';

const behavior = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'kubemu.dev/v1alpha1', kind: 'Behavior', metadata: { name }, spec });
const waiting = (c: TestCluster, name: string, i = 0) => getPod(c, name).status.containerStatuses[i].state.waiting;

test('annotation pull-failure: ErrImagePull, then ImagePullBackOff with back-off events', async () => {
  const c = await testCluster();
  try {
    createPod(c, pod('nopull', [{ name: 'app', image: 'nginx:1.27' }], {}, { annotations: { 'kubemu.dev/pull-failure': 'true' } }));
    await advance(c, 2500);
    assert.equal(waiting(c, 'nopull').reason, 'ErrImagePull');
    assert.match(waiting(c, 'nopull').message, /failed to pull and unpack image "docker.io\/library\/nginx:1.27": .*not found/);
    assert.equal((await row(c, 'nopull')).status, 'ErrImagePull');
    await advance(c, 2000);
    assert.equal(waiting(c, 'nopull').reason, 'ImagePullBackOff');
    assert.equal((await row(c, 'nopull')).status, 'ImagePullBackOff');
    const ev = events(c, 'nopull');
    assert.ok(ev.includes('Failed: Error: ErrImagePull'), ev.join('\n'));
    assert.ok(ev.includes('BackOff: Back-off pulling image "nginx:1.27"'), ev.join('\n'));
    assert.ok(ev.includes('Failed: Error: ImagePullBackOff'), ev.join('\n'));
    // a custom message
    createPod(c, pod('nopull2', [{ name: 'app', image: 'private/app:1' }], {}, { annotations: { 'kubemu.dev/pull-failure': 'pull access denied, repository does not exist or may require authorization' } }));
    await advance(c, 2500);
    assert.ok(events(c, 'nopull2').includes('Failed: Failed to pull image "private/app:1": pull access denied, repository does not exist or may require authorization'), events(c, 'nopull2').join('\n'));
  } finally {
    await c.stop();
  }
});

test('annotation crash-after + exit-code: the container exits with that code after each start, then CrashLoopBackOff', async () => {
  const c = await testCluster();
  try {
    createPod(c, pod('crashy', [{ name: 'app', image: 'nginx:1.27' }], {}, { annotations: { 'kubemu.dev/crash-after': '5s', 'kubemu.dev/exit-code': '2' } }));
    await advance(c, 3000);
    assert.equal((await row(c, 'crashy')).status, 'Running');
    await advance(c, 5000);
    let st = getPod(c, 'crashy').status.containerStatuses[0];
    assert.equal(st.restartCount >= 1 || st.state.terminated?.exitCode === 2 || st.lastState.terminated?.exitCode === 2, true);
    await advance(c, 30_000);
    st = getPod(c, 'crashy').status.containerStatuses[0];
    assert.ok(st.restartCount >= 2, JSON.stringify(st));
    assert.equal(st.lastState.terminated.exitCode, 2);
    assert.equal(st.lastState.terminated.reason, 'Error');
    const statuses = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await advance(c, 1000, 500);
      statuses.add((await row(c, 'crashy')).status);
    }
    assert.ok(statuses.has('CrashLoopBackOff'), [...statuses].join(','));
    assert.ok(events(c, 'crashy').some((e) => e.startsWith('BackOff: Back-off restarting failed container app in pod crashy_default')));
  } finally {
    await c.stop();
  }
});

test('exit-code alone: the process exits at once with it; container-specific keys win', async () => {
  const c = await testCluster();
  try {
    createPod(
      c,
      pod('two', [{ name: 'a', image: 'nginx:1.27' }, { name: 'b', image: 'nginx:1.27' }], { restartPolicy: 'Never' }, { annotations: { 'kubemu.dev/exit-code': '0', 'kubemu.dev/exit-code.b': '7' } }),
    );
    await advance(c, 6000);
    const sts = getPod(c, 'two').status.containerStatuses;
    assert.equal(sts[0].state.terminated.exitCode, 0);
    assert.equal(sts[1].state.terminated.exitCode, 7);
    assert.equal(getPod(c, 'two').status.phase, 'Failed');
  } finally {
    await c.stop();
  }
});

test('probe-failure from T: a passing liveness probe fails from 20 s after start, the container restarts', async () => {
  const c = await testCluster();
  try {
    createPod(
      c,
      pod('probed', [{ name: 'web', image: 'nginx:1.27', livenessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5, failureThreshold: 2 } }], {}, { annotations: { 'kubemu.dev/probe-failure': 'liveness@20s' } }),
    );
    await advance(c, 15_000);
    assert.equal(getPod(c, 'probed').status.containerStatuses[0].restartCount, 0);
    assert.equal(events(c, 'probed').filter((e) => e.startsWith('Unhealthy')).length, 0);
    await advance(c, 20_000);
    const ev = events(c, 'probed');
    assert.ok(ev.some((e) => /^Unhealthy: Liveness probe failed: dial tcp 10\.\d+\.\d+\.\d+:80: connect: connection refused$/.test(e)), ev.join('\n'));
    assert.ok(ev.includes('Killing: Container web failed liveness probe, will be restarted'), ev.join('\n'));
    assert.ok(getPod(c, 'probed').status.containerStatuses[0].restartCount >= 1);
  } finally {
    await c.stop();
  }
});

test('Behavior objects: selector, namespace, image glob; later names win; annotations win over objects', async () => {
  const c = await testCluster();
  try {
    const b = c.client.resource('kubemu.dev', 'behaviors');
    b.create('', behavior('a-pull', { selector: { matchLabels: { flaky: 'pull' } }, pullFailure: true }));
    b.create('', behavior('b-slow', { image: 'busybox*', startDelay: '10s' }));
    b.create('', behavior('c-slower', { image: 'docker.io/library/busybox:*', namespaces: ['default'], startDelay: '20s' }));
    createPod(c, pod('labelled', [{ name: 'app', image: 'nginx:1.27' }], {}, { labels: { flaky: 'pull' } }));
    createPod(c, pod('cancelled', [{ name: 'app', image: 'nginx:1.27' }], {}, { labels: { flaky: 'pull' }, annotations: { 'kubemu.dev/pull-failure': 'false' } }));
    createPod(c, pod('plain', [{ name: 'app', image: 'nginx:1.27' }]));
    createPod(c, pod('slow', [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }], { nodeName: 'node2' }));
    await advance(c, 10_000);
    assert.match(waiting(c, 'labelled').reason, /^(ErrImagePull|ImagePullBackOff)$/);
    assert.ok(events(c, 'labelled').includes('Failed: Error: ErrImagePull'));
    assert.equal((await row(c, 'cancelled')).status, 'Running');
    assert.equal((await row(c, 'plain')).status, 'Running');
    // 20 s from c-slower (sorted after b-slow), not 10 s (the pull takes 0.6 s)
    assert.equal((await row(c, 'slow')).status, 'ContainerCreating');
    await advance(c, 9_000);
    assert.equal((await row(c, 'slow')).status, 'ContainerCreating');
    await advance(c, 3_000);
    assert.equal((await row(c, 'slow')).status, 'Running', events(c, 'slow').join('\n'));
  } finally {
    await c.stop();
  }
});

test('Behavior files and ports: a readiness probe on an extra port, an exec probe on an extra file', async () => {
  const c = await testCluster();
  try {
    c.client.resource('kubemu.dev', 'behaviors').create('', behavior('extras', { containers: ['app'], files: { '/ready': 'yes' }, ports: [9090] }));
    createPod(
      c,
      pod('extras', [
        {
          name: 'app',
          image: 'busybox:1.36',
          command: ['sleep', '3600'],
          readinessProbe: { tcpSocket: { port: 9090 }, periodSeconds: 2 },
          livenessProbe: { exec: { command: ['cat', '/ready'] }, periodSeconds: 2 },
        },
        { name: 'other', image: 'busybox:1.36', command: ['sleep', '3600'], readinessProbe: { tcpSocket: { port: 9090 }, periodSeconds: 2 } },
      ]),
    );
    await advance(c, 8000);
    const sts = getPod(c, 'extras').status.containerStatuses;
    assert.equal(sts[0].ready, true);
    assert.equal(sts[1].ready, false);
    assert.equal(sts[0].restartCount, 0);
    assert.equal((await row(c, 'extras')).ready, '1/2');
  } finally {
    await c.stop();
  }
});

test('Behavior validation, table, discovery', async () => {
  const c = await testCluster();
  try {
    const bad = await c.req('POST', '/apis/kubemu.dev/v1alpha1/behaviors', behavior('bad', { startDelay: '5 seconds', exitCode: 300, probeFailures: [{ probe: 'sideways' }], ports: [0], usage: { cpu: 'lots' } }));
    assert.equal(bad.status, 422);
    const fields = bad.body.details.causes.map((x: any) => x.field).sort();
    assert.deepEqual(fields, ['spec.exitCode', 'spec.ports[0]', 'spec.probeFailures[0].probe', 'spec.startDelay', 'spec.usage[cpu]']);
    assert.match(bad.body.message, /spec\.startDelay: Invalid value: "5 seconds": time: unknown unit " seconds" in duration "5 seconds"|spec\.startDelay: Invalid value: "5 seconds": time: /);
    const ok = await c.req('POST', '/apis/kubemu.dev/v1alpha1/behaviors', behavior('flaky-web', { selector: { matchLabels: { app: 'web' } }, image: 'nginx:*', crashAfter: '30s', exitCode: 1, probeFailures: [{ probe: 'readiness', after: '1m' }] }));
    assert.equal(ok.status, 201);
    const t = await c.req('GET', '/apis/kubemu.dev/v1alpha1/behaviors', undefined, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
    assert.deepEqual(t.body.columnDefinitions.map((x: any) => x.name), ['Name', 'Selector', 'Image', 'Effects', 'Age']);
    assert.deepEqual(t.body.rows[0].cells.slice(0, 4), ['flaky-web', 'app=web', 'nginx:*', 'crash-after=30s/1,probe:readiness@1m']);
    const disc = await c.req('GET', '/apis/kubemu.dev/v1alpha1');
    assert.deepEqual(disc.body.resources.map((r: any) => [r.name, r.kind, r.namespaced]), [['behaviors', 'Behavior', false]]);
  } finally {
    await c.stop();
  }
});
