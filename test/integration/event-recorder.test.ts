import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, configMap } from '../helpers/cluster.js';
import { EventRecorder } from '../../src/controllers/runtime/event-recorder.js';

test('events are named <object>.<hex>, deduplicated by count, and aggregated after 10 similar ones', async () => {
  const c = await testCluster({ controllers: false });
  try {
    const owner = c.client.resource('', 'configmaps').create('default', configMap('owner'));
    const rec = new EventRecorder(c.client, c.clock, 'test-controller');
    rec.event(owner, 'Normal', 'Synced', 'all good');
    c.clock.step(5000);
    rec.event(owner, 'Normal', 'Synced', 'all good');
    const events = c.client.resource('', 'events').list('default', { fieldSelector: 'involvedObject.name=owner' }).items as any[];
    assert.equal(events.length, 1);
    const e = events[0];
    assert.match(e.metadata.name, /^owner\.[0-9a-f]+$/);
    assert.equal(e.count, 2);
    assert.equal(e.firstTimestamp, '2024-01-01T00:00:00Z');
    assert.equal(e.lastTimestamp, '2024-01-01T00:00:05Z');
    assert.deepEqual(e.source, { component: 'test-controller' });
    assert.equal(e.reportingComponent, 'test-controller');
    assert.deepEqual(
      { kind: e.involvedObject.kind, name: e.involvedObject.name, uid: e.involvedObject.uid, apiVersion: e.involvedObject.apiVersion },
      { kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid, apiVersion: 'v1' },
    );
    for (let i = 0; i < 12; i++) rec.event(owner, 'Warning', 'Failed', `attempt ${i}`);
    const failed = (c.client.resource('', 'events').list('default', { fieldSelector: 'reason=Failed' }).items as any[]);
    const combined = failed.filter((x) => x.message.startsWith('(combined from similar events): '));
    assert.equal(failed.length - combined.length, 10, 'the first ten distinct messages are recorded as they are');
    assert.equal(combined.length, 1);
    assert.equal(combined[0].count, 2);
    assert.equal(combined[0].message, '(combined from similar events): attempt 11');
  } finally {
    await c.stop();
  }
});
