import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getMatchingTolerations, toleratesTaint } from '../../src/api/core/taints.js';
import { taintToleration } from '../../src/scheduler/plugins/taint-toleration.js';
import { nodeUnschedulable } from '../../src/scheduler/plugins/simple.js';
import { mkNode, mkPod, runFilter, runScore, snapshot } from './scheduler-fixtures.js';

// pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go TestTaintTolerationFilter
const filterCases = [
  { name: 'no tolerations vs nonempty taints', tols: [], taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], want: 'node(s) had untolerated taint {dedicated: user1}' },
  { name: 'dedicated node for user1, NoSchedule', tols: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }] },
  { name: 'toleration for user2 on user1 node', tols: [{ operator: 'Equal', key: 'dedicated', value: 'user2', effect: 'NoSchedule' }], taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], want: 'node(s) had untolerated taint {dedicated: user1}' },
  { name: 'Exists tolerates', tols: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }], taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }] },
  {
    name: 'multiple tolerations, all taints tolerated',
    tols: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
    taints: [{ key: 'dedicated', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' }],
  },
  { name: 'effect mismatch', tols: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], want: 'node(s) had untolerated taint {foo: bar}' },
  { name: 'empty toleration effect matches NoSchedule', tols: [{ key: 'foo', operator: 'Equal', value: 'bar' }], taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }] },
  { name: 'PreferNoSchedule taint does not filter', tols: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }], taints: [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }] },
  { name: 'no toleration, PreferNoSchedule taint', tols: [], taints: [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }] },
  { name: 'NoExecute taints filter too', tols: [], taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }], want: 'node(s) had untolerated taint {node.kubernetes.io/not-ready: }' },
];

for (const c of filterCases) {
  test(`TaintToleration filter: ${c.name}`, () => {
    const snap = snapshot([mkNode('n', {}, { taints: c.taints })]);
    const s = runFilter(taintToleration, mkPod('p', { tolerations: c.tols }), snap).get('n');
    if (!c.want) assert.equal(s, undefined);
    else assert.deepEqual({ code: s?.code, reasons: s?.reasons }, { code: 'UnschedulableAndUnresolvable', reasons: [c.want] });
  });
}

// TestTaintTolerationScore
const P = 'PreferNoSchedule';
const scoreCases = [
  {
    name: 'tolerated taints score higher than intolerable ones',
    tols: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: P }],
    nodes: { nodeA: [{ key: 'foo', value: 'bar', effect: P }], nodeB: [{ key: 'foo', value: 'blah', effect: P }] },
    want: { nodeA: 100, nodeB: 0 },
  },
  {
    name: 'all tolerated: same score however many taints',
    tols: [{ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: P }, { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: P }],
    nodes: { nodeA: [], nodeB: [{ key: 'cpu-type', value: 'arm64', effect: P }], nodeC: [{ key: 'cpu-type', value: 'arm64', effect: P }, { key: 'disk-type', value: 'ssd', effect: P }] },
    want: { nodeA: 100, nodeB: 100, nodeC: 100 },
  },
  {
    name: 'more intolerable taints, lower score',
    tols: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: P }],
    nodes: { nodeA: [], nodeB: [{ key: 'cpu-type', value: 'arm64', effect: P }], nodeC: [{ key: 'cpu-type', value: 'arm64', effect: P }, { key: 'disk-type', value: 'ssd', effect: P }] },
    want: { nodeA: 100, nodeB: 50, nodeC: 0 },
  },
  {
    name: 'only PreferNoSchedule taints and tolerations count',
    tols: [{ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' }, { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' }],
    nodes: { nodeA: [], nodeB: [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }], nodeC: [{ key: 'cpu-type', value: 'arm64', effect: P }, { key: 'disk-type', value: 'ssd', effect: P }] },
    want: { nodeA: 100, nodeB: 100, nodeC: 0 },
  },
  { name: 'no taints and tolerations', tols: [], nodes: { nodeA: [], nodeB: [{ key: 'cpu-type', value: 'arm64', effect: P }] }, want: { nodeA: 100, nodeB: 0 } },
];

for (const c of scoreCases) {
  test(`TaintToleration score: ${c.name}`, () => {
    const snap = snapshot(Object.entries(c.nodes).map(([n, taints]) => mkNode(n, {}, { taints })));
    assert.deepEqual(runScore(taintToleration, mkPod('p', { tolerations: c.tols }), snap), c.want);
  });
}

// nodeunschedulable/node_unschedulable_test.go TestNodeUnschedulable
const unschedCases = [
  { name: 'Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)', unschedulable: true, tols: [], fits: false },
  { name: 'Schedule pod to normal node', unschedulable: false, tols: [], fits: true },
  { name: 'Schedule pod with toleration to unschedulable node', unschedulable: true, tols: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }], fits: true },
];
for (const c of unschedCases) {
  test(`NodeUnschedulable: ${c.name}`, () => {
    const s = runFilter(nodeUnschedulable, mkPod('p', { tolerations: c.tols }), snapshot([mkNode('n', {}, { unschedulable: c.unschedulable })])).get('n');
    if (c.fits) assert.equal(s, undefined);
    else assert.deepEqual(s, { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] });
  });
}

test('toleratesTaint and getMatchingTolerations (core/v1 toleration_test.go cases)', () => {
  const taint = { key: 'foo', value: 'bar', effect: 'NoSchedule' };
  const cases: Array<[Record<string, string>, boolean]> = [
    [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }, true],
    [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }, true],
    [{ operator: 'Exists' }, true],
    [{ key: 'foo', operator: 'Equal', value: 'baz', effect: 'NoSchedule' }, false],
    [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoExecute' }, false],
    [{ key: 'other', operator: 'Exists' }, false],
    [{ key: 'foo', operator: 'Bogus', value: 'bar' }, false],
  ];
  for (const [tol, want] of cases) assert.equal(toleratesTaint(tol, taint), want, JSON.stringify(tol));
  assert.deepEqual(getMatchingTolerations([], undefined), [true, []]);
  assert.deepEqual(getMatchingTolerations([taint], []), [false, []]);
  const t1 = { key: 'foo', operator: 'Exists' };
  assert.deepEqual(getMatchingTolerations([taint], [{ key: 'x', operator: 'Exists' }, t1]), [true, [t1]]);
  assert.deepEqual(getMatchingTolerations([taint, { key: 'b', effect: 'NoExecute' }], [t1]), [false, []]);
});
