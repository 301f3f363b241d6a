import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OrderedIntervals, parseIndexesStrict } from '../../src/api/batch/indexes.js';
import { getRemainingTime } from '../../src/controllers/job/backoff.js';
import { firstPendingIndexes, podGenerateNameWithIndex } from '../../src/controllers/job/indexed.js';
import { matchPodFailurePolicy } from '../../src/controllers/job/pod-failure-policy.js';

// Cases from upstream indexed_job_utils_test.go (TestParseIndexesFromString, TestIntervalsHaveIndex, String).
test('parse indexes (lenient)', () => {
  const cases: Array<[string, number, Array<[number, number]>]> = [
    ['', 5, []],
    ['0,2-4,7,9-10,13', 20, [[0, 0], [2, 4], [7, 7], [9, 10], [13, 13]]],
    ['1-3,5-7,9-11', 10, [[1, 3], [5, 7], [9, 9]]],
    ['0,1-3,4-5', 10, [[0, 5]]],
    ['0-3,4,5', 10, [[0, 5]]],
    ['1,a,3', 5, [[1, 1], [3, 3]]],
    ['2-4,12', 10, [[2, 4]]],
  ];
  for (const [s, completions, want] of cases)
    assert.deepEqual(OrderedIntervals.parse(s, completions).intervals.map((i) => [i.first, i.last]), want, s);
});

test('intervals: format, merge, has, total', () => {
  const oi = OrderedIntervals.parse('0,2-4,7', 10);
  assert.equal(oi.toString(), '0,2-4,7');
  assert.equal(new OrderedIntervals([{ first: 0, last: 1 }, { first: 3, last: 3 }]).toString(), '0,1,3');
  assert.equal(oi.total(), 5);
  assert.equal(oi.withOrderedIndexes([1, 5, 6, 8]).toString(), '0-8');
  assert.deepEqual([0, 1, 2, 4, 5, 7, 8].map((i) => oi.has(i)), [true, false, true, true, false, true, false]);
});

test('parse indexes (strict, validation messages)', () => {
  assert.deepEqual(parseIndexesStrict('0,2-4', 5), { total: 4 });
  assert.equal(parseIndexesStrict('1-2-3', 5).error, `the fragment "1-2-3" violates the requirement that an index interval can have at most two parts separated by '-'`);
  assert.equal(parseIndexesStrict('a', 5).error, 'cannot convert string to integer for index: "a"');
  assert.equal(parseIndexesStrict('7', 5).error, 'too large index: "7"');
  assert.equal(parseIndexesStrict('3,1', 5).error, 'non-increasing order, previous: 3, current: 1');
});

test('first pending indexes', () => {
  const pod = (ix: number) => ({ metadata: { name: `p${ix}`, annotations: { 'batch.kubernetes.io/job-completion-index': String(ix) } } });
  assert.deepEqual(firstPendingIndexes([], new OrderedIntervals(), 2, 5), [0, 1]);
  assert.deepEqual(firstPendingIndexes([pod(0), pod(3)], OrderedIntervals.parse('1', 5), 3, 5), [2, 4]);
  assert.deepEqual(firstPendingIndexes([pod(2)], OrderedIntervals.parse('0-1', 10), 3, 10), [3, 4, 5]);
  assert.deepEqual(firstPendingIndexes([], OrderedIntervals.parse('0-4', 5), 3, 5), []);
});

test('generateName with index', () => {
  assert.equal(podGenerateNameWithIndex('job', 3), 'job-3-');
  const long = 'a'.repeat(60);
  const g = podGenerateNameWithIndex(long, 12);
  assert.equal(g, 'a'.repeat(54) + '-12-');
  assert.equal(g.length, 58);
});

// backoff_utils_test.go TestGetRemainingBackoffTime-style cases: 10s doubling, capped.
test('pod failure backoff', () => {
  const t0 = 1_000_000;
  assert.equal(getRemainingTime(t0, 0, undefined), 0);
  assert.equal(getRemainingTime(t0, 1, t0), 10_000);
  assert.equal(getRemainingTime(t0 + 5_000, 1, t0), 5_000);
  assert.equal(getRemainingTime(t0 + 15_000, 1, t0), 0);
  assert.equal(getRemainingTime(t0, 2, t0), 20_000);
  assert.equal(getRemainingTime(t0, 3, t0), 40_000);
  assert.equal(getRemainingTime(t0, 20, t0), 600_000);
  assert.equal(getRemainingTime(t0, 7, t0), 600_000);
  assert.equal(getRemainingTime(t0, 6, t0), 320_000);
});

test('pod failure policy matching', () => {
  const pod = (exitCode: number, conds: Array<{ type: string; status: string }> = []) => ({
    metadata: { name: 'p', namespace: 'ns' },
    status: { phase: 'Failed', conditions: conds, containerStatuses: [{ name: 'main', state: { terminated: { exitCode } } }] },
  });
  const policy = {
    rules: [
      { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
      { action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } },
      { action: 'Count', onExitCodes: { containerName: 'main', operator: 'NotIn', values: [1, 2] } },
    ],
  };
  assert.deepEqual(matchPodFailurePolicy(undefined, pod(1)), { countFailed: true });
  assert.deepEqual(matchPodFailurePolicy(policy, pod(42)), {
    failJobMessage: 'Container main for pod ns/p failed with exit code 42 matching FailJob rule at index 1',
    countFailed: true,
    action: 'FailJob',
  });
  assert.deepEqual(matchPodFailurePolicy(policy, pod(1, [{ type: 'DisruptionTarget', status: 'True' }])), { countFailed: false, action: 'Ignore' });
  assert.deepEqual(matchPodFailurePolicy(policy, pod(3)), { countFailed: true, action: 'Count' });
  assert.deepEqual(matchPodFailurePolicy(policy, pod(1)), { countFailed: true });
  assert.deepEqual(matchPodFailurePolicy({ rules: [{ action: 'FailJob', onPodConditions: [{ type: 'ConfigIssue', status: 'True' }] }] }, pod(1, [{ type: 'ConfigIssue', status: 'True' }])), {
    failJobMessage: 'Pod ns/p has condition ConfigIssue matching FailJob rule at index 0',
    countFailed: true,
    action: 'FailJob',
  });
});
