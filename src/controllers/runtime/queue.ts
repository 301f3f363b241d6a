/**
 * A work queue as client-go's: a key is queued at most once, a key being processed that is added again
 * is processed again afterwards, delayed adds run on the cluster clock, and failures back off per key
 * (5 ms doubling to 1000 s, upstream's DefaultControllerRateLimiter).
 */
import type { Clock, TimerHandle } from '../../util/clock.js';

export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<string, { at: number; handle: TimerHandle }>();
  private shutDown = false;
  private waiter?: () => void;

  constructor(
    private readonly clock: Clock,
    readonly baseDelayMs = 5,
    readonly maxDelayMs = 1000_000,
  ) {}

  add(key: string): void {
    if (this.shutDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.queue.push(key);
    this.waiter?.();
  }

  /** Add after `ms` of clock time; an earlier pending add of the same key wins. */
  addAfter(key: string, ms: number): void {
    if (this.shutDown) return;
    if (ms <= 0) return this.add(key);
    const at = this.clock.now() + ms;
    const existing = this.timers.get(key);
    if (existing && existing.at <= at) return;
    existing?.handle.cancel();
    const handle = this.clock.after(() => {
      this.timers.delete(key);
      this.add(key);
    }, ms);
    this.timers.set(key, { at, handle });
  }

  /** Add after the key's backoff, which doubles with each failure until forget(). */
  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** n));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** The next key to process, or undefined when the queue is empty. Call done(key) after. */
  get(): string | undefined {
    const key = this.queue.shift();
    if (key === undefined) return undefined;
    this.processing.add(key);
    this.dirty.delete(key);
    return key;
  }

  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) {
      this.queue.push(key);
      this.waiter?.();
    }
  }

  get length(): number {
    return this.queue.length;
  }

  /** Keys waiting on a timer (delayed or backing off). */
  get delayed(): number {
    return this.timers.size;
  }

  /** Called whenever a key becomes available. */
  onReady(fn: () => void): void {
    this.waiter = fn;
  }

  shutdown(): void {
    this.shutDown = true;
    for (const t of this.timers.values()) t.handle.cancel();
    this.timers.clear();
    this.queue.length = 0;
    this.dirty.clear();
  }
}
