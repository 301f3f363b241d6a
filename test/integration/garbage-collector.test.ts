import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KObject } from '../../src/api/meta.js';
import { testCluster, configMap, type TestCluster } from '../helpers/cluster.js';

let c: TestCluster;
before(async () => {
  c = await testCluster();
});
after(async () => {
  await c.stop();
});

const cms = () => c.client.resource('', 'configmaps');
const secrets = () => c.client.resource('', 'secrets');
const get = (name: string, rc = cms()): KObject | undefined => {
  try {
    return rc.get('default', name);
  } catch {
    return undefined;
  }
};
const ownerRef = (o: KObject, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: o.metadata.name!, uid: o.metadata.uid!, ...extra });
const dependent = (name: string, refs: unknown[]) => ({ ...configMap(name), metadata: { name, ownerReferences: refs } });

test('background: deleting the owner deletes its dependents, across kinds', async () => {
  const owner = cms().create('default', configMap('bg-owner'));
  cms().create('default', dependent('bg-dep1', [ownerRef(owner)]));
  secrets().create('default', { metadata: { name: 'bg-dep2', ownerReferences: [ownerRef(owner)] }, stringData: { k: 'v' } });
  await c.settle();
  assert.ok(get('bg-dep1'), 'a dependent with a live owner stays');
  const del = await c.req('DELETE', '/api/v1/namespaces/default/configmaps/bg-owner', { propagationPolicy: 'Background' });
  assert.equal(del.status, 200);
  assert.equal(get('bg-owner'), undefined, 'the owner is gone at once');
  await c.settle();
  assert.equal(get('bg-dep1'), undefined);
  assert.equal(get('bg-dep2', secrets()), undefined);
});

test('background cascades through a chain of owners', async () => {
  const a = cms().create('default', configMap('chain-a'));
  const b = cms().create('default', dependent('chain-b', [ownerRef(a)]));
  cms().create('default', dependent('chain-c', [ownerRef(b)]));
  await c.settle();
  cms().delete('default', 'chain-a');
  await c.settle();
  assert.equal(get('chain-b'), undefined);
  assert.equal(get('chain-c'), undefined);
});

test('foreground: the owner waits (finalizer, deletionTimestamp) until blocking dependents are gone', async () => {
  const owner = cms().create('default', configMap('fg-owner'));
  cms().create('default', dependent('fg-block', [ownerRef(owner, { blockOwnerDeletion: true })]));
  cms().create('default', dependent('fg-noblock', [ownerRef(owner)]));
  // A dependent that cannot go yet: its own finalizer keeps it terminating.
  cms().create('default', { ...dependent('fg-stuck', [ownerRef(owner, { blockOwnerDeletion: true })]), metadata: { name: 'fg-stuck', finalizers: ['example.com/hold'], ownerReferences: [ownerRef(owner, { blockOwnerDeletion: true })] } });
  await c.settle();
  const del = await c.req('DELETE', '/api/v1/namespaces/default/configmaps/fg-owner', { propagationPolicy: 'Foreground' });
  assert.equal(del.status, 200);
  assert.deepEqual(del.body.metadata.finalizers, ['foregroundDeletion']);
  assert.ok(del.body.metadata.deletionTimestamp);
  await c.settle();
  assert.equal(get('fg-block'), undefined, 'blocking dependent deleted');
  assert.equal(get('fg-noblock'), undefined, 'non-blocking dependent deleted too');
  const stuck = get('fg-stuck')!;
  assert.ok(stuck.metadata.deletionTimestamp, 'the held dependent is terminating');
  const waiting = get('fg-owner')!;
  assert.ok(waiting, 'a terminating blocking dependent still blocks the owner');
  assert.deepEqual(waiting.metadata.finalizers, ['foregroundDeletion']);
  // Let the held dependent go: the owner follows.
  cms().patch('default', 'fg-stuck', 'merge', { metadata: { finalizers: null } });
  await c.settle();
  assert.equal(get('fg-stuck'), undefined);
  assert.equal(get('fg-owner'), undefined);
});

