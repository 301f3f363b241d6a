import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster } from '../helpers/cluster.js';
import { eventsFor, getPV, getPVC, listPVs, podWithClaim, pv, pvc, storageClass } from '../helpers/volumes.js';

const getPod = (c: any, name: string) => c.client.resource('', 'pods').get('default', name) as any;

test('a pod whose Immediate claim is unbound stays Pending with the upstream message, and schedules once bound', async () => {
  const c = await testCluster({ kubelets: false });
  try {
    c.client.resource('', 'persistentvolumeclaims').create('default', pvc('later', '2Gi', { cls: '' }));
    c.client.resource('', 'pods').create('default', podWithClaim('app', 'later'));
    await c.settle();
    const pod = getPod(c, 'app');
    assert.equal(pod.spec.nodeName, undefined);
    const cond = pod.status.conditions.find((x: any) => x.type === 'PodScheduled');
    assert.equal(cond.reason, 'Unschedulable');
    assert.equal(
      cond.message,
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    c.client.resource('', 'persistentvolumes').create('', pv('later-vol', '2Gi', { cls: '' }));
    await c.settle();
    assert.equal(getPVC(c, 'later').status.phase, 'Bound');
    assert.ok(getPod(c, 'app').spec.nodeName);
  } finally {
    await c.stop();
  }
});

test('a pod naming a missing claim stays Pending', async () => {
  const c = await testCluster({ kubelets: false });
  try {
    c.client.resource('', 'pods').create('default', podWithClaim('app', 'nope'));
    await c.settle();
    const cond = getPod(c, 'app').status.conditions.find((x: any) => x.type === 'PodScheduled');
    assert.equal(cond.message, '0/3 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  } finally {
    await c.stop();
  }
});

test('WaitForFirstConsumer: nothing is provisioned until a pod is scheduled; then on its node', async () => {
  const c = await testCluster({ kubelets: false });
  try {
    c.client.resource('storage.k8s.io', 'storageclasses').create('', storageClass('local', { mode: 'WaitForFirstConsumer' }));
    c.client.resource('', 'persistentvolumeclaims').create('default', pvc('wffc', '1Gi', { cls: 'local' }));
    await c.settle();
    assert.equal(getPVC(c, 'wffc').status.phase, 'Pending');
    assert.equal(listPVs(c).length, 0);
    assert.ok(eventsFor(c, 'wffc').includes('Normal WaitForFirstConsumer waiting for first consumer to be created before binding'));
    c.client.resource('', 'pods').create('default', podWithClaim('consumer', 'wffc'));
    await c.settle();
    const pod = getPod(c, 'consumer');
    const claim = getPVC(c, 'wffc');
    assert.ok(pod.spec.nodeName, 'pod scheduled');
    assert.equal(claim.metadata.annotations['volume.kubernetes.io/selected-node'], pod.spec.nodeName);
    assert.equal(claim.status.phase, 'Bound');
    const vol = getPV(c, claim.spec.volumeName);
    assert.deepEqual(vol.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0], { key: 'kubernetes.io/hostname', operator: 'In', values: [pod.spec.nodeName] });
  } finally {
    await c.stop();
  }
});

test('WaitForFirstConsumer with a static volume: the scheduler pre-binds it on a node it can reach', async () => {
  const c = await testCluster({ kubelets: false });
  try {
    c.client.resource('storage.k8s.io', 'storageclasses').create('', storageClass('manual', { mode: 'WaitForFirstConsumer', provisioner: 'kubernetes.io/no-provisioner' }));
    const local = pv('local-node2', '5Gi', { cls: 'manual' }) as any;
    local.spec.nodeAffinity = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node2'] }] }] } };
    c.client.resource('', 'persistentvolumes').create('', local);
    c.client.resource('', 'persistentvolumeclaims').create('default', pvc('claim', '1Gi', { cls: 'manual' }));
    await c.settle();
    assert.equal(getPVC(c, 'claim').status.phase, 'Pending');
    c.client.resource('', 'pods').create('default', podWithClaim('user', 'claim'));
    await c.settle();
    assert.equal(getPod(c, 'user').spec.nodeName, 'node2');
    assert.equal(getPVC(c, 'claim').spec.volumeName, 'local-node2');
    assert.equal(getPV(c, 'local-node2').metadata.annotations['pv.kubernetes.io/bound-by-controller'], 'yes');
    // A second claim of the class has no volume and no provisioner: its pod cannot be placed.
    c.client.resource('', 'persistentvolumeclaims').create('default', pvc('claim2', '1Gi', { cls: 'manual' }));
    c.client.resource('', 'pods').create('default', podWithClaim('user2', 'claim2'));
    await c.settle();
    const cond = getPod(c, 'user2').status.conditions.find((x: any) => x.type === 'PodScheduled');
    assert.match(cond.message, /^0\/3 nodes are available: 1 node\(s\) had untolerated taint \{node-role.kubernetes.io\/control-plane: \}, 2 node\(s\) didn't find available persistent volumes to bind\./);
  } finally {
    await c.stop();
  }
});

test('pvc-protection: a claim used by a scheduled pod stays Terminating until the pod is gone', async () => {
  const c = await testCluster({ kubelets: false });
  try {
    c.client.resource('', 'persistentvolumeclaims').create('default', pvc('used', '1Gi'));
    c.client.resource('', 'pods').create('default', podWithClaim('holder', 'used'));
    await c.settle();
    assert.ok(getPod(c, 'holder').spec.nodeName);
    const volumeName = getPVC(c, 'used').spec.volumeName;
    c.client.resource('', 'persistentvolumeclaims').delete('default', 'used');
    await c.settle();
    const claim = getPVC(c, 'used');
    assert.ok(claim.metadata.deletionTimestamp);
    assert.deepEqual(claim.metadata.finalizers, ['kubernetes.io/pvc-protection']);
    assert.equal(getPV(c, volumeName).status.phase, 'Bound');
    c.client.resource('', 'pods').delete('default', 'holder', { gracePeriodSeconds: 0 });
    await c.settle();
    assert.equal(c.client.resource('', 'persistentvolumeclaims').list('default').items.length, 0);
    // Reclaim policy Delete of the standard class: the provisioned volume goes too.
    assert.equal(listPVs(c).length, 0);
  } finally {
    await c.stop();
  }
});
