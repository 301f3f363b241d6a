import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupPods, resourceReplicas, type CalcPod, type PodMetricsInfo } from '../../src/controllers/podautoscaler/replica-calculator.js';

// upstream replica_calculator_test.go TestGroupPods, with its testing periods (2 min initialization, 10 s readiness delay)
const now = Date.parse('2025-01-01T01:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();
const s = 1000;
const min = 60 * s;
const opts = { now, cpuInitializationPeriodMs: 2 * min, delayOfInitialReadinessStatusMs: 10 * s };

type Case = { name: string; pods: CalcPod[]; metrics: Array<[string, { value: number; timestamp?: number; windowMs?: number }]>; resource: string; ready: number; unready?: string[]; missing?: string[]; ignored?: string[] };
const pod = (name: string, phase: string, start?: number, readyCond?: { status: string; ltt: number }, deleted = false): CalcPod => ({
  metadata: { name, ...(deleted ? { deletionTimestamp: '1970-01-01T00:00:01Z' } : {}) },
  status: { phase, ...(start !== undefined ? { startTime: ago(start) } : {}), ...(readyCond ? { conditions: [{ type: 'Ready', status: readyCond.status, lastTransitionTime: ago(readyCond.ltt) }] } : {}) },
});

const cases: Case[] = [
  { name: 'void', pods: [], metrics: [], resource: 'cpu', ready: 0 },
  { name: 'count in a ready pod - memory', pods: [pod('bentham', 'Succeeded')], metrics: [['bentham', { value: 1, timestamp: now, windowMs: min }]], resource: 'memory', ready: 1 },
  { name: 'unready a pod without ready condition - CPU', pods: [pod('lucretius', 'Succeeded', 0)], metrics: [['lucretius', { value: 1 }]], resource: 'cpu', ready: 0, unready: ['lucretius'] },
  { name: 'count in a ready pod with fresh metrics during initialization period - CPU', pods: [pod('bentham', 'Succeeded', min, { status: 'True', ltt: 30 * s })], metrics: [['bentham', { value: 1, timestamp: now, windowMs: 30 * s }]], resource: 'cpu', ready: 1 },
  { name: 'unready a ready pod without fresh metrics during initialization period - CPU', pods: [pod('bentham', 'Succeeded', min, { status: 'True', ltt: 30 * s })], metrics: [['bentham', { value: 1, timestamp: now, windowMs: 60 * s }]], resource: 'cpu', ready: 0, unready: ['bentham'] },
  { name: 'unready an unready pod during initialization period - CPU', pods: [pod('lucretius', 'Succeeded', 10 * min, { status: 'False', ltt: 9 * min + 54 * s })], metrics: [['lucretius', { value: 1 }]], resource: 'cpu', ready: 0, unready: ['lucretius'] },
  { name: 'count in a ready pod without fresh metrics after initialization period - CPU', pods: [pod('bentham', 'Succeeded', 3 * min, { status: 'True', ltt: 3 * min })], metrics: [['bentham', { value: 1, timestamp: now - 2 * min, windowMs: min }]], resource: 'cpu', ready: 1 },
  { name: 'count in an unready pod that was ready after initialization period - CPU', pods: [pod('lucretius', 'Succeeded', 10 * min, { status: 'False', ltt: 9 * min })], metrics: [['lucretius', { value: 1 }]], resource: 'cpu', ready: 1 },
  { name: 'unready pod that has never been ready after initialization period - CPU', pods: [pod('lucretius', 'Succeeded', 10 * min, { status: 'False', ltt: 9 * min + 50 * s })], metrics: [['lucretius', { value: 1 }]], resource: 'cpu', ready: 1 },
  { name: 'a missing pod', pods: [pod('epicurus', 'Succeeded', 3 * min)], metrics: [], resource: 'cpu', ready: 0, missing: ['epicurus'] },
  {
    name: 'several pods',
    pods: [pod('lucretius', 'Succeeded', 0), pod('niccolo', 'Succeeded', 3 * min, { status: 'True', ltt: 3 * min }), pod('epicurus', 'Succeeded', 3 * min)],
    metrics: [['lucretius', { value: 1 }], ['niccolo', { value: 1 }]], resource: 'cpu', ready: 1, unready: ['lucretius'], missing: ['epicurus'],
  },
  { name: 'pending pods are unreadied', pods: [pod('unscheduled', 'Pending')], metrics: [], resource: 'cpu', ready: 0, unready: ['unscheduled'] },
  { name: 'ignore pods with deletion timestamps', pods: [pod('deleted', 'Pending', undefined, undefined, true)], metrics: [['deleted', { value: 1 }]], resource: 'cpu', ready: 0, ignored: ['deleted'] },
  { name: 'ignore pods in a failed state', pods: [pod('failed', 'Failed')], metrics: [['failed', { value: 1 }]], resource: 'cpu', ready: 0, ignored: ['failed'] },
];

for (const c of cases) {
  test(`groupPods: ${c.name}`, () => {
    // Go's zero time for an unset sample timestamp
    const metrics: PodMetricsInfo = new Map(c.metrics.map(([n, m]) => [n, { value: m.value, timestamp: m.timestamp ?? -62135596800000, windowMs: m.windowMs ?? 0 }]));
    const r = groupPods(c.pods, metrics, c.resource, opts);
    assert.equal(r.readyPodCount, c.ready);
    assert.deepEqual([...r.unready].sort(), (c.unready ?? []).sort());
    assert.deepEqual([...r.missing].sort(), (c.missing ?? []).sort());
    assert.deepEqual([...r.ignored].sort(), (c.ignored ?? []).sort());
  });
}

// a deleted or failed pod's sample is dropped, not counted
test('resourceReplicas: samples of deleted and failed pods are dropped', () => {
  const ready = (name: string): CalcPod => ({ metadata: { name }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }] }, status: { phase: 'Running', startTime: ago(20 * min), conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(19 * min) }] } });
  const deleted: CalcPod = { ...ready('gone'), metadata: { name: 'gone', deletionTimestamp: ago(s) } };
  const failed: CalcPod = { ...ready('failed'), status: { ...ready('failed').status, phase: 'Failed' } };
  const m = (v: number) => ({ value: v, timestamp: now, windowMs: 30 * s });
  const r = resourceReplicas(2, 50, 'cpu', '', [ready('a'), ready('b'), deleted, failed], new Map([['a', m(500)], ['b', m(500)], ['gone', m(5000)], ['failed', m(5000)]]), now, opts);
  assert.deepEqual([r.replicas, r.utilization], [2, 50]);
});

// missing pods count as the target when it is above 100% (upstream #112178): 6500m of 8000m is 81%, ratio 0.27 -> 2
// (with a 100% fallback it would be 2500m, 31%, ratio 0.104 -> 1)
test('resourceReplicas: missing pods count as max(100%, target) of their request on a scale-down', () => {
  const p = (name: string, cpu: string): CalcPod => ({ metadata: { name }, spec: { containers: [{ name: 'c', resources: { requests: { cpu } } }] }, status: { phase: 'Running', startTime: ago(20 * min), conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(19 * min) }] } });
  const m = (v: number) => ({ value: v, timestamp: now, windowMs: 30 * s });
  const r = resourceReplicas(4, 300, 'cpu', '', [p('p0', '2.0'), p('p1', '2.0'), p('p2', '2.0'), p('p3', '2.0')], new Map([['p0', m(200)], ['p1', m(100)], ['p2', m(200)]]), now, opts);
  assert.deepEqual([r.replicas, r.utilization, r.rawUtilization], [2, 8, 166]);
});
