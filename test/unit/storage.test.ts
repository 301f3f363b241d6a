import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Storage, StorageError, type Change } from '../../src/storage/storage.js';
import { FakeClock } from '../../src/util/clock.js';

const obj = (name: string, extra: Record<string, unknown> = {}) => ({ metadata: { name, namespace: 'default' }, ...extra });

test('revisions are global and become resourceVersions', () => {
  const s = new Storage({ path: ':memory:', clock: new FakeClock() });
  const a = s.create('core/pods', 'default', 'a', obj('a'));
  const b = s.create('core/configmaps', 'default', 'b', obj('b'));
  assert.equal(a.metadata.resourceVersion, '1');
  assert.equal(b.metadata.resourceVersion, '2');
  assert.throws(() => s.create('core/pods', 'default', 'a', obj('a')), (e: unknown) => e instanceof StorageError && e.code === 'KeyExists');
  const u = s.guaranteedUpdate('core/pods', 'default', 'a', (cur) => ({ ...cur!, spec: { x: 1 } }));
  assert.equal(u.object!.metadata.resourceVersion, '3');
  assert.equal(s.revision, 3);
  s.close();
});

test('an unchanged update writes nothing; a throwing update writes nothing', () => {
  const s = new Storage({ path: ':memory:', clock: new FakeClock() });
  s.create('core/pods', 'default', 'a', obj('a', { spec: { x: 1 } }));
  const r = s.guaranteedUpdate('core/pods', 'default', 'a', (cur) => cur!);
  assert.equal(r.change, undefined);
  assert.equal(s.revision, 1);
  assert.throws(() =>
    s.guaranteedUpdate('core/pods', 'default', 'a', () => {
      throw new Error('no');
    }),
  );
  assert.equal(s.revision, 1);
  assert.deepEqual(s.get('core/pods', 'default', 'a')!.spec, { x: 1 });
  s.close();
});

test('list pages by key in order and counts what remains', () => {
  const s = new Storage({ path: ':memory:', clock: new FakeClock() });
  for (const ns of ['b', 'a']) for (const n of ['y', 'x', 'z']) s.create('core/pods', ns, n, { metadata: { name: n, namespace: ns } });
  const p1 = s.list('core/pods', { limit: 4 });
  assert.deepEqual(p1.items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`), ['a/x', 'a/y', 'a/z', 'b/x']);
  assert.equal(p1.remaining, 2);
  const p2 = s.list('core/pods', { limit: 4, after: p1.last });
  assert.deepEqual(p2.items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`), ['b/y', 'b/z']);
  assert.equal(p2.last, undefined);
  assert.equal(s.list('core/pods', { namespace: 'a' }).items.length, 3);
  s.close();
});

test('watch replays history from a revision, then streams; compaction makes old revisions expire', () => {
  const clock = new FakeClock();
  const s = new Storage({ path: ':memory:', clock, historyWindowMs: 1000, compactionIntervalMs: 0 });
  s.create('core/pods', 'default', 'a', obj('a'));
  s.create('core/pods', 'default', 'b', obj('b'));
  const seen: Change[] = [];
  const stop = s.watch('core/pods', 1, (c) => seen.push(c));
  s.guaranteedUpdate('core/pods', 'default', 'a', () => null);
  s.create('core/configmaps', 'default', 'c', obj('c'));
  assert.deepEqual(seen.map((c) => `${c.type} ${c.name} ${c.rev}`), ['ADDED b 2', 'DELETED a 3']);
  assert.equal(seen[1]!.object.metadata.resourceVersion, '3');
  assert.equal(seen[1]!.prev!.metadata.resourceVersion, '1');
  stop();
  clock.step(2000);
  s.create('core/pods', 'default', 'd', obj('d'));
  assert.equal(s.compact(), 4);
  assert.throws(() => s.watch('core/pods', 2, () => {}), (e: unknown) => e instanceof StorageError && e.code === 'Expired' && /too old resource version: 2 \(4\)/.test(e.message));
  const later: Change[] = [];
  s.watch('core/pods', 4, (c) => later.push(c));
  assert.deepEqual(later.map((c) => c.name), ['d']);
  s.close();
});

