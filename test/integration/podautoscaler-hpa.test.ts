import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, type TestCluster } from '../helpers/cluster.js';
import { markPodsReady } from '../helpers/pods.js';

const deployment = (replicas: number, cpuUsage: string) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: {
    replicas, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' }, annotations: { 'kubemu.dev/cpu-usage': cpuUsage } }, spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '100m' } } }] } },
  },
});

const hpaV2 = (min: number, max: number, utilization = 50, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: min, maxReplicas: max, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: utilization } } }], ...extra },
});

const replicas = (c: TestCluster) => (c.client.resource('apps', 'deployments').get('default', 'web').spec as { replicas: number }).replicas;
const hpa = (c: TestCluster) => c.client.resource('autoscaling', 'horizontalpodautoscalers').get('default', 'web') as any;
const cond = (c: TestCluster, type: string) => hpa(c).status?.conditions?.find((x: { type: string }) => x.type === type);
const events = (c: TestCluster) => (c.client.resource('', 'events').list('default').items as any[]).filter((e) => e.involvedObject.kind === 'HorizontalPodAutoscaler');

async function step(c: TestCluster, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    c.clock.step(15_000);
    await c.settle();
  }
}

async function webCluster(n: number, usage: string): Promise<TestCluster> {
  const c = await testCluster({ kubelets: false });
  c.client.resource('apps', 'deployments').create('default', deployment(n, usage));
  await c.settle();
  markPodsReady(c, 'default', 'app=web');
  await c.settle();
  return c;
}

test('HPA (created as autoscaling/v1) scales a deployment up above target; samples count one window after readiness', async () => {
  const c = await testCluster({ kubelets: false });
  try {
    c.client.resource('apps', 'deployments').create('default', deployment(2, '80%'));
    await c.settle();
    const res = await c.req('POST', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers', {
      apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 50 },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.spec.targetCPUUtilizationPercentage, 50);
    await c.settle();
    assert.equal(hpa(c).status?.conditions, undefined, 'the first sync waits one resync period');
    c.clock.step(10_000);
    markPodsReady(c, 'default', 'app=web'); // ready at 00:00:10
    await c.settle();
    // 00:00:15: the samples (taken now) do not cover a full 15 s window since the pods became ready (upstream groupPods)
    c.clock.step(5_000);
    await c.settle();
    assert.deepEqual(cond(c, 'ScalingActive'), {
      type: 'ScalingActive', status: 'False', lastTransitionTime: '2024-01-01T00:00:15Z', reason: 'FailedGetResourceMetric',
      message: 'the HPA was unable to compute the replica count: failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)',
    });
    assert.equal(replicas(c), 2);
    // 00:00:30: the samples count: 80% of request against 50% -> ceil(1.6 * 2) = 4
    await step(c);
    const v2 = hpa(c);
    assert.deepEqual(v2.spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }]);
    assert.equal(v2.status.desiredReplicas, 4, JSON.stringify(v2.status));
    assert.equal(v2.status.currentReplicas, 2);
    assert.equal(v2.status.lastScaleTime, '2024-01-01T00:00:30Z');
    assert.deepEqual(v2.status.currentMetrics, [{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '80m', averageUtilization: 80 } } }]);
    assert.equal(replicas(c), 4);
    assert.equal(cond(c, 'ScalingActive').reason, 'ValidMetricFound');
    assert.equal(cond(c, 'ScalingActive').message, 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)');
    assert.equal(cond(c, 'AbleToScale').reason, 'SucceededRescale');
    assert.equal(cond(c, 'ScalingLimited').reason, 'DesiredWithinRange');
    const msgs = events(c).map((e) => `${e.type} ${e.reason} ${e.message}`);
    assert.ok(msgs.includes('Normal SuccessfulRescale New size: 4; reason: cpu resource utilization (percentage of request) above target'), JSON.stringify(msgs));
    assert.ok(msgs.includes('Warning FailedGetResourceMetric failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)'), JSON.stringify(msgs));

    // the two new pods are Pending: on a scale-up they count as 0 and would flip the direction, so no change
    await step(c);
    assert.equal(replicas(c), 4);
    assert.equal(hpa(c).status.currentReplicas, 4);

    const v1 = await c.req('GET', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/web');
    assert.equal(v1.body.status.currentCPUUtilizationPercentage, 80);
    assert.equal(v1.body.status.desiredReplicas, 4);
    assert.ok(JSON.parse(v1.body.metadata.annotations['autoscaling.alpha.kubernetes.io/conditions']).some((x: { type: string }) => x.type === 'ScalingActive'));

    // the metrics API serves what the HPA read
    const pm = await c.req('GET', '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dweb');
    assert.equal(pm.status, 200);
    assert.equal(pm.body.kind, 'PodMetricsList');
    assert.equal(pm.body.items.length, 2, 'pending pods have no metrics');
    assert.equal(pm.body.items[0].containers[0].usage.cpu, '80000000n');
    assert.equal(pm.body.items[0].window, '15s');
    const nm = await c.req('GET', '/apis/metrics.k8s.io/v1beta1/nodes');
    assert.equal(nm.body.kind, 'NodeMetricsList');
    assert.deepEqual(nm.body.items.map((n: any) => n.metadata.name), c.client.resource('', 'nodes').list().items.map((n) => n.metadata.name).sort());
  } finally {
    await c.stop();
  }
});

