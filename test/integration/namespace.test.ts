import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../src/api/meta.js';
import { rfc3339 } from '../../src/util/clock.js';
import { testCluster, configMap, type TestCluster } from '../helpers/cluster.js';

let c: TestCluster;
before(async () => {
  c = await testCluster();
});
after(async () => {
  await c.stop();
});

const nsClient = () => c.client.resource('', 'namespaces');
const getNs = (name: string): (KObject & { spec?: any; status?: any }) | undefined => {
  try {
    return nsClient().get('', name) as KObject & { spec?: any; status?: any };
  } catch {
    return undefined;
  }
};
const pod = (name: string, extra: Record<string, unknown> = {}) => ({
  metadata: { name, labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], ...extra },
});
const count = (group: string, resource: string, ns: string) => c.client.resource(group, resource).list(ns).items.length;
const condition = (ns: KObject & { status?: any }, type: string) => (ns.status.conditions as any[]).find((x) => x.type === type);

/** What a kubelet does for a terminating pod once its containers are stopped: delete it with grace 0. */
function finishTerminatingPods(ns: string): void {
  for (const p of c.client.resource('', 'pods').list(ns).items) {
    if (!p.metadata.deletionTimestamp) continue;
    try {
      c.client.resource('', 'pods').delete(ns, p.metadata.name!, { gracePeriodSeconds: 0 });
    } catch {
      // already gone
    }
  }
}

