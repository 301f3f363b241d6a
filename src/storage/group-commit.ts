/**
 * Group commit on one better-sqlite3 connection: the first write of an event-loop turn opens a
 * transaction (BEGIN), each write then runs as a savepoint inside it (better-sqlite3 nests
 * db.transaction() that way, so a failing write undoes only itself), and the transaction commits once
 * at the end of the turn (setImmediate). The writes of many concurrent requests share that commit.
 * Whatever tells the outside world about a write waits for the commit: `afterCommit` runs callbacks
 * in order once it is done, `committed()` is a promise for it.
 */
import type Database from 'better-sqlite3';

export class GroupCommit {
  private batch?: { done: Promise<void>; resolve: () => void; after: Array<() => void> };
  private readonly beginStmt: Database.Statement;
  private readonly commitStmt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.beginStmt = db.prepare('BEGIN');
    this.commitStmt = db.prepare('COMMIT');
  }

  /** Before a write: open the turn's transaction if none is open. */
  open(): void {
    if (this.batch) return;
    this.beginStmt.run();
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    this.batch = { done, resolve, after: [] };
    setImmediate(() => this.commit());
  }

  /**
   * Commit the open transaction now (it commits by itself at the end of the event-loop turn), then run
   * what waited for it. A failed commit leaves memory ahead of the file: it throws (out of setImmediate:
   * the process stops) and nothing that waited is told the writes are done.
   */
  commit(): void {
    const b = this.batch;
    if (!b) return;
    this.batch = undefined;
    if (this.db.open && this.db.inTransaction) this.commitStmt.run();
    b.resolve();
    for (const fn of b.after) {
      try {
        fn();
      } catch (e) {
        // One waiter's failure must not keep the others waiting; it still surfaces.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  /** Run fn once every write made so far is committed: now if none waits, else in order after the commit. */
  afterCommit(fn: () => void): void {
    if (this.batch) this.batch.after.push(fn);
    else fn();
  }

  /** Resolves when every write made so far is committed; undefined when none waits. */
  committed(): Promise<void> | undefined {
    return this.batch?.done;
  }
}