test('foreground: dependents that have dependents are deleted in the foreground themselves', async () => {
  const owner = cms().create('default', configMap('fg2-owner'));
  const mid = cms().create('default', dependent('fg2-mid', [ownerRef(owner, { blockOwnerDeletion: true })]));
  cms().create('default', { ...dependent('fg2-leaf', []), metadata: { name: 'fg2-leaf', finalizers: ['example.com/hold'], ownerReferences: [ownerRef(mid, { blockOwnerDeletion: true })] } });
  await c.settle();
  cms().delete('default', 'fg2-owner', { propagationPolicy: 'Foreground' });
  await c.settle();
  const m = get('fg2-mid')!;
  assert.ok(m.metadata.deletionTimestamp);
  assert.deepEqual(m.metadata.finalizers, ['foregroundDeletion'], 'the middle object waits for its own dependents');
  assert.ok(get('fg2-owner'), 'and so does the owner');
  cms().patch('default', 'fg2-leaf', 'merge', { metadata: { finalizers: null } });
  await c.settle();
  assert.equal(get('fg2-leaf'), undefined);
  assert.equal(get('fg2-mid'), undefined);
  assert.equal(get('fg2-owner'), undefined);
});

test('foreground with no blocking dependents: the owner goes at once, dependents after', async () => {
  const owner = cms().create('default', configMap('fg3-owner'));
  cms().create('default', dependent('fg3-dep', [ownerRef(owner, { blockOwnerDeletion: false })]));
  await c.settle();
  cms().delete('default', 'fg3-owner', { propagationPolicy: 'Foreground' });
  await c.settle();
  assert.equal(get('fg3-owner'), undefined);
  assert.equal(get('fg3-dep'), undefined);
});

test('orphan: references to the owner are removed, dependents stay, then the owner goes', async () => {
  const owner = cms().create('default', configMap('or-owner'));
  const other = cms().create('default', configMap('or-other'));
  cms().create('default', dependent('or-dep1', [ownerRef(owner, { controller: true, blockOwnerDeletion: true })]));
  cms().create('default', dependent('or-dep2', [ownerRef(other), ownerRef(owner)]));
  await c.settle();
  const del = await c.req('DELETE', '/api/v1/namespaces/default/configmaps/or-owner', { propagationPolicy: 'Orphan' });
  assert.equal(del.status, 200);
  assert.deepEqual(del.body.metadata.finalizers, ['orphan']);
  await c.settle();
  assert.equal(get('or-owner'), undefined);
  const d1 = get('or-dep1')!;
  assert.ok(d1);
  assert.deepEqual(d1.metadata.ownerReferences ?? [], []);
  const d2 = get('or-dep2')!;
  assert.deepEqual(d2.metadata.ownerReferences, [ownerRef(other)]);
  // The orphans are really orphans: nothing collects them later.
  c.clock.step(60_000);
  await c.settle();
  assert.ok(get('or-dep1'));
});

test('dangling references are collected: owner never existed, or same name with another uid', async () => {
  cms().create('default', dependent('dg-never', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'no-such-owner', uid: '00000000-0000-0000-0000-000000000001' }]));
  cms().create('default', configMap('dg-owner'));
  cms().create('default', dependent('dg-mismatch', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'dg-owner', uid: '00000000-0000-0000-0000-000000000002' }]));
  await c.settle();
  assert.equal(get('dg-never'), undefined);
  assert.equal(get('dg-mismatch'), undefined);
  assert.ok(get('dg-owner'), 'the same-named object is not touched');
});

test('a dependent whose owner is recreated under the same name is still collected (uid changed)', async () => {
  const first = cms().create('default', configMap('re-owner'));
  cms().create('default', dependent('re-dep', [ownerRef(first)]));
  await c.settle();
  // Delete and recreate within one turn: the new owner has another uid.
  cms().delete('default', 're-owner');
  cms().create('default', configMap('re-owner'));
  await c.settle();
  assert.equal(get('re-dep'), undefined);
  assert.ok(get('re-owner'));
});

test('two owners, one deleted: the dependent stays and loses only that reference', async () => {
  const a = cms().create('default', configMap('two-a'));
  const b = cms().create('default', configMap('two-b'));
  cms().create('default', dependent('two-dep', [ownerRef(a), ownerRef(b)]));
  await c.settle();
  cms().delete('default', 'two-a');
  await c.settle();
  const d = get('two-dep')!;
  assert.ok(d);
  assert.deepEqual(d.metadata.ownerReferences, [ownerRef(b)]);
  cms().delete('default', 'two-b');
  await c.settle();
  assert.equal(get('two-dep'), undefined);
});

