/** Recreate ordering, proportional scaling mid-rollout, and progressDeadlineSeconds. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, deployment, type TestCluster } from '../helpers/cluster.js';
import { markPodsReady } from '../helpers/pods.js';
import { driveRollout, eventsFor, getDeployment, podsOf, replicaSetsOf } from '../helpers/deployments.js';
import { rfc3339 } from '../../src/util/clock.js';
import type { WatchEvent } from '../../src/registry/list-watch.js';

let c: TestCluster;
before(async () => {
  c = await testCluster({ scheduler: false });
});
after(async () => {
  await c.stop();
});

const deps = () => c.client.resource('apps', 'deployments');
const setImage = (name: string, image: string) => deps().patch('default', name, 'strategic', { spec: { template: { spec: { containers: [{ name: 'web', image }] } } } });

test('Recreate: no new pod is created before every old pod is gone', async () => {
  deps().create('default', deployment('recreate', { replicas: 3, strategy: { type: 'Recreate' } }), {});
  await driveRollout(c, 'default', 'recreate');
  const [oldRS] = replicaSetsOf(c, 'default', 'recreate');
  const oldHash = oldRS.metadata.labels!['pod-template-hash'];
  const live = new Set(podsOf(c, 'default', 'recreate').map((p) => p.metadata.name!));
  const violations: string[] = [];
  let newPods = 0;
  const w = c.client.resource('', 'pods').watch('default', { labelSelector: 'app=recreate', resourceVersion: getDeployment(c, 'default', 'recreate').metadata.resourceVersion }, (e: WatchEvent) => {
    const pod = e.object as { metadata: { name: string; labels: Record<string, string> } };
    if (e.type === 'DELETED') live.delete(pod.metadata.name);
    if (e.type === 'ADDED' && pod.metadata.labels['pod-template-hash'] !== oldHash) {
      newPods++;
      const old = [...live].filter((n) => n.includes(oldHash));
      if (old.length) violations.push(`${pod.metadata.name} created while ${old.join(',')} exist`);
    }
    if (e.type === 'ADDED') live.add(pod.metadata.name);
  });
  setImage('recreate', 'nginx:1.28');
  await driveRollout(c, 'default', 'recreate', { invariants: false });
  w.stop();
  assert.deepEqual(violations, []);
  assert.equal(newPods, 3);
  const [o, n] = replicaSetsOf(c, 'default', 'recreate');
  assert.deepEqual([o.spec!.replicas, n.spec!.replicas], [0, 3]);
  const events = eventsFor(c, 'default', 'recreate');
  const down = events.indexOf(`Normal ScalingReplicaSet Scaled down replica set ${o.metadata.name} from 3 to 0`);
  const up = events.indexOf(`Normal ScalingReplicaSet Scaled up replica set ${n.metadata.name} from 0 to 3`);
  assert.ok(down >= 0 && up > down, events.join('\n'));
});

test('proportional scaling: 10 replicas, maxSurge 3, maxUnavailable 2, scaled to 15 mid-rollout', async () => {
  deps().create('default', deployment('prop', { replicas: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }), {});
  await driveRollout(c, 'default', 'prop');
  // A template whose pods never become ready: the rollout stops at 8 old + 5 new.
  setImage('prop', 'webserver:404');
  await c.settle();
  let [oldRS, newRS] = replicaSetsOf(c, 'default', 'prop');
  assert.deepEqual([oldRS.spec!.replicas, newRS.spec!.replicas], [8, 5]);
  assert.equal(podsOf(c, 'default', 'prop').length, 13);
  // Scale through the scale subresource, as kubectl scale does.
  const r = await c.req('PATCH', '/apis/apps/v1/namespaces/default/deployments/prop/scale', { spec: { replicas: 15 } }, { 'content-type': 'application/merge-patch+json' });
  assert.equal(r.status, 200);
  await c.settle();
  [oldRS, newRS] = replicaSetsOf(c, 'default', 'prop');
  // allowed 15 + 3 = 18, 5 to add: old round(8*18/13) = 11 (+3), new round(5*18/13) = 7 (+2).
  assert.deepEqual([oldRS.spec!.replicas, newRS.spec!.replicas], [11, 7]);
  for (const rs of [oldRS, newRS]) {
    assert.equal(rs.metadata.annotations!['deployment.kubernetes.io/desired-replicas'], '15');
    assert.equal(rs.metadata.annotations!['deployment.kubernetes.io/max-replicas'], '18');
  }
  const events = eventsFor(c, 'default', 'prop');
  assert.ok(events.includes(`Normal ScalingReplicaSet Scaled up replica set ${oldRS.metadata.name} from 8 to 11`), events.join('\n'));
  assert.ok(events.includes(`Normal ScalingReplicaSet Scaled up replica set ${newRS.metadata.name} from 5 to 7`), events.join('\n'));
  // Fix the template and let it finish.
  setImage('prop', 'nginx:1.29');
  await driveRollout(c, 'default', 'prop');
  assert.equal(podsOf(c, 'default', 'prop').length, 15);
});

test('progressDeadlineSeconds: ProgressDeadlineExceeded when the new pods never become ready', async () => {
  deps().create('default', deployment('stuck', { replicas: 2, progressDeadlineSeconds: 30 }), {});
  await c.settle();
  let d = getDeployment(c, 'default', 'stuck');
  const [rs] = replicaSetsOf(c, 'default', 'stuck');
  const prog = () => getDeployment(c, 'default', 'stuck').status!.conditions!.find((x) => x.type === 'Progressing')!;
  // Created, then progressing as the new RS reports its pods.
  assert.deepEqual([prog().status, prog().reason, prog().message], ['True', 'ReplicaSetUpdated', `ReplicaSet "${rs.metadata.name}" is progressing.`]);
  assert.ok(eventsFor(c, 'default', 'stuck').includes(`Normal ScalingReplicaSet Scaled up replica set ${rs.metadata.name} from 0 to 2`));
  c.clock.step(20_000);
  await c.settle();
  assert.equal(prog().status, 'True', 'not yet past the deadline');
  c.clock.step(11_000); // the controller asked to be woken at lastUpdateTime + 30s + 1s
  await c.settle();
  d = getDeployment(c, 'default', 'stuck');
  assert.deepEqual([prog().status, prog().reason, prog().message], ['False', 'ProgressDeadlineExceeded', `ReplicaSet "${rs.metadata.name}" has timed out progressing.`]);
  assert.equal(prog().lastTransitionTime, rfc3339(c.clock.now()));
  const avail = d.status!.conditions!.find((x) => x.type === 'Available')!;
  assert.deepEqual([avail.status, avail.reason, avail.message], ['False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.']);
  // Progress after the deadline: ready pods make it progress again, then complete.
  markPodsReady(c, 'default', 'app=stuck');
  await c.settle();
  assert.deepEqual([prog().status, prog().reason], ['True', 'NewReplicaSetAvailable']);
});
