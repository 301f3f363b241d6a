import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ControllerExpectations, ExpectationsTimeoutMs, UIDTrackingControllerExpectations } from '../../src/controllers/replicaset/expectations.js';
import { FakeClock } from '../../src/util/clock.js';

// Ported from upstream pkg/controller/controller_utils_test.go TestControllerExpectations.
test('ControllerExpectations: observed counts, surpassing, and the TTL on the clock', () => {
  const clock = new FakeClock('2009-11-10T23:00:00Z');
  const ttl = 30_000;
  const e = new ControllerExpectations(clock, ttl);
  const key = 'default/foobar';
  const [adds, dels] = [10, 30];
  e.setExpectations(key, adds, dels);
  for (let i = 0; i < adds + 1; i++) e.creationObserved(key);
  assert.equal(e.satisfiedExpectations(key), false, 'delete expectations are still pending');
  for (let i = 0; i < dels + 1; i++) e.deletionObserved(key);

  const cases = [
    { name: 'Expectations have been surpassed', set: undefined, expire: false, want: [-1, -1], satisfied: true },
    { name: 'Old expectations are cleared because of ttl', set: [1, 2], expire: true, want: [1, 2], satisfied: false },
  ];
  for (const c of cases) {
    if (c.set) e.setExpectations(key, c.set[0]!, c.set[1]!);
    const exp = e.getExpectations(key);
    assert.ok(exp, c.name);
    assert.deepEqual(exp.getExpectations(), c.want, c.name);
    assert.equal(e.satisfiedExpectations(key), c.satisfied, c.name);
    if (c.expire) {
      clock.step(ttl + 1);
      assert.equal(e.satisfiedExpectations(key), true, `${c.name}: expired`);
    }
  }
});

test('ControllerExpectations: never set means satisfied; default TTL is 5 minutes', () => {
  const clock = new FakeClock();
  const e = new ControllerExpectations(clock);
  assert.equal(ExpectationsTimeoutMs, 300_000);
  assert.equal(e.satisfiedExpectations('ns/none'), true);
  e.expectCreations('ns/a', 2);
  assert.equal(e.satisfiedExpectations('ns/a'), false);
  clock.step(300_000);
  assert.equal(e.satisfiedExpectations('ns/a'), false, 'exactly the TTL has not expired');
  clock.step(1);
  assert.equal(e.satisfiedExpectations('ns/a'), true);
  e.expectCreations('ns/a', 1);
  assert.equal(e.satisfiedExpectations('ns/a'), false, 'setting again restarts the clock');
  e.raiseExpectations('ns/a', 1, 0);
  e.creationObserved('ns/a');
  assert.equal(e.satisfiedExpectations('ns/a'), false);
  e.lowerExpectations('ns/a', 1, 0);
  assert.equal(e.satisfiedExpectations('ns/a'), true);
  e.deleteExpectations('ns/a');
  assert.equal(e.getExpectations('ns/a'), undefined);
});

// Ported from upstream TestUIDExpectations.
test('UIDTrackingControllerExpectations: each expected pod key counts once', () => {
  const clock = new FakeClock();
  const uidExp = new UIDTrackingControllerExpectations(new ControllerExpectations(clock));
  for (const numReplicas of [2, 1, 0, 5]) {
    const rcKey = `default/rc-${numReplicas}`;
    const podKeys = [0, 1, 2, 3, 4].map((i) => `default/pod${i}-rc-${numReplicas}`);
    uidExp.expectDeletions(rcKey, podKeys);
    assert.equal(uidExp.satisfiedExpectations(rcKey), false, `${rcKey} satisfied before deletion`);
    uidExp.deletionObserved(rcKey, podKeys[0]!);
    uidExp.deletionObserved(rcKey, podKeys[0]!); // a graceful delete and the final delete
    assert.deepEqual(uidExp.getExpectations(rcKey)!.getExpectations(), [0, 4]);
    uidExp.deletionObserved(rcKey, 'default/someone-else');
    assert.deepEqual(uidExp.getExpectations(rcKey)!.getExpectations(), [0, 4]);
    for (const k of podKeys) uidExp.deletionObserved(rcKey, k);
    assert.equal(uidExp.satisfiedExpectations(rcKey), true, `${rcKey} not satisfied after deletion`);
    uidExp.deleteExpectations(rcKey);
    assert.equal(uidExp.getUIDs(rcKey), undefined);
    assert.equal(uidExp.getExpectations(rcKey), undefined);
  }
});
