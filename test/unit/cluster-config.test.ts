import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseClusterConfig } from '../../src/cluster-config.js';

test('cluster config: nodes with labels, taints and capacity; the control plane kept', () => {
  const nodes = parseClusterConfig(`
nodes:
  - name: gpu-1
    labels: { zone: a, accelerator: gpu }
    taints: [{ key: dedicated, value: gpu, effect: NoSchedule }]
    capacity: { cpu: 16, memory: 64Gi }
  - name: small-1
`);
  assert.deepEqual(
    nodes.map((n) => n.name),
    ['kubemu-control-plane', 'gpu-1', 'small-1'],
  );
  assert.deepEqual(nodes[1], { name: 'gpu-1', labels: { zone: 'a', accelerator: 'gpu' }, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }], capacity: { cpu: '16', memory: '64Gi' } });
});

test('cluster config: defaults and controlPlane: false', () => {
  assert.deepEqual(parseClusterConfig('', 3).map((n) => n.name), ['kubemu-control-plane', 'node1', 'node2', 'node3']);
  assert.deepEqual(parseClusterConfig('controlPlane: false\nnodes: [{name: a}]').map((n) => n.name), ['a']);
});

const bad: Array<[string, string]> = [
  ['nodes: {a: 1}', 'cluster config: nodes must be a list'],
  ['nodes: [{name: Bad_Name}]', 'nodes[0].name: must be a DNS subdomain name'],
  ['nodes: [{name: a}, {name: a}]', 'nodes[1].name: duplicate node "a"'],
  ['nodes: [{name: a, taints: [{key: k, effect: Sometimes}]}]', 'nodes[0].taints[0].effect: must be one of NoSchedule, PreferNoSchedule, NoExecute'],
  ['nodes: [{name: a, capacity: {gpu: 1}}]', 'nodes[0].capacity.gpu: supported: cpu, memory, pods, ephemeral-storage'],
  ['workers: 3', 'cluster config: unknown field "workers"'],
];
for (const [text, msg] of bad) test(`cluster config rejects: ${msg}`, () => assert.throws(() => parseClusterConfig(text), { message: msg }));
