/**
 * The one clock. Nothing outside this file reads wall time or schedules timers directly:
 * everything takes a Clock, so tests can drive a FakeClock and a --time-scale run a ScaledClock.
 */
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the epoch, on this clock. */
  now(): number;
  /** Run fn after `ms` milliseconds of this clock's time (the clock's setTimeout). */
  after(fn: () => void, ms: number): TimerHandle;
  /** Run fn every `ms` milliseconds of this clock's time (the clock's setInterval). */
  every(fn: () => void, ms: number): TimerHandle;
}

export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }
  after(fn: () => void, ms: number): TimerHandle {
    const t = setTimeout(fn, Math.max(0, ms));
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  }
  every(fn: () => void, ms: number): TimerHandle {
    const t = setInterval(fn, Math.max(1, ms));
    t.unref?.();
    return { cancel: () => clearInterval(t) };
  }
}

/** Runs `scale` times faster than wall time, starting from the wall time at construction. */
export class ScaledClock implements Clock {
  private readonly realStart = Date.now();
  constructor(readonly scale: number, private readonly start = Date.now()) {
    if (!(scale > 0)) throw new Error(`time scale must be > 0, got ${scale}`);
  }
  now(): number {
    return this.start + Math.floor((Date.now() - this.realStart) * this.scale);
  }
  after(fn: () => void, ms: number): TimerHandle {
    const t = setTimeout(fn, Math.max(0, ms / this.scale));
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  }
  every(fn: () => void, ms: number): TimerHandle {
    const t = setInterval(fn, Math.max(1, ms / this.scale));
    t.unref?.();
    return { cancel: () => clearInterval(t) };
  }
}

interface FakeTimer {
  id: number;
  at: number;
  every?: number;
  fn: () => void;
}

/** A clock that only moves when a test steps it. Timers fire in time order during step(). */
export class FakeClock implements Clock {
  private current: number;
  private timers: FakeTimer[] = [];
  private nextId = 1;
  constructor(start: number | string = Date.UTC(2024, 0, 1)) {
    this.current = typeof start === 'string' ? Date.parse(start) : start;
  }
  now(): number {
    return this.current;
  }
  after(fn: () => void, ms: number): TimerHandle {
    return this.add({ id: this.nextId++, at: this.current + Math.max(0, ms), fn });
  }
  every(fn: () => void, ms: number): TimerHandle {
    const every = Math.max(1, ms);
    return this.add({ id: this.nextId++, at: this.current + every, every, fn });
  }
  private add(t: FakeTimer): TimerHandle {
    this.timers.push(t);
    return { cancel: () => (this.timers = this.timers.filter((x) => x.id !== t.id)) };
  }
  /** Number of timers still pending. */
  pending(): number {
    return this.timers.length;
  }
  /** Move time forward by ms, firing every timer that falls due, in order. */
  step(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const t = this.timers[0];
      if (!t || t.at > target) break;
      this.current = Math.max(this.current, t.at);
      if (t.every) t.at += t.every;
      else this.timers.shift();
      t.fn();
    }
    this.current = target;
  }
  /** Set the time (forward only), firing due timers. */
  set(time: number | string): void {
    const t = typeof time === 'string' ? Date.parse(time) : time;
    if (t > this.current) this.step(t - this.current);
  }
}

/** RFC 3339 with second precision, as metav1.Time serializes: 2024-01-01T00:00:00Z */
export function rfc3339(ms: number): string {
  const sec = Math.floor(ms / 1000);
  if (sec !== lastRfc3339.sec) {
    lastRfc3339.sec = sec;
    lastRfc3339.text = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastRfc3339.text;
}
/** The last second formatted: writes within one second share it. */
const lastRfc3339 = { sec: NaN, text: '' };

/** RFC 3339 with microseconds, as metav1.MicroTime serializes. */
export function rfc3339Micro(ms: number): string {
  const iso = new Date(ms).toISOString(); // ...T00:00:00.123Z
  return iso.replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Parse an RFC 3339 timestamp to ms, or undefined. */
export function parseTime(s: unknown): number | undefined {
  if (typeof s !== 'string' || s === '') return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}
