import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster } from '../helpers/cluster.js';
import { eventsFor, getPV, getPVC, pv, pvc } from '../helpers/volumes.js';

const noScheduler = { kubelets: false as const, scheduler: false };

test('a claim binds to a matching static volume: claimRef, phases, capacity, annotations', async () => {
  const c = await testCluster(noScheduler);
  try {
    const pvs = c.client.resource('', 'persistentvolumes');
    const pvcs = c.client.resource('', 'persistentvolumeclaims');
    pvs.create('', pv('vol1', '5Gi', { cls: '' }));
    await c.settle();
    assert.equal(getPV(c, 'vol1').status.phase, 'Available');
    assert.deepEqual(getPV(c, 'vol1').metadata.finalizers, ['kubernetes.io/pv-protection']);
    pvcs.create('default', pvc('claim1', '1Gi', { cls: '' }));
    await c.settle();
    const claim = getPVC(c, 'claim1');
    const vol = getPV(c, 'vol1');
    assert.equal(claim.spec.volumeName, 'vol1');
    assert.equal(claim.status.phase, 'Bound');
    assert.deepEqual(claim.status.capacity, { storage: '5Gi' });
    assert.deepEqual(claim.status.accessModes, ['ReadWriteOnce']);
    assert.deepEqual(claim.metadata.annotations, { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    assert.deepEqual(claim.metadata.finalizers, ['kubernetes.io/pvc-protection']);
    assert.equal(vol.status.phase, 'Bound');
    assert.equal(vol.spec.claimRef.name, 'claim1');
    assert.equal(vol.spec.claimRef.namespace, 'default');
    assert.equal(vol.spec.claimRef.uid, claim.metadata.uid);
    assert.equal(vol.spec.claimRef.kind, 'PersistentVolumeClaim');
    assert.equal(vol.metadata.annotations['pv.kubernetes.io/bound-by-controller'], 'yes');
  } finally {
    await c.stop();
  }
});

test('the smallest volume that fits wins; access modes must all be offered; classes must match', async () => {
  const c = await testCluster(noScheduler);
  try {
    const pvs = c.client.resource('', 'persistentvolumes');
    const pvcs = c.client.resource('', 'persistentvolumeclaims');
    pvs.create('', pv('big', '10Gi', { cls: '' }));
    pvs.create('', pv('small', '1Gi', { cls: '' }));
    pvs.create('', pv('medium', '3Gi', { cls: '' }));
    pvs.create('', pv('rwx', '2Gi', { cls: '', modes: ['ReadWriteOnce', 'ReadWriteMany'] }));
    pvs.create('', pv('gold', '2Gi', { cls: 'gold' }));
    await c.settle();
    pvcs.create('default', pvc('fit', '2Gi', { cls: '' }));
    await c.settle();
    // rwx (2Gi) has more modes than asked: RWO-only volumes are searched first.
    assert.equal(getPVC(c, 'fit').spec.volumeName, 'medium');
    pvcs.create('default', pvc('shared', '1Gi', { cls: '', modes: ['ReadWriteMany'] }));
    await c.settle();
    assert.equal(getPVC(c, 'shared').spec.volumeName, 'rwx');
    pvcs.create('default', pvc('many', '1Gi', { cls: '', modes: ['ReadOnlyMany'] }));
    pvcs.create('default', pvc('huge', '20Gi', { cls: '' }));
    await c.settle();
    for (const n of ['many', 'huge']) {
      assert.equal(getPVC(c, n).status.phase, 'Pending');
      assert.equal(getPVC(c, n).spec.volumeName, undefined);
      assert.ok(eventsFor(c, n).includes('Normal FailedBinding no persistent volumes available for this claim and no storage class is set'), n);
    }
    assert.equal(getPV(c, 'big').status.phase, 'Available');
    assert.equal(getPV(c, 'small').status.phase, 'Available');
    assert.equal(getPV(c, 'gold').status.phase, 'Available');
  } finally {
    await c.stop();
  }
});

test('selector and pre-binding by volumeName or claimRef', async () => {
  const c = await testCluster(noScheduler);
  try {
    const pvs = c.client.resource('', 'persistentvolumes');
    const pvcs = c.client.resource('', 'persistentvolumeclaims');
    pvs.create('', pv('plain', '1Gi', { cls: '' }));
    pvs.create('', pv('fast', '5Gi', { cls: '', labels: { tier: 'fast' } }));
    pvs.create('', pv('named', '5Gi', { cls: '' }));
    pvs.create('', pv('reserved', '5Gi', { cls: '', claimRef: { namespace: 'default', name: 'wants-reserved' } }));
    await c.settle();
    pvcs.create('default', pvc('sel', '1Gi', { cls: '', selector: { matchLabels: { tier: 'fast' } } }));
    pvcs.create('default', pvc('byname', '1Gi', { cls: '', volumeName: 'named' }));
    pvcs.create('default', pvc('wants-reserved', '1Gi', { cls: '' }));
    await c.settle();
    assert.equal(getPVC(c, 'sel').spec.volumeName, 'fast');
    assert.equal(getPVC(c, 'byname').spec.volumeName, 'named');
    assert.equal(getPVC(c, 'byname').status.phase, 'Bound');
    // A claim naming a volume is bound by the user: no bound-by-controller annotation on it.
    assert.equal(getPVC(c, 'byname').metadata.annotations['pv.kubernetes.io/bound-by-controller'], undefined);
    assert.equal(getPVC(c, 'wants-reserved').spec.volumeName, 'reserved');
    assert.equal(getPV(c, 'reserved').metadata.annotations?.['pv.kubernetes.io/bound-by-controller'], undefined);
    assert.equal(getPV(c, 'plain').status.phase, 'Available');
    // A claim naming a volume that is too small gets VolumeMismatch and stays Pending.
    pvcs.create('default', pvc('toosmall', '2Gi', { cls: '', volumeName: 'plain' }));
    await c.settle();
    assert.equal(getPVC(c, 'toosmall').status.phase, 'Pending');
    assert.ok(eventsFor(c, 'toosmall').includes('Warning VolumeMismatch Cannot bind to requested volume "plain": requested PV is too small'));
  } finally {
    await c.stop();
  }
});
