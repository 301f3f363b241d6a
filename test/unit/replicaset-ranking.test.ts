import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getDeletionCostFromPodAnnotations, getPodsToDelete, lessPod, logarithmicRankDiff, PodDeletionCost, sortActivePodsWithRanks } from '../../src/controllers/replicaset/ranking.js';
import type { PodLike } from '../../src/controllers/replicaset/pod-util.js';
import { rfc3339 } from '../../src/util/clock.js';

// Cases from upstream pkg/controller/controller_utils_test.go TestSortingActivePodsWithRanks.
const now = Date.UTC(2024, 5, 15, 12, 0, 0);
const then1Month = Date.UTC(2024, 4, 15, 12, 0, 0);
const hours = (h: number) => now - h * 3600_000;
const zero = undefined;

function pod(name: string, nodeName: string, phase: string, ready: boolean, restarts: number, readySince: number | undefined, created: number | undefined, annotations?: Record<string, string>): PodLike {
  return {
    metadata: { name, annotations, ...(created !== undefined ? { creationTimestamp: rfc3339(created) } : {}) },
    spec: { nodeName },
    status: {
      phase,
      conditions: ready ? [{ type: 'Ready', status: 'True', ...(readySince !== undefined ? { lastTransitionTime: rfc3339(readySince) } : {}) }] : undefined,
      containerStatuses: ready ? [{ restartCount: restarts }] : undefined,
    },
  };
}

const unscheduledPod = pod('unscheduled', '', 'Pending', false, 0, zero, zero);
const scheduledPendingPod = pod('pending', 'node', 'Pending', false, 0, zero, zero);
const unknownPhasePod = pod('unknown-phase', 'node', 'Unknown', false, 0, zero, zero);
const runningNotReadyPod = pod('not-ready', 'node', 'Running', false, 0, zero, zero);
const runningReadyNoLastTransitionTimePod = pod('ready-no-last-transition-time', 'node', 'Running', true, 0, zero, zero);
const runningReadyNow = pod('ready-now', 'node', 'Running', true, 0, now, now);
const runningReadyThen = pod('ready-then', 'node', 'Running', true, 0, then1Month, then1Month);
const runningReadyNowHighRestarts = pod('ready-high-restarts', 'node', 'Running', true, 9001, now, now);
const runningReadyNowCreatedThen = pod('ready-now-created-then', 'node', 'Running', true, 0, now, then1Month);
const lowPodDeletionCost = pod('low-deletion-cost', 'node', 'Running', true, 0, now, then1Month, { [PodDeletionCost]: '10' });
const highPodDeletionCost = pod('high-deletion-cost', 'node', 'Running', true, 0, now, then1Month, { [PodDeletionCost]: '100' });
const unscheduled5Hours = pod('unscheduled-5-hours', '', 'Pending', false, 0, hours(5), hours(5));
const unscheduled8Hours = pod('unscheduled-10-hours', '', 'Pending', false, 0, hours(8), hours(8));
const ready2Hours = pod('ready-2-hours', '', 'Running', true, 0, hours(2), then1Month);
const ready5Hours = pod('ready-5-hours', '', 'Running', true, 0, hours(5), then1Month);
const ready10Hours = pod('ready-10-hours', '', 'Running', true, 0, hours(8), then1Month);

test('equivalent pods are not less than each other', () => {
  const cases: Array<[PodLike, PodLike?]> = [
    [unscheduledPod],
    [scheduledPendingPod],
    [unknownPhasePod],
    [runningNotReadyPod],
    [runningReadyNowCreatedThen],
    [runningReadyNow],
    [runningReadyThen],
    [runningReadyNowHighRestarts],
    [unscheduled5Hours, unscheduled8Hours],
    [ready5Hours, ready10Hours],
  ];
  for (const [p1, p2 = p1] of cases) {
    assert.equal(lessPod(p1, 1, p2, 1, now), false, `${p1.metadata.name} < ${p2.metadata.name}`);
    assert.equal(lessPod(p2, 1, p1, 1, now), false, `${p2.metadata.name} < ${p1.metadata.name}`);
  }
});

test('ordering rules: lesser pods are deleted first', () => {
  const cases: Array<[PodLike, number, PodLike, number]> = [
    [unscheduledPod, 1, scheduledPendingPod, 2],
    [unscheduledPod, 2, scheduledPendingPod, 1],
    [scheduledPendingPod, 1, unknownPhasePod, 2],
    [unknownPhasePod, 1, runningNotReadyPod, 2],
    [runningNotReadyPod, 1, runningReadyNoLastTransitionTimePod, 1],
    [runningReadyNoLastTransitionTimePod, 1, runningReadyNow, 1],
    [runningReadyNow, 2, runningReadyNoLastTransitionTimePod, 1],
    [runningReadyNow, 1, runningReadyThen, 1],
    [runningReadyNow, 2, runningReadyThen, 1],
    [runningReadyNowHighRestarts, 1, runningReadyNow, 1],
    [runningReadyNow, 2, runningReadyNowHighRestarts, 1],
    [runningReadyNow, 1, runningReadyNowCreatedThen, 1],
    [runningReadyNowCreatedThen, 2, runningReadyNow, 1],
    [lowPodDeletionCost, 2, highPodDeletionCost, 1],
    [ready2Hours, 1, ready5Hours, 1],
  ];
  for (const [lesser, lr, greater, gr] of cases) {
    const l = `${lesser.metadata.name}(${lr})`;
    const g = `${greater.metadata.name}(${gr})`;
    assert.equal(lessPod(lesser, lr, greater, gr, now), true, `${l} < ${g}`);
    assert.equal(lessPod(greater, gr, lesser, lr, now), false, `not ${g} < ${l}`);
  }
});