async function populate(ns: string): Promise<void> {
  nsClient().create('', { metadata: { name: ns } });
  c.client.resource('', 'configmaps').create(ns, configMap('cfg'));
  c.client.resource('', 'secrets').create(ns, { metadata: { name: 'sec' }, stringData: { k: 'v' } });
  c.client.resource('', 'pods').create(ns, pod('web-0'));
  c.client.resource('', 'services').create(ns, { metadata: { name: 'svc' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  c.client.resource('apps', 'deployments').create(ns, {
    metadata: { name: 'd' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  await c.settle();
}

test('deleting a namespace: Terminating, contents deleted after the grace period, then the namespace is gone', async () => {
  await populate('ns1');
  const del = await c.req('DELETE', '/api/v1/namespaces/ns1');
  assert.equal(del.status, 200);
  assert.equal(del.body.kind, 'Namespace');
  assert.equal(del.body.status.phase, 'Terminating');
  assert.ok(del.body.metadata.deletionTimestamp);
  assert.deepEqual(del.body.spec.finalizers, ['kubernetes']);
  await c.settle();
  // The controller waits namespaceDeletionGracePeriod (5 s) before it starts.
  assert.equal(count('', 'configmaps', 'ns1'), 2, 'its ConfigMap and kube-root-ca.crt');
  const late = await c.req('POST', '/api/v1/namespaces/ns1/configmaps', configMap('late'));
  assert.equal(late.status, 403);
  assert.equal(late.body.reason, 'Forbidden');
  assert.equal(late.body.message, 'configmaps "late" is forbidden: unable to create new content in namespace ns1 because it is being terminated');
  c.clock.step(5_000);
  await c.settle();
  // Scheduled pods terminate gracefully: finish them as their kubelet would; the controller looks again
  // after the grace period its own status update started.
  finishTerminatingPods('ns1');
  c.clock.step(5_000);
  await c.settle();
  for (const [g, r] of [['', 'configmaps'], ['', 'secrets'], ['', 'pods'], ['', 'services'], ['apps', 'deployments'], ['apps', 'replicasets']] as const)
    assert.equal(count(g, r, 'ns1'), 0, `${r} left in ns1`);
  assert.equal(getNs('ns1'), undefined, 'the finalized namespace is removed');
  const gone = await c.req('GET', '/api/v1/namespaces/ns1');
  assert.equal(gone.status, 404);
});

test('graceful pods: the namespace waits for them, reporting what remains in its conditions', async () => {
  nsClient().create('', { metadata: { name: 'ns2' } });
  c.client.resource('', 'pods').create('ns2', pod('bound', { nodeName: 'ghost-node', terminationGracePeriodSeconds: 30 }));
  c.client.resource('', 'configmaps').create('ns2', configMap('cfg'));
  await c.settle();
  await c.req('DELETE', '/api/v1/namespaces/ns2');
  c.clock.step(5_000);
  await c.settle();
  assert.equal(count('', 'configmaps', 'ns2'), 0);
  const p = c.client.resource('', 'pods').get('ns2', 'bound');
  assert.ok(p.metadata.deletionTimestamp, 'the bound pod is terminating gracefully');
  const ns = getNs('ns2')!;
  assert.equal(ns.status.phase, 'Terminating');
  assert.deepEqual(
    (ns.status.conditions as any[]).map((x) => [x.type, x.status, x.reason]),
    [
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted'],
      ['NamespaceContentRemaining', 'True', 'SomeResourcesRemain'],
      ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers'],
    ],
  );
  assert.equal(condition(ns, 'NamespaceContentRemaining').message, 'Some resources are remaining: pods. has 1 resource instances');
  assert.equal(condition(ns, 'NamespaceDeletionContentFailure').message, 'All content successfully deleted, may be waiting on finalization');
  assert.equal(condition(ns, 'NamespaceContentRemaining').lastTransitionTime, rfc3339(c.clock.now()));
  // The kubelet finishes the pod. The controller looks again after estimate/2+1 = 16 s, or sooner:
  // its own status update re-queued the namespace after the 5 s grace period, as upstream's informer does.
  c.client.resource('', 'pods').delete('ns2', 'bound', { gracePeriodSeconds: 0 });
  c.clock.step(4_000);
  await c.settle();
  assert.ok(getNs('ns2'), 'not yet rechecked');
  c.clock.step(1_000);
  await c.settle();
  assert.equal(getNs('ns2'), undefined);
});

test('a pod that outlives its grace period is reported as a content deletion failure', async () => {
  nsClient().create('', { metadata: { name: 'ns5' } });
  c.client.resource('', 'pods').create('ns5', pod('stuck', { nodeName: 'ghost-node', terminationGracePeriodSeconds: 10 }));
  await c.settle();
  await c.req('DELETE', '/api/v1/namespaces/ns5');
  c.clock.step(5_000);
  await c.settle();
  assert.equal(condition(getNs('ns5')!, 'NamespaceDeletionContentFailure').status, 'False');
  // No kubelet removes the pod: once the estimate has passed, what remains is unexpected.
  c.clock.step(10_000);
  await c.settle();
  const ns = getNs('ns5')!;
  const failure = condition(ns, 'NamespaceDeletionContentFailure');
  assert.equal(failure.status, 'True');
  assert.equal(failure.reason, 'ContentDeletionFailed');
  assert.equal(failure.message, 'Failed to delete all resource types, 1 remaining: unexpected items still remain in namespace: ns5 for gvr: { v1 pods}');
  c.client.resource('', 'pods').delete('ns5', 'stuck', { gracePeriodSeconds: 0 });
  c.clock.step(60_000);
  await c.settle();
  assert.equal(getNs('ns5'), undefined);
});

test('content with finalizers holds the namespace; NamespaceFinalizersRemaining names them', async () => {
  nsClient().create('', { metadata: { name: 'ns3' } });
  c.client.resource('', 'configmaps').create('ns3', { ...configMap('held'), metadata: { name: 'held', finalizers: ['example.com/hold'] } });
  await c.settle();
  await c.req('DELETE', '/api/v1/namespaces/ns3');
  c.clock.step(5_000);
  await c.settle();
  const held = c.client.resource('', 'configmaps').get('ns3', 'held');
  assert.ok(held.metadata.deletionTimestamp);
  const ns = getNs('ns3')!;
  assert.equal(condition(ns, 'NamespaceContentRemaining').message, 'Some resources are remaining: configmaps. has 1 resource instances');
  assert.equal(condition(ns, 'NamespaceFinalizersRemaining').status, 'True');
  assert.equal(condition(ns, 'NamespaceFinalizersRemaining').reason, 'SomeFinalizersRemain');
  assert.equal(
    condition(ns, 'NamespaceFinalizersRemaining').message,
    'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances',
  );
  c.client.resource('', 'configmaps').patch('ns3', 'held', 'merge', { metadata: { finalizers: null } });
  // finalizerEstimateSeconds 15: rechecked after 8 s.
  c.clock.step(8_000);
  await c.settle();
  assert.equal(getNs('ns3'), undefined);
});

test('a namespace with another spec finalizer stays Terminating after the controller removes its own', async () => {
  const created = nsClient().create('', { metadata: { name: 'ns4' }, spec: { finalizers: ['kubernetes', 'example.com/other'] } });
  assert.deepEqual(created.spec, { finalizers: ['kubernetes', 'example.com/other'] });
  await c.req('DELETE', '/api/v1/namespaces/ns4');
  c.clock.step(5_000);
  await c.settle();
  const ns = getNs('ns4')!;
  assert.deepEqual(ns.spec.finalizers, ['example.com/other']);
  assert.equal(ns.status.phase, 'Terminating');
  const fin = await c.req('PUT', '/api/v1/namespaces/ns4/finalize', { ...ns, spec: { finalizers: [] } });
  assert.equal(fin.status, 200);
  assert.equal(getNs('ns4'), undefined);
});

test('the default namespaces may not be deleted', async () => {
  for (const name of ['default', 'kube-system', 'kube-public']) {
    const r = await c.req('DELETE', `/api/v1/namespaces/${name}`);
    assert.equal(r.status, 403);
    assert.equal(r.body.reason, 'Forbidden');
    assert.equal(r.body.message, `namespaces "${name}" is forbidden: this namespace may not be deleted`);
    assert.deepEqual(r.body.details, { name, kind: 'namespaces' });
    assert.equal(getNs(name)!.status.phase, 'Active');
  }
});
