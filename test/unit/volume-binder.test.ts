/** The PV binder's pure helpers, with cases from upstream index_test.go and pv_helpers_test.go. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type PVCLike, type PVLike, accessModesAsString, accessModesFromString, checkVolumeSatisfyClaim, findBestMatchForClaim, findMatchingVolume,
  getBindVolumeToClaim, isVolumeBoundToClaim,
} from '../../src/controllers/volume/pv-helpers.js';

const vol = (name: string, size: string, modes: string[], extra: Partial<PVLike['spec']> = {}, labels?: Record<string, string>): PVLike => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name, uid: name, ...(labels ? { labels } : {}) },
  spec: { capacity: { storage: size }, accessModes: modes, ...extra },
  status: { phase: 'Available' },
});

const claim = (size: string, modes = ['ReadOnlyMany', 'ReadWriteOnce'], extra: Partial<PVCLike['spec']> = {}, annotations?: Record<string, string>): PVCLike => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'claim01', namespace: 'myns', uid: 'claim-uid', ...(annotations ? { annotations } : {}) },
  spec: { accessModes: modes, resources: { requests: { storage: size } }, ...extra },
});

const RWO_ROX = ['ReadWriteOnce', 'ReadOnlyMany'];
const RWO_ROX_RWX = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany'];

/** createTestVolumes (upstream), deliberately out of order. */
function testVolumes(): PVLike[] {
  return [
    vol('gce-pd-10', '10G', RWO_ROX),
    vol('gce-pd-20', '20G', RWO_ROX, { claimRef: { uid: 'def456' } }),
    vol('nfs-5', '5G', RWO_ROX_RWX),
    vol('gce-pd-1', '1G', RWO_ROX, { claimRef: { uid: 'abc123' } }),
    vol('nfs-10', '10G', RWO_ROX_RWX),
    vol('gce-pd-5', '5G', RWO_ROX),
    vol('nfs-1', '1G', RWO_ROX_RWX),
    vol('gce-pd-2', '20000G', ['ReadWriteOnce'], {}, { 'should-exist': 'true' }),
    vol('gce-pd-silver1', '10000G', ['ReadWriteOnce'], { storageClassName: 'silver' }, { 'should-exist': 'true' }),
    vol('gce-pd-silver2', '5000G', ['ReadWriteOnce'], { storageClassName: 'silver' }),
    vol('gce-pd-gold', '50G', ['ReadWriteOnce'], { storageClassName: 'gold' }),
  ];
}

test('TestMatchVolume', () => {
  const cases: Array<[string, string, PVCLike]> = [
    ['successful-match-gce-10', 'gce-pd-10', claim('8G')],
    ['successful-match-nfs-5', 'nfs-5', claim('5G', RWO_ROX_RWX)],
    ['successful-skip-1g-bound-volume', 'gce-pd-5', claim('1G')],
    ['successful-no-match', '', claim('999G')],
    ['successful-no-match-due-to-label', '', claim('999G', RWO_ROX, { selector: { matchLabels: { 'should-not-exist': 'true' } } })],
    ['successful-no-match-due-to-size-constraint-with-label-selector', '', claim('20000G', ['ReadOnlyMany', 'ReadWriteOnce'], { selector: { matchLabels: { 'should-exist': 'true' } } })],
    ['successful-match-due-with-constraint-and-label-selector', 'gce-pd-2', claim('20000G', ['ReadWriteOnce'], { selector: { matchLabels: { 'should-exist': 'true' } } })],
    ['successful-match-with-class', 'gce-pd-silver1', claim('1G', ['ReadWriteOnce'], { selector: { matchLabels: { 'should-exist': 'true' } } }, { 'volume.beta.kubernetes.io/storage-class': 'silver' })],
    ['successful-match-with-class-and-labels', 'gce-pd-silver2', claim('1G', ['ReadWriteOnce'], {}, { 'volume.beta.kubernetes.io/storage-class': 'silver' })],
    ['successful-match-with-storageClassName', 'gce-pd-gold', claim('1G', ['ReadWriteOnce'], { storageClassName: 'gold' })],
    ['volumeMode mismatch', '', claim('1G', ['ReadWriteOnce'], { storageClassName: 'gold', volumeMode: 'Block' })],
  ];
  for (const [name, want, c] of cases) {
    const got = findBestMatchForClaim(c, testVolumes(), false);
    assert.equal(got?.metadata.name ?? '', want, name);
  }
});

test('TestMatchingWithBoundVolumes: a bound twin is skipped', () => {
  const pv1 = vol('gce001', '1G', RWO_ROX, { claimRef: { uid: 'abc123' } });
  const pv2 = vol('gce002', '1G', RWO_ROX);
  assert.equal(findBestMatchForClaim(claim('1G'), [pv1, pv2], false)?.metadata.name, 'gce002');
});

