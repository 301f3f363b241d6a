import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, type TestCluster } from '../helpers/cluster.js';

const pod = (name: string, spec: Record<string, unknown> = {}, labels: Record<string, string> = { app: name }) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});

async function create(c: TestCluster, p: ReturnType<typeof pod>): Promise<any> {
  c.client.resource('', 'pods').create('default', p);
  await c.settle();
  return c.client.resource('', 'pods').get('default', p.metadata.name);
}
const nodeOf = (c: TestCluster, name: string) => (c.client.resource('', 'pods').get('default', name) as any).spec.nodeName as string | undefined;
const condMsg = (p: any) => p.status.conditions?.find((x: any) => x.type === 'PodScheduled')?.message;

test('placement: nodeName, affinity, anti-affinity, taints, cordon, resources', async () => {
  const c = await testCluster({ nodes: 3, kubelets: false });
  const nodes = c.client.resource('', 'nodes');
  try {
    // nodeName: assigned at creation, the scheduler leaves it alone (no Scheduled event).
    const fixed = await create(c, pod('fixed', { nodeName: 'node3' }));
    assert.equal(fixed.spec.nodeName, 'node3');
    assert.equal(c.client.resource('', 'events').list('default').items.filter((e: any) => e.involvedObject.name === 'fixed').length, 0);

    // Required node affinity.
    nodes.patch('', 'node2', 'merge', { metadata: { labels: { zone: 'b' } } });
    const req = await create(c, pod('req', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }] } } } }));
    assert.equal(req.spec.nodeName, 'node2');

    // Preferred node affinity beats least-allocated (node2 already has a pod).
    const pref = await create(c, pod('pref', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] } }] } } }));
    assert.equal(pref.spec.nodeName, 'node2');

    // Pod anti-affinity on hostname spreads replicas; the fourth one has nowhere to go.
    const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'spread' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    for (const n of ['s1', 's2', 's3', 's4']) await create(c, pod(n, { affinity: anti }, { app: 'spread' }));
    assert.deepEqual(['s1', 's2', 's3'].map((n) => nodeOf(c, n)).sort(), ['node1', 'node2', 'node3']);
    assert.equal(nodeOf(c, 's4'), undefined);
    assert.equal(
      condMsg(c.client.resource('', 'pods').get('default', 's4')),
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
    );
    // Deleting one replica frees its node for the pending one.
    const freed = nodeOf(c, 's1');
    c.client.resource('', 'pods').delete('default', 's1', { gracePeriodSeconds: 0 });
    await c.settle();
    assert.equal(nodeOf(c, 's4'), freed);

    // Pod affinity: follows the pod it names.
    const aff = await create(c, pod('follow', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'fixed' } }, topologyKey: 'kubernetes.io/hostname' }] } } }));
    assert.equal(aff.spec.nodeName, 'node3');

    // Taints: only the tolerating pod goes to the tainted control plane when workers are cordoned.
    for (const n of ['node1', 'node2', 'node3']) nodes.patch('', n, 'merge', { spec: { unschedulable: true } });
    await c.settle();
    const cordoned = await create(c, pod('cordoned'));
    assert.equal(cordoned.spec.nodeName, undefined);
    assert.equal(
      condMsg(cordoned),
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) were unschedulable. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    );
    const tol = await create(c, pod('tolerant', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }));
    assert.equal(tol.spec.nodeName, 'kubemu-control-plane');
    // Uncordon: the waiting pod is retried.
    nodes.patch('', 'node1', 'merge', { spec: { unschedulable: null } });
    await c.settle();
    assert.equal(nodeOf(c, 'cordoned'), 'node1');

    // Resources: 4 CPUs per node; a 3-CPU pod fits only where less than 1 CPU is requested.
    const big = await create(c, pod('big', { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '3' } } }] }));
    assert.equal(big.spec.nodeName, 'node1');
    const big2 = await create(c, pod('big2', { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '3' } } }] }));
    assert.equal(big2.spec.nodeName, undefined);
    assert.match(condMsg(big2), /^0\/4 nodes are available: 1 Insufficient cpu, 1 node\(s\) had untolerated taint \{node-role.kubernetes.io\/control-plane: \}, 2 node\(s\) were unschedulable\./);
    // Freeing the CPU lets it in.
    c.client.resource('', 'pods').delete('default', 'big', { gracePeriodSeconds: 0 });
    await c.settle();
    assert.equal(nodeOf(c, 'big2'), 'node1');
  } finally {
    await c.stop();
  }
});

test('pods for another scheduler, gated or terminating pods are left alone', async () => {
  const c = await testCluster({ kubelets: false });
  try {
    const other = await create(c, pod('other', { schedulerName: 'my-scheduler' }));
    assert.equal(other.spec.nodeName, undefined);
    const gated = await create(c, pod('gated', { schedulingGates: [{ name: 'example.com/wait' }] }));
    assert.equal(gated.spec.nodeName, undefined);
    c.client.resource('', 'pods').patch('default', 'gated', 'strategic', { spec: { schedulingGates: null } });
    await c.settle();
    assert.equal(nodeOf(c, 'gated'), 'node1');
  } finally {
    await c.stop();
  }
});

test('unschedulable pods are retried every 5 minutes of clock time', async () => {
  const c = await testCluster({ kubelets: false });
  try {
    // Once the nodes' kubelets have posted their status (a node change retries pending pods at once).
    await c.settle();
    await create(c, pod('sel', { nodeSelector: { disk: 'ssd' } }));
    const count = () => (c.client.resource('', 'events').list('default').items.find((e: any) => e.involvedObject.name === 'sel') as any).count;
    assert.equal(count(), 1);
    c.clock.step(5 * 60_000);
    await c.settle();
    assert.equal(count(), 2);
  } finally {
    await c.stop();
  }
});
