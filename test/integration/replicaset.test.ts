import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, type TestCluster } from '../helpers/cluster.js';
import { markPodsReady } from '../helpers/pods.js';
import type { KObject } from '../../src/api/meta.js';

let c: TestCluster;
before(async () => {
  c = await testCluster();
});
after(async () => {
  await c.stop();
});

const replicaSet = (name: string, replicas: number, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name, tier: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    ...extra,
  },
});

const rsClient = () => c.client.resource('apps', 'replicasets');
const podClient = () => c.client.resource('', 'pods');
/** Pods not being deleted (a scheduled pod lingers, terminating, until its kubelet confirms). */
const podsOf = (app: string, ns = 'default') => (podClient().list(ns, { labelSelector: `app=${app}` }).items as any[]).filter((p) => !p.metadata.deletionTimestamp);
const getRS = (name: string, ns = 'default') => rsClient().get(ns, name) as any;
const events = (name: string, ns = 'default') =>
  (c.client.resource('', 'events').list(ns, { fieldSelector: `involvedObject.name=${name}` }).items as any[]).map((e) => `${e.type} ${e.reason} ${e.message}`);
const scale = (name: string, replicas: number) => rsClient().patch('default', name, 'merge', { spec: { replicas } });

async function create(body: unknown, ns = 'default'): Promise<KObject> {
  const r = await c.req('POST', `/apis/apps/v1/namespaces/${ns}/replicasets`, body);
  assert.equal(r.status, 201, r.text);
  await c.settle();
  return r.body;
}