test('same log2 age bucket falls back to uid order', () => {
  const a = { ...unscheduled5Hours, metadata: { ...unscheduled5Hours.metadata, uid: 'aaa' } };
  const b = { ...unscheduled8Hours, metadata: { ...unscheduled8Hours.metadata, uid: 'bbb' } };
  assert.equal(lessPod(a, 0, b, 0, now), true);
  assert.equal(lessPod(b, 0, a, 0, now), false);
  // Without a reference time, plain newest-first.
  assert.equal(lessPod(b, 0, a, 0, undefined), false);
  assert.equal(lessPod(a, 0, b, 0, undefined), true);
  assert.equal(logarithmicRankDiff(hours(2), hours(5), now), -2);
  assert.equal(logarithmicRankDiff(now, now, now), 0);
});

test('pod-deletion-cost annotation parsing (GetDeletionCostFromPodAnnotations)', () => {
  const cases: Array<[string | undefined, number]> = [
    [undefined, 0],
    ['10', 10],
    ['-10', -10],
    ['0', 0],
    ['+10', 0],
    ['008', 0],
    ['', 0],
    ['abc', 0],
    ['2147483647', 2147483647],
    ['2147483648', 0],
    ['-2147483648', -2147483648],
    ['1.5', 0],
  ];
  for (const [v, want] of cases) assert.equal(getDeletionCostFromPodAnnotations(v === undefined ? {} : { [PodDeletionCost]: v }), want, String(v));
});

test('a full sort puts pods in upstream order', () => {
  const ordered = [unscheduledPod, scheduledPendingPod, unknownPhasePod, runningNotReadyPod, runningReadyNoLastTransitionTimePod, runningReadyNowHighRestarts, runningReadyThen];
  for (let seed = 0; seed < 10; seed++) {
    const shuffled = [...ordered].sort((a, b) => ((a.metadata.name!.charCodeAt(seed % 3) * (seed + 7)) % 11) - ((b.metadata.name!.charCodeAt(seed % 3) * (seed + 7)) % 11));
    const got = sortActivePodsWithRanks(shuffled, shuffled.map(() => 0), now).map((p) => p.metadata.name);
    assert.deepEqual(got, ordered.map((p) => p.metadata.name));
  }
});

// Cases from upstream pkg/controller/replicaset/replica_set_test.go TestGetPodsToDelete.
test('getPodsToDelete', () => {
  const p = (name: string, node: string, phase: string, ready?: boolean): PodLike => ({
    metadata: { name, namespace: 'default', labels: { name: 'foo' } },
    spec: { nodeName: node },
    status: { phase, conditions: ready === undefined ? undefined : [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  });
  const unscheduledPending = p('unscheduled-pending-pod', '', 'Pending');
  const scheduledPending = p('scheduled-pending-pod', 'fake-node', 'Pending');
  const scheduledRunningNotReady = p('scheduled-running-not-ready-pod', 'fake-node', 'Running', false);
  const readyOnNode1 = p('scheduled-running-ready-pod-on-node-1', 'fake-node-1', 'Running', true);
  const readyOnNode2 = p('scheduled-running-ready-pod-on-node-2', 'fake-node-2', 'Running', true);
  const cases: Array<{ name: string; pods: PodLike[]; related?: PodLike[]; diff: number; want: PodLike[] }> = [
    { name: 'len(pods) = 0', pods: [], diff: 0, want: [] },
    { name: 'diff = len(pods)', pods: [scheduledRunningNotReady, readyOnNode1], diff: 2, want: [scheduledRunningNotReady, readyOnNode1] },
    { name: 'diff < len(pods)', pods: [readyOnNode1, scheduledRunningNotReady], diff: 1, want: [scheduledRunningNotReady] },
    {
      name: 'various pod phases and conditions, diff = len(pods)',
      pods: [readyOnNode1, readyOnNode2, scheduledRunningNotReady, scheduledPending, unscheduledPending],
      diff: 5,
      want: [readyOnNode1, readyOnNode2, scheduledRunningNotReady, scheduledPending, unscheduledPending],
    },
    { name: 'scheduled vs unscheduled', pods: [scheduledPending, unscheduledPending], diff: 1, want: [unscheduledPending] },
    { name: 'ready vs not-ready', pods: [readyOnNode1, scheduledRunningNotReady, scheduledRunningNotReady], diff: 2, want: [scheduledRunningNotReady, scheduledRunningNotReady] },
    {
      name: 'ready and colocated with another ready pod vs not colocated',
      pods: [readyOnNode1, readyOnNode2],
      related: [readyOnNode1, readyOnNode2, readyOnNode2],
      diff: 1,
      want: [readyOnNode2],
    },
    { name: 'pending vs running', pods: [scheduledPending, scheduledRunningNotReady], diff: 1, want: [scheduledPending] },
    {
      name: 'various pod phases and conditions, diff < len(pods)',
      pods: [readyOnNode1, readyOnNode2, scheduledRunningNotReady, scheduledPending, unscheduledPending],
      diff: 3,
      want: [unscheduledPending, scheduledPending, scheduledRunningNotReady],
    },
  ];
  for (const c of cases) {
    const got = getPodsToDelete(c.pods, c.related ?? c.pods, c.diff, now);
    assert.deepEqual(got.map((x) => x.metadata.name), c.want.map((x) => x.metadata.name), c.name);
  }
});
