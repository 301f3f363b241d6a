/**
 * A resource's objects as they were at an earlier revision (etcd's MVCC read at a revision), rebuilt
 * from the current rows and the change history: a key changed after that revision takes its state from
 * its first later change (ADDED: it did not exist yet; MODIFIED or DELETED: the change's `prev`); every
 * other key is as it is now. Serves continue tokens and resourceVersionMatch=Exact lists.
 */
import type Database from 'better-sqlite3';

export interface Key {
  namespace: string;
  name: string;
}

export interface SnapshotOptions {
  /** Only this namespace. */
  namespace?: string;
  /** Keys after this one (exclusive). */
  after?: Key;
  limit?: number;
}

export interface SnapshotPage {
  /** The objects' JSON, in key order. */
  values: string[];
  /** Set when the limit cut the page: the last key returned, and how many keys follow it. */
  last?: Key;
  remaining?: number;
}

interface Row extends Key {
  value: string;
}

const cmp = (a: Key, b: Key): number =>
  a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

const statements = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function prepare(db: Database.Database) {
  return {
    changedAfter: db.prepare('SELECT namespace, name, type, prev FROM changes WHERE resource = ? AND rev > ? ORDER BY rev'),
    currentAll: db.prepare('SELECT namespace, name, value FROM objects WHERE resource = ? AND (namespace, name) > (?, ?) ORDER BY namespace, name'),
    currentNs: db.prepare('SELECT namespace, name, value FROM objects WHERE resource = ? AND namespace = ? AND name > ? ORDER BY name'),
  };
}

/**
 * The page of `resource` at revision `rev`. The caller checks that the history still reaches back to
 * `rev` (rev >= the compacted revision); `countAfter` counts the current rows after a key (within
 * opts.namespace when set).
 */
export function listAtRevision(db: Database.Database, resource: string, rev: number, opts: SnapshotOptions, countAfter: (last: Key) => number): SnapshotPage {
  let st = statements.get(db);
  if (!st) statements.set(db, (st = prepare(db)));
  const ns = opts.namespace;
  const after: Key = ns !== undefined ? { namespace: ns, name: opts.after?.name ?? '' } : (opts.after ?? { namespace: '', name: '' });
  const inScope = (k: Key) => (ns === undefined || k.namespace === ns) && cmp(k, after) > 0;

  // Every key written after rev: its state at rev (null: absent then) and whether it exists now.
  const changed = new Map<string, Key & { atRev: string | null; existsNow: boolean }>();
  for (const c of st.changedAfter.all(resource, rev) as Array<Key & { type: string; prev: string | null }>) {
    const k = `${c.namespace}/${c.name}`;
    let e = changed.get(k);
    if (!e) changed.set(k, (e = { namespace: c.namespace, name: c.name, atRev: c.type === 'ADDED' ? null : c.prev, existsNow: true }));
    e.existsNow = c.type !== 'DELETED';
  }
  const restored: Row[] = [...changed.values()].filter((e) => e.atRev !== null && inScope(e)).map((e) => ({ namespace: e.namespace, name: e.name, value: e.atRev! }));
  restored.sort(cmp);

  // Merge the untouched current rows with the restored ones, in key order.
  const want = opts.limit && opts.limit > 0 ? opts.limit + 1 : Infinity;
  const out: Row[] = [];
  let i = 0;
  const current = (ns !== undefined ? st.currentNs.iterate(resource, ns, after.name) : st.currentAll.iterate(resource, after.namespace, after.name)) as IterableIterator<Row>;
  for (const row of current) {
    if (changed.has(`${row.namespace}/${row.name}`)) continue;
    while (i < restored.length && out.length < want && cmp(restored[i]!, row) < 0) out.push(restored[i++]!);
    if (out.length >= want) break;
    out.push(row);
    if (out.length >= want) break;
  }
  while (i < restored.length && out.length < want) out.push(restored[i++]!);

  if (out.length <= (opts.limit ?? 0) || !opts.limit) return { values: out.map((r) => r.value) };
  const page = out.slice(0, opts.limit);
  const last: Key = { namespace: page[page.length - 1]!.namespace, name: page[page.length - 1]!.name };
  // What follows `last` at rev: the current rows after it, less the changed keys among them, plus the
  // restored keys after it.
  let remaining = countAfter(last);
  for (const e of changed.values()) if (e.existsNow && (ns === undefined || e.namespace === ns) && cmp(e, last) > 0) remaining--;
  for (const r of restored) if (cmp(r, last) > 0) remaining++;
  return { values: page.map((r) => r.value), last, remaining };
}