test('a file-backed store keeps objects, revision and compaction across restarts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubemu-'));
  const path = join(dir, 'state.db');
  try {
    const clock = new FakeClock();
    let s = new Storage({ path, clock, compactionIntervalMs: 0 });
    s.create('core/pods', 'default', 'a', obj('a'));
    s.create('core/pods', 'default', 'b', obj('b'));
    s.guaranteedUpdate('core/pods', 'default', 'b', () => null);
    s.close();
    s = new Storage({ path, clock, compactionIntervalMs: 0 });
    assert.equal(s.revision, 3);
    assert.deepEqual(s.list('core/pods').items.map((o) => o.metadata.name), ['a']);
    assert.equal(s.create('core/pods', 'default', 'c', obj('c')).metadata.resourceVersion, '4');
    s.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('compaction keeps the file from growing without bound under endless updates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubemu-'));
  try {
    const clock = new FakeClock();
    const s = new Storage({ path: join(dir, 's.db'), clock, historyMaxChanges: 500, compactionIntervalMs: 0 });
    s.create('core/configmaps', 'default', 'a', { metadata: { name: 'a', namespace: 'default' } });
    const pages = () => s.db.pragma('page_count', { simple: true }) as number;
    const round = () => {
      for (let i = 0; i < 2000; i++) s.guaranteedUpdate('core/configmaps', 'default', 'a', (cur) => ({ ...cur!, data: { i: 'x'.repeat(200) + i } }));
      s.compact();
      s.commit(); // a checkpoint cannot run inside the open group-commit transaction
      s.db.pragma('wal_checkpoint(TRUNCATE)');
    };
    round();
    round(); // from here on every round peaks at the same number of rows
    const after1 = pages();
    for (let r = 0; r < 4; r++) round();
    assert.ok(pages() <= after1 * 1.1 + 10, `page count grew from ${after1} to ${pages()}`);
    assert.ok((s.db.prepare('SELECT COUNT(*) AS n FROM changes').get() as { n: number }).n <= 500);
    s.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('group commit: the writes of one event-loop turn commit together, after which waiters run in order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubemu-'));
  try {
    const path = join(dir, 's.db');
    const s = new Storage({ path, clock: new FakeClock(), compactionIntervalMs: 0 });
    const other = new Database(path, { readonly: true });
    const onDisk = () => other.prepare('SELECT COUNT(*) FROM objects').pluck().get() as number;
    assert.equal(s.committed(), undefined, 'nothing waits before the first write');
    const order: string[] = [];
    s.afterCommit(() => order.push('immediately'));
    s.create('core/pods', 'default', 'a', obj('a'));
    s.afterCommit(() => order.push('after a'));
    s.create('core/pods', 'default', 'b', obj('b'));
    // A failing write undoes only itself (its savepoint); the batch goes on.
    assert.throws(() => s.create('core/pods', 'default', 'a', obj('a')), (e: unknown) => e instanceof StorageError && e.code === 'KeyExists');
    assert.throws(() =>
      s.guaranteedUpdate('core/pods', 'default', 'b', () => {
        throw new Error('no');
      }),
    );
    s.afterCommit(() => order.push('after b'));
    // This connection sees its own writes at once; another one sees nothing until the commit.
    assert.equal(s.list('core/pods').items.length, 2);
    assert.equal(onDisk(), 0);
    assert.deepEqual(order, ['immediately']);
    const done = s.committed();
    assert.ok(done);
    await done;
    assert.equal(onDisk(), 2);
    assert.deepEqual(order, ['immediately', 'after a', 'after b']);
    assert.equal(s.committed(), undefined);
    assert.equal(s.revision, 2);
    // close() commits what is pending.
    s.create('core/pods', 'default', 'c', obj('c'));
    assert.equal(onDisk(), 2);
    s.close();
    assert.equal(onDisk(), 3);
    other.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('list at an earlier revision: changed keys as they were, others as now, paged with remaining counts', () => {
  const clock = new FakeClock();
  const s = new Storage({ path: ':memory:', clock, historyWindowMs: 1000, compactionIntervalMs: 0 });
  for (const ns of ['a', 'b']) for (const n of ['k1', 'k3', 'k5']) s.create('core/pods', ns, n, { metadata: { name: n, namespace: ns }, v: 0 });
  s.create('core/configmaps', 'a', 'other', obj('other'));
  const r = s.revision;
  // After r: a/k1 modified twice, a/k3 deleted, a/k2 created, b/k5 deleted then created again, b/k4 created and deleted.
  s.guaranteedUpdate('core/pods', 'a', 'k1', (cur) => ({ ...cur!, v: 1 }));
  s.guaranteedUpdate('core/pods', 'a', 'k1', (cur) => ({ ...cur!, v: 2 }));
  s.guaranteedUpdate('core/pods', 'a', 'k3', () => null);
  s.create('core/pods', 'a', 'k2', { metadata: { name: 'k2', namespace: 'a' }, v: 9 });
  s.guaranteedUpdate('core/pods', 'b', 'k5', () => null);
  s.create('core/pods', 'b', 'k5', { metadata: { name: 'k5', namespace: 'b' }, v: 9 });
  s.create('core/pods', 'b', 'k4', { metadata: { name: 'k4', namespace: 'b' }, v: 9 });
  s.guaranteedUpdate('core/pods', 'b', 'k4', () => null);
  const keyV = (l: { items: Array<Record<string, unknown>> }) => l.items.map((o) => `${(o.metadata as { namespace: string }).namespace}/${(o.metadata as { name: string }).name}=${o.v}`);
  const rvOf = (l: { items: Array<{ metadata: { resourceVersion?: string } }> }) => l.items.map((o) => Number(o.metadata.resourceVersion));

  const all = s.list('core/pods', { rev: r });
  assert.equal(all.rev, r);
  assert.deepEqual(keyV(all), ['a/k1=0', 'a/k3=0', 'a/k5=0', 'b/k1=0', 'b/k3=0', 'b/k5=0']);
  assert.ok(rvOf(all).every((v) => v <= r), 'every object as stored at or before r');
  assert.deepEqual(keyV(s.list('core/pods')), ['a/k1=2', 'a/k2=9', 'a/k5=0', 'b/k1=0', 'b/k3=0', 'b/k5=9']);

  // Pages at r, across namespaces and within one.
  const p1 = s.list('core/pods', { rev: r, limit: 2 });
  assert.deepEqual(keyV(p1), ['a/k1=0', 'a/k3=0']);
  assert.deepEqual(p1.last, { namespace: 'a', name: 'k3' });
  assert.equal(p1.remaining, 4);
  const p2 = s.list('core/pods', { rev: r, limit: 3, after: p1.last });
  assert.deepEqual(keyV(p2), ['a/k5=0', 'b/k1=0', 'b/k3=0']);
  assert.equal(p2.remaining, 1);
  const p3 = s.list('core/pods', { rev: r, limit: 3, after: p2.last });
  assert.deepEqual(keyV(p3), ['b/k5=0']);
  assert.equal(p3.last, undefined);
  const inA = s.list('core/pods', { rev: r, namespace: 'a', limit: 1 });
  assert.deepEqual(keyV(inA), ['a/k1=0']);
  assert.equal(inA.remaining, 2);
  assert.deepEqual(keyV(s.list('core/pods', { rev: r, namespace: 'a', after: inA.last })), ['a/k3=0', 'a/k5=0']);
  // Other resources are untouched by the pods' history.
  assert.equal(s.list('core/configmaps', { rev: r }).items.length, 1);

  // Once compaction drops the history after r, the snapshot is gone.
  clock.step(5000);
  s.create('core/configmaps', 'a', 'later', obj('later'));
  s.compact();
  assert.throws(() => s.list('core/pods', { rev: r }), (e: unknown) => e instanceof StorageError && e.code === 'Expired');
  s.close();
});
