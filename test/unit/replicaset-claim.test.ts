import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deleteOwnerRefPatch, ownerRefControllerPatch, PodControllerRefManager, recheckDeletionTimestamp } from '../../src/controllers/replicaset/claim.js';
import type { PodControl } from '../../src/controllers/replicaset/pod-control.js';
import { getPodFromTemplate, getPodsPrefix, newControllerRef, validateControllerRef } from '../../src/controllers/replicaset/pod-control.js';
import type { PodLike } from '../../src/controllers/replicaset/pod-util.js';
import { selectorFromSet } from '../../src/api/selectors/labels.js';
import type { KObject } from '../../src/api/meta.js';

class FakePodControl implements PodControl {
  patches: unknown[] = [];
  createPods(): void {
    throw new Error('not used');
  }
  deletePod(): void {
    throw new Error('not used');
  }
  patchPod(_ns: string, _name: string, patch: unknown): void {
    this.patches.push(patch);
  }
}

const production = { type: 'production' };
const testing = { type: 'testing' };
const kind = { apiVersion: 'apps/v1', kind: 'Fake' };
const controller = (uid: string, extra: Partial<KObject['metadata']> = {}): KObject => ({ metadata: { name: 'c', namespace: 'default', uid, ...extra } });
const newPod = (name: string, labels: Record<string, string>, owner?: KObject, extra: Partial<KObject['metadata']> = {}): PodLike => ({
  metadata: {
    name,
    namespace: 'default',
    uid: `uid-${name}`,
    labels,
    ...(owner ? { ownerReferences: [newControllerRef(owner, kind.apiVersion, kind.kind)] } : {}),
    ...extra,
  },
});

// Ported from upstream pkg/controller/controller_ref_manager_test.go TestClaimPods.
test('ClaimPods', () => {
  const deleting = { deletionTimestamp: '2024-01-01T00:00:00Z' };
  const c123 = controller('123');
  const c123Deleting = controller('123', deleting);
  const other = controller('AAAAA');
  const cases: Array<{ name: string; ctrl: KObject; pods: PodLike[]; claimed: string[]; patches: number; finalizers?: string[] }> = [
    { name: 'Claim pods with correct label', ctrl: c123, pods: [newPod('pod1', production), newPod('pod2', testing)], claimed: ['pod1'], patches: 1 },
    { name: 'Controller marked for deletion can not claim pods', ctrl: c123Deleting, pods: [newPod('pod1', production), newPod('pod2', production)], claimed: [], patches: 0 },
    {
      name: 'Controller marked for deletion can not claim new pods',
      ctrl: c123Deleting,
      pods: [newPod('pod1', production, c123Deleting), newPod('pod2', production)],
      claimed: ['pod1'],
      patches: 0,
    },
    {
      name: 'Controller can not claim pods owned by another controller',
      ctrl: c123,
      pods: [newPod('pod1', production, c123), newPod('pod2', production, other)],
      claimed: ['pod1'],
      patches: 0,
    },
    {
      name: "Controller releases claimed pods when selector doesn't match",
      ctrl: c123,
      pods: [newPod('pod1', production, c123), newPod('pod2', testing, c123)],
      claimed: ['pod1'],
      patches: 1,
    },
    {
      name: 'Controller does not claim orphaned pods marked for deletion',
      ctrl: c123,
      pods: [newPod('pod1', production, c123, deleting), newPod('pod2', production, undefined, deleting)],
      claimed: ['pod1'],
      patches: 0,
    },
    {
      name: 'Controller claims or release pods according to selector with finalizers',
      ctrl: c123,
      finalizers: ['foo-finalizer', 'bar-finalizer'],
      pods: [newPod('pod1', production, c123), newPod('pod2', testing, c123), newPod('pod3', production)],
      claimed: ['pod1', 'pod3'],
      patches: 2,
    },
    {
      name: 'Controller does not claim pods of different namespace',
      ctrl: c123,
      pods: [newPod('pod1', production), newPod('pod2', production, undefined, { namespace: 'fakens' })],
      claimed: ['pod1'],
      patches: 1,
    },
    {
      name: 'Cluster scoped controller claims pods of specified namespace',
      ctrl: controller('123', { namespace: '' }),
      pods: [newPod('pod1', production), newPod('pod2', production, undefined, { namespace: 'fakens' })],
      claimed: ['pod1', 'pod2'],
      patches: 2,
    },
  ];
  for (const c of cases) {
    const pc = new FakePodControl();
    const m = new PodControllerRefManager(pc, c.ctrl, selectorFromSet(production), kind, () => {}, c.finalizers);
    const { claimed, error } = m.claimPods(c.pods);
    assert.equal(error, undefined, c.name);
    assert.deepEqual(claimed.map((p) => p.metadata.name), c.claimed, c.name);
    assert.equal(pc.patches.length, c.patches, c.name);
    for (const p of pc.patches) {
      const text = JSON.stringify(p);
      assert.ok(text.includes(c.ctrl.metadata.uid!), `${c.name}: patch has the controller uid`);
      for (const f of c.finalizers ?? []) assert.ok(text.includes(f), `${c.name}: patch has finalizer ${f}`);
    }
  }
});

