import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calculateStatus, setCondition, type ReplicaSetLike } from '../../src/controllers/replicaset/status.js';
import type { PodLike } from '../../src/controllers/replicaset/pod-util.js';
import { isPodAvailable } from '../../src/controllers/replicaset/pod-util.js';
import { slowStartBatch } from '../../src/controllers/replicaset/slow-start.js';

const now = Date.UTC(2024, 0, 1, 12, 0, 0);

// newReplicaSet / newPod as upstream's replica_set_test.go helpers.
const newReplicaSet = (replicas: number, selector: Record<string, string>): ReplicaSetLike => ({
  metadata: { name: 'foobar', namespace: 'default', uid: 'rs-uid' },
  spec: { replicas, selector: { matchLabels: selector }, template: { metadata: { labels: { name: 'foo', type: 'production' } } } },
});
const newPod = (name: string, rs: ReplicaSetLike, phase: string): PodLike => ({
  metadata: { name, namespace: 'default', labels: (rs.spec!.selector as { matchLabels: Record<string, string> }).matchLabels },
  status: { phase, conditions: phase === 'Running' ? [{ type: 'Ready', status: 'True' }] : [] },
});

// Ported from upstream replica_set_utils_test.go TestCalculateStatus.
test('calculateStatus counts', () => {
  const notFully = newReplicaSet(1, { name: 'foo' });
  const fully = newReplicaSet(2, { name: 'foo', type: 'production' });
  const longMinReady = newReplicaSet(1, { name: 'foo', type: 'production' });
  longMinReady.spec!.minReadySeconds = 3600;
  const cases: Array<[string, ReplicaSetLike, PodLike[], number[]]> = [
    ['1 fully labelled pod', fully, [newPod('pod1', fully, 'Running')], [1, 1, 1, 1]],
    ['1 not fully labelled pod', notFully, [newPod('pod1', notFully, 'Running')], [1, 0, 1, 1]],
    ['2 fully labelled pods', fully, [newPod('pod1', fully, 'Running'), newPod('pod2', fully, 'Running')], [2, 2, 2, 2]],
    ['2 not fully labelled pods', notFully, [newPod('pod1', notFully, 'Running'), newPod('pod2', notFully, 'Running')], [2, 0, 2, 2]],
    ['1 fully labelled pod, 1 not fully labelled pod', notFully, [newPod('pod1', notFully, 'Running'), newPod('pod2', fully, 'Running')], [2, 1, 2, 2]],
    ['1 non-ready pod', fully, [newPod('pod1', fully, 'Pending')], [1, 1, 0, 0]],
    ['1 ready but non-available pod', longMinReady, [newPod('pod1', longMinReady, 'Running')], [1, 1, 1, 0]],
  ];
  for (const [name, rs, pods, [replicas, fullyLabeled, ready, available]] of cases) {
    const s = calculateStatus(rs, pods, undefined, now);
    assert.equal(s.replicas, replicas, name);
    assert.equal(s.fullyLabeledReplicas ?? 0, fullyLabeled, name);
    assert.equal(s.readyReplicas ?? 0, ready, name);
    assert.equal(s.availableReplicas ?? 0, available, name);
    assert.equal(s.conditions, undefined, name);
  }
});

// Ported from upstream TestCalculateStatusConditions.
test('calculateStatus ReplicaFailure condition', () => {
  const rs = newReplicaSet(2, { name: 'foo' });
  const failing = newReplicaSet(10, { name: 'foo' });
  failing.status = { replicas: 0, conditions: [{ type: 'ReplicaFailure', status: 'True' }] };
  const err = new Error('fake manageReplicasErr');
  const cases: Array<[string, ReplicaSetLike, number, Error | undefined, unknown]> = [
    ['err, no condition, diff < 0', rs, 1, err, [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'fake manageReplicasErr' }]],
    ['err, no condition, diff > 0', rs, 3, err, [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedDelete', message: 'fake manageReplicasErr' }]],
    ['no err, condition present', failing, 1, undefined, undefined],
    ['err, condition present', failing, 1, err, [{ type: 'ReplicaFailure', status: 'True' }]],
    ['no err, no condition', rs, 1, undefined, undefined],
  ];
  for (const [name, r, n, e, want] of cases) {
    const pods = Array.from({ length: n }, (_, i) => newPod(`pod${i + 1}`, r, 'Running'));
    const s = calculateStatus(r, pods, e, now);
    const got = s.conditions?.map(({ lastTransitionTime, ...rest }) => {
      if (rest.reason) assert.equal(lastTransitionTime, '2024-01-01T12:00:00Z', name);
      return rest;
    });
    assert.deepEqual(got, want, name);
  }
});

test('setCondition keeps a condition with the same status and reason', () => {
  const s = { conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'old', lastTransitionTime: 'a' }] };
  setCondition(s, { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'new', lastTransitionTime: 'b' });
  assert.equal(s.conditions[0]!.message, 'old');
  setCondition(s, { type: 'ReplicaFailure', status: 'True', reason: 'FailedDelete', message: 'new', lastTransitionTime: 'b' });
  assert.deepEqual(s.conditions, [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedDelete', message: 'new', lastTransitionTime: 'b' }]);
});

test('IsPodAvailable: ready for strictly more than minReadySeconds', () => {
  const p = (ltt?: string): PodLike => ({ metadata: { name: 'p' }, status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ltt }] } });
  const t = '2024-01-01T12:00:00Z';
  assert.equal(isPodAvailable(p(t), 0, now), true);
  assert.equal(isPodAvailable(p(t), 10, now + 10_000), false);
  assert.equal(isPodAvailable(p(t), 10, now + 10_001), true);
  assert.equal(isPodAvailable(p(undefined), 10, now + 60_000), false);
  assert.equal(isPodAvailable({ metadata: { name: 'p' }, status: { conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: t }] } }, 0, now), false);
});

test('slowStartBatch: batches of 1, 2, 4, ... stopping after a failing batch', () => {
  const cases: Array<{ count: number; failAt?: number; calls: number; successes: number }> = [
    { count: 0, calls: 0, successes: 0 },
    { count: 1, calls: 1, successes: 1 },
    { count: 10, calls: 10, successes: 10 },
    // fails on the 1st call: only the first batch (1) runs
    { count: 10, failAt: 1, calls: 1, successes: 0 },
    // fails from the 2nd call: batches 1 and 2 run, both calls of the second fail
    { count: 10, failAt: 2, calls: 3, successes: 1 },
    // fails from the 5th call: batches 1, 2, 4 (calls 1..7) run, 3 fail
    { count: 100, failAt: 5, calls: 7, successes: 4 },
  ];
  for (const c of cases) {
    let calls = 0;
    const r = slowStartBatch(c.count, 1, () => {
      calls++;
      if (c.failAt !== undefined && calls >= c.failAt) throw new Error(`fail ${calls}`);
    });
    assert.equal(calls, c.calls, JSON.stringify(c));
    assert.equal(r.successes, c.successes, JSON.stringify(c));
    assert.equal(r.error?.message, c.failAt === undefined ? undefined : `fail ${c.failAt}`);
  }
});
