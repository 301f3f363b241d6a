/**
 * The change history's SQL: every write's row in `changes` (rev, key, type, the new state and the
 * previous one), read back for watches that resume from a revision, and compacted to a bounded window.
 */
import type Database from 'better-sqlite3';
import type { Change, ChangeType, Obj } from './storage.js';

const statements = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function prepare(db: Database.Database) {
  return {
    after: db.prepare('SELECT rev, resource, namespace, name, type, value, prev FROM changes WHERE resource = ? AND rev > ? ORDER BY rev'),
    afterAll: db.prepare('SELECT rev, resource, namespace, name, type, value, prev FROM changes WHERE rev > ? ORDER BY rev'),
    newestBefore: db.prepare('SELECT MAX(rev) FROM changes WHERE ts < ?').pluck(),
    dropUpTo: db.prepare('DELETE FROM changes WHERE rev <= ?'),
    setCompacted: db.prepare("INSERT INTO meta (key, value) VALUES ('compacted', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
  };
}

function st(db: Database.Database): ReturnType<typeof prepare> {
  let s = statements.get(db);
  if (!s) statements.set(db, (s = prepare(db)));
  return s;
}

/** Every change to `resource` ('*': to any) after `fromRev`, oldest first. */
export function changesAfter(db: Database.Database, resource: string, fromRev: number): Change[] {
  const rows = (resource === '*' ? st(db).afterAll.all(fromRev) : st(db).after.all(resource, fromRev)) as Array<{
    rev: number;
    resource: string;
    namespace: string;
    name: string;
    type: ChangeType;
    value: string;
    prev: string | null;
  }>;
  return rows.map((r) => ({
    type: r.type,
    rev: r.rev,
    resource: r.resource,
    namespace: r.namespace,
    name: r.name,
    object: JSON.parse(r.value) as Obj,
    prev: r.prev ? (JSON.parse(r.prev) as Obj) : undefined,
  }));
}

/** The newest revision written before clock time `ts` (ms), if any is still kept. */
export function newestChangeBefore(db: Database.Database, ts: number): number | undefined {
  return (st(db).newestBefore.get(ts) as number | null) ?? undefined;
}

/** Drop the history up to and including `upto` and record it as the compacted revision, in one transaction. */
export function compactHistory(db: Database.Database, upto: number): void {
  db.transaction(() => {
    st(db).dropUpTo.run(upto);
    st(db).setCompacted.run(String(upto));
  })();
}
