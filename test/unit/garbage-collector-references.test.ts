import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject, OwnerReferenceT } from '../../src/api/meta.js';
import {
  blockingDependents,
  decide,
  deleteOwnerRefStrategicMergePatch,
  deletionStartsWithFinalizer,
  isDeletingDependents,
  objectReferenceString,
  referencesDiffs,
  removeFinalizerPatch,
  unblockOwnerReferencesStrategicMergePatch,
  unblockedOwnerUIDs,
  type Classified,
  type Decision,
} from '../../src/controllers/garbage-collector/references.js';

const ref = (uid: string, extra: Partial<OwnerReferenceT> = {}): OwnerReferenceT => ({ apiVersion: 'v1', kind: 'ConfigMap', name: `n-${uid}`, uid, ...extra });
const obj = (md: Partial<KObject['metadata']> = {}): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'ns', uid: 'item', resourceVersion: '7', ...md } });
const cls = (solid: string[], dangling: string[], waiting: string[]): Classified => ({
  solid: solid.map((u) => ref(u)),
  dangling: dangling.map((u) => ref(u)),
  waitingForDependentsDeletion: waiting.map((u) => ref(u)),
});
const deleting = (finalizers: string[]) => obj({ deletionTimestamp: '2024-01-01T00:00:00Z', finalizers });

// The switch in attemptToDeleteItem (garbagecollector.go).
const decideCases: Array<{ name: string; item: KObject; c: Classified; deps: KObject[]; want: Decision }> = [
  { name: 'solid owner only: nothing', item: obj(), c: cls(['a'], [], []), deps: [], want: { action: 'none' } },
  { name: 'solid + dangling: drop the dangling reference', item: obj(), c: cls(['a'], ['b'], []), deps: [], want: { action: 'removeReferences', uids: ['b'] } },
  {
    name: 'solid + dangling + waiting: drop dangling then waiting',
    item: obj(),
    c: cls(['a'], ['b'], ['c']),
    deps: [],
    want: { action: 'removeReferences', uids: ['b', 'c'] },
  },
  { name: 'all dangling: background', item: obj(), c: cls([], ['a', 'b'], []), deps: [], want: { action: 'delete', policy: 'Background' } },
  {
    name: 'all dangling, orphan finalizer present: orphan',
    item: obj({ finalizers: ['orphan'] }),
    c: cls([], ['a'], []),
    deps: [],
    want: { action: 'delete', policy: 'Orphan' },
  },
  {
    name: 'all dangling, foreground finalizer present: foreground',
    item: obj({ finalizers: ['foregroundDeletion'] }),
    c: cls([], ['a'], []),
    deps: [],
    want: { action: 'delete', policy: 'Foreground' },
  },
  { name: 'waiting owner, no dependents: background', item: obj(), c: cls([], [], ['a']), deps: [], want: { action: 'delete', policy: 'Background' } },
  {
    name: 'waiting owner, has dependents: foreground',
    item: obj(),
    c: cls([], ['b'], ['a']),
    deps: [obj({ name: 'd' })],
    want: { action: 'deleteForeground', unblockFirst: false },
  },
  {
    name: 'waiting owner, a dependent deleting its own dependents: unblock first (cycle)',
    item: obj(),
    c: cls([], [], ['a']),
    deps: [obj({ name: 'd' }), deleting(['foregroundDeletion'])],
    want: { action: 'deleteForeground', unblockFirst: true },
  },
];

for (const c of decideCases) {
  test(`decide: ${c.name}`, () => assert.deepEqual(decide(c.item, c.c, c.deps), c.want));
}

