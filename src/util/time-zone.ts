/**
 * Wall-clock arithmetic in an IANA time zone, the way Go's time package does it (time.Date's
 * normalisation and offset resolution, AddDate, field accessors), for the cron schedule. Offsets come
 * from Intl.DateTimeFormat; dates are computed with civil-calendar arithmetic (no Date objects), so
 * every year from 1 on works. Instants are integer seconds since the Unix epoch.
 */

/** time.LoadLocation's names for UTC and the process zone. kubemu treats Local as UTC (deterministic). */
export const UTC = 'UTC';
export const LOCAL = 'Local';

const formatters = new Map<string, Intl.DateTimeFormat>();
let canonicalLower: Map<string, string> | undefined;

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * time.LoadLocation: '' and 'UTC' are UTC, 'Local' the process zone, anything else an IANA name
 * (case-sensitive, as Go reads zoneinfo files). Returns the error text Go gives, or undefined.
 */
export function loadLocationError(name: string): string | undefined {
  if (name === '' || name === UTC || name === LOCAL) return undefined;
  // Go rejects names that could escape the zoneinfo directory; Intl rejects most of them anyway.
  if (name.includes('..') || name.startsWith('/') || name.includes('\\')) return `invalid time zone ${name}`;
  try {
    formatter(name);
  } catch {
    return `unknown time zone ${name}`;
  }
  // Intl accepts any case; zoneinfo file names do not.
  canonicalLower ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));
  const canon = canonicalLower.get(name.toLowerCase());
  if (canon !== undefined && canon !== name) return `unknown time zone ${name}`;
  // Offset strings (+05:00) are not zoneinfo names.
  if (/^[+-]/.test(name)) return `unknown time zone ${name}`;
  return undefined;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12; any day, normalised). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day count since 1970-01-01. */
export function civilFromDays(z: number): { year: number; month: number; day: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Seconds since the epoch of a wall-clock reading taken as UTC, with Go's normalisation of overflow. */
export function civilSeconds(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  // Normalise the month first (time.Date does), then let days/hours/... carry.
  const m0 = mo - 1;
  y += Math.floor(m0 / 12);
  mo = (((m0 % 12) + 12) % 12) + 1;
  return daysFromCivil(y, mo, 1) * 86400 + (d - 1) * 86400 + h * 3600 + mi * 60 + s;
}

/** The zone's UTC offset in seconds at an instant. */
export function offsetAt(zone: string, unixSec: number): number {
  if (zone === UTC || zone === LOCAL || zone === '') return 0;
  const parts = formatter(zone).formatToParts(new Date(unixSec * 1000));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const local = civilSeconds(year, get('month'), get('day'), get('hour'), get('minute'), get('second'));
  return local - unixSec;
}

export interface Fields {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

/** A time's wall-clock fields in a zone (Go's t.In(loc).Date()/Clock()/Weekday()). */
export function fieldsIn(zone: string, unixSec: number): Fields {
  const local = unixSec + offsetAt(zone, unixSec);
  const days = Math.floor(local / 86400);
  const rem = local - days * 86400;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(rem / 3600),
    minute: Math.floor((rem % 3600) / 60),
    second: rem % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
  };
}

/**
 * Go's time.Date(y, mo, d, h, mi, s, 0, loc): overflowing fields carry; a wall time in a gap or an
 * overlap resolves as Go resolves it (the offset in force at the naive instant, corrected once if the
 * result falls in another zone period).
 */
export function dateIn(zone: string, y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const unix = civilSeconds(y, mo, d, h, mi, s);
  const off1 = offsetAt(zone, unix);
  if (off1 === 0 && (zone === UTC || zone === LOCAL || zone === '')) return unix;
  const utc = unix - off1;
  const off2 = offsetAt(zone, utc);
  return unix - (off2 !== off1 ? off2 : off1);
}

/** Go's t.AddDate(years, months, days) in a zone. */
export function addDateIn(zone: string, unixSec: number, years: number, months: number, days: number): number {
  const f = fieldsIn(zone, unixSec);
  return dateIn(zone, f.year + years, f.month + months, f.day + days, f.hour, f.minute, f.second);
}

/** Days in a month (month 1-12). */
export function daysIn(year: number, month: number): number {
  return daysFromCivil(year, month + 1, 1) - daysFromCivil(year, month, 1);
}

/** RFC 3339 with the zone's offset (Go's t.In(loc).Format(time.RFC3339)): Z for UTC. */
export function formatRFC3339In(zone: string, unixSec: number): string {
  const off = offsetAt(zone, unixSec);
  const f = fieldsIn(zone, unixSec);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${p(f.year, 4)}-${p(f.month)}-${p(f.day)}T${p(f.hour)}:${p(f.minute)}:${p(f.second)}`;
  if (off === 0) return `${date}Z`;
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${date}${sign}${p(Math.floor(a / 3600))}:${p(Math.floor((a % 3600) / 60))}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's t.UTC().Format(time.RFC1123Z): "Mon, 02 Jan 2006 15:04:05 +0000". */
export function formatRFC1123ZUTC(unixSec: number): string {
  const f = fieldsIn(UTC, unixSec);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${DAYS[f.weekday]}, ${p(f.day)} ${MONTHS[f.month - 1]} ${p(f.year, 4)} ${p(f.hour)}:${p(f.minute)}:${p(f.second)} +0000`;
}
