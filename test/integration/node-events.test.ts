import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster } from '../../src/app.js';
import { FakeClock } from '../../src/util/clock.js';
import { seededRandom } from '../../src/util/random.js';
import { testCluster, type TestCluster } from '../helpers/cluster.js';
import type { Cluster } from '../../src/app.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A node's events in creation order (names are <node>.<hex nanoseconds>). */
function nodeEvents(c: Cluster, node: string): any[] {
  return (c.client.resource('', 'events').list('').items as any[])
    .filter((e) => e.involvedObject.kind === 'Node' && e.involvedObject.name === node)
    .sort((a, b) => (BigInt('0x' + a.metadata.name.split('.').pop()) < BigInt('0x' + b.metadata.name.split('.').pop()) ? -1 : 1));
}
const lines = (c: Cluster, node: string) => nodeEvents(c, node).map((e) => `${e.source.component} ${e.type} ${e.reason}: ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`);
const status = (n: string) => `kubelet Normal ${n}: Node node1 status is now: ${n}`;

const kubeletStart = ['kubelet Normal Starting: Starting kubelet.', 'kubelet Normal NodeAllocatableEnforced: Updated Node Allocatable limit across pods'];
const pressure = [status('NodeHasSufficientMemory'), status('NodeHasNoDiskPressure'), status('NodeHasSufficientPID')];
const registered = 'node-controller Normal RegisteredNode: Node node1 event: Registered Node node1 in Controller';

test('a fresh cluster: the kubelet and node controller events of a kind node, on the node references upstream uses', async () => {
  const c = await testCluster({ kubelets: false });
  try {
    await c.settle();
    // The node lifecycle controller sees the (bootstrapped) node as soon as it starts; the kubelet then
    // starts, posts the conditions registration would have and turns Ready.
    assert.deepEqual(lines(c, 'node1'), [registered, ...kubeletStart, ...pressure, status('NodeReady')]);
    const events = nodeEvents(c, 'node1');
    const node = c.client.resource('', 'nodes').get('', 'node1') as any;
    for (const e of events) {
      assert.equal(e.metadata.namespace, 'default');
      assert.equal(e.count, 1);
      assert.equal(e.firstTimestamp, '2024-01-01T00:00:00Z');
      assert.match(e.metadata.name, /^node1\.[0-9a-f]+$/);
      if (e.source.component === 'kubelet') {
        // kl.nodeRef: Kind Node, Name and UID the node name, no namespace, no apiVersion.
        assert.deepEqual(e.involvedObject, { kind: 'Node', name: 'node1', uid: 'node1' });
        assert.deepEqual(e.source, { component: 'kubelet', host: 'node1' });
      } else {
        // controllerutil.RecordNodeEvent: apiVersion v1 and the node's own uid.
        assert.deepEqual(e.involvedObject, { kind: 'Node', name: 'node1', uid: node.metadata.uid, apiVersion: 'v1' });
        assert.deepEqual(e.source, { component: 'node-controller' });
      }
    }
    // The node is Ready and was never tainted not-ready (the kubelet's first post makes it Ready).
    assert.deepEqual(node.status.conditions.map((x: any) => `${x.type}=${x.status} ${x.reason}`), [
      'MemoryPressure=False KubeletHasSufficientMemory',
      'DiskPressure=False KubeletHasNoDiskPressure',
      'PIDPressure=False KubeletHasSufficientPID',
      'Ready=True KubeletReady',
    ]);
    assert.equal(node.spec.taints, undefined);
    // Every node has its own kubelet.
    assert.deepEqual(lines(c, 'kubemu-control-plane').filter((l) => l.includes('Starting')), ['kubelet Normal Starting: Starting kubelet.']);
    // Nothing more while the node stays healthy.
    c.clock.step(10_000);
    await c.settle();
    assert.equal(nodeEvents(c, 'node1').length, 7);
  } finally {
    await c.stop();
  }
});

