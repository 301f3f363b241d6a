/**
 * Rollout steps against a recording context, ported from upstream rolling_test.go, sync_test.go
 * (TestScale, cleanupDeployment), recreate_test.go and progress_test.go.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanupUnhealthyReplicas, reconcileNewReplicaSet, reconcileOldReplicaSets, scaleDownOldReplicaSetsForRollingUpdate } from '../../src/controllers/deployment/rolling.js';
import { cleanupDeployment, scale } from '../../src/controllers/deployment/scale.js';
import { oldPodsRunning } from '../../src/controllers/deployment/recreate.js';
import { requeueStuckDeployment } from '../../src/controllers/deployment/progress.js';
import { setReplicasAnnotations } from '../../src/controllers/deployment/annotations.js';
import { maxSurge, MaxInt32 } from '../../src/controllers/deployment/util.js';
import type { DeploymentT } from '../../src/api/apps/deployment.js';
import type { ReplicaSetT } from '../../src/api/apps/replicaset.js';
import type { KObject } from '../../src/api/meta.js';
import { FakeContext, newDeployment, newRSWithStatus, newTimestamp, oldTimestamp, olderTimestamp, rs } from './deployment-fixtures.js';

test('reconcileNewReplicaSet', () => {
  const cases: Array<[number, number, number, number, boolean, number?]> = [
    // deploymentReplicas, maxSurge, oldReplicas, newReplicas, scaleExpected, expectedNewReplicas
    [10, 0, 10, 0, false],
    [10, 2, 10, 0, true, 2],
    [10, 2, 5, 0, true, 7],
    [10, 2, 10, 2, false],
    [10, 2, 2, 11, true, 10], // scale down
  ];
  for (const [i, [dr, surge, oldR, newR, expect, expected]] of cases.entries()) {
    const newRS = rs('foo-v2', newR);
    const oldRS = rs('foo-v1', oldR);
    const d = newDeployment('foo', dr, undefined, surge, 0);
    const fake = new FakeContext();
    const scaled = reconcileNewReplicaSet(fake, [newRS, oldRS], newRS, d);
    assert.equal(scaled, expect, `case ${i}`);
    if (!expect) {
      assert.equal(fake.actions.length, 0, `case ${i}`);
      continue;
    }
    assert.equal(fake.actions.length, 1, `case ${i}`);
    assert.equal(fake.updates()[0].spec!.replicas, expected, `case ${i}`);
  }
});

test('reconcileOldReplicaSets', () => {
  const cases: Array<[number, number, number, number, number, number, boolean, number?]> = [
    // deploymentReplicas, maxUnavailable, oldReplicas, newReplicas, readyPodsFromOldRS, readyPodsFromNewRS, scaleExpected, expectedOldReplicas
    [10, 0, 10, 0, 10, 0, true, 9],
    [10, 2, 10, 0, 10, 0, true, 8],
    [10, 2, 10, 0, 8, 0, true, 8], // unhealthy replicas of the old RS cleaned up
    [10, 2, 10, 0, 9, 0, true, 8], // 1 unhealthy cleaned up, 1 ready scaled down
    [10, 2, 8, 2, 8, 0, false], // unavailable new pods do not let us scale old ones further
  ];
  for (const [i, [dr, mu, oldR, newR, readyOld, readyNew, expect, expectedOld]] of cases.entries()) {
    const newRS = rs('foo-new', newR, { foo: 'new' });
    newRS.status!.availableReplicas = readyNew;
    const oldRS = rs('foo-old', oldR, { foo: 'old' });
    oldRS.status!.availableReplicas = readyOld;
    const d = newDeployment('foo', dr, undefined, 0, mu, { foo: 'new' });
    const fake = new FakeContext();
    const scaled = reconcileOldReplicaSets(fake, [oldRS, newRS], [oldRS], newRS, d);
    assert.equal(scaled, expect, `case ${i}`);
    if (expect) {
      const last = fake.updates().filter((u) => u.metadata.name === 'foo-old').at(-1)!;
      assert.equal(last.spec!.replicas, expectedOld, `case ${i}`);
    }
  }
});

test('cleanupUnhealthyReplicas', () => {
  const cases: Array<[number, number, number, number]> = [
    // oldReplicas, readyPods, maxCleanupCount, cleanupCountExpected
    [10, 8, 1, 1],
    [10, 8, 3, 2],
    [10, 8, 0, 0],
    [10, 10, 3, 0],
  ];
  for (const [i, [oldR, ready, max, want]] of cases.entries()) {
    const oldRS = rs('foo-v2', oldR);
    oldRS.status!.availableReplicas = ready;
    const fake = new FakeContext();
    const [, count] = cleanupUnhealthyReplicas(fake, [oldRS], newDeployment('foo', 10, undefined, 2, 2), max);
    assert.equal(count, want, `case ${i}`);
  }
});

test('scaleDownOldReplicaSetsForRollingUpdate', () => {
  const cases: Array<[number, number, number, number, boolean, number?]> = [
    // deploymentReplicas, maxUnavailable, readyPods, oldReplicas, scaleExpected, expectedOldReplicas
    [10, 0, 10, 10, true, 9],
    [10, 2, 10, 10, true, 8],
    [10, 2, 8, 10, false],
    [10, 2, 10, 0, false],
    [10, 2, 1, 10, false],
  ];
  for (const [i, [dr, mu, ready, oldR, expect, expected]] of cases.entries()) {
    const oldRS = rs('foo-v2', oldR);
    oldRS.status!.availableReplicas = ready;
    const d = newDeployment('foo', dr, undefined, 0, mu, { foo: 'bar' });
    const fake = new FakeContext();
    const scaled = scaleDownOldReplicaSetsForRollingUpdate(fake, [oldRS], [oldRS], d);
    if (!expect) {
      assert.equal(scaled, 0, `case ${i}`);
      continue;
    }
    assert.ok(scaled > 0, `case ${i}`);
    assert.equal(fake.updates().length, 1, `case ${i}`);
    assert.equal(fake.updates()[0].spec!.replicas, expected, `case ${i}`);
  }
});

test('scale: proportional scaling (upstream TestScale)', () => {
  const updatedTemplate = (replicas: number) => {
    const d = newDeployment('foo', replicas, undefined, 0, 0, { foo: 'bar' });
    d.spec!.template.metadata!.labels!.another = 'label';
    return d;
  };
  const broken = rs('foo-v2', 2, null, newTimestamp);
  broken.status!.availableReplicas = 0;
  interface Case {
    name: string;
    d: DeploymentT;
    old: DeploymentT;
    newRS?: ReplicaSetT;
    oldRSs: ReplicaSetT[];
    expectedNew?: number;
    expectedOld: number[];
    failing?: string[];
    desired?: Record<string, number>;
  }
  const D = (n: number, surge = 0, mu = 0) => newDeployment('foo', n, undefined, surge, mu);
  const cases: Case[] = [
    { name: 'normal scaling event: 10 -> 12', d: D(12), old: D(10), newRS: rs('foo-v1', 10, null, newTimestamp), oldRSs: [], expectedNew: 12, expectedOld: [] },
    { name: 'normal scaling event: 10 -> 5', d: D(5), old: D(10), newRS: rs('foo-v1', 10, null, newTimestamp), oldRSs: [], expectedNew: 5, expectedOld: [] },
    { name: 'proportional scaling: 5 -> 10', d: D(10), old: D(5), newRS: rs('foo-v2', 2, null, newTimestamp), oldRSs: [rs('foo-v1', 3, null, oldTimestamp)], expectedNew: 4, expectedOld: [6] },
    { name: 'proportional scaling: 5 -> 3', d: D(3), old: D(5), newRS: rs('foo-v2', 2, null, newTimestamp), oldRSs: [rs('foo-v1', 3, null, oldTimestamp)], expectedNew: 1, expectedOld: [2] },
    { name: 'proportional scaling: 9 -> 4', d: D(4), old: D(9), newRS: rs('foo-v2', 8, null, newTimestamp), oldRSs: [rs('foo-v1', 1, null, oldTimestamp)], expectedNew: 4, expectedOld: [0] },
    {
      name: 'proportional scaling: 7 -> 10', d: D(10), old: D(7), newRS: rs('foo-v3', 2, null, newTimestamp),
      oldRSs: [rs('foo-v2', 3, null, oldTimestamp), rs('foo-v1', 2, null, olderTimestamp)], expectedNew: 3, expectedOld: [4, 3],
    },
    {
      name: 'proportional scaling: 13 -> 8', d: D(8), old: D(13), newRS: rs('foo-v3', 2, null, newTimestamp),
      oldRSs: [rs('foo-v2', 8, null, oldTimestamp), rs('foo-v1', 3, null, olderTimestamp)], expectedNew: 1, expectedOld: [5, 2],
    },
    {
      name: 'leftover distribution: 3 -> 4', d: D(4), old: D(3), newRS: rs('foo-v3', 1, null, newTimestamp),
      oldRSs: [rs('foo-v2', 1, null, oldTimestamp), rs('foo-v1', 1, null, olderTimestamp)], expectedNew: 2, expectedOld: [1, 1],
    },
    {
      name: 'leftover distribution: 3 -> 2', d: D(2), old: D(3), newRS: rs('foo-v3', 1, null, newTimestamp),
      oldRSs: [rs('foo-v2', 1, null, oldTimestamp), rs('foo-v1', 1, null, olderTimestamp)], expectedNew: 1, expectedOld: [1, 0],
    },
    { name: 'proportional scaling (no new rs): 4 -> 5', d: D(5), old: D(4), oldRSs: [rs('foo-v2', 2, null, oldTimestamp), rs('foo-v1', 2, null, olderTimestamp)], expectedOld: [3, 2] },
    {
      name: 'proportional scaling: 6 -> 0', d: D(0), old: D(6), newRS: rs('foo-v3', 3, null, newTimestamp),
      oldRSs: [rs('foo-v2', 2, null, oldTimestamp), rs('foo-v1', 1, null, olderTimestamp)], expectedNew: 0, expectedOld: [0, 0],
    },
    {
      name: 'proportional scaling: 0 -> 6', d: D(6), old: D(6), newRS: rs('foo-v3', 0, null, newTimestamp),
      oldRSs: [rs('foo-v2', 0, null, oldTimestamp), rs('foo-v1', 0, null, olderTimestamp)], expectedNew: 6, expectedOld: [0, 0],
    },
    {
      name: 'failed rs update', d: D(5), old: D(5), newRS: rs('foo-v3', 2, null, newTimestamp),
      oldRSs: [rs('foo-v2', 1, null, oldTimestamp), rs('foo-v1', 1, null, olderTimestamp)], expectedNew: 2, expectedOld: [2, 1], desired: { 'foo-v2': 3 },
    },
    { name: 'deployment with surge pods', d: D(20, 2), old: D(10, 2), newRS: rs('foo-v2', 6, null, newTimestamp), oldRSs: [rs('foo-v1', 6, null, oldTimestamp)], expectedNew: 11, expectedOld: [11] },
    { name: 'change both surge and size', d: D(50, 6), old: D(10, 3), newRS: rs('foo-v2', 5, null, newTimestamp), oldRSs: [rs('foo-v1', 8, null, oldTimestamp)], expectedNew: 22, expectedOld: [34] },
    { name: 'change both size and template', d: updatedTemplate(14), old: D(10), oldRSs: [rs('foo-v2', 7, null, newTimestamp), rs('foo-v1', 3, null, oldTimestamp)], expectedOld: [10, 4] },
    { name: 'saturated but broken new replica set does not affect old pods', d: D(2, 1, 1), old: D(2, 1, 1), newRS: broken, oldRSs: [rs('foo-v1', 1, null, oldTimestamp)], expectedNew: 2, expectedOld: [1] },
    // The upstream e2e numbers: 10 replicas, maxSurge 3, maxUnavailable 2, stuck at 8 old + 5 new, scaled to 15.
    { name: 'mid-rollout 10 -> 15 with maxSurge 3', d: D(15, 3, 2), old: D(10, 3, 2), newRS: rs('foo-v2', 5, null, newTimestamp), oldRSs: [rs('foo-v1', 8, null, oldTimestamp)], expectedNew: 7, expectedOld: [11] },
  ];
  for (const c of cases) {
    const annotate = (r: ReplicaSetT) => {
      const desired = c.desired?.[r.metadata.name!] ?? c.old.spec!.replicas!;
      setReplicasAnnotations(r, desired, desired + maxSurge(c.old));
    };
    if (c.newRS) annotate(c.newRS);
    c.oldRSs.forEach(annotate);
    const fake = new FakeContext();
    const sizes = new Map<string, number>();
    for (const r of [c.newRS, ...c.oldRSs]) if (r) sizes.set(r.metadata.name!, r.spec!.replicas!);
    const oldNames = c.oldRSs.map((r) => r.metadata.name!);
    scale(fake, c.d, c.newRS, c.oldRSs);
    for (const u of fake.updates()) sizes.set(u.metadata.name!, u.spec!.replicas!);
    if (c.newRS && c.expectedNew !== undefined) assert.equal(sizes.get(c.newRS.metadata.name!), c.expectedNew, `${c.name}: new`);
    assert.deepEqual(oldNames.map((n) => sizes.get(n)), c.expectedOld, `${c.name}: old`);
  }
});

test('scale events: "Scaled up replica set X from M to N"', () => {
  const fake = new FakeContext();
  const r = rs('foo-v1', 10);
  scale(fake, newDeployment('foo', 12), r, []);
  assert.deepEqual(fake.events, ['Normal ScalingReplicaSet Scaled up replica set foo-v1 from 10 to 12']);
  const annotations = fake.updates()[0].metadata.annotations!;
  assert.equal(annotations['deployment.kubernetes.io/desired-replicas'], '12');
  assert.equal(annotations['deployment.kubernetes.io/max-replicas'], '12');
  const f2 = new FakeContext();
  scale(f2, newDeployment('foo', 4), rs('foo-v1', 10), []);
  assert.deepEqual(f2.events, ['Normal ScalingReplicaSet Scaled down replica set foo-v1 from 10 to 4']);
});

test('cleanupDeployment keeps revisionHistoryLimit old ReplicaSets', () => {
  const sel = { foo: 'bar' };
  const alreadyDeleted = newRSWithStatus('foo-1', 0, 0, sel);
  alreadyDeleted.metadata.deletionTimestamp = '2016-05-20T00:00:00Z';
  const cases: Array<[ReplicaSetT[], number, number]> = [
    [[newRSWithStatus('foo-1', 0, 0, sel), newRSWithStatus('foo-2', 0, 0, sel), newRSWithStatus('foo-3', 0, 0, sel)], 1, 2],
    // Only the one with spec.replicas = status.replicas = 0 goes.
    [[newRSWithStatus('foo-1', 0, 0, sel), newRSWithStatus('foo-2', 0, 1, sel), newRSWithStatus('foo-3', 1, 0, sel), newRSWithStatus('foo-4', 1, 1, sel)], 0, 1],
    [[newRSWithStatus('foo-1', 0, 0, sel), newRSWithStatus('foo-2', 0, 0, sel)], 0, 2],
    [[newRSWithStatus('foo-1', 1, 1, sel), newRSWithStatus('foo-2', 1, 1, sel)], 0, 0],
    [[alreadyDeleted], 0, 0],
    [[newRSWithStatus('foo-1', 0, 0, sel), newRSWithStatus('foo-2', 0, 0, sel), newRSWithStatus('foo-3', 0, 0, sel)], MaxInt32, 0],
  ];
  for (const [i, [olds, limit, want]] of cases.entries()) {
    const fake = new FakeContext();
    cleanupDeployment(fake, olds, newDeployment('foo', 1, limit, 0, 0, sel));
    assert.equal(fake.actions.filter((a) => a.verb === 'delete').length, want, `case ${i}`);
  }
  // Oldest revisions go first; an RS whose generation is not observed yet is kept.
  const byRev = ['3', '1', '2'].map((v, i) => {
    const r = newRSWithStatus(`r${v}`, 0, 0, sel);
    r.metadata.annotations = { 'deployment.kubernetes.io/revision': v };
    r.metadata.generation = i === 1 ? 2 : 1;
    r.status!.observedGeneration = 1;
    return r;
  });
  const fake = new FakeContext();
  cleanupDeployment(fake, byRev, newDeployment('foo', 1, 1, 0, 0, sel));
  assert.deepEqual(fake.actions.map((a) => a.name), ['r2']);
});

test('oldPodsRunning (upstream recreate_test)', () => {
  const pod = (phase?: string) => ({ metadata: { name: 'p' }, status: phase ? { phase } : {} }) as KObject;
  const newRS = rs('new', 1);
  const oldRS = rs('old', 0);
  oldRS.status!.replicas = 0;
  const cases: Array<[string, ReplicaSetT[], Map<string, KObject[]>, boolean]> = [
    ['no old RSs', [], new Map(), false],
    ['old RSs with running pods', [oldRS, { ...rs('old2', 1) }], new Map([['uid-old', [pod('Running')]]]), true],
    ['old RSs without pods but with non-zero status replicas', [{ ...oldRS, status: { replicas: 1 } }], new Map(), true],
    ['old RSs without pods or non-zero status replicas', [oldRS], new Map([['uid-old', []]]), false],
    ['old RSs with zero status replicas but pods in terminal state are present', [oldRS], new Map([['uid-old', [pod('Failed'), pod('Succeeded')]]]), false],
    ['old RSs with zero status replicas but pod in unknown phase present', [oldRS], new Map([['uid-old', [pod('Unknown')]]]), true],
    ['old RSs with zero status replicas with pending pod present', [oldRS], new Map([['uid-old', [pod('Pending')]]]), true],
    ['old RSs with zero status replicas with running pod present', [oldRS], new Map([['uid-old', [pod('Running')]]]), true],
    ['pods of the new RS do not count', [oldRS], new Map([['uid-new', [pod('Running')]]]), false],
  ];
  for (const [name, olds, podMap, want] of cases) assert.equal(oldPodsRunning(newRS, olds, podMap), want, name);
});

test('requeueStuckDeployment (upstream progress_test)', () => {
  const now = Date.parse('2016-05-20T03:00:00Z');
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const dep = (pds: number | undefined, cond?: { reason: string; status?: string; at: number }) => {
    const d = newDeployment('foo', 3, undefined, 1, 0);
    if (pds === undefined) delete d.spec!.progressDeadlineSeconds;
    else d.spec!.progressDeadlineSeconds = pds;
    d.status = cond ? { conditions: [{ type: 'Progressing', status: cond.status ?? 'True', reason: cond.reason, lastUpdateTime: iso(cond.at), lastTransitionTime: iso(cond.at) }] } : {};
    return d;
  };
  const incomplete = { replicas: 3, updatedReplicas: 2, availableReplicas: 2 };
  const complete = { replicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1 };
  const cases: Array<[string, DeploymentT, object, number]> = [
    ['nil progressDeadlineSeconds specified', dep(undefined, { reason: 'ReplicaSetUpdated', at: now }), incomplete, -1],
    ['infinite progressDeadlineSeconds specified', dep(MaxInt32, { reason: 'ReplicaSetUpdated', at: now }), incomplete, -1],
    ['no progressing condition found', dep(10), incomplete, -1],
    ['complete deployment does not need to be requeued', dep(10, { reason: 'ReplicaSetUpdated', at: now }), complete, -1],
    ['already failed deployment does not need to be requeued', dep(10, { reason: 'ProgressDeadlineExceeded', status: 'False', at: now }), incomplete, -1],
    ['stuck deployment - 30s', dep(60, { reason: 'ReplicaSetUpdated', at: now - 30_000 }), incomplete, 30_000],
    ['stuck deployment - 1s', dep(60, { reason: 'ReplicaSetUpdated', at: now - 59_000 }), incomplete, 1_000],
    ['failed deployment - less than a second => now', dep(60, { reason: 'ReplicaSetUpdated', at: now - 60_000 }), incomplete, 0],
    ['failed deployment - now', dep(60, { reason: 'ReplicaSetUpdated', at: now - 60_000 }), incomplete, 0],
    ['failed deployment - 1s after deadline', dep(60, { reason: 'ReplicaSetUpdated', at: now - 61_000 }), incomplete, 0],
  ];
  for (const [name, d, st, want] of cases) {
    const fake = new FakeContext(now);
    assert.equal(requeueStuckDeployment(fake, d, st), want, name);
    if (want > 0) assert.deepEqual(fake.requeues, [want + 1000], `${name}: requeued a second after the deadline`);
    if (want === 0) assert.deepEqual(fake.requeues, [0], name);
    if (want < 0) assert.deepEqual(fake.requeues, [], name);
  }
});
