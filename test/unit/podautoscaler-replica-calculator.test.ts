import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resourceReplicas, type CalcPod, type PodMetricsInfo } from '../../src/controllers/podautoscaler/replica-calculator.js';
import { convertDesiredReplicasWithRules, ScaleHistory } from '../../src/controllers/podautoscaler/normalize.js';

const now = Date.parse('2025-01-01T00:10:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** Pods as upstream's replica_calculator_test builds them: running, started long ago (or `start`), Ready as given. */
function pods(requests: string[], ready: string[] = [], start = now - 20 * 60_000, readyAt = start + 1000): CalcPod[] {
  return requests.map((r, i) => ({
    metadata: { name: `test-pod-${i}` },
    spec: { containers: [{ name: 'c', resources: { requests: { cpu: r } } }] },
    status: { phase: 'Running', startTime: iso(start), conditions: [{ type: 'Ready', status: ready[i] ?? 'True', lastTransitionTime: iso(readyAt) }] },
  }));
}
function metrics(levels: number[]): PodMetricsInfo {
  return new Map(levels.map((v, i) => [`test-pod-${i}`, { value: v, timestamp: now - 1000, windowMs: 30_000 }]));
}

// cases from upstream replica_calculator_test.go
const cases: Array<{ name: string; current: number; requests: string[]; levels: number[]; target: number; ready?: string[]; start?: number; expected: number; util: number; raw: number }> = [
  { name: 'ScaleUp', current: 3, requests: ['1', '1', '1'], levels: [300, 500, 700], target: 30, expected: 5, util: 50, raw: 500 },
  { name: 'ScaleDown', current: 5, requests: ['1', '1', '1', '1', '1'], levels: [100, 300, 500, 250, 250], target: 50, expected: 3, util: 28, raw: 280 },
  { name: 'Tolerance', current: 3, requests: ['0.9', '1.0', '1.1'], levels: [1010, 1030, 1020], target: 100, expected: 3, util: 102, raw: 1020 },
  // an unready pod inside the initialization period is ignored, then counted as 0 on scale-up
  { name: 'ScaleUpUnreadyLessScale', current: 3, requests: ['1', '1', '1'], levels: [300, 500, 700], target: 30, ready: ['False', 'True', 'True'], start: now - 60_000, expected: 4, util: 60, raw: 600 },
  // all metrics ignored but the ready ones... unready pods that would flip direction keep the count
  { name: 'ScaleUpUnreadyNoScale', current: 3, requests: ['1', '1', '1'], levels: [400, 500, 700], target: 30, ready: ['True', 'False', 'False'], start: now - 60_000, expected: 3, util: 40, raw: 400 },
];

for (const c of cases) {
  test(`resourceReplicas: ${c.name}`, () => {
    const r = resourceReplicas(c.current, c.target, 'cpu', '', pods(c.requests, c.ready, c.start), metrics(c.levels), now, { now });
    assert.equal(r.replicas, c.expected);
    assert.equal(r.utilization, c.util);
    assert.equal(r.rawUtilization, c.raw);
  });
}

test('resourceReplicas: missing pods count as 100% of request on scale-down (ScaleDownIncludeMissing shape)', () => {
  // upstream TestReplicaCalcMissingMetricsNoChangeEq: 2 pods, one without metrics, usage at target
  const r = resourceReplicas(2, 100, 'cpu', '', pods(['1', '1']), new Map([['test-pod-0', { value: 1000, timestamp: now, windowMs: 60_000 }]]), now, { now });
  assert.equal(r.replicas, 2);
});

test('resourceReplicas: errors as upstream', () => {
  assert.throws(() => resourceReplicas(1, 50, 'cpu', '', [], new Map(), now, { now }), /no pods returned by selector while calculating replica count/);
  const noReq: CalcPod[] = [{ metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Running', startTime: iso(now - 3600_000), conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(now - 3500_000) }] } }];
  assert.throws(() => resourceReplicas(1, 50, 'cpu', '', noReq, new Map([['p', { value: 1, timestamp: now, windowMs: 1 }]]), now, { now }), /missing request for cpu in container c of Pod p/);
});

test('convertDesiredReplicasWithRules: limits and reasons', () => {
  assert.deepEqual(convertDesiredReplicasWithRules(1, 10, 1, 10), { replicas: 4, reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' });
  assert.equal(convertDesiredReplicasWithRules(5, 20, 1, 8).reason, 'TooManyReplicas');
  assert.equal(convertDesiredReplicasWithRules(5, 0, 2, 8).reason, 'TooFewReplicas');
  assert.equal(convertDesiredReplicasWithRules(5, 6, 2, 8).reason, 'DesiredWithinRange');
});

test('stabilizeRecommendation keeps the highest recommendation of the last 5 minutes', () => {
  const h = new ScaleHistory();
  h.recordInitialRecommendation(5, 'k', 0);
  assert.equal(h.stabilizeRecommendation('k', 2, 60_000), 5);
  assert.equal(h.stabilizeRecommendation('k', 2, 301_000), 2);
});

test('behavior rate: default scale-up policies allow max(+4, 200%) per 15 s', () => {
  const h = new ScaleHistory();
  const up = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] };
  const down = { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
  const r = h.convertWithBehaviorRate({ key: 'k', scaleUp: up, scaleDown: down, minReplicas: 1, maxReplicas: 100, currentReplicas: 10, desiredReplicas: 50 }, 0);
  assert.deepEqual([r.replicas, r.reason], [20, 'ScaleUpLimit']);
  h.storeScaleEvent({ scaleUp: up, scaleDown: down }, 'k', 10, 20, 0);
  const r2 = h.convertWithBehaviorRate({ key: 'k', scaleUp: up, scaleDown: down, minReplicas: 1, maxReplicas: 100, currentReplicas: 20, desiredReplicas: 50 }, 5000);
  assert.equal(r2.replicas, 20);
});
