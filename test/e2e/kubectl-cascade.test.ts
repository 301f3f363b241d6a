/**
 * Real kubectl deleting owners: `delete deploy` cascading in the background (ReplicaSets and pods
 * gone), `--cascade=orphan` (dependents kept, ownerReferences removed, then adopted again by a new
 * Deployment), `--cascade=foreground` (the Deployment stays, with the foregroundDeletion finalizer,
 * until its dependents are gone), and `delete ns` of a namespace with objects in it (Terminating,
 * new content refused, contents deleted, then the namespace; `delete` waits for it).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason } from '../helpers/kubectl.js';
import { deploymentYaml, exitOf, livePods, poll, replicaSets, startRolloutEnv, type RolloutEnv } from '../helpers/rollout-env.js';

describe('kubectl delete: cascading to ReplicaSets and pods, namespaces', { skip: skipReason }, () => {
  let k: RolloutEnv;
  const allPods = (app: string, ns = 'default') => k.list('', 'pods', ns, `app=${app}`);
  const deploy = async (name: string, replicas = 2, namespace?: string) => {
    await k.ok(['apply', '-f', '-'], { stdin: deploymentYaml(name, { replicas, namespace }) });
    const ns = namespace ? ['-n', namespace] : [];
    assert.equal((await k.ok(['rollout', 'status', `deploy/${name}`, ...ns, '--timeout=10s'])).trimEnd().split('\n').at(-1), `deployment "${name}" successfully rolled out`);
  };
  before(async () => {
    k = await startRolloutEnv();
  });
  after(async () => {
    await k?.stop();
  });

  test('delete deploy (background): ReplicaSet and pods are collected', async () => {
    await deploy('web', 3);
    const pods = allPods('web').map((p) => p.metadata.name!);
    assert.equal(pods.length, 3);
    assert.equal(await k.ok(['delete', 'deploy', 'web']), 'deployment.apps "web" deleted\n');
    await poll(k, () => {
      assert.deepEqual(replicaSets(k, 'web'), []);
      assert.deepEqual(allPods('web'), []);
    });
    // The pods were deleted gracefully (bound to a node) and removed by the stand-in kubelet.
    assert.deepEqual(k.rm.removed.filter((n) => pods.includes(n)).sort(), [...pods].sort());
    const r = await k.run(['get', 'deploy,rs,pods', '-l', 'app=web']);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, 'No resources found in default namespace.\n');
  });

  test('delete --cascade=orphan keeps the ReplicaSet and pods without the owner reference; a new Deployment adopts them', async () => {
    await deploy('web', 2);
    const [rs] = replicaSets(k, 'web');
    const pods = livePods(k, 'web').map((p) => p.metadata.name!).sort();
    assert.equal(await k.ok(['delete', 'deploy', 'web', '--cascade=orphan']), 'deployment.apps "web" deleted\n');
    await poll(k, async () => {
      const got = await k.json('rs', rs!.metadata.name!);
      assert.equal(got.metadata.ownerReferences, undefined);
      assert.deepEqual(got.metadata.finalizers, undefined);
    });
    assert.equal((await k.run(['get', 'deploy', 'web'])).code, 1);
    // The pods still belong to the ReplicaSet, which keeps them running.
    assert.deepEqual(livePods(k, 'web').map((p) => p.metadata.name!).sort(), pods);
    assert.ok(livePods(k, 'web').every((p) => p.metadata.ownerReferences?.[0]?.name === rs!.metadata.name));
    assert.equal(await k.ok(['get', 'rs', rs!.metadata.name!, '-o', 'jsonpath={.spec.replicas} {.status.readyReplicas}']), '2 2');

    // Same template again: the orphan is adopted (no new ReplicaSet, same pods).
    await deploy('web', 2);
    const uid = await k.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.uid}']);
    await poll(k, () => {
      const owned = replicaSets(k, 'web');
      assert.deepEqual(owned.map((x) => x.metadata.name), [rs!.metadata.name]);
      assert.equal(owned[0]!.metadata.ownerReferences?.[0]?.uid, uid);
    });
    assert.deepEqual(livePods(k, 'web').map((p) => p.metadata.name!).sort(), pods);
  });

  test('delete --cascade=foreground: the Deployment waits, with foregroundDeletion, until its dependents are gone', async () => {
    const [rs] = replicaSets(k, 'web');
    k.rm.finishTermination = false;
    const del = k.spawn(['delete', 'deploy', 'web', '--cascade=foreground']);
    await del.waitFor('deployment.apps "web" deleted\n');
    // Pods are terminating (nobody finishes them yet), so the ReplicaSet and the Deployment stay.
    await poll(k, async () => {
      const d = await k.json('deploy', 'web');
      assert.ok(d.metadata.deletionTimestamp);
      assert.deepEqual(d.metadata.finalizers, ['foregroundDeletion']);
      const got = await k.json('rs', rs!.metadata.name!);
      assert.ok(got.metadata.deletionTimestamp);
      assert.deepEqual(got.metadata.finalizers, ['foregroundDeletion']);
      assert.equal(allPods('web').length, 2);
      assert.ok(allPods('web').every((p) => p.metadata.deletionTimestamp));
    });
    assert.equal(del.child.exitCode, null);
    k.rm.finishTermination = true;
    const r = await exitOf(k, del);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(replicaSets(k, 'web'), []);
    assert.deepEqual(allPods('web'), []);
    assert.equal((await k.run(['get', 'deploy', 'web'])).stderr, 'Error from server (NotFound): deployments.apps "web" not found\n');
  });

  test('delete ns: Terminating, new content refused, everything in it deleted, then the namespace; delete waits', async () => {
    assert.equal(await k.ok(['create', 'namespace', 'team']), 'namespace/team created\n');
    await deploy('api', 2, 'team');
    await k.ok(['create', 'configmap', 'cfg', '-n', 'team', '--from-literal=a=1']);
    await k.ok(['create', 'secret', 'generic', 'pw', '-n', 'team', '--from-literal=p=x']);
    const del = k.spawn(['delete', 'ns', 'team']);
    await del.waitFor('namespace "team" deleted\n');
    assert.equal((await k.ok(['get', 'ns', 'team', '-o', 'jsonpath={.status.phase} {.spec.finalizers}'])), 'Terminating ["kubernetes"]');
    assert.match(await k.ok(['get', 'ns', 'team']), /^NAME +STATUS +AGE\nteam +Terminating +\S+\n$/);
    const refused = await k.run(['create', 'configmap', 'late', '-n', 'team', '--from-literal=a=1']);
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr, 'error: failed to create configmap: configmaps "late" is forbidden: unable to create new content in namespace team because it is being terminated\n');
    // The namespace controller waits a few seconds before it starts, then deletes the contents.
    const r = await exitOf(k, del, { stepMs: 1000 });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'namespace "team" deleted\n');
    const gone = await k.run(['get', 'ns', 'team']);
    assert.equal(gone.stderr, 'Error from server (NotFound): namespaces "team" not found\n');
    for (const [group, resource] of [['apps', 'deployments'], ['apps', 'replicasets'], ['', 'pods'], ['', 'configmaps'], ['', 'secrets']] as const) {
      assert.deepEqual(k.list(group, resource, 'team'), [], resource);
    }
    // The same name can be used again.
    assert.equal(await k.ok(['create', 'namespace', 'team']), 'namespace/team created\n');
  });
});
