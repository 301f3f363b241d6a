import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, type TestCluster } from '../helpers/cluster.js';

const pod = (name: string, spec: Record<string, unknown> = {}, labels: Record<string, string> = { app: name }) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});

async function create(c: TestCluster, p: ReturnType<typeof pod>, ns = 'default') {
  c.client.resource('', 'pods').create(ns, p);
  await c.settle();
  return c.client.resource('', 'pods').get(ns, p.metadata.name) as any;
}

const events = (c: TestCluster, name: string) =>
  c.client
    .resource('', 'events')
    .list('default')
    .items.filter((e: any) => e.involvedObject.name === name)
    .map((e: any) => `${e.type} ${e.reason} ${e.source.component}: ${e.message}`);

test('a pod is bound to a worker, with the Scheduled event and PodScheduled=True', async () => {
  const c = await testCluster({ kubelets: false });
  try {
    const p = await create(c, pod('web-1'));
    assert.equal(p.spec.nodeName, 'node1');
    const cond = p.status.conditions.find((x: any) => x.type === 'PodScheduled');
    assert.equal(cond.status, 'True');
    assert.deepEqual(events(c, 'web-1'), ['Normal Scheduled default-scheduler: Successfully assigned default/web-1 to node1']);
    // The second pod goes to the less allocated node.
    const p2 = await create(c, pod('web-2'));
    assert.equal(p2.spec.nodeName, 'node2');
  } finally {
    await c.stop();
  }
});

test('unschedulable: upstream message on the condition and the FailedScheduling event; retried after a label change', async () => {
  const c = await testCluster({ nodes: 2, kubelets: false });
  try {
    const p = await create(c, pod('sel', { nodeSelector: { disk: 'ssd' } }));
    assert.equal(p.spec.nodeName, undefined);
    const msg =
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    const cond = p.status.conditions.find((x: any) => x.type === 'PodScheduled');
    assert.deepEqual({ status: cond.status, reason: cond.reason, message: cond.message }, { status: 'False', reason: 'Unschedulable', message: msg });
    assert.deepEqual(events(c, 'sel'), [`Warning FailedScheduling default-scheduler: ${msg}`]);
    c.client.resource('', 'nodes').patch('', 'node2', 'merge', { metadata: { labels: { disk: 'ssd' } } });
    await c.settle();
    const after = c.client.resource('', 'pods').get('default', 'sel') as any;
    assert.equal(after.spec.nodeName, 'node2');
  } finally {
    await c.stop();
  }
});