test('a restart on the same data file: the kubelet starts again and the controller registers the node again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubemu-node-events-'));
  dirs.push(dir);
  const clock = new FakeClock('2024-01-01T00:00:00Z');
  const opts = { listen: false, data: join(dir, 'state.db'), clock, random: seededRandom(3), nodes: 1, kubelets: false } as const;
  const c1 = await startCluster(opts);
  await c1.settle();
  const first = lines(c1, 'node1');
  assert.deepEqual(first, [registered, ...kubeletStart, ...pressure, status('NodeReady')]);
  await c1.stop();
  clock.step(60_000);
  const c2 = await startCluster(opts);
  try {
    await c2.settle();
    // Upstream's registration (initialNode) runs the condition setters on a bare node on every kubelet
    // start, so the pressure events come again; Ready was True and stays True: no NodeReady.
    assert.deepEqual(lines(c2, 'node1'), [...first, registered, ...kubeletStart, ...pressure]);
    const again = nodeEvents(c2, 'node1').slice(first.length);
    assert.ok(again.every((e) => e.firstTimestamp === '2024-01-01T00:01:00Z'));
    const ready = (c2.client.resource('', 'nodes').get('', 'node1') as any).status.conditions.find((x: any) => x.type === 'Ready');
    assert.deepEqual([ready.status, ready.lastTransitionTime, ready.lastHeartbeatTime], ['True', '2024-01-01T00:00:00Z', '2024-01-01T00:01:00Z']);
  } finally {
    await c2.stop();
  }
});

/** Set a node's condition as another component (the node lifecycle controller) would. */
function setCondition(c: TestCluster, node: string, type: string, patch: Record<string, string>): void {
  const nodes = c.client.resource('', 'nodes');
  const n = nodes.get('', node) as any;
  n.status.conditions = n.status.conditions.map((x: any) => (x.type === type ? { ...x, ...patch } : x));
  nodes.updateStatus('', n);
}

test('conditions that go Unknown and back are reported again, as the setters do; other changes are not', async () => {
  const c = await testCluster({ kubelets: false });
  try {
    await c.settle();
    const base = lines(c, 'node1');
    // What monitorNodeHealth posts when the kubelet stops posting: every condition Unknown.
    const unknown = { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' };
    setCondition(c, 'node1', 'Ready', unknown);
    setCondition(c, 'node1', 'MemoryPressure', unknown);
    c.clock.step(10_000);
    await c.settle();
    // The same event again is counted on the existing Event (the recorder's correlator).
    assert.deepEqual(
      lines(c, 'node1'),
      base.map((l) => (l === status('NodeReady') || l === status('NodeHasSufficientMemory') ? `${l} (x2)` : l)),
    );
    const readyEvent = nodeEvents(c, 'node1').find((e) => e.reason === 'NodeReady');
    assert.deepEqual([readyEvent.firstTimestamp, readyEvent.lastTimestamp], ['2024-01-01T00:00:00Z', '2024-01-01T00:00:10Z']);
    // A Ready condition with the same status but another reason is put back without an event.
    setCondition(c, 'node1', 'Ready', { reason: 'Other', message: 'other' });
    c.clock.step(10_000);
    await c.settle();
    const ready = (c.client.resource('', 'nodes').get('', 'node1') as any).status.conditions.find((x: any) => x.type === 'Ready');
    assert.deepEqual([ready.status, ready.reason, ready.lastTransitionTime], ['True', 'KubeletReady', '2024-01-01T00:00:10Z']);
    assert.equal(nodeEvents(c, 'node1').find((e) => e.reason === 'NodeReady').count, 2);
  } finally {
    await c.stop();
  }
});

test('cordon and uncordon are reported by the kubelet at its next sync; a deleted node is removed by the controller', async () => {
  const c = await testCluster({ kubelets: false });
  const nodes = c.client.resource('', 'nodes');
  try {
    await c.settle();
    const base = lines(c, 'node1');
    nodes.patch('', 'node1', 'merge', { spec: { unschedulable: true } });
    await c.settle();
    assert.deepEqual(lines(c, 'node1'), base);
    c.clock.step(10_000);
    await c.settle();
    nodes.patch('', 'node1', 'merge', { spec: { unschedulable: null } });
    c.clock.step(10_000);
    await c.settle();
    assert.deepEqual(lines(c, 'node1'), [...base, status('NodeNotSchedulable'), status('NodeSchedulable')]);

    const uid = (nodes.get('', 'node2') as any).metadata.uid;
    nodes.delete('', 'node2');
    await c.settle();
    const removing = nodeEvents(c, 'node2').filter((e) => e.reason === 'RemovingNode');
    assert.deepEqual(
      removing.map((e) => [e.message, e.source.component, e.involvedObject.uid]),
      [['Node node2 event: Removing Node node2 from Controller', 'node-controller', uid]],
    );
  } finally {
    await c.stop();
  }
});
