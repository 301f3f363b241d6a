/** PersistentVolume, PersistentVolumeClaim and StorageClass defaults and validation (cases after upstream validation_test.go). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorString } from '../../src/api/field-errors.js';
import { type PersistentVolumeT, defaultPersistentVolume } from '../../src/api/core/persistent-volume.js';
import { type PersistentVolumeClaimT, defaultPersistentVolumeClaim } from '../../src/api/core/persistent-volume-claim.js';
import {
  validatePersistentVolume, validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate, validatePersistentVolumeUpdate,
} from '../../src/api/core/persistent-volume-validation.js';
import { type StorageClassT, defaultStorageClass, getDefaultClass, validateStorageClass, validateStorageClassUpdate } from '../../src/api/storage/storage-class.js';

const strs = (errs: Parameters<typeof fieldErrorString>[0][]) => errs.map(fieldErrorString);

const goodPV = (spec: Record<string, unknown> = {}): PersistentVolumeT => ({
  metadata: { name: 'foo' },
  spec: { capacity: { storage: '10G' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/foo', type: '' }, persistentVolumeReclaimPolicy: 'Retain', ...spec },
});

test('PersistentVolume defaults', () => {
  const pv: PersistentVolumeT = { spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/x' }, iscsi: undefined } };
  defaultPersistentVolume(pv);
  assert.equal(pv.status?.phase, 'Pending');
  assert.equal(pv.spec?.persistentVolumeReclaimPolicy, 'Retain');
  assert.equal(pv.spec?.volumeMode, 'Filesystem');
  assert.equal(pv.spec?.hostPath?.type, '');
  const pvc: PersistentVolumeClaimT = { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } };
  defaultPersistentVolumeClaim(pvc);
  assert.equal(pvc.spec?.volumeMode, 'Filesystem');
  assert.equal(pvc.status?.phase, 'Pending');
  assert.equal(pvc.spec?.resources?.requests?.storage, '1Gi');
  const sc = { metadata: { name: 'x' }, provisioner: 'p' } as StorageClassT;
  defaultStorageClass(sc);
  assert.equal(sc.reclaimPolicy, 'Delete');
  assert.equal(sc.volumeBindingMode, 'Immediate');
});

test('ValidatePersistentVolume', () => {
  const cases: Array<[string, PersistentVolumeT, string[]]> = [
    ['good-volume', goodPV(), []],
    ['good-volume-with-storage-class', goodPV({ storageClassName: 'valid' }), []],
    ['invalid-accessmode', goodPV({ accessModes: ['fakemode'] }), ['spec.accessModes: Unsupported value: "fakemode": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"']],
    ['missing-accessmodes', goodPV({ accessModes: [] }), ['spec.accessModes: Required value']],
    ['rwop-with-others', goodPV({ accessModes: ['ReadWriteOncePod', 'ReadWriteMany'] }), ['spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes']],
    ['invalid-reclaimpolicy', goodPV({ persistentVolumeReclaimPolicy: 'fakeReclaimPolicy' }), ['spec.persistentVolumeReclaimPolicy: Unsupported value: "fakeReclaimPolicy": supported values: "Delete", "Recycle", "Retain"']],
    ['missing-volume-source', goodPV({ hostPath: undefined }), ['spec: Required value: must specify a volume type']],
    ['too-many-sources', goodPV({ gcePersistentDisk: { pdName: 'foo', fsType: 'ext4' } }), ['spec.gcePersistentDisk: Forbidden: may not specify more than 1 volume type']],
    ['host mount of / with recycle reclaim policy', goodPV({ hostPath: { path: '/' }, persistentVolumeReclaimPolicy: 'Recycle' }), ["spec.persistentVolumeReclaimPolicy: Forbidden: may not be 'recycle' for a hostPath mount of '/'"]],
    ['host mount of / with recycle reclaim policy 2', goodPV({ hostPath: { path: '/a/..' }, persistentVolumeReclaimPolicy: 'Recycle' }), [
      "spec.hostPath.path: Invalid value: \"/a/..\": must not contain '..'",
      "spec.persistentVolumeReclaimPolicy: Forbidden: may not be 'recycle' for a hostPath mount of '/'",
    ]],
    ['invalid-storage-class-name', goodPV({ storageClassName: '-invalid-' }), [
      'spec.storageClassName: Invalid value: "-invalid-": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
    ]],
    ['bad-volume-mode', goodPV({ volumeMode: 'fakeVolumeMode' }), ['spec.volumeMode: Unsupported value: "fakeVolumeMode": supported values: "Block", "Filesystem"']],
    ['missing capacity', goodPV({ capacity: {} }), ['spec.capacity: Required value', 'spec.capacity: Unsupported value: {}: supported values: "storage"']],
    ['unexpected capacity', goodPV({ capacity: { storage: '10G', memory: '1G' } }), ['spec.capacity: Unsupported value: {"storage":"10G","memory":"1G"}: supported values: "storage"']],
    ['zero capacity', goodPV({ capacity: { storage: '0' } }), ['spec.capacity[storage]: Invalid value: "0": must be greater than zero']],
    ['local volume without node affinity', goodPV({ hostPath: undefined, local: { path: '/foo' } }), ['spec.nodeAffinity: Required value: Local volume requires node affinity']],
    ['node affinity without required', goodPV({ nodeAffinity: {} }), ['spec.nodeAffinity.required: Required value: must specify required node constraints']],
  ];
  for (const [name, pv, want] of cases) assert.deepEqual(strs(validatePersistentVolume(pv)), want, name);
});

test('ValidatePersistentVolumeUpdate: the source and volumeMode are immutable, claimRef may change', () => {
  const old = goodPV();
  assert.deepEqual(strs(validatePersistentVolumeUpdate(goodPV({ claimRef: { namespace: 'ns', name: 'c' } }), old)), []);
  const moved = strs(validatePersistentVolumeUpdate(goodPV({ hostPath: { path: '/bar', type: '' } }), old));
  assert.equal(moved.length, 1);
  assert.match(moved[0]!, /^spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation\n/);
  assert.deepEqual(strs(validatePersistentVolumeUpdate(goodPV({ volumeMode: 'Block' }), goodPV({ volumeMode: 'Filesystem' }))), ['volumeMode: Invalid value: "Block": field is immutable']);
});

const goodPVC = (spec: Record<string, unknown> = {}, status?: Record<string, unknown>): PersistentVolumeClaimT => ({
  metadata: { name: 'foo', namespace: 'ns' },
  spec: { accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], resources: { requests: { storage: '10G' } }, volumeMode: 'Filesystem', ...spec },
  ...(status ? { status } : {}),
});

test('ValidatePersistentVolumeClaim', () => {
  const cases: Array<[string, PersistentVolumeClaimT, string[]]> = [
    ['good-claim', goodPVC({ selector: { matchExpressions: [{ key: 'key2', operator: 'Exists' }] } }), []],
    ['missing-accessmodes', goodPVC({ accessModes: [] }), ['spec.accessModes: Required value: at least 1 access mode is required']],
    ['invalid-accessmode', goodPVC({ accessModes: ['fakemode'] }), ['spec.accessModes: Unsupported value: "fakemode": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"']],
    ['rwop-with-others', goodPVC({ accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'] }), ['spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes']],
    ['no-resource-requests', goodPVC({ resources: {} }), ['spec.resources[storage]: Required value']],
    ['negative-storage-request', goodPVC({ resources: { requests: { storage: '-10G' } } }), ['spec.resources[storage]: Invalid value: "-10G": must be greater than zero']],
    ['zero-storage-request', goodPVC({ resources: { requests: { storage: '0G' } } }), ['spec.resources[storage]: Invalid value: "0G": must be greater than zero']],
    ['invalid-volume-mode', goodPVC({ volumeMode: 'fakeVolumeMode' }), ['spec.volumeMode: Unsupported value: "fakeVolumeMode": supported values: "Block", "Filesystem"']],
    ['invalid-label-selector', goodPVC({ selector: { matchExpressions: [{ key: 'key2', operator: 'InvalidOp', values: ['value1'] }] } }), [
      'spec.selector.matchExpressions[0].operator: Invalid value: "InvalidOp": not a valid selector operator',
    ]],
    ['data source of a core kind other than a claim', goodPVC({ dataSource: { kind: 'Pod', name: 'p' } }), [
      'spec.dataSource: Invalid value: "Pod": must be \'PersistentVolumeClaim\' when referencing the default apiGroup',
    ]],
  ];
  for (const [name, pvc, want] of cases) assert.deepEqual(strs(validatePersistentVolumeClaim(pvc)), want, name);
});

test('ValidatePersistentVolumeClaimUpdate: immutable spec, volumeName once, storage may grow while Bound', () => {
  const bound = { phase: 'Bound' };
  const old = goodPVC({}, bound);
  assert.deepEqual(strs(validatePersistentVolumeClaimUpdate(goodPVC({ volumeName: 'pv1' }, bound), old)), []);
  assert.deepEqual(strs(validatePersistentVolumeClaimUpdate(goodPVC({ resources: { requests: { storage: '15G' } } }, bound), old)), []);
  const shrink = strs(validatePersistentVolumeClaimUpdate(goodPVC({ resources: { requests: { storage: '5G' } } }, bound), old));
  assert.deepEqual(shrink, ['spec.resources.requests.storage: Forbidden: field can not be less than previous value']);
  const pendingGrow = strs(validatePersistentVolumeClaimUpdate(goodPVC({ resources: { requests: { storage: '15G' } } }, { phase: 'Pending' }), goodPVC({}, { phase: 'Pending' })));
  assert.equal(pendingGrow.length, 1);
  assert.match(pendingGrow[0]!, /^spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n/);
  const modes = strs(validatePersistentVolumeClaimUpdate(goodPVC({ accessModes: ['ReadWriteOnce'] }, bound), old));
  assert.match(modes[0]!, /^spec: Forbidden: spec is immutable/);
  // volumeName may be set once, not changed.
  const renamed = strs(validatePersistentVolumeClaimUpdate(goodPVC({ volumeName: 'pv2' }, bound), goodPVC({ volumeName: 'pv1' }, bound)));
  assert.match(renamed[0]!, /^spec: Forbidden: spec is immutable/);
  // A class may be set on a claim that had none (the default class added later).
  assert.deepEqual(strs(validatePersistentVolumeClaimUpdate(goodPVC({ storageClassName: 'standard' }), goodPVC())), []);
  assert.match(strs(validatePersistentVolumeClaimUpdate(goodPVC({ storageClassName: 'gold' }), goodPVC({ storageClassName: 'standard' })))[0]!, /^spec: Forbidden/);
  assert.deepEqual(strs(validatePersistentVolumeClaimUpdate(goodPVC({ volumeMode: 'Block' }), goodPVC()))[1], 'volumeMode: Invalid value: "Block": field is immutable');
});

const sc = (extra: Partial<StorageClassT> = {}): StorageClassT => ({ metadata: { name: 'foo' }, provisioner: 'kubernetes.io/foo-provisioner', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate', ...extra });

test('ValidateStorageClass and its update', () => {
  const cases: Array<[string, StorageClassT, string[]]> = [
    ['good', sc({ parameters: { foo: 'bar' } }), []],
    ['retain', sc({ reclaimPolicy: 'Retain' }), []],
    ['missing provisioner', sc({ provisioner: '' }), ['provisioner: Required value']],
    ['invalid provisioner', sc({ provisioner: 'kubernetes.io/invalid/provisioner' }), [
      'provisioner: Invalid value: "kubernetes.io/invalid/provisioner": a qualified name must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\') with an optional DNS subdomain prefix and \'/\' (e.g. \'example.com/MyName\')',
    ]],
    ['invalid reclaimpolicy', sc({ reclaimPolicy: 'Recycle' }), ['reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"']],
    ['empty parameter key', sc({ parameters: { '': 'value' } }), ['parameters: Invalid value: "": field can not be empty.']],
    ['missing binding mode', sc({ volumeBindingMode: undefined }), ['volumeBindingMode: Required value']],
    ['invalid binding mode', sc({ volumeBindingMode: 'latest' }), ['volumeBindingMode: Unsupported value: "latest": supported values: "Immediate", "WaitForFirstConsumer"']],
    ['duplicate topologies', sc({ allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone', values: ['a'] }] }, { matchLabelExpressions: [{ key: 'zone', values: ['a'] }] }] }), [
      'allowedTopologies[1].matchLabelExpressions: Duplicate value: ""',
    ]],
  ];
  for (const [name, s, want] of cases) assert.deepEqual(strs(validateStorageClass(s)), want, name);
  assert.deepEqual(strs(validateStorageClassUpdate(sc({ parameters: { a: 'b' } }), sc())), ['parameters: Forbidden: updates to parameters are forbidden.']);
  assert.deepEqual(strs(validateStorageClassUpdate(sc({ provisioner: 'other' }), sc())), ['provisioner: Forbidden: updates to provisioner are forbidden.']);
  assert.deepEqual(strs(validateStorageClassUpdate(sc({ volumeBindingMode: 'WaitForFirstConsumer' }), sc())), ['volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable']);
  assert.deepEqual(strs(validateStorageClassUpdate(sc({ allowVolumeExpansion: true, mountOptions: ['ro'] }), sc())), []);
});

test('GetDefaultClass: newest default class, then by name', () => {
  const mk = (name: string, ts: string, def = true) => ({ metadata: { name, creationTimestamp: ts, annotations: def ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : {} } });
  assert.equal(getDefaultClass([mk('a', '2024-01-01T00:00:00Z'), mk('b', '2024-01-02T00:00:00Z'), mk('c', '2024-01-03T00:00:00Z', false)])?.metadata.name, 'b');
  assert.equal(getDefaultClass([mk('z', '2024-01-01T00:00:00Z'), mk('y', '2024-01-01T00:00:00Z')])?.metadata.name, 'y');
  assert.equal(getDefaultClass([mk('c', '2024-01-03T00:00:00Z', false)]), undefined);
  const beta = { metadata: { name: 'beta', creationTimestamp: '2024-01-01T00:00:00Z', annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' } } };
  assert.equal(getDefaultClass([beta])?.metadata.name, 'beta');
});