test('referencesDiffs by uid; unblocked owners', () => {
  const old = [ref('a', { blockOwnerDeletion: true }), ref('b', { blockOwnerDeletion: true }), ref('c'), ref('d', { blockOwnerDeletion: true })];
  const next = [ref('a', { blockOwnerDeletion: true }), ref('b', { blockOwnerDeletion: false }), ref('e'), ref('d', { blockOwnerDeletion: true, controller: true })];
  const { added, removed, changed } = referencesDiffs(old, next);
  assert.deepEqual(added.map((r) => r.uid), ['e']);
  assert.deepEqual(removed.map((r) => r.uid), ['c']);
  assert.deepEqual(changed.map((p) => p.newRef.uid), ['b', 'd']);
  // c was not blocking; b went from blocking to not; d still blocks.
  assert.deepEqual(unblockedOwnerUIDs(removed, changed), ['b']);
  assert.deepEqual(unblockedOwnerUIDs([ref('z', { blockOwnerDeletion: true })], []), ['z']);
  const same = referencesDiffs(old, structuredClone(old));
  assert.deepEqual([same.added.length, same.removed.length, same.changed.length], [0, 0, 0]);
});

test('blockingDependents: only references to this owner with blockOwnerDeletion=true', () => {
  const deps = [
    obj({ name: 'blocks', ownerReferences: [ref('o', { blockOwnerDeletion: true })] }),
    obj({ name: 'false', ownerReferences: [ref('o', { blockOwnerDeletion: false })] }),
    obj({ name: 'unset', ownerReferences: [ref('o')] }),
    obj({ name: 'other-owner', ownerReferences: [ref('p', { blockOwnerDeletion: true }), ref('o')] }),
    obj({ name: 'terminating', deletionTimestamp: '2024-01-01T00:00:00Z', ownerReferences: [ref('o', { blockOwnerDeletion: true })] }),
  ];
  assert.deepEqual(blockingDependents('o', deps).map((d) => d.metadata.name), ['blocks', 'terminating']);
});

test('deletionStartsWithFinalizer and isDeletingDependents', () => {
  const live = obj({ finalizers: ['foregroundDeletion'] });
  const del = deleting(['foregroundDeletion']);
  assert.equal(deletionStartsWithFinalizer(undefined, del, 'foregroundDeletion'), true);
  assert.equal(deletionStartsWithFinalizer(live, del, 'foregroundDeletion'), true);
  assert.equal(deletionStartsWithFinalizer(del, del, 'foregroundDeletion'), false);
  assert.equal(deletionStartsWithFinalizer(deleting([]), del, 'foregroundDeletion'), true);
  assert.equal(deletionStartsWithFinalizer(undefined, live, 'foregroundDeletion'), false);
  assert.equal(deletionStartsWithFinalizer(undefined, del, 'orphan'), false);
  assert.equal(isDeletingDependents(del), true);
  assert.equal(isDeletingDependents(live), false);
  assert.equal(isDeletingDependents(deleting(['orphan'])), false);
});

test('patches as upstream sends them', () => {
  // deleteOwnerRefStrategicMergePatch (upstream patch_test / GenerateDeleteOwnerRefStrategicMergeBytes).
  assert.equal(
    JSON.stringify(deleteOwnerRefStrategicMergePatch('dep', ['o1', 'o2'])),
    '{"metadata":{"ownerReferences":[{"$patch":"delete","uid":"o1"},{"$patch":"delete","uid":"o2"}],"uid":"dep"}}',
  );
  const item = obj({ ownerReferences: [ref('a', { blockOwnerDeletion: true }), ref('b'), ref('c', { blockOwnerDeletion: true, controller: true })] });
  assert.deepEqual(unblockOwnerReferencesStrategicMergePatch(item), {
    metadata: { ownerReferences: [ref('a', { blockOwnerDeletion: false }), ref('c', { blockOwnerDeletion: false, controller: true })], uid: 'item' },
  });
  assert.deepEqual(removeFinalizerPatch(obj({ finalizers: ['foregroundDeletion', 'example.com/x'] }), 'foregroundDeletion'), {
    metadata: { resourceVersion: '7', finalizers: ['example.com/x'] },
  });
  assert.deepEqual(removeFinalizerPatch(obj({ finalizers: ['orphan'] }), 'orphan'), { metadata: { resourceVersion: '7', finalizers: null } });
  assert.equal(removeFinalizerPatch(obj({ finalizers: ['orphan'] }), 'foregroundDeletion'), undefined);
});

test('objectReference string', () => {
  assert.equal(
    objectReferenceString({ apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: 'ns', name: 'rs', uid: 'u1' }),
    '[apps/v1/ReplicaSet, namespace: ns, name: rs, uid: u1]',
  );
});
