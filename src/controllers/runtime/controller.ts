/**
 * A level-based controller (DESIGN rule 4): informers feed keys into a work queue; `sync(key)` reads
 * the caches, writes the difference through the client, and returns { requeueAfter } or throws (the
 * key is retried with backoff). Keys are processed one at a time, off the writer's call stack.
 */
import type { Clock } from '../../util/clock.js';
import { WorkQueue } from './queue.js';

export interface SyncResult {
  /** Sync this key again after so many ms of cluster time. */
  requeueAfter?: number;
}

export interface Logger {
  error(msg: string): void;
}

export abstract class Controller {
  readonly queue: WorkQueue;
  private scheduled = false;
  private running = false;
  private busy = false;
  /** Errors seen by sync, most recent last (bounded); for tests and diagnostics. */
  readonly errors: Array<{ key: string; error: unknown }> = [];

  constructor(
    readonly name: string,
    protected readonly clock: Clock,
    protected readonly logger: Logger = { error: (m) => process.stderr.write(`${m}\n`) },
  ) {
    this.queue = new WorkQueue(clock);
    this.queue.onReady(() => this.schedule());
  }

  /** Set up informers and handlers; called once by the manager before start. */
  abstract sync(key: string): SyncResult | void;

  start(): void {
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    this.queue.shutdown();
  }

  enqueue(key: string): void {
    this.queue.add(key);
  }

  /** True when nothing is queued or being processed (delayed keys do not count). */
  idle(): boolean {
    return !this.busy && this.queue.length === 0;
  }

  private schedule(): void {
    if (!this.running || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  /** Process keys until the queue is empty, yielding between batches so writers are not starved. */
  private drain(): void {
    if (!this.running) return;
    this.busy = true;
    try {
      for (let i = 0; i < 100; i++) {
        const key = this.queue.get();
        if (key === undefined) break;
        try {
          const r = this.sync(key);
          this.queue.forget(key);
          if (r && r.requeueAfter !== undefined) this.queue.addAfter(key, r.requeueAfter);
        } catch (e) {
          this.errors.push({ key, error: e });
          if (this.errors.length > 100) this.errors.shift();
          if (this.queue.numRequeues(key) >= 5) this.logger.error(`${this.name}: error syncing ${key}: ${(e as Error)?.message ?? String(e)}`);
          this.queue.addRateLimited(key);
        } finally {
          this.queue.done(key);
        }
      }
    } finally {
      this.busy = false;
    }
    if (this.queue.length > 0) this.schedule();
  }
}
