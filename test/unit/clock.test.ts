import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock, rfc3339 } from '../../src/util/clock.js';

test('fake clock fires timers in order while stepping', () => {
  const c = new FakeClock(0);
  const seen: string[] = [];
  c.after(() => seen.push('b@20'), 20);
  c.after(() => seen.push('a@10'), 10);
  const iv = c.every(() => seen.push(`i@${c.now()}`), 15);
  c.step(31);
  assert.deepEqual(seen, ['a@10', 'i@15', 'b@20', 'i@30']);
  iv.cancel();
  c.step(100);
  assert.equal(seen.length, 4);
  assert.equal(c.now(), 131);
});

test('rfc3339 has second precision', () => {
  assert.equal(rfc3339(Date.UTC(2024, 0, 1, 0, 0, 1, 999)), '2024-01-01T00:00:01Z');
});
