/**
 * Iterative random rollouts (upstream testIterativeDeployments) with seeded randomness: new
 * templates, undo, scaling, pause/resume, and random subsets of pods becoming ready. Pods never
 * exceed replicas + maxSurge after any step, and the deployment converges at the end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, deployment } from '../helpers/cluster.js';
import { markPodsReady } from '../helpers/pods.js';
import { driveRollout, getDeployment, podsOf, replicaSetsOf, undoPatch } from '../helpers/deployments.js';
import { maxSurge } from '../../src/controllers/deployment/util.js';
import { seededRandom } from '../../src/util/random.js';

for (const seed of [1, 7, 2024]) {
  test(`iterative random rollouts converge (seed ${seed})`, async () => {
    const c = await testCluster({ scheduler: false });
    const rnd = seededRandom(seed);
    const deps = c.client.resource('apps', 'deployments');
    const ns = 'default';
    const name = 'iter';
    const log: string[] = [];
    try {
      deps.create(ns, deployment(name, { replicas: 6 }), {});
      await driveRollout(c, ns, name);
      for (let i = 0; i < 20; i++) {
        const d = getDeployment(c, ns, name);
        switch (rnd.int(5)) {
          case 0: {
            log.push(`${i}: new rollout`);
            deps.patch(ns, name, 'strategic', { spec: { template: { spec: { containers: [{ name: 'web', env: [{ name: 'A', value: String(i) }] }] } } } });
            break;
          }
          case 1: {
            const rss = replicaSetsOf(c, ns, name);
            const current = d.metadata.annotations?.['deployment.kubernetes.io/revision'];
            const prev = rss.filter((r) => r.metadata.annotations?.['deployment.kubernetes.io/revision'] !== current).at(-1);
            if (!prev) break;
            log.push(`${i}: undo to ${prev.metadata.name}`);
            deps.patch(ns, name, 'json', undoPatch(d, prev));
            break;
          }
          case 2: {
            const replicas = rnd.int(10);
            log.push(`${i}: scale to ${replicas}`);
            deps.patch(ns, name, 'strategic', { spec: { replicas } });
            break;
          }
          case 3: {
            log.push(`${i}: ${d.spec!.paused ? 'resume' : 'pause'}`);
            deps.patch(ns, name, 'strategic', { spec: { paused: !d.spec!.paused } });
            break;
          }
          default:
            log.push(`${i}: nothing`);
        }
        await c.settle();
        const cur = getDeployment(c, ns, name);
        const pods = podsOf(c, ns, name);
        assert.ok(pods.length <= cur.spec!.replicas! + maxSurge(cur), `${log.join('; ')}: ${pods.length} pods for ${cur.spec!.replicas}`);
        const some = pods.filter(() => rnd.int(2) === 0).map((p) => p.metadata.name!);
        if (some.length) markPodsReady(c, ns, undefined, { names: some });
        await c.settle();
        c.clock.step(1000 + rnd.int(5000));
      }
      if (getDeployment(c, ns, name).spec!.paused) deps.patch(ns, name, 'strategic', { spec: { paused: false } });
      await driveRollout(c, ns, name, { invariants: false });
      const d = getDeployment(c, ns, name);
      const rss = replicaSetsOf(c, ns, name);
      const active = rss.filter((r) => r.spec!.replicas! > 0);
      assert.ok(active.length <= 1, `${log.join('; ')}: one active ReplicaSet at most`);
      if (d.spec!.replicas! > 0) assert.equal(active[0].metadata.annotations!['deployment.kubernetes.io/revision'], d.metadata.annotations!['deployment.kubernetes.io/revision']);
      assert.equal(podsOf(c, ns, name).length, d.spec!.replicas);
      if (process.env.DEBUG_ITER) console.log(log.join("\n"), JSON.stringify(replicaSetsOf(c, ns, name).map((r) => [r.spec!.replicas, r.metadata.annotations])));
      const errors = c.controllers.controllers.find((x) => x.name === 'deployment-controller')!.errors;
      assert.ok(errors.every((e) => /Conflict|modified/.test(String((e.error as Error).message))), errors.map((e) => String(e.error)).join('\n'));
    } finally {
      await c.stop();
    }
  });
}
