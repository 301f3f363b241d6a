/**
 * Real kubectl with volumes: apply a PersistentVolume and a claim, the binder binds them, `get pv,pvc`
 * shows both Bound, `describe pvc` renders the claim (and the pod using it), `get sc` marks the default
 * class, and a claim of the default class gets a provisioned volume.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import yaml from 'js-yaml';
import { skipReason, startKubectlEnv, tableRows, type KubectlEnv } from '../helpers/kubectl.js';

describe('kubectl with PersistentVolumes and claims', { skip: skipReason }, () => {
  let k: KubectlEnv;
  before(async () => {
    k = await startKubectlEnv({ cluster: { kubelets: false } });
  });
  after(async () => {
    await k?.stop();
  });

  test('apply a volume and a claim: get pv,pvc shows them Bound; describe pvc', async () => {
    const manifests = [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'task-pv-volume', labels: { type: 'local' } },
        spec: { storageClassName: 'manual', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/data' } },
      },
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'task-pv-claim' },
        spec: { storageClassName: 'manual', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '3Gi' } } },
      },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'task-pv-pod' },
        spec: {
          volumes: [{ name: 'task-pv-storage', persistentVolumeClaim: { claimName: 'task-pv-claim' } }],
          containers: [{ name: 'task-pv-container', image: 'nginx', volumeMounts: [{ mountPath: '/usr/share/nginx/html', name: 'task-pv-storage' }] }],
        },
      },
    ];
    const applied = await k.ok(['apply', '-f', '-'], { stdin: manifests.map((m) => yaml.dump(m)).join('---\n') });
    assert.equal(applied, 'persistentvolume/task-pv-volume created\npersistentvolumeclaim/task-pv-claim created\npod/task-pv-pod created\n');
    await k.cluster.settle();
    const rows = tableRows(await k.ok(['get', 'pv,pvc']));
    assert.deepEqual(rows[0], ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE']);
    // REASON is empty
    assert.deepEqual(rows[1]!.slice(0, 8), ['persistentvolume/task-pv-volume', '10Gi', 'RWO', 'Retain', 'Bound', 'default/task-pv-claim', 'manual', '<unset>']);
    const pvcHeader = rows.findIndex((r) => r[0] === 'NAME' && r[1] === 'STATUS');
    assert.deepEqual(rows[pvcHeader], ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE']);
    assert.deepEqual(rows[pvcHeader + 1]!.slice(0, 7), ['persistentvolumeclaim/task-pv-claim', 'Bound', 'task-pv-volume', '10Gi', 'RWO', 'manual', '<unset>']);

    const d = await k.ok(['describe', 'pvc', 'task-pv-claim']);
    assert.match(d, /^Name:\s+task-pv-claim$/m);
    assert.match(d, /^Namespace:\s+default$/m);
    assert.match(d, /^StorageClass:\s+manual$/m);
    assert.match(d, /^Status:\s+Bound$/m);
    assert.match(d, /^Volume:\s+task-pv-volume$/m);
    assert.match(d, /^Annotations:\s+pv.kubernetes.io\/bind-completed: yes$/m);
    assert.match(d, /^\s+pv.kubernetes.io\/bound-by-controller: yes$/m);
    assert.match(d, /^Finalizers:\s+\[kubernetes.io\/pvc-protection\]$/m);
    assert.match(d, /^Capacity:\s+10Gi$/m);
    assert.match(d, /^Access Modes:\s+RWO$/m);
    assert.match(d, /^VolumeMode:\s+Filesystem$/m);
    assert.match(d, /^Used By:\s+task-pv-pod$/m);

    const dv = await k.ok(['describe', 'pv', 'task-pv-volume']);
    assert.match(dv, /^Status:\s+Bound$/m);
    assert.match(dv, /^Claim:\s+default\/task-pv-claim$/m);
    assert.match(dv, /^Reclaim Policy:\s+Retain$/m);
    assert.match(dv, /^\s+Type:\s+HostPath \(bare host directory volume\)$/m);
    assert.match(dv, /^\s+Path:\s+\/mnt\/data$/m);
  });

  test('get sc marks the default class; a claim of it gets a provisioned volume', async () => {
    const sc = tableRows(await k.ok(['get', 'sc']));
    assert.deepEqual(sc[0], ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE']);
    assert.deepEqual(sc[1]!.slice(0, 5), ['standard (default)', 'kubemu.dev/hostpath', 'Delete', 'Immediate', 'false']);
    const dsc = await k.ok(['describe', 'sc', 'standard']);
    assert.match(dsc, /^Name:\s+standard$/m);
    assert.match(dsc, /^IsDefaultClass:\s+Yes$/m);
    assert.match(dsc, /^Provisioner:\s+kubemu.dev\/hostpath$/m);
    assert.match(dsc, /^ReclaimPolicy:\s+Delete$/m);
    assert.match(dsc, /^VolumeBindingMode:\s+Immediate$/m);
    const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'dyn' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
    await k.ok(['apply', '-f', '-'], { stdin: JSON.stringify(claim) });
    await k.cluster.settle();
    const rows = tableRows(await k.ok(['get', 'pvc', 'dyn']));
    const uid = k.cluster.client.resource('', 'persistentvolumeclaims').get('default', 'dyn').metadata.uid;
    assert.deepEqual(rows[1]!.slice(0, 6), ['dyn', 'Bound', `pvc-${uid}`, '1Gi', 'RWO', 'standard']);
    const events = await k.ok(['get', 'events', '--field-selector', 'involvedObject.name=dyn', '-o', 'custom-columns=REASON:.reason', '--no-headers']);
    assert.match(events, /ProvisioningSucceeded/);
  });
});
