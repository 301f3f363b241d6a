/** RollingUpdate scenarios of upstream test/e2e/apps/deployment.go, with the invariant checker. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, deployment, type TestCluster } from '../helpers/cluster.js';
import { markPodsReady } from '../helpers/pods.js';
import { checkInvariants, driveRollout, eventsFor, getDeployment, podsOf, replicaSetsOf } from '../helpers/deployments.js';
import type { ReplicaSetT } from '../../src/api/apps/replicaset.js';

let c: TestCluster;
before(async () => {
  c = await testCluster({ scheduler: false });
});
after(async () => {
  await c.stop();
});

const deps = () => c.client.resource('apps', 'deployments');
const setImage = (name: string, image: string) => deps().patch('default', name, 'strategic', { spec: { template: { spec: { containers: [{ name: 'web', image }] } } } });
const rev = (rs: ReplicaSetT) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'];

test('a new deployment creates <name>-<hash> with the hash label, annotations and a ScalingReplicaSet event', async () => {
  deps().create('default', deployment('hello', { replicas: 3 }), {});
  await driveRollout(c, 'default', 'hello');
  const [rs] = replicaSetsOf(c, 'default', 'hello');
  const hash = rs.metadata.labels!['pod-template-hash'];
  assert.equal(rs.metadata.name, `hello-${hash}`);
  assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]+$/);
  assert.equal(rs.spec!.selector.matchLabels!['pod-template-hash'], hash);
  assert.equal(rs.spec!.template!.metadata!.labels!['pod-template-hash'], hash);
  assert.deepEqual(rs.metadata.ownerReferences!.map((r) => [r.kind, r.name, r.controller, r.blockOwnerDeletion]), [['Deployment', 'hello', true, true]]);
  assert.equal(rev(rs), '1');
  assert.equal(rs.metadata.annotations!['deployment.kubernetes.io/desired-replicas'], '3');
  assert.equal(rs.metadata.annotations!['deployment.kubernetes.io/max-replicas'], '4');
  const d = getDeployment(c, 'default', 'hello');
  assert.equal(d.metadata.annotations!['deployment.kubernetes.io/revision'], '1');
  assert.deepEqual(d.status, {
    observedGeneration: 1,
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    conditions: d.status!.conditions,
  });
  const cond = Object.fromEntries(d.status!.conditions!.map((x) => [x.type, `${x.status} ${x.reason} ${x.message}`]));
  assert.deepEqual(cond, {
    Available: 'True MinimumReplicasAvailable Deployment has minimum availability.',
    Progressing: `True NewReplicaSetAvailable ReplicaSet "${rs.metadata.name}" has successfully progressed.`,
  });
  assert.deepEqual(eventsFor(c, 'default', 'hello'), [`Normal ScalingReplicaSet Scaled up replica set ${rs.metadata.name} from 0 to 3`]);
  // The same template always hashes the same: the hash is stable across clusters.
  const c2 = await testCluster({ scheduler: false, controllers: true });
  try {
    c2.client.resource('apps', 'deployments').create('default', deployment('hello', { replicas: 3 }), {});
    await c2.settle();
    assert.equal((c2.client.resource('apps', 'replicasets').list('default').items[0] as ReplicaSetT).metadata.name, rs.metadata.name);
  } finally {
    await c2.stop();
  }
});

test('RollingUpdate replaces every old pod, within maxSurge and maxUnavailable at every step', async () => {
  deps().create('default', deployment('roll', { replicas: 4, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } }), {});
  await driveRollout(c, 'default', 'roll');
  const before = new Set(podsOf(c, 'default', 'roll').map((p) => p.metadata.name));
  setImage('roll', 'nginx:1.28');
  const steps = await driveRollout(c, 'default', 'roll');
  assert.ok(steps >= 2, `took ${steps} steps`);
  const pods = podsOf(c, 'default', 'roll');
  assert.equal(pods.length, 4);
  assert.ok(pods.every((p) => !before.has(p.metadata.name)), 'every old pod replaced');
  const [oldRS, newRS] = replicaSetsOf(c, 'default', 'roll');
  assert.deepEqual([rev(oldRS), oldRS.spec!.replicas, rev(newRS), newRS.spec!.replicas], ['1', 0, '2', 4]);
  assert.ok(pods.every((p) => p.metadata.labels!['pod-template-hash'] === newRS.metadata.labels!['pod-template-hash']));
  const d = getDeployment(c, 'default', 'roll');
  assert.equal(d.metadata.annotations!['deployment.kubernetes.io/revision'], '2');
  const events = eventsFor(c, 'default', 'roll');
  assert.ok(events.includes(`Normal ScalingReplicaSet Scaled up replica set ${newRS.metadata.name} from 0 to 1`), events.join('\n'));
  assert.ok(events.includes(`Normal ScalingReplicaSet Scaled down replica set ${oldRS.metadata.name} from 4 to 3`), events.join('\n'));
  assert.ok(events.some((e) => e.endsWith(`Scaled down replica set ${oldRS.metadata.name} from 1 to 0`)), events.join('\n'));
});

test('rollover: a second template while the first never becomes ready (maxUnavailable 0, maxSurge 1, minReadySeconds 10)', async () => {
  // An orphan ReplicaSet with ready pods, adopted by the deployment (upstream testRolloverDeployment).
  const podLabels = { name: 'rollover-pod' };
  c.client.resource('apps', 'replicasets').create('default', {
    metadata: { name: 'test-rollover-controller', labels: { ...podLabels } },
    spec: { replicas: 1, selector: { matchLabels: podLabels }, template: { metadata: { labels: { ...podLabels } }, spec: { containers: [{ name: 'httpd', image: 'httpd:2.4' }] } } },
  });
  await c.settle();
  markPodsReady(c, 'default', 'name=rollover-pod');
  await c.settle();
  c.clock.step(11_000);
  await c.settle();
  deps().create('default', {
    metadata: { name: 'test-rollover-deployment' },
    spec: {
      replicas: 1,
      minReadySeconds: 10,
      selector: { matchLabels: podLabels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: { metadata: { labels: { ...podLabels } }, spec: { containers: [{ name: 'redis-slave', image: 'gcr.io/google_samples/gb-redisslave:nonexistent' }] } },
    },
  });
  await c.settle();
  checkInvariants(c, 'default', 'test-rollover-deployment', 'after create', 1);
  let rss = replicaSetsOf(c, 'default', 'test-rollover-deployment');
  assert.equal(rss.length, 2, 'the orphan is adopted and a new RS created');
  const adopted = rss.find((r) => r.metadata.name === 'test-rollover-controller')!;
  assert.ok(adopted, 'adopted');
  const bad = rss.find((r) => r !== adopted)!;
  assert.equal(bad.spec!.replicas, 1, 'maxSurge 1 lets the new RS start one pod');
  assert.equal(adopted.spec!.replicas, 1, 'maxUnavailable 0 keeps the old pod');
  // Pods of the bad RS become ready but not for minReadySeconds: roll over to a good template.
  markPodsReady(c, 'default', `pod-template-hash=${bad.metadata.labels!['pod-template-hash']}`);
  await c.settle();
  c.clock.step(5000);
  await c.settle();
  deps().patch('default', 'test-rollover-deployment', 'strategic', { spec: { template: { spec: { containers: [{ name: 'redis-slave', image: 'redis:7' }] } } } });
  await driveRollout(c, 'default', 'test-rollover-deployment');
  rss = replicaSetsOf(c, 'default', 'test-rollover-deployment');
  const newest = rss.at(-1)!;
  assert.equal(newest.spec!.replicas, 1);
  for (const r of rss.slice(0, -1)) assert.equal(r.spec!.replicas, 0, `${r.metadata.name} scaled to 0`);
  assert.equal(podsOf(c, 'default', 'test-rollover-deployment').length, 1);
});

test('revisionHistoryLimit 0 deletes every old ReplicaSet once the rollout completes', async () => {
  deps().create('default', deployment('cleanup', { replicas: 2, revisionHistoryLimit: 0 }), {});
  await driveRollout(c, 'default', 'cleanup');
  for (const image of ['nginx:1.28', 'nginx:1.29']) {
    setImage('cleanup', image);
    await driveRollout(c, 'default', 'cleanup');
  }
  await c.settle();
  const rss = replicaSetsOf(c, 'default', 'cleanup');
  assert.deepEqual(rss.map(rev), ['3']);
  assert.equal(c.client.resource('apps', 'replicasets').list('default', { labelSelector: 'app=cleanup' }).items.length, 1);
});

test('status endpoints: GET and PUT /status; spec changes through /status are ignored', async () => {
  const r = await c.req('GET', '/apis/apps/v1/namespaces/default/deployments/roll/status');
  assert.equal(r.status, 200);
  assert.equal(r.body.status.replicas, 4);
  assert.equal(r.body.status.observedGeneration, r.body.metadata.generation);
  const put = await c.req('PUT', '/apis/apps/v1/namespaces/default/deployments/roll/status', { ...r.body, spec: { ...r.body.spec, replicas: 9 } });
  assert.equal(put.status, 200);
  assert.equal(put.body.spec.replicas, 4);
});
