/** Scale subresource, pause/resume, rollback (kubectl rollout undo's patch), orphan and re-adoption. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, deployment, type TestCluster } from '../helpers/cluster.js';
import { driveRollout, eventsFor, getDeployment, podsOf, replicaSetsOf, undoPatch } from '../helpers/deployments.js';
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
const cond = (name: string, type: string) => getDeployment(c, 'default', name).status?.conditions?.find((x) => x.type === type);

test('scale subresource: GET shows the selector, PUT scales the ReplicaSet', async () => {
  deps().create('default', deployment('scaled', { replicas: 2 }), {});
  await driveRollout(c, 'default', 'scaled');
  const g = await c.req('GET', '/apis/apps/v1/namespaces/default/deployments/scaled/scale');
  assert.equal(g.status, 200);
  assert.equal(g.body.kind, 'Scale');
  assert.equal(g.body.apiVersion, 'autoscaling/v1');
  assert.deepEqual(g.body.spec, { replicas: 2 });
  assert.deepEqual(g.body.status, { replicas: 2, selector: 'app=scaled' });
  const p = await c.req('PUT', '/apis/apps/v1/namespaces/default/deployments/scaled/scale', { ...g.body, spec: { replicas: 5 } });
  assert.equal(p.status, 200);
  await driveRollout(c, 'default', 'scaled');
  const [rs] = replicaSetsOf(c, 'default', 'scaled');
  assert.equal(rs.spec!.replicas, 5);
  assert.equal(rs.metadata.annotations!['deployment.kubernetes.io/desired-replicas'], '5');
  assert.equal(podsOf(c, 'default', 'scaled').length, 5);
  assert.ok(eventsFor(c, 'default', 'scaled').includes(`Normal ScalingReplicaSet Scaled up replica set ${rs.metadata.name} from 2 to 5`));
  const g2 = await c.req('GET', '/apis/apps/v1/namespaces/default/deployments/scaled/scale');
  assert.deepEqual(g2.body.status, { replicas: 5, selector: 'app=scaled' });
});

test('pause: template changes wait, scaling still happens; resume rolls out', async () => {
  deps().create('default', deployment('paused', { replicas: 2 }), {});
  await driveRollout(c, 'default', 'paused');
  deps().patch('default', 'paused', 'strategic', { spec: { paused: true } });
  await c.settle();
  assert.deepEqual([cond('paused', 'Progressing')!.status, cond('paused', 'Progressing')!.reason, cond('paused', 'Progressing')!.message], ['Unknown', 'DeploymentPaused', 'Deployment is paused']);
  setImage('paused', 'nginx:1.28');
  await c.settle();
  assert.equal(replicaSetsOf(c, 'default', 'paused').length, 1, 'no new ReplicaSet while paused');
  deps().patch('default', 'paused', 'strategic', { spec: { replicas: 4 } });
  await c.settle();
  assert.equal(replicaSetsOf(c, 'default', 'paused')[0].spec!.replicas, 4, 'scaling works while paused');
  const d = getDeployment(c, 'default', 'paused');
  assert.equal(d.status!.observedGeneration, d.metadata.generation);
  deps().patch('default', 'paused', 'strategic', { spec: { paused: false } });
  await c.settle();
  const rss = replicaSetsOf(c, 'default', 'paused');
  assert.equal(rss.length, 2, 'resumed: the new ReplicaSet is created');
  assert.ok(['DeploymentResumed', 'NewReplicaSetCreated', 'ReplicaSetUpdated'].includes(cond('paused', 'Progressing')!.reason!));
  await driveRollout(c, 'default', 'paused');
  assert.deepEqual(replicaSetsOf(c, 'default', 'paused').map((r) => r.spec!.replicas), [0, 4]);
  assert.equal(cond('paused', 'Progressing')!.reason, 'NewReplicaSetAvailable');
});

test('rollback with the JSON patch kubectl rollout undo sends reuses the old ReplicaSet with revision max+1', async () => {
  deps().create('default', deployment('undo', { replicas: 3 }), {});
  await driveRollout(c, 'default', 'undo');
  deps().patch('default', 'undo', 'merge', { metadata: { annotations: { 'kubernetes.io/change-cause': 'v2' } } });
  setImage('undo', 'nginx:1.28');
  await driveRollout(c, 'default', 'undo');
  let [rs1, rs2] = replicaSetsOf(c, 'default', 'undo');
  assert.deepEqual([rev(rs1), rev(rs2)], ['1', '2']);
  assert.equal(rs2.metadata.annotations!['kubernetes.io/change-cause'], 'v2', 'change-cause is copied to the new RS');
  assert.equal(rs1.metadata.annotations!['kubernetes.io/change-cause'], undefined);
  const r = await c.req('PATCH', '/apis/apps/v1/namespaces/default/deployments/undo', undoPatch(getDeployment(c, 'default', 'undo'), rs1), { 'content-type': 'application/json-patch+json' });
  assert.equal(r.status, 200, r.text);
  await driveRollout(c, 'default', 'undo');
  const rss = replicaSetsOf(c, 'default', 'undo');
  assert.equal(rss.length, 2, 'no new ReplicaSet');
  const firstName = rs1.metadata.name;
  [rs2, rs1] = rss;
  assert.equal(rs1.metadata.name, firstName, 'the first ReplicaSet is the current one again');
  assert.deepEqual([rev(rs2), rev(rs1)], ['2', '3']);
  assert.equal(rs1.metadata.annotations!['deployment.kubernetes.io/revision-history'], '1');
  assert.deepEqual([rs1.spec!.replicas, rs2.spec!.replicas], [3, 0]);
  assert.equal(getDeployment(c, 'default', 'undo').metadata.annotations!['deployment.kubernetes.io/revision'], '3');
  assert.equal(getDeployment(c, 'default', 'undo').metadata.annotations!['kubernetes.io/change-cause'], undefined, 'annotations come from the RS rolled back to');
  assert.ok(podsOf(c, 'default', 'undo').every((p) => p.metadata.labels!['pod-template-hash'] === rs1.metadata.labels!['pod-template-hash']));
});

test('deprecated rollbackTo annotation: rolls back to the previous revision with a DeploymentRollback event', async () => {
  deps().create('default', deployment('legacy', { replicas: 1 }), {});
  await driveRollout(c, 'default', 'legacy');
  setImage('legacy', 'nginx:1.28');
  await driveRollout(c, 'default', 'legacy');
  deps().patch('default', 'legacy', 'merge', { metadata: { annotations: { 'deprecated.deployment.rollback.to': '0' } } });
  await driveRollout(c, 'default', 'legacy');
  const d = getDeployment(c, 'default', 'legacy');
  assert.equal(d.metadata.annotations!['deprecated.deployment.rollback.to'], undefined);
  assert.equal((d.spec!.template.spec!.containers[0] as { image: string }).image, 'nginx:1.27');
  assert.ok(eventsFor(c, 'default', 'legacy').includes('Normal DeploymentRollback Rolled back deployment "legacy" to revision 1'));
  deps().patch('default', 'legacy', 'merge', { metadata: { annotations: { 'deprecated.deployment.rollback.to': '42' } } });
  await c.settle();
  assert.ok(eventsFor(c, 'default', 'legacy').includes('Warning DeploymentRollbackRevisionNotFound Unable to find the revision to rollback to.'));
});

test('orphan delete keeps the ReplicaSet; a new Deployment with the same template adopts it', async () => {
  deps().create('default', deployment('orphan', { replicas: 2 }), {});
  await driveRollout(c, 'default', 'orphan');
  const [rs] = replicaSetsOf(c, 'default', 'orphan');
  const podNames = podsOf(c, 'default', 'orphan').map((p) => p.metadata.name).sort();
  const del = await c.req('DELETE', '/apis/apps/v1/namespaces/default/deployments/orphan', { propagationPolicy: 'Orphan' });
  assert.equal(del.status, 200);
  await c.settle();
  const orphaned = c.client.resource('apps', 'replicasets').get('default', rs.metadata.name!);
  assert.equal(orphaned.metadata.ownerReferences?.length ?? 0, 0, 'the ReplicaSet is orphaned');
  deps().create('default', deployment('orphan', { replicas: 2 }), {});
  await driveRollout(c, 'default', 'orphan');
  const rss = replicaSetsOf(c, 'default', 'orphan');
  assert.deepEqual(rss.map((r) => r.metadata.name), [rs.metadata.name], 'adopted, no new ReplicaSet');
  assert.equal(rss[0].metadata.ownerReferences![0].uid, getDeployment(c, 'default', 'orphan').metadata.uid);
  assert.deepEqual(podsOf(c, 'default', 'orphan').map((p) => p.metadata.name).sort(), podNames, 'the same pods');
});
