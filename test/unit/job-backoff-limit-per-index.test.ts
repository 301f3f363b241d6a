import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OrderedIntervals } from '../../src/api/batch/indexes.js';
import type { JobT } from '../../src/api/batch/job.js';
import {
  addIndexFailureCountAnnotation,
  calculateFailedIndexes,
  getIndexFailureCount,
  getNewIndexFailureCounts,
  getPodCreationInfoForIndependentIndexes,
  getPodsWithDelayedDeletionPerIndex,
  getRemainingTimePerIndex,
  isIndexFailed,
} from '../../src/controllers/job/backoff-limit-per-index.js';
import { calculateSucceededIndexes, firstPendingIndexes } from '../../src/controllers/job/indexed.js';
import type { JobPod } from '../../src/controllers/job/types.js';
import { filterActivePods } from '../../src/controllers/replicaset/pod-util.js';
import { parseTime, rfc3339 } from '../../src/util/clock.js';

// A port of upstream's buildPod() test builder (job_controller_test.go).
class PodBuilder {
  pod: JobPod = { metadata: { annotations: {} }, status: {} } as JobPod;
  uid(u: string) {
    this.pod.metadata.uid = u;
    return this;
  }
  index(ix: string) {
    this.pod.metadata.annotations!['batch.kubernetes.io/job-completion-index'] = ix;
    return this;
  }
  indexFailureCount(c: string) {
    this.pod.metadata.annotations!['batch.kubernetes.io/job-index-failure-count'] = c;
    return this;
  }
  indexIgnoredFailureCount(c: string) {
    this.pod.metadata.annotations!['batch.kubernetes.io/job-index-ignored-failure-count'] = c;
    return this;
  }
  phase(p: string) {
    this.pod.status = { ...this.pod.status, phase: p };
    return this;
  }
  status(s: Record<string, unknown>) {
    this.pod.status = s as JobPod['status'];
    return this;
  }
  trackingFinalizer() {
    this.pod.metadata.finalizers = ['batch.kubernetes.io/job-tracking'];
    return this;
  }
  customDeletionTimestamp(ms: number) {
    this.pod.metadata.deletionTimestamp = rfc3339(ms);
    return this;
  }
}
const buildPod = () => new PodBuilder();
const jobOf = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) => ({ metadata: { name: 'j', namespace: 'ns' }, spec, status }) as unknown as JobT;
const failIndexOnExit3 = { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [3] } }] };
const exit3 = { phase: 'Failed', containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 3 } } }] };
const disruption = { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] };

// upstream TestIsIndexFailed
test('isIndexFailed', () => {
  const cases: Array<[string, JobT, JobPod, boolean]> = [
    ['failed pod exceeding backoffLimitPerIndex=0', jobOf({ completions: 2, backoffLimitPerIndex: 0 }), buildPod().indexFailureCount('0').phase('Failed').index('0').trackingFinalizer().pod, true],
    ['failed pod exceeding backoffLimitPerIndex=1', jobOf({ completions: 2, backoffLimitPerIndex: 1 }), buildPod().indexFailureCount('1').phase('Failed').index('1').trackingFinalizer().pod, true],
    ['failed pod below backoffLimitPerIndex=1', jobOf({ completions: 2, backoffLimitPerIndex: 1 }), buildPod().indexFailureCount('0').phase('Failed').index('1').trackingFinalizer().pod, false],
    [
      'matching FailIndex pod failure policy',
      jobOf({ completions: 2, backoffLimitPerIndex: 1, podFailurePolicy: failIndexOnExit3 }),
      buildPod().indexFailureCount('0').status(exit3).index('0').trackingFinalizer().pod,
      true,
    ],
    [
      'ignored failure does not fail the index',
      jobOf({ completions: 2, backoffLimitPerIndex: 0, podFailurePolicy: disruption }),
      buildPod().indexFailureCount('0').status({ phase: 'Failed', conditions: [{ type: 'DisruptionTarget', status: 'True' }] }).index('0').trackingFinalizer().pod,
      false,
    ],
    ['running pod', jobOf({ completions: 2, backoffLimitPerIndex: 0 }), buildPod().indexFailureCount('3').phase('Running').index('0').pod, false],
  ];
  for (const [name, job, pod, want] of cases) assert.equal(isIndexFailed(job, pod), want, name);
});

