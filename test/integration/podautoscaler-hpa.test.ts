import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster } from '../helpers/cluster.js';
import { markPodsReady } from '../helpers/pods.js';

const deployment = (replicas: number, cpuUsage: string) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: {
    replicas, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' }, annotations: { 'kubemu.dev/cpu-usage': cpuUsage } }, spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '100m' } } }] } },
  },
});

test('HPA (created as autoscaling/v1) scales a deployment up from simulated CPU use, then down after the stabilization window', async () => {
  const c = await testCluster({ kubelets: false, clock: 'fake' });
  try {
    c.client.resource('apps', 'deployments').create('default', deployment(2, '80%'));
    await c.settle();
    markPodsReady(c, 'default', 'app=web');
    const res = await c.req('POST', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers', {
      apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 50 },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.spec.targetCPUUtilizationPercentage, 50);
    // samples count once a full window has passed since the pods became ready (upstream groupPods)
    for (let i = 0; i < 2; i++) {
      c.clock.step(15_000);
      await c.settle();
    }
    const v2 = c.client.resource('autoscaling', 'horizontalpodautoscalers').get('default', 'web') as any;
    assert.deepEqual(v2.spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }]);
    assert.equal(v2.status.desiredReplicas, 4, JSON.stringify(v2.status));
    assert.equal(v2.status.currentMetrics[0].resource.current.averageUtilization, 80);
    assert.equal((c.client.resource('apps', 'deployments').get('default', 'web').spec as any).replicas, 4);
    const events = c.client.resource('', 'events').list('default').items as any[];
    assert.ok(events.some((e) => e.reason === 'SuccessfulRescale' && e.message === 'New size: 4; reason: cpu resource utilization (percentage of request) above target'), JSON.stringify(events.map((e) => e.message)));
    const v1 = await c.req('GET', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/web');
    assert.equal(v1.body.status.currentCPUUtilizationPercentage, 80);
    assert.ok(v1.body.metadata.annotations['autoscaling.alpha.kubernetes.io/conditions']);

    // metrics API
    const pm = await c.req('GET', '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dweb');
    assert.equal(pm.status, 200);
    assert.equal(pm.body.kind, 'PodMetricsList');
    assert.equal(pm.body.items[0].containers[0].usage.cpu, '80000000n');
    assert.equal(pm.body.items[0].window, '15s');
    const nm = await c.req('GET', '/apis/metrics.k8s.io/v1beta1/nodes');
    assert.equal(nm.body.items.length, 2);

    // usage drops: scale-down waits for the 5 minute window, then min 1 floor via ceil(ratio * ready)
    markPodsReady(c, 'default', 'app=web');
    for (const p of c.client.resource('', 'pods').list('default').items) {
      c.client.resource('', 'pods').patch('default', p.metadata.name!, 'merge', { metadata: { annotations: { 'kubemu.dev/cpu-usage': '10%' } } });
    }
    c.clock.step(15_000);
    await c.settle();
    assert.equal((c.client.resource('apps', 'deployments').get('default', 'web').spec as any).replicas, 4);
    for (let i = 0; i < 21; i++) {
      c.clock.step(15_000);
      await c.settle();
    }
    assert.equal((c.client.resource('apps', 'deployments').get('default', 'web').spec as any).replicas, 1);
  } finally {
    await c.stop();
  }
});