test('a dependent of an owner deleting in the foreground, with another live owner, only loses the reference', async () => {
  const a = cms().create('default', configMap('mix-a'));
  const b = cms().create('default', configMap('mix-b'));
  cms().create('default', dependent('mix-dep', [ownerRef(a, { blockOwnerDeletion: true }), ownerRef(b)]));
  await c.settle();
  cms().delete('default', 'mix-a', { propagationPolicy: 'Foreground' });
  await c.settle();
  assert.equal(get('mix-a'), undefined, 'the owner finished: its reference was removed from the dependent');
  assert.deepEqual(get('mix-dep')!.metadata.ownerReferences, [ownerRef(b)]);
});

test('a cluster-scoped owner of namespaced dependents', async () => {
  const ns = c.client.resource('', 'namespaces').create('', { metadata: { name: 'gc-owner-ns' } });
  const nsRef = { apiVersion: 'v1', kind: 'Namespace', name: 'gc-owner-ns', uid: ns.metadata.uid! };
  cms().create('default', dependent('cluster-owned', [nsRef]));
  await c.settle();
  assert.ok(get('cluster-owned'));
  await c.req('DELETE', '/api/v1/namespaces/gc-owner-ns');
  await c.settle();
  c.clock.step(10_000);
  await c.settle();
  assert.equal(get('cluster-owned'), undefined);
});

test('a reference to an owner in another namespace is absent: collected, with an OwnerRefInvalidNamespace event', async () => {
  c.client.resource('', 'namespaces').create('', { metadata: { name: 'gc-other' } });
  const owner = cms().create('gc-other', configMap('far-owner'));
  cms().create('default', dependent('cross-ns', [ownerRef(owner)]));
  await c.settle();
  assert.equal(get('cross-ns'), undefined);
  const events = c.client.resource('', 'events').list('default', { fieldSelector: 'reason=OwnerRefInvalidNamespace' }).items as Array<KObject & Record<string, any>>;
  const ev = events.find((e) => e.involvedObject.name === 'cross-ns')!;
  assert.ok(ev, 'an event is recorded');
  assert.equal(ev.type, 'Warning');
  assert.equal(ev.source.component, 'garbage-collector-controller');
  assert.equal(ev.message, `ownerRef [v1/ConfigMap, namespace: default, name: far-owner, uid: ${owner.metadata.uid}] does not exist in namespace "default"`);
  assert.ok(cms().get('gc-other', 'far-owner'));
});

test('a cluster-scoped object naming a namespaced owner is never collected, and the reference is reported', async () => {
  const owner = cms().create('default', configMap('ns-scoped-owner'));
  c.client.resource('', 'namespaces').create('', { metadata: { name: 'gc-bad-ref', ownerReferences: [ownerRef(owner)] } });
  await c.settle();
  cms().delete('default', 'ns-scoped-owner');
  await c.settle();
  assert.ok(c.client.resource('', 'namespaces').get('', 'gc-bad-ref'), 'not deleted, not retried');
  const events = c.client.resource('', 'events').list('default', { fieldSelector: 'reason=OwnerRefInvalidNamespace' }).items as Array<KObject & Record<string, any>>;
  const ev = events.find((e) => e.involvedObject.name === 'gc-bad-ref')!;
  assert.equal(ev.involvedObject.kind, 'Namespace');
  assert.equal(ev.message, `ownerRef [v1/ConfigMap, namespace: , name: ns-scoped-owner, uid: ${owner.metadata.uid}] does not exist in namespace ""`);
  const gc = c.controllers.controllers.find((x) => x.name === 'garbage-collector-controller')!;
  assert.equal(gc.errors.filter((e) => e.key.includes('gc-bad-ref')).length, 0);
});

test('after a restart on the same state file, the collector finds orphans whose owner went while it was down', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubemu-gc-'));
  try {
    const data = join(dir, 'state.db');
    const first = await testCluster({ data, controllers: false });
    const owner = first.client.resource('', 'configmaps').create('default', configMap('rs-owner'));
    first.client.resource('', 'configmaps').create('default', dependent('rs-dep', [ownerRef(owner)]));
    first.client.resource('', 'configmaps').delete('default', 'rs-owner');
    await first.stop();
    const second = await testCluster({ data });
    try {
      await second.settle();
      assert.throws(() => second.client.resource('', 'configmaps').get('default', 'rs-dep'), /not found/);
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