test('HPA scales down only once the 300 s downscale stabilization window has passed', async () => {
  const c = await webCluster(4, '60%');
  try {
    c.client.resource('autoscaling', 'horizontalpodautoscalers').create('default', hpaV2(1, 10));
    await step(c);
    // 60% against 50%: ratio 1.2 is outside the 10% tolerance -> ceil(1.2 * 4) = 5
    assert.equal(replicas(c), 5);
    markPodsReady(c, 'default', 'app=web');
    for (const p of c.client.resource('', 'pods').list('default').items) {
      c.client.resource('', 'pods').patch('default', p.metadata.name!, 'merge', { metadata: { annotations: { 'kubemu.dev/cpu-usage': '10%' } } });
    }
    // the last recommendation of 5 was made at 00:00:15; lower ones are held back while it is in the window
    await step(c); // 00:00:30
    assert.equal(replicas(c), 5);
    assert.equal(cond(c, 'AbleToScale').reason, 'ScaleDownStabilized');
    assert.equal(cond(c, 'AbleToScale').message, 'recent recommendations were higher than current one, applying the highest recent recommendation');
    assert.equal(hpa(c).status.currentMetrics[0].resource.current.averageUtilization, 10);
    await step(c, 19); // 00:05:15: the 00:00:15 sample is exactly at the cutoff, not before it
    assert.equal(replicas(c), 5);
    await step(c); // 00:05:30
    // 10% against 50%: ceil(0.2 * 5) = 1
    assert.equal(replicas(c), 1);
    assert.ok(events(c).some((e) => e.message === 'New size: 1; reason: All metrics below target'));
    assert.equal(hpa(c).status.lastScaleTime, '2024-01-01T00:05:30Z');
  } finally {
    await c.stop();
  }
});

