/**
 * JSON forms of the apimachinery types whose JSON is not their protobuf message shape:
 * metav1.Time (RFC 3339, seconds), metav1.MicroTime (RFC 3339, 6 fractional digits) and
 * metav1.Duration (Go time.Duration.String()).
 */

/** metav1.Time JSON: "2006-01-02T15:04:05Z" in UTC (sub-second part dropped, like upstream). */
export function formatTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** metav1.MicroTime JSON: "2006-01-02T15:04:05.000000Z" in UTC. */
export function formatMicroTime(seconds: number, nanos: number): string {
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  return `${base}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 timestamp into Unix seconds and nanoseconds. */
export function parseTime(s: string): { seconds: number; nanos: number } {
  const m = RFC3339.exec(s);
  if (!m) throw new Error(`parsing time ${JSON.stringify(s)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
  const zone = m[4]!.toUpperCase() === 'Z' ? 'Z' : m[4]!;
  const ms = Date.parse(`${m[1]}T${m[2]}${zone}`);
  if (Number.isNaN(ms)) throw new Error(`parsing time ${JSON.stringify(s)}: out of range`);
  const nanos = m[3] ? Number(m[3].slice(0, 9).padEnd(9, '0')) : 0;
  return { seconds: Math.floor(ms / 1000), nanos };
}

function fmtFrac(v: bigint, div: bigint, digits: number): string {
  const int = v / div;
  const frac = (v % div).toString().padStart(digits, '0').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : `${int}`;
}

/** Go's time.Duration.String() for a duration in nanoseconds. */
export function formatDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  const u = ns < 0n ? -ns : ns;
  if (u < 1000n) return `${sign}${u}ns`;
  if (u < 1_000_000n) return `${sign}${fmtFrac(u, 1000n, 3)}µs`;
  if (u < 1_000_000_000n) return `${sign}${fmtFrac(u, 1_000_000n, 6)}ms`;
  const secs = `${fmtFrac(u % 60_000_000_000n, 1_000_000_000n, 9)}s`;
  const minutes = (u / 60_000_000_000n) % 60n;
  const hours = u / 3_600_000_000_000n;
  if (hours > 0n) return `${sign}${hours}h${minutes}m${secs}`;
  if (minutes > 0n) return `${sign}${minutes}m${secs}`;
  return `${sign}${secs}`;
}

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n,
  μs: 1000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** Go's time.ParseDuration, returning nanoseconds. */
export function parseDuration(s: string): bigint {
  const bad = () => new Error(`time: invalid duration ${JSON.stringify(s)}`);
  let rest = s;
  let sign = 1n;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1n;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (!rest) throw bad();
  let total = 0n;
  const part = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;
  while (rest) {
    const m = part.exec(rest);
    if (!m || (!m[1] && !m[2])) throw bad();
    const unit = UNIT_NS[m[3]!]!;
    total += BigInt(m[1] || '0') * unit;
    if (m[2]) total += (BigInt(m[2]) * unit) / 10n ** BigInt(m[2].length);
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}