test('TestFindingVolumeWithDifferentAccessModes: the fewest modes that cover the request win', () => {
  const gce = vol('gce', '10G', RWO_ROX);
  const ebs = vol('ebs', '10G', ['ReadWriteOnce']);
  const nfs = vol('nfs', '10G', RWO_ROX_RWX);
  const all = () => [gce, ebs, nfs];
  assert.equal(findBestMatchForClaim(claim('1G', ['ReadWriteOnce']), all(), false)?.metadata.name, 'ebs');
  assert.equal(findBestMatchForClaim(claim('1G', ['ReadWriteOnce', 'ReadOnlyMany']), all(), false)?.metadata.name, 'gce');
  assert.equal(findBestMatchForClaim(claim('1G', ['ReadWriteMany', 'ReadWriteOnce', 'ReadOnlyMany']), all(), false)?.metadata.name, 'nfs');
  assert.equal(findBestMatchForClaim(claim('1G', ['ReadWriteMany']), all(), false)?.metadata.name, 'nfs');
  ebs.spec!.claimRef = {};
  assert.equal(findBestMatchForClaim(claim('1G', ['ReadWriteOnce']), all(), false)?.metadata.name, 'gce');
  gce.spec!.claimRef = {};
  assert.equal(findBestMatchForClaim(claim('1G', ['ReadWriteOnce']), all(), false)?.metadata.name, 'nfs');
  gce.spec!.claimRef = null;
  assert.equal(findBestMatchForClaim(claim('1G', ['ReadOnlyMany']), all(), false)?.metadata.name, 'gce');
});

test('findMatchingVolume: pre-bound volumes, phases, deletion, delay binding and node affinity', () => {
  const c = claim('1G', ['ReadWriteOnce']);
  const pre = vol('pre', '5G', ['ReadWriteOnce'], { claimRef: { namespace: 'myns', name: 'claim01' } });
  pre.status = { phase: 'Pending' };
  const small = vol('small', '2G', ['ReadWriteOnce']);
  // A volume pre-bound to the claim wins over a smaller one, whatever its phase.
  assert.equal(findMatchingVolume(c, [small, pre])?.metadata.name, 'pre');
  // ... unless the pre-binding carries another claim's UID.
  pre.spec!.claimRef!.uid = 'other';
  assert.equal(findMatchingVolume(c, [small, pre])?.metadata.name, 'small');
  // Volumes not Available, or being deleted, are skipped.
  const pending = vol('pending', '1G', ['ReadWriteOnce']);
  pending.status = { phase: 'Pending' };
  const deleting = vol('deleting', '1G', ['ReadWriteOnce']);
  deleting.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
  assert.equal(findMatchingVolume(c, [pending, deleting, small])?.metadata.name, 'small');
  // The PV controller does not bind WaitForFirstConsumer claims to unbound volumes.
  assert.equal(findMatchingVolume(c, [small], { delayBinding: true }), undefined);
  // The scheduler path checks node affinity and access modes.
  assert.equal(findMatchingVolume(c, [small], { delayBinding: true, nodeMatches: () => false }), undefined);
  assert.equal(findMatchingVolume(c, [small], { delayBinding: true, nodeMatches: () => true })?.metadata.name, 'small');
  assert.equal(findMatchingVolume(claim('1G', ['ReadWriteMany']), [small], { nodeMatches: () => true }), undefined);
  assert.equal(findMatchingVolume(c, [small], { nodeMatches: () => true, excluded: new Set(['small']) }), undefined);
});

test('access mode strings', () => {
  assert.equal(accessModesAsString(['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteOncePod']), 'RWO,ROX,RWX,RWOP');
  assert.deepEqual(accessModesFromString('RWO,ROX,RWX,RWOP'), ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']);
  assert.equal(accessModesAsString([]), '');
});

test('checkVolumeSatisfyClaim messages', () => {
  const c = claim('5G', ['ReadWriteOnce'], { storageClassName: 'gold' });
  assert.equal(checkVolumeSatisfyClaim(vol('v', '1G', ['ReadWriteOnce'], { storageClassName: 'gold' }), c), 'requested PV is too small');
  assert.equal(checkVolumeSatisfyClaim(vol('v', '10G', ['ReadWriteOnce']), c), 'storageClassName does not match');
  assert.equal(checkVolumeSatisfyClaim(vol('v', '10G', ['ReadWriteOnce'], { storageClassName: 'gold', volumeMode: 'Block' }), c), 'incompatible volumeMode');
  assert.equal(checkVolumeSatisfyClaim(vol('v', '10G', ['ReadOnlyMany'], { storageClassName: 'gold' }), c), 'incompatible accessMode');
  assert.equal(checkVolumeSatisfyClaim(vol('v', '10G', ['ReadWriteOnce'], { storageClassName: 'gold' }), c), undefined);
  const d = vol('v', '10G', ['ReadWriteOnce'], { storageClassName: 'gold' });
  d.metadata.deletionTimestamp = 'x';
  assert.equal(checkVolumeSatisfyClaim(d, c), 'the volume is marked for deletion "v"');
});

test('GetBindVolumeToClaim: claimRef and bound-by-controller only when the controller binds', () => {
  const c = claim('1G');
  const r = getBindVolumeToClaim(vol('v', '1G', RWO_ROX), c);
  assert.equal(r.dirty, true);
  assert.deepEqual(r.volume.spec!.claimRef, { kind: 'PersistentVolumeClaim', namespace: 'myns', name: 'claim01', uid: 'claim-uid', apiVersion: 'v1', resourceVersion: undefined });
  assert.equal(r.volume.metadata.annotations!['pv.kubernetes.io/bound-by-controller'], 'yes');
  assert.ok(isVolumeBoundToClaim(r.volume, c));
  // Pre-bound by the user (no UID): the UID is filled in, no annotation.
  const user = getBindVolumeToClaim(vol('v', '1G', RWO_ROX, { claimRef: { namespace: 'myns', name: 'claim01' } }), c);
  assert.equal(user.dirty, true);
  assert.equal(user.volume.metadata.annotations, undefined);
  // Already bound: nothing to write.
  assert.equal(getBindVolumeToClaim(r.volume, c).dirty, false);
});