test('a new ReplicaSet gets its pods: generateName, template labels, controller reference, status, events', async () => {
  const rs = await create(replicaSet('web', 3));
  const pods = podsOf('web');
  assert.equal(pods.length, 3);
  for (const p of pods) {
    assert.match(p.metadata.name, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.equal(p.metadata.generateName, 'web-');
    assert.deepEqual(p.metadata.labels, { app: 'web', tier: 'web' });
    assert.deepEqual(p.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    assert.equal(p.spec.containers[0].image, 'nginx:1.27');
  }
  assert.deepEqual(getRS('web').status, { replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  const ev = events('web');
  assert.deepEqual(ev.sort(), pods.map((p) => `Normal SuccessfulCreate Created pod: ${p.metadata.name}`).sort());
  const one = (c.client.resource('', 'events').list('default', { fieldSelector: 'involvedObject.name=web' }).items as any[])[0];
  assert.equal(one.source.component, 'replicaset-controller');
  assert.equal(one.involvedObject.kind, 'ReplicaSet');
  assert.equal(one.involvedObject.uid, rs.metadata.uid);
});

test('status follows pod readiness; a deleted pod is replaced', async () => {
  markPodsReady(c, 'default', 'app=web');
  await c.settle();
  assert.deepEqual(getRS('web').status, { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  const victim = podsOf('web')[0].metadata.name;
  podClient().delete('default', victim);
  await c.settle();
  const pods = podsOf('web');
  assert.equal(pods.length, 3);
  assert.ok(!pods.some((p) => p.metadata.name === victim));
  assert.deepEqual(getRS('web').status, { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
});

test('scale up, then scale down deletes the not-ready pods first', async () => {
  const ready = podsOf('web')
    .filter((p) => p.status?.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True'))
    .map((p) => p.metadata.name)
    .sort();
  assert.equal(ready.length, 2);
  scale('web', 6);
  await c.settle();
  assert.equal(podsOf('web').length, 6);
  assert.equal(getRS('web').status.observedGeneration, 2);
  scale('web', 2);
  await c.settle();
  const left = podsOf('web').map((p) => p.metadata.name).sort();
  assert.deepEqual(left, ready);
  assert.equal(events('web').filter((e) => e.startsWith('Normal SuccessfulDelete Deleted pod: ')).length, 4);
  assert.deepEqual(getRS('web').status, { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 3 });
});

test('a matching orphan is adopted instead of creating a pod', async () => {
  const orphan = podClient().create('default', { metadata: { name: 'stray', labels: { app: 'adopt' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
  await c.settle();
  const rs = await create(replicaSet('adopt', 2));
  const pods = podsOf('adopt');
  assert.equal(pods.length, 2);
  const stray = pods.find((p) => p.metadata.name === 'stray');
  assert.ok(stray);
  assert.equal(stray.metadata.uid, orphan.metadata.uid);
  assert.deepEqual(stray.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'adopt', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
  // Only the template-labelled pod counts as fully labelled.
  assert.deepEqual(getRS('adopt').status, { replicas: 2, fullyLabeledReplicas: 1, observedGeneration: 1 });
  // A pod owned by another controller is left alone.
  podClient().create('default', {
    metadata: { name: 'owned-elsewhere', labels: { app: 'adopt' }, ownerReferences: [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'x', uid: '1234', controller: true }] },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
  });
  await c.settle();
  assert.equal(podsOf('adopt').length, 3);
  assert.equal(getRS('adopt').status.replicas, 2);
});

test('a pod whose labels stop matching is released and replaced', async () => {
  await create(replicaSet('rel', 2));
  const [first] = podsOf('rel');
  podClient().patch('default', first.metadata.name, 'merge', { metadata: { labels: { app: 'elsewhere' } } });
  await c.settle();
  const released = podClient().get('default', first.metadata.name) as any;
  // (Upstream's server drops the emptied list; ours may keep it empty.)
  assert.equal(released.metadata.ownerReferences?.length ?? 0, 0);
  const pods = podsOf('rel');
  assert.equal(pods.length, 2);
  assert.ok(!pods.some((p) => p.metadata.name === first.metadata.name));
  // Putting the label back makes it an orphan to adopt again; the surplus pod is deleted.
  podClient().patch('default', first.metadata.name, 'merge', { metadata: { labels: { app: 'rel' } } });
  await c.settle();
  const after = podsOf('rel');
  assert.equal(after.length, 2);
  const back = podClient().get('default', first.metadata.name) as any;
  if (after.some((p) => p.metadata.name === first.metadata.name)) assert.equal(back.metadata.ownerReferences[0].name, 'rel');
});

test('availableReplicas waits for minReadySeconds on the clock', async () => {
  await create(replicaSet('slow', 2, { minReadySeconds: 10 }));
  markPodsReady(c, 'default', 'app=slow');
  await c.settle();
  assert.equal(getRS('slow').status.readyReplicas, 2);
  assert.equal(getRS('slow').status.availableReplicas, undefined);
  c.clock.step(5_000);
  await c.settle();
  assert.equal(getRS('slow').status.availableReplicas, undefined);
  c.clock.step(6_000);
  await c.settle();
  assert.equal(getRS('slow').status.availableReplicas, 2);
});

test('a template change does not touch existing pods', async () => {
  await create(replicaSet('tmpl', 2));
  const before = podsOf('tmpl').map((p) => `${p.metadata.name}@${p.metadata.resourceVersion}`).sort();
  const rs = getRS('tmpl');
  rs.spec.template.spec.containers[0].image = 'nginx:1.28';
  rs.spec.template.metadata.labels.release = 'v2';
  rsClient().update('default', rs);
  await c.settle();
  const after = podsOf('tmpl');
  assert.deepEqual(after.map((p) => `${p.metadata.name}@${p.metadata.resourceVersion}`).sort(), before);
  assert.ok(after.every((p) => p.spec.containers[0].image === 'nginx:1.27'));
  assert.deepEqual(getRS('tmpl').status, { replicas: 2, observedGeneration: 2 });
});

test('deletecollection of the pods: all are recreated', async () => {
  await create(replicaSet('dc', 3));
  const before = podsOf('dc').map((p) => p.metadata.name);
  const r = await c.req('DELETE', '/api/v1/namespaces/default/pods?labelSelector=app%3Ddc');
  assert.equal(r.status, 200, r.text);
  await c.settle();
  const after = podsOf('dc').map((p) => p.metadata.name);
  assert.equal(after.length, 3);
  assert.ok(after.every((n) => !before.includes(n)));
  assert.equal(events('dc').filter((e) => e.includes('SuccessfulCreate')).length, 6);
});

test('a ReplicaSet being deleted creates no pods', async () => {
  await create(replicaSet('gone', 2, {}));
  rsClient().patch('default', 'gone', 'merge', { metadata: { finalizers: ['example.com/hold'] } });
  rsClient().delete('default', 'gone', { propagationPolicy: 'Orphan' });
  await c.settle();
  const rs = getRS('gone');
  assert.ok(rs.metadata.deletionTimestamp);
  for (const p of podsOf('gone')) podClient().delete('default', p.metadata.name, { gracePeriodSeconds: 0 });
  await c.settle();
  assert.equal(podsOf('gone').length, 0);
  assert.equal(getRS('gone').status.replicas, 0);
  rsClient().patch('default', 'gone', 'merge', { metadata: { finalizers: null } });
  await c.settle();
});

test('kubectl describe style: events for the ReplicaSet by field selector over HTTP', async () => {
  const r = await c.req('GET', '/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dweb,involvedObject.kind%3DReplicaSet');
  assert.equal(r.status, 200);
  const reasons = new Set(r.body.items.map((e: any) => e.reason));
  assert.deepEqual([...reasons].sort(), ['SuccessfulCreate', 'SuccessfulDelete']);
  assert.ok(r.body.items.every((e: any) => e.reportingComponent === 'replicaset-controller'));
});

test('the controller records no sync errors', () => {
  const rsc = c.controllers.controllers.find((x) => x.name === 'replicaset-controller')!;
  assert.deepEqual(rsc.errors.map((e) => String(e.error)), []);
});
