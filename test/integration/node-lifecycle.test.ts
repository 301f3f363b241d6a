import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster } from '../helpers/cluster.js';

test('cordon adds node.kubernetes.io/unschedulable:NoSchedule and uncordon removes it; other taints stay', async () => {
  const c = await testCluster({ kubelets: false });
  try {
    const nodes = c.client.resource('', 'nodes');
    nodes.patch('', 'node1', 'merge', { spec: { unschedulable: true, taints: [{ key: 'team', value: 'a', effect: 'NoSchedule' }] } });
    await c.settle();
    assert.deepEqual((nodes.get('', 'node1').spec as any).taints, [
      { key: 'team', value: 'a', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
    ]);
    nodes.patch('', 'node1', 'merge', { spec: { unschedulable: null } });
    await c.settle();
    assert.deepEqual((nodes.get('', 'node1').spec as any).taints, [{ key: 'team', value: 'a', effect: 'NoSchedule' }]);
  } finally {
    await c.stop();
  }
});

test('pods get the admission defaults a real cluster adds: service account, token volume, tolerations, priority', async () => {
  const c = await testCluster({ kubelets: false, scheduler: false });
  try {
    const pod = c.client.resource('', 'pods').create('default', { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }) as any;
    assert.equal(pod.spec.serviceAccountName, 'default');
    assert.equal(pod.spec.priority, 0);
    assert.equal(pod.spec.preemptionPolicy, 'PreemptLowerPriority');
    assert.deepEqual(pod.spec.tolerations, [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    const vol = pod.spec.volumes.find((v: any) => v.name.startsWith('kube-api-access-'));
    assert.match(vol.name, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.deepEqual(pod.spec.containers[0].volumeMounts, [{ name: vol.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
  } finally {
    await c.stop();
  }
});
