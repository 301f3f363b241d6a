/** The scheduler's VolumeBinding plugin: claim lookup errors and per-node reasons (FindPodVolumes). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ErrReasonBindConflict, ErrReasonNodeConflict, ErrReasonPVNotExist, type VolumeLister, findPodVolumes, getPodVolumeClaims,
} from '../../src/scheduler/plugins/volume-binding.js';
import type { PVCLike, PVLike } from '../../src/controllers/volume/pv-helpers.js';
import type { NodeLike, PodLike } from '../../src/scheduler/types.js';

const node = (name: string): NodeLike => ({ metadata: { name, labels: { 'kubernetes.io/hostname': name, zone: name === 'n1' ? 'a' : 'b' } } });
const affinity = (host: string) => ({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [host] }] }] } });

function lister(claims: PVCLike[], volumes: PVLike[], classes: Record<string, { provisioner?: string; volumeBindingMode?: string; allowedTopologies?: any }> = {}): VolumeLister {
  return {
    claim: (ns, n) => claims.find((c) => c.metadata.namespace === ns && c.metadata.name === n),
    volume: (n) => volumes.find((v) => v.metadata.name === n),
    volumes: () => volumes,
    storageClass: (n) => (classes[n] ? { metadata: { name: n }, ...classes[n] } : undefined),
  };
}

const claim = (name: string, extra: Partial<PVCLike> = {}): PVCLike => ({
  metadata: { name, namespace: 'ns', uid: `uid-${name}`, ...(extra.metadata ?? {}) },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...(extra.spec ?? {}) },
  ...(extra.status ? { status: extra.status } : {}),
});
const bound = (name: string, volume: string) => claim(name, { metadata: { name, annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } }, spec: { volumeName: volume } });
const pod = (...claims: string[]): PodLike =>
  ({ metadata: { name: 'p', namespace: 'ns' }, spec: { volumes: claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } })) } }) as PodLike;

test('getPodVolumeClaims: missing, lost and terminating claims; bound, delayed and immediate', () => {
  assert.equal(getPodVolumeClaims(pod(), lister([], [])), undefined);
  assert.equal(getPodVolumeClaims(pod('x'), lister([], [])), 'persistentvolumeclaim "x" not found');
  assert.equal(getPodVolumeClaims(pod('x'), lister([claim('x', { spec: { volumeName: 'gone' }, status: { phase: 'Lost' } })], [])), 'persistentvolumeclaim "x" bound to non-existent persistentvolume "gone"');
  assert.equal(getPodVolumeClaims(pod('x'), lister([claim('x', { metadata: { name: 'x', deletionTimestamp: 't' } })], [])), 'persistentvolumeclaim "x" is being deleted');
  const r = getPodVolumeClaims(
    pod('b', 'd', 'i'),
    lister([bound('b', 'pv-b'), claim('d', { spec: { storageClassName: 'wffc' } }), claim('i', { spec: { storageClassName: 'now' } })], [], {
      wffc: { volumeBindingMode: 'WaitForFirstConsumer' },
      now: { volumeBindingMode: 'Immediate' },
    }),
  );
  assert.ok(r && typeof r === 'object');
  assert.deepEqual([r.bound.map((c) => c.metadata.name), r.delayed.map((c) => c.metadata.name), r.immediate.map((c) => c.metadata.name)], [['b'], ['d'], ['i']]);
});

test('findPodVolumes: node affinity of bound volumes, missing volumes, selected node, provisioning and topology', () => {
  const pvB: PVLike = { metadata: { name: 'pv-b' }, spec: { capacity: { storage: '1Gi' }, nodeAffinity: affinity('n1') } };
  let vl = lister([bound('b', 'pv-b')], [pvB]);
  let claims = getPodVolumeClaims(pod('b'), vl) as Exclude<ReturnType<typeof getPodVolumeClaims>, string | undefined>;
  assert.deepEqual(findPodVolumes(claims, node('n1'), vl).reasons, []);
  assert.deepEqual(findPodVolumes(claims, node('n2'), vl).reasons, [ErrReasonNodeConflict]);
  vl = lister([bound('b', 'pv-gone')], []);
  claims = getPodVolumeClaims(pod('b'), vl) as typeof claims;
  assert.deepEqual(findPodVolumes(claims, node('n1'), vl).reasons, [ErrReasonPVNotExist]);

  const classes = {
    local: { provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' },
    dyn: { provisioner: 'kubemu.dev/hostpath', volumeBindingMode: 'WaitForFirstConsumer', allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone', values: ['a'] }] }] },
  };
  const local: PVLike = { metadata: { name: 'local-n2' }, spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'local', nodeAffinity: affinity('n2') }, status: { phase: 'Available' } };
  vl = lister([claim('l', { spec: { storageClassName: 'local' } })], [local], classes);
  claims = getPodVolumeClaims(pod('l'), vl) as typeof claims;
  assert.deepEqual(findPodVolumes(claims, node('n1'), vl).reasons, [ErrReasonBindConflict]);
  const ok = findPodVolumes(claims, node('n2'), vl);
  assert.deepEqual(ok.reasons, []);
  assert.equal(ok.volumes.staticBindings[0]?.pv.metadata.name, 'local-n2');

  vl = lister([claim('d', { spec: { storageClassName: 'dyn' } })], [], classes);
  claims = getPodVolumeClaims(pod('d'), vl) as typeof claims;
  assert.equal(findPodVolumes(claims, node('n1'), vl).volumes.provisions.length, 1);
  assert.deepEqual(findPodVolumes(claims, node('n2'), vl).reasons, [ErrReasonBindConflict]);

  const selected = claim('s', { metadata: { name: 's', annotations: { 'volume.kubernetes.io/selected-node': 'n1' } }, spec: { storageClassName: 'dyn' } });
  vl = lister([selected], [], classes);
  claims = getPodVolumeClaims(pod('s'), vl) as typeof claims;
  assert.deepEqual(findPodVolumes(claims, node('n2'), vl).reasons, [ErrReasonBindConflict]);
  assert.deepEqual(findPodVolumes(claims, node('n1'), vl).reasons, []);
});
