import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster } from '../helpers/cluster.js';
import { advance, createPod, events, getPod, pod, row } from '../helpers/kubelet.js';

test('liveness exec on a missing file: Unhealthy events, Killing, restart', async () => {
  const c = await testCluster();
  try {
    createPod(c, pod('live', [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'], livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 } }]));
    await advance(c, 1000);
    assert.equal((await row(c, 'live')).status, 'Running');
    await advance(c, 17000, 500);
    const ev = events(c, 'live');
    assert.ok(ev.includes("Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n"), ev.join('|'));
    assert.ok(ev.includes('Killing: Container app failed liveness probe, will be restarted'));
    const p = getPod(c, 'live');
    assert.equal(p.status.containerStatuses[0].restartCount, 1);
    assert.equal(p.status.containerStatuses[0].lastState.terminated.exitCode, 143);
  } finally {
    await c.stop();
  }
});

test('liveness tcpSocket on a port nobody listens on; httpGet on a 404 path', async () => {
  const c = await testCluster();
  try {
    createPod(c, pod('tcp', [{ name: 'redis', image: 'redis:7', livenessProbe: { tcpSocket: { port: 6380 }, periodSeconds: 2, failureThreshold: 2 } }]));
    createPod(c, pod('http', [{ name: 'nginx', image: 'nginx:1.27', livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 2, failureThreshold: 2 } }]));
    await advance(c, 12000, 500);
    const ip = getPod(c, 'tcp').status.podIP;
    assert.ok(events(c, 'tcp').includes(`Unhealthy: Liveness probe failed: dial tcp ${ip}:6380: connect: connection refused`));
    assert.ok(events(c, 'http').includes('Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 404'));
    assert.ok(events(c, 'http').includes('Killing: Container nginx failed liveness probe, will be restarted'));
    assert.ok(getPod(c, 'http').status.containerStatuses[0].restartCount >= 1);
  } finally {
    await c.stop();
  }
});

test('readiness: failing keeps 0/1 Running with the kubelet message; passing makes it Ready', async () => {
  const c = await testCluster();
  try {
    createPod(c, pod('notready', [{ name: 'nginx', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 1 } }]));
    createPod(c, pod('ready', [{ name: 'nginx', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 1, initialDelaySeconds: 2 } }]));
    await advance(c, 3000);
    assert.deepEqual(await row(c, 'notready'), { ready: '0/1', status: 'Running', restarts: '0', ip: '10.244.1.2' });
    const ip = getPod(c, 'notready').status.podIP;
    assert.ok(events(c, 'notready').includes(`Unhealthy: Readiness probe failed: Get "http://${ip}:8080/ready": dial tcp ${ip}:8080: connect: connection refused`));
    const cond = getPod(c, 'notready').status.conditions.find((x: any) => x.type === 'ContainersReady');
    assert.equal(cond.message, 'containers with unready status: [nginx]');
    assert.equal((await row(c, 'ready')).ready, '0/1');
    // the second pull waited for the first (serialized puller): started at ~4.9s, ready after 2s more
    await advance(c, 5000);
    assert.equal((await row(c, 'ready')).ready, '1/1');
  } finally {
    await c.stop();
  }
});

test('startup probe holds liveness and readiness until it passes', async () => {
  const c = await testCluster();
  try {
    createPod(
      c,
      pod('slow', [
        {
          name: 'app',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'sleep 4; touch /tmp/started; sleep 3600'],
          startupProbe: { exec: { command: ['test', '-f', '/tmp/started'] }, periodSeconds: 1, failureThreshold: 30 },
          livenessProbe: { exec: { command: ['test', '-f', '/tmp/started'] }, periodSeconds: 1 },
        },
      ]),
    );
    await advance(c, 2000);
    let cs = getPod(c, 'slow').status.containerStatuses[0];
    assert.equal(cs.started, false);
    assert.equal(cs.ready, false);
    await advance(c, 5000);
    cs = getPod(c, 'slow').status.containerStatuses[0];
    assert.equal(cs.started, true);
    assert.equal(cs.ready, true);
    assert.equal(cs.restartCount, 0);
  } finally {
    await c.stop();
  }
});
