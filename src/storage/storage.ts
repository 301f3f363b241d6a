/**
 * The etcd stand-in: JSON values under (resource, namespace, name) keys, one global revision that is
 * every object's resourceVersion, and a change history that watches replay from. Knows no kinds: no
 * validation, no defaults.
 *
 * Writes use group commit (group-commit.ts): each write is one savepoint, a nested transaction, in the
 * event-loop turn's transaction. In-process readers and watchers see a write at once (one connection,
 * one writer); anything that tells the outside world about a write (an HTTP reply, a watch event on
 * the wire) waits for `afterCommit`/`committed()`, so nothing acknowledged is lost if the process is
 * killed.
 */
import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';
import type { Clock, TimerHandle } from '../util/clock.js';
import { deepEqual } from '../util/deep-equal.js';
import { GroupCommit } from './group-commit.js';
import { changesAfter, compactHistory, newestChangeBefore } from './history.js';
import { migrate } from './migrate.js';
import { listAtRevision } from './snapshot.js';

export type Obj = { metadata: { resourceVersion?: string; [k: string]: unknown }; [k: string]: unknown };
export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  type: ChangeType;
  rev: number;
  resource: string;
  namespace: string;
  name: string;
  object: Obj;
  /** The state before this change (MODIFIED and DELETED). */
  prev?: Obj;
}

export type StorageErrorCode = 'KeyExists' | 'KeyNotFound' | 'Conflict' | 'Expired';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    readonly currentRev?: number,
  ) {
    super(message);
  }
}

export interface StorageOptions {
  /** SQLite file, or ':memory:'. */
  path: string;
  clock: Clock;
  /** History kept for watches: changes younger than this (ms)... */
  historyWindowMs?: number;
  /** ...and never more than this many changes. */
  historyMaxChanges?: number;
  /** How often compaction runs (ms of clock time). */
  compactionIntervalMs?: number;
}

export interface ListOptions {
  namespace?: string;
  /** Resume after this key (exclusive), for paging. */
  after?: { namespace: string; name: string };
  limit?: number;
  /** List as of this revision (default: the current one). */
  rev?: number;
}

export interface ListResult {
  items: Obj[];
  rev: number;
  /** Set when a limit cut the list: the last key returned. */
  last?: { namespace: string; name: string };
  remaining?: number;
}

type Listener = (c: Change) => void;

