/**
 * client-go's util/flowcontrol.Backoff as the kubelet uses it (no jitter): per-key delays starting at
 * 10 s and doubling to 300 s for container restarts (CrashLoopBackOff) and image pulls
 * (ImagePullBackOff). An entry not updated for twice the maximum (10 minutes) has expired: the next
 * failure starts again from the initial delay.
 */
import type { Clock } from '../util/clock.js';

/** pkg/kubelet: backOffPeriod and MaxContainerBackOff. */
export const backOffPeriodMs = 10_000;
export const maxContainerBackOffMs = 300_000;

interface Entry {
  backoff: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    readonly initialMs = backOffPeriodMs,
    readonly maxMs = maxContainerBackOffMs,
  ) {}

  private expired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > this.maxMs * 2;
  }

  /** The current delay for id (0 when none). */
  get(id: string): number {
    return this.entries.get(id)?.backoff ?? 0;
  }

  /** Record a failure at eventTime: start at the initial delay, or double (up to the maximum). */
  next(id: string, eventTime: number): void {
    const e = this.entries.get(id);
    if (!e || this.expired(eventTime, e.lastUpdate)) this.entries.set(id, { backoff: this.initialMs, lastUpdate: this.clock.now() });
    else {
      e.backoff = Math.min(e.backoff * 2, this.maxMs);
      e.lastUpdate = this.clock.now();
    }
  }

  /** Is id still backing off from an event at eventTime (e.g. the container's finishedAt)? */
  isInBackOffSince(id: string, eventTime: number): boolean {
    const e = this.entries.get(id);
    if (!e || this.expired(eventTime, e.lastUpdate)) return false;
    return this.clock.now() - eventTime < e.backoff;
  }

  /** Is id still backing off since its last update (image pulls)? */
  isInBackOffSinceUpdate(id: string, eventTime: number): boolean {
    const e = this.entries.get(id);
    if (!e || this.expired(eventTime, e.lastUpdate)) return false;
    return eventTime - e.lastUpdate < e.backoff;
  }

  /** When the back-off from eventTime ends (ms since epoch), or undefined when not backing off. */
  until(id: string, eventTime: number): number | undefined {
    const e = this.entries.get(id);
    if (!e || this.expired(eventTime, e.lastUpdate)) return undefined;
    return eventTime + e.backoff;
  }

  /** When the back-off since the last update ends. */
  untilSinceUpdate(id: string): number | undefined {
    const e = this.entries.get(id);
    return e ? e.lastUpdate + e.backoff : undefined;
  }

  reset(id: string): void {
    this.entries.delete(id);
  }

  /** Drop entries not updated for twice the maximum. */
  gc(): void {
    const now = this.clock.now();
    for (const [k, e] of [...this.entries]) if (this.expired(now, e.lastUpdate)) this.entries.delete(k);
  }
}
