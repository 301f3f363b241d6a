import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster } from '../helpers/cluster.js';
import { eventsFor, getPV, getPVC, listPVs, pv, pvc, storageClass } from '../helpers/volumes.js';

const noScheduler = { kubelets: false as const, scheduler: false };

test('a fresh cluster has the default StorageClass standard', async () => {
  const c = await testCluster(noScheduler);
  try {
    const sc = c.client.resource('storage.k8s.io', 'storageclasses').get('', 'standard') as any;
    assert.equal(sc.provisioner, 'kubemu.dev/hostpath');
    assert.equal(sc.reclaimPolicy, 'Delete');
    assert.equal(sc.volumeBindingMode, 'Immediate');
    assert.equal(sc.metadata.annotations['storageclass.kubernetes.io/is-default-class'], 'true');
  } finally {
    await c.stop();
  }
});

test('DefaultStorageClass admission: a claim without a class gets the default; "" and explicit classes are kept', async () => {
  const c = await testCluster({ ...noScheduler, controllers: false });
  try {
    const pvcs = c.client.resource('', 'persistentvolumeclaims');
    assert.equal((pvcs.create('default', pvc('a', '1Gi')) as any).spec.storageClassName, 'standard');
    assert.equal((pvcs.create('default', pvc('b', '1Gi', { cls: '' })) as any).spec.storageClassName, '');
    assert.equal((pvcs.create('default', pvc('c', '1Gi', { cls: 'gold' })) as any).spec.storageClassName, 'gold');
    // The newest default class wins.
    c.clock.step(1000);
    c.client.resource('storage.k8s.io', 'storageclasses').create('', storageClass('newer', { isDefault: true }));
    assert.equal((pvcs.create('default', pvc('d', '1Gi')) as any).spec.storageClassName, 'newer');
    const d = getPVC(c, 'd');
    assert.equal(d.status.phase, 'Pending');
    assert.equal(d.spec.volumeMode, 'Filesystem');
    assert.deepEqual(d.metadata.finalizers, ['kubernetes.io/pvc-protection']);
  } finally {
    await c.stop();
  }
});

test('dynamic provisioning: the default class provisions pvc-<uid> of the requested size and binds it', async () => {
  const c = await testCluster(noScheduler);
  try {
    c.client.resource('', 'persistentvolumeclaims').create('default', pvc('data', '3Gi', { modes: ['ReadWriteOnce'] }));
    await c.settle();
    const claim = getPVC(c, 'data');
    const name = `pvc-${claim.metadata.uid}`;
    assert.equal(claim.spec.volumeName, name);
    assert.equal(claim.status.phase, 'Bound');
    assert.deepEqual(claim.status.capacity, { storage: '3Gi' });
    assert.equal(claim.metadata.annotations['volume.kubernetes.io/storage-provisioner'], 'kubemu.dev/hostpath');
    assert.equal(claim.metadata.annotations['volume.beta.kubernetes.io/storage-provisioner'], 'kubemu.dev/hostpath');
    assert.equal(claim.metadata.annotations['pv.kubernetes.io/bind-completed'], 'yes');
    const vol = getPV(c, name);
    assert.equal(vol.status.phase, 'Bound');
    assert.equal(vol.spec.storageClassName, 'standard');
    assert.equal(vol.spec.persistentVolumeReclaimPolicy, 'Delete');
    assert.deepEqual(vol.spec.capacity, { storage: '3Gi' });
    assert.equal(vol.spec.hostPath.path, `/var/lib/kubemu/pv/${name}_default_data`);
    assert.equal(vol.metadata.annotations['pv.kubernetes.io/provisioned-by'], 'kubemu.dev/hostpath');
    assert.equal(vol.spec.claimRef.uid, claim.metadata.uid);
    const ev = eventsFor(c, 'data');
    assert.ok(ev.some((e) => e.startsWith("Normal ExternalProvisioning Waiting for a volume to be created either by the external provisioner 'kubemu.dev/hostpath'")), ev.join('\n'));
    assert.ok(ev.includes('Normal Provisioning External provisioner is provisioning volume for claim "default/data"'));
    assert.ok(ev.includes(`Normal ProvisioningSucceeded Successfully provisioned volume ${name}`));
  } finally {
    await c.stop();
  }
});

test('a class that does not exist: ProvisioningFailed, the claim stays Pending', async () => {
  const c = await testCluster(noScheduler);
  try {
    c.client.resource('', 'persistentvolumeclaims').create('default', pvc('x', '1Gi', { cls: 'missing' }));
    await c.settle();
    assert.equal(getPVC(c, 'x').status.phase, 'Pending');
    assert.ok(eventsFor(c, 'x').includes('Warning ProvisioningFailed storageclass.storage.k8s.io "missing" not found'));
  } finally {
    await c.stop();
  }
});