/** The migrations folder: the first `migrations/` found walking up from this file (src/ or dist/src/). */
function findMigrations(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(candidate, '001_init.sql'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('kubemu: migrations/ folder not found');
}

export class Storage {
  readonly db: Database.Database;
  private rev = 0;
  private compacted = 0;
  private listeners = new Map<string, Set<Listener>>();
  private readonly clock: Clock;
  private readonly historyWindowMs: number;
  private readonly historyMaxChanges: number;
  private compactTimer?: TimerHandle;
  private st!: ReturnType<Storage['prepare']>;
  /** One transaction wrapper for every write (db.transaction() builds a new wrapper on each call). */
  private runInTx!: <T>(fn: () => T) => T;
  private group!: GroupCommit;

  constructor(opts: StorageOptions) {
    this.clock = opts.clock;
    this.historyWindowMs = opts.historyWindowMs ?? 5 * 60_000;
    this.historyMaxChanges = opts.historyMaxChanges ?? 100_000;
    if (opts.path !== ':memory:') mkdirSync(dirname(opts.path), { recursive: true });
    this.db = new Database(opts.path);
    if (opts.path !== ':memory:') {
      this.db.pragma('journal_mode = WAL');
      // WAL + NORMAL: a committed transaction survives the process being killed (kill -9); only an
      // operating-system crash may lose the last commits.
      this.db.pragma('synchronous = NORMAL');
      // Checkpoint less often (the WAL may grow to ~40 MB between checkpoints): fewer stalls under
      // sustained writes; restarts replay the WAL, so nothing is lost either way.
      this.db.pragma('wal_autocheckpoint = 10000');
    }
    this.db.pragma('foreign_keys = ON');
    migrate(this.db, findMigrations());
    this.st = this.prepare();
    this.runInTx = this.db.transaction((fn: () => unknown) => fn()) as <T>(fn: () => T) => T;
    this.group = new GroupCommit(this.db);
    const m = this.db.prepare("SELECT value FROM meta WHERE key = 'compacted'").get() as { value: string } | undefined;
    this.compacted = m ? Number(m.value) : 0;
    const a = this.db.prepare('SELECT MAX(rev) AS r FROM objects').get() as { r: number | null };
    const b = this.db.prepare('SELECT MAX(rev) AS r FROM changes').get() as { r: number | null };
    this.rev = Math.max(a.r ?? 0, b.r ?? 0, this.compacted);
    const every = opts.compactionIntervalMs ?? 60_000;
    if (every > 0) this.compactTimer = this.clock.every(() => this.compact(), every);
  }

  private prepare() {
    const db = this.db;
    return {
      get: db.prepare('SELECT value FROM objects WHERE resource = ? AND namespace = ? AND name = ?').pluck(),
      insert: db.prepare('INSERT INTO objects (resource, namespace, name, rev, value) VALUES (?, ?, ?, ?, ?)'),
      update: db.prepare('UPDATE objects SET rev = ?, value = ? WHERE resource = ? AND namespace = ? AND name = ?'),
      del: db.prepare('DELETE FROM objects WHERE resource = ? AND namespace = ? AND name = ?'),
      change: db.prepare('INSERT INTO changes (rev, resource, namespace, name, type, value, prev, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      listAll: db.prepare('SELECT value FROM objects WHERE resource = ? AND (namespace, name) > (?, ?) ORDER BY namespace, name LIMIT ?').pluck(),
      listNs: db.prepare('SELECT value FROM objects WHERE resource = ? AND namespace = ? AND name > ? ORDER BY name LIMIT ?').pluck(),
      countAll: db.prepare('SELECT COUNT(*) FROM objects WHERE resource = ? AND (namespace, name) > (?, ?)').pluck(),
      countNs: db.prepare('SELECT COUNT(*) FROM objects WHERE resource = ? AND namespace = ? AND name > ?').pluck(),
    };
  }

  /** The current global revision. */
  get revision(): number {
    return this.rev;
  }
  /** The newest revision no longer in the change history. */
  get compactedRevision(): number {
    return this.compacted;
  }

  get(resource: string, namespace: string, name: string): Obj | undefined {
    const v = this.st.get.get(resource, namespace, name) as string | undefined;
    return v === undefined ? undefined : (JSON.parse(v) as Obj);
  }

  /**
   * List in key order. With `rev` older than the current revision, the objects as they were then
   * (Expired if the history no longer reaches back to it).
   */
  list(resource: string, opts: ListOptions = {}): ListResult {
    if (opts.rev !== undefined && opts.rev < this.rev) {
      if (opts.rev < this.compacted) throw new StorageError('Expired', `too old resource version: ${opts.rev} (${this.compacted})`, this.compacted);
      const page = listAtRevision(this.db, resource, opts.rev, opts, (last) => this.countAfter(resource, opts.namespace, last));
      return { items: page.values.map((v) => JSON.parse(v) as Obj), rev: opts.rev, last: page.last, remaining: page.remaining };
    }
    const limit = opts.limit && opts.limit > 0 ? opts.limit : -1;
    const rows =
      opts.namespace !== undefined
        ? (this.st.listNs.all(resource, opts.namespace, opts.after?.name ?? '', limit === -1 ? -1 : limit + 1) as string[])
        : (this.st.listAll.all(resource, opts.after?.namespace ?? '', opts.after?.name ?? '', limit === -1 ? -1 : limit + 1) as string[]);
    const more = limit !== -1 && rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map((r) => JSON.parse(r) as Obj);
    const res: ListResult = { items, rev: this.rev };
    if (more) {
      const lastObj = items[items.length - 1]!;
      const md = lastObj.metadata as { namespace?: string; name?: string };
      res.last = { namespace: md.namespace ?? '', name: md.name ?? '' };
      res.remaining = this.countAfter(resource, opts.namespace, res.last);
    }
    return res;
  }

  /** How many objects of `resource` (in `namespace` when given) come after `last` in key order. */
  private countAfter(resource: string, namespace: string | undefined, last: { namespace: string; name: string }): number {
    return (namespace !== undefined ? this.st.countNs.get(resource, namespace, last.name) : this.st.countAll.get(resource, last.namespace, last.name)) as number;
  }

  /** Create; KeyExists if the key is taken. Returns the stored object (with resourceVersion). */
  create(resource: string, namespace: string, name: string, obj: Obj): Obj {
    return this.write(() => {
      const rev = this.rev + 1;
      obj.metadata.resourceVersion = String(rev);
      const json = JSON.stringify(obj);
      try {
        this.st.insert.run(resource, namespace, name, rev, json);
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
          delete obj.metadata.resourceVersion;
          throw new StorageError('KeyExists', `key exists: ${resource}/${namespace}/${name}`);
        }
        throw e;
      }
      this.st.change.run(rev, resource, namespace, name, 'ADDED', json, null, this.clock.now());
      return { type: 'ADDED', rev, resource, namespace, name, object: obj };
    });
  }

  /**
   * Read-modify-write in one transaction. `fn` gets the current object (undefined if absent) and
   * returns the new object, or `null` to delete it; throwing aborts with nothing written. If fn
   * returns the very object it was given (unchanged), nothing is written and the current object is returned.
   */
  guaranteedUpdate(resource: string, namespace: string, name: string, fn: (cur: Obj | undefined) => Obj | null): { object: Obj | undefined; change?: Change } {
    let result: { object: Obj | undefined; change?: Change } = { object: undefined };
    this.write(() => {
      const raw = this.st.get.get(resource, namespace, name) as string | undefined;
      const cur = raw === undefined ? undefined : (JSON.parse(raw) as Obj);
      const next = fn(cur === undefined ? undefined : (JSON.parse(raw!) as Obj));
      const rev = this.rev + 1;
      const now = this.clock.now();
      if (next === null) {
        if (!cur) throw new StorageError('KeyNotFound', `key not found: ${resource}/${namespace}/${name}`);
        const last = { ...cur, metadata: { ...cur.metadata, resourceVersion: String(rev) } };
        this.st.del.run(resource, namespace, name);
        this.st.change.run(rev, resource, namespace, name, 'DELETED', JSON.stringify(last), raw!, now);
        const change: Change = { type: 'DELETED', rev, resource, namespace, name, object: last, prev: cur };
        result = { object: last, change };
        return change;
      }
      next.metadata.resourceVersion = cur?.metadata.resourceVersion;
      const nextJson = JSON.stringify(next);
      // No-op writes keep the revision (upstream compares the encoded bytes; Go encodes fields in a fixed
      // order, so compare structurally here: key order differs between code paths; a reordering keeps the length).
      if (cur && (nextJson === raw || (nextJson.length === raw!.length && deepEqual(JSON.parse(nextJson), cur)))) {
        result = { object: cur };
        return undefined;
      }
      next.metadata.resourceVersion = String(rev);
      const json = JSON.stringify(next);
      if (cur) this.st.update.run(rev, json, resource, namespace, name);
      else this.st.insert.run(resource, namespace, name, rev, json);
      this.st.change.run(rev, resource, namespace, name, cur ? 'MODIFIED' : 'ADDED', json, raw ?? null, now);
      const change: Change = { type: cur ? 'MODIFIED' : 'ADDED', rev, resource, namespace, name, object: next, prev: cur };
      result = { object: next, change };
      return change;
    });
    return result;
  }

  /**
   * Runs one write in its own savepoint of the open batch (opening one if needed); fn returns the
   * change it made (or undefined for none). Listeners hear of the change at once.
   */
  private write<T extends Change | undefined>(fn: () => T): Obj {
    this.group.open();
    const change = this.runInTx(fn);
    if (change) {
      this.rev = change.rev;
      this.notify(change);
      return change.object;
    }
    return undefined as unknown as Obj;
  }

  /** Commit the writes made so far now, instead of at the end of the event-loop turn. */
  commit(): void {
    this.group.commit();
  }

  /** Run fn once every write made so far is committed: now if none waits, else in order after the commit. */
  afterCommit(fn: () => void): void {
    this.group.afterCommit(fn);
  }

  /** Resolves when every write made so far is committed; undefined when none waits. */
  committed(): Promise<void> | undefined {
    return this.group.committed();
  }

  private notify(c: Change): void {
    for (const key of [c.resource, '*']) {
      const set = this.listeners.get(key);
      if (!set) continue;
      for (const l of [...set]) {
        try {
          l(c);
        } catch {
          /* a failing watcher must not affect the write or other watchers */
        }
      }
    }
  }

  /**
   * Every change to `resource` ('*' for all) after `fromRev`, then live changes, delivered in
   * revision order. Throws Expired if history before fromRev has been compacted away.
   */
  watch(resource: string, fromRev: number, listener: Listener): () => void {
    if (fromRev < this.compacted) throw new StorageError('Expired', `too old resource version: ${fromRev} (${this.compacted})`, this.compacted);
    for (const c of changesAfter(this.db, resource, fromRev)) listener(c);
    let set = this.listeners.get(resource);
    if (!set) this.listeners.set(resource, (set = new Set()));
    set.add(listener);
    return () => set!.delete(listener);
  }

  /** Number of live watch listeners (for tests and metrics). */
  listenerCount(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  /** Drop history older than the window or beyond the max count. Returns the new compacted revision. */
  compact(): number {
    const byTime = newestChangeBefore(this.db, this.clock.now() - this.historyWindowMs) ?? 0;
    const byCount = this.rev - this.historyMaxChanges;
    const upto = Math.max(byTime, byCount, this.compacted);
    if (upto > this.compacted) {
      compactHistory(this.db, upto);
      this.compacted = upto;
    }
    return this.compacted;
  }

  close(): void {
    this.compactTimer?.cancel();
    this.listeners.clear();
    if (this.db.open) {
      this.commit();
      if (this.db.name !== ':memory:') this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
  }
}
