/**
 * robfig/cron v3's schedules: SpecSchedule (bit sets per field, Next searched field by field in the
 * schedule's zone, with robfig's handling of DST gaps and overlaps) and ConstantDelaySchedule (@every).
 * Times are milliseconds since the epoch.
 */
import { LOCAL, UTC, addDateIn, dateIn, fieldsIn, type Fields } from './time-zone.js';

/** Go's zero time.Time (0001-01-01T00:00:00Z), which Next returns when no time satisfies the schedule. */
export const ZERO_TIME = -62135596800000;

export class CronError extends Error {}

export interface Schedule {
  /** The next activation strictly after t (ms). `zone` is t's location, used when the schedule has none. */
  next(t: number, zone?: string): number;
}

export interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

export const seconds: Bounds = { min: 0, max: 59 };
export const minutes: Bounds = { min: 0, max: 59 };
export const hours: Bounds = { min: 0, max: 23 };
export const dom: Bounds = { min: 1, max: 31 };
export const months: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
export const dow: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** Set when the field was `*` or `?` (affects how day-of-month and day-of-week combine). */
export const starBit = 1n << 63n;
export const MASK64 = (1n << 64n) - 1n;

/** A crontab schedule: one bit set per field. Location is an IANA name, 'UTC' or 'Local'. */
export class SpecSchedule implements Schedule {
  constructor(
    readonly second: bigint,
    readonly minute: bigint,
    readonly hour: bigint,
    readonly dom: bigint,
    readonly month: bigint,
    readonly dow: bigint,
    readonly location: string = LOCAL,
  ) {}

  next(tMs: number, zone: string = UTC): number {
    const loc = this.location === LOCAL ? zone : this.location;
    const F = (x: number): Fields => fieldsIn(loc, x);
    // Start at the earliest possible time (the upcoming second).
    let t = Math.floor(tMs / 1000) + 1;
    let added = false;
    const yearLimit = F(t).year + 5;
    wrap: for (;;) {
      if (F(t).year > yearLimit) return ZERO_TIME;
      while (!has(this.month, F(t).month)) {
        if (!added) {
          added = true;
          const f = F(t);
          t = dateIn(loc, f.year, f.month, 1, 0, 0, 0);
        }
        t = addDateIn(loc, t, 0, 1, 0);
        if (F(t).month === 1) continue wrap;
      }
      while (!dayMatches(this, F(t))) {
        if (!added) {
          added = true;
          const f = F(t);
          t = dateIn(loc, f.year, f.month, f.day, 0, 0, 0);
        }
        t = addDateIn(loc, t, 0, 0, 1);
        // Midnight may not exist (DST): add an hour if it is 23, subtract if it is 1.
        const h = F(t).hour;
        if (h !== 0) t += h > 12 ? (24 - h) * 3600 : -h * 3600;
        if (F(t).day === 1) continue wrap;
      }
      while (!has(this.hour, F(t).hour)) {
        if (!added) {
          added = true;
          const f = F(t);
          t = dateIn(loc, f.year, f.month, f.day, f.hour, 0, 0);
        }
        t += 3600;
        if (F(t).hour === 0) continue wrap;
      }
      while (!has(this.minute, F(t).minute)) {
        if (!added) {
          added = true;
          t -= mod(t, 60);
        }
        t += 60;
        if (F(t).minute === 0) continue wrap;
      }
      while (!has(this.second, F(t).second)) {
        added = true;
        t += 1;
        if (F(t).second === 0) continue wrap;
      }
      return t * 1000;
    }
  }
}

/** @every <duration>: a fixed delay, rounded down to whole seconds (at least one). */
export class ConstantDelaySchedule implements Schedule {
  constructor(readonly delayMs: number) {}
  next(tMs: number): number {
    return tMs - mod(tMs, 1000) + this.delayMs;
  }
}

/** robfig's Every(duration). */
export function every(durationMs: number): ConstantDelaySchedule {
  const d = durationMs < 1000 ? 1000 : durationMs;
  return new ConstantDelaySchedule(d - mod(d, 1000));
}

export function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

export function has(field: bigint, n: number): boolean {
  return ((field >> BigInt(n)) & 1n) === 1n;
}

/** Day-of-month and day-of-week must both match if either is `*`; otherwise either may. */
export function dayMatches(s: SpecSchedule, f: Fields): boolean {
  const domMatch = has(s.dom, f.day);
  const dowMatch = has(s.dow, f.weekday);
  if ((s.dom & starBit) !== 0n || (s.dow & starBit) !== 0n) return domMatch && dowMatch;
  return domMatch || dowMatch;
}
