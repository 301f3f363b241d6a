import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, type TestCluster } from '../helpers/cluster.js';
import { ReplicaSetController } from '../../src/controllers/replicaset/controller.js';
import { RealPodControl, type PodControl, type PodTemplate } from '../../src/controllers/replicaset/pod-control.js';
import type { KObject, OwnerReferenceT } from '../../src/api/meta.js';

/**
 * A PodControl like upstream's FakePodControl.CreateLimit, but real: past the limit it sends a pod
 * without containers, which the API server rejects, so the FailedCreate path runs end to end.
 */
class LimitedPodControl implements PodControl {
  calls = 0;
  created = 0;
  constructor(
    private readonly real: RealPodControl,
    public limit: number,
  ) {}
  createPods(namespace: string, template: PodTemplate, owner: KObject, ref: OwnerReferenceT): void {
    this.calls++;
    if (this.created >= this.limit) return this.real.createPods(namespace, { ...template, spec: { ...template.spec, containers: [] } }, owner, ref);
    this.real.createPods(namespace, template, owner, ref);
    this.created++;
  }
  deletePod(namespace: string, name: string, owner: KObject): void {
    this.real.deletePod(namespace, name, owner);
  }
  patchPod(namespace: string, name: string, patch: unknown): void {
    this.real.patchPod(namespace, name, patch);
  }
}

let c: TestCluster;
let pc: LimitedPodControl;
before(async () => {
  c = await testCluster({ controllers: false });
  const ctx = c.controllers.context;
  pc = new LimitedPodControl(new RealPodControl(ctx.client, ctx.recorder('replicaset-controller')), 5);
  c.controllers.add(new ReplicaSetController(ctx, { podControl: pc, burstReplicas: 500 }));
  c.controllers.start();
});
after(async () => {
  await c.stop();
});

test('create failures: slow start stops early, ReplicaFailure condition and FailedCreate events, recovery', async () => {
  const r = await c.req('POST', '/apis/apps/v1/namespaces/default/replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'quota' },
    spec: { replicas: 20, selector: { matchLabels: { app: 'quota' } }, template: { metadata: { labels: { app: 'quota' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  assert.equal(r.status, 201);
  await c.settle();
  const pods = () => c.client.resource('', 'pods').list('default', { labelSelector: 'app=quota' }).items;
  assert.equal(pods().length, 5);
  // Batches 1, 2, 4: the third batch had 2 failures, so no batch of 8 was tried.
  assert.ok(pc.calls >= 7 && pc.calls < 12, `create calls: ${pc.calls}`);
  const rs = c.client.resource('apps', 'replicasets').get('default', 'quota') as any;
  assert.equal(rs.status.replicas, 5);
  const cond = rs.status.conditions;
  assert.equal(cond.length, 1);
  assert.equal(cond[0].type, 'ReplicaFailure');
  assert.equal(cond[0].status, 'True');
  assert.equal(cond[0].reason, 'FailedCreate');
  assert.match(cond[0].message, /is invalid: spec\.containers: Required value/);
  assert.equal(cond[0].lastTransitionTime, '2024-01-01T00:00:00Z');
  const evs = c.client.resource('', 'events').list('default', { fieldSelector: 'involvedObject.name=quota' }).items as any[];
  const failed = evs.filter((e) => e.reason === 'FailedCreate');
  assert.ok(failed.length >= 1);
  assert.equal(failed[0].type, 'Warning');
  assert.match(failed[0].message, /^Error creating: Pod "quota-[a-z0-9]{5}" is invalid: spec\.containers: Required value/);
  assert.equal(evs.filter((e) => e.reason === 'SuccessfulCreate').length, 5);

  // The quota goes away: the retry (with backoff on the cluster clock) creates the rest and clears the condition.
  pc.limit = Infinity;
  c.clock.step(60_000);
  await c.settle();
  assert.equal(pods().length, 20);
  const fixed = c.client.resource('apps', 'replicasets').get('default', 'quota') as any;
  assert.equal(fixed.status.replicas, 20);
  assert.equal(fixed.status.conditions, undefined);
});

test('burstReplicas caps the pods created in one sync', async () => {
  const c2 = await testCluster({ controllers: false });
  try {
    const ctx = c2.controllers.context;
    const counting = new LimitedPodControl(new RealPodControl(ctx.client, ctx.recorder('replicaset-controller')), Infinity);
    const perSync: number[] = [];
    class Recording extends ReplicaSetController {
      override sync(key: string) {
        const before = counting.calls;
        try {
          return super.sync(key);
        } finally {
          perSync.push(counting.calls - before);
        }
      }
    }
    c2.controllers.add(new Recording(ctx, { podControl: counting, burstReplicas: 3 }));
    c2.controllers.start();
    const r = await c2.req('POST', '/apis/apps/v1/namespaces/default/replicasets', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'burst' },
      spec: { replicas: 10, selector: { matchLabels: { app: 'burst' } }, template: { metadata: { labels: { app: 'burst' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    assert.equal(r.status, 201);
    await c2.settle();
    assert.equal(c2.client.resource('', 'pods').list('default', { labelSelector: 'app=burst' }).items.length, 10);
    assert.equal(Math.max(...perSync), 3);
    assert.deepEqual(perSync.filter((n) => n > 0), [3, 3, 3, 1]);
  } finally {
    await c2.stop();
  }
});