// upstream TestCalculateFailedIndexes
test('calculateFailedIndexes', () => {
  const cases: Array<[string, JobT, JobPod[], string]> = [
    [
      'one new index failed',
      jobOf({ completions: 2, backoffLimitPerIndex: 1 }),
      [buildPod().indexFailureCount('0').phase('Failed').index('0').trackingFinalizer().pod, buildPod().indexFailureCount('1').phase('Failed').index('1').trackingFinalizer().pod],
      '1',
    ],
    ['pod without finalizer is ignored', jobOf({ completions: 2, backoffLimitPerIndex: 0 }), [buildPod().indexFailureCount('0').phase('Failed').index('0').pod], ''],
    ['pod outside completions is ignored', jobOf({ completions: 2, backoffLimitPerIndex: 0 }), [buildPod().indexFailureCount('0').phase('Failed').index('3').pod], ''],
    ['extend the failed indexes', jobOf({ completions: 2, backoffLimitPerIndex: 0 }, { failedIndexes: '0' }), [buildPod().indexFailureCount('0').phase('Failed').index('1').trackingFinalizer().pod], '0,1'],
    ['prev failed indexes empty', jobOf({ completions: 2, backoffLimitPerIndex: 0 }, { failedIndexes: '' }), [buildPod().indexFailureCount('0').phase('Failed').index('1').trackingFinalizer().pod], '1'],
    ['prev failed indexes outside the completions', jobOf({ completions: 2, backoffLimitPerIndex: 0 }, { failedIndexes: '9' }), [buildPod().indexFailureCount('0').phase('Failed').index('1').trackingFinalizer().pod], '1'],
  ];
  for (const [name, job, pods, want] of cases) assert.equal(calculateFailedIndexes(job, pods).toString(), want, name);
});

// upstream TestGetPodsWithDelayedDeletionPerIndex
test('getPodsWithDelayedDeletionPerIndex', () => {
  const now = parseTime('2024-01-01T00:00:00Z')!;
  const cases: Array<[string, JobT, JobPod[], string[], string[]?]> = [
    [
      'failed pods corresponding to non-failed indexes are kept',
      jobOf({ completions: 3, backoffLimitPerIndex: 1 }),
      [
        buildPod().uid('a').indexFailureCount('0').phase('Failed').index('0').trackingFinalizer().pod,
        buildPod().uid('b').indexFailureCount('1').phase('Failed').index('1').trackingFinalizer().pod,
        buildPod().uid('c').indexFailureCount('0').phase('Failed').index('2').trackingFinalizer().pod,
      ],
      ['a', 'c'],
    ],
    ['failed pod without finalizer', jobOf({ completions: 2, backoffLimitPerIndex: 0 }), [buildPod().uid('a').indexFailureCount('0').phase('Failed').index('0').pod], []],
    [
      'failed pod with expected finalizer removal',
      jobOf({ completions: 2, backoffLimitPerIndex: 0 }),
      [buildPod().uid('a').indexFailureCount('0').phase('Failed').index('0').trackingFinalizer().pod],
      [],
      ['a'],
    ],
    ['failed pod with index outside of completions', jobOf({ completions: 2, backoffLimitPerIndex: 0 }), [buildPod().uid('a').indexFailureCount('0').phase('Failed').index('4').trackingFinalizer().pod], []],
    [
      'failed pod for active index',
      jobOf({ completions: 2, backoffLimitPerIndex: 1 }),
      [buildPod().uid('a1').indexFailureCount('0').phase('Failed').index('0').trackingFinalizer().pod, buildPod().uid('a2').indexFailureCount('1').phase('Running').index('0').trackingFinalizer().pod],
      [],
    ],
    [
      'failed pod for succeeded index',
      jobOf({ completions: 2, backoffLimitPerIndex: 1 }),
      [buildPod().uid('a1').indexFailureCount('0').phase('Failed').index('0').trackingFinalizer().pod, buildPod().uid('a2').indexFailureCount('1').phase('Succeeded').index('0').trackingFinalizer().pod],
      [],
    ],
    [
      'multiple failed pods with different failure counts: the highest is kept',
      jobOf({ completions: 2, backoffLimitPerIndex: 4 }),
      [
        buildPod().uid('a1').indexFailureCount('0').phase('Failed').index('0').trackingFinalizer().pod,
        buildPod().uid('a3').indexFailureCount('2').phase('Failed').index('0').trackingFinalizer().pod,
        buildPod().uid('a2').indexFailureCount('1').phase('Failed').index('0').trackingFinalizer().pod,
      ],
      ['a3'],
    ],
    [
      'multiple failed pods with different finish times: the last is kept',
      jobOf({ completions: 2, backoffLimitPerIndex: 4 }),
      [
        buildPod().uid('a1').indexFailureCount('1').phase('Failed').index('0').customDeletionTimestamp(now - 1000).trackingFinalizer().pod,
        buildPod().uid('a3').indexFailureCount('1').phase('Failed').index('0').customDeletionTimestamp(now).trackingFinalizer().pod,
        buildPod().uid('a2').indexFailureCount('1').phase('Failed').index('0').customDeletionTimestamp(now - 2000).trackingFinalizer().pod,
      ],
      ['a3'],
    ],
  ];
  for (const [name, job, pods, want, rm] of cases) {
    const [, succeededIndexes] = calculateSucceededIndexes(job, pods);
    const got = getPodsWithDelayedDeletionPerIndex({
      job,
      pods,
      activePods: filterActivePods(pods),
      succeededIndexes,
      failedIndexes: calculateFailedIndexes(job, pods),
      expectedRmFinalizers: new Set(rm ?? []),
    });
    assert.deepEqual([...got.values()].map((p) => p.metadata.uid).sort(), want, name);
  }
});