test('HPA keeps replicas within min and max', async () => {
  const c = await webCluster(1, '400%');
  try {
    // below min: scaled to min without looking at metrics
    c.client.resource('autoscaling', 'horizontalpodautoscalers').create('default', hpaV2(2, 3));
    await step(c);
    assert.equal(replicas(c), 2);
    assert.ok(events(c).some((e) => e.message === 'New size: 2; reason: Current number of replicas below Spec.MinReplicas'));
    markPodsReady(c, 'default', 'app=web');
    // 400% against 50% wants 16; the maximum (3, below the scale-up limit of 4) wins
    await step(c);
    assert.equal(replicas(c), 3);
    assert.equal(hpa(c).status.desiredReplicas, 3);
    assert.deepEqual(
      { status: cond(c, 'ScalingLimited').status, reason: cond(c, 'ScalingLimited').reason, message: cond(c, 'ScalingLimited').message },
      { status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' },
    );
    // above max: scaled to max
    c.client.resource('apps', 'deployments').patch('default', 'web', 'merge', { spec: { replicas: 6 } });
    await step(c);
    assert.equal(replicas(c), 3);
    assert.ok(events(c).some((e) => e.message === 'New size: 3; reason: Current number of replicas above Spec.MaxReplicas'));
    // a scale-up limit: max(2 * current, 4) when maxReplicas is above it
    c.client.resource('autoscaling', 'horizontalpodautoscalers').patch('default', 'web', 'merge', { spec: { maxReplicas: 20 } });
    await step(c);
    assert.equal(replicas(c), 6);
    assert.equal(cond(c, 'ScalingLimited').reason, 'ScaleUpLimit');
    assert.equal(cond(c, 'ScalingLimited').message, 'the desired replica count is increasing faster than the maximum scale rate');
  } finally {
    await c.stop();
  }
});

test('HPA round-trips between autoscaling/v2 and autoscaling/v1 through the API', async () => {
  const c = await testCluster({ kubelets: false });
  try {
    const behavior = { scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 30 }] } };
    const body = hpaV2(1, 7, 60, { behavior });
    body.spec.metrics.push({ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } as any } });
    const created = await c.req('POST', '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers', body);
    assert.equal(created.status, 201, created.text);
    const v1 = await c.req('GET', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/web');
    assert.equal(v1.status, 200);
    assert.equal(v1.body.apiVersion, 'autoscaling/v1');
    assert.equal(v1.body.spec.targetCPUUtilizationPercentage, 60);
    assert.equal(v1.body.spec.maxReplicas, 7);
    assert.deepEqual(JSON.parse(v1.body.metadata.annotations['autoscaling.alpha.kubernetes.io/metrics']), [{ type: 'Resource', resource: { name: 'memory', targetAverageValue: '100Mi' } }]);
    assert.ok(v1.body.metadata.annotations['autoscaling.alpha.kubernetes.io/behavior']);

    // a v1 update carrying the annotations back keeps the v2-only fields
    v1.body.spec.maxReplicas = 9;
    v1.body.spec.targetCPUUtilizationPercentage = 70;
    const put = await c.req('PUT', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/web', v1.body);
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.spec.targetCPUUtilizationPercentage, 70);
    const v2 = await c.req('GET', '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web');
    assert.equal(v2.body.spec.maxReplicas, 9);
    // upstream's v1 -> internal conversion puts the annotation's metrics first and the CPU target last
    assert.deepEqual(v2.body.spec.metrics, [
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } },
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
    ]);
    assert.deepEqual(v2.body.spec.behavior.scaleDown, behavior.scaleDown);
    assert.equal(v2.body.metadata.annotations?.['autoscaling.alpha.kubernetes.io/metrics'], undefined, 'annotations are not stored');

    // lists in both versions
    const l1 = await c.req('GET', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers');
    assert.equal(l1.body.kind, 'HorizontalPodAutoscalerList');
    assert.equal(l1.body.apiVersion, 'autoscaling/v1');
    assert.equal(l1.body.items[0].spec.targetCPUUtilizationPercentage, 70);

    // a v1 object without a CPU target defaults to 80% (upstream SetDefaults) and becomes a v2 cpu metric
    const bare = await c.req('POST', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers', {
      apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'bare' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 3 },
    });
    assert.equal(bare.status, 201, bare.text);
    assert.equal(bare.body.spec.minReplicas, 1);
    const bareV2 = await c.req('GET', '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/bare');
    assert.deepEqual(bareV2.body.spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);

    // patches apply to the object as v1 shows it
    const base = '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/web';
    const merge = await c.req('PATCH', base, { spec: { targetCPUUtilizationPercentage: 65 } }, { 'content-type': 'application/merge-patch+json' });
    assert.equal(merge.status, 200, merge.text);
    assert.equal(merge.body.apiVersion, 'autoscaling/v1');
    assert.equal(merge.body.spec.targetCPUUtilizationPercentage, 65);
    const smp = await c.req('PATCH', base, { spec: { minReplicas: 2 } }, { 'content-type': 'application/strategic-merge-patch+json' });
    assert.equal(smp.status, 200, smp.text);
    const jp = await c.req('PATCH', base, [{ op: 'replace', path: '/spec/maxReplicas', value: 8 }], { 'content-type': 'application/json-patch+json' });
    assert.equal(jp.status, 200, jp.text);
    const patched = (await c.req('GET', '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web')).body;
    assert.deepEqual([patched.spec.minReplicas, patched.spec.maxReplicas, patched.spec.metrics.length, patched.spec.metrics[1].resource.target.averageUtilization], [2, 8, 2, 65]);
    const bad = await c.req('PATCH', base, { spec: { maxReplicas: 0 } }, { 'content-type': 'application/merge-patch+json' });
    assert.equal(bad.status, 422, bad.text);
    const apply = await c.req('PATCH', `${base}?fieldManager=t`, { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler' }, { 'content-type': 'application/apply-patch+yaml' });
    assert.equal(apply.status, 405, apply.text);

    const del = await c.req('DELETE', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/bare');
    assert.equal(del.status, 200, del.text);
    assert.equal((await c.req('GET', '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/bare')).status, 404);
    const dc = await c.req('DELETE', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers');
    assert.equal(dc.status, 200, dc.text);
    assert.equal(dc.body.kind, 'HorizontalPodAutoscalerList');
    assert.deepEqual(dc.body.items.map((x: any) => [x.apiVersion ?? 'autoscaling/v1', x.metadata.name, x.spec.targetCPUUtilizationPercentage]), [['autoscaling/v1', 'web', 65]]);
    assert.equal((await c.req('GET', '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers')).body.items.length, 0);
  } finally {
    await c.stop();
  }
});

test('resource metrics read the cpu/memory use set by Behavior objects; pod annotations win', async () => {
  const c = await testCluster({ kubelets: false });
  try {
    const b = await c.req('POST', '/apis/kubemu.dev/v1alpha1/behaviors', {
      apiVersion: 'kubemu.dev/v1alpha1', kind: 'Behavior', metadata: { name: 'busy' },
      spec: { selector: { matchLabels: { tier: 'app' } }, usage: { cpu: '250m', memory: '50%' } },
    });
    assert.equal(b.status, 201, b.text);
    for (const [name, ann] of [['annotated', { 'kubemu.dev/cpu-usage': '80%' }], ['plain', {}]] as const) {
      c.client.resource('apps', 'deployments').create('default', {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
        spec: {
          replicas: 1, selector: { matchLabels: { app: name } },
          template: { metadata: { labels: { app: name, tier: 'app' }, annotations: ann }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } },
        },
      } as any);
    }
    await c.settle();
    markPodsReady(c, 'default');
    const usage = async (app: string) => {
      const pm = await c.req('GET', `/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3D${app}`);
      assert.equal(pm.body.items.length, 1, JSON.stringify(pm.body));
      return pm.body.items[0].containers[0].usage;
    };
    // memory: the Behavior's 50% of the 64Mi request; cpu: the pod annotation (80% of 100m) wins over the Behavior
    assert.deepEqual(await usage('annotated'), { cpu: '80000000n', memory: '32Mi' });
    assert.deepEqual(await usage('plain'), { cpu: '250000000n', memory: '32Mi' });
    // the HPA sees the same numbers
    c.client.resource('autoscaling', 'horizontalpodautoscalers').create('default', { ...hpaV2(1, 5, 100), metadata: { name: 'plain' }, spec: { ...hpaV2(1, 5, 100).spec, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'plain' } } } as any);
    await step(c);
    const h = c.client.resource('autoscaling', 'horizontalpodautoscalers').get('default', 'plain') as any;
    assert.equal(h.status.currentMetrics[0].resource.current.averageUtilization, 250);
    assert.equal((c.client.resource('apps', 'deployments').get('default', 'plain').spec as any).replicas, 3);
  } finally {
    await c.stop();
  }
});
