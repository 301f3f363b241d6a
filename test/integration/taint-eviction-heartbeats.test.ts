import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, type TestCluster } from '../helpers/cluster.js';

const pod = (name: string, node: string, tolerations: unknown[] = []) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { nodeName: node, tolerations, containers: [{ name: 'c', image: 'nginx' }] },
});
const get = (c: TestCluster, name: string) => c.client.resource('', 'pods').get('default', name) as any;
const events = (c: TestCluster, name: string) =>
  c.client
    .resource('', 'events')
    .list('default')
    .items.filter((e: any) => e.involvedObject.name === name && e.reason === 'TaintManagerEviction')
    .map((e: any) => `${e.source.component}: ${e.message}`);

test('NoExecute taints evict pods that do not tolerate them, after tolerationSeconds when set', async () => {
  const c = await testCluster({ kubelets: false });
  const pods = c.client.resource('', 'pods');
  try {
    pods.create('default', pod('plain', 'node1'));
    pods.create('default', pod('limited', 'node1', [{ key: 'maint', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }]));
    pods.create('default', pod('forever', 'node1', [{ key: 'maint', operator: 'Exists', effect: 'NoExecute' }]));
    pods.create('default', pod('elsewhere', 'node2'));
    await c.settle();
    c.client.resource('', 'nodes').patch('', 'node1', 'merge', { spec: { taints: [{ key: 'maint', value: 'true', effect: 'NoExecute' }] } });
    await c.settle();
    // Bound pods get a graceful deletion (no kubelet yet to finish it): they are Terminating.
    const plain = get(c, 'plain');
    assert.ok(plain.metadata.deletionTimestamp);
    assert.equal(plain.status.conditions.find((x: any) => x.type === 'DisruptionTarget').reason, 'DeletionByTaintManager');
    assert.deepEqual(events(c, 'plain'), ['taint-eviction-controller: Marking for deletion Pod default/plain']);
    assert.equal(get(c, 'limited').metadata.deletionTimestamp, undefined);
    c.clock.step(59_000);
    await c.settle();
    assert.equal(get(c, 'limited').metadata.deletionTimestamp, undefined);
    c.clock.step(1_000);
    await c.settle();
    assert.ok(get(c, 'limited').metadata.deletionTimestamp);
    assert.equal(get(c, 'forever').metadata.deletionTimestamp, undefined);
    assert.equal(get(c, 'elsewhere').metadata.deletionTimestamp, undefined);
  } finally {
    await c.stop();
  }
});

test('removing the taint before tolerationSeconds cancels the eviction', async () => {
  const c = await testCluster({ kubelets: false });
  const pods = c.client.resource('', 'pods');
  try {
    pods.create('default', pod('limited', 'node1', [{ key: 'maint', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }]));
    await c.settle();
    c.client.resource('', 'nodes').patch('', 'node1', 'merge', { spec: { taints: [{ key: 'maint', effect: 'NoExecute' }] } });
    await c.settle();
    c.clock.step(30_000);
    c.client.resource('', 'nodes').patch('', 'node1', 'merge', { spec: { taints: null } });
    await c.settle();
    c.clock.step(60_000);
    await c.settle();
    assert.equal(get(c, 'limited').metadata.deletionTimestamp, undefined);
    assert.deepEqual(events(c, 'limited'), ['taint-eviction-controller: Cancelling deletion of Pod default/limited']);
  } finally {
    await c.stop();
  }
});

test('node leases are renewed every 10 s and Ready heartbeats every 5 minutes', async () => {
  const c = await testCluster({ kubelets: false });
  const leases = c.client.resource('coordination.k8s.io', 'leases');
  try {
    await c.settle();
    const l0 = leases.get('kube-node-lease', 'node1') as any;
    assert.deepEqual(
      { holder: l0.spec.holderIdentity, dur: l0.spec.leaseDurationSeconds, renew: l0.spec.renewTime, owner: l0.metadata.ownerReferences[0].kind },
      { holder: 'node1', dur: 40, renew: '2024-01-01T00:00:00.000000Z', owner: 'Node' },
    );
    assert.deepEqual(leases.list('kube-node-lease').items.map((l) => l.metadata.name).sort(), ['kubemu-control-plane', 'node1', 'node2']);
    c.clock.step(10_000);
    await c.settle();
    assert.equal((leases.get('kube-node-lease', 'node1') as any).spec.renewTime, '2024-01-01T00:00:10.000000Z');
    const ready = () => (c.client.resource('', 'nodes').get('', 'node1') as any).status.conditions.find((x: any) => x.type === 'Ready');
    assert.equal(ready().lastHeartbeatTime, '2024-01-01T00:00:00Z');
    // Step as a real clock would pass: each renewal runs before the next is due.
    const advance = async (ms: number) => {
      for (let t = 0; t < ms; t += 10_000) {
        c.clock.step(10_000);
        await c.settle();
      }
    };
    await advance(4 * 60_000 + 40_000);
    assert.equal(ready().lastHeartbeatTime, '2024-01-01T00:00:00Z');
    assert.equal((leases.get('kube-node-lease', 'node1') as any).spec.renewTime, '2024-01-01T00:04:50.000000Z');
    await advance(10_000);
    assert.equal(ready().lastHeartbeatTime, '2024-01-01T00:05:00Z');
    assert.equal(ready().lastTransitionTime, '2024-01-01T00:00:00Z');
    // A Ready condition flipped by someone else is put back at the next renewal.
    const node = c.client.resource('', 'nodes').get('', 'node1') as any;
    node.status.conditions = node.status.conditions.map((x: any) => (x.type === 'Ready' ? { ...x, status: 'False', reason: 'Test' } : x));
    c.client.resource('', 'nodes').updateStatus('', node);
    c.clock.step(10_000);
    await c.settle();
    assert.deepEqual([ready().status, ready().reason, ready().lastTransitionTime], ['True', 'KubeletReady', '2024-01-01T00:05:10Z']);
  } finally {
    await c.stop();
  }
});
