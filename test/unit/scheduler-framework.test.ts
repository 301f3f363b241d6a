import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitErrorMessage, schedulePod, selectHost } from '../../src/scheduler/framework.js';
import { mkNode, mkPod, req, snapshot } from './scheduler-fixtures.js';

const cp = () => mkNode('kubemu-control-plane', { 'node-role.kubernetes.io/control-plane': '' }, { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });
const workers = (n: number, alloc?: Record<string, string>) => Array.from({ length: n }, (_, i) => mkNode(`node${i + 1}`, { 'kubernetes.io/hostname': `node${i + 1}` }, {}, alloc));

const msgCases: Array<{ name: string; pod: ReturnType<typeof mkPod>; nodes: ReturnType<typeof mkNode>[]; want: string }> = [
  {
    name: 'taint and node selector',
    pod: mkPod('p', { nodeSelector: { disk: 'ssd' } }),
    nodes: [cp(), ...workers(2)],
    want: "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
  },
  {
    name: 'insufficient cpu: preemption finds no victims',
    pod: mkPod('p', { containers: [req(8000, 0)] }),
    nodes: [cp(), ...workers(2)],
    want: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
  },
  {
    name: 'cordoned nodes',
    pod: mkPod('p'),
    nodes: workers(2).map((n) => ({ ...n, spec: { unschedulable: true } })),
    want: '0/2 nodes are available: 2 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
  },
  {
    name: 'preemptionPolicy Never',
    pod: mkPod('p', { containers: [req(8000, 0)], preemptionPolicy: 'Never' }),
    nodes: workers(1),
    want: '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
  },
];

for (const c of msgCases) {
  test(`FitError message: ${c.name}`, () => {
    const r = schedulePod(c.pod, snapshot(c.nodes));
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.message, c.want);
  });
}

test('no nodes at all', () => {
  const r = schedulePod(mkPod('p'), snapshot([]));
  assert.deepEqual(r, { ok: false, message: 'no nodes available to schedule pods' });
});

test('fitErrorMessage sorts the histogram as strings and counts every reason', () => {
  const d = {
    nodeToStatus: new Map([
      ['a', { code: 'Unschedulable' as const, reasons: ['Insufficient cpu', 'Insufficient memory'] }],
      ['b', { code: 'Unschedulable' as const, reasons: ['Insufficient memory'] }],
      ['c', { code: 'UnschedulableAndUnresolvable' as const, reasons: ["node(s) didn't match Pod's node affinity/selector"] }],
    ]),
    preFilterMsg: '',
    postFilterMsg: '',
  };
  assert.equal(fitErrorMessage(3, d), "0/3 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient memory.");
});

test('scoring: least allocated node wins, ties go to the first name', () => {
  const nodes = workers(3);
  const busy = { ...mkPod('busy', { containers: [req(2000, 0)] }), spec: { nodeName: 'node1', containers: [req(2000, 0)] } };
  const r = schedulePod(mkPod('p', { containers: [req(500, 0)] }), snapshot(nodes, [busy]));
  assert.equal(r.ok && r.node, 'node2');
  assert.equal(selectHost(new Map([['b', 5], ['a', 5], ['c', 4]])), 'a');
});

test('scoring: preferred node affinity outweighs resources', () => {
  const nodes = workers(2);
  nodes[1]!.metadata.labels!.zone = 'z2';
  const busy = { ...mkPod('busy', { containers: [req(3000, 0)] }), spec: { nodeName: 'node2', containers: [req(3000, 0)] } };
  const pod = mkPod('p', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['z2'] }] } }] } } });
  const r = schedulePod(pod, snapshot(nodes, [busy]));
  assert.equal(r.ok && r.node, 'node2');
});
