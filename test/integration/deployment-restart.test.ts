/** Hash collisions bump status.collisionCount; a restart on the same state file changes nothing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testCluster, deployment } from '../helpers/cluster.js';
import { driveRollout, getDeployment, replicaSetsOf } from '../helpers/deployments.js';
import { computeHash } from '../../src/controllers/deployment/hash.js';

test('a ReplicaSet already holding <name>-<hash> is a collision: collisionCount goes up and the next hash is used', async () => {
  const c = await testCluster({ scheduler: false });
  try {
    const deps = c.client.resource('apps', 'deployments');
    deps.create('default', deployment('coll', { replicas: 1, paused: true }), {});
    await c.settle();
    const d = getDeployment(c, 'default', 'coll');
    const taken = `coll-${computeHash(d.spec!.template)}`;
    c.client.resource('apps', 'replicasets').create('default', {
      metadata: { name: taken, labels: { other: 'x' } },
      spec: { replicas: 0, selector: { matchLabels: { other: 'x' } }, template: { metadata: { labels: { other: 'x' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
    });
    deps.patch('default', 'coll', 'strategic', { spec: { paused: false } });
    await driveRollout(c, 'default', 'coll');
    const after = getDeployment(c, 'default', 'coll');
    assert.equal(after.status!.collisionCount, 1);
    const rss = replicaSetsOf(c, 'default', 'coll');
    assert.equal(rss.length, 1);
    assert.equal(rss[0].metadata.name, `coll-${computeHash(after.spec!.template, 1)}`);
    assert.notEqual(rss[0].metadata.name, taken);
    assert.equal(c.client.resource('apps', 'replicasets').get('default', taken).metadata.ownerReferences, undefined, 'the other RS is left alone');
  } finally {
    await c.stop();
  }
});

test('after a restart on the same state file the controller finds the same ReplicaSets and writes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubemu-deploy-'));
  const data = join(dir, 'state.db');
  try {
    const c1 = await testCluster({ scheduler: false, data });
    c1.client.resource('apps', 'deployments').create('default', deployment('keep', { replicas: 2 }), {});
    await driveRollout(c1, 'default', 'keep');
    c1.client.resource('apps', 'deployments').patch('default', 'keep', 'strategic', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } } } });
    await driveRollout(c1, 'default', 'keep');
    const before = replicaSetsOf(c1, 'default', 'keep').map((r) => [r.metadata.name, r.metadata.resourceVersion]);
    const dBefore = getDeployment(c1, 'default', 'keep').metadata.resourceVersion;
    await c1.stop();
    const c2 = await testCluster({ scheduler: false, data });
    try {
      await c2.settle();
      assert.deepEqual(replicaSetsOf(c2, 'default', 'keep').map((r) => [r.metadata.name, r.metadata.resourceVersion]), before);
      assert.equal(getDeployment(c2, 'default', 'keep').metadata.resourceVersion, dBefore);
    } finally {
      await c2.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
