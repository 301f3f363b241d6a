import { test } from 'node:test';
import assert from 'node:assert/strict';
import { balancedAllocationScore, leastAllocatedScore, nodeResourcesBalancedAllocation, nodeResourcesFit } from '../../src/scheduler/plugins/node-resources.js';
import { podRequests } from '../../src/scheduler/resources.js';
import { mkNode, mkPod, req, runFilter, runScore, snapshot } from './scheduler-fixtures.js';

// noderesources/fit_test.go TestEnoughRequests: allocatable 10 milli-CPU, 20 bytes memory, 32 pods.
const alloc = { cpu: '10m', memory: '20', pods: '32' };
const podWith = (containers: Array<[number, number]>, inits: Array<[number, number]> = [], extra: Record<string, unknown> = {}) =>
  mkPod('p', { containers: containers.map(([c, m], i) => req(c, m, `c${i}`)), initContainers: inits.map(([c, m], i) => req(c, m, `i${i}`)), ...extra });
const existing = (c: number, m: number) => ({ ...mkPod('existing', { containers: [req(c, m)] }), spec: { nodeName: 'n', containers: [req(c, m)] } });

const fitCases: Array<{ name: string; pod: ReturnType<typeof mkPod>; used: [number, number]; want: string[] }> = [
  { name: 'no resources requested always fits', pod: podWith([]), used: [10, 20], want: [] },
  { name: 'too many resources fails', pod: podWith([[1, 1]]), used: [10, 20], want: ['Insufficient cpu', 'Insufficient memory'] },
  { name: 'too many resources fails due to init container cpu', pod: podWith([[1, 1]], [[3, 1]]), used: [8, 19], want: ['Insufficient cpu'] },
  { name: 'too many resources fails due to highest init container cpu', pod: podWith([[1, 1]], [[3, 1], [2, 1]]), used: [8, 19], want: ['Insufficient cpu'] },
  { name: 'too many resources fails due to init container memory', pod: podWith([[1, 1]], [[1, 3]]), used: [9, 19], want: ['Insufficient memory'] },
  { name: 'too many resources fails due to highest init container memory', pod: podWith([[1, 1]], [[1, 3], [1, 2]]), used: [9, 19], want: ['Insufficient memory'] },
  { name: 'init container fits because it is the max, not sum', pod: podWith([[1, 1]], [[1, 1]]), used: [9, 19], want: [] },
  { name: 'multiple init containers fit because it is the max, not sum', pod: podWith([[1, 1]], [[1, 1], [1, 1]]), used: [9, 19], want: [] },
  { name: 'both resources fit', pod: podWith([[1, 1]]), used: [5, 5], want: [] },
  { name: 'one resource memory fits', pod: podWith([[2, 1]]), used: [9, 5], want: ['Insufficient cpu'] },
  { name: 'one resource cpu fits', pod: podWith([[1, 2]]), used: [5, 19], want: ['Insufficient memory'] },
  { name: 'equal edge case', pod: podWith([[5, 1]]), used: [5, 19], want: [] },
  { name: 'equal edge case for init container', pod: podWith([[4, 1]], [[5, 1]]), used: [5, 19], want: [] },
  { name: 'resources + pod overhead fits', pod: podWith([[1, 1]], [], { overhead: { cpu: '3m', memory: '13' } }), used: [5, 5], want: [] },
  { name: 'requests + overhead does not fit for memory', pod: podWith([[1, 1]], [], { overhead: { cpu: '1m', memory: '15' } }), used: [5, 5], want: ['Insufficient memory'] },
  {
    name: 'restartable init container (sidecar) requests add to the containers',
    pod: mkPod('p', { containers: [req(1, 1)], initContainers: [{ ...req(3, 1, 'sidecar'), restartPolicy: 'Always' }] }),
    used: [7, 5],
    want: ['Insufficient cpu'],
  },
];

for (const c of fitCases) {
  test(`NodeResourcesFit filter: ${c.name}`, () => {
    const s = runFilter(nodeResourcesFit, c.pod, snapshot([mkNode('n', {}, {}, alloc)], [existing(...c.used)])).get('n');
    if (c.want.length === 0) assert.equal(s, undefined);
    else assert.deepEqual(s, { code: 'Unschedulable', reasons: c.want });
  });
}

test('NodeResourcesFit filter: too many pods', () => {
  const s = runFilter(nodeResourcesFit, podWith([[1, 1]]), snapshot([mkNode('n', {}, {}, { ...alloc, pods: '1' })], [existing(0, 0)])).get('n');
  assert.deepEqual(s, { code: 'Unschedulable', reasons: ['Too many pods'] });
});

test('podRequests: max of init containers and the sum of containers, sidecars included', () => {
  const r = podRequests(mkPod('p', { containers: [req(100, 10), req(200, 20)], initContainers: [req(500, 5, 'i0'), { ...req(50, 50, 's'), restartPolicy: 'Always' }, req(400, 1, 'i1')] }));
  // containers 300 + sidecar 50 = 350 cpu; init max: 500, then 400+50 = 450 -> 500.
  assert.equal(r.milliCPU, 500);
  // memory: containers 30 + sidecar 50 = 80; init: 5, 1+50 = 51 -> 80.
  assert.equal(r.memory, 80);
  const nz = podRequests(mkPod('p', { containers: [{ name: 'c' }] }), true);
  assert.deepEqual([nz.milliCPU, nz.memory], [100, 200 * 1024 * 1024]);
});

// least_allocated_test.go / balanced_allocation_test.go: "nothing scheduled, resources requested, differently sized nodes"
test('LeastAllocated and BalancedAllocation: differently sized nodes', () => {
  const pod = mkPod('p', { containers: [req(1000, 2000, 'a'), req(2000, 3000, 'b')] });
  const snap = snapshot([mkNode('node1', {}, {}, { cpu: '4000m', memory: '10000', pods: '110' }), mkNode('node2', {}, {}, { cpu: '6000m', memory: '10000', pods: '110' })]);
  assert.deepEqual(runScore(nodeResourcesFit, pod, snap), { node1: 37, node2: 50 });
  assert.deepEqual(runScore(nodeResourcesBalancedAllocation, pod, snap), { node1: 87, node2: 100 });
});

const leastCases: Array<[number[], number[], number]> = [
  [[0, 0], [4000, 10000], 100],
  [[3000, 5000], [4000, 10000], 37],
  [[6000, 5000], [4000, 10000], 25], // over capacity: that resource scores 0
  [[3000, 0], [4000, 0], 25], // zero allocatable is skipped
];
for (const [r, a, want] of leastCases) test(`leastAllocatedScore(${r}, ${a}) = ${want}`, () => assert.equal(leastAllocatedScore(r, a), want));

const balancedCases: Array<[number[], number[], number]> = [
  [[3000, 5000], [4000, 10000], 87],
  [[3000, 5000], [6000, 10000], 100],
  [[0, 0], [4000, 10000], 100],
  [[6000, 0], [4000, 10000], 50], // a fraction above 1 counts as 1
];
for (const [r, a, want] of balancedCases) test(`balancedAllocationScore(${r}, ${a}) = ${want}`, () => assert.equal(balancedAllocationScore(r, a), want));