test('reclaim: Delete removes a provisioned volume, Retain leaves it Released, protection finalizers hold deletion', async () => {
  const c = await testCluster(noScheduler);
  try {
    const pvcs = c.client.resource('', 'persistentvolumeclaims');
    const pvs = c.client.resource('', 'persistentvolumes');
    pvs.create('', pv('kept', '1Gi', { cls: '', policy: 'Retain', labels: { name: 'kept' } }));
    pvs.create('', pv('scratch', '5Gi', { cls: '', policy: 'Delete', path: '/tmp/scratch' }));
    pvs.create('', pv('nfsish', '9Gi', { cls: '', policy: 'Delete' }));
    pvcs.create('default', pvc('dyn', '1Gi'));
    pvcs.create('default', pvc('ret', '1Gi', { cls: '' }));
    await c.settle();
    const dynVolume = getPVC(c, 'dyn').spec.volumeName;
    assert.equal(getPVC(c, 'ret').spec.volumeName, 'kept');
    pvcs.delete('default', 'dyn');
    pvcs.delete('default', 'ret');
    await c.settle();
    assert.equal(listPVs(c).some((v) => v.metadata.name === dynVolume), false);
    const kept = getPV(c, 'kept');
    assert.equal(kept.status.phase, 'Released');
    assert.equal(kept.spec.claimRef.name, 'ret');
    // A Released volume is not bound again.
    pvcs.create('default', pvc('again', '1Gi', { cls: '', selector: { matchLabels: { name: 'kept' } } }));
    pvcs.create('default', pvc('s', '4Gi', { cls: '' }));
    pvcs.create('default', pvc('n', '8Gi', { cls: '' }));
    await c.settle();
    assert.equal(getPVC(c, 'again').status.phase, 'Pending');
    assert.equal(getPVC(c, 's').spec.volumeName, 'scratch');
    assert.equal(getPVC(c, 'n').spec.volumeName, 'nfsish');
    // The in-tree hostPath deleter only deletes under /tmp; elsewhere the volume fails.
    pvcs.delete('default', 's');
    pvcs.delete('default', 'n');
    await c.settle();
    assert.equal(listPVs(c).some((v) => v.metadata.name === 'scratch'), false);
    assert.equal(getPV(c, 'nfsish').status.phase, 'Failed');
    assert.ok(eventsFor(c, 'nfsish').includes('Warning VolumeFailedDelete host_path deleter only supports /tmp/.+ but received provided /data/nfsish'));
    // pv-protection: a Bound volume being deleted waits; once Released it goes.
    pvcs.create('default', pvc('hold', '1Gi', { cls: '', modes: ['ReadWriteOnce'] }));
    pvs.create('', pv('holder', '1Gi', { cls: '', policy: 'Retain' }));
    await c.settle();
    assert.equal(getPVC(c, 'hold').spec.volumeName, 'holder');
    pvs.delete('', 'holder');
    await c.settle();
    assert.ok(getPV(c, 'holder').metadata.deletionTimestamp);
    assert.equal(getPV(c, 'holder').status.phase, 'Bound');
    pvcs.delete('default', 'hold');
    await c.settle();
    assert.equal(listPVs(c).some((v) => v.metadata.name === 'holder'), false);
  } finally {
    await c.stop();
  }
});

test('reclaim: Recycle scrubs a hostPath volume and makes it Available again', async () => {
  const c = await testCluster(noScheduler);
  try {
    const pvcs = c.client.resource('', 'persistentvolumeclaims');
    const pvs = c.client.resource('', 'persistentvolumes');
    pvs.create('', pv('recycled', '1Gi', { cls: '', policy: 'Recycle' }));
    pvcs.create('default', pvc('r', '1Gi', { cls: '' }));
    await c.settle();
    assert.equal(getPVC(c, 'r').spec.volumeName, 'recycled');
    pvcs.delete('default', 'r');
    await c.settle();
    const v = getPV(c, 'recycled');
    assert.equal(v.status.phase, 'Available');
    assert.equal(v.spec.claimRef, undefined);
    assert.equal(v.metadata.annotations?.['pv.kubernetes.io/bound-by-controller'], undefined);
    assert.ok(eventsFor(c, 'recycled').includes('Normal VolumeRecycled Volume recycled'));
  } finally {
    await c.stop();
  }
});