test('adoption is refused when the controller was just deleted, once per manager', () => {
  const pc = new FakePodControl();
  let gets = 0;
  const canAdopt = recheckDeletionTimestamp(() => {
    gets++;
    return controller('123', { name: 'rs', deletionTimestamp: '2024-01-01T00:00:05Z' });
  });
  const m = new PodControllerRefManager(pc, controller('123'), selectorFromSet(production), kind, canAdopt);
  const { claimed, error } = m.claimPods([newPod('pod1', production), newPod('pod2', production)]);
  assert.deepEqual(claimed, []);
  assert.equal(gets, 1);
  assert.equal(pc.patches.length, 0);
  assert.equal(
    error?.message,
    "[can't adopt Pod default/pod1 (uid-pod1): default/rs has just been deleted at 2024-01-01 00:00:05 +0000 UTC, can't adopt Pod default/pod2 (uid-pod2): default/rs has just been deleted at 2024-01-01 00:00:05 +0000 UTC]",
  );
});

// Ported from upstream TestGeneratePatchBytesForDelete.
test('delete-owner-reference patch bytes', () => {
  const cases: Array<[string[], string, string[], string]> = [
    [['ss1'], 'ss2', [], '{"metadata":{"uid":"ss2","ownerReferences":[{"$patch":"delete","uid":"ss1"}]}}'],
    [['ss1"hello'], 'ss2', [], '{"metadata":{"uid":"ss2","ownerReferences":[{"$patch":"delete","uid":"ss1\\"hello"}]}}'],
    [['ss1'], 'ss2"hello', [], '{"metadata":{"uid":"ss2\\"hello","ownerReferences":[{"$patch":"delete","uid":"ss1"}]}}'],
    [['ss1', 'ss2'], 'ss2', [], '{"metadata":{"uid":"ss2","ownerReferences":[{"$patch":"delete","uid":"ss1"},{"$patch":"delete","uid":"ss2"}]}}'],
    [
      ['ss1', 'ss2'],
      'ss2',
      ['f1'],
      '{"metadata":{"uid":"ss2","ownerReferences":[{"$patch":"delete","uid":"ss1"},{"$patch":"delete","uid":"ss2"}],"$deleteFromPrimitiveList/finalizers":["f1"]}}',
    ],
  ];
  for (const [owners, dep, fin, want] of cases) assert.equal(JSON.stringify(deleteOwnerRefPatch(dep, owners, fin)), want);
  assert.equal(
    JSON.stringify(ownerRefControllerPatch(controller('c-uid', { name: 'web' }), { apiVersion: 'apps/v1', kind: 'ReplicaSet' }, 'pod-uid')),
    '{"metadata":{"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web","uid":"c-uid","controller":true,"blockOwnerDeletion":true}],"uid":"pod-uid"}}',
  );
});

test('pods from a template and controller references (GetPodFromTemplate, validateControllerRef)', () => {
  const rs: KObject = { metadata: { name: 'web', namespace: 'default', uid: 'u1' } };
  const ref = newControllerRef(rs, 'apps/v1', 'ReplicaSet');
  const pod = getPodFromTemplate(
    { metadata: { labels: { app: 'web' }, annotations: { a: 'b' }, finalizers: ['f'], name: 'ignored', namespace: 'ignored' } as never, spec: { containers: [{ name: 'c', image: 'i' }] } },
    rs,
    ref,
  );
  assert.deepEqual(pod.metadata, { generateName: 'web-', labels: { app: 'web' }, annotations: { a: 'b' }, finalizers: ['f'], ownerReferences: [ref] });
  assert.deepEqual(pod.spec, { containers: [{ name: 'c', image: 'i' }] });
  assert.deepEqual(getPodFromTemplate({ metadata: {}, spec: {} }, rs).metadata, { generateName: 'web-' });
  // NameIsDNSSubdomain(prefix, true) masks the trailing dash by dropping two characters and adding
  // an "a", so even a 253-character name gets its dash.
  assert.equal(getPodsPrefix('a'.repeat(253)), `${'a'.repeat(253)}-`);
  assert.equal(getPodsPrefix('Ab'), 'Ab');
  validateControllerRef(ref);
  const bad: Array<[unknown, string]> = [
    [undefined, 'controllerRef is nil'],
    [{ ...ref, apiVersion: '' }, 'controllerRef has empty APIVersion'],
    [{ ...ref, kind: '' }, 'controllerRef has empty Kind'],
    [{ ...ref, controller: false }, 'controllerRef.Controller is not set to true'],
    [{ ...ref, blockOwnerDeletion: undefined }, 'controllerRef.BlockOwnerDeletion is not set'],
  ];
  for (const [r, msg] of bad) assert.throws(() => validateControllerRef(r as never), { message: msg });
});