// upstream TestGetNewIndexFailureCountValue
test('getNewIndexFailureCounts and the annotations of a replacement pod', () => {
  const cases: Array<[string, JobT, JobPod | undefined, [number, number]]> = [
    ['first pod created', jobOf({}), undefined, [0, 0]],
    ['failed pod being replaced with 0 index failure count', jobOf({}), buildPod().uid('a').indexFailureCount('0').phase('Failed').index('0').trackingFinalizer().pod, [1, 0]],
    ['failed pod being replaced with >0 index failure count', jobOf({}), buildPod().uid('a').indexFailureCount('3').phase('Failed').index('0').trackingFinalizer().pod, [4, 0]],
    [
      'failed pod being replaced, matching the ignore rule',
      jobOf({ podFailurePolicy: disruption }),
      buildPod().uid('a').indexFailureCount('3').status({ phase: 'Failed', conditions: [{ type: 'DisruptionTarget', status: 'True' }] }).index('3').trackingFinalizer().pod,
      [3, 1],
    ],
  ];
  for (const [name, job, pod, want] of cases) assert.deepEqual(getNewIndexFailureCounts(job, pod), want, name);
  const t: { metadata?: { annotations?: Record<string, string> } } = { metadata: { annotations: { keep: 'x' } } };
  addIndexFailureCountAnnotation(t, jobOf({}), undefined);
  assert.deepEqual(t.metadata!.annotations, { keep: 'x', 'batch.kubernetes.io/job-index-failure-count': '0' });
  const t2: { metadata?: { annotations?: Record<string, string> } } = {};
  addIndexFailureCountAnnotation(t2, jobOf({ podFailurePolicy: disruption }), cases[3]![2]);
  assert.deepEqual(t2.metadata!.annotations, { 'batch.kubernetes.io/job-index-failure-count': '3', 'batch.kubernetes.io/job-index-ignored-failure-count': '1' });
});

// upstream TestGetIndexFailureCount
test('getIndexFailureCount', () => {
  const cases: Array<[string, JobPod, number]> = [
    ['no annotation', { metadata: {} } as JobPod, 0],
    ['valid value', buildPod().indexFailureCount('2').pod, 2],
    ['valid maxint32 value', buildPod().indexFailureCount('2147483647').pod, 2147483647],
    ['too large value', buildPod().indexFailureCount('2147483648').pod, 0],
    ['negative value', buildPod().indexFailureCount('-1').pod, 0],
    ['invalid int value', buildPod().indexFailureCount('xyz').pod, 0],
  ];
  for (const [name, pod, want] of cases) assert.equal(getIndexFailureCount(pod), want, name);
});

// upstream TestGetRemainingBackoffTimePerIndex
test('getRemainingTimePerIndex', () => {
  const t = parseTime('2009-11-10T23:00:00Z')!;
  assert.equal(getRemainingTimePerIndex(t, undefined, 5000, 700_000), 0, 'no failures');
  const twoPrev = buildPod().phase('Failed').indexFailureCount('2').customDeletionTimestamp(t).pod;
  assert.equal(getRemainingTimePerIndex(t, twoPrev, 5000, 700_000), 20_000, 'two prev failures');
  const countedAndIgnored = buildPod().phase('Failed').indexFailureCount('1').indexIgnoredFailureCount('1').customDeletionTimestamp(t).pod;
  assert.equal(getRemainingTimePerIndex(t, countedAndIgnored, 5000, 700_000), 20_000, 'one counted, one ignored');
  assert.equal(getRemainingTimePerIndex(t + 15_000, countedAndIgnored, 5000, 700_000), 5_000, 'time passed');
});

test('getPodCreationInfoForIndependentIndexes: ready indexes, else the shortest wait', () => {
  const t = parseTime('2024-01-01T00:00:00Z')!;
  const failedAt = (count: string) => buildPod().phase('Failed').indexFailureCount(count).customDeletionTimestamp(t).pod;
  const delayed = new Map<number, JobPod>([
    [1, failedAt('0')], // 10s
    [2, failedAt('1')], // 20s
  ]);
  assert.deepEqual(getPodCreationInfoForIndependentIndexes(t, [0, 1, 2], delayed), { indexes: [0], remaining: 0 });
  assert.deepEqual(getPodCreationInfoForIndependentIndexes(t, [1, 2], delayed), { indexes: [], remaining: 10_000 });
  assert.deepEqual(getPodCreationInfoForIndependentIndexes(t + 12_000, [1, 2], delayed), { indexes: [1], remaining: 0 });
  assert.deepEqual(getPodCreationInfoForIndependentIndexes(t, [], delayed), { indexes: [], remaining: 0 });
});

// upstream TestFirstPendingIndexes "with failed indexes"
test('firstPendingIndexes skips failed indexes', () => {
  const pod = (ix: number) => ({ metadata: { annotations: { 'batch.kubernetes.io/job-completion-index': String(ix) } }, status: { phase: 'Pending' } }) as JobPod;
  const succeeded = OrderedIntervals.parse('1,5,9', 20);
  const failed = new OrderedIntervals([
    { first: 2, last: 2 },
    { first: 6, last: 7 },
  ]);
  assert.deepEqual(firstPendingIndexes([pod(3), pod(9)], succeeded, 5, 20, undefined, failed), [0, 4, 8, 10, 11]);
});
